"""CLI tests for ``summit-i18n prefill``: exit codes, dry run, output, secrets."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from summit_i18n.cli import app
from summit_i18n.po import read_po
from summit_i18n.prefill.testing import FakeTranslationServer

runner = CliRunner()
SECRET = "sk-SECRET-0123456789"
HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Language: fr\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n')
BODY = ('#: source/page.md:1\nmsgid "Hello `x` world."\nmsgstr ""\n\n'
        '#: source/page.md:3\nmsgid "Second sentence."\nmsgstr ""\n')


@pytest.fixture(autouse=True)
def catalogs_stay_valid(tmp_path: Path,
                        check_all_catalogs: Callable[[Path], int]) -> Iterator[None]:
    """Every catalog a test leaves behind passes GNU msgfmt --check."""
    yield
    check_all_catalogs(tmp_path)


@pytest.fixture
def server() -> Iterator[FakeTranslationServer]:
    with FakeTranslationServer() as fake:
        yield fake


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    from summit_i18n.prefill import runner as prefill_runner

    monkeypatch.setattr(prefill_runner, "DEFAULT_RETRY",
                        prefill_runner.RetryPolicy(attempts=3, base=0.01, cap=0.02))


@pytest.fixture
def root(make_project: Callable[..., Path]) -> Path:
    return make_project({"locale/page.pot": HEADER + BODY,
                         "locale/fr/LC_MESSAGES/page.po": HEADER + BODY},
                        config='languages = ["fr"]\n[prefill]\ntimeout = 2\n')


def invoke(root: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, ["-C", str(root), "prefill", *args], env=env)


def po_file(root: Path) -> Path:
    return root / "locale/fr/LC_MESSAGES/page.po"


def test_success_exit_0_with_summary(root: Path, server: FakeTranslationServer,
                                     msgfmt_check: Callable[..., None]) -> None:
    result = invoke(root, "--backend", "libre", "--url", server.url, "-l", "fr")
    assert result.exit_code == 0, result.output
    assert "2 request(s) sent" in result.stdout
    assert "fr" in result.stdout
    assert "libre 2" in result.stdout
    assert result.stderr == ""
    entries = {e.msgid: e for e in read_po(po_file(root)).entries}
    assert entries["Hello `x` world."].msgstr == "«fr» hELLO `x` WORLD."
    msgfmt_check(po_file(root))


def test_dry_run_sends_nothing_and_writes_nothing(root: Path,
                                                  server: FakeTranslationServer) -> None:
    before = po_file(root).read_bytes()
    result = invoke(root, "--backend", "libre", "--url", server.url, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "nothing was sent" in result.stdout
    assert "requests" in result.stdout
    assert server.request_count == 0
    assert po_file(root).read_bytes() == before


def test_rejected_entries_exit_1_listed_as_path_line(root: Path,
                                                     server: FakeTranslationServer) -> None:
    server.always("echo", when=lambda t: "Second" in t)
    result = invoke(root, "--backend", "libre", "--url", server.url)
    assert result.exit_code == 1, result.output
    assert ("locale/fr/LC_MESSAGES/page.po:12: fr: left empty: the service returned the "
            "English unchanged") in result.stderr


def test_service_failure_exit_4_after_saving(root: Path, server: FakeTranslationServer) -> None:
    server.always("500", when=lambda t: "Second" in t)
    result = invoke(root, "--backend", "libre", "--url", server.url, "--workers", "1")
    assert result.exit_code == 4, result.output
    assert "error: libre: server error (HTTP 500)" in result.stderr
    assert "saved" in result.stderr
    entries = {e.msgid: e for e in read_po(po_file(root)).entries}
    assert entries["Hello `x` world."].msgstr  # what was done before the failure is kept


@pytest.mark.parametrize("how", ["option", "environment"])
def test_secrets_never_in_output(root: Path, server: FakeTranslationServer, how: str) -> None:
    server.settings.required_key = "another-key"  # the server refuses ours: HTTP 403
    args = ["--backend", "libre", "--url", server.url]
    env = {"SUMMIT_I18N_LIBRE_API_KEY": SECRET}
    if how == "option":
        args += ["--api-key", SECRET]
        env = {}
    result = invoke(root, *args, env=env)
    assert result.exit_code == 4, result.output
    assert "refused" in result.stderr
    assert server.requests[0]["api_key"] == SECRET  # it was really used
    assert SECRET not in result.stdout + result.stderr
    assert result.exc_info is None or result.exc_info[0] is SystemExit
    cache = root / ".summit-i18n" / "cache.sqlite"
    assert not cache.exists() or SECRET.encode() not in cache.read_bytes()


def test_secret_not_shown_when_the_server_is_unreachable(root: Path) -> None:
    result = invoke(root, "--backend", "libre", "--url", "http://127.0.0.1:9/",
                    "--api-key", SECRET)
    assert result.exit_code == 4
    assert "cannot connect to 127.0.0.1:9" in result.stderr
    assert SECRET not in result.stdout + result.stderr


def test_usage_errors_exit_2(root: Path) -> None:
    result = invoke(root, "--backend", "babelfish")
    assert result.exit_code == 2
    assert "unknown prefill backend 'babelfish'" in result.stderr
    result = invoke(root, "--backend", "libre")
    assert result.exit_code == 2
    assert "libre needs the address" in result.stderr
    result = invoke(root, "--backend", "deepl", "-l", "fr")
    assert result.exit_code == 2
    assert "SUMMIT_I18N_DEEPL_API_KEY" in result.stderr


def test_unsupported_language_exit_2_before_sending(make_project: Callable[..., Path],
                                                    server: FakeTranslationServer) -> None:
    root = make_project({"locale/page.pot": HEADER + BODY}, config='languages = ["ko"]\n')
    result = invoke(root, "--backend", "deepl", "--api-key", SECRET)
    assert result.exit_code == 2
    assert "deepl cannot translate into ko (Korean)" in result.stderr
    assert SECRET not in result.stderr


def test_pseudo_backend_offline(root: Path) -> None:
    result = invoke(root, "--backend", "pseudo")
    assert result.exit_code == 0, result.output
    entries = {e.msgid: e for e in read_po(po_file(root)).entries}
    assert entries["Hello `x` world."].msgstr.startswith("[!! Ĥéĺĺö `x` ŵöŕĺđ.")
    assert str(entries["Hello `x` world."].machine_provenance()).startswith("pseudo ")


def test_progress_bars_per_language() -> None:
    import io

    from rich.console import Console
    from rich.progress import Progress

    from summit_i18n.cli.prefill import _Bars
    from summit_i18n.prefill.runner import LanguageStats

    console = Console(file=io.StringIO(), force_terminal=True, width=100)
    with Progress(console=console) as progress:
        bars = _Bars(progress)
        bars(LanguageStats("fr", total=4))
        bars(LanguageStats("fr", total=4, done=2, cached=1, rejected=1))
        bars(LanguageStats("ja", total=2, done=2))
        fr, ja = progress.tasks
    assert (fr.description, fr.total, fr.completed) == ("fr", 4, 3)
    assert fr.fields == {"cached": 1, "rejected": 1}
    assert (ja.description, ja.completed, ja.finished) == ("ja", 2, True)

"""``max_catalog_mb``: every command that reads catalogs refuses a larger one, clearly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summit_i18n.cli import app

runner = CliRunner()
MakeProject = Callable[..., Path]

HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: big\\n"\n"Language: fr\\n"\n'
    '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
)
LIMIT_MESSAGE = "larger than the limit of 1.0 MB (raise `max_catalog_mb` in the configuration"


def _big_catalog(translated: bool) -> str:
    """A little over 1 MiB: 6,000 messages of ~100 characters each."""
    parts = [HEADER]
    for i in range(6_000):
        english = f"Message number {i} of a catalog that is larger than the configured limit."
        french = f"Message numéro {i} d'un catalogue plus grand que la limite configurée." \
            if translated else ""
        parts.append(f'#: big.md:{i + 1}\nmsgid "{english}"\nmsgstr "{french}"\n\n')
    return "".join(parts)


@pytest.fixture
def big_project(make_project: MakeProject) -> Path:
    po = _big_catalog(translated=True)
    pot = _big_catalog(translated=False).replace('"Language: fr\\n"\n', "")
    assert len(po.encode()) > 2**20
    return make_project(
        {"locale/big.pot": pot, "locale/fr/LC_MESSAGES/big.po": po},
        config='languages = ["fr"]\nmax_catalog_mb = 1\n',
    )


@pytest.mark.parametrize(
    "args",
    [
        ["update"],
        ["check"],
        ["status"],
        ["compile"],
        ["review", "fr"],
        ["report", "-o", "report.html"],
        ["prefill", "--backend", "pseudo", "--dry-run"],
    ],
    ids=lambda a: a[0],
)
def test_catalog_over_the_limit_is_refused(big_project: Path, args: list[str],
                                           msgfmt_check: Callable[..., None]) -> None:
    po = big_project / "locale" / "fr" / "LC_MESSAGES" / "big.po"
    before = po.read_bytes()
    msgfmt_check(po)
    result = runner.invoke(app, ["-C", str(big_project), *args])
    assert result.exit_code == 3, (result.exit_code, result.stdout, result.stderr)
    assert LIMIT_MESSAGE in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert po.read_bytes() == before
    assert not (big_project / "locale" / "fr" / "LC_MESSAGES" / "big.mo").exists()


def test_build_leaves_out_a_catalog_over_the_limit(big_project: Path) -> None:
    """``build`` warns and publishes that language's pages in English."""
    from summit_i18n.config import find_project, language
    from summit_i18n.render import site

    warnings: list[str] = []
    project = find_project(explicit=big_project)
    assert site._catalog(project, language("fr"), "big", warnings) is None
    assert len(warnings) == 1
    assert LIMIT_MESSAGE in warnings[0]


def test_files_given_alone_use_the_default_limit(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """``check FILE`` / ``status FILE`` need no project: the default 512 MB applies."""
    from summit_i18n import checks, status
    from summit_i18n.config import Config

    po = tmp_path / "fr.po"
    po.write_text(_big_catalog(translated=True), encoding="utf-8")
    assert Config.max_catalog_mb == 512
    report = checks.check_files([po])
    assert report.files == [str(po)]
    assert status.file_status(po).total == 6_000
    monkeypatch.setattr(Config, "max_catalog_mb", 1)
    result = runner.invoke(app, ["check", str(po)])
    assert result.exit_code == 3
    assert LIMIT_MESSAGE in result.stderr


def test_just_under_the_limit_is_read(big_project: Path) -> None:
    (big_project / "summit-i18n.toml").write_text('languages = ["fr"]\nmax_catalog_mb = 2\n')
    result = runner.invoke(app, ["-C", str(big_project), "status"])
    assert result.exit_code == 0, result.stderr
    assert "6000" in result.stdout

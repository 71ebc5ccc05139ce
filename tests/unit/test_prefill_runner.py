"""Tests for summit_i18n.prefill.runner against the fake LibreTranslate server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from summit_i18n.catalog import Entry
from summit_i18n.config import find_project
from summit_i18n.errors import UsageError
from summit_i18n.po import read_po
from summit_i18n.prefill.masking import mask, restore
from summit_i18n.prefill.runner import (
    PrefillOptions,
    PrefillReport,
    RetryPolicy,
    prefill,
    reject_reason,
    split_to_fit,
)
from summit_i18n.prefill.testing import (
    MYMEMORY_NOTICE,
    FakeTranslationServer,
    fake_translate,
    wait_for_requests,
)
from summit_i18n.provenance import draft_state, machine_comment

NOW = datetime(2026, 11, 26, 23, 59, tzinfo=UTC)
FAST = RetryPolicy(attempts=4, base=0.01, cap=0.05)
PLURALS = {"fr": "nplurals=2; plural=(n > 1);", "ja": "nplurals=1; plural=0;",
           "zh_Hans": "nplurals=1; plural=0;", "zh_Hant": "nplurals=1; plural=0;"}
GLOSSARY = """\
terms:
  - en: Falun Gong
    fr: keep
    ja: 法輪功
  - en: prisoners of conscience
    fr: prisonniers d’opinion
"""

ENTRIES = """\
#: source/page.md:1
msgid "Hello **world**, see [the docs](https://example.org/docs)."
msgstr ""

#: source/page.md:3
msgid "Falun Gong practitioners are prisoners of conscience."
msgstr ""

#: source/page.md:5
msgid "Already translated"
msgstr "{human}"

#: source/page.md:7
#, python-format
msgid "%(n)d report"
msgid_plural "%(n)d reports"
{plural}

#: source/page.md:9
msgid ""
"  Leading and trailing\\n"
msgstr ""

#: source/page.md:11
msgid "`make test`"
msgstr ""
"""


def header(lang: str | None) -> str:
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"']
    if lang:
        lines += [f'"Language: {lang}\\n"', f'"Plural-Forms: {PLURALS[lang]}\\n"']
    return "\n".join(lines) + "\n\n"


def po_text(lang: str | None, body: str = ENTRIES) -> str:
    n = int(PLURALS[lang][9]) if lang else 2
    plural = "\n".join(f'msgstr[{i}] ""' for i in range(n))
    human = {"fr": "Déjà traduit", "ja": "翻訳済み"}.get(lang or "", "")
    return header(lang) + body.replace("{plural}", plural).replace("{human}", human)


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


@pytest.fixture
def project_root(make_project: Callable[..., Path]) -> Path:
    files = {"locale/page.pot": po_text(None), "locale/glossary.yaml": GLOSSARY}
    for lang in ("fr", "ja"):
        files[f"locale/{lang}/LC_MESSAGES/page.po"] = po_text(lang)
    return make_project(files, config='languages = ["fr", "ja"]\n')


def run(root: Path, server: FakeTranslationServer, **options: object) -> PrefillReport:
    settings: dict[str, object] = {"backend": "libre", "url": server.url, "retry": FAST,
                                   "timeout": 5.0}
    settings.update(options)
    return prefill(find_project(explicit=root), PrefillOptions(**settings),  # type: ignore[arg-type]
                   now=NOW)


def entries(root: Path, lang: str, domain: str = "page") -> dict[str, Entry]:
    catalog = read_po(root / "locale" / lang / "LC_MESSAGES" / f"{domain}.po")
    return {e.msgid: e for e in catalog.entries}


def expected(english: str, target: str, terms: dict[str, str] | None = None) -> str:
    """What the fake server's answer restores to."""
    from summit_i18n.glossary import Term

    pairs = [(Term(en, {"x": out}), out) for en, out in (terms or {}).items()]
    masked = mask(english, terms=sorted(pairs, key=lambda p: -len(p[0].english)))
    return restore(masked, fake_translate(masked.text, target))


# -- filling ----------------------------------------------------------------------------


def test_fills_only_empty_entries_marked_as_machine_drafts(
    project_root: Path, server: FakeTranslationServer, msgfmt_check: Callable[..., None]
) -> None:
    report = run(project_root, server)
    assert report.failure is None
    assert report.problems == []
    fr = entries(project_root, "fr")
    hello = fr["Hello **world**, see [the docs](https://example.org/docs)."]
    assert hello.msgstr == "«fr» hELLO **WORLD**, SEE [THE DOCS](https://example.org/docs)."
    assert hello.fuzzy
    assert hello.translator_comments == (machine_comment("libre", "2026-11-26", hello),)
    assert draft_state(hello) == "current"
    human = fr["Already translated"]
    assert human.msgstr == "Déjà traduit"
    assert not human.fuzzy
    assert human.translator_comments == ()
    for lang in ("fr", "ja"):
        msgfmt_check(project_root / "locale" / lang / "LC_MESSAGES" / "page.po")
    stats = {s.lang: s for s in report.stats}
    assert (stats["fr"].total, stats["fr"].done, stats["fr"].rejected) == (5, 5, 0)


def test_glossary_renderings_are_enforced(project_root: Path,
                                          server: FakeTranslationServer) -> None:
    run(project_root, server)
    english = "Falun Gong practitioners are prisoners of conscience."
    assert entries(project_root, "fr")[english].msgstr == \
        "«fr» Falun Gong PRACTITIONERS ARE prisonniers d’opinion."
    assert entries(project_root, "ja")[english].msgstr == \
        "«ja» 法輪功 PRACTITIONERS ARE PRISONERS OF CONSCIENCE."


def test_plural_entries_get_nplurals_forms(project_root: Path,
                                           server: FakeTranslationServer) -> None:
    run(project_root, server)
    fr = entries(project_root, "fr")["%(n)d report"]
    assert fr.msgstr_plural == {0: "«fr» %(n)d REPORT", 1: "«fr» %(n)d REPORTS"}
    ja = entries(project_root, "ja")["%(n)d report"]
    assert ja.msgstr_plural == {0: "«ja» %(n)d REPORTS"}


def test_whitespace_restored_and_prose_free_text_not_sent(
    project_root: Path, server: FakeTranslationServer
) -> None:
    run(project_root, server)
    fr = entries(project_root, "fr")
    assert fr["  Leading and trailing\n"].msgstr == "  «fr» lEADING AND TRAILING\n"
    assert fr["`make test`"].msgstr == "`make test`"
    assert fr["`make test`"].fuzzy
    assert all("make test" not in text for text in server.texts())


def test_unchanged_entries_written_back_byte_for_byte(project_root: Path,
                                                      server: FakeTranslationServer) -> None:
    run(project_root, server)
    text = (project_root / "locale/fr/LC_MESSAGES/page.po").read_text(encoding="utf-8")
    assert header("fr") in text
    assert '#: source/page.md:5\nmsgid "Already translated"\nmsgstr "Déjà traduit"\n' in text


# -- throughput and faults ----------------------------------------------------------------


def many_entries(make_project: Callable[..., Path], count: int, lang: str = "fr",
                 text: Callable[[int], str] = lambda i: f"Sentence number {i} is here.") -> Path:
    body = "".join(f'#: source/page.md:{i + 1}\nmsgid "{text(i)}"\nmsgstr ""\n\n'
                   for i in range(count))
    return make_project({"locale/page.pot": header(None) + body,
                         f"locale/{lang}/LC_MESSAGES/page.po": header(lang) + body},
                        config=f'languages = ["{lang}"]\n')


def test_requests_run_concurrently_up_to_workers(make_project: Callable[..., Path],
                                                 server: FakeTranslationServer) -> None:
    root = many_entries(make_project, 24)
    server.settings.latency = 0.05
    report = run(root, server, workers=4)
    assert report.requests == 24
    assert 2 <= server.max_in_flight <= 4
    assert all(e.msgstr for e in entries(root, "fr").values())


def test_too_many_requests_and_server_errors_are_retried(
    make_project: Callable[..., Path], server: FakeTranslationServer
) -> None:
    root = many_entries(make_project, 5)
    server.fail_next("429", "503", "500")  # three failures, four attempts: still fine
    report = run(root, server, workers=1)
    assert report.failure is None
    assert report.problems == []
    assert server.request_count == 5 + 3
    assert report.requests == 8


def test_a_hanging_request_times_out_and_is_retried(
    make_project: Callable[..., Path], server: FakeTranslationServer
) -> None:
    root = many_entries(make_project, 3)
    server.settings.hang_seconds = 20
    server.fail_next("hang")
    report = run(root, server, workers=1, timeout=1.0)
    assert report.failure is None
    assert all(e.msgstr for e in entries(root, "fr").values())


def test_a_service_that_keeps_failing_ends_the_run_after_saving(
    make_project: Callable[..., Path], server: FakeTranslationServer,
    msgfmt_check: Callable[..., None],
) -> None:
    root = many_entries(make_project, 6, text=lambda i: f"Sentence {'FAIL' if i == 5 else i}.")
    server.always("500", when=lambda t: "FAIL" in t)
    report = run(root, server, workers=1)
    assert report.failure is not None
    assert "libre: server error (HTTP 500)" in report.failure
    assert "gave up after 4 attempts" in report.failure
    filled = [e for e in entries(root, "fr").values() if e.msgstr]
    assert len(filled) == 5  # everything answered before is saved
    assert all(e.msgstr == expected(e.msgid, "fr") for e in filled)
    msgfmt_check(root / "locale/fr/LC_MESSAGES/page.po")


def test_damaged_tokens_are_retried_in_smaller_pieces(
    make_project: Callable[..., Path], server: FakeTranslationServer
) -> None:
    english = "Read `a` first. Then read `b`."
    root = many_entries(make_project, 1, text=lambda i: english)
    server.always("damage", when=lambda t: t.count("⟦") > 1)  # whole segment only
    report = run(root, server)
    assert report.problems == []
    assert entries(root, "fr")[english].msgstr == "«fr» rEAD `a` FIRST. «fr» tHEN READ `b`."
    assert server.texts() == ["Read ⟦1⟧ first. Then read ⟦2⟧.", "Read ⟦1⟧ first.",
                              "Then read ⟦2⟧."]


def test_damaged_tokens_after_retry_leave_the_entry_empty_and_reported(
    make_project: Callable[..., Path], server: FakeTranslationServer
) -> None:
    root = many_entries(make_project, 2, text=lambda i: ["Use `x` now. Or `y`.", "No code"][i])
    server.always("damage")
    report = run(root, server)
    fr = entries(root, "fr")
    assert fr["Use `x` now. Or `y`."].msgstr == ""
    assert fr["No code"].msgstr == "«fr» nO CODE"
    [problem] = report.problems
    assert (problem.path, problem.line) == ("locale/fr/LC_MESSAGES/page.po", 8)  # its msgid
    assert "damaged protected text" in problem.reason
    assert str(problem).startswith("locale/fr/LC_MESSAGES/page.po:8: ")


@pytest.mark.parametrize(("fault", "reason"), [
    ("echo", "returned the English unchanged"),
    ("null", "gave no translation"),
    ("empty", "empty text"),
    ("entity", "HTML entity (&#39;)"),
    ("notice", "a notice, not a translation (MYMEMORY WARNING"),
])
def test_bad_answers_are_rejected_reported_and_not_cached(
    make_project: Callable[..., Path], server: FakeTranslationServer, fault: str, reason: str
) -> None:
    root = many_entries(make_project, 1)
    server.always(fault)
    report = run(root, server)
    [problem] = report.problems
    assert reason in problem.reason
    assert entries(root, "fr")["Sentence number 0 is here."].msgstr == ""
    server.always(None)
    report = run(root, server)
    assert report.problems == []
    assert server.request_count == 2  # the rejected answer was not cached


def test_reject_reason() -> None:
    assert reject_reason("Hello", "Bonjour") is None
    assert reject_reason("Hello  world", " Hello world ") == \
        "the service returned the English unchanged"
    assert reject_reason("Hello", MYMEMORY_NOTICE) is not None
    assert reject_reason("Hello", "L&apos;ami") is not None


def test_long_segments_are_split_under_the_limit_and_joined(
    make_project: Callable[..., Path], server: FakeTranslationServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from deep_translator import mymemory

    monkeypatch.setitem(mymemory.BASE_URLS, "MYMEMORY", server.url + "get")
    sentences = [f"Sentence {i} " + "word " * 40 + "end." for i in range(4)]
    english = " ".join(sentences)
    assert len(english) > 500
    root = many_entries(make_project, 1, text=lambda i: english)
    report = run(root, server, backend="mymemory", rate_limit=1000.0)
    assert report.problems == []
    assert server.request_count >= 2
    assert all(len(text) < 500 for text in server.texts())
    assert entries(root, "fr")[english].msgstr == " ".join(
        fake_translate(piece.strip(), "fr-FR") for piece in server.texts())
    (root / "locale/fr/LC_MESSAGES/page.po").write_text(
        (root / "locale/page.pot").read_text(encoding="utf-8").replace(
            "charset=UTF-8\\n\"\n", "charset=UTF-8\\n\"\n\"Language: fr\\n\"\n", 1),
        encoding="utf-8")
    sent = server.request_count
    report = run(root, server, backend="mymemory", rate_limit=1000.0)
    assert server.request_count == sent  # every piece came from the cache
    assert report.stats[0].cached == 1


def test_split_to_fit_never_cuts_a_token() -> None:
    text = "A ⟦1⟧ b. " + "⟦2⟧" * 10 + "c" * 30
    pieces = split_to_fit(text, lambda s: len(s) <= 12)
    assert "".join(pieces) == text
    assert all(len(p) <= 12 for p in pieces)
    assert all(p.count("⟦") == p.count("⟧") for p in pieces)


# -- cache, chains, dry run, resume --------------------------------------------------------


def test_second_run_after_clearing_sends_nothing(project_root: Path,
                                                 server: FakeTranslationServer) -> None:
    run(project_root, server)
    sent = server.request_count
    assert sent > 0
    assert (project_root / ".summit-i18n" / "cache.sqlite").is_file()
    for lang in ("fr", "ja"):
        (project_root / "locale" / lang / "LC_MESSAGES" / "page.po").write_text(
            po_text(lang), encoding="utf-8")
    report = run(project_root, server)
    assert server.request_count == sent
    assert report.requests == 0
    assert all(s.cached == s.done == 5 for s in report.stats)


def test_chain_memory_then_service(make_project: Callable[..., Path],
                                   server: FakeTranslationServer) -> None:
    body = 'msgid "Hello"\nmsgstr ""\n\nmsgid "Other"\nmsgstr ""\n'
    root = make_project({
        "locale/a.pot": header(None) + body, "locale/b.pot": header(None) + body,
        "locale/fr/LC_MESSAGES/a.po": header("fr") + body,
        "locale/fr/LC_MESSAGES/b.po": header("fr") + body.replace(
            'msgid "Hello"\nmsgstr ""', 'msgid "Hello"\nmsgstr "Bonjour"'),
    }, config=f'languages = ["fr"]\n[prefill]\nfr = ["memory", "libre"]\nurl = "{server.url}"\n')
    report = prefill(find_project(explicit=root), PrefillOptions(retry=FAST), now=NOW)
    a = entries(root, "fr", "a")
    assert a["Hello"].msgstr == "Bonjour"
    assert a["Hello"].translator_comments == (machine_comment("memory", "2026-11-26", a["Hello"]),)
    assert a["Other"].msgstr == "«fr» oTHER"
    assert server.texts() == ["Other"]
    assert report.stats[0].by_backend == Counter({"memory": 1, "libre": 2})


def test_zh_hant_from_reviewed_zh_hans_then_libre(make_project: Callable[..., Path],
                                                  server: FakeTranslationServer) -> None:
    body = 'msgid "Software"\nmsgstr ""\n\nmsgid "Click here"\nmsgstr ""\n'
    root = make_project({
        "locale/a.pot": header(None) + body,
        "locale/zh_Hant/LC_MESSAGES/a.po": header("zh_Hant") + body,
        "locale/zh_Hans/LC_MESSAGES/a.po": header("zh_Hans") + body.replace(
            'msgid "Software"\nmsgstr ""', 'msgid "Software"\nmsgstr "软件"'),
    }, config='languages = ["zh_Hant", "zh_Hans"]\n'
              '[prefill]\nzh_Hant = ["opencc", "libre"]\nzh_Hans = ["libre"]\n')
    report = prefill(find_project(explicit=root),
                     PrefillOptions(retry=FAST, url=server.url), now=NOW)
    assert report.problems == []
    hant = entries(root, "zh_Hant", "a")
    assert hant["Software"].msgstr == "軟體"
    assert hant["Software"].translator_comments == (
        machine_comment("opencc", "2026-11-26", hant["Software"]),)
    assert hant["Click here"].msgstr == "«zh» cLICK HERE"
    # Both scripts share LibreTranslate's "zh": "Click here" was sent once.
    assert server.texts() == ["Click here"]


def test_dry_run_sends_and_writes_nothing(project_root: Path,
                                          server: FakeTranslationServer) -> None:
    before = {p: p.read_bytes() for p in project_root.rglob("*.po")}
    report = run(project_root, server, dry_run=True)
    assert report.dry_run
    assert server.request_count == 0
    assert {p: p.read_bytes() for p in project_root.rglob("*.po")} == before
    assert not (project_root / ".summit-i18n" / "cache.sqlite").exists()
    fr = next(s for s in report.stats if s.lang == "fr")
    assert (fr.total, fr.to_send, fr.requests) == (5, 4, 5)
    assert fr.characters > 0


def test_unsupported_language_fails_before_anything_is_sent(
    make_project: Callable[..., Path], server: FakeTranslationServer
) -> None:
    root = many_entries(make_project, 2, lang="fr")
    (root / "summit-i18n.toml").write_text('languages = ["fr", "sw"]\n')
    with pytest.raises(UsageError, match=r"libre cannot translate into sw \(Swahili\)"):
        run(root, server)
    assert server.request_count == 0


def test_progress_callback_sees_every_language(project_root: Path,
                                               server: FakeTranslationServer) -> None:
    seen: list[tuple[str, int, int]] = []
    prefill(find_project(explicit=project_root),
            PrefillOptions(backend="libre", url=server.url, retry=FAST), now=NOW,
            progress=lambda s: seen.append((s.lang, s.total, s.done)))
    assert ("fr", 5, 5) in seen
    assert ("ja", 5, 5) in seen
    assert ("fr", 5, 0) in seen


@pytest.mark.slow
def test_interrupted_runs_lose_nothing_done_and_the_next_run_completes(
    make_project: Callable[..., Path], server: FakeTranslationServer,
    msgfmt_check: Callable[..., None],
) -> None:
    count, workers = 60, 2
    root = many_entries(make_project, count)
    po_path = root / "locale/fr/LC_MESSAGES/page.po"
    server.settings.latency = 0.1
    command = [sys.executable, "-m", "summit_i18n", "-C", str(root), "prefill",
               "--backend", "libre", "--url", server.url, "--workers", str(workers)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}

    def filled() -> int:
        return sum(1 for e in read_po(po_path).entries if e.msgstr and e.msgid)

    # 1. Ctrl-C: the command saves what it has and exits 130.
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    assert wait_for_requests(server, 10)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "interrupted" in err
    after_sigint = filled()
    assert after_sigint >= 10 - workers
    msgfmt_check(po_path)

    # 2. A crash: killed outright; answers already received are in the cache.
    answered = server.request_count
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert wait_for_requests(server, answered + 10)
    time.sleep(0.05)
    proc.kill()
    proc.communicate(timeout=30)
    assert filled() >= after_sigint
    msgfmt_check(po_path)

    # 3. The next run completes, re-sending at most what was in flight when stopped.
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert filled() == count
    resent = sum(n - 1 for n in Counter(server.texts()).values())
    assert resent <= 2 * workers
    catalog = read_po(po_path)
    assert all(e.msgstr == expected(e.msgid, "fr") and e.fuzzy
               for e in catalog.entries if e.msgid)
    msgfmt_check(po_path)


def test_package_exports() -> None:
    import summit_i18n.prefill as package

    assert sorted(package.__all__) == sorted(
        ["DEFAULT_RETRY", "LanguageStats", "PrefillOptions", "PrefillReport", "Problem",
         "RetryPolicy", "ServiceSummary", "prefill"])
    assert all(hasattr(package, name) for name in package.__all__)
    assert package.prefill is prefill

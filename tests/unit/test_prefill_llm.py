"""The llm backend against the fake model server: batches with context, repaired answers,
drafts that know their English, chains that fall through."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.console import Console

from summit_i18n.catalog import Entry
from summit_i18n.config import find_project
from summit_i18n.errors import UsageError
from summit_i18n.glossary import load_glossary
from summit_i18n.po import read_po, write_po
from summit_i18n.prefill.backends.llm import DEFAULT_CONVENTIONS, read_answer
from summit_i18n.prefill.masking import mask, restore
from summit_i18n.prefill.runner import PrefillOptions, PrefillReport, RetryPolicy, prefill
from summit_i18n.prefill.testing import (
    FakeModelServer,
    FakeTranslationServer,
    fake_model_translate,
    fake_translate,
)
from summit_i18n.provenance import draft_state, english_digest, machine_comment
from summit_i18n.review import ReviewSession, _show, accept_entry, english_change
from summit_i18n.status import project_status
from summit_i18n.update import update_project

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
FAST = RetryPolicy(attempts=3, base=0.01, cap=0.02)
PLURALS = {"fr": "nplurals=2; plural=(n > 1);", "ja": "nplurals=1; plural=0;"}
GLOSSARY = """\
terms:
  - en: Falun Gong
    fr: keep
    ja: 法輪功
  - en: prisoners of conscience
    fr: prisonniers d’opinion
    ja: 良心の囚人
"""
TITLE = "World Summit on Organ Harvesting"
# (msgid, notes) in document order
SEGMENTS = [
    ("World Summit on Organ Harvesting", ("Title of the announcement.",)),
    ("The summit opens on Monday in Taipei.", ()),
    ("Falun Gong practitioners are prisoners of conscience.", ("A news sentence.",)),
    ("Read [the report](https://example.org/report) before you come.", ()),
    ("Speakers come from **ten** countries.", ()),
    ("Register by `email` or on the website.", ("Keep it short.",)),
    ("The summit closes on Friday.", ()),
]
REVIEWED = {  # another document with reviewed translations: the translation memory
    "fr": ("The summit opens on Sunday in Taipei.", "Le sommet s’ouvre dimanche à Taipei."),
    "ja": ("The summit opens on Sunday in Taipei.", "サミットは日曜日に台北で開幕します。"),
}


def header(lang: str | None, title: str = TITLE) -> str:
    lines = [f"# {title} (source/news.md) — Test site.", "#", '#, fuzzy', 'msgid ""',
             'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"']
    if lang:
        lines += [f'"Language: {lang}\\n"', f'"Plural-Forms: {PLURALS[lang]}\\n"']
    return "\n".join(lines) + "\n\n"


def body(segments: list[tuple[str, tuple[str, ...]]]) -> str:
    out = []
    for i, (msgid, notes) in enumerate(segments):
        out.append("".join(f"#. {n}\n" for n in notes) + f"#: source/news.md:{i + 1}\n"
                   f'msgid "{msgid}"\nmsgstr ""\n')
    return "\n".join(out)


def memory_po(lang: str | None) -> str:
    english, translation = REVIEWED[lang or "fr"]
    return (header(lang, "Older news") + f'#: source/old.md:1\nmsgid "{english}"\n'
            f'msgstr "{translation if lang else ""}"\n')


@pytest.fixture(autouse=True)
def catalogs_stay_valid(tmp_path: Path,
                        check_all_catalogs: Callable[[Path], int]) -> Iterator[None]:
    yield
    check_all_catalogs(tmp_path)


@pytest.fixture
def model() -> Iterator[FakeModelServer]:
    with FakeModelServer() as fake:
        yield fake


@pytest.fixture
def root(make_project: Callable[..., Path]) -> Path:
    files = {"locale/news.pot": header(None) + body(SEGMENTS), "locale/glossary.yaml": GLOSSARY,
             "locale/old.pot": memory_po(None)}
    for lang in ("fr", "ja"):
        files[f"locale/{lang}/LC_MESSAGES/news.po"] = header(lang) + body(SEGMENTS)
        files[f"locale/{lang}/LC_MESSAGES/old.po"] = memory_po(lang)
    return make_project(files, config='languages = ["fr", "ja"]\n\n[prefill]\n'
                                      'model = "fake-model"\n')


def run(root: Path, server: FakeModelServer, **options: object) -> PrefillReport:
    settings: dict[str, object] = {"backend": "llm", "url": server.url, "retry": FAST,
                                   "timeout": 5.0}
    settings.update(options)
    return prefill(find_project(explicit=root), PrefillOptions(**settings),  # type: ignore[arg-type]
                   now=NOW)


def entries(root: Path, lang: str, domain: str = "news") -> dict[str, Entry]:
    catalog = read_po(root / "locale" / lang / "LC_MESSAGES" / f"{domain}.po")
    return {e.msgid: e for e in catalog.entries if not e.is_header}


def terms_in(english: str, lang: str) -> dict[str, str]:
    renderings = {"Falun Gong": {"fr": "Falun Gong", "ja": "法輪功"},
                  "prisoners of conscience": {"fr": "prisonniers d’opinion", "ja": "良心の囚人"}}
    return {en: r[lang] for en, r in renderings.items() if en in english}


def expected(english: str, lang: str) -> str:
    """The fake model's translation of ``english``, restored."""
    masked = mask(english)
    return restore(masked, fake_model_translate(masked.text, lang, terms_in(english, lang)))


def assert_all_own_answers(root: Path) -> None:
    for lang in ("fr", "ja"):
        found = entries(root, lang)
        for english, _ in SEGMENTS:
            entry = found[english]
            assert entry.msgstr == expected(english, lang), (lang, english)
            assert entry.fuzzy
            assert entry.translator_comments == (
                machine_comment("llm fake-model", "2026-12-01", entry),)


# -- batches, and every misbehaviour repaired per segment ----------------------------------


def test_one_request_per_document_and_language(root: Path, model: FakeModelServer) -> None:
    report = run(root, model)
    assert report.failure is None
    assert report.problems == []
    assert model.request_count == 2  # one batch of 7 segments per language
    assert report.requests == 2
    assert_all_own_answers(root)
    assert all(p["temperature"] == 0 and p["model"] == "fake-model" for p in model.prompts)


@pytest.mark.parametrize("fault", ["reorder", "drop", "merge", "repeat", "invent", "prose",
                                   "fence", "damage", "empty", "echo", "notjson", "429", "500",
                                   "slow", "trickle"])
def test_every_misbehaviour_is_repaired_per_segment(root: Path, model: FakeModelServer,
                                                    fault: str) -> None:
    model.settings.slow_seconds = 3.0
    model.fail_next(fault)
    report = run(root, model, timeout=1.0, workers=1)
    assert report.failure is None
    assert report.problems == []
    assert_all_own_answers(root)  # every entry filled with its own segment's answer
    repaired = sum(s.repaired for s in report.stats)
    if fault in ("reorder", "fence"):
        assert model.request_count == 2
        assert repaired == 0
    elif fault in ("429", "500", "slow", "trickle"):
        assert model.request_count == 3  # the batch retried whole
        assert repaired == 0
    else:
        assert repaired >= 1
        singles = [p for p in model.payloads() if len(p["segments"]) == 1]
        assert len(singles) == repaired  # each repaired segment asked alone, once
        assert model.request_count == 2 + repaired


def test_what_a_damaging_model_cannot_fix_is_left_empty(root: Path,
                                                        model: FakeModelServer) -> None:
    model.always("damage")
    report = run(root, model, languages=("fr",))
    # the one segment with a token per answer loses it, in the batch and alone
    assert report.failure is None
    assert len(report.problems) == 1
    assert "lost ⟦" in report.problems[0].reason
    assert "asked alone" in report.problems[0].reason
    fr = entries(root, "fr")
    left = [e for e in fr.values() if not e.msgstr]
    assert [e.msgid for e in left] == [SEGMENTS[3][0]]  # the first with a token, alone
    assert not left[0].fuzzy
    assert sum(1 for e in fr.values() if e.fuzzy) == len(SEGMENTS) - 1


def test_the_projects_length_bound_holds_for_model_answers(root: Path,
                                                           model: FakeModelServer) -> None:
    # The fake model prefixes «fr» to the English: longer than 1 × the English + 0.
    config = root / "summit-i18n.toml"
    config.write_text(config.read_text(encoding="utf-8")
                      + "\n[checks]\nmax_length_ratio = 1\nmax_length_extra = 0\n",
                      encoding="utf-8")
    report = run(root, model, languages=("fr",))
    assert report.failure is None
    assert len(report.problems) == len(SEGMENTS)
    assert all("more than 1 × the English" in p.reason for p in report.problems)
    assert not any(e.msgstr for e in entries(root, "fr").values())


# -- what the prompt carries ----------------------------------------------------------------


def test_prompt_carries_title_notes_glossary_examples_and_conventions(
        root: Path, model: FakeModelServer) -> None:
    run(root, model)
    by_lang = {}
    for prompt in model.prompts:
        system = prompt["messages"][0]["content"]
        lang = "ja" if "(ja)" in system else "fr"
        by_lang[lang] = (system, prompt["payload"])
    system, payload = by_lang["ja"]
    assert DEFAULT_CONVENTIONS["ja"] in system
    assert "です・ます" in system
    assert DEFAULT_CONVENTIONS["fr"] in by_lang["fr"][0]
    assert payload["document"] == TITLE
    assert [s["text"] for s in payload["segments"]] == [mask(e).text for e, _ in SEGMENTS]
    assert [s["id"] for s in payload["segments"]] == [str(i + 1) for i in range(len(SEGMENTS))]
    assert payload["segments"][2]["notes"] == ["A news sentence."]
    assert {"term": "Falun Gong", "required": "法輪功"} in payload["glossary"]
    assert {"term": "prisoners of conscience", "required": "良心の囚人"} in payload["glossary"]
    assert {"en": REVIEWED["ja"][0], "translation": REVIEWED["ja"][1]} in payload["examples"]
    assert by_lang["fr"][1]["examples"][0]["translation"] == REVIEWED["fr"][1]


def test_a_segment_asked_alone_carries_its_neighbours(root: Path,
                                                      model: FakeModelServer) -> None:
    model.fail_next("drop")  # drops segment 4: 3, 4 and 5 are asked again alone
    run(root, model, languages=("fr",), workers=1)
    singles = {p["segments"][0]["text"]: p for p in model.payloads() if len(p["segments"]) == 1}
    alone = singles[mask(SEGMENTS[3][0]).text]
    assert alone["text_before"] == SEGMENTS[2][0]
    assert alone["text_after"] == SEGMENTS[4][0]
    assert alone["document"] == TITLE
    assert len(singles) == 3


def test_configured_conventions_replace_the_defaults(root: Path,
                                                     model: FakeModelServer) -> None:
    config = root / "summit-i18n.toml"
    config.write_text(config.read_text() + '\n[prefill.conventions]\nja = "である調で。"\n')
    run(root, model, languages=("ja",))
    assert "である調で。" in model.prompts[0]["messages"][0]["content"]
    assert "です・ます" not in model.prompts[0]["messages"][0]["content"]


# -- cache -------------------------------------------------------------------------------


def clear(root: Path) -> None:
    for lang in ("fr", "ja"):
        path = root / "locale" / lang / "LC_MESSAGES" / "news.po"
        path.write_text(header(lang) + body(SEGMENTS), encoding="utf-8")


def test_warm_cache_sends_nothing_and_the_key_has_model_and_context(
        root: Path, model: FakeModelServer) -> None:
    run(root, model)
    clear(root)
    model.reset()
    report = run(root, model)
    assert model.request_count == 0
    assert sum(s.cached for s in report.stats) == 2 * len(SEGMENTS)
    assert_all_own_answers(root)
    clear(root)
    run(root, model, model="other-model")  # another model: asked again
    assert model.request_count == 2
    # a changed note changes the context of that segment only
    clear(root)
    model.reset()
    path = root / "locale" / "fr" / "LC_MESSAGES" / "news.po"
    path.write_text(path.read_text().replace("#. Keep it short.", "#. Keep it brief."))
    run(root, model, languages=("fr",))
    assert [len(p["segments"]) for p in model.payloads()] == [1]


# -- configuration and keys ----------------------------------------------------------------


def test_model_is_required(root: Path, model: FakeModelServer) -> None:
    (root / "summit-i18n.toml").write_text('languages = ["fr", "ja"]\n')
    with pytest.raises(UsageError, match="llm backend needs a model"):
        run(root, model)
    assert model.request_count == 0


def test_key_comes_from_the_environment_only(root: Path, model: FakeModelServer,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(UsageError, match="SUMMIT_I18N_LLM_API_KEY only"):
        run(root, model, api_key="sk-secret")
    model.settings.required_key = "sk-secret"
    monkeypatch.setenv("SUMMIT_I18N_LLM_API_KEY", "sk-secret")
    report = run(root, model)
    assert report.problems == []
    assert {p["authorization"] for p in model.prompts} == {"Bearer sk-secret"}
    for path in root.rglob("*"):
        if path.is_file():
            assert b"sk-secret" not in path.read_bytes(), path


def test_refused_key_stops_the_run(root: Path, model: FakeModelServer) -> None:
    model.settings.required_key = "right"
    report = run(root, model)
    assert report.failure is not None
    assert "SUMMIT_I18N_LLM_API_KEY" in report.failure


# -- reading answers ---------------------------------------------------------------------


def test_read_answer() -> None:
    ids = ["1", "2", "3", "4"]
    assert read_answer('{"2": "b", "1": "a", "3": "c", "4": "d"}', ids).texts == {
        "1": "a", "2": "b", "3": "c", "4": "d"}
    assert read_answer('```json\n{"1": "a", "2": "b", "3": "c", "4": "d"}\n```', ids).problems == {}
    dropped = read_answer('{"1": "a", "2": "b", "4": "d"}', ids)
    assert set(dropped.texts) == {"1"}
    assert set(dropped.problems) == {"2", "3", "4"}
    repeated = read_answer('{"1": "a", "1": "b", "3": "c", "4": "d"}', ids)
    assert set(repeated.texts) == {"4"}
    invented = read_answer('{"1": "a", "2": "b", "3": "c", "4": "d", "5": "e"}', ids)
    assert invented.texts == {}
    assert set(invented.problems) == set(ids)
    prose = read_answer('Here you are: {"1": "a", "2": "b", "3": "c", "4": "d"}', ids)
    assert prose.texts == {}
    assert "text around it" in prose.problems["1"]
    assert read_answer('{"1": 3, "2": "b", "3": "c", "4": "d"}', ids).problems == {
        "1": "the answer was not text"}


# -- chains ------------------------------------------------------------------------------


def test_chain_falls_through_per_segment_when_the_model_keeps_failing(
        root: Path, model: FakeModelServer) -> None:
    config = root / "summit-i18n.toml"
    model.always("503")
    with FakeTranslationServer() as libre:
        config.write_text(config.read_text() + f'url = "{libre.url}"\nllm_url = "{model.url}"\n'
                          'fr = ["memory", "llm", "libre"]\nja = ["llm", "libre"]\n')
        report = prefill(find_project(explicit=root), PrefillOptions(retry=FAST, timeout=5.0),
                         now=NOW)
        assert report.failure is None
        assert report.problems == []
        llm = next(s for s in report.services if s.name == "llm")
        assert llm.gave_up == llm.passed_on == 2 * len(SEGMENTS)
        assert "HTTP 503" in next(iter(llm.reasons))
        assert model.request_count == FAST.attempts  # it gave up once, for the whole run
        fr = entries(root, "fr")
        for english, _ in SEGMENTS:
            assert fr[english].machine_provenance().startswith("libre ")  # type: ignore[union-attr]
            assert "«fr»" in fr[english].msgstr


def test_chain_falls_through_on_empty_answers(root: Path, model: FakeModelServer) -> None:
    config = root / "summit-i18n.toml"
    with FakeTranslationServer() as libre:
        config.write_text(config.read_text() + f'url = "{libre.url}"\nllm_url = "{model.url}"\n'
                          'fr = ["llm", "libre"]\n')
        model.fail_next("empty", "empty")  # the batch and the re-ask of segment 4
        report = prefill(find_project(explicit=root),
                         PrefillOptions(languages=("fr",), retry=FAST, workers=1), now=NOW)
        assert report.problems == []
        llm = next(s for s in report.services if s.name == "llm")
        assert llm.asked == len(SEGMENTS)
        assert llm.gave_up == 1
        assert llm.passed_on == 1
        english = SEGMENTS[len(SEGMENTS) // 2][0]
        masked = mask(english)
        assert entries(root, "fr")[english].msgstr == restore(masked, fake_translate(
            masked.text, "fr"))


def cli(root: Path, *args: str,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "summit_i18n", "-C", str(root), *args],
                          capture_output=True, text=True, check=False, timeout=120,
                          env={**os.environ, "COLUMNS": "100", **(env or {})})


def test_cli_dry_run_names_every_service_and_its_characters(
        root: Path, model: FakeModelServer) -> None:
    config = root / "summit-i18n.toml"
    config.write_text(config.read_text() + f'llm_url = "{model.url}"\n'
                      'url = "http://127.0.0.1:9/"\nfr = ["memory", "llm", "libre"]\n'
                      'ja = ["llm"]\n')
    result = cli(root, "prefill", "--dry-run")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    llm = next(line for line in lines if line.startswith(f"llm ({model.url}): "))
    assert "2 request(s)" in llm
    libre = next(line for line in lines if line.startswith("libre (http://127.0.0.1:9/): "))
    assert "at most" in libre
    terms = load_glossary(root / "locale" / "glossary.yaml").for_language("fr")
    assert f"{sum(len(mask(e, terms=terms).text) for e, _ in SEGMENTS)} characters" in libre
    assert model.request_count == 0


def test_cli_says_what_each_service_gave_up(root: Path, model: FakeModelServer) -> None:
    config = root / "summit-i18n.toml"
    model.always("429")
    with FakeTranslationServer() as libre:
        config.write_text(config.read_text() + f'url = "{libre.url}"\nllm_url = "{model.url}"\n'
                          'fr = ["llm", "libre"]\nja = ["llm", "libre"]\n')
        result = cli(root, "prefill")
    assert result.returncode == 0, result.stderr
    assert ("llm: gave up 14 of 14 segment(s) (too many requests (HTTP 429); gave up after "
            "6 attempts); 14 passed on to the next backend") in result.stderr.replace("\n", " ")


# -- drafts that know their English -----------------------------------------------------------


def change_english(root: Path, old: str, new: str) -> None:
    pot = root / "locale" / "news.pot"
    pot.write_text(pot.read_text().replace(old, new), encoding="utf-8")


def test_changed_english_redrafts_only_untouched_machine_drafts(
        root: Path, model: FakeModelServer) -> None:
    run(root, model, languages=("fr",))
    path = root / "locale" / "fr" / "LC_MESSAGES" / "news.po"
    catalog = read_po(path)
    by_id = {e.msgid: e for e in catalog.entries}
    edited = by_id["Speakers come from **ten** countries."]
    edited.msgstr = "Des intervenants de **dix** pays."  # a person edited the draft
    accept_entry(by_id["The summit closes on Friday."], reviewer="Ada",
                 today=NOW.date())  # and reviewed another
    write_po(catalog, path)
    change_english(root, "opens on Monday", "opens on Tuesday")
    change_english(root, "from **ten** countries", "from **twelve** countries")
    change_english(root, "closes on Friday", "closes on Saturday")
    update_project(find_project(explicit=root), languages=["fr"])

    fr = entries(root, "fr")
    opens = fr["The summit opens on Tuesday in Taipei."]
    assert draft_state(opens) == "stale"
    assert opens.previous_msgid == "The summit opens on Monday in Taipei."  # what it translated
    assert draft_state(fr["Speakers come from **twelve** countries."]) == "edited"
    rows = {r.domain: r for r in project_status(find_project(explicit=root), ["fr"])}
    assert rows["news"].stale == 2  # the stale draft and the reviewed entry
    assert rows["news"].machine == len(SEGMENTS) - 2

    model.reset()
    report = run(root, model, languages=("fr",))
    fr_stats = report.stats[0]
    assert fr_stats.redrafted == 1
    assert fr_stats.done == 1
    assert [s["text"] for p in model.payloads() for s in p["segments"]] == [
        "The summit opens on Tuesday in Taipei."]
    after = entries(root, "fr")
    opens = after["The summit opens on Tuesday in Taipei."]
    assert opens.msgstr == expected(opens.msgid, "fr")
    assert opens.previous_msgid is None
    assert draft_state(opens) == "current"
    assert after["Speakers come from **twelve** countries."].msgstr == \
        "Des intervenants de **dix** pays."
    closes = after["The summit closes on Saturday."]
    assert closes.msgstr == expected("The summit closes on Friday.", "fr")
    assert closes.previous_msgid == "The summit closes on Friday."  # stale, as a person left it
    assert report.requests == 1


def test_review_shows_the_diff_from_the_english_the_draft_translated(
        root: Path, model: FakeModelServer) -> None:
    run(root, model, languages=("fr",))
    change_english(root, "opens on Monday", "opens on Tuesday")
    update_project(find_project(explicit=root), languages=["fr"])
    session = ReviewSession(find_project(explicit=root), "fr", "news", today=NOW.date(),
                            reviewer="Ada")
    item = next(i for i in session.items if "Tuesday" in i.entry.msgid)
    assert english_change(item.entry) == ("Changed since the machine draft",
                                          "The summit opens on Monday in Taipei.")
    out = io.StringIO()
    _show(Console(file=out, width=200, color_system=None), item, "[1/7]")
    text = out.getvalue()
    assert "Changed since the machine draft:" in text
    assert "[-Monday-]{+Tuesday+}" in text
    unchanged = next(i for i in session.items if "Friday" in i.entry.msgid)
    assert english_change(unchanged.entry) is None


def test_the_record_survives_gnu_msgmerge(root: Path, model: FakeModelServer,
                                          tmp_path: Path) -> None:
    """With and without --previous: the digest in the comment is kept verbatim, so a
    draft whose English GNU msgmerge changed is still known to be stale."""
    run(root, model, languages=("fr",))
    change_english(root, "opens on Monday", "opens on Tuesday")
    po = root / "locale" / "fr" / "LC_MESSAGES" / "news.po"
    for flags in (["--previous"], []):
        out = tmp_path / f"merged{len(flags)}.po"
        subprocess.run(["msgmerge", "-q", *flags, "-o", str(out), str(po),
                        str(root / "locale" / "news.pot")], check=True)
        merged = {e.msgid: e for e in read_po(out).entries}
        entry = merged["The summit opens on Tuesday in Taipei."]
        assert entry.previous_msgid is None  # msgmerge writes no #| for a fuzzy entry
        assert draft_state(entry) == "stale"
        assert english_change(entry) is not None
        assert draft_state(merged["The summit closes on Friday."]) == "current"
        out.unlink()
    digest = english_digest("The summit opens on Monday in Taipei.")
    assert f"msgid={digest}" in po.read_text()


def test_the_record_survives_a_translate_toolkit_round_trip(root: Path,
                                                           model: FakeModelServer) -> None:
    """Weblate reads and writes .po files with translate-toolkit: a save keeps the
    comment verbatim, and an edit through it is seen as a person's edit."""
    tt_po = pytest.importorskip("translate.storage.po", reason="translate-toolkit (bench extra)")
    run(root, model, languages=("fr",))
    path = root / "locale" / "fr" / "LC_MESSAGES" / "news.po"
    store = tt_po.pofile(path.read_bytes())
    path.write_bytes(bytes(store))
    saved = entries(root, "fr")
    assert all(draft_state(e) == "current" for e in saved.values())
    store = tt_po.pofile(path.read_bytes())
    unit = next(u for u in store.units if u.source == SEGMENTS[1][0])
    unit.target = "Le sommet s’ouvre lundi à Taipei."  # edited, still fuzzy
    path.write_bytes(bytes(store))
    assert draft_state(entries(root, "fr")[SEGMENTS[1][0]]) == "edited"


def test_glossary_rendering_is_required(root: Path, model: FakeModelServer) -> None:
    """An answer without the rendering the glossary requires is asked again alone, then
    left empty."""
    model.fail_next("noglossary")
    report = run(root, model, languages=("ja",), workers=1)
    assert report.problems == []
    english = SEGMENTS[2][0]
    assert entries(root, "ja")[english].msgstr == expected(english, "ja")
    assert "法輪功" in entries(root, "ja")[english].msgstr
    assert report.stats[0].repaired == 1  # only the segment with glossary terms
    assert {"term": "prisoners of conscience", "required": "良心の囚人"} in \
        model.payloads()[0]["glossary"]

    clear(root)
    model.reset()
    model.always("noglossary")
    shutil.rmtree(root / ".summit-i18n")
    report = run(root, model, languages=("ja",), workers=1)
    assert len(report.problems) == 1
    assert "glossary's rendering of 'Falun Gong' (法輪功) is missing" in report.problems[0].reason
    assert entries(root, "ja")[english].msgstr == ""


def test_a_segment_of_glossary_terms_only_is_not_sent(make_project: Callable[..., Path],
                                                      model: FakeModelServer) -> None:
    only = [("Falun Gong", ()), ("The summit opens on Monday in Taipei.", ())]
    files = {"locale/news.pot": header(None) + body(only), "locale/glossary.yaml": GLOSSARY,
             "locale/ja/LC_MESSAGES/news.po": header("ja") + body(only)}
    root = make_project(files, config='languages = ["ja"]\n[prefill]\nmodel = "fake-model"\n')
    run(root, model)
    assert entries(root, "ja")["Falun Gong"].msgstr == "法輪功"
    assert [s["text"] for p in model.payloads() for s in p["segments"]] == [only[1][0]]


def test_a_stale_draft_that_cannot_be_drafted_again_stays(root: Path,
                                                          model: FakeModelServer) -> None:
    run(root, model, languages=("fr",))
    before = entries(root, "fr")["The summit opens on Monday in Taipei."].msgstr
    change_english(root, "opens on Monday", "opens on Tuesday")
    update_project(find_project(explicit=root), languages=["fr"])
    model.always("empty")
    report = run(root, model, languages=("fr",))
    assert len(report.problems) == 1
    assert report.problems[0].redraft
    stale = entries(root, "fr")["The summit opens on Tuesday in Taipei."]
    assert stale.msgstr == before
    assert draft_state(stale) == "stale"
    assert stale.previous_msgid == "The summit opens on Monday in Taipei."

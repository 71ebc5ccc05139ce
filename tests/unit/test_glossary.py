"""Tests for summit_i18n.glossary: loading, errors with lines, rendering, matching."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from summit_i18n.config import find_project
from summit_i18n.errors import SourceError
from summit_i18n.glossary import (
    ATTESTED,
    KEEP,
    OFFICIAL,
    OUR_TRANSLATION,
    STATUSES,
    Glossary,
    Rendering,
    Term,
    load_glossary,
    project_glossary,
)

SAMPLE = """\
terms:
  - en: Falun Gong
    note: spiritual practice
    fr: keep
    ja: 法輪功
    ko: 파룬궁
    zh_Hant: 法輪功
    zh_Hans: 法轮功
  - en: Chinese Communist Party
    fr: Parti communiste chinois
    zh_Hans: 中国共产党
  - en: Communist Party
    fr: Parti communiste
  - en: transplant tourism
    case_sensitive: false
    fr: tourisme de transplantation
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "glossary.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def glossary(tmp_path: Path) -> Glossary:
    return load_glossary(write(tmp_path, SAMPLE))


def test_load_reads_every_term(glossary: Glossary) -> None:
    assert [t.english for t in glossary.terms] == [
        "Falun Gong", "Chinese Communist Party", "Communist Party", "transplant tourism"]
    falun = glossary.terms[0]
    assert falun.note == "spiritual practice"
    assert falun.renderings["fr"] == KEEP
    assert glossary.terms[3].case_sensitive is False
    assert falun.case_sensitive is True


def test_rendering_resolves_keep_and_missing(glossary: Glossary) -> None:
    falun = glossary.terms[0]
    assert falun.rendering("fr") == "Falun Gong"
    assert falun.rendering("ja") == "法輪功"
    assert falun.rendering("zh_Hans") == "法轮功"
    assert falun.rendering("de") is None


def test_for_language_is_longest_first_and_only_with_rendering(glossary: Glossary) -> None:
    pairs = glossary.for_language("zh_Hans")
    assert [(t.english, text) for t, text in pairs] == [
        ("Chinese Communist Party", "中国共产党"), ("Falun Gong", "法轮功")]
    assert [t.english for t, _ in glossary.for_language("fr")] == [
        "Chinese Communist Party", "transplant tourism", "Communist Party", "Falun Gong"]
    assert glossary.for_language("de") == []


def test_find_prefers_longest_and_does_not_overlap(glossary: Glossary) -> None:
    text = "The Chinese Communist Party persecutes Falun Gong."
    assert [t.english for t in glossary.find(text)] == ["Chinese Communist Party", "Falun Gong"]
    assert [t.english for t in glossary.find("the Communist Party line")] == ["Communist Party"]


def test_find_whole_words_only(glossary: Glossary) -> None:
    assert glossary.find("Falun Gongs and xFalun Gong") == []
    assert [t.english for t in glossary.find("(Falun Gong)")] == ["Falun Gong"]
    assert [t.english for t in glossary.find("Falun Gong's practice")] == ["Falun Gong"]


def test_find_case_sensitivity(glossary: Glossary) -> None:
    assert glossary.find("falun gong") == []
    assert glossary.find("FALUN GONG") == []
    assert [t.english for t in glossary.find("Transplant Tourism grows")] == [
        "transplant tourism"]


def test_lower_case_term_matches_at_sentence_start() -> None:
    glossary = Glossary((Term("forced organ harvesting", {"fr": "x"}),))
    assert len(glossary.find("Forced organ harvesting is a crime.")) == 1
    assert glossary.find("Forced Organ Harvesting") == []
    assert glossary.find("fORCED organ harvesting") == []


def test_find_matches_across_line_breaks(glossary: Glossary) -> None:
    assert [t.english for t in glossary.find("the Falun\nGong practice")] == ["Falun Gong"]


def test_spans_in_text_order_filtered_by_language(glossary: Glossary) -> None:
    text = "Falun Gong and the Chinese Communist Party"
    spans = glossary.spans(text, lang="ja")
    assert [(text[s:e], t.english) for s, e, t in spans] == [("Falun Gong", "Falun Gong")]
    spans = glossary.spans(text)
    assert [text[s:e] for s, e, _ in spans] == ["Falun Gong", "Chinese Communist Party"]


def test_longest_wins_even_when_shorter_starts_first() -> None:
    glossary = Glossary((Term("organ harvesting", {"fr": "x"}),
                         Term("forced organ harvesting", {"fr": "y"})))
    assert [t.english for t in glossary.find("stop forced organ harvesting now")] == [
        "forced organ harvesting"]


def test_empty_file_and_empty_list(tmp_path: Path) -> None:
    assert load_glossary(write(tmp_path, "")).terms == ()
    assert load_glossary(write(tmp_path, "terms:\n")).terms == ()
    assert not Glossary()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("terms:\n  - en: [unclosed\n", 3, "not valid YAML"),
        ("- en: x\n", 1, "expected a mapping with a 'terms' list"),
        ("words:\n  - en: x\n", 1, "unknown key 'words'"),
        ("terms: 3\n", 1, "'terms' must be a list"),
        ("terms:\n  - just text\n", 2, "each term must be a mapping"),
        ("terms:\n  - fr: x\n", 2, "term without 'en'"),
        ("terms:\n  - en: A\n    french: x\n", 3, "unknown key 'french'"),
        ("terms:\n  - en: A\n    fr: ''\n", 3, "empty rendering"),
        ("terms:\n  - en: A\n    fr: [a, b]\n", 3, "expected a plain value"),
        ("terms:\n  - en: A\n  - en: A\n", 3, "listed twice (first on line 2)"),
        ("terms:\n  - en: A\n    case_sensitive: maybe\n", 3, "must be true or false"),
    ],
)
def test_bad_files_name_the_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(SourceError) as info:
        load_glossary(path)
    assert info.value.line == line
    assert info.value.path == str(path)
    assert message in str(info.value)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_bytes(b"terms:\n  - en: \xff\n")
    with pytest.raises(SourceError, match="not UTF-8"):
        load_glossary(path)


def test_project_glossary_absent_and_present(make_project: Callable[..., Path]) -> None:
    root = make_project({})
    assert project_glossary(find_project(explicit=root)).terms == ()
    (root / "locale").mkdir(exist_ok=True)
    (root / "locale" / "glossary.yaml").write_text(SAMPLE, encoding="utf-8")
    assert len(project_glossary(find_project(explicit=root)).terms) == 4


def test_terms_can_be_put_in_sets(glossary: Glossary) -> None:
    found = set(glossary.find("Falun Gong and Falun Gong")) | set(glossary.terms[:1])
    assert found == {glossary.terms[0]}


CITED = """\
terms:
  - en: Doctors Against Forced Organ Harvesting
    note: co-host
    fr:
      text: keep
      status: official
      source: DAFOH's French pages
      avoid: Médecins contre le prélèvement forcé d’organes
    ja:
      text: 強制臓器摘出に反対する医師団
      status: official
      source: fohpetition.org
      avoid: [臓器の強制摘出に反対する医師会, 臓器の強制摘出に反対する医師会]
      note: 医師会 is a professional body
    ko:
      text: 강제장기적출에 반대하는 의사들
      status: attested
      source: press releases
    zh_Hans: 医生反对活摘器官组织
"""


def test_cited_renderings_are_read(tmp_path: Path) -> None:
    glossary = load_glossary(write(tmp_path, CITED))
    term = glossary.terms[0]
    assert term.rendering("fr") == "Doctors Against Forced Organ Harvesting"
    ja = term.entry("ja")
    assert ja == Rendering(lang="ja", text="強制臓器摘出に反対する医師団", status=OFFICIAL,
                           source="fohpetition.org", avoid=("臓器の強制摘出に反対する医師会",),
                           note="医師会 is a professional body")
    assert ja.official
    fr = term.entry("fr")
    assert fr is not None
    assert fr.text == "Doctors Against Forced Organ Harvesting"
    assert fr.avoid == ("Médecins contre le prélèvement forcé d’organes",)
    ko = term.entry("ko")
    assert ko is not None
    assert (ko.status, ko.source, ko.avoid, ko.official) == (ATTESTED, "press releases", (),
                                                            False)
    zh = term.entry("zh_Hans")  # the short form: a rendering and nothing else
    assert zh == Rendering(lang="zh_Hans", text="医生反对活摘器官组织")
    assert term.entry("de") is None
    assert [r.lang for r in term.entries()] == ["fr", "ja", "ko", "zh_Hans"]
    assert STATUSES == (OFFICIAL, ATTESTED, OUR_TRANSLATION)


def test_the_short_format_still_loads_beside_the_long_one(glossary: Glossary) -> None:
    falun = glossary.terms[0].entry("ja")
    assert falun == Rendering(lang="ja", text="法輪功")


def test_terms_in_gives_each_terms_rendering_in_text_order(tmp_path: Path) -> None:
    glossary = load_glossary(write(tmp_path, CITED + SAMPLE.removeprefix("terms:\n")))
    text = ("Falun Gong and Doctors Against Forced Organ Harvesting, "
            "then Falun Gong again and the Chinese Communist Party")
    pairs = glossary.terms_in(text, "ja")
    assert [(t.english, r.text, r.status) for t, r in pairs] == [
        ("Falun Gong", "法輪功", None),
        ("Doctors Against Forced Organ Harvesting", "強制臓器摘出に反対する医師団", OFFICIAL),
    ]
    assert [t.english for t, _ in glossary.terms_in(text, "zh_Hans")] == [
        "Falun Gong", "Doctors Against Forced Organ Harvesting", "Chinese Communist Party"]
    assert glossary.terms_in(text, "de") == []


def test_official_lists_the_official_renderings(tmp_path: Path) -> None:
    glossary = load_glossary(write(tmp_path, CITED))
    assert [(t.english, r.lang) for t, r in glossary.official("ja")] == [
        ("Doctors Against Forced Organ Harvesting", "ja")]
    assert glossary.official("ko") == []
    assert glossary.languages() == ["fr", "ja", "ko", "zh_Hans"]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("terms:\n  - en: A\n    fr:\n      status: official\n      source: x\n", 4,
         "fr: missing 'text'"),
        ("terms:\n  - en: A\n    fr:\n      text: B\n      status: official\n", 4,
         "fr: an official rendering needs a 'source'"),
        ("terms:\n  - en: A\n    fr:\n      text: B\n      status: official\n      source: ''\n",
         6, "needs a 'source'"),
        ("terms:\n  - en: A\n    fr:\n      text: B\n      status: sure\n", 5,
         "fr: status 'sure' is not one of 'official', 'attested', 'our translation'"),
        ("terms:\n  - en: A\n    fr:\n      text: B\n      sauce: x\n", 5,
         "fr: unknown key 'sauce'"),
        ("terms:\n  - en: A\n    fr:\n      text: B\n      avoid: [B]\n", 5,
         "'B' is both the rendering and in 'avoid'"),
        ("terms:\n  - en: A\n    fr:\n      text: B\n      avoid: ['']\n", 5,
         "fr: empty text in 'avoid'"),
        ("terms:\n  - en: A\n    fr:\n      text: B\n      avoid: {x: y}\n", 5,
         "expected a plain value"),
        ("terms:\n  - en: A\n    fr:\n      text: ''\n", 4, "fr: empty rendering"),
        ("terms:\n  - en: A\n    fr:\n      text: B\n      text: C\n", 5,
         "fr: 'text' is given twice"),
    ],
)
def test_bad_cited_renderings_name_the_line(tmp_path: Path, text: str, line: int,
                                            message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(SourceError) as info:
        load_glossary(path)
    assert info.value.line == line
    assert message in str(info.value)


def test_the_projects_glossary_cites_every_official_rendering() -> None:
    root = Path(__file__).resolve().parents[2]
    glossary = load_glossary(root / "locale" / "glossary.yaml")
    official = [r for t in glossary.terms for r in t.entries() if r.official]
    assert len(official) >= 10
    assert all(r.source for r in official)
    dafoh = next(t for t in glossary.terms
                 if t.english == "Doctors Against Forced Organ Harvesting")
    assert "臓器の強制摘出に反対する医師会" in (dafoh.entry("ja") or Rendering("", "")).avoid

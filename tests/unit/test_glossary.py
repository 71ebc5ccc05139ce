"""Tests for summit_i18n.glossary: loading, errors with lines, rendering, matching."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from summit_i18n.config import find_project
from summit_i18n.errors import SourceError
from summit_i18n.glossary import KEEP, Glossary, Term, load_glossary, project_glossary

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

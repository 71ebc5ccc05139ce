"""Content checks: URLs and e-mail addresses, numbers, glossary terms and official names."""

from __future__ import annotations

from pathlib import Path

import pytest

from summit_i18n.checks import REGISTRY, check_catalog
from summit_i18n.glossary import Glossary, Term
from summit_i18n.po import read_po
from tests.unit.checks_table import corpus_entry, fails, findings, passes

URL_PASSES = [
    ("See https://example.org/a?b=1.", "Voir https://example.org/a?b=1."),
    ("Write to info@example.org", "Écrivez à info@example.org"),
    ("Visit <https://a.org>", "Visitez <https://a.org>"),
    ("访问 https://a.org/x。", "访问 https://a.org/x。"),
    ("No links here", "Pas de liens"),
]
URL_FAILS = [
    ("See https://example.org/a", "Voir https://example.com/a"),
    ("See https://example.org/a", "Voir le site"),
    ("Write to info@example.org", "Écrivez à contact@example.org"),
    ("No links", "Pas de liens https://evil.example"),
]


@pytest.mark.parametrize(("english", "translation"), URL_PASSES)
def test_urls_pass(english: str, translation: str) -> None:
    assert passes("urls", english, translation)


@pytest.mark.parametrize(("english", "translation"), URL_FAILS)
def test_urls_fail(english: str, translation: str) -> None:
    assert fails("urls", english, translation)


def test_real_sphinx_url_kept(corpus_dir: Path) -> None:
    msgid = ("If the documents are to be written in a language other than English,\n"
             "you can select a language here by its language code. Sphinx will then\n"
             "translate text that it generates into that language.\n\n"
             "For a list of supported codes, see\n"
             "https://www.sphinx-doc.org/en/master/usage/configuration.html#confval-language.")
    entry = corpus_entry(corpus_dir, "ja_sphinx.po", msgid)
    assert passes("urls", entry.msgid, entry.msgstr, lang="ja")
    assert fails("urls", entry.msgid, entry.msgstr.replace("en/master", "ja/master"), lang="ja")


NUMBER_PASSES = [
    ("Founded in 2006", "Fondée en 2006"),
    ("Over 30 speakers", "Plus de 30 intervenants"),
    ("1,000 people", "1 000 personnes"),
    ("1,000 people", "1\u202f000 personnes"),
    ("3.5 days", "3,5 jours"),
    ("In 2016 and 2018", "２０１６年と２０１８年"),  # full-width digits
    ("Use %(count)d items", "Utilisez %(count)d éléments"),
    ("See https://a.org/2019", "Voir https://a.org/2019"),
    ("solves to 1 (3×2 = 6, 7−6 = 1).", "结果为 1 (3×2 = 6，7−6 = 1)。"),  # full-width comma
]
NUMBER_FAILS = [
    ("Founded in 2006", "Fondée en 2007"),
    ("nominated in 2016 and 2018", "nommée en 2016"),
    ("Over 30 speakers", "Plus de trente intervenants"),
]


@pytest.mark.parametrize(("english", "translation"), NUMBER_PASSES)
def test_numbers_pass(english: str, translation: str) -> None:
    assert passes("numbers", english, translation)


@pytest.mark.parametrize(("english", "translation"), NUMBER_FAILS)
def test_numbers_fail(english: str, translation: str) -> None:
    assert fails("numbers", english, translation)


GLOSSARY = Glossary((
    Term("Falun Gong", {"fr": "keep", "ja": "法輪功", "zh_Hans": "法轮功"}),
    Term("forced organ harvesting", {"fr": "prélèvement forcé d’organes"},
         case_sensitive=False),
))


@pytest.mark.parametrize(("lang", "english", "translation"), [
    ("ja", "Falun Gong practitioners", "法輪功の学習者"),
    ("fr", "Falun Gong practitioners", "les pratiquants de Falun Gong"),
    ("fr", "Forced organ harvesting must end", "Le prélèvement forcé d’organes doit cesser"),
    ("ko", "Falun Gong practitioners", "파룬궁 수련자"),  # no rendering for ko: no finding
])
def test_glossary_passes(lang: str, english: str, translation: str) -> None:
    assert passes("glossary", english, translation, lang=lang, glossary=GLOSSARY)


@pytest.mark.parametrize(("lang", "english", "translation"), [
    ("ja", "Falun Gong practitioners", "ファルンゴンの学習者"),
    ("fr", "Falun Gong practitioners", "les pratiquants du Fa Lun Gong"),
    ("fr", "Forced organ harvesting must end", "Le trafic d’organes doit cesser"),
])
def test_glossary_fails(lang: str, english: str, translation: str) -> None:
    assert fails("glossary", english, translation, lang=lang, glossary=GLOSSARY)


def test_glossary_needs_a_glossary() -> None:
    assert findings("glossary", "Falun Gong", "Fa Lun Gong", lang="fr") == []


def test_link_targets_are_left_to_the_markdown_check() -> None:
    english = "See [the site](https://a.org/x) or https://a.org/y"
    assert passes("urls", english, "Voir [le site](https://a.org/z) ou https://a.org/y")
    assert fails("markdown", english, "Voir [le site](https://a.org/z) ou https://a.org/y")
    assert fails("urls", english, "Voir [le site](https://a.org/x) ou https://a.org/z")


CITED = Glossary((
    Term("Doctors Against Forced Organ Harvesting",
         {"fr": "keep", "ja": "強制臓器摘出に反対する医師団",
          "ko": "강제장기적출에 반대하는 의사들"},
         statuses={"fr": "official", "ja": "official", "ko": "attested"},
         sources={"fr": "dafoh.org", "ja": "fohpetition.org", "ko": "press"},
         avoid={"fr": ("Médecins contre le prélèvement forcé d’organes",),
                "ja": ("臓器の強制摘出に反対する医師会",), "ko": ("강제장기적출반대의사회",)}),
    Term("KAOT", {"fr": "KAEOT"}, statuses={"fr": "official"}, sources={"fr": "kaeot.org"},
         avoid={"fr": ("KAOT",)}),
    Term("CAP Freedom of Conscience", {"fr": "CAP Liberté de Conscience"},
         statuses={"fr": "official"}, sources={"fr": "freedomofconscience.eu"},
         avoid={"fr": ("CAP Freedom of Conscience",)}),
))
DAFOH = "Doctors Against Forced Organ Harvesting (DAFOH)"


@pytest.mark.parametrize(("lang", "english", "translation"), [
    ("ja", DAFOH, "臓器の強制摘出に反対する医師会（DAFOH）"),
    ("fr", DAFOH, "Médecins contre le prélèvement forcé d'organes (DAFOH)"),  # either apostrophe
    ("fr", "KAOT works with NGOs", "KAOT travaille avec des ONG"),
    # a wrong name is wrong wherever it appears, even where the English has the acronym
    ("ja", "DAFOH was founded in 2006", "臓器の強制摘出に反対する医師会は2006年に設立"),
    ("fr", "CAP Freedom of Conscience", "CAP Freedom of Conscience"),
])
def test_an_avoided_official_name_is_an_error(lang: str, english: str, translation: str) -> None:
    assert REGISTRY["official-names"].severity == "error"
    assert fails("official-names", english, translation, lang=lang, glossary=CITED)
    # said once: the glossary warning leaves it to the error
    assert findings("glossary", english, translation, lang=lang, glossary=CITED) == []


@pytest.mark.parametrize(("lang", "english", "translation"), [
    ("ja", DAFOH, "強制臓器摘出に反対する医師団（DAFOH）"),
    ("fr", DAFOH, "Doctors Against Forced Organ Harvesting (DAFOH)"),
    ("fr", "KAOT works with NGOs", "KAEOT travaille avec des ONG"),
    ("fr", "CAP Freedom of Conscience", "CAP Liberté de Conscience"),
    ("ko", DAFOH, "강제장기적출반대의사회(DAFOH)"),  # not official: a warning, not an error
    ("zh_Hans", DAFOH, "反强制摘取器官医生协会"),  # no rendering for zh_Hans: nothing to say
])
def test_official_names_passes(lang: str, english: str, translation: str) -> None:
    assert passes("official-names", english, translation, lang=lang, glossary=CITED)


def test_an_avoided_attested_name_is_a_warning() -> None:
    assert findings("glossary", DAFOH, "강제장기적출반대의사회(DAFOH)", lang="ko",
                    glossary=CITED) == [
        "'강제장기적출반대의사회' is listed as wrong for "
        "'Doctors Against Forced Organ Harvesting'; write '강제장기적출에 반대하는 의사들' "
        "(attested)"]
    assert findings("glossary", "DAFOH said", "강제장기적출반대의사회는", lang="ko",
                    glossary=CITED)


def test_the_error_names_the_rendering_and_its_source() -> None:
    assert findings("official-names", DAFOH, "臓器の強制摘出に反対する医師会（DAFOH）", lang="ja",
                    glossary=CITED) == [
        "'臓器の強制摘出に反対する医師会' is not the official name of "
        "'Doctors Against Forced Organ Harvesting' in ja; write '強制臓器摘出に反対する医師団' "
        "(official; source: fohpetition.org)"]


def test_missing_rendering_is_still_a_warning_with_its_status() -> None:
    assert findings("glossary", DAFOH, "医師たち（DAFOH）", lang="ja", glossary=CITED) == [
        "glossary term 'Doctors Against Forced Organ Harvesting' should be rendered "
        "'強制臓器摘出に反対する医師団' (official)"]


def test_glossary_match_ignores_apostrophe_and_spacing() -> None:
    glossary = Glossary((Term("forced organ harvesting", {"fr": "prélèvement forcé d’organes",
                                                          "ko": "강제 장기적출"}),))
    assert passes("glossary", "stop forced organ harvesting", "le prélèvement forcé d'organes",
                  lang="fr", glossary=glossary)
    assert passes("glossary", "stop forced organ harvesting", "강제  장기적출", lang="ko",
                  glossary=glossary)
    assert fails("glossary", "stop forced organ harvesting", "강제장기적출", lang="ko",
                 glossary=glossary)


def test_a_catalog_using_an_avoided_name_fails_check(tmp_path: Path) -> None:
    po = tmp_path / "ja" / "LC_MESSAGES" / "summit.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: ja\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#: source/summit.md:20\n#, fuzzy\n'
        'msgid "Doctors Against Forced Organ Harvesting (DAFOH)"\n'
        'msgstr "臓器の強制摘出に反対する医師会（DAFOH）"\n', encoding="utf-8")
    found = [f for f in check_catalog(read_po(po), path="ja/LC_MESSAGES/summit.po",
                                      glossary=CITED) if f.severity == "error"]
    assert [(f.line, f.check) for f in found] == [(9, "official-names")]
    assert str(found[0]).startswith("ja/LC_MESSAGES/summit.po:9: error: [official-names] ")

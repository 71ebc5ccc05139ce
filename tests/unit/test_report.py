"""report: one self-contained page, every catalog text escaped."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from summit_i18n.config import find_project
from summit_i18n.report import build_report, render_report, write_report
from tests.unit.catalogs import entry, po

NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
HOSTILE = [
    ("Click <b>here</b>.", 'Cliquez <b onmouseover="alert(1)">ici</b><script>alert(2)</script>.'),
    ("Plain text here.", "</td></tr></table><img src=x onerror=alert(3)>"),
    ("A link [x](https://a.org).", "Un lien [x](javascript:alert(4))"),
    ("Quote \"this\".", "{{ 7*7 }} {% raw %} ' \" &amp; <!-- -->"),
]


def _hostile_project(make_project: Callable[..., Path]) -> Path:
    pot = po(None, *(entry(m) for m, _ in HOSTILE))
    fr = po("fr", *(entry(m, s, flags="fuzzy") for m, s in HOSTILE))
    return make_project({"locale/evil.pot": pot, "locale/fr/LC_MESSAGES/evil.po": fr},
                        config='languages = ["fr"]\nsite_name = "<script>alert(5)</script>"\n')


def test_hostile_content_is_escaped(make_project: Callable[..., Path],
                                    msgfmt_check: Callable[..., None]) -> None:
    root = _hostile_project(make_project)
    msgfmt_check(root / "locale/fr/LC_MESSAGES/evil.po")
    page = render_report(build_report(find_project(explicit=root), now=NOW))
    assert "alert(" in page  # the text is shown...
    for raw in ("<script>alert", "<b onmouseover", "<img src=x", "</td></tr></table><img",
                "<!-- -->", "javascript:alert(4)</a>"):
        assert raw not in page  # ...but never as markup
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page
    assert "{{ 7*7 }}" in page  # not evaluated either
    assert page.count("<script>") == 1  # only the page's own filter script


def test_page_is_self_contained(make_project: Callable[..., Path]) -> None:
    root = _hostile_project(make_project)
    page = render_report(build_report(find_project(explicit=root), now=NOW))
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page
    assert "@import" not in page
    assert "default-src 'none'" in page  # nothing may be loaded


def test_report_content(make_project: Callable[..., Path], tmp_path: Path) -> None:
    root = _hostile_project(make_project)
    out = tmp_path / "out" / "report.html"
    data = write_report(find_project(explicit=root), out, now=NOW)
    page = out.read_text(encoding="utf-8")
    assert len(data.items) == len(HOSTILE)  # every draft needs attention
    (lang,) = data.languages
    assert (lang.code, lang.total, lang.reviewed, lang.other_drafts) == ("fr", 4, 0, 4)
    assert 'data-lang="fr"' in page
    assert "Document: evil" in page
    assert "2026-11-26 12:00 UTC" in page
    assert "markdown" in data.checks
    assert "html" in data.checks


GLOSSARY = """\
terms:
  - en: Doctors Against Forced Organ Harvesting
    note: co-host
    fr:
      text: keep
      status: official
      source: DAFOH's French pages
      avoid: [Médecins contre le prélèvement forcé d’organes]
    ja:
      text: 強制臓器摘出に反対する医師団
      status: official
      source: fohpetition.org <script>alert(6)</script>
    de: Ärzte gegen erzwungene Organentnahme
  - en: Falun Gong
    ja: 法輪功
"""


def test_report_lists_each_term_with_its_source(make_project: Callable[..., Path]) -> None:
    root = _hostile_project(make_project)
    (root / "locale" / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    data = build_report(find_project(explicit=root), now=NOW)
    dafoh, falun = data.glossary
    assert dafoh.english == "Doctors Against Forced Organ Harvesting"
    # only the project's languages (fr): ja and de are not among them
    assert [(r.lang, r.text, r.status, r.source) for r in dafoh.renderings] == [
        ("fr", "Doctors Against Forced Organ Harvesting", "official", "DAFOH's French pages")]
    assert falun.renderings == []
    page = render_report(data)
    assert 'id="glossary"' in page
    assert "Glossary (2 terms)" in page
    assert "DAFOH&#39;s French pages" in page
    assert '<span class="official">official</span>' in page
    assert "Médecins contre le prélèvement forcé d’organes" in page
    assert "no rendering for the project's languages" in page


def test_report_glossary_text_is_escaped(make_project: Callable[..., Path]) -> None:
    root = _hostile_project(make_project)
    (root / "locale" / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    config = root / "summit-i18n.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        'languages = ["fr"]', 'languages = ["fr", "ja"]'), encoding="utf-8")
    (root / "locale" / "ja" / "LC_MESSAGES").mkdir(parents=True)
    page = render_report(build_report(find_project(explicit=root), now=NOW))
    assert "fohpetition.org &lt;script&gt;alert(6)&lt;/script&gt;" in page
    assert page.count("<script>") == 1
    assert 'lang="ja">強制臓器摘出に反対する医師団' in page

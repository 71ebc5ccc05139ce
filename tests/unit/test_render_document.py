"""render.document: each segment swapped for its translation, held to the English's markup."""

from __future__ import annotations

from summit_i18n.extract.markdown import parse_document
from summit_i18n.render.document import Translation, render_document

SOURCE = """\
---
title: Summit
summary: Two days of **talks**.
---

The summit brings together **translators** and engineers.

Read the [programme](https://example.org/programme).

## Speakers

- Ada from *Paris*
- Grace from Tokyo

| Day | Room |
| --- | --- |
| Monday | Hall A |

<!-- i18n: a note for translators -->
Last paragraph.

```
make site
```
"""


def doc():  # type: ignore[no-untyped-def]
    return parse_document(SOURCE, path="source/s.md")


def tr(text: str, *, draft: bool = False, line: int = 7) -> Translation:
    return Translation(text, draft, "locale/fr/LC_MESSAGES/s.po", line)


def test_english_renders_the_source_without_i18n_comments() -> None:
    out = render_document(doc(), None)
    html = str(out.body_html)
    assert "<strong>translators</strong>" in html
    assert '<a href="https://example.org/programme">programme</a>' in html
    assert "i18n:" not in html
    assert 'lang="en"' not in html
    assert out.title_text == "Summit"
    assert not out.fallback
    assert out.warnings == []


def test_every_segment_swapped_for_its_translation() -> None:
    d = doc()
    table = {s.msgid: tr("FR " + s.msgid) for s in d.segments}
    out = render_document(d, table)
    html = str(out.body_html)
    assert ("<p>FR The summit brings together <strong>translators</strong> and engineers.</p>"
            in html)
    assert '<li>FR Ada from <em>Paris</em></li>' in html
    assert "<td>FR Hall A</td>" in html
    assert "<h2>FR Speakers</h2>" in html
    assert "make site" in html
    assert "FR make" not in html
    assert out.title_text == "FR Summit"
    assert str(out.summary_html) == "FR Two days of **talks**."  # front matter is plain text
    assert out.translated == out.segments == len(d.segments)
    assert out.share == 1.0
    assert not out.fallback
    assert out.warnings == []


def test_missing_translation_falls_back_inside_lang_en() -> None:
    d = doc()
    table = {s.msgid: tr("FR " + s.msgid) for s in d.segments
             if s.msgid not in {"Grace from Tokyo", "Last paragraph.", "Monday", "Summit"}}
    out = render_document(d, table)
    html = str(out.body_html)
    assert '<li lang="en">Grace from Tokyo</li>' in html
    assert '<p lang="en">Last paragraph.</p>' in html
    assert '<td lang="en">Monday</td>' in html
    assert str(out.title_html) == '<span lang="en">Summit</span>'
    assert out.fallback
    assert out.translated == out.segments - 4


def test_drafts_are_counted() -> None:
    d = doc()
    out = render_document(d, {d.segments[0].msgid: tr("Sommet", draft=True)})
    assert out.drafts == 1
    assert out.translated == 1


def test_translation_may_reorder_english_markup() -> None:
    d = doc()
    msgid = "Read the [programme](https://example.org/programme)."
    out = render_document(d, {msgid: tr("Lisez *le* [programme](https://example.org/programme).")})
    # *emphasis* is not in this English segment: the whole segment falls back.
    assert '<p lang="en">Read the' in str(out.body_html)
    ok = render_document(d, {msgid: tr("Le [programme](https://example.org/programme), lisez-le.")})
    assert '<p>Le <a href="https://example.org/programme">programme</a>, lisez-le.</p>' in str(
        ok.body_html)


def test_link_to_another_target_falls_back_with_a_warning() -> None:
    d = doc()
    msgid = "Read the [programme](https://example.org/programme)."
    out = render_document(d, {msgid: tr("Lisez le [programme](https://evil.example/).", line=42)})
    html = str(out.body_html)
    assert "evil.example" not in html
    assert '<p lang="en">Read the <a href="https://example.org/programme">' in html
    assert [str(w) for w in out.warnings] == [
        "locale/fr/LC_MESSAGES/s.po:42: warning: the translation links to "
        "'https://evil.example/', which the English does not"]


def test_markup_the_english_does_not_have_falls_back() -> None:
    d = doc()
    msgid = "Last paragraph."
    out = render_document(d, {msgid: tr("Dernier `code` **gras**.")})
    assert '<p lang="en">Last paragraph.</p>' in str(out.body_html)
    assert "code_inline" in out.warnings[0].message


def test_block_syntax_in_a_translation_stays_text() -> None:
    d = doc()
    out = render_document(d, {"Last paragraph.": tr("# Titre\n- liste")})
    html = str(out.body_html)
    assert "<p># Titre\n- liste</p>" in html
    assert "<h1>" not in html


def test_empty_or_blank_translation_is_untranslated() -> None:
    d = doc()
    out = render_document(d, {"Last paragraph.": tr("   ")})
    assert '<p lang="en">Last paragraph.</p>' in str(out.body_html)


def test_headings_start_at_h2_and_never_skip_a_level() -> None:
    doc = parse_document("---\ntitle: T\n---\n\nIntro.\n\n### Org\n\nText.\n\n##### Sub\n\nMore.\n",
                         path="x.md")
    html = str(render_document(doc, None).body_html)
    assert "<h2>Org</h2>" in html
    assert "<h3>Sub</h3>" in html
    assert "<h4>" not in html
    assert "<h5>" not in html


def test_a_soft_break_between_cjk_characters_is_dropped() -> None:
    doc = parse_document("---\ntitle: T\n---\n\nOne. Two.\n", path="x.md")
    table = {"One. Two.": Translation("一つ目です。\n二つ目です。", False, "x.po", 1)}
    html = str(render_document(doc, table).body_html)
    assert "<p>一つ目です。二つ目です。</p>" in html

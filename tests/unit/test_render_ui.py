"""render.ui: template gettext callables escape the translation, then substitute variables."""

from __future__ import annotations

from jinja2 import Environment

from summit_i18n.catalog import Catalog, Entry
from summit_i18n.render.ui import UiStrings


def catalog(*entries: Entry, plural: str = "nplurals=2; plural=(n > 1);") -> Catalog:
    header = Entry(msgid="", msgstr=f"Language: fr\nPlural-Forms: {plural}\n"
                   "Content-Type: text/plain; charset=UTF-8\n")
    return Catalog(entries=[header, *entries], header=header)


def env() -> Environment:
    e = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    e.newstyle_gettext = True  # type: ignore[attr-defined]
    return e


def render(source: str, ui: UiStrings, **context: object) -> str:
    return env().from_string(source).render(**ui.callables(), **context)


def ui_of(*entries: Entry, use_fuzzy: bool = False) -> UiStrings:
    return UiStrings.from_catalog(catalog(*entries), babel_locale="fr_FR", use_fuzzy=use_fuzzy)


def test_translation_is_escaped_then_variables_substituted() -> None:
    ui = ui_of(Entry(msgid="Published on %(date)s", msgstr="<b>Publié</b> le %(date)s",
                     flags=["python-format"]))
    out = render("{% trans date=d %}Published on {{ date }}{% endtrans %}", ui, d="<i>14 mai</i>")
    assert out == "&lt;b&gt;Publié&lt;/b&gt; le &lt;i&gt;14 mai&lt;/i&gt;"


def test_underscore_and_pgettext() -> None:
    ui = ui_of(Entry(msgid="Share This", msgstr="<script>x</script>"),
               Entry(msgid="Translate", msgctxt="language switcher", msgstr="Traduire"))
    assert render('{{ _("Share This") }}', ui) == "&lt;script&gt;x&lt;/script&gt;"
    assert render('{{ pgettext("language switcher", "Translate") }}', ui) == "Traduire"


def test_missing_translation_is_english_in_lang_en() -> None:
    ui = ui_of()
    assert render('{{ _("Announcements") }}', ui) == '<span lang="en">Announcements</span>'
    assert ui.used_fallback
    english = UiStrings.from_catalog(None, babel_locale="en", use_fuzzy=False, english=True)
    assert render('{{ _("Announcements") }}', english) == "Announcements"


def test_plural_forms_and_numbers_through_babel() -> None:
    ui = ui_of(Entry(msgid="%(count)s language", msgid_plural="%(count)s languages",
                     msgstr_plural={0: "%(count)s langue", 1: "%(count)s langues"},
                     flags=["python-format"]))
    src = ("{% trans count=n %}{{ count }} language{% pluralize %}"
           "{{ count }} languages{% endtrans %}")
    assert render(src, ui, n=1) == "1 langue"
    assert render(src, ui, n=2) == "2 langues"
    assert render(src, ui, n=12345) == "12\u202f345 langues"


def test_drafts_only_when_wanted_and_recorded() -> None:
    entry = Entry(msgid="Announcements", msgstr="Annonces", flags=["fuzzy"])
    assert render('{{ _("Announcements") }}', ui_of(entry)) == (
        '<span lang="en">Announcements</span>')
    ui = ui_of(entry, use_fuzzy=True)
    assert render('{{ _("Announcements") }}', ui) == "Annonces"
    assert ui.used_draft


def test_translation_that_formats_unlike_its_msgid_is_not_used() -> None:
    ui = ui_of(Entry(msgid="Published on %(date)s", msgstr="Publié le %(jour)s"),
               Entry(msgid="Atom feed", msgstr="Flux 100 %"))
    assert render("{% trans date='x' %}Published on {{ date }}{% endtrans %}", ui) == (
        '<span lang="en">Published on x</span>')
    assert render('{{ _("Atom feed") }}', ui) == '<span lang="en">Atom feed</span>'
    assert not ui.complete


def test_plain_text_for_titles() -> None:
    ui = ui_of(Entry(msgid="Announcements", msgstr="Annonces <&>"))
    assert ui.text("Announcements") == "Annonces <&>"
    assert ui.text("Missing") == "Missing"
    assert ui.complete


def test_an_untranslated_sentence_is_english_with_its_variables() -> None:
    from summit_i18n.render.ui import Localized

    ui = UiStrings.from_catalog(catalog(Entry(msgid="Other", msgstr="Autre")),
                                babel_locale="fr_FR", use_fuzzy=False)
    date = Localized("1 décembre 2026", "December 1, 2026")
    html = str(ui.gettext("Published on %(date)s", date=date))
    assert html == '<span lang="en">Published on December 1, 2026</span>'
    assert ui.text("Published on %(date)s", date=date) == "Published on December 1, 2026"
    translated = UiStrings.from_catalog(
        catalog(Entry(msgid="Published on %(date)s", msgstr="Publié le %(date)s",
                      flags=("python-format",))), babel_locale="fr_FR", use_fuzzy=False)
    assert str(translated.gettext("Published on %(date)s", date=date)) == (
        "Publié le 1 décembre 2026")

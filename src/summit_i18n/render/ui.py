"""Template UI strings: gettext callables for Jinja2 that never let a translation's markup through.

Principles: Jinja2's i18n extension marks what ``gettext`` returns as safe before it
substitutes the variables (``{% trans %}``, and ``_()`` with ``newstyle``), so a
translated ``<script>`` would go out live.  The callables here are installed in
its place: they escape the translation first, then substitute the (escaped)
variables, so a catalog can only ever contribute text.  A translation is used only
when it is publishable (reviewed, or a draft when drafts are wanted) and formats
like its msgid (msgfmt's python-format rule); otherwise the English is shown, in a
``<span lang="en">`` so that browsers and screen readers read it as English — the
whole sentence: a variable given as :class:`Localized` (a date written the page's
way) is then substituted in its English form, and numbers are formatted for
English, so a sentence is never half in one language.  The strings a page used as
drafts are recorded, so the page can say it shows a draft.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from babel.numbers import format_decimal
from markupsafe import Markup, escape

from summit_i18n.catalog import Catalog, Entry
from summit_i18n.compile import select_messages
from summit_i18n.formats import check_format
from summit_i18n.limits import DEFAULT_LENGTH_BOUND, LengthBound
from summit_i18n.plurals import PluralForms, PluralFormsError, parse_plural_forms

__all__ = ["Localized", "UiStrings"]

Key = tuple[str | None, str]


class Localized(str):
    """A value written in the page's language that also knows its English form."""

    english: str

    def __new__(cls, text: str, english: str) -> Localized:
        value = super().__new__(cls, text)
        value.english = english
        return value


@dataclass
class UiStrings:
    """The ``site`` domain of one language, ready to be installed into a Jinja2 environment."""

    babel_locale: str
    #: (msgctxt, msgid) -> (translation forms, is a draft)
    messages: dict[Key, tuple[list[str], bool]] = field(default_factory=dict)
    plural: PluralForms | None = None
    english: bool = False
    #: every message of the catalog has a usable translation
    complete: bool = False
    #: set while rendering a page: did it show a draft / an English fallback?
    used_draft: bool = False
    used_fallback: bool = False
    #: translations not used, as ``path:line: warning: …`` lines
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def from_catalog(
        cls, catalog: Catalog | None, *, babel_locale: str, use_fuzzy: bool, english: bool = False,
        path: str = "<catalog>", length: LengthBound = DEFAULT_LENGTH_BOUND,
    ) -> UiStrings:
        ui = cls(babel_locale=babel_locale, english=english, complete=english)
        if catalog is None or english:
            return ui
        try:
            value = catalog.header_value("Plural-Forms")
            ui.plural = parse_plural_forms(value) if value else None
        except PluralFormsError:
            ui.plural = None
        if ui.plural is not None and ui.plural.problems():
            ui.plural = None
        kept, _ = select_messages(catalog, use_fuzzy=use_fuzzy)
        for entry in kept:
            if entry.is_header or not _formats_like_msgid(entry):
                continue
            refused = _refusal(entry, length)
            if refused is not None:
                line = entry.msgstr_lineno or entry.lineno
                ui.warnings.append(f"{path}:{line}: warning: {refused} (the English is shown)")
                continue
            forms = entry.translations()
            if entry.is_plural and (ui.plural is None or len(forms) != ui.plural.nplurals
                                    or not all(forms)):
                continue
            ui.messages[entry.key] = (forms, entry.fuzzy)
        wanted = {e.key for e in catalog.active_entries() if not e.is_header}
        ui.complete = wanted <= ui.messages.keys()
        return ui

    def reset(self) -> None:
        self.used_draft = False
        self.used_fallback = False

    # -- plain text (for <title>, feeds, plain-text pages) ---------------------------
    def text(self, msgid: str, msgctxt: str | None = None, **variables: Any) -> str:
        """The translation as plain text, variables substituted (English: all English)."""
        found = self.messages.get((msgctxt, msgid))
        if found is None:
            return msgid % self._values(variables, english=True)
        try:
            text = found[0][0] % self._values(variables)
        except (TypeError, ValueError, KeyError, OverflowError, MemoryError):
            return msgid % self._values(variables, english=True)
        if found[1]:
            self.used_draft = True
        return text

    def value(self, msgctxt: str, msgid: str) -> tuple[str, bool]:
        """A configured value (no formatting): its translation, and whether it has one."""
        found = self.messages.get((msgctxt, msgid))
        if found is None:
            return msgid, self.english
        if found[1]:
            self.used_draft = True
        return found[0][0], True

    def value_html(self, msgctxt: str, msgid: str) -> Markup:
        """:meth:`value` as HTML: English in ``<span lang="en">`` on a translated page."""
        text, translated = self.value(msgctxt, msgid)
        if translated:
            return Markup(escape(text))
        self.used_fallback = True
        return Markup('<span lang="en">%s</span>') % text

    def has(self, msgid: str, msgctxt: str | None = None) -> bool:
        """Whether the string is shown in the page's language."""
        return self.english or (msgctxt, msgid) in self.messages

    # -- HTML (installed into Jinja2) -------------------------------------------------
    def _lookup(self, key: Key, n: int | None, english: str) -> Markup:
        """The translation (escaped), or on the English page the English; a translated
        page without one is :meth:`_format`'s fallback."""
        found = self.messages.get(key)
        if found is None:
            return Markup(escape(english))
        forms, draft = found
        if draft:
            self.used_draft = True
        index = 0 if n is None or self.plural is None else self.plural(n)
        text = forms[index] if index < len(forms) else forms[0]
        # escape() first: the translation is text, whatever it contains.
        return Markup(escape(text))

    def _values(self, variables: Mapping[str, Any], *, english: bool = False) -> dict[str, Any]:
        """Numbers formatted for the locale (Babel); :class:`Localized` values in the
        page's language, or all in English for an English sentence."""
        locale = "en" if english else self.babel_locale
        out: dict[str, Any] = {}
        for k, v in variables.items():
            if isinstance(v, int) and not isinstance(v, bool):
                v = format_decimal(v, locale=locale)
            elif isinstance(v, Localized):
                v = v.english if english else str(v)
            out[k] = v
        return out

    def _format(self, key: Key, n: int | None, english: str, variables: Mapping[str, Any]
                ) -> Markup:
        """The translation with its variables.  Without one — or should formatting fail
        all the same (a directive that takes another type) — the English sentence, its
        variables in English too, all inside one ``lang="en"`` span."""
        fallback = not self.english and key not in self.messages
        if not fallback:
            try:
                return self._lookup(key, n, english) % self._values(variables,
                                                                    english=self.english)
            except (TypeError, ValueError, KeyError, OverflowError, MemoryError):
                if self.english:
                    raise
        self.used_fallback = True
        values = self._values(variables, english=True)
        return Markup('<span lang="en">%s</span>') % (Markup(escape(english)) % values)

    def gettext(self, msgid: str, **variables: Any) -> Markup:
        return self._format((None, msgid), None, msgid, variables)

    def pgettext(self, msgctxt: str, msgid: str, **variables: Any) -> Markup:
        return self._format((msgctxt, msgid), None, msgid, variables)

    def ngettext(self, singular: str, plural: str, n: int, **variables: Any) -> Markup:
        variables.setdefault("num", n)
        english = singular if n == 1 else plural
        return self._format((None, singular), n, english, variables)

    def npgettext(
        self, msgctxt: str, singular: str, plural: str, n: int, **variables: Any
    ) -> Markup:
        variables.setdefault("num", n)
        english = singular if n == 1 else plural
        return self._format((msgctxt, singular), n, english, variables)

    def callables(self) -> dict[str, Callable[..., Markup]]:
        """The globals Jinja2's i18n extension calls (with ``newstyle_gettext``)."""
        return {
            "_": self.gettext,
            "gettext": self.gettext,
            "ngettext": self.ngettext,
            "pgettext": self.pgettext,
            "npgettext": self.npgettext,
        }


# Python's own %-directive grammar (what ``str % mapping`` will act on), not a lenient scan
_PY_DIRECTIVE_RE = re.compile(r"%(?:\([^()]*\))?[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d*))?[hlL]?.?",
                              re.DOTALL)


def _directives(text: str) -> Counter[str]:
    return Counter(d for d in _PY_DIRECTIVE_RE.findall(text) if d != "%%")


def _refusal(entry: Entry, length: LengthBound) -> str | None:
    """Why a translation that formats like its msgid is still not shown, if it is not.

    Each %-directive of a form must be one its English has, as written and no more
    often: ``%(x)999999999s`` for ``%(x)s``, or ``%(x)s`` a thousand times, would
    let a one-line translation write a page of any size.
    """
    english = (entry.msgid,) if entry.msgid_plural is None else (entry.msgid, entry.msgid_plural)
    allowed: Counter[str] = Counter()
    for text in english:
        allowed |= _directives(text)
    for form in entry.translations():
        extra = _directives(form) - allowed
        if extra:
            return (f"placeholder {next(iter(extra))!r} is not in the English as written "
                    "(a width, precision, flag or repetition it does not have)")
        reason = length.exceeded(max(english, key=len), form)
        if reason is not None:
            return reason
    return None


def _formats_like_msgid(entry: Entry) -> bool:
    """Newstyle gettext %-formats every UI string: each form must format as its msgid does."""
    if entry.msgid_plural is None:
        return not check_format("python-format", entry.msgid, entry.msgstr)
    forms = entry.translations()
    return not any(check_format("python-format", entry.msgid_plural, form, strict=False)
                   for form in forms)

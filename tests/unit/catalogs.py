"""Small, msgfmt-valid catalogs for the check, status, review and report tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

PLURAL_FORMS = {"fr": "nplurals=2; plural=(n > 1);"}


def header(lang: str | None) -> str:
    revised = "2026-11-02 00:00+0000" if lang else "YEAR-MO-DA HO:MI+ZONE"
    translator = "T <t@example.org>" if lang else "FULL NAME <EMAIL@ADDRESS>"
    lines = [
        "Project-Id-Version: demo 1.0", "Report-Msgid-Bugs-To: ",
        "POT-Creation-Date: 2026-11-01 00:00+0000",
        f"PO-Revision-Date: {revised}",
        f"Last-Translator: {translator}",
        f"Language-Team: {lang}" if lang else "Language-Team: LANGUAGE <LL@li.org>",
        f"Language: {lang}" if lang else "Language: ",
        "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: 8bit",
        f"Plural-Forms: {PLURAL_FORMS.get(lang or '', 'nplurals=1; plural=0;')}",
    ]
    body = "\n".join(f'"{line}\\n"' for line in lines)
    return f'msgid ""\nmsgstr ""\n{body}\n'


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def entry(msgid: str, msgstr: str = "", *, ref: str = "source/demo.md:1", flags: str = "",
          comments: tuple[str, ...] = (), previous: str | None = None) -> str:
    lines = [f"# {c}" for c in comments] + [f"#: {ref}"]
    if flags:
        lines.append(f"#, {flags}")
    if previous is not None:
        lines.append(f"#| msgid {quote(previous)}")
    lines += [f"msgid {quote(msgid)}", f"msgstr {quote(msgstr)}"]
    return "\n".join(lines) + "\n"


def po(lang: str | None, *entries: str) -> str:
    return "\n".join([header(lang), *entries])


DEMO_ENTRIES = [
    ("Welcome to the summit.", "Bienvenue au sommet.", {}),
    ("Founded in 2006.", "Fondée en 2007.", {}),  # numbers warning, reviewed
    ("See [the programme](https://example.org/p).", "Voir [le programme](https://example.org/q).",
     {"flags": "fuzzy", "comments": ("machine: google 2026-11-20",)}),  # markdown+urls errors
    ("The summit lasts six days.", "Le sommet dure cinq jours.",
     {"flags": "fuzzy", "previous": "The summit lasts five days."}),  # stale
    ("Thank you.", "", {}),  # untranslated
]


def demo_project(make_project: Callable[..., Path], *, config: str = 'languages = ["fr"]\n'
                 ) -> Path:
    """A project with one domain ``demo``: reviewed, machine draft, stale, untranslated."""
    pot = po(None, *(entry(m, ref=f"source/demo.md:{i}") for i, (m, _, _) in
                     enumerate(DEMO_ENTRIES, 1)))
    fr = po("fr", *(entry(m, s, ref=f"source/demo.md:{i}", **kw)  # type: ignore[arg-type]
                    for i, (m, s, kw) in enumerate(DEMO_ENTRIES, 1)))
    return make_project({"locale/demo.pot": pot, "locale/fr/LC_MESSAGES/demo.po": fr},
                        config=config)

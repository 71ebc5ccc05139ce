"""Synthetic gettext corpora for the benchmarks: a template, its translation, the next release.

Principles: deterministic for a given ``(n, lang, seed, profile)`` so every tool is
timed on the same bytes; shaped like documentation catalogs — short UI strings beside
long paragraphs, inline Markdown (``**bold**``, ``[link](url)``, `` `code` ``),
placeholders (``%(name)s``, ``{count}``, ``%d``), ~2% plural messages and ~5% with a
msgctxt.  A second profile, ``formats``, has two to three times the format strings and
plural entries (about 63% of messages flagged ``python-format``/``python-brace-format``
instead of 23%, 5% plural instead of 2%): the entries msgfmt --check and ``compile`` do
the most work on.  The translation is a plausible pseudo-French (placeholders and
Markdown kept intact), fully translated with a few fuzzy entries.  The "next release"
template edits ~10% of the msgids by a few words, removes 5% and adds 5%, as a real
release does.  Files are normalised with GNU ``msgcat`` when it is installed, so they
look as GNU tools write them.

Usage: ``python -m benchmarks.generate N DEST [--lang fr] [--seed 0] [--profile formats]``.
"""

from __future__ import annotations

import argparse
import functools
import random
import shutil
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

__all__ = [
    "PROFILES",
    "Message",
    "Profile",
    "make_messages",
    "next_release",
    "one_language_project",
    "write_corpus",
]

_WORD_TEXT = """
a able about above access account action active add added address after again all allow
allowed already also always an and another any application apply archive are area as ask
at attach author automatic available back backup base basic be before begin below best
between block body book both branch browser build but button by cache calendar call can
cancel cannot change changed channel check choose clear click client close code collect
column command comment common community complete computer configure connect connection
contain content context continue control copy correct could create current custom data
database date default define delete describe description detail device different
directory disable display document does domain done download draft drive during each
edit editor either email enable end enter entry error event every example exist expect
export extension external fail feature field file filter find first folder follow font
for form format found free from full function general get give global go group guide
handle has have header help here history home how if image import include index
information input install instead interface is issue it item its join just keep key
language large last layout learn leave left level library license line link list load
local lock log long main make manage manual many map mark may menu merge message method
might mode model more most move must name need network new next no node not note
notice number object of offline old on one online only open option or order other
output over owner package page panel parameter part password path pattern people
permission personal place plain please point policy port position possible preference
press preview previous print private process profile project property provide public
publish query quick read ready recent record release remote remove rename replace report
request require reset resource restore result return review right rule run save scan
schedule screen search section secure see select send server service session set setting
share show sign simple site size some source space start state status step still stop
storage store string style submit summary support sync system table tag task team
template test text that the their then there these this through time title to tool top
track translate translation tree try type under update upload use user using valid value
version view visible wait want warning was way web when where which while will window
with without word work would write year you your
"""
_WORDS = tuple(_WORD_TEXT.split())

# A small dictionary for the most frequent words; the rest get a French-looking spelling.
_FR = {
    "a": "un", "an": "une", "the": "le", "and": "et", "or": "ou", "of": "de", "to": "à",
    "in": "dans", "on": "sur", "for": "pour", "with": "avec", "without": "sans", "is": "est",
    "are": "sont", "be": "être", "not": "pas", "no": "aucun", "you": "vous", "your": "votre",
    "this": "ce", "that": "que", "it": "il", "its": "son", "by": "par", "from": "de",
    "file": "fichier", "files": "fichiers", "page": "page", "user": "utilisateur",
    "save": "enregistrer", "open": "ouvrir", "close": "fermer", "delete": "supprimer",
    "search": "rechercher", "settings": "paramètres", "setting": "paramètre", "new": "nouveau",
    "name": "nom", "password": "mot de passe", "error": "erreur", "message": "message",
    "cannot": "ne peut pas", "can": "peut", "will": "va", "all": "tous", "every": "chaque",
    "when": "quand", "if": "si", "before": "avant", "after": "après", "help": "aide",
}

_SUFFIXES = (("tion", "tion"), ("ing", "ant"), ("ed", "é"), ("er", "eur"), ("ly", "ment"),
             ("y", "ie"), ("e", "e"))


@functools.cache
def _pseudo_french(word: str) -> str:
    lower = word.lower()
    if lower in _FR:
        out = _FR[lower]
    else:
        out = lower.replace("th", "t").replace("w", "ou").replace("k", "qu")
        for end, repl in _SUFFIXES:
            if out.endswith(end):
                out = out[: -len(end)] + repl
                break
        else:
            out += "e"
    return out.capitalize() if word[:1].isupper() else out


@dataclass(frozen=True)
class Profile:
    """How often the generator writes the entries that cost a checker the most."""

    name: str
    #: share of the inline decorations of a sentence that are placeholders
    #: (``%(name)s``, ``{count}``, ``%d``) rather than Markdown
    placeholder_share: float
    #: share of UI strings (a few words) that carry a placeholder ("Delete %(name)s")
    ui_placeholder_share: float
    #: share of messages that are plural entries
    plural_share: float


PROFILES = {
    # documentation catalogs: ~23% of messages with a format flag, ~2% plural
    "docs": Profile("docs", placeholder_share=0.2, ui_placeholder_share=0.0, plural_share=0.02),
    # application-like catalogs: ~63% with a format flag, ~5% plural
    "formats": Profile("formats", placeholder_share=0.6, ui_placeholder_share=0.45,
                       plural_share=0.05),
}


@dataclass(frozen=True)
class Message:
    """One message of the synthetic corpus (its translation is derived, not stored)."""

    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    reference: str = ""
    flags: tuple[str, ...] = ()


def _placeholder(rng: random.Random, word: str) -> str:
    if rng.random() < 0.5:
        return f"%({word})s"
    return "{count}" if rng.random() < 0.5 else "%d"


def _sentence(rng: random.Random, n_words: int, profile: Profile) -> str:
    words = [rng.choice(_WORDS) for _ in range(n_words)]
    # Decorate a few words the way documentation does: bold, code and links share the
    # Markdown part of [0, 1) as 35:25:20, placeholders the rest.
    markdown = 1.0 - profile.placeholder_share
    scale = markdown / 0.8
    for _ in range(n_words // 12 + (1 if rng.random() < 0.3 else 0)):
        i = rng.randrange(n_words)
        kind = rng.random()
        if kind < 0.35 * scale:
            words[i] = f"**{words[i]}**"
        elif kind < 0.6 * scale:
            words[i] = f"`{words[i]}`"
        elif kind < markdown:
            words[i] = f"[{words[i]}](https://example.org/{words[i]})"
        elif kind < markdown + profile.placeholder_share / 2:
            words[i] = f"%({words[i]})s"
        else:
            words[i] = "{count}" if rng.random() < 0.5 else "%d"
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words) + "."


def _text(rng: random.Random, profile: Profile) -> str:
    kind = rng.random()
    if kind < 0.4:  # UI string: a button, a label, a menu entry
        words = [rng.choice(_WORDS) for _ in range(rng.randint(1, 5))]
        text = " ".join(words).capitalize()
        if profile.ui_placeholder_share and rng.random() < profile.ui_placeholder_share:
            text = f"{text} {_placeholder(rng, words[-1])}"
        return text
    if kind < 0.8:  # one sentence
        return _sentence(rng, rng.randint(8, 25), profile)
    return " ".join(_sentence(rng, rng.randint(8, 25), profile)
                    for _ in range(rng.randint(2, 5)))


def _flags_for(text: str) -> tuple[str, ...]:
    if "%(" in text or "%d" in text:
        return ("python-format",)
    if "{count}" in text:
        return ("python-brace-format",)
    return ()


def make_messages(
    n: int, *, seed: int = 0, start: int = 0, profile: str = "docs"
) -> list[Message]:
    """``n`` distinct messages (unique (msgctxt, msgid)), deterministic for ``seed``."""
    shape = PROFILES[profile]
    rng = random.Random(f"messages-{seed}-{start}")
    seen: set[tuple[str | None, str]] = set()
    out: list[Message] = []
    i = 0
    while len(out) < n:
        i += 1
        text = _text(rng, shape)
        ctxt = rng.choice(["menu", "button", "title", "tooltip"]) if rng.random() < 0.05 else None
        if (ctxt, text) in seen:
            continue
        seen.add((ctxt, text))
        plural = None
        if rng.random() < shape.plural_share:
            text = f"%d {rng.choice(_WORDS)} {rng.choice(_WORDS)} item"
            plural = text.replace(" item", " items")
            if (ctxt, text) in seen:
                continue
            seen.add((ctxt, text))
        number = start + len(out)
        ref = f"source/doc-{number // 200:03d}.md:{(number % 200) * 4 + 1}"
        out.append(Message(text, ctxt, plural, ref, _flags_for(text + (plural or ""))))
    return out


def _edit(rng: random.Random, text: str) -> str:
    """Change a few words of ``text`` (replace, insert or delete one to three words)."""
    words = text.split(" ")
    for _ in range(rng.randint(1, 3)):
        op = rng.random()
        i = rng.randrange(len(words))
        if op < 0.6 or len(words) < 3:
            words[i] = rng.choice(_WORDS)
        elif op < 0.85:
            words.insert(i, rng.choice(_WORDS))
        else:
            del words[i]
    return " ".join(words)


def next_release(
    messages: list[Message], *, seed: int = 0, profile: str = "docs"
) -> list[Message]:
    """The template after a release: ~10% msgids edited, 5% removed, 5% added."""
    rng = random.Random(f"next-{seed}")
    n = len(messages)
    added = iter(make_messages(max(1, n // 20), seed=seed + 1, start=n, profile=profile))
    taken = {(m.msgctxt, m.msgid) for m in messages}
    out: list[Message] = []
    for m in messages:
        roll = rng.random()
        if roll < 0.05:
            continue  # removed
        if roll < 0.15 and m.msgid_plural is None:
            new_id = _edit(rng, m.msgid)
            if (m.msgctxt, new_id) not in taken:
                taken.add((m.msgctxt, new_id))
                m = replace(m, msgid=new_id, flags=_flags_for(new_id))
        out.append(m)
        if rng.random() < 0.05:
            new = next(added, None)
            if new is not None and (new.msgctxt, new.msgid) not in taken:
                taken.add((new.msgctxt, new.msgid))
                out.append(new)
    return out


def _translate(text: str) -> str:
    out = []
    for token in text.split(" "):
        # Keep placeholders, code spans and link targets exactly as in the English.
        if token.startswith(("%", "{", "`")) or "](" in token:
            out.append(token)
            continue
        core = token.rstrip(".")
        tail = token[len(core):]
        lead = "**" if core.startswith("**") else ""
        trail = "**" if core.endswith("**") and len(core) > 2 else ""
        core = core[len(lead): len(core) - len(trail)]
        out.append(f"{lead}{_pseudo_french(core)}{trail}{tail}" if core else token)
    return " ".join(out)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


_POT_HEADER = (
    "Project-Id-Version: synthetic 1.0\\n",
    "Report-Msgid-Bugs-To: \\n",
    "POT-Creation-Date: 2026-01-01 00:00+0000\\n",
    "PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n",
    "Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n",
    "Language-Team: LANGUAGE <LL@li.org>\\n",
    "Language: \\n",
    "MIME-Version: 1.0\\n",
    "Content-Type: text/plain; charset=UTF-8\\n",
    "Content-Transfer-Encoding: 8bit\\n",
    # English plural rule, so the template itself passes msgfmt --check.
    "Plural-Forms: nplurals=2; plural=(n != 1);\\n",
)

_PLURAL_FORMS = {"fr": "nplurals=2; plural=(n > 1);", "ja": "nplurals=1; plural=0;",
                 "ko": "nplurals=1; plural=0;", "zh_Hant": "nplurals=1; plural=0;",
                 "zh_Hans": "nplurals=1; plural=0;", "de": "nplurals=2; plural=(n != 1);"}


def _header(lines: tuple[str, ...], *, fuzzy: bool) -> str:
    head = "#, fuzzy\n" if fuzzy else ""
    return head + 'msgid ""\nmsgstr ""\n' + "".join(f'"{line}"\n' for line in lines)


def _format(messages: list[Message], *, lang: str | None, seed: int, creation: str) -> str:
    if lang is None:
        header = _header(tuple(h.replace("2026-01-01 00:00+0000", creation) for h in _POT_HEADER),
                         fuzzy=True)
    else:
        plural_forms = _PLURAL_FORMS.get(lang, "nplurals=2; plural=(n != 1);")
        header = _header((
            "Project-Id-Version: synthetic 1.0\\n",
            "Report-Msgid-Bugs-To: \\n",
            f"POT-Creation-Date: {creation}\\n",
            "PO-Revision-Date: 2026-01-02 10:00+0000\\n",
            "Last-Translator: Synthetic Translator <translator@example.org>\\n",
            f"Language-Team: {lang} <{lang}@example.org>\\n",
            f"Language: {lang}\\n",
            "MIME-Version: 1.0\\n",
            "Content-Type: text/plain; charset=UTF-8\\n",
            "Content-Transfer-Encoding: 8bit\\n",
            f"Plural-Forms: {plural_forms}\\n",
        ), fuzzy=False)
    nplurals = int(_PLURAL_FORMS.get(lang or "", "nplurals=2").split("=")[1].split(";")[0])
    rng = random.Random(f"fuzzy-{seed}")
    parts = [header]
    for m in messages:
        lines = [f"#: {m.reference}"]
        flags = list(m.flags)
        if lang is not None and rng.random() < 0.02:
            flags.insert(0, "fuzzy")
        if flags:
            lines.append("#, " + ", ".join(flags))
        if m.msgctxt is not None:
            lines.append(f"msgctxt {_quote(m.msgctxt)}")
        lines.append(f"msgid {_quote(m.msgid)}")
        if m.msgid_plural is not None:
            lines.append(f"msgid_plural {_quote(m.msgid_plural)}")
            for i in range(nplurals if lang else 2):
                text = "" if lang is None else _translate(m.msgid if i == 0 else m.msgid_plural)
                lines.append(f"msgstr[{i}] {_quote(text)}")
        else:
            lines.append(f"msgstr {_quote('' if lang is None else _translate(m.msgid))}")
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def _normalise(path: Path) -> None:
    """Rewrite ``path`` as GNU gettext writes it (width 79), when msgcat is installed."""
    msgcat = shutil.which("msgcat")
    if msgcat is None:
        return
    subprocess.run([msgcat, "--width=79", "-o", str(path), str(path)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def write_corpus(
    n: int, dest: Path, *, lang: str = "fr", seed: int = 0, profile: str = "docs"
) -> tuple[Path, Path, Path]:
    """Write ``template.pot``, ``translated.po`` and ``next_release.pot`` under ``dest``.

    ``n`` is the number of messages of the template and ``profile`` a key of
    :data:`PROFILES`; the same arguments always give the same bytes.  Returns the
    three paths in that order.
    """
    dest.mkdir(parents=True, exist_ok=True)
    messages = make_messages(n, seed=seed, profile=profile)
    following = next_release(messages, seed=seed, profile=profile)
    template = dest / "template.pot"
    translated = dest / "translated.po"
    upcoming = dest / "next_release.pot"
    template.write_text(_format(messages, lang=None, seed=seed,
                                creation="2026-01-01 00:00+0000"), encoding="utf-8")
    translated.write_text(_format(messages, lang=lang, seed=seed,
                                  creation="2026-01-01 00:00+0000"), encoding="utf-8")
    upcoming.write_text(_format(following, lang=None, seed=seed,
                                creation="2026-02-01 00:00+0000"), encoding="utf-8")
    for path in (template, translated, upcoming):
        _normalise(path)
    return template, translated, upcoming


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("n", type=int, help="number of messages")
    parser.add_argument("dest", type=Path, help="output folder")
    parser.add_argument("--lang", default="fr")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", choices=sorted(PROFILES), default="docs")
    args = parser.parse_args()
    for path in write_corpus(args.n, args.dest, lang=args.lang, seed=args.seed,
                             profile=args.profile):
        print(path)


if __name__ == "__main__":
    main()


def one_language_project(
    root: Path, template: Path, catalog: Path, *, domain: str = "bench"
) -> Path:
    """A fresh ``fr`` project at ``root`` whose template and catalog are copies of these."""
    if root.exists():
        shutil.rmtree(root)
    (root / "locale" / "fr" / "LC_MESSAGES").mkdir(parents=True)
    (root / "summit-i18n.toml").write_text('languages = ["fr"]\n', encoding="utf-8")
    shutil.copyfile(template, root / "locale" / f"{domain}.pot")
    shutil.copyfile(catalog, root / "locale" / "fr" / "LC_MESSAGES" / f"{domain}.po")
    return root

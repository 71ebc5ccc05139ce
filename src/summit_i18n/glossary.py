"""The project glossary: approved renderings of key English terms, per language, with their sources.

Principles: one hand-edited file, ``locale/glossary.yaml``, holds every term.  YAML
rather than TBX because translators edit it by hand in any editor, it diffs line by
line in review, and one small file is enough for a project of this size (TBX is
verbose XML meant for exchange between terminology tools).  Each term lists the
required text per locale, or ``keep`` to keep the English unchanged.  A rendering
may say where it comes from (``source``), how sure it is (``status``: ``official``
— the name as its owner publishes it, or a UN term; ``attested`` — in consistent
use by the press, the organizers or partners; ``our translation``) and which
other renderings are wrong (``avoid``)::

    terms:
      - en: Falun Gong
        note: spiritual practice
        fr: keep
        ja: 法輪功
      - en: Doctors Against Forced Organ Harvesting
        ja:
          text: 強制臓器摘出に反対する医師団
          status: official
          source: DAFOH's Japanese petition page, fohpetition.org
          avoid: [臓器の強制摘出に反対する医師会]

The short form (``ja: 法輪功``) and the long one can be mixed.  An ``official``
rendering must name its source.  A term without an entry for a language imposes
nothing on that language.  Terms are matched in English text as whole words,
longest first, without overlaps, so "Chinese Communist Party" wins over a shorter
"Communist Party"; a term written in lower case also matches with a capital first
letter, as at a sentence start.  Machine prefill enforces the renderings; ``check``
verifies them in human translations and rejects an ``avoid`` rendering of an
official name.  :meth:`Glossary.terms_in` gives the terms of one English text with
their required rendering in a language — what a reviewer, or a prompt, needs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import yaml

from summit_i18n.errors import SourceError

if TYPE_CHECKING:
    from summit_i18n.config import Project

__all__ = [
    "ATTESTED",
    "GLOSSARY_FILE",
    "KEEP",
    "OFFICIAL",
    "OUR_TRANSLATION",
    "STATUSES",
    "Glossary",
    "Rendering",
    "Status",
    "Term",
    "load_glossary",
    "project_glossary",
]

KEEP = "keep"
GLOSSARY_FILE = "glossary.yaml"

Status = Literal["official", "attested", "our translation"]
OFFICIAL: Status = "official"
ATTESTED: Status = "attested"
OUR_TRANSLATION: Status = "our translation"
#: The statuses a rendering may have, surest first.
STATUSES: tuple[Status, ...] = (OFFICIAL, ATTESTED, OUR_TRANSLATION)

_LOCALE_KEY = re.compile(r"^[a-z]{2,3}(_[A-Z][a-z]{3})?(_([A-Z]{2}|[0-9]{3}))?(@[a-z]+)?$")
_RENDERING_KEYS = ("text", "status", "source", "avoid", "note")


@dataclass(frozen=True)
class Rendering:
    """How a term is written in one language, where that comes from and how sure it is."""

    lang: str
    text: str  #: the required text (the English itself for ``keep``)
    status: Status | None = None
    source: str = ""
    avoid: tuple[str, ...] = ()  #: renderings that are wrong for this term
    note: str = ""

    @property
    def official(self) -> bool:
        return self.status == OFFICIAL


@dataclass(frozen=True)
class Term:
    """One English term and its approved rendering per language.

    ``renderings`` maps a locale to the required text (or ``"keep"``); the other
    mappings, keyed the same way, hold what the glossary says about that text.
    """

    english: str
    renderings: Mapping[str, str]  #: locale -> approved text, or ``"keep"``
    note: str = ""
    case_sensitive: bool = True
    sources: Mapping[str, str] = field(default_factory=dict)  #: locale -> where it comes from
    statuses: Mapping[str, Status] = field(default_factory=dict)  #: locale -> how sure
    avoid: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  #: locale -> wrong ones
    notes: Mapping[str, str] = field(default_factory=dict)  #: locale -> a note on that language

    def __hash__(self) -> int:  # renderings is a dict: hash what identifies the term
        return hash((self.english, self.case_sensitive))

    def rendering(self, lang: str) -> str | None:
        """The approved text for ``lang`` (the English itself for ``keep``), or None."""
        text = self.renderings.get(lang)
        if text is None:
            return None
        return self.english if text == KEEP else text

    def entry(self, lang: str) -> Rendering | None:
        """Everything the glossary says about ``lang``'s rendering, or None."""
        text = self.rendering(lang)
        if text is None:
            return None
        return Rendering(lang=lang, text=text, status=self.statuses.get(lang),
                         source=self.sources.get(lang, ""), avoid=self.avoid.get(lang, ()),
                         note=self.notes.get(lang, ""))

    def entries(self) -> list[Rendering]:
        """Every language's rendering, in the file's order."""
        return [r for r in (self.entry(lang) for lang in self.renderings) if r is not None]

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Whole-word occurrences of the term in English text."""
        flags = 0 if self.case_sensitive else re.IGNORECASE
        words = r"\s+".join(re.escape(w) for w in self.english.split())
        first = self.english[0]
        if self.case_sensitive and first.islower():
            # "forced organ harvesting" also begins a sentence as "Forced organ harvesting".
            rest = words[len(re.escape(first)):]
            words = f"[{re.escape(first)}{re.escape(first.upper())}]{rest}"
        return re.compile(rf"(?<!\w){words}(?!\w)", flags)


@dataclass(frozen=True)
class Glossary:
    """All terms of a project (possibly none)."""

    terms: tuple[Term, ...] = field(default_factory=tuple)

    def __bool__(self) -> bool:
        return bool(self.terms)

    def _longest_first(self) -> list[Term]:
        return sorted(self.terms, key=lambda t: (-len(t.english), t.english))

    def for_language(self, lang: str) -> list[tuple[Term, str]]:
        """Terms that have a rendering for ``lang``, with it, longest English first."""
        pairs: list[tuple[Term, str]] = []
        for term in self._longest_first():
            text = term.rendering(lang)
            if text is not None:
                pairs.append((term, text))
        return pairs

    def spans(self, text: str, *, lang: str | None = None) -> list[tuple[int, int, Term]]:
        """Non-overlapping occurrences ``(start, end, term)`` in ``text``, in text order.

        Longer terms claim their text first.  With ``lang``, only terms that have a
        rendering for that language are looked for.
        """
        terms = self._longest_first() if lang is None else [t for t, _ in self.for_language(lang)]
        taken: list[tuple[int, int, Term]] = []
        for term in terms:
            for match in term.pattern.finditer(text):
                start, end = match.span()
                if all(end <= s or start >= e for s, e, _ in taken):
                    taken.append((start, end, term))
        return sorted(taken, key=lambda span: span[0])

    def find(self, text: str) -> list[Term]:
        """Terms occurring in English ``text`` (whole words, longest first, no overlaps)."""
        found: dict[str, Term] = {}
        for _, _, term in self.spans(text):
            found.setdefault(term.english, term)
        return sorted(found.values(), key=lambda t: (-len(t.english), t.english))

    def terms_in(self, text: str, lang: str) -> list[tuple[Term, Rendering]]:
        """Terms occurring in English ``text``, each with its required rendering in ``lang``.

        In text order, each term once; terms without a rendering for ``lang`` are
        left out.  What a translator — or a prompt to a language model — needs to
        know about the terms of one segment.
        """
        found: dict[str, tuple[Term, Rendering]] = {}
        for _, _, term in self.spans(text, lang=lang):
            entry = term.entry(lang)
            if entry is not None:
                found.setdefault(term.english, (term, entry))
        return list(found.values())

    def official(self, lang: str) -> list[tuple[Term, Rendering]]:
        """Terms whose ``lang`` rendering is official, with it, longest English first."""
        pairs: list[tuple[Term, Rendering]] = []
        for term in self._longest_first():
            entry = term.entry(lang)
            if entry is not None and entry.official:
                pairs.append((term, entry))
        return pairs

    def languages(self) -> list[str]:
        """Every locale some term has a rendering for, in order of first appearance."""
        seen: dict[str, None] = {}
        for term in self.terms:
            seen.update(dict.fromkeys(term.renderings))
        return list(seen)


def load_glossary(path: Path) -> Glossary:
    """Read a glossary file; :class:`SourceError` with the line on bad YAML or structure."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(path, None, f"not UTF-8 ({exc.reason})") from exc
    except OSError as exc:
        raise SourceError(path, None, f"cannot read ({exc.strerror})") from exc
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise SourceError(path, line, f"not valid YAML ({problem})") from exc
    if root is None:
        return Glossary()
    return Glossary(tuple(_terms(root, path)))


def project_glossary(project: Project) -> Glossary:
    """The project's ``locale/glossary.yaml``, or an empty glossary when there is none."""
    path = project.locale_dir / GLOSSARY_FILE
    if not path.is_file():
        return Glossary()
    return load_glossary(path)


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _terms(root: yaml.Node, path: Path) -> list[Term]:
    if not isinstance(root, yaml.MappingNode):
        raise SourceError(path, _line(root), "expected a mapping with a 'terms' list")
    terms_node: yaml.Node | None = None
    for key, value in root.value:
        if _scalar(key, path) != "terms":
            raise SourceError(path, _line(key), f"unknown key {key.value!r} (expected 'terms')")
        terms_node = value
    if terms_node is None:
        raise SourceError(path, _line(root), "missing 'terms' list")
    if isinstance(terms_node, yaml.ScalarNode) and terms_node.value in ("", "~", "null"):
        return []
    if not isinstance(terms_node, yaml.SequenceNode):
        raise SourceError(path, _line(terms_node), "'terms' must be a list of terms")
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for item in terms_node.value:
        term = _term(item, path)
        key = term.english if term.case_sensitive else term.english.casefold()
        if key in seen:
            raise SourceError(path, _line(item),
                              f"term {term.english!r} is listed twice (first on line {seen[key]})")
        seen[key] = _line(item)
        terms.append(term)
    return terms


@dataclass
class _Parts:
    """A term's fields while its mapping is read."""

    renderings: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    statuses: dict[str, Status] = field(default_factory=dict)
    avoid: dict[str, tuple[str, ...]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)


def _term(node: yaml.Node, path: Path) -> Term:
    if not isinstance(node, yaml.MappingNode):
        raise SourceError(path, _line(node), "each term must be a mapping with an 'en' key")
    english: str | None = None
    note = ""
    case_sensitive = True
    parts = _Parts()
    for key_node, value_node in node.value:
        key = _scalar(key_node, path)
        if _LOCALE_KEY.match(key) and key != "en":
            if key in parts.renderings:
                raise SourceError(path, _line(key_node), f"{key!r} is given twice")
            _language(key, value_node, parts, path)
            continue
        value = _scalar(value_node, path)
        if key == "en":
            english = " ".join(value.split())
            if not english:
                raise SourceError(path, _line(value_node), "'en' must not be empty")
        elif key == "note":
            note = value
        elif key == "case_sensitive":
            if value_node.tag != "tag:yaml.org,2002:bool":
                raise SourceError(path, _line(value_node), "'case_sensitive' must be true or false")
            case_sensitive = value.lower() in {"true", "yes", "on"}
        else:
            raise SourceError(path, _line(key_node),
                              f"unknown key {key!r} (expected en, note, case_sensitive "
                              "or a locale name like 'fr' or 'zh_Hant')")
    if english is None:
        raise SourceError(path, _line(node), "term without 'en'")
    return Term(english=english, renderings=parts.renderings, note=note,
                case_sensitive=case_sensitive, sources=parts.sources, statuses=parts.statuses,
                avoid=parts.avoid, notes=parts.notes)


def _language(lang: str, node: yaml.Node, parts: _Parts, path: Path) -> None:
    """One language of a term: ``fr: text`` or ``fr: {text: …, status: …, source: …}``."""
    if not isinstance(node, yaml.MappingNode):
        parts.renderings[lang] = _text(lang, node, path)
        return
    fields: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        key = _scalar(key_node, path)
        if key not in _RENDERING_KEYS:
            raise SourceError(path, _line(key_node),
                              f"{lang}: unknown key {key!r} (expected "
                              f"{', '.join(_RENDERING_KEYS)})")
        if key in fields:
            raise SourceError(path, _line(key_node), f"{lang}: {key!r} is given twice")
        fields[key] = value_node
    if "text" not in fields:
        raise SourceError(path, _line(node), f"{lang}: missing 'text' (the rendering, or 'keep')")
    parts.renderings[lang] = text = _text(lang, fields["text"], path)
    if "status" in fields:
        status = " ".join(_scalar(fields["status"], path).split())
        if status not in STATUSES:
            raise SourceError(path, _line(fields["status"]),
                              f"{lang}: status {status!r} is not one of "
                              f"{', '.join(repr(s) for s in STATUSES)}")
        parts.statuses[lang] = status
    source = " ".join(_scalar(fields["source"], path).split()) if "source" in fields else ""
    if source:
        parts.sources[lang] = source
    if parts.statuses.get(lang) == OFFICIAL and not source:
        raise SourceError(path, _line(fields.get("source", node)),
                          f"{lang}: an official rendering needs a 'source' (where it is published)")
    if "note" in fields:
        parts.notes[lang] = _scalar(fields["note"], path)
    if "avoid" in fields:
        wrong = _avoid(lang, fields["avoid"], path)
        if text in wrong:
            raise SourceError(path, _line(fields["avoid"]),
                              f"{lang}: {text!r} is both the rendering and in 'avoid'")
        parts.avoid[lang] = wrong


def _text(lang: str, node: yaml.Node, path: Path) -> str:
    value = _scalar(node, path)
    if not value.strip():
        raise SourceError(path, _line(node),
                          f"{lang}: empty rendering (write 'keep' to keep the English)")
    return value.strip()


def _avoid(lang: str, node: yaml.Node, path: Path) -> tuple[str, ...]:
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    wrong: list[str] = []
    for item in items:
        value = " ".join(_scalar(item, path).split())
        if not value:
            raise SourceError(path, _line(item), f"{lang}: empty text in 'avoid'")
        if value not in wrong:
            wrong.append(value)
    return tuple(wrong)


def _scalar(node: yaml.Node, path: Path) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise SourceError(path, _line(node), "expected a plain value here")
    if node.tag == "tag:yaml.org,2002:null":
        return ""
    return str(node.value)

"""Protect what a translation service must not touch, and put it back afterwards.

Principles: a segment is sent with every part that is not prose replaced by an
opaque numbered token ``⟦n⟧`` — placeholders (``%(x)s``, ``%s``, ``{x}``,
``{{ x }}``), Markdown link and image targets, reference labels, autolinks and
bare URLs, code spans, emphasis markers, backslash escapes, HTML tags, comments
and entities, and glossary terms (whose token is put back as the approved
rendering).  Text in the source that already looks like a token is itself
masked, so :func:`restore` of an untouched masked text always gives the source
back exactly.  Leading and trailing whitespace is kept apart, because services
strip it.  A translation is accepted only if every token comes back exactly
once: :func:`check_tokens` says what is wrong otherwise.  Pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from summit_i18n.glossary import Term

__all__ = [
    "TOKEN_RE",
    "Masked",
    "Token",
    "TokenDamage",
    "check_tokens",
    "has_prose",
    "mask",
    "restore",
    "split_sentences",
]

#: a token as sent; services sometimes add spaces inside brackets, so accept them
TOKEN_RE = re.compile(r"⟦\s*(\d+)\s*⟧")

_CODE_SPAN = r"(?P<code>(?P<ticks>`+)(?:(?!(?P=ticks)).)+?(?P=ticks)(?!`))"
_HTML_COMMENT = r"(?P<comment><!--.*?-->)"
_AUTOLINK = r"(?P<autolink><(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>)"
_HTML_TAG = (r"(?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w:.-]*"
             r"(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>)")
_ENTITY = r"(?P<entity>&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});)"
_LINK_TEXT = r"(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*"
_LINK_DEST = r"(?:<[^<>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*)"
_LINK_TITLE = r"(?:\s+(?:\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?"
_LINK = (rf"(?P<link>(?P<open>!?\[)(?P<label>{_LINK_TEXT})"
         rf"(?P<close>\]\(\s*{_LINK_DEST}{_LINK_TITLE}\s*\)|\]\[(?:[^\[\]\\]|\\.)*\]))")
# No space flag and no letter right after: "100% sure" and "50%off" are prose.
_PRINTF = (r"(?P<printf>%(?:%|\([A-Za-z_][A-Za-z0-9_]*\)[-#0+]*\d*(?:\.\d+)?[a-zA-Z]"
           r"|[-#0+]*(?:\d+\$)?\d*(?:\.\d+)?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGcrsa])"
           r"(?![A-Za-z]))")
_BRACE = r"(?P<brace>\{\{.*?\}\}|\{%.*?%\}|\{[A-Za-z0-9_.\[\]!:<>^+\-#]*\})"
_URL = r"(?P<url>(?<![\w/])(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"])"
_ESCAPE = r"(?P<escape>\\[!-/:-@\[-`{-~])"
_EMPHASIS = r"(?P<emph>\*+|~~|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9]))"

_MASK_RE = re.compile(
    "|".join([
        # text that looks like a token, and a lone bracket: a bracket left in the prose
        # could turn an altered token back into a valid-looking one ("⟦1 ⟧")
        r"(?P<token>⟦\s*\d+\s*⟧|[⟦⟧])",
        _CODE_SPAN, _HTML_COMMENT, _AUTOLINK, _HTML_TAG, _LINK, _ENTITY,
        _PRINTF, _BRACE, _URL, _ESCAPE, _EMPHASIS,
    ]),
    re.DOTALL,
)
_LETTER_RE = re.compile(r"[^\W\d_]")
_SENTENCE_END = re.compile(r"(?<=[.!?…:;。！？；：])[\"'”’)\]」』]*\s+|(?<=[。！？])")


@dataclass(frozen=True)
class Token:
    """What one token stands for."""

    source: str  #: the text it replaced
    output: str  #: what it becomes in a translation (a glossary rendering, or ``source``)
    kind: str  #: "code", "link", "emph", "term", …
    #: an emphasis marker sticks to the text after it ("next") or before it ("prev")
    glue: str = ""


@dataclass(frozen=True)
class Masked:
    """A segment as sent to a service, and what is needed to restore a translation."""

    text: str  #: the masked core, without leading/trailing whitespace
    tokens: tuple[Token, ...]  #: token ``⟦n⟧`` is ``tokens[n - 1]``
    leading: str = ""
    trailing: str = ""

    @property
    def source(self) -> str:
        """The text that was masked (tokens restored to what they replaced)."""
        return self.leading + _substitute(self.text, self.tokens, translated=False) + self.trailing


class TokenDamage(ValueError):
    """A translation lost, doubled or altered a token."""


def mask(
    text: str,
    *,
    terms: Sequence[tuple[Term, str]] = (),
) -> Masked:
    """Replace protected parts of ``text`` with tokens.

    ``terms`` are glossary terms with their approved rendering for the target
    language (:meth:`Glossary.for_language`); each occurrence becomes a token that
    :func:`restore` turns into the rendering.
    """
    core = text.strip()
    if not core:
        return Masked(text="", tokens=(), leading=text, trailing="")
    start = text.index(core[0])
    leading, trailing = text[:start], text[start + len(core):]
    tokens: list[Token] = []
    masked = _mask_inline(core, tokens, terms)
    return Masked(text=masked, tokens=tuple(tokens), leading=leading, trailing=trailing)


def _new(tokens: list[Token], source: str, kind: str, output: str | None = None,
         glue: str = "") -> str:
    tokens.append(Token(source=source, output=source if output is None else output, kind=kind,
                        glue=glue))
    return f"⟦{len(tokens)}⟧"


def _mask_inline(text: str, tokens: list[Token], terms: Sequence[tuple[Term, str]]) -> str:
    out: list[str] = []
    pos = 0
    for match in _MASK_RE.finditer(text):
        out.append(_mask_terms(text[pos:match.start()], tokens, terms))
        kind = match.lastgroup or "other"
        if match.group("link") is not None:
            out.append(_new(tokens, match.group("open"), "link"))
            out.append(_mask_inline(match.group("label"), tokens, terms))
            out.append(_new(tokens, match.group("close"), "link"))
        else:
            for name in ("code", "token", "comment", "autolink", "tag", "entity", "printf",
                         "brace", "url", "escape", "emph"):
                if match.group(name) is not None:
                    kind = name
                    break
            glue = _glue(text, match.start(), match.end()) if kind == "emph" else ""
            out.append(_new(tokens, match.group(0), kind, glue=glue))
        pos = match.end()
    out.append(_mask_terms(text[pos:], tokens, terms))
    return "".join(out)


def _glue(text: str, start: int, end: int) -> str:
    prev = text[start - 1] if start > 0 else " "
    nxt = text[end] if end < len(text) else " "
    if (prev.isspace() or not prev.isalnum()) and not nxt.isspace():
        return "next"
    if not prev.isspace() and (nxt.isspace() or not nxt.isalnum()):
        return "prev"
    return ""


def _mask_terms(text: str, tokens: list[Token], terms: Sequence[tuple[Term, str]]) -> str:
    if not terms or not text:
        return text
    spans: list[tuple[int, int, str]] = []
    for term, rendering in terms:  # longest first: longer terms claim their text first
        for match in term.pattern.finditer(text):
            start, end = match.span()
            if all(end <= s or start >= e for s, e, _ in spans):
                output = rendering
                if text[start].isupper() and term.english[0].islower():  # sentence start
                    output = rendering[:1].upper() + rendering[1:]
                spans.append((start, end, output))
    out: list[str] = []
    pos = 0
    for start, end, rendering in sorted(spans):
        out.append(text[pos:start])
        out.append(_new(tokens, text[start:end], "term", rendering))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def check_tokens(masked: Masked, translated: str) -> None:
    """Raise :class:`TokenDamage` unless every token occurs exactly once in ``translated``."""
    found = Counter(int(m.group(1)) for m in TOKEN_RE.finditer(translated))
    expected = set(range(1, len(masked.tokens) + 1))
    missing = sorted(expected - set(found))
    doubled = sorted(n for n, count in found.items() if count > 1 and n in expected)
    unknown = sorted(set(found) - expected)
    problems = []
    if missing:
        problems.append("lost " + ", ".join(f"⟦{n}⟧" for n in missing))
    if doubled:
        problems.append("doubled " + ", ".join(f"⟦{n}⟧" for n in doubled))
    if unknown:
        problems.append("invented " + ", ".join(f"⟦{n}⟧" for n in unknown))
    if not problems and _brackets(translated) > _brackets(masked.text):
        problems.append("altered a token")
    if problems:
        raise TokenDamage("; ".join(problems))


def _brackets(text: str) -> int:
    """Token brackets outside whole tokens: what is left of a token a service altered."""
    stray = TOKEN_RE.sub("", text)
    return stray.count("⟦") + stray.count("⟧")


def restore(masked: Masked, translated: str | None = None) -> str:
    """Put the protected parts back into ``translated`` (default: the masked text itself).

    Raises :class:`TokenDamage` when a token is missing, doubled or unknown.
    The leading and trailing whitespace of the source is restored exactly.
    """
    if translated is None:
        return masked.source
    check_tokens(masked, translated)
    core = _tidy_emphasis(translated.strip(), masked.tokens)
    return masked.leading + _substitute(core, masked.tokens, translated=True) + masked.trailing


def _substitute(text: str, tokens: Sequence[Token], *, translated: bool) -> str:
    def put_back(match: re.Match[str]) -> str:
        token = tokens[int(match.group(1)) - 1]
        return token.output if translated else token.source

    if not translated:
        # Only the exact tokens mask() wrote; text like "⟦ 3 ⟧" in a source was masked.
        return re.sub(r"⟦(\d+)⟧", put_back, text)
    return TOKEN_RE.sub(put_back, text)


def _tidy_emphasis(text: str, tokens: Sequence[Token]) -> str:
    """Remove spaces a service put inside emphasis: ``⟦1⟧ gras ⟦2⟧`` -> ``⟦1⟧gras⟦2⟧``.

    Markdown does not take ``** gras **`` as emphasis, so the spaces would show.
    """

    def fix(match: re.Match[str]) -> str:
        before, number, after = match.group(1), int(match.group(2)), match.group(3)
        if not 1 <= number <= len(tokens):
            return match.group(0)
        glue = tokens[number - 1].glue
        if glue == "next":
            after = ""
        elif glue == "prev":
            before = ""
        return f"{before}⟦{number}⟧{after}"

    return re.sub(r"([ \t]*)⟦\s*(\d+)\s*⟧([ \t]*)", fix, text)


def has_prose(masked: Masked) -> bool:
    """True when the masked text has letters outside its tokens (something to translate)."""
    return bool(_LETTER_RE.search(TOKEN_RE.sub("", masked.text)))


def split_sentences(text: str) -> list[str]:
    """Split a (masked) text after sentence ends; the pieces join back with ``"".join``.

    Tokens are never cut, since a token holds no sentence punctuation.
    """
    pieces: list[str] = []
    pos = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() > pos and match.end() < len(text):
            pieces.append(text[pos:match.end()])
            pos = match.end()
    pieces.append(text[pos:])
    return [p for p in pieces if p]

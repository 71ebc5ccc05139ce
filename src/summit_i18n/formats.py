"""Placeholders in messages: printf and Python `%` directives, `{x}` fields, Jinja `{{ x }}`.

Principles: pure functions over strings, no I/O, and the one place that knows the
directive grammars.  :func:`check_format` and :func:`entry_format_problems` give
the verdict of GNU ``msgfmt --check`` for an entry flagged ``c-format``,
``python-format`` or ``python-brace-format`` (same rules, same wording), so
``compile`` refuses exactly what msgfmt refuses.  :func:`placeholders` finds every
placeholder-looking token in any text, flagged or not, for the quality checks,
which are stricter than msgfmt (a spaced ``% (count)d`` is valid Python but never
what a translator meant).  :func:`directive_spans` tells the .po writer where GNU
keeps a line unbroken: inside a directive, as gettext 0.21's writer delimits them,
quirks included.

Public API::

    parse_c_format(text) -> ParsedFormat            # msgfmt's c-format grammar
    parse_python_format(text) -> ParsedFormat       # msgfmt's python-format grammar
    parse_python_brace_format(text) -> ParsedFormat # msgfmt's python-brace-format grammar
    check_format(flag, msgid, msgstr, *, strict=True, ...) -> list[str]
    entry_format_problems(entry, plural=None) -> list[FormatProblem]
    placeholders(text) -> list[Placeholder]         # lenient scan for the checks
    directive_spans(text, language) -> spans        # where GNU's writer keeps lines whole
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from summit_i18n.catalog import Entry
    from summit_i18n.plurals import PluralForms

__all__ = [
    "FORMAT_FLAGS",
    "FormatProblem",
    "ParsedFormat",
    "Placeholder",
    "check_format",
    "directive_spans",
    "entry_format_problems",
    "format_flags",
    "parse_c_format",
    "parse_python_brace_format",
    "parse_python_format",
    "placeholders",
    "unmatched_directives",
]

#: The format flags msgfmt --check verifies that this module implements, and their
#: names in msgfmt's messages.
FORMAT_FLAGS: dict[str, str] = {
    "c-format": "C",
    "python-format": "Python",
    "python-brace-format": "Python brace",
}


@dataclass
class ParsedFormat:
    """The arguments a format string consumes, as msgfmt's parser sees them.

    ``unnamed`` lists the types of the sequential (or numbered, in order)
    arguments; ``named`` maps names to types (brace fields: to ``""``).  ``invalid``
    is msgfmt's reason when the string is not a valid format string.
    """

    unnamed: list[str] = field(default_factory=list)
    named: dict[str, str] = field(default_factory=dict)
    invalid: str | None = None
    directives: int = 0


@dataclass(frozen=True)
class FormatProblem:
    """One msgfmt --check error for an entry: which flag and form, and why."""

    flag: str
    form: int | None  #: plural form index, or None for a singular msgstr
    message: str

    def __str__(self) -> str:
        return self.message


# ---------------------------------------------------------------------------
# C format (gettext's format-c.c)

_C_FLAGS = frozenset("-+ #0'I")
_C_SIZES = ("hh", "ll", "h", "l", "L", "q", "j", "z", "Z", "t")
_C_TYPES = {
    **dict.fromkeys("di", "int"),
    **dict.fromkeys("ouxX", "uint"),
    **dict.fromkeys("eEfFgGaA", "double"),
    "c": "char",
    "C": "wchar",
    "s": "string",
    "S": "wstring",
    "p": "pointer",
    "n": "count",
}


def _c_type(size: str, conv: str) -> str:
    base = _C_TYPES[conv]
    if base in {"char", "string"} and size == "l":
        return "w" + base
    if base in {"char", "string", "pointer"}:
        return base
    if base == "double":
        return "long double" if size in {"L", "ll", "q"} else "double"
    size = {"q": "ll", "Z": "z"}.get(size, size)
    return f"{size} {base}".strip()


def _digits(text: str, i: int) -> int:
    while i < len(text) and text[i].isdigit():
        i += 1
    return i


def parse_c_format(text: str) -> ParsedFormat:
    """Parse ``text`` as a C printf format string (msgfmt's rules and messages)."""
    numbered: dict[int, str] = {}
    unnumbered: list[str] = []
    result = ParsedFormat()
    i, n = 0, len(text)
    count = 0

    def take(number: int | None, kind: str) -> str | None:
        if number is None:
            if numbered:
                return (
                    "The string refers to arguments both through absolute argument "
                    "numbers and through unnumbered argument specifications."
                )
            unnumbered.append(kind)
            return None
        if unnumbered:
            return (
                "The string refers to arguments both through absolute argument numbers "
                "and through unnumbered argument specifications."
            )
        if numbered.get(number, kind) != kind:
            return f"The string refers to argument number {number} in incompatible ways."
        numbered[number] = kind
        return None

    def number_at(j: int) -> tuple[int | None, int]:
        k = _digits(text, j)
        if k > j and k < n and text[k] == "$":
            return int(text[j:k]), k + 1
        return None, j

    while i < n:
        i = text.find("%", i)  # jump between directives: no per-character loop
        if i < 0:
            break
        i += 1
        if i < n and text[i] == "%":
            i += 1
            continue
        count += 1
        num, i = number_at(i)
        if num == 0:
            result.invalid = (
                f"In the directive number {count}, the argument number 0 is not "
                "a positive integer."
            )
            return result
        while i < n and text[i] in _C_FLAGS:
            i += 1
        for _ in range(2):  # width, then precision
            if i < n and text[i] == "*":
                i += 1
                wnum, i = number_at(i)
                if wnum == 0:
                    result.invalid = (
                        f"In the directive number {count}, the width's argument "
                        "number 0 is not a positive integer."
                    )
                    return result
                err = take(wnum, "int")
                if err:
                    result.invalid = err
                    return result
            else:
                i = _digits(text, i)
            if i < n and text[i] == ".":
                i += 1
                continue
            break
        size = ""
        for s in _C_SIZES:
            if text.startswith(s, i):
                size = s
                i += len(s)
                break
        if i >= n:
            result.invalid = "The string ends in the middle of a directive."
            return result
        conv = text[i]
        if conv == "<":  # <PRIxNN> macros, as xgettext writes them
            end = text.find(">", i)
            if end < 0:
                result.invalid = "The string ends in the middle of a directive."
                return result
            macro = text[i + 1 : end]
            kind = f"int {macro}"
            i = end + 1
        elif conv in _C_TYPES:
            kind = _c_type(size, conv)
            i += 1
        else:
            result.invalid = _bad_conversion(count, conv)
            return result
        err = take(num, kind)
        if err:
            result.invalid = err
            return result
    result.directives = count
    if numbered:
        top = max(numbered)
        for k in range(1, top + 1):
            if k not in numbered:
                result.invalid = (
                    f"The string refers to argument number {top} but ignores "
                    f"argument number {k}."
                )
                return result
        result.unnamed = [numbered[k] for k in range(1, top + 1)]
    else:
        result.unnamed = unnumbered
    return result


def _bad_conversion(count: int, char: str) -> str:
    if char.isprintable() and not char.isspace():
        return (
            f"In the directive number {count}, the character '{char}' is not a valid "
            "conversion specifier."
        )
    return (
        f"In the directive number {count}, the character that terminates the directive is "
        "not a valid conversion specifier."
    )


# ---------------------------------------------------------------------------
# Python % format (gettext's format-python.c)

_PY_TYPES = {
    **dict.fromkeys("sra", "any"),
    "c": "char",
    **dict.fromkeys("diouxX", "int"),
    **dict.fromkeys("eEfFgG", "float"),
}


def parse_python_format(text: str) -> ParsedFormat:
    """Parse ``text`` as a Python ``%`` format string (msgfmt's rules and messages)."""
    result = ParsedFormat()
    i, n = 0, len(text)
    count = 0
    while i < n:
        i = text.find("%", i)  # jump between directives: no per-character loop
        if i < 0:
            break
        i += 1
        if i < n and text[i] == "%":
            i += 1
            continue
        count += 1
        name: str | None = None
        if i < n and text[i] == "(":
            depth, j = 1, i + 1
            while j < n and depth:
                depth += {"(": 1, ")": -1}.get(text[j], 0)
                j += 1
            if depth:
                result.invalid = "The string ends in the middle of a directive."
                return result
            name = text[i + 1 : j - 1]
            i = j
        while i < n and text[i] in "-+ #0":
            i += 1
        for _ in range(2):
            if i < n and text[i] == "*":
                if name is not None:
                    result.invalid = (
                        "The string refers to arguments both through argument "
                        "names and through unnamed argument specifications."
                    )
                    return result
                result.unnamed.append("int")
                i += 1
            else:
                i = _digits(text, i)
            if i < n and text[i] == ".":
                i += 1
                continue
            break
        while i < n and text[i] in "hlL":
            i += 1
        if i >= n:
            result.invalid = "The string ends in the middle of a directive."
            return result
        conv = text[i]
        i += 1
        if conv not in _PY_TYPES:
            result.invalid = _bad_conversion(count, conv)
            return result
        kind = _PY_TYPES[conv]
        if name is None:
            if result.named:
                result.invalid = (
                    "The string refers to arguments both through argument names "
                    "and through unnamed argument specifications."
                )
                return result
            result.unnamed.append(kind)
        else:
            if result.unnamed:
                result.invalid = (
                    "The string refers to arguments both through argument names "
                    "and through unnamed argument specifications."
                )
                return result
            old = result.named.get(name)
            if old is not None and old != kind and "any" not in (old, kind):
                result.invalid = (
                    f"The string refers to the argument named '{name}' in "
                    "incompatible ways."
                )
                return result
            result.named[name] = kind if old in (None, "any") else old
    result.directives = count
    return result


# ---------------------------------------------------------------------------
# Python brace format (gettext's format-pythonbrace.c)

_IDENT_START = re.compile(r"[A-Za-z_]")
_BRACE_CHAR = re.compile(r"[{}]")


def parse_python_brace_format(text: str) -> ParsedFormat:
    """Parse ``text`` as a ``str.format`` template (msgfmt's rules and messages)."""
    result = ParsedFormat()
    i, n = 0, len(text)
    count = 0
    while i < n:
        found = _BRACE_CHAR.search(text, i)  # jump between braces: no per-character loop
        if found is None:
            break
        i = found.start()
        c = text[i]
        if c == "}" and text.startswith("}}", i):
            i += 2
            continue
        if c != "{":
            i += 1
            continue
        if text.startswith("{{", i):
            i += 2
            continue
        end, reason = _brace_field(text, i, count, result, nested=False)
        if reason:
            result.invalid = reason
            return result
        count += 1
        i = end
    result.directives = count
    return result


def _brace_field(
    text: str, i: int, count: int, result: ParsedFormat, *, nested: bool
) -> tuple[int, str | None]:
    """Parse the field at ``text[i] == '{'``; return (index after it, invalid reason)."""
    n = len(text)
    j = i + 1
    if j < n and text[j].isdigit():
        k = _digits(text, j)
    elif j < n and _IDENT_START.match(text[j]):
        k = j + 1
        while k < n and (text[k].isalnum() or text[k] == "_"):
            k += 1
    else:
        if j >= n:
            return j, "The string ends in the middle of a directive."
        return j, f"In the directive number {count}, '{text[j]}' cannot start a field name."
    result.named.setdefault(text[j:k], "")
    while k < n and text[k] in ".[":
        if text[k] == ".":
            k += 1
            start = k
            while k < n and (text[k].isalnum() or text[k] == "_"):
                k += 1
            if k == start:
                return k, (
                    f"In the directive number {count}, '{text[k] if k < n else ''}' "
                    "cannot start a field name."
                )
        else:
            close = text.find("]", k)
            if close < 0:
                return n, "The string ends in the middle of a directive."
            k = close + 1
    if k < n and text[k] == "!":
        k += 2
    if k < n and text[k] == ":":
        k += 1
        while k < n and text[k] != "}":
            if text[k] == "{":
                if nested:
                    return k, (
                        f"In the directive number {count}, there is an unterminated "
                        "format directive."
                    )
                k, reason = _brace_field(text, k, count, result, nested=True)
                if reason:
                    return k, reason
                continue
            k += 1
    if k >= n or text[k] != "}":
        return k, f"In the directive number {count}, there is an unterminated format directive."
    return k + 1, None


_PARSERS: dict[str, Callable[[str], ParsedFormat]] = {
    "c-format": parse_c_format,
    "python-format": parse_python_format,
    "python-brace-format": parse_python_brace_format,
}


# ---------------------------------------------------------------------------
# msgfmt --check verdicts


def _compare(flag: str, a: ParsedFormat, b: ParsedFormat, strict: bool,
             id_name: str, str_name: str) -> str | None:
    """msgfmt's ``check`` for one pair: None when msgstr ``b`` fits msgid ``a``."""
    if flag == "python-brace-format" or a.named or b.named:
        if flag == "python-format" and a.named and b.unnamed:
            return (
                f"format specifications in '{id_name}' expect a mapping, those in "
                f"'{str_name}' expect a tuple"
            )
        if flag == "python-format" and a.unnamed and b.named:
            return (
                f"format specifications in '{id_name}' expect a tuple, those in "
                f"'{str_name}' expect a mapping"
            )
        for name in sorted(b.named):
            if name not in a.named:
                if flag == "python-brace-format":  # msgfmt words the two differently
                    return (f"a format specification for argument '{name}' "
                            f"doesn't exist in '{id_name}'")
                return (
                    f"a format specification for argument '{name}', as in '{str_name}', "
                    f"doesn't exist in '{id_name}'"
                )
        for name in sorted(a.named):
            if name not in b.named:
                if strict:
                    return (
                        f"a format specification for argument '{name}' doesn't exist in "
                        f"'{str_name}'"
                    )
                continue
            ta, tb = a.named[name], b.named[name]
            if ta != tb and (strict or "any" not in (ta, tb)):
                return (
                    f"format specifications in '{id_name}' and '{str_name}' for argument "
                    f"'{name}' are not the same"
                )
        return None
    na, nb = len(a.unnamed), len(b.unnamed)
    if (na != nb) if strict else (nb > na):
        return f"number of format specifications in '{id_name}' and '{str_name}' does not match"
    for k in range(nb):
        ta, tb = a.unnamed[k], b.unnamed[k]
        if ta != tb and (strict or "any" not in (ta, tb)):
            return (
                f"format specifications in '{id_name}' and '{str_name}' "
                f"for argument {k + 1} are not the same"
            )
    return None


def check_format(flag: str, msgid: str, msgstr: str, *, strict: bool = True,
                 id_name: str = "msgid", str_name: str = "msgstr") -> list[str]:
    """msgfmt --check's errors for one msgid/msgstr pair under a format ``flag``.

    ``strict=False`` is msgfmt's relaxed rule for a plural form used for only a
    few values of n (French ``msgstr[0]`` may leave out the ``%d``).  An msgid
    that is itself not a valid format string is not an error (msgfmt's rule),
    nor is an empty msgstr (untranslated).  Unknown flags give no errors.
    """
    if flag not in _PARSERS or not msgstr or _same_directives(flag, msgid, msgstr):
        return []
    return list(_check_format(flag, msgid, msgstr, strict, id_name, str_name))


@lru_cache(maxsize=4096)  # the checks ask twice for each entry: once is enough
def _check_format(flag: str, msgid: str, msgstr: str, strict: bool, id_name: str,
                  str_name: str) -> tuple[str, ...]:
    parser = _PARSERS[flag]
    a = parser(msgid)
    if a.invalid:
        return ()
    b = parser(msgstr)
    if b.invalid:
        return (
            f"'{str_name}' is not a valid {FORMAT_FLAGS[flag]} format string, unlike "
            f"'{id_name}'. Reason: {b.invalid}",
        )
    problem = _compare(flag, a, b, strict, id_name, str_name)
    return (problem,) if problem else ()


# Directives whose parse depends on their own text alone, as the parsers above read
# them: a name without parentheses or "%", no second ".", no <PRI…> macro, plain
# ASCII fields.  Each pattern consumes exactly what its parser consumes from the
# "%" (or brace) it starts at, and its characters never start another directive.
_SIMPLE_DIRECTIVES = {
    "python-format": re.compile(
        r"%(?:%|(?:\([^()%]*\))?[-+ #0]*(?:\*|[0-9]*)(?:\.(?:\*|[0-9]*))?[hlL]*"
        r"[sracdiouxXeEfFgG])"),
    "c-format": re.compile(
        r"%(?:%|(?:[0-9]+\$)?[-+ #0'I]*(?:\*(?:[0-9]+\$)?|[0-9]*)"
        r"(?:\.(?:\*(?:[0-9]+\$)?|[0-9]*))?(?:hh|ll|[hlLqjzZt])?[diouxXeEfFgGaAcCsSpn])"),
    "python-brace-format": re.compile(
        r"\{\{|\}\}|\}|\{(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+)\}"),
}


def _same_directives(flag: str, msgid: str, msgstr: str) -> bool:
    """True when msgid and msgstr have the same directives, textually and in the
    same order, and every one is simple (:data:`_SIMPLE_DIRECTIVES`): then the two
    parse alike, and msgfmt has nothing to say (an invalid msgid is no error, a
    valid one agrees with itself).  False means: parse and compare them.

    Most translations keep their directives as they are, so this saves most of the
    checks' parsing; the answer is the same either way.
    """
    pattern = _SIMPLE_DIRECTIVES[flag]
    found = pattern.findall(msgid)
    if found != pattern.findall(msgstr):
        return False
    # every "%" (or brace) must be inside a simple directive: then the parsers meet
    # exactly these directives, in this order
    joined = "".join(found)
    if flag != "python-brace-format":
        return msgid.count("%") == joined.count("%") == msgstr.count("%")
    inside = joined.count("{") + joined.count("}")
    return (msgid.count("{") + msgid.count("}") == inside
            and msgstr.count("{") + msgstr.count("}") == inside)


def format_flags(flags: Sequence[str]) -> list[str]:
    """The format flags of ``flags`` that msgfmt checks (``no-…-format`` ones excluded)."""
    return [f for f in flags if f in FORMAT_FLAGS]


def entry_format_problems(entry: Entry, plural: PluralForms | None = None) -> list[FormatProblem]:
    """Every error ``msgfmt --check`` reports for the format flags of ``entry``.

    Plural forms are compared with ``msgid_plural``; a form that ``plural`` (the
    catalog's Plural-Forms) selects for few values of n is checked leniently, as
    msgfmt does.  Without ``plural`` every form is checked strictly.  Like
    msgfmt, this looks at the entry whatever its state: msgfmt itself skips fuzzy
    entries unless ``--use-fuzzy`` is given, so a caller mirroring it filters first.
    Report each problem at ``entry.msgstr_lineno`` (where msgfmt reports it).
    """
    problems: list[FormatProblem] = []
    flags = format_flags(entry.flags)
    if not flags:
        return problems
    if entry.msgid_plural is None:
        for flag in flags:
            for msg in check_format(flag, entry.msgid, entry.msgstr):
                problems.append(FormatProblem(flag, None, msg))
        return problems
    often = plural.often() if plural is not None else None
    for flag in flags:
        for index in sorted(entry.msgstr_plural):
            strict = often is None or (index < len(often) and often[index])
            for msg in check_format(flag, entry.msgid_plural, entry.msgstr_plural[index],
                                    strict=strict, id_name="msgid_plural",
                                    str_name=f"msgstr[{index}]"):
                problems.append(FormatProblem(flag, index, msg))
    return problems


# ---------------------------------------------------------------------------
# Directive spans for line wrapping (what GNU's write-po.c keeps unbroken)
#
# GNU's writer asks each format parser where the string's directives are and never
# breaks a line inside one.  These scanners stop at the first directive the parser
# would refuse, and delimit directives as gettext 0.21's parsers do, quirks
# included; they answer only "where", so they are kept apart from the parsers above,
# which answer "which arguments" with msgfmt's messages.


def directive_spans(value: str, language: str) -> list[tuple[int, int]]:
    """The (start, end) character spans of the format directives GNU finds in
    ``value`` for format ``language`` (``c``, ``python``, ``python-brace``; none for
    another language), up to the first error."""
    if language == "python":
        return _python_directives(value)
    if language == "c":
        return _c_directives(value)
    if language == "python-brace":
        return _brace_directives(value)
    return []


_PY_SPEC_RE = re.compile(r"[-+ #0]*(?P<w>\*|[0-9]+)?(?:\.(?P<p>\*|[0-9]+)?)?[hlL]*")
_PY_CONVERSIONS = frozenset("%csrdiuoxXeEfgG")  # gettext 0.21: no %a, %F
_C_SPEC_RE = re.compile(
    r"(?P<pos>[0-9]+\$)?[-+ #0'I]*"
    r"(?P<w>\*(?P<wpos>[0-9]+\$)?|[0-9]+)?"
    r"(?:\.(?P<p>\*(?P<ppos>[0-9]+\$)?|[0-9]+)?)?"
    r"[hlLqjzZt]*"
    r"(?P<conv><PRI[diouxX](?:8|16|32|64|LEAST8|LEAST16|LEAST32|LEAST64|FAST8|FAST16"
    r"|FAST32|FAST64|MAX|PTR)>|[diouxXcCsSeEfFgGaApnm%])?"
)




def _python_directives(value: str) -> list[tuple[int, int]]:
    """Spans of Python ``%`` directives up to the first error (format-python.c)."""
    spans: list[tuple[int, int]] = []
    named = unnamed = 0
    pos = value.find("%")
    while pos >= 0:
        i = pos + 1
        name = False
        if value[i : i + 1] == "(":
            depth = 0
            i += 1
            while i < len(value):
                if value[i] == "(":
                    depth += 1
                elif value[i] == ")":
                    if depth == 0:
                        break
                    depth -= 1
                i += 1
            if i >= len(value):
                return spans
            name = True
            i += 1
        spec = _PY_SPEC_RE.match(value, i)
        assert spec is not None  # every part of the pattern is optional
        stars = (spec.group("w") == "*") + (spec.group("p") == "*")
        if stars and named:
            return spans
        unnamed += stars
        i = spec.end()
        if i >= len(value) or value[i] not in _PY_CONVERSIONS:
            return spans
        if name:
            if unnamed:
                return spans
            named += 1
        elif value[i] != "%":
            if named:
                return spans
            unnamed += 1
        spans.append((pos, i + 1))
        pos = value.find("%", i + 1)
    return spans


_BRACE_BYTE_RE = re.compile(rb"[{}]")


def _brace_directives(value: str) -> list[tuple[int, int]]:
    """The span GNU 0.21 protects in a python-brace-format string.

    GNU's brace parser records each directive's start and end relative to the
    directive itself instead of to the string, so what gettext 0.21 keeps unbroken
    is the stretch at the *start of the string* as long as the shortest directive
    (none when the first mark it meets is an error).  Reproduced here as is.
    """
    marks: list[tuple[int, bool]] = []  # (byte offset, is_error)
    data = value.encode("utf-8")
    n = len(data)

    def directive(start: int, toplevel: bool) -> int | None:
        i = start + 1
        if i < n and data[i : i + 1].isdigit():
            while i < n and data[i : i + 1].isdigit():
                i += 1
        elif i < n and (data[i : i + 1].isalpha() or data[i] == 0x5F):
            while i < n and (data[i : i + 1].isalnum() or data[i] == 0x5F):
                i += 1
        else:
            marks.append((min(i, n - 1) - start, True))
            return None
        while i < n and data[i] in b".[":
            opener = data[i]
            i += 1
            begin = i
            while i < n and (data[i : i + 1].isalnum() or data[i] == 0x5F):
                i += 1
            if i == begin or (opener == 0x5B and data[i : i + 1] != b"]"):
                marks.append((min(i, n - 1) - start, True))
                return None
            if opener == 0x5B:
                i += 1
        if i < n and data[i] == 0x3A and toplevel:  # ':' then a format spec
            i += 1
            while i < n and data[i] != 0x7D:
                if data[i] == 0x7B:
                    end = directive(i, False)
                    if end is None:
                        return None
                    i = end
                else:
                    i += 1
        if i >= n or data[i] != 0x7D:
            marks.append((min(i, n - 1) - start, True))
            return None
        marks.append((i - start, False))
        return i + 1

    brace = _BRACE_BYTE_RE.search(data)
    while brace is not None:
        i = brace.start()
        if data[i] == 0x7B and data[i + 1 : i + 2] != b"{":
            end = directive(i, True)
            if end is None:
                break
        else:
            # "{{" and "}}" are literal braces; a lone "}" does not stop GNU's scan
            end = i + 2 if data[i + 1 : i + 2] == data[i : i + 1] else i + 1
        brace = _BRACE_BYTE_RE.search(data, end)
    if not marks:
        return []
    offset, is_error = min(marks, key=lambda m: (m[0], not m[1]))
    if is_error or offset == 0:
        return []
    # the protected bytes [1, offset] as a character span starting at 0
    chars = len(data[: offset + 1].decode("utf-8", "ignore"))
    return [(0, chars)]


def _c_directives(value: str) -> list[tuple[int, int]]:
    """Spans of C ``printf`` directives up to the first error (format-c.c)."""
    spans: list[tuple[int, int]] = []
    numbered = unnumbered = False
    pos = value.find("%")
    while pos >= 0:
        match = _C_SPEC_RE.match(value, pos + 1)
        assert match is not None
        conv = match.group("conv")
        if conv is None:
            return spans
        if conv != "%":
            uses_numbers = any(match.group(g) for g in ("pos", "wpos", "ppos"))
            uses_plain = not match.group("pos") or (
                match.group("w") == "*" and not match.group("wpos")
            ) or (match.group("p") == "*" and not match.group("ppos"))
            numbered = numbered or uses_numbers
            unnumbered = unnumbered or uses_plain
            if numbered and unnumbered:
                return spans
        spans.append((pos, match.end()))
        pos = value.find("%", match.end())
    return spans


# ---------------------------------------------------------------------------
# Lenient scanning for the quality checks

PlaceholderKind = Literal["printf", "brace", "jinja"]


@dataclass(frozen=True)
class Placeholder:
    """A placeholder as written in a message.

    ``key`` identifies the argument: the name (``%(name)s``, ``{name}``), the
    position (``"1"`` for ``%1$s`` or for the first sequential ``%s``), or the
    normalised expression of a Jinja ``{{ … }}``.  ``conversion`` is the printf
    conversion letter (``s``, ``d`` …), empty for the other kinds.
    """

    text: str
    kind: PlaceholderKind
    key: str
    conversion: str
    start: int
    #: what shapes the output: printf flags, width and precision (``-10.3``); a brace
    #: field's conversion and format spec (``!r:>10``); empty for Jinja
    spec: str = ""

    @property
    def signature(self) -> tuple[str, str, str]:
        """What must match between English and translation."""
        conv = self.conversion
        if conv in {"i"}:  # %i and %d are the same conversion
            conv = "d"
        return (self.kind, self.key, conv)


_JINJA_RE = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}|\{%-?\s*(.*?)\s*-?%\}", re.S)
# No space flag: "50% sure" is prose, not "% s".  Sizes and the C conversions are
# accepted so GNOME strings (``%lu``, ``%Id``) are recognised too.
_PRINTF_RE = re.compile(
    r"%(?:(?P<pos>[1-9]\d*)\$|\((?P<name>[A-Za-z_][\w.-]*)\))?"
    r"(?P<flags>[-+#0']*)(?P<width>\*|\d+)?(?:\.(?P<prec>\*|\d*))?"
    r"(?P<size>hh|ll|[hlLqjzt])?(?P<conv>[diouxXeEfFgGcrsaA])"
    r"|%%"
)
_BRACE_RE = re.compile(
    r"\{\{|\}\}|\{(?P<field>(?:\d+|[A-Za-z_]\w*)?(?:\.[A-Za-z_]\w*|\[[^\]{}\s]+\])*)"
    r"(?:![rsa])?(?::[^{}\n]{0,40})?\}"
)


def placeholders(text: str) -> list[Placeholder]:
    """Every placeholder-looking token in ``text``: ``%`` directives, ``{x}``, Jinja.

    Sequential printf directives get keys ``"1"``, ``"2"``… so that a translation
    may reorder them as ``%2$s … %1$s``.  Jinja blocks are taken first, so their
    braces are not seen as brace fields.  ``{}`` fields are numbered the same way
    ``str.format`` does.
    """
    found: list[Placeholder] = []
    masked = text
    if "{{" in text or "{%" in text:
        for m in _JINJA_RE.finditer(text):
            expr = " ".join((m.group(1) if m.group(1) is not None else m.group(2)).split())
            key = ("{{ " if m.group(1) is not None else "{% ") + expr
            found.append(Placeholder(m.group(0), "jinja", key, "", m.start()))
        masked = _JINJA_RE.sub(lambda m: " " * len(m.group(0)), text)
    if "%" in masked:
        seq = 0
        for m in _PRINTF_RE.finditer(masked):
            if m.group(0) == "%%":
                continue
            if m.group("pos"):
                key = m.group("pos")
            elif m.group("name"):
                key = m.group("name")
            else:
                seq += 1
                key = str(seq)
            conv = (m.group("size") or "") + m.group("conv")
            prec = m.group("prec")
            spec = (m.group("flags") or "") + (m.group("width") or "") + (
                "" if prec is None else "." + prec)
            found.append(Placeholder(m.group(0), "printf", key, conv, m.start(), spec))
    if "{" in masked:
        auto = 0
        for m in _BRACE_RE.finditer(masked):
            fld = m.group("field")
            if fld is None:  # {{ or }} escapes
                continue
            if fld == "":
                key = str(auto)
                auto += 1
            else:
                key = fld
            spec = m.group(0)[1 + len(fld):-1]
            found.append(Placeholder(m.group(0), "brace", key, "", m.start(), spec))
    found.sort(key=lambda p: p.start)
    return found


def unmatched_directives(translation: str, *english: str) -> list[Placeholder]:
    """Directives of ``translation`` that none of the ``english`` texts has as written.

    A directive matches when an English text has the same argument, conversion
    *and* flags, width and precision, and no more often than that English text
    has it: ``%(x)999999999s`` or ``{x:>999999999}`` for an English ``%(x)s`` or
    ``{x}``, or ``%(name)s`` repeated a thousand times, would let a translation
    make the output as large as it likes.  Jinja expressions are not directives.
    """
    allowed: Counter[tuple[str, str, str, str]] = Counter()
    for text in english:
        allowed |= Counter(_shape(p) for p in placeholders(text) if p.kind != "jinja")
    seen: Counter[tuple[str, str, str, str]] = Counter()
    extra: list[Placeholder] = []
    for p in placeholders(translation):
        if p.kind == "jinja":
            continue
        shape = _shape(p)
        seen[shape] += 1
        if seen[shape] > allowed[shape]:
            extra.append(p)
    return extra


def _shape(p: Placeholder) -> tuple[str, str, str, str]:
    return (*p.signature, p.spec)

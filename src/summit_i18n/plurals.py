"""Plural-Forms headers: a grammar-based parser and evaluator (never ``eval``).

Principles: the expression language is gettext's (``plural.y``): ``n``, unsigned
decimal numbers, ``! * / % + - < > <= >= == != && || ?:`` and parentheses, with
C precedence and unsigned long arithmetic.  A recursive-descent parser builds a
tree of closures, so evaluating a form for a number is a few function calls and
no string of the catalog is ever executed.  The checks msgfmt --check-header
makes (``nplurals`` positive, values below ``nplurals``, no division by zero) are
reproduced by :meth:`PluralForms.problems`, over the same n = 0…1000 msgfmt tries.

Public API::

    parse_plural_forms("nplurals=2; plural=(n > 1);") -> PluralForms
    parse_expression("n != 1") -> Callable[[int], int]
    PluralForms(n) -> form index; .nplurals; .often(); .problems()
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import ClassVar

__all__ = [
    "PluralForms",
    "PluralFormsError",
    "parse_expression",
    "parse_plural_forms",
]

_MASK = (1 << 64) - 1  # unsigned long on LP64 systems, as gettext evaluates
#: msgfmt evaluates the expression for n = 0 … 1000 when it checks a header
CHECK_RANGE = 1001
#: a form chosen for more than this many of those values is "often" used (msgfmt)
OFTEN_THRESHOLD = 5

Expr = Callable[[int], int]


class PluralFormsError(ValueError):
    """A Plural-Forms value or expression that does not follow gettext's grammar."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


class _DivisionByZero(ArithmeticError):
    pass


_TOKEN_RE = re.compile(r"\s*(?:(\d+)|(n)\b|(<=|>=|==|!=|&&|\|\||[-+*/%<>!?:()]))")


def _tokenize(text: str) -> list[tuple[str, int]]:
    tokens: list[tuple[str, int]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN_RE.match(text, pos)
        if m is None:
            bad = text[pos:].lstrip()[:1]
            raise PluralFormsError(f"unexpected character {bad!r} in plural expression", pos)
        tokens.append((m.group(m.lastindex or 0), m.start(m.lastindex or 0)))
        pos = m.end()
    return tokens


@dataclass
class _Parser:
    tokens: list[tuple[str, int]]
    i: int = 0
    text: str = ""

    def peek(self) -> str | None:
        return self.tokens[self.i][0] if self.i < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        tok = self.peek()
        if tok is None:
            raise PluralFormsError("plural expression ends too early", len(self.text))
        if expected is not None and tok != expected:
            raise PluralFormsError(f"expected {expected!r}, found {tok!r} in plural expression",
                                   self.tokens[self.i][1])
        self.i += 1
        return tok

    # expression := or ( '?' expression ':' expression )?
    def expression(self) -> Expr:
        cond = self.binary(0)
        if self.peek() != "?":
            return cond
        self.take("?")
        yes = self.expression()
        self.take(":")
        no = self.expression()
        return lambda n: yes(n) if cond(n) else no(n)

    _LEVELS: ClassVar[tuple[tuple[str, ...], ...]] = (
        ("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%"),
    )

    def binary(self, level: int) -> Expr:
        if level == len(self._LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek() in self._LEVELS[level]:
            op = self.take()
            right = self.binary(level + 1)
            left = _binary(op, left, right)
        return left

    def unary(self) -> Expr:
        tok = self.peek()
        if tok == "!":
            self.take()
            inner = self.unary()
            return lambda n: int(not inner(n))
        if tok == "(":
            self.take()
            inner = self.expression()
            self.take(")")
            return inner
        if tok == "n":
            self.take()
            return lambda n: n
        if tok is not None and tok.isdigit():
            value = int(self.take()) & _MASK
            return lambda n: value
        if tok is None:
            raise PluralFormsError("plural expression ends too early", len(self.text))
        raise PluralFormsError(f"unexpected {tok!r} in plural expression", self.tokens[self.i][1])


def _binary(op: str, a: Expr, b: Expr) -> Expr:
    if op == "||":
        return lambda n: int(bool(a(n)) or bool(b(n)))
    if op == "&&":
        return lambda n: int(bool(a(n)) and bool(b(n)))
    if op == "==":
        return lambda n: int(a(n) == b(n))
    if op == "!=":
        return lambda n: int(a(n) != b(n))
    if op == "<":
        return lambda n: int(a(n) < b(n))
    if op == ">":
        return lambda n: int(a(n) > b(n))
    if op == "<=":
        return lambda n: int(a(n) <= b(n))
    if op == ">=":
        return lambda n: int(a(n) >= b(n))
    if op == "+":
        return lambda n: (a(n) + b(n)) & _MASK
    if op == "-":
        return lambda n: (a(n) - b(n)) & _MASK
    if op == "*":
        return lambda n: (a(n) * b(n)) & _MASK
    if op == "/":
        return lambda n: _div(a(n), b(n))
    return lambda n: _mod(a(n), b(n))


def _div(x: int, y: int) -> int:
    if y == 0:
        raise _DivisionByZero
    return x // y


def _mod(x: int, y: int) -> int:
    if y == 0:
        raise _DivisionByZero
    return x % y


def parse_expression(text: str) -> Expr:
    """Compile a plural expression such as ``(n > 1)`` into a function of n.

    Raises :class:`PluralFormsError` for anything outside gettext's grammar.  The
    function raises :class:`ArithmeticError` for a division by zero.
    """
    tokens = _tokenize(text)
    if not tokens:
        raise PluralFormsError("empty plural expression", 0)
    parser = _Parser(tokens, text=text)
    try:
        expr = parser.expression()
    except RecursionError:  # a hostile header: "((((…"
        raise PluralFormsError("plural expression nested too deeply", 0) from None
    if parser.peek() is not None:
        raise PluralFormsError(f"unexpected {parser.peek()!r} after the plural expression",
                               tokens[parser.i][1])
    return expr


_NPLURALS_RE = re.compile(r"(?:^|;)\s*nplurals\s*=\s*([^;]*)")
_PLURAL_RE = re.compile(r"(?:^|;)\s*plural\s*=\s*([^;]*)")


@dataclass(frozen=True)
class PluralForms:
    """A parsed ``Plural-Forms`` header: call it with n to get the form index."""

    nplurals: int
    expression: str
    _expr: Expr = field(repr=False, compare=False)

    def __call__(self, n: int) -> int:
        return self._expr(n & _MASK)

    def histogram(self, upto: int = CHECK_RANGE) -> list[int]:
        """How many n in ``range(upto)`` select each form (index = form).

        Raises :class:`ArithmeticError` on a division by zero.
        """
        counts = [0] * self.nplurals
        for n in range(upto):
            value = self._expr(n)
            if value >= len(counts):
                counts.extend([0] * (value + 1 - len(counts)))
            counts[value] += 1
        return counts

    def often(self) -> list[bool]:
        """For each form, whether msgfmt treats it as used for many n (strict checks)."""
        return list(self._often)

    @cached_property
    def _often(self) -> tuple[bool, ...]:  # computed once: checks ask for every plural entry
        try:
            counts = self.histogram()
        except ArithmeticError:
            return (True,) * self.nplurals
        counts += [0] * (self.nplurals - len(counts))
        return tuple(c > OFTEN_THRESHOLD for c in counts[: self.nplurals])

    def problems(self) -> list[str]:
        """msgfmt --check-header's objections to this header (empty when sound)."""
        if self.nplurals < 1:
            return ["nplurals = 0 is not allowed" if self.nplurals == 0 else
                    "invalid nplurals value"]
        try:
            counts = self.histogram()
        except ArithmeticError:
            return ["plural expression can produce division by zero"]
        top = len(counts) - 1
        while top > 0 and counts[top] == 0:
            top -= 1
        if top >= self.nplurals:
            return [(
                f"nplurals = {self.nplurals} but plural expression can produce values as "
                f"large as {top}"
            )]
        return []


def parse_plural_forms(value: str) -> PluralForms:
    """Parse a header value like ``nplurals=2; plural=(n > 1);``.

    Raises :class:`PluralFormsError` when ``nplurals`` or ``plural`` is missing or
    does not follow gettext's grammar.
    """
    m_count = _NPLURALS_RE.search(value)
    if m_count is None:
        raise PluralFormsError("Plural-Forms has no nplurals=")
    count_text = m_count.group(1).strip()
    if not count_text.isdigit():
        raise PluralFormsError(f"nplurals is not a number: {count_text!r}")
    m_expr = _PLURAL_RE.search(value)
    if m_expr is None:
        raise PluralFormsError("Plural-Forms has no plural=")
    expression = m_expr.group(1).strip()
    return PluralForms(int(count_text), expression, parse_expression(expression))

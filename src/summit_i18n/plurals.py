"""Plural-Forms headers: a grammar-based parser and evaluator (never ``eval``).

Principles: the expression language is gettext's (``plural.y``): ``n``, unsigned
decimal numbers, ``! * / % + - < > <= >= == != && || ?:`` and parentheses, with
C precedence and unsigned long arithmetic.  A recursive-descent parser builds a
tree of closures, so evaluating a form for a number is a few function calls and
no string of the catalog is ever executed.  The checks msgfmt --check-header
makes (``nplurals`` positive, values below ``nplurals``, no division by zero) are
reproduced by :meth:`PluralForms.problems`, over the same n = 0…1000 msgfmt tries.

The header comes from a stranger, so everything is bounded before any work is done:
the expression's length (:data:`MAX_EXPRESSION_LENGTH`), its nesting depth, counting
the terms of a chain such as ``n+n+…`` (:data:`MAX_DEPTH`), the digits of a number
(:data:`MAX_DIGITS`, enough for any unsigned long) and ``nplurals``
(:data:`MAX_NPLURALS`).  Beyond them parsing raises :class:`PluralFormsError` (never
``RecursionError`` or ``MemoryError``), and no allocation depends on a number the
header holds.  Evaluating a parsed header never raises: a division by zero selects
form 0 (:meth:`PluralForms.problems` reports it, and no command uses such a header).

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

from summit_i18n._display import excerpt

__all__ = [
    "PluralForms",
    "PluralFormsError",
    "excerpt",
    "header_problem",
    "parse_expression",
    "parse_plural_forms",
]

_MASK = (1 << 64) - 1  # unsigned long on LP64 systems, as gettext evaluates
#: msgfmt evaluates the expression for n = 0 … 1000 when it checks a header
CHECK_RANGE = 1001
#: a form chosen for more than this many of those values is "often" used (msgfmt)
OFTEN_THRESHOLD = 5

#: the longest ``plural=`` expression accepted (real ones are under 150 characters)
MAX_EXPRESSION_LENGTH = 1000
#: the deepest expression tree accepted: parentheses, ``?:``, ``!`` and chained operators
MAX_DEPTH = 40
#: the most digits a number may have (2**64 - 1 has 20)
MAX_DIGITS = 20
#: the largest ``nplurals`` accepted (no language has more than 6 forms)
MAX_NPLURALS = 100
Expr = Callable[[int], int]


class PluralFormsError(ValueError):
    """A Plural-Forms value or expression that does not follow gettext's grammar."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


class _DivisionByZero(ArithmeticError):
    pass


_TOKEN_RE = re.compile(r"\s*(?:([0-9]+)|(n)\b|(<=|>=|==|!=|&&|\|\||[-+*/%<>!?:()]))")


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
    nesting: int = 0

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

    def _deeper(self, depth: int) -> int:
        if depth > MAX_DEPTH:
            raise PluralFormsError(
                f"plural expression nested too deeply (more than {MAX_DEPTH} levels)",
                self.tokens[min(self.i, len(self.tokens) - 1)][1])
        return depth

    # expression := or ( '?' expression ':' expression )?
    def expression(self) -> tuple[Expr, int]:
        self.nesting += 1
        self._deeper(self.nesting)
        cond, d_cond = self.binary(0)
        if self.peek() != "?":
            self.nesting -= 1
            return cond, d_cond
        self.take("?")
        yes, d_yes = self.expression()
        self.take(":")
        no, d_no = self.expression()
        self.nesting -= 1
        return (lambda n: yes(n) if cond(n) else no(n)), self._deeper(1 + max(d_cond, d_yes, d_no))

    _LEVELS: ClassVar[tuple[tuple[str, ...], ...]] = (
        ("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%"),
    )

    def binary(self, level: int) -> tuple[Expr, int]:
        if level == len(self._LEVELS):
            return self.unary()
        left, depth = self.binary(level + 1)
        while self.peek() in self._LEVELS[level]:
            op = self.take()
            right, d_right = self.binary(level + 1)
            left = _binary(op, left, right)
            # a chain a+b+c+… nests to the left: each term is one level deeper
            depth = self._deeper(1 + max(depth, d_right))
        return left, depth

    def unary(self) -> tuple[Expr, int]:
        tok = self.peek()
        if tok == "!":
            self.take()
            self.nesting += 1
            self._deeper(self.nesting)
            inner, depth = self.unary()
            self.nesting -= 1
            return (lambda n: int(not inner(n))), self._deeper(depth + 1)
        if tok == "(":
            self.take()
            inner, depth = self.expression()
            self.take(")")
            return inner, depth
        if tok == "n":
            self.take()
            return (lambda n: n), 1
        if tok is not None and tok.isdigit():
            if len(tok) > MAX_DIGITS:
                raise PluralFormsError(
                    f"number with {len(tok):,} digits in plural expression "
                    f"(at most {MAX_DIGITS})", self.tokens[self.i][1])
            value = int(self.take()) & _MASK
            return (lambda n: value), 1
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

    Raises :class:`PluralFormsError` for anything outside gettext's grammar or
    beyond the bounds of this module.  The function raises :class:`ArithmeticError`
    for a division by zero (:class:`PluralForms` turns that into form 0).
    """
    if _paren_depth(text) > MAX_DEPTH:
        raise PluralFormsError(
            f"plural expression nested too deeply (more than {MAX_DEPTH} levels)", 0)
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise PluralFormsError(f"plural expression is {len(text):,} characters long "
                               f"(at most {MAX_EXPRESSION_LENGTH})", 0)
    tokens = _tokenize(text)
    if not tokens:
        raise PluralFormsError("empty plural expression", 0)
    parser = _Parser(tokens, text=text)
    try:
        expr, _ = parser.expression()
    except RecursionError:  # bounded above; kept so no input can ever show a traceback
        raise PluralFormsError("plural expression nested too deeply", 0) from None
    if parser.peek() is not None:
        raise PluralFormsError(f"unexpected {parser.peek()!r} after the plural expression",
                               tokens[parser.i][1])
    return expr


def _paren_depth(text: str) -> int:
    depth = deepest = 0
    for ch in text:
        if ch == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif ch == ")":
            depth -= 1
    return deepest


_NPLURALS_RE = re.compile(r"(?:^|;)\s*nplurals\s*=\s*([^;]*)")
_PLURAL_RE = re.compile(r"(?:^|;)\s*plural\s*=\s*([^;]*)")


@dataclass(frozen=True)
class PluralForms:
    """A parsed ``Plural-Forms`` header: call it with n to get the form index."""

    nplurals: int
    expression: str
    _expr: Expr = field(repr=False, compare=False)

    def __call__(self, n: int) -> int:
        """The form index for ``n`` (0 when the expression divides by zero)."""
        try:
            return self._expr(n & _MASK)
        except ArithmeticError:
            return 0

    def histogram(self, upto: int = CHECK_RANGE) -> list[int]:
        """How many n in ``range(upto)`` select each form (index = form).

        Values at or above ``nplurals`` are counted in one extra last slot, so the
        list never grows with what the expression computes.  Raises
        :class:`ArithmeticError` on a division by zero.
        """
        counts, _ = self._scan(upto)
        return counts

    def _scan(self, upto: int) -> tuple[list[int], int]:
        counts = [0] * (self.nplurals + 1)
        top = 0
        for n in range(upto):
            value = self._expr(n)
            top = max(top, value)
            counts[min(value, self.nplurals)] += 1
        if counts[-1] == 0:
            counts.pop()
        return counts, top

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
        return list(self._problems)

    @cached_property
    def _problems(self) -> tuple[str, ...]:
        if self.nplurals < 1:
            return ("nplurals = 0 is not allowed" if self.nplurals == 0 else
                    "invalid nplurals value",)
        try:
            _, top = self._scan(CHECK_RANGE)
        except ArithmeticError:
            return ("plural expression can produce division by zero",)
        if top >= self.nplurals:
            return ((
                f"nplurals = {self.nplurals} but plural expression can produce values as "
                f"large as {top}"
            ),)
        return ()


def parse_plural_forms(value: str) -> PluralForms:
    """Parse a header value like ``nplurals=2; plural=(n > 1);``.

    Raises :class:`PluralFormsError` when ``nplurals`` or ``plural`` is missing or
    does not follow gettext's grammar.
    """
    m_count = _NPLURALS_RE.search(value)
    if m_count is None:
        raise PluralFormsError("Plural-Forms has no nplurals=")
    count_text = m_count.group(1).strip()
    if not (count_text.isascii() and count_text.isdigit()):
        raise PluralFormsError(f"nplurals is not a number: {excerpt(count_text)}")
    if len(count_text.lstrip("0")) > len(str(MAX_NPLURALS)) or int(count_text) > MAX_NPLURALS:
        raise PluralFormsError(f"nplurals = {excerpt(count_text, 20)} is more plural forms "
                               f"than any language has (at most {MAX_NPLURALS})")
    m_expr = _PLURAL_RE.search(value)
    if m_expr is None:
        raise PluralFormsError("Plural-Forms has no plural=")
    expression = m_expr.group(1).strip()
    return PluralForms(int(count_text), expression, parse_expression(expression))


def header_problem(value: str | None) -> str | None:
    """Why a ``Plural-Forms`` value cannot be used (None when absent or sound)."""
    if value is None:
        return None
    try:
        problems = parse_plural_forms(value).problems()
    except PluralFormsError as exc:
        return f"Plural-Forms {excerpt(value)} is not valid: {exc.message}"
    return f"Plural-Forms {excerpt(value)}: {problems[0]}" if problems else None

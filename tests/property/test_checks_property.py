"""Checks and format parsers never raise, whatever text a catalog holds."""

from __future__ import annotations

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from summit_i18n.checks import REGISTRY, Context
from summit_i18n.formats import (
    FORMAT_FLAGS,
    check_format,
    parse_c_format,
    parse_python_brace_format,
    parse_python_format,
    placeholders,
)
from summit_i18n.plurals import PluralFormsError, parse_expression

# Text made of the characters the checks look at, so the odd cases come up often.
MARKUP = st.text(alphabet=st.sampled_from(list("%{}()[]<>`*_:;!?«» \n.,$1sdx=\"'&#aé漢字かな한")),
                 max_size=40)
TEXT = st.one_of(MARKUP, st.text(max_size=40))
TEXT_CHECKS = [c for c in REGISTRY.values() if c.scope == "text"]


@settings(max_examples=300, deadline=None)
@given(english=TEXT, translation=TEXT,
       lang=st.sampled_from(["fr", "ja", "ko", "zh_Hant", "zh_Hans", None]),
       lenient=st.booleans())
def test_text_checks_never_raise(english: str, translation: str, lang: str | None,
                                 lenient: bool) -> None:
    ctx = Context(lang=lang, flags=("python-format",), lenient=lenient,
                  alternate=english if lenient else None)
    for check in TEXT_CHECKS:
        for message in check.func(english, translation, ctx):
            assert isinstance(message, str)
            assert message


@settings(max_examples=300, deadline=None)
@given(text=TEXT, other=TEXT, flag=st.sampled_from(sorted(FORMAT_FLAGS)))
def test_format_parsers_never_raise(text: str, other: str, flag: str) -> None:
    parse_c_format(text)
    parse_python_format(text)
    parse_python_brace_format(text)
    placeholders(text)
    assert isinstance(check_format(flag, text, other), list)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("n0123456789 ()!?:<>=&|+-*/%;x")), max_size=30))
def test_plural_parser_only_raises_its_own_error(text: str) -> None:
    try:
        expr = parse_expression(text)
    except PluralFormsError:
        return
    for n in (0, 1, 2, 11, 101):
        with contextlib.suppress(ArithmeticError):  # division by zero: see problems()
            assert expr(n) >= 0


# Pieces of directives, whole directives and text, so that equal directive
# sequences with different text around them come up often.
DIRECTIVE_TEXT = st.lists(st.sampled_from(
    ["%s", "%d", "%(n)s", "%(n)d", "%1$s", "%2$d", "%%", "%.2f", "%ld", "%hhd", "%*d", "%5.1f",
     "{0}", "{x}", "{x.y}", "{{", "}}", "{", "}", "%", "(", ")", "$", ".", "1", "٣", "é", "<",
     "PRId64>", " a", "b "]), max_size=8).map("".join)


@settings(max_examples=500, deadline=None)
@given(msgid=DIRECTIVE_TEXT, text=st.sampled_from(["", "x", " le ", "é"]),
       flag=st.sampled_from(sorted(FORMAT_FLAGS)), strict=st.booleans())
def test_same_simple_directives_means_what_the_parsers_say(
    msgid: str, text: str, flag: str, strict: bool,
) -> None:
    from summit_i18n.formats import _check_format, _same_directives

    msgstr = text + msgid.replace(" a", " une").replace("b ", "") + text
    if msgstr and _same_directives(flag, msgid, msgstr):
        # the shortcut answers "nothing to report": the full parse and compare agree
        assert _check_format.__wrapped__(flag, msgid, msgstr, strict, "msgid", "msgstr") == ()

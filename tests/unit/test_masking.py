"""Tests for summit_i18n.prefill.masking: what is protected, restored, and refused."""

from __future__ import annotations

import pytest

from summit_i18n.glossary import Term
from summit_i18n.prefill.masking import (
    TokenDamage,
    check_tokens,
    has_prose,
    mask,
    restore,
    split_sentences,
)


def protected(text: str) -> list[str]:
    return [t.source for t in mask(text).tokens]


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("Hello %(name)s and %s, %d%%", ["%(name)s", "%s", "%d", "%%"]),
        ("Hi {name}, {0} and {{ user.name }} {% trans %}", ["{name}", "{0}", "{{ user.name }}",
                                                           "{% trans %}"]),
        ("See [the docs](https://x.org/a_(b) \"Title\") now",
         ["[", "](https://x.org/a_(b) \"Title\")"]),
        ("An ![alt text](img/a.png) here", ["![", "](img/a.png)"]),
        ("A [reference][label] and [collapsed][]", ["[", "][label]", "[", "][]"]),
        ("Mail <info@example.org> or <https://example.org/x?a=1>",
         ["<info@example.org>", "<https://example.org/x?a=1>"]),
        ("Run `make test` or ``a ` b``", ["`make test`", "``a ` b``"]),
        ("Some **bold**, *it*, _it_, ~~gone~~", ["**", "**", "*", "*", "_", "_", "~~", "~~"]),
        ("An <b class=\"x\">tag</b><br/> <!-- note -->", ["<b class=\"x\">", "</b>", "<br/>",
                                                         "<!-- note -->"]),
        ("Fish &amp; chips &#169; &#x2014;", ["&amp;", "&#169;", "&#x2014;"]),
        ("Visit https://example.org/path?q=1. Or www.example.com!",
         ["https://example.org/path?q=1", "www.example.com"]),
        ("Escaped \\* star and \\[bracket\\]", ["\\*", "\\[", "\\]"]),
        ("snake_case_name stays", []),
        ("100% sure, 50%off, 5 % of all", []),
        ("%s%% done, %(n)d items, %1$s", ["%s", "%%", "%(n)d", "%1$s"]),
    ],
)
def test_protected_parts(text: str, pieces: list[str]) -> None:
    assert protected(text) == pieces


def test_link_text_stays_translatable_and_is_masked_inside() -> None:
    masked = mask("[Read **this**](https://x.org)")
    assert masked.text == "⟦1⟧Read ⟦2⟧this⟦3⟧⟦4⟧"


def test_restore_untouched_gives_source_back() -> None:
    source = "  Hello **world** `x` [a](b) %(n)s &amp; ⟦1⟧\n"
    masked = mask(source)
    assert restore(masked) == source
    assert restore(masked, masked.text) == source


def test_restore_keeps_outer_whitespace_exactly() -> None:
    masked = mask("\n  Hello world.\n\n")
    assert masked.text == "Hello world."
    assert restore(masked, "Bonjour le monde.") == "\n  Bonjour le monde.\n\n"
    assert restore(masked, "  Bonjour.  ") == "\n  Bonjour.\n\n"


def test_translation_with_moved_tokens() -> None:
    masked = mask("Click **Save** in `app`")
    assert masked.text == "Click ⟦1⟧Save⟦2⟧ in ⟦3⟧"
    assert restore(masked, "Dans ⟦3⟧, cliquez sur ⟦1⟧Enregistrer⟦2⟧") == \
        "Dans `app`, cliquez sur **Enregistrer**"


def test_tokens_with_spaces_inside_are_accepted() -> None:
    masked = mask("Use `x` here")
    assert restore(masked, "Utilisez ⟦ 1 ⟧ ici") == "Utilisez `x` ici"


def test_emphasis_spacing_added_by_service_is_removed() -> None:
    masked = mask("A **bold** word")
    assert restore(masked, "Un mot ⟦1⟧ gras ⟦2⟧") == "Un mot **gras**"


def test_lone_marker_spacing_is_kept() -> None:
    masked = mask("2 * 3")
    assert restore(masked, "2 ⟦1⟧ 3") == "2 * 3"


def test_token_like_source_text_is_itself_protected() -> None:
    masked = mask("Literal ⟦1⟧ and `code`")
    assert [t.source for t in masked.tokens] == ["⟦1⟧", "`code`"]
    assert restore(masked, "Littéral ⟦1⟧ et ⟦2⟧") == "Littéral ⟦1⟧ et `code`"


def test_lone_brackets_in_the_source_are_protected() -> None:
    """A bracket left in the prose could make an altered token look whole again:
    "*⟧" masked as "⟦1⟧⟧", then "⟦1 ⟧" from a service, would pass as ⟦1⟧."""
    masked = mask("*⟧ and ⟦ too")
    assert [t.source for t in masked.tokens] == ["*", "⟧", "⟦"]
    assert "⟦" not in masked.text.replace("⟦1⟧", "").replace("⟦2⟧", "").replace("⟦3⟧", "")
    with pytest.raises(TokenDamage, match="lost ⟦1⟧"):
        restore(masked, "⟦1 ⟦2⟧ et ⟦3⟧ aussi")
    assert restore(masked, "⟦1⟧⟦2⟧ et ⟦3⟧ aussi") == "*⟧ et ⟦ aussi"


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        ("Cliquez ⟦1⟧", "lost ⟦2⟧"),
        ("Cliquez ⟦1⟧ ⟦2⟧ ⟦2⟧", "doubled ⟦2⟧"),
        ("Cliquez ⟦1⟧ ⟦2⟧ ⟦7⟧", "invented ⟦7⟧"),
        ("Cliquez ⟦1⟧ ⟦2⟧ ⟦", "altered"),
    ],
)
def test_damaged_tokens_are_refused(answer: str, problem: str) -> None:
    masked = mask("Click `a` `b`")
    with pytest.raises(TokenDamage, match=problem):
        restore(masked, answer)
    with pytest.raises(TokenDamage):
        check_tokens(masked, answer)


def test_glossary_terms_become_their_rendering() -> None:
    terms = [(Term("Falun Gong", {"ja": "法輪功"}), "法輪功")]
    masked = mask("Falun Gong practitioners", terms=terms)
    assert masked.text == "⟦1⟧ practitioners"
    assert restore(masked) == "Falun Gong practitioners"
    assert restore(masked, "⟦1⟧学習者") == "法輪功学習者"


def test_glossary_rendering_capitalized_at_sentence_start() -> None:
    term = Term("forced organ harvesting", {"fr": "prélèvement forcé d’organes"})
    masked = mask("Forced organ harvesting and forced organ harvesting",
                  terms=[(term, "prélèvement forcé d’organes")])
    assert restore(masked, "⟦1⟧ et ⟦2⟧") == \
        "Prélèvement forcé d’organes et prélèvement forcé d’organes"


def test_glossary_terms_not_looked_for_inside_code_or_urls() -> None:
    terms = [(Term("Falun Gong", {"fr": "keep"}), "Falun Gong")]
    masked = mask("`Falun Gong` and https://x.org/Falun_Gong but Falun Gong", terms=terms)
    assert [t.kind for t in masked.tokens] == ["code", "url", "term"]


def test_has_prose() -> None:
    assert has_prose(mask("Hello `x`"))
    assert not has_prose(mask("`x` 2026 **%s**"))
    assert not has_prose(mask(""))


def test_empty_and_blank_text() -> None:
    assert mask("").text == ""
    assert restore(mask("  \n")) == "  \n"


def test_split_sentences_joins_back() -> None:
    text = "One. Two? Three! 四。五"
    pieces = split_sentences(text)
    assert pieces == ["One. ", "Two? ", "Three! ", "四。", "五"]
    assert "".join(pieces) == text
    assert split_sentences("No end") == ["No end"]

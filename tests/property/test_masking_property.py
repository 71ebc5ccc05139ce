"""Property: masking then restoring gives back any text exactly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from summit_i18n.glossary import Term
from summit_i18n.prefill.masking import mask, restore

# Text rich in the characters masking reacts to, plus anything at all.
_MARKUP = st.sampled_from(["*", "**", "_", "~~", "`", "``", "[", "]", "(", ")", "!", "<", ">",
                           "{", "}", "%", "%(x)s", "&amp;", "&#1;", "\\", "⟦", "⟧", "⟦1⟧", "⟦ 2 ⟧",
                           "https://x.org/a", " ", "\n", "\t", "Falun Gong", "a", "é", "法"])
TEXT = st.one_of(st.text(), st.lists(st.one_of(_MARKUP, st.text(max_size=3))).map("".join))
TERMS = [(Term("Falun Gong", {"fr": "keep"}), "Falun Gong")]


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_restore_of_mask_is_identity(text: str) -> None:
    masked = mask(text)
    assert restore(masked) == text
    assert restore(masked, masked.text) == text


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_identity_with_kept_glossary_terms(text: str) -> None:
    masked = mask(text, terms=TERMS)
    assert restore(masked) == text
    assert restore(masked, masked.text) == text

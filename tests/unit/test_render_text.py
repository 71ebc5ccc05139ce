"""render.text: plain-text announcements wrapped by display width, CJK line-breaking rules."""

from __future__ import annotations

import pytest

from summit_i18n.extract.markdown import parse_document
from summit_i18n.render.text import display_width, render_text, wrap

JA = ("強制臓器摘出は、非倫理的かつ違法でありながら非常に利益の大きい行為であり、"
      "同意していない健康な人々から臓器が摘出され、移植手術を急ぐ患者に売られています。")
ZH = ("強制摘取器官是一種不道德且違法、卻利潤極高的行為："
      "從未同意的健康人身上摘取器官，出售給希望快速移植的病人。")
KO = ("강제 장기적출은 비윤리적이고 불법적이지만 수익성이 매우 높은 관행으로, "
      "동의하지 않은 건강한 사람들에게서 장기를 적출합니다.")
FR = ("Le prélèvement forcé d'organes est une pratique contraire à l'éthique et illégale, "
      "mais extrêmement lucrative.")


def test_display_width_counts_wide_characters_twice() -> None:
    assert display_width("abc") == 3
    assert display_width("日本語") == 6
    assert display_width("한국어") == 6


@pytest.mark.parametrize("text", [JA, ZH, KO, FR])
@pytest.mark.parametrize("width", [20, 40, 72])
def test_lines_fit_and_keep_every_character(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert len(lines) > 1
    for line in lines:
        # A line may overflow only by punctuation that must not start the next one.
        assert display_width(line) <= width + 2, line
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("text", [JA, ZH])
def test_cjk_lines_never_start_with_closing_punctuation(text: str) -> None:
    for width in range(10, 50):
        for line in wrap(text, width)[1:]:
            assert line[0] not in "、。，：」）", (width, line)


def test_cjk_is_filled_close_to_the_width() -> None:
    lines = wrap(JA, 40)
    assert all(display_width(line) >= 36 for line in lines[:-1])


def test_korean_breaks_between_words_only() -> None:
    words = set(KO.split())
    for line in wrap(KO, 24):
        assert set(line.split()) <= words


def test_latin_breaks_at_spaces_with_hanging_indent() -> None:
    lines = wrap(FR, 30, first="- ", indent="  ")
    assert lines[0].startswith("- Le ")
    assert all(line.startswith("  ") for line in lines[1:])
    assert all(display_width(line) <= 30 for line in lines)


def test_render_text_document() -> None:
    doc = parse_document(
        "# Ignored\n\nRead the [programme](https://example.org/p).\n\n## Speakers\n\n"
        "- Ada\n- Grace\n\n```\nmake site\n```\n", path="s.md")
    text = render_text("Summit", ["Published on May 14, 2026"], list(doc.tokens),
                       "https://summit.example/en/s/")
    assert text == (
        "Summit\n======\n\nPublished on May 14, 2026\n\n"
        "Ignored\n~~~~~~~\n\n"
        "Read the programme <https://example.org/p>.\n\n"
        "Speakers\n--------\n\n"
        "- Ada\n- Grace\n\n"
        "    make site\n\n"
        "https://summit.example/en/s/\n")


def test_no_break_spaces_of_a_translation_are_kept() -> None:
    text = "Les coorganisateurs figurent\u00a0: DAFOH, CAP et\u202fTAICOT. " * 4
    lines = wrap(text, 40)
    joined = " ".join(lines)
    assert joined.count("\u00a0:") == 4
    assert joined.count("et\u202fTAICOT") == 4
    assert all(not line.endswith(("\u00a0", "\u202f")) for line in lines)


def test_a_line_break_between_cjk_characters_is_no_space() -> None:
    assert wrap("共催団体は次のとおりです。\nDAFOH と\n世界サミット") == [
        "共催団体は次のとおりです。 DAFOH と世界サミット"]

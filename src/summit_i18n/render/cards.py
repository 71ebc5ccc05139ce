"""Share cards: a 1200×630 PNG per page and language, the title set in its own script.

Principles: the card is what a chat or social network shows when someone shares a
page (Open Graph ``og:image``), so it carries the page's title in the page's
language, set with the font that script needs — Noto CJK for Japanese, Korean and
Chinese — found through fontconfig (``fc-match`` with the language), never
downloaded.  Japanese and Chinese titles wrap between phrases (BudouX), others
between words.  Cards are content-addressed: the key is the text, the language,
the font file, Pillow's version and a digest of the drawing code, and a card
already drawn under that key is read back from ``.summit-i18n/cards/`` instead of
drawn again, so a rebuild costs nothing for cards whose text did not change.  Pillow writes the
PNG without any timestamp, so the same text gives the same bytes.
"""

from __future__ import annotations

import functools
import hashlib
import io
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont

from summit_i18n.fsutil import atomic_write_bytes
from summit_i18n.render.typography import is_cjk, phrases

__all__ = ["HEIGHT", "WIDTH", "CardMaker", "Font", "find_font"]

WIDTH, HEIGHT = 1200, 630


@functools.cache
def _drawing_code() -> str:
    """A digest of the code that draws a card (this module and the line breaking):
    any edit to it draws every card again, with no version to remember to bump."""
    from summit_i18n.render import typography

    digest = hashlib.sha256()
    for module in (__file__, typography.__file__):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()


_MARGIN = 80
_INK = (255, 255, 255)
_MUTED = (196, 212, 232)
_PAPER = (11, 37, 69)
_ACCENT = (240, 178, 0)
_TITLE_SIZES = (72, 64, 56, 50, 44, 40)
_MAX_LINES = 5


@dataclass(frozen=True)
class Font:
    """A font file (and face, for a collection) that fontconfig chose for a language."""

    path: str
    index: int
    family: str

    def key(self) -> str:
        stat = Path(self.path).stat()
        return f"{self.path}:{self.index}:{stat.st_size}:{stat.st_mtime_ns}"


def _fc_lang(bcp47: str) -> str:
    if bcp47.startswith("zh"):
        return "zh-tw" if "Hant" in bcp47 or bcp47 in ("zh-TW", "zh-HK") else "zh-cn"
    return bcp47.split("-")[0].lower()


@functools.cache
def find_font(bcp47: str, *, bold: bool = True) -> Font | None:
    """The sans-serif font fontconfig has for ``bcp47`` (None: none covers the language)."""
    lang = _fc_lang(bcp47)
    pattern = f"sans-serif:lang={lang}" + (":weight=bold" if bold else "")
    try:
        proc = subprocess.run(["fc-match", "-f", "%{file}\n%{index}\n%{family[0]}\n%{lang}",
                               pattern], capture_output=True, text=True, check=False,
                              timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = proc.stdout.split("\n")
    if proc.returncode != 0 or len(lines) < 4 or not lines[0]:
        return None
    path, index, family, langs = lines[0], lines[1], lines[2], lines[3]
    if lang not in langs.split("|") or not Path(path).is_file():
        return None  # fontconfig's best match does not cover the language
    return Font(path, int(index or 0), family)


@dataclass
class CardMaker:
    """Draws share cards, or reads them back from the cache when their text is unchanged."""

    cache_dir: Path
    font_for: Callable[[str], Font | None] = find_font
    drawn: int = 0  #: cards drawn by this maker (the rest came from the cache)
    reused: int = 0
    _fonts: dict[tuple[str, int, int], ImageFont.FreeTypeFont] = field(default_factory=dict)

    def card(self, *, title: str, site_name: str, footer: str, lang: str,
             site_lang: str) -> bytes | None:
        """The PNG of one card (None when fontconfig has no font for the language)."""
        title_font = self.font_for(lang)
        site_font = self.font_for(site_lang)
        if title_font is None or site_font is None:
            return None
        key = hashlib.sha256("\0".join((
            _drawing_code(), PIL.__version__, title_font.key(), site_font.key(), title, site_name,
            footer, lang, site_lang)).encode()).hexdigest()
        cached = self.cache_dir / key[:2] / f"{key}.png"
        try:
            data = cached.read_bytes()
        except OSError:
            data = b""
        if data.startswith(b"\x89PNG"):
            self.reused += 1
            return data
        data = self._draw(title, site_name, footer, lang, site_lang, title_font, site_font)
        atomic_write_bytes(cached, data)
        self.drawn += 1
        return data

    def _font(self, font: Font, size: int) -> ImageFont.FreeTypeFont:
        key = (font.path, font.index, size)
        if key not in self._fonts:
            self._fonts[key] = ImageFont.truetype(font.path, size, index=font.index)
        return self._fonts[key]

    def _draw(self, title: str, site_name: str, footer: str, lang: str, site_lang: str,
              title_font: Font, site_font: Font) -> bytes:
        image = Image.new("RGB", (WIDTH, HEIGHT), _PAPER)
        draw = ImageDraw.Draw(image)
        draw.rectangle((0, 0, 24, HEIGHT), fill=_ACCENT)
        width = WIDTH - 2 * _MARGIN
        small = self._font(site_font, 30)
        name_lines = _wrap(site_name, small, width, site_lang)[:2]
        y = 64
        for line in name_lines:
            draw.text((_MARGIN, y), line, font=small, fill=_MUTED)
            y += 42
        top = y + 36
        bottom = HEIGHT - 110
        for size in _TITLE_SIZES:
            font = self._font(title_font, size)
            lines = _wrap(title, font, width, lang)
            step = int(size * 1.3)
            if len(lines) <= _MAX_LINES and len(lines) * step <= bottom - top:
                break
        lines = lines[:_MAX_LINES]
        y = top
        for line in lines:
            draw.text((_MARGIN, y), line, font=font, fill=_INK)
            y += step
        draw.rectangle((_MARGIN, HEIGHT - 84, _MARGIN + 96, HEIGHT - 78), fill=_ACCENT)
        if footer:
            draw.text((_MARGIN, HEIGHT - 66), footer, font=self._font(site_font, 26),
                      fill=_MUTED)
        out = io.BytesIO()
        # Pillow's default compression: optimize=True makes files 5 % smaller, 8× slower.
        image.save(out, format="PNG")
        return out.getvalue()


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int, lang: str) -> list[str]:
    """Greedy lines no wider than ``width`` pixels: phrase by phrase (ja, zh), else by word."""
    units = _units(text, lang)
    lines: list[str] = []
    current = ""
    for unit in units:
        candidate = current + unit
        if not current or font.getlength(candidate.rstrip()) <= width:
            current = candidate
            continue
        lines.append(current.rstrip())
        current = unit.lstrip()
        while font.getlength(current) > width and len(current) > 1:
            # A phrase wider than the card: cut it where it stops fitting.
            cut = next(i for i in range(1, len(current) + 1)
                       if font.getlength(current[:i]) > width) - 1
            lines.append(current[:max(cut, 1)])
            current = current[max(cut, 1):]
    if current.strip():
        lines.append(current.rstrip())
    return lines


def _units(text: str, lang: str) -> list[str]:
    pieces = phrases(text, lang)
    units: list[str] = []
    for piece in pieces:
        # Spaces still separate words inside a phrase (Latin names in a CJK title).
        words = piece.split(" ")
        units += [w + " " for w in words[:-1]] + [words[-1]]
    out = [u for u in units if u]
    # Never start a line with CJK closing punctuation: glue it to what precedes.
    merged: list[str] = []
    for unit in out:
        if merged and unit[:1] in "、。，．」』）】〕！？：；" and is_cjk(unit[:1]):
            merged[-1] += unit
        else:
            merged.append(unit)
    return merged

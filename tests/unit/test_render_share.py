"""Sharing: Open Graph tags, share links and share cards of every page and language."""

from __future__ import annotations

import io
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image

from summit_i18n.config import SHARE_NETWORKS
from summit_i18n.render import build_site
from summit_i18n.render.cards import CardMaker, find_font
from summit_i18n.render.share import share_links
from summit_i18n.render.typography import phrase_html, phrases
from tests.site_project import make_site_project, translate, translate_all

BASE = "https://summit.example/"
OG_LOCALES = {"en": "en_US", "fr": "fr_FR", "ja": "ja_JP", "ko": "ko_KR", "zh-Hant": "zh_TW",
              "zh-Hans": "zh_CN"}

needs_fonts = pytest.mark.skipif(
    shutil.which("fc-match") is None or find_font("ja") is None,
    reason="fontconfig with Noto CJK (Debian fonts-noto-cjk) is needed to draw cards")


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.share: list[tuple[str, str]] = []
        self._li: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta.append((a.get("property") or a["name"], a["content"]))
        elif tag == "li" and a.get("class", "").startswith("share-"):
            self._li = a["class"].removeprefix("share-")
        elif tag == "a" and self._li:
            self.share.append((self._li, a["href"]))
            self._li = None


def meta_of(path: Path) -> _Meta:
    parser = _Meta()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_site_project(tmp_path_factory.mktemp("share") / "p")
    translate_all(project)
    build_site(project)
    return project.output_dir


@needs_fonts
@pytest.mark.parametrize("code", list(OG_LOCALES))
def test_open_graph_and_twitter_tags(site: Path, code: str) -> None:
    page = site / code / "spring-summit" / "index.html"
    meta = dict(meta_of(page).meta)
    url = f"{BASE}{code}/spring-summit/"
    assert meta["og:type"] == "article"
    assert meta["og:url"] == url
    assert meta["og:locale"] == OG_LOCALES[code]
    alternates = [v for k, v in meta_of(page).meta if k == "og:locale:alternate"]
    assert sorted(alternates) == sorted(v for c, v in OG_LOCALES.items() if c != code)
    assert meta["og:title"]
    assert meta["og:title"] == meta["twitter:title"]
    assert meta["og:description"] == meta["twitter:description"]
    assert "**" not in meta["og:description"]  # Markdown markers are not shown
    assert meta["og:site_name"]
    assert meta["og:image"] == url + "card.png"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image:alt"] == meta["og:title"]
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:image"] == meta["og:image"]
    index = dict(meta_of(site / code / "index.html").meta)
    assert index["og:type"] == "website"
    assert index["og:url"] == f"{BASE}{code}/"


@needs_fonts
@pytest.mark.parametrize("code", list(OG_LOCALES))
def test_card_files_are_1200_by_630_png(site: Path, code: str) -> None:
    for card in (site / code / "spring-summit" / "card.png", site / code / "card.png"):
        data = card.read_bytes()
        assert 5_000 < len(data) < 300_000
        with Image.open(io.BytesIO(data)) as image:
            assert (image.format, image.size) == ("PNG", (1200, 630))


def test_share_links_carry_the_absolute_url_and_title_encoded(site: Path) -> None:
    expected = {"ja": ["line", "x", "facebook", "telegram", "whatsapp", "email"],
                "zh-Hant": ["line", "facebook", "x", "telegram", "whatsapp", "email"],
                "ko": ["naver", "x", "facebook", "telegram", "whatsapp", "email"],
                "zh-Hans": ["weibo", "x", "facebook", "telegram", "whatsapp", "email"],
                "fr": ["x", "facebook", "telegram", "whatsapp", "email"]}
    for code, networks in expected.items():
        page = site / code / "spring-summit" / "index.html"
        parsed = meta_of(page)
        title = dict(parsed.meta)["og:title"]
        url = f"{BASE}{code}/spring-summit/"
        assert [n for n, _ in parsed.share] == networks
        for network, href in parsed.share:
            query = parse_qs(urlsplit(href).query)
            values = {v for vs in query.values() for v in vs}
            assert any(url in v for v in values), (network, href)
            assert any(title in v for v in values), (network, href)
            # Encoded: no raw space, colon-slash-slash or non-ASCII in the query.
            raw = urlsplit(href).query
            assert " " not in raw, href
            assert "://" not in raw, href
            assert raw.isascii(), href


def test_share_link_networks_match_the_configuration_keys() -> None:
    links = share_links(SHARE_NETWORKS, url="https://a.example/x?y=1&z=2", title="A & B #1")
    assert [link.network for link in links] == list(SHARE_NETWORKS)
    for link in links:
        assert "https%3A%2F%2Fa.example%2Fx%3Fy%3D1%26z%3D2" in link.href
        assert "A%20%26%20B%20%231" in link.href


def test_share_links_are_configurable_per_language(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p", config='[share]\nlinks = ["email"]\n'
                                                       'ja = ["line"]\ncards = false\n')
    translate_all(project, languages=("ja", "fr"))
    report = build_site(project)
    assert report.cards_drawn == 0
    assert [n for n, _ in meta_of(project.output_dir / "ja/spring-summit/index.html").share] == [
        "line"]
    assert [n for n, _ in meta_of(project.output_dir / "fr/spring-summit/index.html").share] == [
        "email"]
    assert "og:image" not in dict(meta_of(project.output_dir / "fr/index.html").meta)
    assert not list(project.output_dir.rglob("*.png"))


@needs_fonts
def test_cards_are_drawn_again_only_when_their_text_changes(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p")
    translate_all(project, languages=("ja",))
    first = build_site(project)
    # root, 2 indexes, 2 pages; the root's card is the English index's (same text): one PNG
    assert (first.cards_drawn, first.cards_reused) == (4, 1)
    card = (project.output_dir / "ja/spring-summit/card.png").read_bytes()
    # The body changes, the title does not: every card comes from the cache.
    translate(project, "ja", "spring-summit",
              lambda m: "日本語：" + m + ("（改訂）" if m.startswith("The summit") else ""))
    second = build_site(project)
    assert not second.unchanged_inputs
    assert (second.cards_drawn, second.cards_reused) == (0, 5)
    assert (project.output_dir / "ja/spring-summit/card.png").read_bytes() == card
    # The title changes: that one card (and only it) is drawn again.
    translate(project, "ja", "spring-summit",
              lambda m: "新しい題名" if m.startswith("Spring Summit") else "日本語：" + m)
    third = build_site(project)
    assert (third.cards_drawn, third.cards_reused) == (1, 4)
    assert (project.output_dir / "ja/spring-summit/card.png").read_bytes() != card


@needs_fonts
def test_same_text_gives_the_same_png_bytes(tmp_path: Path) -> None:
    one = CardMaker(tmp_path / "a").card(title="打擊及防制活摘器官之世界峰會", site_name="峰會",
                                         footer="summit.example · 繁體中文", lang="zh-Hant",
                                         site_lang="zh-Hant")
    two = CardMaker(tmp_path / "b").card(title="打擊及防制活摘器官之世界峰會", site_name="峰會",
                                         footer="summit.example · 繁體中文", lang="zh-Hant",
                                         site_lang="zh-Hant")
    assert one is not None
    assert one == two


@needs_fonts
def test_fonts_come_from_fontconfig_per_script() -> None:
    families = {code: find_font(code) for code in ("ja", "ko", "zh-Hant", "zh-Hans")}
    assert {c: f.family if f else None for c, f in families.items()} == {
        "ja": "Noto Sans CJK JP", "ko": "Noto Sans CJK KR", "zh-Hant": "Noto Sans CJK TC",
        "zh-Hans": "Noto Sans CJK SC"}


def test_phrases_break_only_between_cjk_phrases() -> None:
    assert phrases("強制臓器摘出の撲滅と防止に関する世界サミット", "ja") == [
        "強制臓器摘出の", "撲滅と", "防止に", "関する", "世界サミット"]
    assert "".join(phrases("打击与预防 DAFOH group", "zh-Hans")) == "打击与预防 DAFOH group"
    assert all(" D" not in p[:2] for p in phrases("打击与预防 DAFOH group", "zh-Hans"))
    assert phrases("Forced organ harvesting", "ko") == ["Forced organ harvesting"]
    source = '撲滅と防止に<span lang="en">World Summit</span>&amp;撲滅と防止に'
    html = str(phrase_html(source, "ja"))
    assert html == '撲滅と<wbr>防止に<span lang="en">World Summit</span>&amp;撲滅と<wbr>防止に'
    assert re.sub("<wbr>", "", html) == source

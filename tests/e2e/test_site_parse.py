"""The built site parsed: lang, alternates, switcher targets, feeds and sitemap hold together."""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from summit_i18n.render import build_site
from summit_i18n.render.feeds import ATOM, SITEMAP, XHTML
from tests.site_project import ANNOUNCEMENT, SECOND, make_site_project, translate_all

BASE = "https://summit.example/"
CODES = ("en", "fr", "ja", "ko", "zh-Hant", "zh-Hans")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.alternates: dict[str, str] = {}
        self.switcher: dict[str, str | None] = {}
        self._in_switcher = False
        self._item_lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates[str(a["hreflang"])] = str(a["href"])
        elif tag == "nav" and a.get("class") == "switcher":
            self._in_switcher = True
        elif self._in_switcher and tag == "li":
            self._item_lang = a.get("lang")
            self.switcher[str(self._item_lang)] = None
        elif self._in_switcher and tag == "a" and self._item_lang:
            self.switcher[self._item_lang] = a.get("href")

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self._in_switcher = False


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_site_project(tmp_path_factory.mktemp("site") / "p",
                                docs={"spring.md": ANNOUNCEMENT, "volunteers.md": SECOND})
    translate_all(project, fuzzy=True)
    build_site(project, use_fuzzy=True)
    return project.output_dir


def test_every_page_declares_its_language_and_alternates(site: Path) -> None:
    pages = sorted(site.glob("*/*/index.html")) + sorted(site.glob("*/index.html"))
    assert len(pages) == len(CODES) * 3
    for path in pages:
        rel = path.relative_to(site).as_posix()
        code = rel.split("/")[0]
        page = parse(path)
        assert page.lang == code
        slug_part = rel.removeprefix(f"{code}/").removesuffix("index.html")
        assert set(page.alternates) == {*CODES, "x-default"}
        for other in CODES:
            assert page.alternates[other] == f"{BASE}{other}/{slug_part}"
        expected_default = f"{BASE}en/{slug_part}" if slug_part else BASE
        assert page.alternates["x-default"] == expected_default


def test_switcher_targets_exist_and_are_the_same_page(site: Path) -> None:
    for path in sorted(site.glob("*/*/index.html")):
        page = parse(path)
        rel = path.relative_to(site).as_posix()
        assert set(page.switcher) == set(CODES)
        for other, href in page.switcher.items():
            if other == page.lang:
                assert href is None
                continue
            assert href is not None
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), href))
            assert target == rel.replace(f"{page.lang}/", f"{other}/", 1)
            assert (site / target).is_file()
            assert parse(site / target).lang == other


def test_feeds_are_valid_atom(site: Path) -> None:
    a = f"{{{ATOM}}}"
    for code in CODES:
        root = ET.parse(site / code / "feed.xml").getroot()
        assert root.tag == f"{a}feed"
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == code
        for name in ("id", "title", "updated", "author"):
            assert root.find(f"{a}{name}") is not None
        entries = root.findall(f"{a}entry")
        assert len(entries) == 2
        for entry in entries:
            link = entry.find(f"{a}link")
            assert link is not None
            href = str(link.get("href"))
            assert href.startswith(f"{BASE}{code}/")
            assert (site / href.removeprefix(BASE) / "index.html").is_file()
            assert entry.findtext(f"{a}id") == href
            assert entry.findtext(f"{a}updated", "").endswith("Z")


def test_sitemap_lists_every_page_with_alternates(site: Path) -> None:
    root = ET.parse(site / "sitemap.xml").getroot()
    urls = root.findall(f"{{{SITEMAP}}}url")
    locs = [u.findtext(f"{{{SITEMAP}}}loc", "") for u in urls]
    pages = {p.relative_to(site).as_posix().removesuffix("index.html")
             for p in site.glob("*/**/index.html")}
    # The root page (the languages of the site) is listed too, first.
    assert locs[0] == BASE
    assert {loc.removeprefix(BASE) for loc in locs} == {"", *pages}
    for url in urls[1:]:
        alternates = {ln.get("hreflang"): ln.get("href")
                      for ln in url.findall(f"{{{XHTML}}}link")}
        assert set(alternates) == {*CODES, "x-default"}
        for href in alternates.values():
            assert (site / str(href).removeprefix(BASE) / "index.html").is_file()


def test_root_index_lists_every_language(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    for code, name in (("fr", "Français"), ("ja", "日本語"), ("ko", "한국어"),
                       ("zh-Hant", "繁體中文"), ("zh-Hans", "简体中文"), ("en", "English")):
        assert f'<a href="{code}/index.html" hreflang="{code}">{name}</a>' in html

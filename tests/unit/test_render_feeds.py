"""render.feeds: Atom feeds and the sitemap are well-formed whatever a title contains."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from summit_i18n.render.feeds import (
    ATOM,
    SITEMAP,
    XHTML,
    Alternate,
    FeedEntry,
    SitemapUrl,
    atom_feed,
    sitemap,
)

A = f"{{{ATOM}}}"
WHEN = dt.datetime(2026, 5, 14, 9, 30, tzinfo=dt.UTC)


def _entry(title: str, day: int = 14) -> FeedEntry:
    return FeedEntry(url=f"https://s.example/fr/{day}/", title=title, summary="Résumé & <b>",
                     content_html="<p>Bonjour &amp; <strong>bienvenue</strong></p>",
                     updated=WHEN.replace(day=day), lang="fr")


def test_atom_has_required_elements_and_survives_hostile_text() -> None:
    hostile = "]]> </title> <script>alert(1)</script> & é 日本"
    xml = atom_feed(url="https://s.example/fr/feed.xml", home="https://s.example/fr/",
                    title="Annonces", lang="fr", author="Summit",
                    entries=[_entry(hostile, 14), _entry("Plus ancien", 2)])
    root = ET.fromstring(xml)
    assert root.tag == f"{A}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{A}{name}") is not None, name
    assert root.find(f"{A}updated").text == "2026-05-14T09:30:00Z"  # type: ignore[union-attr]
    self_links = [ln for ln in root.findall(f"{A}link") if ln.get("rel") == "self"]
    assert [ln.get("href") for ln in self_links] == ["https://s.example/fr/feed.xml"]
    entries = root.findall(f"{A}entry")
    assert len(entries) == 2
    for entry in entries:
        for name in ("id", "title", "updated", "link", "content"):
            assert entry.find(f"{A}{name}") is not None, name
    assert entries[0].find(f"{A}title").text == hostile  # type: ignore[union-attr]
    content = entries[0].find(f"{A}content")
    assert content is not None
    assert content.get("type") == "html"
    assert content.text == "<p>Bonjour &amp; <strong>bienvenue</strong></p>"
    assert "<script>" not in xml


def test_empty_feed_is_deterministic() -> None:
    one = atom_feed(url="u", home="h", title="t", lang="en", author="a", entries=[])
    two = atom_feed(url="u", home="h", title="t", lang="en", author="a", entries=[])
    assert one == two
    assert "1970-01-01T00:00:00Z" in one


def test_sitemap_lists_alternates() -> None:
    xml = sitemap([SitemapUrl("https://s.example/fr/a/", dt.date(2026, 5, 14), [
        Alternate("en", "https://s.example/en/a/"), Alternate("fr", "https://s.example/fr/a/"),
        Alternate("x-default", "https://s.example/en/a/")])])
    root = ET.fromstring(xml)
    assert root.tag == f"{{{SITEMAP}}}urlset"
    url = root.find(f"{{{SITEMAP}}}url")
    assert url is not None
    assert url.findtext(f"{{{SITEMAP}}}loc") == "https://s.example/fr/a/"
    assert url.findtext(f"{{{SITEMAP}}}lastmod") == "2026-05-14"
    links = [(ln.get("rel"), ln.get("hreflang"), ln.get("href"))
             for ln in url.findall(f"{{{XHTML}}}link")]
    assert links == [("alternate", "en", "https://s.example/en/a/"),
                     ("alternate", "fr", "https://s.example/fr/a/"),
                     ("alternate", "x-default", "https://s.example/en/a/")]
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in xml

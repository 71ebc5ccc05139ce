"""Machine-readable outputs of the site: an Atom feed per language and the sitemap.

Principles: both are built with :mod:`xml.etree.ElementTree`, never by pasting
strings, so a translated title can contain ``<``, ``&`` or ``]]>`` and the file
stays well-formed.  Atom (RFC 4287) needs, per feed, ``id``, ``title``,
``updated``, an ``author`` and a ``self`` link; per entry, ``id``, ``title``,
``updated`` and a link.  Ids are the pages' absolute URLs, and ``updated`` is
the newest announcement's date, never the build time, so an unchanged site gives
the same bytes.  The sitemap lists every published page with ``xhtml:link``
alternates for each of its published languages plus ``x-default``.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Alternate", "FeedEntry", "SitemapUrl", "atom_feed", "sitemap"]

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str
    summary: str
    content_html: str
    updated: dt.datetime
    lang: str
    entry_id: str | None = None  #: the entry's id (default: its URL, when that is absolute)


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    href: str


@dataclass(frozen=True)
class SitemapUrl:
    loc: str
    lastmod: dt.date | None
    alternates: Sequence[Alternate]


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _serialize(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def atom_feed(
    *, url: str, home: str, title: str, lang: str, author: str, entries: Sequence[FeedEntry],
    feed_id: str | None = None,
) -> str:
    """An Atom feed document (newest entry first, as given).

    ``url`` and ``home`` may be relative (a preview without a site address); the ids
    are then ``feed_id`` and each entry's ``entry_id``.
    """
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {_XML_LANG: lang})
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_id or url
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    newest = max((e.updated for e in entries), default=_EPOCH)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(newest)
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = author
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": url,
                                             "type": "application/atom+xml"})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": home,
                                             "type": "text/html"})
    for entry in entries:
        node = ET.SubElement(feed, f"{{{ATOM}}}entry", {_XML_LANG: entry.lang})
        ET.SubElement(node, f"{{{ATOM}}}id").text = entry.entry_id or entry.url
        ET.SubElement(node, f"{{{ATOM}}}title").text = entry.title
        ET.SubElement(node, f"{{{ATOM}}}updated").text = _stamp(entry.updated)
        ET.SubElement(node, f"{{{ATOM}}}link", {"rel": "alternate", "href": entry.url,
                                                 "type": "text/html"})
        if entry.summary:
            ET.SubElement(node, f"{{{ATOM}}}summary").text = entry.summary
        ET.SubElement(node, f"{{{ATOM}}}content", {"type": "html"}).text = entry.content_html
    return _serialize(feed)


def sitemap(urls: Sequence[SitemapUrl]) -> str:
    """A sitemaps.org sitemap with hreflang alternates."""
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    root = ET.Element(f"{{{SITEMAP}}}urlset")
    for item in urls:
        node = ET.SubElement(root, f"{{{SITEMAP}}}url")
        ET.SubElement(node, f"{{{SITEMAP}}}loc").text = item.loc
        if item.lastmod is not None:
            ET.SubElement(node, f"{{{SITEMAP}}}lastmod").text = item.lastmod.isoformat()
        for alt in item.alternates:
            ET.SubElement(node, f"{{{XHTML}}}link",
                          {"rel": "alternate", "hreflang": alt.hreflang, "href": alt.href})
    return _serialize(root)

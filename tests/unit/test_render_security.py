"""Hostile translations built into pages leave them as inert as the English ones."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from summit_i18n.render import CSP, build_site
from tests.site_project import make_site_project, translate

SOURCE = """\
---
title: Summit
summary: Two days of talks.
slug: summit
date: 2026-05-14
---

Welcome to the **summit**.

Read the [programme](https://example.org/programme) first.

Bring your badge.

Doors open at nine.

Coffee is served all day.

See you there.
"""

HOSTILE = {
    "Summit": "</title><script>alert('title')</script>",
    "Two days of talks.": '"><script>alert("summary")</script>',
    "Welcome to the **summit**.": "<script>alert(1)</script> **sommet**",
    "Read the [programme](https://example.org/programme) first.":
        "Lisez le [programme](javascript:alert(1)) d'abord.",
    "Bring your badge.": '<img src=x onerror="alert(2)"> badge',
    "Doors open at nine.": '" onload="alert(3)" x=" {{ 7*7 }} {% if true %}yes{% endif %}',
    "Coffee is served all day.":
        "[café](https://evil.example/steal) ![x](data:image/png;base64,AAAA)",
    "See you there.": "<a href=\"javascript:alert(4)\">À bientôt</a> &lt;script&gt;",
}

HOSTILE_UI = {
    "Announcements": "<script>alert('ui')</script>",
    "Share This": '" onmouseover="alert(5)',
    "Published on %(date)s": "<b onclick='alert(6)'>%(date)s</b> {{ 7*7 }}",
    "not translated yet": "{% for x in range(3) %}boom{% endfor %}",
    "Read in English": "<iframe src=https://evil.example/></iframe>",
}


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


@pytest.fixture
def hostile_site(tmp_path: Path, msgfmt_check: Callable[..., None]) -> Path:
    project = make_site_project(tmp_path / "p", docs={"summit.md": SOURCE},
                                config="publish_threshold = 0.5\n")
    # Half the UI strings hostile, all of them "translated" so the page is published.
    for path in (translate(project, "fr", "summit", HOSTILE),
                 translate(project, "fr", "site", lambda m: HOSTILE_UI.get(m, f"FR {m}"))):
        msgfmt_check(path)
    report = build_site(project)
    assert report.languages["fr"] == 1
    return project.output_dir


def _page(site: Path, lang: str) -> str:
    return (site / lang / "summit" / "index.html").read_text(encoding="utf-8")


def test_no_script_handler_or_foreign_element(hostile_site: Path) -> None:
    english = parse(_page(hostile_site, "en"))
    french = parse(_page(hostile_site, "fr"))
    # A translated page may add the notice of English fallbacks; nothing else.
    allowed_tags = {tag for tag, _ in english.elements} | {"aside"}
    for tag, attrs in french.elements:
        assert tag in allowed_tags, tag
        assert tag not in {"script", "iframe", "img", "svg", "b"}
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert name in {"lang", "dir", "charset", "http-equiv", "content", "name", "rel",
                            "href", "hreflang", "type", "class", "id", "aria-labelledby",
                            "aria-hidden", "aria-current", "datetime", "role", "title",
                                "property"}, name
            if name in {"href", "src"}:
                assert value is not None
                assert not value.lower().startswith(("javascript:", "data:", "vbscript:"))
                assert "evil.example" not in value


def test_hostile_text_is_shown_as_text(hostile_site: Path) -> None:
    french = parse(_page(hostile_site, "fr"))
    text = "".join(french.text)
    assert "<script>alert(1)</script>" in text  # escaped, so a reader sees it
    assert "{{ 7*7 }}" in text  # template syntax never evaluated
    assert "49" not in text
    assert "boom" not in text
    assert "</title><script>alert('title')</script>" in text


def test_broken_segments_fall_back_to_english(hostile_site: Path) -> None:
    html = _page(hostile_site, "fr")
    # The javascript: link, the foreign link and the data: image fall back, in lang="en".
    assert ('<p lang="en">Read the <a href="https://example.org/programme">programme</a> '
            'first.</p>') in html
    assert '<p lang="en">Coffee is served all day.</p>' in html
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt; <strong>sommet</strong></p>" in html


def test_csp_forbids_script_on_every_page(hostile_site: Path) -> None:
    assert "script-src" not in CSP
    assert "default-src 'none'" in CSP
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) >= 5
    for page in pages:
        metas = [a for t, a in parse(page.read_text(encoding="utf-8")).elements
                 if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
        assert [m["content"] for m in metas] == [CSP], page


def test_hostile_ui_strings_are_escaped_on_index(hostile_site: Path) -> None:
    html = (hostile_site / "fr" / "index.html").read_text(encoding="utf-8")
    assert "<h1>&lt;script&gt;alert(&#39;ui&#39;)&lt;/script&gt;</h1>" in html
    assert "<script" not in html


def test_feed_and_text_stay_inert(hostile_site: Path) -> None:
    feed = (hostile_site / "fr" / "feed.xml").read_text(encoding="utf-8")
    assert "<script" not in feed  # the HTML content is escaped inside the XML
    # Plain text is inert by nature; what matters is that no foreign link is offered.
    text = (hostile_site / "fr" / "summit" / "announcement.txt").read_text(encoding="utf-8")
    assert "<javascript:" not in text
    assert "evil.example" not in text
    assert "<https://example.org/programme>" in text

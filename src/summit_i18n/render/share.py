"""Share links: plain ``<a href>`` to each network's own share page, no script.

Principles: every network listed here has a share address that takes the page's
URL (and, where it can, its title) in the query string, so sharing needs no
JavaScript, no button script and no third-party request until the reader clicks.
Both values are percent-encoded (:func:`urllib.parse.quote` with nothing kept
safe), and the URL is always the page's absolute address.  Which networks a
language shows is configuration (:class:`summit_i18n.config.ShareConfig`); the
defaults follow where each language's readers are: LINE in Japan and Taiwan, Naver
in Korea, Weibo in mainland China — KakaoTalk and WeChat share only through their
own scripts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

__all__ = ["ShareLink", "share_links"]

# network -> address with {url}, {title} and {text} (title, a space and the URL).
_TEMPLATES = {
    "x": "https://x.com/intent/post?url={url}&text={title}",
    "facebook": "https://www.facebook.com/sharer/sharer.php?u={url}&t={title}",
    "line": "https://social-plugins.line.me/lineit/share?url={url}&text={title}",
    "naver": "https://share.naver.com/web/shareView?url={url}&title={title}",
    "weibo": "https://service.weibo.com/share/share.php?url={url}&title={title}",
    "telegram": "https://t.me/share/url?url={url}&text={title}",
    "whatsapp": "https://api.whatsapp.com/send?text={text}",
    "email": "mailto:?subject={title}&body={text}",
}


@dataclass(frozen=True)
class ShareLink:
    network: str
    href: str


def share_links(networks: Sequence[str], *, url: str, title: str) -> list[ShareLink]:
    """The share links of one page, in the order given."""
    values = {"url": quote(url, safe=""), "title": quote(title, safe=""),
              "text": quote(f"{title} {url}", safe="")}
    return [ShareLink(n, _TEMPLATES[n].format(**values)) for n in networks if n in _TEMPLATES]

"""Publishing: the static site (pages, feeds, plain text, sitemap) from sources and catalogs.

:mod:`~summit_i18n.render.build` decides whether there is anything to do and writes
the site; :mod:`~summit_i18n.render.site` renders it (imported only then: it needs
Jinja2, markdown-it, Babel and Pillow).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summit_i18n.render.build import BuildReport, build_site

if TYPE_CHECKING:
    from summit_i18n.render.site import CSP

__all__ = ["CSP", "BuildReport", "build_site"]


def __getattr__(name: str) -> object:
    if name == "CSP":  # the pages' Content-Security-Policy, from the renderer
        from summit_i18n.render.site import CSP

        return CSP
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

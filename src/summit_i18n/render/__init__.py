"""Publishing: the static site (pages, feeds, plain text, sitemap) from sources and catalogs."""

from __future__ import annotations

from summit_i18n.render.site import CSP, BuildReport, build_site

__all__ = ["CSP", "BuildReport", "build_site"]

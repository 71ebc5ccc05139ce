"""summit-i18n: translate Markdown documentation through gettext catalogs."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]

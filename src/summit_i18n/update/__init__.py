"""Merge templates (.pot) into translation catalogs (.po), the way ``msgmerge --previous`` does.

Principles: a translator's work is never lost and never churned; an update where
nothing changed changes no byte and costs almost nothing.  The package is split by
job:

- :mod:`~summit_i18n.update.merging` — one merge, a pure function: a template and an
  old catalog give the new catalog (exact matches, fuzzy matches, new and obsolete
  messages, plural forms reshaped to the language's number);
- :mod:`~summit_i18n.update.fuzzy` — the search for the closest old English;
- :mod:`~summit_i18n.update.headers` — the merged or new catalog's header;
- :mod:`~summit_i18n.update.project` — the command: every template × language, read,
  merged and written under the project lock, skipped when the workspace's state says
  a merge would change nothing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from summit_i18n.update.fuzzy import FUZZY_THRESHOLD
    from summit_i18n.update.headers import new_catalog_header
    from summit_i18n.update.merging import MergeResult, merge
    from summit_i18n.update.project import (
        CatalogUpdate,
        UpdateReport,
        convert_charset,
        update_project,
    )

#: Where each name lives: a module is imported when one of its names is first used, so
#: an update with nothing to merge never loads the merge and its fuzzy search.
_HOMES = {"FUZZY_THRESHOLD": "fuzzy", "new_catalog_header": "headers", "MergeResult": "merging",
          "merge": "merging", "CatalogUpdate": "project", "UpdateReport": "project",
          "convert_charset": "project", "update_project": "project"}

__all__ = [
    "FUZZY_THRESHOLD",
    "CatalogUpdate",
    "MergeResult",
    "UpdateReport",
    "convert_charset",
    "merge",
    "new_catalog_header",
    "update_project",
]


def __getattr__(name: str) -> object:
    if name in _HOMES:
        return getattr(importlib.import_module(f"summit_i18n.update.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""Quality checks: a registry of small functions that find what would publish wrong.

Principles: each check is one function with a docstring whose first line is its
title, registered explicitly with an id and a severity (``error`` for what would
publish wrong — placeholders, links, HTML, URLs, newlines, plural counts, script;
``warning`` for the rest).  A check compares one English text with one
translation (or looks at an entry, or the header) and yields plain messages; the
runner turns them into :class:`Finding` records located at the entry's msgstr
line.  Checks never raise on odd input and never print.  An entry switches a
check off with a flag (``#, no-numbers-check``); a project with
``[checks] disable = [...]``.
"""

from __future__ import annotations

# Each group module registers its checks on import, in the order of ``--list``.
from summit_i18n.checks import (  # noqa: F401
    content,
    header,
    markup,
    placeholders,
    repeats,
    residue,
    script,
    spacing,
    typography,
    untrusted,
)
from summit_i18n.checks._core import (
    ERROR,
    REGISTRY,
    SEVERITY_RANK,
    WARNING,
    Check,
    Context,
    Finding,
    Severity,
    normalize_language,
)
from summit_i18n.checks.runner import (
    CheckReport,
    catalog_language,
    check_catalog,
    check_files,
    check_project,
    suppressed_checks,
)

__all__ = [
    "ERROR",
    "REGISTRY",
    "SEVERITY_RANK",
    "WARNING",
    "Check",
    "CheckReport",
    "Context",
    "Finding",
    "Severity",
    "all_checks",
    "catalog_language",
    "check_catalog",
    "check_files",
    "check_project",
    "normalize_language",
    "suppressed_checks",
]


def all_checks() -> list[Check]:
    """Every registered check, errors first (``--list`` order)."""
    return sorted(REGISTRY.values(), key=lambda c: -SEVERITY_RANK[c.severity])

"""Machine prefill: drafts for empty catalog entries, through a language model,
deep-translator's services or offline.

Principles: :mod:`.masking` (pure) protects what a service must not touch,
:mod:`.backends` holds one Protocol per kind of backend and an explicit registry,
:mod:`.batch` the context a model gets with each segment and how segments are batched,
:mod:`.codes` the language code of each service, :mod:`.cache` every answer in
SQLite, and :mod:`.runner` the run itself — concurrent, rate limited, retried,
saved as it goes.  :mod:`.testing` is a local stand-in for the services.
"""

from __future__ import annotations

from summit_i18n.prefill.runner import (
    DEFAULT_RETRY,
    LanguageStats,
    PrefillOptions,
    PrefillReport,
    Problem,
    RetryPolicy,
    ServiceSummary,
    prefill,
)

__all__ = [
    "DEFAULT_RETRY",
    "LanguageStats",
    "PrefillOptions",
    "PrefillReport",
    "Problem",
    "RetryPolicy",
    "ServiceSummary",
    "prefill",
]

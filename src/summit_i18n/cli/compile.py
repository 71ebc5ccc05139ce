"""The ``summit-i18n compile``  command."""

from __future__ import annotations

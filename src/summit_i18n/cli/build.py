"""The ``summit-i18n build``  command."""

from __future__ import annotations

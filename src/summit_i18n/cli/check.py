"""The ``summit-i18n check``  command."""

from __future__ import annotations

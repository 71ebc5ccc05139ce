"""The ``summit-i18n report``  command."""

from __future__ import annotations

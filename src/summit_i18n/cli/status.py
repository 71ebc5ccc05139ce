"""The ``summit-i18n status``  command."""

from __future__ import annotations

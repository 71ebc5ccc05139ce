"""The ``summit-i18n serve``  command."""

from __future__ import annotations

"""The ``summit-i18n update``  command."""

from __future__ import annotations

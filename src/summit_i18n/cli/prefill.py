"""The ``summit-i18n prefill``  command."""

from __future__ import annotations

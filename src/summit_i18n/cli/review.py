"""The ``summit-i18n review``  command."""

from __future__ import annotations

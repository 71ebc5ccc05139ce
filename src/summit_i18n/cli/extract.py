"""The ``summit-i18n extract``  command."""

from __future__ import annotations

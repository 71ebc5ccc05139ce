"""Pausing Python's cyclic garbage collector around bulk work on catalogs and documents."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["gc_paused"]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Run the block with the cyclic collector paused (as it was before, afterwards).

    A catalog or a parsed document is 10^5 small long-lived containers, none in a
    reference cycle (reference counting frees them).  The collector walking them again
    and again as they are created costs a quarter to a half of reading, merging,
    compiling or extracting them.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

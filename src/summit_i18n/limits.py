"""How long a translation may be: a bounded multiple of its English.

Principles: a translation is untrusted, and every stage that publishes or shows one
(``check``, ``build``, ``serve``, ``review``, ``prefill``) holds it to the same bound
— at most ``ratio`` × the English's length plus ``extra`` characters — so that no
one-line translation can make a page, a feed or a terminal grow without limit.
The defaults leave room for any real language (a short English string may need
many more characters in another script; the ``extra`` covers that).

Public API::

    LengthBound(ratio=10.0, extra=200).limit(english) -> int
    LengthBound().exceeded(english, translation) -> str | None   # the reason, or None
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_LENGTH_BOUND", "LengthBound"]


@dataclass(frozen=True)
class LengthBound:
    """At most ``ratio`` × len(English) + ``extra`` characters in a translation."""

    ratio: float = 10.0
    extra: int = 200

    def limit(self, english: str) -> int:
        """The most characters a translation of ``english`` may have."""
        return int(self.ratio * len(english)) + self.extra

    def exceeded(self, english: str, translation: str) -> str | None:
        """Why ``translation`` is too long for ``english``, or None when it is not."""
        limit = self.limit(english)
        if len(translation) <= limit:
            return None
        ratio = f"{self.ratio:g}"
        return (f"translation is {len(translation):,} characters long, more than "
                f"{ratio} × the English's {len(english):,} + {self.extra:,} = {limit:,}")


DEFAULT_LENGTH_BOUND = LengthBound()

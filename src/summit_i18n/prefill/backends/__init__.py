"""Translation backends: a Protocol for each kind and one explicit registry.

Principles: a *text* backend translates masked segments for one language pair
(the deep-translator services, ``llm`` and ``pseudo``); a *lookup* backend fills a whole
entry from translations the project already has (``memory``, ``opencc``).  Every
backend is listed by name in :data:`BACKENDS` — no discovery.  A backend reports a
failed request as :class:`ServiceFailure`, whose message never holds an API key.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

from summit_i18n.errors import UsageError

if TYPE_CHECKING:
    from summit_i18n.catalog import Catalog, Entry
    from summit_i18n.config import Language

__all__ = [
    "BACKENDS",
    "BackendOptions",
    "CatalogSource",
    "LookupBackend",
    "Pair",
    "ServiceFailure",
    "TextBackend",
    "make_backend",
]


@dataclass(frozen=True)
class BackendOptions:
    """What a backend needs from the command line and the configuration."""

    url: str | None = None
    api_key: str | None = field(default=None, repr=False)  #: never shown
    timeout: float = 30.0
    model: str | None = None  #: llm: the model's name on the server
    llm_url: str | None = None  #: llm: the server's OpenAI-compatible base URL
    conventions: Mapping[str, str] = field(default_factory=dict)  #: llm: per locale


class ServiceFailure(Exception):
    """A request failed.  ``kind``: retry it, reject this segment, or stop the run."""

    def __init__(self, message: str, *, kind: Literal["retry", "reject", "fatal"],
                 status: int | None = None, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.status = status
        self.retry_after = retry_after


class Pair(Protocol):
    """A text backend bound to one source -> target language pair."""

    @property
    def cache_key(self) -> tuple[str, str, str]:
        """(service, source code, target code): with the masked text, the cache key."""
        ...

    @property
    def online(self) -> bool:
        """False for offline text backends: not cached, not rate limited."""
        ...

    @property
    def joiner(self) -> str:
        """What joins the translations of the pieces of a split segment."""
        ...

    def fits(self, text: str) -> bool:
        """True when ``text`` is within the service's length limit."""
        ...

    def translate(self, text: str) -> str | None:
        """One request; raises :class:`ServiceFailure`."""
        ...

    def finish(self, text: str) -> str:
        """Post-process an answer for the target language (e.g. script conversion)."""
        ...


@runtime_checkable
class TextBackend(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def default_rate(self) -> float | None:
        """Requests per second when the configuration sets none."""
        ...

    def pair(self, source: Language, target: Language) -> Pair:
        """Bind to a language pair; :class:`UsageError` if the service lacks either."""
        ...


class CatalogSource(Protocol):
    """Read access to the project's catalogs (as loaded for this run)."""

    def catalogs(self, lang: str) -> Sequence[tuple[str, Catalog]]:
        """``(domain, Catalog)`` for every catalog of ``lang`` that exists."""
        ...


@runtime_checkable
class LookupBackend(Protocol):
    @property
    def name(self) -> str: ...

    def lookup(self, entry: Entry, domain: str, target: Language,
               project: CatalogSource) -> list[str] | None:
        """The translation forms for ``entry``, or None when this backend has none."""
        ...


Backend = TextBackend | LookupBackend


def _registry() -> dict[str, Callable[[BackendOptions], Backend]]:
    from summit_i18n.prefill.backends import deep, llm, offline

    return {
        "google": deep.google,
        "mymemory": deep.mymemory,
        "libre": deep.libre,
        "deepl": deep.deepl,
        "microsoft": deep.microsoft,
        "llm": llm.llm,
        "memory": offline.memory,
        "opencc": offline.opencc,
        "pseudo": offline.pseudo,
    }


#: every backend by name, in the order the docs list them
BACKENDS = ("llm", "google", "mymemory", "libre", "deepl", "microsoft", "memory", "opencc",
            "pseudo")


def make_backend(name: str, options: BackendOptions) -> Backend:
    """Create the backend called ``name``; :class:`UsageError` for an unknown name."""
    factories = _registry()
    if name not in factories:
        raise UsageError(f"error: unknown prefill backend {name!r} "
                         f"(choose from {', '.join(BACKENDS)})")
    return factories[name](options)

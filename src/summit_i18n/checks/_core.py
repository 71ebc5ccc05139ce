"""The check registry, the finding record, and what a check sees of an entry."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from summit_i18n.limits import DEFAULT_LENGTH_BOUND, LengthBound

if TYPE_CHECKING:
    from summit_i18n.catalog import Catalog, Entry
    from summit_i18n.glossary import Glossary
    from summit_i18n.plurals import PluralForms

__all__ = [
    "ERROR",
    "REGISTRY",
    "WARNING",
    "Check",
    "Context",
    "Finding",
    "Severity",
    "normalize_language",
    "register",
]

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"
SEVERITY_RANK: dict[str, int] = {WARNING: 1, ERROR: 2}

Scope = Literal["text", "entry", "catalog"]


@dataclass(frozen=True)
class Context:
    """What a check knows besides the two texts it compares.

    ``lang`` is the target locale (``fr``, ``zh_Hant`` …) or None when unknown.
    For a plural form used for few values of n (French ``msgstr[0]``) ``lenient``
    is true and ``alternate`` holds the other English form: the translation may
    then follow either English text.
    """

    lang: str | None = None
    glossary: Glossary | None = None
    flags: tuple[str, ...] = ()
    alternate: str | None = None
    lenient: bool = False
    nplurals: int | None = None
    plural: PluralForms | None = None
    #: the locale a project expects the catalog in (None for a file given alone)
    expected_lang: str | None = None
    #: how long a translation may be ([checks] max_length_ratio, max_length_extra)
    length: LengthBound = DEFAULT_LENGTH_BOUND

    @property
    def base(self) -> str:
        """The language without script or region: ``zh`` for ``zh_Hant``."""
        return (self.lang or "").replace("-", "_").split("_")[0].lower()


TextFunc = Callable[[str, str, Context], Iterable[str]]
EntryFunc = Callable[["Entry", Context], Iterable[str]]
CatalogFunc = Callable[["Catalog", Context], Iterable[tuple[int, str]]]


@dataclass(frozen=True)
class Check:
    """A registered check: its id, severity and function (title = docstring's first line).

    ``scope`` says what the function takes: ``text`` checks get (English,
    translation, context) for each translated form and yield messages; ``entry``
    checks get the entry; ``catalog`` checks get the catalog and yield
    (line, message) pairs.
    """

    id: str
    severity: Severity
    scope: Scope
    func: Callable[..., Iterable[Any]] = field(repr=False)

    @property
    def title(self) -> str:
        doc = (self.func.__doc__ or "").strip()
        return doc.splitlines()[0].rstrip(".") if doc else self.id


#: Every check by id, in registration order (the order of ``--list``).
REGISTRY: dict[str, Check] = {}


def register(check_id: str, severity: Severity, *, scope: Scope = "text") -> Callable[[Any], Any]:
    """Register the decorated function as check ``check_id``."""

    def decorate(func: Any) -> Any:
        if check_id in REGISTRY:
            raise ValueError(f"check {check_id!r} is registered twice")
        if not (func.__doc__ or "").strip():
            raise ValueError(f"check {check_id!r} needs a docstring: its first line is the title")
        REGISTRY[check_id] = Check(check_id, severity, scope, func)
        return func

    return decorate


@dataclass(frozen=True)
class Finding:
    """One problem in one entry (or header), located at the entry's msgstr line."""

    path: str
    line: int
    severity: Severity
    check: str
    message: str
    reference: str = ""  #: the English source reference (first ``#:``), if any
    msgid: str = ""
    msgstr: str = ""
    msgctxt: str | None = None
    fuzzy: bool = False

    def __str__(self) -> str:
        where = f" ({self.reference})" if self.reference else ""
        return f"{self.path}:{self.line}: {self.severity}: [{self.check}] {self.message}{where}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "severity": self.severity,
            "check": self.check,
            "message": self.message,
            "reference": self.reference,
            "msgctxt": self.msgctxt,
            "msgid": self.msgid,
            "msgstr": self.msgstr,
            "fuzzy": self.fuzzy,
        }


_HANT_REGIONS = frozenset({"TW", "HK", "MO", "Hant"})


def normalize_language(code: str) -> str:
    """A locale code in this project's spelling: ``zh_CN`` -> ``zh_Hans``, ``ko_KR`` -> ``ko``.

    Chinese maps to its script (``zh_Hans``/``zh_Hant``); for the other languages
    a region is dropped, so a check keyed on ``fr`` or ``ko`` applies.
    """
    parts = code.strip().replace("-", "_").split("@")[0].split("_")
    lang = parts[0].lower()
    if lang == "zh":
        return "zh_Hant" if _HANT_REGIONS & set(parts[1:]) else "zh_Hans"
    script = [p for p in parts[1:] if len(p) == 4 and p.isalpha()]
    return f"{lang}_{script[0].title()}" if script else lang

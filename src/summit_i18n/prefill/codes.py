"""The language code each translation service expects, checked before anything is sent.

Principles: deep-translator compares codes case-sensitively and every service has
its own (Google ``zh-CN``/``zh-TW``, MyMemory ``fr-FR``/``ja-JP``, LibreTranslate
and DeepL only a Simplified ``zh``, DeepL no Korean).  The per-locale codes live
in :class:`summit_i18n.config.Language`; this module picks the one for a service,
checks it against the list deep-translator itself accepts, and says when the
answer must be converted to Traditional script with OpenCC (``s2twp``).  An
unsupported pair is a :class:`UsageError` naming the service and the language.
"""

from __future__ import annotations

from dataclasses import dataclass

from summit_i18n.config import Language
from summit_i18n.errors import UsageError

__all__ = ["ONLINE_SERVICES", "ServiceCodes", "service_codes", "supported_codes"]

ONLINE_SERVICES = ("google", "mymemory", "libre", "deepl", "microsoft")

#: the source-language code per service, where it differs from the plain ISO code
_SOURCE_OVERRIDES: dict[str, dict[str, str]] = {
    # MyMemory lists English only with a region ("en-GB", "en-US").
    "mymemory": {"en": "en-US", "fr": "fr-FR", "ja": "ja-JP", "ko": "ko-KR",
                 "zh_Hans": "zh-CN", "zh_Hant": "zh-TW"},
}


@dataclass(frozen=True)
class ServiceCodes:
    """The codes one request carries, and what to do with the answer."""

    service: str
    source: str
    target: str
    #: convert the answer from Simplified to Traditional Chinese (OpenCC ``s2twp``)
    to_traditional: bool = False


def supported_codes(service: str) -> set[str] | None:
    """The codes deep-translator accepts for ``service`` (None: known only at run time)."""
    from deep_translator import constants

    tables = {
        "google": constants.GOOGLE_LANGUAGES_TO_CODES,
        "mymemory": constants.MY_MEMORY_LANGUAGES_TO_CODES,
        "libre": constants.LIBRE_LANGUAGES_TO_CODES,
        "deepl": constants.DEEPL_LANGUAGE_TO_CODE,
    }
    if service == "microsoft":
        # MicrosoftTranslator asks the service for its list when it is created.
        return None
    if service not in tables:
        raise UsageError(f"error: {service!r} is not an online translation service "
                         f"({', '.join(ONLINE_SERVICES)})")
    return set(tables[service].values())


def _code(service: str, lang: Language) -> str | None:
    code: str | None = getattr(lang, service)
    if service == "microsoft" and code is not None:
        # deep-translator lower-cases Microsoft's codes ("zh-Hans" -> "zh-hans").
        code = code.lower()
    return code


def _source_code(service: str, source: Language) -> str | None:
    override = _SOURCE_OVERRIDES.get(service, {}).get(source.locale)
    return override or _code(service, source)


def service_codes(service: str, source: Language, target: Language) -> ServiceCodes:
    """The codes for translating ``source`` -> ``target`` with ``service``.

    Raises :class:`UsageError` when deep-translator's list for the service lacks
    either language.
    """
    known = supported_codes(service)
    src = _source_code(service, source)
    tgt = _code(service, target)
    for lang, code in ((source, src), (target, tgt)):
        if code is None or (known is not None and code not in known):
            shown = f" (code {code!r})" if code else ""
            raise UsageError(
                f"error: {service} cannot translate {'from' if lang is source else 'into'} "
                f"{lang.locale} ({lang.english_name}){shown}: deep-translator's {service} "
                "list does not have it; use another backend for this language "
                "(e.g. [prefill] chains in summit-i18n.toml)"
            )
    assert src is not None
    assert tgt is not None
    simplified_only = tgt == "zh" and target.opencc_from_simplified
    return ServiceCodes(service=service, source=src, target=tgt, to_traditional=simplified_only)

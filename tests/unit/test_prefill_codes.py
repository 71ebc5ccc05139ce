"""Tests for summit_i18n.prefill.codes against deep-translator's own language lists."""

from __future__ import annotations

from typing import Any

import pytest
from deep_translator import (
    DeeplTranslator,
    GoogleTranslator,
    LibreTranslator,
    MicrosoftTranslator,
    MyMemoryTranslator,
    constants,
)

from summit_i18n.config import DEFAULT_LANGUAGES, language
from summit_i18n.errors import UsageError
from summit_i18n.prefill.codes import service_codes, supported_codes

EN = language("en")
LISTS = {
    "google": constants.GOOGLE_LANGUAGES_TO_CODES,
    "mymemory": constants.MY_MEMORY_LANGUAGES_TO_CODES,
    "libre": constants.LIBRE_LANGUAGES_TO_CODES,
    "deepl": constants.DEEPL_LANGUAGE_TO_CODE,
}
#: what each service cannot do for the summit languages (deep-translator 1.11)
UNSUPPORTED = {("deepl", "ko")}


@pytest.mark.parametrize("service", sorted(LISTS))
@pytest.mark.parametrize("lang", DEFAULT_LANGUAGES)
def test_codes_are_in_deep_translators_own_list(service: str, lang: str) -> None:
    if (service, lang) in UNSUPPORTED:
        with pytest.raises(UsageError, match=rf"{service} cannot translate into {lang}"):
            service_codes(service, EN, language(lang))
        return
    codes = service_codes(service, EN, language(lang))
    assert codes.target in LISTS[service].values()
    assert codes.source in LISTS[service].values()
    assert supported_codes(service) == set(LISTS[service].values())


def make(service: str, source: str, target: str) -> Any:
    if service == "google":
        return GoogleTranslator(source=source, target=target)
    if service == "mymemory":
        return MyMemoryTranslator(source=source, target=target)
    if service == "libre":
        return LibreTranslator(source=source, target=target, api_key="k",
                               custom_url="http://127.0.0.1:9/")
    return DeeplTranslator(source=source, target=target, api_key="k")


@pytest.mark.parametrize("service", sorted(LISTS))
@pytest.mark.parametrize("lang", DEFAULT_LANGUAGES)
def test_deep_translator_classes_accept_the_codes(service: str, lang: str) -> None:
    if (service, lang) in UNSUPPORTED:
        return
    codes = service_codes(service, EN, language(lang))
    translator = make(service, codes.source, codes.target)
    assert (translator.source, translator.target) == (codes.source, codes.target)


def test_documented_codes() -> None:
    assert service_codes("google", EN, language("zh_Hant")).target == "zh-TW"
    assert service_codes("google", EN, language("zh_Hans")).target == "zh-CN"
    assert service_codes("mymemory", EN, language("ja")).target == "ja-JP"
    assert service_codes("mymemory", EN, language("fr")).source == "en-US"


def test_simplified_only_services_convert_for_traditional() -> None:
    assert service_codes("libre", EN, language("zh_Hant")).to_traditional
    assert service_codes("deepl", EN, language("zh_Hant")).to_traditional
    assert not service_codes("libre", EN, language("zh_Hans")).to_traditional
    assert not service_codes("google", EN, language("zh_Hant")).to_traditional


class _LanguagesAnswer:
    """The shape of Microsoft's /languages answer, which deep-translator fetches."""

    def json(self) -> dict[str, Any]:
        names = {"en": "English", "fr": "French", "ja": "Japanese", "ko": "Korean",
                 "zh-Hans": "Chinese Simplified", "zh-Hant": "Chinese Traditional"}
        return {"translation": {code: {"name": name} for code, name in names.items()}}


@pytest.mark.parametrize("lang", DEFAULT_LANGUAGES)
def test_microsoft_codes_match_deep_translators_lower_casing(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from deep_translator import microsoft

    monkeypatch.setattr(microsoft.requests, "get", lambda *a, **k: _LanguagesAnswer())
    codes = service_codes("microsoft", EN, language(lang))
    translator = MicrosoftTranslator(source=codes.source, target=codes.target, api_key="k")
    assert translator.target == codes.target
    assert supported_codes("microsoft") is None


def test_error_names_service_and_language_and_code() -> None:
    with pytest.raises(UsageError) as info:
        service_codes("libre", EN, language("sw"))
    message = str(info.value)
    assert "libre" in message
    assert "into sw (Swahili)" in message
    assert "'sw'" in message


def test_unknown_service() -> None:
    with pytest.raises(UsageError, match="not an online translation service"):
        service_codes("babelfish", EN, language("fr"))

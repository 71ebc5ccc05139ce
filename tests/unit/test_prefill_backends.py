"""Tests for the prefill backends: offline ones, and deep-translator against local servers."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest
import requests

from summit_i18n.catalog import Catalog
from summit_i18n.config import language
from summit_i18n.errors import UsageError
from summit_i18n.po import parse_po
from summit_i18n.prefill.backends import (
    BACKENDS,
    BackendOptions,
    LookupBackend,
    ServiceFailure,
    TextBackend,
    make_backend,
)
from summit_i18n.prefill.backends.deep import (
    DeepBackend,
    DeepPair,
    patched_requests,
    request_count,
)
from summit_i18n.prefill.backends.offline import PseudoBackend, convert, pseudo_localize
from summit_i18n.prefill.masking import mask, restore
from summit_i18n.prefill.testing import FakeTranslationServer, fake_translate

EN = language("en")
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def catalog(body: str) -> Catalog:
    return parse_po((HEADER + body).encode(), path="test.po")


class Book:
    def __init__(self, catalogs: dict[str, list[tuple[str, Catalog]]]) -> None:
        self._catalogs = catalogs

    def catalogs(self, lang: str) -> Sequence[tuple[str, Catalog]]:
        return self._catalogs.get(lang, [])


@pytest.fixture
def server() -> Iterator[FakeTranslationServer]:
    with FakeTranslationServer() as fake:
        yield fake


def libre_pair(url: str, lang: str = "fr", key: str | None = None,
               timeout: float = 5.0) -> DeepPair:
    backend = make_backend("libre", BackendOptions(url=url, api_key=key, timeout=timeout))
    assert isinstance(backend, DeepBackend)
    return backend.pair(EN, language(lang))


# -- registry -----------------------------------------------------------------------


def test_registry_has_every_backend_of_the_right_kind() -> None:
    options = BackendOptions(url="http://127.0.0.1:9", api_key="k", model="m")
    for name in BACKENDS:
        backend = make_backend(name, options)
        assert backend.name == name
        kind = LookupBackend if name in {"memory", "opencc"} else TextBackend
        assert isinstance(backend, kind)


@pytest.mark.parametrize(
    ("name", "options", "message"),
    [
        ("babelfish", BackendOptions(), "unknown prefill backend 'babelfish'"),
        ("deepl", BackendOptions(), "deepl needs an API key"),
        ("microsoft", BackendOptions(), "SUMMIT_I18N_MICROSOFT_API_KEY"),
        ("libre", BackendOptions(), "libre needs the address"),
        ("libre", BackendOptions(url="localhost:5000"), "must start with http"),
    ],
)
def test_backend_set_up_errors(name: str, options: BackendOptions, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        make_backend(name, options)


def test_api_key_not_in_repr() -> None:
    assert "s3cret" not in repr(BackendOptions(api_key="s3cret"))
    backend = make_backend("deepl", BackendOptions(api_key="s3cret"))
    assert "s3cret" not in repr(backend)


# -- memory and opencc -----------------------------------------------------------------

REVIEWED = 'msgid "Hello"\nmsgstr "Bonjour"\n\nmsgid "Draft"\nmsgstr "Brouillon"\n'
FUZZY = '#, fuzzy\nmsgid "Draft"\nmsgstr "Brouillon"\n'


def test_memory_reuses_reviewed_translation_from_another_catalog() -> None:
    target = catalog('msgid "Hello"\nmsgstr ""\n\nmsgid "Draft"\nmsgstr ""\n')
    other = catalog('msgid "Hello"\nmsgstr "Bonjour"\n\n' + FUZZY)
    book = Book({"fr": [("page", target), ("site", other)]})
    memory = make_backend("memory", BackendOptions())
    assert isinstance(memory, LookupBackend)
    hello, draft = target.entries
    assert memory.lookup(hello, "page", language("fr"), book) == ["Bonjour"]
    assert memory.lookup(draft, "page", language("fr"), book) is None  # fuzzy is not reviewed
    assert memory.lookup(hello, "page", language("ja"), book) is None


def test_memory_plural_entries_need_the_same_number_of_forms() -> None:
    plural = 'msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] ""\nmsgstr[1] ""\n'
    target = catalog(plural)
    done = catalog('msgid "%d file"\nmsgid_plural "%d files"\n'
                   'msgstr[0] "%d fichier"\nmsgstr[1] "%d fichiers"\n')
    book = Book({"fr": [("a", target), ("b", done)]})
    memory = make_backend("memory", BackendOptions())
    assert isinstance(memory, LookupBackend)
    assert memory.lookup(target.entries[0], "a", language("fr"), book) == [
        "%d fichier", "%d fichiers"]


def test_opencc_converts_reviewed_text_of_the_other_script() -> None:
    hant = catalog('msgid "Software"\nmsgstr ""\n')
    hans = catalog('msgid "Software"\nmsgstr "软件和内存"\n')
    book = Book({"zh_Hans": [("page", hans)], "zh_Hant": [("page", hant)]})
    opencc = make_backend("opencc", BackendOptions())
    assert isinstance(opencc, LookupBackend)
    assert opencc.lookup(hant.entries[0], "page", language("zh_Hant"), book) == ["軟體和記憶體"]
    back = catalog('msgid "Software"\nmsgstr ""\n')
    book = Book({"zh_Hant": [("page", catalog('msgid "Software"\nmsgstr "軟體和記憶體"\n'))]})
    assert opencc.lookup(back.entries[0], "page", language("zh_Hans"), book) == ["软件和内存"]
    assert opencc.lookup(back.entries[0], "page", language("fr"), book) is None


def test_opencc_ignores_fuzzy_text() -> None:
    hant = catalog('msgid "Draft"\nmsgstr ""\n')
    book = Book({"zh_Hans": [("page", catalog(FUZZY))]})
    opencc = make_backend("opencc", BackendOptions())
    assert isinstance(opencc, LookupBackend)
    assert opencc.lookup(hant.entries[0], "page", language("zh_Hant"), book) is None


def test_convert_leaves_tokens_alone() -> None:
    assert convert("点击⟦1⟧软件⟦2⟧", "s2twp") == "點選⟦1⟧軟體⟦2⟧"


# -- pseudo --------------------------------------------------------------------------


def test_pseudo_keeps_tokens_accents_and_lengthens() -> None:
    masked = mask("Click **Save** in `app`")
    out = pseudo_localize(masked.text)
    assert out.startswith("[!! ")
    assert out.endswith(" !!]")
    assert "Çĺîçķ" in out
    assert restore(masked, out).count("**") == 2
    assert "`app`" in restore(masked, out)
    assert len(out) > len(masked.text) * 1.3
    pair = PseudoBackend().pair(EN, language("fr"))
    assert not pair.online
    assert pair.translate("Hi") == "[!! Ĥî · !!]"


# -- libre through the fake LibreTranslate server ----------------------------------------


def test_libre_translates_through_the_real_client(server: FakeTranslationServer) -> None:
    pair = libre_pair(server.url)
    with patched_requests():
        before = request_count()
        assert pair.translate("Hello ⟦1⟧world⟦2⟧") == fake_translate("Hello ⟦1⟧world⟦2⟧", "fr")
        assert request_count() == before + 1
    assert server.requests[-1]["path"] == "/translate"
    assert server.requests[-1]["target"] == "fr"
    assert server.requests[-1]["api_key"] == "none"  # deep-translator insists on one


def test_libre_zh_hant_is_converted_from_simplified(server: FakeTranslationServer) -> None:
    pair = libre_pair(server.url, "zh_Hant")
    assert pair.cache_key == ("libre", "en", "zh")
    assert pair.finish("软件") == "軟體"
    assert pair.joiner == ""


@pytest.mark.parametrize(("fault", "kind", "status"), [
    ("429", "retry", 429), ("500", "retry", 500), ("503", "retry", 503),
    ("403", "fatal", 403), ("400", "reject", 400),
])
def test_libre_failures_are_classified(server: FakeTranslationServer, fault: str, kind: str,
                                       status: int) -> None:
    pair = libre_pair(server.url, key="SECRET-KEY-123")
    server.fail_next(fault)
    with patched_requests(), pytest.raises(ServiceFailure) as info:
        pair.translate("Hello")
    assert info.value.kind == kind
    assert info.value.status == status
    assert "SECRET-KEY-123" not in info.value.message
    assert info.value.__cause__ is None
    assert info.value.__suppress_context__


def test_libre_hang_times_out(server: FakeTranslationServer) -> None:
    pair = libre_pair(server.url, timeout=0.3)
    server.settings.hang_seconds = 5
    server.fail_next("hang")
    with patched_requests(), pytest.raises(ServiceFailure) as info:
        pair.translate("Hello")
    assert info.value.message == "libre: no answer within 0.3 s"
    assert info.value.kind == "retry"


def test_connection_refused_never_shows_the_key() -> None:
    pair = libre_pair("http://127.0.0.1:9/", key="SECRET-KEY-123")
    with patched_requests(), pytest.raises(ServiceFailure) as info:
        pair.translate("Hello")
    assert info.value.kind == "retry"
    assert "127.0.0.1:9" in info.value.message
    assert "SECRET-KEY-123" not in str(info.value)


def test_patch_is_undone_and_connections_closed_after_the_run(
    server: FakeTranslationServer,
) -> None:
    from deep_translator import libre

    from summit_i18n.prefill.backends import deep

    pair = libre_pair(server.url)
    with patched_requests():
        assert libre.requests is not requests
        pair.translate("Hello")
        assert len(deep._sessions) == 1
    assert libre.requests is requests
    assert deep._sessions == []
    with patched_requests():  # a new run opens a new session in the same thread
        pair.translate("Hello")
        assert len(deep._sessions) == 1


# -- google and mymemory through local pages ------------------------------------------


def test_google_through_a_local_page(server: FakeTranslationServer,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from deep_translator import google

    monkeypatch.setitem(google.BASE_URLS, "GOOGLE_TRANSLATE", server.url + "m")
    backend = make_backend("google", BackendOptions())
    assert isinstance(backend, DeepBackend)
    pair = backend.pair(EN, language("zh_Hant"))
    with patched_requests():
        assert pair.translate("Click ⟦1⟧") == fake_translate("Click ⟦1⟧", "zh-TW")
        server.fail_next("429")
        with pytest.raises(ServiceFailure) as info:
            pair.translate("Click")
    assert info.value.kind == "retry"
    assert info.value.status == 429
    assert server.requests[0]["tl"] == "zh-TW"
    assert server.requests[0]["sl"] == "en"
    assert not pair.fits("x" * 5000)
    assert not pair.fits("中" * 1900)  # percent-encoded in the URL
    assert pair.fits("中" * 1700)


def test_mymemory_through_a_local_page(server: FakeTranslationServer,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from deep_translator import mymemory

    monkeypatch.setitem(mymemory.BASE_URLS, "MYMEMORY", server.url + "get")
    backend = make_backend("mymemory", BackendOptions())
    assert isinstance(backend, DeepBackend)
    pair = backend.pair(EN, language("ja"))
    with patched_requests():
        assert pair.translate("Hello") == fake_translate("Hello", "ja-JP")
    assert server.requests[0]["langpair"] == "en-US|ja-JP"
    assert not pair.fits("x" * 500)
    assert pair.fits("x" * 499)

"""The online services, through deep-translator: google, mymemory, libre, deepl, microsoft.

Principles: deep-translator does the talking; this module adds what it lacks.
Every request gets a timeout and a pooled connection (deep-translator calls
``requests.get``/``post`` with neither), the HTTP status of each answer is kept so
a failure can be classified (retry on 429, 5xx and timeouts; stop on a refused
key), and no message built here ever contains the API key or the request URL —
deep-translator's own exceptions can, so they are never passed on.
Translator objects are not thread-safe (they keep request parameters between
calls), so each worker thread has its own.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any
from urllib.parse import quote, urlsplit

import requests

from summit_i18n.config import Language
from summit_i18n.errors import UsageError
from summit_i18n.prefill.backends import BackendOptions, ServiceFailure
from summit_i18n.prefill.codes import ServiceCodes, service_codes

__all__ = ["DeepBackend", "deepl", "google", "libre", "microsoft", "mymemory", "patched_requests",
           "request_count"]

_CJK_JOIN = {"ja", "zh"}


class _State(threading.local):
    timeout: float = 30.0
    status: int | None = None
    retry_after: float | None = None
    session: requests.Session | None = None
    generation: int = -1  #: sessions of an earlier run are closed: do not reuse them


_state = _State()
_count_lock = threading.Lock()
_requests_sent = 0
_sessions: list[requests.Session] = []
_generation = 0


def request_count() -> int:
    """Requests sent through deep-translator by this process (for reports and benchmarks)."""
    return _requests_sent


class _RequestsShim:
    """Stands in for the ``requests`` module inside deep-translator's service modules."""

    exceptions = requests.exceptions

    def get(self, url: str, **kwargs: Any) -> requests.Response:
        return self._send("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> requests.Response:
        return self._send("POST", url, **kwargs)

    def _send(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        global _requests_sent
        kwargs.setdefault("timeout", _state.timeout)
        if _state.session is None or _state.generation != _generation:
            _state.session = requests.Session()
            _state.generation = _generation
            with _count_lock:
                _sessions.append(_state.session)
        _state.status = None
        _state.retry_after = None
        with _count_lock:
            _requests_sent += 1
        # ``timeout`` bounds the whole request, not each read: the body is read here,
        # against a deadline and a size limit, so a server that trickles bytes (or
        # sends without end) cannot hold a worker.
        deadline = time.monotonic() + _state.timeout
        kwargs["stream"] = True
        response = _state.session.request(method, url, **kwargs)
        _state.status = response.status_code
        _state.retry_after = _retry_after(response.headers.get("Retry-After"))
        try:
            body = bytearray()
            raw = response.raw
            while True:
                # read1: what has arrived (at most _CHUNK), not _CHUNK bytes however slowly
                chunk = raw.read1(_CHUNK, decode_content=True)
                if not chunk:
                    break
                body += chunk
                if len(body) > MAX_ANSWER_BYTES:
                    raise AnswerTooLarge(f"answer larger than {MAX_ANSWER_BYTES:,} bytes")
                if time.monotonic() > deadline:
                    raise requests.Timeout("the answer took longer than the timeout")
        finally:
            response.close()
        response._content = bytes(body)
        response._content_consumed = True
        return response


class AnswerTooLarge(requests.RequestException):
    """A service answer beyond :data:`MAX_ANSWER_BYTES`."""


#: the largest answer read from a service (a segment's translation is a few kB)
MAX_ANSWER_BYTES = 4 * 2**20
_CHUNK = 4096


def _retry_after(value: str | None) -> float | None:
    try:
        return min(float(value), 120.0) if value else None
    except ValueError:
        return None


_patch_lock = threading.Lock()
_patch_depth = 0
_originals: dict[ModuleType, Any] = {}


def _service_modules() -> list[ModuleType]:
    from deep_translator import deepl as m_deepl
    from deep_translator import google as m_google
    from deep_translator import libre as m_libre
    from deep_translator import microsoft as m_microsoft
    from deep_translator import mymemory as m_mymemory

    return [m_google, m_mymemory, m_libre, m_deepl, m_microsoft]


@contextlib.contextmanager
def patched_requests() -> Iterator[None]:
    """Give deep-translator timeouts and pooled connections while the block runs."""
    global _patch_depth
    with _patch_lock:
        if _patch_depth == 0:
            shim = _RequestsShim()
            for module in _service_modules():
                _originals[module] = getattr(module, "requests")  # noqa: B009
                setattr(module, "requests", shim)  # noqa: B010
        _patch_depth += 1
    try:
        yield
    finally:
        with _patch_lock:
            _patch_depth -= 1
            if _patch_depth == 0:
                for module, original in _originals.items():
                    setattr(module, "requests", original)  # noqa: B010
                _originals.clear()
                _close_sessions()


def _close_sessions() -> None:
    """Close every pooled connection of the run that ends (no socket left to the GC)."""
    global _generation
    with _count_lock:
        sessions = list(_sessions)
        _sessions.clear()
        _generation += 1
    for session in sessions:
        session.close()


@dataclass(frozen=True)
class _Service:
    name: str
    default_rate: float | None
    max_chars: int
    in_url: bool  #: the text travels in the URL (GET), so its encoded length counts
    make: Callable[[ServiceCodes, BackendOptions], Any]


@dataclass
class DeepPair:
    """One deep-translator service bound to a language pair."""

    service: _Service
    codes: ServiceCodes
    options: BackendOptions = field(repr=False)
    online: bool = True
    _local: threading.local = field(default_factory=threading.local, repr=False)

    @property
    def cache_key(self) -> tuple[str, str, str]:
        return (self.service.name, self.codes.source, self.codes.target)

    @property
    def joiner(self) -> str:
        return "" if self.codes.target.split("-")[0].lower() in _CJK_JOIN else " "

    def fits(self, text: str) -> bool:
        if len(text) >= self.service.max_chars:
            return False
        # ~1,800 CJK characters: each is 9 bytes once percent-encoded in the URL.
        return not self.service.in_url or len(quote(text)) <= 16_000

    def finish(self, text: str) -> str:
        if self.codes.to_traditional:
            from summit_i18n.prefill.backends.offline import convert

            return convert(text, "s2twp")
        return text

    def _translator(self) -> Any:
        translator = getattr(self._local, "translator", None)
        if translator is None:
            translator = self.service.make(self.codes, self.options)
            self._local.translator = translator
        return translator

    def translate(self, text: str) -> str | None:
        from deep_translator import exceptions as dt

        _state.timeout = self.options.timeout
        name = self.service.name
        try:
            result = self._translator().translate(text)
        except AnswerTooLarge:
            raise ServiceFailure(f"{name}: answer far larger than any translation",
                                 kind="reject") from None
        except requests.Timeout:
            raise ServiceFailure(f"{name}: no answer within {self.options.timeout:g} s",
                                 kind="retry") from None
        except requests.ConnectionError:
            raise ServiceFailure(f"{name}: cannot connect to {self._host()}",
                                 kind="retry") from None
        except dt.AuthorizationException:
            raise ServiceFailure(f"{name}: the service refused the API key (HTTP 403); "
                                 f"check --api-key or SUMMIT_I18N_{name.upper()}_API_KEY",
                                 kind="fatal", status=403) from None
        except (dt.TooManyRequests, dt.ServerException, dt.RequestError,
                dt.MicrosoftAPIerror) as exc:
            status = _state.status or (429 if isinstance(exc, dt.TooManyRequests) else None)
            raise _http_failure(name, status) from None
        except (dt.TranslationNotFound, dt.ElementNotFoundInGetRequest):
            return None
        except (dt.NotValidLength, dt.NotValidPayload):
            raise ServiceFailure(f"{name}: segment refused as too long", kind="reject") from None
        except ValueError:  # the answer was not the JSON the service sends
            raise ServiceFailure(f"{name}: unreadable answer (HTTP {_state.status})",
                                 kind="retry", status=_state.status) from None
        except Exception as exc:  # anything else: name it, but never show its text
            raise ServiceFailure(f"{name}: request failed ({type(exc).__name__})",
                                 kind="retry") from None
        return result if isinstance(result, str) else None

    def _host(self) -> str:
        if self.options.url:
            parts = urlsplit(self.options.url)
            return parts.hostname + (f":{parts.port}" if parts.port else "") \
                if parts.hostname else "the service"
        return "the service"


def _http_failure(name: str, status: int | None) -> ServiceFailure:
    if status == 429:
        return ServiceFailure(f"{name}: too many requests (HTTP 429)", kind="retry", status=429,
                              retry_after=_state.retry_after)
    if status is None or status >= 500:
        return ServiceFailure(f"{name}: server error (HTTP {status or '?'})", kind="retry",
                              status=status, retry_after=_state.retry_after)
    if status in (401, 403):
        return ServiceFailure(f"{name}: the service refused the request (HTTP {status}); "
                              f"check --api-key or SUMMIT_I18N_{name.upper()}_API_KEY",
                              kind="fatal", status=status)
    return ServiceFailure(f"{name}: request refused (HTTP {status})", kind="reject", status=status)


@dataclass
class DeepBackend:
    """A deep-translator service as a :class:`~summit_i18n.prefill.backends.TextBackend`."""

    service: _Service
    options: BackendOptions = field(repr=False)

    @property
    def name(self) -> str:
        return self.service.name

    @property
    def default_rate(self) -> float | None:
        return self.service.default_rate

    def pair(self, source: Language, target: Language) -> DeepPair:
        return DeepPair(self.service, service_codes(self.name, source, target), self.options)


def _make_google(codes: ServiceCodes, options: BackendOptions) -> Any:
    from deep_translator import GoogleTranslator

    return GoogleTranslator(source=codes.source, target=codes.target)


def _make_mymemory(codes: ServiceCodes, options: BackendOptions) -> Any:
    from deep_translator import MyMemoryTranslator

    return MyMemoryTranslator(source=codes.source, target=codes.target)


def _make_libre(codes: ServiceCodes, options: BackendOptions) -> Any:
    from deep_translator import LibreTranslator

    url = options.url or ""
    # deep-translator wants a key even for a server that needs none.
    return LibreTranslator(source=codes.source, target=codes.target,
                           api_key=options.api_key or "none", use_free_api=False,
                           custom_url=url if url.endswith("/") else url + "/")


def _make_deepl(codes: ServiceCodes, options: BackendOptions) -> Any:
    from deep_translator import DeeplTranslator

    key = options.api_key or ""
    return DeeplTranslator(source=codes.source, target=codes.target, api_key=key,
                           use_free_api=key.endswith(":fx"))


def _make_microsoft(codes: ServiceCodes, options: BackendOptions) -> Any:
    from deep_translator import MicrosoftTranslator

    region = os.environ.get("SUMMIT_I18N_MICROSOFT_REGION") or None
    return MicrosoftTranslator(source=codes.source, target=codes.target,
                               api_key=options.api_key, region=region)


_SERVICES = {
    "google": _Service("google", 5.0, 5000, True, _make_google),
    "mymemory": _Service("mymemory", 2.0, 500, True, _make_mymemory),
    "libre": _Service("libre", None, 5000, False, _make_libre),
    "deepl": _Service("deepl", 5.0, 5000, True, _make_deepl),
    "microsoft": _Service("microsoft", 10.0, 10000, False, _make_microsoft),
}


def _backend(name: str, options: BackendOptions, *, needs_key: bool) -> DeepBackend:
    if needs_key and not options.api_key:
        raise UsageError(f"error: {name} needs an API key: pass --api-key or set "
                         f"SUMMIT_I18N_{name.upper()}_API_KEY")
    return DeepBackend(_SERVICES[name], options)


def google(options: BackendOptions) -> DeepBackend:
    return _backend("google", options, needs_key=False)


def mymemory(options: BackendOptions) -> DeepBackend:
    return _backend("mymemory", options, needs_key=False)


def libre(options: BackendOptions) -> DeepBackend:
    if not options.url:
        raise UsageError("error: libre needs the address of your LibreTranslate server: "
                         "pass --url or set [prefill] url in summit-i18n.toml")
    if not options.url.startswith(("http://", "https://")):
        raise UsageError(f"error: --url must start with http:// or https:// (got {options.url!r})")
    return _backend("libre", options, needs_key=False)


def deepl(options: BackendOptions) -> DeepBackend:
    return _backend("deepl", options, needs_key=True)


def microsoft(options: BackendOptions) -> DeepBackend:
    return _backend("microsoft", options, needs_key=True)

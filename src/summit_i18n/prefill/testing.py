"""A local stand-in for translation services, for tests and benchmarks (127.0.0.1 only).

Principles: the real deep-translator client classes talk to it, so what is tested
is the same code that talks to the real services.  It speaks LibreTranslate
(``POST /translate`` with parameters in the query string, a form or JSON; ``GET
/languages``), the shape of page deep-translator's Google client parses (``GET
/m``), and MyMemory's JSON (``GET /get``).  Its "translation" is deterministic:
the target code in guillemets, then the text with the case of every letter
outside ``⟦n⟧`` tokens swapped.  Faults are scripted per request: latency, 429,
500, hanging, damaged tokens, echo, ``null``, HTML entities, MyMemory's quota
notice, stripped whitespace, lone surrogates, terminal escapes, answers a thousand
times longer than the text, and (``settings.trickle``) bodies sent a byte at a
time.  Every hang ends when the server stops.
"""

from __future__ import annotations

import html
import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

__all__ = ["MYMEMORY_NOTICE", "FakeTranslationServer", "Fault", "fake_translate", "slow_down",
           "wait_for_requests"]

_TOKEN = re.compile(r"⟦\s*\d+\s*⟧")
MYMEMORY_NOTICE = ("MYMEMORY WARNING: YOU USED ALL AVAILABLE FREE TRANSLATIONS FOR TODAY. "
                   "NEXT AVAILABLE IN 10 HOURS 20 MINUTES 15 SECONDS VISIT "
                   "HTTPS://MYMEMORY.TRANSLATED.NET/DOC/USAGELIMITS.PHP TO TRANSLATE MORE")

LANGUAGES = ["en", "ar", "zh", "fr", "de", "hi", "id", "ga", "it", "ja", "ko", "pl", "pt", "ru",
             "es", "tr", "vi"]


def fake_translate(text: str, target: str) -> str:
    """The server's translation: ``«target» `` + the text, letters outside tokens case-swapped."""
    out: list[str] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        out.append(text[pos:match.start()].swapcase())
        out.append(match.group(0))
        pos = match.end()
    out.append(text[pos:].swapcase())
    return f"«{target}» " + "".join(out)


#: what one request may be answered with instead of a translation
Fault = str  # "429", "500", "503", "403", "hang", "echo", "null", "empty", "entity",
#              "notice", "damage", "double", "strip", "surrogate", "escape", "huge"


@dataclass
class _Settings:
    latency: float = 0.0
    hang_seconds: float = 30.0
    #: fault for every request whose text satisfies the predicate (None: none)
    always: Fault | None = None
    when: Callable[[str], bool] | None = None
    #: keep leading/trailing whitespace (real services strip it)
    keep_whitespace: bool = False
    required_key: str | None = None
    faults: deque[Fault] = field(default_factory=deque)
    #: seconds between the bytes of every answer's body (0: sent at once)
    trickle: float = 0.0


class FakeTranslationServer:
    """A threaded HTTP server on 127.0.0.1; use as a context manager."""

    def __init__(self, *, latency: float = 0.0) -> None:
        self.settings = _Settings(latency=latency)
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.requests: list[dict[str, Any]] = []
        self._in_flight = 0
        #: the most requests the server was answering at the same time
        self.max_in_flight = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- control ----------------------------------------------------------
    @property
    def url(self) -> str:
        """Base URL with a trailing slash, e.g. ``http://127.0.0.1:43121/``."""
        assert self._server is not None, "server not started"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/"

    def fail_next(self, *faults: Fault) -> None:
        """Answer the next requests with these faults, in order."""
        with self._lock:
            self.settings.faults.extend(faults)

    def always(self, fault: Fault | None, when: Callable[[str], bool] | None = None) -> None:
        """Answer every request (whose text satisfies ``when``) with ``fault``."""
        with self._lock:
            self.settings.always = fault
            self.settings.when = when

    def reset(self) -> None:
        with self._lock:
            self.settings.faults.clear()
            self.settings.always = None
            self.settings.when = None
            self.requests.clear()

    @property
    def request_count(self) -> int:
        with self._lock:
            return len(self.requests)

    def texts(self) -> list[str]:
        with self._lock:
            return [str(r.get("q", "")) for r in self.requests]

    def start(self) -> FakeTranslationServer:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        server.daemon_threads = True
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeTranslationServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- behaviour ----------------------------------------------------------
    def _next_fault(self, text: str) -> Fault | None:
        with self._lock:
            if self.settings.faults:
                return self.settings.faults.popleft()
            if self.settings.always and (self.settings.when is None or self.settings.when(text)):
                return self.settings.always
        return None

    def _record(self, path: str, params: dict[str, Any]) -> None:
        with self._lock:
            self.requests.append({"path": path, **params})

    def answer(self, text: str, target: str, api_key: str | None) -> tuple[int, str | None]:
        """(HTTP status, translated text or None) for one request."""
        with self._lock:
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
        try:
            return self._answer(text, target, api_key)
        finally:
            with self._lock:
                self._in_flight -= 1

    def _answer(self, text: str, target: str, api_key: str | None) -> tuple[int, str | None]:
        if self.settings.latency:
            self._stopping.wait(self.settings.latency)
        if self.settings.required_key is not None and api_key != self.settings.required_key:
            return 403, None
        fault = self._next_fault(text)
        if fault in ("429", "500", "502", "503", "403", "400"):
            return int(fault), None
        if fault == "hang":
            self._stopping.wait(self.settings.hang_seconds)
            return 503, None
        core = text if self.settings.keep_whitespace else text.strip()
        if fault == "echo":
            return 200, core
        if fault == "null":
            return 200, None
        if fault == "empty":
            return 200, ""
        if fault == "notice":
            return 200, MYMEMORY_NOTICE
        result = fake_translate(core, target)
        if fault == "entity":
            return 200, result.replace(" ", " &#39;", 1)
        if fault == "damage":  # lose the last token, as services sometimes do
            tokens = list(_TOKEN.finditer(result))
            if tokens:
                last = tokens[-1]
                result = result[:last.start()] + result[last.end():]
        if fault == "surrogate":
            return 200, result + "\ud800"
        if fault == "escape":
            return 200, "\x1b]0;owned\x07" + result
        if fault == "huge":
            return 200, result * 1000
        if fault == "double":
            tokens = list(_TOKEN.finditer(result))
            if tokens:
                result += " " + tokens[0].group(0)
        return 200, result


def _handler(fake: FakeTranslationServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # One buffered write per answer and no Nagle: otherwise headers and body go out
        # in two packets and delayed ACKs add ~40 ms to every keep-alive request.
        wbufsize = 64 * 1024
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            return

        def _send(self, status: int, body: str, content_type: str = "application/json") -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", f"{content_type}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            if status == 429:
                self.send_header("Retry-After", "0")
            try:
                self.end_headers()
                if fake.settings.trickle:
                    self.wfile.flush()
                    for i in range(len(data)):
                        if fake._stopping.wait(fake.settings.trickle):
                            break
                        self.wfile.write(data[i:i + 1])
                        self.wfile.flush()
                else:
                    self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
                self.close_connection = True

        def _query(self) -> dict[str, Any]:
            query = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
            return {k: v[0] if len(v) == 1 else v for k, v in query.items()}

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            params = self._query()
            if path == "/languages":
                self._send(200, json.dumps([{"code": c, "name": c, "targets": LANGUAGES}
                                            for c in LANGUAGES]))
                return
            if path == "/m":  # the page deep-translator's GoogleTranslator parses
                fake._record(path, params)
                status, text = fake.answer(str(params.get("q", "")), str(params.get("tl", "")),
                                           None)
                if status != 200:
                    self._send(status, "error", "text/html")
                    return
                body = ("<html><body><div class=\"result-container\">"
                        f"{html.escape(text or '')}</div></body></html>")
                self._send(200, body, "text/html")
                return
            if path == "/get":  # MyMemory
                fake._record(path, params)
                target = str(params.get("langpair", "|")).split("|")[-1]
                status, text = fake.answer(str(params.get("q", "")), target, None)
                answer = {"responseData": {"translatedText": text}, "responseStatus": status,
                          "matches": []}
                self._send(status, json.dumps(answer))
                return
            self._send(404, json.dumps({"error": "not found"}))

        def do_POST(self) -> None:
            path = urlsplit(self.path).path
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            params = self._query()
            kind = self.headers.get("Content-Type", "")
            if raw and "json" in kind:
                params.update(json.loads(raw.decode("utf-8")))
            elif raw:
                form = parse_qs(raw.decode("utf-8"), keep_blank_values=True)
                params.update({k: v[0] if len(v) == 1 else v for k, v in form.items()})
            if path != "/translate":
                self._send(404, json.dumps({"error": "not found"}))
                return
            fake._record(path, params)
            q = params.get("q")
            if q is None or "target" not in params:
                self._send(400, json.dumps({"error": "Invalid request: missing q or target"}))
                return
            texts = q if isinstance(q, list) else [q]
            results: list[str | None] = []
            for text in texts:
                status, result = fake.answer(str(text), str(params["target"]),
                                             params.get("api_key"))
                if status != 200:
                    self._send(status, json.dumps({"error": f"HTTP {status}"}))
                    return
                results.append(result)
            answer: Any = results if isinstance(q, list) else results[0]
            self._send(200, json.dumps({"translatedText": answer}))

    return Handler


def slow_down(server: FakeTranslationServer, seconds: float) -> None:
    """Set the latency of every answer (benchmarks use 50 ms)."""
    server.settings.latency = seconds


def wait_for_requests(server: FakeTranslationServer, count: int, timeout: float = 30.0) -> bool:
    """Block until the server has seen ``count`` requests (True) or ``timeout`` passed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.request_count >= count:
            return True
        time.sleep(0.02)
    return False

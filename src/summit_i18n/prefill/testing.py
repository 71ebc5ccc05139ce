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

:class:`FakeModelServer` stands in for a language model behind the
OpenAI-compatible chat-completions API (Ollama, llama.cpp, vLLM): it answers the
llm backend's JSON batches keyed by segment id, misbehaves on demand the way
models do (reordered, dropped, merged, repeated or invented ids, prose around the
JSON, damaged tokens, empty or echoed text, 429, slow answers) and records every
prompt, so tests see the context and glossary that were sent.
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
from typing import Any, Self
from urllib.parse import parse_qs, urlsplit

__all__ = ["MYMEMORY_NOTICE", "FakeModelServer", "FakeTranslationServer", "Fault", "ModelFault",
           "fake_model_translate", "fake_translate", "slow_down", "wait_for_requests"]

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


class _LoopbackServer:
    """Start, stop and ``with`` for a fake service on 127.0.0.1 (a free port), served
    from a background thread; stopping also ends every scripted hang."""

    _server: ThreadingHTTPServer | None
    _thread: threading.Thread | None
    _stopping: threading.Event

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        raise NotImplementedError

    def start(self) -> Self:
        server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
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

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class FakeTranslationServer(_LoopbackServer):
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

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        return _handler(self)

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


# -- a language model ------------------------------------------------------------------

#: what one request to the model may be answered with instead of a clean JSON answer
#: ("ok": a clean answer, to space faults out in :meth:`FakeModelServer.fail_next`)
ModelFault = str  # "reorder", "drop", "merge", "repeat", "invent", "prose", "fence", "damage",
#                   "empty", "echo", "429", "500", "503", "slow", "trickle", "notjson",
#                   "noglossary"

_TARGET_RE = re.compile(r"into [^\n]*?\(([a-z]{2,3}(?:_[A-Za-z]+)?)\)")


def fake_model_translate(text: str, target: str, terms: dict[str, str] | None = None) -> str:
    """The model's translation: ``«target» `` + the text, case swapped outside tokens, each
    glossary term written as its required rendering."""
    terms = terms or {}
    out: list[str] = []
    pattern = "|".join([r"⟦\s*\d+\s*⟧"] + [re.escape(t) for t in
                                            sorted(terms, key=len, reverse=True)])
    pos = 0
    for match in re.finditer(pattern, text):
        out.append(text[pos:match.start()].swapcase())
        found = match.group(0)
        out.append(terms.get(found, found))
        pos = match.end()
    out.append(text[pos:].swapcase())
    return f"«{target}» " + "".join(out)


@dataclass
class _ModelSettings:
    latency: float = 0.0  #: seconds per request
    per_segment: float = 0.0  #: and per segment in it
    slow_seconds: float = 30.0
    trickle_seconds: float = 0.1  #: between pieces of a trickled answer
    always: ModelFault | None = None
    faults: deque[ModelFault] = field(default_factory=deque)
    required_key: str | None = None
    #: faults only for requests of several segments (a segment asked alone is answered well)
    batches_only: bool = False


class FakeModelServer(_LoopbackServer):
    """An OpenAI-compatible chat-completions server on 127.0.0.1, for tests and benchmarks.

    It reads the JSON batch :mod:`summit_i18n.prefill.backends.llm` sends (a plain-text
    prompt is translated whole, as one message), answers deterministically with
    :func:`fake_model_translate` keyed by segment id, misbehaves on demand
    (:meth:`fail_next`, :meth:`always`) and records every prompt (:attr:`prompts`).
    Its latency model: ``latency`` per request plus ``per_segment`` per segment;
    requests are answered concurrently.
    """

    def __init__(self, *, latency: float = 0.0, per_segment: float = 0.0) -> None:
        self.settings = _ModelSettings(latency=latency, per_segment=per_segment)
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        #: every request: {"model", "temperature", "messages", "payload" (parsed or None),
        #: "authorization"}
        self.prompts: list[dict[str, Any]] = []
        self.segments_received = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The OpenAI-compatible base URL, e.g. ``http://127.0.0.1:43121/v1``."""
        assert self._server is not None, "server not started"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def fail_next(self, *faults: ModelFault) -> None:
        with self._lock:
            self.settings.faults.extend(faults)

    def always(self, fault: ModelFault | None) -> None:
        with self._lock:
            self.settings.always = fault

    def reset(self) -> None:
        with self._lock:
            self.settings.faults.clear()
            self.settings.always = None
            self.prompts.clear()
            self.segments_received = 0

    @property
    def request_count(self) -> int:
        with self._lock:
            return len(self.prompts)

    def payloads(self) -> list[dict[str, Any]]:
        """The JSON batches received (requests with a plain-text prompt left out)."""
        with self._lock:
            return [p["payload"] for p in self.prompts if p["payload"] is not None]

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        return _model_handler(self)

    def _next_fault(self, segments: int) -> ModelFault | None:
        with self._lock:
            if self.settings.batches_only and segments < 2:
                return None
            if self.settings.faults:
                return self.settings.faults.popleft()
            return self.settings.always

    def complete(self, body: dict[str, Any],
                 authorization: str | None) -> tuple[int, str, bool]:
        """(HTTP status, the assistant's text or an error, whether to trickle the answer
        out a few bytes at a time) for one request."""
        messages = body.get("messages") or []
        system = next((str(m.get("content", "")) for m in messages if m.get("role") == "system"),
                      "")
        user = str(messages[-1].get("content", "")) if messages else ""
        try:
            payload = json.loads(user)
            if not isinstance(payload, dict) or not isinstance(payload.get("segments"), list):
                payload = None
        except ValueError:
            payload = None
        segments = payload["segments"] if payload is not None else [{"id": "1", "text": user}]
        with self._lock:
            self.prompts.append({"model": body.get("model"), "temperature":
                                 body.get("temperature"), "messages": messages,
                                 "payload": payload, "authorization": authorization})
            self.segments_received += len(segments)
        wait = self.settings.latency + self.settings.per_segment * len(segments)
        if wait:
            self._stopping.wait(wait)
        if self.settings.required_key is not None \
                and authorization != f"Bearer {self.settings.required_key}":
            return 401, "unauthorized", False
        fault = self._next_fault(len(segments))
        if fault in ("429", "500", "502", "503"):
            return int(fault or 500), "busy", False
        if fault == "slow":
            self._stopping.wait(self.settings.slow_seconds)
            return 503, "too slow", False
        found = _TARGET_RE.search(system)
        target = found.group(1) if found else "xx"
        terms = {str(t["term"]): str(t["required"]) for t in (payload or {}).get("glossary", [])}
        if fault == "noglossary":  # the model ignores the glossary
            terms = {}
        pairs = [(str(s["id"]), str(s["text"]), fake_model_translate(str(s["text"]), target,
                                                                     terms))
                 for s in segments]
        if payload is None:  # a plain prompt: the translation alone, as msgpre expects
            return 200, pairs[0][2], False
        return (200, _misbehave([(i, t) for i, _, t in pairs], [s for _, s, _ in pairs], fault),
                fault == "trickle")


def _misbehave(pairs: list[tuple[str, str]], sources: list[str], fault: ModelFault | None) -> str:
    middle = len(pairs) // 2
    if fault == "reorder":
        pairs = pairs[::-1]
    elif fault == "drop" and pairs:
        del pairs[middle]
    elif fault == "merge" and len(pairs) > 1:  # two segments under the first id
        k = max(0, middle - 1)
        pairs[k] = (pairs[k][0], pairs[k][1] + " " + pairs[k + 1][1])
        del pairs[k + 1]
    elif fault == "repeat" and len(pairs) > 1:  # the second answer under the first id again
        pairs[1] = (pairs[0][0], pairs[1][1])
    elif fault == "invent" and pairs:  # one answer split in two: every later id shifted
        k = middle
        text = pairs[k][1]
        half = len(text) // 2
        texts = [t for _, t in pairs[:k]] + [text[:half], text[half:]] + \
            [t for _, t in pairs[k + 1:]]
        pairs = [(str(i + 1), t) for i, t in enumerate(texts)]
    elif fault == "damage" and pairs:  # lose a token of the first segment that has one
        for k, (key, text) in enumerate(pairs):
            tokens = list(_TOKEN.finditer(text))
            if tokens:
                pairs[k] = (key, text[:tokens[0].start()] + text[tokens[0].end():])
                break
    elif fault == "empty" and pairs:
        pairs[middle] = (pairs[middle][0], "")
    elif fault == "echo" and pairs:
        pairs[middle] = (pairs[middle][0], sources[middle])
    body = "{" + ", ".join(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}"
                           for k, v in pairs) + "}"
    if fault == "prose":
        return f"Sure! Here are the translations:\n\n{body}\n\nLet me know if you need more."
    if fault == "fence":
        return f"```json\n{body}\n```"
    if fault == "notjson":
        return "I cannot help with that."
    return body


def _model_handler(fake: FakeModelServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        wbufsize = 64 * 1024
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            return

        def _send(self, status: int, body: dict[str, Any], trickle: bool = False) -> None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            if status == 429:
                self.send_header("Retry-After", "0")
            try:
                self.end_headers()
                if not trickle:
                    self.wfile.write(data)
                    return
                for i in range(0, len(data), 8):  # each piece in time, the whole too slow
                    self.wfile.write(data[i:i + 8])
                    self.wfile.flush()
                    if fake._stopping.wait(fake.settings.trickle_seconds):
                        break
            except (BrokenPipeError, ConnectionResetError):  # the client gave up
                self.close_connection = True

        def do_GET(self) -> None:
            if urlsplit(self.path).path == "/v1/models":
                self._send(200, {"object": "list", "data": [{"id": "fake", "object": "model"}]})
            else:
                self._send(404, {"error": {"message": "not found"}})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            if urlsplit(self.path).path != "/v1/chat/completions":
                self._send(404, {"error": {"message": "not found"}})
                return
            try:
                body = json.loads(raw.decode("utf-8"))
                assert isinstance(body, dict)
            except (ValueError, AssertionError):
                self._send(400, {"error": {"message": "bad JSON"}})
                return
            status, text, trickle = fake.complete(body, self.headers.get("Authorization"))
            if status != 200:
                self._send(status, {"error": {"message": text}})
                return
            self._send(200, {"id": "chatcmpl-fake", "object": "chat.completion",
                             "model": body.get("model"),
                             "choices": [{"index": 0, "finish_reason": "stop",
                                          "message": {"role": "assistant", "content": text}}]},
                       trickle)

    return Handler

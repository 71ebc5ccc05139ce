"""API keys never leak: every error path of every online backend, with a key set.

Each run is the real ``summit-i18n prefill`` console script in a subprocess, with
the key given by ``--api-key`` or by ``SUMMIT_I18N_<BACKEND>_API_KEY``.  A small
``sitecustomize`` (on ``PYTHONPATH`` for those subprocesses only) rewrites the
address of every request that deep-translator sends — including the ones it
hard-codes, such as Microsoft's language list — to a local server on 127.0.0.1,
so nothing leaves the machine.  That server is hostile: every answer it gives
(error bodies, malformed pages) repeats the key and the request URL, as real
services sometimes do.  After each run the key must appear nowhere: not on
stdout or stderr, not in the cache, not in any file of the project.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest

BACKENDS = ["google", "mymemory", "libre", "deepl", "microsoft"]
#: what the local server answers: a translation, an error status, a hang past the
#: timeout, a refused connection (no server at the port), or 200 with a broken body
MODES = ["ok", "403", "429", "500", "hang", "refused", "malformed"]
#: the exit code each mode must end with (ok: 0; refused key: 4; after retries: 4;
#: an unreadable answer leaves the entry empty or ends the run)
EXPECTED_EXIT = {"ok": {0}, "403": {4}, "429": {4}, "500": {4}, "hang": {4}, "refused": {4},
                 "malformed": {1, 4}}

SITECUSTOMIZE = '''\
"""Test hook: send every HTTP request to the local server; retry quickly."""
import os

_target = os.environ.get("SUMMIT_I18N_TEST_REDIRECT")
if _target:
    from urllib.parse import urlsplit, urlunsplit

    import requests.sessions

    _original = requests.sessions.Session.request
    _t = urlsplit(_target)

    def _request(self, method, url, *args, **kwargs):
        parts = urlsplit(url)
        if parts.hostname != "127.0.0.1":
            url = urlunsplit((_t.scheme, _t.netloc, _t.path.rstrip("/") + parts.path,
                              parts.query, ""))
        return _original(self, method, url, *args, **kwargs)

    requests.sessions.Session.request = _request

    from summit_i18n.prefill import runner

    runner.DEFAULT_RETRY = runner.RetryPolicy(attempts=2, base=0.01, cap=0.02)
'''

POT = '''\
msgid ""
msgstr ""
"Project-Id-Version: secrets\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"

#: source/page.md:1
msgid "The summit opens on the first day."
msgstr ""

#: source/page.md:3
msgid "Speakers come from many countries."
msgstr ""
'''
PO = POT.replace('"Project-Id-Version: secrets\\n"\n',
                 '"Project-Id-Version: secrets\\n"\n"Language: fr\\n"\n'
                 '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n')


@dataclass
class HostileServer:
    """Answers by the mode named in the first path segment; echoes keys in every body."""

    server: ThreadingHTTPServer
    stop: threading.Event

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    def url(self, mode: str) -> str:
        return f"http://127.0.0.1:{self.port}/{mode}/"


def _handler(stop: threading.Event) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            return

        def _send(self, status: int, body: str, kind: str = "application/json") -> None:
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            if status == 429:
                self.send_header("Retry-After", "0")
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

        def _everything(self, raw: bytes) -> str:
            """The request as the server saw it: URL, headers and body (keys included)."""
            return f"{self.command} {self.path} {dict(self.headers)} {raw.decode(errors='replace')}"

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            parts = urlsplit(self.path)
            mode, _, rest = parts.path.lstrip("/").partition("/")
            path = "/" + rest
            query = parse_qs(parts.query)
            echo = self._everything(raw)
            if path == "/languages":  # Microsoft's list, fetched before any translation
                if "api-version" in query:
                    self._send(200, json.dumps({"translation": {
                        "en": {"name": "English"}, "fr": {"name": "French"}}}))
                else:
                    self._send(200, json.dumps([{"code": c, "name": c, "targets": ["en", "fr"]}
                                                for c in ("en", "fr")]))
                return
            if mode in ("403", "429", "500"):
                self._send(int(mode), json.dumps({"error": {"code": int(mode),
                                                            "message": f"refused: {echo}"}}))
                return
            if mode == "hang":
                stop.wait(5)
                self._send(503, json.dumps({"error": echo}))
                return
            if mode == "malformed":
                self._send(200, f"<html><body>Unexpected request {echo}</body>", "text/html")
                return
            self._ok(path, query, raw)

        def _ok(self, path: str, query: dict[str, list[str]], raw: bytes) -> None:
            text = "«fr» traduit"
            if path == "/m":  # Google's mobile page
                self._send(200, f'<div class="result-container">{text}</div>', "text/html")
            elif path == "/get":  # MyMemory
                self._send(200, json.dumps({"responseData": {"translatedText": text},
                                            "responseStatus": 200, "matches": []}))
            elif path.endswith("/v2/translate") or path == "/v2/translate":  # DeepL
                self._send(200, json.dumps({"translations": [{"text": text}]}))
            elif path == "/translate" and "api-version" in query:  # Microsoft
                self._send(200, json.dumps([{"translations": [{"text": text, "to": "fr"}]}]))
            elif path == "/translate":  # LibreTranslate
                self._send(200, json.dumps({"translatedText": text}))
            else:
                self._send(404, json.dumps({"error": "not found"}))

        do_GET = _answer
        do_POST = _answer

    return Handler


@pytest.fixture(scope="module")
def hostile() -> Iterator[HostileServer]:
    stop = threading.Event()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(stop))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield HostileServer(server, stop)
    stop.set()
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def hook_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hook")
    (folder / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    return folder


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _make_key(backend: str, source: str) -> str:
    # distinctive, URL-safe, and long enough that no accident contains it
    return f"KEY{backend}{source}{secrets.token_hex(12)}"


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str
    root: Path


def _run(root: Path, backend: str, mode: str, source: str, key: str,
         hostile: HostileServer, hook: Path) -> Outcome:
    base = f"http://127.0.0.1:{_closed_port()}/" if mode == "refused" else hostile.url(mode)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUMMIT_I18N_")}
    env.update(PYTHONPATH=str(hook), SUMMIT_I18N_TEST_REDIRECT=base, NO_COLOR="1")
    args = [str(Path(sys.executable).parent / "summit-i18n"), "-C", str(root), "prefill",
            "-l", "fr", "--backend", backend, "--workers", "1"]
    if backend == "libre":
        args += ["--url", base]
    if source == "flag":
        args += ["--api-key", key]
    else:
        env[f"SUMMIT_I18N_{backend.upper()}_API_KEY"] = key
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120,
                          check=False, stdin=subprocess.DEVNULL)
    return Outcome(done.returncode, done.stdout, done.stderr, root)


def _leaks(outcome: Outcome, key: str) -> list[str]:
    """Where the key (or its percent-encoded form, or a long piece of it) shows up."""
    needles = {key, quote(key), key[: len(key) // 2 + 4], key[len(key) // 2 - 4:]}
    found = [f"{name}" for name, text in (("stdout", outcome.stdout), ("stderr", outcome.stderr))
             if any(n in text for n in needles)]
    for path in sorted(outcome.root.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if any(n.encode() in data for n in needles):
                found.append(str(path.relative_to(outcome.root)))
    return found


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
def test_key_never_leaks(backend: str, hostile: HostileServer, hook_dir: Path,
                         make_project: Callable[..., Path], tmp_path: Path,
                         msgfmt_check: Callable[..., None]) -> None:
    cases = [(mode, source) for mode in MODES for source in ("flag", "env")]
    roots: dict[tuple[str, str], Path] = {}
    for mode, source in cases:
        root = tmp_path / f"{mode}-{source}"
        root.mkdir()
        # a short timeout only where the server hangs: a loaded machine must not turn
        # an ordinary answer into a timeout
        timeout = 0.5 if mode == "hang" else 10
        (root / "summit-i18n.toml").write_text(
            f'languages = ["fr"]\n[prefill]\ntimeout = {timeout}\n', encoding="utf-8")
        (root / "locale" / "fr" / "LC_MESSAGES").mkdir(parents=True)
        (root / "locale" / "page.pot").write_text(POT, encoding="utf-8")
        (root / "locale" / "fr" / "LC_MESSAGES" / "page.po").write_text(PO, encoding="utf-8")
        roots[mode, source] = root
    keys = {case: _make_key(backend, case[1]) for case in cases}
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {case: pool.submit(_run, roots[case], backend, case[0], case[1], keys[case],
                                     hostile, hook_dir) for case in cases}
        outcomes = {case: f.result() for case, f in futures.items()}
    problems: list[str] = []
    for (mode, source), outcome in outcomes.items():
        what = f"{backend} {mode} (key by {source}): exit {outcome.code}"
        if outcome.code not in EXPECTED_EXIT[mode]:
            problems.append(f"{what}, expected {EXPECTED_EXIT[mode]}; stderr: {outcome.stderr}")
        if "Traceback" in outcome.stdout + outcome.stderr:
            problems.append(f"{what}: traceback\n{outcome.stderr}")
        leaks = _leaks(outcome, keys[mode, source])
        if leaks:
            problems.append(f"{what}: key found in {', '.join(leaks)}")
        msgfmt_check(outcome.root / "locale" / "fr" / "LC_MESSAGES" / "page.po")
    assert not problems, "\n".join(problems)
    ok = outcomes["ok", "flag"]
    # the successful run really translated, and its cache exists (and was searched)
    assert "«fr» traduit" in (ok.root / "locale/fr/LC_MESSAGES/page.po").read_text("utf-8")
    assert any(p.name.startswith("cache.sqlite") for p in (ok.root / ".summit-i18n").iterdir())
    # each failure named the service (so the messages were really produced)
    for mode in ("403", "429", "500", "hang", "refused"):
        assert re.search(backend, outcomes[mode, "env"].stderr), outcomes[mode, "env"].stderr


def test_the_leak_search_finds_a_key(tmp_path: Path) -> None:
    """The search itself works: a key in stderr, in the cache or in a .po is found."""
    key = _make_key("google", "flag")
    (tmp_path / ".summit-i18n").mkdir()
    (tmp_path / ".summit-i18n" / "cache.sqlite").write_bytes(b"\0\1" + quote(key).encode())
    (tmp_path / "x.po").write_text(f"# {key[:len(key) // 2 + 4]}\n", encoding="utf-8")
    found = _leaks(Outcome(0, "", f"error: {key}", tmp_path), key)
    assert found == ["stderr", ".summit-i18n/cache.sqlite", "x.po"]

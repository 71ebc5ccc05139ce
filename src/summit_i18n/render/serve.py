"""Preview server: build, serve the site on 127.0.0.1, rebuild when an input changes.

Principles: only the loopback interface is bound — a preview is for the person at
the machine, and only requests whose ``Host`` is a loopback name or address are
answered (DNS rebinding); a malformed path gets 400, and nothing outside the site
folder is served, symbolic links included.  The HTTP server runs in a thread; the
main thread watches ``source/``, ``templates/`` and ``locale/`` with
:mod:`watchfiles` and rebuilds on each batch of changes (a build whose inputs did
not change is a no-op, so saving a .mo or touching a file costs nothing).  A
rebuild that fails reports the error and keeps serving the last good site, so a
half-typed edit never stops the preview.
Nothing here prints: events go to the ``report`` callback.
"""

from __future__ import annotations

import functools
import ipaddress
import os
import re
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes

from watchfiles import watch

from summit_i18n import workspace
from summit_i18n.config import Project
from summit_i18n.errors import SummitError, UsageError
from summit_i18n.render.build import BuildReport, build_site

__all__ = ["HOST", "PreviewServer", "bad_path", "loopback_host", "rebuild", "serve"]

HOST = "127.0.0.1"


_LOOPBACK_NAME_RE = re.compile(r"(?:[a-z0-9-]+\.)*localhost\.?", re.IGNORECASE)
_HOST_RE = re.compile(r"(?P<name>\[[0-9A-Fa-f:.]+\]|[^:\[\]]+)(?::(?P<port>[0-9]{1,5}))?")
_BAD_PERCENT_RE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def loopback_host(value: str | None) -> bool:
    """Whether a ``Host`` header names this machine: ``localhost``, 127.x.x.x or ``[::1]``.

    Anything else is refused: a page on another site whose name an attacker points
    at 127.0.0.1 (DNS rebinding) must not read the preview.
    """
    if not value:
        return False
    match = _HOST_RE.fullmatch(value.strip())
    if match is None:
        return False
    name = match.group("name")
    if name.startswith("["):
        name = name[1:-1]
    elif _LOOPBACK_NAME_RE.fullmatch(name):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def bad_path(raw: str) -> str | None:
    """Why a request path is malformed (bad percent-encoding, not UTF-8, NUL, controls)."""
    path = raw.split("?", 1)[0].split("#", 1)[0]
    if _BAD_PERCENT_RE.search(path):
        return "bad percent-encoding"
    try:
        decoded = unquote_to_bytes(path).decode("utf-8")
    except UnicodeDecodeError:
        return "path is not UTF-8"
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in decoded) or "\\" in decoded:
        return "control character in the path"
    return None


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return

    def send_head(self) -> Any:
        host = self.headers.get("Host")
        if host is None:
            self.send_error(HTTPStatus.BAD_REQUEST, "Host header required")
            return None
        if not loopback_host(host):
            self.send_error(HTTPStatus.MISDIRECTED_REQUEST,
                            "this preview answers only to localhost and 127.0.0.1")
            return None
        problem = bad_path(self.path)
        if problem is not None:
            self.send_error(HTTPStatus.BAD_REQUEST, problem)
            return None
        # never out of the site folder, even through a symbolic link inside it
        root = os.path.realpath(self.directory)
        target = os.path.realpath(self.translate_path(self.path))
        if target != root and not target.startswith(root + os.sep):
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        return super().send_head()


class PreviewServer:
    """An HTTP server for one folder on 127.0.0.1, in a background thread."""

    def __init__(self, directory: Path, port: int = 8000) -> None:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        try:
            self.httpd = ThreadingHTTPServer((HOST, port), handler)
        except OSError as exc:  # the port is taken, or not ours to take
            raise UsageError(f"error: cannot serve on {HOST}:{port} ({exc.strerror}); "
                             "choose another port with --port") from None
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.httpd.server_address[1]}/"

    def start(self) -> PreviewServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def rebuild(project: Project, *, use_fuzzy: bool | None,
            report: Callable[[str], None],
            last: BuildReport | None = None) -> BuildReport | None:
    """Build once; report warnings and errors instead of raising.

    Given the ``last`` good build, a catalog that has become unusable (a bad
    ``Plural-Forms`` saved, a catalog that no longer parses) is an error and the
    last good site stays; on a first build such catalogs fall back to English.
    """
    try:
        with workspace.locked(project):
            result = build_site(project, use_fuzzy=use_fuzzy,
                                keep_unless=None if last is None else last.refused)
    except SummitError as exc:
        report(str(exc))
        return None
    for warning in result.warnings:
        report(warning)
    if not result.unchanged_inputs:
        files = "file" if result.written == 1 else "files"
        report(f"rebuilt: {result.pages} pages, {result.written} {files} written")
    return result


def serve(
    project: Project,
    *,
    port: int = 8000,
    use_fuzzy: bool | None = None,
    report: Callable[[str], None],
    stop: threading.Event | None = None,
    ready: Callable[[str], None] | None = None,
) -> None:
    """Build, serve, and rebuild on changes until ``stop`` is set (or Ctrl-C)."""
    last = rebuild(project, use_fuzzy=use_fuzzy, report=report)
    project.output_dir.mkdir(parents=True, exist_ok=True)
    server = PreviewServer(project.output_dir, port).start()
    watched = [p for p in (project.source_dir, project.templates_dir, project.locale_dir)
               if p.is_dir()]
    announced = False
    try:
        # The first (empty) yield comes once the watcher runs: only then is the preview
        # announced, after one more (cheap, hash-checked) build catches any edit made
        # in between.
        for changes in watch(*watched, stop_event=stop, raise_interrupt=False,
                             watch_filter=_relevant, yield_on_timeout=True, rust_timeout=500):
            if changes or not announced:
                result = rebuild(project, use_fuzzy=use_fuzzy, report=report, last=last)
                if result is not None and not result.unchanged_inputs:
                    last = result
            if not announced:
                announced = True
                (ready or report)(server.url)
    finally:
        server.stop()


def _relevant(_change: object, path: str) -> bool:
    # .mo files and editors' temporary files are outputs or noise, not inputs.
    name = Path(path).name
    return not (name.endswith((".mo", "~", ".swp", ".tmp")) or name.startswith(".#"))

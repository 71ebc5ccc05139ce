"""Preview server: build, serve the site on 127.0.0.1, rebuild when an input changes.

Principles: only the loopback interface is bound — a preview is for the person at
the machine.  The HTTP server runs in a thread; the main thread watches
``source/``, ``templates/`` and ``locale/`` with :mod:`watchfiles` and rebuilds on
each batch of changes (a build whose inputs did not change is a no-op, so saving a
.mo or touching a file costs nothing).  A rebuild that fails reports the error
and keeps serving the last good site, so a half-typed edit never stops the preview.
Nothing here prints: events go to the ``report`` callback.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from watchfiles import watch

from summit_i18n.config import Project
from summit_i18n.errors import SummitError
from summit_i18n.fsutil import project_lock
from summit_i18n.render.site import BuildReport, build_site

__all__ = ["HOST", "PreviewServer", "rebuild", "serve"]

HOST = "127.0.0.1"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


class PreviewServer:
    """An HTTP server for one folder on 127.0.0.1, in a background thread."""

    def __init__(self, directory: Path, port: int = 8000) -> None:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        self.httpd = ThreadingHTTPServer((HOST, port), handler)
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
            report: Callable[[str], None]) -> BuildReport | None:
    """Build once; report warnings and errors instead of raising."""
    try:
        with project_lock(project.root):
            result = build_site(project, use_fuzzy=use_fuzzy)
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
    rebuild(project, use_fuzzy=use_fuzzy, report=report)
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
                rebuild(project, use_fuzzy=use_fuzzy, report=report)
            if not announced:
                announced = True
                (ready or report)(server.url)
    finally:
        server.stop()


def _relevant(_change: object, path: str) -> bool:
    # .mo files and editors' temporary files are outputs or noise, not inputs.
    name = Path(path).name
    return not (name.endswith((".mo", "~", ".swp", ".tmp")) or name.startswith(".#"))

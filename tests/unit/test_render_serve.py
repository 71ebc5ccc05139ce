"""render.serve: build, serve on 127.0.0.1, rebuild when a source changes."""

from __future__ import annotations

import threading
import time
import urllib.request
from pathlib import Path

from summit_i18n.render.serve import HOST, serve
from tests.site_project import make_site_project


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def test_serves_and_rebuilds_on_change(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p")
    urls: list[str] = []
    events: list[str] = []
    ready = threading.Event()
    stop = threading.Event()

    def on_ready(url: str) -> None:
        urls.append(url)
        ready.set()

    thread = threading.Thread(target=serve, kwargs={
        "project": project, "port": 0, "report": events.append, "stop": stop,
        "ready": on_ready}, daemon=True)
    thread.start()
    try:
        assert ready.wait(30)
        url = urls[0]
        assert url.startswith(f"http://{HOST}:")
        assert "Spring Summit on Open Translation" in fetch(url + "en/spring-summit/")
        source = project.source_dir / "spring.md"
        source.write_text(source.read_text().replace("Spring Summit", "Autumn Summit"))
        deadline = time.monotonic() + 30
        while "Autumn Summit" not in fetch(url + "en/spring-summit/"):
            assert time.monotonic() < deadline, events
            time.sleep(0.2)
        assert any(e.startswith("rebuilt:") for e in events)
    finally:
        stop.set()
        thread.join(30)
    assert not thread.is_alive()


def test_a_broken_edit_is_reported_and_the_last_site_kept(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p")
    events: list[str] = []
    ready = threading.Event()
    stop = threading.Event()
    thread = threading.Thread(target=serve, kwargs={
        "project": project, "port": 0, "report": events.append, "stop": stop,
        "ready": lambda _url: ready.set()}, daemon=True)
    thread.start()
    try:
        assert ready.wait(30)
        source = project.source_dir / "spring.md"
        source.write_bytes(b"---\ntitle: [unclosed\n---\n\nText.\n")
        deadline = time.monotonic() + 30
        while not any("error" in e for e in events):
            assert time.monotonic() < deadline, events
            time.sleep(0.2)
        assert (project.output_dir / "en" / "spring-summit" / "index.html").is_file()
    finally:
        stop.set()
        thread.join(30)
    assert not thread.is_alive()

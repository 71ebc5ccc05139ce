"""The preview server: loopback Host names only, malformed paths, bad catalogs saved."""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from summit_i18n.po import read_po, write_po
from summit_i18n.render.serve import PreviewServer, bad_path, loopback_host, serve
from tests.site_project import make_site_project, translate_all


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "127.0.0.1", "127.0.0.1:80",
                                  "127.1.2.3:8000", "[::1]", "[::1]:8000", "LOCALHOST",
                                  "preview.localhost:8000", "localhost."])
def test_loopback_hosts(host: str) -> None:
    assert loopback_host(host)


@pytest.mark.parametrize("host", [None, "", "evil.example", "evil.example:8000",
                                  "127.0.0.1.evil.example", "localhost.evil.example",
                                  "10.0.0.1", "0.0.0.0", "[::]", "[::ffff:8.8.8.8]",
                                  "192.168.1.10:8000", "localhost:99999999", "[::1", "a:b:c",
                                  "localhost:8000:1", "xn--localhost"])
def test_other_hosts(host: str | None) -> None:
    assert not loopback_host(host)


@pytest.mark.parametrize("path", ["/a%00b", "/%00", "/%zz", "/%", "/a%2", "/%ff", "/%c3%28",
                                  "/a%0d%0ab", "/a\\b", "/a%5c..%5cb", "/%e2%82"])
def test_malformed_paths(path: str) -> None:
    assert bad_path(path) is not None


@pytest.mark.parametrize("path", ["/", "/fr/", "/en/spring-summit/index.html", "/%E6%97%A5",
                                  "/a%20b?x=%zz"])
def test_good_paths(path: str) -> None:
    assert bad_path(path) is None


@pytest.fixture
def site(tmp_path: Path) -> Iterator[PreviewServer]:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "index.html").write_text("<p>home</p>")
    (tmp_path / "secret.txt").write_text("secret")
    (folder / "leak").symlink_to(tmp_path / "secret.txt")
    server = PreviewServer(folder, 0).start()
    try:
        yield server
    finally:
        server.stop()


def _get(server: PreviewServer, path: str, host: str | None = "127.0.0.1") -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.httpd.server_address[1], timeout=10)
    try:
        conn.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        if host is not None:
            conn.putheader("Host", host)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def test_serves_loopback_hosts(site: PreviewServer) -> None:
    port = site.httpd.server_address[1]
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "[::1]"):
        assert _get(site, "/", host) == (200, b"<p>home</p>")


@pytest.mark.parametrize("host", ["evil.example", "attacker.test:8000", "192.168.0.1"])
def test_dns_rebinding_is_refused(site: PreviewServer, host: str) -> None:
    status, body = _get(site, "/", host)
    assert status == 421
    assert b"home" not in body


def test_no_host_is_refused(site: PreviewServer) -> None:
    assert _get(site, "/", None)[0] == 400


@pytest.mark.parametrize("path", ["/index.html%00", "/%zz", "/%ff", "/a%0d%0aSet-Cookie:x"])
def test_malformed_paths_get_400(site: PreviewServer, path: str) -> None:
    assert _get(site, path)[0] == 400


def test_a_link_out_of_the_site_is_not_served(site: PreviewServer) -> None:
    status, body = _get(site, "/leak")
    assert status == 404
    assert b"secret" not in body


def test_a_bad_plural_header_saved_while_serving_keeps_the_last_good_site(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p")
    translate_all(project, languages=("fr",))
    events: list[str] = []
    ready = threading.Event()
    stop = threading.Event()
    thread = threading.Thread(target=serve, kwargs={
        "project": project, "port": 0, "report": events.append, "stop": stop,
        "ready": lambda _url: ready.set()}, daemon=True)
    thread.start()
    page = project.output_dir / "fr" / "spring-summit" / "index.html"
    try:
        assert ready.wait(60)
        before = page.read_text()
        assert "FR: " in before
        site_po = project.po_path("fr", "site")
        catalog = read_po(site_po)
        catalog.set_header_value("Plural-Forms", "nplurals=2; plural=n/0;")
        write_po(catalog, site_po)
        deadline = time.monotonic() + 60
        while not any("site.po" in e and "error" in e for e in events):
            assert time.monotonic() < deadline, events
            time.sleep(0.2)
        (line,) = [e for e in events if "site.po" in e and "error" in e]
        assert "division by zero" in line
        assert "last good site" in line
        assert page.read_text() == before
    finally:
        stop.set()
        thread.join(30)
    assert not thread.is_alive()

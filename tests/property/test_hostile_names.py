"""Properties over names a careless user or an attacker chooses: charsets, output
folders, Host headers and request paths."""

from __future__ import annotations

import encodings.aliases
import ipaddress
import posixpath
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from summit_i18n.config import load_config
from summit_i18n.errors import ConfigError, SourceError
from summit_i18n.po import charset_problem, parse_po
from summit_i18n.render.serve import bad_path, loopback_host

CODECS = sorted(set(encodings.aliases.aliases) | set(encodings.aliases.aliases.values()))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(CODECS))
def test_a_catalog_is_read_in_a_charset_only_when_ascii_reads_as_ascii(charset: str) -> None:
    data = (b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=' + charset.encode()
            + b'\\n"\n\nmsgid "Hello"\nmsgstr "Bonjour"\n')
    try:
        catalog = parse_po(data, path="x.po")
    except SourceError as exc:
        message = str(exc)
    else:
        assert charset_problem(charset) is None
        assert catalog.entries[-1].msgstr == "Bonjour"
        return
    assert message.startswith("x.po:")
    assert charset_problem(charset) is not None


_PART = st.sampled_from(["site", "out", "..", ".", "source", "locale", "templates", "a", "",
                         ".git", ".summit-i18n", "public"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PART, min_size=1, max_size=4).map("/".join))
def test_an_accepted_output_dir_lies_inside_apart_from_the_inputs(output_dir: str) -> None:
    try:
        config = load_config({"output_dir": output_dir}, Path("summit-i18n.toml"))
    except ConfigError as exc:
        refused = str(exc)
    else:
        refused = ""
    if refused:
        assert "output_dir" in refused
        return
    out = posixpath.normpath(config.output_dir)
    assert out not in {".", ".."}
    assert not out.startswith("../")
    parts = out.split("/")
    for inputs in ("source", "locale", "templates"):
        assert parts[0] != inputs
    assert parts[0] not in {".git", ".summit-i18n"}


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=40),
                 st.builds(lambda h, p: f"{h}:{p}",
                           st.sampled_from(["localhost", "127.0.0.1", "[::1]", "evil.test",
                                            "127.0.0.1.evil.test", "10.1.1.1", "[::]"]),
                           st.integers(0, 99999))))
def test_only_loopback_hosts_are_served(host: str) -> None:
    if not loopback_host(host):
        return
    match = re.fullmatch(r"\s*\[([^\]]*)\](?::\d+)?\s*|\s*([^:]*)(?::\d+)?\s*", host)
    assert match is not None, host
    name = (match.group(1) or match.group(2) or "").rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return
    assert ipaddress.ip_address(name).is_loopback


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=60), st.binary(max_size=30).map(
    lambda b: "/" + "".join(f"%{x:02x}" for x in b))))
def test_request_paths_are_judged_without_raising(path: str) -> None:
    problem = bad_path(path)
    if problem is None:
        assert "\x00" not in path.split("?")[0]

"""The twelve corpus catalogs compile to .mo files answering every lookup as msgfmt's do."""

from __future__ import annotations

import gettext
import io
import subprocess
from pathlib import Path

import pytest

from summit_i18n.compile import check_catalog, mo_bytes, select_messages
from summit_i18n.po import parse_po

CORPUS_PO = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "po"
FILES = sorted(p.name for p in CORPUS_PO.glob("*.po"))


def test_corpus_has_twelve_catalogs(corpus_dir: Path) -> None:
    assert len(FILES) == 12


def _msgfmt(path: Path, *extra: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["msgfmt", *extra, "-o", "-", str(path)], capture_output=True,
                          check=False)


def _every_lookup(mo: bytes, catalog_data: bytes) -> list[tuple[str, ...]]:
    """Ask a .mo for every message of the catalog (and a few that are not there)."""
    catalog = parse_po(catalog_data, path="corpus")
    t = gettext.GNUTranslations(io.BytesIO(mo))
    answers: list[tuple[str, ...]] = [("info", repr(sorted(t.info().items())))]
    for entry in catalog.entries:
        msgid, ctxt, plural = entry.msgid, entry.msgctxt, entry.msgid_plural
        if plural is None:
            got = t.gettext(msgid) if ctxt is None else t.pgettext(ctxt, msgid)
            answers.append((msgid, got))
        else:
            for n in (0, 1, 2, 5):
                got = (t.ngettext(msgid, plural, n) if ctxt is None
                       else t.npgettext(ctxt, msgid, plural, n))
                answers.append((msgid, str(n), got))
    answers.append(("absent", t.gettext("no such message in any catalog")))
    return answers


@pytest.mark.parametrize("use_fuzzy", [False, True], ids=["reviewed", "use-fuzzy"])
@pytest.mark.parametrize("name", FILES or ["corpus-absent"])  # absent: corpus_dir skips
def test_lookups_match_msgfmt(corpus_dir: Path, name: str, use_fuzzy: bool) -> None:
    path = corpus_dir / "po" / name
    data = path.read_bytes()
    extra = ("--use-fuzzy",) if use_fuzzy else ()
    theirs = _msgfmt(path, *extra)
    assert theirs.returncode == 0, theirs.stderr
    catalog = parse_po(data, path=name)
    ours = mo_bytes(catalog, use_fuzzy=use_fuzzy)
    assert _every_lookup(ours, data) == _every_lookup(theirs.stdout, data)
    # With GNU's hash table the file is the very same bytes.
    assert mo_bytes(catalog, use_fuzzy=use_fuzzy, hash_table=True) == theirs.stdout


@pytest.mark.parametrize("name", FILES or ["corpus-absent"])  # absent: corpus_dir skips
def test_statistics_and_check_match_msgfmt(corpus_dir: Path, name: str) -> None:
    path = corpus_dir / "po" / name
    catalog = parse_po(path.read_bytes(), path=name)
    for use_fuzzy in (False, True):
        extra = ["--use-fuzzy"] if use_fuzzy else []
        result = subprocess.run(["msgfmt", "--check", "--statistics", *extra, "-o", "/dev/null",
                                 str(path)], capture_output=True, text=True, check=False)
        findings = check_catalog(catalog, path=str(path), use_fuzzy=use_fuzzy)
        errors = [ln for ln in result.stderr.splitlines()
                  if ln.startswith(f"{path}:") and ": warning:" not in ln]
        assert (result.returncode != 0) == bool(findings)
        assert [f"{f.path}:{f.line}: {f.message}" for f in findings] == errors
        _, stats = select_messages(catalog, use_fuzzy=use_fuzzy)
        assert stats.line() in result.stderr

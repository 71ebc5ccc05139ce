"""``compile`` of a 50k-message catalog beside GNU msgfmt, pybabel compile and polib.

Principles: every tool compiles the same generated translation (``write_corpus``),
made valid first (the generator's few deliberately mangled placeholders are left
untranslated) so that msgfmt --check accepts it and every tool writes a .mo.  Two
corpus profiles: ``docs`` (documentation catalogs: 23% of messages with a format
flag, 2% plural) and ``formats`` (63% and 5%: the entries whose checks cost the
most).  Ours is timed as a user runs it — the ``summit-i18n compile`` console script
in a fresh process — against ``msgfmt --check`` (compile always checks), on both
profiles.  The re-run on the unchanged catalog is the same command with the .mo and
its stamp in place.  pybabel and polib (slow, so once) run on the ``docs`` profile,
each as a process of its own.  Goals: at most 1.5x msgfmt on both profiles; a re-run
at most 0.2x; both judged on CPU time (user + system: a busy machine stretches wall
times unevenly), the wall times beside them.

Usage: ``python -m benchmarks.bench_compile [--quick]``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks.generate import write_corpus
from benchmarks.harness import (
    VENV_BIN,
    WORK,
    Result,
    command_times,
    compare,
    standalone,
)

__all__ = ["run"]


def _project(n: int, profile: str = "docs") -> tuple[Path, Path]:
    """A project with ``locale/fr/LC_MESSAGES/bench.po`` that msgfmt --check accepts."""
    from summit_i18n.compile import check_catalog
    from summit_i18n.po import read_po, write_po

    suffix = "" if profile == "docs" else f"-{profile}"
    folder = WORK / f"compile-{n // 1000}k{suffix}"
    _, translated, _ = write_corpus(n, folder, profile=profile)
    root = folder / "project"
    po = root / "locale" / "fr" / "LC_MESSAGES" / "bench.po"
    if not po.is_file() or po.stat().st_mtime < translated.stat().st_mtime:
        catalog = read_po(translated)
        bad = {f.line for f in check_catalog(catalog, use_fuzzy=True)}
        for entry in catalog.entries:
            if (entry.msgstr_lineno or entry.lineno) in bad:
                entry.clear_translation()
        po.parent.mkdir(parents=True, exist_ok=True)
        write_po(catalog, po)
        (root / "summit-i18n.toml").write_text('languages = ["fr"]\n', encoding="utf-8")
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True,
                   capture_output=True)
    return root, po


def _compile_rows(
    n: int, profile: str, *, repeat: int
) -> tuple[list[Result], Path, tuple[float, float]]:
    """Ours cold and warm beside ``msgfmt --check`` on one profile; also (rows, po, ours)."""
    root, po = _project(n, profile)
    out = root / "peer.mo"
    ours_cmd = [VENV_BIN / "summit-i18n", "-C", root, "compile"]
    mo = root / "locale" / "fr" / "LC_MESSAGES" / "bench.mo"

    def forget() -> None:
        mo.unlink(missing_ok=True)
        shutil.rmtree(root / ".summit-i18n", ignore_errors=True)

    msgfmt = command_times(["msgfmt", "--check", "-o", out, po], repeat=repeat)
    cold = command_times(ours_cmd, repeat=repeat, setup=forget)
    warm = command_times(ours_cmd, repeat=repeat)
    # the same .mo as msgfmt's (ours leaves out the hash table, as msgfmt --no-hash)
    subprocess.run(["msgfmt", "--check", "--no-hash", "-o", out, po], check=True)
    same = "same .mo as msgfmt --no-hash" if out.read_bytes() == mo.read_bytes() else (
        "MO DIFFERS FROM MSGFMT'S")
    size = f"{n // 1000}k messages" + ("" if profile == "docs" else f", {profile} profile")
    rows = [
        compare(f"compile, {size}", cold, "msgfmt --check", msgfmt, goal="<= 1.5x msgfmt",
                factor=1.5, notes=f"{_PROFILE_NOTE[profile]}; {same}"),
        compare(f"compile again, unchanged, {size}", warm, "msgfmt --check", msgfmt,
                goal="<= 0.2x msgfmt", factor=0.2),
    ]
    return rows, po, cold


_PROFILE_NOTE = {"docs": "23% of messages with a format flag, 2% plural",
                 "formats": "63% of messages with a format flag, 5% plural"}


def run(quick: bool = False) -> list[Result]:
    n = 5_000 if quick else 50_000
    repeat = 1 if quick else 3
    results, po, cold = _compile_rows(n, "docs", repeat=repeat)
    results += _compile_rows(n, "formats", repeat=repeat)[0]
    out = po.parents[3] / "peer.mo"  # the project folder
    size = f"{n // 1000}k messages"
    pybabel = shutil.which("pybabel", path=str(VENV_BIN))
    if pybabel:
        peer = command_times([pybabel, "compile", "-i", po, "-o", out], repeat=repeat,
                             check=False)
        results.append(compare(f"compile, {size}", cold, "pybabel compile", peer,
                               notes="no format checks of msgfmt's kind"))
    if not quick:
        script = "import polib,sys; polib.pofile(sys.argv[1]).save_as_mofile(sys.argv[2])"
        peer = command_times([sys.executable, "-c", script, po, out], repeat=1)
        results.append(compare(f"compile, {size}", cold, "polib save_as_mofile", peer,
                               notes="one run; no checks"))
    return results


def main() -> None:
    standalone(run, __doc__, quick="5k messages, one run")


if __name__ == "__main__":
    main()

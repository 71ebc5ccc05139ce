"""Lossless .po reading and writing of a 50k-message catalog beside GNU msgcat and polib.

Principles: every tool reads and writes the same generated translation
(``write_corpus``, about 18 MB), each in a process of its own: ours is a fresh Python
process running ``read_po`` + ``write_po`` (interpreter start-up and imports included;
no command does only this), against ``msgcat F -o OUT`` (GNU's read + canonical
write): once writing back an unchanged catalog (every entry reused byte for byte) and
once with every entry changed (every entry formatted afresh, GNU style).  polib's
``pofile()`` + ``save()`` runs the same way in its own process; it is slow, so it runs
once.  Peak memory of our process and msgcat's is reported too.  The reader and the
writer are also timed in process, compared with nothing.  Goal: read + write of an
unchanged catalog faster than msgcat; everything about a second per 10 MB.

Usage: ``python -m benchmarks.bench_po [--quick]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.generate import write_corpus
from benchmarks.harness import WORK, Result, median_time, peak_rss_mb, standalone, time_command

__all__ = ["run"]

_SCRIPT = """
import sys
from pathlib import Path
from summit_i18n.po import read_po, write_po
catalog = read_po(Path(sys.argv[1]))
if sys.argv[3] == "change":
    for entry in catalog.entries:
        entry.raw = None
write_po(catalog, Path(sys.argv[2]))
"""


def _catalog(n: int) -> Path:
    _, translated, _ = write_corpus(n, WORK / f"po-{n // 1000}k")
    return translated


def run(quick: bool = False) -> list[Result]:
    from summit_i18n.po import read_po, write_po

    n = 5_000 if quick else 50_000
    repeat = 1 if quick else 3
    source = _catalog(n)
    out = source.with_name("out.po")
    size = f"{n // 1000}k messages, {source.stat().st_size / 1e6:.0f} MB"
    results: list[Result] = []

    msgcat = time_command(["msgcat", source, "-o", out], repeat=repeat)
    for mode, label in (("keep", "unchanged"), ("change", "every entry changed")):
        ours = time_command([sys.executable, "-c", _SCRIPT, source, out, mode], repeat=repeat)
        result = Result(f"read + write, {label}, {size}", ours, "msgcat", msgcat,
                        goal="< msgcat" if mode == "keep" else "")
        if mode == "keep":
            result.met = result.ratio is not None and result.ratio < 1
            assert out.read_bytes() == source.read_bytes(), "round trip is not byte-identical"
        else:
            # msgcat's own formatting of the same file is what we must have written
            result.notes = "output identical to msgcat's" if (
                out.read_bytes() == source.read_bytes()) else "OUTPUT DIFFERS FROM MSGCAT"
        results.append(result)

    parse = median_time(lambda: read_po(source), repeat=repeat)
    catalog = read_po(source)
    write = median_time(lambda: write_po(catalog, out), repeat=repeat,
                        setup=lambda: out.unlink(missing_ok=True))
    for entry in catalog.entries:
        entry.raw = None
    fresh = median_time(lambda: write_po(catalog, out), repeat=repeat,
                        setup=lambda: out.unlink(missing_ok=True))
    results.append(Result(f"read (in process), {size}", parse))
    results.append(Result(f"write unchanged (in process), {size}", write))
    results.append(Result(f"write, every entry formatted (in process), {size}", fresh))

    ours_s, ours_mb = peak_rss_mb([sys.executable, "-c", _SCRIPT, source, out, "keep"])
    peer_s, peer_mb = peak_rss_mb(["msgcat", source, "-o", out])
    memory = Result(f"peak memory, read + write, {size}", ours_s, "msgcat", peer_s,
                    notes=f"ours {ours_mb:.0f} MB, msgcat {peer_mb:.0f} MB")
    memory.extra = {"ours_mb": ours_mb, "msgcat_mb": peer_mb}
    results.append(memory)

    if not quick:
        script = "import polib,sys; c = polib.pofile(sys.argv[1]); c.save(sys.argv[2])"
        polib_time = time_command([sys.executable, "-c", script, source, out], repeat=1)
        ours = time_command([sys.executable, "-c", _SCRIPT, source, out, "keep"], repeat=1)
        polib_diff = out.read_bytes() != source.read_bytes()
        results.append(Result(f"read + write, {size}", ours, "polib pofile() + save()",
                              polib_time, notes="one run; polib rewrites the file"
                              if polib_diff else "one run"))
    out.unlink(missing_ok=True)
    return results


def main() -> None:
    standalone(run, __doc__, quick="5k messages, one run")


if __name__ == "__main__":
    main()

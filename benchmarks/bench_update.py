"""``update`` beside ``msgmerge`` and translate-toolkit's ``pot2po`` on the same catalogs.

Principles: one synthetic corpus per size (:func:`benchmarks.generate.write_corpus`:
a fully translated French catalog and the next release's template, ~10% of the
English edited, 5% removed, 5% added), so every tool merges the same bytes.  Ours is
timed as a user runs it, the way the peers are: the ``summit-i18n update`` console
script in a new process (interpreter start-up and imports included), on a fresh copy
of the catalog each time.  The same merge in process
(:func:`summit_i18n.update.update_project`) is given in the notes, compared with
nothing.  Peers: ``msgmerge --previous`` (fuzzy; quadratic, so at 1k and 10k only,
10k once), ``msgmerge --previous --no-fuzzy-matching``, and ``pot2po`` (under a time
limit at 50k).  The no-change update (the template the catalog came from) is timed
against ``msgcat`` reading and writing the same catalog, twice: with no record of
the last run (both files parsed and merged), and as it runs every time after (the
record shows nothing changed, nothing is parsed).  Fuzzy counts of ours and
msgmerge's outputs are compared in the notes.  The table gives wall times; each note
gives both sides' CPU time (user + system), on which the goals are judged, since a
busy machine stretches wall times unevenly and CPU times far less.

Usage: ``python -m benchmarks.bench_update [--quick]``.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import time
from pathlib import Path

from benchmarks.generate import one_language_project, write_corpus
from benchmarks.harness import (
    VENV_BIN,
    WORK,
    Result,
    command_times,
    compare,
    fmt_seconds,
    median_time,
    standalone,
    time_command,
)
from summit_i18n import po
from summit_i18n.config import find_project
from summit_i18n.update import update_project
from summit_i18n.workspace import STATE_DIR, STATE_NAME

__all__ = ["run"]

POT2PO_LIMIT = 300.0  #: seconds pot2po may take at 50k before it is reported as over it
DOMAIN = "bench"


def _fuzzy_count(path: Path) -> int:
    return len(po.read_po(path).fuzzy_entries())


def _label(n: int) -> str:
    return f"{n // 1000}k messages"


def _timed_once(args: list[str], limit: float) -> tuple[float, float] | None:
    """(wall, CPU) seconds of one run, or None when it is still running after ``limit``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        subprocess.run(args, check=True, timeout=limit,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def _bench_size(n: int, *, repeat: int, quick: bool) -> list[Result]:
    work = WORK / f"update-{n}"
    template, translated, upcoming = write_corpus(n, work / "corpus")
    label = _label(n)
    results: list[Result] = []

    # -- fuzzy update of the next release ------------------------------------------
    root = one_language_project(work / "project", upcoming, translated)
    project = find_project(explicit=root)
    target = project.po_path("fr", DOMAIN)

    def fresh() -> None:
        shutil.copyfile(translated, target)

    command = [VENV_BIN / "summit-i18n", "-C", root, "update"]
    ours = command_times(command, repeat=repeat, setup=fresh)
    in_process = median_time(lambda: update_project(project), repeat=repeat, setup=fresh)
    fresh()
    time_command(command, repeat=1)
    ours_fuzzy = _fuzzy_count(target)
    in_note = f"in process (update_project, no start-up): {fmt_seconds(in_process)}"

    nofuzzy = command_times(["msgmerge", "--previous", "--no-fuzzy-matching", "-q", "-o",
                             work / "msgmerge-nofuzzy.po", translated, upcoming], repeat=repeat)
    results.append(compare(
        f"update (fuzzy), {label}", ours, "msgmerge --no-fuzzy-matching", nofuzzy,
        goal="<= 3x msgmerge --no-fuzzy-matching" if n == 10_000 else "",
        factor=3.0 if n == 10_000 else None, notes=in_note,
    ))

    if n <= 10_000:
        # msgmerge's fuzzy search is quadratic: once is enough at 10k (about two minutes).
        out = work / "msgmerge-previous.po"
        fuzzy_repeat = repeat if n < 10_000 else 1
        mm = command_times(["msgmerge", "--previous", "-q", "-o", out, translated, upcoming],
                           repeat=fuzzy_repeat)
        theirs_fuzzy = _fuzzy_count(out)
        results.append(compare(
            f"update (fuzzy), {label}", ours, "msgmerge --previous", mm,
            goal="<= 0.5x msgmerge --previous" if n == 1_000 else "",
            factor=0.5 if n == 1_000 else None,
            notes=f"fuzzy entries: ours {ours_fuzzy}, msgmerge {theirs_fuzzy}; {in_note}",
        ))
    elif n == 50_000:
        results.append(Result(
            f"update (fuzzy), {label}", ours[0], goal="< 15 s", met=ours[0] < 15.0,
            notes=in_note,
        ))

    pot2po = shutil.which("pot2po", path=str(VENV_BIN)) or shutil.which("pot2po")
    if pot2po and (n >= 10_000 or quick):
        out = work / "pot2po.po"
        args = [pot2po, "--progress=none", "-t", str(translated), str(upcoming), str(out)]
        if n >= 50_000:
            peer = _timed_once(args, POT2PO_LIMIT)
            note = "" if peer is not None else f"pot2po over {POT2PO_LIMIT:.0f} s: stopped"
        else:
            peer = command_times(args, repeat=1)
            note = ""
        results.append(compare(f"update (fuzzy), {label}", ours, "translate-toolkit pot2po",
                            peer, notes=note))

    # -- nothing changed --------------------------------------------------------------
    same = one_language_project(work / "unchanged", template, translated)
    unchanged = [VENV_BIN / "summit-i18n", "-C", same, "update"]
    # The catalog as update leaves it (its header takes the template's date once).
    time_command(unchanged, repeat=1)
    catalog = same / "locale" / "fr" / "LC_MESSAGES" / f"{DOMAIN}.po"
    unchanged_project = find_project(explicit=same)
    state = same / STATE_DIR / STATE_NAME
    before = catalog.read_bytes()
    msgcat = command_times(["msgcat", "-o", work / "msgcat.po", catalog], repeat=repeat)

    def forget() -> None:
        state.unlink(missing_ok=True)

    # First with no record of the last run: both files parsed and merged.
    full = command_times(unchanged, repeat=repeat, setup=forget)
    full_in = median_time(lambda: update_project(unchanged_project), repeat=repeat,
                          setup=forget)
    results.append(compare(f"update (no change, full merge), {label}", full,
                        "msgcat (same file)", msgcat, goal="faster than msgcat", factor=1.0,
                        notes="no record of the last run: template and catalog parsed; "
                              f"in process: {fmt_seconds(full_in)}"))
    # Then as it runs every time after: the record says nothing changed since.
    still = command_times(unchanged, repeat=repeat)
    still_in = median_time(lambda: update_project(unchanged_project), repeat=repeat)
    assert catalog.read_bytes() == before, "a no-change update must not change a byte"
    results.append(compare(f"update (no change), {label}", still, "msgcat (same file)", msgcat,
                        goal="faster than msgcat", factor=1.0,
                        notes="the state's record of the last run that changed nothing is current; "
                              f"in process: {fmt_seconds(still_in)}"))
    return results


def run(quick: bool = False) -> list[Result]:
    """1k, 10k and 50k messages (quick: 1k and 5k, msgmerge's fuzzy run at 1k only)."""
    sizes = (1_000, 5_000) if quick else (1_000, 10_000, 50_000)
    results: list[Result] = []
    for n in sizes:
        results += _bench_size(n, repeat=1 if quick else 3, quick=quick)
    fuzzy = {r.benchmark: r for r in results
             if r.benchmark.startswith("update (fuzzy)") and "ours_cpu_s" in r.extra}
    small, large = fuzzy.get(f"update (fuzzy), {_label(10_000)}"), fuzzy.get(
        f"update (fuzzy), {_label(50_000)}")
    if small and large:
        growth = large.extra["ours_cpu_s"] / small.extra["ours_cpu_s"]
        results.append(Result("update (fuzzy), growth 10k -> 50k", large.ours, "ours at 10k",
                              small.ours, goal="near linear (5x the messages) (CPU time)",
                              met=growth <= 7.5,
                              notes=f"{growth:.1f}x the CPU time for 5x the messages "
                                    f"(wall {large.ours / small.ours:.1f}x)"))
    return results


def main() -> None:
    standalone(run, __doc__, quick="1k and 5k messages")


if __name__ == "__main__":
    main()

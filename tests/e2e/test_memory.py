"""Peak memory of ``update``, ``check``, ``compile`` and ``status`` beside GNU msgfmt.

A 100,000-message generated catalog (36 MB; ``benchmarks/bench_size.py`` measures
the 200,000-message one), each command run as a user runs it, in its own process,
its peak resident memory compared with ``msgfmt --check``'s on the same file.  A
memory bound, not a timing.

The goal is 3x msgfmt's peak (:data:`GOAL`), for every command.  ``check``,
``compile`` and ``status`` take 1.7x here; ``update``, which holds the template,
the old catalog and the merged one at once, 2.8x here and 2.5x at 200k messages
(the interpreter and its libraries, some 45 MB that msgfmt does not need, weigh
more in a smaller catalog).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from benchmarks.bench_size import measure

GOAL = 3.0
#: the peak of each command, at most this many times msgfmt's (see above)
BOUND = {"update": GOAL, "check": GOAL, "compile": GOAL, "status": GOAL}


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[float, float]]]:
    folder = tmp_path_factory.mktemp("memory")
    yield measure(folder, 100_000)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.slow
@pytest.mark.parametrize("command", list(BOUND))
def test_peak_memory_beside_msgfmt(figures: dict[str, tuple[float, float]], command: str) -> None:
    _, msgfmt_mb = figures["msgfmt"]
    _, ours_mb = figures[command]
    ratio = ours_mb / msgfmt_mb
    print(f"{command}: {ours_mb:.0f} MB, msgfmt {msgfmt_mb:.0f} MB, {ratio:.1f}x (goal {GOAL}x)")
    assert msgfmt_mb > 20, "msgfmt read the catalog (a bigger peak than an empty run)"
    assert ratio <= BOUND[command], f"{command} peaks at {ratio:.1f}x msgfmt's memory"


def test_measure_really_runs_the_commands(tmp_path: Path) -> None:
    """The measurement itself: a small catalog, each command's run visible in its project."""
    got = measure(tmp_path, 300)
    assert set(got) == {"msgfmt", *BOUND}
    assert all(seconds > 0 and mb > 5 for seconds, mb in got.values())
    assert (tmp_path / "project-compile" / "locale" / "fr" / "LC_MESSAGES").is_dir()
    assert list((tmp_path / "project-update" / "locale" / "fr" / "LC_MESSAGES").glob("*.po"))

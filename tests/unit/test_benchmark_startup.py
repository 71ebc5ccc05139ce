"""benchmarks/bench_startup.py: every goal is judged on CPU time against its limit, every
peer is a whole process, and the project is a fresh copy of this repository's."""

from __future__ import annotations

from pathlib import Path

from benchmarks.bench_startup import (
    COMMANDS,
    NO_OP_GOAL,
    STATUS_GOAL,
    Command,
    _peer_command,
    copy_project,
    startup_row,
)
from benchmarks.harness import IN_PROCESS, REPO


def test_goals_are_those_of_the_issue() -> None:
    goals = {c.args: c.goal for c in COMMANDS}
    for args in (("--version",), ("--help",), ("extract",), ("update",), ("compile",),
                 ("build", "--use-fuzzy")):
        assert goals[args] == NO_OP_GOAL == 0.150
    assert goals[("status",)] == STATUS_GOAL == 0.200
    assert goals[("check",)] is None
    assert goals[("report",)] is None
    assert not any(IN_PROCESS in c.label for c in COMMANDS)  # whole processes only


def test_goal_is_judged_on_cpu_time() -> None:
    command = Command("compile, nothing to do", ("compile",), 0.150, "msgfmt --check")
    fast = startup_row(command, (0.400, 0.140), (0.050, 0.040))  # a busy machine: wall stretched
    assert fast.met is True
    assert fast.goal == "<= 150 ms (CPU time)"
    assert fast.peer == "msgfmt --check"
    assert fast.ratio == 0.400 / 0.050
    assert fast.notes == "CPU time 140 ms vs 40 ms (3.50x)"
    slow = startup_row(command, (0.120, 0.160))
    assert slow.met is False
    assert (slow.peer, slow.ratio) == (None, None)
    assert slow.notes == "CPU time 160 ms"
    alone = startup_row(Command("check", ("check",)), (1.0, 0.9), notes="exit 1")
    assert (alone.met, alone.goal) == (None, "")
    assert alone.notes == "exit 1; CPU time 900 ms"


def test_peer_runs_msgfmt_once_per_catalog() -> None:
    files = [Path("a.po"), Path("b.po")]
    args = _peer_command("msgfmt --check -o /dev/null, each catalog", files)
    assert args[:2] == ["sh", "-c"]
    assert args[4:] == ["--check -o /dev/null", "a.po", "b.po"]
    assert _peer_command("msgfmt --version", files) == ["msgfmt", "--version"]


def test_project_is_a_fresh_copy_of_the_repositorys(tmp_path: Path) -> None:
    root = tmp_path / "p"
    (root / "stale").mkdir(parents=True)
    catalogs = copy_project(root)
    assert not (root / "stale").exists()
    assert (root / "pyproject.toml").read_bytes() == (REPO / "pyproject.toml").read_bytes()
    assert catalogs == sorted((root / "locale").glob("*/LC_MESSAGES/*.po"))
    assert len(catalogs) == len(list((REPO / "locale").glob("*/LC_MESSAGES/*.po"))) > 0
    assert not list(root.glob("locale/**/*.mo"))

"""Start-up: each command on this repository's own project when it has nothing to do.

Principles: a command that finds nothing to do should answer about as fast as the
interpreter starts, so that ``summit-i18n`` can run in every editor's save hook and
every ``make``.  The project is a fresh copy of this repository's (``pyproject.toml``'s
``[tool.summit-i18n]``, ``source/``, ``locale/``), brought up to date once as ``make
site`` does (``extract``, ``update``, ``build --use-fuzzy``) and compiled; every command
then runs once untimed (Python writes its bytecode, as in a user's installation) and is
timed as a user runs it: the ``summit-i18n`` console script in a fresh process.  Peers
are whole processes too: GNU gettext's ``msgfmt --version`` and ``--help``;
``msgfmt --check -o /dev/null`` over each catalog of the project (``compile``'s job when
one changed); ``msgfmt --statistics -o /dev/null`` over each catalog (``status`` counts
the same and runs the checks).  ``python -c pass`` and ``python -c 'import typer'`` are
shown as the floors of any Python command and of any command built on typer, not as
peers; each row says how much CPU time it takes above the second.  Goals: every
command with nothing to do (``--version``, ``--help``, ``extract``, ``update``,
``compile``, ``build``) at most 150 ms, ``status`` at most 200 ms, judged on CPU time
(user + system; a busy machine stretches wall times unevenly), the wall times beside
them; ``check`` and ``report`` do their whole work each time and have no goal here.

Usage: ``python -m benchmarks.bench_startup [--quick]``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.harness import (
    CPU_GOAL,
    REPO,
    VENV_BIN,
    WORK,
    Result,
    command_times,
    compare,
    fmt_seconds,
    standalone,
)

__all__ = ["COMMANDS", "Command", "copy_project", "run", "startup_row"]

#: the goal of a command with nothing to do, and of status (which reads every catalog)
NO_OP_GOAL = 0.150
STATUS_GOAL = 0.200


@dataclass(frozen=True)
class Command:
    """One command line of the benchmark, its goal (CPU seconds) and its peer."""

    label: str
    args: tuple[str, ...]
    goal: float | None = None
    peer: str | None = None  #: "msgfmt --check": one run per catalog; see _peer_command


COMMANDS: tuple[Command, ...] = (
    Command("--version", ("--version",), NO_OP_GOAL, "msgfmt --version"),
    Command("--help", ("--help",), NO_OP_GOAL, "msgfmt --help"),
    Command("extract, nothing to do", ("extract",), NO_OP_GOAL),
    Command("update, nothing to do", ("update",), NO_OP_GOAL),
    Command("compile, nothing to do", ("compile",), NO_OP_GOAL,
            "msgfmt --check -o /dev/null, each catalog"),
    Command("build --use-fuzzy, nothing to do", ("build", "--use-fuzzy"), NO_OP_GOAL),
    Command("status", ("status",), STATUS_GOAL,
            "msgfmt --statistics -o /dev/null, each catalog"),
    Command("check (all its work each time)", ("check",)),
    Command("report (all its work each time)", ("report",)),
)


def copy_project(root: Path) -> list[Path]:
    """A fresh copy of this repository's project at ``root``; its catalogs."""
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    shutil.copy2(REPO / "pyproject.toml", root / "pyproject.toml")
    for folder in ("source", "templates", "locale"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder,
                            ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
    return sorted((root / "locale").glob("*/LC_MESSAGES/*.po"))


def _environment() -> dict[str, str]:
    """This process's environment, bytecode written (as an installed package runs)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _peer_command(peer: str, catalogs: Sequence[Path]) -> list[str]:
    """The peer's command line: ``msgfmt OPTIONS`` run once per catalog (as a make rule
    runs it) when it says "each catalog", else as written."""
    if not peer.endswith(", each catalog"):
        return peer.split()
    options = peer.removesuffix(", each catalog").split()[1:]
    script = 'opts=$1; shift; for f; do msgfmt $opts "$f" || exit 1; done'
    return ["sh", "-c", script, "sh", " ".join(options), *map(str, catalogs)]


def startup_row(command: Command, ours: tuple[float, float],
                theirs: tuple[float, float] | None = None, *, notes: str = "") -> Result:
    """A row of (wall, CPU) times; its goal, a CPU time at most ``command.goal``."""
    peer = command.peer if theirs is not None else None
    row = compare(f"start-up: {command.label}", ours, peer, theirs, notes=notes)
    if theirs is None:
        row.notes = "; ".join([*([row.notes] if row.notes else []),
                               f"CPU time {fmt_seconds(ours[1])}"])
        row.extra = {"ours_cpu_s": ours[1]}
    if command.goal is not None:
        row.goal = f"<= {command.goal * 1000:.0f} ms ({CPU_GOAL})"
        row.met = ours[1] <= command.goal
    return row


def run(quick: bool = False) -> list[Result]:
    repeat = 5 if quick else 15
    root = WORK / "startup-project"
    catalogs = copy_project(root)
    env = _environment()
    script = VENV_BIN / "summit-i18n"
    # Brought up to date as `make site` does, and compiled.
    for args in (("extract",), ("update",), ("build", "--use-fuzzy"), ("compile",)):
        subprocess.run([script, *args], cwd=root, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    floor = command_times([VENV_BIN / "python", "-c", "pass"], repeat=repeat, env=env)
    results = [Result("start-up: python -c pass (the interpreter alone)", floor[0],
                      notes=f"the floor of any Python command, not a peer; CPU time "
                            f"{fmt_seconds(floor[1])}",
                      extra={"ours_cpu_s": floor[1]})]
    # typer (the command-line framework every command is built on), imported alone
    framework = command_times([VENV_BIN / "python", "-c", "import typer"], repeat=repeat,
                              env=env)
    results.append(Result("start-up: python -c 'import typer' (the framework alone)",
                          framework[0], notes="the floor of any typer command, not a peer; "
                          f"CPU time {fmt_seconds(framework[1])}",
                          extra={"ours_cpu_s": framework[1]}))
    for command in COMMANDS:
        args = [script, *command.args]
        # untimed: bytecode written; the exit code is what a user would see
        first = subprocess.run(args, cwd=root, env=env, check=False,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ours = command_times(args, repeat=repeat, cwd=root, env=env, check=False)
        theirs = None
        if command.peer is not None and shutil.which("msgfmt"):
            theirs = command_times(_peer_command(command.peer, catalogs), repeat=repeat,
                                   cwd=root, env=env)
        notes = f"exit {first.returncode}; " if first.returncode else ""
        notes += f"{fmt_seconds(max(ours[1] - framework[1], 0.0))} CPU above typer's import"
        results.append(startup_row(command, ours, theirs, notes=notes))
    return results


def main() -> None:
    standalone(run, __doc__, quick="5 runs of each command (else 15)")


if __name__ == "__main__":
    main()

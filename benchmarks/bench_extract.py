"""``extract`` of large Markdown documents beside po4a and mdpo on the same files.

Principles: one generated document per size (10k and 50k blocks: headings,
paragraphs with inline Markdown, lists, tables, block quotes, fenced and
indented code), deterministic for a seed, so every tool reads the same bytes.
Ours is timed as a user runs it — the ``summit-i18n extract`` console script
in a fresh process, with no .pot present — and also in process
(:func:`extract_project`), reported as an extra.  po4a's POT extraction is
``po4a-updatepo`` (po4a 0.69's ``po4a-gettextize`` refuses to run without a
translated file); mdpo's ``md2po`` is slow, so it runs at 10k only, once, under
a time limit.

Usage: ``python -m benchmarks.bench_extract [--quick]``.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.harness import VENV_BIN, WORK, Result, median_time, standalone, time_command
from summit_i18n.config import find_project
from summit_i18n.extract import extract_project

__all__ = ["make_document", "run"]

MDPO_LIMIT = 600.0  #: seconds mdpo may take at 10k before it is reported as over the limit
_WORD_TEXT = (
    "summit organ transplant ethics medical community government report evidence "
    "international conference speaker panel research human rights patient donor hospital "
    "policy law investigation journalist doctor association mission awareness public "
    "tourism registry waiting time program volume official statement independent tribunal "
    "the of and to in for with on by from is are was that this as an at which will their"
)
_WORDS = _WORD_TEXT.split()


def _sentence(rng: random.Random, low: int = 8, high: int = 24) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(low, high))]
    for _ in range(rng.randint(0, 2)):  # inline Markdown, as documentation has it
        i = rng.randrange(len(words))
        words[i] = rng.choice([f"**{words[i]}**", f"*{words[i]}*", f"`{words[i]}()`",
                               f"[{words[i]}](https://example.org/{words[i]})"])
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    text = " ".join(_sentence(rng) for _ in range(rng.randint(1, 4)))
    # wrap at ~72 columns like hand-written Markdown
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) > 72:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


def make_document(blocks: int, *, seed: int = 0) -> str:
    """A Markdown document of ``blocks`` blocks (a list or table counts as one)."""
    rng = random.Random(seed)
    out = [f"---\ntitle: Benchmark document of {blocks} blocks\nslug: bench\n---\n"]
    for n in range(blocks):
        kind = rng.random()
        if kind < 0.10:
            out.append(f"{'#' * rng.randint(1, 4)} {_sentence(rng, 2, 7)[:-1]} {n}")
        elif kind < 0.55:
            out.append(_paragraph(rng))
        elif kind < 0.70:
            bullet = rng.choice(["-", "*", "1."])
            out.append("\n".join(f"{bullet} {_sentence(rng, 3, 12)}"
                                 for _ in range(rng.randint(2, 5))))
        elif kind < 0.80:
            rows = ["| Name | Value | Notes |", "|---|---:|---|"]
            rows += [f"| {rng.choice(_WORDS)} {n} | {rng.randint(1, 9999)} | "
                     f"{_sentence(rng, 2, 8)} |" for _ in range(rng.randint(2, 4))]
            out.append("\n".join(rows))
        elif kind < 0.85:
            out.append("> " + _paragraph(rng).replace("\n", "\n> "))
        elif kind < 0.95:
            body = "\n".join(f"print({rng.choice(_WORDS)!r}, {i})" for i in range(4))
            out.append(f"```python\n{body}\n```")
        else:
            out.append("    $ summit-i18n extract\n    $ summit-i18n update")
    return "\n\n".join(out) + "\n"


def _project(blocks: int) -> Path:
    root = WORK / f"extract-{blocks}"
    if root.exists():
        shutil.rmtree(root)
    (root / "source").mkdir(parents=True)
    (root / "summit-i18n.toml").write_text("", encoding="utf-8")
    (root / "source" / "bench.md").write_text(make_document(blocks), encoding="utf-8")
    return root


def _clean(root: Path) -> None:
    for pot in (root / "locale").glob("*.pot") if (root / "locale").is_dir() else []:
        pot.unlink()


def _bench_size(blocks: int, *, repeat: int, with_mdpo: bool) -> list[Result]:
    root = _project(blocks)
    source = root / "source" / "bench.md"
    cli = [VENV_BIN / "summit-i18n", "-C", root, "extract"]
    ours = time_command(cli, repeat=repeat, setup=lambda: _clean(root))
    in_process = median_time(
        lambda: extract_project(find_project(explicit=root), now=datetime(2024, 1, 1, tzinfo=UTC)),
        repeat=repeat, setup=lambda: _clean(root))
    messages = sum(1 for line in (root / "locale" / "bench.pot").read_text().splitlines()
                   if line.startswith("msgid ")) - 1
    po4a_pot = root / "po4a.pot"
    po4a = time_command(
        ["po4a-updatepo", "-f", "text", "-o", "markdown", "-m", source, "-p", po4a_pot,
         "-M", "UTF-8"],
        repeat=repeat, setup=lambda: po4a_pot.unlink(missing_ok=True))
    results = [Result(
        benchmark=f"extract, {blocks // 1000}k Markdown blocks",
        ours=ours, peer="po4a-updatepo (po4a 0.69)", peer_time=po4a,
        goal="faster than po4a", met=ours < po4a,
        notes=(f"{messages} messages; console script in a fresh process; "
               f"in process {in_process:.2f} s"),
        extra={"in_process": in_process, "messages": float(messages)},
    )]
    if with_mdpo:
        results.append(_bench_mdpo(blocks, source, ours))
    return results


def _bench_mdpo(blocks: int, source: Path, ours: float) -> Result:
    out = source.parent.parent / "mdpo.po"
    args = [sys.executable, "-m", "mdpo.md2po", str(source), "-q", "-s", "--po-filepath", str(out)]
    start = time.perf_counter()
    try:
        subprocess.run(args, check=True, timeout=MDPO_LIMIT,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        mdpo: float | None = time.perf_counter() - start
        note = "mdpo 2.x md2po, one run (slow)"
    except subprocess.TimeoutExpired:
        mdpo = None
        note = f"mdpo md2po did not finish within {MDPO_LIMIT:.0f} s"
    except (subprocess.CalledProcessError, FileNotFoundError) as exc:
        mdpo = None
        note = f"mdpo md2po could not run ({exc}); `pip install mdpo`"
    return Result(benchmark=f"extract, {blocks // 1000}k Markdown blocks", ours=ours,
                  peer="mdpo md2po", peer_time=mdpo, goal="faster than mdpo",
                  met=None if mdpo is None else ours < mdpo, notes=note)


def run(quick: bool = False) -> list[Result]:
    """10k and 50k blocks against po4a; 10k against mdpo (quick: 1k and 5k, no mdpo)."""
    sizes = (1_000, 5_000) if quick else (10_000, 50_000)
    results = []
    for blocks in sizes:
        results += _bench_size(blocks, repeat=1 if quick else 3,
                               with_mdpo=not quick and blocks == 10_000)
    return results


def main() -> None:
    standalone(run, __doc__, quick="1k and 5k blocks, no mdpo")


if __name__ == "__main__":
    main()

"""benchmarks/RESULTS.md: a partial run (``--only``) keeps every other row and its note; no
in-process time stands beside a peer's whole process."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.__main__ import merge, read_previous, render_markdown
from benchmarks.harness import Result

ROWS = [
    Result("update (fuzzy), 10k messages", 0.41, "msgmerge --previous", 30.0, "<= 0.5x", True,
           "fuzzy entries: ours 1273, msgmerge 1267"),
    Result("update (fuzzy), 10k messages", 0.41, "translate-toolkit pot2po", 5.4, "", None,
           "one run"),
    Result("update, 200k messages (73 MB): time", 19.8, "msgfmt --check", 2.7, "memory", True,
           "peak memory 466 MB vs msgfmt 186 MB (2.5x)"),
    Result("crash safety, 50 SIGKILLed runs", 124.5, None, None, "no loss", True, "passed"),
    Result("prefill again on a warm cache", 1.33, None, None, "0 requests", False, ""),
]


def test_report_reads_back_every_row_and_note(tmp_path: Path) -> None:
    path = tmp_path / "RESULTS.md"
    text = render_markdown(ROWS, when="today", machine="here", failures=["x: boom"])
    path.write_text(text, encoding="utf-8")
    rows, measured = read_previous(path)
    assert measured.startswith("Measured today on here")
    assert [(r.benchmark, r.peer, r.notes, r.met, r.goal) for r in rows] == [
        (r.benchmark, r.peer, r.notes, r.met, r.goal) for r in ROWS]
    # rendering what was read gives the same report: nothing grows or goes missing
    assert render_markdown(rows, when="today", machine="here", failures=["x: boom"]) == text


def test_partial_run_replaces_only_its_rows(tmp_path: Path) -> None:
    fresh = Result("update (fuzzy), 10k messages", 0.39, "translate-toolkit pot2po", 5.1, "",
                   None, "again")
    merged = merge(ROWS, [fresh])
    assert merged[1] is fresh
    assert [r.notes for r in merged] == [ROWS[0].notes, "again", *[r.notes for r in ROWS[2:]]]


def test_an_in_process_time_has_no_peer() -> None:
    # peers are whole processes: a time without interpreter start-up is no ratio to them
    with pytest.raises(ValueError, match="in-process time is compared with nothing"):
        Result("update (fuzzy), 10k messages (in process)", 0.41, "msgmerge", 0.41)
    alone = Result("read (in process), 50k messages", 0.4)
    assert alone.ratio is None


def test_report_says_every_time_is_a_whole_process() -> None:
    text = render_markdown(ROWS, when="today", machine="here", failures=[])
    assert "Every time is a whole process" in text
    assert "*in process*" in text

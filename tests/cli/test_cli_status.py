"""``summit-i18n status``: table, JSON schema, --fail-under, msgfmt's counts."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from summit_i18n.cli import app
from tests.unit.catalogs import demo_project

runner = CliRunner()
MakeProject = Callable[..., Path]


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_table(make_project: MakeProject) -> None:
    root = demo_project(make_project, config='languages = ["fr", "ko"]\n')
    code, out, err = invoke("-C", str(root), "status")
    assert (code, err) == (0, "")
    header, fr, ko, total = out.splitlines()
    assert header.split() == ["language", "domain", "total", "reviewed", "machine", "stale",
                              "fuzzy", "untranslated", "words", "percent", "errors"]
    assert fr.split() == ["fr", "demo", "5", "2", "1", "1", "2", "1", "21", "40.0%", "2"]
    assert ko.split()[:3] == ["ko", "demo", "5"]
    # the totals row: every count summed, the percent of the sums
    ko_counts = [int(c) for c in ko.split()[2:9]]
    sums = [str(a + b) for a, b in zip([5, 2, 1, 1, 2, 1, 21], ko_counts, strict=True)]
    assert total.split()[:8] == ["total", *sums]
    reviewed, messages = 2 + ko_counts[1], 5 + ko_counts[0]
    assert total.split()[8] == f"{round(100 * reviewed / messages, 1)}%"


def test_one_catalog_has_no_totals_row(make_project: MakeProject) -> None:
    root = demo_project(make_project, config='languages = ["fr", "ko"]\n')
    out = invoke("-C", str(root), "status", "-l", "FR")[1]
    assert [line.split()[0] for line in out.splitlines()] == ["language", "fr"]


def test_json_schema(make_project: MakeProject) -> None:
    root = demo_project(make_project)
    code, out, _ = invoke("-C", str(root), "status", "--format", "json", "-l", "fr")
    assert code == 0
    (row,) = json.loads(out)
    assert row["language"] == "fr"
    assert row["domain"] == "demo"
    assert (row["total"], row["translated"], row["fuzzy"], row["untranslated"]) == (5, 2, 2, 1)
    assert (row["reviewed"], row["machine"], row["stale"]) == (2, 1, 1)
    assert row["percent"] == 40.0
    assert isinstance(row["words"], int)
    assert row["errors"] == 2


def test_fail_under(make_project: MakeProject) -> None:
    root = demo_project(make_project)
    assert invoke("-C", str(root), "status", "--fail-under", "40")[0] == 0
    code, _, err = invoke("-C", str(root), "status", "--fail-under", "41")
    assert code == 1
    assert "locale/fr/LC_MESSAGES/demo.po: 40.0% reviewed, below 41%" in err
    assert invoke("-C", str(root), "status", "--fail-under", "150")[0] == 2


def test_corpus_counts_are_msgfmt_statistics(corpus_dir: Path) -> None:
    files = sorted((corpus_dir / "po").glob("*.po"))
    code, out, _ = invoke("status", "--format", "json", *map(str, files))
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 12
    for path, row in zip(files, rows, strict=True):
        stats = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", str(path)],
                               capture_output=True, text=True, check=True).stderr
        numbers = {word: int(n) for n, word in
                   re.findall(r"(\d+) (translated|fuzzy|untranslated)", stats)}
        assert numbers.get("translated", 0) == row["translated"], path.name
        assert numbers.get("fuzzy", 0) == row["fuzzy"], path.name
        assert numbers.get("untranslated", 0) == row["untranslated"], path.name

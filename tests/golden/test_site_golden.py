"""Golden site: a small fixture project built into pages compared byte for byte.

Run ``pytest tests/golden/test_site_golden.py --update-golden`` after an intended change
to the templates or the renderer, and review the diff of ``tests/golden/site/expected-*``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from summit_i18n.config import find_project
from summit_i18n.render import build_site

HERE = Path(__file__).resolve().parent / "site"
CASES = {"reviewed": False, "drafts": True}


def _outputs(root: Path) -> dict[str, bytes]:
    # The stylesheet is a package asset, not a rendering, and share cards are pictures
    # whose bytes depend on the fonts installed: both have their own tests.
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.suffix not in (".css", ".png")}


@pytest.mark.parametrize("case", sorted(CASES))
def test_site_golden(case: str, tmp_path: Path, update_golden: bool,
                     check_all_catalogs: Callable[[Path], int]) -> None:
    project_dir = tmp_path / "project"
    shutil.copytree(HERE / "project", project_dir)
    # no templates/: the pages come from the built-in templates
    assert check_all_catalogs(project_dir / "locale") == 4
    report = build_site(find_project(explicit=project_dir), use_fuzzy=CASES[case])
    assert report.warnings == []
    got = _outputs(project_dir / "site")
    expected_dir = HERE / f"expected-{case}"
    if update_golden:
        shutil.rmtree(expected_dir, ignore_errors=True)
        for rel, data in got.items():
            (expected_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            (expected_dir / rel).write_bytes(data)
    expected = _outputs(expected_dir)
    assert sorted(got) == sorted(expected)
    for rel, data in got.items():
        assert data.decode() == expected[rel].decode(), rel

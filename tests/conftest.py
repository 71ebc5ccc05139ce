"""Fixtures shared by the whole suite: GNU gettext validation, the corpus, temp projects."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the expected files of golden tests from the current output",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """``../shared/corpus`` read in place (never copied into the repository)."""
    if not CORPUS.is_dir():
        pytest.skip(f"conformance corpus not present at {CORPUS}")
    return CORPUS


def _require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is not installed: `make test` installs Debian's gettext")
    return path


@pytest.fixture(scope="session")
def msgfmt_check() -> Callable[..., None]:
    """Assert that GNU ``msgfmt --check`` accepts a .po/.pot file (or a .mo's source)."""
    msgfmt = _require("msgfmt")

    def check(path: Path, *, use_fuzzy: bool = False) -> None:
        args = [msgfmt, "--check", "-o", "/dev/null", str(path)]
        if use_fuzzy:
            args.insert(1, "--use-fuzzy")
        result = subprocess.run(args, capture_output=True, text=True, check=False)
        assert result.returncode == 0, f"msgfmt --check rejects {path}:\n{result.stderr}"

    return check


@pytest.fixture
def check_all_catalogs(msgfmt_check: Callable[..., None]) -> Callable[[Path], int]:
    """Validate every .po and .pot below a folder with msgfmt; return how many."""

    def check(root: Path) -> int:
        files = sorted([*root.rglob("*.po"), *root.rglob("*.pot")])
        for f in files:
            msgfmt_check(f)
        return len(files)

    return check


@pytest.fixture
def summit_project(tmp_path: Path) -> Path:
    """A copy of this repository's project files (config, source, templates, locale)."""
    dest = tmp_path / "project"
    dest.mkdir()
    for name in ("source", "templates", "locale"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, dest / name, ignore=shutil.ignore_patterns("*.mo"))
    (dest / "summit-i18n.toml").write_text('languages = ["fr", "ja", "ko", "zh_Hant", "zh_Hans"]\n')
    return dest


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Create a small project: ``make_project({"source/a.md": "..."}, config="...")``."""

    def make(files: dict[str, str], *, config: str = "") -> Path:
        root = tmp_path / "proj"
        root.mkdir(exist_ok=True)
        (root / "summit-i18n.toml").write_text(config, encoding="utf-8")
        for rel, text in files.items():
            p = root / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text, encoding="utf-8")
        return root

    return make


@pytest.fixture
def no_builtin_templates(tmp_path_factory: pytest.TempPathFactory,
                         monkeypatch: pytest.MonkeyPatch) -> Path:
    """No templates shipped with the package: a project's templates/ alone (tests of
    template extraction itself, which the default templates would add to)."""
    empty = tmp_path_factory.mktemp("no-builtin-templates")
    monkeypatch.setattr("summit_i18n.site_templates.BUILTIN_DIR", empty)
    return empty

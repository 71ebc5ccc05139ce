"""Crash safety: ``update``, ``prefill`` and ``review`` killed (SIGKILL) at random moments.

Each run starts the real console script on a project, kills it at a moment drawn
from a seeded generator, then checks what a user would find: every catalog passes
``msgfmt --check``, every translation that was there before is still there, the
translation cache opens and passes SQLite's ``integrity_check``, and the next run
completes (for ``update``: with the very bytes of a run never interrupted).  Two
``update`` or two ``prefill`` processes started together end as if run one after
the other.

``SUMMIT_I18N_CRASH_RUNS`` sets the number of killed runs, shared out between
the three commands (default 12 in the test suite; ``make bench`` runs 50), and
``SUMMIT_I18N_CRASH_SEED`` the seed of the moments (default 6).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pexpect
import pytest
from benchmarks.generate import write_corpus

from summit_i18n.catalog import Catalog
from summit_i18n.po import format_po, read_po
from summit_i18n.prefill.testing import FakeTranslationServer

RUNS = int(os.environ.get("SUMMIT_I18N_CRASH_RUNS", "12"))
SEED = int(os.environ.get("SUMMIT_I18N_CRASH_SEED", "6"))
SCRIPT = Path(sys.executable).parent / "summit-i18n"
PROMPT = r"\[\?\] keys > "
MsgfmtCheck = Callable[..., None]


def _share(command: str) -> int:
    """This command's part of RUNS (update, prefill, review: as even as it goes)."""
    order = ["update", "prefill", "review"]
    return RUNS // 3 + (1 if order.index(command) < RUNS % 3 else 0)


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUMMIT_I18N_")}
    env.update(NO_COLOR="1", TERM="dumb", COLUMNS="200", SOURCE_DATE_EPOCH="1767225600")
    return env


def _catalogs(root: Path) -> list[Path]:
    return sorted((root / "locale").rglob("*.po"))


def _translations(root: Path) -> dict[str, set[str]]:
    """Every non-empty translation text of every catalog (active, fuzzy or obsolete)."""
    out: dict[str, set[str]] = {}
    for path in _catalogs(root):
        texts: set[str] = set()
        for entry in read_po(path).entries:
            texts.update(t for t in entry.translations() if t)
        out[str(path.relative_to(root))] = texts
    return out


def _verify(root: Path, before: dict[str, set[str]], msgfmt_check: MsgfmtCheck,
            what: str) -> None:
    for path in _catalogs(root):
        msgfmt_check(path)
    after = _translations(root)
    for name, texts in before.items():
        lost = texts - after.get(name, set())
        assert not lost, f"{what}: {len(lost)} translation(s) lost from {name}: {sorted(lost)[:3]}"
    cache = root / ".summit-i18n" / "cache.sqlite"
    if cache.exists():
        with sqlite3.connect(cache) as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",), what
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()


def _kill_at(process: subprocess.Popen[bytes], moment: float) -> bool:
    """SIGKILL ``process`` ``moment`` seconds after it started; False if it ended first."""
    try:
        process.wait(timeout=moment)
        return False
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True


# -- update ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def update_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three domains of 3,000 generated messages each, with the next release's templates:
    an update has real merging to do (fuzzy matches, obsolete entries, new ones)."""
    root = tmp_path_factory.mktemp("crash-update") / "project"
    (root / "locale" / "fr" / "LC_MESSAGES").mkdir(parents=True)
    (root / "summit-i18n.toml").write_text('languages = ["fr"]\n', encoding="utf-8")
    for seed, domain in enumerate(["guide", "manual", "news"]):
        _, translated, upcoming = write_corpus(3_000, root.parent / f"corpus-{domain}", seed=seed)
        shutil.copyfile(upcoming, root / "locale" / f"{domain}.pot")
        _valid_copy(translated, root / "locale" / "fr" / "LC_MESSAGES" / f"{domain}.po")
    return root


def _valid_copy(source: Path, dest: Path) -> None:
    """``source`` with the few generated translations msgfmt --check refuses (a renamed
    placeholder) replaced by their English, so every check below starts from a valid file."""
    from summit_i18n.compile import check_catalog

    catalog = read_po(source)
    bad = {f.line for f in check_catalog(catalog)}
    for entry in catalog.entries:
        if entry.msgstr_lineno in bad or entry.lineno in bad:
            if entry.is_plural:
                entry.msgstr_plural = {n: entry.msgid if n == 0 else entry.msgid_plural or ""
                                       for n in entry.msgstr_plural}
            else:
                entry.msgstr = entry.msgid
    dest.write_bytes(format_po(catalog))
    assert not check_catalog(read_po(dest))


def _copy(root: Path, dest: Path) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(root, dest)
    return dest


def _po_bytes(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in _catalogs(root)}


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRIPT), "-C", str(root), *args], capture_output=True, text=True,
                          env=_env(), timeout=300, check=False, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def update_reference(update_project: Path, tmp_path_factory: pytest.TempPathFactory
                     ) -> tuple[dict[str, bytes], float]:
    """The catalogs after one update that nobody interrupted, and how long it took."""
    ref = _copy(update_project, tmp_path_factory.mktemp("ref") / "project")
    start = time.monotonic()
    done = _run(ref, "update")
    assert done.returncode == 0, done.stderr
    return _po_bytes(ref), time.monotonic() - start


@pytest.mark.slow
def test_update_killed_at_random_moments(
        update_project: Path, update_reference: tuple[dict[str, bytes], float], tmp_path: Path,
        msgfmt_check: MsgfmtCheck) -> None:
    reference, duration = update_reference
    rng = random.Random(SEED)
    before = _translations(update_project)
    killed = 0
    for run in range(_share("update")):
        root = _copy(update_project, tmp_path / f"run{run}")
        process = subprocess.Popen([str(SCRIPT), "-C", str(root), "update"], env=_env(),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        killed += _kill_at(process, rng.uniform(0.05, duration))
        what = f"update run {run}"
        _verify(root, before, msgfmt_check, what)
        done = _run(root, "update")
        assert done.returncode == 0, f"{what}: next run failed: {done.stderr}"
        assert _po_bytes(root) == reference, f"{what}: not as an uninterrupted run"
    print(f"update: {killed} of {_share('update')} runs killed")
    assert killed >= _share("update") // 2, "the moments missed the runs: nothing was killed"


def _two_at_once(args: list[str]) -> None:
    """Start the command twice at the same moment; both must succeed."""
    processes = [subprocess.Popen(args, env=_env(), stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE) for _ in range(2)]
    for p in processes:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err


@pytest.mark.slow
def test_two_updates_together_end_as_one_after_the_other(
        update_project: Path, update_reference: tuple[dict[str, bytes], float],
        tmp_path: Path) -> None:
    root = _copy(update_project, tmp_path / "together")
    _two_at_once([str(SCRIPT), "-C", str(root), "update"])
    # one after the other: the second finds the first's result and changes nothing
    sequential = _copy(update_project, tmp_path / "sequential")
    assert _run(sequential, "update").returncode == 0
    assert _run(sequential, "update").returncode == 0
    assert _po_bytes(root) == _po_bytes(sequential) == update_reference[0]


# -- prefill ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server() -> Iterator[FakeTranslationServer]:
    with FakeTranslationServer(latency=0.02) as fake:
        yield fake


@pytest.fixture(scope="module")
def prefill_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """600 messages, every other one translated by a person, the rest empty."""
    root = tmp_path_factory.mktemp("crash-prefill") / "project"
    (root / "locale" / "fr" / "LC_MESSAGES").mkdir(parents=True)
    (root / "summit-i18n.toml").write_text(
        'languages = ["fr"]\n[prefill]\ntimeout = 5\nworkers = 4\n', encoding="utf-8")
    template, translated, _ = write_corpus(600, root.parent / "corpus", seed=3)
    shutil.copyfile(template, root / "locale" / "docs.pot")
    _valid_copy(translated, root / "locale" / "fr" / "LC_MESSAGES" / "docs.po")
    catalog: Catalog = read_po(root / "locale" / "fr" / "LC_MESSAGES" / "docs.po")
    for i, entry in enumerate(catalog.entries):
        if i % 2 and not entry.obsolete:
            entry.clear_translation()
            entry.fuzzy = False
    (root / "locale" / "fr" / "LC_MESSAGES" / "docs.po").write_bytes(format_po(catalog))
    return root


@pytest.fixture(scope="module")
def prefill_duration(prefill_project: Path, server: FakeTranslationServer,
                     tmp_path_factory: pytest.TempPathFactory) -> float:
    """How long a run nobody interrupts takes (the random moments fall inside it)."""
    root = _copy(prefill_project, tmp_path_factory.mktemp("prefill-ref") / "project")
    start = time.monotonic()
    done = subprocess.run(_prefill_args(root, server), env=_env(), capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return time.monotonic() - start


def _prefill_args(root: Path, server: FakeTranslationServer) -> list[str]:
    return [str(SCRIPT), "-C", str(root), "prefill", "-l", "fr", "--backend", "libre",
            "--url", server.url]


def _entries(root: Path) -> dict[tuple[str | None, str], tuple[tuple[str, ...], bool, bool]]:
    out = {}
    for path in _catalogs(root):
        for e in read_po(path).entries:
            out[e.key] = (tuple(e.translations()), e.fuzzy, e.obsolete)
    return out


@pytest.mark.slow
def test_prefill_killed_at_random_moments(prefill_project: Path, server: FakeTranslationServer,
                                          prefill_duration: float, tmp_path: Path,
                                          msgfmt_check: MsgfmtCheck) -> None:
    rng = random.Random(SEED + 1)
    before = _entries(prefill_project)
    human = {k: v for k, v in before.items() if v[0][0]}
    killed = 0
    for run in range(_share("prefill")):
        root = _copy(prefill_project, tmp_path / f"run{run}")
        process = subprocess.Popen(_prefill_args(root, server), env=_env(),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        killed += _kill_at(process, rng.uniform(0.05, prefill_duration))
        what = f"prefill run {run}"
        _verify(root, _translations(prefill_project), msgfmt_check, what)
        after = _entries(root)
        changed = {k: after.get(k) for k, v in human.items() if after.get(k) != v}
        assert not changed, f"{what}: a person's translation changed: {list(changed)[:3]}"
        done = subprocess.run(_prefill_args(root, server), env=_env(), capture_output=True,
                              text=True, timeout=300, check=False)
        assert done.returncode == 0, f"{what}: next run failed: {done.stderr}"
        final = _entries(root)
        assert all(v[0][0] for v in final.values() if not v[2]), f"{what}: entries left empty"
        for path in _catalogs(root):
            msgfmt_check(path)
    print(f"prefill: {killed} of {_share('prefill')} runs killed")
    assert killed >= _share("prefill") // 2, "the moments missed the runs: nothing was killed"


@pytest.mark.slow
def test_two_prefills_together_end_as_one_after_the_other(
        prefill_project: Path, server: FakeTranslationServer, tmp_path: Path) -> None:
    root = _copy(prefill_project, tmp_path / "together")
    _two_at_once(_prefill_args(root, server))
    sequential = _copy(prefill_project, tmp_path / "sequential")
    for _ in range(2):
        done = subprocess.run(_prefill_args(sequential, server), env=_env(), capture_output=True,
                              text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stderr
    assert _entries(root) == _entries(sequential)
    assert _po_bytes(root) == _po_bytes(sequential)


# -- review -------------------------------------------------------------------------------


def _review(root: Path, lang: str) -> pexpect.spawn:
    return pexpect.spawn(str(SCRIPT), ["-C", str(root), "review", lang], env=_env(),
                         encoding="utf-8", timeout=30, dimensions=(50, 200))


def _accept_everything(child: pexpect.spawn) -> None:
    while True:
        index = child.expect([PROMPT, r"Accept anyway\? \[y/N\] ", pexpect.EOF])
        if index == 2:
            return
        child.sendline("a" if index == 0 else "y")


@pytest.mark.slow
def test_review_killed_at_random_moments(summit_project: Path, tmp_path: Path,
                                         msgfmt_check: MsgfmtCheck) -> None:
    (summit_project / "summit-i18n.toml").write_text(
        'languages = ["fr", "ja", "ko", "zh_Hant", "zh_Hans"]\nreviewer = "Crash Test"\n',
        encoding="utf-8")
    rng = random.Random(SEED + 2)
    killed = 0
    for run in range(_share("review")):
        root = _copy(summit_project, tmp_path / f"run{run}")
        lang = rng.choice(["fr", "ja", "ko", "zh_Hant", "zh_Hans"])
        before = _entries(root)
        drafts = sum(1 for v in before.values() if v[1] and not v[2])
        assert drafts, "no drafts to review"
        child = _review(root, lang)
        # kill after a random number of answers, a random moment after the last one
        # (while it is being saved, or while the next entry is shown)
        answers = rng.randint(0, drafts - 1)
        ended = False
        while answers > 0:
            index = child.expect([PROMPT, r"Accept anyway\? \[y/N\] ", pexpect.EOF])
            if index == 2:
                ended = True
                break
            child.sendline("a" if index == 0 else "y")
            answers -= index == 0
        if not ended:
            time.sleep(rng.uniform(0.0, 0.05))
            child.kill(signal.SIGKILL)
            killed += 1
        child.close(force=True)
        what = f"review {lang} run {run}"
        _verify(root, _translations(summit_project), msgfmt_check, what)
        after = _entries(root)
        # reviewing changes states, never a translation
        assert {k: v[0] for k, v in after.items()} == {k: v[0] for k, v in before.items()}, what
        child = _review(root, lang)
        _accept_everything(child)
        child.close()
        assert child.exitstatus == 0, f"{what}: next run failed"
        final = read_po(root / "locale" / lang / "LC_MESSAGES" / "summit-announcement.po")
        assert not [e for e in final.entries if e.fuzzy and not e.obsolete], what
        for path in _catalogs(root):
            msgfmt_check(path)
    print(f"review: {killed} of {_share('review')} runs killed")
    assert killed >= _share("review") // 2, "the moments missed the runs: nothing was killed"

"""The project on disk as every command sees it: one lock, one list of catalogs, one state.

Principles: each stage is "read → pure function → write", and what lies between a
stage and the disk is decided here, once, for the command line and for library
callers alike.

**The lock.**  :func:`locked` holds ``.summit-i18n/lock`` (a :mod:`filelock` lock) for
as long as a run reads and writes the project, so two runs on one project happen one
after the other.  It is taken at the edge of the library, once per run: by each
stage's entry function (``extract_project``, ``update_project``, ``prefill``,
``compile_project``, ``build_site``, a review's save), for the command line and for
Python callers alike, and it is re-entrant within a process (a caller that holds it
already costs nothing).  A stage first asks the state whether it has anything to do;
when the answer is "nothing", it returns without taking the lock: the state file and
every file it vouches for are only ever replaced whole, so what is read is what some
run left, and a run in progress can only make something look changed (then the stage
takes the lock and asks again).

**The catalogs.**  :func:`catalogs` is the one list of language × domain catalogs:
every template ``locale/<domain>.pot`` for every language, and every
``locale/<lang>/LC_MESSAGES/<domain>.po`` that exists, with or without a template.
Every command walks this list, so a catalog whose template has gone is checked,
counted, compiled and published like the others, and the commands that treat it as a
catalog (check, status, compile, update) say that it has no template
(:func:`no_template_warning`).  :func:`read_catalog` and
:func:`write_catalog` read and write them with the project's size limit and wrap
width.

**The state.**  ``.summit-i18n/state.json`` (:class:`State`) remembers, for each stage
that can skip work, what its last run read and wrote.  One rule invalidates every
record: it is current when the tool's own code, the configuration file, the
options, and the content of every input and output file are what they were when it
was written.  Content is compared by SHA-256; a file's size, mtime and inode stand
in for reading it while they are unchanged and the file is older than the record
(git's "racily clean" rule: a file written in the same clock tick as the record is
read).  The code is fingerprinted from the size and mtime of every file of the
installed package, so an edit to the tool without a version bump is a change.  The
stages that keep records: ``extract`` (templates that are what the sources give),
``update`` (a catalog a merge would leave as it is), ``compile`` (a ``.mo`` that is
current), ``build`` (a site that is current) and ``status`` (a catalog's row).
Records are saved under the lock by reading the file again and changing only this
run's records; ``status``, which never waits for the lock, saves only when it is free.

Besides ``lock`` and ``state.json``, ``.summit-i18n/`` holds data, not state: the
translation services' answers (``cache.sqlite``, :mod:`summit_i18n.prefill.cache`,
keyed by the text, the languages and the service; never invalidated — an answer
stays an answer) and the share cards (``cards/``, :mod:`summit_i18n.render.cards`,
named by a digest of what is drawn on them).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summit_i18n import __version__
from summit_i18n.config import STATE_DIR
from summit_i18n.errors import FileSystemError, LockTimeout

if TYPE_CHECKING:
    from summit_i18n.catalog import Catalog
    from summit_i18n.config import Language, Project

__all__ = ["STATE_DIR", "CatalogFile", "State", "catalogs", "code_fingerprint", "locked",
           "no_template_warning", "no_template_warnings", "read_catalog", "write_catalog"]

LOCK_NAME = "lock"
STATE_NAME = "state.json"
#: What earlier versions kept in ``.summit-i18n/`` before the one state file; removed
#: when the state file is first written.
_OLD_STORES = ("update-state.json", "compile.json", "mo", "build")
_FORMAT = 1


# -- the lock --------------------------------------------------------------------------

_held: dict[Path, int] = {}


@contextlib.contextmanager
def locked(project: Project, *, timeout: float = 600.0) -> Iterator[None]:
    """Hold the project's lock; wait up to ``timeout`` seconds for another run.

    Re-entrant in one process: an inner ``locked`` on a project whose lock is held
    already costs nothing, and the lock is released by the outermost.
    """
    root = project.root.resolve()
    if root in _held:
        _held[root] += 1
        try:
            yield
        finally:
            _held[root] -= 1
        return
    from filelock import FileLock
    from filelock import Timeout as FileLockTimeout

    lock_dir = project.state_dir
    path = lock_dir / LOCK_NAME
    lock = FileLock(str(path), timeout=timeout)
    try:
        lock_dir.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except FileLockTimeout as exc:
        raise LockTimeout(
            f"{path}: error: another summit-i18n run has held the project lock for "
            f"{timeout:.0f} s; try again when it has finished"
        ) from exc
    except OSError as exc:
        raise FileSystemError(path, "take the project lock", exc) from None
    _held[root] = 1
    try:
        yield
    finally:
        del _held[root]
        lock.release()


# -- the catalogs ----------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogFile:
    """One language × domain catalog of the project, present or not."""

    language: Language
    domain: str
    po: Path  #: ``locale/<lang>/LC_MESSAGES/<domain>.po``
    mo: Path  #: the compiled catalog beside it
    pot: Path | None  #: ``locale/<domain>.pot``, or None when the domain has no template

    @property
    def locale(self) -> str:
        return self.language.locale


def catalogs(project: Project, languages: Sequence[Language] | None = None, *,
             existing: bool = False) -> list[CatalogFile]:
    """The project's catalogs of ``languages`` (default: every configured one), in
    language order, then by domain.

    Every domain with a template for every language (its ``.po`` may not exist yet,
    unless ``existing``), and every ``.po`` that exists though its domain has no
    template.  Anything at a ``.po`` path counts as existing, a FIFO too: the reader
    refuses it with one error instead of the catalog silently vanishing.
    """
    langs = project.languages() if languages is None else languages
    templates = set(project.domains())
    found: list[CatalogFile] = []
    for lang in langs:
        folder = project.locale_dir / lang.locale / "LC_MESSAGES"
        present = _po_stems(folder)
        domains = present if existing else present | templates
        for domain in sorted(domains):
            found.append(CatalogFile(
                lang, domain, folder / f"{domain}.po", folder / f"{domain}.mo",
                project.pot_path(domain) if domain in templates else None))
    return found


def _po_stems(folder: Path) -> set[str]:
    try:
        with os.scandir(folder) as it:
            return {e.name[:-3] for e in it if e.name.endswith(".po") and len(e.name) > 3}
    except OSError:
        return set()


def no_template_warning(project: Project, catalog: CatalogFile) -> str:
    """The one line every command gives for a catalog whose domain has no template."""
    return (f"{project.relative(catalog.po)}: warning: no template "
            f"{project.relative(project.pot_path(catalog.domain))} (the catalog is used as it "
            "is; `summit-i18n extract` writes the templates, `update` cannot merge it)")


def no_template_warnings(project: Project,
                         languages: Sequence[Language] | None = None) -> list[str]:
    """:func:`no_template_warning` for each catalog of ``languages`` without a template."""
    return [no_template_warning(project, c) for c in catalogs(project, languages, existing=True)
            if c.pot is None]


def read_catalog(project: Project, path: Path, *, keep_source: bool = True) -> Catalog:
    """Read and parse a catalog of the project, refused when over ``max_catalog_mb``."""
    from summit_i18n import po

    return po.read_po(path, max_bytes=project.max_catalog_bytes, keep_source=keep_source)


def write_catalog(project: Project, catalog: Catalog, path: Path) -> bool:
    """Write a catalog at the project's wrap width; whether its bytes changed."""
    from summit_i18n import po

    return po.write_po(catalog, path, width=project.config.wrap_width)


# -- the state -------------------------------------------------------------------------


def code_fingerprint() -> str:
    """A digest of the tool's own code: the size and mtime of every file of the
    package (sources, templates, styles, fonts), the version and Python's version."""
    global _code
    if _code is None:
        digest = hashlib.sha256(f"{__version__}\0{sys.version}\0".encode())
        package = Path(__file__).resolve().parent
        for rel, size, mtime in sorted(_package_files(package, "")):
            digest.update(f"{rel}\0{size}\0{mtime}\0".encode())
        _code = digest.hexdigest()
    return _code


_code: str | None = None


def _package_files(folder: Path, prefix: str) -> Iterator[tuple[str, int, int]]:
    with os.scandir(folder) as it:
        for entry in it:
            if entry.name == "__pycache__" or entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                yield from _package_files(Path(entry.path), f"{prefix}{entry.name}/")
            elif entry.is_file():
                st = entry.stat()
                yield f"{prefix}{entry.name}", st.st_size, st.st_mtime_ns


#: What a record holds of one file: [size, mtime_ns, inode, sha256], or None when absent.
_FileFacts = list[Any] | None
_IRREGULAR: list[Any] = ["not a regular file"]  #: a FIFO, a folder…: never current


class State:
    """The project's one state store, ``.summit-i18n/state.json``.

    A record, under a stage's key (``"compile fr/site"``, ``"build site"``, …), holds
    the fingerprint of the code, the facts of the configuration file, the options,
    the facts of every input and output file, and what the stage wants back (the
    statistics, the files written).  :meth:`current` gives that back only when every
    one of them is unchanged — the one rule — and otherwise None.  An input is looked
    at before the stage reads it, so a file changed while a stage runs makes the next
    run do the work again, never the other way round.  :meth:`save` writes the
    records, atomically, under the project lock.
    """

    def __init__(self, project: Project) -> None:
        self.project = project
        self.root = project.root
        self.path = project.state_dir / STATE_NAME
        self._config = project.config_path
        self._records: dict[str, dict[str, Any]] | None = None
        self._written = 0  # mtime of the state file as read: the "racily clean" line
        #: what this run changed: a record, or None for one dropped (applied on save)
        self._changes: dict[str, dict[str, Any] | None] = {}
        self._facts: dict[Path, _FileFacts] = {}

    # -- reading and keeping records

    def current(self, key: str, *, inputs: Sequence[Path], outputs: Sequence[Path] = (),
                options: Mapping[str, object] | None = None) -> dict[str, Any] | None:
        """The data recorded under ``key`` when the record is current, else None."""
        record = self._load().get(key)
        recorded_files = record.get("files") if isinstance(record, dict) else None
        known = {f[0]: f[1] for f in recorded_files if isinstance(f, list) and len(f) == 2
                 and isinstance(f[0], str)} if isinstance(recorded_files, list) else {}
        for path in inputs:  # looked at now, before the stage reads them
            self._look(path, known.get(self._rel(path)))
        if not isinstance(record, dict):
            return None
        try:
            if record["base"] != self._base_facts() or record["options"] != _plain(options):
                return None
            paths = [*inputs, *outputs]
            recorded = record["files"]
            if [name for name, _ in recorded] != [self._rel(p) for p in paths]:
                return None
            facts = [self._look(p, old) for p, (_, old) in zip(paths, recorded, strict=True)]
            if _IRREGULAR in facts or \
                    [_content(f) for f in facts] != [_content(old) for _, old in recorded]:
                return None
            if any(new != old for new, (_, old) in zip(facts, recorded, strict=True)):
                # The same bytes with new mtimes (a checkout, a touch): remember those.
                record["files"] = [[self._rel(p), f] for p, f in zip(paths, facts, strict=True)]
                self._changes[key] = record
            data = record["data"]
        except (KeyError, TypeError, ValueError):
            return None  # a record from another version, or edited by hand
        return data if isinstance(data, dict) else None

    def last(self, key: str) -> dict[str, Any]:
        """The data of the last record of ``key``, current or not (empty if none)."""
        record = self._load().get(key)
        data = record.get("data") if isinstance(record, dict) else None
        return data if isinstance(data, dict) else {}

    def record(self, key: str, *, inputs: Sequence[Path], outputs: Sequence[Path] = (),
               options: Mapping[str, object] | None = None,
               data: Mapping[str, object] | None = None,
               written: Mapping[Path, bytes] | None = None) -> None:
        """Remember that this run of ``key`` read ``inputs`` (as they were when first
        looked at) and left ``outputs`` (as they are now; ``written`` gives the bytes
        of those the caller holds, so they are not read back to be hashed)."""
        for path in outputs:
            self._facts.pop(path, None)  # written since it was looked at, maybe
            if written is not None and path in written:
                st = _stat(path)
                if st is not None and st.st_size == len(written[path]):
                    self._facts[path] = [st.st_size, st.st_mtime_ns, st.st_ino,
                                         hashlib.sha256(written[path]).hexdigest()]
        record = {
            "base": self._base_facts(),
            "options": _plain(options),
            "files": [[self._rel(p), self._look(p, None)] for p in [*inputs, *outputs]],
            "data": _plain(data),
        }
        self._load()[key] = record
        self._changes[key] = record

    def forget(self, key: str) -> None:
        """Drop the record of ``key``: its next run does the work."""
        if self._load().pop(key, None) is not None:
            self._changes[key] = None

    @property
    def changed(self) -> bool:
        """Whether this run has records to save (new ones, or new mtimes of old ones)."""
        return bool(self._changes)

    def save(self, *, wait: bool = True) -> bool:
        """Write this run's changes, if any, atomically and under the project lock
        (taken here unless the caller holds it); whether they were written.

        The file is read again under the lock and only this run's records change in
        it, so a run that did not hold the lock while it worked (``status``) keeps
        what others saved meanwhile.  With ``wait=False`` a lock held by another run
        is not waited for: nothing is saved (the next run does the work again).
        """
        if not self._changes:
            return False
        try:
            with locked(self.project, timeout=600.0 if wait else 0.0):
                self._save_locked()
        except LockTimeout:
            if wait:
                raise
            return False
        return True

    def _save_locked(self) -> None:
        from summit_i18n.fsutil import atomic_write_text

        records = _read_records(self.path)[0]
        for key, record in self._changes.items():
            if record is None:
                records.pop(key, None)
            else:
                records[key] = record
        text = json.dumps({"format": _FORMAT, "records": records}, indent=1,
                          sort_keys=True, ensure_ascii=False) + "\n"
        # Always written: its mtime is the line after which a file's stat is not trusted.
        atomic_write_text(self.path, text, only_if_changed=False)
        self._changes.clear()
        self._remove_old_stores()

    # -- how files are compared

    def _look(self, path: Path, old: object) -> _FileFacts:
        """The file's facts, once per run: ``old`` itself when its size, mtime and
        inode are as recorded and it is older than the record, else read and hashed."""
        if path in self._facts:
            return self._facts[path]
        st = _stat(path)
        if st is None:
            facts: _FileFacts = None
        elif isinstance(old, list) and len(old) == 4 and \
                [st.st_size, st.st_mtime_ns, st.st_ino] == old[:3] and \
                st.st_mtime_ns < self._written:
            facts = old  # unchanged since before the record was written: not read
        else:
            facts = _file_facts(path, st)
        self._facts[path] = facts
        return facts

    def _base_facts(self) -> list[Any]:
        """What every record depends on: the code and the configuration file."""
        config = self._look(self._config, None) if self._config else None
        return [code_fingerprint(), self._rel(self._config) if self._config else None,
                _content(config)]

    def _load(self) -> dict[str, dict[str, Any]]:
        if self._records is None:
            self._records, self._written = _read_records(self.path)
        return self._records

    def name(self, path: Path) -> str:
        """How the state names a file: relative to the project root, else absolute."""
        return self._rel(path)

    def _rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path.resolve())

    def _remove_old_stores(self) -> None:
        import shutil

        for name in _OLD_STORES:
            old = self.path.parent / name
            with contextlib.suppress(OSError):
                if old.is_dir() and not old.is_symlink():
                    shutil.rmtree(old)
                elif old.is_file():
                    old.unlink()


def _content(facts: object) -> object:
    """What identifies a file's bytes in its facts: size and SHA-256 (None: absent)."""
    return [facts[0], facts[3]] if isinstance(facts, list) and len(facts) == 4 else facts


def _read_records(path: Path) -> tuple[dict[str, dict[str, Any]], int]:
    """The records of a state file and its mtime; none (and 0) when it is absent,
    damaged or of another format."""
    try:
        st = path.stat()
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}, 0
    if isinstance(data, dict) and data.get("format") == _FORMAT and \
            isinstance(data.get("records"), dict):
        return data["records"], st.st_mtime_ns
    return {}, 0


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def _file_facts(path: Path, st: os.stat_result) -> _FileFacts:
    """[size, mtime_ns, inode, sha256] of a regular file; a FIFO, a folder or a device
    is never opened (it is never current)."""
    import stat as stat_module

    if not stat_module.S_ISREG(st.st_mode):
        return _IRREGULAR
    digest = hashlib.sha256()
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat_module.S_ISREG(os.fstat(fh.fileno()).st_mode):
                return _IRREGULAR
            while chunk := fh.read(2**20):
                digest.update(chunk)
    except OSError:
        return _IRREGULAR
    return [st.st_size, st.st_mtime_ns, st.st_ino, digest.hexdigest()]


def _plain(options: Mapping[str, object] | None) -> Any:
    """The options as JSON would give them back (tuples as lists, keys as strings)."""
    return json.loads(json.dumps(dict(options or {}), sort_keys=True, default=str))

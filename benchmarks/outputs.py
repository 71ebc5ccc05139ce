"""Every output byte the commands write, as one manifest, to compare two versions of the code.

Principles: a refactoring that promises "behaviour unchanged" is checked, not trusted.
This script runs the commands as a user runs them (whole processes, the installed
``summit-i18n``) on the conformance corpus (``../shared/corpus``, when present), on
generated 50k-message catalogs of both benchmark profiles and on this repository's own
project, and records the SHA-256 of every file they leave under ``locale/`` and the
site, and of every command's exit code, standard output and standard error.  The
state folder (``.summit-i18n/``) is left out: it is the tool's memory, not output.
Run it on two commits and compare::

    python -m benchmarks.outputs --out before.json          # on the old commit
    python -m benchmarks.outputs --compare before.json      # on the new one: exit 1 on a difference
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import polib

from benchmarks.generate import one_language_project, write_corpus

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "po"
_TOOL = [sys.executable, "-m", "summit_i18n"]
#: The corpus file names' locales, as the project's configuration spells them.
_LANGUAGES = {"fr": "fr", "ja": "ja", "ko": "ko", "ko_KR": "ko", "zh_CN": "zh_Hans"}


def _run(manifest: dict[str, str], name: str, root: Path, *args: str) -> None:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "SOURCE_DATE_EPOCH": "1764547200"}
    proc = subprocess.run([*_TOOL, "-C", str(root), *args], capture_output=True, env=env,
                          check=False)
    out = proc.stdout.replace(str(root).encode(), b"<root>")
    err = proc.stderr.replace(str(root).encode(), b"<root>")
    manifest[f"{name}: {' '.join(args)}: exit"] = str(proc.returncode)
    manifest[f"{name}: {' '.join(args)}: stdout"] = hashlib.sha256(out).hexdigest()
    manifest[f"{name}: {' '.join(args)}: stderr"] = hashlib.sha256(err).hexdigest()


def _files(manifest: dict[str, str], name: str, root: Path) -> None:
    for path in sorted(_walk(root)):
        rel = path.relative_to(root).as_posix()
        manifest[f"{name}: {rel}"] = hashlib.sha256(path.read_bytes()).hexdigest()


def _walk(root: Path) -> Iterator[Path]:
    for path in root.rglob("*"):
        rel = path.relative_to(root).parts
        if rel[0] in (".summit-i18n", ".git") or not path.is_file():
            continue
        yield path


def _template_of(po_path: Path, pot_path: Path) -> None:
    """The corpus catalog's own messages as a template (msgstr emptied, by polib)."""
    catalog = polib.pofile(str(po_path))
    pot = polib.POFile(wrapwidth=79)
    pot.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for entry in catalog:
        if entry.obsolete:
            continue
        pot.append(polib.POEntry(
            msgid=entry.msgid, msgid_plural=entry.msgid_plural, msgctxt=entry.msgctxt,
            msgstr="", flags=[f for f in entry.flags
                                                                 if f != "fuzzy"],
            msgstr_plural={0: "", 1: ""} if entry.msgid_plural else {},
            occurrences=entry.occurrences, comment=entry.comment))
    pot.save(str(pot_path))


def _catalog_project(manifest: dict[str, str], name: str, root: Path) -> None:
    """The commands that read and write catalogs, on a one-catalog project at ``root``."""
    _run(manifest, name, root, "check", "--format", "json")
    _run(manifest, name, root, "status")
    _run(manifest, name, root, "compile", "--statistics")
    _run(manifest, name, root, "compile", "--use-fuzzy", "--statistics")
    _run(manifest, name, root, "update", "--no-fuzzy-matching", "--check")
    _run(manifest, name, root, "update")
    _run(manifest, name, root, "update")  # the second run: nothing to do
    _run(manifest, name, root, "compile", "--statistics")
    _run(manifest, name, root, "check", "--format", "json")
    _files(manifest, name, root)


def corpus(manifest: dict[str, str], work: Path) -> None:
    for po_path in sorted(CORPUS.glob("*.po")):
        prefix = po_path.name.split("_")[0]
        two = "_".join(po_path.name.split("_")[:2])
        lang = _LANGUAGES.get(two) or _LANGUAGES[prefix]
        root = work / po_path.stem
        (root / "locale" / lang / "LC_MESSAGES").mkdir(parents=True)
        (root / "summit-i18n.toml").write_text(f'languages = ["{lang}"]\n', encoding="utf-8")
        _template_of(po_path, root / "locale" / "corpus.pot")
        shutil.copyfile(po_path, root / "locale" / lang / "LC_MESSAGES" / "corpus.po")
        _catalog_project(manifest, f"corpus/{po_path.stem}", root)
        # The reader and writer alone: a round trip of the original file.
        out = work / f"{po_path.stem}.roundtrip.po"
        subprocess.run([sys.executable, "-c",
                        "import sys; from pathlib import Path; from summit_i18n import po; "
                        "Path(sys.argv[2]).write_bytes(po.format_po(po.read_po(Path(sys.argv[1]))))",
                        str(po_path), str(out)], check=True)
        manifest[f"corpus/{po_path.stem}: round trip"] = hashlib.sha256(
            out.read_bytes()).hexdigest()


def generated(manifest: dict[str, str], work: Path, n: int) -> None:
    for profile in ("docs", "formats"):
        _, catalog, upcoming = write_corpus(n, work / f"gen-{profile}", lang="fr", seed=0,
                                            profile=profile)
        root = one_language_project(work / f"project-{profile}", upcoming, catalog)
        _catalog_project(manifest, f"{n}/{profile}", root)


def own_project(manifest: dict[str, str], work: Path) -> None:
    root = work / "own"
    root.mkdir()
    for name in ("summit-i18n.toml", "pyproject.toml", "source", "locale"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, root / name)
        elif src.is_file():
            shutil.copyfile(src, root / name)
    for args in (("extract",), ("update",), ("compile", "--statistics"), ("check",),
                 ("status",), ("build", "--use-fuzzy"), ("build", "--use-fuzzy"), ("build",)):
        _run(manifest, "own", root, *args)
    _files(manifest, "own", root)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, help="write the manifest here")
    parser.add_argument("--compare", type=Path, help="compare with this manifest")
    parser.add_argument("-n", type=int, default=50_000, help="messages per generated catalog")
    args = parser.parse_args()
    manifest: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="summit-outputs-") as tmp:
        work = Path(tmp)
        if CORPUS.is_dir():
            corpus(manifest, work)
        else:
            print("conformance corpus not present: left out", file=sys.stderr)
        generated(manifest, work, args.n)
        own_project(manifest, work)
    if args.out:
        args.out.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    print(f"{len(manifest)} outputs", file=sys.stderr)
    if args.compare:
        before = json.loads(args.compare.read_text())
        differ = sorted(k for k in set(before) | set(manifest) if before.get(k) != manifest.get(k))
        for key in differ:
            print(f"differs: {key}")
        print(f"{len(differ)} of {len(manifest)} outputs differ", file=sys.stderr)
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

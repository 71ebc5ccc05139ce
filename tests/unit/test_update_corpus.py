"""update on the real-world corpus: no churn, and msgmerge's outcome when the English moved."""

from __future__ import annotations

import copy
import random
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from summit_i18n import po
from summit_i18n.catalog import Catalog, Entry
from summit_i18n.config import find_project, language
from summit_i18n.update import merge, update_project

CORPUS_FILES = sorted((Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "po")
                      .glob("*.po"))
_LANG_RE = re.compile(r"^([a-z]{2}(?:_[A-Z]{2})?)_")


def _lang_of(path: Path) -> str:
    match = _LANG_RE.match(path.name)
    assert match, path.name
    return match.group(1)


def derive_template(catalog: Catalog) -> Catalog:
    """The .pot a catalog came from: no translations, translator comments, fuzzy or #|.

    References, extracted comments, format flags, msgctxt and plurals are kept;
    obsolete entries are dropped.  POT-Creation-Date and Report-Msgid-Bugs-To are
    the catalog's, as they would be had it just been merged from this template.
    """
    template = Catalog(charset="UTF-8")
    fields = {
        "Project-Id-Version": catalog.header_value("Project-Id-Version") or "PACKAGE VERSION",
        "Report-Msgid-Bugs-To": catalog.header_value("Report-Msgid-Bugs-To"),
        "POT-Creation-Date": catalog.header_value("POT-Creation-Date"),
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "Language": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    template.header = Entry(
        msgid="",
        msgstr="".join(f"{k}: {v}\n" for k, v in fields.items() if v is not None),
        flags=["fuzzy"],
    )
    for e in catalog.entries:
        if e.obsolete:
            continue
        template.entries.append(Entry(
            msgid=e.msgid,
            msgctxt=e.msgctxt,
            msgid_plural=e.msgid_plural,
            msgstr_plural={0: "", 1: ""} if e.is_plural else {},
            extracted_comments=list(e.extracted_comments),
            references=list(e.references),
            flags=[f for f in e.flags if f != "fuzzy"],
        ))
    return template


def move_english(template: Catalog, *, seed: int) -> Catalog:
    """The next release: ~10% of msgids edited by a few words, 5% removed, 5% added."""
    rng = random.Random(seed)
    moved = copy.copy(template)
    words = [w for e in template.entries for w in e.msgid.split() if w.isalpha()] or ["word"]
    taken = {e.key for e in template.entries}
    entries: list[Entry] = []
    for e in template.entries:
        roll = rng.random()
        if roll < 0.05:
            continue
        if roll < 0.15 and not e.is_plural and " " in e.msgid:
            parts = e.msgid.split(" ")
            for _ in range(rng.randint(1, 3)):
                parts[rng.randrange(len(parts))] = rng.choice(words)
            edited = " ".join(parts)
            if (e.msgctxt, edited) not in taken:
                taken.add((e.msgctxt, edited))
                e = copy.copy(e)
                e.msgid = edited
        entries.append(e)
        if rng.random() < 0.05:
            fresh = " ".join(rng.choice(words) for _ in range(rng.randint(2, 12)))
            if (None, fresh) not in taken:
                taken.add((None, fresh))
                entries.append(Entry(msgid=fresh, references=["new.c:1"]))
    moved.entries = entries
    return moved


# without ../shared, one "corpus-absent" case skips with the reason (corpus_dir says it)
@pytest.fixture(params=[p.name for p in CORPUS_FILES] or ["corpus-absent"])
def corpus_file(request: pytest.FixtureRequest, corpus_dir: Path) -> Path:
    return corpus_dir / "po" / str(request.param)


def test_the_corpus_is_there(corpus_dir: Path) -> None:
    assert len(CORPUS_FILES) == 12


def test_update_against_its_own_template_changes_no_byte(
    corpus_file: Path, make_project: Callable[..., Path], msgfmt_check: Callable[..., None]
) -> None:
    lang = _lang_of(corpus_file)
    root = make_project({}, config=f'languages = ["{lang}"]\n')
    domain = corpus_file.stem.removeprefix(lang + "_")
    target = root / "locale" / lang / "LC_MESSAGES" / f"{domain}.po"
    target.parent.mkdir(parents=True)
    shutil.copyfile(corpus_file, target)
    pot = root / "locale" / f"{domain}.pot"
    po.write_po(derive_template(po.read_po(corpus_file)), pot)
    msgfmt_check(pot)
    mtime = target.stat().st_mtime_ns

    report = update_project(find_project(explicit=root))

    assert [c.status for c in report.catalogs] == ["unchanged"]
    assert target.read_bytes() == corpus_file.read_bytes()
    assert target.stat().st_mtime_ns == mtime
    assert report.catalogs[0].result.exact == len(po.read_po(corpus_file).active_entries())


def _active(c: Catalog) -> dict[tuple[str | None, str], Entry]:
    return {e.key: e for e in c.entries if not e.obsolete}


def test_moved_english_matches_msgmerge_previous(
    corpus_file: Path, tmp_path: Path, msgfmt_check: Callable[..., None]
) -> None:
    old = po.read_po(corpus_file)
    moved = move_english(derive_template(old), seed=len(corpus_file.name))
    pot = tmp_path / "moved.pot"
    po.write_po(moved, pot)
    msgfmt_check(pot)
    theirs_path = tmp_path / "msgmerge.po"
    subprocess.run(["msgmerge", "--previous", "--quiet", "-o", str(theirs_path),
                    str(corpus_file), str(pot)], check=True)
    msgfmt_check(theirs_path)
    theirs = po.read_po(theirs_path)
    ours = merge(po.read_po(pot), old, language=language(_lang_of(corpus_file))).catalog
    ours_path = tmp_path / "ours.po"
    po.write_po(ours, ours_path)
    msgfmt_check(ours_path)

    a, b = _active(ours), _active(theirs)
    assert a.keys() == b.keys(), "same active messages"
    assert list(a) == list(b), "in the same order"
    # The reviewed translations are the same, message for message.
    assert ({k: e.translations() for k, e in a.items() if e.translated()}
            == {k: e.translations() for k, e in b.items() if e.translated()})
    fuzzy_ours = [k for k, e in a.items() if e.fuzzy]
    fuzzy_theirs = [k for k, e in b.items() if e.fuzzy]
    assert abs(len(fuzzy_ours) - len(fuzzy_theirs)) <= 0.15 * len(fuzzy_theirs), (
        len(fuzzy_ours), len(fuzzy_theirs))
    # Where both propose a translation, it is nearly always the same one.
    both = [k for k in fuzzy_ours if b[k].fuzzy]
    same = [k for k in both if a[k].translations() == b[k].translations()]
    assert len(same) >= 0.85 * len(both)
    # Every translation of the old catalog is still somewhere in ours.
    kept = {t for e in ours.entries for t in e.translations() if t}
    lost = [t for e in old.entries for t in e.translations() if t and t not in kept]
    assert lost == []

"""Catalogs saved as Weblate saves them (translate-toolkit's pypo writer), then
``extract`` + ``update`` after an English change: only the entries whose English
changed differ, and in the header only POT-Creation-Date."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summit_i18n.cli import app
from summit_i18n.po import format_po, read_po

pypo = pytest.importorskip("translate.storage.pypo", reason="translate-toolkit is not installed")

runner = CliRunner()
MakeProject = Callable[..., Path]

LONG = ("Forced organ harvesting is an unethical and illegal yet highly profitable practice "
        "where organs are removed from non-consenting, healthy people.")
SOURCE = f"""---
title: A summit on forced organ harvesting
summary: Five organizations call for an immediate intervention.
---

{LONG}

The summit lasts six days.

With over 30 speakers and panelists, this World Summit is unprecedented in both depth and
scope, and it is open to everyone who registers before the first day.
"""

#: what translators type in Weblate: long lines, a typographic apostrophe, CJK, Korean spaces
WEBLATE = {
    "fr": "Le prélèvement forcé d’organes est une pratique contraire à l’éthique, illégale "
          "et pourtant très lucrative, où l’on prélève les organes de personnes saines.",
    "ja": "強制臓器摘出は、非倫理的かつ違法でありながら非常に利益の大きい行為であり、同意していない"
          "健康な人々から臓器が摘出されています。",
    "ko": "강제 장기 적출은 비윤리적이고 불법적이지만 수익성이 매우 높은 관행으로, 동의하지 않은 "
          "건강한 사람들로부터 장기를 적출합니다.",
}
TEAM = "{name} <https://weblate.example.org/projects/summit-i18n/summit-announcement/{lang}/>"


def invoke(root: Path, *args: str, epoch: int = 1764000000) -> str:
    result = runner.invoke(app, ["-C", str(root), *args], env={"SOURCE_DATE_EPOCH": str(epoch)})
    assert result.exit_code == 0, result.output
    return result.stdout


def weblate_save(path: Path, lang: str, width: int) -> None:
    """Translate every entry and save as Weblate 5 does: pypo, lines wrapped at the
    "Long lines wrapping" file format parameter, header updated by ``updateheader``."""
    store = pypo.pofile.parsefile(str(path))
    store.wrapper.width = width
    for unit in store.units:
        if unit.isheader():
            continue
        if unit.source == LONG:
            unit.target = WEBLATE[lang]
        else:
            unit.target = f"[{lang}] {unit.source}"
        # "Needs editing" kept on one string, the others saved as translated
        unit.markfuzzy(unit.source == "The summit lasts six days.")
    store.updateheader(
        add=True,
        Last_Translator="Camille Martin <camille@example.org>",
        Language_Team=TEAM.format(name={"fr": "French", "ja": "Japanese", "ko": "Korean"}[lang],
                                  lang=lang),
        PO_Revision_Date="2026-11-30 12:34+0000",
        X_Generator="Weblate 5.14.3",
    )
    path.write_bytes(bytes(store))


def blocks(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n\n")


def gnu_layout(path: Path) -> list[str]:
    """The same catalog as GNU msgcat would lay it out (every entry formatted anew)."""
    catalog = read_po(path)
    for entry in [catalog.header, *catalog.entries]:
        if entry is not None:
            entry.raw = None
    return format_po(catalog).decode("utf-8").split("\n\n")


# 77: "Wrap lines at 77 characters and at newlines" (the default);
# 65535: "Only wrap lines at newlines (like 'xgettext --no-wrap')"
@pytest.mark.parametrize("width", [77, 65535])
def test_weblate_saves_then_an_english_change(make_project: MakeProject, width: int,
                                              msgfmt_check: Callable[..., None]) -> None:
    root = make_project({"source/summit-announcement.md": SOURCE},
                        config='languages = ["fr", "ja", "ko"]\n')
    invoke(root, "extract")
    invoke(root, "update")
    invoke(root, "prefill", "--backend", "pseudo")
    catalogs = {lang: root / f"locale/{lang}/LC_MESSAGES/summit-announcement.po"
                for lang in WEBLATE}
    for lang, path in catalogs.items():
        weblate_save(path, lang, width)
        msgfmt_check(path)
    saved = {lang: blocks(path) for lang, path in catalogs.items()}
    # Weblate's layout really differs from GNU's, or this test would prove nothing:
    # in the header (width 65535: one long Language-Team line) and in entries (77:
    # the first CJK line on the msgstr line, one-line msgstrs up to 80 columns).
    gnu = {lang: gnu_layout(path) for lang, path in catalogs.items()}
    assert gnu["ko"] != saved["ko"]  # pypo breaks Korean at spaces, GNU between syllables
    if width == 65535:
        assert all(gnu[lang][0] != saved[lang][0] for lang in catalogs)

    source = root / "source/summit-announcement.md"
    source.write_text(SOURCE.replace("six days", "seven days"), encoding="utf-8")
    invoke(root, "extract", epoch=1764600000)  # a week later: a new POT-Creation-Date
    invoke(root, "update")

    for lang, path in catalogs.items():
        msgfmt_check(path)
        after = blocks(path)
        assert len(after) == len(saved[lang])
        changed = [i for i, (a, b) in enumerate(zip(saved[lang], after, strict=True)) if a != b]
        header_lines = [(a, b) for a, b in zip(saved[lang][0].splitlines(),
                                               after[0].splitlines(), strict=True) if a != b]
        assert [a.split(":")[0] for a, _ in header_lines] == ['"POT-Creation-Date'], lang
        assert changed[1:] == [i for i, block in enumerate(after)
                               if "The summit lasts seven days." in block], lang
        (entry,) = [after[i] for i in changed[1:]]
        # the translation kept for the new English, a draft again
        assert "#, fuzzy" in entry
        assert f'msgstr "[{lang}] The summit lasts six days."' in entry
        # every entry Weblate wrote, its wrapping included, is as Weblate wrote it
        assert WEBLATE[lang][:20] in "".join(saved[lang])
        assert [b for i, b in enumerate(after) if i not in changed] == \
            [b for i, b in enumerate(saved[lang]) if i not in changed]
    before_again = {lang: path.read_bytes() for lang, path in catalogs.items()}
    invoke(root, "update")  # and once more: nothing changes
    assert {lang: path.read_bytes() for lang, path in catalogs.items()} == before_again

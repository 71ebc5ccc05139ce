"""``build`` of 100 announcements in 6 languages, with share cards beside without them.

Principles: a generated project (deterministic for a seed) with announcements shaped
like the summit's — front matter, paragraphs with inline Markdown and a link,
headings, a list — extracted with ``extract`` and translated into the five target
languages with visible per-language text (fully reviewed, so every page is
published).  ``build`` is timed as a user runs it, the console script in a fresh
process: once from an empty output folder (every file written), then again with
nothing changed (the content hash says so: nothing rendered, nothing written).
Each is measured twice in the same run, with share cards (one 1200×630 PNG per
page and language, drawn with Pillow) and without them (``[share] cards = false``),
and reported as a ratio to the build without cards.  The cards' cache is emptied
before each cold build, so "cold" pays for drawing every card; a third row builds
from an empty ``site/`` with the cards' cache kept, as after a text edit.

Usage: ``python -m benchmarks.bench_build [--quick]``.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import time
from pathlib import Path

from benchmarks.harness import REPO, VENV_BIN, WORK, Result, median_time, standalone, time_command

__all__ = ["run"]

LANGS = ("fr", "ja", "ko", "zh_Hant", "zh_Hans")
PREFIX = {"fr": "FR ", "ja": "日本語：", "ko": "한국어 ", "zh_Hant": "繁體：", "zh_Hans": "简体："}
WORDS = (
    "summit", "organ", "transplant", "ethics", "medicine", "law", "government", "conscience",
    "prisoners", "international", "community", "intervention", "organizations", "doctors",
    "association", "research", "awareness", "dignity", "standards", "transparency",
    "patients", "families", "donors", "safety",
)


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def _document(i: int, rng: random.Random) -> str:
    day = dt.date(2026, 1, 1) + dt.timedelta(days=i)
    parts = [
        "---",
        f"title: \"Announcement {i}: {_sentence(rng, 6)[:-1]}\"",
        f"summary: {_sentence(rng, 18)}",
        f"slug: announcement-{i:03d}",
        f"date: {day.isoformat()}",
        "---",
        "",
    ]
    for p in range(6):
        parts += [f"{_sentence(rng, 25)} **{rng.choice(WORDS)}** {_sentence(rng, 20)}", ""]
        if p == 2:
            parts += [f"## {_sentence(rng, 4)[:-1]}", ""]
    parts += [f"Read the [programme](https://example.org/{i}) {_sentence(rng, 8)}", ""]
    parts += [f"- {_sentence(rng, 7)}" for _ in range(4)]
    return "\n".join(parts) + "\n"


def _project(n: int) -> Path:
    from summit_i18n.config import find_project, language
    from summit_i18n.extract import extract_project
    from summit_i18n.po import read_po, write_po

    root = WORK / f"build-{n}"
    marker = root / ".complete"
    if marker.is_file():
        return root
    shutil.rmtree(root, ignore_errors=True)
    (root / "source").mkdir(parents=True)
    shutil.copytree(REPO / "templates", root / "templates")
    (root / "summit-i18n.toml").write_text(
        f"languages = {list(LANGS)!r}\n".replace("'", '"'), encoding="utf-8")
    rng = random.Random(0)
    for i in range(n):
        (root / "source" / f"announcement-{i:03d}.md").write_text(_document(i, rng),
                                                                  encoding="utf-8")
    project = find_project(explicit=root)
    extract_project(project, now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    for lang in LANGS:
        info = language(lang)
        for domain in project.domains():
            catalog = read_po(project.pot_path(domain))
            assert catalog.header is not None
            catalog.header.fuzzy = False
            catalog.set_header_value("Language", lang)
            catalog.set_header_value("Plural-Forms", info.plural_forms)
            for entry in catalog.entries:
                if entry.msgid_plural is not None:
                    forms = [entry.msgid] * (info.nplurals > 1) + [entry.msgid_plural]
                    entry.msgstr_plural = {k: PREFIX[lang] + f for k, f in enumerate(forms)}
                elif entry.msgid:
                    entry.msgstr = PREFIX[lang] + entry.msgid
            write_po(catalog, project.po_path(lang, domain))
    marker.touch()
    return root


def _configure(root: Path, *, cards: bool) -> None:
    (root / "summit-i18n.toml").write_text(
        f"languages = {list(LANGS)!r}\n".replace("'", '"')
        + 'site_url = "https://summit.example/"\n'
        + f"[share]\ncards = {str(cards).lower()}\n", encoding="utf-8")


def run(quick: bool = False) -> list[Result]:
    n = 20 if quick else 100
    repeat = 1 if quick else 3
    root = _project(n)
    cmd = [VENV_BIN / "summit-i18n", "-C", root, "build"]

    def clean() -> None:
        shutil.rmtree(root / "site", ignore_errors=True)
        shutil.rmtree(root / ".summit-i18n" / "build", ignore_errors=True)
        shutil.rmtree(root / ".summit-i18n" / "cards", ignore_errors=True)

    def clean_site() -> None:
        shutil.rmtree(root / "site", ignore_errors=True)
        shutil.rmtree(root / ".summit-i18n" / "build", ignore_errors=True)

    _configure(root, cards=False)
    plain_cold = time_command(cmd, repeat=repeat, setup=clean)
    plain_warm = time_command(cmd, repeat=repeat)
    _configure(root, cards=True)
    cards_cold = time_command(cmd, repeat=repeat, setup=clean)
    cards_warm = time_command(cmd, repeat=repeat)
    cards_cached = time_command(cmd, repeat=repeat, setup=clean_site)
    n_cards = sum(1 for _ in (root / "site").rglob("card.png"))
    cards_bytes = sum(p.stat().st_size for p in (root / "site").rglob("card.png"))
    _configure(root, cards=False)
    cold = plain_cold
    warm = plain_warm
    pages = sum(1 for _ in (root / "site").rglob("*.html"))
    # In process too: the rendering alone, without interpreter start and imports.
    from summit_i18n.config import find_project
    from summit_i18n.render import build_site

    project = find_project(explicit=root)
    start = time.perf_counter()
    clean()
    build_site(project)
    in_process = time.perf_counter() - start
    warm_in_process = median_time(lambda: build_site(project), repeat=repeat)
    size = f"{n} announcements x 6 languages ({pages} pages)"
    return [
        Result(f"build, {size}", cold, notes=f"{pages / cold:.0f} pages/s (console script); "
               f"{pages / in_process:.0f} pages/s in process",
               extra={"pages": pages, "pages_per_second": pages / cold,
                      "in_process_s": in_process}),
        Result(f"build again, nothing changed, {size}", warm,
               notes=f"{warm_in_process * 1000:.0f} ms in process",
               extra={"in_process_s": warm_in_process}),
        Result(f"build with share cards, {size}", cards_cold, peer="build without cards",
               peer_time=plain_cold,
               notes=f"{n_cards} cards drawn, {cards_bytes / n_cards / 1024:.0f} KiB each",
               extra={"cards": n_cards, "card_bytes": cards_bytes}),
        Result(f"build with share cards again, nothing changed, {size}", cards_warm,
               peer="build without cards, nothing changed", peer_time=plain_warm,
               goal="cards cost nothing on a no-change rebuild (ratio ~1)",
               met=cards_warm <= plain_warm * 1.25 + 0.05),
        Result(f"build with share cards from an empty site/, cards cached, {size}",
               cards_cached, peer="build without cards", peer_time=plain_cold,
               notes="every card read back from .summit-i18n/cards/ (unchanged text)"),
    ]


def main() -> None:
    standalone(run, __doc__, quick="20 announcements, one run")


if __name__ == "__main__":
    main()

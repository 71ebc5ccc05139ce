"""render.site: publishing rules, switcher and hreflang, determinism, incremental rebuilds."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
from pathlib import Path

from summit_i18n.config import Project
from summit_i18n.render import build_site
from tests.site_project import (
    ANNOUNCEMENT,
    SECOND,
    make_site_project,
    prefixer,
    translate,
    translate_all,
)

ALL = ("fr", "ja", "ko", "zh-Hant", "zh-Hans")


def tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def page(project: Project, rel: str) -> str:
    return (project.output_dir / rel).read_text(encoding="utf-8")


def two_docs(tmp_path: Path, config: str = "") -> Project:
    return make_site_project(tmp_path / "p", docs={"spring.md": ANNOUNCEMENT,
                                                   "volunteers.md": SECOND}, config=config)


def test_reviewed_translations_publish_every_language(tmp_path: Path) -> None:
    project = two_docs(tmp_path)
    translate_all(project)
    report = build_site(project)
    assert report.languages == {"en": 2, **dict.fromkeys(ALL, 2)}
    assert report.warnings == []
    html = page(project, "ja/spring-summit/index.html")
    assert '<html lang="ja" dir="ltr">' in html
    for code in ("en", *ALL):
        assert (f'<link rel="alternate" hreflang="{code}" '
                f'href="https://summit.example/{code}/spring-summit/">') in html
        if code != "ja":
            assert f'href="../../{code}/spring-summit/index.html" hreflang="{code}"' in html
    assert ('<link rel="alternate" hreflang="x-default" '
            'href="https://summit.example/en/spring-summit/">') in html
    assert "draft-notice" not in html
    assert "<h1>日本語：Spring Summit on Open Translation</h1>" in html
    assert "2026年5月14日" in html  # Babel's Japanese long date
    assert "14 mai 2026" in page(project, "fr/spring-summit/index.html")
    assert "2026년 5월 14일" in page(project, "ko/spring-summit/index.html")


def test_drafts_need_use_fuzzy_and_then_say_so(tmp_path: Path) -> None:
    project = two_docs(tmp_path)
    translate_all(project, fuzzy=True)
    report = build_site(project)
    assert report.languages == {"en": 2, **dict.fromkeys(ALL, -1)}
    english = page(project, "en/spring-summit/index.html")
    assert 'hreflang="fr"' not in english
    assert ('<li lang="fr" class="unavailable"><span>Français</span> '
            '<small lang="en">not translated yet</small></li>') in english
    assert not (project.output_dir / "fr").exists()
    report = build_site(project, use_fuzzy=True)
    assert report.languages == {"en": 2, **dict.fromkeys(ALL, 2)}
    french = page(project, "fr/spring-summit/index.html")
    assert '<aside class="notice draft-notice" role="note">' in french
    assert ('href="../../en/spring-summit/index.html" hreflang="en">FR: Read in English</a>'
            in french)
    assert "draft-notice" not in page(project, "en/spring-summit/index.html")


def test_publish_drafts_in_config(tmp_path: Path) -> None:
    project = two_docs(tmp_path, config="publish_drafts = true\n")
    translate_all(project, fuzzy=True, languages=("fr",))
    assert build_site(project).languages["fr"] == 2


def test_threshold_and_english_fallback(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p")
    translate_all(project, languages=("fr",))
    # 5 of 8 segments translated: 62.5 %.
    keep = {"Spring Summit on Open Translation", "Speakers", "Ada from the *Paris* office",
            "Grace from the Tokyo office",
            "Translators and engineers meet to talk about **open** catalogs."}
    translate(project, "fr", "spring-summit", lambda m: f"FR: {m}" if m in keep else None)
    assert build_site(project).languages["fr"] == -1
    (project.root / "summit-i18n.toml").write_text(
        (project.root / "summit-i18n.toml").read_text() + "publish_threshold = 0.6\n")
    from summit_i18n.config import find_project

    project = find_project(explicit=project.root)
    assert build_site(project).languages["fr"] == 1
    html = page(project, "fr/spring-summit/index.html")
    assert ('<p lang="en">The summit brings together <strong>translators</strong>, reviewers '
            "and engineers for two days.</p>") in html
    assert "fallback-notice" in html
    assert "<h2>FR: Speakers</h2>" in html


def test_list_page_links_untranslated_announcements_to_english(tmp_path: Path) -> None:
    project = two_docs(tmp_path)
    translate_all(project, languages=("fr",))
    translate(project, "fr", "volunteers", {})
    build_site(project)
    index = page(project, "fr/index.html")
    assert '<li lang="fr">\n<h2><a href="spring-summit/index.html" hreflang="fr">' in index
    assert '<a href="../en/volunteers/index.html" hreflang="en">Call for Volunteers</a>' in index
    assert index.index("Spring Summit") < index.index("Call for Volunteers")  # newest first
    assert not (project.output_dir / "fr" / "volunteers").exists()


def test_root_lists_languages_by_native_names(tmp_path: Path) -> None:
    project = two_docs(tmp_path)
    translate_all(project, languages=("ja", "ko"))
    build_site(project)
    root = page(project, "index.html")
    assert '<a href="ja/index.html" hreflang="ja">日本語</a>' in root
    assert '<a href="ko/index.html" hreflang="ko">한국어</a>' in root
    # A language held back is named and said to be not translated yet, in its own words
    # when its catalog has them (here it has none: the English, marked as English).
    assert ('<li lang="fr" class="unavailable">\n<span class="name">Français</span>\n'
            '<span class="newest"><span lang="en">not translated yet</span></span>') in root
    assert 'href="fr/index.html"' not in root


def test_build_twice_gives_identical_files_and_skips_unchanged_inputs(tmp_path: Path) -> None:
    project = two_docs(tmp_path)
    translate_all(project)
    locale_before = tree(project.locale_dir)
    first = build_site(project)
    assert first.written == len(tree(project.output_dir))
    snapshot = tree(project.output_dir)
    second = build_site(project)
    assert second.unchanged_inputs
    assert second.written == 0
    other = build_site(project, output_dir=tmp_path / "other")
    assert not other.unchanged_inputs
    assert tree(tmp_path / "other") == snapshot
    assert tree(project.locale_dir) == locale_before  # build changes no catalog


def test_rebuild_after_a_change_writes_only_what_changed(tmp_path: Path) -> None:
    project = two_docs(tmp_path)
    translate_all(project)
    build_site(project)
    translate(project, "fr", "volunteers", prefixer("FR2: "))
    report = build_site(project)
    assert not report.unchanged_inputs
    assert 0 < report.written < 10
    assert "FR2: Call for Volunteers" in page(project, "fr/volunteers/index.html")


def test_files_of_an_unpublished_language_are_removed(tmp_path: Path) -> None:
    project = two_docs(tmp_path)
    translate_all(project, languages=("fr",))
    build_site(project)
    assert (project.output_dir / "fr" / "spring-summit" / "index.html").is_file()
    for domain in project.domains():
        translate(project, "fr", domain, {})
    report = build_site(project)
    assert report.removed >= 5
    assert not (project.output_dir / "fr" / "spring-summit" / "index.html").exists()


def test_dates_from_git_then_mtime(tmp_path: Path) -> None:
    undated = ANNOUNCEMENT.replace("date: 2026-05-14\n", "")
    project = make_site_project(tmp_path / "p", docs={"spring.md": undated})
    source = project.source_dir / "spring.md"
    stamp = dt.datetime(2025, 3, 9, 12, 0, tzinfo=dt.UTC).timestamp()
    os.utime(source, (stamp, stamp))
    build_site(project)
    assert "March 9, 2025" in page(project, "en/spring-summit/index.html")
    env = {**os.environ, "GIT_AUTHOR_DATE": "2024-02-03T10:00:00+00:00",
           "GIT_COMMITTER_DATE": "2024-02-03T10:00:00+00:00", "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    for args in (["init", "-q"], ["add", "source"], ["commit", "-qm", "source"]):
        subprocess.run(["git", *args], cwd=project.root, env=env, check=True)
    build_site(project)
    assert "February 3, 2024" in page(project, "en/spring-summit/index.html")


def test_broken_translation_warns_with_catalog_location(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "p")
    translate_all(project, languages=("fr",))
    msgid = "Read the [programme](https://example.org/programme) before you register."
    path = translate(project, "fr", "spring-summit",
                     lambda m: "Lisez le [programme](https://evil.example/)." if m == msgid
                     else f"FR: {m}")
    report = build_site(project)
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1)
                if text.startswith("msgstr") and "Lisez" in text)
    assert report.warnings == [
        f"locale/fr/LC_MESSAGES/spring-summit.po:{line}: warning: the translation links to "
        "'https://evil.example/', which the English does not"]


def test_pseudo_localization_is_never_published(tmp_path: Path) -> None:
    from summit_i18n.prefill.runner import PrefillOptions, prefill
    from summit_i18n.update import update_project

    project = two_docs(tmp_path)
    translate_all(project, languages=("ja",))
    update_project(project, languages=["fr"])
    report = prefill(project, PrefillOptions(languages=("fr",), backend="pseudo"),
                     now=dt.date(2026, 5, 14))
    assert sum(s.done for s in report.stats) > 0
    po = project.po_path("fr", "spring-summit").read_text(encoding="utf-8")
    assert "# machine: pseudo 2026-05-14" in po

    built = build_site(project, use_fuzzy=True)
    assert built.languages["fr"] == -1  # nothing publishable: not published at all
    assert built.languages["ja"] == 2
    assert not (project.output_dir / "fr").exists()
    pseudo = [w for w in built.warnings if "pseudo-localized text is not published" in w]
    assert pseudo
    assert all(w.startswith("locale/fr/LC_MESSAGES/") for w in pseudo)

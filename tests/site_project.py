"""Small translated projects for the compile, render and site tests."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path

from summit_i18n.catalog import Catalog
from summit_i18n.config import Project, find_project, language
from summit_i18n.extract import extract_project
from summit_i18n.po import read_po, write_po
from summit_i18n.site_templates import BUILTIN_DIR

REPO = Path(__file__).resolve().parents[1]
FIXED_NOW = dt.datetime(2026, 5, 14, 9, 30, tzinfo=dt.UTC)

ANNOUNCEMENT = """\
---
title: Spring Summit on Open Translation
summary: Translators and engineers meet to talk about **open** catalogs.
slug: spring-summit
date: 2026-05-14
---

The summit brings together **translators**, reviewers and engineers for two days.

Read the [programme](https://example.org/programme) before you register.

## Speakers

- Ada from the *Paris* office
- Grace from the Tokyo office

```
make site
```
"""

SECOND = """\
---
title: Call for Volunteers
slug: volunteers
date: 2026-04-01
---

We need volunteers at the registration desk.
"""

Translator = Mapping[str, str] | Callable[[str], str | None]


def make_site_project(root: Path, *, docs: Mapping[str, str] | None = None,
                      config: str = "") -> Project:
    """A project with the default templates, some sources, and fresh .pot files."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "summit-i18n.toml").write_text(
        'languages = ["fr", "ja", "ko", "zh_Hant", "zh_Hans"]\n'
        'site_name = "Summit"\nsite_url = "https://summit.example/"\n' + config,
        encoding="utf-8")
    # the built-in templates, as the project's own: tests change them as overrides
    shutil.copytree(BUILTIN_DIR, root / "templates", dirs_exist_ok=True)
    for name, text in (docs or {"spring.md": ANNOUNCEMENT}).items():
        path = root / "source" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    project = find_project(explicit=root)
    extract_project(project, now=FIXED_NOW)
    return project


def translate(project: Project, lang: str, domain: str, translator: Translator, *,
              fuzzy: bool = False) -> Path:
    """Write ``locale/<lang>/LC_MESSAGES/<domain>.po`` from the .pot, filled by ``translator``.

    ``translator`` maps an msgid to its translation (None or missing: untranslated).
    Plural entries get the translation of the msgid in every form.
    """
    pot = read_po(project.pot_path(domain))
    info = language(lang)
    path = project.po_path(lang, domain)
    catalog = Catalog(entries=pot.entries, header=pot.header, path=str(path))
    assert catalog.header is not None
    catalog.header.fuzzy = False
    catalog.set_header_value("Language", lang)
    catalog.set_header_value("Plural-Forms", info.plural_forms)
    catalog.set_header_value("PO-Revision-Date", "2026-05-14 09:30+0000")
    catalog.set_header_value("Last-Translator", "Test Translator <test@example.org>")
    catalog.set_header_value("Language-Team", f"{info.english_name} <test@example.org>")
    catalog.set_header_value("Content-Type", "text/plain; charset=UTF-8")
    catalog.set_header_value("Content-Transfer-Encoding", "8bit")
    for entry in catalog.entries:
        if entry.is_header:
            continue
        text = _lookup(translator, entry.msgid)
        if entry.msgid_plural is not None:
            other = _lookup(translator, entry.msgid_plural) or text
            forms = [text] + [other] * (info.nplurals - 1) if info.nplurals > 1 else [other]
            entry.msgstr_plural = {i: form or "" for i, form in enumerate(forms)}
        else:
            entry.msgstr = text or ""
        entry.fuzzy = fuzzy and bool(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_po(catalog, path)
    check = subprocess.run(["msgfmt", "--check", "--use-fuzzy", "-o", "/dev/null", str(path)],
                           capture_output=True, text=True, check=False)
    assert check.returncode == 0, f"msgfmt --check rejects {path}:\n{check.stderr}"
    return path


def _lookup(translator: Translator, msgid: str) -> str | None:
    return translator(msgid) if callable(translator) else translator.get(msgid)


def prefixer(prefix: str) -> Callable[[str], str]:
    """A translator that keeps the English (its Markdown intact) behind a prefix."""
    return lambda msgid: f"{prefix}{msgid}"


PREFIX = {"fr": "FR: ", "ja": "日本語：", "ko": "한국어: ", "zh_Hant": "繁體：",
          "zh_Hans": "简体："}


def translate_all(project: Project, *, fuzzy: bool = False,
                  languages: tuple[str, ...] = ("fr", "ja", "ko", "zh_Hant", "zh_Hans")) -> None:
    """Every domain of every language, translated with a visible per-language prefix."""
    for lang in languages:
        for domain in project.domains():
            translate(project, lang, domain, prefixer(PREFIX[lang]), fuzzy=fuzzy)

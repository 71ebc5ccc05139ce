"""Build the static site: every announcement in every published language, feeds, sitemap.

Principles: ``build`` reads the English sources and the catalogs and changes neither;
it applies compile's rules in memory (msgfmt's choice of entries and its format
checks), so what a page shows is what the .mo would answer.  A page is published
in a language when the share of its segments with a publishable translation
reaches ``publish_threshold``; drafts (fuzzy) count only with ``--use-fuzzy`` or
``publish_drafts``, and then the page says it shows a draft.  Output is
deterministic — dates come from front matter, else the source's last git commit,
else its mtime; nothing records the build time — so building twice gives the same
bytes, files are written atomically and only when they change, files of an earlier
build that are no longer produced are removed, and a build whose inputs have not
changed since the last one (same content hash) writes nothing at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import posixpath
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from babel import Locale
from babel.dates import format_date
from jinja2 import Environment, StrictUndefined, TemplateError
from markupsafe import Markup

from summit_i18n import __version__
from summit_i18n.catalog import Catalog, Entry
from summit_i18n.config import Language, Project
from summit_i18n.errors import SourceError, UsageError
from summit_i18n.extract.markdown import Document, decode_source, parse_document
from summit_i18n.fsutil import atomic_write_bytes, atomic_write_text
from summit_i18n.po import read_po
from summit_i18n.render.document import (
    RenderedDocument,
    Translation,
    render_document,
    translations_of,
)
from summit_i18n.render.feeds import Alternate, FeedEntry, SitemapUrl, atom_feed, sitemap
from summit_i18n.render.text import render_text
from summit_i18n.render.ui import UiStrings
from summit_i18n.site_templates import effective_templates
from summit_i18n.site_templates import loader as template_loader

__all__ = ["CSP", "BuildReport", "build_site"]

#: Sent as a <meta> on every page: no script at all, styles only from the site.
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' https:; "
       "base-uri 'none'; form-action 'none'")
SITE_DOMAIN = "site"
CSS_PATH = "assets/site.css"
ICON_PATH = "assets/favicon.svg"
TEXT_NAME = "announcement.txt"
_TEMPLATES = ("base.html", "announcement.html", "index.html", "root.html")


@dataclass
class BuildReport:
    """What a build did."""

    output_dir: Path
    pages: int = 0  #: HTML pages rendered
    written: int = 0  #: files created or changed
    removed: int = 0  #: files of an earlier build no longer produced
    unchanged_inputs: bool = False  #: nothing changed since the last build: nothing done
    #: per language (BCP 47): published announcements, or None when the language is not published
    languages: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Source:
    path: Path
    rel: str
    slug: str
    doc: Document
    date: dt.datetime


@dataclass
class _Version:
    """One announcement in one language, once rendered."""

    source: _Source
    lang: Language | None  #: None for English
    rendered: RenderedDocument
    published: bool


# -- entry point -----------------------------------------------------------------------


def build_site(
    project: Project, *, use_fuzzy: bool | None = None, output_dir: Path | None = None
) -> BuildReport:
    """Render the site into ``output_dir`` (default: the project's ``site/``)."""
    drafts = project.config.publish_drafts if use_fuzzy is None else use_fuzzy
    out = output_dir or project.output_dir
    report = BuildReport(out)
    sources = _sources(project)
    languages = project.languages()
    digest = _input_digest(project, sources, languages, drafts, out)
    key = hashlib.sha1(str(out.resolve()).encode()).hexdigest()[:16]
    stamp_path = project.state_dir / "build" / f"{key}.json"
    previous = _read_stamp(stamp_path)
    if previous.get("digest") == digest and all((out / f).is_file() for f in previous["files"]):
        report.unchanged_inputs = True
        report.languages = dict(previous.get("languages", {}))
        return report
    files, report = _render_all(project, sources, languages, drafts, report)
    for rel, data in sorted(files.items()):
        if atomic_write_bytes(out / rel, data):
            report.written += 1
    for rel in sorted(set(previous.get("files", [])) - set(files)):
        stale = out / rel
        if stale.is_file():
            stale.unlink()
            report.removed += 1
    stamp = {"digest": digest, "files": sorted(files), "languages": report.languages}
    atomic_write_text(stamp_path, json.dumps(stamp, indent=1, ensure_ascii=False) + "\n")
    return report


def _read_stamp(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("files"), list):
        return {}
    return data


# -- inputs ----------------------------------------------------------------------------


def _sources(project: Project) -> list[_Source]:
    from summit_i18n.extract import document_domain, find_documents

    files = find_documents(project.source_dir)
    dates = _git_dates(project.root, project.source_dir) if files else {}
    sources: list[_Source] = []
    seen: dict[str, str] = {}
    for file in files:
        rel = project.relative(file)
        text = decode_source(file.read_bytes(), path=rel)
        doc = parse_document(text, path=rel)
        slug = document_domain(doc, text, file, project.source_dir, rel)
        if slug in seen:
            raise SourceError(rel, 1, f"slug {slug!r} is also used by {seen[slug]}")
        seen[slug] = rel
        date = _front_matter_date(doc.front_matter.get("date"), rel)
        if date is None:
            date = dates.get(file.resolve()) or dt.datetime.fromtimestamp(
                file.stat().st_mtime, dt.UTC).replace(microsecond=0)
        sources.append(_Source(file, rel, slug, doc, date))
    # Newest first; the slug breaks ties so the order never depends on the file system.
    sources.sort(key=lambda s: (-s.date.timestamp(), s.slug))
    return sources


def _front_matter_date(value: object, rel: str) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    if isinstance(value, str):
        try:
            return _front_matter_date(dt.datetime.fromisoformat(value), rel)
        except ValueError:
            pass
    raise SourceError(rel, 1, f"front matter date {value!r} is not a date like 2026-05-14")


def _git_dates(root: Path, source_dir: Path) -> dict[Path, dt.datetime]:
    """The last commit date of every file below ``source_dir``, from one ``git log``."""
    try:
        proc = subprocess.run(
            ["git", "-C", str(source_dir), "log", "--format=%x00%cI", "--name-only",
             "--relative", "--", "."],
            capture_output=True, text=True, check=False, timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if proc.returncode != 0:
        return {}
    dates: dict[Path, dt.datetime] = {}
    current: dt.datetime | None = None
    for line in proc.stdout.splitlines():
        if line.startswith("\x00"):
            current = dt.datetime.fromisoformat(line[1:])
        elif line and current is not None:
            dates.setdefault((source_dir / line).resolve(), current)
    return dates


def _input_digest(project: Project, sources: Sequence[_Source], languages: Sequence[Language],
                  drafts: bool, out: Path) -> str:
    h = hashlib.sha256()
    h.update(f"{__version__}\0{project.config!r}\0{drafts}\0{out.resolve()}\0".encode())
    h.update(_css() + _asset(ICON_PATH))
    for src in sources:
        h.update(f"{src.rel}\0{src.date.isoformat()}\0".encode())
        h.update(src.path.read_bytes())
    for template in effective_templates(project):  # templates/ over the built-in ones
        h.update(template.name.encode() + b"\0" + template.path.read_bytes())
    for lang in languages:
        folder = project.locale_dir / lang.locale / "LC_MESSAGES"
        for po in sorted(folder.glob("*.po")):
            h.update(f"{lang.locale}/{po.name}\0".encode() + po.read_bytes())
    return h.hexdigest()


def _css() -> bytes:
    return _asset(CSS_PATH)


def _asset(rel: str) -> bytes:
    return resources.files("summit_i18n.render").joinpath(rel).read_bytes()


def _catalog(project: Project, lang: Language, domain: str,
             warnings: list[str]) -> Catalog | None:
    """The catalog, or None when absent or unreadable (a warning: other pages still build)."""
    path = project.po_path(lang.locale, domain)
    if not path.is_file():
        return None
    try:
        catalog = read_po(path, max_bytes=project.max_catalog_bytes, keep_source=False)
    except SourceError as exc:
        where = project.relative(path) + (f":{exc.line}" if exc.line else "")
        warnings.append(f"{where}: warning: {exc.detail} (its translations are not used)")
        return None
    for entry in catalog.active_entries():
        if _is_pseudo(entry) and any(entry.translations()):
            # Pseudo-localization is for layout tests: never published, even as a draft.
            entry.clear_translation()  # in memory only: build never writes a catalog
            warnings.append(f"{project.relative(path)}:{entry.msgstr_lineno or entry.lineno}: "
                            "warning: pseudo-localized text is not published")
    return catalog


def _is_pseudo(entry: Entry) -> bool:
    provenance = entry.machine_provenance()
    return provenance is not None and provenance.split()[:1] == ["pseudo"]


# -- rendering -------------------------------------------------------------------------


def _environment(project: Project) -> Environment:
    names = {t.name for t in effective_templates(project)}
    missing = [t for t in _TEMPLATES if t not in names]
    if missing:  # only when the installed package lost its own templates
        raise UsageError(f"error: no page template {', '.join(missing)} in "
                         f"{project.relative(project.templates_dir)}/ or in summit-i18n")
    env = Environment(
        loader=template_loader(project),  # the project's templates/, else the built-in ones
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # Our callables (render.ui) escape the translation, then substitute variables.
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    return env


def _render_all(project: Project, sources: Sequence[_Source], languages: Sequence[Language],
                drafts: bool, report: BuildReport) -> tuple[dict[str, bytes], BuildReport]:
    threshold = project.config.publish_threshold
    env = _environment(project)
    site = _Site(project, env, languages)
    uis: dict[str, UiStrings] = {"en": UiStrings(babel_locale="en", english=True)}
    site_share: dict[str, float] = {"en": 1.0}
    versions: dict[tuple[str, str], _Version] = {}
    for src in sources:
        versions[("en", src.slug)] = _Version(src, None, render_document(src.doc, None), True)
    for lang in languages:
        catalog = _catalog(project, lang, SITE_DOMAIN, report.warnings)
        ui = UiStrings.from_catalog(catalog, babel_locale=lang.babel_locale, use_fuzzy=drafts)
        uis[lang.bcp47] = ui
        total = len([e for e in catalog.active_entries() if not e.is_header]) if catalog else 0
        site_share[lang.bcp47] = len(ui.messages) / total if total else 0.0
        for src in sources:
            table = _document_translations(project, lang, src.slug, drafts, report.warnings)
            rendered = render_document(src.doc, table)
            report.warnings += [str(w) for w in rendered.warnings]
            published = rendered.segments > 0 and rendered.share >= threshold
            versions[(lang.bcp47, src.slug)] = _Version(src, lang, rendered, published)
    codes = ["en", *[lang.bcp47 for lang in languages]]
    index_published = {
        code: code == "en" or any(versions[(code, s.slug)].published for s in sources)
        or (not sources and site_share[code] >= threshold)
        for code in codes
    }
    files: dict[str, bytes] = {CSS_PATH: _css(), ICON_PATH: _asset(ICON_PATH)}
    sitemap_urls: list[SitemapUrl] = []
    for code in codes:
        if not index_published[code]:
            report.languages[code] = -1
            continue
        ui = uis[code]
        shown = [versions[(code, s.slug)] for s in sources]
        shown = [v for v in shown if v.published]
        report.languages[code] = len(shown)
        for version in shown:
            slug = version.source.slug
            alternates = [c for c in codes if versions[(c, slug)].published]
            path = f"{code}/{slug}/index.html"
            files[path] = site.announcement(version, code, ui, alternates, versions).encode()
            files[f"{code}/{slug}/{TEXT_NAME}"] = site.text_version(version, code, ui).encode()
            sitemap_urls.append(site.sitemap_entry(code, slug, alternates, version.source.date))
            report.pages += 1
        index_langs = [c for c in codes if index_published[c]]
        files[f"{code}/index.html"] = site.index(code, ui, sources, versions, index_langs).encode()
        files[f"{code}/feed.xml"] = site.feed(code, ui, shown).encode()
        newest = sources[0].date if sources else None
        sitemap_urls.append(site.sitemap_entry(code, None, index_langs, newest))
        report.pages += 1
    index_langs = [c for c in codes if index_published[c]]
    files["index.html"] = site.root(uis["en"], index_langs, sources, versions).encode()
    report.pages += 1
    files["sitemap.xml"] = sitemap(sitemap_urls).encode()
    return files, report


def _document_translations(project: Project, lang: Language, domain: str,
                           drafts: bool, warnings: list[str]) -> dict[str, Translation]:
    catalog = _catalog(project, lang, domain, warnings)
    if catalog is None:
        return {}
    return translations_of(catalog, use_fuzzy=drafts,
                           path=project.relative(project.po_path(lang.locale, domain)))


class _Site:
    """Page contexts: URLs, switcher, alternates; one instance per build."""

    def __init__(self, project: Project, env: Environment, languages: Sequence[Language]) -> None:
        self.project = project
        self.env = env
        self.base_url = project.config.site_url.rstrip("/") + "/"
        self.names: dict[str, str] = {"en": _native_name("en")}
        self.locales: dict[str, str] = {"en": "en"}
        for lang in languages:
            self.names[lang.bcp47] = lang.native_name
            self.locales[lang.bcp47] = lang.babel_locale
        self.count = len(self.names)

    # -- URLs
    def url(self, code: str | None, slug: str | None = None) -> str:
        if code is None:
            return self.base_url
        return f"{self.base_url}{code}/" + (f"{quote(slug)}/" if slug else "")

    @staticmethod
    def href(from_file: str, to_file: str) -> str:
        """A relative link that also works from file:// (explicit index.html)."""
        return posixpath.relpath(to_file, posixpath.dirname(from_file) or ".")

    def _page(self, *, code: str, file: str, title: str, ui: UiStrings,
              switcher: list[dict[str, Any]],
              alternates: Sequence[str], slug: str | None, draft: bool, fallback: bool,
              description: str = "") -> dict[str, Any]:
        alt = [{"hreflang": c, "href": self.url(c, slug)} for c in alternates]
        if alternates:
            alt.append({"hreflang": "x-default",
                        "href": self.url("en", slug) if slug else self.url(None)})
        return {
            "lang": code,
            "dir": _direction(self.locales.get(code, "en")),
            "title": title,
            "description": description,
            "css_href": self.href(file, CSS_PATH),
            "icon_href": self.href(file, ICON_PATH),
            "home_href": self.href(file, "index.html" if file == "index.html"
                                   else f"{code}/index.html"),
            "feed_href": self.href(file, f"{code}/feed.xml") if file != "index.html" else None,
            "english_href": self.href(file, f"en/{slug}/index.html" if slug else "en/index.html")
            if code != "en" else None,
            "canonical": self.url(code, slug) if file != "index.html" else self.url(None),
            "alternates": alt,
            "switcher": switcher,
            "draft": draft,
            "has_fallback": fallback,
            "language_count": len(alternates) if slug else 0,
        }

    def _switcher(
        self, code: str, file: str, target: dict[str, str | None]
    ) -> list[dict[str, Any]]:
        items = []
        for other, name in self.names.items():
            to = target.get(other)
            items.append({"lang": other, "name": name, "current": other == code,
                          "href": self.href(file, to) if to else None})
        return items

    def _render(self, name: str, ui: UiStrings, **context: Any) -> str:
        try:
            return self.env.get_template(name).render(
                # The site name is configuration, not translated: it is marked as English.
                site={"name": self.project.config.site_name, "lang": "en"}, csp=Markup(CSP),
                **ui.callables(), **context)
        except TemplateError as exc:
            where = f"{self.project.config.templates_dir.rstrip('/')}/{name}"
            raise SourceError(where, getattr(exc, "lineno", None), str(exc)) from None

    # -- pages
    def announcement(self, version: _Version, code: str, ui: UiStrings, alternates: Sequence[str],
                     versions: Mapping[tuple[str, str], _Version]) -> str:
        slug = version.source.slug
        file = f"{code}/{slug}/index.html"
        doc = version.rendered
        targets = {c: f"{c}/{slug}/index.html" if versions[(c, slug)].published else None
                   for c in self.names}
        page = self._page(
            code=code, file=file, title=doc.title_text or slug, ui=ui,
            switcher=self._switcher(code, file, targets), alternates=alternates, slug=slug,
            draft=bool(doc.drafts) or _has_drafts(ui), fallback=doc.fallback or _incomplete(ui),
            description=doc.summary_text)
        date = version.source.date
        context = {
            "title_html": doc.title_html or Markup(slug),
            "body_html": doc.body_html,
            "date": format_date(date.date(), format="long", locale=self.locales[code]),
            "date_iso": date.date().isoformat(),
            "text_href": TEXT_NAME,
            "mailto": "mailto:?subject=" + quote(doc.title_text or slug)
                      + "&body=" + quote(self.url(code, slug)),
        }
        return self._render("announcement.html", ui, page=page, doc=context)

    def index(self, code: str, ui: UiStrings, sources: Sequence[_Source],
              versions: Mapping[tuple[str, str], _Version], index_langs: Sequence[str]) -> str:
        file = f"{code}/index.html"
        items = []
        drafts = False
        for src in sources:
            version = versions[(code, src.slug)]
            shown = version if version.published else versions[("en", src.slug)]
            shown_code = code if version.published else "en"
            drafts |= version.published and bool(version.rendered.drafts)
            items.append({
                "href": self.href(file, f"{shown_code}/{src.slug}/index.html"),
                "lang": shown_code,
                "title_html": shown.rendered.title_html or Markup(src.slug),
                "summary_html": shown.rendered.summary_html,
                "date": format_date(src.date.date(), format="long", locale=self.locales[code]),
                "date_iso": src.date.date().isoformat(),
                "translated": version.published,
            })
        targets = {c: f"{c}/index.html" if c in index_langs else None for c in self.names}
        page = self._page(code=code, file=file, title=ui.text("Announcements"), ui=ui,
                          switcher=self._switcher(code, file, targets), alternates=index_langs,
                          slug=None, draft=drafts or _has_drafts(ui), fallback=_incomplete(ui))
        return self._render("index.html", ui, page=page, announcements=items)

    def root(self, ui: UiStrings, index_langs: Sequence[str], sources: Sequence[_Source],
             versions: Mapping[tuple[str, str], _Version]) -> str:
        file = "index.html"
        languages = []
        for code, name in self.names.items():
            newest = next((versions[(code, s.slug)] for s in sources
                           if versions[(code, s.slug)].published), None)
            languages.append({
                "lang": code,
                "name": name,
                "english_name": Locale.parse(self.locales[code]).get_display_name("en"),
                "href": self.href(file, f"{code}/index.html") if code in index_langs else None,
                "title": newest.rendered.title_text if newest else "",
            })
        page = self._page(code="en", file=file, title=self.project.config.site_name, ui=ui,
                          switcher=[], alternates=[], slug=None, draft=False, fallback=False)
        page["alternates"] = [{"hreflang": "x-default", "href": self.url(None)}]
        return self._render("root.html", ui, page=page, languages=languages)

    def text_version(self, version: _Version, code: str, ui: UiStrings) -> str:
        doc = version.rendered
        date = format_date(version.source.date.date(), format="long", locale=self.locales[code])
        meta = [ui.text("Published on %(date)s", date=date)]
        return render_text(doc.title_text or version.source.slug, meta, doc.tokens,
                           self.url(code, version.source.slug))

    def feed(self, code: str, ui: UiStrings, published: Sequence[_Version]) -> str:
        entries = [
            FeedEntry(url=self.url(code, v.source.slug),
                      title=v.rendered.title_text or v.source.slug,
                      summary=v.rendered.summary_text, content_html=str(v.rendered.body_html),
                      updated=v.source.date, lang=code)
            for v in published
        ]
        title = f"{ui.text('Announcements')} · {self.project.config.site_name}"
        return atom_feed(url=self.url(code) + "feed.xml", home=self.url(code), title=title,
                         lang=code, author=self.project.config.site_name, entries=entries)

    def sitemap_entry(self, code: str, slug: str | None, alternates: Sequence[str],
                      date: dt.datetime | None) -> SitemapUrl:
        alts = [Alternate(c, self.url(c, slug)) for c in alternates]
        alts.append(Alternate("x-default", self.url("en", slug) if slug else self.url(None)))
        return SitemapUrl(self.url(code, slug), date.date() if date else None, alts)


def _has_drafts(ui: UiStrings) -> bool:
    return any(draft for _, draft in ui.messages.values())


def _incomplete(ui: UiStrings) -> bool:
    return not ui.english and not ui.complete


def _native_name(code: str) -> str:
    loc = Locale.parse(code)
    return loc.get_display_name(loc) or code


def _direction(babel_locale: str) -> str:
    try:
        return "rtl" if Locale.parse(babel_locale).character_order == "right-to-left" else "ltr"
    except (ValueError, LookupError):
        return "ltr"


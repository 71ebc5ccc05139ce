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

Every absolute URL comes from ``site_url`` (configuration or ``--site-url``); without
one the build is a preview whose links are all relative, and what only makes sense
with an absolute address (canonical and hreflang links, the sitemap, ``og:url``
and ``og:image``, share links, the URL under a plain-text mail) is left out.  The
site name and description are translatable strings of the ``site`` catalog.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from babel import Locale
from babel.core import get_global
from babel.dates import format_date
from jinja2 import Environment, StrictUndefined, TemplateError
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from summit_i18n import workspace
from summit_i18n._display import excerpt
from summit_i18n.catalog import Catalog, Entry
from summit_i18n.config import Language, Project
from summit_i18n.errors import SourceError, UsageError
from summit_i18n.extract import SITE_DESCRIPTION_CONTEXT, SITE_NAME_CONTEXT
from summit_i18n.extract.markdown import Document, decode_source, parse_document
from summit_i18n.fsutil import irregular, read_regular
from summit_i18n.plurals import header_problem
from summit_i18n.render.build import BuildReport
from summit_i18n.render.cards import HEIGHT as CARD_HEIGHT
from summit_i18n.render.cards import WIDTH as CARD_WIDTH
from summit_i18n.render.cards import CardMaker
from summit_i18n.render.document import (
    RenderedDocument,
    Translation,
    render_document,
    translations_of,
)
from summit_i18n.render.feeds import Alternate, FeedEntry, SitemapUrl, atom_feed, sitemap
from summit_i18n.render.share import share_links
from summit_i18n.render.text import render_text
from summit_i18n.render.typography import is_cjk, mark_headings, phrase_html
from summit_i18n.render.ui import Localized, UiStrings
from summit_i18n.site_templates import effective_templates
from summit_i18n.site_templates import loader as template_loader

__all__ = ["CSP", "read_sources", "render_all"]

#: Sent as a <meta> on every page: no script at all, styles only from the site.
#: ``connect-src 'self'`` grants nothing to the page (it runs no script); it lets
#: auditing tools that fetch from the page's context (Lighthouse reads robots.txt
#: that way) see the site's own files.
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' https:; connect-src 'self'; "
       "base-uri 'none'; form-action 'none'")
SITE_DOMAIN = "site"
CSS_PATH = "assets/site.css"
ICON_PATH = "assets/favicon.svg"
TEXT_NAME = "announcement.txt"
CARD_NAME = "card.png"
_TEMPLATES = ("base.html", "announcement.html", "index.html", "root.html")


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


def read_sources(project: Project, files: Sequence[Path],
             dates: Mapping[Path, dt.datetime]) -> list[_Source]:
    from summit_i18n.extract import checked_name, document_domain

    sources: list[_Source] = []
    seen: dict[str, str] = {}
    for file in files:
        rel = checked_name(project.relative(file))
        try:
            data = read_regular(file)
        except OSError as exc:
            raise SourceError(rel, None, f"cannot read ({exc.strerror})") from None
        text = decode_source(data, path=rel)
        doc = parse_document(text, path=rel)
        slug = document_domain(doc, text, file, project.source_dir, rel)
        if slug.casefold() in seen:
            raise SourceError(rel, 1, f"slug {slug!r} is also used by {seen[slug.casefold()]}")
        seen[slug.casefold()] = rel
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
    raise SourceError(rel, 1, f"front matter date {excerpt(value)} is not a date like 2026-05-14")


def _css() -> bytes:
    return _asset(CSS_PATH)


def _asset(rel: str) -> bytes:
    return resources.files("summit_i18n.render").joinpath(rel).read_bytes()


def _catalog(project: Project, lang: Language, domain: str,
             warnings: list[str], refused: list[str] | None = None) -> Catalog | None:
    """The catalog, or None when absent or unreadable (a warning: other pages still build)."""
    path = project.po_path(lang.locale, domain)
    what = irregular(path)
    if what == "missing":
        return None
    if what is not None:
        warnings.append(f"{project.relative(path)}: warning: skipped: it is {what}, not a "
                        "regular file (its translations are not used)")
        _refused(warnings, refused)
        return None
    try:
        catalog = workspace.read_catalog(project, path, keep_source=False)
    except SourceError as exc:
        where = project.relative(path) + (f":{exc.line}" if exc.line else "")
        warnings.append(f"{where}: warning: {exc.detail} (its translations are not used)")
        _refused(warnings, refused)
        return None
    problem = header_problem(catalog.header_value("Plural-Forms"))
    if problem is not None:
        header = catalog.header
        line = (header.msgstr_lineno or header.lineno or 1) if header else 1
        warnings.append(f"{project.relative(path)}:{line}: warning: {problem} "
                        "(its translations are not used: the English is shown)")
        _refused(warnings, refused)
        return None
    for entry in catalog.active_entries():
        if _is_pseudo(entry) and any(entry.translations()):
            # Pseudo-localization is for layout tests: never published, even as a draft.
            entry.clear_translation()  # in memory only: build never writes a catalog
            warnings.append(f"{project.relative(path)}:{entry.msgstr_lineno or entry.lineno}: "
                            "warning: pseudo-localized text is not published")
    return catalog


def _refused(warnings: list[str], refused: list[str] | None) -> None:
    if refused is not None:
        refused.append(warnings[-1])


def _is_pseudo(entry: Entry) -> bool:
    provenance = entry.machine_provenance()
    return provenance is not None and provenance.split()[:1] == ["pseudo"]


# -- rendering -------------------------------------------------------------------------


def _environment(project: Project, warnings: list[str]) -> Environment:
    """The Jinja environment over the effective templates.  A FIFO, socket or device
    in ``templates/`` is skipped with a warning and the built-in page is used, as
    ``extract`` does for ``site.pot``."""
    from summit_i18n.extract import skipped_warnings

    skipped: list[tuple[Path, str]] = []
    names = {t.name for t in effective_templates(project, skipped)}
    warnings.extend(skipped_warnings(project, skipped))
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


def render_all(project: Project, sources: Sequence[_Source], languages: Sequence[Language],
                drafts: bool, report: BuildReport,
                site_url: str | None) -> tuple[dict[str, bytes], BuildReport]:
    threshold = project.config.publish_threshold
    bound = project.config.checks.length_bound
    env = _environment(project, report.warnings)
    cards = CardMaker(project.state_dir / "cards") if project.config.share.cards else None
    site = _Site(project, env, languages, site_url, cards)
    uis: dict[str, UiStrings] = {"en": UiStrings(babel_locale="en", english=True)}
    site_share: dict[str, float] = {"en": 1.0}
    versions: dict[tuple[str, str], _Version] = {}
    for src in sources:
        versions[("en", src.slug)] = _Version(src, None, render_document(src.doc, None), True)
    for lang in languages:
        catalog = _catalog(project, lang, SITE_DOMAIN, report.warnings, report.refused)
        ui = UiStrings.from_catalog(
            catalog, babel_locale=lang.babel_locale, use_fuzzy=drafts,
            path=project.relative(project.po_path(lang.locale, SITE_DOMAIN)), length=bound)
        report.warnings += ui.warnings
        uis[lang.bcp47] = ui
        total = len([e for e in catalog.active_entries() if not e.is_header]) if catalog else 0
        site_share[lang.bcp47] = len(ui.messages) / total if total else 0.0
        for src in sources:
            table = _document_translations(project, lang, src.slug, drafts, report)
            rendered = render_document(src.doc, table)
            report.warnings += [str(w) for w in rendered.warnings]
            published = rendered.segments > 0 and rendered.share >= threshold
            versions[(lang.bcp47, src.slug)] = _Version(src, lang, rendered, published)
            if not published:
                waiting = 0
                if not drafts:  # say how many drafts wait for a review
                    with_drafts = _document_translations(project, lang, src.slug, True,
                                                         BuildReport(report.output_dir))
                    waiting = sum(1 for seg in src.doc.segments
                                  if seg.msgid in with_drafts and seg.msgid not in table)
                report.held_back.append(_held_back(lang.bcp47, src.slug, rendered, threshold,
                                                   drafts, waiting))
    codes = ["en", *[lang.bcp47 for lang in languages]]
    index_published = {
        code: code == "en" or any(versions[(code, s.slug)].published for s in sources)
        or (not sources and site_share[code] >= threshold)
        for code in codes
    }
    site.uis = uis
    files: dict[str, bytes] = {CSS_PATH: _css(), ICON_PATH: _asset(ICON_PATH)}
    sitemap_urls: list[SitemapUrl] = []
    index_langs = [c for c in codes if index_published[c]]
    root_html = site.root(uis["en"], index_langs, sources, versions)
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
            sitemap_urls += site.sitemap_entry(code, slug, alternates, version.source.date)
            report.pages += 1
        files[f"{code}/index.html"] = site.index(code, ui, sources, versions, index_langs).encode()
        files[f"{code}/feed.xml"] = site.feed(code, ui, shown).encode()
        newest = sources[0].date if sources else None
        sitemap_urls += site.sitemap_entry(code, None, index_langs, newest)
        report.pages += 1
    files["index.html"] = root_html.encode()
    report.pages += 1
    newest = sources[0].date if sources else None
    sitemap_urls[:0] = site.sitemap_entry(None, None, [], newest)
    if site.base_url is not None:
        files["sitemap.xml"] = sitemap(sitemap_urls).encode()
    files["robots.txt"] = site.robots().encode()
    files.update(site.card_files)
    if cards is not None:
        report.cards_drawn, report.cards_reused = cards.drawn, cards.reused
    report.warnings += site.card_warnings
    return files, report


def _held_back(code: str, slug: str, rendered: RenderedDocument, threshold: float,
               drafts: bool, waiting: int) -> str:
    share = rendered.share if rendered.segments else 0.0
    pct = round(share * 100)
    if pct >= round(threshold * 100):
        pct = int(share * 100)  # 79.6 % is below 80 %: never round up to the threshold
    counted = "translated (drafts included)" if drafts else "reviewed"
    line = (f"{code}: {slug}: {rendered.translated} of {rendered.segments} segments {counted} "
            f"({pct} %), threshold {round(threshold * 100)} %")
    if waiting:
        line += f"; {waiting} more are drafts (--use-fuzzy publishes drafts)"
    return line


def _document_translations(project: Project, lang: Language, domain: str,
                           drafts: bool, report: BuildReport) -> dict[str, Translation]:
    warnings = report.warnings
    catalog = _catalog(project, lang, domain, warnings, report.refused)
    if catalog is None:
        return {}
    return translations_of(catalog, use_fuzzy=drafts,
                           path=project.relative(project.po_path(lang.locale, domain)),
                           length=project.config.checks.length_bound, warnings=warnings)


class _Site:
    """Page contexts: URLs, switcher, alternates, sharing; one instance per build."""

    def __init__(self, project: Project, env: Environment, languages: Sequence[Language],
                 site_url: str | None, cards: CardMaker | None) -> None:
        self.project = project
        self.env = env
        self.base_url = site_url
        self.cards = cards
        self.card_files: dict[str, bytes] = {}
        self.card_warnings: list[str] = []
        self.uis: dict[str, UiStrings] = {}
        self.names: dict[str, str] = {"en": _menu_name("en")}
        self.locales: dict[str, str] = {"en": "en"}
        self.config_locales: dict[str, str] = {"en": "en"}
        for lang in languages:
            self.names[lang.bcp47] = _menu_name(lang.locale)
            self.locales[lang.bcp47] = lang.babel_locale
            self.config_locales[lang.bcp47] = lang.locale
        self.count = len(self.names)

    # -- URLs
    def url(self, code: str | None, slug: str | None = None, name: str = "") -> str | None:
        """The absolute URL of a page (None without ``site_url``)."""
        if self.base_url is None:
            return None
        if code is None:
            return self.base_url + name
        return f"{self.base_url}{code}/" + (f"{quote(slug)}/" if slug else "") + name

    @staticmethod
    def href(from_file: str, to_file: str) -> str:
        """A relative link that also works from file:// (explicit index.html)."""
        return posixpath.relpath(to_file, posixpath.dirname(from_file) or ".")

    # -- the site's own name and description, in the page's language
    def site_name(self, ui: UiStrings) -> tuple[str, Markup]:
        name = self.project.config.site_name
        return ui.value(SITE_NAME_CONTEXT, name)[0], ui.value_html(SITE_NAME_CONTEXT, name)

    def site_description(self, ui: UiStrings) -> str:
        text = self.project.config.site_description
        return ui.value(SITE_DESCRIPTION_CONTEXT, text)[0] if text else ""

    def _page(self, *, code: str, file: str, title: str, ui: UiStrings,
              switcher: list[dict[str, Any]],
              alternates: Sequence[str], slug: str | None, draft: bool, fallback: bool,
              description: str = "", og_type: str = "website") -> dict[str, Any]:
        home = file == "index.html"
        alt = [{"hreflang": c, "href": self.url(c, slug)} for c in alternates]
        if alternates:
            alt.append({"hreflang": "x-default",
                        "href": self.url("en", slug) if slug else self.url(None)})
        name_text, _ = self.site_name(ui)
        full_title = title if title == name_text or not title else f"{title} · {name_text}"
        canonical = self.url(None) if home else self.url(code, slug)
        page: dict[str, Any] = {
            "lang": code,
            "dir": _direction(self.locales.get(code, "en")),
            "title": full_title,
            "description": description,
            "css_href": self.href(file, CSS_PATH),
            "icon_href": self.href(file, ICON_PATH),
            "home_href": self.href(file, "index.html" if home else f"{code}/index.html"),
            "feed_href": self.href(file, f"{code}/feed.xml") if not home else None,
            "feed_title": ui.text("Atom feed"),
            "english_href": self.href(file, f"en/{slug}/index.html" if slug else "en/index.html")
            if code != "en" else None,
            "canonical": canonical,
            "alternates": alt if self.base_url is not None else [],
            "switcher": switcher,
            "draft": draft,
            "has_fallback": fallback,
            "language_count": len(alternates) if slug else 0,
            "og": None,
            "share": [],
            "feeds": [],
        }
        if self.base_url is not None:
            page["og"] = {
                "type": og_type,
                "title": title or name_text,
                "description": description,
                "url": canonical,
                "site_name": name_text,
                "locale": _og_locale(self.locales.get(code, "en")),
                "alternates": [_og_locale(self.locales[c]) for c in alternates if c != code],
                "image": None,
            }
        return page

    def _card(self, page: dict[str, Any], file: str, *, title: str, code: str,
              ui: UiStrings) -> None:
        """Draw (or reuse) the page's share card beside it; point og:image at it."""
        og = page["og"]
        if self.cards is None or og is None or self.base_url is None:
            return
        name_text, _ = self.site_name(ui)
        name_code = code if ui.has(self.project.config.site_name, SITE_NAME_CONTEXT) else "en"
        host = (self.base_url or "").split("://", 1)[-1].rstrip("/")
        data = self.cards.card(title=title, site_name="" if title == name_text else name_text,
                               footer=f"{host} · {self.names[code]}", lang=code,
                               site_lang=name_code)
        if data is None:
            warning = (f"warning: fontconfig has no font for {code}: its pages have no share "
                       "card (install fonts-noto-cjk)")
            if warning not in self.card_warnings:
                self.card_warnings.append(warning)
            return
        rel = posixpath.join(posixpath.dirname(file), CARD_NAME)
        self.card_files[rel] = data
        og["image"] = {"url": self.base_url + rel, "width": CARD_WIDTH, "height": CARD_HEIGHT,
                       "alt": title, "type": "image/png"}

    def _switcher(
        self, code: str, file: str, target: dict[str, str | None]
    ) -> list[dict[str, Any]]:
        items = []
        for other, name in self.names.items():
            to = target.get(other)
            items.append({"lang": other, "name": name, "current": other == code,
                          "href": self.href(file, to) if to else None})
        return items

    def _share(self, page: dict[str, Any], code: str, title: str) -> None:
        url = page["canonical"]
        if url is None:
            return
        networks = self.project.config.share.networks(self.config_locales[code], code)
        page["share"] = [{"network": link.network, "href": link.href}
                         for link in share_links(networks, url=url, title=title)]

    def _render(self, name: str, ui: UiStrings, **context: Any) -> str:
        name_text, name_html = self.site_name(ui)
        name_html = phrase_html(name_html, context["page"]["lang"])
        try:
            return self.env.get_template(name).render(
                site={"name": name_text, "name_html": name_html}, csp=Markup(CSP),
                gap=_gap, **ui.callables(), **context)
        except TemplateError as exc:
            where = f"{self.project.config.templates_dir.rstrip('/')}/{name}"
            raise SourceError(where, getattr(exc, "lineno", None), str(exc)) from None

    def _date(self, date: dt.datetime, code: str) -> Localized:
        return Localized(format_date(date.date(), format="long", locale=self.locales[code]),
                         format_date(date.date(), format="long", locale="en"))

    # -- pages
    def announcement(self, version: _Version, code: str, ui: UiStrings, alternates: Sequence[str],
                     versions: Mapping[tuple[str, str], _Version]) -> str:
        slug = version.source.slug
        file = f"{code}/{slug}/index.html"
        doc = version.rendered
        targets = {c: f"{c}/{slug}/index.html" if versions[(c, slug)].published else None
                   for c in self.names}
        title = doc.title_text or slug
        page = self._page(
            code=code, file=file, title=title, ui=ui,
            switcher=self._switcher(code, file, targets), alternates=alternates, slug=slug,
            draft=bool(doc.drafts) or _has_drafts(ui), fallback=doc.fallback or _incomplete(ui),
            description=_plain(doc.summary_text) or self.site_description(ui),
            og_type="article")
        self._card(page, file, title=title, code=code, ui=ui)
        self._share(page, code, title)
        date = version.source.date
        context = {
            "title_html": phrase_html(doc.title_html or Markup(escape(slug)), code),
            "body_html": mark_headings(doc.body_html, code),
            "date": self._date(date, code),
            "date_iso": date.date().isoformat(),
            "text_href": TEXT_NAME,
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
                "title_html": phrase_html(shown.rendered.title_html or Markup(escape(src.slug)),
                                          shown_code),
                "summary_html": shown.rendered.summary_html,
                "date": format_date(src.date.date(), format="long", locale=self.locales[code]),
                "date_iso": src.date.date().isoformat(),
                "translated": version.published,
            })
        targets = {c: f"{c}/index.html" if c in index_langs else None for c in self.names}
        title = ui.text("Announcements")
        page = self._page(code=code, file=file, title=title, ui=ui,
                          switcher=self._switcher(code, file, targets), alternates=index_langs,
                          slug=None, draft=drafts or _has_drafts(ui), fallback=_incomplete(ui),
                          description=self.site_description(ui))
        self._card(page, file, title=self.site_name(ui)[0], code=code, ui=ui)
        return self._render("index.html", ui, page=page, announcements=items)

    def root(self, ui: UiStrings, index_langs: Sequence[str], sources: Sequence[_Source],
             versions: Mapping[tuple[str, str], _Version]) -> str:
        file = "index.html"
        languages = []
        for code, name in self.names.items():
            newest = next((versions[(code, s.slug)] for s in sources
                           if versions[(code, s.slug)].published), None)
            own = self.uis.get(code, ui)
            languages.append({
                "lang": code,
                "name": name,
                "english_name": Locale.parse(self.locales[code]).get_display_name("en"),
                "href": self.href(file, f"{code}/index.html") if code in index_langs else None,
                "title_html": phrase_html(newest.rendered.title_html, code) if newest else "",
                "not_translated": own.gettext("not translated yet"),
            })
        name_text, _ = self.site_name(ui)
        page = self._page(code="en", file=file, title=name_text, ui=ui,
                          switcher=[], alternates=[], slug=None, draft=False, fallback=False,
                          description=self.site_description(ui))
        if self.base_url is not None:
            page["alternates"] = [{"hreflang": "x-default", "href": self.url(None)}]
        page["feeds"] = [{"href": f"{c}/feed.xml", "lang": c,
                          "title": f"{self.uis.get(c, ui).text('Atom feed')} · {self.names[c]}"}
                         for c in index_langs]
        self._card(page, file, title=name_text, code="en", ui=ui)
        return self._render("root.html", ui, page=page, languages=languages)

    def text_version(self, version: _Version, code: str, ui: UiStrings) -> str:
        doc = version.rendered
        meta = [ui.text("Published on %(date)s", date=self._date(version.source.date, code))]
        return render_text(doc.title_text or version.source.slug, meta, doc.tokens,
                           self.url(code, version.source.slug) or "")

    def feed(self, code: str, ui: UiStrings, published: Sequence[_Version]) -> str:
        entries = [
            FeedEntry(url=self.url(code, v.source.slug) or f"{quote(v.source.slug)}/",
                      title=v.rendered.title_text or v.source.slug,
                      summary=v.rendered.summary_text, content_html=str(v.rendered.body_html),
                      updated=v.source.date, lang=code,
                      entry_id=None if self.base_url else _urn(f"{code}/{v.source.slug}/"))
            for v in published
        ]
        name_text, _ = self.site_name(ui)
        title = f"{ui.text('Announcements')} · {name_text}"
        return atom_feed(url=self.url(code, name="feed.xml") or "feed.xml",
                         home=self.url(code) or "./", title=title, lang=code, author=name_text,
                         entries=entries,
                         feed_id=None if self.base_url else _urn(f"{code}/feed.xml"))

    def sitemap_entry(self, code: str | None, slug: str | None, alternates: Sequence[str],
                      date: dt.datetime | None) -> list[SitemapUrl]:
        loc = self.url(code, slug)
        if loc is None:
            return []
        alts = [Alternate(c, self.url(c, slug) or "") for c in alternates]
        if alternates:
            alts.append(Alternate("x-default", (self.url("en", slug) if slug
                                                else self.url(None)) or ""))
        return [SitemapUrl(loc, date.date() if date else None, alts)]

    def robots(self) -> str:
        lines = ["User-agent: *", "Allow: /"]
        if self.base_url is not None:
            lines += ["", f"Sitemap: {self.base_url}sitemap.xml"]
        return "\n".join(lines) + "\n"


def _plain(markdown: str) -> str:
    """Inline Markdown as the text a reader sees (for descriptions in <meta>)."""
    if not any(c in markdown for c in "*_`[]<&\\"):
        return markdown
    tokens = _INLINE.parseInline(markdown)
    parts: list[str] = []
    for child in (tokens[0].children or []) if tokens else []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


_INLINE = MarkdownIt("commonmark", {"html": False})


def _urn(path: str) -> str:
    """A stable feed id for a preview without a site address (RFC 4122 name-based)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "summit-i18n:" + path).urn


def _gap(before: object) -> str:
    """The space between two sentences: none after CJK punctuation or characters."""
    text = str(before).rstrip()
    text = text[:-7].rstrip() if text.endswith("</span>") else text
    return "" if is_cjk(text[-1:]) else " "


def _has_drafts(ui: UiStrings) -> bool:
    return any(draft for _, draft in ui.messages.values())


def _incomplete(ui: UiStrings) -> bool:
    return not ui.english and not ui.complete


#: Names of script variants as language menus write them (CLDR gives "中文 (繁體)").
_MENU_NAMES = {"zh_Hant": "繁體中文", "zh_Hans": "简体中文", "zh_TW": "繁體中文",
               "zh_CN": "简体中文"}


def _menu_name(locale: str) -> str:
    """A language's own name as a menu writes it: ``Français``, ``繁體中文``."""
    if locale in _MENU_NAMES:
        return _MENU_NAMES[locale]
    loc = Locale.parse(locale)
    name = loc.get_display_name(loc) or locale
    # Menus start a language's name with a capital where its script has one.
    return name[:1].upper() + name[1:]


def _og_locale(babel_locale: str) -> str:
    """Open Graph's ``language_TERRITORY`` (``zh_TW``, ``ja_JP``, ``en_US``)."""
    loc = Locale.parse(babel_locale)
    territory = loc.territory
    if not territory:
        likely = get_global("likely_subtags").get(loc.language)
        territory = Locale.parse(likely).territory if likely else None
    return f"{loc.language}_{territory}" if territory else loc.language


def _direction(babel_locale: str) -> str:
    try:
        return "rtl" if Locale.parse(babel_locale).character_order == "right-to-left" else "ltr"
    except (ValueError, LookupError):
        return "ltr"


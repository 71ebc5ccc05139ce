"""The summit site in headless Chromium (Debian's, driven by Playwright; never a downloaded one).

Every language page loads with no console error (a CSP violation is one), the language
switcher leads from every language to every other, Japanese, Korean and Chinese pages
are set in a CJK font the system has, axe-core (the npm package that ``make test``
installs under .venv/node; injected with ``bypass_csp`` since the pages allow no
script) finds no violation on any page, and screenshots of each language's pages at
1280 and 390 px wide are saved under ``tests/output/browser/`` for a person to look at.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from summit_i18n.config import find_project
from summit_i18n.render import build_site
from summit_i18n.render.serve import PreviewServer

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
OUTPUT = REPO / "tests" / "output" / "browser"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
CODES = ("en", "fr", "ja", "ko", "zh-Hant", "zh-Hans")
SLUG = "summit-announcement"
SITE_URL = "https://summit.example/"
AXE = REPO / ".venv" / "node" / "node_modules" / "axe-core" / "axe.min.js"
CJK_FONTS = {"ja": "Noto Sans CJK JP", "ko": "Noto Sans CJK KR", "zh-Hant": "Noto Sans CJK TC",
             "zh-Hans": "Noto Sans CJK SC"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's announcement with its shipped (draft) translations, built."""
    root = tmp_path_factory.mktemp("summit") / "project"
    root.mkdir()
    for name in ("source", "templates", "locale"):  # templates/: none, the built-in ones
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("*.mo"))
    (root / "summit-i18n.toml").write_text(
        'languages = ["fr", "ja", "ko", "zh_Hant", "zh_Hans"]\n'
        'site_name = "World Summit on Combating and Preventing Forced Organ Harvesting"\n'
        'site_description = "Announcements of the World Summit on Combating and Preventing '
        'Forced Organ Harvesting, co-hosted by DAFOH, CAP Freedom of Conscience, TAICOT, '
        'KAEOT and TTRA."\n', encoding="utf-8")
    report = build_site(find_project(explicit=root), use_fuzzy=True, site_url=SITE_URL)
    assert report.languages == dict.fromkeys(CODES, 1), report.languages
    return root / "site"


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    server = PreviewServer(site, port=0).start()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    pg = context.new_page()
    try:
        yield pg
    finally:
        context.close()


def screenshot(page: Page, path: Path) -> None:
    """A full-page screenshot; asked again once when headless Chromium answers "Unable to
    capture screenshot" (it does, rarely, on a loaded machine)."""
    try:
        page.screenshot(path=str(path), full_page=True)
    except PlaywrightError as exc:
        if "Unable to capture screenshot" not in str(exc):
            raise
        page.wait_for_load_state("load")
        page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 0


def _errors(page: Page) -> list[str]:
    errors: list[str] = []

    def on_console(msg: ConsoleMessage) -> None:
        if msg.type in ("error", "warning"):
            errors.append(f"console {msg.type}: {msg.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    # A request cut short by the next navigation (net::ERR_ABORTED) is not a failure.
    page.on("requestfailed", lambda req: None if "ERR_ABORTED" in (req.failure or "")
            else errors.append(f"request failed: {req.url} {req.failure}"))
    return errors


@pytest.mark.parametrize("code", CODES)
def test_language_pages_load_without_console_errors(page: Page, base_url: str,
                                                    code: str) -> None:
    errors = _errors(page)
    for path in (f"{code}/{SLUG}/", f"{code}/index.html", f"{code}/{SLUG}/index.html"):
        response = page.goto(base_url + path)
        assert response is not None
        assert response.ok, path
        assert page.evaluate("document.documentElement.lang") == code
        # The stylesheet applied (under the page's Content-Security-Policy).
        assert page.evaluate("getComputedStyle(document.body).maxWidth") != "none"
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.goto(base_url + f"{code}/{SLUG}/index.html")
    screenshot(page, OUTPUT / f"{code}.png")
    assert errors == []


@pytest.mark.parametrize("code", CODES)
def test_switcher_goes_to_every_other_language(page: Page, base_url: str, code: str) -> None:
    errors = _errors(page)
    start = f"{base_url}{code}/{SLUG}/index.html"
    for other in CODES:
        if other == code:
            assert page.goto(start) is not None
            current = page.locator(f'nav.switcher li[lang="{code}"] [aria-current="page"]')
            assert current.count() == 1
            continue
        page.goto(start)
        page.click(f'nav.switcher a[hreflang="{other}"]')
        page.wait_for_load_state()
        assert page.url == f"{base_url}{other}/{SLUG}/index.html"
        assert page.evaluate("document.documentElement.lang") == other
    assert errors == []


@pytest.mark.parametrize("code", sorted(CJK_FONTS))
def test_cjk_pages_use_a_cjk_font(page: Page, base_url: str, code: str) -> None:
    page.goto(f"{base_url}{code}/{SLUG}/index.html")
    families = page.evaluate("getComputedStyle(document.querySelector('main p')).fontFamily")
    first = families.split(",")[0].strip().strip('"')
    assert first == CJK_FONTS[code]
    assert "CJK" in first
    # ...and the system has it, so no reader gets a fallback font or a download.
    assert page.evaluate(f"document.fonts.check('16px \"{first}\"')")
    style = page.evaluate("""() => { const s = getComputedStyle(document.body);
        return [s.wordBreak, s.lineBreak]; }""")
    if code == "ko":
        assert style[0] == "keep-all"
    else:
        assert style[1] == "strict"


def test_newcomer_opens_site_index_from_disk(page: Page, site: Path) -> None:
    errors = _errors(page)
    page.goto((site / "index.html").as_uri())
    assert page.evaluate("getComputedStyle(document.body).maxWidth") != "none"
    names = page.locator("ul.languages a").all_inner_texts()
    assert names == ["English", "Français", "日本語", "한국어", "繁體中文", "简体中文"]
    page.click('ul.languages a[hreflang="ko"]')
    page.wait_for_load_state()
    page.click(f'a[href="{SLUG}/index.html"]')
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.lang") == "ko"
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.goto((site / "index.html").as_uri())
    screenshot(page, OUTPUT / "root.png")
    assert errors == []


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))


@pytest.fixture(scope="module")
def axe_page(browser: Browser) -> Iterator[Page]:
    """A page whose context bypasses the CSP, only so that axe-core can be injected."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: `make test` installs axe-core from npm")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    pg = context.new_page()
    try:
        yield pg
    finally:
        context.close()


def test_axe_finds_no_violation_on_any_page(axe_page: Page, base_url: str, site: Path) -> None:
    pages = _pages(site)
    assert len(pages) == 13  # the root, 6 indexes, 6 announcements
    script = AXE.read_text(encoding="utf-8")
    found: dict[str, list[str]] = {}
    for path in pages:
        for width in (1280, 390):
            axe_page.set_viewport_size({"width": width, "height": 900})
            axe_page.goto(base_url + path)
            axe_page.add_script_tag(content=script)
            result = axe_page.evaluate("""async () => {
                const r = await axe.run(document, {resultTypes: ['violations']});
                return r.violations.map(v => v.id + ': ' + v.nodes.map(
                    n => n.target.join(' ')).join(', '));
            }""")
            if result:
                found[f"{path} @{width}"] = result
    assert found == {}


@pytest.mark.parametrize("code", CODES)
def test_screenshots_at_desktop_and_phone_width(browser: Browser, base_url: str,
                                                code: str) -> None:
    """For a person to look at; the test checks the headline wraps only between phrases."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        pg = context.new_page()
        try:
            for name, path in (("announcement", f"{code}/{SLUG}/index.html"),
                               ("index", f"{code}/index.html")):
                pg.goto(base_url + path)
                screenshot(pg, OUTPUT / f"{code}-{name}-{width}.png")
            pg.goto(base_url + f"{code}/{SLUG}/index.html")
            style = pg.evaluate("getComputedStyle(document.querySelector('h1')).wordBreak")
            wbr = pg.locator("h1 wbr").count()
            if code in ("ja", "zh-Hant", "zh-Hans"):
                assert (style, wbr > 0) == ("keep-all", True)
            # Nothing wider than the phone's screen.
            assert pg.evaluate("document.documentElement.scrollWidth") <= width
        finally:
            context.close()

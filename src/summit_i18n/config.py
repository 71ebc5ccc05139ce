"""Project discovery, configuration, and the table of language codes.

Principles: the configuration is read once into frozen dataclasses; an unknown key
or a bad value is a :class:`ConfigError` naming the file and the key, never a
silent default.  Every code a locale needs (BCP 47 tag, gettext Plural-Forms,
each translation service's language code, the native name) comes from one
:class:`Language` record: the five summit languages from a fixed table, any other
locale from Babel's CLDR data.  Babel is imported only for such a locale: reading a
configuration in the summit languages costs no CLDR data.
"""

from __future__ import annotations

import difflib
import math
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summit_i18n._display import excerpt
from summit_i18n.errors import ConfigError, ConfigErrors, UsageError
from summit_i18n.limits import LengthBound

__all__ = [
    "CONFIG_FILE",
    "DEFAULT_LANGUAGES",
    "SHARE_NETWORKS",
    "ChecksConfig",
    "Config",
    "Language",
    "PrefillConfig",
    "Project",
    "ShareConfig",
    "check_site_url",
    "find_project",
    "language",
    "load_config",
    "normalize_site_url",
]

CONFIG_FILE = "summit-i18n.toml"
DEFAULT_LANGUAGES = ("fr", "ja", "ko", "zh_Hant", "zh_Hans")


@dataclass(frozen=True)
class Language:
    """Everything that needs a code for one target locale."""

    locale: str  #: directory name under locale/, e.g. ``zh_Hant``
    bcp47: str  #: html lang / hreflang, e.g. ``zh-Hant``
    plural_forms: str  #: gettext header value, as GNU msginit writes it
    nplurals: int
    google: str | None  #: deep-translator GoogleTranslator code
    mymemory: str | None
    libre: str | None
    deepl: str | None
    microsoft: str | None
    native_name: str  #: the language's own name (Babel)
    english_name: str
    babel_locale: str  #: what Babel formats dates and numbers with
    opencc_from_simplified: bool = False  #: libre answers Simplified; convert (s2twp)


# Plural-Forms as GNU msginit writes them.  Babel >= 2.19 gives some Romance
# languages CLDR's three forms; translators' tools expect these two.
_GETTEXT_PLURALS: dict[str, str] = {
    "fr": "nplurals=2; plural=(n > 1);",
    "pt_BR": "nplurals=2; plural=(n > 1);",
    "pt": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "it": "nplurals=2; plural=(n != 1);",
    "ca": "nplurals=2; plural=(n != 1);",
}

# Columns: bcp47, google, mymemory, libre, deepl, microsoft, babel_locale.
_SUMMIT_ROWS: dict[str, tuple[str, str, str, str, str | None, str, str]] = {
    "fr": ("fr", "fr", "fr-FR", "fr", "fr", "fr", "fr_FR"),
    "ja": ("ja", "ja", "ja-JP", "ja", "ja", "ja", "ja_JP"),
    "ko": ("ko", "ko", "ko-KR", "ko", None, "ko", "ko_KR"),
    "zh_Hant": ("zh-Hant", "zh-TW", "zh-TW", "zh", "zh", "zh-Hant", "zh_Hant_TW"),
    "zh_Hans": ("zh-Hans", "zh-CN", "zh-CN", "zh", "zh", "zh-Hans", "zh_Hans_CN"),
}
# Columns: native_name, english_name, plural_forms: what Babel's CLDR data (and, for
# fr, _GETTEXT_PLURALS) gives; a test holds them to it.
_SUMMIT_NAMES: dict[str, tuple[str, str, str]] = {
    "fr": ("français", "French", "nplurals=2; plural=(n > 1);"),
    "ja": ("日本語", "Japanese", "nplurals=1; plural=0;"),
    "ko": ("한국어", "Korean", "nplurals=1; plural=0;"),
    "zh_Hant": ("中文 (繁體)", "Chinese (Traditional)", "nplurals=1; plural=0;"),
    "zh_Hans": ("中文 (简体)", "Chinese (Simplified)", "nplurals=1; plural=0;"),
}
_SUMMIT: dict[str, dict[str, Any]] = {
    code: {
        **dict(zip(("bcp47", "google", "mymemory", "libre", "deepl", "microsoft",
                    "babel_locale"), row, strict=True)),
        **dict(zip(("native_name", "english_name", "plural_forms"), _SUMMIT_NAMES[code],
                   strict=True)),
        # libre and deepl answer Simplified Chinese only: zh_Hant goes through OpenCC
        "opencc_from_simplified": code == "zh_Hant",
    }
    for code, row in _SUMMIT_ROWS.items()
}

_LOCALE_RE = re.compile(r"^[a-z]{2,3}(_[A-Z][a-z]{3})?(_([A-Z]{2}|[0-9]{3}))?(@[a-z]+)?$")


def language(code: str) -> Language:
    """Return the :class:`Language` for a locale directory name such as ``zh_Hant``.

    Raises :class:`UsageError` for a name Babel does not know.
    """
    if not _LOCALE_RE.match(code):
        raise UsageError(f"error: {code!r} is not a locale name like 'fr', 'pt_BR' or 'zh_Hant'")
    if code in _SUMMIT:
        row = _SUMMIT[code]
        return Language(locale=code, nplurals=_nplurals(row["plural_forms"]), **row)
    from babel import Locale, UnknownLocaleError  # CLDR data: only for other locales

    try:
        loc = Locale.parse(code)
    except (UnknownLocaleError, ValueError) as exc:
        raise UsageError(f"error: unknown locale {code!r} (Babel has no data for it)") from exc
    native = loc.get_display_name(loc) or code
    english = loc.get_display_name("en") or code
    plural_forms = _GETTEXT_PLURALS.get(code) or _babel_plural_forms(code)
    nplurals = _nplurals(plural_forms)
    bcp47 = code.replace("_", "-")
    lang = loc.language
    region = loc.territory
    google = _google_code(lang, loc.script, region)
    return Language(
        locale=code,
        bcp47=bcp47,
        plural_forms=plural_forms,
        nplurals=nplurals,
        google=google,
        mymemory=f"{lang}-{region}" if region else lang,
        libre=lang,
        deepl=lang,
        microsoft=bcp47 if loc.script else lang,
        native_name=native,
        english_name=english,
        babel_locale=str(loc),
    )


def _google_code(lang: str, script: str | None, region: str | None) -> str:
    if lang == "zh":
        traditional = script == "Hant" or region in {"TW", "HK", "MO"}
        return "zh-TW" if traditional else "zh-CN"
    if lang == "he":
        return "iw"
    return lang


def _nplurals(plural_forms: str) -> int:
    return int(re.search(r"nplurals\s*=\s*(\d+)", plural_forms).group(1))  # type: ignore[union-attr]


def _babel_plural_forms(code: str) -> str:
    from babel.messages.plurals import get_plural

    plural = get_plural(code)
    expr = plural.plural_expr
    if not expr.startswith("("):
        expr = f"({expr})" if expr != "0" else expr
    return f"nplurals={plural.num_plurals}; plural={expr};"


@dataclass(frozen=True)
class PrefillConfig:
    """The ``[prefill]`` table: default backend, service URL, per-language chains."""

    backend: str = "google"
    url: str | None = None
    workers: int = 8
    rate_limit: float | None = None  #: requests per second, None = the backend's default
    timeout: float = 30.0
    chains: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    model: str | None = None  #: llm: the model's name on the server (no default)
    llm_url: str | None = None  #: llm: OpenAI-compatible base URL (default: Ollama's local one)
    #: llm: what each language expects beyond the words (overrides the built-in defaults)
    conventions: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ChecksConfig:
    """The ``[checks]`` table: checks switched off, and how long a translation may be."""

    disable: tuple[str, ...] = ()
    #: a translation is at most max_length_ratio × its English + max_length_extra characters
    max_length_ratio: float = 10.0
    max_length_extra: int = 200

    @property
    def length_bound(self) -> LengthBound:
        return LengthBound(self.max_length_ratio, self.max_length_extra)


#: Share links the site can carry: each opens the network's own share page, no script.
SHARE_NETWORKS = ("email", "facebook", "line", "naver", "telegram", "weibo", "whatsapp", "x")
#: Where readers of each language share (BCP 47 prefix → networks, in menu order);
#: KakaoTalk and WeChat share only through their own scripts, so Korean and Simplified
#: Chinese get Naver and Weibo instead.
_DEFAULT_SHARE: dict[str, tuple[str, ...]] = {
    "": ("x", "facebook", "telegram", "whatsapp", "email"),
    "ja": ("line", "x", "facebook", "telegram", "whatsapp", "email"),
    "ko": ("naver", "x", "facebook", "telegram", "whatsapp", "email"),
    "zh-Hant": ("line", "facebook", "x", "telegram", "whatsapp", "email"),
    "zh-Hans": ("weibo", "x", "facebook", "telegram", "whatsapp", "email"),
}


@dataclass(frozen=True)
class ShareConfig:
    """The ``[share]`` table: share cards on or off, and the share links of each language."""

    cards: bool = True
    links: tuple[str, ...] | None = None  #: every language's links (None: per-language defaults)
    per_language: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  #: locale → links

    def networks(self, locale: str, bcp47: str) -> tuple[str, ...]:
        """The share links of one language (``locale`` as configured, ``en`` for English)."""
        if locale in self.per_language:
            return self.per_language[locale]
        if self.links is not None:
            return self.links
        return _DEFAULT_SHARE.get(bcp47, _DEFAULT_SHARE[""])


@dataclass(frozen=True)
class Config:
    """A project's configuration, with the defaults of DESIGN.md."""

    source_language: str = "en"
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    source_dir: str = "source"
    templates_dir: str = "templates"
    locale_dir: str = "locale"
    output_dir: str = "site"
    site_name: str = "summit-i18n"
    #: where the site is published; None: a preview with relative links only
    site_url: str | None = None
    site_description: str = ""
    publish_threshold: float = 0.8
    publish_drafts: bool = False
    reviewer: str | None = None
    wrap_width: int = 79
    max_catalog_mb: int = 512
    prefill: PrefillConfig = field(default_factory=PrefillConfig)
    checks: ChecksConfig = field(default_factory=ChecksConfig)
    share: ShareConfig = field(default_factory=ShareConfig)


_STR_KEYS = {"source_language", "source_dir", "templates_dir", "locale_dir", "output_dir",
             "site_name", "site_description"}
_URL_RE = re.compile(r"^https?://[^/\s?#]+(/[^\s?#]*)?$")


def check_site_url(value: str) -> str | None:
    """Why ``value`` cannot be the site's address (None: it can)."""
    if not _URL_RE.match(value):
        return "must be an absolute http:// or https:// address like https://example.org/news/"
    return None


def normalize_site_url(value: str) -> str:
    """The site's address with exactly one trailing slash."""
    return value.rstrip("/") + "/"


_TOP_KEYS = (*sorted(_STR_KEYS), "site_url", "languages", "publish_threshold", "publish_drafts",
             "reviewer", "wrap_width", "max_catalog_mb", "prefill", "checks", "share")
_PREFILL_KEYS = ("backend", "url", "model", "llm_url", "conventions", "workers", "rate_limit",
                 "timeout")


def did_you_mean(given: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``choices``, or ``""``."""
    folded = {c.lower().replace("-", "_"): c for c in choices}
    close = difflib.get_close_matches(given.lower().replace("-", "_"), folded, n=1, cutoff=0.6)
    return f" (did you mean {folded[close[0]]!r}?)" if close else ""


def load_config(data: Mapping[str, Any], path: Path) -> Config:
    """Validate a parsed TOML table into a :class:`Config`.

    Every problem is found before anything is reported: one :class:`ConfigErrors`
    lists them all, each with the closest valid key or value when there is one.
    """
    kwargs: dict[str, Any] = {}
    problems: list[ConfigError] = []
    for key, value in data.items():
        try:
            _load_key(kwargs, key, value, path, problems)
        except ConfigError as exc:
            problems.append(exc)
    try:
        _check_output_dir(path, kwargs)
    except ConfigError as exc:
        problems.append(exc)
    if "source_language" in kwargs and kwargs["source_language"] not in ("en", *_SUMMIT):
        from babel import Locale, UnknownLocaleError  # locales Babel surely knows: no need

        try:
            Locale.parse(kwargs["source_language"])
        except (UnknownLocaleError, ValueError):
            problems.append(ConfigError(path, "source_language", "unknown locale"))
    if problems:
        raise problems[0] if len(problems) == 1 else ConfigErrors(problems)
    return Config(**kwargs)


def _load_key(kwargs: dict[str, Any], key: str, value: Any, path: Path,
              problems: list[ConfigError]) -> None:
    if key in _STR_KEYS:
        kwargs[key] = _expect(path, key, value, str)
        if key.endswith("_dir") and (not value or Path(value).is_absolute()):
            raise ConfigError(path, key, "must be a relative directory name")
    elif key == "site_url":
        url = _expect(path, key, value, str)
        problem = check_site_url(url)
        if problem:
            raise ConfigError(path, key, problem)
        kwargs[key] = normalize_site_url(url)
    elif key == "languages":
        kwargs[key] = _load_languages(path, key, value)
    elif key == "publish_threshold":
        num = _expect(path, key, value, (int, float))
        if isinstance(num, bool) or not math.isfinite(num) or not 0 <= num <= 1:
            raise ConfigError(path, key, "must be a number from 0 to 1")
        kwargs[key] = float(num)
    elif key == "publish_drafts":
        kwargs[key] = _expect(path, key, value, bool)
    elif key == "reviewer":
        kwargs[key] = _expect(path, key, value, str)
    elif key in {"wrap_width", "max_catalog_mb"}:
        num = _expect(path, key, value, int)
        if isinstance(num, bool) or num < (0 if key == "wrap_width" else 1):
            raise ConfigError(path, key, "must be a positive whole number")
        kwargs[key] = num
    elif key == "prefill":
        kwargs[key] = _load_prefill(_expect(path, key, value, dict), path, problems)
    elif key == "checks":
        kwargs[key] = _load_checks(_expect(path, key, value, dict), path, problems)
    elif key == "share":
        kwargs[key] = _load_share(_expect(path, key, value, dict), path)
    else:
        raise ConfigError(path, key, "unknown key" + did_you_mean(key, _TOP_KEYS))


def _load_languages(path: Path, key: str, value: Any) -> tuple[str, ...]:
    langs = _expect(path, key, value, list)
    if not langs or not all(isinstance(x, str) for x in langs):
        raise ConfigError(path, key, "must be a non-empty list of locale names")
    if len(set(langs)) != len(langs):
        raise ConfigError(path, key, "lists a locale twice")
    for code in langs:
        try:
            language(code)
        except UsageError as exc:
            hint = locale_name(code)
            suggestion = f" (did you mean {hint!r}?)" if hint and hint != code else ""
            raise ConfigError(path, key, str(exc).removeprefix("error: ") + suggestion) from exc
    return tuple(langs)


def locale_name(tag: str) -> str | None:
    """The locale folder name a BCP 47 tag or a miscased name stands for (``zh-hant``
    → ``zh_Hant``, ``FR`` → ``fr``, ``pt-br`` → ``pt_BR``), or None."""
    parts = tag.replace("-", "_").split("_")
    if not parts[0].isalpha() or not 2 <= len(parts[0]) <= 3:
        return None
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            out.append(part.upper())
        else:
            return None
    name = "_".join(out)
    return name if _LOCALE_RE.match(name) else None


def _check_output_dir(path: Path, kwargs: Mapping[str, Any]) -> None:
    """``output_dir`` lies inside the project, is not its root, and holds no input folder.

    ``build`` removes the files it wrote before and no longer writes: pointed at the
    root, at ``source/`` or at a folder holding it, it would write among the inputs.
    """
    out = _normal(kwargs.get("output_dir", Config.output_dir))
    if out is None or out == "." or out.startswith("../") or out == "..":
        raise ConfigError(path, "output_dir", "must be a folder inside the project, "
                          "not the project root and not outside it")
    for key in ("source_dir", "templates_dir", "locale_dir"):
        inputs = _normal(kwargs.get(key, getattr(Config, key)))
        if inputs is None:
            continue
        if out == inputs or inputs.startswith(out + "/") or out.startswith(inputs + "/"):
            raise ConfigError(path, "output_dir", f"must not be, hold or lie in {key} "
                              f"({inputs}/): build writes and removes files there")
    if out.split("/")[0] in {".git", ".summit-i18n"}:
        raise ConfigError(path, "output_dir", f"must not be inside {out.split('/')[0]}/")


def _normal(value: object) -> str | None:
    if not isinstance(value, str) or not value or Path(value).is_absolute():
        return None
    return os.path.normpath(value).replace(os.sep, "/")


def _load_prefill(table: Mapping[str, Any], path: Path,
                  problems: list[ConfigError]) -> PrefillConfig:
    kwargs: dict[str, Any] = {}
    chains: dict[str, tuple[str, ...]] = {}
    for key, value in table.items():
        try:
            _load_prefill_key(kwargs, chains, key, value, path)
        except ConfigError as exc:
            problems.append(exc)
    return PrefillConfig(chains=chains, **kwargs)


def _load_prefill_key(kwargs: dict[str, Any], chains: dict[str, tuple[str, ...]], key: str,
                      value: Any, path: Path) -> None:
    name = f"prefill.{key}"
    if key in {"backend", "url", "model", "llm_url"}:
        kwargs[key] = _expect(path, name, value, str)
        if key in {"model", "llm_url"} and not kwargs[key].strip():
            raise ConfigError(path, name, "must not be empty")
    elif key == "conventions":
        table = _expect(path, name, value, dict)
        for lang, text in table.items():
            if not _LOCALE_RE.match(lang) or not isinstance(text, str):
                raise ConfigError(path, f"{name}.{lang}",
                                  "must be a locale name with a text, e.g. ja = \"...\"")
        kwargs[key] = dict(table)
    elif key == "workers":
        num = _expect(path, name, value, int)
        if isinstance(num, bool) or not 1 <= num <= 64:
            raise ConfigError(path, name, "must be a whole number from 1 to 64")
        kwargs[key] = num
    elif key == "rate_limit":  # requests per second
        kwargs[key] = _number_in(path, name, value, 0, 1000, low_open=True)
    elif key == "timeout":  # seconds for a whole request
        kwargs[key] = _number_in(path, name, value, 0, 3600, low_open=True)
    elif _LOCALE_RE.match(key):
        chain = _expect(path, name, value, list)
        if not chain or not all(isinstance(x, str) for x in chain):
            raise ConfigError(path, name, "must be a non-empty list of backend names")
        chains[key] = tuple(chain)
    else:
        hint = did_you_mean(key, _PREFILL_KEYS)
        if not hint and locale_name(key) not in (None, key):
            hint = f" (did you mean {locale_name(key)!r}?)"
        raise ConfigError(path, name, "unknown key" + hint)


def _load_checks(table: Mapping[str, Any], path: Path,
                 problems: list[ConfigError]) -> ChecksConfig:
    kwargs: dict[str, Any] = {}
    known = ("disable", "max_length_ratio", "max_length_extra")
    for key in table:
        if key not in known:
            problems.append(ConfigError(path, f"checks.{key}",
                                        "unknown key" + did_you_mean(key, known)))
    disable = _expect(path, "checks.disable", table.get("disable", []), list)
    if not all(isinstance(x, str) for x in disable):
        raise ConfigError(path, "checks.disable", "must be a list of check ids")
    if "max_length_ratio" in table:
        kwargs["max_length_ratio"] = _number_in(path, "checks.max_length_ratio",
                                                table["max_length_ratio"], 1, 1000)
    if "max_length_extra" in table:
        num = _expect(path, "checks.max_length_extra", table["max_length_extra"], int)
        if isinstance(num, bool) or not 0 <= num <= 100_000:
            raise ConfigError(path, "checks.max_length_extra",
                              "must be a whole number from 0 to 100000")
        kwargs["max_length_extra"] = num
    return ChecksConfig(disable=tuple(disable), **kwargs)


def _number_in(path: Path, key: str, value: Any, low: float, high: float,
               *, low_open: bool = False) -> float:
    """A finite number from ``low`` to ``high`` (above ``low`` when ``low_open``)."""
    num = _expect(path, key, value, (int, float))
    below = num <= low if low_open else num < low
    if isinstance(num, bool) or not math.isfinite(num) or below or num > high:
        side = f"above {low:g}" if low_open else f"from {low:g}"
        raise ConfigError(path, key, f"must be a number {side} to {high:g}")
    return float(num)


def _load_share(table: Mapping[str, Any], path: Path) -> ShareConfig:
    kwargs: dict[str, Any] = {}
    per_language: dict[str, tuple[str, ...]] = {}
    for key, value in table.items():
        name = f"share.{key}"
        if key == "cards":
            kwargs[key] = _expect(path, name, value, bool)
        elif key == "links" or _LOCALE_RE.match(key):
            links = _expect(path, name, value, list)
            unknown = [x for x in links if x not in SHARE_NETWORKS]
            if unknown or len(set(links)) != len(links):
                raise ConfigError(path, name, "must list share links without repeats, from "
                                  + ", ".join(SHARE_NETWORKS))
            if key == "links":
                kwargs[key] = tuple(links)
            else:
                per_language[key] = tuple(links)
        else:
            raise ConfigError(path, name, "unknown key" + did_you_mean(key, ("cards", "links")))
    return ShareConfig(per_language=per_language, **kwargs)


def _expect(path: Path, key: str, value: Any, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ConfigError(path, key,
                          f"expected {names}, got {type(value).__name__} {excerpt(value)}")
    return value


#: The folder of the project's lock, state and caches (see :mod:`summit_i18n.workspace`).
STATE_DIR = ".summit-i18n"


@dataclass(frozen=True)
class Project:
    """A project on disk: its root folder and its configuration."""

    root: Path
    config: Config
    config_path: Path | None = None

    @property
    def source_dir(self) -> Path:
        return self.root / self.config.source_dir

    @property
    def templates_dir(self) -> Path:
        return self.root / self.config.templates_dir

    @property
    def locale_dir(self) -> Path:
        return self.root / self.config.locale_dir

    @property
    def output_dir(self) -> Path:
        return self.root / self.config.output_dir

    @property
    def max_catalog_bytes(self) -> int:
        """``max_catalog_mb`` in bytes: every reader refuses a larger catalog."""
        return self.config.max_catalog_mb * 2**20

    @property
    def state_dir(self) -> Path:
        """``.summit-i18n/``: cache, lock and other files that stay out of git."""
        return self.root / STATE_DIR

    def pot_path(self, domain: str) -> Path:
        return self.locale_dir / f"{domain}.pot"

    def po_path(self, lang: str, domain: str) -> Path:
        return self.locale_dir / lang / "LC_MESSAGES" / f"{domain}.po"

    def mo_path(self, lang: str, domain: str) -> Path:
        return self.locale_dir / lang / "LC_MESSAGES" / f"{domain}.mo"

    def domains(self) -> list[str]:
        """The domains that have a template in ``locale/``, sorted."""
        if not self.locale_dir.is_dir():
            return []
        return sorted(p.stem for p in self.locale_dir.glob("*.pot"))

    def languages(self, selected: list[str] | None = None) -> list[Language]:
        """The target languages, or the ``selected`` ones (each must be configured)."""
        codes = list(self.config.languages)
        if selected:
            chosen = {self.language_code(s) for s in selected}
            codes = [c for c in codes if c in chosen]
        return [language(c) for c in codes]

    def language_code(self, given: str) -> str:
        """The configured locale ``given`` names: the folder name (``zh_Hant``), the
        BCP 47 tag (``zh-Hant``) or either in any case (``zh-hant``, ``FR``).

        Raises :class:`UsageError` naming the closest configured language on a miss.
        """
        codes = self.config.languages
        folded = {c.lower().replace("-", "_"): c for c in codes}
        found = folded.get(given.strip().lower().replace("-", "_"))
        if found is not None:
            return found
        hint = did_you_mean(given, codes)
        if not hint:
            prefix = [c for c in codes if c.lower().startswith(given.lower()[:2])]
            hint = f" (did you mean {' or '.join(repr(c) for c in prefix)}?)" if prefix else ""
        raise UsageError(f"error: {given} not among this project's languages "
                         f"({', '.join(codes)}){hint}")

    def relative(self, path: Path) -> str:
        """``path`` relative to the project root when it is inside, for messages."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def find_project(start: Path | None = None, *, explicit: Path | None = None) -> Project:
    """Find the project root from ``start`` upward, or use ``explicit`` (``-C DIR``)."""
    if explicit is not None:
        if not explicit.is_dir():
            raise UsageError(f"error: {explicit}: no such directory")
        candidates = [explicit.resolve()]
    else:
        here = (start or Path.cwd()).resolve()
        candidates = [here, *here.parents]
    for folder in candidates:
        project = _project_at(folder)
        if project is not None:
            return project
    where = explicit or start or Path.cwd()
    raise UsageError(
        f"error: no summit-i18n project at {where} or above it "
        f"(looked for {CONFIG_FILE} or [tool.summit-i18n] in pyproject.toml)"
    )


def _project_at(folder: Path) -> Project | None:
    toml_path = folder / CONFIG_FILE
    if toml_path.is_file():
        return Project(folder, load_config(_read_toml(toml_path), toml_path), toml_path)
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        data = _read_toml(pyproject)
        tool = data.get("tool", {})
        if isinstance(tool, dict) and "summit-i18n" in tool:
            table = tool["summit-i18n"]
            if not isinstance(table, dict):
                raise ConfigError(pyproject, "tool.summit-i18n", "must be a table")
            return Project(folder, load_config(table, pyproject), pyproject)
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        line = _toml_error_line(str(exc))
        where = f"{path}:{line}" if line else str(path)
        raise UsageError(f"{where}: error: not valid TOML ({exc})") from exc
    except OSError as exc:
        raise UsageError(f"{path}: error: cannot read ({exc.strerror})") from exc


def _toml_error_line(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def env_api_key(backend: str) -> str | None:
    """``SUMMIT_I18N_<BACKEND>_API_KEY`` from the environment, if set and non-empty."""
    value = os.environ.get(f"SUMMIT_I18N_{backend.upper()}_API_KEY", "")
    return value or None

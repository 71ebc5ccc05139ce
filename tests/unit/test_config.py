"""Project discovery, configuration validation and the language table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from summit_i18n.config import (
    DEFAULT_LANGUAGES,
    Config,
    find_project,
    language,
    load_config,
)
from summit_i18n.errors import ConfigError, UsageError

CFG = Path("summit-i18n.toml")


def test_defaults_are_those_of_the_design() -> None:
    config = Config()
    assert config.source_language == "en"
    assert config.languages == ("fr", "ja", "ko", "zh_Hant", "zh_Hans")
    assert (config.source_dir, config.templates_dir, config.locale_dir, config.output_dir) == (
        "source", "templates", "locale", "site",
    )


@pytest.mark.parametrize(
    ("code", "bcp47", "plural_forms", "google", "mymemory", "libre"),
    [
        ("fr", "fr", "nplurals=2; plural=(n > 1);", "fr", "fr-FR", "fr"),
        ("ja", "ja", "nplurals=1; plural=0;", "ja", "ja-JP", "ja"),
        ("ko", "ko", "nplurals=1; plural=0;", "ko", "ko-KR", "ko"),
        ("zh_Hant", "zh-Hant", "nplurals=1; plural=0;", "zh-TW", "zh-TW", "zh"),
        ("zh_Hans", "zh-Hans", "nplurals=1; plural=0;", "zh-CN", "zh-CN", "zh"),
    ],
)
def test_summit_languages_table(
    code: str, bcp47: str, plural_forms: str, google: str, mymemory: str, libre: str
) -> None:
    lang = language(code)
    assert (lang.bcp47, lang.plural_forms, lang.google, lang.mymemory, lang.libre) == (
        bcp47, plural_forms, google, mymemory, libre,
    )
    assert lang.nplurals == int(plural_forms.split(";")[0].split("=")[1])


@pytest.mark.parametrize("code", DEFAULT_LANGUAGES)
def test_summit_languages_names_and_plurals_are_babels(code: str) -> None:
    """The fixed table (read without importing Babel) says what Babel's CLDR data says."""
    from babel import Locale

    from summit_i18n.config import _GETTEXT_PLURALS, _babel_plural_forms

    lang, loc = language(code), Locale.parse(code)
    assert lang.native_name == loc.get_display_name(loc)
    assert lang.english_name == loc.get_display_name("en")
    assert lang.plural_forms == (_GETTEXT_PLURALS.get(code) or _babel_plural_forms(code))


def test_summit_languages_need_no_babel() -> None:
    code = ("import sys\nfrom summit_i18n.config import find_project, language\n"
            "[language(c) for c in ('fr', 'ja', 'ko', 'zh_Hant', 'zh_Hans')]\n"
            "print('babel' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.split() == ["False"]


def test_zh_hant_is_served_through_opencc_from_simplified() -> None:
    assert language("zh_Hant").opencc_from_simplified
    assert not language("zh_Hans").opencc_from_simplified


@pytest.mark.parametrize(
    ("code", "bcp47", "native", "nplurals"),
    [
        ("pt_BR", "pt-BR", "português (Brasil)", 2),
        ("de", "de", "Deutsch", 2),
        ("ko_KR", "ko-KR", "한국어 (대한민국)", 1),
        ("zh_CN", "zh-CN", "中文 (简体, 中国)", 1),
        ("ru", "ru", "русский", 3),
    ],
)
def test_other_locales_derive_codes_from_babel(
    code: str, bcp47: str, native: str, nplurals: int
) -> None:
    lang = language(code)
    assert lang.bcp47 == bcp47
    assert lang.native_name == native
    assert lang.nplurals == nplurals
    assert lang.plural_forms.startswith(f"nplurals={nplurals}; plural=")


def test_zh_cn_maps_to_simplified_google_code() -> None:
    assert language("zh_CN").google == "zh-CN"
    assert language("zh_TW").google == "zh-TW"


@pytest.mark.parametrize("code", ["xx", "fr-FR", "FR", "", "zh_Hant_XX_Y"])
def test_unknown_or_malformed_locale_is_a_usage_error(code: str) -> None:
    with pytest.raises(UsageError):
        language(code)


def test_load_config_accepts_every_key() -> None:
    config = load_config(
        {
            "source_language": "en",
            "languages": ["fr", "pt_BR"],
            "source_dir": "docs",
            "templates_dir": "tpl",
            "locale_dir": "po",
            "output_dir": "public",
            "publish_threshold": 0.5,
            "publish_drafts": True,
            "prefill": {
                "backend": "libre", "url": "http://127.0.0.1:5000", "fr": ["memory", "libre"],
                "model": "qwen2.5:7b", "llm_url": "http://127.0.0.1:8080/v1",
                "conventions": {"ja": "である調"},
            },
            "checks": {"disable": ["numbers"]},
        },
        CFG,
    )
    assert config.languages == ("fr", "pt_BR")
    assert config.prefill.chains == {"fr": ("memory", "libre")}
    assert config.prefill.model == "qwen2.5:7b"
    assert config.prefill.llm_url == "http://127.0.0.1:8080/v1"
    assert config.prefill.conventions == {"ja": "である調"}
    assert config.checks.disable == ("numbers",)
    assert config.publish_threshold == 0.5


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"langauges": ["fr"]}, "langauges"),
        ({"languages": "fr"}, "languages"),
        ({"languages": []}, "languages"),
        ({"languages": ["fr", "fr"]}, "languages"),
        ({"languages": ["klingon"]}, "languages"),
        ({"source_dir": 3}, "source_dir"),
        ({"source_dir": "/abs"}, "source_dir"),
        ({"publish_threshold": 2}, "publish_threshold"),
        ({"publish_threshold": True}, "publish_threshold"),
        ({"publish_drafts": "yes"}, "publish_drafts"),
        ({"prefill": {"workers": 0}}, "prefill.workers"),
        ({"prefill": {"colour": "red"}}, "prefill.colour"),
        ({"prefill": {"fr": "google"}}, "prefill.fr"),
        ({"prefill": {"model": ""}}, "prefill.model"),
        ({"prefill": {"model": 7}}, "prefill.model"),
        ({"prefill": {"conventions": "polite"}}, "prefill.conventions"),
        ({"prefill": {"conventions": {"japanese": "polite"}}}, "prefill.conventions.japanese"),
        ({"prefill": {"conventions": {"ja": 1}}}, "prefill.conventions.ja"),
        ({"checks": {"enable": []}}, "checks.enable"),
        ({"source_language": "xx"}, "source_language"),
    ],
)
def test_bad_key_or_value_names_file_and_key(data: dict[str, object], key: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(data, CFG)
    assert info.value.key == key
    assert str(info.value).startswith(f"summit-i18n.toml: error: {key}:")
    assert info.value.exit_code == 2


def test_project_found_upward_from_a_subdirectory(tmp_path: Path) -> None:
    (tmp_path / "summit-i18n.toml").write_text('languages = ["ja"]\n')
    deep = tmp_path / "source" / "a" / "b"
    deep.mkdir(parents=True)
    project = find_project(deep)
    assert project.root == tmp_path.resolve()
    assert project.config.languages == ("ja",)


def test_project_from_pyproject_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.summit-i18n]\nlanguages = ["ko"]\n'
    )
    assert find_project(tmp_path).config.languages == ("ko",)


def test_pyproject_without_table_is_not_a_project(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    with pytest.raises(UsageError, match="no summit-i18n project"):
        find_project(explicit=tmp_path)


def test_explicit_directory_must_exist(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such directory"):
        find_project(explicit=tmp_path / "missing")


def test_invalid_toml_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "summit-i18n.toml").write_text('languages = ["fr"]\nsource_dir = \n')
    with pytest.raises(UsageError) as info:
        find_project(explicit=tmp_path)
    assert f"{tmp_path.resolve() / 'summit-i18n.toml'}:2: error: not valid TOML" in str(info.value)


def test_project_paths(tmp_path: Path) -> None:
    (tmp_path / "summit-i18n.toml").write_text("")
    project = find_project(explicit=tmp_path)
    assert project.config.languages == DEFAULT_LANGUAGES
    assert project.po_path("zh_Hant", "site") == (
        tmp_path.resolve() / "locale" / "zh_Hant" / "LC_MESSAGES" / "site.po"
    )
    assert project.pot_path("x") == tmp_path.resolve() / "locale" / "x.pot"
    (tmp_path / "locale").mkdir()
    (tmp_path / "locale" / "b.pot").write_text("")
    (tmp_path / "locale" / "a.pot").write_text("")
    assert project.domains() == ["a", "b"]
    assert [lang.locale for lang in project.languages(["ko", "fr"])] == ["fr", "ko"]
    with pytest.raises(UsageError, match="de not among"):
        project.languages(["de"])

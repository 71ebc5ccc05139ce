"""config: the site's keys — site_url (no default), site_description, the [share] table."""

from __future__ import annotations

from pathlib import Path

import pytest

from summit_i18n.config import Config, load_config
from summit_i18n.errors import ConfigError

CFG = Path("summit-i18n.toml")


def test_no_site_url_by_default() -> None:
    assert Config().site_url is None
    assert Config().share.cards is True


def test_site_url_gets_one_trailing_slash() -> None:
    assert load_config({"site_url": "https://example.org/news"}, CFG).site_url == (
        "https://example.org/news/")
    assert load_config({"site_url": "http://example.org//"}, CFG).site_url == (
        "http://example.org/")


def test_share_links_default_per_language_and_configured() -> None:
    share = Config().share
    assert share.networks("ja", "ja")[0] == "line"
    assert share.networks("zh_Hant", "zh-Hant")[0] == "line"
    assert share.networks("ko", "ko")[0] == "naver"
    assert share.networks("zh_Hans", "zh-Hans")[0] == "weibo"
    assert share.networks("fr", "fr") == ("x", "facebook", "telegram", "whatsapp", "email")
    configured = load_config({"share": {"links": ["email"], "ja": ["line", "x"],
                                        "cards": False}}, CFG).share
    assert configured.networks("ja", "ja") == ("line", "x")
    assert configured.networks("ko", "ko") == ("email",)
    assert configured.cards is False


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"site_url": "example.org"}, "site_url"),
        ({"site_url": "ftp://example.org/"}, "site_url"),
        ({"site_url": "https://exa mple.org/"}, "site_url"),
        ({"site_url": 3}, "site_url"),
        ({"site_description": ["x"]}, "site_description"),
        ({"share": {"links": ["myspace"]}}, "share.links"),
        ({"share": {"ja": ["line", "line"]}}, "share.ja"),
        ({"share": {"cards": "yes"}}, "share.cards"),
        ({"share": {"colour": "red"}}, "share.colour"),
    ],
)
def test_bad_site_value_names_the_key(data: dict[str, object], key: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(data, CFG)
    assert info.value.key == key
    assert info.value.exit_code == 2

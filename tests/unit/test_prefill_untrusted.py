"""Service answers are untrusted: bad Unicode, controls, huge answers, trickling servers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from summit_i18n.config import load_config
from summit_i18n.errors import ConfigError
from summit_i18n.prefill.runner import reject_reason
from summit_i18n.prefill.testing import FakeTranslationServer
from tests.unit.test_prefill_runner import entries, many_entries, run


@pytest.fixture
def server() -> Iterator[FakeTranslationServer]:
    with FakeTranslationServer() as fake:
        yield fake


@pytest.mark.parametrize(("answer", "reason"), [
    ("Bonjour \ud800", "not valid Unicode"),
    ("Bon\x1b]0;owned\x07jour", "control characters"),
    ("Bonjour \u202e", "control characters"),
    ("B" * 10_000, "far longer"),
    (b"Bonjour", "not text"),
    (["Bonjour"], "not text"),
])
def test_reject_reason(answer: object, reason: str) -> None:
    found = reject_reason("Hello", answer)
    assert found is not None
    assert reason in found


def test_a_translation_of_sane_length_passes() -> None:
    assert reject_reason("Hello", "Bonjour tout le monde, et bienvenue") is None


@pytest.mark.parametrize("fault", ["surrogate", "escape", "huge"])
def test_each_bad_answer_is_one_problem_and_the_run_goes_on(
    make_project: Callable[..., Path], server: FakeTranslationServer, fault: str
) -> None:
    root = many_entries(make_project, 4)
    server.always(fault, when=lambda t: "number 2" in t)
    report = run(root, server, workers=1)
    assert report.failure is None
    assert len(report.problems) == 1
    (problem,) = report.problems
    assert str(problem).startswith("locale/fr/LC_MESSAGES/page.po:")
    filled = {k: e.msgstr for k, e in entries(root, "fr").items() if k}
    assert sum(1 for v in filled.values() if v) == 3
    assert filled["Sentence number 2 is here."] == ""
    for text in filled.values():
        assert "\x1b" not in text
        assert len(text) < 1000


def test_timeout_bounds_the_whole_request_not_each_read(
    make_project: Callable[..., Path], server: FakeTranslationServer
) -> None:
    root = many_entries(make_project, 1)
    # every byte comes well within the timeout, the whole answer (~60 bytes) does not:
    # a per-read timeout would wait for it and succeed
    server.settings.trickle = 0.2
    report = run(root, server, workers=1, timeout=1.0)
    server.settings.trickle = 0.0
    assert report.failure is not None
    assert "no answer within 1 s" in report.failure
    assert entries(root, "fr")["Sentence number 0 is here."].msgstr == ""


@pytest.mark.parametrize(("key", "value"), [
    ("timeout", float("nan")), ("timeout", float("inf")), ("timeout", -1.0), ("timeout", 0),
    ("timeout", 10**9), ("rate_limit", float("nan")), ("rate_limit", float("inf")),
    ("rate_limit", 0), ("rate_limit", -5), ("rate_limit", 1e9), ("workers", 0),
    ("workers", 10**6), ("workers", True),
])
def test_prefill_numbers_must_be_finite_and_sane(key: str, value: object) -> None:
    with pytest.raises(ConfigError, match=f"prefill.{key}"):
        load_config({"prefill": {key: value}}, Path("summit-i18n.toml"))


@pytest.mark.parametrize(("key", "value"), [
    ("max_length_ratio", float("nan")), ("max_length_ratio", 0.5), ("max_length_ratio", 1e9),
    ("max_length_extra", -1), ("max_length_extra", 10**9), ("max_length_extra", 1.5),
])
def test_length_bound_config_is_checked(key: str, value: object) -> None:
    with pytest.raises(ConfigError, match=f"checks.{key}"):
        load_config({"checks": {key: value}}, Path("summit-i18n.toml"))


def test_length_bound_config_is_used() -> None:
    config = load_config({"checks": {"max_length_ratio": 3, "max_length_extra": 20}},
                         Path("summit-i18n.toml"))
    assert config.checks.length_bound.limit("abcd") == 32

"""plurals: gettext's Plural-Forms grammar, evaluated without eval."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from summit_i18n.plurals import PluralFormsError, parse_expression, parse_plural_forms

# (header value, [(n, expected form)])
TABLE = [
    ("nplurals=1; plural=0;", [(0, 0), (1, 0), (5, 0)]),
    ("nplurals=2; plural=(n > 1);", [(0, 0), (1, 0), (2, 1), (100, 1)]),
    ("nplurals=2; plural=n != 1;", [(0, 1), (1, 0), (2, 1)]),
    ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
     "(n%100<10 || n%100>=20) ? 1 : 2);", [(1, 0), (2, 1), (5, 2), (11, 2), (21, 0), (22, 1)]),
    ("nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
     ": n%100>=11 ? 4 : 5;", [(0, 0), (1, 1), (2, 2), (5, 3), (11, 4), (100, 5)]),
    ("nplurals=2; plural=!(n == 1);", [(1, 0), (3, 1)]),
    ("nplurals = 2 ; plural = ( n - 1 ) != 0 ;", [(1, 0), (0, 1)]),  # unsigned wrap of 0 - 1
]


@pytest.mark.parametrize(("header", "expected"), TABLE)
def test_evaluates_like_gettext(header: str, expected: list[tuple[int, int]]) -> None:
    forms = parse_plural_forms(header)
    assert [(n, forms(n)) for n, _ in expected] == expected
    assert forms.problems() == []


@pytest.mark.parametrize("text", [
    "__import__('os').system('true')",
    "n ** 2",
    "n >",
    "(n > 1",
    "n > 1)",
    "",
    "lambda: 1",
    "n; 1",
])
def test_rejects_what_is_not_the_grammar(text: str) -> None:
    with pytest.raises(PluralFormsError):
        parse_expression(text)


@pytest.mark.parametrize("header", ["plural=(n > 1);", "nplurals=2;", "nplurals=x; plural=0;"])
def test_rejects_incomplete_headers(header: str) -> None:
    with pytest.raises(PluralFormsError):
        parse_plural_forms(header)


def test_often_matches_msgfmt_relaxed_forms() -> None:
    assert parse_plural_forms("nplurals=2; plural=(n > 1);").often() == [False, True]
    assert parse_plural_forms("nplurals=2; plural=n != 1;").often() == [False, True]
    assert parse_plural_forms("nplurals=1; plural=0;").often() == [True]


PROBLEMS = [
    "nplurals=1; plural=(n>1);",
    "nplurals=2; plural=(n>1)/0;",
    "nplurals=2; plural=n%0;",
]


def _msgfmt_stderr(tmp_path: Path, plural_forms: str) -> str:
    po = tmp_path / "h.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Plural-Forms: {plural_forms}\\n"\n\n'
        'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[1] "y"\n', encoding="utf-8")
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)],
                            capture_output=True, text=True, check=False)
    assert result.returncode != 0
    return result.stderr


@pytest.mark.parametrize("header", PROBLEMS)
def test_problems_worded_as_msgfmt(tmp_path: Path, header: str) -> None:
    (problem,) = parse_plural_forms(header).problems()
    assert problem in _msgfmt_stderr(tmp_path, header)


def test_corpus_headers_parse(corpus_dir: Path) -> None:
    seen = 0
    for path in sorted((corpus_dir / "po").glob("*.po")):
        for line in path.read_text(encoding="utf-8").splitlines()[:40]:
            if line.startswith('"Plural-Forms:'):
                value = line.split(":", 1)[1].strip().strip('"').replace("\\n", "")
                assert parse_plural_forms(value).problems() == [], path.name
                seen += 1
    assert seen == 10


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    with pytest.raises(PluralFormsError, match="nested too deeply"):
        parse_expression("(" * 5000 + "n" + ")" * 5000)

"""Fuzzing what strangers write: Plural-Forms arithmetic, format directives, front matter.

For every generated input the stage either works or reports one short error — it
never raises anything else, never recurses without bound and never allocates or
writes in proportion to a number in the input.
"""

from __future__ import annotations

import contextlib
import os
import random
import subprocess
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summit_i18n.checks import check_catalog
from summit_i18n.errors import SourceError
from summit_i18n.extract.markdown import parse_document
from summit_i18n.formats import placeholders
from summit_i18n.plurals import (
    MAX_NPLURALS,
    PluralFormsError,
    header_problem,
    parse_expression,
    parse_plural_forms,
)
from summit_i18n.po import parse_po
from summit_i18n.prefill.runner import reject_reason
from summit_i18n.render.ui import UiStrings
from tests.property.strategies import (
    format_directives,
    hostile_text,
    plural_expressions,
    plural_headers,
    yaml_bombs,
)

#: examples per property (``make bench`` runs more)
EXAMPLES = int(os.environ.get("SUMMIT_I18N_HOSTILE_EXAMPLES", "300"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(plural_headers(), st.integers(-(2**70), 2**70))
def test_plural_headers_parse_or_refuse_and_never_raise_when_used(value: str, n: int) -> None:
    try:
        forms = parse_plural_forms(value)
    except PluralFormsError as exc:
        message = exc.message
        forms = None
    if forms is None:
        assert len(message) < 300
    else:
        assert 0 <= forms.nplurals <= MAX_NPLURALS
        assert isinstance(forms(n), int)  # evaluation never raises, division by zero too
        assert all(len(p) < 300 for p in forms.problems())
        assert len(forms.often()) == forms.nplurals
    problem = header_problem(value)
    assert problem is None or len(problem) < 400


@FUZZ
@given(plural_expressions())
def test_plural_expressions_parse_or_refuse(text: str) -> None:
    try:
        expr = parse_expression(text)
    except PluralFormsError:
        return
    for n in (0, 1, 2, 5, 11, 100, 2**64 - 1):
        # the raw function may divide by zero (PluralForms does not raise)
        with contextlib.suppress(ArithmeticError):
            assert expr(n) >= 0


@FUZZ
@given(plural_headers())
def test_every_command_reading_the_header_survives_it(value: str) -> None:
    data = ('msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            f'"Plural-Forms: {value}\\n"\n\n'
            '#, python-format\nmsgid "%(num)s file"\nmsgid_plural "%(num)s files"\n'
            'msgstr[0] "%(num)s fichier"\nmsgstr[1] "%(num)s fichiers"\n').encode()
    catalog = parse_po(data, path="x.po")
    nplurals = catalog.nplurals
    assert nplurals is None or 1 <= nplurals <= MAX_NPLURALS
    findings = check_catalog(catalog, path="x.po", lang="fr")
    assert all(len(f.message) < 400 for f in findings)
    if header_problem(value) is not None:
        assert any(f.check == "header" for f in findings)
    ui = UiStrings.from_catalog(catalog, babel_locale="fr", use_fuzzy=False, path="x.po")
    assert len(str(ui.ngettext("%(num)s file", "%(num)s files", 3))) < 200


@FUZZ
@given(format_directives(), st.sampled_from(["%(name)s", "%(count)d", "%s", "{name}", "%5.1f"]))
def test_a_directive_the_english_lacks_never_renders_and_is_reported(
        directive: str, english_directive: str) -> None:
    english = f"Hello {english_directive} world"
    translation = f"Bonjour {directive} monde"
    data = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            f'#, python-format\nmsgid "{english}"\nmsgstr "{translation}"\n').encode()
    catalog = parse_po(data, path="x.po")
    errors = [f for f in check_catalog(catalog, path="x.po", lang="fr")
              if f.severity == "error" and f.check in {"placeholders", "format"}]
    found = [p.text for p in placeholders(translation)]
    if found and found != [english_directive]:
        assert errors, (english, translation)
    ui = UiStrings.from_catalog(catalog, babel_locale="fr", use_fuzzy=False, path="x.po")
    values = {"name": "Ada", "count": 3}
    try:
        english % values
    except (TypeError, ValueError, KeyError):
        return  # the English itself takes other arguments: not a page this template has
    shown = str(ui.gettext(english, **values))
    assert len(shown) < 10 * len(english) + 200


@FUZZ
@given(yaml_bombs())
def test_front_matter_bombs_are_one_short_error(front_matter: str) -> None:
    text = f"---\n{front_matter}\n---\n\n# Title\n"
    try:
        doc = parse_document(text, path="source/a.md")
    except SourceError as exc:
        message = str(exc)
    else:
        assert isinstance(doc.front_matter, dict)
        return
    assert message.startswith("source/a.md:")
    assert len(message) < 300


@FUZZ
@given(hostile_text(), st.text(max_size=40))
def test_service_answers_with_controls_or_surrogates_are_refused(answer: str,
                                                                 english: str) -> None:
    reason = reject_reason(english or "Hello", answer)
    if any("\ud800" <= c <= "\udfff" for c in answer):
        assert reason is not None
    if reason is None:
        answer.encode("utf-8")
        assert len(answer) <= 10 * len(english or "Hello") + 200


# -- Plural-Forms verdicts beside GNU msgfmt ------------------------------------------

PLURAL_EXAMPLES = int(os.environ.get("SUMMIT_I18N_PLURAL_EXAMPLES", "150"))
#: agreement (accept / refuse) with msgfmt --check over the generated headers, beyond
#: the bounds this project sets on purpose (msgfmt accepts a 10,000-term chain)
PLURAL_AGREEMENT_FLOOR = 0.90


def _random_expression(rng: random.Random, budget: int) -> str:
    if budget <= 1 or rng.random() < 0.25:
        return rng.choice(["n", "0", "1", "2", "10", "100", str(rng.randrange(0, 2**64))])
    kind = rng.randrange(5)
    if kind == 0:
        return "!" + _random_expression(rng, budget - 1)
    if kind == 1:
        return f"({_random_expression(rng, budget - 1)})"
    if kind == 2:
        third = budget // 3
        return (f"{_random_expression(rng, third)} ? {_random_expression(rng, third)} : "
                f"{_random_expression(rng, third)}")
    op = rng.choice(["||", "&&", "==", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%"])
    half = budget // 2
    return f"{_random_expression(rng, half)} {op} {_random_expression(rng, half)}"


def random_plural_header(rng: random.Random) -> str:
    """Like :func:`tests.property.strategies.plural_headers`, from a seeded generator (so
    that a run can count and compare every header with msgfmt)."""
    count = rng.choice(["1", "2", "3", "6", "0", str(rng.randrange(1, 10**6)), "9" * 30])
    shape = rng.randrange(6)
    if shape == 0:
        expr = rng.choice(["+", "*", "%", "&&"]).join(["n"] * rng.randrange(1, 4000))
    elif shape == 1:
        depth = rng.randrange(1, 400)
        expr = "(" * depth + "n" + ")" * depth
    elif shape == 2:
        expr = "n==1?0:" * rng.randrange(1, 300) + "1"
    else:
        expr = _random_expression(rng, rng.randrange(1, 40))
    return f"nplurals={count}; plural={expr};"


def _msgfmt_accepts(tmp: Path, value: str) -> bool:
    path = tmp / "h.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                    f'"Plural-Forms: {value}\\n"\n', encoding="utf-8")
    done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True, timeout=60, check=False)
    return done.returncode == 0


def test_plural_header_verdicts_beside_msgfmt(tmp_path: Path) -> None:
    rng = random.Random(20261202)
    kinds: Counter[str] = Counter()
    for _ in range(PLURAL_EXAMPLES):
        value = random_plural_header(rng)
        ours = header_problem(value)
        theirs = _msgfmt_accepts(tmp_path, value)
        if (ours is None) == theirs:
            kinds["agree"] += 1
        elif ours is not None and any(b in ours for b in ("at most", "nested too deeply")):
            kinds["our bound"] += 1  # on purpose: msgfmt has none
        elif ours is None:
            kinds["msgfmt only"] += 1  # e.g. signed arithmetic: "can produce negative values"
        else:
            kinds["ours only"] += 1
    compared = PLURAL_EXAMPLES - kinds["our bound"]
    rate = kinds["agree"] / compared if compared else 1.0
    print(f"\nplural-forms agreement with msgfmt --check: {rate:.1%} of {compared} headers "
          f"({PLURAL_EXAMPLES} generated; {dict(sorted(kinds.items()))})")
    assert rate >= PLURAL_AGREEMENT_FLOOR, kinds

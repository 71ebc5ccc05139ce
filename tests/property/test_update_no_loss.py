"""Across any sequence of source edits and updates, no translation is ever lost."""

from __future__ import annotations

import subprocess

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summit_i18n import po
from summit_i18n.catalog import Catalog, Entry
from summit_i18n.config import language
from summit_i18n.update import merge

WORDS = ["organ", "summit", "doctors", "freedom", "conscience", "the", "of", "and", "China",
         "**bold**", "`code`", "%(name)s", "{count}", "réunion", "移植", "world", "NGO", "law"]
FR = language("fr")

sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=9).map(" ".join)


def _template(msgids: list[str]) -> Catalog:
    return Catalog(
        header=Entry(msgid="", msgstr="Content-Type: text/plain; charset=UTF-8\n"),
        entries=[Entry(msgid=m, references=[f"source/a.md:{4 * i + 1}"])
                 for i, m in enumerate(msgids)],
    )


def _kept(catalog: Catalog) -> set[str]:
    return {t for e in catalog.entries for t in e.translations() if t}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), first=st.lists(sentences, min_size=1, max_size=8, unique=True))
def test_no_translation_is_ever_lost(data: st.DataObject, first: list[str]) -> None:
    current = list(first)
    removed: list[str] = []
    catalog = merge(_template(current), None, language=FR).catalog
    promised: set[str] = set()  # every translation a translator gave
    for step in range(data.draw(st.integers(1, 12), label="steps")):
        op = data.draw(st.sampled_from(["edit", "remove", "add", "restore", "translate"]))
        if op == "edit" and current:
            i = data.draw(st.integers(0, len(current) - 1))
            words = current[i].split(" ")
            words[data.draw(st.integers(0, len(words) - 1))] = data.draw(st.sampled_from(WORDS))
            edited = " ".join(words)
            if edited not in current:
                removed.append(current[i])
                current[i] = edited
        elif op == "remove" and current:
            removed.append(current.pop(data.draw(st.integers(0, len(current) - 1))))
        elif op == "add":
            new = data.draw(sentences)
            if new not in current:
                current.insert(data.draw(st.integers(0, len(current))), new)
        elif op == "restore" and removed:
            back = removed.pop(data.draw(st.integers(0, len(removed) - 1)))
            if back not in current:
                current.append(back)
        elif op == "translate":
            empty = [e for e in catalog.active_entries() if not e.has_translation()]
            if empty:
                entry = data.draw(st.sampled_from(empty))
                entry.msgstr = f"traduction {step}: {entry.msgid}"
                entry.fuzzy = False
                promised.add(entry.msgstr)
        fuzzy = data.draw(st.booleans(), label="fuzzy matching")
        result = merge(_template(current), catalog, language=FR, fuzzy_matching=fuzzy)
        # Through the file format too, as the command does it.
        catalog = po.parse_po(po.format_po(result.catalog), path="step.po")
        assert [e.msgid for e in catalog.active_entries()] == current
        assert promised <= _kept(catalog), promised - _kept(catalog)
    check = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", "-"],
                           input=po.format_po(catalog), capture_output=True, check=False)
    assert check.returncode == 0, check.stderr.decode()

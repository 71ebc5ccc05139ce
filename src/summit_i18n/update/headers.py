"""The header of a merged or new catalog: what comes from the template, what stays.

Principles: msgmerge's rule — ``Report-Msgid-Bugs-To`` and ``POT-Creation-Date``
come from the template, every other field is the translators' and stays as it is; a
new catalog gets the language's ``Plural-Forms`` and the fields in gettext's order.
"""

from __future__ import annotations

import copy
import os
from datetime import UTC, datetime
from pathlib import Path

from summit_i18n.catalog import HEADER_FIELD_ORDER, Catalog, Entry, set_header_field
from summit_i18n.config import Language

__all__ = ["merged_header", "new_catalog_header"]

#: What msgmerge takes from the template's header; everything else is the translators'.
_FROM_TEMPLATE = ("Report-Msgid-Bugs-To", "POT-Creation-Date")


def _header_fields(header: Entry | None) -> dict[str, str]:
    if header is None:
        return {}
    fields: dict[str, str] = {}
    for line in header.msgstr.split("\n"):
        name, sep, value = line.partition(":")
        if sep:
            fields.setdefault(name.strip().lower(), value.strip())
    return fields


def merged_header(old: Entry | None, template: Entry | None) -> Entry | None:
    """The old header with the template's POT-Creation-Date and Report-Msgid-Bugs-To."""
    if old is None:
        return None
    ours = _header_fields(old)
    theirs = _header_fields(template)
    text = old.msgstr
    for name in _FROM_TEMPLATE:
        value = theirs.get(name.lower())
        if value is not None and ours.get(name.lower()) != value:
            text = set_header_field(text, name, value)
    if text == old.msgstr:
        return old  # untouched: PO-Revision-Date and every byte stay as they were
    header = copy.copy(old)
    header.msgstr = text
    return header


def new_catalog_header(
    template: Catalog, language: Language, *, now: datetime | None = None
) -> Entry:
    """The header of a new catalog, as ``msginit --no-translator`` writes it.

    Project-Id-Version, Report-Msgid-Bugs-To and POT-Creation-Date come from the
    template; Language is the locale directory name (e.g. ``zh_Hant``) and
    Plural-Forms the gettext rule of the language.
    """
    now = (now or _default_now()).astimezone(UTC)
    theirs = _header_fields(template.header)
    project = theirs.get("project-id-version") or "PACKAGE VERSION"
    values = {
        "Project-Id-Version": project,
        "Report-Msgid-Bugs-To": theirs.get("report-msgid-bugs-to", ""),
        "POT-Creation-Date": theirs.get("pot-creation-date") or now.strftime("%Y-%m-%d %H:%M%z"),
        "PO-Revision-Date": now.strftime("%Y-%m-%d %H:%M%z"),
        "Last-Translator": "Automatically generated",
        "Language-Team": "none",
        "Language": language.locale,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": language.plural_forms,
    }
    msgstr = "".join(f"{name}: {values[name]}\n" for name in HEADER_FIELD_ORDER)
    # The domain (the template's file name) says which messages these are.
    if template.path:
        title = f"the {Path(template.path).stem} messages"
    else:
        title = project.split(" ")[0] if project != "PACKAGE VERSION" else "these messages"
    comments = (
        f"{language.english_name} translation of {title}.",
        f"Automatically generated, {now.year}.",
        "",
    )
    return Entry(msgid="", msgstr=msgstr, translator_comments=comments)


def _default_now() -> datetime:
    """The current time, or SOURCE_DATE_EPOCH when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC)

"""Lossless reading and writing of gettext .po/.pot catalogs.

Principles: a command must change a catalog only where it changed a message.  The
reader keeps, for every entry, the exact text it was read from (``Entry.raw``), the
blank lines before it (``Entry.leading``) and its line endings; the writer prints an
entry whose meaning did not change from that text byte for byte, whatever tool
wrote it (Transifex, Babel, Sphinx, Weblate, an editor), and formats every other
entry exactly as GNU msgcat/msgmerge 0.21 do at width 79 — the same line breaking,
which GNU takes from libunistring (used here directly when the system has it, so
CJK text breaks between ideographs just as GNU breaks it).  Files are decoded by
the charset their header declares and written back in it; CRLF stays CRLF.

Why this is hand-written rather than polib or Babel (the maintained libraries):
neither round-trips real catalogs.  On the twelve real-world files of the
conformance corpus polib rewrites 6–1,757 lines per file and re-wraps long ``#.``
comments (changing their meaning for 44–46 entries of the GNOME files); Babel
rewrites up to 3,322 lines, drops ``#|`` previous msgids and invents
``python-format`` flags.  A translation pipeline that churns every catalog it
touches buries translators' real changes in noise, so the I/O is done here.

Malformed input is refused as msgfmt refuses it, as :class:`SourceError`
``path:line: error: message``; nothing is ever written from a catalog that did not
parse.

One module per job, each depending only on those before it:

* :mod:`~summit_i18n.po.decode` — bytes to text: the size limit, refusing what is
  not a text catalog (BOM, .mo, NUL), the charset (``read_bytes``,
  ``charset_problem``);
* :mod:`~summit_i18n.po.parse` — text to a :class:`~summit_i18n.catalog.Catalog`:
  a regular expression for the common entry, a documented state machine for the
  rest and for errors (``parse_po``, ``read_po``);
* :mod:`~summit_i18n.po.wrap` — GNU's line breaking of one string (libunistring,
  or its Python stand-in); format directives are found by
  :mod:`summit_i18n.formats`;
* :mod:`~summit_i18n.po.write` — a catalog back to bytes: unchanged entries as
  read, the header patched field by field, the rest as GNU formats them
  (``format_entry``, ``format_po``, ``iter_po_bytes``, ``write_po``,
  ``raw_still_holds``).

This package re-exports their public functions: ``from summit_i18n.po import
read_po`` is the way to use them.
"""

from __future__ import annotations

from summit_i18n.po.decode import charset_problem, read_bytes
from summit_i18n.po.parse import parse_po, read_po
from summit_i18n.po.write import format_entry, format_po, iter_po_bytes, raw_still_holds, write_po

__all__ = [
    "charset_problem", "format_entry", "format_po", "iter_po_bytes", "parse_po", "raw_still_holds",
    "read_bytes", "read_po", "write_po",
]

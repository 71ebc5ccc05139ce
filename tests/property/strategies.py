"""Hypothesis strategies for fuzzing: .po files as text (valid and broken), Markdown.

The catalogs are written here as text, not through :mod:`summit_i18n.po`, so the
reader is fed shapes its own writer never produces: strings split at random
places, keywords indented, blank lines, CRLF, every escape, obsolete and previous
entries.  A broken file is a valid one with one mutation applied — the damage that
editors, merges and careless scripts do — each mutation named so disagreements with
msgfmt can be told apart by kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

__all__ = ["MUTATIONS", "PoFile", "format_directives", "hostile_text", "markdown_documents",
           "plural_expressions", "po_files", "valid_po_files", "yaml_bombs"]

_CHARS = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.sampled_from(list("\n\t\"\\éà€«»…日本語中文한국어「」（）🙂\u00a0\u200b")),
)
_WORDS = st.sampled_from(["summit", "the", "a", "%d", "%s", "%(name)s", "{x}", "%%", "100%",
                          "**bold**", "[link](https://x.org)", "`code`", "<b>", "&amp;", "\n",
                          "世界", "정상", " "])
TEXT = st.one_of(st.text(_CHARS, max_size=60),
                 st.lists(_WORDS, max_size=12).map(" ".join))
COMMENT = st.text(st.one_of(st.characters(min_codepoint=0x20, max_codepoint=0x7E),
                            st.sampled_from(list("éà日本"))), max_size=50).map(
    lambda s: s.rstrip("\\"))

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t"}


def _escape(text: str) -> str:
    return "".join(_ESCAPES.get(c, c) for c in text)


@st.composite
def _quoted(draw: st.DrawFn, text: str) -> list[str]:
    """``text`` as one or more quoted strings, split at random places."""
    pieces: list[str] = []
    if draw(st.integers(0, 3)) == 0:
        pieces.append("")  # msgid "" then continuation lines, as GNU writes long strings
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=3))))
    last = 0
    for cut in [*cuts, len(text)]:
        if cut > last or not pieces:
            pieces.append(text[last:cut])
        last = cut
    return [f'"{_escape(p)}"' for p in pieces]


def _like(msgid: str, text: str) -> str:
    """``text`` beginning and ending with a newline exactly where ``msgid`` does."""
    text = text.strip("\n")
    if not text:
        return text
    return ("\n" if msgid.startswith("\n") else "") + text + (
        "\n" if msgid.endswith("\n") else "")


@dataclass(frozen=True)
class _Message:
    msgctxt: str | None
    msgid: str
    plural: str | None
    forms: tuple[str, ...]
    flags: tuple[str, ...]
    comments: tuple[str, ...]
    previous: str | None
    obsolete: bool


@st.composite
def _messages(draw: st.DrawFn, nplurals: int) -> _Message:
    msgid = draw(TEXT.filter(bool))
    plural = draw(st.none() | TEXT.filter(bool)) if draw(st.integers(0, 4)) == 0 else None
    count = nplurals if plural is not None else 1
    if draw(st.integers(0, 9)) == 0:  # now and then a wrong number of plural forms
        count = draw(st.integers(1, 4))
    forms = tuple(draw(TEXT) for _ in range(count))
    if draw(st.integers(0, 9)):
        # as translators write them: newlines at the ends where the English has them
        forms = tuple(_like(msgid, f) for f in forms)
    flags = draw(st.lists(st.sampled_from(["fuzzy", "no-wrap", "fuzzy"]), unique=True,
                          max_size=2))
    if draw(st.integers(0, 9)) == 0:  # and a format flag, whatever the text holds
        flags.append(draw(st.sampled_from(["c-format", "python-format", "python-brace-format"])))
    return _Message(
        msgctxt=draw(st.none() | TEXT),
        msgid=msgid,
        plural=plural,
        forms=forms,
        flags=tuple(flags),
        comments=tuple(draw(st.lists(COMMENT, max_size=2))),
        previous=draw(st.none() | TEXT.filter(bool)),
        obsolete=draw(st.integers(0, 6)) == 0,
    )


@st.composite
def _entry_lines(draw: st.DrawFn, m: _Message) -> list[str]:
    lines: list[str] = []
    prefix = "#~ " if m.obsolete else ""
    for c in m.comments:
        lines.append(f"# {c}" if c else "#")
    lines.append(f"#: source/doc.md:{draw(st.integers(1, 999))}")
    if m.flags:
        lines.append("#, " + ", ".join(m.flags))
    if m.previous is not None:
        lines += [("#~| " if m.obsolete else "#| ") + ("msgid " if i == 0 else "") + q
                  for i, q in enumerate(draw(_quoted(m.previous)))]
    indent = draw(st.sampled_from(["", "", "", " "])) if not m.obsolete else ""

    def keyword(name: str, text: str) -> None:
        for i, q in enumerate(draw(_quoted(text))):
            lines.append(prefix + indent + (f"{name} " if i == 0 else "") + q)

    if m.msgctxt is not None:
        keyword("msgctxt", m.msgctxt)
    keyword("msgid", m.msgid)
    if m.plural is not None:
        keyword("msgid_plural", m.plural)
        for n, form in enumerate(m.forms):
            keyword(f"msgstr[{n}]", form)
    else:
        keyword("msgstr", m.forms[0])
    return lines


PLURAL_HEADERS = {1: "nplurals=1; plural=0;", 2: "nplurals=2; plural=(n != 1);",
                  3: "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
                     "(n%100<10 || n%100>=20) ? 1 : 2);"}


@dataclass(frozen=True)
class PoFile:
    data: bytes
    mutation: str  #: "none" for a file written as a valid catalog


@st.composite
def valid_po_files(draw: st.DrawFn) -> PoFile:
    """A catalog msgfmt should accept (format strings aside: they are random)."""
    nplurals = draw(st.sampled_from([1, 2, 3]))
    messages = draw(st.lists(_messages(nplurals), max_size=8,
                             unique_by=lambda m: (m.obsolete, m.msgctxt, m.msgid)))
    header = ["Project-Id-Version: fuzz", "MIME-Version: 1.0",
              "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 8bit"]
    if draw(st.integers(0, 5)) != 0:
        header.append(f"Plural-Forms: {PLURAL_HEADERS[nplurals]}")
    lines = ['msgid ""', 'msgstr ""', *(f'"{h}\\n"' for h in header)]
    for m in messages:
        lines.append("")
        if draw(st.integers(0, 8)) == 0:
            lines.append("")  # an extra blank line between entries
        lines += draw(_entry_lines(m))
    newline = draw(st.sampled_from(["\n", "\n", "\n", "\r\n"]))
    text = newline.join(lines) + (newline if draw(st.integers(0, 9)) else "")
    return PoFile(text.encode("utf-8"), "none")


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


#: how a valid file is broken: name -> (bytes, index) -> bytes
MUTATIONS = [
    "delete-line", "duplicate-entry", "garbage-line", "truncate", "bad-escape",
    "unterminated-string", "keyword-typo", "swap-lines", "nul-byte", "bom", "invalid-utf8",
    "plural-gap", "stray-string", "msgstr-missing", "unknown-charset", "latin1-bytes",
]


@st.composite
def broken_po_files(draw: st.DrawFn) -> PoFile:
    base = draw(valid_po_files()).data
    kind = draw(st.sampled_from(MUTATIONS))
    lines = _lines(base)
    i = draw(st.integers(0, max(len(lines) - 1, 0)))
    if kind == "delete-line":
        del lines[i]
    elif kind == "duplicate-entry":
        # the entry around line i, once more at the end
        start = i
        while start > 0 and lines[start - 1].strip():
            start -= 1
        end = i
        while end < len(lines) and lines[end].strip():
            end += 1
        lines += [b"", *lines[start:end]]
    elif kind == "garbage-line":
        lines.insert(i, draw(st.sampled_from([b"hello", b"msgid", b'"', b"#~", b"msgstr[x] \"\"",
                                              b"\\", b"msgid_plural", b"{}", b'msgid ""x"'])))
    elif kind == "truncate":
        cut = draw(st.integers(0, len(base)))
        return PoFile(base[:cut], kind)
    elif kind == "bad-escape":
        lines[i] = lines[i].replace(b'"', b'"\\q', 1)
    elif kind == "unterminated-string":
        lines[i] = lines[i].rstrip(b'"\r')
    elif kind == "keyword-typo":
        lines[i] = lines[i].replace(b"msg", b"mgs", 1)
    elif kind == "swap-lines" and i + 1 < len(lines):
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    elif kind == "nul-byte":
        lines[i] = lines[i] + b"\0"
    elif kind == "bom":
        return PoFile(b"\xef\xbb\xbf" + base, kind)
    elif kind == "invalid-utf8":
        lines[i] = lines[i] + b"\xff\xfe"
    elif kind == "plural-gap":
        lines[i] = lines[i].replace(b"msgstr[0]", b"msgstr[1]", 1).replace(b"msgstr[1]",
                                                                           b"msgstr[2]", 1)
    elif kind == "stray-string":
        lines.insert(i, b'"stray"')
    elif kind == "msgstr-missing":
        lines = [ln for ln in lines if not ln.lstrip(b"#~ ").startswith(b"msgstr ")]
    elif kind == "unknown-charset":
        return PoFile(base.replace(b"charset=UTF-8", b"charset=NO-SUCH-8", 1), kind)
    elif kind == "latin1-bytes":
        return PoFile(base.replace(b"charset=UTF-8", b"charset=ISO-8859-1", 1), kind)
    return PoFile(b"\n".join(lines), kind)


def po_files() -> st.SearchStrategy[PoFile]:
    """Valid and broken catalogs, about one in three valid."""
    return st.one_of(valid_po_files(), broken_po_files(), broken_po_files())


# -- Markdown -------------------------------------------------------------------

_MD_LINES = st.sampled_from([
    "# Heading", "## Sub *heading*", "Setext", "===", "---", "- item", "  - nested", "1. one",
    "> quote", "| a | b |", "|---|---|", "| 1 | 2 |", "```", "```python", "~~~", "    code",
    "<div>", "</div>", "<!-- i18n: note -->", "<!-- i18n: skip -->", "<!-- i18n: end -->",
    "Text with **bold**, _em_, `code` and [a link](https://x.org \"t\").", "![img](a.png)",
    "[ref]: https://x.org", "See [ref].", "{{ var }} and {% tag %}", "%(name)s and %d",
    "trailing  ", "back\\", "\t", "日本語の文。", "<b>html</b>", "&amp; &#1;", "", "",
    "title: T", "summary: [x", "date: 2024-02-30", "slug: s", "tags: [a, b]", ": bad",
])


@st.composite
def markdown_documents(draw: st.DrawFn) -> str:
    """Markdown-ish text, sometimes with YAML front matter (good or bad)."""
    body = draw(st.lists(st.one_of(_MD_LINES, st.text(max_size=15)), max_size=20))
    if draw(st.booleans()):
        front = draw(st.lists(st.sampled_from([
            "title: The summit", "summary: An announcement", "date: 2026-03-01", "slug: summit",
            "title: [unclosed", "summary: \"open", "key: value: more", "- list", "\t: x",
            "title: |", "  block", "date: 2024-02-30", "title: \x07bell"]), max_size=5))
        body = ["---", *front, "---", *body]
    return "\n".join(body)


# -- hostile input: what a translator, a service or a source can throw at the tools --

_CONTROLS = st.sampled_from(["\x1b[31m", "\x1b]0;title\x07", "\x1b[2J", "\x9b1m", "\x07",
                             "\r", "\x00", "\x7f", "\x85", "\u202e", "\u202d", "\u2066",
                             "\u2069", "\u2028", "\ud800", "\udcff", "\x08" * 5])


@st.composite
def hostile_text(draw: st.DrawFn) -> str:
    """Text with terminal controls, escape sequences, bidi overrides, lone surrogates."""
    parts = draw(st.lists(st.one_of(TEXT, _CONTROLS), min_size=1, max_size=8))
    return "".join(parts)


_ATOMS = st.one_of(st.just("n"), st.integers(0, 2**70).map(str),
                   st.sampled_from(["0", "1", "10", "100", "18446744073709551615"]))
_BINARY = st.sampled_from(["||", "&&", "==", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%"])


@st.composite
def plural_expressions(draw: st.DrawFn, max_leaves: int = 30) -> str:
    """Expressions in gettext's grammar (and some just outside it): nested ternaries,
    division and modulo (by zero too), huge numbers, long chains, deep parentheses."""
    shape = draw(st.sampled_from(["tree", "chain", "parens", "nots", "ternaries", "garbage"]))
    if shape == "chain":
        op = draw(_BINARY)
        return op.join(["n"] * draw(st.integers(1, 3000)))
    if shape == "parens":
        depth = draw(st.integers(1, 3000))
        return "(" * depth + "n" + ")" * depth
    if shape == "nots":
        return "!" * draw(st.integers(1, 3000)) + "n"
    if shape == "ternaries":
        k = draw(st.integers(1, 2000))
        return "n==1?0:" * k + "1"
    if shape == "garbage":
        return draw(st.text(st.sampled_from(list("n0123456789()!?:+-*/%<>=&| ;x")), max_size=80))

    def tree(budget: int) -> str:
        if budget <= 1 or draw(st.integers(0, 3)) == 0:
            return draw(_ATOMS)
        kind = draw(st.integers(0, 3))
        if kind == 0:
            return f"!{tree(budget - 1)}"
        if kind == 1:
            return f"({tree(budget // 2)} {draw(_BINARY)} {tree(budget // 2)})"
        if kind == 2:
            return f"{tree(budget // 3)} ? {tree(budget // 3)} : {tree(budget // 3)}"
        return f"({tree(budget - 1)})"

    return tree(draw(st.integers(1, max_leaves)))


@st.composite
def plural_headers(draw: st.DrawFn) -> str:
    """A Plural-Forms value: sane, absurd or broken nplurals with any expression."""
    count = draw(st.one_of(st.integers(0, 10).map(str), st.integers(0, 10**30).map(str),
                           st.just("9" * 5000), st.sampled_from(["", "-1", "x", "٣"])))
    return f"nplurals={count}; plural={draw(plural_expressions())};"


_FLAGS = st.text(st.sampled_from(list("-+ #0'")), max_size=3)
_WIDTH = st.one_of(st.just(""), st.just("*"), st.integers(0, 10**12).map(str))


@st.composite
def format_directives(draw: st.DrawFn) -> str:
    """A printf or brace directive with any flags, width and precision."""
    if draw(st.booleans()):
        name = draw(st.sampled_from(["", "(name)", "(count)", "1$", "2$"]))
        prec = draw(st.one_of(st.just(""), _WIDTH.map(lambda w: "." + w)))
        conv = draw(st.sampled_from(list("sdifxXeEgGrc")))
        return f"%{name}{draw(_FLAGS)}{draw(_WIDTH)}{prec}{conv}"
    field = draw(st.sampled_from(["", "0", "x", "name", "x.attr", "x[0]"]))
    conv = draw(st.sampled_from(["", "!r", "!s", "!a"]))
    spec = draw(st.one_of(st.just(""), st.builds(
        lambda a, w, p: f":{a}{w}{p}", st.sampled_from(["", "<", ">", "^", "*>", "0="]),
        _WIDTH.filter(lambda w: w != "*"),
        st.one_of(st.just(""), st.integers(0, 10**9).map(lambda p: f".{p}")))))
    return "{" + field + conv + spec + "}"


@st.composite
def yaml_bombs(draw: st.DrawFn) -> str:
    """Front matter that nests deeply or multiplies through aliases."""
    kind = draw(st.sampled_from(["laughs", "flow", "block", "self", "wide"]))
    if kind == "laughs":
        width, levels = draw(st.integers(2, 12)), draw(st.integers(2, 12))
        lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
        for i in range(1, levels):
            lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
        key = draw(st.sampled_from(["title", "slug", "summary", "date", "x"]))
        lines.append(f"{key}: *a{levels - 1}")
        return "\n".join(lines)
    if kind == "flow":
        depth = draw(st.integers(15, 5000))
        return "title: " + "[" * depth + "]" * depth
    if kind == "block":
        depth = draw(st.integers(15, 1000))
        return "\n".join(" " * i + f"k{i}:" for i in range(depth)) + " x"
    if kind == "self":
        return draw(st.sampled_from(["a: &a [*a]", "a: &a {b: *a}", "title: &t [x, *t]"]))
    anchors = [f"&x{i} y" for i in range(draw(st.integers(1, 50)))]
    return "title: [" + ", ".join(anchors) + ", " + ", ".join(f"*x{i}" for i in range(3)) + "]"

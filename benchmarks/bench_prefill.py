"""``prefill`` beside a serial loop of deep-translator, against a local LibreTranslate stand-in.

Principles: 2,000 distinct segments (sentences with inline Markdown, as extracted
documentation has them) × 4 languages whose LibreTranslate codes all differ (fr,
ja, ko, zh_Hant), so each tool must send 8,000 requests.  The server
(:class:`summit_i18n.prefill.testing.FakeTranslationServer` on 127.0.0.1) answers
each after 50 ms.  Ours runs as a user runs it — the ``summit-i18n prefill``
console script, with the default 8 workers and with ``--workers 16`` — in a fresh
project with a cold cache.  The peer
is what django-deep-translator and most peers do: one ``LibreTranslator`` per
language and ``translate()`` on each message in turn, in its own process.  Then
the translations are cleared and ``prefill`` runs again on the warm cache: the
server counts the requests it receives (goal: none).  Each is timed once: the
latency, not the CPU, sets the pace.

The llm rows: the same 2,000 segments × 4 languages, in 20 documents of 100, against
:class:`summit_i18n.prefill.testing.FakeModelServer` with the latency model of a
local model: 0.5 s per request plus 0.05 s per segment in it (requests answered
concurrently, as a server with parallel slots does).  Ours is ``summit-i18n prefill
--backend llm`` (batches of a document, 8 workers); afterwards every entry is checked
against the fake model's translation of its own English (misaligned = any other
text).  The peer is the msgpre way — one request per message, one at a time — in
its own process, through the same protocol.  One request of ours in ten misbehaves
(:data:`MISBEHAVIOURS` in turn; a segment asked again alone is answered well — the
unit tests cover a re-ask that fails too), so the figures include the repairs.  At 0.55 s a
request the peer would take 8,000 × 0.55 s ≈ 73 minutes, so it runs on a sample of
``PEER_SAMPLE`` segments × 4 languages and its time and requests are extrapolated
linearly (a serial loop at a fixed latency is linear) to the 2,000; both figures are
in the row's notes.

Usage: ``python -m benchmarks.bench_prefill [--quick] [--llm-only]``.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.harness import VENV_BIN, WORK, Result, standalone
from summit_i18n.prefill.masking import mask, restore
from summit_i18n.prefill.testing import FakeModelServer, FakeTranslationServer, fake_model_translate

__all__ = ["make_project", "run", "run_llm"]

LANGUAGES = ("fr", "ja", "ko", "zh_Hant")
LIBRE_CODES = {"fr": "fr", "ja": "ja", "ko": "ko", "zh_Hant": "zh"}
LATENCY = 0.05
_WORDS = (  # noqa: SIM905 (reads better as prose)
    "summit organ transplant ethics medical community government report evidence "
    "international conference speaker panel research human rights patient donor hospital "
    "policy law investigation journalist doctor association mission awareness public "
    "the of and to in for with on by from is are was that this as an at which will their"
).split()
_HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
           '"Language: {lang}\\n"\n"Plural-Forms: nplurals={n}; plural={expr};\\n"\n\n')

_PEER = """
import sys
from deep_translator import LibreTranslator
url, segments_file = sys.argv[1], sys.argv[2]
segments = open(segments_file, encoding="utf-8").read().split("\\n")
for code in sys.argv[3:]:
    translator = LibreTranslator(source="en", target=code, api_key="none", custom_url=url)
    for text in segments:
        translator.translate(text)
"""


def _segment(rng: random.Random, index: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 20))]
    i = rng.randrange(len(words))
    words[i] = rng.choice([f"**{words[i]}**", f"`{words[i]}()`",
                           f"[{words[i]}](https://example.org/{words[i]})", words[i]])
    return f"Item {index}: " + " ".join(words) + "."


def make_project(root: Path, count: int, *, seed: int = 3) -> list[str]:
    """A project with ``count`` distinct empty entries per language; returns the segments."""
    rng = random.Random(seed)
    segments = [_segment(rng, i) for i in range(count)]
    if root.exists():
        shutil.rmtree(root)
    body = "".join(f'#: source/bench.md:{i + 1}\nmsgid "{text}"\nmsgstr ""\n\n'
                   for i, text in enumerate(segments))
    (root / "locale").mkdir(parents=True)
    (root / "summit-i18n.toml").write_text(f"languages = {list(LANGUAGES)!r}\n".replace("'", '"'))
    (root / "locale" / "bench.pot").write_text(
        _HEADER.format(lang="", n=2, expr="(n != 1)") + body, encoding="utf-8")
    reset_catalogs(root, body)
    return segments


def reset_catalogs(root: Path, body: str | None = None) -> None:
    """Write every language's catalog with all entries empty again."""
    if body is None:
        text = (root / "locale" / "bench.pot").read_text(encoding="utf-8")
        body = text.split("\n\n", 1)[1]
    for lang in LANGUAGES:
        n, expr = (2, "(n > 1)") if lang == "fr" else (1, "0")
        path = root / "locale" / lang / "LC_MESSAGES" / "bench.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_HEADER.format(lang=lang, n=n, expr=expr) + body, encoding="utf-8")


def _prefill(root: Path, url: str, *options: str) -> float:
    start = time.perf_counter()
    subprocess.run([str(VENV_BIN / "summit-i18n"), "-C", str(root), "prefill", "--backend",
                    "libre", "--url", url, *options], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def _cold(root: Path, server: FakeTranslationServer, *options: str) -> tuple[float, int]:
    """One run from empty catalogs and an empty cache: (seconds, requests received)."""
    reset_catalogs(root)
    shutil.rmtree(root / ".summit-i18n", ignore_errors=True)
    server.reset()
    seconds = _prefill(root, server.url, *options)
    return seconds, server.request_count


def run(quick: bool = False) -> list[Result]:
    """Every prefill benchmark (``make bench``): the deep-translator rows, then llm."""
    return run_deep(quick) + run_llm(quick)


def run_deep(quick: bool = False) -> list[Result]:
    count = 200 if quick else 2000
    root = WORK / "prefill"
    segments = make_project(root, count)
    segments_file = WORK / "prefill-segments.txt"
    segments_file.write_text("\n".join(segments), encoding="utf-8")
    label = f"{count:,} segments × {len(LANGUAGES)} languages, 50 ms latency"
    peer_name = "deep-translator LibreTranslator.translate(), serial loop"
    with FakeTranslationServer(latency=LATENCY) as server:
        ours, sent = _cold(root, server)
        ours16, sent16 = _cold(root, server, "--workers", "16")

        server.reset()
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", _PEER, server.url, str(segments_file),
                        *(LIBRE_CODES[lang] for lang in LANGUAGES)], check=True)
        peer = time.perf_counter() - start
        peer_sent = server.request_count

        server.reset()
        reset_catalogs(root)
        warm = _prefill(root, server.url)
        warm_sent = server.request_count
    results = []
    for name, seconds, requests in (("prefill (default 8 workers)", ours, sent),
                                    ("prefill --workers 16", ours16, sent16)):
        speedup = peer / seconds
        results.append(Result(
            benchmark=f"{name}, {label}",
            ours=seconds,
            peer=peer_name,
            peer_time=peer,
            goal=">= 8x faster",
            met=speedup >= 8,
            notes=f"{speedup:.1f}x faster; {requests:,} requests (peer {peer_sent:,}); cold cache",
            extra={"speedup": speedup, "requests": float(requests),
                   "peer_requests": float(peer_sent)},
        ))
    results.append(Result(
        benchmark=f"prefill again on a warm cache, {count:,} × {len(LANGUAGES)}",
        ours=warm,
        goal="0 requests",
        met=warm_sent == 0,
        notes=f"{warm_sent} request(s) sent after clearing every translation",
        extra={"requests": float(warm_sent)},
    ))
    return results


# -- a language model, batched, beside the msgpre way ---------------------------------

MODEL_LATENCY = 0.5  #: seconds per request
MODEL_PER_SEGMENT = 0.05  #: and per segment in it
DOCUMENTS = 20
PEER_SAMPLE = 100  #: segments per language the msgpre-way peer is timed on
#: one request in ten misbehaves, in turn in each of these ways (the others answer cleanly)
MISBEHAVIOURS = ("reorder", "drop", "merge", "repeat", "invent", "prose", "damage", "empty",
                 "echo", "429")

_MSGPRE_WAY = """
import json, sys, urllib.request
url, segments_file = sys.argv[1], sys.argv[2]
segments = open(segments_file, encoding="utf-8").read().split("\\n")
for lang in sys.argv[3:]:
    for text in segments:  # one request per message, one at a time, no context
        body = {"model": "bench", "temperature": 0, "stream": False, "messages": [
            {"role": "user", "content": f"Translate into {lang}. Answer with the "
                                        f"translation only.\\n\\n{text}"}]}
        request = urllib.request.Request(url + "/chat/completions", json.dumps(body).encode(),
                                         {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            json.load(answer)["choices"][0]["message"]["content"]
"""


def make_llm_project(root: Path, count: int, *, seed: int = 5) -> list[str]:
    """``count`` distinct empty entries per language in ``DOCUMENTS`` documents."""
    rng = random.Random(seed)
    segments = [_segment(rng, i) for i in range(count)]
    if root.exists():
        shutil.rmtree(root)
    (root / "locale").mkdir(parents=True)
    (root / "summit-i18n.toml").write_text(
        f"languages = {list(LANGUAGES)!r}\n".replace("'", '"') +
        '\n[prefill]\nbackend = "llm"\nmodel = "bench"\n', encoding="utf-8")
    per = max(1, count // DOCUMENTS)
    for d in range(0, count, per):
        name = f"doc{d // per:02d}"
        body = "".join(f'#: source/{name}.md:{i + 1}\nmsgid "{text}"\nmsgstr ""\n\n'
                       for i, text in enumerate(segments[d:d + per]))
        title = f"# Announcement {d // per} (source/{name}.md) — bench.\n"
        (root / "locale" / f"{name}.pot").write_text(
            title + _HEADER.format(lang="", n=2, expr="(n != 1)") + body, encoding="utf-8")
    reset_llm_catalogs(root)
    return segments


def reset_llm_catalogs(root: Path) -> None:
    for pot in sorted((root / "locale").glob("*.pot")):
        title, rest = pot.read_text(encoding="utf-8").split("\n", 1)
        body = rest.split("\n\n", 1)[1]
        for lang in LANGUAGES:
            n, expr = (2, "(n > 1)") if lang == "fr" else (1, "0")
            path = root / "locale" / lang / "LC_MESSAGES" / f"{pot.stem}.po"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(title + "\n" + _HEADER.format(lang=lang, n=n, expr=expr) + body,
                            encoding="utf-8")


def misaligned(root: Path) -> tuple[int, int]:
    """(entries whose text is not the model's answer to their own English, entries filled)."""
    from summit_i18n.po import read_po

    wrong = filled = 0
    for lang in LANGUAGES:
        for path in sorted((root / "locale" / lang / "LC_MESSAGES").glob("*.po")):
            for entry in read_po(path).entries:
                if entry.is_header:
                    continue
                masked = mask(entry.msgid)
                want = restore(masked, fake_model_translate(masked.text, lang))
                filled += bool(entry.msgstr)
                wrong += entry.msgstr != want
    return wrong, filled


def _llm_prefill(root: Path, url: str) -> float:
    start = time.perf_counter()
    subprocess.run([str(VENV_BIN / "summit-i18n"), "-C", str(root), "prefill", "--url", url],
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def run_llm(quick: bool = False) -> list[Result]:
    count = 200 if quick else 2000
    sample = 20 if quick else PEER_SAMPLE
    root = WORK / "prefill-llm"
    segments = make_llm_project(root, count)
    sample_file = WORK / "prefill-llm-sample.txt"
    sample_file.write_text("\n".join(segments[:sample]), encoding="utf-8")
    label = (f"prefill --backend llm, {count:,} segments × {len(LANGUAGES)} languages, "
             "local-model latency (0.5 s/request + 0.05 s/segment)")
    with FakeModelServer(latency=MODEL_LATENCY, per_segment=MODEL_PER_SEGMENT) as server:
        shutil.rmtree(root / ".summit-i18n", ignore_errors=True)
        server.settings.batches_only = True
        server.fail_next(*(MISBEHAVIOURS[(i // 10) % len(MISBEHAVIOURS)] if i % 10 == 9 else "ok"
                           for i in range(count * len(LANGUAGES))))
        ours = _llm_prefill(root, server.url)
        sent = server.request_count
        alone = sum(1 for p in server.payloads() if len(p["segments"]) == 1)
        wrong, filled = misaligned(root)

        server.reset()
        reset_llm_catalogs(root)
        warm = _llm_prefill(root, server.url)
        warm_sent = server.request_count

        server.reset()
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", _MSGPRE_WAY, server.url, str(sample_file),
                        *LANGUAGES], check=True)
        peer_sample = time.perf_counter() - start
        peer_sample_sent = server.request_count
    scale = count / sample
    peer = peer_sample * scale
    peer_sent = round(peer_sample_sent * scale)
    fewer, faster = peer_sent / max(sent, 1), peer / ours
    return [
        Result(
            benchmark=label,
            ours=ours,
            peer="the msgpre way: one request per message, one at a time (extrapolated)",
            peer_time=peer,
            goal=">= 10x fewer requests and less time, 0 misaligned",
            met=fewer >= 10 and faster >= 10 and wrong == 0 and filled == count * len(LANGUAGES),
            notes=(f"{sent:,} requests vs {peer_sent:,} ({fewer:.0f}x fewer); {faster:.0f}x less "
                   f"wall time; {wrong} misaligned of {filled:,} filled; one request in ten "
                   f"misbehaved ({', '.join(MISBEHAVIOURS)} in turn): {alone} segments asked "
                   f"again alone, counted in the requests; 429 retried whole; peer measured on "
                   f"{sample} segments × {len(LANGUAGES)} languages ({peer_sample_sent} "
                   f"requests, {peer_sample:.1f} s) and scaled by {scale:g}"),
            extra={"requests": float(sent), "peer_requests": float(peer_sent),
                   "misaligned": float(wrong), "peer_sample_seconds": peer_sample},
        ),
        Result(
            benchmark=f"prefill --backend llm again on a warm cache, {count:,} × {len(LANGUAGES)}",
            ours=warm,
            goal="0 requests",
            met=warm_sent == 0,
            notes=f"{warm_sent} request(s) sent after clearing every translation",
            extra={"requests": float(warm_sent)},
        ),
    ]


def main() -> None:
    if "--llm-only" in sys.argv:
        sys.argv.remove("--llm-only")
        standalone(run_llm, __doc__, quick="200 segments instead of 2,000")
    else:
        standalone(run, __doc__, quick="200 segments instead of 2,000")


if __name__ == "__main__":
    main()

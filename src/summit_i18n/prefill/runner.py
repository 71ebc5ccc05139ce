"""Fill empty catalog entries with machine drafts: the prefill stage.

Principles: only empty entries are touched — human work is never overwritten —
and every entry filled is marked ``#, fuzzy`` with the translator comment
``machine: <backend> <date>``.  Each language has a chain of backends (lookups
such as ``memory`` first, then a service); an entry a backend cannot fill goes
on to the next.  Segments are masked (:mod:`.masking`) before they leave, the
same masked text is sent once however many entries and languages need it, and
the cache answers whatever was asked before.  Requests run on ``workers``
threads under a per-service rate limit; 429, 5xx and timeouts are retried with
exponential back-off and jitter; a segment over the service's length limit is
split at sentence ends; an answer that damaged a token is tried again in smaller
pieces once, then left empty and reported.  Catalogs are saved atomically every
few seconds and on every exit path, and each answer is cached as it arrives, so
an interrupted run loses at most the requests in flight and the next one resumes.
A service that keeps failing past its retries is given up for the rest of the run:
its segments go on to the next backend of their chain, and only when none follows
does the run end with :attr:`PrefillReport.failure`.

Two paths share all of this: the per-segment path (one request per masked text) and,
for language models, the batch path — one request per batch of a document's
segments with their context (:mod:`.batch`), where any segment the answer does not
give cleanly under its own id is asked again alone.  A machine draft whose English
changed since it was written (:mod:`summit_i18n.provenance`) is drafted again like
an empty entry; one a person edited or reviewed never is.
"""

from __future__ import annotations

import functools
import queue
import random
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

from summit_i18n import workspace
from summit_i18n._display import has_controls
from summit_i18n.catalog import Catalog, Entry
from summit_i18n.config import Language, Project, env_api_key, language
from summit_i18n.errors import UsageError
from summit_i18n.glossary import Glossary, Term, project_glossary
from summit_i18n.limits import DEFAULT_LENGTH_BOUND, LengthBound
from summit_i18n.prefill.backends import (
    BackendOptions,
    LookupBackend,
    Pair,
    ServiceFailure,
    TextBackend,
    make_backend,
)
from summit_i18n.prefill.backends.deep import patched_requests
from summit_i18n.prefill.backends.deep import request_count as deep_request_count
from summit_i18n.prefill.backends.llm import BatchAnswer, LlmPair, read_answer
from summit_i18n.prefill.backends.llm import request_count as llm_request_count
from summit_i18n.prefill.batch import BatchPlanner, SegmentContext, batches
from summit_i18n.prefill.batch import request as batch_request
from summit_i18n.prefill.cache import CACHE_NAME, TranslationCache
from summit_i18n.prefill.masking import (
    TOKEN_RE,
    Masked,
    TokenDamage,
    has_prose,
    mask,
    restore,
    split_sentences,
)
from summit_i18n.provenance import draft_state, machine_comment

__all__ = [
    "DEFAULT_RETRY",
    "LanguageStats",
    "PrefillOptions",
    "PrefillReport",
    "Problem",
    "RetryPolicy",
    "ServiceSummary",
    "prefill",
    "reject_reason",
    "split_to_fit",
]


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently a failing request is tried again."""

    attempts: int = 6
    base: float = 0.5  #: seconds before the first retry (doubled each time)
    cap: float = 30.0

    def delay(self, attempt: int, rng: random.Random) -> float:
        """Exponential back-off with jitter, so parallel workers do not retry in step."""
        ceiling = min(self.cap, self.base * 2.0**attempt)
        return ceiling / 2 + rng.uniform(0, ceiling / 2)


DEFAULT_RETRY = RetryPolicy()


@dataclass(frozen=True)
class PrefillOptions:
    """What one run should do; None means "from the configuration"."""

    languages: tuple[str, ...] = ()
    backend: str | None = None  #: one backend for every language instead of the chains
    url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    workers: int | None = None
    rate_limit: float | None = None
    timeout: float | None = None
    model: str | None = None  #: llm: instead of [prefill] model
    dry_run: bool = False
    retry: RetryPolicy | None = None  #: None: :data:`DEFAULT_RETRY`
    save_interval: float = 2.0  #: seconds between saves of the catalogs


@dataclass
class LanguageStats:
    """Progress and outcome for one language (also what the progress callback gets)."""

    lang: str
    total: int = 0  #: empty entries found
    done: int = 0  #: entries filled
    cached: int = 0  #: of those, filled without sending anything
    rejected: int = 0  #: entries left empty (each is also a :class:`Problem`)
    requests: int = 0  #: requests sent (dry run: that would be sent)
    characters: int = 0  #: characters sent (dry run: that would be sent)
    to_send: int = 0  #: dry run: entries that would go to a service
    redrafted: int = 0  #: of ``total``: machine drafts whose English changed, drafted again
    repaired: int = 0  #: segments a model answered wrongly in a batch, asked again alone
    by_backend: Counter[str] = field(default_factory=Counter)

    @property
    def finished(self) -> int:
        return self.done + self.rejected


@dataclass(frozen=True)
class Problem:
    """An entry left empty, with why."""

    path: str
    line: int
    lang: str
    reason: str
    redraft: bool = False  #: a stale machine draft that stays as it was (not empty)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


@dataclass
class ServiceSummary:
    """What one service of the chains did (or, in a dry run, would receive)."""

    name: str
    address: str  #: where its requests go
    asked: int = 0  #: segments it was asked for
    filled: int = 0
    reasons: Counter[str] = field(default_factory=Counter)  #: why it gave segments up
    passed_on: int = 0  #: of those given up, how many went on to the next backend
    requests: int = 0  #: dry run: requests it would get
    characters: int = 0  #: dry run: characters it would receive
    fallback: bool = False  #: dry run: only reached for what earlier backends give up

    @property
    def gave_up(self) -> int:
        return sum(self.reasons.values())


@dataclass
class PrefillReport:
    stats: list[LanguageStats]
    problems: list[Problem] = field(default_factory=list)
    services: list[ServiceSummary] = field(default_factory=list)
    requests: int = 0  #: requests sent in this run
    failure: str | None = None  #: set when a service kept failing (exit 4)
    dry_run: bool = False


ProgressCallback = Callable[[LanguageStats], None]
_T = TypeVar("_T")

#: where each service's requests go (llm and libre: their configured URL)
_ADDRESSES = {"google": "translate.google.com", "mymemory": "api.mymemory.translated.net",
              "deepl": "api.deepl.com", "microsoft": "api.cognitive.microsofttranslator.com",
              "pseudo": "this machine (no network)"}


def _request_count() -> int:
    return deep_request_count() + llm_request_count()


# -- entries to fill ---------------------------------------------------------------


@dataclass(eq=False)
class _Job:
    lang: Language
    domain: str
    path: Path
    catalog: Catalog
    entry: Entry
    forms: list[str]  #: the English for each translation form
    results: list[str | None] = field(default_factory=list)
    reason: str | None = None
    sent: bool = False  #: some form needed a request
    filled: bool = False
    redraft: bool = False  #: a machine draft of English that changed since


class _Book:
    """The project's catalogs, read once; implements ``CatalogSource`` for lookups."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._loaded: dict[str, list[tuple[str, Path, Catalog]]] = {}
        self.dirty: set[Path] = set()

    def entries(self, lang: str) -> list[tuple[str, Path, Catalog]]:
        if lang not in self._loaded:
            # Every catalog that exists, a FIFO too: reading it is one error, never a hang.
            self._loaded[lang] = [
                (cat.domain, cat.po, workspace.read_catalog(self.project, cat.po))
                for cat in workspace.catalogs(self.project, self.project.languages([lang]),
                                              existing=True)]
        return self._loaded[lang]

    def catalogs(self, lang: str) -> Sequence[tuple[str, Catalog]]:
        return [(domain, catalog) for domain, _, catalog in self.entries(lang)]

    def save(self) -> None:
        for entries in self._loaded.values():
            for _, path, catalog in entries:
                if path in self.dirty:
                    workspace.write_catalog(self.project, catalog, path)
        self.dirty.clear()


def _empty(entry: Entry) -> bool:
    if entry.obsolete or entry.is_header:
        return False
    return not entry.has_any_translation()


def _to_draft(entry: Entry) -> bool | None:
    """True: draft it; False: draft it again (a machine draft whose English changed,
    never one a person edited or reviewed); None: leave it alone."""
    if _empty(entry):
        return True
    return False if draft_state(entry) == "stale" else None


def _forms(entry: Entry, catalog: Catalog, lang: Language) -> list[str]:
    if not entry.is_plural:
        return [entry.msgid]
    nplurals = catalog.nplurals or lang.nplurals
    plural = entry.msgid_plural or entry.msgid
    if nplurals == 1:
        return [plural]
    return [entry.msgid] + [plural] * (nplurals - 1)


# -- answers -------------------------------------------------------------------------

_NOTICE_RE = re.compile(
    r"MYMEMORY WARNING|QUERY LENGTH LIMIT EXCEEDED|INVALID LANGUAGE PAIR|"
    r"PLEASE SELECT TWO DISTINCT LANGUAGES|NO QUERY SPECIFIED|INVALID EMAIL PROVIDED|"
    r"IS AN INVALID TARGET LANGUAGE|AUTO-DETECTION IS NOT ALLOWED")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_ENTITY_RE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def reject_reason(sent: str, answer: object,
                  length: LengthBound = DEFAULT_LENGTH_BOUND) -> str | None:
    """Why an answer is not a translation of ``sent`` (None when it is acceptable).

    Every backend's answers, and every answer read back from the cache, pass
    through here: a service is untrusted like a translator.  Besides the notices
    and echoes services send, text that is not valid Unicode (lone surrogates),
    terminal control characters the English does not have, and an answer longer
    than ``length`` allows for ``sent`` are refused.
    """
    if answer is None:
        return "the service gave no translation"
    if not isinstance(answer, str):
        return f"the service answered with {type(answer).__name__}, not text"
    too_long = length.exceeded(sent, answer)
    if too_long is not None:
        return f"the service answered with a text far longer than the English ({too_long})"
    bad = _SURROGATE_RE.search(answer)
    if bad is not None:
        return (f"the service answered with text that is not valid Unicode "
                f"(lone surrogate U+{ord(bad.group(0)):04X})")
    controls = [c for c in has_controls(answer) if c not in set(has_controls(sent))]
    if controls:
        return "the service answered with control characters (" + ", ".join(controls[:4]) + ")"
    if not answer.strip():
        return "the service answered with empty text"
    notice = _NOTICE_RE.search(answer)
    if notice:
        return f"the service answered with a notice, not a translation ({notice.group(0)}…)"
    entity = _ENTITY_RE.search(answer)
    if entity:
        return f"the service answered with an HTML entity ({entity.group(0)})"
    if " ".join(answer.split()) == " ".join(sent.split()):
        return "the service returned the English unchanged"
    return None


def _token_damage(sent: str, answer: str) -> str | None:
    want = Counter(int(m.group(1)) for m in TOKEN_RE.finditer(sent))
    got = Counter(int(m.group(1)) for m in TOKEN_RE.finditer(answer))
    if want == got:
        return None
    lost = sorted(set(want) - set(got))
    extra = sorted(n for n in got if got[n] > want.get(n, 0))
    parts = []
    if lost:
        parts.append("lost " + " ".join(f"⟦{n}⟧" for n in lost))
    if extra:
        parts.append("doubled or invented " + " ".join(f"⟦{n}⟧" for n in extra))
    return "the service damaged protected text (" + "; ".join(parts or ["altered"]) + ")"


def split_to_fit(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Pieces of ``text`` that each fit, cut at sentence ends, else at spaces, never in a token.

    ``"".join(pieces) == text``.
    """
    if fits(text):
        return [text]
    atoms: list[str] = []
    for sentence in split_sentences(text):
        if fits(sentence):
            atoms.append(sentence)
            continue
        for word in re.findall(r"\S+\s*|\s+", sentence):
            if fits(word):
                atoms.append(word)
            else:
                atoms.extend(re.findall(r"⟦\d+⟧|.", word, re.DOTALL))
    pieces: list[str] = []
    for atom in atoms:
        if pieces and fits(pieces[-1] + atom):
            pieces[-1] += atom
        else:
            pieces.append(atom)
    return pieces


def _has_letters(text: str) -> bool:
    return bool(re.search(r"[^\W\d_]", TOKEN_RE.sub("", text)))


# -- the run -------------------------------------------------------------------------


class _Rejected(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Fatal(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _Stopped(Exception):
    pass


class _GaveUp(Exception):
    """A service kept failing (5xx, 429, timeouts) past every retry."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _RateLimiter:
    """At most ``rate`` request starts per second, shared by all workers of a service."""

    def __init__(self, rate: float | None) -> None:
        self.interval = 1.0 / rate if rate else 0.0
        self._lock = threading.Lock()
        self._next = 0.0

    def wait(self, stop: threading.Event) -> None:
        if not self.interval:
            return
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + self.interval
        if start > now:
            stop.wait(start - now)


@dataclass(eq=False)
class _Unit:
    """One distinct masked text for one service and language pair."""

    pair: Pair
    backend: str
    text: str
    consumers: list[tuple[_Job, int, Masked]] = field(default_factory=list)
    #: batched backends (llm): what the segment is sent with, and its cache text
    context: SegmentContext | None = None
    cache_text: str = ""

    def __post_init__(self) -> None:
        self.cache_text = self.cache_text or self.text


@dataclass
class _Answer:
    text: str | None = None
    reason: str | None = None
    fatal: str | None = None
    from_cache: bool = False
    gave_up: bool = False  #: the service kept failing: pass it on, or stop if nothing follows
    repaired: bool = False  #: asked again alone after a batch answer got it wrong


class _Runner:
    def __init__(self, project: Project, options: PrefillOptions,
                 progress: ProgressCallback | None, now: datetime | date | None) -> None:
        self.project = project
        self.options = options
        self.progress = progress
        config = project.config.prefill
        self.workers = options.workers or config.workers
        self.timeout = options.timeout or config.timeout
        self.rate_limit = options.rate_limit or config.rate_limit
        when = now or datetime.now().astimezone()
        self.today = (when.date() if isinstance(when, datetime) else when).isoformat()
        self.source = language(project.config.source_language)
        self.languages = project.languages(list(options.languages) or None)
        self.book = _Book(project)
        self.glossary: Glossary = project_glossary(project)
        self.stop = threading.Event()
        self.rng = random.Random()
        self.rng_lock = threading.Lock()
        self._local = threading.local()  #: requests sent for the unit a worker is on
        self.limiters: dict[str, _RateLimiter] = {}
        self.stats = {lang.locale: LanguageStats(lang.locale) for lang in self.languages}
        self.cache: TranslationCache | None = None
        self.last_save = time.monotonic()
        self.save_cost = 0.0
        self.stage = 0
        self.backends: dict[str, TextBackend | LookupBackend] = {}
        self.services: dict[str, ServiceSummary] = {}
        self.down: dict[str, str] = {}  #: services that gave up in this run, and why
        self.chains = self._chains()
        self.planner = BatchPlanner(self.book, self.glossary)

    # -- set-up: every backend and language pair checked before anything is sent
    def _chains(self) -> dict[str, list[tuple[str, TextBackend | LookupBackend,
                                               Pair | None]]]:
        config = self.project.config.prefill
        made = self.backends
        chains: dict[str, list[tuple[str, TextBackend | LookupBackend, Pair | None]]] = {}
        for lang in self.languages:
            names = ([self.options.backend] if self.options.backend
                     else list(config.chains.get(lang.locale, (config.backend,))))
            chain: list[tuple[str, TextBackend | LookupBackend, Pair | None]] = []
            for name in names:
                if name not in made:
                    key = self.options.api_key or env_api_key(name)
                    if name == "llm" and self.options.api_key:
                        raise UsageError("error: llm reads its key from SUMMIT_I18N_LLM_API_KEY "
                                         "only (a key on the command line is visible to "
                                         "other users)")
                    made[name] = make_backend(name, BackendOptions(
                        url=self.options.url or config.url,
                        api_key=key,
                        timeout=self.timeout,
                        model=self.options.model or config.model,
                        llm_url=self.options.url or config.llm_url or config.url,
                        conventions=config.conventions))
                backend = made[name]
                if isinstance(backend, LookupBackend):
                    chain.append((name, backend, None))
                else:
                    chain.append((name, backend, backend.pair(self.source, lang)))
                    if name not in self.services:
                        address = getattr(backend, "base_url", None) or _ADDRESSES.get(
                            name, self.options.url or config.url or "this machine")
                        self.services[name] = ServiceSummary(name, address)
                    if name not in self.limiters:
                        rate = self.rate_limit or backend.default_rate
                        self.limiters[name] = _RateLimiter(rate)
            chains[lang.locale] = chain
        return chains

    def _report(self, lang: str) -> None:
        if self.progress is not None:
            self.progress(self.stats[lang])

    def _save(self, *, force: bool = False) -> None:
        if self.options.dry_run:
            return
        # Large catalogs take a while to format: never spend more than ~10% of the run saving.
        interval = max(self.options.save_interval, 10 * self.save_cost)
        if force or time.monotonic() - self.last_save >= interval:
            start = time.monotonic()
            self.book.save()
            self.last_save = time.monotonic()
            self.save_cost = self.last_save - start

    # -- the run
    def run(self) -> PrefillReport:
        jobs = self._jobs()
        failure: str | None = None
        sent_before = _request_count()
        cache_path = self.project.state_dir / CACHE_NAME
        self.cache = TranslationCache(cache_path, readonly=self.options.dry_run)
        try:
            with patched_requests():
                depth = max((len(c) for c in self.chains.values()), default=0)
                for stage in range(depth):
                    remaining = [j for j in jobs if not j.filled]
                    if not remaining:
                        break
                    self.stage = stage
                    failure = self._stage(stage, remaining)
                    self._save(force=True)
                    if failure:
                        break
        finally:
            self._save(force=True)
            self.cache.close()
            for backend in self.backends.values():
                close = getattr(backend, "close", None)
                if close is not None:
                    close()
        problems = []
        if not self.options.dry_run:
            for stats in self.stats.values():
                stats.rejected = 0
            for job in jobs:
                if not job.filled:
                    self.stats[job.lang.locale].rejected += 1
                    problems.append(Problem(self.project.relative(job.path), job.entry.lineno,
                                            job.lang.locale,
                                            job.reason or "left empty: the run stopped",
                                            redraft=job.redraft))
        return PrefillReport(stats=list(self.stats.values()), problems=problems,
                             services=[s for s in self.services.values()
                                       if s.asked or s.characters],
                             requests=_request_count() - sent_before, failure=failure,
                             dry_run=self.options.dry_run)

    def _jobs(self) -> list[_Job]:
        jobs = []
        for lang in self.languages:
            for domain, path, catalog in self.book.entries(lang.locale):
                for entry in catalog.entries:
                    todo = _to_draft(entry)
                    if todo is not None:
                        forms = _forms(entry, catalog, lang)
                        jobs.append(_Job(lang, domain, path, catalog, entry, forms,
                                         results=[None] * len(forms), redraft=not todo))
                        self.stats[lang.locale].redrafted += not todo
            self.stats[lang.locale].total = sum(1 for j in jobs if j.lang is lang)
            self._report(lang.locale)
        return jobs

    def _fill(self, job: _Job, forms: list[str], backend: str) -> None:
        entry = job.entry
        # Mark it first: a Ctrl-C between two statements must never leave a machine
        # translation that looks reviewed.
        entry.fuzzy = True
        if entry.is_plural:
            entry.msgstr_plural = dict(enumerate(forms))
        else:
            entry.msgstr = forms[0]
        if job.redraft:  # the old #| said which English the old draft translated
            entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
        made = self.backends.get(backend)
        label = getattr(made, "label", backend)
        entry.translator_comments = (
            *(c for c in entry.translator_comments if not c.startswith("machine:")),
            machine_comment(label, self.today, entry),
        )
        job.filled = True
        job.reason = None
        stats = self.stats[job.lang.locale]
        stats.done += 1
        stats.by_backend[backend] += 1
        if not job.sent:
            stats.cached += 1
        self.book.dirty.add(job.path)

    def _stage(self, stage: int, jobs: list[_Job]) -> str | None:
        units: dict[tuple[tuple[str, str, str], str], _Unit] = {}
        asked: list[tuple[_Job, str]] = []
        for job in jobs:
            chain = self.chains[job.lang.locale]
            if stage >= len(chain):
                continue
            name, backend, pair = chain[stage]
            if pair is None:
                assert isinstance(backend, LookupBackend)
                self._lookup(job, name, backend)
            else:
                asked.append((job, name))
                self._plan(job, name, pair, units)
        for lang in self.stats:
            self._report(lang)
        if self.options.dry_run:
            self._dry_run(units, stage)
            return None
        failure = self._send(list(units.values()))
        self._account(asked, stage)
        return failure

    def _account(self, asked: list[tuple[_Job, str]], stage: int) -> None:
        """What each service of this stage filled and gave up (for its summary line)."""
        for job, name in asked:
            summary = self.services[name]
            summary.asked += 1
            if job.filled:
                summary.filled += 1
                continue
            reason = re.sub(r"⟦\d+⟧", "⟦n⟧", job.reason or "no translation")
            reason = re.sub(r" \(asked alone after the batch: .*\)$", " (asked alone)", reason)
            summary.reasons[reason.removeprefix(f"{name}: ")] += 1
            if stage + 1 < len(self.chains[job.lang.locale]):
                summary.passed_on += 1

    def _lookup(self, job: _Job, name: str, backend: LookupBackend) -> None:
        forms = backend.lookup(job.entry, job.domain, job.lang, self.book)
        if forms and len(forms) == len(job.forms) and all(forms):
            self._fill(job, forms, name)
        elif job.reason is None:
            job.reason = f"{name}: no reviewed translation to reuse"

    def _plan(self, job: _Job, name: str, pair: Pair,
              units: dict[tuple[tuple[str, str, str], str], _Unit]) -> None:
        terms: list[tuple[Term, str]] = self.glossary.for_language(job.lang.locale)
        job.results = [None] * len(job.forms)
        waiting = False
        for index, english in enumerate(job.forms):
            masked = mask(english, terms=terms)
            if not has_prose(masked):  # nothing to translate: code, numbers, glossary terms
                job.results[index] = restore(masked, masked.text)
                continue
            if isinstance(pair, LlmPair):
                # A model sees each glossary term and the rendering it must write (and is
                # checked for it); other services get the rendering as a protected token.
                masked = mask(english)
            context = None
            cache_text = masked.text
            if isinstance(pair, LlmPair):
                context = self.planner.context(job.catalog, job.domain, job.entry, english,
                                               job.lang.locale)
                cache_text = f"{masked.text}\x1e{context.digest(pair.conventions)}"
            key = (pair.cache_key, cache_text)
            unit = units.get(key)
            if unit is None:
                unit = units[key] = _Unit(pair, name, masked.text, context=context,
                                          cache_text=cache_text)
            unit.consumers.append((job, index, masked))
            waiting = True
        if not waiting:
            self._fill(job, [r or "" for r in job.results], name)

    def _first_text_stage(self, lang: str) -> int:
        return next((i for i, (_, _, pair) in enumerate(self.chains[lang]) if pair is not None),
                    -1)

    def _dry_run(self, units: dict[tuple[tuple[str, str, str], str], _Unit], stage: int) -> None:
        """Count what each service would receive; a language's own figures count its first
        service (later ones get only what the ones before give up)."""
        counted: set[int] = set()
        todo: list[_Unit] = []
        for unit in units.values():
            lang = unit.consumers[0][0].lang.locale
            first = self._first_text_stage(lang) == stage
            for job, _, _ in unit.consumers:
                if id(job) not in counted:
                    counted.add(id(job))
                    if first:
                        self.stats[job.lang.locale].to_send += 1
            if unit.pair.online and self.cache is not None \
                    and self.cache.get(unit.pair.cache_key, unit.cache_text) is not None:
                continue
            if unit.pair.online:
                todo.append(unit)
        plans: list[tuple[list[_Unit], int, int]] = []  # (units, requests, characters)
        for group in self._groups([u for u in todo if isinstance(u.pair, LlmPair)]):
            pair = group[0].pair
            assert isinstance(pair, LlmPair)
            plans.append((group, 1, pair.prompt_size(batch_request(
                [(u.text, u.context) for u in group if u.context is not None]))))
        for unit in todo:
            if not isinstance(unit.pair, LlmPair):
                plans.append(([unit], len(split_to_fit(unit.text, unit.pair.fits)),
                              len(unit.text)))
        for group, requests, characters in plans:
            lang = group[0].consumers[0][0].lang.locale
            summary = self.services[group[0].backend]
            summary.requests += requests
            summary.characters += characters
            summary.asked += sum(len(u.consumers) for u in group)
            if self._first_text_stage(lang) == stage:
                self.stats[lang].requests += requests
                self.stats[lang].characters += characters
            else:
                summary.fallback = True

    @staticmethod
    def _groups(units: list[_Unit]) -> list[list[_Unit]]:
        """Batched units cut into requests: one document and language pair each."""
        by_document: dict[tuple[tuple[str, str, str], Path], list[_Unit]] = {}
        for unit in units:
            key = (unit.pair.cache_key, unit.consumers[0][0].path)
            by_document.setdefault(key, []).append(unit)
        out: list[list[_Unit]] = []
        for group in by_document.values():
            items = [(u.text, u.context) for u in group if u.context is not None]
            out.extend([group[i] for i in indexes] for indexes in batches(items))
        return out

    # -- sending
    def _send(self, units: list[_Unit]) -> str | None:
        todo: list[_Unit] = []
        for unit in units:
            cached = self._cached(unit.pair, unit.cache_text)
            if cached is not None:
                self._apply(unit, _Answer(text=cached, from_cache=True))
            else:
                todo.append(unit)
        if not todo:
            return None
        failure: str | None = None
        pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="prefill")
        # Finished futures arrive through a queue: concurrent.futures.wait() on thousands
        # of pending futures costs time proportional to their number at every answer.
        finished: queue.SimpleQueue[Future[list[_Answer]]] = queue.SimpleQueue()
        futures: dict[Future[list[_Answer]], list[_Unit]] = {}
        # A batch path (models: one request per batch of a document) beside the
        # per-segment path (every other service: one request per segment).
        tasks: list[tuple[Callable[[], list[_Answer]], list[_Unit]]] = [
            (functools.partial(self._work_batch, group), group)
            for group in self._groups([u for u in todo if isinstance(u.pair, LlmPair)])]
        tasks += [(functools.partial(self._work_one, unit), [unit])
                  for unit in todo if not isinstance(unit.pair, LlmPair)]
        for work, group in tasks:
            future = pool.submit(work)
            futures[future] = group
            future.add_done_callback(finished.put)
        handled: set[Future[list[_Answer]]] = set()
        clean = False
        try:
            while len(handled) < len(futures):
                try:
                    future = finished.get(timeout=0.25)
                except queue.Empty:
                    self._save()
                    continue
                handled.add(future)
                if future.cancelled():
                    continue
                for unit, answer in zip(futures[future], future.result(), strict=True):
                    if answer.gave_up and not self._passes_on(unit):
                        answer = _Answer(fatal=answer.reason)
                    if answer.fatal:
                        failure = failure or answer.fatal
                        self.stop.set()
                    elif not self.stop.is_set() or answer.text is not None:
                        self._apply(unit, answer)
                self._save()
                if failure:
                    break
            clean = True
        finally:
            self.stop.set()
            # On Ctrl-C do not wait: requests in flight still land in the cache.
            pool.shutdown(wait=clean, cancel_futures=True)
            if clean:
                self.stop.clear()
            for future, group in futures.items():  # answers that arrived while stopping
                if future not in handled and future.done() and not future.cancelled():
                    for unit, late in zip(group, future.result(), strict=True):
                        if late.text is not None:
                            self._apply(unit, late)
            self._save(force=True)
        return failure

    def _passes_on(self, unit: _Unit) -> bool:
        """True when a backend follows this one in the chain of every language waiting."""
        return all(self.stage + 1 < len(self.chains[job.lang.locale])
                   for job, _, _ in unit.consumers)

    def _apply(self, unit: _Unit, answer: _Answer) -> None:
        for job, index, masked in unit.consumers:
            if job.filled:
                continue
            if not answer.from_cache:
                job.sent = True
            if answer.repaired and index == 0:
                self.stats[job.lang.locale].repaired += 1
            if answer.text is None:
                job.reason = answer.reason or "no translation"
                if self.stage + 1 >= len(self.chains[job.lang.locale]):
                    self.stats[job.lang.locale].rejected += 1  # live count; final below
                    self._report(job.lang.locale)
                continue
            try:
                job.results[index] = restore(masked, unit.pair.finish(answer.text))
            except TokenDamage as exc:
                job.reason = f"protected text damaged ({exc})"
                continue
            if all(r is not None for r in job.results):
                self._fill(job, [r or "" for r in job.results], unit.backend)
                self._report(job.lang.locale)

    def _cached(self, pair: Pair, text: str) -> str | None:
        if not pair.online or self.cache is None:
            return None
        cached = self.cache.get(pair.cache_key, text)
        # a cache written by an older version may hold what is refused today
        bound = self.project.config.checks.length_bound
        return cached if cached is not None and reject_reason(text, cached, bound) is None \
            else None

    def _work(self, unit: _Unit) -> _Answer:
        """Translate one unit on a worker thread; never raises."""
        self._local.sent = 0
        try:
            pieces = split_to_fit(unit.text, unit.pair.fits)
            answers = [self._piece(unit, piece, retry_smaller=True) for piece in pieces]
            # A split segment whose pieces were all cached sent nothing either.
            return _Answer(text=unit.pair.joiner.join(a.strip() for a in answers),
                           from_cache=self._local.sent == 0)
        except _Rejected as exc:
            return _Answer(reason=exc.reason)
        except _Fatal as exc:
            return _Answer(fatal=exc.message)
        except _GaveUp as exc:
            return _Answer(reason=exc.message, gave_up=True)
        except _Stopped:
            return _Answer(reason="left empty: the run stopped")

    def _work_one(self, unit: _Unit) -> list[_Answer]:
        return [self._work(unit)]

    # -- the batch path: a model, one request per batch of a document's segments
    def _work_batch(self, units: list[_Unit]) -> list[_Answer]:
        """Translate a batch on a worker thread; every segment the answer does not give
        cleanly under its own id is asked again alone.  Never raises."""
        pair = units[0].pair
        assert isinstance(pair, LlmPair)
        request = batch_request([(u.text, u.context) for u in units if u.context is not None])
        ids = [segment.id for segment in request.segments]
        try:
            content = self._retrying(units[0].backend, True, lambda: pair.complete(request))
            answer = read_answer(content, ids)
        except _Rejected as exc:
            answer = BatchAnswer(problems=dict.fromkeys(ids, exc.reason))
        except _Fatal as exc:
            return [_Answer(fatal=exc.message) for _ in units]
        except _GaveUp as exc:
            return [_Answer(reason=exc.message, gave_up=True) for _ in units]
        except _Stopped:
            return [_Answer(reason="left empty: the run stopped") for _ in units]
        out = []
        for segment_id, unit in zip(ids, units, strict=True):
            text = answer.texts.get(segment_id)
            why = answer.problems.get(segment_id) or _model_problem(
                unit, text, self.project.config.checks.length_bound)
            if why is None and text is not None:
                if self.cache is not None:
                    self.cache.put(pair.cache_key, unit.cache_text, text)
                out.append(_Answer(text=text))
            else:
                out.append(self._alone(pair, unit, why or "no translation"))
        return out

    def _alone(self, pair: LlmPair, unit: _Unit, first: str) -> _Answer:
        """Ask for one segment alone (with its context) after a batch got it wrong."""
        request = batch_request([(unit.text, unit.context)] if unit.context is not None else [])
        try:
            content = self._retrying(unit.backend, True, lambda: pair.complete(request))
        except _Rejected as exc:
            return _Answer(reason=exc.reason, repaired=True)
        except _Fatal as exc:
            return _Answer(fatal=exc.message)
        except _GaveUp as exc:
            return _Answer(reason=exc.message, gave_up=True)
        except _Stopped:
            return _Answer(reason="left empty: the run stopped")
        answer = read_answer(content, ["1"])
        text = answer.texts.get("1")
        why = answer.problems.get("1") or _model_problem(
            unit, text, self.project.config.checks.length_bound)
        if why is not None or text is None:
            return _Answer(reason=f"{unit.backend}: {why} (asked alone after the batch: {first})",
                           repaired=True)
        if self.cache is not None:
            self.cache.put(pair.cache_key, unit.cache_text, text)
        return _Answer(text=text, repaired=True)

    def _piece(self, unit: _Unit, text: str, *, retry_smaller: bool) -> str:
        text = text.strip()  # services strip it anyway; the joiner puts spacing back
        if not _has_letters(text):
            return text
        cached = self._cached(unit.pair, text)
        if cached is not None:
            return cached
        answer = self._request(unit, text)
        reason = reject_reason(text, answer, self.project.config.checks.length_bound)
        damage = None if reason or answer is None else _token_damage(text, answer)
        if damage is not None:
            sentences = split_sentences(text)
            if retry_smaller and len(sentences) > 1:
                parts = [self._piece(unit, s, retry_smaller=False) for s in sentences]
                return unit.pair.joiner.join(p.strip() for p in parts)
            raise _Rejected(damage + ("; also in smaller pieces" if not retry_smaller else ""))
        if reason is not None or answer is None:
            raise _Rejected(reason or "no translation")
        if unit.pair.online and self.cache is not None:
            self.cache.put(unit.pair.cache_key, text, answer)
        return answer

    def _request(self, unit: _Unit, text: str) -> str | None:
        return self._retrying(unit.backend, unit.pair.online, lambda: unit.pair.translate(text))

    def _retrying(self, backend: str, online: bool, call: Callable[[], _T]) -> _T:
        """``call()`` under the rate limit, retried on 429, 5xx and timeouts; a service
        that fails past every retry gives up, for the rest of the run (:class:`_GaveUp`)."""
        policy = self.options.retry or DEFAULT_RETRY
        limiter = self.limiters.get(backend)
        last: ServiceFailure | None = None
        for attempt in range(policy.attempts):
            if self.stop.is_set():
                raise _Stopped
            if backend in self.down:
                raise _GaveUp(self.down[backend])
            if limiter is not None and online:
                limiter.wait(self.stop)
            try:
                self._local.sent = getattr(self._local, "sent", 0) + 1
                return call()
            except ServiceFailure as failure:
                if failure.kind == "reject":
                    raise _Rejected(failure.message) from None
                if failure.kind == "fatal":
                    raise _Fatal(failure.message) from None
                last = failure
            if attempt + 1 < policy.attempts:
                with self.rng_lock:
                    delay = policy.delay(attempt, self.rng)
                if last.retry_after:
                    delay = max(delay, last.retry_after)
                if self.stop.wait(delay):
                    raise _Stopped
        message = last.message if last else f"{backend}: failed"
        message = f"{message}; gave up after {policy.attempts} attempts"
        self.down.setdefault(backend, message)
        raise _GaveUp(message)


def _model_problem(unit: _Unit, text: str | None, length: LengthBound) -> str | None:
    """Why a model's text for ``unit`` cannot be used (None: it can)."""
    if text is None:
        return "no translation"
    reason = reject_reason(unit.text, text, length) or _token_damage(unit.text, text)
    if reason is not None:
        return reason
    for english, rendering in unit.context.terms if unit.context is not None else ():
        if rendering.casefold() not in text.casefold():
            return f"the glossary's rendering of {english!r} ({rendering}) is missing"
    return None


def prefill(project: Project, options: PrefillOptions | None = None, *,
            progress: ProgressCallback | None = None,
            now: datetime | date | None = None) -> PrefillReport:
    """Fill the empty entries of the project's catalogs with machine drafts.

    ``now`` gives the date of the ``machine: <backend> <date>`` comments (default:
    today, local time); ``progress`` is called with a language's
    :class:`LanguageStats` whenever they change.

    Raises :class:`UsageError` (unknown backend, unsupported language, missing key
    or URL) before anything is sent.  A service that keeps failing does not raise:
    the report's ``failure`` says so, after everything done was saved.
    """
    options = options or PrefillOptions()
    runner = _Runner(project, options, progress, now)
    if options.dry_run:  # writes nothing: takes no lock
        return runner.run()
    with workspace.locked(project):
        return runner.run()

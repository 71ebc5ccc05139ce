"""The ``llm`` backend: a language model behind the OpenAI-compatible chat-completions API.

Principles: one protocol — ``POST <url>/chat/completions`` — served by Ollama,
llama.cpp's server, vLLM, LM Studio and hosted providers alike; the default
``url`` is Ollama's local ``http://127.0.0.1:11434/v1``, ``model`` has no default
(which model is installed is the user's choice), and a key is read from
``SUMMIT_I18N_LLM_API_KEY`` only — never from a file or the command line, where
other users see it in ``ps`` — and sent only as the ``Authorization`` header.

The client is httpx: maintained, typed, pooled and thread-safe.  Its timeouts
bound each network operation, not the whole answer, so a server that trickles
bytes is cut off here at a deadline for the whole request, and an answer is
refused beyond a size.  Not deep-translator's ``ChatGptTranslator``: it calls
``openai.ChatCompletion``, which the openai package removed in version 1.0, so it
cannot run at all, and it sends one sentence per request without context.

A request carries a batch of segments of one document (:class:`Batch`), numbered,
with the document title, the segments just before and after the batch, each
segment's ``#.`` notes, the glossary terms that occur with the rendering they
require, the language's conventions and the closest reviewed translations of the
project as examples; the model answers one JSON object keyed by segment id.
:func:`read_answer` takes that answer apart and says which segments cannot be
trusted (missing, repeated or invented ids, the neighbours of a missing one —
where a merged translation lands — or prose around the JSON): the runner asks
those again, each alone.  Temperature 0; :data:`PROMPT_VERSION` is part of the
cache key, so a change of prompt does not reuse answers to the old one.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

from summit_i18n.config import Language
from summit_i18n.errors import UsageError
from summit_i18n.prefill.backends import BackendOptions, ServiceFailure

__all__ = ["DEFAULT_CONVENTIONS", "DEFAULT_URL", "PROMPT_VERSION", "Batch", "BatchAnswer",
           "Example", "LlmBackend", "LlmPair", "Segment", "llm", "read_answer", "request_count"]

DEFAULT_URL = "http://127.0.0.1:11434/v1"
PROMPT_VERSION = 1
MAX_ANSWER_BYTES = 4 * 2**20

#: what each of the summit's languages expects beyond the words ([prefill.conventions])
DEFAULT_CONVENTIONS: Mapping[str, str] = {
    "zh_Hant": "Traditional Chinese as written in Taiwan: Taiwan vocabulary "
               "(軟體, 網路, 資訊, 影片), not Hong Kong or mainland usage; "
               "full-width punctuation （，。、：；！？「」）.",
    "zh_Hans": "Simplified Chinese as written in mainland China: mainland vocabulary (软件, 网络, "
               "信息, 视频); full-width punctuation （，。、：；！？“”）.",
    "ja": "Polite です・ます style throughout; Japanese full-width punctuation （、。「」）.",
    "ko": "Formal 합니다체 style (-습니다/-ㅂ니다) throughout.",
    "fr": "French typography: a no-break space (U+00A0) before : ; ! ? and inside « » "
          "quotation marks; vouvoiement.",
}

_SYSTEM = """\
You translate documentation from {source} into {target}.
Rules:
- Translate the "text" of every segment in "segments", using the document title, the \
neighbouring text, each segment's notes and the examples as context.
- Tokens like ⟦1⟧ stand for links, code, markup or placeholders: copy every token of a \
segment into its translation exactly once, unchanged.
- Where a glossary term occurs, write the rendering the glossary requires.
- Conventions for {target}: {conventions}
- Answer with one JSON object and nothing else: each segment id as a key, its translation \
as the value, e.g. {{"1": "...", "2": "..."}}. One key per segment; never merge or split \
segments."""

_CJK_JOIN = {"ja", "zh"}

_lock = threading.Lock()
_requests_sent = 0


def request_count() -> int:
    """Requests sent to language models by this process (for reports and benchmarks)."""
    return _requests_sent


@dataclass(frozen=True)
class Segment:
    id: str
    text: str  #: masked: protected parts are ⟦n⟧ tokens
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Example:
    english: str
    translation: str


@dataclass(frozen=True)
class Batch:
    """One request: segments of one document, in document order, and their context."""

    title: str
    segments: tuple[Segment, ...]
    before: str | None = None  #: the English just before the first segment
    after: str | None = None  #: the English just after the last one
    terms: tuple[tuple[str, str], ...] = ()  #: (English term, required rendering)
    examples: tuple[Example, ...] = ()


@dataclass
class BatchAnswer:
    """A model's answer taken apart: a translation per trusted id, and what went wrong."""

    texts: dict[str, str] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)  #: id -> why it is asked again


_FENCE_RE = re.compile(r"\A```(?:json)?[ \t]*\n(.*)\n```\Z", re.DOTALL)


def read_answer(content: str, ids: Sequence[str]) -> BatchAnswer:
    """Take a model's answer apart; every id not in ``texts`` is in ``problems``."""
    result = BatchAnswer()
    body = content.strip()
    fenced = _FENCE_RE.match(body)
    if fenced:
        body = fenced.group(1).strip()
    pairs: list[tuple[str, Any]] = []
    try:
        root = json.loads(body, object_pairs_hook=lambda items: items)
    except ValueError:
        root = None
    if isinstance(root, list) and all(isinstance(p, tuple) for p in root):
        pairs = root
    else:
        why = ("the answer was not one JSON object (text around it)" if "{" in body
               else "the answer was not JSON")
        result.problems = dict.fromkeys(ids, why)
        return result
    wanted = set(ids)
    seen: dict[str, int] = {}
    for key, _ in pairs:
        seen[str(key)] = seen.get(str(key), 0) + 1
    invented = [k for k in seen if k not in wanted]
    if invented:  # the numbering slipped somewhere: no id can be trusted
        result.problems = dict.fromkeys(ids, f"the answer invented id {invented[0]!r}")
        return result
    suspect: dict[str, str] = {}
    order = list(ids)
    for index, key in enumerate(order):
        count = seen.get(key, 0)
        if count == 1:
            continue
        why = "missing from the answer" if count == 0 else "answered twice"
        suspect.setdefault(key, why)
        # A translation merged into a neighbour, or a neighbour's under this id.
        for near in order[max(0, index - 1):index + 2]:
            suspect.setdefault(near, f"next to segment {key}, {why}")
    for key, value in pairs:
        key = str(key)
        if key in suspect:
            continue
        if not isinstance(value, str):
            suspect[key] = "the answer was not text"
            continue
        result.texts[key] = value
    result.problems = suspect
    return result


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)


@dataclass
class LlmPair:
    """A model bound to one language pair."""

    model: str
    base_url: str
    source: Language
    target: Language
    conventions: str
    client: _Client = field(repr=False)
    online: bool = True

    @property
    def cache_key(self) -> tuple[str, str, str]:
        return (f"llm:{self.model}:p{PROMPT_VERSION}", self.source.locale, self.target.locale)

    @property
    def joiner(self) -> str:
        return "" if self.target.locale.split("_")[0] in _CJK_JOIN else " "

    @property
    def address(self) -> str:
        return self.base_url

    def fits(self, text: str) -> bool:
        return len(text) <= 6000

    def finish(self, text: str) -> str:
        return text

    def messages(self, batch: Batch) -> list[dict[str, str]]:
        """The chat messages of one request (also what ``--dry-run`` counts)."""
        target = f"{self.target.english_name} ({self.target.locale})"
        system = _SYSTEM.format(source=self.source.english_name, target=target,
                                conventions=self.conventions or "none beyond the usual.")
        payload: dict[str, Any] = {"document": batch.title}
        if batch.terms:
            payload["glossary"] = [{"term": en, "required": r} for en, r in batch.terms]
        if batch.examples:
            payload["examples"] = [{"en": e.english, "translation": e.translation}
                                   for e in batch.examples]
        if batch.before:
            payload["text_before"] = batch.before
        payload["segments"] = [{"id": s.id, "text": s.text, **({"notes": list(s.notes)}
                                                                if s.notes else {})}
                               for s in batch.segments]
        if batch.after:
            payload["text_after"] = batch.after
        return [{"role": "system", "content": system}, {"role": "user", "content": _json(payload)}]

    def prompt_size(self, batch: Batch) -> int:
        return sum(len(m["content"]) for m in self.messages(batch))

    def complete(self, batch: Batch) -> str:
        """Send one batch; the model's answer text.  Raises :class:`ServiceFailure`."""
        body = {"model": self.model, "messages": self.messages(batch), "temperature": 0,
                "stream": False}
        return self.client.chat(body)

    def translate(self, text: str) -> str | None:
        """One segment without context (the per-segment path of other services)."""
        answer = read_answer(self.complete(Batch(title="", segments=(Segment("1", text),))),
                             ["1"])
        return answer.texts.get("1")


class _Client:
    """One pooled httpx client for a model server, with a deadline per request."""

    def __init__(self, base_url: str, api_key: str | None, timeout: float) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._http = httpx.Client(timeout=httpx.Timeout(timeout), headers=headers,
                                  limits=httpx.Limits(max_connections=64), trust_env=False)

    def _where(self) -> str:
        parts = urlsplit(self.base_url)
        return f"{parts.hostname}:{parts.port}" if parts.port else str(parts.hostname)

    def chat(self, body: dict[str, Any]) -> str:
        global _requests_sent
        with _lock:
            _requests_sent += 1
        deadline = time.monotonic() + self.timeout
        try:
            with self._http.stream("POST", f"{self.base_url}/chat/completions",
                                   json=body) as response:
                data = bytearray()
                for chunk in response.iter_bytes():
                    data += chunk
                    if len(data) > MAX_ANSWER_BYTES:
                        raise ServiceFailure("llm: answer too long (over 4 MB)", kind="reject")
                    if time.monotonic() > deadline:
                        raise httpx.ReadTimeout("deadline")
                status = response.status_code
                retry_after = response.headers.get("Retry-After")
        except httpx.TimeoutException:
            raise ServiceFailure(f"llm: no answer within {self.timeout:g} s", kind="retry") \
                from None
        except httpx.HTTPError:
            raise ServiceFailure(f"llm: cannot connect to {self._where()} (is the model server "
                                 "running? for Ollama: ollama serve)", kind="retry") from None
        if status != 200:
            raise _http_failure(status, retry_after, body["model"], bytes(data))
        try:
            answer = json.loads(bytes(data).decode("utf-8"))
            content = answer["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError):
            raise ServiceFailure("llm: unreadable answer (not a chat completion)",
                                 kind="retry", status=status) from None
        if not isinstance(content, str):
            raise ServiceFailure("llm: the answer has no text", kind="retry", status=status)
        return content

    def close(self) -> None:
        self._http.close()


def _http_failure(status: int, retry_after: str | None, model: str, body: bytes) -> ServiceFailure:
    wait: float | None
    try:
        wait = min(float(retry_after), 120.0) if retry_after else None
    except ValueError:
        wait = None
    if status == 429:
        return ServiceFailure("llm: too many requests (HTTP 429)", kind="retry", status=429,
                              retry_after=wait)
    if status >= 500:
        return ServiceFailure(f"llm: server error (HTTP {status})", kind="retry", status=status,
                              retry_after=wait)
    if status in (401, 403):
        return ServiceFailure(f"llm: the server refused the request (HTTP {status}); "
                              "set SUMMIT_I18N_LLM_API_KEY", kind="fatal", status=status)
    if status == 404:
        hint = "model" in body.decode("utf-8", "replace").lower()
        return ServiceFailure(
            f"llm: model {model!r} not found (HTTP 404)" + ("; for Ollama: ollama pull " + model
                                                           if hint else "; check the url"),
            kind="fatal", status=404)
    return ServiceFailure(f"llm: request refused (HTTP {status})", kind="reject", status=status)


@dataclass
class LlmBackend:
    """A model server as a :class:`~summit_i18n.prefill.backends.TextBackend`."""

    model: str
    base_url: str
    conventions: Mapping[str, str]
    client: _Client = field(repr=False)
    name: str = "llm"
    default_rate: float | None = None

    @property
    def label(self) -> str:
        """What the ``machine:`` comment says made a draft: ``llm <model>``."""
        return f"llm {self.model}"

    def pair(self, source: Language, target: Language) -> LlmPair:
        default = DEFAULT_CONVENTIONS.get(target.locale, "")
        conventions = self.conventions.get(target.locale, default)
        return LlmPair(self.model, self.base_url, source, target, conventions, self.client)

    def close(self) -> None:
        self.client.close()


def llm(options: BackendOptions) -> LlmBackend:
    if not options.model:
        raise UsageError("error: the llm backend needs a model: set [prefill] model in "
                         "summit-i18n.toml (e.g. model = \"qwen2.5:7b\") or pass --model")
    url = options.llm_url or DEFAULT_URL
    if not url.startswith(("http://", "https://")):
        raise UsageError(f"error: the llm url must start with http:// or https:// (got {url!r})")
    client = _Client(url, options.api_key, options.timeout)
    return LlmBackend(options.model, url.rstrip("/"), dict(options.conventions), client)

"""Articles in, records out: one spaCy pass per article, then the extractor stages in order.

Per-article extraction is a pure function of (text, metadata, settings): this is what scales out
(Ray) and what the store keys by content hash.
"""
from __future__ import annotations

import bisect
import ctypes
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import Any

from .extract.dates import extract_dates, resolve_date
from .extract.entities import extract_entities
from .extract.events import extract_events
from .extract.figures import extract_figures
from .extract.layout import Layout, dated_by_dateline, extract_layout
from .extract.quotes import extract_quotes
from .ids import article_id
from .records import Article, ArticleResult, DateValue, Entity, Event, Figure, Quote

ENGLISH = "en"


@dataclass(slots=True)
class Context:
    """What the stages of one article share: the article, its Doc, and what each stage wrote.

    Each field after ``doc`` is written by one stage of ``STAGES`` and read only by the stages after it.
    """

    article: Article
    doc: Any  # spacy.tokens.Doc
    layout: Layout = field(default_factory=Layout)
    entities: list[Entity] = field(default_factory=list)
    # (start, end) character span of a mention -> the Entity it names
    mention_index: dict[tuple[int, int], Entity] = field(default_factory=dict)
    dates: list[DateValue] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    # sorted views of mention_index and dates, rebuilt when those grow: a lookup per figure or event
    # must not scan every mention of the article, or number-dense text becomes quadratic
    _sorted: dict = field(default_factory=dict, repr=False)

    def _view(self, name: str, items, key) -> tuple:
        cached = self._sorted.get(name)
        if cached is None or cached[0] != len(items):
            rows = sorted(key(i, item) for i, item in enumerate(items))
            longest = max((r[1] - r[0] for r in rows), default=0)
            cached = self._sorted[name] = (len(items), [r[0] for r in rows], rows, longest)
        return cached

    def entity_at(self, start: int, end: int) -> Entity | None:
        """Return the entity whose mention overlaps the character range most, or None (on a tie, the
        mention indexed first)."""
        _, starts, rows, longest = self._view(
            "mentions", list(self.mention_index.items()), lambda i, kv: (kv[0][0], kv[0][1], i, kv[1]))
        best, best_key = None, (0, 0)
        # a mention that overlaps starts before ``end`` and no more than ``longest`` before ``start``
        for k in range(bisect.bisect_left(starts, end) - 1, -1, -1):
            s, e, order, ent = rows[k]
            if s < start - longest:
                break
            overlap = min(e, end) - max(s, start)
            if overlap > 0 and (overlap, -order) > best_key:
                best, best_key = ent, (overlap, -order)
        return best

    def figures_starting_in(self, start: int, end: int) -> list:
        """Return the figures whose span starts within the character range, in the order found."""
        _, starts, rows, _ = self._view(
            "figures", self.figures, lambda i, f: (f.span.start, f.span.end, i, f))
        inside = rows[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
        return [r[3] for r in sorted(inside, key=lambda r: r[2])]

    def in_non_prose(self, start: int, end: int) -> bool:
        """Return True when the range lies inside an embedded post or its credit (the layout stage)."""
        return any(s.start <= start and end <= s.end for s in self.layout.non_prose)

    def dates_in(self, start: int, end: int) -> list[DateValue]:
        """Return the dates whose span lies within the character range, in the order they were found."""
        _, starts, rows, _ = self._view(
            "dates", self.dates, lambda i, d: (d.span.start, d.span.end, i, d) if d.span is not None else (-1, -1, i, d))
        inside = [r for r in rows[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end + 1)]
                  if r[1] <= end and r[0] >= 0]
        return [r[3] for r in sorted(inside, key=lambda r: r[2])]


def date_by_dateline(doc: Any, *, context: Context) -> Article:
    """Return the article, with its dateline's date as publication date when it had none and the
    dateline gives a day ("KABUL, Afghanistan (Jan. 25, 2013) —"): the later stages then read "yesterday"
    against it."""
    dateline = context.layout.dateline
    if context.article.published is not None or dateline is None or dateline.date is None:
        return context.article
    value = resolve_date(dateline.date.text, None)
    if value is None or value.granularity != "day" or not value.value:
        return context.article
    return dated_by_dateline(context.article, value.value)


@dataclass(frozen=True, slots=True)
class Stage:
    """One extraction stage: ``function(doc, context=ctx)`` returns the value of the Context field
    ``writes[0]``; ``reads`` are the Context fields it reads (as spaCy factories declare ``requires`` and
    ``assigns``)."""

    name: str
    function: Callable[..., Any]
    reads: tuple[str, ...]
    writes: tuple[str, ...]


# The stages in the order they run. A stage reads only what an earlier stage wrote (tests/test_pipeline.py
# checks both the order and, on real articles, that each stage touches only the fields it declares).
STAGES: tuple[Stage, ...] = (
    Stage("layout", extract_layout, reads=(), writes=("layout",)),
    # a report without a publication date is dated by its dateline (before any stage reads the article)
    Stage("dateline", date_by_dateline, reads=("article", "layout"), writes=("article",)),
    # extract_entities also fills mention_index, the entities by the span of each mention
    Stage("entities", extract_entities, reads=("article",), writes=("entities", "mention_index")),
    Stage("dates", extract_dates, reads=("article", "layout"), writes=("dates",)),
    Stage("quotes", extract_quotes, reads=("article", "layout", "mention_index", "dates"), writes=("quotes",)),
    Stage("figures", extract_figures, reads=("article", "layout", "mention_index", "dates", "quotes"),
          writes=("figures",)),
    Stage("events", extract_events,
          reads=("article", "layout", "entities", "mention_index", "dates", "quotes", "figures"), writes=("events",)),
)
STAGE_NAMES = tuple(stage.name for stage in STAGES)


def run_stages(article: Article, doc: Any, *, until: str | None = None) -> Context:
    """Return the Context of one article after running ``STAGES`` in order, up to and including the
    stage named ``until`` (all of them by default)."""
    if until is not None and until not in STAGE_NAMES:
        raise ValueError(f"no stage named {until!r}; the stages are {', '.join(STAGE_NAMES)}")
    ctx = Context(article=article, doc=doc)
    for stage in STAGES:
        setattr(ctx, stage.writes[0], stage.function(doc, context=ctx))
        if stage.name == until:
            break
    return ctx


def parse_text(article: Article) -> str:
    """Return the text the English pipeline parses for ``article``: none when it is in another language."""
    return article.text if article.language == ENGLISH else ""


def extract_doc(article: Article, doc: Any) -> ArticleResult:
    """Return every record of one article from its spaCy Doc; only the article for another language.

    The rules are English: run on another language they would invent events and entities from
    mis-tagged words, so such an article is stored with its language and nothing else.
    """
    if article.language != ENGLISH:
        return ArticleResult(article=article)
    ctx = run_stages(article, doc)
    return ArticleResult(
        article=ctx.article, entities=ctx.entities, events=ctx.events, figures=ctx.figures,
        quotes=ctx.quotes, dates=ctx.dates,
    )


# Articles parsed per spaCy memory zone (``parse_stream(zones=True)``): the strings and lexemes a
# zone's texts add to the pipeline's vocabulary are freed when it ends, so a stream of millions of
# articles does not grow the vocabulary, and the process, without bound.
ZONE_ARTICLES = 1000
_ZONES_OPEN: set[int] = set()  # ids of the pipelines with a zone open in this process
_ZONES_LOCK = threading.Lock()


@contextmanager
def _zone(nlp) -> Iterator[None]:
    """Open a memory zone on ``nlp`` unless one is open already (zones must not nest) or the
    pipeline has none (spaCy < 3.8)."""
    opener = getattr(nlp, "memory_zone", None)
    with _ZONES_LOCK:
        mine = opener is not None and id(nlp) not in _ZONES_OPEN
        if mine:
            _ZONES_OPEN.add(id(nlp))
    try:
        with opener() if mine else nullcontext():
            yield
    finally:
        if mine:
            with _ZONES_LOCK:
                _ZONES_OPEN.discard(id(nlp))


def parse_stream(nlp, pairs: Iterable[tuple[str, Any]], *, batch_size: int = 16, n_process: int = 1,
                 zones: bool = False) -> Iterator[tuple[Any, Any]]:
    """Yield ``(doc, context)`` for each ``(text, context)`` of ``pairs``, as ``nlp.pipe(as_tuples=True)``
    does, reading ``pairs`` lazily.

    With ``zones``, every ``ZONE_ARTICLES`` articles are parsed in one ``nlp.memory_zone()``: a Doc is
    valid only until ``ZONE_ARTICLES`` more have been yielded (extraction turns each into records of
    plain Python values at once), and no other thread may use ``nlp`` meanwhile: a zone frees the
    strings any user of the pipeline added during it. The CLI's ``ingest`` and ``extract`` (one
    pipeline, one thread) stream this way; ``extract_articles``, which the web service calls from
    several threads, does not.
    """
    if not zones:
        yield from nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process)
        return
    it = iter(pairs)
    for first in it:
        chunk = chain((first,), islice(it, ZONE_ARTICLES - 1))
        with _zone(nlp):
            yield from nlp.pipe(chunk, as_tuples=True, batch_size=batch_size, n_process=n_process)


# --- several processes: each parses and extracts, and sends back records, not Docs ---------------

_WORKER_NLP = None  # the pipeline a worker process inherited from its parent (fork)
_PR_SET_PDEATHSIG = 1


def _start_worker(nlp, parent: int) -> None:
    global _WORKER_NLP
    _WORKER_NLP = nlp
    _end_with_parent(parent)


def _end_with_parent(parent: int) -> None:
    """Make this worker process end when its parent does, even by kill -9 (the pool cannot tell it then).

    Linux: the kernel sends SIGKILL on the parent's death (PR_SET_PDEATHSIG). Elsewhere, a daemon
    thread checks every half second whether the process was handed to another parent.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        armed = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        armed = False
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    if not armed:
        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(1)

        threading.Thread(target=watch, daemon=True, name="newstrace-parent-watch").start()


def _extract_chunk(articles: list[Article]) -> list[ArticleResult | tuple[str, str]]:
    """Parse and extract a chunk of articles in a worker; a failure is ``(origin, reason)``."""
    out: list[ArticleResult | tuple[str, str]] = []
    with _zone(_WORKER_NLP):
        for article, doc in zip(articles, _WORKER_NLP.pipe([parse_text(a) for a in articles])):
            try:
                out.append(extract_doc(article, doc))
            except Exception as exc:  # a bug in one stage must not stop the batch; it is recorded
                out.append((article.origin or article.id, f"extraction failed: {type(exc).__name__}: {exc}"))
    return out


def extract_in_processes(nlp, articles: Iterable[Article], *, batch_size: int = 16,
                         n_process: int = 2) -> Iterator[ArticleResult | tuple[str, str]]:
    """Yield, in input order, the ArticleResult of each article (or ``(origin, reason)`` when its
    extraction failed), parsed and extracted by ``n_process`` worker processes.

    Unlike ``nlp.pipe(n_process=...)``, which parses in the workers and sends every Doc back for the
    parent to extract alone, each worker runs the whole per-article path and sends back records: the
    extractors use every core, and what crosses between processes is small. The workers are forked
    with ``nlp`` already loaded; ``articles`` is read lazily, at most ``2 * n_process`` chunks of
    ``batch_size`` ahead of what has been yielded.
    """
    context = multiprocessing.get_context("fork")
    it = iter(articles)
    pending: deque = deque()
    with context.Pool(n_process, initializer=_start_worker, initargs=(nlp, os.getpid())) as pool:
        while True:
            while len(pending) < 2 * n_process:
                chunk = list(islice(it, batch_size))
                if not chunk:
                    break
                pending.append(pool.apply_async(_extract_chunk, (chunk,)))
            if not pending:
                return
            yield from pending.popleft().get()


def extract_articles(
    articles: Iterable[Article], *, nlp=None, batch_size: int = 16, n_process: int = 1,
) -> Iterator[ArticleResult]:
    """Yield one ArticleResult per article, parsing with ``nlp.pipe`` in batches."""
    if nlp is None:
        from .nlp import load_nlp  # imports spaCy (a second or more): only when no pipeline is given

        nlp = load_nlp()
    if n_process > 1:
        for result in extract_in_processes(nlp, articles, batch_size=batch_size, n_process=n_process):
            if isinstance(result, tuple):
                raise RuntimeError(f"{result[0]}: {result[1]}")  # noqa: TRY004 (a worker's failure, not a type)
            yield result
        return
    pairs = ((parse_text(a), a) for a in articles)
    for doc, article in parse_stream(nlp, pairs, batch_size=batch_size, n_process=n_process):
        yield extract_doc(article, doc)


def extract_text(text: str, *, published: str | None = None, title: str = "", nlp=None) -> ArticleResult:
    """Return the records of one text: a convenience for tests and notebooks."""
    article = Article(id=article_id(text), text=text, title=title, published=published)
    return next(extract_articles([article], nlp=nlp))

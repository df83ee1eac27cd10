"""Ingest: read inputs, extract each new article, store it with all its records, link it.

A library function: it never prints. The caller passes callbacks to hear of progress, warnings and
failures; a failure of one input is recorded and the others go on.
"""
from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .errors import InputDropped, InputError
from .link import link_pending
from .nlp import too_long
from .pipeline import extract_doc, extract_in_processes, parse_stream, parse_text
from .readers import read_inputs
from .records import Article, ArticleResult


@dataclass(slots=True)
class IngestSummary:
    inputs: int = 0  # articles read, plus inputs that failed
    new: int = 0
    already_stored: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    # read but not kept (a feed entry too short to be an article, the same text twice in this run)
    dropped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    records: Counter = field(default_factory=Counter)
    linked: object | None = None

    @property
    def ok(self) -> bool:
        return not self.failures


def extract_stream(
    items: Iterable[Article | InputError], *, nlp, batch_size: int = 16, n_process: int = 1,
    on_failure: Callable[[str, str], None] | None = None,
    on_drop: Callable[[str, str], None] | None = None,
) -> Iterator[ArticleResult]:
    """Yield the ArticleResult of every Article among ``items``; report each InputError to ``on_failure``
    (an ``InputDropped``, read but not an article, to ``on_drop``).

    An article whose extraction raises is reported as a failure too, and the stream goes on; so is an
    article longer than the spaCy pipeline parses at once (``nlp.max_length``), before it is parsed.
    ``items`` is consumed lazily: at most the batches ``nlp.pipe`` works on are held in memory, and the
    parse runs in spaCy memory zones (``pipeline.parse_stream``), so ``nlp`` must not be used by
    another thread meanwhile.
    """
    max_length = getattr(nlp, "max_length", None)

    def articles() -> Iterator[tuple[str, Article]]:
        for item in items:
            if isinstance(item, InputDropped):
                if on_drop:
                    on_drop(item.source, item.reason)
                continue
            if isinstance(item, InputError):
                if on_failure:
                    on_failure(item.source, item.reason)
                continue
            if max_length and len(item.text) > max_length:
                if on_failure:
                    on_failure(item.origin or item.id, too_long(len(item.text), max_length))
                continue
            yield parse_text(item), item

    if n_process > 1:
        # each worker parses and extracts, and sends back records (pipeline.extract_in_processes)
        stream = extract_in_processes(nlp, (a for _, a in articles()), batch_size=batch_size, n_process=n_process)
        for result in stream:
            if isinstance(result, tuple):
                if on_failure:
                    on_failure(*result)
                continue
            yield result
        return
    for doc, article in parse_stream(nlp, articles(), batch_size=batch_size, n_process=1, zones=True):
        try:
            yield extract_doc(article, doc)
        except Exception as exc:  # a bug in one stage must not stop the batch; it is recorded
            if on_failure:
                on_failure(article.origin or article.id, f"extraction failed: {type(exc).__name__}: {exc}")


class RecentIds:
    """The ids of the last ``size`` articles sent to extraction: a duplicate still in flight (read, not
    yet stored) is skipped here; an older one is found in the store. Bounded, so that a stream of
    millions of articles does not keep every id in memory."""

    def __init__(self, size: int = 50_000) -> None:
        self.size = size
        self._ids: OrderedDict[str, str] = OrderedDict()

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._ids

    def origin(self, article_id: str) -> str:
        """Return where the article with this id was read."""
        return self._ids.get(article_id) or "another input"

    def add(self, article_id: str, origin: str = "") -> None:
        self._ids[article_id] = origin
        if len(self._ids) > self.size:
            self._ids.popitem(last=False)


def ingest(
    paths: list[str], store, *, nlp, batch_size: int = 16, n_process: int = 1,
    max_bytes: int = 20_000_000, link: bool = True, ray: bool = False, ray_address: str | None = None,
    model: str | None = None,
    on_article: Callable[[ArticleResult | None], None] | None = None,
    on_failure: Callable[[str, str], None] | None = None,
    on_warning: Callable[[str, str], None] | None = None,
    on_drop: Callable[[str, str], None] | None = None,
) -> IngestSummary:
    """Return the summary of ingesting ``paths`` into ``store``: new articles, skips, failures, records.

    With ``ray`` the extraction runs on Ray Data actors (a local Ray, or the cluster at ``ray_address``);
    the store is still written here, one transaction per article.
    """
    return ingest_articles(
        read_inputs(paths, max_bytes=max_bytes), store, nlp=nlp, batch_size=batch_size, n_process=n_process,
        link=link, ray=ray, ray_address=ray_address, model=model, on_article=on_article,
        on_failure=on_failure, on_warning=on_warning, on_drop=on_drop,
    )


def ingest_articles(
    items: Iterable[Article | InputError], store, *, nlp, batch_size: int = 16, n_process: int = 1,
    link: bool = True, ray: bool = False, ray_address: str | None = None, model: str | None = None,
    on_article: Callable[[ArticleResult | None], None] | None = None,
    on_failure: Callable[[str, str], None] | None = None,
    on_warning: Callable[[str, str], None] | None = None,
    on_drop: Callable[[str, str], None] | None = None,
) -> IngestSummary:
    """Return the summary of ingesting ``items`` (what the readers yield) into ``store``.

    The one ingest path of newstrace: the CLI and ``POST /api/articles`` both come here. An article
    already stored is skipped before extraction (``on_article(None)``); each failure (an InputError
    among ``items``, an article too long to parse, an extraction that raised, a write that failed) is
    recorded in the store and reported to ``on_failure``, and the others go on (an input read but not
    kept, ``InputDropped`` or the same text twice, is recorded as dropped and reported to ``on_drop``);
    each new article is
    stored in one transaction; then the store's unlinked articles are linked (``link``), also when
    nothing was new, so that a run killed before its linking ended is finished by the next.
    """
    summary = IngestSummary()
    seen = RecentIds()

    def fail(origin: str, reason: str) -> None:
        summary.failures.append((origin, reason))
        store.record_failure(origin, reason)
        if on_failure:
            on_failure(origin, reason)

    def drop(origin: str, reason: str) -> None:
        summary.dropped.append((origin, reason))
        store.record_failure(origin, reason, kind="dropped")
        if on_drop:
            on_drop(origin, reason)

    def fresh() -> Iterator[Article | InputError]:
        for item in items:
            summary.inputs += 1
            if isinstance(item, InputDropped):
                drop(item.source, item.reason)
                continue
            if isinstance(item, InputError):
                yield item
                continue
            for warning in item.meta.get("warnings", []) or []:
                summary.warnings.append((item.origin, warning))
                if on_warning:
                    on_warning(item.origin, warning)
            if item.id in seen:
                drop(item.origin, f"duplicate: the same text as {seen.origin(item.id)}, read earlier in this run")
                if on_article:
                    on_article(None)
                continue
            if store.has_article(item.id):
                summary.already_stored += 1
                if on_article:
                    on_article(None)
                continue
            seen.add(item.id, item.origin)
            yield item

    if ray:
        # optional dependency (Ray): imported only for a run that asks for it
        from .scale import extract_with_ray

        results = extract_with_ray(
            fresh(), concurrency=max(n_process, 2), batch_size=batch_size, address=ray_address,
            model=model, on_failure=fail,
        )
    else:
        results = extract_stream(fresh(), nlp=nlp, batch_size=batch_size, n_process=n_process, on_failure=fail)
    for result in results:
        try:
            written = store.write_result(result)
        except Exception as exc:  # the transaction rolled back: nothing of this article is stored
            fail(result.article.origin or result.article.id, f"could not be stored: {exc}")
            continue
        if written:
            summary.new += 1
            summary.records.update(type(r).__name__.lower() for r in result.records())
        else:
            summary.already_stored += 1
        if on_article:
            on_article(result)

    if link:  # also when nothing was new: a run killed before its linking ended left articles to link
        summary.linked = link_store(store)
    return summary


def link_store(store):
    """Return the summary of linking the store's unlinked articles."""
    return link_pending(store)

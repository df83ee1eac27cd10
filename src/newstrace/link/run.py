"""Linking runs: the articles not linked yet, one at a time in ingestion order, each in one transaction.

Linking article by article in a fixed order (ingested_at, then publication date, then id) makes the result independent of
how articles were batched: an incremental run over a new batch and ``link_rebuild`` over everything
make the same decisions. Decisions already made are never revisited incrementally, so canonical ids,
cluster ids and series ids that users have seen stay valid; the exception is the entity rows of bare
surnames and common words, which the end of each run settles again (``EntityLinker.settle``) so that the
entities do not depend on the order articles came in.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Connection, delete, select, update
from sqlalchemy.engine import Engine

from ..store import schema
from ..store.connect import WRITE_OPTION
from ..store.locks import link_lock
from . import events as event_links
from . import exchanges as exchange_links
from . import figures as figure_links
from .entities import EntityLinker
from .events import EventClusterer
from .figures import SeriesLinker


@dataclass(slots=True)
class LinkSummary:
    """What one linking run did."""

    articles: int = 0
    entities_new: int = 0  # entity rows that became canonical entities of their own
    entities_merged: int = 0  # entity rows that joined an existing canonical entity
    events: int = 0
    clusters_new: int = 0
    events_joined: int = 0  # events that joined a cluster holding another report
    figures: int = 0
    series_new: int = 0
    figures_joined: int = 0
    conflicts_new: int = 0
    exchanges: int = 0  # exchanges in the store after the run (rebuilt from its clusters)
    rebuilt: bool = False
    seconds: float = 0.0
    settle_seconds: float = 0.0  # of ``seconds``: settling the names kept to their article at the end
    rows_settled: int = 0  # rows kept to their article decided again by the settling

    def __str__(self) -> str:
        if not self.articles:
            return "nothing to link"
        return (
            f"{self.articles} articles in {self.seconds:.1f}s: {self.entities_merged} entity names merged "
            f"into existing entities, {self.entities_new} new; {self.events} events into "
            f"{self.clusters_new} new clusters; {self.figures} figures into {self.series_new} new series; "
            f"{self.conflicts_new} new conflicts; {self.exchanges} exchanges"
        )

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["seconds"] = round(self.seconds, 3)
        out["settle_seconds"] = round(self.settle_seconds, 3)
        return out


def _engine(store) -> Engine:
    return store if isinstance(store, Engine) else store.engine


def pending_articles(conn: Connection) -> list[Any]:
    a = schema.articles
    return conn.execute(
        select(a.c.id, a.c.published).where(a.c.linked == 0).order_by(a.c.ingested_at, a.c.published.is_(None), a.c.published, a.c.id)
    ).all()


def link_pending(store, *, progress: Callable[[int, int], None] | None = None) -> LinkSummary:
    """Link every article not linked yet against what is stored; return what was done.

    ``store`` is a ``newstrace.store.Store`` (or its SQLAlchemy engine). ``progress(done, total)`` is
    called after each article. Each article is linked in its own transaction and marked linked then,
    so a run killed half-way leaves the rest to the next run. The whole run holds the store's linking
    lock (``store.locks``): the state read at its start stays true to the end, whoever else ingests.
    """
    engine = _engine(store)
    with link_lock(engine):
        return _link_pending(engine, progress)


def _link_pending(engine: Engine, progress: Callable[[int, int], None] | None) -> LinkSummary:
    started = time.perf_counter()
    summary = LinkSummary()
    with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn:
        with conn.begin():
            pending = pending_articles(conn)
            if not pending:
                summary.seconds = time.perf_counter() - started
                return summary
            linker = EntityLinker.load(conn)
        clusterer = EventClusterer(linker)
        series = SeriesLinker(linker)
        a = schema.articles
        for done, article in enumerate(pending, 1):
            with conn.begin():
                touched = linker.link_article(conn, article.id, article.published)
                linker.described.clear()
                clusters = clusterer.link_article(conn, article.id, article.published)
                linker.refresh(conn, touched | set(linker.described))
                clusterer.refresh(conn, clusters)
                series.link_article(conn, article.id)
                conn.execute(update(a).where(a.c.id == article.id).values(linked=1))
                if done == len(pending):
                    # in the last article's transaction: a run killed before the names kept to their
                    # article were settled and the exchanges rebuilt left that article unlinked, so the
                    # next run does both (kill -9 loop); settling decides bare surnames and common words
                    # again with every linked article, so the order articles came in does not matter
                    settle_started = time.perf_counter()
                    linker.refresh(conn, linker.settle(conn))
                    summary.settle_seconds = time.perf_counter() - settle_started
                    summary.exchanges = exchange_links.rebuild(conn)
            summary.articles += 1
            if progress is not None:
                progress(done, len(pending))
    summary.entities_new, summary.entities_merged = linker.created, linker.joined
    summary.events, summary.clusters_new, summary.events_joined = (
        clusterer.events, clusterer.created, clusterer.joined)
    summary.figures, summary.series_new, summary.figures_joined = series.figures, series.created, series.joined
    summary.conflicts_new = series.conflicts
    summary.rows_settled = linker.redecided
    summary.seconds = time.perf_counter() - started
    return summary


def clear_links(store) -> None:
    """Forget every cross-article link (canonical ids, clusters, series, conflicts) in one transaction."""
    engine = _engine(store)
    with link_lock(engine):
        _clear_links(engine)


def _clear_links(engine: Engine) -> None:
    t = schema.entities
    with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
        rows = conn.execute(select(t.c.id, t.c.data).where(t.c.canonical_id == t.c.id)).all()
        for row in rows:
            if isinstance(row.data, dict) and "linked" in row.data:
                data = {k: v for k, v in row.data.items() if k != "linked"}
                conn.execute(update(t).where(t.c.id == row.id).values(data=data))
        conn.execute(update(t).where(t.c.canonical_id.is_not(None)).values(canonical_id=None))
        conn.execute(delete(schema.entity_keys))
        exchange_links.clear(conn)
        event_links.clear(conn)
        figure_links.clear(conn)
        conn.execute(update(schema.articles).where(schema.articles.c.linked != 0).values(linked=0))


def link_rebuild(store, *, progress: Callable[[int, int], None] | None = None) -> LinkSummary:
    """Clear every link and link all stored articles again, in ingestion order; return the summary."""
    engine = _engine(store)
    with link_lock(engine):
        _clear_links(engine)
        summary = _link_pending(engine, progress)
    summary.rebuilt = True
    return summary

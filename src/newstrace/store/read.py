"""Read records back from the store as export dicts (records.py ``to_dict()`` shapes), in a stable order.

This is the store's own record stream (export, batch checks, tests); every query of the CLI, the web
pages and the API goes through the read layer, ``newstrace.query``, which takes its counts from here.

What linking decided lives in columns (an event's cluster, a figure's series, an entity's canonical
id), so the dicts are assembled from ``data`` plus those columns at read time.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, func, or_, select
from sqlalchemy.engine import Engine

from ..errors import StoreError
from . import schema

KINDS = ("article", "entity", "event", "figure", "quote", "cluster", "exchange", "conflict")
_PLURALS = {"entities": "entity", **{k + "s": k for k in KINDS if k != "entity"}}
# rows fetched per round trip: bounds memory on a large store
PAGE = 500


def normalize_kind(kind: str | None) -> str | None:
    """Return the record kind named by ``kind`` (singular or plural, any case), or None for all kinds."""
    if kind is None:
        return None
    name = kind.strip().lower()
    name = _PLURALS.get(name, name)
    if name not in KINDS:
        raise StoreError(f"unknown record kind {kind!r}: choose one of {', '.join(KINDS)}")
    return name


def is_canonical():
    """Return the condition: an entities row is a canonical entity (or not linked yet)."""
    t = schema.entities
    return or_(t.c.canonical_id.is_(None), t.c.canonical_id == t.c.id)


def count_records(conn: Connection) -> dict[str, int]:
    """Return how many records of each kind the store holds, how many inputs failed (``failures``) and
    how many were read but not kept (``dropped``).

    ``entities`` counts canonical entities (a name that linking merged into another is not one more
    entity). The one definition of the counts: ``stats``, ``/api/counts`` and the home page show it.
    """
    tables = {
        "articles": schema.articles, "entities": schema.entities, "events": schema.events,
        "figures": schema.figures, "quotes": schema.quotes, "clusters": schema.clusters,
        "exchanges": schema.exchanges, "conflicts": schema.conflicts,
    }
    f = schema.failures
    out = {}
    for name, table in tables.items():
        query = select(func.count()).select_from(table)
        if table is schema.entities:
            query = query.where(is_canonical())
        out[name] = int(conn.execute(query).scalar_one())
    by_kind = dict(conn.execute(select(f.c.kind, func.count()).group_by(f.c.kind)).all())
    out["failures"] = int(by_kind.get("failed", 0))
    out["dropped"] = int(by_kind.get("dropped", 0))
    return out


def counts(engine: Engine) -> dict[str, int]:
    """Return ``count_records`` over a new connection."""
    with engine.connect() as conn:
        return count_records(conn)


def iter_records(
    engine: Engine, kind: str | None = None, *, include_text: bool = False,
) -> Iterator[dict[str, Any]]:
    """Yield export dicts of one kind, or of all kinds in the order of ``KINDS``.

    Order is stable: articles by publication date (undated last) then id, entities by id, events,
    figures and quotes by article then position in the text, clusters and conflicts by id.
    ``include_text`` adds each article's text to its dict, so spans can be checked from the export alone.
    """
    name = normalize_kind(kind)  # checked here, before the generator starts
    return _iter_records(engine, [name] if name else list(KINDS), include_text)


def _iter_records(engine: Engine, kinds: list[str], include_text: bool) -> Iterator[dict[str, Any]]:
    readers = {
        "article": lambda c: _articles(c, include_text), "entity": _entities, "event": _events,
        "figure": _figures, "quote": _quotes, "cluster": _by_id(schema.clusters),
        "exchange": _by_id(schema.exchanges), "conflict": _by_id(schema.conflicts),
    }
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            # one snapshot for every kind, as SQLite's read transaction gives: an export taken during
            # an ingest never has an event whose article it lacks
            conn.execution_options(isolation_level="REPEATABLE READ")
        for kind in kinds:
            yield from readers[kind](conn)


def _articles(conn: Connection, include_text: bool) -> Iterator[dict[str, Any]]:
    t = schema.articles
    columns = [t.c.id, t.c.title, t.c.source, t.c.byline, t.c.url, t.c.published, t.c.language,
               t.c.length, t.c.origin, t.c.meta]
    if include_text:
        columns.append(t.c.text)
    query = select(*columns).order_by(t.c.published.is_(None), t.c.published, t.c.id)
    for row in conn.execute(query).mappings():
        out = {"kind": "article", **row}
        if include_text:
            out["text"] = out.pop("text")
        yield out


def _entities(conn: Connection) -> Iterator[dict[str, Any]]:
    t, m = schema.entities, schema.mentions
    last: str | None = None
    while True:  # keyset pages, so each page's mentions come in one query
        query = select(t.c.id, t.c.canonical_id, t.c.data).order_by(t.c.id).limit(PAGE)
        if last is not None:
            query = query.where(t.c.id > last)
        page = conn.execute(query).all()
        if not page:
            return
        mentions: dict[str, list[dict[str, Any]]] = {row.id: [] for row in page}
        for men in conn.execute(
            select(m.c.entity_id, m.c.article_id, m.c.start, m.c.end, m.c.text)
            .where(m.c.entity_id.in_(list(mentions)))
            .order_by(m.c.entity_id, m.c.article_id, m.c.start)
        ):
            mentions[men.entity_id].append(
                {"article": men.article_id, "span": {"start": men.start, "end": men.end, "text": men.text}}
            )
        for row in page:
            yield {**row.data, "mentions": mentions[row.id], "canonical_id": row.canonical_id}
        last = page[-1].id


def _events(conn: Connection) -> Iterator[dict[str, Any]]:
    t = schema.events
    query = select(t.c.cluster_id, t.c.data).order_by(t.c.article_id, t.c.position, t.c.id)
    for row in conn.execution_options(yield_per=PAGE).execute(query):
        yield {**row.data, "cluster": row.cluster_id}


def _figures(conn: Connection) -> Iterator[dict[str, Any]]:
    t = schema.figures
    query = select(t.c.series_id, t.c.data).order_by(t.c.article_id, t.c.position, t.c.id)
    for row in conn.execution_options(yield_per=PAGE).execute(query):
        yield {**row.data, "series": row.series_id}


def _quotes(conn: Connection) -> Iterator[dict[str, Any]]:
    t = schema.quotes
    query = select(t.c.data).order_by(t.c.article_id, t.c.position, t.c.id)
    for row in conn.execution_options(yield_per=PAGE).execute(query):
        yield dict(row.data)


def _by_id(table):
    def read(conn: Connection) -> Iterator[dict[str, Any]]:
        for row in conn.execution_options(yield_per=PAGE).execute(select(table.c.data).order_by(table.c.id)):
            yield dict(row.data)

    return read


def article_text(engine: Engine, article_id: str) -> str:
    """Return the text of a stored article; the spans of its records index into it."""
    t = schema.articles
    with engine.connect() as conn:
        text = conn.execute(select(t.c.text).where(t.c.id == article_id)).scalar_one_or_none()
    if text is None:
        raise StoreError(
            f"no article {article_id} in the store: list the stored ones with `newstrace export --kind article`"
        )
    return text


def failure_rows(conn: Connection, kind: str | None = None) -> list[dict[str, Any]]:
    """Return the recorded failures (of ``kind``, or both kinds), oldest first: origin, reason, at, kind."""
    t = schema.failures
    query = select(t.c.origin, t.c.reason, t.c.at, t.c.kind).order_by(t.c.id)
    if kind is not None:
        query = query.where(t.c.kind == kind)
    return [dict(r) for r in conn.execute(query).mappings()]


def failures(engine: Engine, kind: str | None = None) -> list[dict[str, Any]]:
    """Return ``failure_rows`` over a new connection."""
    with engine.connect() as conn:
        return failure_rows(conn, kind)

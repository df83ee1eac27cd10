"""Events, figures and quotes: filtered lists with their article's metadata, and one record by id."""
from __future__ import annotations

from typing import Any

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.engine import Connection

from ..store import schema as S
from .base import (
    SNIPPET,
    Filters,
    Page,
    date_range,
    frequent,
    from_source,
    named,
    nulls_last,
    page_of,
    search,
    snippet,
    with_id,
)
from .entities import filter_ids


def article_meta():
    a = S.articles
    return [a.c.title.label("a_title"), a.c.source.label("a_source"), a.c.published.label("a_published"),
            a.c.url.label("a_url"), func.substr(a.c.text, 1, SNIPPET).label("a_snippet")]


def record_item(kind: str):
    """Return a converter of a row (id, article_id, data, link column, article_meta()) to a record dict:
    the export dict with its cluster (events) or series (figures) and ``article_meta``."""
    def convert(row) -> dict[str, Any]:
        item = with_id(row.data, row.id, kind)
        if kind == "event":
            item["cluster"] = row.cluster_id
        elif kind == "figure":
            item["series"] = row.series_id
        item["article_meta"] = {
            "id": row.article_id, "title": row.a_title, "source": row.a_source,
            "published": row.a_published, "url": row.a_url, "snippet": snippet(row.a_snippet),
        }
        return item

    return convert


def _columns(table, kind: str) -> list:
    link = {"event": [table.c.get("cluster_id")], "figure": [table.c.get("series_id")]}.get(kind, [])
    return [table.c.id, table.c.article_id, table.c.data, *link, *article_meta()]


def involving(conn: Connection, events_id, ids: list[str]) -> tuple:
    """Return two forms of the condition "the event ``events_id`` involves one of the entity rows
    ``ids``" (actor, recipient, location or reporter): (for a page read in order, for a count).

    For an entity in many events, the page form tests each event in date order (an index lookup
    each) and stops at the page's end; for one in few, both gather its events and sort them.
    """
    ee = S.event_entities
    gathered = events_id.in_(select(ee.c.event_id).where(ee.c.entity_id.in_(ids)))
    if frequent(conn, select(ee.c.event_id).where(ee.c.entity_id.in_(ids))):
        # nested EXISTS, looked up by (event_id, entity_id): SQLite keeps it per row
        return exists(select(ee.c.event_id).where(ee.c.event_id == events_id, ee.c.entity_id.in_(ids))), gathered
    return gathered, gathered


def list_events(conn: Connection, f: Filters, limit: int | None, offset: int, cluster: str | None = None,
                total: bool = True, counted: bool = True) -> Page:
    """Return events in date order (undated last), then in reading order within an article.

    ``entity``: events the entity takes part in (actor, recipient, location or reporter).
    """
    ev, a = S.events, S.articles
    conds = date_range(ev.c.date, f.since, f.until)
    counting = []
    if f.type:
        conds.append(ev.c.type == f.type.upper())
    if f.entity:
        scan, gather = involving(conn, ev.c.id, filter_ids(conn, f.entity))
        conds.append(scan)
        counting.append(gather)
    if f.article:
        conds.append(ev.c.article_id == f.article)
    if f.source:
        conds.append(ev.c.article_id.in_(select(a.c.id).where(from_source(f.source))))
    if cluster:
        conds.append(ev.c.cluster_id == cluster)
    if f.q:
        ee = S.event_entities
        conds.append(or_(search(ev.c.data, f.q, ("sentence", "text")),
                         ev.c.id.in_(select(ee.c.event_id).where(named(ee.c.entity_id, f.q)))))
    query = select(*_columns(ev, "event")).select_from(ev.join(a, a.c.id == ev.c.article_id))
    # the ids are chosen from events alone: every event has its article, and the join would cost a
    # lookup per event passed over
    narrow = select(ev.c.id)
    if conds:
        query, narrow = query.where(and_(*conds)), narrow.where(and_(*conds))
    count = None
    if counting:
        plain = [c for c in conds if c is not scan] + counting
        count = select(func.count()).select_from(ev).where(and_(*plain))
    # the order of ix_events_date_order: a page is read off the index
    order = [ev.c.date.is_(None), ev.c.date, ev.c.article_id, ev.c.position, ev.c.id]
    return page_of(conn, query, order, limit, offset, record_item("event"), key=ev.c.id, total=total,
                   counted=counted, narrow=narrow, count=count)


def list_figures(conn: Connection, f: Filters, limit: int | None, offset: int, series: str | None = None,
                 total: bool = True) -> Page:
    """Return figures in as-of order (else their article's publication date).

    ``entity``: figures the entity claims.
    """
    fg, a = S.figures, S.articles
    query = select(*_columns(fg, "figure")).select_from(fg.join(a, a.c.id == fg.c.article_id))
    when = func.coalesce(fg.c.as_of, a.c.published)
    conds = date_range(when, f.since, f.until)
    if f.type:
        conds.append(fg.c.measure == f.type.lower())
    if f.entity:
        conds.append(fg.c.claimed_by_id.in_(filter_ids(conn, f.entity)))
    if f.article:
        conds.append(fg.c.article_id == f.article)
    if f.source:
        conds.append(from_source(f.source))
    if series:
        conds.append(fg.c.series_id == series)
    if f.q:
        conds.append(or_(search(fg.c.data, f.q, ("sentence", "text"), ("counted",)),
                         named(fg.c.claimed_by_id, f.q)))
    if conds:
        query = query.where(and_(*conds))
    order = [nulls_last(when), when, fg.c.id]
    return page_of(conn, query, order, limit, offset, record_item("figure"), key=fg.c.id, total=total)


def list_quotes(conn: Connection, f: Filters, limit: int | None, offset: int, total: bool = True) -> Page:
    """Return quotes, newest articles first. ``entity``: quotes the entity speaks;
    ``type``: direct or indirect."""
    qt, a = S.quotes, S.articles
    query = select(*_columns(qt, "quote")).select_from(qt.join(a, a.c.id == qt.c.article_id))
    conds = date_range(a.c.published, f.since, f.until)
    if f.entity:
        conds.append(qt.c.speaker_id.in_(filter_ids(conn, f.entity)))
    if f.article:
        conds.append(qt.c.article_id == f.article)
    if f.source:
        conds.append(from_source(f.source))
    if f.type:
        direct = f.type.lower() in ("direct", "true", "1")
        conds.append(qt.c.data["direct"].as_boolean() == direct)
    if f.q:
        conds.append(or_(search(qt.c.data, f.q, ("content", "text"), ("speaker_text",)),
                         named(qt.c.speaker_id, f.q)))
    if conds:
        query = query.where(and_(*conds))
    order = [nulls_last(a.c.published), a.c.published.desc(), qt.c.article_id, qt.c.id]
    return page_of(conn, query, order, limit, offset, record_item("quote"), key=qt.c.id, total=total)


def get_record(conn: Connection, kind: str, record_id: str) -> dict[str, Any] | None:
    """Return one event, figure or quote with its article's metadata, or None."""
    table = {"event": S.events, "figure": S.figures, "quote": S.quotes}[kind]
    a = S.articles
    row = conn.execute(
        select(*_columns(table, kind)).select_from(table.join(a, a.c.id == table.c.article_id))
        .where(table.c.id == record_id)
    ).first()
    return record_item(kind)(row) if row is not None else None


def event_types(conn: Connection) -> list[tuple[str, int]]:
    """Return (PLOVER type, number of events), most frequent first."""
    rows = conn.execute(select(S.events.c.type, func.count()).group_by(S.events.c.type)
                        .order_by(func.count().desc(), S.events.c.type)).all()
    return [(r[0], int(r[1])) for r in rows]


def figure_measures(conn: Connection) -> list[tuple[str, int]]:
    """Return (measure, number of figures), most frequent first."""
    rows = conn.execute(select(S.figures.c.measure, func.count()).group_by(S.figures.c.measure)
                        .order_by(func.count().desc(), S.figures.c.measure)).all()
    return [(r[0], int(r[1])) for r in rows]

"""Articles: lists with their record counts, and one article with every record it holds."""
from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.engine import Connection

from ..store import schema as S
from .base import SNIPPET, Filters, Page, contains, date_range, from_source, nulls_last, page_of, snippet, with_id
from .entities import filter_ids

ARTICLE_COLUMNS = ("id", "title", "source", "byline", "url", "published", "language", "length", "origin")


def _article_item(row) -> dict[str, Any]:
    item = {"kind": "article", **{c: getattr(row, c) for c in ARTICLE_COLUMNS}}
    if hasattr(row, "snippet") or hasattr(row, "text"):
        item["snippet"] = snippet(getattr(row, "snippet", None) or getattr(row, "text", None))
    for extra in ("n_events", "n_figures", "n_quotes", "n_entities"):
        if hasattr(row, extra):
            item[extra] = int(getattr(row, extra) or 0)
    return item


def _count_of(column):
    return select(func.count()).where(column == S.articles.c.id).scalar_subquery()


def list_articles(conn: Connection, f: Filters, limit: int | None, offset: int, total: bool = True) -> Page:
    """Return articles, newest first, with how many events, figures and quotes each holds."""
    a = S.articles
    query = select(
        *[a.c[c] for c in ARTICLE_COLUMNS],
        func.substr(a.c.text, 1, SNIPPET).label("snippet"),
        _count_of(S.events.c.article_id).label("n_events"),
        _count_of(S.figures.c.article_id).label("n_figures"),
        _count_of(S.quotes.c.article_id).label("n_quotes"),
    )
    conds = date_range(a.c.published, f.since, f.until)
    if f.q:
        conds.append(or_(contains(a.c.title, f.q), contains(a.c.text, f.q)))
    if f.source:
        conds.append(from_source(f.source))
    if f.entity:
        ids = filter_ids(conn, f.entity)
        conds.append(a.c.id.in_(select(S.mentions.c.article_id).where(S.mentions.c.entity_id.in_(ids))))
    if f.article:
        conds.append(a.c.id == f.article)
    if conds:
        query = query.where(and_(*conds))
    order = [nulls_last(a.c.published), a.c.published.desc(), a.c.id]
    return page_of(conn, query, order, limit, offset, _article_item, key=a.c.id, total=total)


def recent_articles(conn: Connection, limit: int = 10) -> list[dict[str, Any]]:
    return list_articles(conn, Filters(), limit, 0).items


def get_article(conn: Connection, article_id: str) -> dict[str, Any] | None:
    """Return an article with its text and every record it holds (entities with their mentions here)."""
    row = conn.execute(select(S.articles).where(S.articles.c.id == article_id)).first()
    if row is None:
        return None
    item = _article_item(row)
    item["text"] = row.text
    item["meta"] = row.meta or {}
    m, e = S.mentions, S.entities
    mention_rows = conn.execute(
        select(m.c.entity_id, m.c.start, m.c.end, m.c.text, e.c.data, e.c.canonical_id)
        .select_from(m.join(e, e.c.id == m.c.entity_id))
        .where(m.c.article_id == article_id).order_by(m.c.start, m.c.entity_id)
    ).all()
    entities: dict[str, dict[str, Any]] = {}
    for r in mention_rows:
        ent = entities.get(r.entity_id)
        if ent is None:
            ent = dict(r.data or {})
            ent.setdefault("kind", "entity")
            ent["id"] = r.entity_id
            ent["canonical_id"] = r.canonical_id or r.entity_id
            ent["mentions"] = []
            entities[r.entity_id] = ent
        ent["mentions"].append({"article": article_id, "span": {"start": r.start, "end": r.end, "text": r.text}})
    item["entities"] = list(entities.values())
    for kind, table, link in (("events", S.events, "cluster_id"), ("figures", S.figures, "series_id"),
                              ("quotes", S.quotes, None)):
        columns = [table.c.id, table.c.data] + ([table.c[link]] if link else [])
        rows = conn.execute(select(*columns).where(table.c.article_id == article_id).order_by(table.c.id)).all()
        records = [_linked(with_id(r.data, r.id, kind[:-1]), r) for r in rows]
        records.sort(key=lambda d: (_span_start(d), d["id"]))
        item[kind] = records
    return item


def _linked(item: dict[str, Any], row) -> dict[str, Any]:
    """Return the record with what linking decided (an event's cluster, a figure's series), as exported."""
    if hasattr(row, "cluster_id"):
        item["cluster"] = row.cluster_id
    if hasattr(row, "series_id"):
        item["series"] = row.series_id
    return item


def _span_start(record: dict[str, Any]) -> int:
    for key in ("trigger", "span", "content"):
        span = record.get(key)
        if isinstance(span, dict) and isinstance(span.get("start"), int):
            return span["start"]
    return 0

"""Read-only queries over the store's tables for the API and the UI: filters, pagination, stable order.

Every list is ordered by a key that ends in the record id, so that a page of results is the same page
each time it is asked for. Filters are optional; a filter that matches nothing gives an empty page.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Boolean, and_, case, func, literal, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.engine import Connection

from ..store import schema as S

# A date bound "until" covers everything that starts with it: "2025-02" covers "2025-02-16".
_UNTIL_SUFFIX = "~"


@dataclass(slots=True)
class Filters:
    """What a list may be narrowed by; None or empty means "not filtered"."""

    type: str | None = None
    entity: str | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None
    article: str | None = None
    source: str | None = None


@dataclass(slots=True)
class Page:
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "limit": self.limit, "offset": self.offset, "items": self.items}


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class contains_ci(FunctionElement):
    """``column`` contains a text, ignoring ASCII case: LIKE on SQLite (already case-blind, and lower()
    over every row would cost more than the match), ILIKE on PostgreSQL."""

    type = Boolean()
    inherit_cache = True
    name = "contains_ci"


@compiles(contains_ci)
def _contains_ci_default(element, compiler, **kw):
    column, pattern = list(element.clauses)
    return f"{compiler.process(column, **kw)} LIKE {compiler.process(pattern, **kw)} ESCAPE '\\'"


@compiles(contains_ci, "postgresql")
def _contains_ci_postgresql(element, compiler, **kw):
    column, pattern = list(element.clauses)
    return f"{compiler.process(column, **kw)} ILIKE {compiler.process(pattern, **kw)} ESCAPE '\\'"


def _contains(column, value: str):
    return contains_ci(column, _like(value))


def _date_range(column, since: str | None, until: str | None) -> list:
    conds = []
    if since:
        conds.append(column >= since)
    if until:
        conds.append(column <= until + _UNTIL_SUFFIX)
    if conds:
        conds.append(column.is_not(None))
    return conds


def _json_text(column):
    # The JSON column as text: only for ASCII keys and values (the JSON text escapes the rest).
    from sqlalchemy import String, cast

    return cast(column, String)


def _search(column, q: str, *paths: tuple[str, ...]):
    """Return a condition: ``q`` occurs (any case) in one of the JSON fields at ``paths``."""
    exact = or_(*[_contains(func.coalesce(column[path].as_string(), ""), q) for path in paths])
    if q.isascii():
        # a cheap scan of the raw JSON text first: only rows holding the text anywhere get parsed
        return and_(_contains(_json_text(column), q), exact)
    return exact


def _named(column, q: str):
    """Return a condition: ``column`` (an entity id) names an entity whose name holds ``q``."""
    return column.in_(select(S.entities.c.id).where(_contains(S.entities.c.name, q)))


def _nulls_last(column):
    return case((column.is_(None), 1), else_=0)


def _page(conn: Connection, query, order, limit: int, offset: int, convert, key=None, total=True) -> Page:
    """Return one page of ``query`` in ``order`` (``total=False``: a preview in id order, uncounted).

    With ``key`` (the id column of a query that yields one row per id), the sort runs over the ids alone
    and only the page's rows are read whole: sorting thousands of rows with their JSON data costs more
    than reading fifty twice.
    """
    if key is None:
        total = conn.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
        rows = conn.execute(query.order_by(*order).limit(limit).offset(offset)).all()
        return Page(items=[convert(r) for r in rows], total=int(total), limit=limit, offset=offset)
    narrow = query.with_only_columns(key).order_by(None)
    if total:
        count = int(conn.execute(query.with_only_columns(func.count(key)).order_by(None)).scalar_one())
        ids = conn.execute(narrow.order_by(*order).limit(limit).offset(offset)).scalars().all()
    else:
        # a preview: the first matches in id order, which the id index gives without sorting every
        # match, so the scan stops early; one more than asked says whether there are more
        ids = conn.execute(narrow.order_by(key).limit(limit + 1).offset(offset)).scalars().all()
        count = offset + len(ids)
        ids = ids[:limit]
    if not ids:
        return Page(items=[], total=count, limit=limit, offset=offset)
    by_id = {getattr(r, key.key): r for r in conn.execute(query.where(key.in_(ids))).all()}
    return Page(items=[convert(by_id[i]) for i in ids], total=count, limit=limit, offset=offset)


# ---------------------------------------------------------------- entities

def entity_row(conn: Connection, entity_id: str):
    return conn.execute(select(S.entities).where(S.entities.c.id == entity_id)).first()


def entity_group_ids(conn: Connection, entity_id: str) -> tuple[str, list[str]]:
    """Return (canonical id, ids of every entity row linked to it) for an entity id; empty if unknown."""
    row = entity_row(conn, entity_id)
    if row is None:
        return entity_id, []
    canonical = row.canonical_id or row.id
    ids = conn.execute(
        select(S.entities.c.id).where(or_(S.entities.c.canonical_id == canonical, S.entities.c.id == canonical))
    ).scalars().all()
    return canonical, sorted(set(ids) | {row.id})


def resolve_entity(conn: Connection, value: str) -> list[str]:
    """Return the entity ids an ``entity`` filter stands for: an id, or a name (any case), with linked variants."""
    value = value.strip()
    if not value:
        return []
    seeds = [value] if entity_row(conn, value) is not None else conn.execute(
        select(S.entities.c.id).where(func.lower(S.entities.c.name) == value.lower())
    ).scalars().all()
    ids: set[str] = set()
    for seed in seeds:
        ids.update(entity_group_ids(conn, seed)[1])
    return sorted(ids)


def _is_canonical():
    return or_(S.entities.c.canonical_id.is_(None), S.entities.c.canonical_id == S.entities.c.id)


def _entity_item(row) -> dict[str, Any]:
    data = dict(row.data or {})
    data.setdefault("kind", "entity")
    data.setdefault("id", row.id)
    data["canonical_id"] = row.canonical_id or row.id
    data["n_mentions"] = int(getattr(row, "n_mentions", 0) or 0)
    data["n_articles"] = int(getattr(row, "n_articles", 0) or 0)
    data.pop("mentions", None)
    return data


def list_entities(conn: Connection, f: Filters, limit: int, offset: int) -> Page:
    e, m = S.entities, S.mentions
    # mentions of the entity and of the variants linking merged into it; counted per listed entity
    # (an index range each), so a filtered list never counts the mentions of the whole store
    variant = S.entities.alias("variant")
    group = select(variant.c.id).where(or_(variant.c.id == e.c.id, variant.c.canonical_id == e.c.id)).correlate(e)
    n_mentions = select(func.count()).where(m.c.entity_id.in_(group)).scalar_subquery().label("n_mentions")
    n_articles = (select(func.count(func.distinct(m.c.article_id))).where(m.c.entity_id.in_(group))
                  .scalar_subquery().label("n_articles"))
    query = select(e, n_mentions, n_articles)
    conds = [_is_canonical()]
    if f.type:
        conds.append(e.c.type == f.type.upper())
    if f.q:
        conds.append(or_(_contains(e.c.name, f.q), _contains(_json_text(e.c.data["aliases"]), f.q)))
    if f.entity:
        conds.append(e.c.id.in_(resolve_entity(conn, f.entity)))
    if f.article:
        conds.append(e.c.id.in_(select(S.mentions.c.entity_id).where(S.mentions.c.article_id == f.article)))
    query = query.where(and_(*conds))
    return _page(conn, query, [n_mentions.desc(), e.c.name, e.c.id], limit, offset, _entity_item)


ENTITY_ARTICLES = 200


def get_entity(conn: Connection, entity_id: str) -> dict[str, Any] | None:
    """Return an entity merged with its linked variants: aliases, roles, written forms, and the (newest
    200) articles that mention it with how often."""
    canonical, ids = entity_group_ids(conn, entity_id)
    if not ids:
        return None
    rows = conn.execute(select(S.entities).where(S.entities.c.id.in_(ids))).all()
    by_id = {r.id: r for r in rows}
    main = by_id.get(canonical) or by_id[entity_id]
    item = _entity_item(main)
    aliases: list[str] = list(item.get("aliases") or [])
    roles: list[str] = list(item.get("roles") or ([item["role"]] if item.get("role") else []))
    for row in rows:
        if row.id == main.id:
            continue
        data = row.data or {}
        for name in [data.get("name"), *(data.get("aliases") or [])]:
            if name and name not in aliases and name != item.get("name"):
                aliases.append(name)
        for role in [data.get("role"), *(data.get("roles") or [])]:
            if role and role not in roles:
                roles.append(role)
    item["aliases"] = aliases
    item["roles"] = roles
    item["variants"] = [i for i in ids if i != main.id]
    m, a = S.mentions, S.articles
    mine = m.c.entity_id.in_(ids)
    totals = conn.execute(select(func.count(), func.count(func.distinct(m.c.article_id))).where(mine)).one()
    item["n_mentions"], item["n_articles"] = int(totals[0]), int(totals[1])
    # the written forms, most frequent first: what the reports call it
    forms = conn.execute(select(m.c.text, func.count().label("n")).where(mine).group_by(m.c.text)
                         .order_by(func.count().desc(), m.c.text).limit(50)).all()
    item["forms"] = [{"text": r.text, "n": int(r.n)} for r in forms]
    per_article = (
        select(m.c.article_id, func.count().label("n"), func.min(m.c.start).label("first"))
        .where(mine).group_by(m.c.article_id).subquery()
    )
    rows = conn.execute(
        select(per_article, a.c.title, a.c.source, a.c.published,
               func.substr(a.c.text, 1, SNIPPET).label("snippet"))
        .select_from(per_article.join(a, a.c.id == per_article.c.article_id))
        .order_by(_nulls_last(a.c.published), a.c.published.desc(), a.c.id).limit(ENTITY_ARTICLES)
    ).all()
    item["articles"] = [
        {"id": r.article_id, "title": r.title, "source": r.source, "published": r.published,
         "snippet": _snippet(r.snippet), "n_mentions": int(r.n), "first_mention": int(r.first)}
        for r in rows
    ]
    return item


def top_entities(conn: Connection, limit: int = 12) -> list[dict[str, Any]]:
    return list_entities(conn, Filters(), limit, 0).items


# ---------------------------------------------------------------- articles

_ARTICLE_COLS = ("id", "title", "source", "byline", "url", "published", "language", "length", "origin")
SNIPPET = 160


def _snippet(text: str | None) -> str:
    """Return the opening words of a text, cut at a word boundary: what stands in for a missing title."""
    text = " ".join((text or "").split())
    if len(text) < SNIPPET - 40:
        return text
    cut = text[: SNIPPET - 40].rsplit(" ", 1)[0]
    return cut + "…"


def _article_item(row) -> dict[str, Any]:
    item = {"kind": "article", **{c: getattr(row, c) for c in _ARTICLE_COLS}}
    if hasattr(row, "snippet") or hasattr(row, "text"):
        item["snippet"] = _snippet(getattr(row, "snippet", None) or getattr(row, "text", None))
    for extra in ("n_events", "n_figures", "n_quotes", "n_entities"):
        if hasattr(row, extra):
            item[extra] = int(getattr(row, extra) or 0)
    return item


def _count_of(table, column):
    return select(func.count()).where(column == S.articles.c.id).scalar_subquery()


def list_articles(conn: Connection, f: Filters, limit: int, offset: int, total: bool = True) -> Page:
    a = S.articles
    cols = [a.c[c] for c in _ARTICLE_COLS]
    query = select(
        *cols,
        func.substr(a.c.text, 1, SNIPPET).label("snippet"),
        _count_of(S.events, S.events.c.article_id).label("n_events"),
        _count_of(S.figures, S.figures.c.article_id).label("n_figures"),
        _count_of(S.quotes, S.quotes.c.article_id).label("n_quotes"),
    )
    conds = _date_range(a.c.published, f.since, f.until)
    if f.q:
        conds.append(or_(_contains(a.c.title, f.q), _contains(a.c.text, f.q)))
    if f.source:
        conds.append(func.lower(a.c.source) == f.source.lower())
    if f.entity:
        ids = resolve_entity(conn, f.entity)
        conds.append(a.c.id.in_(select(S.mentions.c.article_id).where(S.mentions.c.entity_id.in_(ids))))
    if conds:
        query = query.where(and_(*conds))
    order = [_nulls_last(a.c.published), a.c.published.desc(), a.c.id]
    return _page(conn, query, order, limit, offset, _article_item, key=a.c.id, total=total)


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
    for kind, table in (("events", S.events), ("figures", S.figures), ("quotes", S.quotes)):
        rows = conn.execute(select(table.c.id, table.c.data).where(table.c.article_id == article_id)
                            .order_by(table.c.id)).all()
        records = [_with_id(r.data, r.id, kind[:-1]) for r in rows]
        records.sort(key=lambda d: (_span_start(d), d["id"]))
        item[kind] = records
    return item


def _with_id(data: dict | None, record_id: str, kind: str) -> dict[str, Any]:
    out = dict(data or {})
    out.setdefault("kind", kind)
    out["id"] = record_id
    return out


def _span_start(record: dict[str, Any]) -> int:
    for key in ("trigger", "span", "content"):
        span = record.get(key)
        if isinstance(span, dict) and isinstance(span.get("start"), int):
            return span["start"]
    return 0


def recent_articles(conn: Connection, limit: int = 10) -> list[dict[str, Any]]:
    return list_articles(conn, Filters(), limit, 0).items


# ---------------------------------------------------------------- events, figures, quotes

def _article_meta():
    a = S.articles
    return [a.c.title.label("a_title"), a.c.source.label("a_source"), a.c.published.label("a_published"),
            a.c.url.label("a_url"), func.substr(a.c.text, 1, SNIPPET).label("a_snippet")]


def _record_item(kind: str):
    def convert(row) -> dict[str, Any]:
        item = _with_id(row.data, row.id, kind)
        item["article_meta"] = {
            "id": row.article_id, "title": row.a_title, "source": row.a_source,
            "published": row.a_published, "url": row.a_url, "snippet": _snippet(row.a_snippet),
        }
        return item

    return convert


def _entity_cond(conn: Connection, value: str, table, via_columns=()):
    ids = resolve_entity(conn, value)
    if table is S.events:
        ee = S.event_entities
        return table.c.id.in_(select(ee.c.event_id).where(ee.c.entity_id.in_(ids)))
    return or_(*[col.in_(ids) for col in via_columns]) if via_columns else literal(False)


def list_events(conn: Connection, f: Filters, limit: int, offset: int, cluster: str | None = None,
                total: bool = True) -> Page:
    ev, a = S.events, S.articles
    query = select(ev.c.id, ev.c.article_id, ev.c.data, *_article_meta()).select_from(
        ev.join(a, a.c.id == ev.c.article_id))
    conds = _date_range(ev.c.date, f.since, f.until)
    if f.type:
        conds.append(ev.c.type == f.type.upper())
    if f.entity:
        conds.append(_entity_cond(conn, f.entity, ev))
    if f.article:
        conds.append(ev.c.article_id == f.article)
    if f.source:
        conds.append(func.lower(a.c.source) == f.source.lower())
    if cluster:
        conds.append(ev.c.cluster_id == cluster)
    if f.q:
        ee = S.event_entities
        conds.append(or_(_search(ev.c.data, f.q, ("sentence", "text")),
                         ev.c.id.in_(select(ee.c.event_id).where(_named(ee.c.entity_id, f.q)))))
    if conds:
        query = query.where(and_(*conds))
    order = [_nulls_last(ev.c.date), ev.c.date, ev.c.id]
    return _page(conn, query, order, limit, offset, _record_item("event"), key=ev.c.id, total=total)


def list_figures(conn: Connection, f: Filters, limit: int, offset: int, series: str | None = None,
                 total: bool = True) -> Page:
    fg, a = S.figures, S.articles
    query = select(fg.c.id, fg.c.article_id, fg.c.data, *_article_meta()).select_from(
        fg.join(a, a.c.id == fg.c.article_id))
    when = func.coalesce(fg.c.as_of, a.c.published)
    conds = _date_range(when, f.since, f.until)
    if f.type:
        conds.append(fg.c.measure == f.type.lower())
    if f.entity:
        conds.append(_entity_cond(conn, f.entity, fg, (fg.c.claimed_by_id,)))
    if f.article:
        conds.append(fg.c.article_id == f.article)
    if f.source:
        conds.append(func.lower(a.c.source) == f.source.lower())
    if series:
        conds.append(fg.c.series_id == series)
    if f.q:
        conds.append(or_(_search(fg.c.data, f.q, ("sentence", "text"), ("counted",)),
                         _named(fg.c.claimed_by_id, f.q)))
    if conds:
        query = query.where(and_(*conds))
    order = [_nulls_last(when), when, fg.c.id]
    return _page(conn, query, order, limit, offset, _record_item("figure"), key=fg.c.id, total=total)


def list_quotes(conn: Connection, f: Filters, limit: int, offset: int, total: bool = True) -> Page:
    qt, a = S.quotes, S.articles
    query = select(qt.c.id, qt.c.article_id, qt.c.data, *_article_meta()).select_from(
        qt.join(a, a.c.id == qt.c.article_id))
    conds = _date_range(a.c.published, f.since, f.until)
    if f.entity:
        conds.append(_entity_cond(conn, f.entity, qt, (qt.c.speaker_id,)))
    if f.article:
        conds.append(qt.c.article_id == f.article)
    if f.source:
        conds.append(func.lower(a.c.source) == f.source.lower())
    if f.type:
        direct = f.type.lower() in ("direct", "true", "1")
        conds.append(qt.c.data["direct"].as_boolean() == direct)
    if f.q:
        conds.append(or_(_search(qt.c.data, f.q, ("content", "text"), ("speaker_text",)),
                         _named(qt.c.speaker_id, f.q)))
    if conds:
        query = query.where(and_(*conds))
    order = [_nulls_last(a.c.published), a.c.published.desc(), qt.c.article_id, qt.c.id]
    return _page(conn, query, order, limit, offset, _record_item("quote"), key=qt.c.id, total=total)


def get_record(conn: Connection, kind: str, record_id: str) -> dict[str, Any] | None:
    """Return one event, figure or quote with its article's metadata, or None."""
    table = {"event": S.events, "figure": S.figures, "quote": S.quotes}[kind]
    a = S.articles
    row = conn.execute(
        select(table.c.id, table.c.article_id, table.c.data, *_article_meta())
        .select_from(table.join(a, a.c.id == table.c.article_id)).where(table.c.id == record_id)
    ).first()
    return _record_item(kind)(row) if row is not None else None


# ---------------------------------------------------------------- overview

def counts(conn: Connection) -> dict[str, int]:
    tables = {"articles": S.articles, "entities": S.entities, "events": S.events, "figures": S.figures,
              "quotes": S.quotes, "clusters": S.clusters, "exchanges": S.exchanges, "conflicts": S.conflicts}
    out = {}
    for name, table in tables.items():
        query = select(func.count()).select_from(table)
        if table is S.entities:
            query = query.where(_is_canonical())
        out[name] = int(conn.execute(query).scalar_one())
    by_kind = dict(conn.execute(select(S.failures.c.kind, func.count()).group_by(S.failures.c.kind)).all())
    out["failures"], out["dropped"] = int(by_kind.get("failed", 0)), int(by_kind.get("dropped", 0))
    return out


def store_version(conn: Connection) -> tuple:
    """Return a cheap fingerprint of the store that changes when an ingest or a linking run writes."""
    a = S.articles
    row = conn.execute(select(func.count(), func.max(a.c.ingested_at), func.sum(a.c.linked))).one()
    linked = [conn.execute(select(func.count()).select_from(t)).scalar_one() for t in (S.clusters, S.conflicts)]
    return (*row, *linked)


def event_types(conn: Connection) -> list[tuple[str, int]]:
    rows = conn.execute(select(S.events.c.type, func.count()).group_by(S.events.c.type)
                        .order_by(func.count().desc(), S.events.c.type)).all()
    return [(r[0], int(r[1])) for r in rows]


def figure_measures(conn: Connection) -> list[tuple[str, int]]:
    rows = conn.execute(select(S.figures.c.measure, func.count()).group_by(S.figures.c.measure)
                        .order_by(func.count().desc(), S.figures.c.measure)).all()
    return [(r[0], int(r[1])) for r in rows]


def entity_names(conn: Connection, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = conn.execute(select(S.entities.c.id, S.entities.c.name).where(S.entities.c.id.in_(ids))).all()
    return {r.id: r.name for r in rows}


def group_by_date(items: list[dict[str, Any]], key) -> list[tuple[str, list[dict[str, Any]]]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    order: list[str] = []
    for item in items:
        k = key(item) or "date unknown"
        if k not in groups:
            order.append(k)
        groups[k].append(item)
    return [(k, groups[k]) for k in order]


# Clusters, conflicts and series (what linking records) are read in linked_queries.py.
from .linked_queries import (  # noqa: E402,F401
    get_cluster, get_conflict, get_series, list_clusters, list_conflicts, list_series,
)

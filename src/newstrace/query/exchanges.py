"""Exchanges as the CLI, the API and the web pages show them: each side, its counts, the mediators, the
reports with their article's title and outlet."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from ..errors import EntityNotFound, ExchangeNotFound
from ..store import schema
from .entities import filter_ids


def list_exchanges(conn: Connection, *, entity: str | None = None) -> list[dict[str, Any]]:
    """Return the exchanges in date order (undated last), each with its articles; with ``entity`` (an
    id, name, alias or role: ``resolve_entity``), only those in which the entity released, was released
    or mediated. Raises EntityNotFound when ``entity`` denotes no stored entity."""
    x, m = schema.exchanges, schema.exchange_members
    query = select(x.c.id, x.c.data).order_by(x.c.date.is_(None), x.c.date, x.c.id)
    if entity is not None:
        ids = filter_ids(conn, entity)
        if not ids:
            raise EntityNotFound(f"no entity named {entity!r} is stored (as an id, name, alias or role)")
        query = query.where(x.c.id.in_(
            select(m.c.exchange_id).where(m.c.kind == "entity", m.c.member_id.in_(ids))))
    rows = conn.execute(query).all()
    return [_summary(conn, row.data) for row in rows]


def exchange_detail(conn: Connection, exchange_id: str) -> dict[str, Any]:
    """Return one exchange with, for each side, the reports of its releases (sentence, article title,
    outlet, date), and the articles that tell it. Raises ExchangeNotFound for an unknown id."""
    x = schema.exchanges
    data = conn.execute(select(x.c.data).where(x.c.id == exchange_id)).scalar_one_or_none()
    if data is None:
        raise ExchangeNotFound(f"no exchange {exchange_id}: list them with `newstrace exchanges`")
    out = _summary(conn, data)
    events = _events(conn, [e for side in data["sides"] for e in side["events"]] + list(data["events"]))
    for side in out["sides"]:
        side["reports"] = [events[e] for e in side["events"] if e in events]
    mediated = [e for e in data["events"] if e in events and events[e]["type"] == "SUPPORT"]
    out["thanks"] = [events[e] for e in mediated]
    return out


def exchanges_of(conn: Connection, kind: str, ids: list[str]) -> dict[str, str]:
    """Return {id: exchange id} for the clusters (``kind="cluster"``) or events (``"event"``) that belong
    to an exchange."""
    if not ids:
        return {}
    m = schema.exchange_members
    rows = conn.execute(
        select(m.c.member_id, m.c.exchange_id).where(m.c.kind == kind, m.c.member_id.in_(ids))
    ).all()
    return {r.member_id: r.exchange_id for r in rows}


def exchanges_of_entity(conn: Connection, entity_ids: list[str]) -> list[dict[str, Any]]:
    """Return the exchanges an entity (any of its ids) took part in, as summaries."""
    m, x = schema.exchange_members, schema.exchanges
    rows = conn.execute(
        select(x.c.data).where(x.c.id.in_(
            select(m.c.exchange_id).where(m.c.kind == "entity", m.c.member_id.in_(entity_ids))))
        .order_by(x.c.date.is_(None), x.c.date, x.c.id)
    ).all()
    return [_summary(conn, row.data) for row in rows]


def _summary(conn: Connection, data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    out["articles"] = _articles(conn, data.get("articles") or [])
    out["sides"] = [dict(side) for side in data.get("sides") or []]
    for side in out["sides"]:
        side["count"] = side_count(side)
    out["title"] = exchange_title(data)
    return out


def side_count(side: dict[str, Any]) -> float | None:
    """Return how many a side freed: the largest count its reports give (several reports of one release
    give the same count again; they are not added up)."""
    values = [f["value"] for f in side.get("figures") or [] if isinstance(f.get("value"), (int, float))]
    return max(values) if values else None


def exchange_title(data: dict[str, Any]) -> str:
    """Return a one-line name for an exchange: "Azerbaijan freed 4 ↔ Armenia freed 15"."""
    parts = []
    for side in data.get("sides") or []:
        who = ", ".join(r["name"] for r in (side.get("released_by") or [])[:2]) or "unnamed party"
        count = side_count(side)
        named = [r["name"] for r in side.get("released") or []]
        freed = f"{count:g}" if count else (", ".join(named[:2]) if named else "?")
        parts.append(f"{who} freed {freed}")
    return " ↔ ".join(parts)


def _articles(conn: Connection, ids: list[str]) -> list[dict[str, Any]]:
    if not ids:
        return []
    a = schema.articles
    rows = conn.execute(
        select(a.c.id, a.c.title, a.c.source, a.c.published, a.c.url, a.c.origin).where(a.c.id.in_(ids))
        .order_by(a.c.published.is_(None), a.c.published, a.c.id)
    ).mappings()
    return [dict(r) for r in rows]


def _events(conn: Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    e, a = schema.events, schema.articles
    rows = conn.execute(
        select(e.c.id, e.c.type, e.c.cluster_id, e.c.data, a.c.id.label("article"), a.c.title, a.c.source,
               a.c.published)
        .join(a, a.c.id == e.c.article_id).where(e.c.id.in_(sorted(set(ids))))
    ).all()
    return {
        r.id: {
            "id": r.id, "type": r.type, "cluster": r.cluster_id, "article": r.article, "title": r.title,
            "source": r.source, "published": r.published, "date": r.data.get("date"),
            "trigger": (r.data.get("trigger") or {}).get("text"),
            "sentence": (r.data.get("sentence") or {}).get("text"),
            "actors": [p["name"] for p in r.data.get("actors") or [] if p],
            "recipients": [p["name"] for p in r.data.get("recipients") or [] if p],
        }
        for r in rows
    }

"""The CLI's ``entity`` page: the entity a name denotes, with its articles, events, quotes and figures."""
from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from ..errors import EntityNotFound
from ..store import schema as S
from .entities import entity_group_ids, resolve_entity
from .summaries import event_summary, figure_side


def entity_profile(conn: Connection, name: str, *, limit: int = 50) -> dict[str, Any]:
    """Return the entity ``name`` denotes (``resolve_entity``: an id, name, alias or role; the most
    mentioned when several): aliases, roles, affiliations, and its first ``limit`` articles, events,
    quotes and figures, oldest first. Raises EntityNotFound when it denotes none."""
    found = resolve_entity(conn, name)
    if not found:
        raise EntityNotFound(
            f"no entity named {name!r} is stored (as an id, name, alias or role); "
            "check the spelling, or run `newstrace link` if articles were ingested with --no-link"
        )
    cid, members = entity_group_ids(conn, found[0])
    t = S.entities
    row = conn.execute(select(t.c.id, t.c.type, t.c.name, t.c.data).where(t.c.id == cid)).one()
    linked = row.data.get("linked") or {}
    return {
        "id": cid, "name": linked.get("name") or row.name, "type": row.type,
        "actor_code": linked.get("actor_code") or row.data.get("actor_code"),
        "aliases": linked.get("aliases") or row.data.get("aliases") or [],
        "roles": linked.get("roles") or row.data.get("roles") or [],
        "descriptions": linked.get("descriptions") or [],
        "affiliations": linked.get("affiliations") or
        ([row.data["affiliation"]] if row.data.get("affiliation") else []),
        "members": members,
        "other_matches": found[1:],
        "articles": _articles_of(conn, members, limit),
        "events": _events_of(conn, members, limit),
        "quotes": _quotes_of(conn, members, limit),
        "figures": _figures_of(conn, members, limit),
    }


def _articles_of(conn: Connection, members: list[str], limit: int) -> list[dict[str, Any]]:
    a, m = S.articles, S.mentions
    rows = conn.execute(
        select(a.c.id, a.c.title, a.c.source, a.c.published, func.count().label("mentions"))
        .join(m, m.c.article_id == a.c.id).where(m.c.entity_id.in_(members))
        .group_by(a.c.id, a.c.title, a.c.source, a.c.published)
        .order_by(a.c.published.is_(None), a.c.published, a.c.id).limit(limit)
    ).mappings()
    return [dict(r) for r in rows]


def _events_of(conn: Connection, members: list[str], limit: int) -> list[dict[str, Any]]:
    e, ee, a = S.events, S.event_entities, S.articles
    rows = conn.execute(
        select(e.c.id, e.c.cluster_id, e.c.data, ee.c.role, a.c.source, a.c.published)
        .join(ee, ee.c.event_id == e.c.id).join(a, a.c.id == e.c.article_id)
        .where(ee.c.entity_id.in_(members))
        .order_by(e.c.date.is_(None), e.c.date, e.c.article_id, e.c.position).limit(limit)
    ).all()
    return [event_summary(r.data, r.cluster_id, r.source, r.published, role=r.role) for r in rows]


def _quotes_of(conn: Connection, members: list[str], limit: int) -> list[dict[str, Any]]:
    q, a = S.quotes, S.articles
    rows = conn.execute(
        select(q.c.data, a.c.source, a.c.published).join(a, a.c.id == q.c.article_id)
        .where(q.c.speaker_id.in_(members))
        .order_by(a.c.published.is_(None), a.c.published, q.c.article_id, q.c.position).limit(limit)
    ).all()
    return [{"id": r.data["id"], "content": r.data["content"]["text"], "cue": r.data.get("cue"),
             "direct": r.data.get("direct"), "article": r.data["article"], "source": r.source,
             "published": r.published} for r in rows]


def _figures_of(conn: Connection, members: list[str], limit: int) -> list[dict[str, Any]]:
    f, a = S.figures, S.articles
    rows = conn.execute(
        select(f.c.series_id, f.c.data, a.c.source, a.c.published).join(a, a.c.id == f.c.article_id)
        .where(f.c.claimed_by_id.in_(members))
        .order_by(a.c.published.is_(None), a.c.published, f.c.article_id, f.c.position).limit(limit)
    ).all()
    return [figure_side(r.data, r.series_id, r.source, r.published) for r in rows]

"""The CLI's ``entity`` page: the entity a name denotes, with its articles, events, quotes and figures."""
from __future__ import annotations

from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.engine import Connection

from ..errors import EntityNotFound
from ..store import schema as S
from .base import frequent
from .entities import entity_group_ids, resolve_entity
from .records import involving
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
    mine = m.c.entity_id.in_(members)
    if frequent(conn, select(m.c.article_id).where(mine)):
        # articles in date order (ix_articles_date_order), each tested by a lookup of its mentions
        chosen = select(a.c.id).where(exists(select(m.c.article_id).where(mine, m.c.article_id == a.c.id)))
    else:
        chosen = select(a.c.id).where(a.c.id.in_(select(m.c.article_id).where(mine)))
    ids = conn.execute(chosen.order_by(a.c.published.is_(None), a.c.published, a.c.id).limit(limit)).scalars().all()
    if not ids:
        return []
    n = dict(conn.execute(select(m.c.article_id, func.count()).where(mine, m.c.article_id.in_(ids))
                          .group_by(m.c.article_id)).all())
    rows = {r.id: r for r in conn.execute(select(a.c.id, a.c.title, a.c.source, a.c.published)
                                          .where(a.c.id.in_(ids)))}
    return [{"id": i, "title": rows[i].title, "source": rows[i].source, "published": rows[i].published,
             "mentions": int(n[i])} for i in ids]


def _events_of(conn: Connection, members: list[str], limit: int) -> list[dict[str, Any]]:
    """Return the first ``limit`` (event, role) pairs of the entity's events in date order."""
    e, ee, a = S.events, S.event_entities, S.articles
    scan, _ = involving(conn, e.c.id, members)
    ids = conn.execute(select(e.c.id).where(scan)
                       .order_by(e.c.date.is_(None), e.c.date, e.c.article_id, e.c.position, e.c.id)
                       .limit(limit)).scalars().all()
    if not ids:
        return []
    rows = conn.execute(
        select(e.c.id, e.c.cluster_id, e.c.data, ee.c.role, a.c.source, a.c.published)
        .join(ee, ee.c.event_id == e.c.id).join(a, a.c.id == e.c.article_id)
        .where(e.c.id.in_(ids), ee.c.entity_id.in_(members))
        .order_by(ee.c.role)
    ).all()
    by_event: dict[str, list] = {}
    for r in rows:
        by_event.setdefault(r.id, []).append(r)
    pairs = [r for i in ids for r in by_event.get(i, ())][:limit]
    return [event_summary(r.data, r.cluster_id, r.source, r.published, role=r.role) for r in pairs]


def _first_by_article_date(conn: Connection, table, column, members: list[str], limit: int, columns) -> list:
    """Return rows of ``table`` whose ``column`` is one of ``members``, by their article's publication
    date (undated last), then article and position; at most ``limit``.

    For a speaker or claimant of many records, the articles are read in date order
    (ix_articles_date_order) and each tested for such a record; for one of few, they are gathered.
    """
    a = S.articles
    mine = column.in_(members)
    order = [a.c.published.is_(None), a.c.published, table.c.article_id, table.c.position]
    query = select(*columns).join(a, a.c.id == table.c.article_id).where(mine)
    if frequent(conn, select(table.c.id).where(mine)):
        # `|| ''` keeps SQLite from looking the test up by speaker (every record of theirs, per
        # article): it looks up the article's few records instead
        unindexed = (column + "").in_(members)
        articles = conn.execute(
            select(a.c.id).where(exists(select(table.c.id).where(unindexed, table.c.article_id == a.c.id)))
            .order_by(a.c.published.is_(None), a.c.published, a.c.id).limit(limit)
        ).scalars().all()
        query = query.where(table.c.article_id.in_(articles))
    return conn.execute(query.order_by(*order).limit(limit)).all()


def _quotes_of(conn: Connection, members: list[str], limit: int) -> list[dict[str, Any]]:
    q, a = S.quotes, S.articles
    rows = _first_by_article_date(conn, q, q.c.speaker_id, members, limit, (q.c.data, a.c.source, a.c.published))
    return [{"id": r.data["id"], "content": r.data["content"]["text"], "cue": r.data.get("cue"),
             "direct": r.data.get("direct"), "article": r.data["article"], "source": r.source,
             "published": r.published} for r in rows]


def _figures_of(conn: Connection, members: list[str], limit: int) -> list[dict[str, Any]]:
    f, a = S.figures, S.articles
    rows = _first_by_article_date(conn, f, f.c.claimed_by_id, members, limit,
                                  (f.c.series_id, f.c.data, a.c.source, a.c.published))
    return [figure_side(r.data, r.series_id, r.source, r.published) for r in rows]

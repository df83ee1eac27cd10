"""Read views over the links: a timeline of clusters, an entity's page, the conflicts with both sides.

Plain dicts of JSON-ready values, for the CLI (``--json`` prints them as they are) and the web API.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, func, or_, select
from sqlalchemy.engine import Engine

from ..errors import NewstraceError
from ..ids import entity_key
from ..lang.names import parse_person, role_signature
from ..store import schema
from ..timeframe import interval_of, parse_point


class EntityNotFound(NewstraceError):
    """No stored entity has the name, alias or role asked for."""


def _engine(store) -> Engine:
    return store if isinstance(store, Engine) else store.engine


def parse_bound(value: str | None, *, end: bool) -> date | None:
    """Return the first (or last, ``end``) day of a YYYY[-MM[-DD]] bound, None for None."""
    if value is None:
        return None
    interval = parse_point(value)
    return interval.hi if end else interval.lo


# -- entities -------------------------------------------------------------------------------------

def find_entities(conn: Connection, name: str) -> list[str]:
    """Return the canonical ids an entity name, alias or role may denote, most mentioned first."""
    t, m = schema.entities, schema.mentions
    key = entity_key(name)
    if not key:
        return []
    found: set[str] = set()
    for row in conn.execute(select(t.c.id, t.c.name, t.c.canonical_id).where(func.lower(t.c.name) == name.lower())):
        found.add(row.canonical_id or row.id)
    if not found:
        person = parse_person(name)
        if person is not None and person.bare:
            like = conn.execute(
                select(t.c.id, t.c.name, t.c.canonical_id)
                .where(t.c.type == "PERSON", func.lower(t.c.name).like(f"% {name.lower()}"))
            ).all()
            found |= {r.canonical_id or r.id for r in like if entity_key(r.name).endswith(" " + key)}
    if not found:
        # Aliases and roles live in the data of the canonical rows ("the Russian president").
        wanted = role_signature(name)
        for row in conn.execute(select(t.c.id, t.c.data).where(or_(t.c.canonical_id == t.c.id,
                                                                  t.c.canonical_id.is_(None)))):
            linked = row.data.get("linked") or row.data
            words = [*(linked.get("aliases") or ()), *(linked.get("roles") or ()),
                     *(linked.get("descriptions") or ()), row.data.get("role") or ""]
            if any(role_signature(w) == wanted for w in words if w):
                found.add(row.id)
    if not found:
        return []
    counts = {}
    for cid in found:
        members = select(t.c.id).where(or_(t.c.canonical_id == cid, t.c.id == cid))
        counts[cid] = conn.execute(
            select(func.count()).select_from(m).where(m.c.entity_id.in_(members))
        ).scalar_one()
    return sorted(found, key=lambda c: (-counts[c], c))


def _members(conn: Connection, canonical_id: str) -> list[str]:
    t = schema.entities
    ids = set(conn.execute(select(t.c.id).where(t.c.canonical_id == canonical_id)).scalars())
    return sorted(ids | {canonical_id})


def entity_profile(store, name: str, *, limit: int = 50) -> dict[str, Any]:
    """Return the canonical entity a name denotes: aliases, roles, affiliations, articles, events,
    quotes and figures. Raises EntityNotFound when nothing stored has that name, alias or role."""
    t = schema.entities
    with _engine(store).connect() as conn:
        found = find_entities(conn, name)
        if not found:
            raise EntityNotFound(
                f"no entity named {name!r} is stored (as a name, alias or role); "
                "check the spelling, or run `newstrace link` if articles were ingested with --no-link"
            )
        cid = found[0]
        members = _members(conn, cid)
        row = conn.execute(select(t.c.id, t.c.type, t.c.name, t.c.data).where(t.c.id == cid)).one()
        linked = row.data.get("linked") or {}
        profile: dict[str, Any] = {
            "id": cid, "name": linked.get("name") or row.name, "type": row.type,
            "actor_code": linked.get("actor_code") or row.data.get("actor_code"),
            "aliases": linked.get("aliases") or row.data.get("aliases") or [],
            "roles": linked.get("roles") or row.data.get("roles") or [],
            "descriptions": linked.get("descriptions") or [],
            "affiliations": linked.get("affiliations") or
            ([row.data["affiliation"]] if row.data.get("affiliation") else []),
            "members": members,
            "other_matches": found[1:],
        }
        profile["articles"] = _articles_of(conn, members, limit)
        profile["events"] = _events_of(conn, members, limit)
        profile["quotes"] = _quotes_of(conn, members, limit)
        profile["figures"] = _figures_of(conn, members, limit)
    return profile


def _articles_of(conn: Connection, members: list[str], limit: int) -> list[dict[str, Any]]:
    a, m = schema.articles, schema.mentions
    rows = conn.execute(
        select(a.c.id, a.c.title, a.c.source, a.c.published, func.count().label("mentions"))
        .join(m, m.c.article_id == a.c.id).where(m.c.entity_id.in_(members))
        .group_by(a.c.id, a.c.title, a.c.source, a.c.published)
        .order_by(a.c.published.is_(None), a.c.published, a.c.id).limit(limit)
    ).mappings()
    return [dict(r) for r in rows]


def _events_of(conn: Connection, members: list[str], limit: int) -> list[dict[str, Any]]:
    e, ee, a = schema.events, schema.event_entities, schema.articles
    rows = conn.execute(
        select(e.c.id, e.c.cluster_id, e.c.data, ee.c.role, a.c.source, a.c.published)
        .join(ee, ee.c.event_id == e.c.id).join(a, a.c.id == e.c.article_id)
        .where(ee.c.entity_id.in_(members))
        .order_by(e.c.date.is_(None), e.c.date, e.c.article_id, e.c.position).limit(limit)
    ).all()
    return [_event_summary(r.data, r.cluster_id, r.source, r.published, role=r.role) for r in rows]


def _event_summary(data, cluster_id, source, published, **extra) -> dict[str, Any]:
    return {
        "id": data["id"], "type": data["type"], "mode": data.get("mode"), "factuality": data.get("factuality"),
        "date": data.get("date"), "actors": [r["name"] for r in data.get("actors") or ()],
        "recipients": [r["name"] for r in data.get("recipients") or ()],
        "trigger": data["trigger"]["text"], "sentence": data["sentence"]["text"].strip(),
        "article": data["article"], "source": source, "published": published, "cluster": cluster_id, **extra,
    }


def _quotes_of(conn: Connection, members: list[str], limit: int) -> list[dict[str, Any]]:
    q, a = schema.quotes, schema.articles
    rows = conn.execute(
        select(q.c.data, a.c.source, a.c.published).join(a, a.c.id == q.c.article_id)
        .where(q.c.speaker_id.in_(members))
        .order_by(a.c.published.is_(None), a.c.published, q.c.article_id, q.c.position).limit(limit)
    ).all()
    return [{"id": r.data["id"], "content": r.data["content"]["text"], "cue": r.data.get("cue"),
             "direct": r.data.get("direct"), "article": r.data["article"], "source": r.source,
             "published": r.published} for r in rows]


def _figures_of(conn: Connection, members: list[str], limit: int) -> list[dict[str, Any]]:
    f, a = schema.figures, schema.articles
    rows = conn.execute(
        select(f.c.series_id, f.c.data, a.c.source, a.c.published).join(a, a.c.id == f.c.article_id)
        .where(f.c.claimed_by_id.in_(members))
        .order_by(a.c.published.is_(None), a.c.published, f.c.article_id, f.c.position).limit(limit)
    ).all()
    return [_figure_side(r.data, r.series_id, r.source, r.published) for r in rows]


def _figure_side(data, series_id, source, published, title: str | None = None) -> dict[str, Any]:
    return {
        "id": data["id"], "text": data["span"]["text"], "value": data.get("value"),
        "qualifier": data.get("qualifier"), "measure": data.get("measure"), "counted": data.get("counted"),
        "as_of": data.get("as_of"), "claimed_by": (data.get("claimed_by") or {}).get("name") or source,
        "sentence": data["sentence"]["text"].strip(), "article": data["article"], "title": title,
        "source": source, "published": published, "series": series_id,
    }


# -- timeline ---------------------------------------------------------------------------------

def timeline(store, *, entity: str | None = None, since: str | None = None, until: str | None = None,
             limit: int | None = None) -> list[dict[str, Any]]:
    """Return the clusters (real-world events) in date order, undated last, each with its reports.

    ``entity`` keeps the clusters that entity takes part in; ``since``/``until`` (YYYY[-MM[-DD]])
    keep dated clusters whose date overlaps the period.
    """
    lo, hi = parse_bound(since, end=False), parse_bound(until, end=True)
    c, e, ee, a = schema.clusters, schema.events, schema.event_entities, schema.articles
    with _engine(store).connect() as conn:
        query = select(c.c.id, c.c.date, c.c.data).order_by(c.c.date.is_(None), c.c.date, c.c.id)
        if entity is not None:
            found = find_entities(conn, entity)
            if not found:
                raise EntityNotFound(f"no entity named {entity!r} is stored (as a name, alias or role)")
            members = _members(conn, found[0])
            query = query.where(c.c.id.in_(
                select(e.c.cluster_id).join(ee, ee.c.event_id == e.c.id).where(ee.c.entity_id.in_(members))
            ))
        if lo is not None:
            query = query.where(c.c.date >= f"{lo.year:04d}")
        if hi is not None:
            query = query.where(c.c.date <= hi.isoformat())
        out = []
        for row in conn.execute(query):
            when = interval_of(row.data.get("date"))
            if (lo or hi) and (when is None or (lo and when.hi < lo) or (hi and when.lo > hi)):
                continue
            out.append({**row.data, "reports": []})
            if limit is not None and len(out) >= limit:
                break
        by_id = {x["id"]: x for x in out}
        if by_id:
            rows = conn.execute(
                select(e.c.cluster_id, e.c.data, a.c.source, a.c.published, a.c.title)
                .join(a, a.c.id == e.c.article_id).where(e.c.cluster_id.in_(list(by_id)))
                .order_by(a.c.published.is_(None), a.c.published, e.c.article_id, e.c.position)
            ).all()
            for r in rows:
                by_id[r.cluster_id]["reports"].append(
                    _event_summary(r.data, r.cluster_id, r.source, r.published, title=r.title))
    return out


# -- conflicts --------------------------------------------------------------------------------

def conflicts(store, *, relation: str | None = None) -> list[dict[str, Any]]:
    """Return every conflict with both sides: value, sentence, claimant, source and date."""
    k, f, a = schema.conflicts, schema.figures, schema.articles
    with _engine(store).connect() as conn:
        query = select(k.c.data).order_by(k.c.series_id, k.c.id)
        if relation is not None:
            query = query.where(k.c.relation == relation)
        items = [dict(r.data) for r in conn.execute(query)]
        ids = {fid for item in items for fid in item["figures"]}
        sides: dict[str, dict[str, Any]] = {}
        if ids:
            for r in conn.execute(
                select(f.c.id, f.c.series_id, f.c.data, a.c.source, a.c.published, a.c.title)
                .join(a, a.c.id == f.c.article_id).where(f.c.id.in_(ids))
            ):
                sides[r.id] = _figure_side(r.data, r.series_id, r.source, r.published, r.title)
    for item in items:
        item["sides"] = [sides[fid] for fid in item["figures"] if fid in sides]
    return items


def series_members(store, series_id: str) -> list[dict[str, Any]]:
    """Return the figures of one series in time order."""
    f, a = schema.figures, schema.articles
    with _engine(store).connect() as conn:
        rows = conn.execute(
            select(f.c.series_id, f.c.data, a.c.source, a.c.published, a.c.title)
            .join(a, a.c.id == f.c.article_id).where(f.c.series_id == series_id)
            .order_by(a.c.published.is_(None), a.c.published, f.c.article_id, f.c.position)
        ).all()
    return [_figure_side(r.data, r.series_id, r.source, r.published, r.title) for r in rows]

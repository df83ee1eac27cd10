"""What the charts draw: events per period and type, and an entity's counterparts by direction and type."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, func, select

from ..store import schema

MONTHLY_UP_TO = 36  # months on one chart; a longer span is drawn by year


def events_by_period(conn: Connection, entity_ids: list[str] | None = None) -> list[tuple[str, str, int]]:
    """Return ``(period, PLOVER type, count)`` for the dated events (of the entity's ids, when given),
    by month when they span at most ``MONTHLY_UP_TO`` months, else by year."""
    e, ee = schema.events, schema.event_entities
    scope = e.c.date.is_not(None)
    if entity_ids:
        scope = scope & e.c.id.in_(select(ee.c.event_id).where(ee.c.entity_id.in_(entity_ids)))
    month = func.substr(e.c.date, 1, 7)
    months = conn.execute(
        select(func.count(func.distinct(month))).where(scope, func.length(e.c.date) >= 7)).scalar_one()
    if months and months <= MONTHLY_UP_TO:
        period, scope = month, scope & (func.length(e.c.date) >= 7)
    else:
        period = func.substr(e.c.date, 1, 4)
    rows = conn.execute(
        select(period.label("period"), e.c.type, func.count()).where(scope).group_by(period, e.c.type)
    ).all()
    return [(r[0], r[1], int(r[2])) for r in rows]


def counterparts(conn: Connection, member_ids: list[str], limit: int = 14,
                 events: int = 5000) -> list[dict[str, Any]]:
    """Return who acts on the entity (``direction`` "by") and on whom it acts ("on"), with counts by
    event type, the most frequent counterparts first. A counterpart is a canonical entity, or the party
    as the text names it when no entity stands for it ("15 detainees"); at most ``events`` of the
    entity's events are read."""
    if not member_ids:
        return []
    ee, e, ent = schema.event_entities, schema.events, schema.entities
    rows = conn.execute(
        select(e.c.id, e.c.type, e.c.data, ee.c.role).join(ee, ee.c.event_id == e.c.id)
        .where(ee.c.entity_id.in_(member_ids), ee.c.role.in_(("actor", "recipient")))
        .order_by(e.c.id).limit(events)
    ).all()
    mine = set(member_ids)
    party_ids = {p["id"] for r in rows for key in ("actors", "recipients") for p in r.data.get(key) or []
                 if p and p.get("id")}
    canonical, names = {}, {}
    if party_ids:
        for row in conn.execute(select(ent.c.id, ent.c.canonical_id, ent.c.name).where(ent.c.id.in_(sorted(party_ids)))):
            canonical[row.id] = row.canonical_id or row.id
        for row in conn.execute(select(ent.c.id, ent.c.name).where(ent.c.id.in_(sorted(set(canonical.values()))))):
            names[row.id] = row.name
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    labels: dict[str, tuple[str | None, str]] = {}
    seen: set[tuple[str, str]] = set()
    for row in rows:
        direction, side = ("on", "recipients") if row.role == "actor" else ("by", "actors")
        if (row.id, direction) in seen:
            continue
        seen.add((row.id, direction))
        for party in row.data.get(side) or []:
            if not party or not party.get("name"):
                continue
            if party.get("id"):
                cid = canonical.get(party["id"], party["id"])
                if cid in mine or party["id"] in mine:
                    continue
                key, label = cid, (cid, names.get(cid) or party["name"])
            else:
                name = " ".join(party["name"].split())
                key, label = "name:" + name.lower(), (None, name)
            labels.setdefault(key, label)
            counts[(key, direction)][row.type] += 1
    totals: dict[str, int] = defaultdict(int)
    for (key, _), types in counts.items():
        totals[key] += sum(types.values())
    keep = sorted(totals, key=lambda k: (-totals[k], labels[k][1]))[:limit]
    return [
        {"id": labels[k][0], "name": labels[k][1], "direction": direction, "types": dict(counts[(k, direction)])}
        for k in keep for direction in ("by", "on") if (k, direction) in counts
    ]

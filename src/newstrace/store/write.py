"""Write one article and all its records in one transaction: all of them or none.

The rows carry the columns the store filters and joins on; ``data`` holds the record's export dict.
"""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from ..errors import StoreError
from ..records import ArticleResult, DateValue, Entity, Event
from ..timeframe import sortable
from . import schema
from .connect import WRITE_OPTION

EVENT_ROLES = ("actor", "recipient", "location", "reported_by")


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")  # orders linking within a second


def sortable_date(value: DateValue | None) -> str | None:
    """Return the date as a sortable YYYY[-MM[-DD]] string (a range's start, a week's Monday), or None."""
    if value is None:
        return None
    return sortable(value.start if value.start is not None else value.value)


def insert_ignoring_duplicates(conn: Connection, table: Table):
    """Return ``INSERT ... ON CONFLICT DO NOTHING`` for the connection's dialect."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(table).on_conflict_do_nothing()


def write_result(engine: Engine, result: ArticleResult) -> bool:
    """Store an article and all its records in one transaction; return False if it was stored before."""
    article = result.article
    try:
        with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
            inserted = conn.execute(
                insert_ignoring_duplicates(conn, schema.articles).returning(schema.articles.c.id),
                _article_row(result),
            ).first()
            if inserted is None:
                return False  # leaving the block commits an empty transaction: nothing was written
            _write_entities(conn, result.entities)
            _write_records(conn, result)
    except IntegrityError as exc:
        raise StoreError(
            f"article {article.id} ({article.origin or article.title or 'no origin'}) was not stored, "
            f"because one of its records breaks a rule of the store: {one_line(exc.orig)}. "
            "Nothing of this article was written; this is a bug in an extractor, please report it"
        ) from exc
    except DBAPIError as exc:
        raise StoreError(
            f"article {article.id} ({article.origin or 'no origin'}) was not stored: {one_line(exc.orig)}. "
            "Nothing of this article was written; check that the store is reachable and writable"
        ) from exc
    return True


def one_line(error: BaseException | None) -> str:
    """Return an error's message on one line, for a one-line report."""
    return " ".join(str(error).split()).rstrip(".")


def _article_row(result: ArticleResult) -> dict[str, Any]:
    a = result.article
    return {
        "id": a.id, "title": a.title, "source": a.source, "byline": a.byline, "url": a.url,
        "published": a.published, "language": a.language, "length": len(a.text), "origin": a.origin,
        "text": a.text, "meta": a.meta, "ingested_at": now_utc(), "linked": 0,
    }


def _entity_data(entity: Entity) -> dict[str, Any]:
    data = entity.to_dict()
    del data["mentions"]
    data["roles"] = [entity.role] if entity.role else []
    return data


def merge_entity_data(stored: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Return the stored entity data with the aliases and roles of ``new`` added; the first name stays."""
    merged = dict(stored)
    aliases = list(stored.get("aliases") or [])
    for alias in [new["name"], *new.get("aliases", [])]:
        if alias not in aliases and alias != stored["name"]:
            aliases.append(alias)
    merged["aliases"] = aliases
    roles = list(stored.get("roles") or ([stored["role"]] if stored.get("role") else []))
    for role in new.get("roles", []):
        if role not in roles:
            roles.append(role)
    merged["roles"] = roles
    for key in ("role", "affiliation", "actor_code"):
        if merged.get(key) is None and new.get(key) is not None:
            merged[key] = new[key]
    return merged


def _write_entities(conn: Connection, entities: list[Entity]) -> None:
    by_id: dict[str, dict[str, Any]] = {}
    for entity in entities:  # an extractor may hand the same entity twice: merge, don't fail
        data = _entity_data(entity)
        by_id[entity.id] = merge_entity_data(by_id[entity.id], data) if entity.id in by_id else data
    if not by_id:
        return
    rows = [
        {"id": i, "type": d["type"], "name": d["name"], "actor_code": d.get("actor_code"), "data": d}
        for i, d in by_id.items()
    ]
    created = set(conn.execute(
        insert_ignoring_duplicates(conn, schema.entities).returning(schema.entities.c.id), rows,
    ).scalars())
    seen_before = [i for i in by_id if i not in created]
    if seen_before:
        t = schema.entities
        stored = conn.execute(
            select(t.c.id, t.c.data).where(t.c.id.in_(seen_before)).with_for_update()
        ).all()
        for entity_id, data in stored:
            merged = merge_entity_data(data, by_id[entity_id])
            if merged != data:
                conn.execute(
                    update(t).where(t.c.id == entity_id)
                    .values(data=merged, actor_code=merged.get("actor_code"))
                )
    mention_rows = {
        (entity.id, m.article, m.span.start): {
            "entity_id": entity.id, "article_id": m.article, "start": m.span.start,
            "end": m.span.end, "text": m.span.text,
        }
        for entity in entities for m in entity.mentions
    }
    if mention_rows:
        conn.execute(schema.mentions.insert(), list(mention_rows.values()))


def _event_entity_rows(event: Event) -> list[dict[str, Any]]:
    refs = [
        *(("actor", r) for r in event.actors),
        *(("recipient", r) for r in event.recipients),
        ("location", event.location),
        ("reported_by", event.reported_by),
    ]
    rows = {
        (ref.id, role): {"event_id": event.id, "entity_id": ref.id, "role": role}
        for role, ref in refs if ref is not None and ref.id is not None
    }
    return list(rows.values())


def _write_records(conn: Connection, result: ArticleResult) -> None:
    article_id = result.article.id
    if result.events:
        conn.execute(schema.events.insert(), [
            {
                "id": e.id, "article_id": article_id, "type": e.type, "mode": e.mode, "cameo": e.cameo,
                "factuality": e.factuality, "date": sortable_date(e.date), "cluster_id": e.cluster,
                "position": e.trigger.start, "data": e.to_dict(),
            }
            for e in result.events
        ])
        links = [row for e in result.events for row in _event_entity_rows(e)]
        if links:
            conn.execute(schema.event_entities.insert(), links)
    if result.figures:
        conn.execute(schema.figures.insert(), [
            {
                "id": f.id, "article_id": article_id, "measure": f.measure, "value": f.value,
                "as_of": sortable_date(f.as_of),
                "claimed_by_id": f.claimed_by.id if f.claimed_by is not None else None,
                "series_id": f.series, "position": f.span.start, "data": f.to_dict(),
            }
            for f in result.figures
        ])
    if result.quotes:
        conn.execute(schema.quotes.insert(), [
            {
                "id": q.id, "article_id": article_id,
                "speaker_id": q.speaker.id if q.speaker is not None else None,
                "position": q.content.start, "data": q.to_dict(),
            }
            for q in result.quotes
        ])


def record_failure(engine: Engine, origin: str, reason: str, kind: str = "failed") -> None:
    """Record that the input ``origin`` failed (or, ``kind="dropped"``, was read but not kept), and why."""
    if kind not in schema.FAILURE_KINDS:
        raise ValueError(f"a failure's kind is one of {schema.FAILURE_KINDS}, not {kind!r}")
    with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
        conn.execute(schema.failures.insert().values(origin=origin, reason=reason, at=now_utc(), kind=kind))

"""The events as the field's flat file: one row per event and dyad, plain columns (``events-tsv``).

Phoenix, ICEWS and POLECAT ship events as one tab-separated row with a source, a target, a code, a
place and a date, which R's ``read.delim`` and pandas' ``read_csv(sep="\\t")`` load as they are. This
is that file for newstrace's events:

- one row per (actor, recipient) pair: an event with two actors and one recipient is two rows with the
  same ``id``; an event with actors and no recipient has one row per actor and an empty target, and one
  with no actor one row per recipient and an empty source (an event with neither: one row);
- ``source_code``/``target_code`` are the CAMEO actor code of the party on the event's date when
  extraction coded it, else the actor code of its (canonical) entity; ``*_country`` is the ISO 3166
  alpha-3 country that code starts with;
- ``date`` is ``YYYY[-MM[-DD]]``, or ``START/END`` (an ISO 8601 interval) for a range, with
  ``date_granularity``; ``place``, ``country``, ``admin1``, ``lat``, ``lon`` come from the event's
  location as far as it is resolved;
- a column the extraction did not fill is empty, never guessed. Tabs and line breaks inside a value
  become spaces; a value holding a double quote is quoted CSV-style (``"`` doubled), as both readers
  expect.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select

from .kb.codes import country_of
from .store import schema

EVENT_COLUMNS = (
    "id", "date", "date_granularity", "source_name", "source_code", "source_country", "plover", "mode",
    "cameo", "target_name", "target_code", "target_country", "factuality", "place", "country", "admin1",
    "lat", "lon", "cluster", "outlet", "url", "sentence",
)


def event_rows(store) -> Iterator[dict[str, Any]]:
    """Yield one dict per event and dyad with the keys of ``EVENT_COLUMNS`` (None where unknown)."""
    outlets, codes = _lookups(store.engine)
    for event in store.iter_records("event"):
        yield from _rows(event, outlets, codes)


def _lookups(engine) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    a, e = schema.articles, schema.entities
    with engine.connect() as conn:
        outlets = {row.id: (row.source, row.url) for row in conn.execute(select(a.c.id, a.c.source, a.c.url))}
        entity_rows = conn.execute(select(e.c.id, e.c.canonical_id, e.c.actor_code)).all()
    own = {row.id: row.actor_code for row in entity_rows}
    # a name variant's code is its canonical entity's when it has none of its own
    codes = {row.id: row.actor_code or own.get(row.canonical_id or "") for row in entity_rows}
    return outlets, {k: v for k, v in codes.items() if v}


def _rows(event: dict[str, Any], outlets, codes) -> Iterator[dict[str, Any]]:
    date = event.get("date") or {}
    value = date.get("value")
    if isinstance(value, dict):
        value = "/".join(v for v in (value.get("start"), value.get("end")) if v) or None
    place = event.get("location") or {}
    outlet, url = outlets.get(event.get("article"), ("", ""))
    base = {
        "id": event["id"], "date": value, "date_granularity": date.get("granularity") if value else None,
        "plover": event.get("type"), "mode": event.get("mode"), "cameo": event.get("cameo"),
        "factuality": event.get("factuality"), "place": place.get("name"), "country": place.get("country"),
        "admin1": place.get("admin1"), "lat": place.get("lat"), "lon": place.get("lon"),
        "cluster": event.get("cluster"), "outlet": outlet or None, "url": url or None,
        "sentence": (event.get("sentence") or {}).get("text"),
    }
    actors = _distinct(event.get("actors")) or [None]
    recipients = _distinct(event.get("recipients")) or [None]
    for actor in actors:
        for recipient in recipients:
            row = dict(base)
            row.update(_party("source", actor, codes))
            row.update(_party("target", recipient, codes))
            yield {k: _plain(v) for k, v in row.items()}


def _distinct(parties: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    seen, out = set(), []
    for party in parties or []:
        key = (party.get("id"), party.get("name"))
        if key not in seen:
            seen.add(key)
            out.append(party)
    return out


def _party(side: str, party: dict[str, Any] | None, codes: dict[str, str]) -> dict[str, Any]:
    if party is None:
        return {f"{side}_name": None, f"{side}_code": None, f"{side}_country": None}
    code = party.get("code") or codes.get(party.get("id") or "")
    return {f"{side}_name": party.get("name"), f"{side}_code": code, f"{side}_country": country_of(code)}


def _plain(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split()) if any(c in value for c in "\t\r\n") else value
    return value

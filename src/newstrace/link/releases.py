"""Release events and the parties they name: what exchanges (exchanges.py) are read from.

A release is a stored RETREAT/release event that happened (asserted or historical), with the dates it
can be compared on: its stated date, or the week before its article's publication when undated.
``Parties`` looks up the entities releases, thanks and deals name, as they are needed.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pycountry
from sqlalchemy import Connection, select

from ..kb.codes import country_of
from ..records import EntityRef
from ..store import schema
from ..timeframe import Interval, day_of, interval_of
from . import timeframes

HAPPENED = ("asserted", "historical")
UNDATED_WINDOW_DAYS = 7


@dataclass(slots=True)
class Release:
    id: str
    article: str
    cluster: str | None
    data: dict[str, Any]
    when: Interval | None  # the stated date
    window: Interval | None  # the stated date, or the week before publication when undated
    position: int

    @property
    def actors(self) -> list[dict[str, Any]]:
        return [a for a in self.data.get("actors") or [] if a]

    @property
    def stated(self) -> bool:
        """Whether the release's sentence names who released (not the rest of the article: a releaser
        read from another sentence, a holder or the place released from, issue 13)."""
        start, end = self.sentence.get("start"), self.sentence.get("end")
        spans = [a.get("span") for a in self.actors]
        if start is None or end is None or not spans or any(s is None for s in spans):
            return bool(self.actors)
        return all(start <= s["start"] and s["end"] <= end for s in spans)

    @property
    def recipients(self) -> list[dict[str, Any]]:
        return [r for r in self.data.get("recipients") or [] if r]

    @property
    def sentence(self) -> dict[str, Any]:
        return self.data.get("sentence") or {}


class Parties:
    """Canonical ids, codes, names and types of the entities the releases name, read as they are needed
    (a store's entities are many; the parties of releases, thanks and deals are few)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._rows: dict[str, Any] = {}

    def _load(self, ids) -> None:
        missing = sorted({i for i in ids if i and i not in self._rows})
        e = schema.entities
        for start in range(0, len(missing), 500):
            chunk = missing[start:start + 500]
            for row in self._conn.execute(
                    select(e.c.id, e.c.canonical_id, e.c.actor_code, e.c.name, e.c.type).where(e.c.id.in_(chunk))):
                self._rows[row.id] = row
            for i in chunk:
                self._rows.setdefault(i, None)
        canon = {r.canonical_id for i in missing if (r := self._rows.get(i)) is not None and r.canonical_id}
        if canon - self._rows.keys():
            self._load(canon)

    def _row(self, entity_id: str | None):
        if not entity_id:
            return None
        if entity_id not in self._rows:
            self._load([entity_id])
        return self._rows.get(entity_id)

    def canonical_id(self, entity_id: str) -> str:
        row = self._row(entity_id)
        return (row.canonical_id or row.id) if row is not None else entity_id

    def code_of(self, entity_id: str | None) -> str | None:
        row = self._row(entity_id)
        if row is None:
            return None
        if row.actor_code:
            return row.actor_code
        canonical = self._row(row.canonical_id) if row.canonical_id else None
        return canonical.actor_code if canonical is not None else None

    def type_of(self, entity_id: str | None) -> str | None:
        row = self._row(entity_id)
        return row.type if row is not None else None

    def name_of(self, entity_id: str) -> str | None:
        row = self._row(entity_id)
        return row.name if row is not None else None

    def preload(self, releases: list[Release]) -> None:
        self._load({p["id"] for r in releases for p in r.actors + r.recipients if p.get("id")})

    def key(self, party: dict[str, Any]) -> str:
        if party.get("id"):
            return self.canonical_id(party["id"])
        return "name:" + " ".join((party.get("name") or "").lower().split())

    def country(self, party: dict[str, Any]) -> str | None:
        code = party.get("code") or self.code_of(party.get("id"))
        return country_of(code)

    def countries(self, parties: list[dict[str, Any]]) -> set[str]:
        return {c for c in (self.country(p) for p in parties) if c}

    def ref(self, party: dict[str, Any]) -> EntityRef:
        if party.get("id"):
            cid = self.canonical_id(party["id"])
            return EntityRef(cid, self.name_of(cid) or party.get("name") or "")
        return EntityRef(None, party.get("name") or "")


def load_releases(conn: Connection) -> list[Release]:
    e, a = schema.events, schema.articles
    rows = conn.execute(
        select(e.c.id, e.c.article_id, e.c.cluster_id, e.c.position, e.c.data, a.c.published)
        .join(a, a.c.id == e.c.article_id)
        .where(e.c.type == "RETREAT", e.c.mode == "release", e.c.factuality.in_(HAPPENED))
        .order_by(e.c.article_id, e.c.position, e.c.id)
    ).all()
    return [
        Release(r.id, r.article_id, r.cluster_id, r.data, *release_dates(r.data.get("date"), r.published), r.position or 0)
        for r in rows
    ]


def release_dates(date: dict[str, Any] | None, published: str | None) -> tuple[Interval | None, Interval | None]:
    stated = interval_of(date)
    if stated is not None:
        return stated, stated
    pub = day_of(published)
    if pub is None:
        return None, None
    return None, Interval(pub - timedelta(days=UNDATED_WINDOW_DAYS), pub, "range")


def compatible(a: Interval | None, b: Interval | None) -> bool:
    return a is None or b is None or timeframes.compatible(a, b)


def mentioned(conn, release: Release, start: int | None = None) -> list[str]:
    """Return the ids of the entities mentioned in a release's sentence (from ``start``, an offset in it)."""
    m, sentence = schema.mentions, release.sentence
    if "start" not in sentence:
        return []
    lo = sentence["start"] + (start or 0)
    return list(conn.execute(
        select(m.c.entity_id).where(m.c.article_id == release.article, m.c.start >= lo, m.c.end <= sentence["end"])
    ).scalars())


def towns(conn, releases: list[Release], parties: Parties) -> set[str]:
    """Return the places below a country named in the releases' sentences ("Khan Yunis", not "Israel")."""
    out = set()
    for r in releases:
        for entity_id in mentioned(conn, r):
            if parties.type_of(entity_id) in ("GPE", "LOC", "FAC") and not is_country(parties.name_of(entity_id)):
                out.add(parties.canonical_id(entity_id))
    return out


def is_country(name: str | None) -> bool:
    """Return whether ``name`` is a country's name ("Israel"), as opposed to a town or region."""
    try:
        pycountry.countries.lookup(name or "")
    except LookupError:
        return False
    return True


def countries_after(conn, release: Release, offset: int, parties: Parties) -> set[str]:
    """Return the countries of the entities (nationalities included) named after ``offset`` in the
    release's sentence: "in an exchange for Palestinian detainees" -> {"PSE"}."""
    return {c for c in (country_of(parties.code_of(i)) for i in mentioned(conn, release, offset)) if c}


def sentence_countries(conn, releases: list[Release], parties: Parties) -> set[str]:
    """Return the countries of the entities named in the releases' sentences (nationalities included)."""
    m = schema.mentions
    out: set[str] = set()
    for r in releases:
        sentence = r.sentence
        if "start" not in sentence:
            continue
        ids = conn.execute(
            select(m.c.entity_id).where(m.c.article_id == r.article, m.c.start >= sentence["start"],
                                        m.c.end <= sentence["end"])
        ).scalars()
        out |= {c for c in (country_of(parties.code_of(i)) for i in ids) if c}
        out |= parties.countries(r.recipients)
    return out



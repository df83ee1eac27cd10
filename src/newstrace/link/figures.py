"""Figures into series, and conflicts between the figures of a series.

A series is one measure about one subject followed over time and sources ("Palestinians killed in
Gaza since October 2023"). A figure joins the series it fits best, when

- the measure and unit are the same (figures of measure ``other`` and figures without a number are
  not put in series: nothing says what they count);
- the subject agrees: the place is the same canonical entity, or the sentences name at least two of
  the same places or peoples (canonical GPE, LOC, NORP entities), or what is counted shares a content
  word ("Palestinians") and the sentences share a place or people; and nothing contradicts it (two
  different places, or two counted populations with no word in common: "children" vs "soldiers");
- the numbers are of one magnitude (at most ``MAX_RATIO`` apart: a count of one incident is not a
  war's toll); counts under ``TOLL_SIZE`` are about one incident, so they go together only when both
  are the size of events in one event cluster (the same incident, by the event links);
- the series has no other value from the same article.

Conflicts (one row per pair of figures from different articles, figure ids earlier first):
- ``different_scope``: the values disagree and one count includes the missing while the other does not;
- ``contradicts``: a later report of a cumulative measure (killed, wounded) gives less than an earlier
  one, whoever claims them; or two claimants give disagreeing values at the same time (within
  ``SAME_TIME_DAYS``);
- ``revises``: the same claimant gives a different value later (an update by its source).
Values are compared as the ranges their qualifiers imply: "more than 60,000" is 60,000-69,000,
"about 50" is 45-55.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, select, update

from ..ids import entity_key, record_id
from ..records import Conflict
from ..store import schema
from . import timeframes
from .entities import EntityLinker

CUMULATIVE = frozenset({"killed", "wounded", "injured", "dead"})
MAX_RATIO = 4.0
TOLL_SIZE = 1000
SAME_TIME_DAYS = 3
PLACE_TYPES = frozenset({"GPE", "NORP", "LOC"})
# How far a qualifier lets the value run: (low factor, high factor).
_IMPLIED = {
    "exact": (1.0, 1.0), "about": (0.9, 1.1), "at_least": (1.0, 1.15), "more_than": (1.0, 1.15),
    "at_most": (0.85, 1.0), "less_than": (0.85, 1.0),
}
_GENERIC = frozenset(
    "the a an of and or in on at to for from by with who were was have has had been being including "
    "among them their most more than over about least some all other others people person persons "
    "individual individuals number total figure toll count those these this that which since still".split()
)
_INCLUDES_MISSING = re.compile(
    r"\b(?:including|incl\.?|and|or|plus)\s+(?:the\s+|those\s+)?(?:still\s+)?missing\b", re.IGNORECASE
)
_WORD = re.compile(r"[a-z]+")


def content_words(text: str | None) -> frozenset[str]:
    """Return the singular content words of a phrase ("Palestinian detainees" -> palestinian, detainee)."""
    if not text:
        return frozenset()
    out = set()
    for word in _WORD.findall(entity_key(text)):
        if word in _GENERIC or len(word) < 3:
            continue
        if word.endswith("ies") and len(word) > 4:
            word = word[:-3] + "y"
        elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
            word = word[:-1]
        out.add(word)
    return frozenset(out)


@dataclass(slots=True)
class FigureInfo:
    id: str
    article: str
    measure: str
    unit: str | None
    value: float
    lo: float
    hi: float
    text: str
    counted: frozenset[str]
    location: str | None
    when: date | None
    claimant: str
    claimant_name: str
    source: str
    published: str | None
    includes_missing: bool
    places: frozenset[str] | None = None  # canonical places/peoples of its sentence, read when needed
    incident: str | None = None  # the cluster of the event this figure is the size of


def figure_info(row, linker: EntityLinker) -> FigureInfo | None:
    """Return what series matching needs of a figure row (with article published/source), or None
    when the figure has no number or no specific measure."""
    data = row.data
    value = data.get("value")
    low, high = data.get("low"), data.get("high")
    if value is None:
        value = low if high is None else high if low is None else (low + high) / 2
    if value is None or row.measure in ("other", "", None) or value <= 0:
        return None
    qualifier = data.get("qualifier") or "exact"
    if qualifier == "range" and low is not None and high is not None:
        lo, hi = float(low), float(high)
    else:
        f_lo, f_hi = _IMPLIED.get(qualifier, (1.0, 1.0))
        lo, hi = value * f_lo, value * f_hi
    location = data.get("location") or None
    claimed = data.get("claimed_by") or None
    source = row.source or ""
    if claimed and claimed.get("id"):
        claimant, claimant_name = "entity:" + linker.canonical(claimed["id"]), claimed.get("name", "")
    else:
        claimant = "outlet:" + (source or row.article_id)
        claimant_name = (claimed or {}).get("name") or source or "the outlet"
    published = row.published
    as_of = timeframes.parse_date(data.get("as_of"))
    pub_day = timeframes.day(published)
    when = as_of.hi if as_of is not None and (pub_day is None or as_of.hi <= pub_day) else pub_day
    span = data.get("span") or {}
    sentence = (data.get("sentence") or {}).get("text", "")
    after = sentence.find(span.get("text", "")) if span.get("text") else -1
    window = sentence[after:after + len(span.get("text", "")) + 80] if after >= 0 else ""
    includes_missing = row.measure != "missing" and bool(
        _INCLUDES_MISSING.search(data.get("counted") or "") or _INCLUDES_MISSING.search(window)
    )
    return FigureInfo(
        id=row.id, article=row.article_id, measure=row.measure, unit=data.get("unit"),
        value=float(value), lo=lo, hi=hi, text=span.get("text", str(value)),
        counted=content_words(data.get("counted")),
        location=linker.canonical(location.get("id")) if location and location.get("id") else None,
        when=when, claimant=claimant, claimant_name=claimant_name, source=source,
        published=published, includes_missing=includes_missing,
    )


@dataclass(slots=True)
class Series:
    id: str
    measure: str
    unit: str | None
    members: list[FigureInfo] = field(default_factory=list)

    def counted(self) -> frozenset[str]:
        return frozenset().union(*(m.counted for m in self.members))

    def locations(self) -> set[str]:
        return {m.location for m in self.members if m.location}

    def places(self) -> frozenset[str]:
        return frozenset().union(*(m.places or frozenset() for m in self.members))


def relation(earlier: FigureInfo, later: FigureInfo) -> str | None:
    """Return how two figures of one series disagree (contradicts, revises, different_scope), or None."""
    disjoint = later.hi < earlier.lo or earlier.hi < later.lo
    if not disjoint:
        return None
    if earlier.includes_missing != later.includes_missing:
        return "different_scope"
    apart = None
    if earlier.when and later.when:
        apart = (later.when - earlier.when).days
    if earlier.measure in CUMULATIVE and apart is not None and apart > timeframes.DAY_SLACK \
            and later.hi < earlier.lo:
        return "contradicts"
    if earlier.claimant == later.claimant:
        return "revises" if apart is None or apart > 0 else None
    if apart is not None and abs(apart) <= SAME_TIME_DAYS:
        return "contradicts"
    return None


def explain(rel: str, earlier: FigureInfo, later: FigureInfo) -> str:
    """Return the one-line explanation of a conflict, naming both values, dates and sources."""
    def side(f: FigureInfo) -> str:
        when = f.when.isoformat() if f.when else "undated"
        who = f.claimant_name + (f" in {f.source}" if f.source and f.source != f.claimant_name else "")
        return f"{f.text!r} {f.measure} ({who}, {when})"
    if rel == "different_scope":
        inc, exc = (earlier, later) if earlier.includes_missing else (later, earlier)
        return f"{side(inc)} counts the missing, {side(exc)} does not"
    if rel == "revises":
        return f"{side(later)} revises {side(earlier)}"
    if later.measure in CUMULATIVE and later.hi < earlier.lo:
        return f"{side(later)} is below the earlier {side(earlier)}; a cumulative count cannot fall"
    return f"{side(later)} disagrees with {side(earlier)} at the same time"


@dataclass(slots=True)
class SeriesLinker:
    entities: EntityLinker
    by_measure: dict[tuple[str, str | None], list[Series]] = field(default_factory=dict)
    loaded: set[str] = field(default_factory=set)
    figures: int = 0
    created: int = 0
    joined: int = 0
    conflicts: int = 0
    _article_places: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)
    _article_incidents: dict[str, dict[str, str]] = field(default_factory=dict)

    def _rows(self, conn: Connection, *where):
        f, a = schema.figures, schema.articles
        return conn.execute(
            select(f.c.id, f.c.article_id, f.c.measure, f.c.series_id, f.c.data, a.c.published, a.c.source)
            .join(a, a.c.id == f.c.article_id).where(*where).order_by(f.c.article_id, f.c.position, f.c.id)
        ).all()

    def _load_measure(self, conn: Connection, measure: str) -> None:
        if measure in self.loaded:
            return
        self.loaded.add(measure)
        f = schema.figures
        series: dict[str, Series] = {}
        for row in self._rows(conn, f.c.measure == measure, f.c.series_id.is_not(None)):
            info = figure_info(row, self.entities)
            if info is None:
                continue
            s = series.get(row.series_id)
            if s is None:
                s = series[row.series_id] = Series(row.series_id, info.measure, info.unit)
                self.by_measure.setdefault((info.measure, info.unit), []).append(s)
            s.members.append(info)
        for s in series.values():
            s.members.sort(key=lambda m: (m.when or date.min, m.id))

    def _places(self, conn: Connection, info: FigureInfo, sentence: dict[str, Any] | None) -> frozenset[str]:
        """Return the canonical places and peoples named in the figure's sentence."""
        spans = self._article_places.get(info.article)
        if spans is None:
            t, m = schema.entities, schema.mentions
            spans = [
                (row.start, row.end, self.entities.canonical(row.id))
                for row in conn.execute(
                    select(m.c.start, m.c.end, t.c.id).join(t, t.c.id == m.c.entity_id)
                    .where(m.c.article_id == info.article, t.c.type.in_(PLACE_TYPES))
                )
            ]
            if len(self._article_places) > 256:
                self._article_places.clear()
            self._article_places[info.article] = spans
        if not sentence:
            return frozenset()
        s, e = sentence.get("start", 0), sentence.get("end", 0)
        return frozenset(cid for start, end, cid in spans if s <= start and end <= e)

    def _incidents(self, conn: Connection, article_id: str) -> dict[str, str]:
        """Return figure id -> cluster of the event of the article that the figure is the size of."""
        found = self._article_incidents.get(article_id)
        if found is None:
            t = schema.events
            found = {}
            for cluster_id, data in conn.execute(
                select(t.c.cluster_id, t.c.data).where(t.c.article_id == article_id)
            ):
                for figure_id in (data.get("sizes") or {}).values():
                    if cluster_id:
                        found[figure_id] = cluster_id
            if len(self._article_incidents) > 256:
                self._article_incidents.clear()
            self._article_incidents[article_id] = found
        return found

    def link_article(self, conn: Connection, article_id: str) -> int:
        """Put the article's figures into series and record conflicts; return conflicts added."""
        f = schema.figures
        rows = self._rows(conn, f.c.article_id == article_id, f.c.series_id.is_(None))
        added = 0
        for row in rows:
            info = figure_info(row, self.entities)
            if info is None:
                continue
            self.figures += 1
            self._load_measure(conn, info.measure)
            info.places = self._places(conn, info, row.data.get("sentence"))
            info.incident = self._incidents(conn, article_id).get(info.id)
            bucket = self.by_measure.setdefault((info.measure, info.unit), [])
            series = self._best_series(conn, info, bucket)
            if series is None:
                series = Series(record_id("series", info.id), info.measure, info.unit)
                bucket.append(series)
                self.created += 1
            else:
                self.joined += 1
                added += self._record_conflicts(conn, series, info)
            series.members.append(info)
            series.members.sort(key=lambda m: (m.when or date.min, m.id))
            conn.execute(update(f).where(f.c.id == info.id).values(series_id=series.id))
        self.conflicts += added
        return added

    def _best_series(self, conn: Connection, info: FigureInfo, bucket: list[Series]) -> Series | None:
        best, best_key = None, None
        for series in bucket:
            if not self._plausible(conn, info, series):
                continue
            self._ensure_places(conn, series)
            counted = series.counted()
            if info.counted and counted and not (info.counted & counted):
                continue
            locations = series.locations()
            if info.location and locations and info.location not in locations:
                continue
            same_place = bool(info.location and info.location in locations)
            shared_counted = len(info.counted & counted)
            shared_places = len((info.places or frozenset()) & series.places())
            if not (same_place or shared_places >= 2 or (shared_counted and shared_places)):
                continue
            latest = series.members[-1].value
            key = (same_place, shared_counted + shared_places, -abs(math.log(info.value / latest)),
                   tuple(-ord(c) for c in series.id))
            if best_key is None or key > best_key:
                best, best_key = series, key
        return best

    def _plausible(self, conn: Connection, info: FigureInfo, series: Series) -> bool:
        for m in series.members:
            if m.article == info.article and m.value != info.value:
                return False
        latest = series.members[-1]
        ratio = max(info.value, latest.value) / min(info.value, latest.value)
        if ratio > MAX_RATIO:
            return False
        if max(info.value, latest.value) < TOLL_SIZE:
            # A small count is about one incident: only the event links can say it is the same one.
            if info.incident is None:
                return False
            return any(self._incidents(conn, m.article).get(m.id) == info.incident for m in series.members)
        return True

    def _ensure_places(self, conn: Connection, series: Series) -> None:
        missing = [m for m in series.members if m.places is None]
        if not missing:
            return
        f = schema.figures
        sentences = dict(conn.execute(
            select(f.c.id, f.c.data).where(f.c.id.in_([m.id for m in missing]))
        ).all())
        for m in missing:
            m.places = self._places(conn, m, (sentences.get(m.id) or {}).get("sentence"))

    def _record_conflicts(self, conn: Connection, series: Series, info: FigureInfo) -> int:
        c = schema.conflicts
        added = 0
        for other in series.members:
            if other.article == info.article:
                continue
            earlier, later = sorted((other, info), key=lambda m: (m.when or date.min, m.published or "", m.id))
            rel = relation(earlier, later)
            if rel is None:
                continue
            conflict_id = record_id("conflict", earlier.id, later.id)
            if conn.execute(select(c.c.id).where(c.c.id == conflict_id)).first():
                continue
            record = Conflict(conflict_id, (earlier.id, later.id), rel, explain(rel, earlier, later), series.id)
            conn.execute(c.insert().values(id=conflict_id, relation=rel, series_id=series.id,
                                           data=record.to_dict()))
            added += 1
        return added


def clear(conn: Connection) -> None:
    """Forget every series and conflict: the figures stay."""
    conn.execute(delete(schema.conflicts))
    f = schema.figures
    conn.execute(update(f).where(f.c.series_id.is_not(None)).values(series_id=None))

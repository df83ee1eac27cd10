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
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, delete, func, or_, select, update

from ..datafiles import load_yaml
from ..ids import entity_key, record_id
from ..records import Conflict
from ..store import schema
from ..store.write import insert_ignoring_duplicates
from ..timeframe import day_of, interval_of
from . import timeframes
from .entities import EntityLinker

CUMULATIVE = frozenset({"killed", "wounded", "injured", "dead"})
MAX_RATIO = 4.0
TOLL_SIZE = 1000
# Members of a stored series read to link a figure: the latest by publication. Older members have
# been compared with their own neighbours; the series' recent reports decide what it takes next.
MEMBERS_READ = 50
# A series no report has continued for this long is closed: a figure after that starts a new series.
# Without it every series ever made would stay a candidate, and linking a figure would cost more as
# the store grows, not as the news of its time does.
ACTIVE_DAYS = 366
SAME_TIME_DAYS = 3
PLACE_TYPES = frozenset({"GPE", "NORP", "LOC"})
# How far a qualifier lets the value run: (low factor, high factor).
_IMPLIED = {
    "exact": (1.0, 1.0), "about": (0.9, 1.1), "at_least": (1.0, 1.15), "more_than": (1.0, 1.15),
    "at_most": (0.85, 1.0), "less_than": (0.85, 1.0),
}
# Words that say nothing of what a figure counts: function words and the nouns of counting itself
# ("people", "number", "toll"), lang/data/wording.yaml
_GENERIC = frozenset(load_yaml("wording.yaml")["counting_words"])
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
    as_of = interval_of(data.get("as_of"))
    pub_day = day_of(published)
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
    """A series and what matching asks of it, kept up to date as members join (``add``), so that a
    check costs the same however long the series is."""

    id: str
    measure: str
    unit: str | None
    members: list[FigureInfo] = field(default_factory=list)
    _counted: set[str] = field(default_factory=set)
    _locations: set[str] = field(default_factory=set)
    _places: set[str] = field(default_factory=set)
    _values: dict[str, set[float]] = field(default_factory=dict)  # article -> the values it gives

    def add(self, info: FigureInfo) -> None:
        """Add a member (keep ``members`` in time order with ``sort``)."""
        self.members.append(info)
        self._counted |= info.counted
        if info.location:
            self._locations.add(info.location)
        if info.places:
            self._places |= info.places
        self._values.setdefault(info.article, set()).add(info.value)

    def sort(self) -> None:
        self.members.sort(key=lambda m: (m.when or date.min, m.id))

    def latest(self) -> date | None:
        """Return the day of the latest dated member (members are kept sorted), or None."""
        return self.members[-1].when if self.members else None

    def places_known(self) -> None:
        """Take in the members' places once they are read (``SeriesLinker._load_places``)."""
        for m in self.members:
            if m.places:
                self._places |= m.places

    def counted(self) -> set[str]:
        return self._counted

    def locations(self) -> set[str]:
        return self._locations

    def places(self) -> set[str]:
        return self._places

    def other_value_from(self, article: str, value: float) -> bool:
        """Return True when a member from ``article`` gives a value other than ``value``."""
        return any(v != value for v in self._values.get(article, ()))


def magnitude(value: float) -> int:
    """Return floor(log2(value)) + 1 for a positive value: two values at most ``MAX_RATIO`` (4) apart
    are at most two magnitudes apart."""
    return math.frexp(value)[1]


def place_keys(info: FigureInfo) -> set[tuple[str, str]]:
    """Return what a figure says of where it is: its location, and the places of its sentence."""
    keys = {("P", p) for p in info.places or ()}
    if info.location:
        keys.add(("L", info.location))
    return keys


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
    """Puts figures into the stored series of their measure.

    A figure can only join a series that shares a place with it (its location, or a place of its
    sentence) and whose latest value is at most ``MAX_RATIO`` from its own (see ``_best_series``). The
    store's ``series_index`` table lists each series under those places and the magnitude of its latest
    value, so a figure reads the few series that can take it, not every series of its measure: the
    cost of linking an article does not grow with the store. Series read are held for the run.
    A store whose series were made before the index existed is indexed once, a measure at a time.
    """

    entities: EntityLinker
    loaded: set[str] = field(default_factory=set)  # measures whose index is known to be complete
    figures: int = 0
    created: int = 0
    joined: int = 0
    conflicts: int = 0
    _article_places: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)
    _article_incidents: dict[str, dict[str, str]] = field(default_factory=dict)
    _series: dict[str, Series] = field(default_factory=dict)  # series read or made in this run
    _keys: dict[str, set[tuple[str, str]]] = field(default_factory=dict)  # series id -> indexed places
    _magnitude: dict[str, int] = field(default_factory=dict)  # series id -> indexed magnitude

    def _rows(self, conn: Connection, *where, latest: int | None = None):
        """Return the figure rows ``where`` selects, with their article's date and source; with
        ``latest``, only the ``latest`` most recently published of each series."""
        f, a = schema.figures, schema.articles
        query = select(f.c.id, f.c.article_id, f.c.measure, f.c.series_id, f.c.data, a.c.published, a.c.source) \
            .join(a, a.c.id == f.c.article_id).where(*where)
        if latest:
            rank = func.row_number().over(partition_by=f.c.series_id,
                                          order_by=(a.c.published.desc(), f.c.id.desc())).label("rank")
            ranked = select(f.c.id, rank).join(a, a.c.id == f.c.article_id).where(*where).subquery()
            query = query.where(f.c.id.in_(select(ranked.c.id).where(ranked.c.rank <= latest)))
        return conn.execute(query.order_by(f.c.article_id, f.c.position, f.c.id)).all()

    def _read_series(self, conn: Connection, *where) -> list[Series]:
        """Read the series of the stored figures ``where`` selects (the latest ``MEMBERS_READ`` members
        of each), with the places of every member read; keep them for the run."""
        f = schema.figures
        series: dict[str, Series] = {}
        for row in self._rows(conn, f.c.series_id.is_not(None), *where, latest=MEMBERS_READ):
            info = figure_info(row, self.entities)
            if info is None:
                continue
            s = series.get(row.series_id)
            if s is None:
                s = series[row.series_id] = Series(row.series_id, info.measure, info.unit)
            s.add(info)
        self._read_places(conn, series)
        for s in series.values():
            s.sort()
            s.places_known()
            self._series[s.id] = s
            self._keys[s.id] = set().union(*(place_keys(m) for m in s.members))
            self._magnitude[s.id] = magnitude(s.members[-1].value)
        return list(series.values())

    def _read_places(self, conn: Connection, series: dict[str, Series]) -> None:
        """Set the places of the members, 500 figures a query: the canonical places and peoples
        mentioned within each figure's sentence (what ``_places`` gives one figure at a time)."""
        f, m, t = schema.figures, schema.mentions, schema.entities
        found: dict[str, set[str]] = {}
        ids = sorted(member.id for s in series.values() for member in s.members)
        for start in range(0, len(ids), 500):
            rows = conn.execute(
                select(f.c.id, t.c.id)
                .select_from(f.join(m, m.c.article_id == f.c.article_id).join(t, t.c.id == m.c.entity_id))
                .where(f.c.id.in_(ids[start:start + 500]), t.c.type.in_(PLACE_TYPES),
                       m.c.start >= f.c.data["sentence"]["start"].as_integer(),
                       m.c.end <= f.c.data["sentence"]["end"].as_integer())
            )
            for figure_id, entity_id in rows:
                found.setdefault(figure_id, set()).add(self.entities.canonical(entity_id))
        for s in series.values():
            for member in s.members:
                member.places = frozenset(found.get(member.id, ()))

    def _load_measure(self, conn: Connection, measure: str) -> None:
        """Make sure the measure's series are all in ``series_index`` (once per store and measure)."""
        if measure in self.loaded:
            return
        self.loaded.add(measure)
        k = schema.series_index
        if conn.execute(select(k.c.series_id).where(k.c.measure == measure, k.c.place == "*").limit(1)).first():
            return
        rows = [{"measure": measure, "unit": "", "place": "*", "magnitude": 0, "series_id": "", "latest": None}]
        for s in self._read_series(conn, schema.figures.c.measure == measure):
            rows += [_index_row(s, key, self._magnitude[s.id]) for key in self._keys[s.id]]
        _insert_index(conn, rows)

    def _candidates(self, conn: Connection, info: FigureInfo) -> list[Series]:
        """Return the series that share a place with the figure and whose latest value is within two
        magnitudes of its own: a superset of those ``_best_series`` can accept."""
        keys = place_keys(info)
        if not keys:
            return []
        k = schema.series_index
        mag = magnitude(info.value)
        where = [k.c.measure == info.measure, k.c.unit == (info.unit or ""),
                 k.c.place.in_(sorted(f"{kind}:{place}" for kind, place in keys)),
                 k.c.magnitude >= mag - 2, k.c.magnitude <= mag + 2]
        if info.when is not None:
            cutoff = (info.when - timedelta(days=ACTIVE_DAYS)).isoformat()
            where.append(or_(k.c.latest.is_(None), k.c.latest >= cutoff))
        ids = set(conn.execute(select(k.c.series_id).distinct().where(*where)).scalars())
        missing = sorted(ids - self._series.keys())
        for start in range(0, len(missing), 500):
            self._read_series(conn, schema.figures.c.series_id.in_(missing[start:start + 500]))
        return [self._series[i] for i in sorted(ids) if i in self._series]

    def _index_member(self, conn: Connection, series: Series, info: FigureInfo) -> None:
        """Keep ``series_index`` up to date after ``info`` joined (or started) ``series``: its places,
        and the magnitude of the latest value where that changed."""
        k = schema.series_index
        keys = self._keys.setdefault(series.id, set())
        new = magnitude(series.members[-1].value)
        old = self._magnitude.get(series.id)
        if old is not None and (old != new or (info.when is not None and info.when == series.latest())):
            conn.execute(update(k).where(k.c.series_id == series.id).values(magnitude=new, latest=_day(series)))
        self._magnitude[series.id] = new
        added = place_keys(info) - keys
        if added:
            keys |= added
            _insert_index(conn, [_index_row(series, key, new) for key in sorted(added)])

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

    def _sized_in(self, conn: Connection, cluster_id: str) -> set[str]:
        """Return the ids of the figures that events of the cluster give as their size."""
        t = schema.events
        out: set[str] = set()
        for data in conn.execute(select(t.c.data).where(t.c.cluster_id == cluster_id)).scalars():
            out.update((data.get("sizes") or {}).values())
        return out

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
            series = self._best_series(conn, info, self._candidates(conn, info))
            if series is None:
                series = Series(record_id("series", info.id), info.measure, info.unit)
                self._series[series.id] = series
                self.created += 1
            else:
                self.joined += 1
                added += self._record_conflicts(conn, series, info)
            series.add(info)
            series.sort()
            self._index_member(conn, series, info)
            conn.execute(update(f).where(f.c.id == info.id).values(series_id=series.id))
        self.conflicts += added
        return added

    def _best_series(self, conn: Connection, info: FigureInfo, candidates: list[Series]) -> Series | None:
        best, best_key = None, None
        sized: set[str] | None = None
        for series in candidates:
            latest = series.members[-1].value
            if max(info.value, latest) / min(info.value, latest) > MAX_RATIO:
                continue
            if max(info.value, latest) < TOLL_SIZE:
                # Only a series with a member that is the size of an event of the figure's incident
                # can pass the incident test of _plausible: ask the store once which figures those are.
                if info.incident is None:
                    continue
                if sized is None:
                    sized = self._sized_in(conn, info.incident)
                if not any(m.id in sized for m in series.members):
                    continue
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
            key = (same_place, shared_counted + shared_places, -abs(math.log(info.value / latest)),
                   tuple(-ord(c) for c in series.id))
            if best_key is None or key > best_key:
                best, best_key = series, key
        return best

    def _plausible(self, conn: Connection, info: FigureInfo, series: Series) -> bool:
        if series.other_value_from(info.article, info.value):
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
        series.places_known()

    def _record_conflicts(self, conn: Connection, series: Series, info: FigureInfo) -> int:
        c = schema.conflicts
        found: dict[str, Conflict] = {}
        for other in _neighbours(series.members, info):
            earlier, later = sorted((other, info), key=lambda m: (m.when or date.min, m.published or "", m.id))
            rel = relation(earlier, later)
            if rel is None:
                continue
            conflict_id = record_id("conflict", earlier.id, later.id)
            found[conflict_id] = Conflict(conflict_id, (earlier.id, later.id), rel, explain(rel, earlier, later),
                                          series.id)
        if not found:
            return 0
        ids = list(found)
        stored: set[str] = set()
        for start in range(0, len(ids), 500):
            stored.update(conn.execute(select(c.c.id).where(c.c.id.in_(ids[start:start + 500]))).scalars())
        rows = [{"id": k, "relation": r.relation, "series_id": series.id, "data": r.to_dict()}
                for k, r in found.items() if k not in stored]
        if rows:
            conn.execute(c.insert(), rows)
        return len(rows)


def _order(m: FigureInfo) -> tuple:
    return (m.when or date.min, m.published or "", m.id)


def _neighbours(members: list[FigureInfo], info: FigureInfo) -> list[FigureInfo]:
    """Return the members of other articles just before and just after ``info`` in time: a figure is
    checked against the reports next to it, so that one low report among a hundred is one conflict
    with its neighbours, not a hundred (and the check costs the same however long the series is).
    Members of the same time as the nearest earlier or later one are all neighbours."""
    others = [m for m in members if m.article != info.article]
    key = _order(info)
    before = [m for m in others if _order(m) < key]
    after = [m for m in others if _order(m) > key]
    out = []
    if before:
        last = max(m.when or date.min for m in before)
        out += [m for m in before if (m.when or date.min) == last]
    if after:
        first = min(m.when or date.min for m in after)
        out += [m for m in after if (m.when or date.min) == first]
    return out


def _day(series: Series) -> str | None:
    latest = series.latest()
    return latest.isoformat() if latest else None


def _index_row(series: Series, key: tuple[str, str], mag: int) -> dict[str, Any]:
    return {"measure": series.measure, "unit": series.unit or "", "place": f"{key[0]}:{key[1]}",
            "magnitude": mag, "series_id": series.id, "latest": _day(series)}


def _insert_index(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert_ignoring_duplicates(conn, schema.series_index), rows)


def clear(conn: Connection) -> None:
    """Forget every series and conflict: the figures stay."""
    conn.execute(delete(schema.conflicts))
    conn.execute(delete(schema.series_index))
    f = schema.figures
    conn.execute(update(f).where(f.c.series_id.is_not(None)).values(series_id=None))

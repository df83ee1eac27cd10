"""Events into clusters: one cluster per real-world event, however many reports it has.

Every event belongs to exactly one cluster (a singleton when nothing else reports it), so a user
counting clusters counts events, not reports. An event joins an existing cluster when it has

- the same PLOVER type, and the same mode where both give one (a release is not a withdrawal);
- the same kind of factuality (asserted and historical reports of a happened event go together; a
  pledge or a hypothetical only with its own kind);
- compatible dates (timeframes.py): two exact days at most a day apart, or overlapping intervals when
  one is coarse ("last February" and 2025-02-15). An undated report counts as dated within the week
  before its article's publication, and then needs a named (person or organisation) participant in
  common;
- at least one canonical participant (actor or recipient) in common; when the only ones in common are
  countries or nationalities ("Israel"), both dates must be exact days.

Candidates come from the (type, date) index of the events table, so linking one event reads only the
events of its type in its date window. Reports keep their own data: only ``events.cluster_id`` is set.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, and_, delete, func, or_, select, update

from ..ids import record_id
from ..records import Cluster, DateValue, EntityRef
from ..store import schema
from . import timeframes
from .entities import EntityLinker
from .names import is_description
from .timeframes import Interval

HAPPENED = frozenset({"asserted", "historical"})
WEAK_TYPES = frozenset({"GPE", "NORP", "LOC"})
UNDATED_WINDOW_DAYS = 7


def factuality_class(factuality: str | None) -> str:
    return "happened" if factuality in HAPPENED or factuality is None else factuality


@dataclass(slots=True)
class _Report:
    """A clustered event as the index knows it: its cluster, mode, factuality class and date."""

    cluster: str
    mode: str | None
    fclass: str
    when: Interval
    undated: bool


def _stored_when(date_column: str | None, published: str | None) -> tuple[Interval, bool] | None:
    """Return the interval of a stored event from its sortable date column, or the week before its
    article's publication when undated (None when neither is known)."""
    when = timeframes.parse_point(date_column)
    if when is not None:
        return when, False
    pub = timeframes.day(published)
    if pub is None:
        return None
    return Interval(pub - timedelta(days=UNDATED_WINDOW_DAYS), pub, "range"), True


@dataclass(slots=True)
class EventClusterer:
    """Clusters events; holds the clustered events of the run's date window, indexed by
    (type, participant), and each cluster's participants.

    Both sides of a comparison use what the event rows and ``event_entities`` say (the sortable date
    column, participants with entity ids), so a run sees stored and new reports the same way and an
    incremental run decides as a rebuild would. Descriptions resolved to an entity ("the Russian
    president") widen only the new report's side.
    """

    entities: EntityLinker
    created: int = 0
    joined: int = 0
    events: int = 0
    by_key: dict[tuple[str, str], list[_Report]] = field(default_factory=dict)
    participants: dict[str, set[str]] = field(default_factory=dict)
    loaded: bool = False

    def load(self, conn: Connection) -> None:
        """Index the clustered events that pending articles' events could match (by date window)."""
        self.loaded = True
        t, a, ee = schema.events, schema.articles, schema.event_entities
        bounds = conn.execute(
            select(func.min(t.c.date), func.max(t.c.date), func.min(a.c.published), func.max(a.c.published))
            .join(a, a.c.id == t.c.article_id).where(a.c.linked == 0)
        ).one()
        lows, highs = [], []
        if bounds[0]:
            lows.append(bounds[0][:4])
            top = timeframes.parse_point(bounds[1])
            highs.append(top.hi if top else None)
        if bounds[2]:
            first, last = timeframes.day(bounds[2]), timeframes.day(bounds[3])
            if first:
                lows.append((first - timedelta(days=2 * UNDATED_WINDOW_DAYS)).isoformat())
            highs.append(last)
        highs = [h for h in highs if h is not None]
        if not lows or not highs:
            return
        low = min(lows)
        high = (max(highs) + timedelta(days=UNDATED_WINDOW_DAYS + 2 * timeframes.DAY_SLACK)).isoformat()
        window = or_(
            and_(t.c.date >= low, t.c.date <= high),
            and_(t.c.date.is_(None), a.c.published >= low, a.c.published <= high),
        )
        rows = conn.execute(
            select(t.c.id, t.c.type, t.c.mode, t.c.factuality, t.c.date, t.c.cluster_id, a.c.published)
            .join(a, a.c.id == t.c.article_id).where(t.c.cluster_id.is_not(None), window)
        ).all()
        if not rows:
            return
        who: dict[str, set[str]] = {}
        for event_id, entity_id in conn.execute(
            select(ee.c.event_id, ee.c.entity_id).join(t, t.c.id == ee.c.event_id).join(a, a.c.id == t.c.article_id)
            .where(t.c.cluster_id.is_not(None), window, ee.c.role.in_(("actor", "recipient")))
        ):
            who.setdefault(event_id, set()).add(self.entities.canonical(entity_id))
        for row in rows:
            self._index(row.type, row.mode, row.factuality, row.date, row.published, row.cluster_id,
                        who.get(row.id, set()))

    def _index(self, type_, mode, factuality, date_column, published, cluster_id, participants) -> None:
        self.participants.setdefault(cluster_id, set()).update(participants)
        found = _stored_when(date_column, published)
        if found is None or not participants:
            return
        report = _Report(cluster_id, mode, factuality_class(factuality), *found)
        for cid in participants:
            self.by_key.setdefault((type_, cid), []).append(report)

    def link_article(self, conn: Connection, article_id: str, published: str | None) -> dict[str, Any]:
        """Put each not-yet-clustered event of the article in a cluster; return the clusters touched,
        cluster id -> the member row when the cluster is new (else None)."""
        if not self.loaded:
            self.load(conn)
        t = schema.events
        rows = conn.execute(
            select(t.c.id, t.c.article_id, t.c.type, t.c.mode, t.c.factuality, t.c.date, t.c.data)
            .where(t.c.article_id == article_id, t.c.cluster_id.is_(None))
            .order_by(t.c.position, t.c.id)
        ).all()
        touched: dict[str, Any] = {}
        pub_day = timeframes.day(published)
        for row in rows:
            self.events += 1
            cluster_id = self._find_cluster(conn, row, pub_day, published)
            if cluster_id is None:
                cluster_id = record_id("cluster", row.id)
                self.created += 1
                touched[cluster_id] = row
            else:
                self.joined += 1
                touched[cluster_id] = None
            conn.execute(update(t).where(t.c.id == row.id).values(cluster_id=cluster_id))
            self._index(row.type, row.mode, row.factuality, row.date, published, cluster_id,
                        self._participants(conn, row.data, with_descriptions=False))
        return touched

    def _participants(self, conn: Connection, data: dict[str, Any], *, with_descriptions: bool = True) -> set[str]:
        out = set()
        for ref in [*(data.get("actors") or ()), *(data.get("recipients") or ())]:
            if not ref:
                continue
            if ref.get("id"):
                out.add(self.entities.canonical(ref["id"]))
            elif with_descriptions and ref.get("name") and is_description(ref["name"]):
                cid = self.entities.resolve_description(conn, data["article"], ref["name"])
                if cid:
                    out.add(cid)
        return out

    def _strong(self, canonical_ids: set[str]) -> set[str]:
        out = set()
        for cid in canonical_ids:
            group = self.entities.groups.get(cid)
            type_ = group.type if group else self.entities.type_of.get(cid)
            if type_ not in WEAK_TYPES:
                out.add(cid)
        return out

    def _find_cluster(self, conn: Connection, row, pub_day, published) -> str | None:
        participants = self._participants(conn, row.data)
        if not participants:
            return None
        found = _stored_when(row.date, published)
        if found is None:
            return None
        when, undated = found
        my_class = factuality_class(row.factuality)
        dates: dict[str, list[Interval]] = {}
        undated_only: dict[str, bool] = {}
        for cid in participants:
            for report in self.by_key.get((row.type, cid), ()):
                if report.mode and row.mode and report.mode != row.mode:
                    continue
                if report.fclass != my_class or not timeframes.compatible(when, report.when):
                    continue
                dates.setdefault(report.cluster, []).append(report.when)
                undated_only[report.cluster] = undated_only.get(report.cluster, True) and report.undated
        if not dates:
            return None
        mine_strong = self._strong(participants)
        best, best_key = None, None
        for cluster_id, cluster_dates in dates.items():
            shared = participants & self.participants.get(cluster_id, set())
            if not shared:
                continue
            strong = shared & mine_strong
            exact = when.exact_day and any(d.exact_day for d in cluster_dates)
            if not strong and (undated or undated_only[cluster_id] or not exact):
                continue
            gap = min(timeframes.distance(when, d) for d in cluster_dates)
            key = (len(strong), len(shared), -gap, tuple(-ord(c) for c in cluster_id))
            if best_key is None or key > best_key:
                best, best_key = cluster_id, key
        return best

    # -- the cluster records ------------------------------------------------------------------

    def refresh(self, conn: Connection, touched: dict[str, Any]) -> None:
        """Write the cluster record of each touched cluster: new singletons from their one row, in one
        statement; clusters that gained a report from all their members."""
        t, c = schema.events, schema.clusters
        fresh = []
        for cluster_id in sorted(touched):
            single = touched[cluster_id]
            if single is not None:
                record = self.cluster_record(cluster_id, [single])
                fresh.append({"id": cluster_id, "type": record.type, "date": _sortable(record.date),
                              "data": record.to_dict()})
                continue
            members = conn.execute(
                select(t.c.id, t.c.article_id, t.c.date, t.c.data)
                .where(t.c.cluster_id == cluster_id)
                .order_by(t.c.date.is_(None), t.c.date, t.c.article_id, t.c.position, t.c.id)
            ).all()
            if not members:
                conn.execute(delete(c).where(c.c.id == cluster_id))
                continue
            record = self.cluster_record(cluster_id, members)
            values = {"type": record.type, "date": _sortable(record.date), "data": record.to_dict()}
            if conn.execute(select(c.c.id).where(c.c.id == cluster_id)).first():
                conn.execute(update(c).where(c.c.id == cluster_id).values(**values))
            else:
                conn.execute(c.insert().values(id=cluster_id, **values))
        if fresh:
            conn.execute(c.insert(), fresh)

    def cluster_record(self, cluster_id: str, members) -> Cluster:
        """Return the Cluster of member event rows: most precise date, canonical actors and recipients."""
        first = members[0].data
        dates = [(timeframes.parse_date(m.data.get("date")), m.data.get("date")) for m in members]
        dated = [(i, d) for i, d in dates if i is not None]
        date_value = None
        if dated:
            counts = Counter(i for i, _ in dated)
            best = max(dated, key=lambda x: (timeframes.precision(x[0]), counts[x[0]], -x[0].lo.toordinal()))
            date_value = _date_value(best[1])
        actors = self._refs(m.data.get("actors") for m in members)
        recipients = self._refs(m.data.get("recipients") for m in members)
        articles = {m.article_id for m in members}
        shared = list(dict.fromkeys(r.name for r in actors + recipients))[:4]
        why = (f"{len(members)} report(s) in {len(articles)} article(s): {first['type']}"
               f"{'/' + first['mode'] if first.get('mode') else ''}, compatible dates, "
               f"participants {', '.join(shared) if shared else 'none named'}")
        return Cluster(
            id=cluster_id, type=first["type"], date=date_value, actors=tuple(actors),
            events=tuple(m.id for m in members), recipients=tuple(recipients), why=why,
        )

    def _refs(self, ref_lists) -> list[EntityRef]:
        counts: Counter = Counter()
        names: dict[str, str] = {}
        for refs in ref_lists:
            for ref in refs or ():
                if not ref or not ref.get("id"):
                    continue
                cid = self.entities.canonical(ref["id"])
                counts[cid] += 1
                group = self.entities.groups.get(cid)
                names.setdefault(cid, group.best_name() if group else ref["name"])
        return [EntityRef(cid, names[cid]) for cid, _ in sorted(counts.items(), key=lambda x: (-x[1], names[x[0]]))]


def _date_value(data: dict[str, Any]) -> DateValue:
    value = data.get("value")
    if isinstance(value, dict):
        return DateValue(None, data.get("granularity", "day"), data.get("text", ""),
                         start=value.get("start"), end=value.get("end"), kind="range")
    return DateValue(value, data.get("granularity", "day"), data.get("text", ""))


def _sortable(value: DateValue | None) -> str | None:
    if value is None:
        return None
    raw = value.start if value.start is not None else value.value
    interval = timeframes.parse_point(raw)
    if interval is None:
        return None
    return raw if interval.granularity != "week" else interval.lo.isoformat()


def clear(conn: Connection) -> None:
    """Forget every cluster: the events stay, unclustered."""
    conn.execute(delete(schema.clusters))
    conn.execute(update(schema.events).where(schema.events.c.cluster_id.is_not(None)).values(cluster_id=None))


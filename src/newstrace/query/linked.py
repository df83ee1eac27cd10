"""What cross-article linking records: clusters (the timeline), conflicts and figure series."""
from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import and_, exists, func, select
from sqlalchemy.engine import Connection

from ..errors import EntityNotFound
from ..store import schema as S
from .base import Filters, Page, check_bound, date_range, json_contains, nulls_last, page_of, search, with_id
from .entities import filter_ids, resolve_entity
from .records import article_meta, involving, list_events, list_figures, record_item
from .summaries import event_summary, figure_side_of


def list_clusters(conn: Connection, f: Filters, limit: int | None, offset: int, counted: bool = True) -> Page:
    """Return clusters (one real-world event each) in date order, undated last.

    ``entity``: clusters with an event the entity takes part in.
    """
    c, ev = S.clusters, S.events
    conds = date_range(c.c.date, f.since, f.until)
    count_conds = list(conds)
    if f.type:
        conds.append(c.c.type == f.type.upper())
        count_conds.append(conds[-1])
    if f.entity:
        scan, gather = involving(conn, ev.c.id, filter_ids(conn, f.entity))
        gathered = c.c.id.in_(select(ev.c.cluster_id).where(gather))
        count_conds.append(gathered)
        if scan is gather:
            conds.append(gathered)
        else:  # clusters in date order, each tested by its few events (ix_events_cluster)
            conds.append(exists(select(ev.c.id).where(ev.c.cluster_id == c.c.id, scan)))
    if f.q:
        conds.append(json_contains(c.c.data, f.q))
        count_conds.append(conds[-1])
    query = select(c).where(and_(*conds)) if conds else select(c)
    count = select(func.count()).select_from(c).where(and_(*count_conds)) if count_conds else None
    # the order of ix_clusters_date_order
    return page_of(conn, query, [c.c.date.is_(None), c.c.date, c.c.id], limit, offset,
                   lambda r: with_id(r.data, r.id, "cluster"), counted=counted, count=count)


def get_cluster(conn: Connection, cluster_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(S.clusters).where(S.clusters.c.id == cluster_id)).first()
    if row is None:
        return None
    item = with_id(row.data, row.id, "cluster")
    item["members"] = list_events(conn, Filters(), 500, 0, cluster=cluster_id).items
    return item


def timeline(conn: Connection, *, entity: str | None = None, since: str | None = None,
             until: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Return the clusters of ``list_clusters`` (the same filters, the same order), each with its
    reports: the short form of every member event, oldest publication first.

    Raises EntityNotFound when ``entity`` denotes no stored entity, NewstraceError for a bad date.
    """
    f = Filters(entity=entity, since=check_bound(since, "--since"), until=check_bound(until, "--until"))
    if entity is not None and not resolve_entity(conn, entity):
        raise EntityNotFound(f"no entity named {entity!r} is stored (as an id, name, alias or role)")
    out = list_clusters(conn, f, limit, 0, counted=False).items
    for item in out:
        item["reports"] = []
    by_id = {x["id"]: x for x in out}
    if by_id:
        e, a = S.events, S.articles
        ids = list(by_id)
        for chunk in range(0, len(ids), 500):
            rows = conn.execute(
                select(e.c.cluster_id, e.c.data, a.c.source, a.c.published, a.c.title)
                .join(a, a.c.id == e.c.article_id).where(e.c.cluster_id.in_(ids[chunk:chunk + 500]))
                .order_by(a.c.published.is_(None), a.c.published, e.c.article_id, e.c.position)
            ).all()
            for r in rows:
                by_id[r.cluster_id]["reports"].append(
                    event_summary(r.data, r.cluster_id, r.source, r.published, title=r.title))
    return out


def list_conflicts(conn: Connection, f: Filters, limit: int | None, offset: int) -> Page:
    """Return conflicts by series, each with its sides (the figures with sentence and article).

    ``entity``: conflicts in a series where the entity claims a figure.
    """
    c = S.conflicts
    query = select(c)
    conds = []
    if f.type:
        conds.append(c.c.relation == f.type.lower())
    if f.q:
        conds.append(search(c.c.data, f.q, ("explanation",)))
    if f.entity:
        fg = S.figures
        series = select(fg.c.series_id).where(fg.c.claimed_by_id.in_(filter_ids(conn, f.entity)),
                                              fg.c.series_id.is_not(None))
        conds.append(c.c.series_id.in_(series))
    if conds:
        query = query.where(and_(*conds))
    page = page_of(conn, query, [nulls_last(c.c.series_id), c.c.series_id, c.c.id], limit, offset,
                   lambda r: with_id(r.data, r.id, "conflict"))
    _attach_figures(conn, page.items)
    return page


def _attach_figures(conn: Connection, conflicts: list[dict[str, Any]]) -> None:
    """Give each conflict its sides: the figures with their sentence and source article."""
    wanted = sorted({fid for c in conflicts for fid in c.get("figures") or []})
    if not wanted:
        return
    fg, a = S.figures, S.articles
    by_id = {}
    for chunk in range(0, len(wanted), 500):
        rows = conn.execute(
            select(fg.c.id, fg.c.article_id, fg.c.data, fg.c.series_id, *article_meta())
            .select_from(fg.join(a, a.c.id == fg.c.article_id)).where(fg.c.id.in_(wanted[chunk:chunk + 500]))
        ).all()
        by_id.update({r.id: record_item("figure")(r) for r in rows})
    for conflict in conflicts:
        conflict["sides"] = [by_id[fid] for fid in conflict.get("figures") or [] if fid in by_id]


def get_conflict(conn: Connection, conflict_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(S.conflicts).where(S.conflicts.c.id == conflict_id)).first()
    if row is None:
        return None
    item = with_id(row.data, row.id, "conflict")
    _attach_figures(conn, [item])
    return item


def conflicts(conn: Connection, *, relation: str | None = None) -> list[dict[str, Any]]:
    """Return every conflict of ``list_conflicts`` with its sides in short form (value, sentence,
    claimant, source, date), for the CLI."""
    items = list_conflicts(conn, Filters(type=relation), None, 0).items
    for item in items:
        item["sides"] = [figure_side_of(side) for side in item.get("sides") or []]
    return items


def list_series(conn: Connection, f: Filters, limit: int | None, offset: int, min_figures: int = 1) -> Page:
    """Return figure series, largest first; ``min_figures=2`` keeps the ones seen more than once."""
    fg = S.figures
    query = (
        select(fg.c.series_id.label("id"), func.min(fg.c.measure).label("measure"),
               # a name for the series: what its figures count and where, as some report wrote it
               # (max: a written phrase sorts after the empty one a figure without it has)
               func.max(fg.c.data["counted"].as_string()).label("counted"),
               func.max(fg.c.data[("location", "name")].as_string()).label("location"),
               func.count().label("n_figures"), func.count(func.distinct(fg.c.article_id)).label("n_articles"),
               func.min(fg.c.as_of).label("first"), func.max(fg.c.as_of).label("last"))
        .where(fg.c.series_id.is_not(None)).group_by(fg.c.series_id)
    )
    if f.type:
        query = query.having(func.min(fg.c.measure) == f.type.lower())
    if f.entity:
        query = query.where(fg.c.series_id.in_(
            select(fg.c.series_id).where(fg.c.claimed_by_id.in_(filter_ids(conn, f.entity)))))
    if min_figures > 1:
        query = query.having(func.count() >= min_figures)
    conflicts_per_series = dict(conn.execute(
        select(S.conflicts.c.series_id, func.count()).where(S.conflicts.c.series_id.is_not(None))
        .group_by(S.conflicts.c.series_id)
    ).all())

    def convert(r) -> dict[str, Any]:
        return {"kind": "series", "id": r.id, "measure": r.measure, "counted": r.counted or "",
                "location": r.location or None,
                "n_figures": int(r.n_figures),
                "n_articles": int(r.n_articles), "first": r.first, "last": r.last,
                "n_conflicts": int(conflicts_per_series.get(r.id, 0))}

    return page_of(conn, query, [func.count().desc(), fg.c.series_id], limit, offset, convert)


def get_series(conn: Connection, series_id: str) -> dict[str, Any] | None:
    """Return a series: its figures in time order and the conflicts among them, or None if unknown."""
    figures = list_figures(conn, Filters(), 1000, 0, series=series_id).items
    if not figures:
        return None
    rows = conn.execute(select(S.conflicts).where(S.conflicts.c.series_id == series_id)
                        .order_by(S.conflicts.c.id)).all()
    found = [with_id(r.data, r.id, "conflict") for r in rows]
    ids = {f["id"] for f in figures}
    # Conflicts recorded without a series id still belong here when they name this series' figures.
    if not found:
        loose = conn.execute(select(S.conflicts).where(S.conflicts.c.series_id.is_(None))).all()
        found = [with_id(r.data, r.id, "conflict") for r in loose
                 if ids.intersection((r.data or {}).get("figures") or [])]
    measures = Counter(f.get("measure") for f in figures)
    return {"kind": "series", "id": series_id, "measure": measures.most_common(1)[0][0],
            "figures": figures, "conflicts": found}

"""Read queries over what cross-article linking records: clusters, conflicts and figure series."""
from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.engine import Connection

from ..store import schema as S
from .queries import (
    Filters, Page, _article_meta, _contains, _date_range, _json_text, _nulls_last, _page, _record_item,
    _search, _with_id, list_events, list_figures, resolve_entity,
)


def list_clusters(conn: Connection, f: Filters, limit: int, offset: int) -> Page:
    c = S.clusters
    query = select(c)
    conds = _date_range(c.c.date, f.since, f.until)
    if f.type:
        conds.append(c.c.type == f.type.upper())
    if f.entity:
        ids = resolve_entity(conn, f.entity)
        ee, ev = S.event_entities, S.events
        conds.append(c.c.id.in_(
            select(ev.c.cluster_id).select_from(ev.join(ee, ee.c.event_id == ev.c.id)).where(ee.c.entity_id.in_(ids))
        ))
    if f.q:
        conds.append(_contains(_json_text(c.c.data), f.q))
    if conds:
        query = query.where(and_(*conds))
    return _page(conn, query, [_nulls_last(c.c.date), c.c.date, c.c.id], limit, offset,
                 lambda r: _with_id(r.data, r.id, "cluster"))


def get_cluster(conn: Connection, cluster_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(S.clusters).where(S.clusters.c.id == cluster_id)).first()
    if row is None:
        return None
    item = _with_id(row.data, row.id, "cluster")
    item["members"] = list_events(conn, Filters(), 500, 0, cluster=cluster_id).items
    return item


def list_conflicts(conn: Connection, f: Filters, limit: int, offset: int) -> Page:
    c = S.conflicts
    query = select(c)
    conds = []
    if f.type:
        conds.append(c.c.relation == f.type.lower())
    if f.q:
        conds.append(_search(c.c.data, f.q, ("explanation",)))
    if f.entity:
        ids = resolve_entity(conn, f.entity)
        fg = S.figures
        series = select(fg.c.series_id).where(fg.c.claimed_by_id.in_(ids), fg.c.series_id.is_not(None))
        conds.append(c.c.series_id.in_(series))
    if conds:
        query = query.where(and_(*conds))
    page = _page(conn, query, [c.c.id], limit, offset, lambda r: _with_id(r.data, r.id, "conflict"))
    _attach_figures(conn, page.items)
    return page


def _attach_figures(conn: Connection, conflicts: list[dict[str, Any]]) -> None:
    """Give each conflict its sides: the figures with their sentence and source article."""
    wanted = sorted({fid for c in conflicts for fid in c.get("figures") or []})
    if not wanted:
        return
    fg, a = S.figures, S.articles
    rows = conn.execute(
        select(fg.c.id, fg.c.article_id, fg.c.data, *_article_meta())
        .select_from(fg.join(a, a.c.id == fg.c.article_id)).where(fg.c.id.in_(wanted))
    ).all()
    by_id = {r.id: _record_item("figure")(r) for r in rows}
    for conflict in conflicts:
        conflict["sides"] = [by_id[fid] for fid in conflict.get("figures") or [] if fid in by_id]


def get_conflict(conn: Connection, conflict_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(S.conflicts).where(S.conflicts.c.id == conflict_id)).first()
    if row is None:
        return None
    item = _with_id(row.data, row.id, "conflict")
    _attach_figures(conn, [item])
    return item


def list_series(conn: Connection, f: Filters, limit: int, offset: int, min_figures: int = 1) -> Page:
    """Return figure series, largest first; ``min_figures=2`` keeps the ones seen more than once."""
    fg = S.figures
    query = (
        select(fg.c.series_id.label("id"), func.min(fg.c.measure).label("measure"),
               func.min(fg.c.data["counted"].as_string()).label("counted"),
               func.count().label("n_figures"), func.count(func.distinct(fg.c.article_id)).label("n_articles"),
               func.min(fg.c.as_of).label("first"), func.max(fg.c.as_of).label("last"))
        .where(fg.c.series_id.is_not(None)).group_by(fg.c.series_id)
    )
    if f.type:
        query = query.having(func.min(fg.c.measure) == f.type.lower())
    if min_figures > 1:
        query = query.having(func.count() >= min_figures)
    conflicts = dict(conn.execute(
        select(S.conflicts.c.series_id, func.count()).where(S.conflicts.c.series_id.is_not(None))
        .group_by(S.conflicts.c.series_id)
    ).all())

    def convert(r) -> dict[str, Any]:
        return {"kind": "series", "id": r.id, "measure": r.measure, "counted": r.counted or "",
                "n_figures": int(r.n_figures),
                "n_articles": int(r.n_articles), "first": r.first, "last": r.last,
                "n_conflicts": int(conflicts.get(r.id, 0))}

    return _page(conn, query, [func.count().desc(), fg.c.series_id], limit, offset, convert)


def get_series(conn: Connection, series_id: str) -> dict[str, Any] | None:
    """Return a series: its figures in time order and the conflicts among them, or None if unknown."""
    figures = list_figures(conn, Filters(), 1000, 0, series=series_id).items
    if not figures:
        return None
    rows = conn.execute(select(S.conflicts).where(S.conflicts.c.series_id == series_id)
                        .order_by(S.conflicts.c.id)).all()
    conflicts = [_with_id(r.data, r.id, "conflict") for r in rows]
    ids = {f["id"] for f in figures}
    # Conflicts recorded without a series id still belong here when they name this series' figures.
    if not conflicts:
        loose = conn.execute(select(S.conflicts).where(S.conflicts.c.series_id.is_(None))).all()
        conflicts = [_with_id(r.data, r.id, "conflict") for r in loose
                     if ids.intersection((r.data or {}).get("figures") or [])]
    measures = Counter(f.get("measure") for f in figures)
    return {"kind": "series", "id": series_id, "measure": measures.most_common(1)[0][0],
            "figures": figures, "conflicts": conflicts}

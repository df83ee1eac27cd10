"""The web UI's pages: server-rendered HTML over the read layer (``newstrace.query``), as the API.

Article text is highlighted server-side (highlight.py) into escaped HTML; everything else goes through
Jinja2 with autoescape on.
"""
from __future__ import annotations

from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import AfterValidator, StringConstraints

from .. import query
from ..query import Filters
from .api import DATE_PATTERN, real_date
from .charts import counterparts_chart, events_over_time_chart, series_chart
from .highlight import highlight, marks_for_article
from .views import PLOVER_COLOURS

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

PAGE_SIZE = 50
ENTITY_EVENTS = 100  # the entity page's timeline; the full one is a click away
SEARCH_POOL = ThreadPoolExecutor(max_workers=5, thread_name_prefix="newstrace-search")
Text = Annotated[str | None, Query(max_length=200)]
# a form sends an empty field as "": that means "not filtered", not a bad date
DateParam = Annotated[
    Annotated[str, StringConstraints(pattern="^$|" + DATE_PATTERN), AfterValidator(real_date)] | None, Query()]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


def _render(request: Request, template: str, **context: Any) -> HTMLResponse:
    state = request.app.state.web
    return state.render(template, request_path=request.url.path, **context)


def _read(request: Request, fn, *args):
    with request.app.state.web.store.engine.connect() as conn:
        return fn(conn, *args)


def _missing(what: str, record_id: str) -> HTTPException:
    return HTTPException(404, f"no {what} with id {record_id!r}")


@router.get("/")
def home(request: Request):
    def load(conn):
        return {
            "counts": query.counts(conn),
            "recent": query.recent_articles(conn, 12),
            "top": query.top_entities(conn, 16),
            "types": query.event_types(conn),
            "conflicts": query.list_conflicts(conn, Filters(), 5, 0).items,
        }

    state = request.app.state.web
    return _render(request, "home.html", **_read(request, lambda conn: state.cached(conn, "home", load)))


def _newest_first(published: str | None) -> tuple:
    return (published is None, [-ord(ch) for ch in published or ""])


# previews come in id order; shown in the order of the full lists they stand for
PREVIEW_ORDER = {
    "articles": lambda a: (_newest_first(a.get("published")), a["id"]),
    "events": lambda e: ((e.get("date") or {}).get("value") is None, str((e.get("date") or {}).get("value")), e["id"]),
    "figures": lambda f: (str((f.get("as_of") or {}).get("value") or f["article_meta"]["published"]), f["id"]),
    "quotes": lambda q: (_newest_first(q["article_meta"]["published"]), q["article"], q["id"]),
}


@router.get("/search")
def search(request: Request, q: Text = None):
    q = (q or "").strip()
    if not q:
        return _render(request, "search.html", q=q, results=None)
    f = Filters(q=q)
    # previews without totals ("20+" links to the full, counted list), each section on its own
    # connection and thread: SQLite reads in parallel, so the page costs its slowest section
    sections = {
        "articles": lambda c: query.list_articles(c, f, 20, 0, total=False),
        "entities": lambda c: query.list_entities(c, f, 20, 0),
        "events": lambda c: query.list_events(c, f, 20, 0, total=False),
        "quotes": lambda c: query.list_quotes(c, f, 20, 0, total=False),
        "figures": lambda c: query.list_figures(c, f, 20, 0, total=False),
    }
    futures = {name: SEARCH_POOL.submit(_read, request, fn) for name, fn in sections.items()}
    results = {name: future.result() for name, future in futures.items()}
    for name, when in PREVIEW_ORDER.items():
        results[name].items.sort(key=when)
    return _render(request, "search.html", q=q, results=results)


@router.get("/articles")
def articles(request: Request, q: Text = None, since: DateParam = None, until: DateParam = None,
             source: Text = None, entity: Text = None, offset: Offset = 0):
    f = Filters(q=q, since=since, until=until, source=source, entity=entity)
    page = _read(request, query.list_articles, f, PAGE_SIZE, offset)
    params = {"q": q, "since": since, "until": until, "source": source, "entity": entity}
    return _render(request, "articles.html", page=page, params=params)


@router.get("/articles/{article_id}")
def article(request: Request, article_id: str):
    item = _read(request, query.get_article, article_id)
    if item is None:
        raise _missing("article", article_id)
    marks = marks_for_article(item)
    records = {}
    for kind in ("entities", "events", "figures", "quotes"):
        for record in item[kind]:
            records[record["id"]] = record
    return _render(request, "article.html", article=item, body=highlight(item["text"], marks),
                   records=records, n_marks=len(marks))


@router.get("/entities")
def entities(request: Request, q: Text = None, type: Annotated[str | None, Query(max_length=10)] = None,
             offset: Offset = 0):
    state = request.app.state.web
    page = _read(request, lambda conn: state.cached(
        conn, ("entities", q, type, offset),
        lambda c: query.list_entities(c, Filters(q=q, type=type), PAGE_SIZE, offset)))
    return _render(request, "entities.html", page=page, params={"q": q, "type": type})


@router.get("/entities/{entity_id}")
def entity(request: Request, entity_id: str):
    def load(conn):
        item = query.get_entity(conn, entity_id)
        if item is None:
            return None
        f = Filters(entity=item["id"])
        return {
            "entity": item,
            "events": query.list_events(conn, f, ENTITY_EVENTS, 0),
            "quotes": query.list_quotes(conn, f, 50, 0),
            "figures": query.list_figures(conn, f, 50, 0),
            "affiliated": query.entity_names(conn, [item["affiliation"]["id"]])
            if isinstance(item.get("affiliation"), dict) and item["affiliation"].get("id") else {},
            "counterparts": counterparts_chart(query.counterparts(conn, _member_ids(item)), PLOVER_COLOURS),
            "over_time": events_over_time_chart(query.events_by_period(conn, _member_ids(item)), PLOVER_COLOURS),
            "exchanges": query.exchanges_of_entity(conn, _member_ids(item)),
        }

    data = _read(request, load)
    if data is None:
        raise _missing("entity", entity_id)
    return _render(request, "entity.html", **data)


def _member_ids(entity: dict[str, Any]) -> list[str]:
    """Return the ids of an entity and of the variants linked into it."""
    ids = [entity["id"]]
    for variant in entity.get("variants") or []:
        vid = variant.get("id") if isinstance(variant, dict) else variant
        if vid and vid not in ids:
            ids.append(vid)
    return ids


@router.get("/timeline")
def timeline(request: Request, type: Annotated[str | None, Query(max_length=16)] = None, entity: Text = None,
             since: DateParam = None, until: DateParam = None, q: Text = None, offset: Offset = 0):
    f = Filters(type=type or None, entity=entity or None, since=since or None, until=until or None, q=q or None)

    def load(conn):
        page = query.list_events(conn, f, 100, offset)
        entity_name = (query.display_name(conn, f.entity) or f.entity) if f.entity else None
        types = request.app.state.web.cached(conn, "event_types", query.event_types)
        chart = None
        if not (f.entity or f.type or f.since or f.until or f.q or offset):
            chart = request.app.state.web.cached(
                conn, "events_over_time", lambda c: events_over_time_chart(query.events_by_period(c), PLOVER_COLOURS))
        clusters = query.list_clusters(conn, f, 100, 0) if not offset else None
        cluster_ids = sorted({c["id"] for c in clusters.items}) if clusters else []
        return {"page": page, "types": types, "entity_name": entity_name, "clusters": clusters, "chart": chart,
                "exchange_of_cluster": query.exchanges_of(conn, "cluster", cluster_ids),
                "exchange_of_event": query.exchanges_of(conn, "event", [e["id"] for e in page.items])}

    data = _read(request, load)
    days = group_by_date(data["page"].items, lambda e: date_group(e.get("date")))
    params = {"type": type, "entity": entity, "since": since, "until": until, "q": q}
    return _render(request, "timeline.html", days=days, params=params, **data)


def group_by_date(items: list[dict[str, Any]], key) -> list[tuple[str, list[dict[str, Any]]]]:
    """Return (date, items) pairs in the items' order, "date unknown" for those without one."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    order: list[str] = []
    for item in items:
        k = key(item) or "date unknown"
        if k not in groups:
            order.append(k)
        groups[k].append(item)
    return [(k, groups[k]) for k in order]


def date_group(date: Any) -> tuple[str, str]:
    """Return the timeline heading of an event's date: (what it says, how precise it is).

    A day heads its own group; a week, month, year or range says so; an event the text does not date
    sits under its report's date as "on or before" it (granularity "reported"); "no date" is left for an
    event that has none at all (a pledge, a condition).
    """
    if not isinstance(date, dict):
        return ("no date", "")
    value, granularity = date.get("value"), date.get("granularity") or ""
    if isinstance(value, dict):
        return (f"{value.get('start') or '?'} to {value.get('end') or '?'}", "range")
    if not isinstance(value, str) or not value:
        return ("no date", "")
    if granularity == "reported":
        return (f"on or before {value}", "reported, no date of its own")
    return (value, "" if granularity == "day" else granularity)


@router.get("/events/{event_id}")
def event(request: Request, event_id: str):
    item = _read(request, query.get_record, "event", event_id)
    if item is None:
        raise _missing("event", event_id)
    sizes = _read(request, lambda c: {
        m: query.get_record(c, "figure", fid) for m, fid in (item.get("sizes") or {}).items()})
    return _render(request, "event.html", event=item, sizes=sizes)


@router.get("/figures")
def figures(request: Request, type: Annotated[str | None, Query(max_length=32)] = None, q: Text = None,
            since: DateParam = None, until: DateParam = None, offset: Offset = 0):
    f = Filters(type=type or None, q=q or None, since=since or None, until=until or None)

    def load(conn):
        state = request.app.state.web
        return {"page": query.list_figures(conn, f, PAGE_SIZE, offset),
                "series": state.cached(conn, "series", lambda c: query.list_series(c, Filters(), 50, 0, min_figures=2)),
                "measures": state.cached(conn, "measures", query.figure_measures)}

    params = {"type": type, "q": q, "since": since, "until": until}
    return _render(request, "figures.html", params=params, **_read(request, load))


@router.get("/figures/{figure_id}")
def figure(request: Request, figure_id: str):
    item = _read(request, query.get_record, "figure", figure_id)
    if item is None:
        raise _missing("figure", figure_id)
    return _render(request, "figure.html", figure=item)


@router.get("/quotes")
def quotes(request: Request, q: Text = None, entity: Text = None, offset: Offset = 0):
    page = _read(request, query.list_quotes, Filters(q=q or None, entity=entity or None), PAGE_SIZE, offset)
    return _render(request, "quotes.html", page=page, params={"q": q, "entity": entity})


@router.get("/quotes/{quote_id}")
def quote(request: Request, quote_id: str):
    item = _read(request, query.get_record, "quote", quote_id)
    if item is None:
        raise _missing("quote", quote_id)
    return _render(request, "quote.html", quote=item)


@router.get("/series/{series_id}")
def series(request: Request, series_id: str):
    item = _read(request, query.get_series, series_id)
    if item is None:
        raise _missing("series", series_id)
    conflicting = {fid for c in item["conflicts"] for fid in c.get("figures") or []}
    chart = series_chart(item["figures"], conflicting)
    return _render(request, "series.html", series=item, chart=chart, conflicting=conflicting)


@router.get("/conflicts")
def conflicts(request: Request, type: Annotated[str | None, Query(max_length=20)] = None, offset: Offset = 0):
    page = _read(request, query.list_conflicts, Filters(type=type or None), PAGE_SIZE, offset)
    return _render(request, "conflicts.html", page=page, params={"type": type})


@router.get("/clusters/{cluster_id}")
def cluster(request: Request, cluster_id: str):
    item = _read(request, query.get_cluster, cluster_id)
    if item is None:
        raise _missing("cluster", cluster_id)
    return _render(request, "cluster.html", cluster=item)


@router.get("/api/docs")
def api_docs(request: Request):
    """The API's reference, from its OpenAPI schema, without any script from the network."""
    schema = request.app.openapi()
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {"name": p["name"], "where": p["in"], "required": p.get("required", False),
                 "description": p.get("description") or p.get("schema", {}).get("description", "")}
                for p in op.get("parameters", [])
            ]
            operations.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                               "params": params, "responses": sorted(op.get("responses", {}))})
    return _render(request, "api_docs.html", schema=schema, operations=operations)

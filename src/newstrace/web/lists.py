"""The web pages over what linking and ingest produced as a whole: exchanges, clusters, failures."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from .. import query
from ..errors import EntityNotFound, ExchangeNotFound
from ..query import Filters

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
PAGE_SIZE = 50
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Text = Annotated[str | None, Query(max_length=200)]


def _render(request: Request, template: str, **context):
    return request.app.state.web.render(template, request_path=request.url.path, **context)


@router.get("/exchanges")
def exchanges(request: Request, entity: Text = None):
    try:
        with query.connect(request.app.state.web.store) as conn:
            items = query.list_exchanges(conn, entity=entity or None)
    except EntityNotFound as exc:
        raise HTTPException(404, str(exc)) from None
    return _render(request, "exchanges.html", items=items, entity=entity)


@router.get("/exchanges/{exchange_id}")
def exchange(request: Request, exchange_id: str):
    try:
        with query.connect(request.app.state.web.store) as conn:
            item = query.exchange_detail(conn, exchange_id)
    except ExchangeNotFound as exc:
        raise HTTPException(404, str(exc)) from None
    return _render(request, "exchange.html", exchange=item)


@router.get("/clusters")
def clusters(request: Request, type: Annotated[str | None, Query(max_length=16)] = None, offset: Offset = 0):
    f = Filters(type=type or None)
    with request.app.state.web.store.engine.connect() as conn:
        page = query.list_clusters(conn, f, PAGE_SIZE, offset)
        types = request.app.state.web.cached(conn, "event_types", query.event_types)
    return _render(request, "clusters.html", page=page, types=types, params={"type": type})


@router.get("/failures")
def failures(request: Request, kind: Annotated[str | None, Query(pattern="^(failed|dropped)$")] = None):
    with query.connect(request.app.state.web.store) as conn:
        items = query.failures(conn, kind)
    return _render(request, "failures.html", items=items, kind=kind,
                   n_failed=sum(i["kind"] == "failed" for i in items))

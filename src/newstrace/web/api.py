"""The JSON API under /api: lists with filters and pagination, one record by id, and ingest.

Lists answer ``{"total", "limit", "offset", "items"}``; items are the records' export dicts
(records.py ``to_dict()``), with ``article_meta`` (title, source, date, url of the article) on
events, figures and quotes.
"""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from .. import query
from ..errors import EntityNotFound, ExchangeNotFound
from ..query import Filters

# [0-9], not \d: \d takes digits of every script, and a schema's regex must mean the same everywhere
DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"


def real_date(value: str | None) -> str | None:
    """Return None for an empty value (a form's blank field).

    A day such as 2025-02-30 passes: as a bound it still orders right, and the OpenAPI pattern (all a
    client can see) cannot reject it, so the server does not either.
    """
    return value or None


DateQuery = Annotated[str, StringConstraints(pattern=DATE_PATTERN), AfterValidator(real_date)] | None


class ErrorDetail(BaseModel):
    status: int
    title: str
    detail: str
    errors: list[dict[str, Any]] | None = None


class ErrorResponse(BaseModel):
    """The one shape of every error the API returns."""

    error: ErrorDetail


class Record(BaseModel):
    """A record's export dict (see the export contract); ``kind`` and ``id`` are always present."""

    model_config = ConfigDict(extra="allow")
    kind: str
    id: str


class RecordPage(BaseModel):
    total: int = Field(description="How many records match the filters, over all pages.")
    limit: int
    offset: int
    items: list[Record]


class ArticleSummary(Record):
    title: str
    source: str
    published: str | None
    length: int


class ArticlePage(RecordPage):
    items: list[ArticleSummary]


class ArticleFull(ArticleSummary):
    text: str
    entities: list[Record]
    events: list[Record]
    figures: list[Record]
    quotes: list[Record]


class Series(Record):
    measure: str
    figures: list[Record]
    conflicts: list[Record]


class Counts(BaseModel):
    model_config = ConfigDict(extra="allow")
    articles: int
    entities: int
    events: int
    figures: int
    quotes: int
    clusters: int
    conflicts: int


ERRORS = {status: {"model": ErrorResponse, "description": phrase} for status, phrase in (
    (404, "Not found"), (422, "A parameter is not valid"), (500, "The server failed"),
)}

router = APIRouter(prefix="/api", responses=ERRORS)


def list_params(
    limit: Annotated[int, Query(ge=1, le=500, description="Page size.")] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="How many records to skip.")] = 0,
    type: Annotated[str | None, Query(max_length=40, description="Event/cluster type (PLOVER), entity "
                                      "type, figure measure, conflict relation or quote style (direct, "
                                      "indirect), by endpoint.")] = None,
    entity: Annotated[str | None, Query(max_length=200, description="An entity id, a name, an alias or a "
                                        "role (any case); linked variants count as the same entity.")] = None,
    since: Annotated[DateQuery, Query(description="YYYY[-MM[-DD]], inclusive; a record dated by month or "
                                      "year is in when its period overlaps.")] = None,
    until: Annotated[DateQuery, Query(description="YYYY[-MM[-DD]], inclusive; a record dated by month or "
                                      "year is in when its period overlaps.")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Text that must occur (any case).")] = None,
    article: Annotated[str | None, Query(max_length=80, description="Only records of this article id.")] = None,
    source: Annotated[str | None, Query(max_length=200, description="Only articles of this outlet.")] = None,
) -> tuple[Filters, int, int]:
    return Filters(type=type, entity=entity, since=since, until=until, q=q, article=article,
                   source=source), limit, offset


ListParams = Annotated[tuple, Depends(list_params)]


def _state(request: Request):
    return request.app.state.web


def _read(request: Request, fn, *args):
    with _state(request).store.engine.connect() as conn:
        return fn(conn, *args)


def _found(item: dict[str, Any] | None, what: str, record_id: str) -> dict[str, Any]:
    if item is None:
        raise HTTPException(404, f"no {what} with id {record_id!r}")
    return item


@router.get("/counts", response_model=Counts, summary="How many records of each kind the store holds")
def get_counts(request: Request):
    return _read(request, query.counts)


@router.get("/articles", response_model=ArticlePage, summary="Articles, newest first")
def list_articles(request: Request, params: ListParams):
    return _read(request, query.list_articles, *params).to_dict()


@router.get("/articles/{article_id}", response_model=ArticleFull,
            summary="One article with its text and all its records")
def get_article(request: Request, article_id: str):
    return _found(_read(request, query.get_article, article_id), "article", article_id)


@router.get("/entities", response_model=RecordPage, summary="Entities, most mentioned first")
def list_entities(request: Request, params: ListParams):
    return _read(request, query.list_entities, *params).to_dict()


@router.get("/entities/{entity_id}", response_model=Record,
            summary="One entity with its aliases, roles, linked variants and mentions by article")
def get_entity(request: Request, entity_id: str):
    return _found(_read(request, query.get_entity, entity_id), "entity", entity_id)


@router.get("/events", response_model=RecordPage, summary="Events in date order, undated last")
def list_events(request: Request, params: ListParams):
    return _read(request, query.list_events, *params).to_dict()


@router.get("/events/{event_id}", response_model=Record, summary="One event")
def get_event(request: Request, event_id: str):
    return _found(_read(request, query.get_record, "event", event_id), "event", event_id)


@router.get("/figures", response_model=RecordPage, summary="Figures in as-of order (else publication date)")
def list_figures(request: Request, params: ListParams):
    return _read(request, query.list_figures, *params).to_dict()


@router.get("/figures/{figure_id}", response_model=Record, summary="One figure")
def get_figure(request: Request, figure_id: str):
    return _found(_read(request, query.get_record, "figure", figure_id), "figure", figure_id)


@router.get("/quotes", response_model=RecordPage, summary="Quotes, newest articles first")
def list_quotes(request: Request, params: ListParams):
    return _read(request, query.list_quotes, *params).to_dict()


@router.get("/quotes/{quote_id}", response_model=Record, summary="One quote")
def get_quote(request: Request, quote_id: str):
    return _found(_read(request, query.get_record, "quote", quote_id), "quote", quote_id)


@router.get("/clusters", response_model=RecordPage,
            summary="Clusters: one real-world event reported in several articles")
def list_clusters(request: Request, params: ListParams):
    return _read(request, query.list_clusters, *params).to_dict()


@router.get("/clusters/{cluster_id}", response_model=Record, summary="One cluster with its member events")
def get_cluster(request: Request, cluster_id: str):
    return _found(_read(request, query.get_cluster, cluster_id), "cluster", cluster_id)


@router.get("/conflicts", response_model=RecordPage,
            summary="Conflicts: figures that disagree, each side with its sentence and source")
def list_conflicts(request: Request, params: ListParams):
    return _read(request, query.list_conflicts, *params).to_dict()


@router.get("/conflicts/{conflict_id}", response_model=Record, summary="One conflict with both sides")
def get_conflict(request: Request, conflict_id: str):
    return _found(_read(request, query.get_conflict, conflict_id), "conflict", conflict_id)


@router.get("/series", response_model=RecordPage, summary="Figure series, largest first")
def list_series(request: Request, params: ListParams):
    return _read(request, query.list_series, *params).to_dict()


@router.get("/series/{series_id}", response_model=Series,
            summary="One figure series: its figures over time and the conflicts among them")
def get_series(request: Request, series_id: str):
    return _found(_read(request, query.get_series, series_id), "series", series_id)


class ExchangeList(BaseModel):
    items: list[Record]


class Failure(BaseModel):
    origin: str = Field(description="The input: a path, FILE:LINE, FILE#entry-N, upload:NAME.")
    reason: str
    at: str = Field(description="When, in UTC (ISO 8601).")
    kind: str = Field(description="failed (could not be read or extracted) or dropped (read, not kept).")


class FailureList(BaseModel):
    items: list[Failure]


@router.get("/exchanges", response_model=ExchangeList,
            summary="Exchanges: reciprocal releases (captives for prisoners), each as one story")
def list_exchanges(
    request: Request,
    entity: Annotated[str | None, Query(max_length=200, description="Only exchanges in which this entity "
                                        "(an id, name, alias or role) released, was released or mediated.")] = None,
):
    try:
        return {"items": _read(request, lambda conn: query.list_exchanges(conn, entity=entity or None))}
    except EntityNotFound as exc:
        raise HTTPException(404, str(exc)) from None


@router.get("/exchanges/{exchange_id}", response_model=Record,
            summary="One exchange: both sides with their reports, the mediators, the articles")
def get_exchange(request: Request, exchange_id: str):
    try:
        return _read(request, query.exchange_detail, exchange_id)
    except ExchangeNotFound as exc:
        raise HTTPException(404, str(exc)) from None


@router.get("/failures", response_model=FailureList,
            summary="Inputs that failed or were dropped, oldest first, with the reason and when")
def list_failures(
    request: Request,
    kind: Annotated[str | None, Query(pattern="^(failed|dropped)$", description="failed or dropped.")] = None,
):
    return {"items": _read(request, query.failures, kind)}


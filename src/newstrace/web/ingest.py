"""POST /api/articles: ingest a text (JSON) or an uploaded file (multipart) over HTTP.

The same ingest as ``newstrace ingest`` (``ingest.ingest_articles``): a JSON body is read by the JSON
Lines reader's own rules (``readers.jsonl.article_from_object``), an upload by the readers; an article
already stored is not extracted again; every failure is recorded in the store, as the CLI records it.
A request that stores nothing and fails is answered 422 with the reasons; a body the server cannot
even parse (nested too deep, not JSON) is a 4xx too, never a 500.

Off unless the server was started with a token: anyone who can reach the port could otherwise fill the
store. Without a configured token the answer is always 403; with one, a request without
``Authorization: Bearer TOKEN`` gets 401 and a wrong token 403.
"""
from __future__ import annotations

import dataclasses
import json
import re
import secrets
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field, ValidationError, field_validator
from sqlalchemy import func, select

from ..errors import DateError, InputError, NewstraceError
from ..ingest import ingest_articles
from ..nlp import load_nlp
from ..readers import read_bytes
from ..readers.byline import with_outlet
from ..readers.jsonl import TOO_DEEP, article_from_object, without_lone_surrogates
from ..readers.language import with_language
from ..readers.sources import format_of
from ..records import Article
from ..store import schema
from ..timeframe import check_published
from .api import ERRORS, ErrorResponse

router = APIRouter(prefix="/api", responses=ERRORS)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class ArticleIn(BaseModel):
    text: str = Field(min_length=1, max_length=2_000_000, description="The article's text.")
    title: str = Field("", max_length=1000)
    published: str | None = Field(None, description="The publication date, YYYY-MM-DD (or any form the readers accept): relative dates resolve against it.")
    source: str = Field("", max_length=300, description="The outlet.")
    url: str = Field("", max_length=2000)
    byline: str = Field("", max_length=300)

    @field_validator("text")
    @classmethod
    def not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the text is blank")
        return value

    @field_validator("published")
    @classmethod
    def iso_date(cls, value: str | None) -> str | None:
        return check_published(value or None)  # a DateError is a ValueError: the API's 422


class Ingested(BaseModel):
    id: str
    title: str
    stored: bool = Field(description="False when the same text was stored before (nothing changed).")
    counts: dict[str, int]
    url: str = Field(description="The article's page in the web UI.")


class IngestResult(BaseModel):
    articles: list[Ingested]
    failures: list[dict[str, str]]


def check_token(request: Request) -> None:
    """Raise 403 when ingest is off or the token is wrong, 401 when the request carries none."""
    expected = request.app.state.web.token
    if expected is None:
        raise HTTPException(403, "ingest over HTTP is off: start the server with --token TOKEN and send "
                                 "the header Authorization: Bearer TOKEN")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(401, "this request needs the header Authorization: Bearer TOKEN",
                            headers={"WWW-Authenticate": "Bearer"})
    if not secrets.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(403, "the bearer token does not match the one the server was started with")


async def _articles_from_request(request: Request) -> list[Article | InputError]:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        body = await request.body()
        try:
            payload = json.loads(body)
        except RecursionError:
            raise HTTPException(422, f"the body is not usable JSON: {TOO_DEEP.removeprefix('invalid JSON: ')}") from None
        except ValueError as exc:
            raise HTTPException(422, f"the body is not valid JSON: {exc}") from None
        payload, lone = without_lone_surrogates(payload)  # as the JSON Lines reader does
        try:
            data = ArticleIn.model_validate(payload)
        except ValidationError as exc:
            detail = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}" for e in exc.errors())
            raise HTTPException(422, detail) from None
        # the JSON Lines reader's rules: the same text normalisation, errors, outlet and language as the CLI
        fields = {k: v for k, v in data.model_dump().items() if v not in (None, "")}
        warnings = [f"{lone} lone surrogate escape(s) replaced with U+FFFD"] if lone else []
        item = article_from_object(fields, "api", warnings)
        return [item if isinstance(item, InputError) else with_language(with_outlet(item))]
    if content_type == "multipart/form-data":
        form = await request.form()
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise HTTPException(422, "the multipart body needs a file in the field 'file'")
        content = await upload.read(MAX_UPLOAD_BYTES + 1)
        if len(content) > MAX_UPLOAD_BYTES:
            raise HTTPException(413, f"the file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
        overrides = {k: str(form[k]) for k in ("title", "source", "url", "published") if form.get(k)}
        if "published" in overrides:
            try:
                overrides["published"] = check_published(overrides["published"])
            except DateError as exc:
                raise HTTPException(422, f"published: {exc}") from None
        return await run_in_threadpool(_read_upload, upload.filename or "upload.txt", content, overrides)
    raise HTTPException(415, "send application/json ({\"text\": ...}) or multipart/form-data with a 'file'")


def _read_upload(filename: str, content: bytes, overrides: dict[str, str]) -> list[Article | InputError]:
    """Return the articles in an uploaded file (and an InputError per failure), read as `newstrace ingest` reads."""
    name = _SAFE_NAME.sub("_", Path(filename).name).strip("._") or "upload.txt"
    return [
        item if isinstance(item, InputError) else dataclasses.replace(item, **overrides)
        for item in read_bytes(content, f"upload:{name}", fmt=format_of(name, content[:4096]))
    ]


def _ingest(state, items: list[Article | InputError]) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """Return what the ingest of ``items`` stored (or found stored) and what failed."""
    articles = {item.id: item for item in items if isinstance(item, Article)}
    new: dict[str, Any] = {}

    def took(result) -> None:
        if result is not None:
            new[result.article.id] = result

    with state.write_lock:  # one ingest at a time: the model parses in memory zones, one user at once
        summary = ingest_articles(items, state.store, nlp=load_nlp(), on_article=took)
        out = []
        for article_id, article in articles.items():
            result = new.get(article_id)
            if result is None and not state.store.has_article(article_id):
                continue  # it failed: listed among the failures
            counts = ({"entities": len(result.entities), "events": len(result.events),
                       "figures": len(result.figures), "quotes": len(result.quotes)}
                      if result is not None else _stored_counts(state.store, article_id))
            out.append({"id": article_id, "title": article.title, "stored": result is not None,
                        "counts": counts, "url": f"/articles/{article_id}"})
    failures = [{"origin": origin, "reason": reason} for origin, reason in summary.failures]
    return out, failures


def _stored_counts(store, article_id: str) -> dict[str, int]:
    """Return how many entities, events, figures and quotes the store holds for one article."""
    m = schema.mentions
    with store.engine.connect() as conn:
        counts = {"entities": conn.execute(
            select(func.count(func.distinct(m.c.entity_id))).where(m.c.article_id == article_id)).scalar_one()}
        for name, t in (("events", schema.events), ("figures", schema.figures), ("quotes", schema.quotes)):
            counts[name] = conn.execute(
                select(func.count()).select_from(t).where(t.c.article_id == article_id)).scalar_one()
    return counts


_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": ArticleIn.model_json_schema()},
            "multipart/form-data": {"schema": {
                "type": "object", "required": ["file"],
                "properties": {
                    "file": {"type": "string", "format": "binary",
                             "description": "A .txt, .html, .jsonl or feed file, read as `newstrace ingest` reads it."},
                    "title": {"type": "string"}, "source": {"type": "string"},
                    "url": {"type": "string"}, "published": {"type": "string"},
                },
            }},
        },
    },
}


@router.post(
    "/articles", status_code=201, response_model=IngestResult, openapi_extra=_BODY,
    summary="Ingest a text or an uploaded file: extract its records and store them (needs the token)",
    responses={401: {"model": ErrorResponse, "description": "No bearer token"},
               403: {"model": ErrorResponse, "description": "Ingest is off, or the token is wrong"},
               413: {"model": ErrorResponse, "description": "The upload is too large"},
               415: {"model": ErrorResponse, "description": "Neither JSON nor multipart"}, **ERRORS},
)
async def post_article(request: Request):
    check_token(request)
    items = await _articles_from_request(request)
    if not any(isinstance(item, Article) for item in items):
        reasons = "; ".join(f"{e.source}: {e.reason}" for e in items) or "no article in the input"
        raise HTTPException(422, f"nothing to ingest: {reasons}")
    try:
        ingested, failures = await run_in_threadpool(_ingest, request.app.state.web, items)
    except InputError as exc:
        raise HTTPException(422, str(exc)) from exc
    except NewstraceError as exc:  # the store or the model is not usable: not the request's fault
        raise HTTPException(503, str(exc)) from exc
    if not ingested:
        raise HTTPException(422, "nothing was ingested: " + "; ".join(
            f"{f['origin']}: {f['reason']}" for f in failures))
    return {"articles": ingested, "failures": failures}

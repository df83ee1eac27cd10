"""POST /api/articles: ingest a text (JSON) or an uploaded file (multipart) over HTTP.

Off unless the server was started with a token: anyone who can reach the port could otherwise fill the
store. Without a configured token the answer is always 403; with one, a request without
``Authorization: Bearer TOKEN`` gets 401 and a wrong token 403.
"""
from __future__ import annotations

import dataclasses
import re
import secrets
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field, ValidationError, field_validator

from ..errors import DateError, InputError, NewstraceError
from ..ids import article_id
from ..readers.language import with_language
from ..records import Article
from ..timeframe import check_published
from .api import ERRORS, ErrorResponse, router

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


async def _articles_from_request(request: Request) -> tuple[list[Article], list[dict[str, str]]]:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        try:
            payload = await request.json()
        except ValueError:
            raise HTTPException(422, "the body is not valid JSON") from None
        try:
            data = ArticleIn.model_validate(payload)
        except ValidationError as exc:
            detail = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}" for e in exc.errors())
            raise HTTPException(422, detail) from None
        article = Article(
            id=article_id(data.text), text=data.text, title=data.title, source=data.source,
            byline=data.byline, url=data.url, published=data.published, origin="api",
        )
        return [with_language(article)], []
    if content_type == "multipart/form-data":
        form = await request.form()
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise HTTPException(422, "the multipart body needs a file in the field 'file'")
        content = await upload.read(MAX_UPLOAD_BYTES + 1)
        if len(content) > MAX_UPLOAD_BYTES:
            raise HTTPException(413, f"the file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
        overrides = {k: str(form[k]) for k in ("title", "source", "url", "published") if form.get(k)}
        return await run_in_threadpool(_read_upload, upload.filename or "upload.txt", content, overrides)
    raise HTTPException(415, "send application/json ({\"text\": ...}) or multipart/form-data with a 'file'")


def _read_upload(filename: str, content: bytes, overrides: dict[str, str]):
    """Return the articles in an uploaded file, read by the same readers as ``newstrace ingest``."""
    from ..readers import read_bytes
    from ..readers.sources import format_of

    name = _SAFE_NAME.sub("_", Path(filename).name).strip("._") or "upload.txt"
    if "published" in overrides:
        try:
            overrides["published"] = check_published(overrides["published"])
        except DateError as exc:
            raise HTTPException(422, f"published: {exc}") from None
    articles, failures = [], []
    for item in read_bytes(content, f"upload:{name}", fmt=format_of(name, content[:4096])):
        if isinstance(item, InputError):
            failures.append({"origin": item.source, "reason": item.reason})
        else:
            articles.append(dataclasses.replace(item, **overrides))
    return articles, failures


def _ingest(state, articles: list[Article]) -> list[dict[str, Any]]:
    from ..pipeline import extract_articles

    out = []
    results = list(extract_articles(articles))
    with state.write_lock:
        for result in results:
            stored = state.store.write_result(result)
            out.append({
                "id": result.article.id, "title": result.article.title, "stored": stored,
                "counts": {"entities": len(result.entities), "events": len(result.events),
                           "figures": len(result.figures), "quotes": len(result.quotes)},
                "url": f"/articles/{result.article.id}",
            })
        _link(state.store, [entry["id"] for entry in out if entry["stored"]])
    return out


def _link(store, article_ids: list[str]) -> None:
    """Link the new articles against the store (a no-op when the linking stage is not installed)."""
    from ..ingest import link_store

    if article_ids:
        link_store(store)


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
    articles, failures = await _articles_from_request(request)
    if not articles:
        reasons = "; ".join(f["reason"] for f in failures) or "no article in the input"
        raise HTTPException(422, f"nothing to ingest: {reasons}")
    try:
        ingested = await run_in_threadpool(_ingest, request.app.state.web, articles)
    except InputError as exc:
        raise HTTPException(422, str(exc)) from exc
    except NewstraceError as exc:  # the store or the model is not usable: not the request's fault
        raise HTTPException(503, str(exc)) from exc
    return {"articles": ingested, "failures": failures}

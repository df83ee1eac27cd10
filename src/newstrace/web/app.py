"""The FastAPI application: the JSON API under /api, the web UI beside it, one error shape for both.

Every error the API returns has the same body, whatever raised it (an unknown id, a bad parameter, a
missing token, a bug)::

    {"error": {"status": 404, "title": "Not found", "detail": "no article with id a_..."}}

The UI pages answer errors with an HTML page that says the same thing.
"""
from __future__ import annotations

import contextlib
import logging
import threading
from http import HTTPStatus
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__ as VERSION
from .. import query
from ..store import open_store

log = logging.getLogger(__name__)
STATIC_DIR = Path(__file__).parent / "static"

# Sent with every answer, pages, API and static files alike (after datasette's security notes and the
# OWASP secure-headers list): scripts only from this server (no inline script runs, so markup that an
# ingested article smuggles in cannot run even if escaping failed), no framing (clickjacking), no MIME
# sniffing, and no full URL (which may carry a search) sent to other sites. Inline style attributes
# stay allowed: the bar charts set their widths with them.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


class WebState:
    """What the routes share: the store, the templates, the ingest token and a write lock."""

    def __init__(self, db: str, token: str | None) -> None:
        self.store = open_store(db)
        self.token = token or None
        # one writer at a time: the API's ingest requests queue here rather than on SQLite's lock
        self.write_lock = threading.Lock()
        # summaries over the whole store (counts, top entities), kept until the store changes
        self.cache: dict[Any, tuple[tuple, Any]] = {}
        self.templates = Environment(
            loader=PackageLoader("newstrace.web", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True, lstrip_blocks=True,
        )
        from . import views

        views.install_filters(self.templates)

    def cached(self, conn, key: Any, compute):
        """Return ``compute(conn)``, computed again only when the store has changed since last time."""
        version = query.store_version(conn)
        hit = self.cache.get(key)
        if hit is not None and hit[0] == version:
            return hit[1]
        value = compute(conn)
        if len(self.cache) > 256:
            self.cache.clear()
        self.cache[key] = (version, value)
        return value

    def render(self, name: str, status_code: int = 200, headers=None, **context: Any) -> HTMLResponse:
        html = self.templates.get_template(name).render(**context)
        return HTMLResponse(html, status_code=status_code, headers=headers)


def error_body(status: int, detail: str, errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Return the one JSON error shape of the API."""
    try:
        title = HTTPStatus(status).phrase.capitalize()
    except ValueError:
        title = "Error"
    body: dict[str, Any] = {"status": status, "title": title, "detail": detail}
    if errors:
        body["errors"] = errors
    return {"error": body}


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and request.url.path not in ("/openapi.json",)


def _error_response(request: Request, status: int, detail: str, errors=None, headers=None):
    if _wants_html(request):
        state: WebState = request.app.state.web
        body = error_body(status, detail, errors)["error"]
        return state.render("error.html", status_code=status, error=body, headers=headers)
    return JSONResponse(error_body(status, detail, errors), status_code=status, headers=headers)


def create_app(db: str, token: str | None = None) -> FastAPI:
    """Return the app serving the store at ``db`` (a path or postgresql:// URL).

    ``token``: the bearer token that POST /api/articles requires; without one, ingest over HTTP is off.
    """
    from . import api, ingest, lists, pages

    state = WebState(db, token)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        state.store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="newstrace",
        version=VERSION,
        description="Traceable event data from news: articles, entities, events, figures, quotes, "
                    "clusters and conflicts, each pointing back to the characters it came from.",
        # FastAPI's own docs pages load Swagger UI from a CDN; the UI must work offline, so /api/docs
        # is a page of ours rendered from the same OpenAPI schema (pages.py)
        docs_url=None, redoc_url=None, openapi_url="/openapi.json",
    )
    app.state.web = state

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"nothing at {request.url.path}; the API is described at /api/docs and /openapi.json"
        if exc.status_code == 405:
            detail = f"{request.method} is not allowed on {request.url.path}"
        return _error_response(request, exc.status_code, detail, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        errors = [
            {"where": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg", "")}
            for e in exc.errors()
        ]
        detail = "; ".join(f"{e['where']}: {e['message']}" for e in errors) or "the request is not valid"
        return _error_response(request, 422, detail, errors)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception):
        log.exception("error serving %s", request.url.path)
        return _error_response(request, 500, f"the server failed to answer: {type(exc).__name__}; "
                                              "see the server log for details")

    app.include_router(api.router)
    app.include_router(ingest.router)  # POST /api/articles
    app.include_router(pages.router)
    app.include_router(lists.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    return app

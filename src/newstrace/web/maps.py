"""The map page: where the stored events happened, drawn over a bundled world outline.

Nothing is fetched from elsewhere: the outline is ``static/world.svg`` (Natural Earth 1:110m countries,
built by ``scripts/build_world_outline.py``), inlined into the page; each place with events is a dot at
its coordinates (equirectangular: x = longitude, y = -latitude), sized by how many events it holds, and
the list below the map names every place with its events.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from .. import query
from ..query import Filters
from .pages import DateParam, _read, _render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

MAP_EVENTS = 5000  # the events a map draws at most (the first in date order); the rest is a filter away
WORLD = Path(__file__).resolve().parent / "static" / "world.svg"


@functools.cache
def world_outline() -> Markup:
    """Return the bundled world outline (an inline SVG element), read once."""
    return Markup(WORLD.read_text(encoding="utf-8"))


@router.get("/map")
def event_map(request: Request, type: Annotated[str | None, Query(max_length=16)] = None,
              since: DateParam = None, until: DateParam = None):
    f = Filters(type=type or None, since=since or None, until=until or None)

    def load(conn):
        types = request.app.state.web.cached(conn, "event_types", query.event_types)
        return {"found": query.event_places(conn, f, MAP_EVENTS), "types": types}

    data = _read(request, load)
    found = data["found"]
    params = {"type": type, "since": since, "until": until}
    return _render(request, "map.html", places=found.places, events=found.events, unplaced=found.unplaced,
                   world=world_outline(), params=params, types=data["types"])

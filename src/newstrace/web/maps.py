"""The map page: where the stored events happened, drawn over a bundled world outline.

Nothing is fetched from elsewhere: the outline is ``static/world.svg`` (Natural Earth 1:110m countries,
built by ``scripts/build_world_outline.py``), inlined into the page; each place with events is a dot at
its coordinates (equirectangular: x = longitude, y = -latitude), sized by how many events it holds, and
the list below the map names every place with its events.
"""
from __future__ import annotations

import functools
import math
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from . import queries
from .pages import DateParam, _read, _render
from .queries import Filters

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

MAP_EVENTS = 5000  # the events a map draws at most (the most recent first); the rest is a filter away
WORLD = Path(__file__).resolve().parent / "static" / "world.svg"


@functools.cache
def world_outline() -> Markup:
    """Return the bundled world outline (an inline SVG element), read once."""
    return Markup(WORLD.read_text(encoding="utf-8"))


def places_of(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return one entry per place (gazetteer entry, else coordinates) with its events, most events first."""
    places: dict[str, dict[str, Any]] = {}
    for ev in events:
        loc = ev.get("location")
        if not isinstance(loc, dict) or not isinstance(loc.get("lat"), (int, float)) \
                or not isinstance(loc.get("lon"), (int, float)):
            continue
        key = loc.get("gazetteer") or f"{loc['lat']:.2f},{loc['lon']:.2f}"
        place = places.setdefault(key, {
            "key": key, "name": loc.get("name") or "?", "country": loc.get("country"), "admin1": loc.get("admin1"),
            "feature": loc.get("feature"), "lat": float(loc["lat"]), "lon": float(loc["lon"]), "events": [],
            "types": {}})
        place["events"].append(ev)
        place["types"][ev.get("type")] = place["types"].get(ev.get("type"), 0) + 1
    out = sorted(places.values(), key=lambda p: (-len(p["events"]), p["name"]))
    for p in out:
        p["radius"] = round(0.8 + 0.9 * math.sqrt(len(p["events"])), 2)
        p["x"], p["y"] = round(p["lon"], 3), round(-p["lat"], 3)
        p["type"] = max(p["types"], key=lambda t: p["types"][t])
    return out


@router.get("/map")
def event_map(request: Request, type: Annotated[str | None, Query(max_length=16)] = None,
              since: DateParam = None, until: DateParam = None):
    f = Filters(type=type or None, since=since or None, until=until or None)

    def load(conn):
        page = queries.list_events(conn, f, MAP_EVENTS, 0)
        types = request.app.state.web.cached(conn, "event_types", queries.event_types)
        return {"page": page, "types": types}

    data = _read(request, load)
    places = places_of(data["page"].items)
    unplaced = len(data["page"].items) - sum(len(p["events"]) for p in places)
    params = {"type": type, "since": since, "until": until}
    return _render(request, "map.html", places=places, unplaced=unplaced, world=world_outline(), params=params,
                   **data)

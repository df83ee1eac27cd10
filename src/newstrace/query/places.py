"""Where the stored events happened: the events of a filter grouped by place, for the map.

A place is an event's ``location`` with coordinates (a gazetteer entry, else its coordinates); the
events without one are counted, not placed.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from .base import Filters
from .records import list_events


@dataclass(slots=True)
class EventPlaces:
    """The places of a filter's events (most events first) and how many of its events have no place."""

    places: list[dict[str, Any]] = field(default_factory=list)
    events: int = 0
    unplaced: int = 0


def places_of(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return one entry per place (gazetteer entry, else coordinates) with its events, most events first.

    Each entry: key, name, country, admin1, feature, lat, lon, events, types (type -> count), type (the
    most frequent), radius (a dot's size in degrees), x and y (equirectangular: longitude, -latitude).
    """
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


def event_places(conn: Connection, f: Filters, limit: int) -> EventPlaces:
    """Return the places of the (at most ``limit``) events the filter keeps, in date order."""
    items = list_events(conn, f, limit, 0, total=False).items
    places = places_of(items)
    placed = sum(len(p["events"]) for p in places)
    return EventPlaces(places=places, events=len(items), unplaced=len(items) - placed)

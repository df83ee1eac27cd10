"""Build src/newstrace/web/static/world.svg: the countries of the world as SVG paths, for the offline map.

    python scripts/build_world_outline.py PATH/TO/countries-110m.json

Input: the npm package world-atlas 2.x (ISC licence, Mike Bostock), a TopoJSON redistribution of Natural
Earth's 1:110m Admin 0 country boundaries (public domain). Output: one <path> per country in an
equirectangular projection (x = longitude, y = -latitude, viewBox -180 -90 360 180), each with the
country's ISO 3166-1 alpha-3 code as its data-country attribute (from pycountry, by the numeric code).
The output is committed; the package does not depend on world-atlas, and the web UI fetches nothing.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parent.parent / "src" / "newstrace" / "web" / "static" / "world.svg"


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    scale, translate = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    return points


def path_of(rings: list[list[tuple[float, float]]]) -> str:
    parts = []
    for r in rings:
        pieces: list[list[str]] = [[]]
        last = None
        for lon, lat in r:
            p = (round(lon, 1), round(-lat, 1))
            if last is not None and abs(p[0] - last[0]) > 180:
                pieces.append([])  # a ring across the antimeridian (Fiji, Russia): no line across the map
            if p != last:
                pieces[-1].append(f"{p[0]:g},{p[1]:g}")
                last = p
        closed = len(pieces) == 1
        for coords in pieces:
            if len(coords) > 2:
                parts.append("M" + "L".join(coords) + ("Z" if closed else ""))
    return "".join(parts)


def main(src: str) -> None:
    topo = json.loads(Path(src).read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    paths = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom["type"] == "Polygon":
            polygons = [geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            polygons = geom["arcs"]
        else:
            continue
        rings = [ring(arcs, r) for poly in polygons for r in poly]
        country = pycountry.countries.get(numeric=str(geom.get("id", "")).zfill(3)) if geom.get("id") else None
        code = country.alpha_3 if country else ""
        name = geom.get("properties", {}).get("name", "")
        paths.append(f'<path data-country="{code}" d="{path_of(rings)}"><title>{name}</title></path>')
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="-180 -90 360 180" class="world">'
           "<!-- Natural Earth 1:110m Admin 0 countries (public domain), via world-atlas 2 (ISC); "
           "built by scripts/build_world_outline.py -->" + "".join(paths) + "</svg>\n")
    OUT.write_text(svg, encoding="utf-8")
    print(f"{len(paths)} countries, {len(svg) // 1024} KiB -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])

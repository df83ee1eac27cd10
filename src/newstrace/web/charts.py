"""The figure series chart: value over time, one colour per source, conflicting figures ringed in red.

Drawn server-side as inline SVG so that it works offline and needs no script. Every label is escaped.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from markupsafe import Markup, escape

from ..timeframe import point_of
from .highlight import figure_value

PALETTE = ("#2563eb", "#d97706", "#059669", "#7c3aed", "#db2777", "#0891b2", "#65a30d", "#b45309",
           "#4f46e5", "#be123c")
WIDTH, HEIGHT = 860, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 230, 20, 44


def _as_date(value: Any) -> date | None:
    """Return the middle day of a date value (a range by its start), where a chart places it."""
    if isinstance(value, dict):
        value = value.get("start")
    point = point_of(value) if isinstance(value, str) else None
    return None if point is None else point.lo + (point.hi - point.lo) / 2


def figure_date(figure: dict[str, Any]) -> date | None:
    """Return the date a figure counts up to: its as-of date, else its article's publication date."""
    as_of = figure.get("as_of")
    when = _as_date(as_of.get("value")) if isinstance(as_of, dict) else None
    return when or _as_date((figure.get("article_meta") or {}).get("published"))


def figure_source(figure: dict[str, Any]) -> str:
    """Return who a point belongs to on the chart: the claimant, else the outlet."""
    claimed = figure.get("claimed_by")
    if isinstance(claimed, dict) and claimed.get("name"):
        return claimed["name"]
    return (figure.get("article_meta") or {}).get("source") or "unknown source"


def _value(figure: dict[str, Any]) -> float | None:
    for key in ("value", "high", "low"):
        if isinstance(figure.get(key), (int, float)):
            return float(figure[key])
    return None


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _short(label: str, width: int = 30) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def series_chart(figures: list[dict[str, Any]], conflicting: set[str]) -> Markup:
    """Return an SVG chart of a series' figures; figures without a value or a date are left out."""
    points = []
    for fig in figures:
        when, value = figure_date(fig), _value(fig)
        if when is not None and value is not None:
            points.append((when, value, fig))
    if not points:
        return Markup('<p class="muted">No figure in this series has both a value and a date to plot.</p>')
    sources = sorted({figure_source(p[2]) for p in points})
    colour = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(sources)}
    first = min(p[0] for p in points).toordinal()
    last = max(p[0] for p in points).toordinal()
    if first == last:
        first, last = first - 15, last + 15
    top = _nice_max(max(p[1] for p in points))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(d: date) -> float:
        return LEFT + (d.toordinal() - first) / (last - first) * plot_w

    def y(v: float) -> float:
        return TOP + plot_h - v / top * plot_h

    out = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
           f'aria-label="Figure values over time by source" xmlns="http://www.w3.org/2000/svg">']
    for i in range(5):
        v = top * i / 4
        out.append(f'<line class="grid" x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(v):.1f}" y2="{y(v):.1f}"/>')
        out.append(f'<text class="axis" x="{LEFT - 8}" y="{y(v) + 4:.1f}" text-anchor="end">{v:,.0f}</text>')
    for frac in (0, 0.5, 1):
        d = date.fromordinal(int(first + (last - first) * frac))
        out.append(f'<text class="axis" x="{LEFT + plot_w * frac:.1f}" y="{HEIGHT - BOTTOM + 18}" '
                   f'text-anchor="middle">{d.isoformat()}</text>')
    by_source: dict[str, list] = {}
    for p in sorted(points, key=lambda p: (p[0], p[2]["id"])):
        by_source.setdefault(figure_source(p[2]), []).append(p)
    for source, pts in by_source.items():
        if len(pts) > 1:
            path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v, _ in pts)
            out.append(f'<polyline class="line" points="{path}" stroke="{colour[source]}"/>')
    for d, v, fig in sorted(points, key=lambda p: p[2]["id"]):
        source = figure_source(fig)
        label = f"{source}: {figure_value(fig)} {fig.get('measure', '')} ({d.isoformat()})"
        in_conflict = fig["id"] in conflicting
        out.append(f'<a href="/figures/{escape(fig["id"])}">')
        if in_conflict:
            out.append(f'<circle class="conflict-ring" cx="{x(d):.1f}" cy="{y(v):.1f}" r="10"/>')
        out.append(f'<circle class="point{" in-conflict" if in_conflict else ""}" data-id="{escape(fig["id"])}" '
                   f'cx="{x(d):.1f}" cy="{y(v):.1f}" r="5.5" fill="{colour[source]}">'
                   f'<title>{escape(label)}</title></circle></a>')
    legend_x = LEFT + plot_w + 18
    for i, source in enumerate(sources[:12]):
        ly = TOP + 10 + i * 20
        out.append(f'<circle cx="{legend_x}" cy="{ly}" r="5" fill="{colour[source]}"/>')
        out.append(f'<text class="legend" x="{legend_x + 10}" y="{ly + 4}">{escape(_short(source))}</text>')
    if conflicting:
        ly = TOP + 10 + min(len(sources), 12) * 20 + 6
        out.append(f'<circle class="conflict-ring" cx="{legend_x}" cy="{ly}" r="7"/>')
        out.append(f'<text class="legend" x="{legend_x + 12}" y="{ly + 4}">in conflict</text>')
    out.append("</svg>")
    return Markup("".join(out))

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

    out = [(f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
            f'aria-label="Figure values over time by source" xmlns="http://www.w3.org/2000/svg">')]
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


def events_over_time_chart(rows: list[tuple[str, str, int]], colours: dict[str, str]) -> Markup:
    """Return a stacked bar chart of events per period and PLOVER type, from ``(period, type, count)``
    rows (period ``YYYY`` or ``YYYY-MM``); each bar links to the timeline of that period."""
    if not rows:
        return Markup('<p class="muted">No dated events to chart.</p>')
    periods = sorted({p for p, _, _ in rows})
    types = sorted({t for _, t, _ in rows}, key=lambda t: -sum(n for _, u, n in rows if u == t))
    by = {(p, t): n for p, t, n in rows}
    totals = {p: sum(by.get((p, t), 0) for t in types) for p in periods}
    top = _nice_max(max(totals.values()))
    width, height, left, right, top_pad, bottom = 860, 260, 44, 150, 12, 40
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    slot = plot_w / len(periods)
    bar = max(2.0, min(40.0, slot * 0.8))
    out = [(f'<svg class="chart stacked" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="Events per {"month" if len(periods[0]) == 7 else "year"} by type" '
            'xmlns="http://www.w3.org/2000/svg">')]
    for i in range(5):
        v = top * i / 4
        y = top_pad + plot_h - v / top * plot_h
        out.append(f'<line class="grid" x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}"/>')
        out.append(f'<text class="axis" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{v:,.0f}</text>')
    label_every = max(1, len(periods) // 8)
    for i, period in enumerate(periods):
        x = left + i * slot + (slot - bar) / 2
        base = top_pad + plot_h
        out.append(f'<a href="/timeline?since={escape(period)}&amp;until={escape(period)}">')
        for t in types:
            n = by.get((period, t), 0)
            if not n:
                continue
            h = n / top * plot_h
            base -= h
            out.append(f'<rect class="seg" data-type="{escape(t)}" x="{x:.1f}" y="{base:.1f}" width="{bar:.1f}" '
                       f'height="{h:.1f}" fill="{colours.get(t, "#475569")}"><title>{escape(period)}: {n} '
                       f'{escape(t)}</title></rect>')
        out.append("</a>")
        if i % label_every == 0:
            out.append(f'<text class="axis" x="{x + bar / 2:.1f}" y="{height - bottom + 16}" '
                       f'text-anchor="middle">{escape(period)}</text>')
    legend_x = left + plot_w + 14
    for i, t in enumerate(types[:11]):
        ly = top_pad + 8 + i * 19
        out.append(f'<rect x="{legend_x}" y="{ly - 6}" width="10" height="10" fill="{colours.get(t, "#475569")}"/>')
        out.append(f'<text class="legend" x="{legend_x + 15}" y="{ly + 3}">{escape(t)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def _arrow(name: str, direction: str) -> str:
    return f"{name} → this entity" if direction == "by" else f"this entity → {name}"


def counterparts_chart(items: list[dict[str, Any]], colours: dict[str, str]) -> Markup:
    """Return a two-sided bar chart of an entity's counterparts: on the left who acts on it, on the
    right on whom it acts, each bar split by event type; items are ``{"id", "name", "direction"
    ("by" or "on"), "types": {type: count}}``."""
    if not items:
        return Markup('<p class="muted">No event names a counterpart of this entity.</p>')
    names = list(dict.fromkeys(i["name"] for i in items))[:14]
    rows = {n: {"by": {}, "on": {}} for n in names}
    ids: dict[str, str | None] = {}
    for item in items:
        if item["name"] in rows:
            rows[item["name"]][item["direction"]] = item["types"]
            ids.setdefault(item["name"], item.get("id"))
    most = max(sum(t.values()) for r in rows.values() for t in r.values()) or 1
    width, row_h, mid, half = 760, 24, 380, 230
    height = 30 + row_h * len(names)
    out = [(f'<svg class="chart counterparts" viewBox="0 0 {width} {height}" role="img" '
            'aria-label="Who acts on this entity and on whom it acts" xmlns="http://www.w3.org/2000/svg">'),
           f'<text class="legend" x="{mid - 70}" y="14" text-anchor="end">acts on this entity ←</text>',
           f'<text class="legend" x="{mid + 70}" y="14">→ this entity acts on</text>']
    for i, name in enumerate(names):
        y = 24 + i * row_h
        label = escape(_short(name, 22))
        link = ids.get(name)
        text = (f'<a href="/entities/{escape(link)}"><text class="axis name" x="{mid}" y="{y + 14}" '
                f'text-anchor="middle">{label}</text></a>') if link else (
                f'<text class="axis name" x="{mid}" y="{y + 14}" text-anchor="middle">{label}</text>')
        out.append(text)
        for direction, sign in (("by", -1), ("on", 1)):
            x = mid + sign * 70
            for t, n in sorted(rows[name][direction].items(), key=lambda kv: -kv[1]):
                w = n / most * (half - 70)
                rx = x if sign > 0 else x - w
                out.append(f'<rect class="seg" data-direction="{direction}" x="{rx:.1f}" y="{y + 3}" width="{w:.1f}" '
                           f'height="{row_h - 8}" fill="{colours.get(t, "#475569")}"><title>{escape(_arrow(name, direction))}: '
                           f'{n} {escape(t)}</title></rect>')
                x += sign * w
            total = sum(rows[name][direction].values())
            if total:
                out.append(f'<text class="axis" x="{x + sign * 6:.1f}" y="{y + 14}" '
                           f'text-anchor="{"start" if sign > 0 else "end"}">{total}</text>')
    out.append("</svg>")
    return Markup("".join(out))

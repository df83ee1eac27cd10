"""Small helpers the templates use: how a date, a figure, an entity reference or a span reads on screen.

They return plain strings (escaped by Jinja2's autoescape) or Markup built from escaped pieces.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from .highlight import figure_value, summarize

PLOVER_COLOURS = {
    "AGREE": "#15803d", "CONSULT": "#0369a1", "SUPPORT": "#16a34a", "CONCEDE": "#65a30d",
    "COOPERATE": "#0d9488", "AID": "#059669", "RETREAT": "#7c3aed", "REQUEST": "#2563eb",
    "ACCUSE": "#ea580c", "REJECT": "#dc2626", "THREATEN": "#b91c1c", "PROTEST": "#c2410c",
    "SANCTION": "#9a3412", "MOBILIZE": "#a16207", "COERCE": "#be123c", "ASSAULT": "#991b1b",
}


_DURATION = re.compile(r"^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?"
                       r"(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$")
_DURATION_UNITS = ("year", "month", "week", "day", "hour", "minute", "second")


def duration_text(value: str) -> str:
    """Return an ISO 8601 duration in words ("P40Y" -> "40 years", "P1Y6M" -> "1 year 6 months"), or ""."""
    match = _DURATION.match(value or "")
    if not match or value in ("P", "PT"):
        return ""
    parts = []
    for amount, unit in zip(match.groups(), _DURATION_UNITS):
        if amount is not None:
            n = float(amount)
            shown = f"{n:g}"
            parts.append(f"{shown} {unit}{'' if n == 1 else 's'}")
    return " ".join(parts)


def date_text(value: Any) -> str:
    """Return a date dict (or string) as text: "2025-02-15", "2025-02-10 to 2025-02-14", a duration in
    words ("a span of 40 years") rather than its ISO code, "" if none."""
    if value is None:
        return ""
    if isinstance(value, str):
        return f"a span of {duration_text(value)}" if duration_text(value) else value
    if isinstance(value, dict):
        inner = value.get("value")
        if isinstance(inner, dict):
            return f"{inner.get('start') or '?'} to {inner.get('end') or '?'}"
        if isinstance(inner, str) and duration_text(inner):
            written = value.get("text")
            return f"“{written}” (a span of time)" if written else f"a span of {duration_text(inner)}"
        if inner:
            return str(inner)
        if value.get("text"):
            return f"“{value['text']}” (unresolved)"
    return ""


def ref_link(ref: Any) -> Markup:
    """Return an entity reference as a link to its page, or its name alone for the outlet's voice."""
    if not isinstance(ref, dict) or not ref.get("name"):
        return Markup('<span class="muted">—</span>')
    if ref.get("id"):
        return Markup('<a class="ent" href="/entities/{}">{}</a>').format(ref["id"], ref["name"])
    return Markup('<span class="ent outlet">{}</span>').format(ref["name"])


def refs_links(refs: Any) -> Markup:
    if not refs:
        return Markup('<span class="muted">—</span>')
    return Markup(", ").join(ref_link(r) for r in refs)


def sentence_with(sentence: Any, span: Any, cls: str = "hl hl-figure") -> Markup:
    """Return a sentence (span dict) with the inner span marked, both escaped."""
    if not isinstance(sentence, dict) or not isinstance(sentence.get("text"), str):
        return Markup("")
    text, base = sentence["text"], sentence.get("start") or 0
    if isinstance(span, dict) and isinstance(span.get("start"), int):
        s, e = span["start"] - base, span["end"] - base
        if 0 <= s < e <= len(text):
            return Markup("{}<mark class=\"{}\">{}</mark>{}").format(text[:s], cls, text[s:e], text[e:])
    return Markup("{}").format(text)


def series_name(series: dict[str, Any]) -> str:
    """Return what a figure series counts, by measure and subject: "Palestinian detainees released",
    "killed in Gaza", or "killed (what is counted is not stated)" rather than an id."""
    measure = series.get("measure") or "figures"
    counted = " ".join((series.get("counted") or "").split())
    place = series.get("location") or series.get("place")
    place = place.get("name") if isinstance(place, dict) else place
    if counted:
        name = counted if measure in counted.lower() else f"{counted} {measure}"
    else:
        name = f"{measure} (what is counted is not stated)"
    return f"{name} in {place}" if place and place.lower() not in name.lower() else name


def number(value: Any) -> str:
    if isinstance(value, (int, float)):
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    return "—"


def type_badge(event_type: str | None) -> Markup:
    colour = PLOVER_COLOURS.get(event_type or "", "#475569")
    return Markup('<span class="badge" style="--c:{}">{}</span>').format(colour, event_type or "?")


def query_string(params: dict[str, Any], **changes: Any) -> str:
    """Return "?a=1&b=2" with ``changes`` applied and empty values left out."""
    merged = {**params, **changes}
    pairs = [(k, v) for k, v in merged.items() if v not in (None, "", 0) or (k == "offset" and v)]
    return "?" + urlencode(pairs) if pairs else "?"


def web_url(value: Any) -> str:
    """Return the URL if it is http(s), else "": an ingested ``javascript:`` URL must never become a link."""
    if isinstance(value, str) and value.strip().lower().startswith(("http://", "https://")):
        return value.strip()
    return ""


def holds_several(value: Any) -> bool:
    """Test: a list with two or more members (a cluster seen in several reports)."""
    return isinstance(value, (list, tuple)) and len(value) > 1


def install_filters(env) -> None:
    env.tests["multi"] = holds_several
    env.filters.update(
        web_url=web_url,
        date_text=date_text, ref=ref_link, refs=refs_links, sentence_with=sentence_with, number=number,
        figure_value=figure_value, badge=type_badge, series_name=series_name, duration_text=duration_text,
    )
    env.globals.update(summarize=summarize, query_string=query_string, plover_colours=PLOVER_COLOURS)

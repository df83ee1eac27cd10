"""An article's text as escaped HTML with every record marked at its span.

Records overlap: a quote holds entity mentions and figures, an event trigger may sit inside a quote,
and two spans may cross. The text is cut at every span boundary; each piece is wrapped in the marks
that cover it, outermost first, so the HTML nests properly and a crossing span is simply split into
two marks that carry the same record id. Every piece of text goes through ``markupsafe.escape``: the
article text is untrusted input.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

# Outer kinds first when two spans start and end at the same characters.
KIND_ORDER = {"quote": 0, "event": 1, "figure": 2, "entity": 3, "date": 4}


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str  # quote | event | figure | entity
    record_id: str
    summary: str
    css: str = ""  # extra classes, e.g. the entity type

    def sort_key(self) -> tuple:
        return (self.start, -self.end, KIND_ORDER.get(self.kind, 9), self.record_id)


def _span(record: dict[str, Any], key: str) -> tuple[int, int] | None:
    span = record.get(key)
    if not isinstance(span, dict):
        return None
    start, end = span.get("start"), span.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end:
        return start, end
    return None


def _name(ref: Any) -> str:
    return ref.get("name", "") if isinstance(ref, dict) else ""


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, (int, float)):
        return f"{value:,}"
    return "?"


def figure_value(record: dict[str, Any]) -> str:
    """Return a figure's value as a reader would say it: "more than 60,000", "10–12"."""
    qualifier = record.get("qualifier") or "exact"
    if qualifier == "range" or (record.get("value") is None and record.get("low") is not None):
        return f"{_number(record.get('low'))}–{_number(record.get('high'))}"
    words = {"about": "about ", "at_least": "at least ", "more_than": "more than ", "at_most": "at most ",
             "less_than": "less than "}.get(qualifier, "")
    unit = f" {record['unit']}" if record.get("unit") else ""
    return f"{words}{_number(record.get('value'))}{unit}"


def summarize(kind: str, record: dict[str, Any]) -> str:
    """Return a one-line plain-text summary of a record for a tooltip."""
    if kind == "entity":
        parts = [record.get("type", ""), record.get("name", "")]
        if record.get("role"):
            parts.append(record["role"])
        if record.get("actor_code"):
            parts.append(record["actor_code"])
        return "Entity · " + " · ".join(p for p in parts if p)
    if kind == "event":
        actors = ", ".join(_name(a) for a in record.get("actors") or [])
        recipients = ", ".join(_name(r) for r in record.get("recipients") or [])
        mode = f"/{record['mode']}" if record.get("mode") else ""
        who = f" · {actors or '?'} → {recipients or '?'}"
        date = (record.get("date") or {}).get("value") if isinstance(record.get("date"), dict) else None
        when = f" · {date}" if isinstance(date, str) else ""
        return f"Event · {record.get('type', '')}{mode} ({record.get('factuality', '')}){who}{when}"
    if kind == "figure":
        claimed = _name(record.get("claimed_by"))
        by = f" · claimed by {claimed}" if claimed else ""
        return f"Figure · {figure_value(record)} {record.get('measure', '')} · {record.get('counted', '')}{by}"
    if kind == "quote":
        speaker = _name(record.get("speaker")) or record.get("speaker_text") or "unattributed"
        style = "direct" if record.get("direct") else "indirect"
        return f"Quote · {speaker} ({style}{', ' + record['cue'] if record.get('cue') else ''})"
    return kind


def marks_for_article(article: dict[str, Any]) -> list[Mark]:
    """Return the marks of every record of an article (as from query.get_article)."""
    marks: list[Mark] = []
    length = len(article.get("text") or "")
    for entity in article.get("entities") or []:
        summary = summarize("entity", entity)
        for mention in entity.get("mentions") or []:
            span = _span(mention, "span")
            if span:
                marks.append(Mark(*span, "entity", entity["id"], summary, f"t-{entity.get('type', 'X')}"))
    for kind, key in (("event", "trigger"), ("figure", "span"), ("quote", "content")):
        for record in article.get(kind + "s") or []:
            span = _span(record, key)
            if span:
                css = f"f-{record.get('factuality', '')}" if kind == "event" else ""
                marks.append(Mark(*span, kind, record["id"], summarize(kind, record), css))
    return [m for m in marks if m.end <= length]


def _open_tag(mark: Mark, first: bool) -> str:
    classes = f"hl hl-{mark.kind}" + (f" {mark.css}" if mark.css else "")
    anchor = f' id="r-{escape(mark.record_id)}"' if first else ""
    return (
        f'<mark class="{escape(classes)}"{anchor} data-id="{escape(mark.record_id)}" '
        f'data-kind="{escape(mark.kind)}" title="{escape(mark.summary)}" tabindex="0">'
    )


def highlight(text: str, marks: list[Mark]) -> Markup:
    """Return ``text`` as escaped HTML with each mark wrapped around its span, nested outermost first."""
    if not marks:
        return Markup(escape(text))
    ordered = sorted(marks, key=Mark.sort_key)
    rank = {id(m): i for i, m in enumerate(ordered)}
    bounds = sorted({0, len(text), *(m.start for m in ordered), *(m.end for m in ordered)})
    starts: dict[int, list[Mark]] = {}
    for m in ordered:
        starts.setdefault(m.start, []).append(m)
    active: list[Mark] = []  # marks covering the current position
    open_stack: list[Mark] = []  # marks whose tags are open in the output, outermost first
    seen_ids: set[str] = set()
    out: list[str] = []
    for left, right in itertools.pairwise(bounds):
        active = [m for m in active if m.end > left] + starts.get(left, [])
        wanted = sorted(active, key=lambda m: rank[id(m)])
        keep = 0
        while keep < len(open_stack) and keep < len(wanted) and open_stack[keep] is wanted[keep]:
            keep += 1
        for _ in range(len(open_stack) - keep):
            out.append("</mark>")
        del open_stack[keep:]
        for mark in wanted[keep:]:
            first = (mark.kind, mark.record_id) not in seen_ids
            seen_ids.add((mark.kind, mark.record_id))
            out.append(_open_tag(mark, first))
            open_stack.append(mark)
        out.append(str(escape(text[left:right])))
    out.extend("</mark>" for _ in open_stack)
    return Markup("".join(out))

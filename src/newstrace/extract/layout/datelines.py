"""Datelines: the place (and sometimes the date and agency) a report opens with.

"KABUL, Afghanistan (Jan. 25, 2013) —", "GAZA CITY (AP) —", "MOSCOW, April 17 (Reuters) -": the place
in capitals, an optional region or country, an optional date, an optional agency or date in
parentheses, then a dash. A dateline gives the article's place, and its date when the reader had no
publication date; it is layout, never an event, an actor or a recipient.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ...records import Article, Span

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE = rf"{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?"
_DASH = r"(?:—|–|--|-|:)"
# the place in capitals ("GAZA CITY", "BAGRAM AIRFIELD", "ST. PETERSBURG"), at the start of a line
_DATELINE = re.compile(
    rf"(?m)^[ \t]*(?P<place>[A-Z][A-Z.'’\-]+(?:[ ][A-Z][A-Z.'’\-]+){{0,3}})"
    rf"(?:,[ \t]*(?P<region>[A-Z][A-Za-z.'’\-]+(?:[ ][A-Z][A-Za-z.'’\-]+){{0,2}}))?"
    rf"(?:,?[ \t]*(?P<date>{_DATE}))?"
    rf"(?:[ \t]*\((?P<paren>[^()\n]{{1,40}})\))?"
    rf"[ \t]*(?P<dash>{_DASH})[ \t]+(?=\S)"
)
_PAREN_DATE = re.compile(rf"^\s*(?P<date>{_DATE})\s*$")
# how far into the text a dateline may stand: the first paragraphs, after a title or standfirst
SEARCH_CHARS = 1200


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline: its whole span, the place's span (and the region's), the date's span, the agency."""

    span: Span
    place: Span
    region: Span | None = None
    date: Span | None = None
    agency: str | None = None


def find_dateline(text: str) -> Dateline | None:
    """Return the dateline opening the report (within its first paragraphs), or None."""
    for m in _DATELINE.finditer(text, 0, min(len(text), SEARCH_CHARS)):
        place = m.group("place")
        letters = [c for c in place if c.isalpha()]
        if len(letters) < 3:
            continue
        if m.group("dash") in ("-", ":") and not (m.group("region") or m.group("date") or m.group("paren")):
            continue  # "UPDATE: ..." or "US-Russia ...": a bare capital word before a hyphen is no dateline
        if m.group("dash") == ":" and not m.group("paren"):
            continue
        date = None
        agency = None
        if m.group("date"):
            date = Span.of(text, m.start("date"), m.end("date"))
        paren = m.group("paren")
        if paren:
            inner = _PAREN_DATE.match(paren)
            if inner:
                if date is None:
                    date = Span.of(text, m.start("paren") + inner.start("date"), m.start("paren") + inner.end("date"))
            else:
                agency = paren.strip()
        if not (m.group("region") or date or agency) and m.group("dash") not in ("—", "–", "--"):
            continue
        region = Span.of(text, m.start("region"), m.end("region")) if m.group("region") else None
        return Dateline(Span.of(text, m.start("place"), m.end("dash")), Span.of(text, m.start("place"), m.end("place")),
                        region, date, agency)
    return None


def dated_by_dateline(article: Article, day: str) -> Article:
    """Return the article with ``day`` (YYYY-MM-DD, the dateline's date) as its publication date, when it
    has none; the metadata says where the date came from."""
    if article.published is not None:
        return article
    return dataclasses.replace(article, published=day, meta={**article.meta, "published_from": "dateline"})

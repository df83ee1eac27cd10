"""Place mentions of one article, each resolved to a gazetteer entry in the article's context.

A mention is a name the entities stage typed GPE, LOC or FAC (after its vote), a name spaCy tagged so
that no entity holds, or a seat of government ("at the Kremlin"). Each name is resolved once per
article: among the gazetteer's entries for it, the one that best fits the article, scored by

- the country the knowledge base gives the name in news use ("Washington" is the US capital),
- the countries the article names (countries, unambiguous places, nationality words) and its dateline's,
- the population (a prior: the larger of two Moscows is meant unless the article says otherwise),
- the entry's own name over an alternate one, a city over a region of the same name unless the text
  says "province", "governorate", "region" or "state" after it.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from .. import kb
from ..records import Span
from .gazetteer import GazEntry, Gazetteer, read_data, fold, load_gazetteer

PLACE_TYPES = ("GPE", "LOC", "FAC")
SMALL_TOWN = 50000  # below this, a town abroad needs the article to be about its country
# Prepositions that give an act its place ("in", "at") or where it is aimed ("on", "into", "against":
# for acts of force), or where a release or withdrawal is made from ("from").
LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "around", "within",
                      "on", "into", "from", "to", "toward", "towards", "off", "over", "along", "nearby",
                      "between", "against", "north", "south", "east", "west", "northwest", "northeast",
                      "southwest", "southeast", "through"})
_REGION_WORDS = r"province|governorate|region|state|oblast|district|prefecture|county|territory"
_REGION_AFTER = re.compile(rf"^\s*(?:{_REGION_WORDS})\b", re.I)
_REGION_OF = re.compile(rf"\b(?:{_REGION_WORDS}) of\s*$", re.I)
_CITY_AFTER = re.compile(r"^\s*city\b", re.I)
_CITY_OF = re.compile(r"\b(?:city|town|village) of\s*$", re.I)
_THE = re.compile(r"^(?:the)\s+", re.I)
_DIRECTION = re.compile(r"^(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)"
                        r"(?:ern)?|upper|lower|greater|occupied)\s+", re.I)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
# words that may stand between a locative preposition and the name: "in eastern Khan Yunis", "at the"
_BETWEEN = frozenset({"the", "a", "eastern", "western", "northern", "southern", "central", "north", "south",
                      "east", "west", "northeastern", "northwestern", "southeastern", "southwestern",
                      "northwest", "northeast", "southwest", "southeast", "occupied", "besieged", "rebel",
                      "rebel-held", "government-held", "city", "town", "village", "province", "region",
                      "of", "outskirts", "downtown", "neighbouring", "neighboring", "war-torn", "nearby",
                      "capital", "coastal", "the", "greater", "rural", "suburban", "'s", "’s"})


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A name of a place in the text and the entry it resolved to (None when the gazetteer has none)."""

    span: Span
    entity_id: str | None
    name: str  # the entity's canonical name, else the text
    entry: GazEntry | None
    prep: str | None  # the locative preposition before it ("in Aleppo", "at the Kremlin"), lower case
    region_hint: bool = False  # "X province", "the province of X"


def _strip(name: str) -> str:
    return _POSSESSIVE.sub("", _THE.sub("", name.strip()))


_PLACE_OF = re.compile(r"\b(?:city|town|village|capital|district|province|governorate|region|suburbs?|outskirts"
                       r"|neighbou?rhoods?|area|countryside|camp)\s+of\s+(?:the\s+)?$", re.I)
# "in the Chahar Darah district of": a named part of the place, read past to the preposition before it
_PART_OF = re.compile(r"(?:(?:[A-Z][\w'’\-]*|the|a|an)\s+){0,4}"
                      r"(?:district|village|area|neighbou?rhood|suburb|camp|part|parts)\s+of\s+$")
_POSSESSIVE_PLACE = re.compile(
    r"^['’]s\s+(?:(?:eastern|western|northern|southern|old|central|rebel-held|besieged)\s+)?"
    r"(?:districts?|neighbou?rhoods?|outskirts|countryside|suburbs?|streets|old city|centre|center)\b", re.I)


def _locative_before(text: str, start: int, end: int | None = None) -> str | None:
    """Return the locative preposition before a name (past articles and directions), or None.

    "the city of X", "the town of X" and "X's eastern districts" name X as a place: they count as "in".
    """
    head = text[max(0, start - 80):start]
    if _PLACE_OF.search(head):
        return "in"
    if end is not None and _POSSESSIVE_PLACE.match(text[end:end + 40]):
        return "in"
    part = _PART_OF.search(head)
    if part:
        head = head[:part.start()]
    words = re.findall(r"[\w'’\-]+", head[-60:])
    for word in reversed(words[-5:]):
        low = word.lower()
        if low in LOCATIVE:
            return low
        if low not in _BETWEEN:
            return None
    return None


class PlaceResolver:
    """Resolve the place names of one article in its context."""

    def __init__(self, text: str, *, dateline: Any = None, countries: Counter | None = None,
                 gazetteer: Gazetteer | None = None) -> None:
        self.text = text
        self.gaz = gazetteer or load_gazetteer()
        self.context: Counter = Counter(countries or ())
        self.dateline_country: str | None = None
        self._cache: dict[tuple[str, str], GazEntry | None] = {}
        if dateline is not None:
            for part in (dateline.region, dateline.place):
                if part is None:
                    continue
                entry = self.resolve(part.text)
                if entry is not None:
                    self.dateline_country = entry.country
                    self.context[entry.country] += 3
                    break

    def plausible(self, entry: GazEntry) -> bool:
        """Return False for a small town abroad in an article that is clearly about another country
        ("Nad-e Ali district" in an Afghan report is not the Indian town of Ali)."""
        if entry.feature != "city" or entry.population >= SMALL_TOWN or not self.context:
            return True
        if self.context.get(entry.country, 0) >= 2:
            return True
        top, count = self.context.most_common(1)[0]
        return not (self.dateline_country or count >= 3)

    def note_country(self, alpha3: str | None, weight: int = 1) -> None:
        if alpha3:
            self.context[alpha3] += weight

    def candidates(self, name: str, hint: str = "") -> list[GazEntry]:
        name = _strip(name)
        found = self.gaz.lookup(name)
        if not found and _DIRECTION.match(name):
            found = self.gaz.lookup(_DIRECTION.sub("", name))  # "East Mosul", "northern Iraq"
        if not found:
            # "Helmand province", "Gaza City" when the gazetteer has only "Gaza": try without the word
            bare = re.sub(rf"\s+(?:{_REGION_WORDS}|city)$", "", name, flags=re.I)
            if bare != name:
                hint = hint or ("city" if bare.lower().endswith("city") or name.lower().endswith("city") else "region")
                found = self.gaz.lookup(bare)
        if hint == "region":
            found = [e for e in found if e.feature in ("admin1", "country")] or found
        elif hint == "city":
            found = [e for e in found if e.feature in ("city", "landmark")] or found
        return found

    def resolve(self, name: str, hint: str = "") -> GazEntry | None:
        """Return the entry a name denotes in this article, or None."""
        key = (fold(name), hint)
        if key in self._cache:
            return self._cache[key]
        found = self.candidates(name, hint)
        best = max(found, key=lambda e: self._score(e, found, name), default=None)
        self._cache[key] = best
        return best

    def _score(self, entry: GazEntry, found: list[GazEntry], name: str) -> float:
        score = math.log10(entry.population + 10)
        if not entry.alias:
            score += 0.5  # the entry's own name, but a town of that name rarely beats a city known by it
        if entry.id.startswith("names:"):
            score += 3.0  # written for news use: "Gaza" is the Strip
        if entry.feature == "country":
            score += 4.0
        elif entry.feature == "landmark":
            score += 4.0
        elif entry.feature == "admin1" and any(e.feature == "city" and e.country == entry.country for e in found):
            score -= 3.0  # "Aleppo" is the city unless the text says province
        known = kb.lookup(_strip(name), "GPE")
        if known is not None and known.actor_code and known.actor_code[:3] == entry.country:
            score += 3.0
        total = sum(self.context.values())
        if total and self.context.get(entry.country):
            score += 1.0 + 2.0 * self.context[entry.country] / total
        if entry.country == self.dateline_country:
            score += 1.0
        return score


def place_mentions(doc, context, *, text: str | None = None, dateline: Any = None) -> list[PlaceMention]:
    """Return the place mentions of an article in text order, each resolved in the article's context.

    ``context`` holds the article's entities (``entities``, ``entity_at``, ``mention_index``); ``dateline``
    (``extract.layout.Dateline``) gives the article's own place; ``text`` is ``doc.text`` when known.
    """
    text = doc.text if text is None else text
    gaz = load_gazetteer()
    raw: list[tuple[int, int, str | None, str]] = []  # start, end, entity id, name
    seen: set[tuple[int, int]] = set()
    countries: Counter = Counter()
    for entity in context.entities:
        if entity.type == "NORP":
            code = kb.country_code(entity.name)
            if code:
                countries[code] += 1
            continue
        if entity.type not in PLACE_TYPES:
            continue
        for m in entity.mentions:
            raw.append((m.span.start, m.span.end, entity.id, entity.name))
            seen.add((m.span.start, m.span.end))
    for entity in context.entities:
        if entity.type in ("PERSON", "ORG", "NORP"):
            for m in entity.mentions:
                # a name of another type used as a place here ("fighting near Daquq" typed PERSON), or
                # the country an organisation is "of" ("Government of Iraq")
                if _locative_before(text, m.span.start, m.span.end) and gaz.lookup(_strip(m.span.text)):
                    raw.append((m.span.start, m.span.end, entity.id, entity.name))
                    seen.add((m.span.start, m.span.end))
                    continue
                inner = _OF_PLACE.search(m.span.text)
                if entity.type == "ORG" and inner and any(e.feature == "country" for e in gaz.lookup(inner.group(1))):
                    start = m.span.start + inner.start(1)
                    raw.append((start, start + len(inner.group(1)), None, inner.group(1)))
                    seen.add((start, start + len(inner.group(1))))
    for ent in doc.ents:
        if ent.label_ in PLACE_TYPES and (ent.start_char, ent.end_char) not in seen \
                and context.entity_at(ent.start_char, ent.end_char) is None:
            raw.append((ent.start_char, ent.end_char, None, ent.text))
            seen.add((ent.start_char, ent.end_char))
    covered = [(s, e) for s, e, _i, _n in raw]
    for start, end in _names_after_prepositions(doc, gaz):
        # a known place after "in", "near", "from" that the tagger did not take for a name at all
        if not any(s < end and start < e for s, e in covered):
            raw.append((start, end, None, text[start:end]))
    for start, end, name in _seats_in(text, gaz):
        if (start, end) not in seen:
            found = context.entity_at(start, end)
            raw.append((start, end, found.id if found is not None else None, name))
    if dateline is not None:
        # the dateline's place as written ("GAZA CITY"), whatever part of it the tagger took for a name
        place = dateline.place
        raw = [r for r in raw if not (place.start <= r[0] and r[1] <= place.end)]
        found = context.mention_index.get((place.start, place.end))
        raw.append((place.start, place.end, found.id if found is not None else None,
                    found.name if found is not None else place.text.title()))
    raw.sort(key=lambda r: (r[0], r[1]))
    resolver = PlaceResolver(text, dateline=dateline, countries=countries, gazetteer=gaz)
    # first pass: unambiguous names and countries give the article its countries
    for start, end, _eid, name in raw:
        found = resolver.candidates(text[start:end]) or resolver.candidates(name)
        if len({e.country for e in found}) == 1:
            resolver.note_country(found[0].country, 2 if found[0].feature == "country" else 1)
    out: list[PlaceMention] = []
    for start, end, eid, name in raw:
        written = text[start:end]
        after, before = text[end:end + 20], text[max(0, start - 20):start]
        hint = "region" if _REGION_AFTER.match(after) or _REGION_OF.search(before) else (
            "city" if _CITY_AFTER.match(after) or _CITY_OF.search(before) else "")
        entry = resolver.resolve(written, hint) or (resolver.resolve(name, hint) if name != written else None)
        if entry is not None and not resolver.plausible(entry):
            entry = None
        out.append(PlaceMention(Span(start, end, written), eid, name, entry, _locative_before(text, start, end),
                                hint == "region"))
    return out


_OF_PLACE = re.compile(r"\bof (?:the )?([A-Z][\w\-]+(?: [A-Z][\w\-]+){0,2})$")
_NAME_PREPS = frozenset({"in", "near", "outside", "around", "across", "throughout", "from", "at", "into",
                         "inside", "toward", "towards"})


def _names_after_prepositions(doc, gaz: Gazetteer) -> list[tuple[int, int]]:
    """Return (start, end) of capitalised names the gazetteer knows right after a locative preposition."""
    out = []
    n = len(doc)
    for tok in doc:
        if tok.lower_ not in _NAME_PREPS or tok.i + 1 >= n:
            continue
        i = tok.i + 1
        if doc[i].lower_ == "the" and i + 1 < n:
            i += 1
        j = i
        while j < n and j - i < 4 and (doc[j].is_title or doc[j].is_upper and len(doc[j]) > 1
                                       or doc[j].text in ("-", "al", "el", "ad", "az", "ar", "as")) \
                and doc[j].is_alpha | (doc[j].text == "-"):
            j += 1
        # the whole capitalised name or nothing: "Tal Afar" is not "Tal"
        if j > i and gaz.lookup(doc[i:j].text):
            out.append((doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)))
    text = doc.text
    for m in _NAMED_PLACE.finditer(text):
        # "the city of Aleppo", "Aleppo's eastern districts": a place by what is said of it
        name = m.group("of") or m.group("poss")
        start = m.start("of") if m.group("of") else m.start("poss")
        if gaz.lookup(name):
            out.append((start, start + len(name)))
    return out


_NAMED_PLACE = re.compile(
    r"\b(?:city|town|village|province|governorate) of (?:the )?(?P<of>[A-Z][\w\-]+(?: [A-Z][\w\-]+){0,2})"
    r"|\b(?P<poss>[A-Z][\w\-]+(?: [A-Z][\w\-]+){0,2})(?=['’]s (?:(?:eastern|western|northern|southern|old|"
    r"central|rebel-held|besieged) )?(?:districts?|neighbou?rhoods?|outskirts|countryside|suburbs?|old city)\b)")


def _seats_in(text: str, gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """Return (start, end, name) of the seats of government named in the text ("the Kremlin")."""
    return [(m.start(), m.end(), m.group(0)) for m in _seat_pattern().finditer(text)]


_SEAT_RE: re.Pattern | None = None


def _seat_pattern() -> re.Pattern:
    global _SEAT_RE
    if _SEAT_RE is None:
        names = sorted(read_data("seats.yaml"), key=len, reverse=True)
        _SEAT_RE = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")
    return _SEAT_RE

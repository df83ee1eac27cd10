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

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from .. import kb
from ..datafiles import alternation, load_yaml
from ..records import Span
from .gazetteer import GazEntry, Gazetteer, fold_cached, load_gazetteer, read_data
from .words import geo_words

PLACE_TYPES = ("GPE", "LOC", "FAC")
SMALL_TOWN = 50000  # below this, a town abroad needs the article to be about its country
SEAT_POPULATION = 5000  # the population prior of a district seat GeoNames gives no population
# Prepositions that give an act its place ("in", "at") or where it is aimed ("on", "into", "against":
# for acts of force), or where a release or withdrawal is made from ("from").
LOCATIVE = geo_words().locative_words
# what a report calls a settlement ("city", "town") and a division ("province", "oblast"): geo/data/words.yaml
SETTLEMENT_NOUNS = alternation(geo_words().settlement_nouns)
PROVINCE_NOUNS = alternation(geo_words().province_nouns)
_DIVISION_NOUNS = f"{PROVINCE_NOUNS}|{alternation(geo_words().region_nouns)}"
_REGION_WORDS = f"{_DIVISION_NOUNS}|district"
_REGION_AFTER = re.compile(rf"^\s*(?:{_REGION_WORDS})\b", re.I)
# "the province of Idlib"; not "the Karrada district of Baghdad", where the district is part of the city
_REGION_OF = re.compile(rf"\b(?:{_DIVISION_NOUNS}) of\s*$", re.I)
_CITY_AFTER = re.compile(r"^\s*city\b", re.I)
_CITY_OF = re.compile(rf"\b(?:{SETTLEMENT_NOUNS}) of\s*$", re.I)
_THE = re.compile(r"^(?:the)\s+", re.I)
_ARTICLE = re.compile(r"^(?:al|el|ar|as|ad|az|at|an|ash|adh|ath)[\s\-]+(?=\w)", re.I)
_DIRECTION = re.compile(r"^(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)"
                        r"(?:ern)?|upper|lower|greater|occupied)\s+", re.I)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
# words that may stand between a locative preposition and the name: "in eastern Khan Yunis", "at the"
_BETWEEN = geo_words().between_words


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A name of a place in the text and the entry it resolved to (None when the gazetteer has none)."""

    span: Span
    entity_id: str | None
    name: str  # the entity's canonical name, else the text
    entry: GazEntry | None
    prep: str | None  # the locative preposition before it ("in Aleppo", "at the Kremlin"), lower case
    region_hint: bool = False  # "X province", "the province of X"
    # a country's, region's or seat's name written as what another noun is of ("a U.S. airstrike", "the U.S.
    # consulate in Benghazi", "Arizona Sen. McCain", "State Department officials"): it says whose, not where,
    # so no preposition places anything with it
    modifier: bool = False


def _strip(name: str) -> str:
    return _POSSESSIVE.sub("", _THE.sub("", name.strip()))


PLACE_OF = re.compile(rf"\b(?:{SETTLEMENT_NOUNS}|{PROVINCE_NOUNS}|capital|district|region|suburbs?|outskirts"
                       r"|neighbou?rhoods?|area|countryside|camp|centre|center|heart|liberation|siege|capture|"
                       r"recapture|fall|retaking|encirclement|shelling|bombardment|residents|people|streets)\s+of\s+(?:the\s+)?$",
                       re.I)
# "in the Chahar Darah district of": a named part of the place, read past to the preposition before it
_PART_OF = re.compile(r"(?:(?:[A-Z][\w'’\-]*|the|a|an)\s+){0,4}"
                      r"(?:district|village|area|neighbou?rhood|suburb|camp|part|parts)\s+of\s+$")
_POSSESSIVE_PLACE = re.compile(
    r"^['’]s\s+(?:(?:eastern|western|northern|southern|old|central|rebel-held|besieged)\s+)?"
    r"(?:districts?|neighbou?rhoods?|outskirts|countryside|suburbs?|streets|old city|centre|center)\b", re.I)


_WORDS = re.compile(r"[\w'’\-]+")


def _locative_before(text: str, start: int, end: int | None = None) -> str | None:
    """Return the locative preposition before a name (past articles and directions), or None.

    "the city of X", "the town of X" and "X's eastern districts" name X as a place: they count as "in".
    """
    head = text[max(0, start - 80):start]
    if PLACE_OF.search(head):
        return "in"
    if end is not None and _POSSESSIVE_PLACE.match(text[end:end + 40]):
        return "in"
    part = _PART_OF.search(head)
    if part:
        head = head[:part.start()]
    words = _WORDS.findall(head[-60:])
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
        self._cache: dict[tuple[str, str, str], GazEntry | None] = {}
        # candidates() of each (name, hint, other spellings): the same names are tried many times per
        # article (each run of capitals, each mention); emptied whenever the article's countries change
        self._found: dict[tuple[str, str, bool], list[GazEntry]] = {}
        if dateline is not None:
            for part in (dateline.region, dateline.place):
                if part is None:
                    continue
                entry = self.resolve(part.text)
                if entry is not None:
                    self.dateline_country = entry.country
                    self.context[entry.country] += 3
                    self._found.clear()
                    break

    def plausible(self, entry: GazEntry) -> bool:
        """Return False for a small town abroad in an article that is clearly about another country
        ("Nad-e Ali district" in an Afghan report is not the Indian town of Ali)."""
        if entry.minor:
            # a small town or district seat only where the article is about its country
            return self.context.get(entry.country, 0) >= 2 or entry.country == self.dateline_country
        if entry.feature != "city" or entry.population >= SMALL_TOWN or not self.context:
            return True
        if self.context.get(entry.country, 0) >= 2:
            return True
        _, count = self.context.most_common(1)[0]
        return not (self.dateline_country or count >= 3)

    def note_country(self, alpha3: str | None, weight: int = 1) -> None:
        if alpha3:
            self.context[alpha3] += weight
            self._cache.clear()  # a name resolved before may resolve otherwise now
            self._found.clear()

    def candidates(self, name: str, hint: str = "", other_spellings: bool = True) -> list[GazEntry]:
        key = (name, hint, other_spellings)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self._candidates(name, hint, other_spellings)
        return found

    def _candidates(self, name: str, hint: str, other_spellings: bool) -> list[GazEntry]:
        name = _strip(name)
        found = self.gaz.lookup(name)
        if not found and _DIRECTION.match(name):
            found = self.gaz.lookup(_DIRECTION.sub("", name))  # "East Mosul", "northern Iraq"
        if not found and _ARTICLE.match(name):
            found = self.gaz.lookup(_ARTICLE.sub("", name))  # "Al-Raqqa" where GeoNames has "Raqqa"
        if not found:
            # "Helmand province", "Gaza City" when the gazetteer has only "Gaza": try without the word
            bare = re.sub(rf"\s+(?:{_REGION_WORDS}|city)$", "", name, flags=re.I)
            if bare != name:
                hint = hint or ("city" if bare.lower().endswith("city") or name.lower().endswith("city") else "region")
                found = self.gaz.lookup(bare)
        if not found and other_spellings:
            # another transliteration of a place in a country the article is about ("Ras al-Ain")
            about = {c for c, n in self.context.items() if n >= 2} | {self.dateline_country}
            found = self.gaz.fuzzy(_ARTICLE.sub("", name), about - {None})
        if hint == "region":
            found = [e for e in found if e.feature in ("admin1", "country")] or found
        elif hint == "city":
            found = [e for e in found if e.feature in ("city", "landmark")] or found
        return found

    def resolve(self, name: str, hint: str = "", within: GazEntry | None = None) -> GazEntry | None:
        """Return the entry a name denotes in this article, or None.

        ``within`` is a region or country the text puts the place in ("Woodbridge, Virginia"): entries
        inside it are preferred when there are any."""
        key = (fold_cached(name), hint, within.id if within is not None else "")
        if key in self._cache:
            return self._cache[key]
        found = self.candidates(name, hint)
        inside = [] if within is None else [e for e in found if e.id != within.id and (
            e.admin1 == within.admin1 if within.feature == "admin1" and within.admin1 else e.country == within.country)]
        # a town inside the region the text names beside it is plausible however small
        found = inside or [e for e in found if self.plausible(e)]
        best = max(found, key=lambda e: self._score(e, found, name), default=None)
        self._cache[key] = best
        return best

    def _score(self, entry: GazEntry, found: list[GazEntry], name: str) -> float:
        # GeoNames lists district seats of unknown size with a population of 0: a seat is a town
        score = math.log10((entry.population or (SEAT_POPULATION if entry.minor else 0)) + 10)
        if not entry.alias:
            score += 0.5  # the entry's own name, but a town of that name rarely beats a city known by it
        if entry.id.startswith("names:"):
            score += 3.0  # written for news use: "Gaza" is the Strip
        if entry.feature in ("country", "landmark"):
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

    A mention is a name typed GPE, LOC or FAC; a name of another type the text uses as a place at least once
    ("fighting near Daquq" typed PERSON: then each of its mentions, one sense per article); a known place
    after a locative preposition; a seat ("the Kremlin"); and a known place inside another name or
    compound ("the Mosul Dam", "U.S.-Iraq talks"), which gives the article a country but no event a place.
    """
    text = doc.text if text is None else text
    gaz = load_gazetteer()
    # start, end, entity id, name, how found: "" (a name typed as a place, used as one, or a seat), "scan"
    # (a run of capitalised words the gazetteer knows) or "part" (a known place inside another name)
    raw: list[tuple[int, int, str | None, str, str]] = []
    seen: set[tuple[int, int]] = set()
    countries: Counter = Counter()
    people: list[tuple[int, int]] = []  # mentions of people: never places
    others: list[tuple[int, int]] = []  # mentions of organisations and groups: places only inside them
    for entity in context.entities:
        if entity.type == "NORP":
            code = kb.country_code(entity.name)
            if code:
                countries[code] += 1
            continue
        if entity.type not in PLACE_TYPES:
            continue
        for m in entity.mentions:
            raw.append((m.span.start, m.span.end, entity.id, entity.name, ""))
            seen.add((m.span.start, m.span.end))
    for ent in doc.ents:
        if ent.label_ in PLACE_TYPES and (ent.start_char, ent.end_char) not in seen \
                and context.entity_at(ent.start_char, ent.end_char) is None:
            raw.append((ent.start_char, ent.end_char, None, ent.text, ""))
            seen.add((ent.start_char, ent.end_char))
    if dateline is not None:
        # the dateline's place as written ("GAZA CITY"), whatever part of it the tagger took for a name
        place = dateline.place
        raw = [r for r in raw if not (place.start <= r[0] and r[1] <= place.end)]
        found = context.mention_index.get((place.start, place.end))
        raw.append((place.start, place.end, found.id if found is not None else None,
                    found.name if found is not None else place.text.title(), ""))
        seen.add((place.start, place.end))
    resolver = PlaceResolver(text, dateline=dateline, countries=countries, gazetteer=gaz)
    # first pass: unambiguous names and countries give the article its countries, before the names of
    # other types and those only the gazetteer finds are looked at (a small town or another spelling
    # counts only in a country the article is about)
    _note_countries(resolver, text, raw)
    added = len(raw)
    for entity in context.entities:
        if entity.type not in ("PERSON", "ORG", "NORP"):
            continue
        as_place = entity.type != "NORP" and _used_as_place(entity, text, resolver, doc)
        for m in entity.mentions:
            if (m.span.start, m.span.end) in seen:
                continue
            if entity.type == "NORP":
                # a nationality word is a place only where it is used as one ("in the Saudi capital"),
                # not at each mention ("against the Palestinians" is people)
                if _locative_before(text, m.span.start, m.span.end) and gaz.lookup(_strip(m.span.text)):
                    raw.append((m.span.start, m.span.end, entity.id, entity.name, ""))
                    seen.add((m.span.start, m.span.end))
                else:
                    others.append((m.span.start, m.span.end))
                continue
            if as_place and not _titled(text, m.span.start):
                # a name of another type used as a place here ("fighting near Daquq" typed PERSON):
                # each of its mentions is the place
                raw.append((m.span.start, m.span.end, entity.id, entity.name, ""))
                seen.add((m.span.start, m.span.end))
                continue
            inner = _OF_PLACE.search(m.span.text)
            if entity.type == "ORG" and inner and any(e.feature == "country" for e in gaz.lookup(inner.group(1))):
                # the country an organisation is "of" ("Government of Iraq")
                start = m.span.start + inner.start(1)
                raw.append((start, start + len(inner.group(1)), None, inner.group(1), ""))
                seen.add((start, start + len(inner.group(1))))
            (people if entity.type == "PERSON" else others).append((m.span.start, m.span.end))
    covered = [(s, e) for s, e, *_rest in raw] + people + others
    for start, end in _names_after_prepositions(doc, gaz, text):
        # a known place after "in", "near", "from" that the tagger did not take for a name at all
        if not any(s < end and start < e for s, e in covered):
            raw.append((start, end, None, text[start:end], ""))
    for start, end, name in _seats_in(text, gaz):
        if (start, end) not in seen:
            found = context.entity_at(start, end)
            raw.append((start, end, found.id if found is not None else None, name, ""))
    if dateline is not None:
        raw = raw[:added] + [r for r in raw[added:] if not (dateline.place.start <= r[0] and r[1] <= dateline.place.end)]
    _note_countries(resolver, text, raw[added:])
    raw = _add_capitalised_names(doc, text, raw, people, others, resolver)
    _note_countries(resolver, text, [r for r in raw if r[4]], countries_only=True)
    raw.sort(key=lambda r: (r[0], r[1]))
    resolved: list[tuple[GazEntry | None, str]] = []
    for start, end, _eid, name, origin in raw:
        written = text[start:end]
        hint = _hint(text, start, end)
        entry = resolver.resolve(written, hint) or (resolver.resolve(name, hint) if name != written else None)
        if origin and (entry is None or not _stands_out(entry, written, hint, resolver, origin == "part")):
            entry = None  # a name found only by the gazetteer needs more than the name ("Royal Air Force")
        resolved.append((entry, hint))
    out: list[PlaceMention] = []
    for i, (start, end, eid, name, origin) in enumerate(raw):
        entry, hint = resolved[i]
        if origin and entry is None:
            continue
        if i + 1 < len(raw) and _APPOSITION.fullmatch(text[end:raw[i + 1][0]]):
            # "Woodbridge, Virginia", "Palmyra, Syria": the place is inside the region named after it
            nxt = raw[i + 1]
            within = resolver.resolve(text[nxt[0]:nxt[1]], "region") if resolved[i + 1][0] is not None else None
            if within is not None and within.feature in ("admin1", "country"):
                written = text[start:end]
                entry = resolver.resolve(written, hint, within) or (
                    resolver.resolve(name, hint, within) if name != written else None) or entry
        prep = None if origin == "part" else _locative_before(text, start, end)
        modifier = entry is not None and entry.feature in ("country", "admin1", "landmark") \
            and _modifies_a_noun(doc, start, end)
        out.append(PlaceMention(Span(start, end, text[start:end]), eid, name, entry, None if modifier else prep,
                                hint == "region", modifier))
    return out


_SITES = geo_words().site_nouns | geo_words().settlement_nouns | geo_words().province_nouns | geo_words().region_nouns


def _modifies_a_noun(doc, start: int, end: int) -> bool:
    """Return True when a name modifies a noun after it that is no site ("a U.S. airstrike", "U.S. troops",
    "the Iran nuclear deal"); False for a site ("on U.S. soil", "in a U.S. prison") or a name standing alone."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root = span.root
    head = root.head
    return root.dep_ in ("compound", "amod", "nmod") and head.i >= span.end and head.pos_ in ("NOUN", "PROPN") \
        and head.lower_ not in _SITES and head.lemma_.lower() not in _SITES


def _note_countries(resolver: PlaceResolver, text: str, raw: list, countries_only: bool = False) -> None:
    for start, end, _eid, name, _origin in raw:
        found = resolver.candidates(text[start:end]) or resolver.candidates(name)
        if countries_only and not all(e.feature == "country" for e in found):
            continue  # a name only the gazetteer found says nothing of the article's countries
        if len({e.country for e in found}) == 1:
            resolver.note_country(found[0].country, 2 if found[0].feature == "country" else 1)


_APPOSITION = re.compile(r",[ \t]*")
_TITLES = geo_words().titles


def _hint(text: str, start: int, end: int) -> str:
    """Return "region" ("Idlib province", "the province of Idlib"), "city" ("Gaza City") or ""."""
    after, before = text[end:end + 20], text[max(0, start - 20):start]
    if _REGION_AFTER.match(after) or _REGION_OF.search(before):
        return "region"
    return "city" if _CITY_AFTER.match(after) or _CITY_OF.search(before) else ""


def _titled(text: str, start: int) -> bool:
    """Return True when a title stands right before a name ("Mr Khan", "Gen. Jordan")."""
    words = re.findall(r"[A-Za-z]+", text[max(0, start - 20):start])
    return bool(words) and words[-1].lower() in _TITLES


def _used_as_place(entity, text: str, resolver: PlaceResolver, doc=None) -> bool:
    """Return True when a name typed PERSON, ORG or NORP is a known place the text uses as one at least
    once ("in Sinjar", "the liberation of Sinjar", "warplanes bombed Douma") and is no organisation the
    knowledge base knows."""
    if _known_actor(entity.name):
        return False  # "in Congress", "in Hamas"
    place_use = False
    for m in entity.mentions:
        if entity.type == "PERSON" and _titled(text, m.span.start):
            return False
        if not place_use and (_locative_before(text, m.span.start, m.span.end) or _object_of_force(doc, m.span)) \
                and resolver.candidates(m.span.text):
            place_use = True
    return place_use


# verbs whose object is a place when it is a known place's name ("shelled Douma", "captured Manbij")
_FORCE_VERBS = geo_words().force_verbs


def _object_of_force(doc, span: Span) -> bool:
    """Return True when a name is the object of a verb of force ("warplanes bombed Douma")."""
    if doc is None:
        return False
    found = doc.char_span(span.start, span.end, alignment_mode="expand")
    if found is None or len(found) == 0:
        return False
    root = found.root
    if _after_title(found):
        return False
    return root.dep_ in ("dobj", "nsubjpass") and root.head.lemma_.lower() in _FORCE_VERBS


def _after_title(span) -> bool:
    """Return True when a title stands before the name ("attacked Mr Khan")."""
    return span.start > 0 and span.doc[span.start - 1].lower_.rstrip(".") in _TITLES


def _stands_out(entry: GazEntry, written: str, hint: str, resolver: PlaceResolver, part: bool) -> bool:
    """Return True when a name the gazetteer alone found in the text is taken for that place: a country
    or seat, a region of a country the article names, a city of some size by its own name, or a town of
    a country the article is about; not a short word that is also some town's name ("Gen", "IS"). Inside
    another name (``part``) a town needs its own size: "U.S. Central Command" names no town "Central"."""
    letters = sum(c.isalpha() for c in written)
    if letters <= 3 and not (written.isupper() and entry.feature == "country") and not entry.id.startswith("names:"):
        return False
    about = resolver.context.get(entry.country, 0)
    if entry.feature in ("country", "landmark"):
        return True
    if entry.feature == "admin1":
        return not entry.alias and (about >= 1 or hint == "region") or entry.id.startswith("names:")
    if not entry.minor and not entry.alias and entry.population >= 15000:
        return True
    return not part and about >= 2 and (not entry.alias or entry.population >= 15000)


# words of a name in capitals ("U.S.", "Khan Yunis", "Tall ‘Afar"); the Arabic article joins two of them
_WORD = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w\u200e]|['’‘ʿ`](?=\w)(?![sS]\b))*")
_JOINER = re.compile(r"[ \-]['’‘ʿ`]?")
_CONNECTORS = geo_words().name_connectors
MAX_NAME_WORDS = 5
# words of a feature named after a town: the feature is at or near the town
_FEATURE_WORDS = geo_words().feature_words


def _add_capitalised_names(doc, text: str, raw: list, people: list, others: list,
                           resolver: PlaceResolver) -> list:
    """Return ``raw`` with the known places among the text's runs of capitalised words added.

    A run's longest known names are taken left to right ("Dayr az Zawr", not "Zawr"); a name that is
    only part of its run, or inside an organisation's name, is marked as inside another name. A name
    that contains mentions already found replaces them; one that overlaps a person is left out.
    """
    words = [m for m in _WORD.finditer(text)]
    runs: list[list[re.Match]] = []
    current: list[re.Match] = []
    for w in words:
        capital = w.group(0)[0].isupper()
        joined = bool(current) and _JOINER.fullmatch(text[current[-1].end():w.start()]) is not None
        if capital or (w.group(0).lower() in _CONNECTORS and joined):
            if current and not joined:
                runs.append(current)
                current = []
            current.append(w)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    out = list(raw)
    for run in runs:
        while run and run[-1].group(0).lower() in _CONNECTORS:
            run = run[:-1]
        i = 0
        while i < len(run):
            if run[i].group(0).lower() in _CONNECTORS and not (i + 1 < len(run)):
                break
            match = None
            for j in range(min(len(run), i + MAX_NAME_WORDS), i, -1):
                if run[j - 1].group(0).lower() in _CONNECTORS:
                    continue
                start, end = run[i].start(), run[j - 1].end()
                if j - i == 1 and not _proper_noun(doc, start, end):
                    continue
                # another spelling is looked for only for a whole run ("Maarat al-Numan"), not for each
                # part of every run of capitals
                if resolver.candidates(text[start:end], other_spellings=(i == 0 and j == len(run))):
                    match = (start, end, j)
                    break
            if match is None:
                i += 1
                continue
            start, end, i = match
            if any(s < end and start < e for s, e in people):
                continue
            part = end - start < run[-1].end() - run[0].start()
            inside_other = any(s <= start and end <= e and (s, e) != (start, end) for s, e in others)
            if any((s, e) == (start, end) for s, e in others) and _known_actor(text[start:end]):
                continue  # the whole name is an organisation's: "Hamas", "Congress"
            overlapping = [r for r in out if r[0] < end and start < r[1]]
            if overlapping:
                if all(r[0] <= start and end <= r[1] and (r[0], r[1]) != (start, end)
                       and not resolver.candidates(text[r[0]:r[1]]) for r in overlapping):
                    part = True  # a known place inside a name the gazetteer does not know ("U.S.-Iraq")
                elif part or not all(start <= r[0] and r[1] <= end and (r[0], r[1]) != (start, end)
                                     for r in overlapping):
                    continue
                else:
                    out = [r for r in out if r not in overlapping]  # "Dayr az Zawr" over the tagger's "Zawr"
            rest = {w.group(0).lower() for w in run if not (start <= w.start() and w.end() <= end)}
            if part and not inside_other and rest and rest <= _FEATURE_WORDS:
                part = False  # "Mount Sinjar", "the Mosul Dam": a feature named after the place, near it
            out.append((start, end, None, text[start:end], "part" if part or inside_other else "scan"))
    return out


def _proper_noun(doc, start: int, end: int) -> bool:
    """Return True when a one-word name is a proper noun here, not a capitalised word ("Will", "March"):
    tagged so, or capitalised inside a sentence where no verb, adjective or function word is."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    tok = span[0]
    if tok.ent_type_ in ("DATE", "TIME", "PERSON", "ORDINAL", "CARDINAL") or tok.lower_ in _calendar_words():
        return False  # "in May", "on Sunday": some town's name too
    return tok.pos_ == "PROPN" or (not tok.is_sent_start and tok.pos_ in ("NOUN", "PRON", "X"))


@functools.cache
def _calendar_words() -> frozenset[str]:
    """Return the month and weekday words of lang/data/dates.yaml, lower case (read as data: geo sits on a
    floor beneath lang and does not import it)."""
    data = load_yaml("dates.yaml")
    words = {str(w).lower() for key in ("months", "weekdays") for w in data[key]}
    return frozenset(words | {w + "." for w in words if len(w) <= 4})


def _known_actor(name: str) -> bool:
    """Return True for a name the knowledge base knows as an organisation or a person ("Congress")."""
    known = kb.lookup(name)
    return known is not None and known.type in ("ORG", "PERSON")


_OF_PLACE = re.compile(r"\bof (?:the )?([A-Z][\w\-]+(?: [A-Z][\w\-]+){0,2})$")
_NAME_PREPS = geo_words().name_preps
_INNER_ARTICLES = geo_words().inner_articles


def _names_after_prepositions(doc, gaz: Gazetteer, text: str) -> list[tuple[int, int]]:
    """Return (start, end) of capitalised names the gazetteer knows right after a locative preposition
    (``text`` is ``doc.text``, which spaCy joins anew on each access)."""
    out = []
    n = len(doc)
    # the prepositions are found in the column of lower-case forms (hashes): iterating the Doc would make
    # a Token object for every word of the article
    preps = {doc.vocab.strings[w] for w in _NAME_PREPS}
    for k, lower in enumerate(doc.to_array("LOWER").tolist()):
        if lower not in preps or k + 1 >= n:
            continue
        i = k + 1
        if doc[i].lower_ == "the" and i + 1 < n:
            i += 1
        j = i
        while j < n and j - i < 4 and (doc[j].is_title or doc[j].is_upper and len(doc[j]) > 1
                                       or doc[j].text == "-" or doc[j].text in _INNER_ARTICLES) \
                and doc[j].is_alpha | (doc[j].text == "-"):
            j += 1
        # the whole capitalised name or nothing: "Tal Afar" is not "Tal"; never a date ("in May")
        if j > i and gaz.lookup(doc[i:j].text) and not any(
                t.ent_type_ in ("DATE", "TIME") or t.lower_ in _calendar_words() for t in doc[i:j]):
            out.append((doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)))
    for m in _NAMED_PLACE.finditer(text):
        # "the city of Aleppo", "Aleppo's eastern districts": a place by what is said of it
        name = m.group("of") or m.group("poss")
        start = m.start("of") if m.group("of") else m.start("poss")
        if gaz.lookup(name):
            out.append((start, start + len(name)))
    return out


_NAMED_PLACE = re.compile(
    rf"\b(?:{SETTLEMENT_NOUNS}|{PROVINCE_NOUNS}) of (?:the )?(?P<of>[A-Z][\w\-]+(?: [A-Z][\w\-]+){{0,2}})"
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

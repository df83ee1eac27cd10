"""The actor knowledge base: canonical names, types and CAMEO-style actor codes, kept as data files.

Codes follow CAMEO's actor scheme: a three-letter country code (ISO 3166-1 alpha-3) followed by a
three-letter sector (``RUSGOV``, ``ISRMIL``, ``PSEREB``), or an international body (``IGOUNO``,
``IGOJUD``, ``NGO``). Data files under ``kb/data/``:

- ``actors.yaml``: people in office (as of 2025), government bodies, armed groups, IGOs, courts, media;
- ``places.yaml``: capitals and seats of government standing for their country, and common short names;
- ``demonyms.yaml``: adjectives of nationality; country names themselves come from pycountry;
- ``sectors.yaml``: titles and role words that imply a sector ("spokesperson" GOV, "troops" MIL).

Everything is loaded once, lazily, on the first lookup.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pycountry

from ..datafiles import load_yaml
from ..errors import LexiconError
from ..ids import entity_key


@dataclass(frozen=True, slots=True)
class KBEntry:
    canonical: str  # "Vladimir Putin"
    type: str  # PERSON, ORG, GPE, NORP, LOC, FAC
    actor_code: str | None = None  # "RUSGOV"
    aliases: tuple[str, ...] = ()
    role: str | None = None  # "President of Russia"
    affiliation: str | None = None  # canonical name of the affiliated entity


_SECTORS = ("GOV", "MIL", "COP", "JUD", "LEG", "REB", "OPP", "PTY", "CVL", "MED", "BUS", "EDU", "HLH",
            "REL", "SPY", "LAB", "ACT", "NGO", "REF")
# Leading words that do not change what a name refers to.
_DROP_LEADING = ("the ", "former ", "ex ", "then ")
_TOKEN = re.compile(r"[\w'’.-]+")


def _read_yaml(name: str):
    return load_yaml(name, __package__)


@dataclass(slots=True)
class _Tables:
    by_key: dict[str, list[KBEntry]]
    country_codes: dict[str, str]  # key of a country name, demonym or capital -> ISO-3
    country_names: dict[str, str]  # ISO-3 -> canonical country name
    sector_words: dict[str, str]  # key of a role word -> sector
    longest_phrase: int


def _add(table: dict[str, list[KBEntry]], name: str, entry: KBEntry) -> None:
    key = entity_key(name)
    if not key:
        return
    bucket = table.setdefault(key, [])
    if entry not in bucket:
        bucket.append(entry)


def _country_table() -> tuple[dict[str, str], dict[str, str]]:
    codes: dict[str, str] = {}
    names: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_3
        preferred = getattr(country, "common_name", None) or country.name
        if "," in preferred:  # "Palestine, State of" -> "Palestine"
            preferred = preferred.split(",")[0]
        names.setdefault(code, preferred)
        for label in (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None),
                      preferred):
            if label:
                codes.setdefault(entity_key(label), code)
    return codes, names


@functools.cache
def _tables() -> _Tables:
    by_key: dict[str, list[KBEntry]] = {}
    country_codes, country_names = _country_table()

    places = _read_yaml("places.yaml")
    for name, value in places.items():
        if not (isinstance(value, list) and len(value) == 3):
            raise LexiconError(f"kb/data/places.yaml: {name!r} must map to [code, type, canonical name]")
        code, type_, canonical = value
        country_codes[entity_key(name)] = code[:3]
        country_names.setdefault(code[:3], canonical)
        _add(by_key, name, KBEntry(canonical, type_, code, (name,) if name != canonical else ()))
    for key, code in list(country_codes.items()):
        canonical = country_names.get(code, key)
        if key not in by_key:
            _add(by_key, key, KBEntry(canonical, "GPE", code))

    demonyms = _read_yaml("demonyms.yaml")
    for word, code in demonyms.items():
        if not (isinstance(code, str) and len(code) == 3):
            raise LexiconError(f"kb/data/demonyms.yaml: {word!r} must map to a three-letter country code")
        country_codes[entity_key(word)] = code
        plural = word if word.endswith(("ese", "ish", "ch", "ss", "i")) else word + "s"
        entry = KBEntry(word, "NORP", code, (plural,) if plural != word else (),
                        affiliation=country_names.get(code))
        _add(by_key, word, entry)
        _add(by_key, plural, entry)

    actors = _read_yaml("actors.yaml")
    for section, default_type in (("people", "PERSON"), ("organizations", "ORG")):
        for item in actors.get(section) or ():
            if not isinstance(item, dict) or "name" not in item or "code" not in item:
                raise LexiconError(f"kb/data/actors.yaml: entry {item!r} in {section} needs a name and a code")
            aliases = tuple(item.get("aliases") or ())
            entry = KBEntry(item["name"], item.get("type", default_type), item["code"], aliases,
                            item.get("role"), item.get("affiliation"))
            for name in (item["name"], *aliases):
                _add(by_key, name, entry)

    sector_words: dict[str, str] = {}
    for sector, words in _read_yaml("sectors.yaml").items():
        if sector not in _SECTORS:
            raise LexiconError(f"kb/data/sectors.yaml: unknown sector {sector!r}; use one of {', '.join(_SECTORS)}")
        for word in words:
            sector_words.setdefault(entity_key(str(word)), sector)

    longest = max(len(k.split()) for k in (*by_key, *sector_words))
    return _Tables(by_key, country_codes, country_names, sector_words, longest)


def _strip_leading(name: str) -> str:
    lowered = name.lower()
    for word in _DROP_LEADING:
        if lowered.startswith(word):
            return name[len(word):]
    return name


def lookup(name: str, type_hint: str | None = None) -> KBEntry | None:
    """Return the KB entry a name (as written) refers to, or None."""
    if not name or not name.strip():
        return None
    tables = _tables()
    for candidate in (name, _strip_leading(name.strip())):
        key = entity_key(candidate.replace("’s", "").replace("'s", "") if candidate.endswith(("'s", "’s")) else candidate)
        entries = tables.by_key.get(key)
        if entries:
            if type_hint:
                for entry in entries:
                    if entry.type == type_hint:
                        return entry
            return entries[0]
    return None


def country_code(name: str) -> str | None:
    """Return the ISO-3 code of a country name, demonym or capital ("Israeli" -> "ISR"), or None."""
    return _tables().country_codes.get(entity_key(_strip_leading(name)))


def sector_for(text: str) -> str | None:
    """Return the sector the head word of a role phrase implies ("Kremlin spokesperson" -> GOV), or None."""
    words = entity_key(text).split()
    sectors = _tables().sector_words
    # The head of an English noun phrase is at its end: the last role word decides.
    for end in range(len(words), 0, -1):
        for start in range(max(0, end - 3), end):
            sector = sectors.get(" ".join(words[start:end]))
            if sector:
                return sector
    return None


def actor_code_for(text: str) -> str | None:
    """Return a CAMEO-style actor code for a phrase such as "Kremlin spokesperson" or "Israeli", or None."""
    if not text or not text.strip():
        return None
    entry = lookup(text)
    if entry is not None and entry.actor_code:
        return entry.actor_code
    tables = _tables()
    words = entity_key(text.replace("’s", " ").replace("'s", " ")).split()
    named: str | None = None
    country: str | None = None
    i = 0
    while i < len(words):
        matched = False
        for length in range(min(tables.longest_phrase, len(words) - i), 0, -1):
            phrase = " ".join(words[i:i + length])
            entries = tables.by_key.get(phrase)
            if entries:
                code = entries[0].actor_code or ""
                if len(code) > 3 and named is None:
                    named = code
                elif len(code) == 3 and country is None:
                    country = code
                i += length
                matched = True
                break
        if not matched:
            i += 1
    sector = sector_for(text)
    if named is not None:
        # A named body carries its own sector; a country word beside it does not override it.
        return named
    if country is not None:
        return country + (sector or "")
    return sector

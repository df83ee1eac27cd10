"""Entity settling as the store grows: does linking a day's news cost more when the store is bigger?

    python benchmarks/bench_link_settle.py [--sizes 250,1000] [--batch 50]
    python benchmarks/bench_link_settle.py --sizes 1000,4000,16000     # a longer run

At the end of every linking run ``EntityLinker.settle`` decides again the bare surnames and common
words kept to their article whose name a row of the run shares ("Trump", "GOP"). This benchmark builds
stores of synthetic political news written for it: every article names a few people of a handful of
families (one member of each family in the news far more than the others, as a president is beside his
relatives), writes some of them by their surname alone, names a paper by a common word ("the Sun",
"the Mirror") and a few people seen once. Articles come 8 a day in publication order. Each store size is
reached by linking its articles (in runs of ``--chunk``), then ``--batch`` new articles of the following
days are linked in one run, timed: ms per article for the run, the time settling took and its share,
and how many rows settling decided again. The sizes are reported side by side, as ratios to the smallest
(the baseline of the same run): flat is the target, growing with the store is what issue 18 names.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine

# Families: a surname and given names, the first one in the news far more than the others.
FAMILIES = [
    ("Varlow", ["Donovan", "Melisande", "Corwin", "Ivette", "Tobias", "Linnea"]),
    ("Okafor", ["Chidi", "Amara", "Nkem"]),
    ("Brandt", ["Helmut", "Ursula", "Kai", "Greta"]),
    ("Castellano", ["Rafael", "Lucia"]),
    ("Marsh", ["Eleanor", "Dorian", "Pippa", "Rowan", "Silas"]),
    ("Petrov", ["Anatoly", "Yelena"]),
]
FIRST = ["Adele", "Bram", "Celia", "Desmond", "Elif", "Farid", "Gwen", "Hugo", "Ines", "Jonas", "Kaveh",
         "Leona", "Mateo", "Nadia", "Orla", "Pavel", "Quentin", "Rosa", "Stellan", "Tamar", "Ulrich", "Vera"]
LAST = ["Abernethy", "Bellweather", "Crane", "Dunmore", "Eastwick", "Fairbairn", "Gallo", "Holloway",
        "Iverson", "Jessup", "Kestrel", "Lindqvist", "Moreau", "Northcott", "Oyelaran", "Pryce", "Quill",
        "Rainsford", "Sorensen", "Thackeray", "Umber", "Vasquez", "Whitlock", "Yardley", "Zeller"]
PAPERS = ["Sun", "Mirror", "Atlantic"]
ORGS = ["Senate Finance Committee", "Harbor Workers Union", "Northern Grain Board", "Meridian Bank",
        "Coastal Defence League", "Riverside Council"]
PER_DAY = 8
START = date(2017, 1, 1)


def _given_weights(n: int) -> list[float]:
    return [20.0] + [1.0 / (k + 1) for k in range(n - 1)]


def article(i: int, rng: random.Random):
    """Return the ArticleResult of synthetic article ``i`` (its day: i // PER_DAY after START)."""
    from newstrace.ids import article_id, entity_id
    from newstrace.records import Article, ArticleResult, Entity, Mention, Span

    day = (START + timedelta(days=i // PER_DAY)).isoformat()
    families = rng.sample(FAMILIES, k=rng.choice((1, 2, 2, 3)))
    people = []
    for surname, given in families:
        first = rng.choices(given, weights=_given_weights(len(given)))[0]
        people.append((f"{first} {surname}", surname))
    others = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(2, 4))]
    orgs = rng.sample(ORGS, k=2)
    paper = rng.choice(PAPERS)
    parts = [f"Report {i}."]
    for full, surname in people:
        parts.append(f"{full} met {others[0]} of the {orgs[0]}.")
        if rng.random() < 0.8:
            parts.append(f"Later {surname} told reporters that {others[-1]} would join the {orgs[1]}.")
    parts.append(f"The {paper} quoted {', '.join(others)}.")
    text = " ".join(parts)
    aid = article_id(text)
    entities: dict[str, Entity] = {}

    def add(type_: str, name: str, scoped: bool = False) -> None:
        mentions, at = [], 0
        while (at := text.find(name, at)) >= 0:
            end = at + len(name)
            # a surname alone only where no given name precedes it
            if not scoped or type_ != "PERSON" or not text[:at].endswith(tuple(f"{g} " for _, gs in FAMILIES
                                                                                  for g in gs)):
                mentions.append(Mention(aid, Span.of(text, at, end)))
            at = end
        if not mentions:
            return
        row = entity_id(type_, name, aid) if scoped else entity_id(type_, name)
        entities[f"{type_}:{name}"] = Entity(id=row, type=type_, name=name, mentions=tuple(mentions))

    for full, surname in people:
        add("PERSON", full)
        if f"Later {surname} told" in text:
            add("PERSON", surname, scoped=True)
    for name in others:
        add("PERSON", name)
    for name in orgs:
        add("ORG", name)
    add("ORG", paper, scoped=True)
    return ArticleResult(Article(id=aid, text=text, published=day, source="Bench Wire"),
                         list(entities.values()), [], [])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="250,1000", help="store sizes (articles) to link a batch at")
    parser.add_argument("--batch", type=int, default=50, help="articles linked in the measured run")
    parser.add_argument("--chunk", type=int, default=250, help="articles per linking run while growing")
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()
    sizes = sorted(int(x) for x in args.sizes.split(",") if x.strip())

    from newstrace.link import entities as entity_links
    from newstrace.link import link_pending
    from newstrace.store import open_store

    spent = {"settle": 0.0}
    settle = entity_links.EntityLinker.settle

    def timed_settle(self, conn):
        t0 = time.perf_counter()
        try:
            return settle(self, conn)
        finally:
            spent["settle"] += time.perf_counter() - t0

    entity_links.EntityLinker.settle = timed_settle
    decided = {"rows": 0}
    find = entity_links.EntityLinker._find_group

    def counted_find(self, conn, row, context):
        if self._settling:
            decided["rows"] += 1
        return find(self, conn, row, context)

    entity_links.EntityLinker._find_group = counted_find

    points = []
    with tempfile.TemporaryDirectory(prefix="newstrace-bench-settle-") as tmp:
        for size in sizes:
            rng = random.Random(args.seed)
            store = open_store(str(Path(tmp) / f"settle{size}.db"))
            t0 = time.perf_counter()
            for start in range(0, size, args.chunk):
                for i in range(start, min(size, start + args.chunk)):
                    store.write_result(article(i, rng))
                link_pending(store)
            build = time.perf_counter() - t0
            for i in range(size, size + args.batch):
                store.write_result(article(i, rng))
            spent["settle"], decided["rows"] = 0.0, 0
            t0 = time.perf_counter()
            summary = link_pending(store)
            seconds = time.perf_counter() - t0
            store.close()
            point = {
                "stored_articles": size, "linked_articles": summary.articles,
                "ms_per_article": round(1000 * seconds / summary.articles, 2),
                "settle_seconds": round(spent["settle"], 3),
                "settle_share": round(spent["settle"] / seconds, 3),
                "rows_settled": decided["rows"],
                "build_seconds": round(build, 1),
            }
            points.append(point)
            print(json.dumps(point), file=sys.stderr, flush=True)
    first = points[0]
    for point in points:
        point["ms_per_article_ratio"] = round(point["ms_per_article"] / first["ms_per_article"], 2)
    print(json.dumps({
        "benchmark": "link_settle", "machine": machine(), "batch": args.batch, "points": points,
        "store_growth": round(sizes[-1] / sizes[0], 1) if len(sizes) > 1 else 1.0,
        "ms_per_article_growth": points[-1]["ms_per_article_ratio"],
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

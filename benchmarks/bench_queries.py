"""Latency of the timeline and entity reads (CLI ``timeline``/``entity``, the API behind them) on a big store.

    python benchmarks/bench_queries.py [--records 200000] [--repeat 20] [--db FILE]
    python benchmarks/bench_queries.py --records 1000000        # the documented run

Builds (or reuses, with ``--db`` naming an existing file) a SQLite store of synthetic, already linked
articles (benchmarks/_synthetic.py) until it holds ``--records`` export records (articles, entities,
events, figures, quotes, clusters, conflicts; entity mentions come on top), then times the read functions
the CLI, the web pages and the API call (the read layer, ``newstrace.query``): ``timeline``,
``entity_profile`` and ``list_events`` with the CLI's default limits, for the most named person, place and
organisation, a rarely named person, a period, and a name nobody has. Each is run twice to warm up,
then ``--repeat`` times; prints the median and the 95th percentile in milliseconds.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, peak_rss_mb, percentiles  # noqa: E402
from _synthetic import BulkWriter, SyntheticNews  # noqa: E402

RECORD_KINDS = ("articles", "entities", "events", "figures", "quotes", "clusters", "conflicts")


def build(db: Path, records: int, seed: int) -> dict:
    from newstrace.store import open_store

    started = time.perf_counter()
    store = open_store(str(db))
    news, writer = SyntheticNews(seed=seed), BulkWriter(store)
    i, total = 0, 0
    while total < records:
        for _ in range(4):
            writer.write([news.result(k, linked=True) for k in range(i, i + 500)])
            i += 500
        writer.flush({story[5] for story in news.stories})
        counts = store.counts()
        total = sum(counts[k] for k in RECORD_KINDS)
    store.close()
    return {"built_seconds": round(time.perf_counter() - started, 1)}


def most_named(engine, type_: str, *, rare: bool = False) -> str:
    from sqlalchemy import func, select

    from newstrace.store import schema as S

    n = func.count().label("n")
    query = (select(S.entities.c.name, n).join(S.mentions, S.mentions.c.entity_id == S.entities.c.id)
             .where(S.entities.c.type == type_).group_by(S.entities.c.name)
             .order_by(n if rare else n.desc(), S.entities.c.name).limit(1))
    with engine.connect() as conn:
        return conn.execute(query).first()[0]


def timed(fn, repeat: int) -> dict:
    for _ in range(2):
        fn()
    times, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    result = percentiles(times)
    # CPU time of this process: what the query costs, whatever else the machine runs (SQLite reads in
    # this process; the wall time above waits for the CPU on a shared machine)
    result["cpu_p95_ms"] = percentiles(cpu)["p95_ms"]
    if isinstance(out, list):
        result["items"] = len(out)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--db", type=Path, default=None, help="reuse (or build) the store here")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    from newstrace.errors import NewstraceError
    from newstrace import query
    from newstrace.store import open_store

    tmp = tempfile.TemporaryDirectory(prefix="newstrace-bench-queries-")
    db = args.db or Path(tmp.name) / "bench.db"
    built = build(db, args.records, args.seed) if not db.exists() else {"reused": str(db)}
    store = open_store(str(db))
    counts = store.counts()
    with store.engine.connect() as conn:
        from sqlalchemy import func, select

        from newstrace.store import schema as S

        counts["mentions"] = conn.execute(select(func.count()).select_from(S.mentions)).scalar_one()
        months = conn.execute(select(func.min(S.articles.c.published), func.max(S.articles.c.published))).one()
    counts["records"] = sum(counts[k] for k in RECORD_KINDS)
    person, place, org = (most_named(store.engine, t) for t in ("PERSON", "GPE", "ORG"))
    rare = most_named(store.engine, "PERSON", rare=True)
    middle = months[0][:4] + "-06" if months[0] else "2012-06"

    def read(fn, *args, **kwargs):
        def run():
            with query.connect(store) as conn:
                return fn(conn, *args, **kwargs)

        return run

    def timeline(**kwargs):
        return read(query.timeline, **kwargs)

    def entity_profile(name):
        return read(query.entity_profile, name)

    def missing():
        try:
            read(query.entity_profile, "the chief negotiator of the talks")()
        except NewstraceError:
            return []
        return [1]

    queries = {
        "timeline (CLI default: 200 clusters)": timeline(limit=200),
        f"timeline --entity (most named person: {person})": timeline(entity=person, limit=200),
        f"timeline --entity (most named place: {place})": timeline(entity=place, limit=200),
        f"timeline --since/--until {middle}": timeline(since=middle, until=middle, limit=200),
        f"entity (most named person: {person})": entity_profile(person),
        f"entity (most named place: {place})": entity_profile(place),
        f"entity (most named organisation: {org})": entity_profile(org),
        f"entity (a person named once: {rare})": entity_profile(rare),
        "entity (no such name: searched as alias and role too)": missing,
        "events in date order (stats --events, first 200)": lambda: read(
            query.list_events, query.Filters(), 200, 0, counted=False)().items,
    }
    out = {}
    for name, fn in queries.items():
        out[name] = timed(fn, args.repeat)
        print(name, json.dumps(out[name]), file=sys.stderr, flush=True)
    store.close()
    tmp.cleanup()
    print(json.dumps({
        "benchmark": "queries", "machine": machine(), "store": counts, **built, "repeat": args.repeat,
        "queries": out, "slowest_p95_ms": max(v["p95_ms"] for v in out.values()),
        "slowest_cpu_p95_ms": max(v["cpu_p95_ms"] for v in out.values()), "peak_rss_mb": peak_rss_mb(),
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

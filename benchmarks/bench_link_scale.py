"""Link time per article as the store grows: does incremental linking stay flat?

    python benchmarks/bench_link_scale.py [--sizes 1000,5000,20000] [--batch 200] [--db FILE]
    python benchmarks/bench_link_scale.py --sizes 1000,10000,30000,100000     # the documented run

Grows a SQLite store of synthetic articles (benchmarks/_synthetic.py: publication order, 20 a day,
6 events, 3 figures, 3 quotes and about 14 entity mentions each, a growing vocabulary of people) to each
size in turn. The articles up to a size are written in bulk, already linked; then a fresh batch of
``--batch`` articles is written with ``Store.write_result`` and linked with the real ``link_pending``,
timed. Reports, per size: seconds per article for the whole run, the run's fixed costs (finding the
pending articles, the entity keys check, the series of each measure) and the rest per article (the
marginal cost, which includes reading the stored clusters each report's dates and participants reach). Flat or logarithmic is the target, not linear.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, peak_rss_mb  # noqa: E402
from _synthetic import BulkWriter, SyntheticNews  # noqa: E402

BULK = 500
# timers of work done per report, not once per run
PER_REPORT = frozenset({"clusters_read"})


def instrument() -> dict[str, float]:
    """Wrap the per-run loads of the linker so their time is counted apart; return the counters."""
    from newstrace.link import entities, events, figures, run

    spent: dict[str, float] = defaultdict(float)

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - t0
        return wrapper

    run.pending_articles = timed("pending", run.pending_articles)
    load = entities.EntityLinker.load.__func__
    entities.EntityLinker.load = classmethod(timed("entities_load", load))
    # stored clusters are read per report, by indexed look-ups (no per-run window since 2026-12-06):
    # counted apart as reads, part of the marginal cost, not of the fixed one
    events.EventClusterer._load_clusters = timed("clusters_read", events.EventClusterer._load_clusters)
    figures.SeriesLinker._load_measure = timed("series_load", figures.SeriesLinker._load_measure)
    return spent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,20000", help="store sizes (articles) to link a batch at")
    parser.add_argument("--batch", type=int, default=200, help="articles linked per measured run")
    parser.add_argument("--db", type=Path, default=None, help="build the store here (default: a temp file)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sizes = sorted(int(x) for x in args.sizes.split(",") if x.strip())

    from newstrace.link import link_pending
    from newstrace.store import open_store

    spent = instrument()
    tmp = None
    db = args.db
    if db is None:
        tmp = tempfile.TemporaryDirectory(prefix="newstrace-bench-link-")
        db = Path(tmp.name) / "bench.db"
    elif db.exists():
        db.unlink()
    store = open_store(str(db))
    news = SyntheticNews(seed=args.seed)
    writer = BulkWriter(store)
    i = 0
    points, bulk_seconds = [], 0.0
    for size in sizes:
        t0 = time.perf_counter()
        while i < size:
            n = min(BULK, size - i)
            writer.write([news.result(k, linked=True) for k in range(i, i + n)])
            i += n
        writer.flush({story[5] for story in news.stories})
        bulk_seconds += time.perf_counter() - t0
        batch = [news.result(k) for k in range(i, i + args.batch)]
        i += args.batch
        t0 = time.perf_counter()
        for result in batch:
            store.write_result(result)
        write_seconds = time.perf_counter() - t0
        spent.clear()
        t0 = time.perf_counter()
        summary = link_pending(store)
        seconds = time.perf_counter() - t0
        fixed = sum(v for k, v in spent.items() if k not in PER_REPORT)
        point = {
            "stored_articles": size, "linked_articles": summary.articles,
            "run_seconds": round(seconds, 2),
            "ms_per_article": round(1000 * seconds / summary.articles, 2),
            "fixed_seconds": {k: round(v, 3) for k, v in sorted(spent.items()) if k not in PER_REPORT},
            "clusters_read_seconds": round(spent.get("clusters_read", 0.0), 3),
            "marginal_ms_per_article": round(1000 * (seconds - fixed) / summary.articles, 2),
            "write_ms_per_article": round(1000 * write_seconds / len(batch), 2),
            "clusters_new": summary.clusters_new, "events_joined": summary.events_joined,
            "series_new": summary.series_new, "figures_joined": summary.figures_joined,
            "conflicts_new": summary.conflicts_new,
        }
        points.append(point)
        print(json.dumps(point), file=sys.stderr, flush=True)
    counts = store.counts()
    store.close()
    if tmp is not None:
        tmp.cleanup()
    first, last = points[0], points[-1]
    growth = sizes[-1] / sizes[0] if len(sizes) > 1 else 1.0
    print(json.dumps({
        "benchmark": "link_scale", "machine": machine(), "batch": args.batch, "points": points,
        "store": counts, "bulk_build_seconds": round(bulk_seconds, 1), "peak_rss_mb": peak_rss_mb(),
        "store_growth": round(growth, 1),
        "ms_per_article_growth": round(last["ms_per_article"] / first["ms_per_article"], 2),
        "marginal_growth": round(last["marginal_ms_per_article"] / first["marginal_ms_per_article"], 2),
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

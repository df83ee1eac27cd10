"""Ingest rate into SQLite and PostgreSQL: store writes alone, and end to end.

    python benchmarks/bench_ingest.py [--articles 60] [--synthetic 1000] [--no-postgres]

- store writes only: N BBC articles are extracted first (not timed), then ``Store.write_result`` writes
  them, one transaction per article as ``newstrace ingest`` does; also ``--synthetic`` synthetic
  articles of 24 records and ~14 mentions each (benchmarks/_synthetic.py), a steadier measure;
- end to end: ``newstrace.ingest.ingest`` over the same N article files (read, extract, write), with
  linking off, then with linking on (a fresh store each time).

Each on SQLite (a temp file, WAL) and on a throwaway PostgreSQL server started as the test suite does
(tests/pg_fixture.py; durability off); PostgreSQL is skipped when its binaries or psycopg are missing.
Reports records/s and articles/s. Prints one JSON object on its last line.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import bbc_files, fresh_pg_database, machine, postgres_server  # noqa: E402


def write_rate(store, results) -> dict:
    records = sum(len(r.records()) for r in results)
    mentions = sum(len(e.mentions) for r in results for e in r.entities)
    t0 = time.perf_counter()
    for result in results:
        store.write_result(result)
    seconds = time.perf_counter() - t0
    return {"articles": len(results), "records": records, "mentions": mentions, "seconds": round(seconds, 2),
            "articles_per_s": round(len(results) / seconds, 1), "records_per_s": round(records / seconds),
            "ms_per_article": round(1000 * seconds / len(results), 2)}


def end_to_end(store, paths: list[str], nlp, link: bool) -> dict:
    from newstrace.ingest import ingest

    t0 = time.perf_counter()
    summary = ingest(paths, store, nlp=nlp, link=link)
    seconds = time.perf_counter() - t0
    records = sum(summary.records.values())
    out = {"articles": summary.new, "records": records, "failures": len(summary.failures),
           "seconds": round(seconds, 2), "articles_per_s": round(summary.new / seconds, 2),
           "records_per_s": round(records / seconds)}
    if link and summary.linked is not None:
        out["link_seconds"] = round(summary.linked.seconds, 2)
    return out


def run_backend(name: str, open_new, results, synthetic, paths, nlp, extract_seconds: float) -> dict:
    out = {}
    store = open_new("writes")
    out["writes_extracted"] = write_rate(store, results)
    store.close()
    if synthetic:
        store = open_new("synthetic")
        out["writes_synthetic"] = write_rate(store, synthetic)
        store.close()
    for link in (False, True):
        store = open_new(f"e2e_{int(link)}")
        key = "end_to_end_with_link" if link else "end_to_end"
        out[key] = end_to_end(store, paths, nlp, link)
        store.close()
    # how much of an end-to-end ingest the store takes, beside extraction measured apart
    per_article = out["end_to_end"]["seconds"] / max(out["end_to_end"]["articles"], 1)
    out["store_share_of_end_to_end"] = round(
        out["writes_extracted"]["ms_per_article"] / 1000 / per_article, 3) if per_article else None
    out["extract_ms_per_article"] = round(1000 * extract_seconds / max(len(results), 1), 1)
    print(name, json.dumps(out), file=sys.stderr, flush=True)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60, help="BBC articles for the extracted/end-to-end runs")
    parser.add_argument("--synthetic", type=int, default=1000, help="synthetic articles for the write rate")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()

    from _synthetic import SyntheticNews

    from newstrace.nlp import load_nlp
    from newstrace.pipeline import extract_articles
    from newstrace.readers import read_inputs
    from newstrace.records import Article
    from newstrace.store import open_store

    paths = [str(p) for p in bbc_files(args.articles)]
    if not paths:
        print("error: the BBC corpus is not there", file=sys.stderr)
        return 2
    nlp = load_nlp()
    articles = [a for a in read_inputs(paths) if isinstance(a, Article)]
    list(extract_articles(articles[:2], nlp=nlp))
    t0 = time.perf_counter()
    results = list(extract_articles(articles, nlp=nlp))
    extract_seconds = time.perf_counter() - t0
    news = SyntheticNews(seed=5)
    synthetic = [news.result(i) for i in range(args.synthetic)]

    backends = {}
    with tempfile.TemporaryDirectory(prefix="newstrace-bench-ingest-") as tmp:
        backends["sqlite"] = run_backend(
            "sqlite", lambda tag: open_store(str(Path(tmp) / f"{tag}.db")), results, synthetic, paths, nlp,
            extract_seconds)
    if not args.no_postgres:
        with postgres_server() as server:
            if server is None:
                backends["postgresql"] = {"skipped": "PostgreSQL binaries or psycopg not installed"}
            else:
                backends["postgresql"] = run_backend(
                    "postgresql", lambda tag: open_store(fresh_pg_database(server, f"bench_{tag}")),
                    results, synthetic, paths, nlp, extract_seconds)
    print(json.dumps({"benchmark": "ingest", "machine": machine(), "corpus": "bbc", "articles": len(results),
                      "synthetic_articles": len(synthetic), "backends": backends}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

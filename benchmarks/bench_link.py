"""Per-article cost of extraction vs incremental linking, on the intl-affairs corpus.

    .venv/bin/python benchmarks/bench_link.py --n 300 --batch 50 [--corpus PATH] [--db FILE]
        [--since 2014-08-01 --until 2014-10-31]

Extracts the first N articles (optionally only those published in [since, until]), stores them batch by
batch, and after each batch links the new articles incrementally (``link_pending``). Prints one JSON
object: seconds per article for extraction and for linking, per batch and overall, and their ratio.
The target: linking costs no more per article than extraction (ratio <= 1), also for the last batch,
when the store is largest.
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared/corpora/text/intl-affairs/intl_affairs.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--n", type=int, default=120, help="articles to use")
    parser.add_argument("--batch", type=int, default=40, help="articles per incremental link run")
    parser.add_argument("--db", type=Path, default=None, help="keep the store here (default: a temp file)")
    parser.add_argument("--since", default=None, help="only articles published on or after (YYYY-MM-DD)")
    parser.add_argument("--until", default=None, help="only articles published on or before (YYYY-MM-DD)")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"error: {args.corpus} does not exist; give the corpus with --corpus", file=sys.stderr)
        return 2

    from newstrace.link import link_pending
    from newstrace.nlp import load_nlp
    from newstrace.pipeline import extract_articles
    from newstrace.readers import read_inputs
    from newstrace.records import Article
    from newstrace.store import open_store

    def wanted(article: Article) -> bool:
        if args.since is None and args.until is None:
            return True
        p = article.published or ""
        return bool(p) and (args.since is None or p >= args.since) and (args.until is None or p <= args.until)

    articles = list(itertools.islice(
        (a for a in read_inputs([str(args.corpus)]) if isinstance(a, Article) and wanted(a)), args.n))
    nlp = load_nlp()
    list(extract_articles(articles[:2], nlp=nlp))  # warm up the lexicons and the model

    started = time.perf_counter()
    results = list(extract_articles(articles, nlp=nlp))
    extract_seconds = time.perf_counter() - started

    tmp = None
    db = args.db
    if db is None:
        tmp = tempfile.TemporaryDirectory()
        db = Path(tmp.name) / "bench.db"
    elif db.exists():
        db.unlink()
    store = open_store(db)
    batches = []
    for start in range(0, len(results), args.batch):
        chunk = results[start:start + args.batch]
        for result in chunk:
            store.write_result(result)
        t0 = time.perf_counter()
        summary = link_pending(store)
        seconds = time.perf_counter() - t0
        batches.append({
            "stored_before": start, "articles": summary.articles, "seconds": round(seconds, 3),
            "per_article": round(seconds / max(summary.articles, 1), 4),
        })
    counts = store.counts()
    store.close()
    if tmp is not None:
        tmp.cleanup()

    n = len(results)
    link_seconds = sum(b["seconds"] for b in batches)
    extract_per = extract_seconds / max(n, 1)
    link_per = link_seconds / max(n, 1)
    print(json.dumps({
        "corpus": str(args.corpus), "articles": n, "batch": args.batch,
        "extract_seconds_per_article": round(extract_per, 4),
        "link_seconds_per_article": round(link_per, 4),
        "link_seconds_per_article_last_batch": batches[-1]["per_article"] if batches else None,
        "ratio_link_to_extract": round(link_per / extract_per, 3) if extract_per else None,
        "batches": batches, "store": counts,
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Ingest throughput: reading, the bare spaCy pass, full extraction, and ingest into a SQLite store.

Usage: python benchmarks/bench_ingest.py [PATH] [N]   (default: ../shared/corpora/text/bbc, 200 articles;
examples/ when the corpus is not there). Prints JSON: articles/s of each step and the ratio of full
extraction and of ingest to the bare spaCy pass.
"""
from __future__ import annotations

import json
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    default = ROOT.parent / "shared" / "corpora" / "text" / "bbc"
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else (default if default.exists() else ROOT / "examples")
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200

    from newstrace.ingest import ingest
    from newstrace.nlp import load_nlp
    from newstrace.pipeline import extract_articles
    from newstrace.readers import read_inputs
    from newstrace.records import Article
    from newstrace.store import open_store

    nlp = load_nlp()
    t0 = time.perf_counter()
    articles = [a for a in islice(read_inputs([str(path)]), n * 2) if isinstance(a, Article)][:n]
    t_read = time.perf_counter() - t0
    words = sum(len(a.text.split()) for a in articles)

    t0 = time.perf_counter()
    for _ in nlp.pipe((a.text for a in articles), batch_size=16):
        pass
    t_spacy = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_records = sum(len(r.records()) for r in extract_articles(articles, nlp=nlp))
    t_extract = time.perf_counter() - t0

    with tempfile.TemporaryDirectory() as tmp:
        # Ingest reads the files itself: give it exactly the files measured above where possible.
        origins = sorted({a.origin.split(":")[0].split("#")[0] for a in articles})
        store = open_store(str(Path(tmp) / "bench.db"))
        t0 = time.perf_counter()
        summary = ingest(origins, store, nlp=nlp, link=True)
        t_ingest = time.perf_counter() - t0
        store.close()

    print(json.dumps({
        "corpus": str(path), "articles": len(articles), "words": words, "records": n_records,
        "read_articles_per_s": round(len(articles) / t_read, 1),
        "spacy_articles_per_s": round(len(articles) / t_spacy, 2),
        "extract_articles_per_s": round(len(articles) / t_extract, 2),
        "ingest_articles": summary.new, "ingest_articles_per_s": round(summary.new / t_ingest, 2),
        "extract_over_spacy": round(t_extract / t_spacy, 3),
        "ingest_over_spacy_per_article": round((t_ingest / max(summary.new, 1)) / (t_spacy / len(articles)), 3),
    }))


if __name__ == "__main__":
    main()

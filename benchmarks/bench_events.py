"""Benchmark: the cost of event coding on top of the spaCy pass.

Usage: python benchmarks/bench_events.py [N]

Parses N articles (default 100) from /work/shared/corpora/text/bbc (or examples/ when absent) with
nlp.pipe, times the spaCy pass alone, runs the earlier stages (entities, dates, quotes, figures)
outside the timed region, then times extract_events alone. Prints one JSON object; the target is
events_over_spacy <= 0.15.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

CORPUS = Path("/work/shared/corpora/text/bbc")
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _texts(limit: int) -> tuple[str, list[str]]:
    root = CORPUS if CORPUS.is_dir() else EXAMPLES
    # Articles live in topic folders; files at the top are the corpus README and source notes.
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".txt", "") and p.parent != root)
    texts = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
        if text:
            texts.append(text)
        if len(texts) >= limit:
            break
    return str(root), texts


def main(limit: int = 100) -> dict:
    from newstrace.extract.events import extract_events
    from newstrace.ids import article_id
    from newstrace.nlp import load_nlp
    from newstrace.pipeline import Context, run_stages
    from newstrace.records import Article

    root, texts = _texts(limit)
    nlp = load_nlp()
    nlp("warm up the pipeline")
    extract_events(nlp("Israel freed ten prisoners."), context=Context(
        article=Article(id="a_warm", text="Israel freed ten prisoners."), doc=None))  # loads the lexicon

    start = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    spacy_seconds = time.perf_counter() - start
    tokens = sum(len(d) for d in docs)

    contexts = []
    start = time.perf_counter()
    for text, doc in zip(texts, docs):
        ctx = run_stages(Article(id=article_id(text), text=text, published="2025-01-01"), doc, until="figures")
        contexts.append(ctx)
    earlier_seconds = time.perf_counter() - start

    start = time.perf_counter()
    n_events = 0
    for ctx in contexts:
        n_events += len(extract_events(ctx.doc, context=ctx))
    events_seconds = time.perf_counter() - start

    return {
        "corpus": root, "articles": len(texts), "tokens": tokens, "events": n_events,
        "spacy_seconds": round(spacy_seconds, 3),
        "earlier_stages_seconds": round(earlier_seconds, 3),
        "events_seconds": round(events_seconds, 3),
        "events_over_spacy": round(events_seconds / spacy_seconds, 4) if spacy_seconds else None,
        "target": 0.15,
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)))

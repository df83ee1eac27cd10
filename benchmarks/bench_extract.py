"""Extraction throughput beside a bare spaCy pass of the same model over the same texts, and peak memory.

    python benchmarks/bench_extract.py [--bbc 80] [--intl 40] [--n-process 1,2] [--batch-size 16]

For each corpus (a spread sample of the BBC folders; the first articles of intl-affairs JSON Lines) and
each n_process, a fresh process loads the model (``newstrace.nlp.load_nlp``), warms it up, then times

- the bare pass: ``nlp.pipe(texts, batch_size, n_process)``, nothing else;
- extraction: ``pipeline.extract_articles(articles, batch_size, n_process)`` (the same spaCy pass plus
  every extractor stage), over the same texts;

in the order bare, extraction, extraction, bare (the machine may be shared: a load that drifts weighs on
both alike); each figure is the mean of its two runs.

Reports articles/s and tokens/s of each, the ratio extraction / bare pass in wall time and in CPU time
(target: at most 1.25, i.e. extraction costs at most 25% over the parse), and the peak RSS of each phase (the parent process, and
the largest spaCy worker when n_process > 1). Prints one JSON object on its last line.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import children_peak_rss_mb, load_articles, machine, peak_rss_mb, reset_peak  # noqa: E402

TARGET_RATIO = 1.25


def cpu_seconds() -> float:
    """Return the CPU time of this process and of its finished children (spaCy's n_process workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def one(corpus: str, n: int, n_process: int, batch_size: int) -> dict:
    from newstrace.nlp import load_nlp
    from newstrace.pipeline import extract_articles

    where, articles = load_articles(corpus, n)
    texts = [a.text for a in articles]
    nlp = load_nlp()
    list(extract_articles(articles[:2], nlp=nlp))  # load the model's weights and the lexicons
    for _ in nlp.pipe(texts[:batch_size], batch_size=batch_size):  # and grow its buffers once
        pass
    loaded = peak_rss_mb()
    tokens = records = 0

    def bare() -> None:
        nonlocal tokens
        tokens = 0
        for doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
            tokens += len(doc)

    def extract() -> None:
        nonlocal records
        records = 0
        for result in extract_articles(articles, nlp=nlp, batch_size=batch_size, n_process=n_process):
            records += len(result.records())

    # A B B A: a load that drifts during the run (the machine is shared) weighs on both sides alike.
    times: dict[str, list[float]] = {"bare": [], "extract": []}
    cpu: dict[str, float] = {"bare": 0.0, "extract": 0.0}
    peaks: dict[str, float] = {"bare": 0.0, "extract": 0.0}
    for phase in ("bare", "extract", "extract", "bare"):
        reset_peak()
        c0, t0 = cpu_seconds(), time.perf_counter()
        (bare if phase == "bare" else extract)()
        times[phase].append(time.perf_counter() - t0)
        cpu[phase] += cpu_seconds() - c0
        peaks[phase] = max(peaks[phase], peak_rss_mb())
    t_bare, t_extract = sum(times["bare"]) / 2, sum(times["extract"]) / 2
    n = len(articles)
    return {
        "corpus": where, "n_process": n_process, "batch_size": batch_size, "articles": n, "tokens": tokens,
        "characters": sum(len(t) for t in texts), "records": records,
        "bare_seconds": [round(t, 2) for t in times["bare"]],
        "extract_seconds": [round(t, 2) for t in times["extract"]],
        "bare_articles_per_s": round(n / t_bare, 2), "bare_tokens_per_s": round(tokens / t_bare),
        "extract_articles_per_s": round(n / t_extract, 2), "extract_tokens_per_s": round(tokens / t_extract),
        "ratio_extract_to_bare": round(t_extract / t_bare, 3),
        # CPU seconds of this process and its spaCy workers: less sensitive to other jobs on the machine
        "bare_cpu_seconds": round(cpu["bare"] / 2, 2), "extract_cpu_seconds": round(cpu["extract"] / 2, 2),
        "cpu_ratio_extract_to_bare": round(cpu["extract"] / cpu["bare"], 3),
        "rss_mb_after_model_load": loaded,
        "peak_rss_mb_bare": peaks["bare"], "peak_rss_mb_extract": peaks["extract"],
        "peak_rss_mb_worker": children_peak_rss_mb() if n_process > 1 else None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bbc", type=int, default=80, help="BBC articles (a spread sample)")
    parser.add_argument("--intl", type=int, default=40, help="intl-affairs articles (the first lines)")
    parser.add_argument("--n-process", default="1,2", help="comma-separated n_process values")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--one", nargs=2, metavar=("CORPUS", "N_PROCESS"), help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.one:  # the child: one corpus, one n_process, in a fresh process so peaks are its own
        print(json.dumps(one(args.one[0], args.n, int(args.one[1]), args.batch_size)))
        return 0

    runs, started = [], time.perf_counter()
    for corpus, n in (("bbc", args.bbc), ("intl", args.intl)):
        if n <= 0:
            continue
        for n_process in (int(x) for x in args.n_process.split(",") if x.strip()):
            print(f"-- {corpus}: {n} articles, n_process={n_process}", file=sys.stderr, flush=True)
            proc = subprocess.run(
                [sys.executable, __file__, "--one", corpus, str(n_process), "--n", str(n),
                 "--batch-size", str(args.batch_size)], capture_output=True, text=True)
            if proc.returncode != 0:
                print(proc.stderr[-3000:], file=sys.stderr)
                return 1
            run = json.loads(proc.stdout.strip().splitlines()[-1])
            run["label"] = corpus
            runs.append(run)
            print(json.dumps(run), file=sys.stderr, flush=True)
    worst_wall = max((r["ratio_extract_to_bare"] for r in runs), default=None)
    worst_cpu = max((r["cpu_ratio_extract_to_bare"] for r in runs), default=None)
    print(json.dumps({
        "benchmark": "extract", "machine": machine(), "runs": runs,
        "worst_wall_ratio": worst_wall, "worst_cpu_ratio": worst_cpu, "target_ratio": TARGET_RATIO,
        "met": worst_cpu is not None and worst_cpu <= TARGET_RATIO,
        "seconds": round(time.perf_counter() - started, 1),
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

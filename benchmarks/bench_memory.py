"""Peak memory on big inputs: a 50 MB article and a million-line JSON Lines file.

    python benchmarks/bench_memory.py [--lines 1000000] [--ingest 2000,20000] [--article-mb 50]

Generates the inputs in a temp folder, then runs each case in a fresh process and reports its peak
resident memory (VmHWM) beside the memory of the same process before the case started:

- ``article_default``: ``ingest`` of a 50 MB plain-text article with the default 20 MB limit: refused
  before it is read, with a one-line reason;
- ``article_raised``: the same with ``max_bytes`` raised to 60 MB: read and decoded, then refused with a
  one-line reason because it is longer than the spaCy pipeline parses at once (``nlp.max_length``);
  the run goes on with the other inputs (the peak is the cost of holding that one article);
- ``read_jsonl``: ``read_inputs`` over the million-line file, counting the articles: the reader yields
  one line at a time;
- ``ingest_jsonl_N``: ``ingest`` (read, extract, write into SQLite, no linking) of the first N lines, for
  each N in ``--ingest``, with a blank English pipeline plus a sentencizer (the real model would take
  hours on a million articles; the streaming path is the same): the peak must not grow with N.

Prints one JSON object on its last line.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, peak_rss_mb, reset_peak, rss_mb  # noqa: E402

PARAGRAPH = ("Officials in the capital said on Monday that talks between the two delegations would resume "
             "after a pause of several weeks, and that 12 prisoners had been released overnight. ")


def make_article(path: Path, megabytes: int) -> None:
    block = ("\n\n".join(PARAGRAPH * 3 for _ in range(50)) + "\n\n").encode()
    with open(path, "wb") as out:
        out.write(b"A very long report\n\n")
        written = 0
        while written < megabytes * 1_000_000:
            out.write(block)
            written += len(block)


def make_jsonl(path: Path, lines: int) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for i in range(lines):
            out.write(json.dumps({
                "title": f"Report {i}", "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", "source": "Wire",
                "text": f"Report {i}. Officials in Cairo said {i % 97 + 2} people were released on Monday. "
                        f"\"We are ready to talk,\" the minister said.",
            }) + "\n")


def case(name: str, path: str, n: int) -> dict:
    """Run one case in this (fresh) process; return its memory figures."""
    import itertools

    from newstrace.ingest import ingest
    from newstrace.readers import read_inputs
    from newstrace.store import open_store

    failures: list[tuple[str, str]] = []
    out: dict = {"case": name}
    if name.startswith("article") or name.startswith("ingest"):
        if name.startswith("ingest"):
            import spacy

            nlp = spacy.blank("en")
            nlp.add_pipe("sentencizer")
            if n:  # the first n lines, as their own file: ingest reads whole inputs
                head = Path(path).with_name(f"head_{n}.jsonl")
                with open(path, encoding="utf-8") as src, open(head, "w", encoding="utf-8") as dst:
                    dst.writelines(itertools.islice(src, n))
                path = str(head)
        else:
            from newstrace.nlp import load_nlp

            nlp = load_nlp()
        tmp = tempfile.mkdtemp(prefix="newstrace-bench-mem-")
        store = open_store(str(Path(tmp) / "mem.db"))
        max_bytes = 60_000_000 if name == "article_raised" else 20_000_000
        before = rss_mb()
        reset_peak()
        t0 = time.perf_counter()
        summary = ingest([path], store, nlp=nlp, link=False, max_bytes=max_bytes,
                         on_failure=lambda origin, reason: failures.append((origin, reason)))
        out.update(seconds=round(time.perf_counter() - t0, 1), articles=summary.new,
                   failures=[reason for _, reason in failures][:3])
        store.close()
    else:  # read_jsonl
        before = rss_mb()
        reset_peak()
        t0 = time.perf_counter()
        count = errors = 0
        for item in read_inputs([path]):
            if hasattr(item, "text"):
                count += 1
            else:
                errors += 1
        out.update(seconds=round(time.perf_counter() - t0, 1), articles=count, errors=errors)
    out.update(rss_before_mb=before, peak_rss_mb=peak_rss_mb())
    out["peak_over_before_mb"] = round(out["peak_rss_mb"] - before, 1)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--ingest", default="2000,20000", help="line counts to ingest end to end")
    parser.add_argument("--article-mb", type=int, default=50)
    parser.add_argument("--case", nargs=3, metavar=("NAME", "PATH", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(case(args.case[0], args.case[1], int(args.case[2]))))
        return 0

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="newstrace-bench-mem-") as tmp:
        article, lines = Path(tmp) / "long.txt", Path(tmp) / "lines.jsonl"
        make_article(article, args.article_mb)
        make_jsonl(lines, args.lines)
        inputs = {"article_mb": round(article.stat().st_size / 1e6, 1),
                  "jsonl_lines": args.lines, "jsonl_mb": round(lines.stat().st_size / 1e6, 1)}
        plan = [("article_default", article, 0), ("article_raised", article, 0), ("read_jsonl", lines, 0)]
        plan += [(f"ingest_jsonl_{n}", lines, n) for n in (int(x) for x in args.ingest.split(",") if x.strip())]
        cases = {}
        for name, path, n in plan:
            print(f"-- {name}", file=sys.stderr, flush=True)
            proc = subprocess.run([sys.executable, __file__, "--case", name, str(path), str(n)],
                                  capture_output=True, text=True)
            if proc.returncode != 0:
                print(proc.stderr[-3000:], file=sys.stderr)
                return 1
            cases[name] = json.loads(proc.stdout.strip().splitlines()[-1])
            print(json.dumps(cases[name]), file=sys.stderr, flush=True)
    ingests = [c for k, c in cases.items() if k.startswith("ingest_jsonl_")]
    print(json.dumps({
        "benchmark": "memory", "machine": machine(), "inputs": inputs, "cases": cases,
        "ingest_peak_growth_mb": round(ingests[-1]["peak_over_before_mb"] - ingests[0]["peak_over_before_mb"], 1)
        if len(ingests) > 1 else None,
        "seconds": round(time.perf_counter() - started, 1),
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

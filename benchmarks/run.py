"""``make bench``: run every benchmarks/bench_*.py with its small defaults and collect what each measured.

Each benchmark is a script that prints one JSON object at the end of its output (on its last line, or
over its last lines when indented); timings are reported beside a baseline measured in the same run
(the bare spaCy pass, a store of known size), so they mean the same on any machine. The results go to
benchmarks/results.json, with the seconds each script took. Bigger runs: call a script with its flags
(``--help``), as docs/PERFORMANCE.md does.

    python benchmarks/run.py [NAME ...]     # only the named benchmarks (e.g. extract link_scale)
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def last_json(stdout: str) -> dict | None:
    """Return the JSON object the output ends with: its last line, or its last lines when indented."""
    lines = stdout.rstrip().splitlines()
    for start in range(len(lines) - 1, -1, -1):
        if not lines[start].startswith("{"):
            continue
        try:
            found = json.loads("\n".join(lines[start:]))
        except json.JSONDecodeError:
            continue
        return found if isinstance(found, dict) else None
    return None


def main(argv: list[str]) -> int:
    wanted = {name.removeprefix("bench_").removesuffix(".py") for name in argv}
    results, failed, started = {}, [], time.perf_counter()
    for script in sorted(HERE.glob("bench_*.py")):
        if wanted and script.stem.removeprefix("bench_") not in wanted:
            continue
        print(f"== {script.name}", flush=True)
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
        seconds = round(time.perf_counter() - t0, 1)
        if proc.returncode != 0:
            failed.append(script.name)
            print(proc.stderr[-3000:], file=sys.stderr)
            continue
        found = last_json(proc.stdout)
        if found is None:
            failed.append(script.name)
            print(f"{script.name}: no JSON object at the end of its output", file=sys.stderr)
            continue
        found["bench_seconds"] = seconds
        results[script.stem] = found
        print(json.dumps(found, indent=2))
        print(f"-- {script.name}: {seconds} s", flush=True)
    out = HERE / "results.json"
    if wanted and out.exists():  # a partial run keeps the other benchmarks' last results
        try:
            results = {**json.loads(out.read_text()), **results}
        except json.JSONDecodeError:
            pass
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"results written to {out} ({time.perf_counter() - started:.0f} s in all)")
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

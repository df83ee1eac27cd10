"""``make bench``: run every benchmarks/bench_*.py and print what each measured.

Each benchmark is a script that prints one JSON object on its last line; timings are reported as ratios
against a baseline measured in the same run (the bare spaCy pass), so they mean the same on any machine.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    results, failed = {}, []
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"== {script.name}", flush=True)
        proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
        if proc.returncode != 0:
            failed.append(script.name)
            print(proc.stderr[-2000:], file=sys.stderr)
            continue
        lines = [line for line in proc.stdout.strip().splitlines() if line.strip()]
        try:
            results[script.stem] = json.loads(lines[-1])
        except (IndexError, json.JSONDecodeError):
            failed.append(script.name)
            print(f"{script.name}: no JSON on the last line of its output", file=sys.stderr)
            continue
        print(json.dumps(results[script.stem], indent=2))
    out = HERE / "results.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"results written to {out}")
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

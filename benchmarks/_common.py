"""Helpers shared by the benchmarks: corpora, peak memory, a throwaway PostgreSQL server, timing stats.

Not a benchmark itself (``run.py`` runs ``bench_*.py`` only).
"""
from __future__ import annotations

import contextlib
import os
import platform
import re
import resource
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))  # run from a checkout without installing, too

SHARED = Path(os.environ.get("NEWSTRACE_SHARED", ROOT.parent / "shared"))
BBC = SHARED / "corpora" / "text" / "bbc"
INTL = SHARED / "corpora" / "text" / "intl-affairs" / "intl_affairs.jsonl"
EXAMPLES = ROOT / "examples"


# -- inputs -----------------------------------------------------------------------------------------

def bbc_files(n: int) -> list[Path]:
    """Return ``n`` BBC article files spread evenly over the five topic folders (a fixed sample)."""
    files = sorted(p for p in BBC.rglob("*.txt") if p.parent != BBC)
    if not files:
        return []
    step = max(1, len(files) // max(n, 1))
    return files[::step][:n]


def load_articles(corpus: str, n: int) -> tuple[str, list]:
    """Return (where from, the first ``n`` Articles) of ``bbc`` (a spread sample), ``intl`` (the first
    lines of the JSON Lines file) or a path; examples/ when the shared corpora are not there."""
    from itertools import islice

    from newstrace.readers import read_inputs
    from newstrace.records import Article

    if corpus == "bbc" and BBC.is_dir():
        paths, where = [str(p) for p in bbc_files(n)], str(BBC)
    elif corpus == "intl" and INTL.is_file():
        paths, where = [str(INTL)], str(INTL)
    elif corpus not in ("bbc", "intl"):
        paths, where = [corpus], corpus
    else:
        paths, where = [str(EXAMPLES)], str(EXAMPLES)
    articles = list(islice((a for a in read_inputs(paths) if isinstance(a, Article)), n))
    return where, articles


# -- memory -----------------------------------------------------------------------------------------

def _status_kb(field: str) -> int | None:
    try:
        found = re.search(rf"^{field}:\s+(\d+) kB", Path("/proc/self/status").read_text(), re.M)
    except OSError:
        return None
    return int(found.group(1)) if found else None


def reset_peak() -> bool:
    """Reset this process's peak RSS (Linux: /proc/self/clear_refs); return False where unsupported."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def peak_rss_mb() -> float:
    """Return this process's peak resident memory in MB since start (or since ``reset_peak``)."""
    kb = _status_kb("VmHWM")
    if kb is None:
        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(kb / 1024, 1)


def rss_mb() -> float:
    kb = _status_kb("VmRSS")
    return round(kb / 1024, 1) if kb is not None else peak_rss_mb()


def children_peak_rss_mb() -> float:
    """Return the largest peak RSS of any finished child process (spaCy's n_process workers)."""
    return round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)


# -- the machine --------------------------------------------------------------------------------------

def machine() -> dict:
    import sqlite3

    cpu = ""
    with contextlib.suppress(OSError):
        found = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        cpu = found.group(1) if found else ""
    mem = _meminfo_gb()
    return {
        "cpus": os.cpu_count(), "cpu": cpu, "memory_gb": mem, "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version, "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def _meminfo_gb() -> float | None:
    with contextlib.suppress(OSError, AttributeError):
        found = re.search(r"^MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
        return round(int(found.group(1)) / 1024 / 1024, 1)
    return None


# -- statistics ---------------------------------------------------------------------------------------

def percentiles(times_ms: list[float]) -> dict[str, float]:
    ordered = sorted(times_ms)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"median_ms": round(statistics.median(ordered), 2), "p95_ms": round(p95, 2), "n": len(ordered)}


# -- PostgreSQL -----------------------------------------------------------------------------------------
# The approach of tests/pg_fixture.py: a throwaway server from the installed binaries, in a temp folder,
# on a free port, run as the postgres user when we are root (initdb refuses root).

def _pg_bin() -> Path | None:
    candidates = [Path(os.environ["PG_BIN"])] if os.environ.get("PG_BIN") else []
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: p.parent.name, reverse=True)
    candidates += versions
    if shutil.which("pg_ctl"):
        candidates.append(Path(shutil.which("pg_ctl")).parent)
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


def _as_server_user(argv: list[str], as_root: bool) -> subprocess.CompletedProcess:
    if as_root:
        argv = ["su", "postgres", "-s", "/bin/sh", "-c", shlex.join(argv)]
    return subprocess.run(argv, capture_output=True, text=True, timeout=120)


@contextlib.contextmanager
def postgres_server() -> Iterator[str | None]:
    """Yield the URL of a throwaway PostgreSQL server, or None when PostgreSQL or psycopg is missing.

    Durability is off (fsync, synchronous_commit), as in the test suite: the numbers are for the
    store's work, not the disk's.
    """
    try:
        import psycopg  # noqa: F401
    except ImportError:
        yield None
        return
    bin_dir = _pg_bin()
    if bin_dir is None:
        yield None
        return
    as_root = os.geteuid() == 0
    base = Path(tempfile.mkdtemp(prefix="newstrace-bench-pg-"))
    if as_root:
        import pwd

        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(base, ignore_errors=True)
            yield None
            return
        os.chown(base, user.pw_uid, user.pw_gid)
    data, log = base / "data", base / "server.log"
    init = _as_server_user([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                            "-E", "UTF8", "--locale=C", "--no-sync"], as_root)
    if init.returncode != 0:
        shutil.rmtree(base, ignore_errors=True)
        raise RuntimeError(f"initdb failed: {init.stderr.strip()}")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    options = (f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off")
    start = _as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log),
                             "-w", "-t", "60", "start"], as_root)
    if start.returncode != 0:
        shutil.rmtree(base, ignore_errors=True)
        raise RuntimeError(f"pg_ctl start failed: {start.stderr.strip()}")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        _as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], as_root)
        shutil.rmtree(base, ignore_errors=True)


def fresh_pg_database(server: str, name: str) -> str:
    """Create (or recreate) database ``name`` on the server; return its URL."""
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return server.rsplit("/", 1)[0] + "/" + name

"""What the reliability tests share: forked workers that already hold the spaCy model, the store
checks run after every kill, and the export compared with a clean run's."""
from __future__ import annotations

import json
import os
import signal
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select, text

from newstrace.ingest import ingest
from newstrace.store import open_store, schema

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
LONG = os.environ.get("NEWSTRACE_RELIABILITY_LONG", "").lower() in ("1", "true", "yes")


def fork(target: Callable[[], None]) -> int:
    """Return the pid of a child process running ``target`` (exit 0 when it returns, 1 when it raises).

    The child is a fork of the test process, so it starts with the model already loaded: a kill loop
    costs the work it kills, not a Python start and a model load each time.
    """
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        code = 0
        try:
            target()
        except BaseException:  # reported by the exit code and on stderr
            traceback.print_exc()
            code = 1
        os._exit(code)
    return pid


def wait(pid: int, timeout: float = 120) -> int:
    """Return the exit code of ``pid`` (negative signal number when killed); fail after ``timeout``."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.01)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    raise AssertionError(f"process {pid} still running after {timeout} s")


def ingest_in_child(paths: list[str], url: str, nlp, **kwargs) -> int:
    """Return the pid of a forked ``newstrace ingest`` of ``paths`` into the store at ``url``."""
    def run() -> None:
        store = open_store(url)
        try:
            ingest([str(p) for p in paths], store, nlp=nlp, **kwargs)
        finally:
            store.close()

    return fork(run)


def export_lines(url: str) -> list[str]:
    """Return the store's JSON Lines export (every kind, stable order)."""
    with open_store(url) as store:
        return [json.dumps(r, sort_keys=True, ensure_ascii=False) for r in store.iter_records()]


def per_article_counts(url: str) -> dict[str, tuple[int, int, int, int]]:
    """Return article id -> (mentions, events, figures, quotes) stored for it."""
    with open_store(url) as store, store.engine.connect() as conn:
        out = {}
        for (article_id,) in conn.execute(select(schema.articles.c.id)):
            out[article_id] = tuple(
                conn.execute(select(func.count()).select_from(t).where(t.c.article_id == article_id)).scalar_one()
                for t in (schema.mentions, schema.events, schema.figures, schema.quotes)
            )
        return out


def check_store(url: str, complete: dict[str, tuple[int, int, int, int]]) -> dict[str, int]:
    """Assert what must hold after any crash; return how many articles are stored and linked.

    - the database passes its integrity check (SQLite ``PRAGMA integrity_check``);
    - no partial article: each stored article has all the records a clean run stores for it;
    - no orphan: every record's article, every mention's entity, every event's cluster exists, and every entity row is mentioned somewhere;
    - an article marked linked has every one of its entities linked to a canonical entity.
    """
    a, e, m, ev, f, q = (schema.articles, schema.entities, schema.mentions, schema.events, schema.figures,
                         schema.quotes)
    with open_store(url) as store, store.engine.connect() as conn:
        if store.dialect == "sqlite":
            assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
        stored = per_article_counts(url)
        for article_id, counts in stored.items():
            assert counts == complete[article_id], f"article {article_id} is partial: {counts} != {complete[article_id]}"
        for t in (m, ev, f, q):
            orphans = conn.execute(select(func.count()).select_from(t).where(t.c.article_id.not_in(select(a.c.id)))).scalar_one()
            assert orphans == 0, f"{orphans} {t.name} rows without their article"
        assert conn.execute(select(func.count()).select_from(m).where(m.c.entity_id.not_in(select(e.c.id)))).scalar_one() == 0
        unmentioned = conn.execute(select(func.count()).select_from(e).where(e.c.id.not_in(select(m.c.entity_id)))).scalar_one()
        assert unmentioned == 0, f"{unmentioned} entities that no stored article mentions"
        lost_clusters = conn.execute(select(func.count()).select_from(ev).where(
            ev.c.cluster_id.is_not(None), ev.c.cluster_id.not_in(select(schema.clusters.c.id)))).scalar_one()
        assert lost_clusters == 0, f"{lost_clusters} events point to a cluster that is not stored"
        half_linked = conn.execute(
            select(func.count()).select_from(e.join(m, m.c.entity_id == e.c.id).join(a, a.c.id == m.c.article_id))
            .where(a.c.linked != 0, e.c.canonical_id.is_(None))
        ).scalar_one()
        assert half_linked == 0, f"{half_linked} entity mentions of linked articles have no canonical entity"
        linked = conn.execute(select(func.count()).select_from(a).where(a.c.linked != 0)).scalar_one()
    return {"stored": len(stored), "linked": linked}

"""The linking lock: one linking run at a time per store, across processes, released if a process dies.

Linking holds its state (the canonical entities and their blocking keys) in memory for a whole run.
Two runs at once, each with a state read before the other wrote, would each miss the other's groups
and split an entity in two. So a run takes this lock before it reads the state, and keeps it to the
end; the articles themselves are still written one transaction each, and ingests keep storing
articles meanwhile (their own linking run waits for the lock, then links what is left).

- PostgreSQL: a session advisory lock on a connection held for the run; the server frees it when the
  connection closes, also when the process was killed.
- SQLite file: ``flock`` on a lock file beside the database (``NAME.db-link``); the kernel frees it when
  the process ends, however it ends. (Not on the database file itself: closing any descriptor of the
  database would drop SQLite's own POSIX locks.)
- SQLite in memory: one process by definition; a thread lock.
"""
from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import Engine

_PG_LINK_KEY = 0x6E7374_6C6E6B  # "nst" "lnk"
_MEMORY_LOCK = threading.Lock()


def link_lock_path(engine: Engine) -> str | None:
    """Return the lock file of a SQLite file store (None for PostgreSQL or a store in memory)."""
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database
    if database in (None, "", ":memory:"):
        return None
    return f"{database}-link"


@contextmanager
def link_lock(engine: Engine) -> Iterator[None]:
    """Hold the store's linking lock for the block (waiting for another run to finish first)."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _PG_LINK_KEY})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _PG_LINK_KEY})
                conn.commit()
        return
    path = link_lock_path(engine)
    if path is None:
        with _MEMORY_LOCK:
            yield
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock

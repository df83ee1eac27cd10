"""What the whole store holds: counts (one definition, ``store.read.count_records``, for ``stats``,
``/api/counts`` and the home page), a fingerprint that changes when the store does, the failures."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from ..store import schema as S
from ..store.read import count_records as counts
from ..store.read import failure_rows as failures

__all__ = ["counts", "failures", "store_version"]


def store_version(conn: Connection) -> tuple:
    """Return a cheap fingerprint of the store that changes when an ingest or a linking run writes."""
    a = S.articles
    row = conn.execute(select(func.count(), func.max(a.c.ingested_at), func.sum(a.c.linked))).one()
    linked = [conn.execute(select(func.count()).select_from(t)).scalar_one() for t in (S.clusters, S.conflicts)]
    return (*row, *linked)

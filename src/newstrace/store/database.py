"""The store: one object over SQLite or PostgreSQL that writes articles and reads records back."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

from sqlalchemy import Connection, func, inspect, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError

from ..errors import StoreError, StoreMissing
from ..records import ArticleResult
from . import read, schema, write
from .connect import WRITE_OPTION, create_store_engine, resolve_url
from .migrations import migrate
from .write import one_line


class Store:
    """An open store: ``write_result`` per article, ``iter_records`` to read; migrated on open.

    ``engine`` is public: linking and the web API query the tables of ``store.schema`` with
    SQLAlchemy Core. Use one Store per process; it is safe to read from several threads.
    """

    def __init__(self, url: str | os.PathLike[str], *, create: bool = True) -> None:
        self.url = resolve_url(url)
        if not create:
            _refuse_missing_file(self.url)
        self.engine: Engine = create_store_engine(self.url)
        try:
            if not create:
                _refuse_empty_server_store(self)
            self.migrate()
        except OperationalError as exc:
            self.engine.dispose()
            if self.dialect == "postgresql":
                hint = "check that the PostgreSQL server is running and the URL is right"
            else:
                hint = "check that the file and its folder are writable"
            raise StoreError(f"cannot open the store {self.display_url}: {one_line(exc.orig)}; {hint}") from exc

    @property
    def dialect(self) -> str:
        """Return ``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    @property
    def display_url(self) -> str:
        """Return the URL without its password, for messages."""
        return self.engine.url.render_as_string(hide_password=True)

    def migrate(self) -> list[int]:
        """Apply pending migrations; return the versions applied now (empty when up to date)."""
        return migrate(self.engine)

    def write_result(self, result: ArticleResult) -> bool:
        """Store an article and all its records in one transaction; return False if it was stored before."""
        return write.write_result(self.engine, result)

    @contextmanager
    def write_transaction(self) -> Iterator[Connection]:
        """Yield a connection in a transaction that commits at the end of the block, or rolls back on error.

        Use it for writes other than ``write_result`` (linking's clusters, series, conflicts): on SQLite
        it takes the write lock at the start, so a read-then-write never fails half-way because another
        process wrote in between.
        """
        with self.engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
            yield conn

    def has_article(self, article_id: str) -> bool:
        """Return whether an article with this id is stored."""
        t = schema.articles
        with self.engine.connect() as conn:
            return conn.execute(select(t.c.id).where(t.c.id == article_id)).first() is not None

    def unlinked(self) -> int:
        """Return how many stored articles cross-article linking has not seen yet."""
        t = schema.articles
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(t).where(t.c.linked == 0)).scalar_one()

    def record_failure(self, origin: str, reason: str, kind: str = "failed") -> None:
        """Record that the input ``origin`` could not be read or extracted (or, ``kind="dropped"``, was read
        but not kept as an article), and why."""
        write.record_failure(self.engine, origin, reason, kind)

    def failures(self, kind: str | None = None) -> list[dict[str, Any]]:
        """Return the recorded failures (of ``kind``: failed or dropped), oldest first: origin, reason, at, kind."""
        return read.failures(self.engine, kind)

    def counts(self) -> dict[str, int]:
        """Return the number of articles, (canonical) entities, events, figures, quotes, clusters,
        conflicts and failures; see ``read.count_records``."""
        return read.counts(self.engine)

    def iter_records(self, kind: str | None = None, *, include_text: bool = False) -> Iterator[dict[str, Any]]:
        """Yield export dicts of ``kind`` (all kinds when None) in a stable order; see ``read.iter_records``."""
        return read.iter_records(self.engine, kind, include_text=include_text)

    def article_text(self, article_id: str) -> str:
        """Return the text of a stored article (what every span of its records indexes)."""
        return read.article_text(self.engine, article_id)

    def close(self) -> None:
        """Close every connection of the store."""
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.display_url!r})"


def open_store(db: str | os.PathLike[str] | None = None, *, create: bool = True) -> Store:
    """Return the open, migrated store at ``db``: a path (SQLite), a postgresql:// URL, or None for
    $NEWSTRACE_DB, else ./newstrace.db.

    With ``create=False`` (every command that only reads) a store that does not exist is refused with
    ``StoreMissing`` and nothing is created: a typo in ``--db`` must not look like an empty store.
    """
    return Store(resolve_url(db), create=create)


def _missing(where: str) -> StoreMissing:
    return StoreMissing(
        f"no store at {where}: check --db (or NEWSTRACE_DB), or create it with `newstrace ingest PATH --db {where}`"
    )


def _refuse_missing_file(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return
    if not Path(parsed.database).is_file():
        raise _missing(parsed.database)


def _refuse_empty_server_store(store: Store) -> None:
    # a server database exists before newstrace writes to it: the store exists once it is migrated
    if store.dialect == "sqlite":
        return
    with store.engine.connect() as conn:
        if not inspect(conn).has_table(schema.schema_migrations.name):
            store.engine.dispose()
            raise _missing(store.display_url)

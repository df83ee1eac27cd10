"""Where the store lives: turn a path or URL into a SQLAlchemy engine set up for SQLite or PostgreSQL.

SQLite runs in WAL mode so readers (the web UI, an export) go on while an ingest writes; each write
transaction starts with ``BEGIN IMMEDIATE`` so two writers queue on the busy timeout instead of failing
half-way through an article when one of them tries to upgrade a read lock. On PostgreSQL a write
transaction takes a transaction-scoped advisory lock first, for the same one-writer-at-a-time order.
Both write their JSON columns with ``dumps_json``: letters beyond ASCII as themselves.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

from ..errors import StoreError

DEFAULT_DB = "newstrace.db"
ENV_DB = "NEWSTRACE_DB"
BUSY_TIMEOUT_MS = 30_000
# execution option that makes a SQLite transaction take the write lock at BEGIN
WRITE_OPTION = "newstrace_write"
# the SQL function that lowers every letter on SQLite, whose lower() lowers A-Z only (query.base.contains)
SQLITE_LOWER = "newstrace_lower"
# the PostgreSQL advisory lock a write transaction holds (the SQLite write lock's counterpart)
PG_WRITE_LOCK = 0x6E7374_777274  # "nst" "wrt"


def resolve_url(db: str | os.PathLike[str] | None = None) -> str:
    """Return the SQLAlchemy URL of the store named by ``db``, $NEWSTRACE_DB, or ./newstrace.db.

    A plain path means a SQLite file; ``postgresql://`` (or ``postgres://``) means PostgreSQL through
    psycopg 3; any other URL with a scheme is passed to SQLAlchemy as given.
    """
    if db is None:
        db = os.environ.get(ENV_DB) or DEFAULT_DB
    db = os.fspath(db)
    if not db.strip():
        raise StoreError("the store location is empty: give a path such as newstrace.db or a postgresql:// URL")
    for scheme in ("postgresql://", "postgres://"):
        if db.startswith(scheme):
            return "postgresql+psycopg://" + db[len(scheme):]
    if db == ":memory:":
        return "sqlite://"
    if "://" in db:
        return db
    return "sqlite:///" + str(Path(db).expanduser().resolve())


def dumps_json(value) -> str:
    """Return ``value`` as the store writes a JSON column: letters beyond ASCII as themselves, not as
    ``\\uXXXX`` escapes, so that a search of the raw JSON text (``query.base.json_contains``) finds
    "Demirtaş"; a text UTF-8 cannot hold (a lone surrogate) keeps its escapes, as the record codec does."""
    text = json.dumps(value, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value)
    return text


def create_store_engine(url: str) -> Engine:
    """Return an engine for ``url``: SQLite with WAL, foreign keys and a busy timeout, or PostgreSQL."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"{url!r} is not a store location: give a file path or a postgresql:// URL") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(parsed)
    if backend == "postgresql":
        try:
            engine = create_engine(parsed, pool_pre_ping=True, json_serializer=dumps_json)
        except ModuleNotFoundError as exc:
            raise StoreError(
                f"PostgreSQL needs the psycopg driver ({exc.name} is not installed): "
                "pip install 'newstrace[postgres]'"
            ) from exc

        @event.listens_for(engine, "begin")
        def _on_pg_begin(conn) -> None:
            # one writer at a time, as SQLite's BEGIN IMMEDIATE gives: two ingests that store articles
            # naming the same entities, or an ingest and a linking run, would otherwise lock entity
            # rows in different orders and one of them would die of a deadlock, losing its article
            if conn.get_execution_options().get(WRITE_OPTION):
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})")

        return engine
    raise StoreError(
        f"the store supports SQLite and PostgreSQL, not {backend!r} ({url}): "
        "give a file path or a postgresql:// URL"
    )


def _lower(value):
    return value.lower() if isinstance(value, str) else value


def _sqlite_engine(parsed) -> Engine:
    database = parsed.database
    in_memory = database in (None, "", ":memory:")
    if not in_memory:
        parent = Path(database).parent
        if not parent.is_dir():
            raise StoreError(f"cannot create the store {database}: the folder {parent} does not exist")
    kwargs: dict = {"connect_args": {"timeout": BUSY_TIMEOUT_MS / 1000}, "json_serializer": dumps_json}
    if in_memory:
        # one shared connection, or every checkout would see its own empty database
        kwargs.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
    engine = create_engine(parsed, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # pysqlite's own BEGIN handling defers the lock to the first write; take over so that
        # a transaction covers reads too and a writer can ask for the lock up front
        dbapi_connection.isolation_level = None
        dbapi_connection.create_function(SQLITE_LOWER, 1, _lower, deterministic=True)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            # in WAL mode NORMAL keeps the database consistent across a crash; it only risks the
            # last transactions on power loss, which a re-run of the ingest writes again
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        if conn.get_execution_options().get(WRITE_OPTION):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine

"""Numbered schema migrations, recorded in ``schema_migrations`` and safe to run again.

Adding a migration is one line at the end of ``MIGRATIONS``, with the next version number:

    Migration(2, "figures: add unit", add_column("figures", Column("unit", String))),
    Migration(3, "create series table", create_tables("series")),

Migration 1 creates the tables as ``schema.metadata`` declares them when a store is first opened, so
a table or column that is also declared in schema.py may already exist on a new store when a later
migration runs: ``add_column``, ``create_tables`` and ``create_index`` check first and do nothing then.
A migration written as a plain function ``fn(conn)`` must be just as careful.

Each migration runs in its own transaction together with the row that records it, so a store is never
left half-migrated; concurrent openers queue on a lock (PostgreSQL advisory lock, SQLite write lock).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Index,
    String,
    Text,
    and_,
    bindparam,
    cast,
    inspect,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.schema import CreateColumn, CreateIndex

from ..errors import StoreError
from . import schema
from .connect import WRITE_OPTION

# an arbitrary constant: the key of the PostgreSQL advisory lock that serializes migrations
_PG_LOCK_KEY = 7_260_412_113


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Connection], None]


def create_tables(*names: str) -> Callable[[Connection], None]:
    """Return a migration step that creates the named tables of ``schema.metadata`` if missing."""

    def step(conn: Connection) -> None:
        tables = [schema.metadata.tables[n] for n in names] if names else None
        schema.metadata.create_all(conn, tables=tables, checkfirst=True)

    return step


def add_column(table: str, column: Column) -> Callable[[Connection], None]:
    """Return a migration step that adds ``column`` to ``table`` unless it is there already."""

    def step(conn: Connection) -> None:
        present = {c["name"] for c in inspect(conn).get_columns(table)}
        if column.name in present:
            return
        ddl = CreateColumn(column).compile(dialect=conn.dialect)
        conn.execute(text(f"ALTER TABLE {conn.dialect.identifier_preparer.quote(table)} ADD COLUMN {ddl}"))

    return step


def create_index(index: Index) -> Callable[[Connection], None]:
    """Return a migration step that creates ``index`` unless it exists."""

    def step(conn: Connection) -> None:
        # IF NOT EXISTS (SQLite, PostgreSQL): reflection does not see expression indexes on SQLite,
        # so checkfirst would miss one that migration 1 already made
        conn.execute(CreateIndex(index, if_not_exists=True))

    return step


def create_indexes(*indexes: Index) -> Callable[[Connection], None]:
    """Return a migration step that creates each of ``indexes`` that does not exist."""
    steps = [create_index(index) for index in indexes]

    def step(conn: Connection) -> None:
        for one in steps:
            one(conn)

    return step


MIGRATIONS: list[Migration] = [
    Migration(1, "create tables", create_tables()),
    Migration(2, "indexes: articles not linked yet, entity names in any case, events and clusters in date order",
              create_indexes(schema.IX_ARTICLES_LINKED,  # and lower(name), which migration 9 replaced
                             schema.IX_EVENTS_DATE_ORDER, schema.IX_CLUSTERS_DATE_ORDER)),
    Migration(3, "create series_index table", create_tables("series_index")),
    Migration(4, "series_index: the day of each series' latest member",
              add_column("series_index", Column("latest", String(10)))),
    Migration(5, "failures: kind (failed, or dropped: read but not kept)",
              add_column("failures", Column("kind", String(16), nullable=False, server_default="failed"))),
    Migration(6, "create exchanges and exchange_members tables", create_tables("exchanges", "exchange_members")),
    Migration(7, "create entity_keys table (linking's blocking keys of canonical entities)",
              create_tables("entity_keys")),
    Migration(8, "indexes: mention forms in any case, figures by claimant, articles in date order, "
                 "entities with a role or a merged view",
              create_indexes(schema.IX_FIGURES_CLAIMED_BY,  # and lower(text), which migration 9 replaced
                             
                             schema.IX_ARTICLES_DATE_ORDER, schema.IX_ENTITIES_DESCRIBED)),
    Migration(9, "folded keys (names, mention forms, outlets in any case, beyond ASCII) replace lower()",
              lambda conn: _fold_keys(conn)),
    Migration(10, "JSON columns hold letters beyond ASCII as themselves, not as \\uXXXX escapes",
              lambda conn: _unescape_json(conn)),
]

# (table, column, its folded key) of migration 9
_FOLDED = (("entities", "name", "name_key"), ("mentions", "text", "text_key"), ("articles", "source", "source_key"))
_FOLD_BATCH = 5000


def _fold_keys(conn: Connection) -> None:
    """Add the folded key columns, fill them for the rows already stored, index them, and drop the
    indexes on lower(), whose ASCII-only folding on SQLite made "Öcalan" unfindable as "öcalan"."""
    for table_name, column, key in _FOLDED:
        table = schema.metadata.tables[table_name]
        add_column(table_name, Column(key, Text))(conn)
        keys = [c for c in table.primary_key.columns]
        rows = conn.execute(select(*keys, table.c[column]).where(table.c[key].is_(None))).all()
        where = and_(*(c == bindparam("k_" + c.name) for c in keys))
        update_key = update(table).where(where).values({key: bindparam("folded")})
        for start in range(0, len(rows), _FOLD_BATCH):
            conn.execute(update_key, [
                {**{"k_" + c.name: row[i] for i, c in enumerate(keys)}, "folded": schema.fold(row[-1])}
                for row in rows[start:start + _FOLD_BATCH]
            ])
    for name in schema.LOWER_INDEXES:
        conn.execute(text(f"DROP INDEX IF EXISTS {name}"))
    create_indexes(schema.IX_ENTITIES_NAME_KEY, schema.IX_MENTIONS_TEXT_KEY, schema.IX_ARTICLES_SOURCE_KEY)(conn)


# rows rewritten per statement by migration 10
_JSON_BATCH = 1000


def _unescape_json(conn: Connection) -> None:
    """Write again, with ``connect.dumps_json``, every JSON value stored with ``\\u`` escapes (SQLAlchemy's
    default, json.dumps, escapes every letter beyond ASCII): a search of the raw JSON text could not find
    "Demirtaş" in an alias or a cluster. Only the rows whose text holds a backslash-u are read and written."""
    for table in schema.metadata.sorted_tables:
        keys = list(table.primary_key.columns)
        for column in (c for c in table.columns if isinstance(c.type, JSON)):
            escaped = cast(column, String).like("%\\\\u%", escape="\\")
            found = [tuple(row) for row in conn.execute(select(*keys).where(escaped))]
            where = and_(*(c == bindparam("k_" + c.name) for c in keys))
            rewrite = update(table).where(where).values({column.name: bindparam("new_value", type_=column.type)})
            for start in range(0, len(found), _JSON_BATCH):
                chunk = found[start:start + _JSON_BATCH]
                rows = conn.execute(select(*keys, column).where(tuple_(*keys).in_(chunk))).all()
                conn.execute(rewrite, [{**{"k_" + c.name: row[i] for i, c in enumerate(keys)},
                                        "new_value": row[-1]} for row in rows])


def applied_versions(conn: Connection) -> set[int]:
    """Return the versions recorded in ``schema_migrations`` (empty on a new store)."""
    if not inspect(conn).has_table(schema.schema_migrations.name):
        return set()
    return set(conn.execute(select(schema.schema_migrations.c.version)).scalars())


def migrate(engine: Engine, migrations: list[Migration] | None = None) -> list[int]:
    """Apply the migrations the store has not seen yet; return the versions applied now."""
    migrations = sorted(migrations if migrations is not None else MIGRATIONS, key=lambda m: m.version)
    versions = [m.version for m in migrations]
    if len(set(versions)) != len(versions):
        raise StoreError(f"two migrations share a version number: {versions}; number each one anew")
    known = set(versions)
    with engine.connect() as conn:
        if known <= applied_versions(conn):  # the common case: nothing to do, no write lock taken
            return []
    applied_now: list[int] = []
    for migration in migrations:
        with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
            _lock(conn)
            schema.schema_migrations.create(conn, checkfirst=True)
            done = applied_versions(conn)
            unknown = done - known
            if unknown:
                raise StoreError(
                    f"the store has schema versions {sorted(unknown)} that this newstrace does not know: "
                    "it was written by a newer version; upgrade newstrace"
                )
            if migration.version in done:
                continue
            migration.apply(conn)
            conn.execute(schema.schema_migrations.insert().values(
                version=migration.version, name=migration.name,
                applied_at=datetime.now(UTC).isoformat(timespec="seconds"),
            ))
            applied_now.append(migration.version)
    return applied_now


def _lock(conn: Connection) -> None:
    # SQLite holds its write lock from BEGIN IMMEDIATE; PostgreSQL needs an explicit one, or two
    # processes opening a new store at once would both try to create the tables
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})

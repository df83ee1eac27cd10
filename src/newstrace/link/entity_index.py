"""The store-backed indexes cross-article entity linking reads through, instead of loading every entity.

``KeyIndex``: blocking key -> canonical ids, from the ``entity_keys`` table, one indexed look-up per key
asked for in a run. ``LazyGroups``: canonical id -> its group, read by the canonical index when first asked
for. ``LazyColumn``: entity id -> one column of its row, read by primary key. Each keeps what it read for
the run, so the start of a run costs the same whatever the size of the store.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, select

from ..store import schema
from ..store.write import insert_ignoring_duplicates


def key_text(key: tuple[str, str]) -> str:
    return f"{key[0]}:{key[1]}"[:200]


class KeyIndex:
    """Blocking key -> canonical ids, read from the store's ``entity_keys`` table as keys are asked for
    (an indexed lookup each) and kept for the run; keys added by the run are written through."""

    __slots__ = ("cache", "conn", "exists", "prefix")

    def __init__(self, conn: Connection | None, cache: dict[str, set[str]], prefix: str | None = None,
                 exists=None) -> None:
        self.conn, self.cache, self.prefix, self.exists = conn, cache, prefix, exists

    def _text(self, key) -> str:
        return key_text((self.prefix, key) if self.prefix else key)

    def get(self, key, default=None) -> set[str]:
        text = self._text(key)
        found = self.cache.get(text)
        if found is None:
            found = set()
            if self.conn is not None:
                k = schema.entity_keys
                found = set(self.conn.execute(select(k.c.canonical_id).where(k.c.key == text)).scalars())
            self.cache[text] = found
        if self.exists is not None and found:
            # a key left by a group that is no more (its rows settled elsewhere) finds nothing
            gone = {g for g in found if not self.exists(g)}
            found -= gone
        return found if found or default is None else default

    def __getitem__(self, key) -> set[str]:
        return self.get(key)

    def add(self, key, canonical_id: str) -> None:
        text = self._text(key)
        found = self.cache.get(text)
        if found is not None:
            if canonical_id in found:
                return
            found.add(canonical_id)
        if self.conn is not None:
            # written without reading first: a key the run never asked for stays unread
            self.conn.execute(insert_ignoring_duplicates(self.conn, schema.entity_keys)
                              .values(key=text, canonical_id=canonical_id))


class LazyGroups(dict):
    """Canonical id -> EntityGroup, each read from the store (its member rows, by the canonical index)
    the first time it is asked for, by ``read_group`` (the linker's; None when there is no such group)."""

    def __init__(self, read_group: Callable[[str], Any]) -> None:
        super().__init__()
        self.read_group = read_group

    def __missing__(self, canonical_id: str) -> Any:
        group = self.read_group(canonical_id)
        if group is None:
            raise KeyError(canonical_id)
        return group

    def get(self, canonical_id, default=None):
        try:
            return self[canonical_id]
        except KeyError:
            return default

    def __contains__(self, canonical_id) -> bool:
        return self.get(canonical_id) is not None


class LazyColumn(dict):
    """Entity id -> one column of its row (canonical id, type), read by primary key when first asked
    for by ``read_row`` (the linker's, which fills the columns it read); None (absent) while the row is not
    linked."""

    def __init__(self, read_row: Callable[[str], Any], column: str) -> None:
        super().__init__()
        self.read_row, self.column = read_row, column

    def __missing__(self, entity_id: str) -> str | None:
        self.read_row(entity_id)
        if not dict.__contains__(self, entity_id):
            dict.__setitem__(self, entity_id, None)  # not linked: asked once per run, not per use
        return dict.__getitem__(self, entity_id)

    def get(self, entity_id, default=None):
        value = self[entity_id]
        return default if value is None else value

    def __contains__(self, entity_id) -> bool:
        return self.get(entity_id) is not None

"""The store: SQLite (WAL) or PostgreSQL through one SQLAlchemy Core schema with numbered migrations."""
from __future__ import annotations

from .connect import DEFAULT_DB, ENV_DB, resolve_url
from .database import Store, open_store
from .read import KINDS

__all__ = ["DEFAULT_DB", "ENV_DB", "KINDS", "Store", "open_store", "resolve_url"]

"""The REST API and web UI over the store: ``create_app(db, token)`` returns the FastAPI app."""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]

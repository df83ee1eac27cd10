"""``newstrace serve``: the REST API and web UI (placeholder)."""
from __future__ import annotations


def register(app) -> None:
    return None

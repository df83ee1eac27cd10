"""Commands over cross-article links: link, timeline, entity, conflicts (placeholder)."""
from __future__ import annotations


def register(app) -> None:
    return None

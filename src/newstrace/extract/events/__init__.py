"""PLOVER event coding (placeholder: returns none)."""
from __future__ import annotations


def extract_events(doc, *, context):
    """Return the events of ``doc``."""
    return []

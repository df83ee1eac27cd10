"""figures extraction (placeholder: returns none)."""
from __future__ import annotations


def extract_figures(doc, *, context):
    """Return the figures of doc."""
    return []

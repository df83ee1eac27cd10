"""quotes extraction (placeholder: returns none)."""
from __future__ import annotations


def extract_quotes(doc, *, context):
    """Return the quotes of doc."""
    return []

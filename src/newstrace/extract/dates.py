"""Temporal expressions resolved against the article's publication date (placeholder: returns none)."""
from __future__ import annotations


def extract_dates(doc, *, context):
    """Return the DateValues of every temporal expression in ``doc``."""
    return []

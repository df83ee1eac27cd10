"""Dates stage: temporal expressions, each resolved against the article's publication date.

``extract_dates(doc, context=ctx)`` is the stage; ``resolve_date`` resolves one expression as written
and ``to_timeml`` writes a resolved date as a TimeML value.
"""
from __future__ import annotations

from .calendar import NO_ANCHOR_NOTE, to_timeml
from .extractor import clause_tense, extract_dates
from .resolve import resolve_date

__all__ = ["NO_ANCHOR_NOTE", "clause_tense", "extract_dates", "resolve_date", "to_timeml"]

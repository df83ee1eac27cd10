"""Entities stage: the named entities of one article, one type and one id per name.

``extract_entities(doc, context=ctx)`` is the stage; ``is_debris`` tells page debris from a name. Which
names mean one thing in every article is ``newstrace.lang.name_scope``.
"""
from __future__ import annotations

from .extractor import extract_entities, is_debris

__all__ = ["extract_entities", "is_debris"]

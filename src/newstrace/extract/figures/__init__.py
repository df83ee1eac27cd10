"""Figures stage: numbers with what they count, who claims them and as of when.

``extract_figures(doc, context=ctx)`` is the stage; ``canonical_unit`` names a unit as written; the word
lists are ``lexicon.load_all()``.
"""
from __future__ import annotations

from .extractor import extract_figures
from .lexicon import load_all
from .units import canonical_unit

__all__ = ["canonical_unit", "extract_figures", "load_all"]

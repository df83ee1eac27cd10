"""Quotes stage: quotations with their speakers, cues and addressees.

``extract_quotes(doc, context=ctx)`` is the stage; ``quoted_passages`` finds the passages between quotation
marks and ``cue_lexicon`` returns the verbs and nouns that introduce speech.
"""
from __future__ import annotations

from .extractor import extract_quotes
from .marks import quoted_passages
from .speech import cue_lexicon

__all__ = ["cue_lexicon", "extract_quotes", "quoted_passages"]

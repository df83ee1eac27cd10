"""The words that say what a phrase is, one definition each: ``phrase_words()`` reads ``data/phrases.yaml`` once.

Prepositions of place and of a date's bound, the words around a count, the lower-case words of a title, the
audience of a statement: the figures, quotes and entities stages and the placing of events
(extract/events/situate.py) ask for them here instead of keeping sets in code.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ..datafiles import load_word_lists


@dataclass(frozen=True, slots=True)
class PhraseWords:
    """The word lists of data/phrases.yaml (see its comments for what each means)."""

    figure_place_preps: frozenset[str]
    name_place_preps: frozenset[str]
    name_place_verb_preps: frozenset[str]
    event_place_preps: frozenset[str]
    material_place_preps: frozenset[str]
    figure_date_openers: frozenset[str]
    event_date_bounds: frozenset[str]
    year_preps: frozenset[str]
    relative_date_words: frozenset[str]
    qualifying_preps: frozenset[str]
    membership_verbs: frozenset[str]
    tally_nouns: frozenset[str]
    title_minor_words: frozenset[str]
    generic_groups: frozenset[str]
    audience_words: frozenset[str]
    text_verbs: frozenset[str]


@functools.cache
def phrase_words() -> PhraseWords:
    """Return the phrase word lists; a list missing from or unknown to data/phrases.yaml is a LexiconError."""
    return load_word_lists("phrases.yaml", PhraseWords)

"""The words of places, one definition each: ``geo_words()`` reads ``data/words.yaml`` once.

Which words around a name make it a place (prepositions, verbs of force, feature words), a person (titles,
verbs of speech) or part of a longer name (Arabic articles and connectors). geo sits beneath the language
floor, so it keeps these lists in its own data folder, read through ``newstrace.datafiles``.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ..datafiles import load_word_lists

GEO = "newstrace.geo"


@dataclass(frozen=True, slots=True)
class GeoWords:
    """The word lists of geo/data/words.yaml (see its comments for what each means)."""

    name_articles: frozenset[str]
    name_connectors: frozenset[str]
    inner_articles: frozenset[str]
    locative_words: frozenset[str]
    between_words: frozenset[str]
    titles: frozenset[str]
    force_verbs: frozenset[str]
    feature_words: frozenset[str]
    name_preps: frozenset[str]
    place_preps: frozenset[str]
    mind_verbs: frozenset[str]
    settlement_nouns: frozenset[str]
    province_nouns: frozenset[str]
    region_nouns: frozenset[str]
    site_nouns: frozenset[str]


@functools.cache
def geo_words() -> GeoWords:
    """Return the place word lists; a list missing from or unknown to geo/data/words.yaml is a LexiconError."""
    return load_word_lists("words.yaml", GeoWords, GEO)


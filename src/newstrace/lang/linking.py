"""The words event linking decides on: ``link_words()`` reads ``data/linking.yaml`` once.

Which triggers tell a killing or an annexation (acts that happen once), which nouns name one armed act
aimed at someone, which date words name a state of affairs rather than a moment, which words number an
act ("the first round") and which tell a plan rather than an act done (link/events.py).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ..datafiles import load_word_lists


@dataclass(frozen=True, slots=True)
class LinkWords:
    """The word lists of data/linking.yaml (see its comments for what each means)."""

    present_state: frozenset[str]
    killing_stems: frozenset[str]
    killing_phrases: frozenset[str]
    killing_wounds: frozenset[str]
    annexing_stems: frozenset[str]
    strike_words: frozenset[str]
    ordinals: frozenset[str]
    territory_nouns: frozenset[str]
    numbered_acts: frozenset[str]
    plan_words: frozenset[str]
    saying_verbs: frozenset[str]
    same_act: frozenset[str]
    owned_people: frozenset[str]


@functools.cache
def link_words() -> LinkWords:
    """Return linking's word lists; a list missing from or unknown to data/linking.yaml is a LexiconError."""
    return load_word_lists("linking.yaml", LinkWords)

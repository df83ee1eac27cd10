"""The words of what happened and how sure the report is, one definition each: ``event_words()`` reads
``data/events.yaml`` once.

Nouns of operations and information, verbs of ordering, the auxiliaries of future and hypothetical acts,
the prepositions that place or code a party: the event stage (extract/events/coder.py, factuality.py,
lexicon.py, parties.py) asks for them here instead of keeping sets in code.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ..datafiles import load_word_lists


@dataclass(frozen=True, slots=True)
class EventWords:
    """The word lists of data/events.yaml (see its comments for what each means)."""

    operation_nouns: frozenset[str]
    order_verbs: frozenset[str]
    denied_content: frozenset[str]
    accuser_preps: frozenset[str]
    hazard_preps: frozenset[str]
    plain_fire: frozenset[str]
    circumstance_preps: frozenset[str]
    partitives: frozenset[str]
    information_nouns: frozenset[str]
    means_object_verbs: frozenset[str]
    protest_nouns: frozenset[str]
    verbal_attack_media: frozenset[str]
    verbal_attack_speech: frozenset[str]
    verbal_attack_adverbs: frozenset[str]
    verbal_attack_targets: frozenset[str]
    verbal_attack_persons: frozenset[str]
    violence_cues: frozenset[str]
    blasts: frozenset[str]
    blazes: frozenset[str]
    party_marking_preps: frozenset[str]
    refusal_modals: frozenset[str]
    future_aux: frozenset[str]
    hypothetical_aux: frozenset[str]
    condition_marks: frozenset[str]
    negative_subjects: frozenset[str]
    negating_determiners: frozenset[str]
    hedges: frozenset[str]
    hedged_modifiers: frozenset[str]
    planned_modifiers: frozenset[str]
    evidential_verbs: frozenset[str]
    hearsay_verbs: frozenset[str]
    hearsay_nouns: frozenset[str]
    reporting_nouns: frozenset[str]
    confirming_verbs: frozenset[str]
    factive_verbs: frozenset[str]
    foreknowing_verbs: frozenset[str]
    irrealis_nouns: frozenset[str]
    irrealis_adjectives: frozenset[str]
    intent_nouns: frozenset[str]
    irrealis_preps: frozenset[str]
    stance_nouns: frozenset[str]
    presupposing_marks: frozenset[str]
    definite_determiners: frozenset[str]
    accusing_verbs: frozenset[str]
    accusing_nouns: frozenset[str]
    court_verbs: frozenset[str]
    court_nouns: frozenset[str]
    court_adjectives: frozenset[str]
    court_preps: frozenset[str]
    question_marks: frozenset[str]
    neg_raising_verbs: frozenset[str]
    hearsay_grounds: frozenset[str]
    presupposing_preps: frozenset[str]
    decided_nouns: frozenset[str]
    meeting_verbs: frozenset[str]
    performative_heads: frozenset[str]
    performative_acts: frozenset[str]
    meeting_nouns: frozenset[str]
    alternative_marks: frozenset[str]
    achieved_heads: frozenset[str]
    date_bounds: frozenset[str]
    code_preps: frozenset[str]
    locative_preps: frozenset[str]
    quantity_heads: frozenset[str]
    claimed_nouns: frozenset[str]


@functools.cache
def event_words() -> EventWords:
    """Return the event word lists; a list missing from or unknown to data/events.yaml is a LexiconError."""
    return load_word_lists("events.yaml", EventWords)

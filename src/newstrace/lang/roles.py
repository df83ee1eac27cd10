"""The words of who did it to whom, one definition each: ``role_words()`` reads ``data/roles.yaml`` once.

Prepositions that mark a recipient, verbs whose object is a theme, nouns that never act: the event
stage asks for them here (extract/events/arguments.py and roles.py) instead of keeping sets in code.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ..datafiles import load_word_lists


@dataclass(frozen=True, slots=True)
class RoleWords:
    """The word lists of data/roles.yaml (see its comments for what each means)."""

    recipient_preps: frozenset[str]
    marked_preps: frozenset[str]
    aimed_preps: frozenset[str]
    noun_argument_preps: frozenset[str]
    location_preps: frozenset[str]
    adjunct_preps: frozenset[str]
    place_preps: frozenset[str]
    member_preps: frozenset[str]
    post_preps: frozenset[str]
    inner_recipient_preps: frozenset[str]
    helping_verbs: frozenset[str]
    projectile_verbs: frozenset[str]
    harm_verbs: frozenset[str]
    obligation_modals: frozenset[str]
    causing_verbs: frozenset[str]
    raising_passives: frozenset[str]
    weapons: frozenset[str]
    fight_nouns: frozenset[str]
    fight_preps: frozenset[str]
    owned_nouns: frozenset[str]
    content_nouns: frozenset[str]
    non_agents: frozenset[str]
    quantifiers: frozenset[str]
    owned_agents: frozenset[str]
    act_nouns: frozenset[str]
    place_nouns: frozenset[str]


@functools.cache
def role_words() -> RoleWords:
    """Return the role word lists; a list missing from or unknown to data/roles.yaml is a LexiconError."""
    return load_word_lists("roles.yaml", RoleWords)


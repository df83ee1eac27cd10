"""The words of who did it to whom, one definition each: ``role_words()`` reads ``data/roles.yaml`` once.

Prepositions that mark a recipient, verbs whose object is a theme, nouns that never act: the event
stage asks for them here (extract/events/arguments.py and roles.py) instead of keeping sets in code.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, fields

from ..datafiles import data_path, load_yaml
from ..errors import LexiconError


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
    inner_recipient_preps: frozenset[str]
    helping_verbs: frozenset[str]
    projectile_verbs: frozenset[str]
    harm_verbs: frozenset[str]
    obligation_modals: frozenset[str]
    raising_passives: frozenset[str]
    weapons: frozenset[str]
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


def load_word_lists(name: str, cls):
    """Return ``cls`` (a dataclass of frozensets) filled from the lists of data file ``name``, lowercased;
    a list missing from the file, or a key the class does not know, is a LexiconError naming the file."""
    data = load_yaml(name)
    names = [f.name for f in fields(cls)]
    missing = [n for n in names if not isinstance(data.get(n), list)]
    unknown = sorted(set(data) - set(names))
    if missing or unknown:
        what = "; ".join(filter(None, [missing and f"missing lists: {', '.join(missing)}",
                                       unknown and f"unknown keys: {', '.join(unknown)}"]))
        raise LexiconError(f"{data_path(name)}: {what}; fix the file")
    return cls(**{n: frozenset(str(w).lower() for w in data[n]) for n in names})

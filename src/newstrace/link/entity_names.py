"""What a name says, apart from any store: a person name's key and generational suffix, how far two
spellings are apart, the scope a row is kept to, the blocking keys a row makes its group findable by, and the
group of rows one canonical entity holds (``EntityGroup``). ``entities.EntityLinker`` decides with these.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .. import kb
from ..datafiles import load_yaml
from ..ids import entity_key, is_scoped_entity
from ..lang.kinds import is_post, name_scope
from ..lang.names import PersonName, parse_person, specificity
from .variants import acronym_key, is_acronym, name_skeleton, org_core

THING_TYPES = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC"})
# The types of the names that count as an article's context (countries and peoples are named everywhere).
CONTEXT_TYPES = frozenset({"PERSON", "ORG", "FAC"})

# Generational suffixes ("Jr", "Sr", "II"): lang/data/names.yaml. "Donald Trump Jr" is not Donald Trump,
# and "William F. Buckley Jr" is not the William Buckley another article names: a name with a suffix joins
# only names with the same suffix (a bare surname decides on context, as before).
GENERATIONS = frozenset(load_yaml("names.yaml")["suffixes"])


@functools.lru_cache(maxsize=65536)
def generation(name: str) -> str:
    """Return the generational suffix a person's name ends with ("jr", "sr", "iii"), "" without one."""
    words = entity_key(name).split()
    if len(words) < 3 or words[-1] not in GENERATIONS:
        return ""
    return words[-1]


def person_key(person: PersonName, name: str) -> str:
    """Return the key of a full person name: given names, surname and generational suffix."""
    return " ".join((*person.given, person.surname, generation(name))).strip()


def spellings_apart(a: str, b: str) -> int:
    """Return how many words of two name keys (``person_key``) are written differently ("mohammed
    tawfeeq" and "mohamed tawfik": 2; "qassem soleimani" and "qasem soleimani": 1)."""
    x, y = a.split(), b.split()
    if len(x) != len(y):
        return max(len(x), len(y))
    return sum(u != v for u, v in zip(x, y))


# A transliteration variant joins only when it writes at most this many words otherwise: "Qassem" for
# "Qasem" (one), not "Mohammed Tawfeeq" for "Mohamed Tawfik" (two: read by hand, a CNN reporter and an
# Egyptian ambassador).
MAX_RESPELLED = 1


def type_class(type_: str) -> str:
    return "PERSON" if type_ == "PERSON" else "THING"


_PLACES = frozenset({"GPE", "LOC"})


def same_kind(a: str, b: str) -> bool:
    """Return True for two types of one kind of thing: the same type, or two types of place."""
    return a == b or (a in _PLACES and b in _PLACES)


@functools.lru_cache(maxsize=262144)
def row_scope(entity_id: str, type_: str, name: str) -> str:
    """Return ``global`` for a row shared by every article using its name, else how the name is kept to
    its article: ``bare`` (a one-word person name), ``common`` (a one-word common noun or initials) or
    ``generic``."""
    if type_ == "PERSON" and not_one_name(name):
        return "generic"
    if not is_scoped_entity(entity_id, type_, name):
        return "global"
    scope = name_scope(type_, name)
    return scope if scope in ("bare", "common") else "generic"


@functools.lru_cache(maxsize=65536)
def not_one_name(name: str) -> bool:
    """Whether a person name is no one's name: it ends in a post ("NATO Cmdr", "Havana Secretary")."""
    words = entity_key(name).split()
    return not words or is_post(words[-1])


@functools.lru_cache(maxsize=65536)
def known_key(name: str, type_: str) -> str | None:
    entry = kb.lookup(name, type_)
    if entry is None or type_class(entry.type) != type_class(type_):
        return None
    return entity_key(entry.canonical)

# "& Co." ending a name: a firm's legal form, or "and company" said of a person or a body ("Mueller & Co.").
AND_CO = re.compile(r"\s*&\s*Co\.?$", re.IGNORECASE)


def stated_roles(data: dict[str, Any]) -> set[str]:
    return {r for r in (*(data.get("roles") or ()), data.get("role")) if r}


def spelled_out(person: PersonName) -> bool:
    """Whether a person name gives a first name and a surname written out (not initials): the names
    whose transliteration variants are joined."""
    return bool(person.given) and all(len(g) > 1 for g in person.given) and len(person.surname) > 3


def _org_keys(name: str) -> list[tuple[str, str]]:
    """Return the blocking keys an organisation group is found by beside its name: its core (no legal
    form or trade word) and its initials, written as initials or spelled out."""
    keys = []
    core = org_core(name)
    if core:
        keys.append(("ORG_CORE", core))
    keys.append(("ORG_CORE", entity_key(name)))
    initials = acronym_key(name)
    if initials:
        keys.append(("ACR_SHORT" if is_acronym(name) else "ACR_LONG", initials))
    return keys


def org_lookups(name: str) -> list[tuple[str, str]]:
    """Return the keys a new organisation name looks for, most telling first: its core among cores,
    then initials against the spelled-out names (or the reverse)."""
    # Initials are not looked up across articles: read by hand, "BBC" found Bethlehem Bible College, "AMA"
    # the American Medical Association for the Afghan Midwives Association, "IRC" the International Red
    # Cross for the Rescue Committee. Only an article that writes "Long Name (ABBR)" ties initials to a
    # name (``_parenthesized_pairs``); the keys stay indexed for that and for later evidence.
    core = org_core(name)
    return [("ORG_CORE", core or entity_key(name))]


@dataclass(slots=True)
class EntityGroup:
    """One canonical entity: its id (the canonical row) and what is known of its member rows."""

    id: str
    type: str
    names: Counter = field(default_factory=Counter)
    people: Counter = field(default_factory=Counter)  # its people's names, each once, with how many rows
    members: list[str] = field(default_factory=list)
    nicknames: frozenset[str] | None = None  # loaded when first needed
    generations: set[str] = field(default_factory=set)  # the suffixes of its full names ("" for none)
    spellings: set[str] = field(default_factory=set)  # its spelled-out full names, as written

    def best_name(self) -> str:
        if self.type == "PERSON" and self.names:
            return max(self.names, key=lambda n: (specificity(parse_person(n) or PersonName((), n)), len(n), n))
        return max(self.names, key=lambda n: (self.names[n], -len(n), n)) if self.names else ""

    @property
    def has_full_name(self) -> bool:
        return any(not p.bare for p in self.people)


def index_keys(entity_id: str, type_: str, name: str) -> list[tuple[str, str]]:
    """Return the blocking keys an entity row makes its group findable by (none for a generic name
    kept to its article: nothing joins it)."""
    scope = row_scope(entity_id, type_, name)
    if scope == "generic":
        return []
    cls = type_class(type_)
    if scope == "common":
        # found by its own word only (no core, no initials), and only by other rows kept to their
        # article: a name shared by every article ("Sao" of a town, typed GPE) does not join the group
        # of a common word of one article ("SAO" of a cut dateline, typed ORG)
        return [(f"{cls}_COMMON", entity_key(name))]
    keys = []
    if cls == "PERSON":
        person = parse_person(name)
        if person is not None and any(ch.isalpha() for ch in person.surname):
            keys.append((cls, person_key(person, name)))
            keys.append(("SURNAME", person.surname))
            if spelled_out(person):
                keys.append(("SKELETON", name_skeleton(person_key(person, name))))
            if person.given and len(person.given[0]) > 1:
                keys.append(("FIRST", person.given[0]))
    keys.append((cls, entity_key(name)))
    kb_key = known_key(name, type_)
    if kb_key:
        keys.append((cls, kb_key))
    if type_ == "ORG":
        keys += _org_keys(name)
    return list(dict.fromkeys(keys))


def and_company_of(name: str) -> str | None:
    """Return X of a name "X & Co." where X is one word (its key: "mueller"), else None."""
    match = AND_CO.search(name)
    if match is None:
        return None
    words = entity_key(name[:match.start()]).split()
    return words[0] if len(words) == 1 else None


def settle_key(entity_id: str, type_: str, name: str) -> tuple[str, str] | None:
    """Return the name under which a row kept to its article is settled at the end of a linking run
    (``EntityLinker.settle``): ("bare", surname) for a one-word person name, ("common", word) for a common
    word or initials; None for any other row."""
    scope = row_scope(entity_id, type_, name)
    if scope == "bare" and type_class(type_) == "PERSON":
        person = parse_person(name)
        return ("bare", person.surname) if person is not None and person.surname else None
    if scope == "common" and type_class(type_) == "THING":
        return ("common", entity_key(name))
    return None


def settle_keys(entity_id: str, type_: str, name: str) -> set[tuple[str, str]]:
    """Return the settle keys (``settle_key``) whose rows a newly linked row may bring evidence for: a
    person's surname and first given name (a bare "Kim" that is also someone's first name), a thing's
    word, its core and its initials."""
    scope = row_scope(entity_id, type_, name)
    if scope == "generic":
        return set()
    if type_class(type_) == "PERSON":
        person = parse_person(name)
        if person is None:
            return set()
        keys = {("bare", person.surname), ("andco", person.surname)}
        if person.given and len(person.given[0]) > 1:
            keys.add(("bare", person.given[0]))
        return keys
    keys = {("common", entity_key(name))}
    word = and_company_of(name)
    if word:
        keys.add(("andco", word))
    core = org_core(name)
    if core:
        keys.add(("common", core))
    initials = acronym_key(name)
    if initials:
        keys.add(("common", initials))
    return keys

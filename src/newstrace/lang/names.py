"""Person names split into parts, and when two written names can be the same person.

Cross-article entity linking decides on names alone plus a little context; these rules say when a
name is *compatible* with another: the same surname, and first names that agree (equal, an initial
that starts the other, a nickname the article gave in parentheses, or a usual short form: "Chris" and
"Christopher", data/nicknames.yaml); a name written with initials
only needs a given name for each initial on the other side. A surname alone is compatible
with any full name that ends with it; the caller decides whether the match is unique enough to use.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .. import kb
from ..datafiles import load_yaml
from ..ids import entity_key

# The word lists of data/names.yaml, read once when this module is imported (package data only): they
# are module constants that the extractors test every mention against.
_NAMES = load_yaml("names.yaml")
# Words before a name that are titles, not parts of the name ("Mr. Rahami", "Gen. Smith").
HONORIFICS = frozenset(_NAMES["honorifics"])
# Titles after which a name is a given name that does not pair with surnames ("King Abdullah II").
ROYAL = frozenset(_NAMES["royal"])
# Name particles that belong to the surname ("Ursula von der Leyen", "Abu Obeida").
_PARTICLES = frozenset(_NAMES["particles"])
_SUFFIXES = frozenset(_NAMES["suffixes"])
# The suffixes that are regnal numbers ("II", "III"): a given name with one alone is a monarch's name.
_REGNAL = frozenset(s for s in _SUFFIXES if set(s) <= set("ivx"))
# Nouns that say the name beside them names a person ("his mother, Yelena"; "her partner Sam").
PERSON_NOUNS = frozenset(_NAMES["person_nouns"])
# Diminutives of given names (data/nicknames.yaml): full name -> its short forms ("christopher": chris).
_DIMINUTIVES = {full: frozenset(short) for full, short in load_yaml("nicknames.yaml").items()}


@dataclass(frozen=True, slots=True)
class PersonName:
    """The parts of a person's name, normalized: ``given`` may be an initial ("a") or empty."""

    given: tuple[str, ...]
    surname: str

    @property
    def bare(self) -> bool:
        """True for a name of one word ("Trufanov", "Yelena"): surname or first name, unknown which."""
        return not self.given

    @property
    def first(self) -> str:
        return self.given[0] if self.given else ""


def parse_person(name: str) -> PersonName | None:
    """Return the parts of a person name, or None when nothing of a name is left after titles or the
    text is not a name at all (a possessive inside: "Obama's Ebola")."""
    if re.search(r"\w['’]s\b", name):
        return None
    tokens = [t for t in entity_key(name).split() if t]
    if tokens and tokens[0] in ROYAL:
        if len(tokens) == 1:
            return None  # "King" alone is a title (or a dog breed), not a name
        return PersonName((), " ".join(tokens))  # only the same royal name matches it
    while tokens and tokens[0] in HONORIFICS and len(tokens) > 1:
        tokens = tokens[1:]
    if len(tokens) == 2 and tokens[1] in _REGNAL:
        return PersonName((), " ".join(tokens))  # "Richard III": only the same monarch's name matches it
    while len(tokens) > 1 and tokens[-1] in _SUFFIXES:
        tokens = tokens[:-1]
    if not tokens:
        return None
    # Glue particles to the surname: "von der leyen" is one surname.
    cut = len(tokens) - 1
    while cut > 0 and tokens[cut - 1] in _PARTICLES:
        cut -= 1
    surname = " ".join(tokens[cut:])
    return PersonName(tuple(tokens[:cut]), surname)


def diminutive_of(short: str, full: str) -> bool:
    """Return True when a given name is a usual short form of another ("chris" of "christopher",
    "bill" of "william"; data/nicknames.yaml), lower case."""
    return short in _DIMINUTIVES.get(full, ())


def same_given_name(a: str, b: str) -> bool:
    """Return True for one given name written in full or as its usual short form ("Chris",
    "Christopher"), lower case."""
    return a == b or diminutive_of(a, b) or diminutive_of(b, a)


def _given_compatible(a: str, b: str, a_nicknames: frozenset[str], b_nicknames: frozenset[str]) -> bool:
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    # A nickname stands for the name it was given beside: "Sasha" for Alexander (Sasha) Trufanov, and
    # "Chris" for Christopher as everyone calls them.
    return a in b_nicknames or b in a_nicknames or same_given_name(a, b)


def names_compatible(a: PersonName, b: PersonName, a_nicknames: frozenset[str] = frozenset(),
                     b_nicknames: frozenset[str] = frozenset()) -> bool:
    """Return True when two names can denote one person.

    ``a_nicknames``/``b_nicknames`` are keys of the nicknames recorded in parentheses for each side
    ("sasha" for "Alexander (Sasha) Trufanov"): a first name that is the other side's nickname agrees.
    """
    if a.surname != b.surname:
        return False
    if a.bare or b.bare:
        return True
    # Someone who signs with initials only ("S.A. Miller") is told by every initial: a name that gives
    # fewer given names than there are initials ("Sam Miller") leaves one unmatched.
    for x, y in ((a, b), (b, a)):
        if len(x.given) > 1 and all(len(g) == 1 for g in x.given) \
                and any(len(g) > 1 for g in y.given) and len(y.given) < len(x.given):
            return False
    if not _given_compatible(a.first, b.first, a_nicknames, b_nicknames):
        # Someone known by a middle name: "J. Christopher Stevens" and "Christopher Stevens".
        for x, y in ((a, b), (b, a)):
            if len(x.first) == 1 and len(x.given) > 1 and same_given_name(x.given[1], y.first):
                return True
        return False
    # Middle names or initials, where both give one, must agree too ("George W." vs "George H. W.").
    rest_a, rest_b = a.given[1:], b.given[1:]
    if rest_a and rest_b:
        return _given_compatible(rest_a[0], rest_b[0], a_nicknames, b_nicknames)
    return True


def differ_by_middle_name(a: PersonName, b: PersonName) -> bool:
    """Return True when two full names have the same first name and surname and one gives a middle
    name written out that the other lacks or writes otherwise ("Ronald Prescott Reagan", "Ronald
    Reagan"); middle initials alone ("Vladimir V. Putin") do not count."""
    if a.surname != b.surname or a.bare or b.bare or a.first != b.first or a.given == b.given:
        return False
    return any(len(g) > 1 for g in set(a.given[1:]) ^ set(b.given[1:]))


_PARENTHESIZED = re.compile(r"\(([^()]{1,40})\)")


def nicknames_in(aliases) -> frozenset[str]:
    """Return the keys of one-word nicknames written in parentheses in the aliases
    ("Alexander (Sasha) Trufanov" -> sasha)."""
    out = set()
    for alias in aliases:
        for inner in _PARENTHESIZED.findall(alias or ""):
            key = entity_key(inner)
            if key and " " not in key:
                out.add(key)
    return frozenset(out)


def specificity(name: PersonName) -> tuple[int, int]:
    """Return how fully a name identifies someone: full given names beat initials beat none."""
    full = sum(1 for g in name.given if len(g) > 1)
    return (full, len(name.given))


@functools.lru_cache(maxsize=65536)
def role_signature(text: str) -> frozenset[str]:
    """Return the words of a role or description, countries and demonyms as one code: "the Russian
    president" and "President of Russia" both give {RUS, president}."""
    out = set()
    for word in entity_key(text).split():
        if word in ("the", "of", "a", "an", "s"):
            continue
        out.add(kb.country_code(word) or word)
    return frozenset(out)


def is_description(text: str) -> bool:
    """Return True for a definite description that can stand for one named person or body
    ("the Russian president"), not a pronoun or a bare noun."""
    words = entity_key(text).split()
    return len(words) >= 3 and words[0] == "the"

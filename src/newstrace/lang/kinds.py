"""The kind of each word of a name, and how far a name reaches.

``word_kinds`` tells the words of a name apart: national, generic, modifiers, furniture, people, titles
(from ``data/word_kinds.yaml``), country (a country or its demonym, from the knowledge base), filler or
proper. ``name_scope`` decides from them whether a name means one thing in every article; extraction
keeps a non-global name per article and linking joins such names across articles only on evidence.
"""
from __future__ import annotations

import functools
import re

from .. import kb
from ..datafiles import load_yaml
from ..ids import entity_key
from .names import ROYAL, parse_person

_FILLER = frozenset("of the and for on in to at a an s de la".split())
_NUMBER = re.compile(r"\d+(?:st|nd|rd|th|s)?$")


@functools.cache
def _lexicon() -> dict[str, str]:
    """Return generic words and phrases (keys) -> kind: national, generic, modifiers, furniture, people or
    titles."""
    data = load_yaml("word_kinds.yaml")
    out: dict[str, str] = {}
    for kind in ("titles", "people", "furniture", "modifiers", "generic", "national"):  # a later kind wins
        for phrase in data.get(kind) or ():
            out[entity_key(str(phrase))] = kind
    return out


@functools.lru_cache(maxsize=65536)
def is_country_word(text: str) -> bool:
    """Return True for a country's name or its demonym ("Indonesian", "U.S."), not a capital or city."""
    entry = kb.lookup(text)
    if entry is None or not entry.actor_code or len(entry.actor_code) != 3:
        return False
    if entry.type == "NORP":
        return True
    return entry.type == "GPE" and entry.canonical in _country_names()


@functools.cache
def _country_names() -> frozenset[str]:
    return frozenset(kb._tables().country_names.values())


@functools.lru_cache(maxsize=65536)
def word_kinds(name: str) -> tuple[str, ...]:
    """Return the kind of each word or phrase of a name: national, generic, modifiers, furniture (see
    lang/data/word_kinds.yaml), country (a country or its demonym), filler ("of", a number) or proper."""
    words = entity_key(name).split()
    lexicon = _lexicon()
    kinds: list[str] = []
    i = 0
    while i < len(words):
        for n in (4, 3, 2, 1):
            if i + n > len(words):
                continue
            phrase = " ".join(words[i:i + n])
            kind = lexicon.get(phrase) or ("country" if is_country_word(phrase) else None)
            if kind:
                kinds.append(kind)
                i += n
                break
        else:
            word = words[i]
            kinds.append("filler" if word in _FILLER or _NUMBER.match(word) else "proper")
            i += 1
    return tuple(kinds)


def is_post(word: str) -> bool:
    """Return True for a word naming a post a person holds ("spokesman", "secretary": word_kinds.yaml
    titles), which is a person, never a body."""
    return word_kinds(word) == ("titles",)


def name_scope(type_: str, name: str, *, known: bool = False) -> str:
    """Return how far a name reaches: ``global`` (the same thing in every article), ``bare`` (a person
    named by one word: whose it is depends on the article), ``generic`` (a kind of thing: "Navy",
    "Armed Services Committee", "British Embassy") or ``debris`` (page words: "JUST WATCHED").

    ``known``: the knowledge base knows the name, which makes it global."""
    if known:
        return "global"
    kinds = set(word_kinds(name))
    if not kinds or ("furniture" in kinds and kinds <= {"furniture", "filler"}):
        return "debris"
    if type_ != "PERSON" and word_kinds(name)[-1] == "titles":
        return "generic"  # a post ("National Security Advisor"): held by many, whose it is depends on the article
    if "titles" in kinds:
        kinds = (kinds - {"titles"}) | {"proper"}  # inside a name, a title is one of its own words
    if type_ != "PERSON" and "people" in kinds:
        # "Republicans", "Islamists": a group of people named by what they are is one group everywhere
        kinds = (kinds - {"people"}) | {"proper"}
    if not kinds & {"proper", "country"}:
        return "generic"  # for a person: a kind of person ("Republican") is nobody's name
    if type_ == "PERSON":
        person = parse_person(name)
        if person is None:
            return "generic"
        if not person.bare or entity_key(name).split()[0] in ROYAL:
            return "global"
        return "bare"
    if "proper" in kinds:
        return "global"
    rest = kinds - {"country", "filler"}
    # A country word makes a name specific with a body a country has one of ("Iraqi Army"), or alone.
    if not rest or ("national" in rest and "generic" not in rest):
        return "global"
    return "generic"

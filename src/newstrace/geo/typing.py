"""Place typing by vote: a known place used as a place is a place, whatever label the tagger gave.

The small English model types the same town PERSON, NORP or ORG from one sentence to the next ("in
Aleppo" NORP). The entities stage counts each mention's label as a vote; ``place_votes`` adds votes for
GPE when a name the gazetteer knows is used as a place ("in Aleppo", "Aleppo's eastern districts",
"Helmand province") and nothing says person (a title, "Mr", a verb of speech or thought: "Mr Khan said").
"""
from __future__ import annotations

import re

from .. import kb
from .gazetteer import load_gazetteer
from .resolve import PLACE_OF
from .words import geo_words

PLACE_VOTES = 3  # a place use outweighs a label of the tagger, and two of them
_PREPS = geo_words().place_preps
_AFTER = re.compile(r"^\s*(?:province|governorate|city|district|region|countryside|suburbs?|outskirts)\b"
                    r"|^['’]s\s+(?:(?:eastern|western|northern|southern|old|central|rebel-held|besieged)\s+)?"
                    r"(?:districts?|neighbou?rhoods?|outskirts|countryside|suburbs?|streets|old city|"
                    r"centre|center|province|governorate|airport|citadel|residents|population|mayor|governor)\b",
                    re.I)
# words of nationality, religion or direction that are also the names of some town ("Western", "Arab")
_ADJECTIVE = re.compile(r"(?:ern|an|ese|ish|ic|i|ist|ite)$", re.I)
_TITLES = geo_words().titles
_MIND_VERBS = geo_words().mind_verbs


def _person_use(ent) -> bool:
    """Return True when the sentence says person: a title before the name, or it says or thinks."""
    doc = ent.doc
    if ent.start > 0 and doc[ent.start - 1].lower_.rstrip(".") in _TITLES:
        return True
    root = ent.root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in _MIND_VERBS


def _place_use(ent, text: str) -> bool:
    doc = ent.doc
    if ent.start > 0 and doc[ent.start - 1].lower_ in _PREPS:
        return True
    if PLACE_OF.search(text[max(0, ent.start_char - 80):ent.start_char]):
        return True  # "the city of X", "the siege of X"; not "a Star of David"
    if ent.start > 1 and doc[ent.start - 1].lower_ == "the" and doc[ent.start - 2].lower_ in _PREPS:
        return True
    return _AFTER.match(text[ent.end_char:ent.end_char + 40]) is not None


def place_votes(ent, name: str, text: str) -> int:
    """Return the GPE votes one mention of ``name`` (a spaCy entity span) adds to its name's tally."""
    if ent.label_ in ("GPE", "LOC", "FAC"):
        return 0
    if not load_gazetteer().lookup(name) or _person_use(ent):
        return 0
    if _place_use(ent, text):
        return PLACE_VOTES
    if ent.label_ == "NORP" and kb.country_code(name) is None and not _ADJECTIVE.search(name) \
            and any(not e.alias and e.population >= 15000 for e in load_gazetteer().lookup(name)):
        return 1  # a known town that is no nationality word nor country: "Aleppo" tagged NORP
    return 0

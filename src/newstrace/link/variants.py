"""Variants of an organisation's name that denote it across articles: a company with or without its legal
form or its trade ("Apple", "Apple Inc", "Apple Computer"; "China Eastern", "China Eastern Airlines"),
and initials for the full name ("GAO" for the Government Accountability Office).

These are blocking keys: ``entities.EntityLinker`` indexes every organisation group under them and a
new organisation name joins a group found through them only when exactly one organisation group has
the key. A core that is a country or a people ("Qatar" of Qatar Airways, "Singapore" of Singapore
Airlines) is no key: the airline is not the country. Only the closed lists below are stripped, so that
"Apple Corps" and "Apple Records" keep names of their own.
"""
from __future__ import annotations

import functools

from .. import kb
from ..datafiles import load_yaml
from ..ids import entity_key

_ORGANISATIONS = load_yaml("organisations.yaml")
# Legal forms after a company's name: dropped, as often as they come ("Aer Lingus Group PLC").
LEGAL_FORMS = frozenset(_ORGANISATIONS["legal_forms"])
# A trade word after a company's name, dropped once ("Apple Computer" is Apple): lang/data/organisations.yaml
TRADE_WORDS = frozenset(_ORGANISATIONS["trade_words"])
# Words initials skip ("Bank of England" -> BOE): lang/data/organisations.yaml
_INITIALS_SKIP = frozenset(_ORGANISATIONS["initials_skip"])
MIN_ACRONYM = 3
MAX_ACRONYM = 6


@functools.lru_cache(maxsize=65536)
def org_core(name: str) -> str | None:
    """Return the key of an organisation's name without its legal form and trade word, or None when
    nothing is dropped, when nothing would be left, or when what is left names a country or people."""
    words = entity_key(name).split()
    if words and words[0] == "the":
        words = words[1:]
    cut = len(words)
    while cut > 1 and words[cut - 1] in LEGAL_FORMS:
        cut -= 1
    if cut > 1 and words[cut - 1] in TRADE_WORDS:
        cut -= 1
    while cut > 1 and words[cut - 1] in LEGAL_FORMS:
        cut -= 1
    core = words[:cut]
    if not core or len(" ".join(core)) < 3:
        return None
    key = " ".join(core)
    if kb.country_code(key) is not None:
        return None
    return key


def is_acronym(name: str) -> bool:
    """Return True for a name written as capital initials ("GAO", "USAF", "U.S.A.F.")."""
    letters = name.replace(".", "").replace("&", "").strip()
    return MIN_ACRONYM <= len(letters) <= MAX_ACRONYM and letters.isalpha() and letters.isupper()


def initials_fit(short: str, long: str) -> bool:
    """Return True when the letters of initials can be read off a name, in order, the first being the
    name's first letter ("SIA" from Singapore Airlines; not "CPTPP" from Trans-Pacific Partnership)."""
    letters = [c for c in short.lower() if c.isalpha()]
    text = entity_key(long.replace("&", " and "))
    if not letters or not text or letters[0] != text[0]:
        return False
    at = 0
    for letter in letters:
        at = text.find(letter, at)
        if at < 0:
            return False
        at += 1
    return True


@functools.lru_cache(maxsize=65536)
def acronym_key(name: str) -> str | None:
    """Return the initials that stand for a name: the name itself lowered when it is written as initials,
    the first letters of its words (legal forms and small words skipped) when it has enough words; else None."""
    if is_acronym(name):
        return name.replace(".", "").replace("&", "").strip().lower()
    words = [w for w in entity_key(name.replace("&", " and ")).split() if w not in _INITIALS_SKIP]
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words = words[:-1]
    if not MIN_ACRONYM <= len(words) <= MAX_ACRONYM or any(not w[0].isalpha() for w in words):
        return None
    return "".join(w[0] for w in words)


# Spellings that transliterations of one name vary between (Arabic, Persian, Russian, Chinese names in
# English news): "Qassem" and "Qasem", "Mikhail" and "Mihail", "Yousef" and "Yusef". Vowels other than
# these doubled or digraph forms are kept: "Mohammed" and "Mahmoud" are different names.
_SKELETON_STEPS = (("ph", "f"), ("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("ck", "k"), ("q", "k"),
                   ("ch", "\x00"), ("c", "k"), ("\x00", "ch"),  # "ch" stays: Gorbachev is not Gorbakev
                   ("ou", "u"), ("oo", "u"), ("ee", "i"), ("ey", "ei"), ("y", "i"), ("w", "v"))


@functools.lru_cache(maxsize=65536)
def name_skeleton(name: str) -> str:
    """Return a person name with transliteration variants levelled (digraphs, q/k, doubled letters):
    "Qassem Soleimani" and "Qasem Soleimani" both give "kasem soleimani"."""
    words = []
    for word in entity_key(name).split():
        for old, new in _SKELETON_STEPS:
            word = word.replace(old, new)
        collapsed = []
        for ch in word:
            if not collapsed or collapsed[-1] != ch:
                collapsed.append(ch)
        words.append("".join(collapsed))
    return " ".join(words)

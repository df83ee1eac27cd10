"""How alike two reports are worded: the content words of their sentences, compared as sets.

Two reports of one act tend to say it with the same words beyond the names ("resigned as chief executive",
"stepped down as chief executive"); two acts of the same parties on different days tend not to. The
weights are fixed (every content word counts once, function words and the parties' own names not at
all) rather than learned from the store, so that the score of a pair does not depend on what else
was linked before it: incremental runs and ``link --rebuild`` see the same numbers.
"""
from __future__ import annotations

import functools
import re

from ..datafiles import load_yaml
from ..ids import entity_key
from ..lang.calendar import month_names, weekday_names
from ..lang.linking import link_words

_WORD = re.compile(r"[A-Za-z]{3,}")
_WORDS = load_yaml("wording.yaml")
# English function words of three letters or more (lang/data/wording.yaml)
STOP_WORDS = frozenset(_WORDS["function_words"])
# Words of reporting and of time that any two news sentences share, with the month and weekday names.
_NEWS_WORDS = frozenset(_WORDS["news_words"]) | month_names() | weekday_names()
_SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ed", "es", "s")


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@functools.lru_cache(maxsize=65536)
def sentence_words(text: str | None) -> frozenset[str]:
    """Return the stems of a sentence's content words, without function words, reporting and time
    words, and names (capitalised words: the parties, which matching compares on their own)."""
    if not text:
        return frozenset()
    out = set()
    words = _WORD.findall(text)
    # A headline in title case capitalises every word: there, capitals tell nothing
    title_case = sum(w[0].isupper() for w in words) > 0.6 * len(words)
    for word in words:
        if word[0].isupper() and not title_case:
            continue  # a name, or a sentence's first word, which a second report seldom repeats
        word = entity_key(word)
        if word in STOP_WORDS or word in _NEWS_WORDS:
            continue
        out.add(_stem(word))
    return frozenset(out)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Return the cosine of two word sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / (len(a) * len(b)) ** 0.5


def trigger_stem(text: str | None) -> str | None:
    """Return the stem of an event's trigger ("resigned" and "resigns" -> resign), None without one."""
    if not text:
        return None
    return " ".join(_stem(w) for w in entity_key(text).split()) or None


def _same_act() -> dict[str, str]:
    out = {}
    for group in sorted(link_words().same_act):
        canonical, _, others = group.partition("=")
        key = trigger_stem(canonical.strip())
        for word in (canonical, *others.split(",")):
            stem = trigger_stem(word.strip())
            if stem and key:
                out[stem] = key
    return out


_SAME_ACT = _same_act()


def act_stem(text: str | None) -> str | None:
    """Return the stem of an event's trigger with words of one act made one (lang/data/linking.yaml,
    same_act: "step down", "resigned" -> resign), None without a trigger."""
    stem = trigger_stem(text)
    return _SAME_ACT.get(stem, stem) if stem else None

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

from ..ids import entity_key
from ..lang.calendar import month_names

_WORD = re.compile(r"[A-Za-z]{3,}")
# English function words of three letters or more (words of fewer letters are dropped anyway). Kept here
# rather than taken from spaCy so that linking does not import spaCy (seconds at the start of each run).
STOP_WORDS = frozenset(
    "about above across after afterwards again against all almost alone along already also although always "
    "among amongst and another any anyhow anyone anything anyway anywhere are around because been before "
    "beforehand behind being below beside besides between beyond both but can cannot could did does doing "
    "done down due during each either else elsewhere enough even ever every everyone everything everywhere "
    "except few for former formerly from further had has have having her here hereafter hereby herein hers "
    "herself him himself his how however indeed into its itself just last latter least less made make many "
    "might mine more moreover most mostly much must myself neither never nevertheless next nine nobody none "
    "noone nor not nothing now nowhere off often once one only onto other others otherwise our ours "
    "ourselves out over own per perhaps please put quite rather really same see seem seemed seeming seems "
    "several she should show side since some somehow someone something sometime sometimes somewhere still "
    "such take than that the their them themselves then thence there thereafter thereby therefore therein "
    "these they this those though three through throughout thru thus together too top toward towards two "
    "under unless until upon used using various very via was well were what whatever when whence whenever "
    "where whereafter whereas whereby wherein whether which while whither who whoever whole whom whose why "
    "will with within without would yet you your yours yourself yourselves get got going back first".split()
)
# Words of reporting and of time that any two news sentences share.
_NEWS_WORDS = frozenset(
    "said says say told according reported report reports week month year years today yesterday "
    "monday tuesday wednesday thursday friday saturday sunday also new".split()
) | month_names()
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

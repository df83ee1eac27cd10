"""Events into clusters: one cluster per real-world event, however many reports it has.

Every event belongs to exactly one cluster (a singleton when nothing else reports it), so a user
counting clusters counts events, not reports. A report joins an existing cluster when it has

- the same PLOVER type, and the same mode where both give one (a release is not a withdrawal); a
  report without a mode joins a cluster with one (or the reverse) only when both give the very same day
  ("held talks" and "spoke by phone" a week apart are two acts), and never for CONSULT, whose modes are
  different acts (a call, a visit, talks);
- a happened factuality (asserted or historical): pledges, hypotheticals and denials stay singletons,
  since two reports of "X will do Y" rarely pin one act;
- a date compatible with the cluster's anchor, the most precise date any of its reports gives
  (timeframes.py: two exact days at most a day apart, or overlapping intervals when one is coarse:
  "last February" and 2025-02-15). Comparing with the anchor, not with every member, keeps clusters
  from creeping along a chain of near dates. An undated report counts as dated within the week before
  its article's publication, and joins only a cluster some report of which is dated: two undated
  reports share no more than a week;
- a participant in common in the same role (actor with actor, recipient with recipient, canonical
  entities); when the only one in common is a single participant, or only countries and peoples
  ("Israel"), both reports must give the very same day;
- and enough evidence when a date pins no moment (undated, or coarser than two days): two
  participants in common; or, for an act done to a person (ASSAULT, COERCE, RETREAT) in the same mode,
  the same named person as recipient, when one of the two sides is dated to a month or better and no
  other compatible cluster has that person; and the best candidate must beat the others. "Now",
  "currently" and "so far" date a state of affairs, not an act: such reports count as undated;
- for a verbal act (AGREE, CONSULT, SUPPORT, REQUEST, ACCUSE, REJECT, THREATEN), a date of a month or
  better on both sides: the same parties criticise, ask and meet each other too often for an undated or
  year-wide report to pin one of those acts;
- when the two sides share a single participant, no other named person or organisation on each side
  that the other lacks ("Trump met Li" and "Trump met Xi" on one day are two meetings);
- when both name whom the act was done to, a recipient in common, unless the sentences are worded alike
  (a missile strike on bases and the shooting-down of an airliner the same night are two acts);
- a party the sentence denies ("smaller groups, not Hamas, fired") is no participant;
- for CONSULT and COERCE the mode is the act: a call and a visit, an arrest and a jailing order, are two.

Acts that can happen only once join whatever their dates, where dates are given and agree: every report
of a named person's killing (a killing trigger, or a wound the sentence makes fatal: "shot and killed",
"shot dead"), every report of a territory's annexation ("annex:" keys; a territory written inside a phrase,
"Ukraine's Crimea region", is the article's entity the phrase names), and an attack on a person who was
killed, written as a strike, raid, attack or bombing ("the strike on Soleimani"). Within one sentence, the
armed act a killing names as what killed ("ordered the strike that killed X", "the killing of X in an
airstrike") is the killing.

Two reports a week apart to the day are one act when one of them gives the day by a weekday name alone
("Monday", resolved to the wrong week) and they share two named parties and their wording.

Clusters are read from the store lazily, by indexed look-ups: for a report, the clusters of its type with
a report dated around its date or published in the week after it (``_load_window``), and for a killing
or an attack, the clusters of acts done to that person (``_load_person``). What is read is held for the
run, indexed by (type, participant). Nothing is read at the start of a run, so its fixed cost does not
grow with the store; a rebuild reads nothing at all (every cluster is made by the run). Reports keep
their own data: only ``events.cluster_id`` is set.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, delete, func, select, update

from .. import kb
from ..datafiles import alternation
from ..ids import record_id
from ..lang.calendar import month_names, month_numbers, weekday_names
from ..lang.linking import link_words
from ..lang.names import is_description
from ..lang.pronouns import ALL_PRONOUNS
from ..records import Cluster, DateValue, EntityRef
from ..store import schema
from ..timeframe import Interval, day_of, interval_of, point_of
from . import timeframes
from .entities import EntityLinker
from .wording import act_stem, sentence_words, similarity, trigger_stem

HAPPENED = frozenset({"asserted", "historical"})
WEEKDAY_WORDS = weekday_names()
MONTH_WORDS = month_names()
# Days between two reports of one act when one of them gives it by a weekday name resolved to the
# wrong week ("Monday" read in an article published after the Monday meant, or before it).
WEEK_OFF = 7
WEAK_TYPES = frozenset({"GPE", "NORP", "LOC"})
UNDATED_WINDOW_DAYS = 7
PRECISE_DAYS = 2
# A date the person exception may lean on: a month at most ("last February", not "this summer").
PERSON_DATE_DAYS = 31
# Reports of one killing (or annexation) dated less than two years apart are one act with a date read wrong
# ("in March" read as the March to come); further apart, one of them is a rumour or another report (the death
# of al-Baghdadi rumoured in 2014, done in 2019).
ONCE_APART_DAYS = 730
# "now", "so far": a state of affairs, not a moment (lang/data/linking.yaml, present_state)
PRESENT_STATE = link_words().present_state
# Types whose recipient is a person something happens to once (harmed, held, freed), so that one named
# person can tie an undated report to a dated event.
DONE_TO_A_PERSON = frozenset({"ASSAULT", "COERCE", "RETREAT"})
ROLES = ("actor", "recipient")
# Verbal acts (PLOVER's verbal cooperation and conflict): the same parties repeat them so often that
# a report needs a date of a month or better to be one of them.
VERBAL_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
VERBAL_DATE_DAYS = 31
# Types whose modes are different acts, not more detail about one: a phone call, a visit and talks
# between the same two people on one day are three events.
# The same holds for coercion: an arrest and the court's order to jail the arrested are two acts.
MODE_IS_THE_ACT = frozenset({"CONSULT", "COERCE"})
# Wording (cosine of content words, wording.py) at which a report that pins no moment can join a cluster
# on one named participant in common: the two sentences say the same thing in the same words.
WORDED = 0.4
MIN_WORDS_SHARED = 2
ONE_WORD = 0.5
# How many distinct sentences of a cluster its wording is compared with.
MAX_WORDED = 12
# Triggers (their stems, wording.trigger_stem) that say someone was killed: a person dies once, so
# every report of a named person's killing is one event, dated or not, whatever the mode
# (lang/data/linking.yaml: killing_stems; killing_wounds with killing_phrases, "shot dead").
KILLING = tuple(sorted(link_words().killing_stems))
# Triggers that say a territory was annexed: a territory is annexed by one state once, so every report of
# its annexation is one event too (lang/data/linking.yaml: annexing_stems).
ANNEXING = tuple(sorted(link_words().annexing_stems))
# Words that name one armed act aimed at someone ("the strike on X"): where X was killed, such an act is
# the killing (lang/data/linking.yaml: strike_words).
STRIKE_WORDS = link_words().strike_words
# The anchor of a cluster none of whose reports has a date or a publication date.
TIMELESS = Interval(date.min, date.max, "range")


_WORDS = link_words()
_FATAL_AFTER = alternation(_WORDS.killing_phrases - {"fatally"})
# "Kim Jong Un's half-brother": a recipient followed by a possessive names what it owns (``written_as_owner``)
_OWNER = re.compile(r"\s*[’']s?\b")
# Words that may stand between an owner and the person it owns ("Kim Jong Un's estranged elder half-brother").
OWNER_GAP = 2
_ORDINAL = re.compile(rf"\b({alternation(_WORDS.ordinals)})\b(?![-’'])(?:\s+([\w-]+))?", re.IGNORECASE)
# "was killed", "had been murdered", "was brutally murdered": a killing told in the passive, whose victim is
# the subject before it (``EventClusterer._named_victim``)
_PASSIVE = re.compile(r"\b(?:was|were|been|is|are|be|being|got)\s+(?:[a-z]+ly\s+)?$", re.IGNORECASE)
# what may stand between that subject and the passive: nothing, a clause about the person closed by a comma
# ("Mr Khashoggi, who wrote for the Post, was murdered"), or one saying who tells it ("Mr. Khashoggi, who
# Turkish authorities allege was killed"; saying_verbs)
_ABOUT_THE_SUBJECT = re.compile(rf"\s*(?:,\s*who\b[^;:]*,\s*|,?\s*who\s+(?:[\w.'’-]+\s+){{0,4}}(?:{alternation(_WORDS.saying_verbs)})\s+)?",
                                re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def _fatal(trigger: str) -> re.Pattern:
    # "shot dead", "shot and killed", "stabbed to death", "shot three times and killed"; "fatally shot"
    word = re.escape(trigger)
    return re.compile(rf"\bfatally\s+{word}\b|\b{word}(?:\s+[\w-]+){{0,2}}?\s+(?:{_FATAL_AFTER})\b", re.IGNORECASE)


def kills(type_: str, trigger_text: str | None, sentence: str | None) -> bool:
    """Return True when an ASSAULT report says its recipient was killed: a killing trigger ("killed",
    "assassination", "gunned down"), or a wound ("shot", "stabbed") that the sentence makes fatal right
    after it ("shot dead", "shot and killed", "stabbed to death") or before it ("fatally shot")."""
    if type_ != "ASSAULT" or not trigger_text:
        return False
    stem = trigger_stem(trigger_text)
    if stem and stem.startswith(KILLING):
        return True
    word = trigger_text.strip().lower()
    return word in _WORDS.killing_wounds and bool(sentence) and bool(_fatal(word).search(sentence))


def weekday_day(value: dict[str, Any] | None) -> date | None:
    """Return the day of a date written with a weekday name and no number ("Monday", "on Thursday
    night"), resolved against the publication day; None for any other date. Such a day is the one a
    reader of another week, or of another outlet, can place a week off."""
    text = ((value or {}).get("text") or "").lower()
    if not text or any(ch.isdigit() for ch in text) or (value or {}).get("granularity") != "day":
        return None
    if not set(re.findall(r"[a-z]+", text)) & WEEKDAY_WORDS or set(re.findall(r"[a-z]+", text)) & MONTH_WORDS:
        return None
    found = interval_of(value)
    return found.lo if found is not None and found.exact_day else None


_MONTH = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+)\b(?!\s+\d)")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


# "X's death last week in an American drone strike", "the death of X in a strike": what comes before a strike
# word that says it killed X (``EventClusterer._add_victim``)
_DIED_IN = re.compile(r"\b(?:in|by)\s+(?:a|an|the)\s+(?:[\w.'’-]+\s+){0,3}$", re.IGNORECASE)
_DEATH_AFTER = re.compile(r"[’']s\s+death\b[^.;:]{0,40}$", re.IGNORECASE)
_DEATH_BEFORE = re.compile(r"\bdeath\s+of\s+(?:[\w.'’-]+\s+){0,3}$", re.IGNORECASE)
# an annexation's recipient written as a bare territory noun ("the region"): linking.yaml territory_nouns
_TERRITORY_NOUN = re.compile(rf"(?:the|this|that)\s+(?:{alternation(link_words().territory_nouns)})", re.IGNORECASE)
# what an armed act's sentence says it did, after it: "left X and three others dead", "resulting in the death of X"
_LEFT_DEAD = re.compile(r"[^;:\n]{0,80}?\bleft\s+(?P<who>[^;:\n]{1,80}?)\s+dead\b", re.IGNORECASE)
_DEATH_RESULTED = re.compile(r"[^;:\n]{0,80}?\bresult(?:ing|ed)\s+in\s+the\s+deaths?\s+of\s+(?P<who>[^;:\n]{1,60})",
                             re.IGNORECASE)


def named_month(sentence: str | None, published: str | None) -> Interval | None:
    """Return the month an undated report names in words the date reader left alone ("the October mission
    that killed X"): one month name, capitalised inside the sentence, without a day or a year, taken as
    the last such month by the publication day; None otherwise. "May" is left out (a verb, a name)."""
    pub = day_of(published)
    if not sentence or pub is None or _YEAR.search(sentence):
        return None
    numbers = month_numbers()
    found = {numbers[w.lower()] for w in _MONTH.findall(sentence) if w.lower() in MONTH_WORDS and w.lower() != "may"}
    if len(found) != 1:
        return None
    month = found.pop()
    year = pub.year if month <= pub.month else pub.year - 1
    return point_of(f"{year:04d}-{month:02d}")


def addressed(recipients) -> bool:
    """Return True when an event names to whom it was done (any recipient, an entity or a phrase)."""
    return any(ref and (ref.get("name") or "").strip() for ref in recipients or ())


def place_country(name: str | None) -> str | None:
    """Return the country code of an event's place when its name is a country or a capital, else None
    (a place the knowledge base cannot put in a country decides nothing)."""
    return kb.country_code(name) if name else None


@functools.lru_cache(maxsize=4096)
def _denial(name: str) -> re.Pattern:
    return re.compile(r"\bnot\s+(?:by\s+|from\s+|the\s+)*" + re.escape(name) + r"\b", re.IGNORECASE)


def denied(name: str | None, sentence: str) -> bool:
    """Return True when the sentence says the party is not the one ("smaller groups, not Hamas"): a
    party the text denies is no participant to match on. "not only X" adds X, it denies nothing."""
    if not name or "not" not in sentence:
        return False
    return bool(_denial(name.strip()).search(sentence))


def _offset(value) -> int | None:
    return value if isinstance(value, int) else None


def written_as_owner(ref: dict[str, Any], data: dict[str, Any]) -> bool:
    """Return True when a recipient is written as the owner of another person ("Kim Jong Un's estranged
    half-brother", "the general's bodyguards"; ``owned_people``): the act was done to that person, not to
    the name. An owner of a thing stays the one the act was aimed at ("hit Soleimani's vehicle"), and so
    does the owner of the act itself ("Soleimani's killing")."""
    span, sentence = ref.get("span") or {}, data.get("sentence") or {}
    end, start, text = _offset(span.get("end")), _offset(sentence.get("start")), sentence.get("text") or ""
    if end is None or start is None or not text:
        return False
    found = _OWNER.match(text[end - start:])
    if not found:
        return False
    following = re.findall(r"[\w-]+", text[end - start + found.end():])[:OWNER_GAP + 1]
    return any(word.lower() in _WORDS.owned_people for word in following)


def ordinals(sentence: str | None) -> frozenset[str]:
    """Return the ordinal words of a sentence that number an act: an ordinal right before a word of
    ``numbered_acts`` ("the first round", "a second day of strikes", "a second wave"); not "his second
    term", "the first in-person talks", "First Lady"."""
    if not sentence:
        return frozenset()
    return frozenset(m.group(1).lower() for m in _ORDINAL.finditer(sentence)
                     if m.group(1)[0].islower() and (m.group(2) or "").lower() in _WORDS.numbered_acts)


def factuality_class(factuality: str | None) -> str:
    return "happened" if factuality in HAPPENED or factuality is None else factuality


def _when(date: dict[str, Any] | None, published: str | None) -> tuple[Interval, bool] | None:
    """Return the interval of an event's date (its export dict), or the week before its article's
    publication when undated, with True for undated (None when neither is known).

    "now", "currently", "so far" resolve to the publication day but name a state of affairs, not the
    day something happened: they count as undated. An open range ("since 2015") stands for its start.
    """
    deictic = bool(date) and (date.get("text") or "").strip().lower() in PRESENT_STATE
    # the reporting window ("reported": on or before the publication) is no date of the act either
    reported = bool(date) and date.get("granularity") == "reported"
    when = None if deictic or reported else interval_of(date)
    if when is not None and str(date.get("note") or "").startswith("an open range"):
        # "has been detained since 2015": the act (the detention) began at the start of the range;
        # the rest of the range is the state it left, which any later act would overlap
        when = point_of((date.get("value") or {}).get("start")) or when
    if when is not None:
        return when, False
    pub = day_of(published)
    if pub is None:
        return None
    return Interval(pub - timedelta(days=UNDATED_WINDOW_DAYS), pub, "range"), True


@dataclass(slots=True)
class ClusterState:
    """What matching needs of a cluster: type, mode, anchor date and participants by role."""

    id: str
    type: str
    mode: str | None
    anchor: Interval
    undated: bool  # True while no report of the cluster gives a date
    actor: set[str] = field(default_factory=set)
    recipient: set[str] = field(default_factory=set)
    words: list[frozenset[str]] = field(default_factory=list)  # the content words of its reports' sentences
    articles: set[str] = field(default_factory=set)
    triggers: set[str] = field(default_factory=set)  # (article, trigger stem) of its reports
    countries: set[str] = field(default_factory=set)  # of the places its reports give
    dead: set[str] = field(default_factory=set)  # the named people its reports say were killed (once-only acts)
    struck: set[str] = field(default_factory=set)  # the named people its reports say were attacked
    weekdays: set[date] = field(default_factory=set)  # the days its reports give by a weekday name alone
    numbered: set[str] = field(default_factory=set)  # the ordinals its reports number the act by ("first")
    months: set[Interval] = field(default_factory=set)  # months its undated killings name ("the October mission")
    addressed: bool = False  # some report of it names to whom the act was done
    unaddressed: bool = False  # some report of it names no one

    def add(self, mode: str | None, when: Interval, undated: bool, roles: dict[str, set[str]],
            words: frozenset[str] = frozenset(), article: str | None = None, trigger: str | None = None,
            country: str | None = None) -> None:
        # Each rule is independent of the order reports arrive in, so a store loaded from disk holds
        # the same state as one built report by report (incremental runs decide as a rebuild would).
        self.mode = self.mode or mode  # a cluster holds at most one mode besides None
        if self.undated and not undated:
            self.anchor, self.undated = when, False
        elif not undated and _tighter(when, self.anchor):
            self.anchor = when  # the most precise date any report gives
        elif undated and self.undated:
            # undated reports narrow the window to what they all share, so it cannot creep
            lo, hi = max(self.anchor.lo, when.lo), min(self.anchor.hi, when.hi)
            self.anchor = Interval(lo, max(lo, hi), "range")
        self.actor |= roles.get("actor", set())
        self.recipient |= roles.get("recipient", set())
        if words and words not in self.words:
            self.words.append(words)
            if len(self.words) > MAX_WORDED:
                # keep the same ones whichever report came first: drop the last in a fixed order
                self.words.remove(max(self.words, key=sorted))
        if country:
            self.countries.add(country)
        if article:
            self.articles.add(article)
            if trigger:
                self.triggers.add((article, trigger))

    def absorb(self, other: ClusterState) -> None:
        """Take in what another cluster knows (it merged into this one)."""
        self.mode = self.mode or other.mode
        if self.undated and not other.undated or (not other.undated and _tighter(other.anchor, self.anchor)):
            self.anchor, self.undated = other.anchor, other.undated
        self.actor |= other.actor
        self.recipient |= other.recipient
        self.words = sorted(set(self.words) | set(other.words), key=sorted)[:MAX_WORDED]
        self.articles |= other.articles
        self.triggers |= other.triggers
        self.countries |= other.countries
        self.dead |= other.dead
        self.struck |= other.struck
        self.weekdays |= other.weekdays
        self.numbered |= other.numbered
        self.months |= other.months
        self.addressed |= other.addressed
        self.unaddressed |= other.unaddressed

    def wording(self, words: frozenset[str]) -> float:
        """Return how alike a report's sentence is worded to the closest of the cluster's reports."""
        return max((similarity(words, w) for w in self.words), default=0.0)




def _coarse_values(lo: date, hi: date) -> list[str]:
    """Return the stored values of the years and months that overlap ``lo``..``hi`` ("2014", "2014-05")."""
    out = [str(y) for y in range(lo.year, hi.year + 1)]
    y, m = lo.year, lo.month
    while (y, m) <= (hi.year, hi.month) and len(out) < 400:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _reachable(start: date, when: Interval) -> bool:
    """Whether a cluster anchored by a range starting on ``start`` is read for a report dated ``when``
    (``EventClusterer._load_window``): its start lies in the days read."""
    return when.lo - timedelta(days=timeframes.DAY_SLACK + 6) <= start <= when.hi + timedelta(days=timeframes.DAY_SLACK)


def _precise(when: Interval, undated: bool) -> bool:
    """Return True for a date that pins a moment: a day (or two) the text gives."""
    return not undated and when.width <= PRECISE_DAYS


def _tighter(a: Interval, b: Interval) -> bool:
    return (a.width, a.lo) < (b.width, b.lo)


@dataclass(slots=True)
class EventClusterer:
    """Clusters events against the clusters of the run's date window, held in memory.

    Stored and new reports are seen the same way (the sortable date column, participants with
    entity ids from ``event_entities``), so an incremental run decides as a rebuild would.
    Descriptions resolved to an entity ("the Russian president") widen only the new report's side.
    """

    entities: EntityLinker
    created: int = 0
    joined: int = 0
    events: int = 0
    merged: int = 0  # clusters merged into another because a report bridged them
    deaths: dict[str, set[str]] = field(default_factory=dict)  # a killed person -> clusters of the killing
    strikes: dict[str, set[str]] = field(default_factory=dict)  # an attacked person -> clusters of attacks on them
    clusters: dict[str, ClusterState] = field(default_factory=dict)
    by_key: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    stored: bool | None = None  # the store held clusters when the run began
    seen: set[str] = field(default_factory=set)  # clusters held (read from the store or made by the run)
    windows: set[tuple[str, date, date]] = field(default_factory=set)  # (type, from, to) already read
    days_read: set[tuple[str, date]] = field(default_factory=set)  # (type, day) read by ``_load_days``
    people_loaded: set[tuple[str, str | None]] = field(default_factory=set)
    _article_names: dict[str, list] = field(default_factory=dict)  # the entities of the article last asked about

    def _stored(self, conn: Connection) -> bool:
        """Whether the store held clustered reports when the run began (not on a rebuild or a new store):
        only then are clusters read from it."""
        if self.stored is None:
            t = schema.events
            self.stored = conn.execute(select(t.c.id).where(t.c.cluster_id.is_not(None)).limit(1)).first() is not None
        return self.stored

    def _load_window(self, conn: Connection, type_: str, when: Interval) -> None:
        """Hold every stored cluster of ``type_`` that a report dated ``when`` could join: those with a
        report dated in or around ``when`` (days and weeks by the (type, date) index; the months and years
        that overlap it by value) or, undated, published in the week after it. Indexed lookups: what a
        report costs does not grow with the store, and nothing is read at the start of a run."""
        if not self._stored(conn):
            return
        lo = when.lo - timedelta(days=timeframes.DAY_SLACK)
        hi = when.hi + timedelta(days=timeframes.DAY_SLACK)
        key = (type_, lo, hi)
        if key in self.windows:
            return
        self.windows.add(key)
        t, a = schema.events, schema.articles
        coarse = _coarse_values(lo, hi)
        day_lo = (lo - timedelta(days=6)).isoformat()  # a week is stored as its Monday
        # three look-ups, each on an index (an OR of them would scan every report of the type): days and
        # weeks by (type, date) range; months and years by (type, date) value; undated reports by the
        # articles published that week (publication index, then the article index; type checked here)
        found = set(conn.execute(select(t.c.cluster_id).where(
            t.c.type == type_, t.c.date >= day_lo, t.c.date <= hi.isoformat(), t.c.cluster_id.is_not(None))).scalars())
        found |= set(conn.execute(select(t.c.cluster_id).where(
            t.c.type == type_, t.c.date.in_(coarse), t.c.cluster_id.is_not(None))).scalars())
        articles = select(a.c.id).where(
            a.c.published >= lo.isoformat(), a.c.published <= (hi + timedelta(days=UNDATED_WINDOW_DAYS)).isoformat())
        found |= {c for c, kind in conn.execute(select(t.c.cluster_id, t.c.type).where(
            t.c.article_id.in_(articles), t.c.cluster_id.is_not(None))) if kind == type_}
        self._load_clusters(conn, found)

    def _load_days(self, conn: Connection, type_: str, days) -> None:
        """Hold the stored clusters of ``type_`` with a report dated on one of ``days`` (a week off: a
        weekday resolved to the wrong week), by the (type, date) index."""
        if not self._stored(conn):
            return
        wanted = [d.isoformat() for d in days if (type_, d) not in self.days_read]
        if not wanted:
            return
        self.days_read.update((type_, date.fromisoformat(d)) for d in wanted)
        t = schema.events
        self._load_clusters(conn, set(conn.execute(select(t.c.cluster_id).where(
            t.c.type == type_, t.c.date.in_(wanted), t.c.cluster_id.is_not(None))).scalars()))

    def _load_person(self, conn: Connection, canonical_id: str, type_: str | None) -> None:
        """Hold every stored cluster with a report of ``type_`` (any, for None) done to this entity (its
        killing, an attack on it, its annexation), whatever its date: a person is killed once."""
        if not self._stored(conn) or (canonical_id, type_) in self.people_loaded:
            return
        self.people_loaded.add((canonical_id, type_))
        group = self.entities.groups.get(canonical_id)
        members = list(group.members) if group is not None else [canonical_id]
        t, ee = schema.events, schema.event_entities
        query = (select(t.c.cluster_id).join(ee, ee.c.event_id == t.c.id)
                 .where(ee.c.entity_id.in_(members), ee.c.role == "recipient", t.c.cluster_id.is_not(None),
                        t.c.factuality.in_(HAPPENED)))
        if type_ is not None:
            query = query.where(t.c.type == type_)
        found = set(conn.execute(query).scalars())
        if type_ == "ASSAULT":
            # a killing whose victim is read from its sentence, not from its recipients ("X, who officials
            # allege was killed"; "X's death in a drone strike", ``_add_victim``): the reports of articles
            # that name the person in a sentence before its trigger (mentions by entity, then by article)
            m = schema.mentions
            found |= set(conn.execute(
                select(t.c.cluster_id).select_from(m.join(t, t.c.article_id == m.c.article_id))
                .where(m.c.entity_id.in_(members), t.c.type == "ASSAULT", t.c.cluster_id.is_not(None),
                       t.c.factuality.in_(HAPPENED),
                       m.c.start >= t.c.data[("sentence", "start")].as_integer(),
                       m.c.end <= t.c.data[("trigger", "start")].as_integer())
            ).scalars())
        self._load_clusters(conn, found)

    def _load_clusters(self, conn: Connection, cluster_ids: set[str]) -> None:
        """Read the stored clusters not held yet, every member report of each."""
        wanted = sorted(cluster_ids - self.seen)
        if not wanted:
            return
        self.seen.update(wanted)
        t, a, ee, en = schema.events, schema.articles, schema.event_entities, schema.entities
        for chunk in range(0, len(wanted), 500):
            ids = wanted[chunk:chunk + 500]
            rows = conn.execute(
                select(t.c.id, t.c.type, t.c.mode, t.c.factuality, t.c.data["date"].label("date"),
                       t.c.data[("sentence", "text")].as_string().label("sentence"),
                       t.c.data[("sentence", "start")].as_integer().label("sentence_start"),
                       t.c.data[("sentence", "end")].as_integer().label("sentence_end"),
                       t.c.data[("trigger", "text")].as_string().label("trigger"),
                       t.c.data[("trigger", "start")].as_integer().label("trigger_start"),
                       t.c.data[("location", "name")].as_string().label("place"),
                       t.c.data["actors"].label("actors"), t.c.data["recipients"].label("recipients"),
                       t.c.cluster_id, t.c.article_id, a.c.published)
                .join(a, a.c.id == t.c.article_id).where(t.c.cluster_id.in_(ids))
                .order_by(t.c.cluster_id, t.c.id)
            ).all()
            # what is no participant for a new report is none for a stored one either (``_roles``):
            # a party the sentence denies, one told in another sentence, an owner written as recipient
            denied_ids = {}
            for row in rows:
                data = {"type": row.type, "trigger": {"text": row.trigger, "start": row.trigger_start},
                        "sentence": {"text": row.sentence, "start": row.sentence_start, "end": row.sentence_end}}
                denied_ids[row.id] = {(role, ref.get("id")) for role, key in (("actor", "actors"), ("recipient", "recipients"))
                                      for ref in getattr(row, key) or () if ref and _no_party(ref, role, data)}
            roles: dict[str, dict[str, set[str]]] = {}
            for event_id, entity_id, canonical_id, role in conn.execute(
                select(ee.c.event_id, ee.c.entity_id, func.coalesce(en.c.canonical_id, ee.c.entity_id), ee.c.role)
                .join(t, t.c.id == ee.c.event_id).outerjoin(en, en.c.id == ee.c.entity_id)
                .where(t.c.cluster_id.in_(ids), ee.c.role.in_(ROLES))
            ):
                if (role, entity_id) not in denied_ids.get(event_id, ()):
                    roles.setdefault(event_id, {}).setdefault(role, set()).add(canonical_id)
            for row in rows:
                self._add_territories(conn, roles.setdefault(row.id, {}), row.article_id, row.trigger, row.recipients,
                                      row.sentence)
                self._add_victim(conn, roles[row.id], row.article_id, row.type, row.trigger, row.trigger_start,
                                 row.sentence, row.sentence_start)
                self._index(row.cluster_id, row.type, row.mode, row.factuality, row.date, row.published,
                            roles.get(row.id, {}), sentence_words(row.sentence), row.article_id, row.trigger,
                            place_country(row.place), row.sentence, row.recipients)

    def _index(self, cluster_id, type_, mode, factuality, date_, published, roles, words=frozenset(),
               article=None, trigger_text=None, country=None, sentence=None, recipients=None) -> None:
        self.seen.add(cluster_id)
        if factuality_class(factuality) != "happened":
            return
        trigger = act_stem(trigger_text)
        dead = self._killed(type_, trigger_text, roles, sentence)
        struck = self._struck(type_, trigger_text, roles) if not dead else set()
        found = _when(date_, published)
        if found is None and not dead and not struck:
            return
        state = self.clusters.get(cluster_id)
        if state is None:
            state = self.clusters[cluster_id] = ClusterState(cluster_id, type_, mode, *(found or (TIMELESS, True)))
        for person in dead:
            state.dead.add(person)
            self.deaths.setdefault(person, set()).add(cluster_id)
        month = named_month(sentence, published) if (dead or struck) and (found is None or found[1]) else None
        if month is not None:
            state.months.add(month)
        for person in struck:
            state.struck.add(person)
            self.strikes.setdefault(person, set()).add(cluster_id)
        if found is None:
            return  # a killing without any date is found by its victim only
        state.add(mode, *found, roles, words, article, trigger, country)
        weekday = weekday_day(date_)
        if weekday is not None:
            state.weekdays.add(weekday)
        state.numbered |= ordinals(sentence)
        if addressed(recipients):
            state.addressed = True
        else:
            state.unaddressed = True
        for cids in roles.values():
            for cid in cids:
                self.by_key.setdefault((type_, cid), set()).add(cluster_id)

    def link_article(self, conn: Connection, article_id: str, published: str | None) -> dict[str, Any]:
        """Put each not-yet-clustered event of the article in a cluster; return the clusters touched:
        cluster id -> the one member row when the cluster is new, else None."""
        self._stored(conn)  # asked before the run writes its first cluster
        self._article_names = {}  # read afresh: the article may have been ingested again since
        t = schema.events
        rows = conn.execute(
            select(t.c.id, t.c.article_id, t.c.type, t.c.mode, t.c.factuality, t.c.date, t.c.data)
            .where(t.c.article_id == article_id, t.c.cluster_id.is_(None))
            .order_by(t.c.position, t.c.id)
        ).all()
        touched: dict[str, Any] = {}
        placed: list[tuple[Any, str, dict[str, set[str]]]] = []
        for row in rows:
            self.events += 1
            found = self._find_cluster(conn, row, published)
            if not found:
                cluster_id = record_id("cluster", row.id)
                self.created += 1
                touched[cluster_id] = row
            else:
                cluster_id = self._merge(conn, found, touched) if len(found) > 1 else found[0]
                self.joined += 1
                touched[cluster_id] = None
            conn.execute(update(t).where(t.c.id == row.id).values(cluster_id=cluster_id))
            roles = self._roles(conn, row.data, with_descriptions=False)
            self._index(cluster_id, row.type, row.mode, row.factuality, row.data.get("date"), published, roles,
                        sentence_words((row.data.get("sentence") or {}).get("text")), row.article_id,
                        (row.data.get("trigger") or {}).get("text"),
                        place_country((row.data.get("location") or {}).get("name")),
                        (row.data.get("sentence") or {}).get("text"), row.data.get("recipients"))
            placed.append((row, cluster_id, roles))
        self._join_within_sentences(conn, placed, touched)
        self._join_told_killings(conn, article_id, placed, touched)
        return touched

    def _join_told_killings(self, conn: Connection, article_id: str, placed, touched: dict[str, Any]) -> None:
        """A killing the article reports done ("Soleimani was killed") is the killing its other reports
        name through the order, decision or operation that did it ("Trump's order to kill Soleimani", "the
        decision to assassinate", "denied ordering the killing of X"), which extraction codes as not having
        happened: those reports join the killing's cluster. Not when the sentence tells a plan, option,
        threat or condition (``plan_words``: "one option was a targeted assassination", "would kill X if"),
        on either side, nor when the report gives a date before the killing's."""
        def planned(row) -> bool:
            data = row.data
            sentence, trigger = data.get("sentence") or {}, data.get("trigger") or {}
            text, start, at = sentence.get("text") or "", _offset(sentence.get("start")), _offset(trigger.get("start"))
            before = text[:at - start] if start is not None and at is not None else text
            return bool(set(re.findall(r"[a-z]+", before.lower())) & _WORDS.plan_words)

        killings: dict[str, set[str]] = {}
        told = []
        for row, _, roles in placed:
            trigger = (row.data.get("trigger") or {}).get("text")
            if not kills(row.type, trigger, (row.data.get("sentence") or {}).get("text")):
                continue
            happened = factuality_class(row.factuality) == "happened"
            if not happened and (row.factuality in ("future", "hypothetical")
                                 or (row.factuality == "negated" and (trigger or "").lower().endswith(("ing", "tion")))):
                told.append((row, roles))
            elif happened and not planned(row):
                for person in self._killed(row.type, trigger, roles, (row.data.get("sentence") or {}).get("text")):
                    killings.setdefault(person, set()).add(row.id)
        if not told or not killings:
            return
        t = schema.events
        current = dict(conn.execute(select(t.c.id, t.c.cluster_id).where(t.c.article_id == article_id)).all())
        for row, roles in told:
            people = {c for c in roles.get("recipient", ()) if self._type(c) == "PERSON"} & set(killings)
            targets = {current[e] for person in people for e in killings[person]}
            if len(targets) != 1 or planned(row):
                continue
            target, alone = next(iter(targets)), current[row.id]
            state = self.clusters.get(target)
            when = interval_of(row.data.get("date"))
            if state is not None and when is not None and not state.undated \
                    and when.hi < state.anchor.lo - timedelta(days=timeframes.DAY_SLACK):
                continue  # dated before the killing: a plan, not the order that did it
            if alone == target:
                continue
            conn.execute(update(t).where(t.c.id == row.id).values(cluster_id=target))
            if touched.get(alone) is not None:
                del touched[alone]  # the singleton made for it: never written
            touched[target] = None
            current[row.id] = target
            self.joined += 1
            self.created -= 1

    def _join_within_sentences(self, conn: Connection, placed, touched: dict[str, Any]) -> None:
        """Two ASSAULT reports of one sentence that tell one act (``_one_act``: "the U.S. killed Soleimani in
        a strike", "the strike that killed X", "was shot and killed"), in the same mode where both give one:
        their clusters are one (merged, as a bridging report merges them), where their dates and places agree."""
        current = {row.id: cluster_id for row, cluster_id, _ in placed}
        by_sentence: dict[tuple[int, str], list] = {}
        for row, _, roles in placed:
            start = (row.data.get("sentence") or {}).get("start")
            if start is not None and factuality_class(row.factuality) == "happened":
                by_sentence.setdefault((start, row.type), []).append((row, roles))
        for group in by_sentence.values():
            for small, small_roles in group:
                for big, big_roles in group:
                    if big is small or (small.mode and big.mode and small.mode != big.mode):
                        continue
                    how = self._one_act(small, small_roles, big, big_roles)
                    if not how:
                        continue
                    places = {place_country((r.data.get("location") or {}).get("name")) for r in (small, big)}
                    if len(places - {None}) > 1 and how != "named":
                        # "bombed ISIS in Iraq and struck in Syria": two places, two acts; but where the
                        # sentence names the act as what killed ("the killing of X in a U.S. airstrike in
                        # Baghdad"), a place read from "U.S." is no second place
                        continue
                    dates = [interval_of(r.data.get("date")) for r in (small, big)]
                    if all(dates) and not timeframes.compatible(dates[0], dates[1]):
                        continue  # "struck on 3 March, as it had first in 2015": two dates, two acts
                    ids = sorted({current[small.id], current[big.id]})
                    if len(ids) < 2:
                        continue
                    moved = False
                    for one, other in ((small, big), (big, small)):
                        alone = current[one.id]
                        if alone not in self.clusters and current[other.id] in self.clusters \
                                and touched.get(alone) is not None:
                            # a report with no date and no publication date is held by no cluster state:
                            # the singleton made for it here moves into the other's cluster
                            conn.execute(update(schema.events).where(schema.events.c.cluster_id == alone)
                                         .values(cluster_id=current[other.id]))
                            del touched[alone]
                            touched[current[other.id]] = None
                            current[one.id] = current[other.id]
                            moved = True
                            break
                    if moved:
                        continue
                    if not all(c in self.clusters for c in ids):
                        continue
                    keep = self._merge(conn, ids, touched)
                    touched[keep] = None
                    for event_id, cluster_id in current.items():
                        if cluster_id in ids:
                            current[event_id] = keep

    def _one_act(self, small, small_roles: dict[str, set[str]], big, big_roles: dict[str, set[str]]) -> str:
        """Whether two ASSAULT reports of one sentence tell one act. Read by hand, two verbs of one sentence
        ("banned ... and outlawed", "thanked ... and praised") are mostly two acts; these are one:
        - an armed act named by a noun ("strike", "raid"), aimed at no one in its own right, and the act of
          its actor or the killing it is said to have done ("the U.S. killed Soleimani in a strike");
        - the armed act a killing is told of right after ("the strike that killed X"), even where it names
          whom else it hit ("Muhandis died in the same strike that killed Soleimani");
        - a wound made fatal by the killing that follows it ("was shot and killed"), where the killing
          names no one of its own; a wound of the person the sentence says was killed ("X was killed,
          saying he was immediately strangled").
        Return "named" where the killing's words name the armed act as what killed, "same" for the act of
        the same actor, "" when they are two acts."""
        if small.type != "ASSAULT" or big.type != "ASSAULT":
            return ""
        trigger = ((small.data.get("trigger") or {}).get("text") or "").strip().lower()
        if trigger in STRIKE_WORDS:
            if self._told_right_before(small, big, r"\s+(?:that|which)\s+(?:\w+\s+){0,2}") \
                    and self._killed(big.type, (big.data.get("trigger") or {}).get("text"), big_roles,
                                     (big.data.get("sentence") or {}).get("text")):
                return "named"  # "the strike that killed X"
            if self._killed_by(big, big_roles, trigger):
                return "named"  # "X was killed in a shootout with police": whomever else it names
            if small_roles.get("recipient"):
                return ""
            actors = small_roles.get("actor", set())
            return "same" if actors and actors <= big_roles.get("actor", set()) else ""
        wound = ((big.data.get("trigger") or {}).get("text") or "").strip().lower()
        if wound in _WORDS.killing_wounds and small_roles.get("recipient") \
                and self._killed(small.type, trigger, small_roles, (small.data.get("sentence") or {}).get("text")) \
                & big_roles.get("recipient", set()):
            return "same"  # "how Khashoggi was killed, saying he was immediately strangled": the killing's manner
        fatal = wound in _WORDS.killing_wounds and not small_roles.get("recipient") and bool(big_roles.get("recipient")) \
            and kills(small.type, trigger, (small.data.get("sentence") or {}).get("text")) \
            and self._told_right_before(big, small, r"\s+(?:[\w-]+\s+){0,2}?and\s+")
        return "same" if fatal else ""

    @staticmethod
    def _told_right_before(first, second, between: str) -> bool:
        """Whether the trigger of ``first`` comes right before that of ``second``, with ``between`` (a
        pattern) between them in the text of their sentence."""
        sentence = (first.data.get("sentence") or {})
        one, two = first.data.get("trigger") or {}, second.data.get("trigger") or {}
        start, text = _offset(sentence.get("start")), sentence.get("text") or ""
        if start is None or _offset(one.get("end")) is None or _offset(two.get("start")) is None:
            return False
        gap = text[one["end"] - start:two["start"] - start]
        return one["end"] <= two["start"] and re.fullmatch(between, gap, re.IGNORECASE) is not None

    def _killed_by(self, killing, roles: dict[str, set[str]], weapon: str) -> bool:
        """Whether a killing of a named person names the armed act ``weapon`` of its sentence as what
        killed: as its actor ("the strike that killed X", "Trump ordered the attack that killed X": the
        killing's actor is written "the strike", the strike's is Trump) or, with no party named as its
        actor, in the words around it ("the attack that killed X", "the killing of X in a U.S. airstrike")."""
        data = killing.data
        if not self._killed(killing.type, (data.get("trigger") or {}).get("text"), roles,
                            (data.get("sentence") or {}).get("text")):
            return False
        written = [(ref.get("name") or "").lower() for ref in data.get("actors") or () if ref]
        if any(re.search(rf"\b{re.escape(weapon)}\b", name) for name in written):
            return True
        if roles.get("actor"):
            return False
        sentence = (data.get("sentence") or {}).get("text") or ""
        said = (data.get("trigger") or {}).get("text") or ""
        if not said or said not in sentence:
            return False
        at = sentence.find(said)
        # "the strike that killed X", "the attack which had killed X": the act is the subject of the killing
        if re.search(rf"\b{re.escape(weapon)}\s+(?:that|which)\s+(?:\w+\s+){{0,2}}$", sentence[:at], re.IGNORECASE):
            return True
        return bool(re.search(rf"\b(?:in|by)\s+(?:a|an|the)\s+(?:[\w.'’-]+\s+){{0,3}}{re.escape(weapon)}\b",
                              sentence[at + len(said):], re.IGNORECASE))

    def _merge(self, conn: Connection, cluster_ids: list[str], touched: dict[str, Any]) -> str:
        """Merge clusters a report bridges into the one with the smallest id; return that id."""
        keep, *others = sorted(cluster_ids)
        t = schema.events
        state = self.clusters[keep]
        for other in others:
            gone = self.clusters.pop(other)
            state.absorb(gone)
            for index, people in ((self.deaths, gone.dead), (self.strikes, gone.struck)):
                for person in people:
                    index[person].discard(other)
                    index[person].add(keep)
            for cid in gone.actor | gone.recipient:
                ids = self.by_key.get((gone.type, cid))
                if ids is not None and other in ids:
                    ids.discard(other)
                    ids.add(keep)
            conn.execute(update(t).where(t.c.cluster_id == other).values(cluster_id=keep))
            touched[other] = None  # refresh finds it empty and deletes its record
            self.merged += 1
        return keep

    def _roles(self, conn: Connection, data: dict[str, Any], *, with_descriptions: bool = True) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for role, key in (("actor", "actors"), ("recipient", "recipients")):
            for ref in data.get(key) or ():
                if not ref or _no_party(ref, role, data):
                    continue
                cid = None
                if ref.get("id"):
                    cid = self.entities.canonical(ref["id"])
                elif with_descriptions and ref.get("name") and is_description(ref["name"]):
                    cid = self.entities.resolve_description(conn, data["article"], ref["name"])
                if cid:
                    out.setdefault(role, set()).add(cid)
        self._add_territories(conn, out, data.get("article"), (data.get("trigger") or {}).get("text"),
                              data.get("recipients"), (data.get("sentence") or {}).get("text"))
        trigger, said = data.get("trigger") or {}, data.get("sentence") or {}
        self._add_victim(conn, out, data.get("article"), data.get("type"), trigger.get("text"), trigger.get("start"),
                         said.get("text"), said.get("start"))
        return out

    def _add_territories(self, conn: Connection, roles: dict[str, set[str]], article_id: str | None,
                         trigger_text: str | None, recipients, sentence: str | None = None) -> None:
        """Give an annexation whose recipient is written as a phrase around a name ("Ukraine's Crimea
        region", "the Ukrainian peninsula of Crimea") that territory as recipient: the article's entity
        whose name the phrase holds, not as an owner ("Ukraine's"), the longest such name; where
        extraction took the owner for the recipient, the owner is dropped. One written as a bare territory
        noun ("annexes the region from Ukraine") is the one territory its sentence names, none of its
        actors ("starting with Crimea, Russia ... annexes the region": Crimea)."""
        stem = trigger_stem(trigger_text)
        if not article_id or not stem or not stem.startswith(ANNEXING):
            return
        for ref in recipients or ():
            written = ((ref or {}).get("span") or {}).get("text") or (ref or {}).get("name")
            if not written:
                continue
            cid = self._territory(conn, article_id, written)
            if not cid and sentence and _TERRITORY_NOUN.fullmatch(written.strip()):
                named = {self.entities.canonical(entity_id)
                         for _, entity_id in self._territories_in(conn, article_id, sentence, re.NOFLAG)}
                named -= roles.get("actor", set())
                cid = next(iter(named)) if len(named) == 1 else None
            if not cid:
                continue
            own = self.entities.canonical(ref["id"]) if ref.get("id") else None
            if own and own != cid:
                # the phrase's owner read as what was annexed ("Ukraine's Crimea region" as Ukraine)
                roles.get("recipient", set()).discard(own)
            roles.setdefault("recipient", set()).add(cid)

    def _add_victim(self, conn: Connection, roles: dict[str, set[str]], article_id: str | None, type_: str | None,
                    trigger_text: str | None, trigger_start, sentence: str | None, sentence_start) -> None:
        """Give a killing told in the passive whose recipient names no person ("Mr. Khashoggi, who Turkish
        authorities allege was killed", read with the relative clause as recipient; "evidence proving Mr
        Khashoggi, who wrote for the Post, was murdered", with "evidence") the person it was done to: the
        last person the sentence names before the passive, right before it or with a clause about them
        ("X, who ...") in between. "Smith said the man was killed" gives Smith nothing. Likewise a strike
        aimed at no one whose sentence says it was someone's death ("Soleimani's death last week in an
        American drone strike", "the death of X in a strike") is aimed at that person, and so is one aimed at
        no person whose sentence says it left someone dead ("the attack left X and three others dead", "the
        attack on the consulate, resulting in the death of X")."""
        if not article_id or not sentence or not isinstance(trigger_start, int) or not isinstance(sentence_start, int) \
                or type_ != "ASSAULT" or any(self._type(c) == "PERSON" for c in roles.get("recipient", ())):
            return
        before = sentence[:max(0, trigger_start - sentence_start)]
        if (trigger_text or "").strip().lower() in STRIKE_WORDS:
            if not roles.get("recipient") and self._death_before(conn, roles, article_id, sentence, sentence_start,
                                                                 before):
                return
            # "the Benghazi attack left X and three other Americans dead", "the attack on the consulate,
            # resulting in the death of X": the act is aimed at the one its sentence says it left dead
            after = trigger_start - sentence_start + len(trigger_text or "")
            said = _LEFT_DEAD.match(sentence, after) or _DEATH_RESULTED.match(sentence, after)
            if said is not None:
                named = self._names_in(conn, article_id, sentence_start + said.start("who"),
                                       sentence_start + said.end("who"))
                for entity_id, _, _ in reversed(named):  # the first named
                    cid = self.entities.canonical(entity_id)
                    if self._type(cid) == "PERSON":
                        roles.setdefault("recipient", set()).add(cid)
                        return
            return
        if not kills(type_, trigger_text, sentence):
            return
        passive = _PASSIVE.search(before)
        if passive is None:
            return
        for entity_id, _, end in self._names_in(conn, article_id, sentence_start, sentence_start + passive.start()):
            cid = self.entities.canonical(entity_id)
            if self._type(cid) != "PERSON":
                continue
            if _ABOUT_THE_SUBJECT.fullmatch(sentence[end - sentence_start:passive.start()]):
                roles.setdefault("recipient", set()).add(cid)
            return

    def _death_before(self, conn: Connection, roles: dict[str, set[str]], article_id: str, sentence: str,
                      sentence_start: int, before: str) -> bool:
        """Give a strike aimed at no one the person whose death the sentence says it was ("Soleimani's death
        last week in an American drone strike", "the death of X in a strike"); whether it did."""
        way = _DIED_IN.search(before)
        if way is None:
            return False
        for entity_id, start, end in self._names_in(conn, article_id, sentence_start, sentence_start + way.start()):
            cid = self.entities.canonical(entity_id)
            if self._type(cid) == "PERSON" and (
                    _DEATH_AFTER.match(sentence[end - sentence_start:way.start()])
                    or _DEATH_BEFORE.search(sentence[:start - sentence_start])):
                roles.setdefault("recipient", set()).add(cid)
                return True
        return False

    @staticmethod
    def _names_in(conn: Connection, article_id: str, start: int, end: int) -> list:
        """The entity mentions of an article between two offsets, the last first (one indexed look-up)."""
        m = schema.mentions
        return conn.execute(
            select(m.c.entity_id, m.c.start, m.c.end)
            .where(m.c.article_id == article_id, m.c.start >= start, m.c.end <= end)
            .order_by(m.c.end.desc(), m.c.start, m.c.entity_id)
        ).all()

    def _territories_in(self, conn: Connection, article_id: str, text: str, flags=re.IGNORECASE) -> list:
        """Return (length of the name, entity id) of the article's entities that can be a territory (no
        person, no people) named in ``text``, not as an owner ("Ukraine's Crimea region") nor as the state a
        territory was taken from ("Crimea from Ukraine"); the article's names are read once per article."""
        names = self._article_names.get(article_id)
        if names is None:
            t, m = schema.entities, schema.mentions
            names = conn.execute(
                select(t.c.id, t.c.name, t.c.type)
                .where(t.c.id.in_(select(m.c.entity_id).where(m.c.article_id == article_id)))
                .order_by(t.c.id)
            ).all()
            self._article_names = {article_id: names}  # one article at a time
        return [(len(name), entity_id) for entity_id, name, type_ in names
                if type_ not in ("PERSON", "NORP")
                and re.search(rf"(?<!from )\b{re.escape(name)}\b(?![’']s)", text, flags)]

    def _territory(self, conn: Connection, article_id: str, phrase: str) -> str | None:
        """The territory a recipient phrase names: the longest name of ``_territories_in``, or None."""
        found = self._territories_in(conn, article_id, phrase)
        return self.entities.canonical(max(found)[1]) if found else None

    def _killed(self, type_: str, trigger_text: str | None, roles: dict[str, set[str]],
                sentence: str | None = None) -> set[str]:
        """Return the keys of the acts a report tells that can happen only once: the named people it
        says were killed (recipients of an ASSAULT that kills, ``kills``), the territories it says were
        annexed ("annex:" and the territory); else an empty set."""
        trigger = trigger_stem(trigger_text)
        if not trigger:
            return set()
        if kills(type_, trigger_text, sentence):
            return {c for c in roles.get("recipient", ()) if self._type(c) == "PERSON"}
        if trigger.startswith(ANNEXING):
            # whatever it is typed (the small model types "Crimea" ORG as often as GPE), what is annexed is
            # a territory, never a person; the canonical row's type never changes, so neither does this
            return {f"annex:{c}" for c in roles.get("recipient", ()) if self._type(c) not in (None, "PERSON")}
        return set()

    def _consistent(self, cluster_ids: list[str]) -> list[str]:
        """Return the clusters a report of a once-only act may bridge. Where some are dated: the dated ones
        less than two years before the latest of them (reports of one act with a date read wrong),
        and those undated whose reports were published by the earliest of those. A person is killed once: a
        report without a date that agrees with both a rumour of his death in 2014 and his killing in 2019 is
        the later one (what was reported last), and never makes them one."""
        def when(c: str) -> Interval | None:
            state = self.clusters[c]
            if not state.undated:
                return state.anchor
            # undated reports that name their month in words ("the October mission") are dated by it here
            return max(state.months, key=lambda m: (m.lo, m.hi)) if state.months else None

        dated = sorted((when(c).lo, c) for c in cluster_ids if when(c) is not None)
        if not dated:
            return cluster_ids
        latest = when(dated[-1][1])
        near = {c for _, c in dated if timeframes.distance(when(c), latest) <= ONCE_APART_DAYS}
        first = min(when(c).lo for c in near) - timedelta(days=timeframes.DAY_SLACK)
        return [c for c in cluster_ids
                if (c in near if when(c) is not None else self.clusters[c].anchor.hi >= first)]

    def _struck(self, type_: str, trigger_text: str | None, roles: dict[str, set[str]]) -> set[str]:
        """Return the named people an ASSAULT that does not say it killed was aimed at ("the strike on
        Soleimani"): where such a person was killed, the attack on them is the killing."""
        if type_ != "ASSAULT" or (trigger_text or "").strip().lower() not in STRIKE_WORDS:
            return set()
        return {c for c in roles.get("recipient", ()) if self._type(c) == "PERSON"}

    def _other_counterpart(self, roles: dict[str, set[str]], state: ClusterState, shared: set[str]) -> bool:
        """Whether both sides name, beside the one participant they share, a different named party
        (a person or organisation) that the other side lacks."""
        mine = {c for r in ROLES for c in roles.get(r, ())} - shared
        theirs = (state.actor | state.recipient) - shared
        named = lambda ids: {c for c in ids if self._type(c) in ("PERSON", "ORG")}
        return bool(named(mine) - theirs) and bool(named(theirs) - mine)

    def _type(self, cid: str) -> str | None:
        return self.entities.type(cid)

    def _weak(self, cid: str) -> bool:
        return self._type(cid) in WEAK_TYPES

    def _find_cluster(self, conn: Connection, row, published) -> list[str]:
        """Return the clusters the report belongs to: none, one, or several that it bridges (all of
        them compatible with it and with each other on a date that pins a moment)."""
        if factuality_class(row.factuality) != "happened":
            return []
        roles = self._roles(conn, row.data)
        found = _when(row.data.get("date"), published)
        dead = self._killed(row.type, (row.data.get("trigger") or {}).get("text"), roles,
                            (row.data.get("sentence") or {}).get("text"))
        month = named_month((row.data.get("sentence") or {}).get("text"), published) \
            if found is None or found[1] else None

        def agree(c: str) -> bool:
            state = self.clusters[c]
            # a month the undated side names in words ("the October mission that killed X") is its date
            if month is not None and not state.undated and not timeframes.compatible(month, state.anchor):
                return False
            if found is not None and not found[1] and state.undated and state.months \
                    and not any(timeframes.compatible(found[0], m) for m in state.months):
                return False
            if found is None or state.anchor == TIMELESS:
                return True
            if found[1] and state.undated:
                # two undated sides: published the same week; else they meet only through a dated report,
                # which tells a killing from a rumour of it years before
                return timeframes.compatible(found[0], state.anchor)
            if found[1] or state.undated:
                # undated on one side: no date to compare, but a report published before the other side's
                # date cannot report that act (a rumoured killing years before the killing)
                undated, dated = (found[0], state.anchor) if found[1] else (state.anchor, found[0])
                return undated.hi >= dated.lo - timedelta(days=timeframes.DAY_SLACK)
            # dated on both sides: an act done once, dated less than two years apart, is one act with a date
            # read wrong ("in March" read as the March to come); further apart, a rumour and the act
            return timeframes.distance(found[0], state.anchor) <= ONCE_APART_DAYS

        struck = self._struck(row.type, (row.data.get("trigger") or {}).get("text"), roles) if not dead else set()
        for person in sorted(dead | struck):
            self._load_person(conn, person.removeprefix("annex:"), None if person.startswith("annex:") else "ASSAULT")
        if dead:
            # every report of a named person's killing is one event: its clusters, where their dates
            # agree with this report's, are one (several when reports met before this one bridged them),
            # with the clusters of attacks on that person ("the strike on X") whose dates agree
            killings = self._consistent(sorted({c for person in dead
                                                for c in self.deaths.get(person, set()) | self.strikes.get(person, set())
                                                if agree(c)}))
            if killings:
                return killings
        if struck:
            # an attack on a named person who was killed, dated alike or undated, is the killing
            killings = self._consistent(sorted({c for person in struck for c in self.deaths.get(person, ()) if agree(c)}))
            if killings:
                return killings
        if not roles or found is None:
            return []
        when, undated = found
        verbal = row.type in VERBAL_TYPES
        if verbal and (undated or when.width > VERBAL_DATE_DAYS):
            # the same two parties criticise, ask, meet and thank each other week after week: an
            # undated or year-wide "Republicans criticized Obama" pins none of those acts
            return []
        words = sentence_words((row.data.get("sentence") or {}).get("text"))
        numbered = ordinals((row.data.get("sentence") or {}).get("text"))
        my_weekday = weekday_day(row.data.get("date"))
        mine_addressed = addressed(row.data.get("recipients"))
        country = place_country((row.data.get("location") or {}).get("name"))
        self._load_window(conn, row.type, when)
        if not undated and when.exact_day:
            self._load_days(conn, row.type, (when.lo - timedelta(days=WEEK_OFF), when.lo + timedelta(days=WEEK_OFF)))
        candidates = set()
        for cids in roles.values():
            for cid in cids:
                candidates |= self.by_key.get((row.type, cid), set())
        scored = []
        for cluster_id in candidates:
            state = self.clusters[cluster_id]
            if state.mode and row.mode and state.mode != row.mode:
                continue
            if country and state.countries and country not in state.countries:
                continue  # a strike in Syria and a strike in Iraq are two strikes
            if numbered and state.numbered and not numbered & state.numbered:
                continue  # "the first round of strikes" and "a second day of airstrikes" are two acts
            worded = state.wording(words)
            retold = (row.article_id, act_stem((row.data.get("trigger") or {}).get("text"))) in state.triggers
            if undated and state.undated and not retold:
                # two undated reports share a week at most: that ties no act to another, except in
                # one article, which tells its story again with the same verb (headline and body)
                continue
            if verbal and (state.undated or state.anchor.width > VERBAL_DATE_DAYS):
                continue
            # a weekday resolved to the wrong week ("Monday": the last one, where the next was meant)
            week_off = not timeframes.compatible(when, state.anchor) and not undated and not state.undated \
                and when.exact_day and state.anchor.exact_day and abs((when.lo - state.anchor.lo).days) == WEEK_OFF \
                and (my_weekday is not None or state.anchor.lo in state.weekdays)
            if not timeframes.compatible(when, state.anchor) and not week_off:
                continue
            if not state.undated and state.anchor.granularity == "range" and not _reachable(state.anchor.lo, when):
                continue  # a range that begins before the report's window is not read from the store either
            shared = (roles.get("actor", set()) & state.actor) | (roles.get("recipient", set()) & state.recipient)
            if not shared:
                continue
            strong = {c for c in shared if not self._weak(c)}
            if len(shared) < 2 and self._other_counterpart(roles, state, shared):
                continue  # "Trump met Li" and "Trump met Xi" on one day: one party in common, two meetings
            mine_to = roles.get("recipient", set())
            if mine_to and state.recipient and not mine_to & state.recipient and worded < WORDED:
                # both name whom the act was done to, and not the same party, in other words: a missile
                # strike on bases and the shooting-down of an airliner the same night are two acts
                continue
            gap = timeframes.distance(when, state.anchor)
            same_day = when.exact_day and state.anchor.exact_day and not undated and not state.undated \
                and gap == 0
            # One participant in common, or only countries and peoples, need the very same day.
            if (not strong or len(shared) < 2) and _precise(when, undated) \
                    and _precise(state.anchor, state.undated) and not same_day:
                continue
            if not strong and not same_day:
                continue
            if (state.mode or None) != (row.mode or None) and (not same_day or row.type in MODE_IS_THE_ACT):
                continue  # a report that names no mode ("talks") meets one that does ("a call") on one day only
            closest = max(state.words, key=lambda w: similarity(words, w), default=frozenset())
            # one word in common says little unless the sentences are short and say little else
            said_alike = worded >= WORDED and (len(words & closest) >= MIN_WORDS_SHARED or worded >= ONE_WORD)
            if week_off and not (len(strong) >= 2 and said_alike):
                continue  # a week apart is one act only for the same two named parties in the same words
            if verbal and len(shared) < 2 and not said_alike and not retold \
                    and not (state.addressed if mine_addressed else state.unaddressed):
                # one speaker on one day, and only one side says to whom ("Obama insisted" and "Obama asked
                # Congress" in one address; "Trump defended his decision" and "Trump supports the plan"):
                # two statements unless worded alike
                continue
            scored.append(((len(strong), len(shared), said_alike or retold, -gap), cluster_id, shared, state,
                           said_alike, retold))
        if not scored:
            return []
        scored.sort(key=lambda x: (x[0], tuple(-ord(c) for c in x[1])), reverse=True)
        top, cluster_id, shared, state, said_alike, retold = scored[0]
        if not (_precise(when, undated) and _precise(state.anchor, state.undated)):
            # An undated or coarse report ("last February", "this year") pins no moment: it needs two
            # participants in common; or one named person or organisation in common and the same words
            # (wording.py); or a named person it happened to that no other compatible cluster shares
            # (acts done to one person are few; acts by a leader are many).
            if len(shared) < 2:
                named = {c for c in shared if self._type(c) in ("PERSON", "ORG")}
                people = {c for c in shared & roles.get("recipient", set()) & state.recipient
                          if self._type(c) == "PERSON"}
                dated = state.anchor if undated else when
                by_words = bool(named) and (said_alike and not (undated and state.undated) or retold)
                by_person = not (row.type not in DONE_TO_A_PERSON or not people or (undated and state.undated)
                                 or dated.width > PERSON_DATE_DAYS or row.mode != state.mode
                                 or any(people & s[2] for s in scored[1:]))
                if not (by_words or by_person):
                    return []
            if len(scored) > 1 and scored[1][0] == top:
                return []  # two equally good clusters: ambiguous
            return [cluster_id]
        # A report that pins a moment and fits several clusters that pin the same moment bridges them:
        # they were one event whose reports had not met (each named a party the other lacked).
        bridged = [cluster_id] + [
            s[1] for s in scored[1:]
            if _precise(s[3].anchor, s[3].undated) and timeframes.distance(s[3].anchor, state.anchor) == 0
            and len(s[2]) >= 2 and (s[3].mode or None) == (state.mode or None)
        ]
        return bridged

    # -- the cluster records ------------------------------------------------------------------

    def refresh(self, conn: Connection, touched: dict[str, Any]) -> None:
        """Write the cluster record of each touched cluster: new singletons from their one row, in one
        statement; clusters that gained a report from all their members."""
        t, c = schema.events, schema.clusters
        fresh = []
        for cluster_id in sorted(touched):
            single = touched[cluster_id]
            if single is not None:
                record = self.cluster_record(cluster_id, [single])
                fresh.append({"id": cluster_id, "type": record.type, "date": _sortable(record.date),
                              "data": record.to_dict()})
                continue
            members = conn.execute(
                select(t.c.id, t.c.article_id, t.c.date, t.c.data)
                .where(t.c.cluster_id == cluster_id)
                .order_by(t.c.date.is_(None), t.c.date, t.c.article_id, t.c.position, t.c.id)
            ).all()
            if not members:
                conn.execute(delete(c).where(c.c.id == cluster_id))
                continue
            record = self.cluster_record(cluster_id, members)
            values = {"type": record.type, "date": _sortable(record.date), "data": record.to_dict()}
            if conn.execute(select(c.c.id).where(c.c.id == cluster_id)).first():
                conn.execute(update(c).where(c.c.id == cluster_id).values(**values))
            else:
                conn.execute(c.insert().values(id=cluster_id, **values))
        if fresh:
            conn.execute(c.insert(), fresh)

    def cluster_record(self, cluster_id: str, members) -> Cluster:
        """Return the Cluster of member event rows: most precise date, canonical actors and recipients."""
        first = members[0].data
        dates = [(interval_of(m.data.get("date")), m.data.get("date")) for m in members]
        dated = [(i, d) for i, d in dates if i is not None]
        date_value = None
        if dated:
            counts = Counter(i for i, _ in dated)
            best = max(dated, key=lambda x: (timeframes.precision(x[0]), counts[x[0]], -x[0].lo.toordinal()))
            date_value = _date_value(best[1])
        actors = self._refs(m.data.get("actors") for m in members)
        recipients = self._refs(m.data.get("recipients") for m in members)
        articles = {m.article_id for m in members}
        shared = list(dict.fromkeys(r.name for r in actors + recipients))[:4]
        why = (f"{len(members)} report(s) in {len(articles)} article(s): {first['type']}"
               f"{'/' + first['mode'] if first.get('mode') else ''}, compatible dates, "
               f"participants {', '.join(shared) if shared else 'none named'}")
        return Cluster(
            id=cluster_id, type=first["type"], date=date_value, actors=tuple(actors),
            events=tuple(m.id for m in members), recipients=tuple(recipients), why=why,
        )

    def _refs(self, ref_lists) -> list[EntityRef]:
        """The canonical entities of the members' refs, most often named first; when the reports name
        no entity in this role, the parties as written ("the Israeli military"), with id None."""
        counts: Counter = Counter()
        names: dict[str, str] = {}
        written: Counter = Counter()
        as_written: dict[str, str] = {}
        for refs in ref_lists:
            for ref in refs or ():
                if not ref:
                    continue
                if not ref.get("id"):
                    name = (ref.get("name") or "").strip()
                    key = name.lower()
                    if name and key not in ALL_PRONOUNS:
                        written[key] += 1
                        as_written.setdefault(key, name)
                    continue
                cid = self.entities.canonical(ref["id"])
                counts[cid] += 1
                group = self.entities.groups.get(cid)
                names.setdefault(cid, group.best_name() if group else ref["name"])
        if not counts:
            return [EntityRef(None, as_written[k]) for k, _ in sorted(written.items(), key=lambda x: (-x[1], x[0]))[:3]]
        return [EntityRef(cid, names[cid]) for cid, _ in sorted(counts.items(), key=lambda x: (-x[1], names[x[0]]))]


def _date_value(data: dict[str, Any]) -> DateValue:
    value = data.get("value")
    if isinstance(value, dict):
        return DateValue(None, data.get("granularity", "day"), data.get("text", ""),
                         start=value.get("start"), end=value.get("end"), kind="range")
    return DateValue(value, data.get("granularity", "day"), data.get("text", ""))


def _sortable(value: DateValue | None) -> str | None:
    if value is None:
        return None
    raw = value.start if value.start is not None else value.value
    interval = point_of(raw)
    if interval is None:
        return None
    return raw if interval.granularity != "week" else interval.lo.isoformat()


def clear(conn: Connection) -> None:
    """Forget every cluster: the events stay, unclustered."""
    conn.execute(delete(schema.clusters))
    conn.execute(update(schema.events).where(schema.events.c.cluster_id.is_not(None)).values(cluster_id=None))


def _no_party(ref: dict[str, Any], role: str, data: dict[str, Any]) -> bool:
    """Whether a party of a report is none to match on: denied by its sentence ("not Hamas"), read from
    another sentence, or, as whom an attack was done to, written as the owner of another noun ("Kim Jong
    Un's half-brother")."""
    sentence = (data.get("sentence") or {}).get("text") or ""
    return denied(ref.get("name"), sentence) or _told_elsewhere(ref, data) \
        or (role == "recipient" and data.get("type") == "ASSAULT" and written_as_owner(ref, data))


def _told_elsewhere(ref: dict[str, Any], data: dict[str, Any]) -> bool:
    """Whether a party was read from another sentence of the article (a releaser or a claimant the
    article names elsewhere, issue 13): the report's own sentence does not say it, so it neither ties
    the report to a cluster nor sets it apart from one."""
    span, sentence = ref.get("span"), data.get("sentence") or {}
    if not span or sentence.get("start") is None or sentence.get("end") is None:
        return False
    return not (sentence["start"] <= span["start"] and span["end"] <= sentence["end"])

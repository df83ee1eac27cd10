"""Canonical entities across articles: entity rows that name the same thing point at one canonical row.

An entity row is keyed by (type, name) and shared by every article that uses that name when the name
is specific enough to mean one thing everywhere (``extract.entities.name_scope``: a known name, a person's
full name, a name with a proper word); a bare one-word person name or a name made only of generic words
("Navy", "Armed Services Committee") has a row per article (its id includes the article id). Linking sets
each row's ``canonical_id``. A row shared by every article is decided once, when it is first seen, and
never revisited (a canonical id that users saw stays valid). A bare surname or a common word kept to its
article is decided when its article is linked (events of that article are clustered with it), then
settled at the end of the run (``settle``): the rows of its name are decided again with every linked
article, in date order, when a row of the run shares its name or names again a name they may be decided
with, because where it goes depends on what other articles bring (the one full name it fits, another name
with the same initials, the context of a group, a person surnamed like "X & Co."). Only the rows whose
answer the run may have changed are decided again: from the first row of the run, and from CONTEXT_DAYS
before any article the run added to a group they may join; all of them when what they read regardless of
date changed (``_fingerprint``: the full names they fit, which dominates, the groups' sizes), so a name in
every day's news is not decided again whole at each run. The context such a decision reads counts a row
kept to its article by its name, not by where it went. So the entities of the store are the same whatever order its articles were linked in, in one run
or several, or by ``link --rebuild`` (tests/link/test_entity_order.py).

Rules, in order:
- the same normalized name, with compatible types (PERSON only with PERSON; ORG, GPE, NORP, LOC, FAC
  with each other, since the small spaCy model types organisations and places inconsistently);
- the knowledge base's canonical name, when ``kb.lookup`` knows the name;
- a person's full name or initial + surname joins the one group whose names are all compatible
  (names.py: same surname, agreeing first names, nicknames given in parentheses or usual short forms,
  "Chris" for Christopher, lang/data/nicknames.yaml), and whose full names carry the same generational
  suffix: "Donald Trump Jr" never joins Donald Trump, nor the reverse;
- another transliteration of a full name ("Qasem" for "Qassem") joins the one group that has a spelling
  differing from it in one word only: "Mohamed Tawfik" and "Mohammed Tawfeeq" are namesakes;
- initials must be matched by given names ("S.A. Miller" is not "Sam Miller"), and a full name never
  joins a group that another full name of the same article, differing from it by a middle name, belongs
  to: the article tells "Ronald Prescott Reagan" from "Ronald Reagan";
- a first name alone joins the one person its article names in full with that first name ("Tamerlan"
  beside "Tamerlan Tsarnaev"), unless a full name of the article has the word as its surname;
- a surname alone joins only when exactly one group with a full name fits, the word is nobody's first
  name, AND the two share context: at least two other people or organisations named in the group's
  articles of the same two months. A full name never joins a group known only by a lone surname.
  Different people who share a surname stay apart;
- a bare name kept to its article that fits no full name sharing the article's context joins the
  largest group of the same bare name that shares it; where a known full name with that surname shares
  the context but cannot be chosen ("Tsarnaev": either brother), the bare name stays the article's own;
- a bare surname that only ends a credit line ("Noah Feldman, Bloomberg") is an outlet: it joins no person;
- a one-word common noun or adjective, or initials the knowledge base does not know ("the Sun",
  "Atlantic", "Communist", "CSU"), kept to its article, joins the name the article pairs it with
  ("Christian Social Union (CSU)", or the one name of the article whose initials they are: "DHS" beside
  "Department of Homeland Security"), else the largest group of the same word and of the same kind (a
  magazine, ORG, is not an ocean, LOC) that shares the article's context (as a bare surname does), else
  nothing: a tabloid and a palace named "Sun" stay apart. Names shared by every article never join the
  group of such a word;
- a one-word place or people name that is the surname of the one person its article names in full
  ("Khashoggi" typed GPE beside "Jamal Khashoggi") is that person;
- a name made only of generic words, kept to its article, joins nothing: whose navy or which committee
  it is cannot be told from the name.
"""
from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, delete, func, select, update

from .. import kb
from ..ids import entity_key
from ..lang.kinds import is_country_word
from ..lang.names import (
    PersonName,
    differ_by_middle_name,
    names_compatible,
    nicknames_in,
    parse_person,
    role_signature,
    specificity,
)
from ..store import schema
from ..store.write import insert_ignoring_duplicates
from ..timeframe import day_of
from .entity_index import KeyIndex, LazyColumn, LazyGroups, key_text
from .entity_names import (
    AND_CO,
    CONTEXT_TYPES,
    MAX_RESPELLED,
    EntityGroup,
    and_company_of,
    generation,
    index_keys,
    known_key,
    org_lookups,
    person_key,
    row_scope,
    same_kind,
    settle_key,
    settle_keys,
    spelled_out,
    spellings_apart,
    stated_roles,
    type_class,
)
from .entity_text import credit_only, given_before, modifier_only, parenthesized_pairs, spelled_out_pairs
from .entity_view import merged_view
from .variants import acronym_key, is_acronym, name_skeleton

# The names noted for settling, kept in ``entity_keys`` under keys between these two.
SETTLE, SETTLE_END = "SETTLE:", "SETTLE;"
# What the last settling of a name read that is not tied to a date (``_fingerprint``), kept in
# ``entity_keys`` under this prefix and the name (outside the range above).
SETTLED = "SETTLED:"
# Shared context needed before a bare surname and a full name are taken for one person.
MIN_SHARED_CONTEXT = 2
# How far apart (days) the articles of a surname and of a full name may be to count as shared context.
CONTEXT_DAYS = 60
# How many times more articles than any other full name with that surname a full name needs for a bare
# surname to be taken for it when several fit ("Obama": Barack, not Michelle, nor "Top Obama" of a caption).
DOMINANT = 10
# How many groups of a bare name (the largest first) are checked for shared context.
BARE_CANDIDATES = 5
# How many of a group's articles are read to find its context.
CONTEXT_ARTICLES = 25


@dataclass(slots=True, frozen=True)
class _Row:
    id: str
    type: str
    name: str


class _GroupArticles:
    """The linked articles of one group while settling: how many of its rows each names, the articles by
    date and by id (what ``_shares_context`` and ``_article_count`` read, without a query per row)."""

    __slots__ = ("by_date", "by_id", "count", "published")

    def __init__(self) -> None:
        self.count: dict[str, int] = {}
        self.published: dict[str, str | None] = {}
        self.by_date: list[tuple[str, str]] = []  # (publication date, article), dated articles only
        self.by_id: list[str] = []

    def add(self, article: str, published: str | None, n: int = 1) -> None:
        if article in self.count:
            self.count[article] += n
            return
        self.count[article], self.published[article] = n, published
        insort(self.by_id, article)
        if published is not None:
            insort(self.by_date, (published, article))

    def remove(self, article: str) -> None:
        n = self.count.get(article, 0) - 1
        if n > 0:
            self.count[article] = n
            return
        if article not in self.count:
            return
        del self.count[article]
        published = self.published.pop(article)
        self.by_id.pop(bisect_left(self.by_id, article))
        if published is not None:
            self.by_date.pop(bisect_left(self.by_date, (published, article)))

    def first(self, since: str | None, until: str | None, n: int) -> list[str]:
        """The first ``n`` articles by id, of those published between ``since`` and ``until`` (as
        strings, both included, as the query compares them), or of all of them."""
        if since is None or until is None:
            return self.by_id[:n]
        lo, hi = bisect_left(self.by_date, (since,)), bisect_right(self.by_date, (until, "\uffff"))
        return sorted(article for _, article in self.by_date[lo:hi])[:n]


def _dominant_whatever(counts: dict[str, tuple[int, int]]) -> tuple:
    """Which of several full names dominates (``DOMINANT`` times the articles of any other) however
    many of its articles the lone surnames bring, from each name's articles without them and with all
    of them (low, high): ("is", id), ("none",), or, when that depends on them, the low counts."""
    for gid, (low, _) in counts.items():
        if low >= DOMINANT * max(1, max(high for other, (_, high) in counts.items() if other != gid)):
            return ("is", gid)
    if all(high < DOMINANT * max(1, max(low for other, (low, _) in counts.items() if other != gid))
           for gid, (_, high) in counts.items()):
        return ("none",)
    return ("depends", sorted((gid, low) for gid, (low, _) in counts.items()))


def _largest_whatever(sizes: dict[str, tuple[int, int]], n: int) -> tuple:
    """The ``n`` largest groups (rows, then id) however many rows the lone surnames bring them, from each
    group's rows without them and with all of them; when that depends on them, the sizes without."""
    def above(a: str, size_a: int, b: str, size_b: int) -> bool:
        return size_a > size_b or (size_a == size_b and a < b)

    inside = []
    for gid, (low, high) in sizes.items():
        maybe = sum(above(o, h, gid, low) for o, (_, h) in sizes.items() if o != gid)
        surely = sum(above(o, lo, gid, high) for o, (lo, _) in sizes.items() if o != gid)
        if maybe < n:
            inside.append(gid)
        elif surely < n:
            return ("depends", sorted((g, lo) for g, (lo, _) in sizes.items()))
    return ("are", sorted(inside))


@dataclass(slots=True)
class EntityLinker:
    """The canonical groups of a store, found by blocking keys, updated as articles are linked.

    Nothing is loaded whole: a run reads the groups, rows and keys it needs through the store's indexes
    (``entity_keys`` by key, ``entities`` by id and by canonical id) and keeps what it read, so what a
    run costs at the start does not grow with the store.
    """

    conn: Connection | None = None
    groups: LazyGroups = None  # type: ignore[assignment]
    canonical_of: LazyColumn = None  # type: ignore[assignment]  # entity id -> canonical id
    type_of: LazyColumn = None  # type: ignore[assignment]
    by_key: KeyIndex = None  # type: ignore[assignment]
    by_surname: KeyIndex = None  # type: ignore[assignment]
    by_first: KeyIndex = None  # type: ignore[assignment]  # first given name -> groups
    created: int = 0
    joined: int = 0
    settled: int = 0  # rows a settling moved to another group
    redecided: int = 0  # rows a settling decided again (moved or not)
    # canonical id -> descriptions that stood for it in some article ("the Russian president")
    described: dict[str, set[str]] = field(default_factory=dict)
    _roles: tuple[str, dict[frozenset[str], set[str]]] | None = None
    _published: str | None = None  # publication date of the article being linked
    _article_people: list[Any] = field(default_factory=list)  # person rows of the article being linked
    _partners: dict[str, str] = field(default_factory=dict)  # "Long Name (ABBR)" rows of the article, both ways
    _spelled: set[str] = field(default_factory=set)  # initials paired without parentheses (``_spelled_out_pairs``)
    _rows: dict[str, Any] = field(default_factory=dict)  # the rows of the article being linked, by id
    _article: str | None = None  # the id of the article being linked
    _text: tuple[str, str] | None = None  # (article id, text): the article the checks below last read
    _keys: dict[str, set[str]] = field(default_factory=dict)
    _unsettled: set[tuple[str, str]] = field(default_factory=set)  # names to settle at the end of the run
    _settling: bool = False
    _context_memo: dict[tuple, set[str]] = field(default_factory=dict)
    _article_items: dict[str, frozenset[str]] = field(default_factory=dict)  # ``_items_of``
    _count_memo: dict[tuple, int] = field(default_factory=dict)
    _articles: dict[str, _GroupArticles] = field(default_factory=dict)  # while settling: ``_articles_in``
    _linked_now: set[str] = field(default_factory=set)  # rows kept to their article linked in this run
    # group id -> settle key of the rows that joined or left it in this run (None for a name shared by
    # every article) -> [the earliest publication day among them, whether one was undated]: where the
    # settling must decide a name again (``_first_to_settle``); a few entries per group, whatever the run
    _changed: dict[str, dict[tuple[str, str] | None, list]] = field(default_factory=dict)
    _leftover: set[tuple[str, str]] = field(default_factory=set)  # names a killed run left unsettled
    _all_again: bool = False  # a group split this run ("X & Co."): every name settled whole

    def __post_init__(self) -> None:
        self.groups = LazyGroups(self._read_group)
        self.canonical_of = LazyColumn(self._read_row, "canonical_id")
        self.type_of = LazyColumn(self._read_row, "type")
        exists = self._is_canonical
        self.by_key = KeyIndex(self.conn, self._keys, exists=exists)
        self.by_surname = KeyIndex(self.conn, self._keys, "SURNAME", exists)
        self.by_first = KeyIndex(self.conn, self._keys, "FIRST", exists)

    @classmethod
    def load(cls, conn: Connection) -> EntityLinker:
        """Return the linker of the store ``conn`` reads; on a store linked before keys were kept in
        ``entity_keys``, write them first (once)."""
        t, k = schema.entities, schema.entity_keys
        if conn.execute(select(k.c.key).limit(1)).first() is None \
                and conn.execute(select(t.c.id).where(t.c.canonical_id.is_not(None)).limit(1)).first() is not None:
            rows = conn.execute(
                select(t.c.id, t.c.type, t.c.name, t.c.canonical_id).where(t.c.canonical_id.is_not(None))
            ).all()
            keys = {(key_text(key), row.canonical_id) for row in rows
                    for key in index_keys(row.id, row.type, row.name)}
            for chunk in range(0, len(keys), 5000):
                conn.execute(k.insert(), [{"key": key, "canonical_id": cid}
                                          for key, cid in sorted(keys)[chunk:chunk + 5000]])
        linker = cls(conn)
        for text in conn.execute(select(k.c.key).where(k.c.key >= SETTLE, k.c.key < SETTLE_END)).scalars():
            kind, _, key = text[len(SETTLE):].partition(":")
            linker._leftover.add((kind, key))
        return linker

    def canonical(self, entity_id: str | None) -> str | None:
        """Return the canonical id of an entity id (itself when not linked yet), None for None."""
        if entity_id is None:
            return None
        return self.canonical_of.get(entity_id, entity_id)

    def _is_canonical(self, entity_id: str) -> bool:
        """Whether an id is (still) the canonical row of a group: one read by primary key, kept."""
        return self.canonical_of.get(entity_id) == entity_id

    def _read_row(self, entity_id: str) -> None:
        if self.conn is None:
            return
        t = schema.entities
        row = self.conn.execute(select(t.c.type, t.c.canonical_id).where(t.c.id == entity_id)).first()
        if row is not None and row.canonical_id is not None:
            dict.__setitem__(self.canonical_of, entity_id, row.canonical_id)
            dict.__setitem__(self.type_of, entity_id, row.type)

    def _read_group(self, canonical_id: str) -> EntityGroup | None:
        if self.conn is None:
            return None
        t = schema.entities
        rows = self.conn.execute(
            select(t.c.id, t.c.type, t.c.name).where(t.c.canonical_id == canonical_id).order_by(t.c.id)
        ).all()
        if not rows:
            return None
        own = next((r.type for r in rows if r.id == canonical_id), rows[0].type)
        group = EntityGroup(canonical_id, own)
        dict.__setitem__(self.groups, canonical_id, group)
        for row in rows:
            self._absorb(group, row.id, row.type, row.name)
        return group

    def _absorb(self, group: EntityGroup, entity_id: str, type_: str, name: str, data=None) -> None:
        group.names[name] += 1
        group.members.append(entity_id)
        # a new member may bring nicknames: read them again when needed, or add its own when its data is
        # at hand (a group in the news every day is not read whole again for each row joining it)
        if data is None or group.nicknames is None:
            group.nicknames = None
        else:
            group.nicknames = group.nicknames | nicknames_in(data.get("aliases") or ())
        dict.__setitem__(self.canonical_of, entity_id, group.id)
        dict.__setitem__(self.type_of, entity_id, type_)
        if type_class(type_) == "PERSON" and row_scope(entity_id, type_, name) != "generic":
            person = parse_person(name)
            if person is not None:
                group.people[person] += 1
                if not person.bare:
                    group.generations.add(generation(name))
                    if spelled_out(person):
                        group.spellings.add(person_key(person, name))

    def _add(self, entity_id: str, type_: str, name: str, canonical_id: str, data=None) -> None:
        """Put a newly linked row in its group and make the group findable by the row's keys."""
        group = self.groups.get(canonical_id)
        if group is None:
            group = EntityGroup(canonical_id, type_)
            dict.__setitem__(self.groups, canonical_id, group)
        self._absorb(group, entity_id, type_, name, data)
        for key in index_keys(entity_id, type_, name):
            self.by_key.add(key, canonical_id)

    def type(self, canonical_id: str) -> str | None:
        """Return the type of a canonical entity (of its group, else of the row)."""
        group = self.groups.get(canonical_id)
        return group.type if group else self.type_of.get(canonical_id)

    # -- linking one article ------------------------------------------------------------------

    def link_article(self, conn: Connection, article_id: str, published: str | None = None) -> set[str]:
        """Link the article's not-yet-linked entity rows; return the canonical ids it touches."""
        t = schema.entities
        rows = self._enter_article(conn, article_id, published)
        for r in rows:
            if r.canonical_id is not None:
                dict.__setitem__(self.canonical_of, r.id, r.canonical_id)
                dict.__setitem__(self.type_of, r.id, r.type)
                # a name shared by every article, named again: its group gains an article, which the bare
                # names and common words decided on its context or its article count must see
                self._note_change(r.canonical_id, published, r)
                self._note_unsettled(conn, settle_keys(r.id, r.type, r.name))
        new = [r for r in rows if r.canonical_id is None and r.id not in self.canonical_of]
        # Names shared by every article first, full names first among them, so that initials and bare
        # surnames of this article find them; a name kept to its article then reads the article's whole
        # context, as the settling at the end of the run will.
        new.sort(key=lambda r: (
            settle_key(r.id, r.type, r.name) is not None,
            type_class(r.type) != "PERSON",
            tuple(-x for x in specificity(parse_person(r.name) or PersonName((), ""))),
            r.id,
        ))
        # The long name of a "Long Name (ABBR)" pair first: its initials then join it.
        new.sort(key=lambda r: r.id in self._partners and is_acronym(r.name))
        context = {self._context_item(r) for r in rows if r.id in self.canonical_of} - {None}
        whole: set[str] | None = None  # the article's whole context, once its shared names are linked
        for row in new:
            own = settle_key(row.id, row.type, row.name)
            if own is None:
                target = self._find_group(conn, row, context)
            else:
                if whole is None:
                    whole = {self._context_item(r) for r in rows if r.id in self.canonical_of
                             or settle_key(r.id, r.type, r.name) is not None} - {None}
                target = self._find_group(conn, row, whole - {self._context_item(row)})
            if target is None:
                target = row.id
                self.created += 1
            else:
                self.joined += 1
            self._add(row.id, row.type, row.name, target, row.data)
            self._note_change(target, published, row)
            conn.execute(update(t).where(t.c.id == row.id).values(canonical_id=target))
            if own is None:
                context.add(target)
            if own is not None:
                self._linked_now.add(row.id)
            self._note_unsettled(conn, settle_keys(row.id, row.type, row.name))
        touched = {self.canonical_of.get(r.id, r.canonical_id) for r in rows}
        return {c for c in touched if c}

    def _enter_article(self, conn: Connection, article_id: str, published: str | None) -> list[Any]:
        """Read the article's entity rows and what the article itself says of them (its people, the
        names it pairs with their initials); return the rows."""
        t, m = schema.entities, schema.mentions
        rows = conn.execute(
            select(t.c.id, t.c.type, t.c.name, t.c.canonical_id, t.c.data)
            .where(t.c.id.in_(select(m.c.entity_id).where(m.c.article_id == article_id)))
        ).all()
        self._published = published
        self._article_people = [r for r in rows if r.type == "PERSON"]
        self._partners = parenthesized_pairs(conn, article_id, rows)
        self._spelled = set()
        for short, long in spelled_out_pairs(rows).items():
            if short not in self._partners and long not in self._partners:
                self._partners[short], self._partners[long] = long, short
                self._spelled.add(short)
        self._rows = {r.id: r for r in rows}
        self._article = article_id
        self._text = None  # read afresh for each article linked
        return rows

    def _context_item(self, row) -> str | None:
        """What a linked row of an article counts as in its context: its canonical id for a row shared by
        every article; its name for a bare or common name kept to its article (where such a row went
        depends on what was linked before it, its name does not); nothing for a generic name."""
        scope = row_scope(row.id, row.type, row.name)
        if scope == "global":
            return self.canonical_of.get(row.id)
        if scope in ("bare", "common") and row.type in CONTEXT_TYPES:
            return f"~{type_class(row.type)}:{entity_key(row.name)}"
        return None

    # -- settling the names kept to their article ----------------------------------------------

    def settle(self, conn: Connection) -> set[str]:
        """Decide again, once the run's articles are linked, every bare surname and common word kept to
        its article whose name a row of the run shares (its surname, a first name, its word or initials);
        return the canonical ids whose members changed.

        Where such a row goes depends on evidence other articles bring (the one full name it fits, the
        names another article spells out with the same initials, the context of a group): decided while
        its article was linked, it would depend on which articles were linked before. Settled with all
        linked articles, in date order, the rows of a name go where ``link --rebuild`` puts them, in
        whatever order the articles came. A name's rows before the first one whose answer the run may have
        changed stay where the last settling put them (``_first_to_settle``)."""
        k = schema.entity_keys
        waiting = conn.execute(select(k.c.key).where(k.c.key >= SETTLE, k.c.key < SETTLE_END)).scalars().all()
        for text in waiting:
            kind, _, key = text[len(SETTLE):].partition(":")
            self._unsettled.add((kind, key))
        touched: set[str] = set()
        keys, self._unsettled = sorted(self._unsettled), set()
        self._settling, self._context_memo = True, {}
        try:
            for kind, key in keys:
                touched |= self._settle(conn, kind, key)
        finally:
            self._settling, self._context_memo, self._count_memo, self._articles = False, {}, {}, {}
        conn.execute(delete(k).where(k.c.key >= SETTLE, k.c.key < SETTLE_END))
        return touched

    def _note_unsettled(self, conn: Connection, keys: set[tuple[str, str]]) -> None:
        """Remember names to settle, in the store too: a run killed before it settled leaves them to the
        next run (written in the article's transaction, so an article is linked with its names noted)."""
        new = keys - self._unsettled
        if not new:
            return
        self._unsettled |= new
        rows = [{"key": f"{SETTLE}{kind}:{key}"[:200], "canonical_id": "-"} for kind, key in sorted(new)]
        conn.execute(insert_ignoring_duplicates(conn, schema.entity_keys), rows)

    def _settle(self, conn: Connection, kind: str, key: str) -> set[str]:
        """Decide again the rows of one name (``settle``), in date order, from the first one whose answer
        the run may have changed (``_first_to_settle``): the rows before it read nothing the run changed,
        so deciding them again would put them where they are."""
        if kind == "andco":
            return self._settle_and_company(conn, key)
        t = schema.entities
        holders = self._holders(kind, key)
        if not holders:
            return set()
        every = [r for r in conn.execute(
            select(t.c.id, t.c.type, t.c.name, t.c.canonical_id, t.c.data)
            .where(t.c.canonical_id.in_(sorted(holders)))).all()
            if settle_key(r.id, r.type, r.name) == (kind, key)]
        if not every:
            return set()
        mine = {r.id for r in every}
        k = schema.entity_keys
        mark = f"{SETTLED}{kind}:{key}"[:200]
        stored = conn.execute(select(k.c.canonical_id).where(k.c.key == mark)).scalar()
        before = (self._fingerprint(conn, kind, key, every, mine) if stored is not None and not self._all_again
                  and (kind, key) not in self._leftover else None)
        bounded = before is not None and before == stored
        where, dates = self._placed(conn, every)
        every.sort(key=lambda r: (dates.get(where.get(r.id)) is None, dates.get(where.get(r.id)) or "",
                                  where.get(r.id) or "", r.id))
        first = self._first_to_settle(kind, key, every, where, dates, mine) if bounded else 0
        touched = self._decide_again(conn, kind, key, every, first, where, dates)
        # no row moved: the groups read are as they were, and so is the digest
        after = before if before is not None and not touched else self._fingerprint(conn, kind, key, every, mine)
        if after != stored:
            conn.execute(delete(k).where(k.c.key == mark))
            conn.execute(k.insert().values(key=mark, canonical_id=after))
        return touched

    def _holders(self, kind: str, key: str) -> set[str]:
        """The groups holding rows of a name to settle."""
        if kind == "bare":
            return set(self.by_surname.get(key, ()))
        return set(self.by_key.get(("THING_COMMON", key), ()))

    def _candidates(self, kind: str, key: str) -> set[str]:
        """The groups a row of the name may be decided into (``_find_bare``, ``_common_group``)."""
        if kind == "bare":
            return set(self.by_surname.get(key, ()))
        return (set(self.by_key.get(("THING", key), ())) | self.by_key.get(("THING_COMMON", key), set())
                | self.by_key.get(("ORG_CORE", key), set()))

    def _placed(self, conn: Connection, rows) -> tuple[dict[str, str], dict[str, str | None]]:
        """Return the article of each row (a row kept to its article has mentions in that one only) and
        the publication date of each of those articles."""
        m, a = schema.mentions, schema.articles
        where: dict[str, str] = {}
        ids = [r.id for r in rows]
        for at in range(0, len(ids), 5000):
            where.update(conn.execute(select(m.c.entity_id, m.c.article_id)
                                      .where(m.c.entity_id.in_(ids[at:at + 5000]))).all())
        dates: dict[str, str | None] = {}
        articles = sorted(set(where.values()))
        for at in range(0, len(articles), 5000):
            dates.update(conn.execute(select(a.c.id, a.c.published)
                                      .where(a.c.id.in_(articles[at:at + 5000]))).all())
        return where, dates

    def _first_to_settle(self, kind: str, key: str, order, where, dates, mine: set[str]) -> int:
        """The position, in the settling order, of the first row of a name whose answer the run may have
        changed, where what the name's rows read that no date bounds is as at its last settling
        (``_fingerprint``): the first row linked in this run (the rows after it were decided without it),
        and, for each row of another name that joined or left a group the name's rows may be decided
        into, the first row within CONTEXT_DAYS of its article's date (a bare name reads a group's
        articles of those days only; undated rows, last in the order, read them all). A common word
        reads a group's articles whatever their date: any such change decides its rows again whole."""
        n = len(order)
        dated = [dates.get(where.get(r.id)) for r in order]
        undated = next((p for p, d in enumerate(dated) if d is None), n)
        first = next((p for p, r in enumerate(order) if r.id in self._linked_now), n)
        for gid in sorted(self._candidates(kind, key) | {r.canonical_id for r in order}):
            for source, (day, _) in self._changed.get(gid, {}).items():
                if source == (kind, key):
                    continue  # the name's own rows: from the first of the run on
                if kind != "bare":
                    return 0
                first = min(first, undated)
                if day is not None:
                    since = (day - timedelta(days=CONTEXT_DAYS + 1)).isoformat()
                    first = min(first, next((p for p, d in enumerate(dated) if d is None or d >= since), n))
        return first

    def _note_change(self, group_id: str, published: str | None, row) -> None:
        """Note that ``row``, of an article published then, joined or left a group in this run."""
        entry = self._changed.setdefault(group_id, {}).setdefault(settle_key(row.id, row.type, row.name), [None, False])
        day = day_of(published)
        if day is None:
            entry[1] = True
        elif entry[0] is None or day < entry[0]:
            entry[0] = day

    def _fingerprint(self, conn: Connection, kind: str, key: str, rows, mine: set[str]) -> str:
        """What deciding a row of the name reads that no date bounds and no row of the name makes, as a
        digest. For a bare surname: whether the word is someone's first name, the full names it fits that
        are among the BARE_CANDIDATES largest and which of them dominates (``DOMINANT``), whatever the
        name's own rows add to them (a junk "Top Obama" is neither), and the groups of lone surnames
        holding rows of other names, with their sizes; for a common word, the groups holding rows of other
        names (type, size) and the names spelled out with its initials. Equal digests: a row decided again
        before any change the run brought would be decided as before."""
        parts: list[Any] = [kind, key]
        if kind == "bare":
            person = PersonName((), key)
            first_name = bool(self.by_first.get(key))
            parts.append(first_name)
            full: list[str] = []
            sizes: dict[str, tuple[int, int]] = {}
            for gid in sorted(self._candidates(kind, key)):
                group = self.groups[gid]
                others = [x for x in group.members if x not in mine]
                if not others:
                    continue  # made by the name's own rows: as the settling leaves them
                if group.type == "PERSON" and not group.has_full_name:
                    parts.append((gid, len(others)))  # ``same`` of _find_bare: ranked by size
                elif group.has_full_name and self._fits(conn, gid, person, frozenset()):
                    full.append(gid)
                    sizes[gid] = (len(others), len(group.members))
            parts.append(("largest", _largest_whatever(sizes, BARE_CANDIDATES)))
            if not first_name and len(full) > 1:
                counts = {}
                for gid in full:
                    members = self.groups[gid].members
                    others = [x for x in members if x not in mine]
                    counts[gid] = (self._articles_of(conn, others), self._articles_of(conn, members))
                parts.append(("dominant", _dominant_whatever(counts)))
            elif not first_name:
                parts.append(("one", full))
        else:
            for gid in sorted(self._candidates(kind, key)):
                group = self.groups[gid]
                others = [x for x in group.members if x not in mine]
                if others:
                    parts.append((gid, group.type, len(others)))
            for name in sorted({r.name for r in rows}):
                initials = acronym_key(name)
                if initials:
                    parts.append((initials, sorted(self.by_key.get(("ACR_LONG", initials), ()))))
        return hashlib.sha1(repr(parts).encode()).hexdigest()

    def _articles_of(self, conn: Connection, members: list[str]) -> int:
        """How many linked articles name any of the rows ``members``."""
        m, a = schema.mentions, schema.articles
        if len(members) > 5000:
            found: set[str] = set()
            for at in range(0, len(members), 5000):
                found.update(conn.execute(select(m.c.article_id).join(a, a.c.id == m.c.article_id).where(
                    m.c.entity_id.in_(members[at:at + 5000]), a.c.linked != 0).distinct()).scalars())
            return len(found)
        return conn.execute(
            select(func.count(func.distinct(m.c.article_id))).join(a, a.c.id == m.c.article_id)
            .where(m.c.entity_id.in_(members), a.c.linked != 0)).scalar() or 0

    def _decide_again(self, conn: Connection, kind: str, key: str, every, first: int, where, dates) -> set[str]:
        """Take the name's rows from position ``first`` on out of their groups and decide them again, in
        order; return the canonical ids whose members changed."""
        t = schema.entities
        rows = every
        ids = {r.id for r in rows}
        # a row that heads a group holding rows of other names stays: they were decided with it
        anchors = {r.id for r in rows if r.canonical_id == r.id and any(
            mid not in ids for mid in self.groups[r.id].members)}
        again = {r.id for r in every[first:]}
        rows = [r for r in rows if r.id not in anchors and r.id in again]
        if not rows:
            return set()
        old = {r.id: r.canonical_id for r in rows}
        for r in rows:
            if old[r.id] in self._articles and r.id in where:
                self._articles[old[r.id]].remove(where[r.id])
            self._detach(r)
        conn.execute(update(t).where(t.c.id.in_(list(old))).values(canonical_id=None))
        touched: set[str] = set()
        current, article_rows = None, []
        for r in rows:
            article = where.get(r.id)
            if article is not None and article != current:
                article_rows, current = self._enter_article(conn, article, dates.get(article)), article
            context = {self._context_item(o) for o in article_rows if o.id != r.id} - {None}
            target = (self._find_group(conn, r, context) if article is not None else None) or r.id
            self.redecided += 1
            if target == old[r.id] and target in self.groups:
                self._absorb(self.groups[target], r.id, r.type, r.name, r.data)  # its keys are there already
            else:
                self._add(r.id, r.type, r.name, target, r.data)
            conn.execute(update(t).where(t.c.id == r.id).values(canonical_id=target))
            if target in self._articles and article is not None:
                self._articles[target].add(article, dates.get(article))
            if target != old[r.id]:
                touched |= {target, old[r.id]}
                self.settled += 1
                for gid in (target, old[r.id]):
                    self._note_change(gid, dates.get(article), r)
                if old[r.id] == r.id and "linked" in (r.data or {}):
                    # no longer canonical: the merged view it carried is its new group's business
                    data = {k: v for k, v in r.data.items() if k != "linked"}
                    conn.execute(update(t).where(t.c.id == r.id).values(data=data))
        self._article = None
        return touched

    def _settle_and_company(self, conn: Connection, word: str) -> set[str]:
        """Once the store knows a person surnamed ``word``, "Word & Co." is that person and allies, not a
        firm: a group that joined it with another name of the word (while no such person was known) is
        split in two, the "& Co." rows apart. The store only ever learns more people, so the answer is the
        one of the last run, in whatever order the articles came."""
        if not self._and_company(f"{word} & Co"):
            return set()
        t = schema.entities
        touched: set[str] = set()
        for gid in sorted(self.by_key.get(("ORG_CORE", word), ())):
            group = self.groups.get(gid)
            if group is None:
                continue
            rows = conn.execute(select(t.c.id, t.c.type, t.c.name, t.c.data).where(t.c.canonical_id == gid)
                                .order_by(t.c.id)).all()
            firm = [r for r in rows if and_company_of(r.name) == word]
            rest = [r for r in rows if and_company_of(r.name) != word]
            if not firm or not rest:
                continue
            for part in (firm, rest):
                head = gid if any(r.id == gid for r in part) else part[0].id
                for r in part:
                    self._detach(r)
                for r in part:
                    self._add(r.id, r.type, r.name, head, r.data)
                    conn.execute(update(t).where(t.c.id == r.id).values(canonical_id=head))
                    if r.id != head and r.id == gid and "linked" in (r.data or {}):
                        conn.execute(update(t).where(t.c.id == r.id).values(
                            data={k: v for k, v in r.data.items() if k != "linked"}))
                touched.add(head)
            self.settled += len(firm)
            self._all_again = True  # organisations' canonical ids changed: the context of any name
            self._article_items.clear()
        return touched

    def _detach(self, row) -> None:
        """Take a row out of its group in memory (a group left empty is no more)."""
        gid = self.canonical_of.get(row.id)
        group = self.groups.get(gid) if gid else None
        if group is not None and row.id in group.members:
            group.members.remove(row.id)
            group.names[row.name] -= 1
            if group.names[row.name] <= 0:
                del group.names[row.name]
            person = parse_person(row.name) if type_class(row.type) == "PERSON" else None
            if person is not None and person in group.people:
                group.people[person] -= 1
                if group.people[person] <= 0:
                    del group.people[person]
            if nicknames_in((getattr(row, "data", None) or {}).get("aliases") or ()):
                group.nicknames = None  # it took some away: read them again when needed
            if not group.members:
                dict.pop(self.groups, gid, None)
        dict.__setitem__(self.canonical_of, row.id, None)

    def _find_group(self, conn: Connection, row, context: set[str]) -> str | None:
        scope = row_scope(row.id, row.type, row.name)
        if scope == "generic":
            return None
        cls = type_class(row.type)
        if scope == "common":
            return self._find_common(conn, row, context)
        if cls == "THING":
            found = self._find_thing(row)
            if found is None:
                found = self._mistyped_surname(conn, row)
            partner = self._rows.get(self._partners.get(row.id, ""))
            if found is None and partner is not None and partner.id not in self.canonical_of \
                    and row_scope(partner.id, partner.type, partner.name) == "common":
                # "European Aeronautic Defence and Space (EADS)": the long name goes where its initials,
                # kept to the article, would go on shared context (they then join it as its partner)
                found = self._common_group(conn, partner.type, partner.name, context)
            return found
        person = parse_person(row.name)
        if person is None or not any(ch.isalpha() for ch in person.surname):
            return None  # no name of a person ("C-4" read as initial C and surname 4): joins nothing
        if scope == "bare":
            return self._find_bare(conn, row, person, context)
        gen = generation(row.name)
        exact = self.by_key.get((cls, person_key(person, row.name)), set())
        exact = {g for g in exact if self.groups[g].type == "PERSON"}
        if person.bare:
            # The same lone surname is the same row's business only while nobody has claimed it:
            # a bare name in a full-name group was put there on context, which must be shown again.
            exact = {g for g in exact if not self.groups[g].has_full_name}
        if len(exact) == 1:
            return next(iter(exact))
        kb_key = known_key(row.name, row.type)
        if kb_key and len(self.by_key.get((cls, kb_key), ())) == 1 and generation(kb_key) == gen:
            return next(iter(self.by_key[(cls, kb_key)]))
        if spelled_out(person):
            # another transliteration of the same full name ("Qasem" for "Qassem"): one group only, and
            # only when one of its spellings differs from this one in a single word, or a role stated for
            # it agrees with one stated here ("Egyptian President" Mohamed Morsy and Mohammed Morsi)
            skeleton = name_skeleton(person_key(person, row.name))
            mine = person_key(person, row.name)
            spelled = {g for g in self.by_key.get(("SKELETON", skeleton), ()) if self.groups[g].type == "PERSON"
                       and (any(spellings_apart(mine, s) <= MAX_RESPELLED for s in self.groups[g].spellings)
                            or self._roles_agree(conn, row, self.groups[g]))}
            # (requiring shared context as well lost Morsi's and Qaddafi's spellings on real news and still
            # joined a namesake whose articles named the same people: not required)
            if len(spelled) == 1:
                return next(iter(spelled))
        candidates = sorted(self.by_surname.get(person.surname, ()))
        own_nicknames = nicknames_in(row.data.get("aliases") or ())
        fitting = [g for g in candidates if self._fits(conn, g, person, own_nicknames)]
        if not person.bare:
            # "X Jr" and X: one person ("Eric H. Holder Jr", "Eric Holder") unless something tells them
            # apart: the knowledge base knows X without the suffix as a person (Donald Trump, not his son)
            fitting = [g for g in fitting if not self._generations_apart(gen, person, self.groups[g])]
        if person.bare:
            # A surname alone: only a group with a full name, only when it is the one, with context,
            # and never a word that is also someone's first name ("Kim" of Kim Jong-un and Jasper Kim).
            if self.by_first.get(person.surname):
                return None
            fitting = [g for g in fitting if self.groups[g].has_full_name]
            if len(fitting) == 1 and self._shares_context(conn, fitting[0], context):
                return fitting[0]
            return None
        # Only a group with a full name fitting this one: a group known only by a lone surname is a
        # string shared by every article that uses it ("Davis"), which no full name may claim.
        full = [g for g in fitting if self.groups[g].has_full_name]
        # The article itself tells apart two full names that differ by a middle name ("Ronald Prescott
        # Reagan" and "Ronald Reagan"): this one joins no group the other one is in.
        full = [g for g in full if g not in self._distinguished(row, person)]
        if len(full) > 1:
            # several fit: the suffix, where written, tells which ("Oswin T. Garrick Jr" is the junior)
            full = [g for g in full if self.groups[g].generations == {gen}] or full
        if len(full) > 1:
            full = [g for g in full if any(p.given == person.given for p in self.groups[g].people)]
        return full[0] if len(full) == 1 else None

    @staticmethod
    def _generations_apart(gen: str, person: PersonName, group: EntityGroup) -> bool:
        """Whether a full name with generational suffix ``gen`` and a group whose full names carry
        another suffix (or none) are two people by the knowledge base: it knows the name without a suffix
        as a person, so the plain name is that person and the suffixed one a son or father."""
        others = group.generations - {gen}
        if not others:
            return False
        plain = " ".join((*person.given, person.surname))
        return known_key(plain, "PERSON") is not None or any(
            known_key(name, "PERSON") is not None and generation(name) == "" for name in group.names)

    def _distinguished(self, row, person: PersonName) -> set[str]:
        """Return the groups of the article's other full names that differ from ``person`` by a middle
        name, where they are linked or will be found by their exact name."""
        out: set[str] = set()
        for other in self._article_people:
            if other.id == row.id:
                continue
            them = parse_person(other.name)
            if them is None or them.bare:
                continue
            if not differ_by_middle_name(person, them):
                continue
            if other.id in self.canonical_of:
                out.add(self.canonical_of[other.id])
            out |= {g for g in self.by_key.get(("PERSON", person_key(them, other.name)), ())
                    if self.groups[g].type == "PERSON"}
        return out

    def _article_text(self, conn: Connection, article_id: str) -> str:
        """Return an article's text, read once while its rows are linked (several checks read it per row)."""
        if self._text is None or self._text[0] != article_id:
            a = schema.articles
            self._text = (article_id, conn.execute(select(a.c.text).where(a.c.id == article_id)).scalar() or "")
        return self._text[1]

    def _modifier_only(self, conn: Connection, row) -> bool:
        """Whether every mention of the row is followed by a word for a group ("Haqqani network")."""
        m = schema.mentions
        spans = conn.execute(select(m.c.article_id, m.c.end).where(m.c.entity_id == row.id)).all()
        return bool(spans) and modifier_only(self._article_text(conn, spans[0].article_id), [e for _, e in spans])

    def _credit_only(self, conn: Connection, row) -> bool:
        """Whether every mention of the row ends a credit line ("Noah Feldman, Bloomberg")."""
        m = schema.mentions
        spans = conn.execute(select(m.c.article_id, m.c.start, m.c.end).where(m.c.entity_id == row.id)).all()
        return bool(spans) and credit_only(self._article_text(conn, spans[0].article_id),
                                           [(start, end) for _, start, end in spans])

    def _find_bare(self, conn: Connection, row, person: PersonName, context: set[str]) -> str | None:
        """A one-word person name kept to its article: the one full name it fits, with shared context
        (see ``_find_group``); else, when no known full name with that surname shares the article's
        context (where "Tsarnaev" could be either brother, it stays alone), the largest group of the
        same bare name that shares it."""
        if self._modifier_only(conn, row):
            return None  # "the Haqqani network": a group named after someone, not that person
        if self._credit_only(conn, row):
            return None  # "Noah Feldman, Bloomberg": an outlet, not Michael Bloomberg
        given = self._given_name_in_article(row, person.surname)
        if given is not None:
            return given
        candidates = sorted(self.by_surname.get(person.surname, ()),
                            key=lambda g: (-len(self.groups[g].members), g))
        own_nicknames = nicknames_in(row.data.get("aliases") or ())
        full = [g for g in candidates
                if self.groups[g].has_full_name and self._fits(conn, g, person, own_nicknames)]
        first_name = bool(self.by_first.get(person.surname))
        if len(full) == 1 and not first_name and self._shares_context(conn, full[0], context):
            return full[0]
        if len(full) > 1 and not first_name:
            # one of them is in the news far more than the others ("Barack Obama" beside "Michelle Obama"
            # and page debris such as "Top Obama"; "Bashar Assad" beside a misspelt "Bashir Assad"): that
            # one, when it shares the context. Two brothers in the news alike ("Tsarnaev") stay apart.
            counts = {g: self._article_count(conn, g) for g in full}
            ranked = sorted(full, key=lambda g: (-counts[g], g))
            if counts[ranked[0]] >= DOMINANT * max(1, counts[ranked[1]]) \
                    and self._shares_context(conn, ranked[0], context):
                return ranked[0]
        if any(self._shares_context(conn, g, context) for g in full[:BARE_CANDIDATES]):
            return None  # the surname of someone known here, or of several: this article's alone
        same = [g for g in candidates if self.groups[g].type == "PERSON" and not self.groups[g].has_full_name
                and any(p.bare and p.surname == person.surname for p in self.groups[g].people)]
        for g in same[:BARE_CANDIDATES]:
            if self._shares_context(conn, g, context):
                return g
        return None

    def _given_name_in_article(self, row, word: str) -> str | None:
        """A first name written alone ("Tamerlan", "Vladimir") for the one person its article names in full
        with that first name ("Tamerlan Tsarnaev"), where no full name of the article has the word as its
        surname and the name is the word alone (not "Jamiel Sr", "Sgt La"): that person."""
        if len(entity_key(row.name).split()) != 1:
            return None
        found: set[str] = set()
        for other in self._article_people:
            them = parse_person(other.name)
            if them is None or them.bare:
                continue
            if them.surname == word:
                return None
            if them.given and them.given[0] == word and other.id in self.canonical_of:
                found.add(self.canonical_of[other.id])
        return next(iter(found)) if len(found) == 1 else None

    def _article_count(self, conn: Connection, group_id: str) -> int:
        """Return how many linked articles name the group."""
        m, a = schema.mentions, schema.articles
        members = self.groups[group_id].members
        if self._settling:
            return len(self._articles_in(conn, group_id).count)
        memo = (group_id, len(members))
        if self._settling and memo in self._count_memo:
            return self._count_memo[memo]
        count = conn.execute(
            select(func.count(func.distinct(m.c.article_id))).join(a, a.c.id == m.c.article_id)
            .where(m.c.entity_id.in_(members), a.c.linked != 0)).scalar() or 0
        if self._settling:
            self._count_memo[memo] = count
        return count

    def _find_thing(self, row) -> str | None:
        keys = [entity_key(row.name)]
        kb_key = known_key(row.name, row.type)
        if kb_key:
            keys.insert(0, kb_key)
        for key in keys:
            found = sorted(self.by_key.get(("THING", key), ()))
            if not found:
                continue
            same_type = [g for g in found if self.groups[g].type == row.type]
            return (same_type or found)[0]
        partner = self._partners.get(row.id)
        if partner is not None and partner in self.canonical_of:
            # "the Government Accountability Office (GAO)": the article says the two names are one
            return self.canonical_of[partner]
        if row.type != "ORG" or kb_key:
            return None
        if self._and_company(row.name):
            return None
        # A variant of one organisation's name (legal form, trade word, initials): only when exactly one
        # organisation group answers to it, the KB knowing the name as nothing else.
        for key in org_lookups(row.name):
            found = self.by_key.get(key, ())  # only organisation rows make these keys
            # nor the other way: "Mueller" does not join a group known only as "Mueller & Co."
            found = {g for g in found if not all(self._and_company(n) for n in self.groups[g].names)}
            if len(found) == 1:
                return next(iter(found))
        return None

    def _and_company(self, name: str) -> bool:
        """Whether "X & Co." says X and its allies, not a firm's legal form: X is initials ("ACLU & Co.")
        or one word that is someone's surname ("Mueller & Co."), not a company name ("Merck & Co")."""
        match = AND_CO.search(name)
        if match is None:
            return False
        core = name[:match.start()].strip()
        if is_acronym(core):
            return True
        word = and_company_of(name)
        return word is not None and any(self.groups[g].type == "PERSON" and self.groups[g].has_full_name
                                        for g in self.by_surname.get(word, ()))

    def _mistyped_surname(self, conn: Connection, row) -> str | None:
        """A one-word place or people name that is the surname of the one person the article names in
        full ("Khashoggi" typed GPE beside "Jamal Khashoggi"), or that the text writes after a given name
        making the full name of one known person ("the killing of Jamal Khashoggi" with only "Khashoggi"
        tagged, as GPE): that person, where neither the knowledge base nor the country words know the
        word. An organisation is left alone: a firm or an outlet is often named after someone ("Bloomberg"
        beside Michael Bloomberg)."""
        if row.type == "ORG" or len(entity_key(row.name).split()) != 1:
            return None
        if kb.lookup(row.name) is not None or is_country_word(row.name):
            return None
        key = entity_key(row.name)
        people = set()
        for other in self._article_people:
            person = parse_person(other.name)
            if person is not None and not person.bare and person.surname == key and other.id in self.canonical_of:
                people.add(self.canonical_of[other.id])
        if not people and self._article is not None:
            m = schema.mentions
            starts = conn.execute(select(m.c.start).where(m.c.entity_id == row.id,
                                                          m.c.article_id == self._article)).scalars().all()
            text = self._article_text(conn, self._article) if starts else ""
            for start in starts:
                given = given_before(text, start)
                if given is None:
                    continue
                full = entity_key(f"{given} {row.name}")
                people |= {g for g in self.by_key.get(("PERSON", full), ()) if self.groups[g].type == "PERSON"}
        return next(iter(people)) if len(people) == 1 else None

    def _find_common(self, conn: Connection, row, context: set[str]) -> str | None:
        """A one-word common noun or initials kept to its article ("the Sun", "Communist", "CSU"): the
        name the article pairs it with ("Christian Social Union (CSU)"); else the largest group of the
        same word that shares the article's context (see ``_shares_context``); else nothing."""
        partner = self._partners.get(row.id)
        if partner is not None and partner in self.canonical_of and not self._initials_elsewhere(row, partner):
            return self.canonical_of[partner]
        return self._common_group(conn, row.type, row.name, context)

    def _initials_elsewhere(self, row, partner: str) -> bool:
        """Whether initials the article only spells out nearby (no parentheses) are also the initials of
        another name the store knows ("DNC": the Democratic National Convention of the article, the
        National Committee elsewhere): the article does not say which of the two it means."""
        if row.id not in self._spelled:
            return False
        mine = self.canonical_of[partner]
        return any(g != mine for g in self.by_key.get(("ACR_LONG", acronym_key(row.name)), ()))

    def _common_group(self, conn: Connection, type_: str, name: str, context: set[str]) -> str | None:
        """Return the largest group named by the word ``name`` (or, for an organisation, whose name
        is the word and a legal form or trade word: "EADS N.V.") that shares the article's context."""
        cls = type_class(type_)
        key = entity_key(name)
        found = set(self.by_key.get((cls, key), ())) | self.by_key.get((f"{cls}_COMMON", key), set())
        if type_ == "ORG":
            found |= self.by_key.get(("ORG_CORE", key), set())
        # Only a group of the same type: the word names different kinds of thing (a magazine, ORG, and
        # an ocean, LOC, both "Atlantic"); a place typed GPE once and LOC once is still a place.
        ranked = sorted((g for g in found if same_kind(self.groups[g].type, type_)),
                        key=lambda g: (self.groups[g].type != type_, -len(self.groups[g].members), g))
        for g in ranked[:BARE_CANDIDATES]:
            # Not only the same two months: a common word is a thing, in the news for years.
            if self._shares_context(conn, g, context, dated=False):
                return g
        return None

    def _fits(self, conn: Connection, group_id: str, person: PersonName, own_nicknames: frozenset[str]) -> bool:
        group = self.groups[group_id]
        if group.type != "PERSON":
            return False
        nicknames = self._nicknames(conn, group)
        return all(names_compatible(person, other, own_nicknames, nicknames) for other in group.people)

    def _roles_agree(self, conn: Connection, row, group: EntityGroup) -> bool:
        """Whether a role stated for the row and one stated for a row of the group say the same ("Iraq's
        President" and "Iraqi President": two words of their signatures in common, one a country; two
        "former President"s of no country stated do not agree)."""
        mine = [role_signature(r) for r in stated_roles(row.data)]
        if not mine:
            return False
        t = schema.entities
        for data in conn.execute(select(t.c.data).where(t.c.canonical_id == group.id)).scalars():
            for role in stated_roles(data):
                theirs = role_signature(role)
                if any(len(theirs & m) >= 2 and any(w.isupper() for w in theirs & m) for m in mine):
                    return True
        return False

    def _nicknames(self, conn: Connection, group: EntityGroup) -> frozenset[str]:
        """Return the keys of the nicknames recorded in parentheses for the group's rows ("sasha")."""
        if group.nicknames is None:
            t = schema.entities
            aliases: set[str] = set()
            for data in conn.execute(select(t.c.data).where(t.c.canonical_id == group.id)).scalars():
                aliases |= nicknames_in(data.get("aliases") or ())
            group.nicknames = frozenset(aliases)
        return group.nicknames

    def _shares_context(self, conn: Connection, group_id: str, context: set[str], *, dated: bool = True) -> bool:
        """Return True when the group's articles name at least MIN_SHARED_CONTEXT of ``context``
        (``dated``: only its articles of the same two months)."""
        others = context - {group_id, None}
        if len(others) < MIN_SHARED_CONTEXT:
            return False
        m = schema.mentions
        members = self.groups[group_id].members
        a = schema.articles
        # Only articles linked before this one: a global row is also mentioned by stored articles not
        # linked yet, which an incremental run would not have seen (rebuild must decide the same).
        articles = (select(m.c.article_id).join(a, a.c.id == m.c.article_id)
                    .where(m.c.entity_id.in_(members), a.c.linked != 0))
        day = day_of(self._published) if dated else None
        if day is not None:
            # The same person is in the news at the same time: only the group's articles from around
            # this article's date count.
            articles = articles.where(
                a.c.published >= (day - timedelta(days=CONTEXT_DAYS)).isoformat(),
                a.c.published <= (day + timedelta(days=CONTEXT_DAYS)).isoformat(),
            )
        articles = articles.distinct().order_by(m.c.article_id).limit(CONTEXT_ARTICLES)
        # while settling every article is linked: a group's context depends only on its members and the day
        memo = (group_id, day, hash(tuple(members))) if self._settling else None
        named_items = self._context_memo.get(memo) if memo else None
        if named_items is None:
            named_items = set()
            if self._settling:  # the group's articles kept in memory, not read again for each row
                found = self._articles_in(conn, group_id).first(
                    None if day is None else (day - timedelta(days=CONTEXT_DAYS)).isoformat(),
                    None if day is None else (day + timedelta(days=CONTEXT_DAYS)).isoformat(), CONTEXT_ARTICLES)
            else:
                found = conn.execute(articles).scalars().all()
            for items in self._items_of(conn, found):
                named_items |= items
            if memo:
                self._context_memo[memo] = named_items
        items = named_items & others
        # Countries and peoples are named everywhere: only people and organisations count.
        shared = {c for c in items if c.startswith("~") or self.type(c) in CONTEXT_TYPES}
        return len(shared) >= MIN_SHARED_CONTEXT

    def _articles_in(self, conn: Connection, group_id: str) -> _GroupArticles:
        """The linked articles of a group, read once while settling and kept as its rows come and go
        (``_decide_again``)."""
        found = self._articles.get(group_id)
        if found is None:
            m, a = schema.mentions, schema.articles
            found = self._articles[group_id] = _GroupArticles()
            members = self.groups[group_id].members if group_id in self.groups else []
            for at in range(0, len(members), 5000):
                for article, published, n in conn.execute(
                        select(m.c.article_id, a.c.published, func.count(func.distinct(m.c.entity_id)))
                        .join(a, a.c.id == m.c.article_id)
                        .where(m.c.entity_id.in_(members[at:at + 5000]), a.c.linked != 0)
                        .group_by(m.c.article_id, a.c.published)).all():
                    found.add(article, published, n)
        return found

    def _items_of(self, conn: Connection, article_ids: list[str]) -> list[frozenset[str]]:
        """Return what each linked article counts in a context (``_context_item`` of its rows), read once
        per run: the rows of a linked article keep their items (a shared name is decided once, a name kept
        to its article counts by its name) until a group is split (``_settle_and_company``)."""
        missing = [a for a in article_ids if a not in self._article_items]
        if missing:
            if len(self._article_items) > 50_000:
                self._article_items.clear()
            t, m = schema.entities, schema.mentions
            found: dict[str, set[str]] = {a: set() for a in missing}
            for article, row_id, type_, name, canonical in conn.execute(
                    select(m.c.article_id, t.c.id, t.c.type, t.c.name, t.c.canonical_id)
                    .join(m, m.c.entity_id == t.c.id).where(m.c.article_id.in_(missing)).distinct()).all():
                if canonical is not None and not dict.__contains__(self.canonical_of, row_id):
                    dict.__setitem__(self.canonical_of, row_id, canonical)  # read here, not once per row
                    dict.__setitem__(self.type_of, row_id, type_)
                item = self._context_item(_Row(row_id, type_, name))
                if item is not None:
                    found[article].add(item)
            for article, items in found.items():
                self._article_items[article] = frozenset(items)
        return [self._article_items[a] for a in article_ids]

    def resolve_description(self, conn: Connection, article_id: str, text: str) -> str | None:
        """Return the canonical id of the one entity of the article whose stated role the description
        matches ("the Russian president" -> the entity with role "President of Russia"), or None."""
        if self._roles is None or self._roles[0] != article_id:
            t, m = schema.entities, schema.mentions
            index: dict[frozenset[str], set[str]] = {}
            rows = conn.execute(
                select(t.c.id, t.c.data)
                .where(t.c.id.in_(select(m.c.entity_id).where(m.c.article_id == article_id)))
            )
            for entity_id, data in rows:
                for role in {*(data.get("roles") or ()), data.get("role")}:
                    if role:
                        index.setdefault(role_signature(role), set()).add(self.canonical(entity_id))
            self._roles = (article_id, index)
        found = self._roles[1].get(role_signature(text), set())
        if len(found) != 1:
            return None
        cid = next(iter(found))
        self.described.setdefault(cid, set()).add(text)
        return cid

    # -- what the canonical row says about its group -----------------------------------------

    def refresh(self, conn: Connection, canonical_ids: set[str]) -> None:
        """Write the merged view of each group of several rows (name, members, aliases, roles,
        affiliations, descriptions) on its canonical row's ``data["linked"]``; the member rows' own
        data stays as extracted."""
        t = schema.entities
        for gid in sorted(canonical_ids):
            group = self.groups.get(gid)
            if group is not None and len(group.members) == 1 and gid not in self.described:
                continue  # one row: its own data says it all, and views read it as it is
            rows = conn.execute(
                select(t.c.id, t.c.name, t.c.data).where(t.c.canonical_id == gid).order_by(t.c.id)
            ).all()
            if not rows:
                continue
            own = next((r.data for r in rows if r.id == gid), None)
            if own is None:
                continue
            m = schema.mentions
            mentions = dict(conn.execute(
                select(m.c.entity_id, func.count()).where(m.c.entity_id.in_([r.id for r in rows]))
                .group_by(m.c.entity_id)).all())
            linked = merged_view(self.groups[gid].best_name() if gid in self.groups else own["name"], rows, mentions)
            previous = (own.get("linked") or {}).get("descriptions") or []
            descriptions = sorted(set(previous) | self.described.get(gid, set()))
            if descriptions:
                linked["descriptions"] = descriptions
            if own.get("linked") != linked:
                conn.execute(update(t).where(t.c.id == gid).values(data={**own, "linked": linked}))

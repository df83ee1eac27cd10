"""What every query of the read layer shares: filters, a page of results, SQL helpers, date bounds.

Every list is ordered by a key that ends in the record id, so that a page of results is the same page
each time it is asked for. Filters are optional; a filter that matches nothing gives an empty page.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Boolean, Date, String, and_, case, cast, false, func, or_, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from ..errors import DateError
from ..store import schema as S
from ..store.connect import SQLITE_LOWER
from ..timeframe import bound_day, parse_point

SNIPPET = 160


def connect(store) -> Connection:
    """Return a new read connection to a store (a ``Store`` or an ``Engine``); use it in a ``with``."""
    engine = store if isinstance(store, Engine) else store.engine
    return engine.connect()


@dataclass(slots=True)
class Filters:
    """What a list may be narrowed by; None or empty means "not filtered".

    ``entity``: an entity id, a name, an alias (a form the reports wrote it in) or a role, any case;
    ``since``/``until``: YYYY[-MM[-DD]], inclusive; a record dated at a coarser grain (a month, a year)
    is in the period when its period overlaps it.
    """

    type: str | None = None
    entity: str | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None
    article: str | None = None
    source: str | None = None


@dataclass(slots=True)
class Page:
    items: list[dict[str, Any]]
    total: int
    limit: int | None
    offset: int
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "limit": self.limit, "offset": self.offset, "items": self.items}


def check_bound(value: str | None, what: str = "date") -> str | None:
    """Return a YYYY[-MM[-DD]] bound as given (None for None or ""); raise DateError (naming ``what``)
    for anything ``timeframe.parse_point`` refuses."""
    if not value:
        return None
    try:
        parse_point(value)
    except DateError as exc:
        raise DateError(f"{what}: {exc}") from None
    return value.strip()


def _bound(value: str, what: str, *, end: bool) -> dt.date | None:
    """Return the first (or last) day of a bound (``timeframe.bound_day``: one the calendar does not have,
    2025-02-30, which the API's pattern lets through, is the nearest real day on its side); raise
    DateError naming ``what`` for one that is not YYYY[-MM[-DD]]."""
    try:
        return bound_day(value, end=end)
    except DateError as exc:
        raise DateError(f"{what}: {exc}") from None


class first_day(FunctionElement):
    """The first day of a stored YYYY[-MM[-DD]] date, as a date ("2025-02" -> 2025-02-01)."""

    type = Date()
    inherit_cache = True
    name = "first_day"


class last_day(FunctionElement):
    """The last day of a stored YYYY[-MM[-DD]] date, as a date ("2025-02" -> 2025-02-28)."""

    type = Date()
    inherit_cache = True
    name = "last_day"


# SQLite has no date type: its dates are ISO text, which orders as the calendar does (byte order)
@compiles(first_day)
def _first_day_sqlite(element, compiler, **kw):
    c = compiler.process(next(iter(element.clauses)), **kw)
    return f"(CASE length({c}) WHEN 4 THEN {c} || '-01-01' WHEN 7 THEN {c} || '-01' ELSE {c} END)"


@compiles(last_day)
def _last_day_sqlite(element, compiler, **kw):
    c = compiler.process(next(iter(element.clauses)), **kw)
    return (f"(CASE length({c}) WHEN 4 THEN {c} || '-12-31' "
            f"WHEN 7 THEN date({c} || '-01', '+1 month', '-1 day') ELSE {c} END)")


@compiles(first_day, "postgresql")
def _first_day_postgresql(element, compiler, **kw):
    c = compiler.process(next(iter(element.clauses)), **kw)
    return f"(CASE length({c}) WHEN 4 THEN {c} || '-01-01' WHEN 7 THEN {c} || '-01' ELSE {c} END)::date"


@compiles(last_day, "postgresql")
def _last_day_postgresql(element, compiler, **kw):
    c = compiler.process(next(iter(element.clauses)), **kw)
    return (f"(CASE length({c}) WHEN 4 THEN ({c} || '-12-31')::date "
            f"WHEN 7 THEN (({c} || '-01')::date + interval '1 month' - interval '1 day')::date ELSE {c}::date END)")


def date_range(column, since: str | None, until: str | None) -> list:
    """Return the conditions: the stored date in ``column`` (YYYY[-MM[-DD]], a range's start, a week's
    Monday) overlaps the period from ``since`` to ``until``; undated records are out when either bound
    is given.

    The overlap is decided on dates: the stored date's last day is on or after the period's first, its
    first day on or before the period's last (a record dated "2025-02" is in a period that starts on
    2025-02-10). Beside them, a comparison of the text that an index can read narrows the rows first;
    it keeps every row the dates keep under any collation, since it compares digits at the same places.
    Before, the bounds were compared as text alone, with a "~" appended to sort after every digit:
    true in the C collation, false under ICU or glibc locales, where "~" sorts before digits or is ignored.
    """
    conds = []
    if since:
        first = _bound(since, "since", end=False)
        conds += [column >= f"{first.year:04d}", last_day(column) >= first]
    if until:
        last = _bound(until, "until", end=True)
        conds += [column <= last.isoformat(), first_day(column) <= last] if last is not None else [false()]
    if since or until:
        conds.append(column.is_not(None))
    return conds


def from_source(outlet: str):
    """Return a condition on articles: their outlet is ``outlet``, in any case (the folded keys compare,
    beyond ASCII, the same on SQLite and PostgreSQL)."""
    return S.articles.c.source_key == S.fold(outlet)


def like_escaped(value: str) -> str:
    """Return ``value`` with LIKE's wildcards escaped (escape character: backslash)."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def like_pattern(value: str) -> str:
    return f"%{like_escaped(value)}%"


class contains_ci(FunctionElement):
    """``column`` contains a text, ignoring ASCII case: LIKE on SQLite (already case-blind, and lower()
    over every row would cost more than the match), ILIKE on PostgreSQL."""

    type = Boolean()
    inherit_cache = True
    name = "contains_ci"


def _like(element, compiler, kw, operator: str = "LIKE", wrap: str = "{}") -> str:
    """Return ``wrap(column) operator pattern ESCAPE '\\'`` for a (column, pattern) function element."""
    column, pattern = list(element.clauses)
    return f"{wrap.format(compiler.process(column, **kw))} {operator} {compiler.process(pattern, **kw)} ESCAPE '\\'"


@compiles(contains_ci)
def _contains_ci_default(element, compiler, **kw):
    return _like(element, compiler, kw)


@compiles(contains_ci, "postgresql")
def _contains_ci_postgresql(element, compiler, **kw):
    return _like(element, compiler, kw, "ILIKE")


class contains_lowered(FunctionElement):
    """``column`` lowered, every letter (not only A-Z), contains a lowered text: for a text beyond ASCII.
    SQLite lowers with Python's str.lower (a function the store registers on each connection), PostgreSQL
    with ICU's lower, whatever the database's locale (under C, its own lower() and ILIKE fold A-Z only)."""

    type = Boolean()
    inherit_cache = True
    name = "contains_lowered"


@compiles(contains_lowered)
def _contains_lowered_sqlite(element, compiler, **kw):
    return _like(element, compiler, kw, wrap=SQLITE_LOWER + "({})")


@compiles(contains_lowered, "postgresql")
def _contains_lowered_postgresql(element, compiler, **kw):
    return _like(element, compiler, kw, wrap='lower(({}) COLLATE "und-x-icu")')


class beyond_ascii(FunctionElement):
    """``column`` (a text) holds a character beyond ASCII: SQLite's GLOB and PostgreSQL's regular expressions
    both read the text as characters, whatever the collation."""

    type = Boolean()
    inherit_cache = True
    name = "beyond_ascii"


@compiles(beyond_ascii)
def _beyond_ascii_sqlite(element, compiler, **kw):
    (column,) = list(element.clauses)
    return f"({compiler.process(column, **kw)}) GLOB '*[^' || char(1) || '-' || char(127) || ']*'"


@compiles(beyond_ascii, "postgresql")
def _beyond_ascii_postgresql(element, compiler, **kw):
    (column,) = list(element.clauses)
    return f"({compiler.process(column, **kw)}) ~ '[^\\x01-\\x7F]'"


def contains(column, value: str):
    """Return a condition: ``column`` contains ``value`` in any case. An ASCII value takes the plain
    case-blind match (cheaper: no function over every row); one beyond ASCII lowers every letter."""
    if value.isascii():
        return contains_ci(column, like_pattern(value))
    return contains_lowered(column, like_pattern(value.lower()))


def json_contains(column, q: str):
    """Return a condition: the JSON text of ``column`` (a JSON column or a path into one) holds ``q``, in any
    case, as JSON writes it. The store writes letters beyond ASCII as themselves (``store.connect.dumps_json``;
    migration 10 rewrote older rows), so "Demirtaş" is found as it is; a quotation mark, a backslash or a
    control character in ``q`` is looked for in its escaped form."""
    return contains(cast(column, String), json.dumps(q, ensure_ascii=False)[1:-1])


def json_may_hold_word(column, word: str):
    """Return a condition no row whose JSON holds ``word`` (lower-case ASCII, folded as ``entity_key`` folds:
    "negociateur") fails: its JSON text holds it as written, or holds a letter beyond ASCII, which may be the
    word with its accents ("négociateur"). The rows it keeps are parsed and compared in Python."""
    return or_(json_contains(column, word), beyond_ascii(cast(column, String)))


def search(column, q: str, *paths: tuple[str, ...]):
    """Return a condition: ``q`` occurs (any case) in one of the JSON fields at ``paths``."""
    exact = or_(*[contains(func.coalesce(column[path].as_string(), ""), q) for path in paths])
    # a cheap scan of the raw JSON text first: only rows holding the text anywhere get parsed
    return and_(json_contains(column, q), exact)


def named(column, q: str):
    """Return a condition: ``column`` (an entity id) names an entity whose name holds ``q``."""
    return column.in_(select(S.entities.c.id).where(contains(S.entities.c.name, q)))


def nulls_last(column):
    return case((column.is_(None), 1), else_=0)


def page_of(conn: Connection, query, order, limit: int | None, offset: int, convert, key=None,
            total=True, counted=True, narrow=None, count=None) -> Page:
    """Return one page of ``query`` in ``order`` (``limit=None``: every row from ``offset`` on).

    ``total=False``: a preview in id order, uncounted; ``counted=False``: the page in ``order`` without
    counting every match (``total`` is then what was read), for callers that show no total.

    With ``key`` (the id column of a query that yields one row per id), the sort runs over the ids alone
    (``narrow``: a select of ``key`` with the same conditions, by default ``query``'s) and only the
    page's rows are read whole: sorting thousands of rows with their JSON data costs more than reading
    fifty twice. ``count``: a select of the number of matches, when it is cheaper written otherwise.
    """
    if key is None:
        rows = conn.execute(query.order_by(*order).limit(limit).offset(offset)).all()
        if counted:
            n = conn.execute(count if count is not None else
                             select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
        else:
            n = offset + len(rows)
        return Page(items=[convert(r) for r in rows], total=int(n), limit=limit, offset=offset)
    if narrow is None:
        narrow = query.with_only_columns(key)
    narrow = narrow.order_by(None)
    if total:
        ids = conn.execute(narrow.order_by(*order).limit(limit).offset(offset)).scalars().all()
        if counted:
            n = int(conn.execute(count if count is not None else
                                 narrow.with_only_columns(func.count(key))).scalar_one())
        else:
            n = offset + len(ids)
    else:
        # a preview: the first matches in id order, which the id index gives without sorting every
        # match, so the scan stops early; one more than asked says whether there are more
        ids = conn.execute(narrow.order_by(key).limit(None if limit is None else limit + 1)
                           .offset(offset)).scalars().all()
        n = offset + len(ids)
        ids = ids if limit is None else ids[:limit]
    if not ids:
        return Page(items=[], total=n, limit=limit, offset=offset)
    by_id = {}
    for chunk in range(0, len(ids), 500):  # bound the IN list of an unlimited page
        by_id.update({getattr(r, key.key): r for r in conn.execute(query.where(key.in_(ids[chunk:chunk + 500])))})
    return Page(items=[convert(by_id[i]) for i in ids], total=n, limit=limit, offset=offset)


# From this many matching index entries on, a filter counts as frequent: then reading rows in the wanted
# order and testing each (a correlated EXISTS) finds a page sooner than gathering every match and sorting
# them; for a rare value it is the other way round.
FREQUENT = 2000


def frequent(conn: Connection, matches) -> bool:
    """Return True when the select ``matches`` (an index range) yields ``FREQUENT`` rows or more."""
    n = conn.execute(select(func.count()).select_from(matches.limit(FREQUENT).subquery())).scalar_one()
    return n >= FREQUENT


def snippet(text: str | None) -> str:
    """Return the opening words of a text, cut at a word boundary: what stands in for a missing title."""
    text = " ".join((text or "").split())
    if len(text) < SNIPPET - 40:
        return text
    cut = text[: SNIPPET - 40].rsplit(" ", 1)[0]
    return cut + "…"


def with_id(data: dict | None, record_id: str, kind: str) -> dict[str, Any]:
    out = dict(data or {})
    out.setdefault("kind", kind)
    out["id"] = record_id
    return out

"""Dates on the ground floor: the one parser of ``YYYY[-MM[-DD]]``, of a publication date, and of the
interval of days a date stands for. Readers, extraction, linking and the web all call it.

Three meanings, one name each:

- a **point** is a calendar date written ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``YYYY-Www``: the
  ``Interval`` of days it covers (``parse_point`` refuses anything else with a ``DateError``; ``point_of``
  reads a stored value and gives None for one that is not a point, such as a duration ``P3Y``);
- an **interval** of a record's date (``{"value", "granularity"}``, or a range ``{"start", "end"}``) is
  ``interval_of``;
- a **publication date** is read strictly, since it anchors every relative date of its article and a wrong
  one silently shifts them all (``parse_published`` for readers, which warn and go on; ``check_published``
  for a caller that refuses, such as the web API). We never guess:

  - accepted: ISO dates and datetimes (``2025-04-17``, ``2025-04-17T10:30:00Z``), year-first numeric
    dates (``2025/04/17``), RFC 2822 (``Thu, 17 Apr 2025 10:30:00 +0000``), and written-out dates with
    the day, month name and year in any usual order (``April 17, 2025``, ``17 April 2025``,
    ``Apr. 17, 2025``, ``Thursday 17 April 2025 10:30 GMT``).
  - the date as written is kept (the outlet's local date); a time zone does not shift the day.
  - refused: all-numeric dates whose day and month could be swapped (``9/6/17``), dates without a day
    (``April 2025``), impossible dates (``2025-02-30``), impossible times or offsets
    (``2025-02-28T25:61:00Z``, ``+99:00``), years before 1900 (``0001-11-30`` is a placeholder, not a
    date) and dates more than a year after today.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
import warnings
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

from dateutil import parser as dateutil_parser

from .errors import DateError

EARLIEST_YEAR = 1900
# Offsets from UTC in use run from -12:00 to +14:00.
MAX_OFFSET_MINUTES = 14 * 60


# -- points and intervals ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Interval:
    """The days a date stands for, first and last included."""

    lo: dt.date
    hi: dt.date
    granularity: str  # day | week | month | year | range

    @property
    def exact_day(self) -> bool:
        return self.lo == self.hi

    @property
    def width(self) -> int:
        return (self.hi - self.lo).days


_POINT = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
POINT_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"


def parse_point(value: str) -> Interval:
    """Return the interval a ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``YYYY-Www`` string covers.

    Raises DateError for anything else, and for a date the calendar does not have (``2024-13``,
    ``2025-02-30``, year 0)."""
    text = value.strip() if isinstance(value, str) else value
    if not isinstance(text, str):
        raise DateError(f"{value!r} is not a date: give {POINT_FORMS}")
    try:
        if m := _POINT.match(text):
            year, month, day = int(m[1]), m[2], m[3]
            if day is not None:
                d = dt.date(year, int(month), int(day))
                return Interval(d, d, "day")
            if month is not None:
                mo = int(month)
                return Interval(dt.date(year, mo, 1), dt.date(year, mo, calendar.monthrange(year, mo)[1]), "month")
            return Interval(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
        if m := _WEEK.match(text):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return Interval(monday, monday + dt.timedelta(days=6), "week")
    except ValueError:
        raise DateError(f"{value!r} is not a real calendar date") from None
    raise DateError(f"{value!r} is not a date: give {POINT_FORMS}")


def bound_day(value: str, *, end: bool) -> dt.date | None:
    """Return the first day (or, ``end``, the last day) of a period bound written ``YYYY[-MM[-DD]]``.

    A bound of that shape that the calendar does not have (``2025-02-30``, ``2025-13``, year ``0000``: what
    a pattern of digits lets through) is the nearest real day on its side, as the text would order it:
    ``2025-02-30`` starts on 2025-03-01 and ends on 2025-02-28. None when no day ends it (year 0 as an
    end). Raises DateError for anything not of that shape."""
    try:
        point = parse_point(value)
        return point.hi if end else point.lo
    except DateError:
        m = _POINT.match(value.strip()) if isinstance(value, str) else None
        if m is None:
            raise
    year, month, day = int(m[1]), int(m[2] or (12 if end else 1)), m[3]
    if year == 0:
        return None if end else dt.date(1, 1, 1)
    if month == 0 or month > 12:  # before January, or after December
        return (dt.date(year - 1, 12, 31) if end else dt.date(year, 1, 1)) if month == 0 \
            else (dt.date(year, 12, 31) if end else dt.date(year + 1, 1, 1))
    length = calendar.monthrange(year, month)[1]
    first, last = dt.date(year, month, 1), dt.date(year, month, length)
    if day is None:
        return last if end else first
    if int(day) == 0:  # before the month's first day
        return first - dt.timedelta(days=1) if end else first
    return last if end else last + dt.timedelta(days=1)  # after the month's last day


def point_of(value: str | None) -> Interval | None:
    """Return the interval of a stored date value, or None when there is none or it is not a calendar
    point (a duration, a set, a TimeML reference such as ``PRESENT_REF``)."""
    if not value:
        return None
    try:
        return parse_point(value)
    except DateError:
        return None


def sortable(value: str | None) -> str | None:
    """Return the ``YYYY[-MM[-DD]]`` a stored date value sorts and is filtered by: a week's Monday, else
    the longest calendar point the value starts with ("2025-03-01T10:00" -> "2025-03-01", "2025-Q1" and
    "2025-SU" -> "2025", "2025-02-30" -> "2025-02"); None when it starts with none (a duration, a set,
    "PRESENT_REF")."""
    if not value:
        return None
    for candidate in dict.fromkeys((value, value[:10], value[:7], value[:4])):
        point = point_of(candidate)
        if point is not None:
            return point.lo.isoformat() if point.granularity == "week" else candidate.strip()
    return None


def day_of(value: str | None) -> dt.date | None:
    """Return the day of a ``YYYY-MM-DD`` value (an article's publication date), or None for none or a
    coarser or non-calendar value."""
    point = point_of(value)
    return point.lo if point is not None and point.granularity == "day" else None


def publication_day(published: str | None) -> dt.date | None:
    """Return the day an article's ``published`` value names: None when there is none or it names only a
    month or a year (nothing to anchor a relative date to). Raises DateError when it is not a date."""
    if not published:
        return None
    point = parse_point(published)
    return point.lo if point.granularity == "day" else None


def require_day(published: str) -> dt.date:
    """Return the day of a stored publication date: ``YYYY-MM-DD``, from 1900 on. Raises DateError for
    anything else (what ``Article`` checks, whichever way the article came in)."""
    point = parse_point(published)
    if point.granularity != "day":
        raise DateError(f"published: {published!r} is not a day: give YYYY-MM-DD")
    if point.lo.year < EARLIEST_YEAR:
        raise DateError(f"published: {published!r} is out of range (before {EARLIEST_YEAR})")
    return point.lo


def interval_of(data: dict[str, Any] | None) -> Interval | None:
    """Return the interval of a record's date (``{"value": ..., "granularity": ...}``, a range
    ``{"value": {"start", "end"}}``), or None when it has none (a duration, a set, no value)."""
    if not data:
        return None
    value = data.get("value")
    if isinstance(value, dict):
        start, end = point_of(value.get("start")), point_of(value.get("end"))
        if start and end and start.lo <= end.hi:
            return Interval(start.lo, end.hi, "range")
        return start or end
    if data.get("type") in ("duration", "set"):
        return None
    return point_of(value)


# -- publication dates --------------------------------------------------------------------------------

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*"
                  r"(?:Z|([+-])(\d{2}):?(\d{2})|[A-Z]{2,5})?)?$")
_YEAR_FIRST = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_ALL_NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
_YEAR_MONTH = re.compile(r"^\d{4}(?:-\d{1,2})?$")
_HAS_LETTERS = re.compile(r"[A-Za-z]")
_RFC2822 = re.compile(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}")
# a clock time and a numeric offset anywhere in a written-out date ("10:30 +0100", "25:61", "GMT+99:00")
_CLOCK = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\d:])")
_OFFSET = re.compile(r"(?:(?<=\s)|(?<=\d)|(?<=GMT)|(?<=UTC))([+-])(\d{2}):?(\d{2})$")


def check_published(value: object, *, today: dt.date | None = None) -> str | None:
    """Return the ``YYYY-MM-DD`` of a publication date, None for none; raise DateError for a bad one,
    with the reason ``parse_published`` would warn with."""
    published, warning = parse_published(value, today=today)
    if warning:
        raise DateError(warning.removesuffix("; left unset"))
    return published


def parse_published(value: object, *, today: dt.date | None = None) -> tuple[str | None, str | None]:
    """Return ``(YYYY-MM-DD, None)`` for a certain date, ``(None, warning)`` for a bad one.

    A missing value (None or blank) gives ``(None, None)``: no date is not an error.
    ``today`` bounds dates in the future (default: the current date).
    """
    if value is None:
        return None, None
    if isinstance(value, dt.datetime):
        return _checked(value.date(), repr(value.isoformat()), today)
    if isinstance(value, dt.date):
        return _checked(value, repr(value.isoformat()), today)
    if not isinstance(value, str):
        return None, f"date {value!r} is not a date string; left unset"
    raw = " ".join(value.split())
    if not raw:
        return None, None
    shown = repr(raw)

    match = _ISO.match(raw)
    if match:
        if bad := _bad_time(match[4], match[5], match[6], match[7], match[8], match[9]):
            return None, f"date {shown} has {bad}; left unset"
        return _from_parts(int(match[1]), int(match[2]), int(match[3]), shown, today)
    match = _YEAR_FIRST.match(raw)
    if match:
        return _from_parts(int(match[1]), int(match[2]), int(match[3]), shown, today)

    match = _ALL_NUMERIC.match(raw)
    if match:
        return _from_all_numeric(match, shown, today)

    if _YEAR_MONTH.match(raw):
        return None, f"date {shown} has no day; left unset"

    if not _HAS_LETTERS.search(raw):
        return None, f"date {shown} is not a date this reader knows; left unset"

    clock, offset = _CLOCK.search(raw), _OFFSET.search(raw)
    bad = _bad_time(*(clock.groups() if clock else (None, None, None)), *(offset.groups() if offset else (None,) * 3))
    if bad:
        return None, f"date {shown} has {bad}; left unset"

    if _RFC2822.match(raw):
        try:
            return _checked(parsedate_to_datetime(raw).date(), shown, today)
        except (TypeError, ValueError):
            pass  # not quite RFC 2822: the general parser below gets a chance
    return _from_words(raw, shown, today)


def _bad_time(hour, minute, second, sign, offset_hours, offset_minutes) -> str | None:
    """Return what is wrong with a clock time and offset as written (strings, None when absent), or None."""
    if hour is not None and (int(hour) > 23 or int(minute) > 59 or (second is not None and int(second) > 59)):
        return f"an impossible time ({hour}:{minute}{':' + second if second else ''})"
    if sign is not None and (int(offset_minutes) > 59
                             or int(offset_hours) * 60 + int(offset_minutes) > MAX_OFFSET_MINUTES):
        return f"an impossible offset from UTC ({sign}{offset_hours}:{offset_minutes})"
    return None


def _from_parts(year: int, month: int, day: int, shown: str, today: dt.date | None) -> tuple[str | None, str | None]:
    if year < EARLIEST_YEAR:
        return None, f"date {shown} is out of range (before {EARLIEST_YEAR}); left unset"
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None, f"date {shown} is not a real calendar date; left unset"
    return _checked(date, shown, today)


def _from_all_numeric(match: re.Match, shown: str, today: dt.date | None) -> tuple[str | None, str | None]:
    first, second, year_text = int(match[1]), int(match[2]), match[3]
    if first <= 12 and second <= 12 and first != second:
        return None, f"date {shown} is ambiguous (day/month order); left unset"
    if len(year_text) == 2:
        return None, f"date {shown} has a two-digit year; left unset"
    year = int(year_text)
    # one of the two numbers is over 12, so it can only be the day
    month, day = (first, second) if second > 12 else (second, first)
    return _from_parts(year, month, day, shown, today)


# two different defaults: a field that the text does not give comes out different in the two parses
_DEFAULT_A = dt.datetime(2001, 1, 1)
_DEFAULT_B = dt.datetime(2002, 2, 2)


def _from_words(raw: str, shown: str, today: dt.date | None) -> tuple[str | None, str | None]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # unknown time-zone names: the day as written is what we keep
        try:
            first = dateutil_parser.parse(raw, default=_DEFAULT_A, ignoretz=True)
            second = dateutil_parser.parse(raw, default=_DEFAULT_B, ignoretz=True)
        except (ValueError, OverflowError, TypeError):
            return None, f"date {shown} is not a date this reader knows; left unset"
    if first.date() != second.date():
        missing = [name for name, a, b in (("year", first.year, second.year), ("month", first.month, second.month),
                                           ("day", first.day, second.day)) if a != b]
        return None, f"date {shown} has no {' or '.join(missing)}; left unset"
    if re.search(r"\b\d{2}\b", raw) and not re.search(r"\b\d{4}\b", raw):
        return None, f"date {shown} has a two-digit year; left unset"
    return _checked(first.date(), shown, today)


def _checked(date: dt.date, shown: str, today: dt.date | None) -> tuple[str | None, str | None]:
    if date.year < EARLIEST_YEAR:
        return None, f"date {shown} is out of range (before {EARLIEST_YEAR}); left unset"
    today = today or dt.date.today()
    try:
        latest = today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        latest = today + dt.timedelta(days=365)
    if date > latest:
        return None, f"date {shown} is more than a year in the future; left unset"
    return date.isoformat(), None

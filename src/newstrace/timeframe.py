"""Publication dates read strictly: a date is either certain to the day, or left unset with a warning.

An article's publication date anchors every relative date in it ("on Wednesday", "last February"),
so a wrong one silently shifts every resolved date of the article. We therefore never guess:

- accepted: ISO dates and datetimes (``2025-04-17``, ``2025-04-17T10:30:00Z``), year-first numeric
  dates (``2025/04/17``), RFC 2822 (``Thu, 17 Apr 2025 10:30:00 +0000``), and written-out dates with
  the day, month name and year in any usual order (``April 17, 2025``, ``17 April 2025``,
  ``Apr. 17, 2025``, ``Thursday 17 April 2025 10:30 GMT``).
- the date as written is kept (the outlet's local date); a time zone does not shift the day.
- refused, with a warning: all-numeric dates whose day and month could be swapped (``9/6/17``),
  dates without a day (``April 2025``), impossible dates (``2025-02-30``), years before 1900
  (``0001-11-30`` is a placeholder, not a date) and dates more than a year after today.
"""
from __future__ import annotations

import datetime as dt
import re
import warnings
from email.utils import parsedate_to_datetime

EARLIEST_YEAR = 1900

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{2,5})?)?$")
_YEAR_FIRST = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_ALL_NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
_YEAR_MONTH = re.compile(r"^\d{4}(?:-\d{1,2})?$")
_HAS_LETTERS = re.compile(r"[A-Za-z]")
_RFC2822 = re.compile(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}")


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

    match = _ISO.match(raw) or _YEAR_FIRST.match(raw)
    if match:
        return _from_parts(int(match[1]), int(match[2]), int(match[3]), shown, today)

    match = _ALL_NUMERIC.match(raw)
    if match:
        return _from_all_numeric(match, shown, today)

    if _YEAR_MONTH.match(raw):
        return None, f"date {shown} has no day; left unset"

    if not _HAS_LETTERS.search(raw):
        return None, f"date {shown} is not a date this reader knows; left unset"

    if _RFC2822.match(raw):
        try:
            return _checked(parsedate_to_datetime(raw).date(), shown, today)
        except (TypeError, ValueError):
            pass  # not quite RFC 2822: the general parser below gets a chance
    return _from_words(raw, shown, today)


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
    from dateutil import parser as dateutil_parser

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

"""Calendar arithmetic for date resolution, the DateValue shapes it produces, and their TimeML form.

Conventions (see docs/ACCURACY.md "## Dates"):
- a day, month, year or ISO week is ``kind="date"`` with ``value`` YYYY-MM-DD, YYYY-MM, YYYY or YYYY-Www;
- a quarter, half year, season, decade or century is ``kind="range"`` with ``start``/``end`` and a
  ``rule`` naming the period, so that its TimeML value ("1998-Q3", "1998-SU", "199", "19") can be derived;
- "now"/"currently" is the publication day with rule ``present_ref``; vague past/future references
  ("recently", "the future") have no value and rule ``past_ref``/``future_ref``;
- durations are ``kind="duration"`` and recurrences ``kind="set"``, both with a TimeML value ("P3Y",
  "XXXX-WXX-1") in ``value``.
"""
from __future__ import annotations

import calendar
import datetime as dt

from ...records import DateValue

NO_ANCHOR_NOTE = "no publication date to anchor a relative date"


def shift_months(year: int, month: int, n: int) -> tuple[int, int]:
    """Return (year, month) n months after (year, month); n may be negative."""
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def shift_date(day: dt.date, *, years: int = 0, months: int = 0, days: int = 0) -> dt.date:
    """Return ``day`` moved by calendar years and months (clamped to the month's end) and days."""
    y, m = shift_months(day.year, day.month, years * 12 + months)
    last = calendar.monthrange(y, m)[1] if 1 <= y <= 9999 else 28
    return dt.date(y, m, min(day.day, last)) + dt.timedelta(days=days)


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """Return the nth ISO weekday (1 = Monday) of a month; nth -1 is the last one."""
    if nth > 0:
        first = dt.date(year, month, 1)
        offset = (weekday - first.isoweekday()) % 7
        return first + dt.timedelta(days=offset + 7 * (nth - 1))
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


# --- DateValue shapes -------------------------------------------------------------------------

def day_value(text: str, day: dt.date, rule: str, note: str = "") -> DateValue:
    return DateValue(value=day.isoformat(), granularity="day", text=text, rule=rule, note=note)


def month_value(text: str, year: int, month: int, rule: str) -> DateValue:
    return DateValue(value=f"{year:04d}-{month:02d}", granularity="month", text=text, rule=rule)


def year_value(text: str, year: int, rule: str) -> DateValue:
    return DateValue(value=f"{year:04d}", granularity="year", text=text, rule=rule)


def week_value(text: str, day: dt.date, rule: str) -> DateValue:
    return DateValue(value=iso_week(day), granularity="week", text=text, rule=rule)


def period_value(text: str, start: str, end: str, granularity: str, rule: str) -> DateValue:
    """Return a calendar period written as one expression (quarter, season, decade...)."""
    return DateValue(value=None, granularity=granularity, text=text, start=start, end=end,
                     kind="range", rule=rule)


def quarter_value(text: str, year: int, quarter: int, rule: str = "quarter") -> DateValue:
    first = 3 * (quarter - 1) + 1
    return period_value(text, f"{year:04d}-{first:02d}", f"{year:04d}-{first + 2:02d}", "month", rule)


def half_value(text: str, year: int, half: int) -> DateValue:
    first = 1 if half == 1 else 7
    return period_value(text, f"{year:04d}-{first:02d}", f"{year:04d}-{first + 5:02d}", "month", "half")


def season_value(text: str, year: int, start_month: int, end_month: int) -> DateValue:
    end_year = year + 1 if end_month < start_month else year
    return period_value(text, f"{year:04d}-{start_month:02d}", f"{end_year:04d}-{end_month:02d}",
                        "month", "season")


def decade_value(text: str, first_year: int) -> DateValue:
    return period_value(text, f"{first_year:04d}", f"{first_year + 9:04d}", "year", "decade")


def century_value(text: str, first_year: int) -> DateValue:
    return period_value(text, f"{first_year:04d}", f"{first_year + 99:04d}", "year", "century")


def unresolved(text: str, granularity: str, rule: str, note: str = NO_ANCHOR_NOTE) -> DateValue:
    return DateValue(value=None, granularity=granularity, text=text, rule=rule, note=note)


def value_start(value: DateValue) -> dt.date | None:
    """Return the first day a resolved DateValue covers, or None."""
    text = value.value if value.kind == "date" else value.start
    if not text or value.kind in ("duration", "set"):
        return None
    if "-W" in text:
        year, week = text.split("-W")
        return dt.date.fromisocalendar(int(year), int(week), 1)
    parts = [int(p) for p in text.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return safe_date(*parts)


# --- TimeML -----------------------------------------------------------------------------------

_SEASON_CODES = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}


def to_timeml(value: DateValue) -> str | None:
    """Return the TimeML 1.2 value of a DateValue ("1998-Q3", "PRESENT_REF", "P3Y"), or None."""
    rule = value.rule.split("+")[0]
    if value.kind in ("duration", "set"):
        return value.value
    if rule == "present_ref":
        return "PRESENT_REF"
    if rule == "past_ref":
        return "PAST_REF"
    if rule == "future_ref":
        return "FUTURE_REF"
    if value.kind == "range" and value.start:
        start = value.start
        if rule.startswith("quarter"):
            return f"{start[:4]}-Q{quarter_of(int(start[5:7]))}"
        if rule == "half":
            return f"{start[:4]}-H{1 if start[5:7] == '01' else 2}"
        if rule == "season":
            return f"{start[:4]}-{_SEASON_CODES.get(int(start[5:7]), 'XX')}"
        if rule == "decade":
            return start[:3]
        if rule == "century":
            return start[:2]
        return start
    if rule == "weekend" and value.value:
        return value.value + "-WE"
    return value.value


GRANULARITY_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3}

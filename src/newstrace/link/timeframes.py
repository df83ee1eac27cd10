"""Dates as intervals of days, so that a day, a month and a range can be compared.

"last February" resolved to 2025-02 is the interval 2025-02-01..2025-02-28; it is compatible with a
report dated 2025-02-15. Two day-exact dates are compatible within ``DAY_SLACK`` days: reports of one
event often date it a day apart (time zones, "overnight", publication vs event day).
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

DAY_SLACK = 1
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_RANK = {"day": 3, "week": 2, "month": 1, "year": 0}


@dataclass(frozen=True, slots=True)
class Interval:
    lo: date
    hi: date
    granularity: str  # day | week | month | year | range

    @property
    def exact_day(self) -> bool:
        return self.lo == self.hi

    @property
    def width(self) -> int:
        return (self.hi - self.lo).days


def parse_point(value: str | None, granularity: str | None = None) -> Interval | None:
    """Return the interval a YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www string covers, or None."""
    if not value:
        return None
    value = value.strip()
    try:
        if m := _DAY.match(value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return Interval(d, d, "day")
        if m := _MONTH.match(value):
            y, mo = int(m[1]), int(m[2])
            return Interval(date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1]), "month")
        if m := _WEEK.match(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return Interval(monday, monday + timedelta(days=6), "week")
        if m := _YEAR.match(value):
            y = int(m[1])
            return Interval(date(y, 1, 1), date(y, 12, 31), "year")
    except ValueError:
        return None
    return None


def parse_date(data: dict[str, Any] | None) -> Interval | None:
    """Return the interval of an export date dict (``{"value": ..., "granularity": ...}``), or None."""
    if not data:
        return None
    value = data.get("value")
    if isinstance(value, dict):
        start, end = parse_point(value.get("start")), parse_point(value.get("end"))
        if start and end and start.lo <= end.hi:
            return Interval(start.lo, end.hi, "range")
        return start or end
    if data.get("type") in ("duration", "set"):
        return None
    return parse_point(value)


def compatible(a: Interval, b: Interval) -> bool:
    """Return True when two dates can be the date of one event."""
    if a.exact_day and b.exact_day:
        return abs((a.lo - b.lo).days) <= DAY_SLACK
    # a day may sit a day outside a coarser date ("overnight", time zones); two coarse dates that only
    # touch ("2016" and "2017", "December" and "January") are two periods
    slack = timedelta(days=DAY_SLACK if a.exact_day or b.exact_day else 0)
    return a.lo - slack <= b.hi and b.lo - slack <= a.hi


def distance(a: Interval, b: Interval) -> int:
    """Return days between the intervals' nearest ends (0 when they overlap)."""
    if a.hi < b.lo:
        return (b.lo - a.hi).days
    if b.hi < a.lo:
        return (a.lo - b.hi).days
    return 0


def precision(i: Interval) -> tuple[int, int]:
    """Return a sort key: narrower intervals are more precise."""
    return (-i.width, _RANK.get(i.granularity, 1))


def day(value: str | None) -> date | None:
    """Return the date of a YYYY-MM-DD string (the article's publication date), or None."""
    point = parse_point(value)
    return point.lo if point is not None and point.granularity == "day" else None

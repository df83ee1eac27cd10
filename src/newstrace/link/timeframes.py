"""When two dates can be the date of one event: comparison rules over the intervals of ``timeframe``.

"last February" resolved to 2025-02 is the interval 2025-02-01..2025-02-28; it is compatible with a
report dated 2025-02-15. Two day-exact dates are compatible within ``DAY_SLACK`` days: reports of one
event often date it a day apart (time zones, "overnight", publication vs event day).
"""
from __future__ import annotations

from datetime import timedelta

from ..timeframe import Interval

DAY_SLACK = 1
_RANK = {"day": 3, "week": 2, "month": 1, "year": 0}


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

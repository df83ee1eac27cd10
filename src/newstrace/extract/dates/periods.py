"""Calendar periods for resolve_date(): quarters, halves, seasons, decades and the anaphora of reports.

A mixin of the resolver: each method reads ``self.text``, ``self.anchor`` (the publication date),
``self.tense`` and ``self.reference`` (the date the text last stated) and returns a DateValue or None.
"""
from __future__ import annotations

import re

from ...records import DateValue
from . import calendar as cal
from .patterns import decade_words
from .patterns import patterns as _patterns
from .patterns import year_of as _year_of


def _ends_with_period(m: re.Match) -> bool:
    return m.string.endswith("period")


class PeriodRules:
    """Quarter, half-year, season and decade rules, and "the year-ago quarter"-style anaphora."""

    def _decade(self, m: re.Match) -> DateValue:
        if m[1]:
            return cal.decade_value(self.text, int(m[1]) * 10)
        tens = int(m[2]) if m[2] else decade_words()[m[3]]
        base = self.anchor.year if self.anchor else 2000
        first = (base // 100) * 100 + tens * 10
        if first > base:
            first -= 100
        return cal.decade_value(self.text, first)

    def _quarter(self, m: re.Match) -> DateValue | None:
        word = m[2]
        n = int(word[1]) if word.startswith("q") and len(word) == 2 else self.lx.ordinals.get(word)
        if n == -1:
            n = 4
        if not n or not 1 <= n <= 4:
            return None
        year_text = m[1] or m[3]
        if year_text and year_text.endswith(" year"):
            if self.anchor is None:
                return cal.unresolved(self.text, "month", "quarter")
            step = {"this": 0, "last": -1, "next": 1}[year_text.split()[0]]
            return cal.quarter_value(self.text, self.anchor.year + step, n)
        if year_text:
            return cal.quarter_value(self.text, _year_of(year_text, self.anchor), n)
        a = self.anchor
        if a is None:
            return cal.unresolved(self.text, "month", "quarter")
        first_month = 3 * (n - 1) + 1
        if self.tense == "future":  # results of a quarter are reported up to two months after it ends
            year = a.year if first_month + 4 >= a.month else a.year + 1
        else:
            year = a.year if first_month <= a.month else a.year - 1
        return cal.quarter_value(self.text, year, n)

    def _quarter_of_year(self, m: re.Match) -> DateValue | None:
        """Return "the year-ago third quarter", "last year's quarter", "the 1988 quarter", "the quarter a year ago"."""
        a = self.anchor
        if m.re is _patterns()["quarter_year_ago"]:
            year_word, ordinal, noun = "year ago", None, m[1]
        else:
            year_word, ordinal, noun = m[1], m[2], ("period" if _ends_with_period(m) else "quarter")
        if ordinal is not None:
            n = self.lx.ordinals.get(ordinal, 0)
            n = 4 if n == -1 else n
            if not 1 <= n <= 4:
                return None
        elif self.reference is not None and self.reference.rule.startswith("quarter") and self._ref_day():
            ref = self._ref_day()
            n = cal.quarter_of(ref.month)
        elif noun == "period" or a is None:
            return None if a is not None else cal.unresolved(self.text, "month", "quarter")
        else:
            _, mo = cal.shift_months(a.year, a.month, -3)
            n = cal.quarter_of(mo)
        if re.fullmatch(r"\d{4}|'\d\d", year_word):
            return cal.quarter_value(self.text, _year_of(year_word, a), n)
        if a is None:
            return cal.unresolved(self.text, "month", "quarter")
        base = self._ref_day() if self.reference is not None and self.reference.rule.startswith("quarter") else a
        if year_word in ("this year", "current year"):
            year = a.year
        elif year_word == "next year":
            year = a.year + 1
        elif year_word == "last year":
            year = a.year - 1
        else:  # year-ago: a year before the quarter in question
            year = (base.year if ordinal is None else a.year) - 1
        return cal.quarter_value(self.text, year, n, "quarter_year_ago")

    def _half(self, m: re.Match) -> DateValue | None:
        half = 1 if m[2] in ("first", "1st", "front") else 2
        year_text = m[1] or m[3]
        if year_text:
            return cal.half_value(self.text, _year_of(year_text, self.anchor), half)
        a = self.anchor
        if a is None:
            return cal.unresolved(self.text, "month", "half")
        year = a.year if self.tense == "future" or half == 1 or a.month >= 7 else a.year - 1
        return cal.half_value(self.text, year, half)

    def _season(self, m: re.Match) -> DateValue | None:
        relation, year_text = m[1], m[2] or m[4]
        spec = self.lx.seasons[m[3]]
        start, end = spec["start"], spec["end"]
        if year_text:
            return cal.season_value(self.text, _year_of(year_text, self.anchor), start, end)
        a = self.anchor
        if a is None:
            return cal.unresolved(self.text, "month", "season")
        # the season of this year that has started by publication (winter starts in December)
        in_season = (a.month >= start or a.month <= end) if end < start else (start <= a.month <= end)
        this_year = a.year - 1 if (end < start and a.month <= end) else a.year
        started = in_season or (a.month > start if end >= start else False)
        direction = self.lx.relations.get(relation)
        if direction == "back":
            year = this_year - 1 if in_season or not started else this_year
        elif direction == "ahead":
            year = this_year + 1 if started else this_year
        elif direction == "current" or self.tense == "present":
            year = this_year
        elif self.tense == "future":
            year = this_year if (in_season or not started) else this_year + 1
        else:
            year = this_year if started else this_year - 1
        return cal.season_value(self.text, year, start, end)

    def _year_ago(self, noun: str | None) -> DateValue | None:
        ref = self._ref_day()
        if ref is None:
            return cal.unresolved(self.text, "year", "year_ago")
        if self.reference is not None and self.reference.rule.startswith("quarter"):
            return cal.quarter_value(self.text, ref.year - 1, cal.quarter_of(ref.month), "quarter_year_ago")
        if noun == "quarter":
            return None
        if self.reference is not None and self.reference.granularity == "month" and self.reference.kind == "date":
            return cal.month_value(self.text, ref.year - 1, ref.month, "year_ago")
        return cal.year_value(self.text, ref.year - 1, "year_ago")

    def _latest_period(self, which: str, noun: str) -> DateValue | None:
        a = self.anchor
        if a is None:
            return cal.unresolved(self.text, "month", "latest_period")
        if which == "same" and self.reference is not None:
            return self.reference if self.reference.resolved else None
        pointer = which in self.lx.period_pointers  # "the", "that", "fiscal": a period not named
        if pointer and noun != "quarter":
            if noun == "period" or which == "that":
                return None
            return self._relative_unit("the", noun)
        if pointer and which != "this" and self.reference is not None \
                and self.reference.granularity == "day" and self.reference.rule == "period_end":
            ref = self._ref_day()
            return cal.quarter_value(self.text, ref.year, cal.quarter_of(ref.month), "quarter_latest")
        if which == "this":
            return cal.quarter_value(self.text, a.year, cal.quarter_of(a.month), "quarter_current")
        if noun in ("quarter", "period"):
            if self.reference is not None and self.reference.rule.startswith("quarter") and \
                    not self.reference.rule.endswith("year_ago"):
                ref = self._ref_day()
                return cal.quarter_value(self.text, ref.year, cal.quarter_of(ref.month), "quarter_latest")
            if noun == "period":
                return None
            if which == "current":
                return cal.quarter_value(self.text, a.year, cal.quarter_of(a.month), "quarter_current")
            y, mo = cal.shift_months(a.year, a.month, -3)
            return cal.quarter_value(self.text, y, cal.quarter_of(mo), "quarter_latest")
        if which == "current":
            return self._unit_at(a, noun, 0, "relative_unit")
        return self._unit_at(a, noun, -1, "relative_unit")

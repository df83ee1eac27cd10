"""resolve_date(): one temporal expression, as written, to a DateValue anchored on the publication date.

A rule resolver: the expression is normalized ("Jan. 19," -> "jan 19"), stripped of prepositions and of
modifiers that do not change its value ("early", "the end of"), then matched against one pattern per
shape of expression. Relative expressions use the publication date as anchor and the tense of the
clause to choose between the past and the next occurrence ("on Wednesday" in a past-tense report is the
Wednesday before publication; "will meet on Monday" is the next Monday). Anaphoric expressions ("the
next day", "a year earlier") use ``reference``, the date the text last mentioned, when it is given.
"""
from __future__ import annotations

import datetime as dt
import re

from ...records import DateValue
from ...timeframe import publication_day
from . import calendar as cal
from .lexicon import lexicon, number_value, unit_name
from .patterns import CLOCK_TIME, NOT_A_DATE, normalize
from .patterns import patterns as _patterns
from .patterns import strip_neutral as _strip
from .patterns import vague_reference as _vague
from .patterns import year_of as _year_of
from .periods import PeriodRules

TENSES = ("past", "present", "future")
# How far ahead of publication a day or month named in a past-tense clause may still lie: the parse's
# tense is noisy and reports name coming deadlines in past-tense clauses ("extended the offer to Nov. 20").
PAST_FORWARD_DAYS = 60
PAST_FORWARD_MONTHS = 1


class _Resolver(PeriodRules):
    """Resolves one normalized expression; a method per pattern, returning a DateValue or None."""

    def __init__(self, text: str, published: str | None, tense: str, reference: DateValue | None,
                 at_time: bool = False) -> None:
        self.text = text
        self.anchor = publication_day(published)
        self.tense = tense
        self.at_time = at_time
        self.reference = reference
        self.lx = lexicon()

    # -- anchors -------------------------------------------------------------------------------
    def _ref_day(self) -> dt.date | None:
        """Return the day the text last mentioned (anaphora), else the publication date."""
        if self.reference is not None and self.reference.kind in ("date", "range"):
            day = cal.value_start(self.reference)
            if day is not None:
                return day
        return self.anchor

    def _pick_year(self, month: int, day: int | None, explicit: str | None, relation: str | None = None) -> int:
        """Return the year of a month (and day) written without one, by relation word or tense."""
        a = self.anchor
        assert a is not None
        cur = (a.month, a.day if day is not None else 0)
        target = (month, day or 0)
        direction = self.lx.relations.get(relation)
        if direction == "back":
            return a.year if (month < a.month) else a.year - 1
        if direction == "ahead":
            return a.year if month > a.month else a.year + 1
        if direction in ("current", "same"):
            return a.year
        if self.tense == "future":
            return a.year if target >= cur else a.year + 1
        if self.tense == "past":
            if target <= cur:
                return a.year
            if self.at_time:
                return a.year - 1  # "was released in June", "bombed the base on June 3": when it happened
            # a past-tense clause still often names a coming deadline ("extended the offer to Nov. 20")
            if day is not None:
                ahead = (dt.date(a.year, month, min(day, 28)) - a).days
                return a.year if ahead <= PAST_FORWARD_DAYS else a.year - 1
            return a.year if month - a.month <= PAST_FORWARD_MONTHS else a.year - 1
        # present tense: the nearest occurrence
        candidates = [(abs((y * 12 + month) - (a.year * 12 + a.month)), y) for y in (a.year - 1, a.year, a.year + 1)]
        return min(candidates)[1]

    def _weekday(self, weekday: int, relation: str | None) -> dt.date:
        a = self.anchor
        assert a is not None
        back = (a.isoweekday() - weekday) % 7
        ahead = (weekday - a.isoweekday()) % 7
        direction = self.lx.relations.get(relation)
        if direction == "back":
            return a - dt.timedelta(days=back or 7)
        if direction == "ahead":
            return a + dt.timedelta(days=ahead or 7)
        if direction == "same" and relation != "the":
            ref = self._ref_day() or a
            return ref + dt.timedelta(days=(weekday - ref.isoweekday()) % 7)
        # a weekday in a present-tense clause is a schedule ("meets Monday", "plans Tuesday")
        if self.tense in ("future", "present"):
            return a + dt.timedelta(days=ahead)
        return a - dt.timedelta(days=back)

    # -- the patterns, in order ----------------------------------------------------------------
    def resolve(self, s: str) -> DateValue | None:
        pt = _patterns()
        t = self.text
        for name in ("iso", "us_numeric", "compact"):
            m = pt[name].fullmatch(s)
            if m:
                if name == "us_numeric":
                    mo, d, y = int(m[1]), int(m[2]), int(m[3])
                    y = y + (1900 if y > 30 else 2000) if y < 100 else y
                else:
                    y, mo, d = int(m[1]), int(m[2]), int(m[3])
                day = cal.safe_date(y, mo, d)
                return cal.day_value(t, day, "numeric_date") if day else None
        m = pt["iso_month"].fullmatch(s)
        if m:
            return cal.month_value(t, int(m[1]), int(m[2]), "numeric_month")
        m = pt["month_day"].fullmatch(s) or pt["day_month"].fullmatch(s)
        if m:
            if m.re is pt["month_day"]:
                month_word, day_text, year_text = m[2], m[3], m[4]
            else:
                day_text, month_word, year_text = m[2], m[3], m[4]
            weekday = self.lx.weekdays.get(m[1]) if m[1] else None
            day_number = int(day_text) if day_text.isdigit() else self.lx.ordinals.get(day_text, 0)
            if day_number < 1:
                return None
            return self._month_day(self.lx.months[month_word], day_number, year_text, weekday)
        m = pt["month_relative_year"].fullmatch(s)
        if m:
            if self.anchor is None:
                return cal.unresolved(t, "month", "month")
            step = {"this": 0, "last": -1, "next": 1}[m[2]]
            return cal.month_value(t, self.anchor.year + step, self.lx.months[m[1]], "month_year")
        m = pt["month_year"].fullmatch(s)
        if m:
            return cal.month_value(t, _year_of(m[2], self.anchor), self.lx.months[m[1]], "month_year")
        m = pt["month"].fullmatch(s)
        if m:
            if self.anchor is None:
                return cal.unresolved(t, "month", "month")
            month = self.lx.months[m[2]]
            return cal.month_value(t, self._pick_year(month, None, None, m[1]), month, "month")
        m = pt["holiday"].fullmatch(s)
        if m:
            return self._holiday(m[2], m[3], m[1])
        m = pt["relative_day"].fullmatch(s) or pt["this_pod"].fullmatch(s)
        if m:
            return self._relative_day(m[1], m[2])
        m = pt["weekday"].fullmatch(s) or pt["pod_weekday"].fullmatch(s)
        if m:
            if m.re is pt["pod_weekday"]:
                relation, weekday, week_rel = None, m[2], None
            else:
                relation, weekday, week_rel = m[1], m[2], m[4]
            if self.anchor is None:
                return cal.unresolved(t, "day", "weekday")
            if week_rel:
                relation = {"last": "last", "next": "next"}.get(week_rel, relation)
            day = self._weekday(self.lx.weekdays[weekday], relation)
            return cal.day_value(t, day, f"weekday_{relation or self.tense}")
        m = pt["week_of"].fullmatch(s)
        if m:
            inner = self.resolve(m[1])
            day = cal.value_start(inner) if inner is not None and inner.granularity == "day" else None
            return cal.week_value(t, day, "week_of") if day else None
        m = pt["weekend"].fullmatch(s)
        if m:
            return self._weekend(m[1])
        m = pt["year"].fullmatch(s)
        if m:
            return cal.year_value(t, _year_of(m[1], self.anchor), "year")
        m = pt["year_two_thousand"].fullmatch(s)
        if m:
            return cal.year_value(t, 2000 + int(number_value(m[1]) or 0) if m[1] else 2000, "year_words")
        m = pt["word_year"].fullmatch(s)
        if m:
            tail = number_value(m[2].replace("oh ", "")) or 0
            return cal.year_value(t, int(number_value(m[1]) or 0) * 100 + int(tail), "year_words")
        m = pt["decade"].fullmatch(s)
        if m:
            return self._decade(m)
        m = pt["century"].fullmatch(s)
        if m:
            n = int(re.sub(r"\D", "", m[1])) if m[1][0].isdigit() else self.lx.ordinals.get(m[1], 0)
            return cal.century_value(t, (n - 1) * 100) if n > 0 else None
        m = pt["quarter"].fullmatch(s)
        if m and (m[2].startswith("q") or "quarter" in s or "qtr" in s):
            return self._quarter(m)
        m = pt["quarter_of_year"].fullmatch(s) or pt["quarter_year_ago"].fullmatch(s)
        if m:
            return self._quarter_of_year(m)
        m = re.fullmatch(r"(?:the )?(?:first|second|last|latter|early|late|middle) (?:half|part|years) of (.+)", s)
        if m:  # "the last half of the '80s" is, in value, the decade
            inner = self.resolve(m[1])
            if inner is not None and inner.rule in ("decade", "century"):
                return DateValue(value=None, granularity=inner.granularity, text=t, start=inner.start, end=inner.end,
                                 kind="range", rule=inner.rule)
        m = pt["half"].fullmatch(s)
        if m:
            return self._half(m)
        m = pt["season"].fullmatch(s)
        if m:
            return self._season(m)
        m = pt["relative_unit"].fullmatch(s)
        if m and m[2].endswith("s") and m[2] != "weekends":  # "coming months", "past years": no calendar value
            future = self.lx.relations.get(m[1]) == "ahead"
            return DateValue(value=None, granularity="year", text=t, rule="future_ref" if future else "past_ref",
                             note="a vague reference to the " + ("future" if future else "past"))
        if m:
            return self._relative_unit(m[1], unit_name(m[2]))
        m = pt["ago"].fullmatch(s)
        if m:
            return self._ago(m[1], unit_name(m[2]), m[3])
        m = pt["anaphoric_unit"].fullmatch(s)
        if m:
            return self._ago("1", unit_name(m[1]), m[2])
        m = pt["year_ago"].fullmatch(s)
        if m:
            return self._year_ago(m[2])
        m = pt["latest_period"].fullmatch(s)
        if m:
            return self._latest_period(m[1], m[2])
        m = pt["set_every"].fullmatch(s) or pt["set_adverb"].fullmatch(s) or pt["set_rate"].fullmatch(s) \
            or pt["set_weekdays"].fullmatch(s)
        if m:
            return self._set(m)
        m = pt["duration"].fullmatch(s)
        if m:
            return self._duration(m[1], m[2])
        m = pt["bare_units"].fullmatch(s)
        if m and m[1].endswith("s"):
            code = self.lx.units[unit_name(m[1])]["code"]
            return DateValue(value=f"PX{code}", granularity="year", text=t, kind="duration", rule="duration_vague")
        return None

    # -- handlers ------------------------------------------------------------------------------
    def _month_day(self, month: int, day: int, year_text: str | None, weekday: int | None = None
                   ) -> DateValue | None:
        if year_text:
            date = cal.safe_date(_year_of(year_text, self.anchor), month, day)
            return cal.day_value(self.text, date, "month_day_year") if date else None
        if cal.safe_date(2000, month, day) is None:
            return None
        if self.anchor is None:
            return cal.unresolved(self.text, "day", "month_day")
        year = self._pick_year(month, day, None)
        if weekday is not None:  # "Monday, Oct. 26": the year in which Oct. 26 is a Monday, nearest first
            for y in (year, year + 1, year - 1):
                d = cal.safe_date(y, month, day)
                if d is not None and d.isoweekday() == weekday:
                    year = y
                    break
        date = cal.safe_date(year, month, day) or cal.safe_date(year, month, day - 1)
        return cal.day_value(self.text, date, "month_day")

    def _holiday(self, name: str, year_text: str | None, relation: str | None = None) -> DateValue | None:
        spec = self.lx.holidays[name]
        if year_text is None and self.anchor is None:
            return cal.unresolved(self.text, "day", "holiday")
        year = _year_of(year_text, self.anchor) if year_text else None

        def on(y: int) -> dt.date:
            if "day" in spec:
                return dt.date(y, spec["month"], spec["day"])
            d = cal.nth_weekday(y, spec["month"], spec["weekday"], spec["nth"])
            return d + dt.timedelta(days=1) if spec.get("after_monday") and d.day == 1 else d

        if year is None:
            a = self.anchor
            assert a is not None
            this = on(a.year)
            if relation == "last":
                year = a.year if this < a else a.year - 1
            elif relation == "next":
                year = a.year if this > a else a.year + 1
            elif relation == "this":
                year = a.year
            elif self.tense == "future":
                year = a.year if this >= a else a.year + 1
            else:
                year = a.year if this <= a else a.year - 1
        return cal.day_value(self.text, on(year), "holiday")

    def _relative_day(self, word: str, part: str | None) -> DateValue | None:
        a = self.anchor
        if a is None:
            return cal.unresolved(self.text, "day", "relative_day")
        if word == "last":  # "last night": the night before publication
            offset = -1 if part in ("night", "evening") else 0
        else:  # "this morning" is the publication day
            offset = 0 if word == "this" else self.lx.day_offsets[word]
        return cal.day_value(self.text, a + dt.timedelta(days=offset), "relative_day")

    def _weekend(self, relation: str | None) -> DateValue | None:
        a = self.anchor
        if a is None:
            return cal.unresolved(self.text, "week", "weekend")
        in_weekend = a.isoweekday() >= 6
        direction = self.lx.relations.get(relation)
        if direction == "back":
            day = a - dt.timedelta(days=7)
        elif direction == "ahead":
            day = a + dt.timedelta(days=7) if in_weekend else a
        elif in_weekend or self.tense == "future" or direction == "current":
            day = a
        else:
            day = a - dt.timedelta(days=7)
        return cal.week_value(self.text, day, "weekend")

    def _relative_unit(self, relation: str, unit: str) -> DateValue | None:
        if unit == "weekend":
            return None
        if unit == "quarter" and relation in ("the", "that"):
            return self._latest_period(relation, unit)
        if unit == "year" and relation in ("the", "that") and self.reference is not None \
                and self.reference.rule == "period_end":
            ref = self._ref_day()  # None when the period end itself is unresolved (no publication date)
            if ref is None:
                return cal.unresolved(self.text, "year", "relative_unit")
            return cal.year_value(self.text, ref.year, "relative_unit")
        step = 0
        direction = self.lx.relations.get(relation)
        if direction == "back":
            step = -1
        elif direction == "ahead":
            step = 1
        anaphoric = relation in self.lx.anaphoric_relations
        base = self._ref_day() if anaphoric else self.anchor
        if base is None:
            return cal.unresolved(self.text, "year" if unit in ("decade", "century") else
                                  ("month" if unit == "quarter" else unit), "relative_unit")
        return self._unit_at(base, unit, step, "relative_unit")

    def _unit_at(self, base: dt.date, unit: str, step: float, rule: str) -> DateValue | None:
        t = self.text
        if step != int(step):
            return None
        step = int(step)
        if unit == "day":
            return cal.day_value(t, base + dt.timedelta(days=step), rule)
        if unit in ("week", "fortnight"):
            return cal.week_value(t, base + dt.timedelta(days=7 * step), rule)
        if unit == "month":
            y, mo = cal.shift_months(base.year, base.month, step)
            return cal.month_value(t, y, mo, rule)
        if unit == "quarter":
            y, mo = cal.shift_months(base.year, base.month, 3 * step)
            return cal.quarter_value(t, y, cal.quarter_of(mo))
        if unit == "year":
            return cal.year_value(t, base.year + step, rule)
        if unit == "decade":
            return cal.decade_value(t, (base.year // 10 + step) * 10)
        if unit == "century":
            return cal.century_value(t, (base.year // 100 + step) * 100)
        return None

    def _ago(self, amount: str, unit: str, direction: str) -> DateValue | None:
        n = None if amount in self.lx.vague_amounts else number_value(amount)  # "a couple of" is 2
        past = direction not in self.lx.ago_ahead
        if n is None:
            return DateValue(value=None, granularity="year", text=self.text, rule="past_ref" if past else "future_ref",
                             note="a vague reference to the " + ("past" if past else "future"))
        anaphoric = direction in self.lx.anaphoric_directions
        base = self._ref_day() if anaphoric else self.anchor
        if base is None:
            return cal.unresolved(self.text, "day" if unit == "day" else "year", "ago")
        step = -n if past else n
        if unit == "year" and self.reference is not None and self.reference.rule.startswith("quarter") \
                and self._ref_day() is not None:
            ref = self._ref_day()
            return cal.quarter_value(self.text, ref.year + int(step), cal.quarter_of(ref.month), "quarter_ago")
        if unit == "decade":
            return cal.year_value(self.text, base.year + int(10 * step), "ago")
        if unit == "century":
            return cal.year_value(self.text, base.year + int(100 * step), "ago")
        if unit == "day":
            return cal.day_value(self.text, base + dt.timedelta(days=step), "ago")
        if unit == "month":
            y, mo = cal.shift_months(base.year, base.month, int(step))
            return cal.month_value(self.text, y, mo, "ago") if step == int(step) else None
        return self._unit_at(base, unit, step, "ago")

    def _set(self, m: re.Match) -> DateValue:
        lx, t = self.lx, self.text
        word = m[m.lastindex]
        if word in lx.weekdays or (word.endswith("s") and word[:-1] in lx.weekdays):
            value = f"XXXX-WXX-{lx.weekdays[word.rstrip('s') if word not in lx.weekdays else word]}"
        elif word in lx.months:
            value = f"XXXX-{lx.months[word]:02d}"
        else:
            unit = lx.frequency_adverbs.get(word, unit_name(word))
            codes = {"hour": "TH", "half": "6M", "night": "D", "weekend": "WE", "morning": "TMO"}
            code = codes.get(unit) or lx.units.get(unit, {}).get("code", "X")
            value = f"P1{code}" if not code.startswith("T") else f"PT1{code[1:]}"
        return DateValue(value=value, granularity="day", text=t, kind="set", rule="set")

    def _duration(self, amount: str, unit_word: str) -> DateValue:
        unit = unit_name(unit_word)
        n = None if amount in self.lx.vague_amounts else number_value(amount)  # "a couple of" is 2
        if unit in ("hour", "minute"):
            code = "H" if unit == "hour" else "M"
            qty = "X" if n is None else f"{n:g}"
            return DateValue(value=f"PT{qty}{code}", granularity="day", text=self.text, kind="duration",
                             rule="duration")
        spec = self.lx.units[unit]
        qty = "X" if n is None else f"{n * spec.get('multiplier', 1):g}"
        gran = unit if unit in ("day", "week", "month", "year") else ("year" if unit != "quarter" else "month")
        return DateValue(value=f"P{qty}{spec['code']}", granularity=gran, text=self.text, kind="duration",
                         rule="duration")


_RANGE = re.compile(r"(?:(from|between) )?(.+?) ?(?:-| to | through | thru | until | till | and )(.+)")


def _range(r: _Resolver, s: str) -> DateValue | None:
    m = _RANGE.fullmatch(s)
    if not m or (" and " in s and m[1] != "between"):
        return None
    left, right = m[2], m[3]
    first = r.resolve(_strip(left))
    second = r.resolve(_strip(right))
    if second is None and first is not None and first.value and re.fullmatch(r"\d{1,2}", right):
        # "March 3-5", "1998-99": the second part borrows what it lacks from the first
        if first.granularity == "day":
            second = r.resolve(_strip(left.rsplit(" ", 1)[0] + " " + right) if " " in left else right)
        elif first.granularity == "year":
            second = cal.year_value(right, int(first.value[:2] + right), "year")
    if second is None and first is not None and re.fullmatch(r"\d{1,2}", left.split()[-1]) and first.granularity != "day":
        pass
    if first is None and second is not None and second.granularity == "day" and re.fullmatch(r"\d{1,2}", left):
        first = r.resolve(right.split(" ")[0] + " " + left + (" " + right.split(" ")[2] if right.count(" ") >= 2 else ""))
    if first is None or second is None or first.kind not in ("date", "range") or second.kind not in ("date", "range"):
        return None
    start = first.value or first.start
    end = second.value or second.end
    if start is None or end is None:
        return cal.unresolved(r.text, first.granularity, "range")
    if end < start and not re.search(r"\d{4}|'\d\d", right) and len(end) >= 7 and "-W" not in end:
        end = start[:4] + end[4:]
        if end < start:
            end = f"{int(end[:4]) + 1:04d}" + end[4:]
    gran = first.granularity if cal.GRANULARITY_ORDER[first.granularity] < cal.GRANULARITY_ORDER[second.granularity] \
        else second.granularity
    return DateValue(value=None, granularity=gran, text=r.text, start=start, end=end, kind="range",
                     rule="range")


def resolve_date(text: str, published: str | None, *, tense: str = "past",
                 reference: DateValue | None = None, at_time: bool = False) -> DateValue | None:
    """Return the DateValue of a temporal expression as written, or None if it is not one.

    ``published`` (YYYY-MM-DD) anchors relative expressions; without it they come back unresolved
    (value None) with a note saying so. ``tense`` ("past", "present", "future") is the tense of the
    clause that governs the expression: it decides between the last and the next "Monday" or
    "November". ``reference`` is the date the text mentioned last, the anchor of "the next day".
    ``at_time`` says the expression is when a past act happened ("was released in June", "bombed it on May
    3"), never a deadline still ahead, so a day or month after the publication's is the previous year's.
    """
    if tense not in TENSES:
        raise ValueError(f"tense must be one of {TENSES}, not {tense!r}")
    s = normalize(text)
    if not s or NOT_A_DATE.search(s):
        return None
    s = CLOCK_TIME.sub(" ", s)
    s = re.sub(r"\s+", " ", s).strip()
    r = _Resolver(text, published, tense, reference, at_time)
    vague = _vague(s, text, r.anchor)
    if vague is not None:
        return vague
    since = re.match(r"(?:ever )?since ", s)
    core = _strip(s)
    vague = _vague(core, text, r.anchor)
    if vague is not None:
        return vague
    if since:
        start = r.resolve(core)
        if start is None or start.kind not in ("date", "range"):
            return None
        begin = start.value or start.start
        if begin is None or r.anchor is None:
            return DateValue(value=None, granularity=start.granularity, text=text, kind="range", start=begin,
                             rule="since", note="" if begin else start.note)
        return DateValue(value=None, granularity=start.granularity, text=text, kind="range", start=begin,
                         end=r.anchor.isoformat(), rule="since",
                         note="an open range from its start to the publication date")
    found = r.resolve(core)
    if found is None and any(sep in s for sep in ("-", " to ", " through ", " until ", " till ", " and ", " thru ")):
        found = _range(r, s)
    return found

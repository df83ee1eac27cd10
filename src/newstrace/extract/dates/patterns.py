"""The shapes of temporal expressions: normalization, the pattern per shape, and value-neutral stripping."""
from __future__ import annotations

import datetime as dt
import functools
import re

from ...datafiles import alternation
from ...records import DateValue
from . import calendar as cal
from .lexicon import lexicon

NOT_A_DATE = re.compile(r"\b(?:old|aged?|olds)\b|\d\s*(?:%|percent|per cent)")
CLOCK_TIME = re.compile(r"\b\d{1,2}(?::\d\d)?\s*(?:am|pm|a m|p m)\b|\b\d{1,2}:\d\d\b|\b(?:noon|midnight)\b"
                    r"|\b(?:[ecmp][sd]t|gmt|utc)\b|\bo'clock\b")


def normalize(text: str) -> str:
    """Return the lowercase, punctuation-light form of an expression that the patterns match."""
    s = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"(?<=[a-z])\.", "", s)
    s = s.replace(",", " ").replace("(", " ").replace(")", " ")
    s = re.sub(r"(?<=[a-z])-(?=[a-z0-9'])", " ", s)
    s = re.sub(r"(?<=\d)-(?=[a-z])", " ", s)
    s = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b(?! century)", "", s)
    s = _word_year().sub(_word_year_digits, s)
    return re.sub(r"\s+", " ", s).strip(" .;:")


def _cardinal_re(low: int, high: int, step: int = 1) -> str:
    """Return the alternation of the cardinal words whose values run from ``low`` to ``high`` (by ``step``)."""
    by_value = {v: w for w, v in lexicon().cardinals.items()}
    return "|".join(by_value[v] for v in range(low, high + 1, step))


def _word_year_re() -> str:
    """Return the pattern of a year read out in words ("nineteen ninety four", "twenty oh five"): its century
    word, then the rest; built from the cardinals of lang/data/numbers.yaml."""
    ones = _cardinal_re(1, 9)
    return (rf"({_cardinal_re(19, 20)}) ((?:{_cardinal_re(20, 90, 10)})(?: (?:{ones}))?|{_cardinal_re(10, 19)}"
            rf"|oh (?:{ones}))")


@functools.cache
def _word_year() -> re.Pattern:
    return re.compile(rf"\b{_word_year_re()}\b")


def decade_words() -> dict[str, int]:
    """Return each decade written as a word and its tens digit ("twenties" -> 2 ... "nineties" -> 9)."""
    return {w[:-1] + "ies": v // 10 for w, v in lexicon().cardinals.items() if v >= 20 and w.endswith("y")}


def _word_year_digits(m: re.Match) -> str:
    """Return "1994" for "nineteen ninety four": years as read out in broadcast transcripts."""
    cardinals = lexicon().cardinals
    century = cardinals[m[1]]
    return str(century * 100 + sum(cardinals[w] for w in m[2].replace("oh ", "").split()))


@functools.lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern]:
    lx = lexicon()
    mon, wd, num, ordn = lx.month_re, lx.weekday_re, lx.number_re, lx.ordinal_re
    unit, season, pod = lx.unit_re, lx.season_re, lx.part_of_day_re
    # ordinal words that can be a day of the month ("March eighth"), not "last" or "final"
    day_ordinal = "(?:" + "|".join(sorted((w for w, v in lx.ordinals.items() if 0 < v and w != "final" and not w[0].isdigit()),
                                          key=len, reverse=True)) + ")"
    year = r"(?:1[0-9]{3}|20[0-9]{2}|'\d\d)"
    rel = "(" + lx.relation_re[3:-1] + ")"  # lang/data/dates.yaml relations, captured
    # a number, or an amount with no exact value ("several", "a few"): lang/data/dates.yaml's vague_amounts
    amount = f"{num}|{lx.vague_re[3:-1]}"
    p = {
        "iso": r"(\d{4})-(\d{1,2})-(\d{1,2})",
        "iso_month": r"(\d{4})-(0[1-9]|1[0-2])",
        "us_numeric": r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})",
        "compact": r"((?:19|20)\d\d)(0[1-9]|1[0-2])([0-3]\d)",
        "month_day": rf"(?:(?:this |next |last |coming |this coming |past )?({wd}) )?({mon}) (?:the )?(\d{{1,2}}|{day_ordinal})(?: (?:of |in )?({year}))?(?: ({pod}))?",
        "day_month": rf"(?:(?:this |next |last |coming |this coming |past )?({wd}) )?(?:the )?(\d{{1,2}}|{day_ordinal}) (?:of )?({mon})(?: (?:of |in )?({year}))?",
        "month_year": rf"({mon}) (?:of )?({year})",
        "month": rf"(?:{rel} )?({mon})",
        "month_relative_year": rf"({mon}) (?:of )?(this|last|next) year",
        "weekday": rf"(?:{rel} )?({wd})(?: ({pod}))?(?: (?:of )?(this|last|next) week)?",
        "pod_weekday": rf"({pod}) (?:of )?({wd})",
        "relative_day": rf"({lx.day_offset_re[3:-1]})(?: ({pod}))?",
        "this_pod": rf"(this|last|tomorrow|yesterday) ({pod})",
        "week_of": r"(?:the )?week (?:of|beginning|starting|ending) (.+)",
        "weekend": rf"{rel}? ?weekend",
        "year": rf"(?:the )?(?:(?:calendar|fiscal|fy|model|school|crop|tax) )?(?:year )?({year})"
                rf"(?: (?:fiscal )?year)?",
        "year_two_thousand": rf"(?:the )?(?:year )?two thousand(?: and)?(?: ({_cardinal_re(1, 10)}))?",
        "word_year": _word_year_re(),
        "decade": rf"(?:the )?(?:(\d{{3}})0s|'?(\d)0s|({'|'.join(decade_words())}))",
        "century": rf"(?:the )?(\d{{1,2}}(?:st|nd|rd|th)|{ordn}) century",
        "quarter": rf"(?:the )?(?:fiscal )?(?:({year}|this year|last year|next year) )?(?:fiscal )?({ordn}|q[1-4]) (?:fiscal )?(?:quarter|qtr)?"
                   rf"(?: (?:of )?(?:fiscal )?({year}))?",
        "quarter_of_year": rf"(?:the )?(?:comparable |same |corresponding )?(year ago|year earlier|prior year|previous year|"
                           rf"last year|next year|this year|current year|{year})(?: (?:fiscal )?({ordn}))? (?:fiscal )?"
                           rf"(?:quarter|period)",
        "quarter_year_ago": r"(?:the )?(?:same )?(quarter|period) (?:a year ago|a year earlier|last year|of last year|"
                            r"the previous year|of the previous year|the year before)",
        "half": rf"(?:the )?(?:({year}) )?(first|second|1st|2nd|last|latter|back|front) half(?: (?:of )?({year}))?",
        "season": rf"(?:{rel} )?(?:({year}) )?({season})(?: (?:of )?({year}))?",
        "relative_unit": rf"{rel} ({unit})",
        "ago": rf"(?:(?:a|an|some|about|more than|nearly|almost|over|just|only) )?({amount}) ({unit})(?: and a half)? "
               rf"({lx.ago_back_re[3:-1]}|{lx.ago_ahead_re[3:-1]})",
        "anaphoric_unit": rf"(?:the )?({unit}) ({lx.anaphoric_direction_re[3:-1]})",
        "year_ago": r"(?:the )?(?:a )?(year ago|year earlier|prior year|previous year|year before)(?: (period|quarter|"
                    r"month|week|level|levels|results|figure|figures))?",
        "latest_period": r"(?:the )?(latest|most recent|same|current|recent|just ended|just completed|comparable|"
                         r"that|this|the|fiscal|the fiscal) (quarter|period|month|year|week)",
        "duration": rf"(?:the )?(?:(?:past|last|next|coming|first|final|previous|following|preceding|other|"
                    rf"more than|over|nearly|almost|about|some|another|additional|full|entire|whole) )*"
                    rf"({amount})(?: and a half)? ({unit}|hours?|minutes?)"
                    rf"(?: (?:long|running|straight|in a row|period))?",
        "bare_units": rf"({unit})",
        "set_every": rf"(?:every|each)(?: other| single)? ({wd}|{unit}|{mon}|{pod}|weekend|spring|summer|fall|"
                     rf"autumn|winter|night)",
        "set_adverb": rf"({lx.frequency_re[3:-1]})",
        "set_rate": rf"(?:(?:once|twice|{num} times) (?:a|per|each)|per) ({unit})",
        "set_weekdays": rf"({wd})s",
        "holiday": rf"(?:(last|next|this) )?({alternation(lx.holidays)})(?: ({year}))?",
    }
    return {name: re.compile(rx) for name, rx in p.items()}


def year_of(text: str, anchor: dt.date | None) -> int:
    """Return a four-digit year from "1998" or "'98" (the century nearest the anchor)."""
    if not text.startswith("'"):
        return int(text)
    yy = int(text[1:])
    base = anchor.year if anchor else 2000
    candidates = [c * 100 + yy for c in (base // 100 - 1, base // 100)]
    return min((c for c in candidates if c <= base + 10), key=lambda c: abs(base - c), default=candidates[-1])


def strip_neutral(s: str) -> str:
    """Remove leading prepositions and value-neutral modifiers ("on", "early", "the end of")."""
    lx = lexicon()
    changed = True
    while changed:
        changed = False
        for word in lx.leading_prepositions + lx.modifiers:
            if s.startswith(word + " ") and len(s) > len(word) + 1:
                if word == "the" and s[4:] in lx.anaphoric_the_nouns:  # "the quarter", "the weekend": "the" is the anaphor
                    continue
                s = s[len(word) + 1:]
                changed = True
                break
        for prefix in ("earlier ", "later ", "late ", "early "):
            rest = s[len(prefix):]
            if s.startswith(prefix) and re.match(r"(?:in )?(?:this|last|next|that|the) ", rest):
                s = rest.removeprefix("in ")
                changed = True
    return s


def vague_reference(s: str, text: str, anchor: dt.date | None) -> DateValue | None:
    lx = lexicon()
    if s in lx.present_ref:
        if anchor is None:
            return cal.unresolved(text, "day", "present_ref")
        return cal.day_value(text, anchor, "present_ref")
    if s in lx.past_ref or s.startswith("recent"):
        return DateValue(value=None, granularity="year", text=text, rule="past_ref",
                         note="a vague reference to the past, with no calendar value")
    if s in lx.future_ref:
        return DateValue(value=None, granularity="year", text=text, rule="future_ref",
                         note="a vague reference to the future, with no calendar value")
    return None

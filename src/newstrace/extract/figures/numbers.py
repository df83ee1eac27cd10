"""Numbers as written in running text: digits, words, scales, currencies, units, qualifiers, ranges.

``scan_numbers(text)`` reads the text once and returns every ``NumberMention`` with its character
offsets, its value (or low/high for a range), the currency or unit written beside it and the
qualifier before it. It knows nothing of sentences or parses: deciding which numbers are figures
(not dates, ages, labels) is the job of ``figures.py``, which has the spaCy Doc.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from .lexicon import figure_words, number_words, words_regex
from .units import currency_before, per_unit, unit_after

# Digits with thousands separators or decimals; a bare ".5" too. Letters glued before the digits are
# looked at afterwards (a currency prefix such as "US$" or "PS", or a label such as "XJ12").
_DIGITS = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])|(?<![\w.])\.\d+")
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b", re.I)
_CLOCK = re.compile(r"(?::\d\d)|(?:\s?(?:a\.m\.|p\.m\.|am\b|pm\b|AM\b|PM\b))")
_SLASH_FRACTION = re.compile(r"(\d+)\s*[/⁄](\d+)")
_MILLION_OF = re.compile(r"\s+(?:people|[a-z]+s)\b(?!\s+(?:long|high|wide|deep|tall|away))")
_RANGE_GLUE = re.compile(r"\s*(?:-|–|—|to-|to|and|or)\s*$")


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One number as written: offsets of the whole expression and of the number itself."""

    start: int  # qualifier, currency sign, number, scale and unit
    end: int
    num_start: int
    num_end: int
    value: float | None
    core_end: int = -1  # end of the number with its scale word ("2.2 billion"), before any unit
    low: float | None = None
    high: float | None = None
    qualifier: str = "exact"
    qualifier_text: str = ""
    currency: str | None = None
    unit: str | None = None  # canonical: "percent", "USD", "mile per hour"
    unit_kind: str | None = None  # money, percent, length, time, ...
    unit_text: str = ""
    form: str = "digits"  # digits | words | vague | fraction
    raw: float | None = None  # the value before any scale word
    scale: float = 1.0
    plain_integer: bool = False  # digits only, no separators or decimals: may be a year
    hyphen_after: bool = False  # "five-year", "6.1-inch": the number is part of a compound adjective
    glued_suffix: str = ""  # letters written right after the digits ("s" in "1990s")

    @property
    def is_range(self) -> bool:
        return self.low is not None and self.high is not None


def scan_numbers(text: str) -> list[NumberMention]:
    """Return every number written in ``text`` (digits and words), ranges joined, in text order."""
    found = _scan_digits(text)
    taken = [(m.num_start, m.num_end) for m in found]
    found.extend(m for m in _scan_words(text) if not _overlaps(m, taken))
    found.sort(key=lambda m: m.num_start)
    found = [_with_qualifier(text, m) for m in found]
    return _join_ranges(text, found)


def _overlaps(m: NumberMention, spans: list[tuple[int, int]]) -> bool:
    return any(m.num_start < e and s < m.num_end for s, e in spans)


# --- digits -------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _scale_word_regex() -> re.Pattern[str]:
    words = number_words()
    return re.compile(rf"(?:[\s-]+(?:{words_regex([*words.scales, 'dozen'])})\b)+", re.I)


@functools.lru_cache(maxsize=1)
def _scale_abbreviation_regex() -> re.Pattern[str]:
    abbrev = number_words().scale_abbreviations
    return re.compile(rf"\s?({words_regex(list(abbrev))})(?![A-Za-z0-9])")


def _parse_digits(s: str) -> float:
    return float(s.replace(",", ""))


def _scan_digits(text: str) -> list[NumberMention]:
    out: list[NumberMention] = []
    nw = number_words()
    last_end = 0
    for m in _DIGITS.finditer(text):
        num_start, num_end = m.start(), m.end()
        if num_start < last_end or (num_start > 0 and text[num_start - 1] in "/⁄\\#"):
            continue  # the denominator of "1/16", the tail of "9/6/17" or of a path, "&#233;"
        tail = text[num_end:num_end + 6]
        if _ORDINAL_SUFFIX.match(tail) or _CLOCK.match(tail):
            continue
        if text[num_start - 1:num_start] == ":" and num_start >= 2 and text[num_start - 2].isdigit():
            continue  # the minutes of "4:39"
        raw = _parse_digits(m.group())
        value = raw
        start = num_start
        # a slash fraction "1/16"
        frac = _SLASH_FRACTION.match(text, num_start)
        if frac and "/" not in text[max(0, num_start - 3):num_start]:
            after = text[frac.end():frac.end() + 12]
            # "1/16 of a pint" and "1⁄32" are fractions; "9/11", "24/7" and "9/6/17" are names and dates
            if int(frac.group(2)) and ("⁄" in frac.group() or re.match(r"\s+of\b", after)):
                value = int(frac.group(1)) / int(frac.group(2))
                num_end = frac.end()
                raw = value
            else:
                last_end = frac.end()
                continue
        vulgar = nw.unicode_fractions.get(text[num_end:num_end + 1])
        if vulgar is not None and re.fullmatch(r"\d+", m.group()):
            value = raw = value + vulgar  # "2½"
            num_end += 1
        sci = re.match(r"\s?(?:×\s?10\^?|x\s?10\^)([-−]?\d+)", text[num_end:])
        if sci:
            value = raw = value * 10 ** int(sci.group(1).replace("−", "-"))
            num_end += sci.end()
            last_end = num_end
        currency, start = currency_before(text, num_start)
        if currency is None and text[num_start - 1:num_start] in ("-", "−"):
            code, at = currency_before(text, num_start - 1)  # "$-12.4bn"
            if code is not None:
                currency, start = code, at
        if start < last_end:
            currency, start = None, num_start  # that sign belongs to the number before ("900€ 45.5p")
        if currency == "GBP" and text[start:start + 2] == "PS" and re.fullmatch(r"\d", m.group()) \
                and not _scale_abbreviation_regex().match(text, num_end):
            last_end = num_end
            continue  # "PS5" is a games console; a mangled pound sign comes with a sum ("PS4.1m")
        # a negative sign: "-5", "$-12.4bn", "minus 40"
        sign_at = start if currency is None else num_start
        if text[sign_at - 1:sign_at] in ("-", "−") and (sign_at < 2 or not text[sign_at - 2].isalnum()):
            value = -value
            raw = -raw
            if currency is None:
                start = sign_at - 1
        else:
            minus = re.search(r"\bminus[\s-]$", text[max(0, sign_at - 7):sign_at], re.I)
            if minus:
                value, raw = -value, -raw
                start = sign_at - (len(minus.group()) if currency is None else 0)
        glued_before = text[start - 1:start] if start > 0 else ""
        if glued_before.isalpha() or (glued_before == "-" and start >= 2 and text[start - 2].isalpha()
                                      and not re.search(r"(?:minus|sub|over|under)-$", text[:start], re.I)):
            last_end = num_end
            continue  # a label such as "XJ12", "COVID-19", "AB-12"
        end = num_end
        scale = 1.0
        sw = _scale_word_regex().match(text, end)
        if sw:
            for word in re.findall(r"[A-Za-z]+", sw.group()):
                scale *= nw.dozen if word.lower() == "dozen" else nw.scales[word.lower()]
            end = sw.end()
        else:
            ab = _scale_abbreviation_regex().match(text, end)
            if ab and (currency is not None or ab.group(1) not in nw.money_only):
                scale = float(nw.scale_abbreviations[ab.group(1)])
                end = ab.end()
        value = value * scale
        core_end = end
        unit = unit_kind = None
        unit_text = ""
        if currency is not None:
            unit, unit_kind = currency, "money"
            us = re.match(r"\s?(?:US|U\.S\.)(?![A-Za-z])", text[end:])
            if us:
                end += us.end()
        form, unit_end = (None, end) if currency is not None else unit_after(text, end, money=False)
        if form is not None and form.text == "m" and unit_end == end + 1 and _MILLION_OF.match(text, unit_end):
            value, scale, form = value * 1e6, 1e6, None  # "1.5m people": millions, not metres
            end = core_end = unit_end
        if form is not None:
            unit, unit_kind = form.canonical, form.kind
            if form.canonical == "pound" and scale >= 1e6:
                unit, unit_kind = "GBP", "money"  # "5 million pounds" is money, "208 pounds" a weight
            unit_text = text[end:unit_end].strip(" -")
            end = unit_end
        if unit is not None:
            per, per_end = per_unit(text, end)
            if per:
                unit = f"{unit} {per}"
                unit_text = (unit_text + " " + per).strip()
                end = per_end
        glued = re.match(r"[A-Za-z]+", text[num_end:]) if end == num_end else None
        plain = bool(re.fullmatch(r"\d+", m.group())) and num_end == m.end()
        hyphen_after = text[num_end:num_end + 1] == "-" or (form is not None and text[num_end:unit_end].startswith("-"))
        last_end = end
        out.append(NumberMention(
            start=start, end=end, num_start=num_start, num_end=num_end, value=value, core_end=core_end,
            currency=currency, unit=unit, unit_kind=unit_kind, unit_text=unit_text,
            raw=raw, scale=scale, plain_integer=plain and scale == 1.0, hyphen_after=hyphen_after,
            glued_suffix=glued.group() if glued else "",
        ))
    return out


# --- words --------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _word_regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    nw = number_words()
    cardinal = words_regex([*nw.cardinal_words, *nw.scales, "dozen"])
    sequence = re.compile(
        rf"\b(?:an?\s+(?=(?:{words_regex([*nw.scales, 'dozen'])})\b))?"
        rf"(?:{cardinal})(?:(?:\s+and\s+|\s+|-)(?:{cardinal}))*\b", re.I)
    vague = re.compile(rf"\b(?:(?:{words_regex(list(nw.vague_plurals))})\s+of\s+)+"
                       rf"|\b(?:{words_regex(list(nw.vague_plurals))})\b(?!\s+of\b)(?!-)", re.I)
    numerators = words_regex(["a", "one", *[w for w in nw.cardinal_words if w != "zero"]])
    fraction = re.compile(
        rf"\b(?:({numerators})[\s-]+)?({words_regex(list(nw.fractions))})\s+of\b"
        rf"|(?<=\bby\s)({numerators})[\s-]+({words_regex(list(nw.fractions))})\b", re.I)
    return sequence, vague, fraction


def parse_number_words(phrase: str) -> float | None:
    """Return the value of a phrase of number words ("two hundred and five", "a dozen"), or None."""
    nw = number_words()
    words = [w for w in re.split(r"[\s-]+", phrase.lower()) if w and w != "and"]
    if not words:
        return None
    total, group = 0.0, 0.0
    seen = False
    for w in words:
        if w in ("a", "an"):
            group = max(group, 1.0)
            continue
        if w in nw.units or w in nw.tens:
            group += nw.units.get(w, 0) + nw.tens.get(w, 0)
            seen = True
        elif w == "dozen":
            group = (group or 1.0) * nw.dozen
            seen = True
        elif w == "hundred":
            group = (group or 1.0) * 100
            seen = True
        elif w in nw.scales:
            total += (group or 1.0) * nw.scales[w]
            group = 0.0
            seen = True
        else:
            return None
    return total + group if seen else None


def _scan_words(text: str) -> list[NumberMention]:
    sequence, vague, fraction = _word_regexes()
    nw = number_words()
    out: list[NumberMention] = []
    for m in vague.finditer(text):
        words = re.findall(r"[A-Za-z]+", m.group())
        low = 1.0
        for w in words:
            if w.lower() != "of":
                low *= nw.vague_plurals[w.lower()]
        end = m.start() + len(m.group().rstrip())
        end -= len("of") if text[m.start():end].lower().endswith(" of") else 0
        end = m.start() + len(text[m.start():end].rstrip())
        if words[0].lower() == "tens" and len(words) == 1:
            continue  # "tens" alone is not said of a count
        out.append(NumberMention(start=m.start(), end=end, num_start=m.start(), num_end=end, value=None,
                                 low=low, high=low * 10, form="vague", raw=low, qualifier="range"))
    taken = [(m.start, m.end) for m in out]
    for m in re.finditer(rf"(?<![\d\w])[{''.join(nw.unicode_fractions)}]", text):
        value = nw.unicode_fractions[m.group()]
        out.append(NumberMention(start=m.start(), end=m.end(), num_start=m.start(), num_end=m.end(),
                                 value=value, form="fraction", raw=value, unit="fraction", unit_kind="fraction"))
        taken.append((m.start(), m.end()))
    for m in fraction.finditer(text):
        if m.group(3) is not None:  # "fell by a third"
            value = (1.0 if m.group(3).lower() in ("a", "one") else float(nw.cardinal_words[m.group(3).lower()])) \
                * nw.fractions[m.group(4).lower()]
            out.append(NumberMention(start=m.start(), end=m.end(), num_start=m.start(), num_end=m.end(),
                                     value=value, form="fraction", raw=value, unit="fraction", unit_kind="fraction"))
            taken.append((m.start(), m.end()))
            continue
        numerator = m.group(1)
        if numerator is None and m.group(2).lower() not in ("half",):
            continue  # "third of" alone is an ordinal use ("the third of five")
        before = text[max(0, m.start() - 4):m.start()].lower()
        if numerator is None and before.endswith("the "):
            continue
        n = 1.0 if numerator is None or numerator.lower() in ("a", "one") else float(nw.cardinal_words[numerator.lower()])
        value = n * nw.fractions[m.group(2).lower()]
        end = m.end(2)
        out.append(NumberMention(start=m.start(), end=end, num_start=m.start(), num_end=end, value=value,
                                 form="fraction", raw=value, unit="fraction", unit_kind="fraction"))
        taken.append((m.start(), end))
    for m in sequence.finditer(text):
        phrase = m.group()
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        # "one hundred" is fine, a lone scale word ("million") without a count is not a number
        words = [w.lower() for w in re.split(r"[\s-]+", phrase) if w]
        if all(w in nw.scales or w in ("a", "an", "and") for w in words) and words[0] not in ("a", "an"):
            continue
        while words and words[-1] == "and":
            words.pop()
        value = parse_number_words(phrase)
        if value is None or words == ["dozen"]:
            continue  # "a baker's dozen" names a dozen, it does not count one
        end = m.end()
        if phrase.lower().endswith(" and"):
            end -= 4
        mention = NumberMention(start=m.start(), end=end, num_start=m.start(), num_end=end, value=value,
                                form="words", raw=value)
        form, unit_end = unit_after(text, end, money=False)
        if form is not None:
            per, per_end = per_unit(text, unit_end)
            unit = f"{form.canonical} {per}".strip()
            mention = replace(mention, end=per_end if per else unit_end, unit=unit, unit_kind=form.kind,
                              unit_text=text[end:unit_end].strip(" -"),
                              hyphen_after=text[end:end + 1] == "-")
        elif text[end:end + 1] == "-":
            mention = replace(mention, hyphen_after=True)
        out.append(mention)
    return out


# --- qualifiers and ranges ----------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _qualifier_regex() -> re.Pattern[str]:
    phrases = [p for p, _ in figure_words().qualifiers]
    return re.compile(rf"(?:^|(?<=[\s(\"“]))({words_regex(phrases)})[\s]*$", re.I)


def _with_qualifier(text: str, m: NumberMention) -> NumberMention:
    window = text[max(0, m.start - 24):m.start]
    found = _qualifier_regex().search(window)
    if found is None:
        return m
    phrase = found.group(1).lower()
    qualifier = dict(figure_words().qualifiers)[phrase]
    if phrase in ("~", "≈") or phrase.endswith("-") or phrase == "sub":
        pass
    elif not window[found.end(1):]:
        return m  # "over5" is not "over 5"
    return replace(m, start=m.start - (len(window) - found.start(1)), qualifier=qualifier,
                   qualifier_text=found.group(1))


_CHANGE_BEFORE = re.compile(
    r"\b(?:by|up|down|rose|rise|rises|fell|fall|falls|gained|gains|lost|loses|added|adds|climbed|"
    r"dropped|drops|jumped|jumps|slid|slipped|plunged|surged|soared|increased|decreased|grew|declined|"
    r"advanced|eased|shed|tumbled)\s*$", re.I)


def _join_ranges(text: str, found: list[NumberMention]) -> list[NumberMention]:
    return _join_from_to(text, _join_adjacent(text, found))


def _join_from_to(text: str, found: list[NumberMention]) -> list[NumberMention]:
    """Join "from A <a few words> to B" into one range: "from 18 mpg in 2010 to 31 mpg".

    Only years may stand between A and B; B takes A's unit when it has none ("from 19 mpg combined
    to 22").
    """
    out: list[NumberMention] = []
    skip: set[int] = set()
    for i, a in enumerate(found):
        if i in skip:
            continue
        if a.is_range or a.value is None or not re.search(r"\bfrom\s*$", text[max(0, a.start - 8):a.start], re.I):
            out.append(a)
            continue
        joined = None
        for j in range(i + 1, min(i + 4, len(found))):
            b = found[j]
            between = text[a.end:b.start]
            if len(between) > 50 or re.search(r"[;.!?]\s|\bfrom\b", between):
                break
            if j > i + 1 and not all(_year_like(m) for m in found[i + 1:j]):
                break
            if b.is_range or b.value is None or not re.search(r"\bto\s*$", between, re.I):
                continue
            if b.unit is not None and a.unit is not None and b.unit != a.unit:
                break
            if _year_like(a) or _year_like(b):
                break
            low, high = sorted((a.value, b.value))
            joined = replace(b, start=a.start, num_start=a.num_start, value=None, low=low, high=high,
                             qualifier=a.qualifier if a.qualifier != "exact" else "range",
                             qualifier_text=a.qualifier_text, unit=b.unit or a.unit,
                             unit_kind=b.unit_kind or a.unit_kind, unit_text=b.unit_text or a.unit_text,
                             currency=b.currency or a.currency)
            skip.update(range(i + 1, j + 1))
            out.extend(found[i + 1:j])  # the years in between stay what they are
            break
        out.append(joined if joined is not None else a)
    out.sort(key=lambda m: m.num_start)
    return out


def _join_adjacent(text: str, found: list[NumberMention]) -> list[NumberMention]:
    out: list[NumberMention] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        joined = _range(text, a, b) if b is not None else None
        if b is not None and _is_score(text, a, b):
            i += 2  # "2-0", "89-89": a score is not a quantity
            continue
        if joined is not None:
            out.append(joined)
            i += 2
        else:
            out.append(a)
            i += 1
    return out


def _year_like(m: NumberMention) -> bool:
    return m.plain_integer and m.unit is None and m.value is not None and 1000 <= m.value <= 2100


def _is_score(text: str, a: NumberMention, b: NumberMention) -> bool:
    """True for "2-0", "89-89" (scores) and "787-9" (a model number): a falling pair is no range."""
    between = text[a.end:b.start]
    return (between in ("-", "–") and a.plain_integer and b.plain_integer and a.value is not None
            and b.value is not None and a.value >= b.value and a.unit is None and b.unit is None
            and a.qualifier == "exact")


def _range(text: str, a: NumberMention, b: NumberMention) -> NumberMention | None:
    between = text[a.end:b.start]
    glue = _RANGE_GLUE.match(between)
    if glue is None or glue.end() != len(between) or a.value is None or b.value is None:
        return None
    word = between.strip().lower()
    if a.currency is not None and b.currency is None and b.unit_text in number_words().money_only and b.raw is not None:
        # "$10-25m": the letter after the second number is the scale of the money, not metres
        b = replace(b, value=b.raw * number_words().scale_abbreviations[b.unit_text], scale=float(
            number_words().scale_abbreviations[b.unit_text]), unit=a.unit, unit_kind="money", unit_text="")
    before = text[max(0, a.start - 12):a.start].lower()
    opened_by_from = bool(re.search(r"\bfrom\s*$", before))
    opened_by_between = bool(re.search(r"\bbetween\s*$", before))
    if word in ("and",) and not opened_by_between:
        return None
    if word == "or" and not (a.unit is None and a.value < b.value and a.form == b.form):
        return None
    if word in ("to", "to-") and not opened_by_from and not opened_by_between:
        if a.unit is not None and _CHANGE_BEFORE.search(text[max(0, a.start - 14):a.start]):
            return None  # "grew by $12.5 billion to $300 billion": a change and a level
        if a.unit is not None and a.unit != b.unit:
            return None
    if word in ("to", "to-") and not opened_by_from and a.value > b.value:
        return None  # "passed by 299 to zero" is a tally; a range runs upward unless it says "from"
    if word in ("-", "–", "—") and a.value >= b.value and not opened_by_from:
        return None  # "the six - two civilians and four soldiers": an apposition, not a range
    if word in ("-", "–", "—") and a.plain_integer and b.plain_integer and a.value >= b.value and not opened_by_from:
        return None  # a score ("2-0", "89-89"), not a range
    if a.unit is not None and b.unit is not None and a.unit != b.unit and a.unit_kind != b.unit_kind:
        return None
    if _year_like(a) != _year_like(b):
        return None  # "from 18 mpg in 2010 to 31 mpg": a year does not bound a range of counts
    a_value = a.value
    if a.scale == 1.0 and b.scale != 1.0 and a.raw is not None and b.raw is not None and abs(a.raw) <= abs(b.raw):
        a_value = a.value * b.scale
    low, high = sorted((a_value, b.value))
    return replace(
        b, start=a.start, num_start=a.num_start, value=None, low=low, high=high,
        qualifier=a.qualifier if a.qualifier != "exact" else "range",
        qualifier_text=a.qualifier_text, unit=b.unit or a.unit, unit_kind=b.unit_kind or a.unit_kind,
        unit_text=b.unit_text or a.unit_text, currency=b.currency or a.currency,
        plain_integer=a.plain_integer and b.plain_integer,
    )

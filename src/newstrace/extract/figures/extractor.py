"""Figures: every number in an article that counts or measures something, with what it counts,
who claims it, where and as of when.

``extract_figures(doc, context=ctx)`` reads the numbers of the text once (``numbers``),
drops those that are not figures (years, dates, times, ordinals, ages, labels such as "Game 7",
phone numbers, scores, numbers inside embedded posts), and reads the rest of each figure from the
parse (``context``): the counted noun, the measure, the attribution, location and date.
Money, percentages and physical quantities are kept with measure ``other`` and a ``unit``.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, replace

from ...ids import record_id
from ...lang import phrase_words
from ...lang.calendar import month_numbers, month_words
from ...records import Figure, Span
from ..doctext import doc_sents, doc_text, entity_of
from .context import Counted, as_of_date, claimed_by, counted_phrase, location_of, measure_of
from .lexicon import figure_words, units
from .numbers import NumberMention, scan_numbers
from .units import canonical_unit

_TIME_UNIT_WORDS = re.compile(
    r"\b(?:years?|months?|weeks?|days?|nights?|decades?|centur(?:y|ies)|hours?|minutes?|seasons?|quarters?)\b", re.I)
_AGE_AFTER = re.compile(r"^[\s-]*(?:years?|months?|weeks?|days?)[\s-]*old\b|^[\s-]*(?:yo|y\.o\.)\b", re.I)
_PART_OF = re.compile(r"\s+of\s+(?:them|those|these|whom|which)\b", re.I)
_LINK = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\S+\.(?:jpe?g|png|gif|pdf|html?|php|mp4)\b\S*", re.I)
_LIST_ITEM = re.compile(r"(?:^|\n)\s*$")
_ENTITY_LABELS = ("ORG", "PRODUCT", "FAC", "WORK_OF_ART", "EVENT", "LAW")


@dataclass(frozen=True, slots=True)
class _Candidate:
    mention: NumberMention
    anchor: object  # spaCy Token of the number
    sentence: object  # spaCy Span
    previous: object  # the sentence before, or None


# the first year of "1994-96" just before a two-digit number (the look-behind stands for \\b)
_YEAR_BEFORE = re.compile(r"(?<!\w)(?:1[5-9]|20)\d\d[-–/]$")


def extract_figures(doc, *, context) -> list[Figure]:
    """Return the figures of ``doc`` in text order; ``context`` is the article's pipeline Context."""
    if context is None:
        raise TypeError("extract_figures needs the pipeline Context (context=...): it carries the article")
    text = doc_text(doc)
    sent_starts, sents = _sentence_index(doc)
    date_spans = _DateSpans(sorted(
        [(e.start_char, e.end_char, e) for e in doc.ents if e.label_ in ("DATE", "TIME")]
        + [(d.span.start, d.span.end, None) for d in context.dates if d.span is not None],
        key=lambda x: x[0],
    ))
    links = [(u.start(), u.end()) for u in _LINK.finditer(text)]
    candidates: list[_Candidate] = []
    for mention in scan_numbers(text):
        if context.in_non_prose(mention.start, mention.end):
            continue
        if any(s <= mention.num_start < e for s, e in links):
            continue  # part of a URL, e-mail address or file name
        core_end = mention.core_end if mention.core_end > 0 and mention.unit is None else mention.num_end
        span = doc.char_span(mention.num_start, core_end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        anchor = span[-1]
        index = bisect.bisect_right(sent_starts, anchor.i) - 1
        sent = sents[index]
        previous = sents[index - 1] if index > 0 else None
        if _why_not_a_figure(doc, text, mention, span, date_spans) is not None:
            continue
        candidates.append(_Candidate(mention, anchor, sent, previous))
    figures = [_figure(doc, text, context, c) for c in candidates]
    return _link_subsets(text, figures)


def _sentence_index(doc) -> tuple[list[int], list]:
    sents = doc_sents(doc)
    return [s.start for s in sents], sents


# --- what is not a figure ---------------------------------------------------------------------------


def _why_not_a_figure(doc, text: str, m: NumberMention, span, date_spans) -> str | None:
    """Return why a number is not a figure ("year", "date", "age", "label", ...), or None if it is."""
    words = figure_words()
    first, last = span[0], span[-1]
    prev = doc[first.i - 1] if first.i > 0 else None
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if m.glued_suffix:
        return "label"  # "1990s", "Model 3s", "12XY"
    if m.form == "words" and text[m.num_start].isupper() and not first.is_sent_start \
            and nxt is not None and nxt.pos_ in ("PROPN", "NOUN") and nxt.text[:1].isupper():
        return "label"  # "Six Nations", "the Big Ten": a capitalised number word inside a name
    if m.plain_integer and m.num_end - m.num_start == 2 and _YEAR_BEFORE.search(text[max(0, m.num_start - 6):m.num_start]):
        return "year"  # the second year of "1994-96"
    if m.form == "digits" and m.unit is None and re.match(r"[.)]\s", text[m.num_end:m.num_end + 2]) \
            and _LIST_ITEM.search(text[max(0, m.start - 40):m.start]):
        return "list_item"  # "2. Appoint a mediator" at the start of a line
    if m.unit_kind == "time" and m.hyphen_after:
        return "adjectival_duration"  # "a five-year plan": the plan is counted, not the years
    core_end = m.core_end if m.core_end > 0 else m.num_end
    if any(_AGE_AFTER.match(text[at:at + 16]) for at in (m.num_end, core_end, m.end)):
        return "age"
    if prev is not None and prev.lower_ in words.age_before:
        return "age"
    if prev is not None and prev.lower_ == "of" and first.i >= 2 and doc[first.i - 2].lower_ in words.age_before:
        return "age"
    if m.unit is None and _after_person(doc, first, last):
        return "age"
    if m.unit is None and _is_year(m, last, prev, nxt):
        return "year"
    if m.unit is None and _in_date(m, date_spans, text, prev, nxt):
        return "date"
    if m.form == "digits" and m.num_start >= 2 and text[m.num_start - 1] in "-–" and text[m.num_start - 2].isdigit():
        return "label"  # the tail of "4-3-3" or "16-18 Avenue Road" that no range took
    if m.unit is None and m.currency is None:
        label_word = prev
        if prev is not None and prev.text in (".", "#") and first.i >= 2:
            label_word = doc[first.i - 2]  # "No. 10", "# 3"
        if label_word is not None and label_word.lower_.rstrip(".") in words.identifier_nouns | {"no"} and m.form == "digits":
            return "label"
        if prev is not None and _is_label_after_name(prev, first, last, nxt):
            return "label"
        if nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper():
            for t in doc[nxt.i:min(nxt.i + 4, len(doc))]:
                if t.lower_.rstrip(".") in words.street_words:
                    return "address"
                if t.pos_ != "PROPN" and not re.fullmatch(r"\d+(?:st|nd|rd|th)", t.lower_):
                    break  # "9 E 71st St" runs on through the ordinal
            ent = entity_of(nxt)
            if ent is not None and ent.label_ in _ENTITY_LABELS and ent.start <= last.i:
                return "label"
            counted = counted_phrase(doc, last)
            if counted.head is None or (doc[counted.head].pos_ == "PROPN" and doc[counted.head].tag_ != "NNPS"):
                return "label"  # "9 Pro Ultra", "7 Series": a model name, not a count
    if m.form == "digits" and _looks_like_phone(_around(text, m)):
        return "phone"
    if m.form == "words" and m.value == 1 and not m.is_range and _is_idiomatic_one(doc, first, last, m):
        return "idiom"
    if m.form == "words" and m.value == 0 and m.unit is None:
        return "idiom"
    if m.form == "vague" and not re.match(r"\s+of\b", text[m.num_end:m.num_end + 4]):
        # "injuring hundreds" counts people; "in their hundreds", "the thousands who" do too, but
        # "by the hundreds" and "hundreds-strong" are manners of speaking
        if prev is not None and prev.pos_ in ("DET", "PRON") or last.dep_ not in ("dobj", "nsubj", "nsubjpass", "conj", "appos", "attr", "pobj"):
            return "idiom"
    return None


def _around(text: str, m: NumberMention) -> str:
    """Return the run of digits, spaces, dots, dashes and brackets around a number (to test for a phone)."""
    start, end = m.num_start, m.num_end
    while start > 0 and (text[start - 1].isdigit() or text[start - 1] in "+()-. "):
        start -= 1
    while end < len(text) and (text[end].isdigit() or text[end] in "()-. "):
        end += 1
    return text[start:end].strip(" .-")


def _looks_like_phone(run: str) -> bool:
    """True for "1-888-600-5762", "+44 20 7946 0958", "(555) 123-4567": three or more digit groups, 9+ digits."""
    groups = [g for g in re.split(r"[\s.()+-]+", run) if g]
    return len(groups) >= 3 and all(g.isdigit() for g in groups) and sum(len(g) for g in groups) >= 9


def _after_person(doc, first, last) -> bool:
    """"Smith, 61, said" / "Jane Doe (45)": a bare number right after a person's name is an age."""
    if first.i < 2:
        return False
    before, name = doc[first.i - 1], doc[first.i - 2]
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if before.text not in (",", "(") or after is None or after.text not in (",", ")"):
        return False
    # the small tagger often calls a surname a place ("Smith, 61,"): any proper name will do
    return name.ent_type_ == "PERSON" or (name.pos_ == "PROPN" and name.ent_type_ not in ("NORP", "DATE", "TIME"))


def _is_year(m: NumberMention, last, prev, nxt) -> bool:
    """True for "in 1998", "2019 sales", "by 2120"; false for "hired 2000 workers"."""
    values = [v for v in (m.value, m.low, m.high) if v is not None]
    if not m.plain_integer or not values or not all(1000 <= v <= 2200 for v in values):
        return False
    if m.form != "digits" or any(v != int(v) for v in values):
        return False
    # "2,000 troops" has a comma and is not plain; "2000 troops" after a verb is a count
    if nxt is not None and nxt.tag_ == "NNS" and last.dep_ == "nummod" and last.head.i == nxt.i:
        if prev is None or (prev.pos_ in ("VERB", "AUX", "ADP") and prev.lower_ not in phrase_words().year_preps):
            return False
    return True


@functools.cache
def _date_words() -> re.Pattern:
    """Return the pattern of what names a date in a span the entity model labels DATE: a month as a whole word
    (lang/data/dates.yaml's names and abbreviations: "May", "Sept.", not "mayor" or "separate"), a weekday,
    a year, a numeric date or a calendar word."""
    months = "|".join(sorted(month_numbers(), key=len, reverse=True))
    return re.compile(
        rf"\b(?:{months})\b\.?|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
        r"|\b(?:1[0-9]|20|21)\d\d\b|\d/\d|\b(?:today|yesterday|tomorrow|ago|year|month|week|day|decade|century|"
        r"quarter|season|spring|summer|autumn|fall|winter|morning|night|noon|midnight|dawn)s?\b", re.I)


class _DateSpans:
    """The article's date spans by start, and the longest: the spans that may hold a number are found by
    bisection, not by a scan from the first date of the article for every number."""

    def __init__(self, rows: list[tuple[int, int, object]]) -> None:
        self.rows = rows
        self.starts = [r[0] for r in rows]
        self.longest = max((r[1] - r[0] for r in rows), default=0)

    def before(self, at: int) -> list[tuple[int, int, object]]:
        """Return the spans that start at or before ``at`` and could reach it, in order."""
        first = bisect.bisect_left(self.starts, at - self.longest)
        return self.rows[first:bisect.bisect_right(self.starts, at)]


def _in_date(m: NumberMention, date_spans: _DateSpans, text, prev, nxt) -> bool:
    if prev is not None and prev.lower_ in month_words():
        return True
    if nxt is not None and nxt.lower_ in month_words():
        return True
    values = [v for v in (m.value, m.low, m.high) if v is not None]
    day_or_year = m.plain_integer and all(1 <= v <= 31 or 1000 <= v <= 2100 for v in values)
    for start, end, ent in date_spans.before(m.num_start):
        if start <= m.num_start and m.num_end <= end:
            if not day_or_year:
                return False  # "4417023" is not part of a date, whatever the tagger says
            written = text[start:end]
            if ent is not None and not _date_words().search(written):
                continue  # the tagger calls "between 20 and 30" a DATE; nothing in it names a date
            # "the 50 previous years": a duration, which is a quantity
            if ent is not None and _TIME_UNIT_WORDS.search(written) and not any(
                    w.lower().rstrip(".") in month_words() for w in written.split()):
                return False
            return True
    return False


def _is_label_after_name(prev, first, last, nxt) -> bool:
    """"iPhone 11", "Ligue 1", "S&P 500", "Jones 20": a number glued to a proper name labels it."""
    if prev.tag_ not in ("NNP", "NNPS") or not prev.whitespace_ or prev.lower_ in month_words():
        return False
    if prev.is_sent_start and prev.ent_type_ == "":
        return False
    if nxt is not None and nxt.pos_ == "NOUN" and last.dep_ == "nummod" and last.head.i == nxt.i:
        return False  # "Hamas freed 3 captives" is parsed with a verb, but "Reuters 5 sources" rarely occurs
    return True


def _is_idiomatic_one(doc, first, last, m: NumberMention) -> bool:
    words = figure_words()
    prev = doc[first.i - 1] if first.i > 0 else None
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if prev is not None and prev.lower_ in words.one_idioms_before:
        return True
    if nxt is not None and nxt.lower_ in words.one_idioms_after:
        return True
    if nxt is not None and nxt.lower_ == "of":
        return False  # "one of the captives"
    if m.unit is not None:
        return False
    # a pronoun "one" ("the one that ...") counts nothing
    return not (last.dep_ in ("nummod",) and last.head.i > last.i and last.head.pos_ in ("NOUN", "PROPN"))


# --- building the record ----------------------------------------------------------------------------


def _figure(doc, text: str, context, c: _Candidate) -> Figure:
    m, anchor, sent = c.mention, c.anchor, c.sentence
    article = context.article
    unit = m.unit
    if m.unit == "fraction":
        counted = counted_phrase(doc, anchor)  # "a third of the population": the whole it divides
        measure = "other"
    elif m.unit is None:
        counted = counted_phrase(doc, anchor)
        measure, _trigger = measure_of(doc, anchor, counted)
        if m.hyphen_after:
            measure = "other"  # "a three-page cable": pages are counted, not the dead of the sentence
        unit = _unit_of_counted(doc, counted)
        if unit is not None:
            measure = "other"  # "517 rushing yards", "the 50 previous years": a measure, not a count
    else:
        counted = Counted("", None)
        measure = "other"
    who, claim_rule = claimed_by(context, doc, sent, anchor, c.previous)
    as_of, _date_rule = as_of_date(context, doc, anchor, counted, sent)
    location = location_of(context, doc, anchor, counted, sent)
    span = Span.of(text, m.start, m.end)
    rule = _rule_name(m, counted)
    return Figure(
        id=record_id("figure", article.id, m.start, m.end),
        article=article.id,
        value=m.value,
        low=m.low,
        high=m.high,
        qualifier=m.qualifier,
        measure=measure,
        counted=counted.text,
        span=span,
        sentence=Span.of(text, sent.start_char, sent.end_char),
        location=location,
        as_of=as_of,
        claimed_by=who,
        unit=unit,
        confidence=_confidence(m, counted, measure),
        rule=f"{rule};claim:{claim_rule}",
    )


def _unit_of_counted(doc, counted: Counted) -> str | None:
    """Return the unit named by a counted noun written apart from its number ("517 rushing yards")."""
    if counted.head is None:
        return None
    head = doc[counted.head]
    if not head.text.isalpha() or len(head.text) < 3 or head.pos_ != "NOUN":
        return None
    unit = canonical_unit(head.text)
    if unit is None or units().kinds.get(unit) in ("money", "ratio"):
        return None
    return unit


def _rule_name(m: NumberMention, counted: Counted) -> str:
    if m.unit_kind == "money":
        return "money"
    if m.unit_kind == "percent":
        return "percent"
    if m.unit is not None:
        return f"quantity:{m.unit_kind}"
    if m.form == "vague":
        return "vague_plural"
    return f"count:{m.form}" + ("+noun" if counted.text else "")


def _confidence(m: NumberMention, counted: Counted, measure: str) -> float:
    score = 0.6 if m.form == "digits" else 0.5
    if m.form == "vague" or (m.form == "words" and m.value == 1):
        score = 0.4
    if m.unit is not None or counted.text:
        score += 0.2
    if measure != "other":
        score += 0.1
    return min(score, 0.95)


# --- parts of a whole ---------------------------------------------------------------------------


def _link_subsets(text: str, figures: list[Figure]) -> list[Figure]:
    """Return the figures with ``subset_of`` set where a number is part of a whole named before it.

    "120 prisoners, including 15 serving long terms and 105 others": 15 and 105 are parts of 120.
    "59 captives remain, with 24 believed alive": 24 is a part of 59 (only when the whole names what
    it counts, so that "killing 51,000, wounding 116,000, with 14,000 missing" links nothing).
    """
    words = figure_words()
    strong = re.compile(rf"\b(?:{'|'.join(re.escape(c) for c in words.subset_cues)})\b", re.I)
    weak = re.compile(rf"\b(?:{'|'.join(re.escape(c) for c in words.weak_subset_cues)})\b", re.I)
    out = list(figures)
    for j, part in enumerate(figures):
        if part.value is None or part.unit is not None:
            continue
        for i in range(j - 1, -1, -1):
            whole = out[i]
            if whole.sentence.start != part.sentence.start:
                break
            if whole.value is None or whole.unit is not None or whole.value <= part.value:
                continue
            between = text[whole.span.end:part.span.start]
            if ";" in between:
                break
            after = text[part.span.end:part.span.end + 16]
            listed = bool(strong.search(between))
            own_clause = bool(_PART_OF.match(after)) or (weak.search(between) and whole.counted and not part.counted)
            if listed or own_clause:
                # members listed with "including" share the whole's measure; "with 24 alive" and
                # "24 of them are alive" state their own
                if listed and whole.measure != "other":
                    measure = whole.measure
                else:
                    measure = part.measure if part.measure != "other" else whole.measure
                counted = part.counted or whole.counted
                out[j] = replace(part, subset_of=whole.id, measure=measure, counted=counted,
                                 location=part.location or whole.location,
                                 rule=part.rule + ";subset")
                break
    return out

"""Temporal expressions of an article, each resolved against the article's publication date.

Candidates come from spaCy's DATE (and date-like TIME) entities and from a scan for expressions the
model misses ("now", "Friday", "in 1990"); each is trimmed to the expression proper, resolved by
``resolve_date`` with the tense of the clause that governs it, and anaphoric expressions ("the next
day", "a year earlier") take the date mentioned last as their reference.
"""
from __future__ import annotations

import functools
import re

from ...datafiles import load_yaml
from ...lang import dating_words, month_words, weekday_names
from ...records import DateValue, Span
from ..doctext import doc_text
from .calendar import NO_ANCHOR_NOTE, to_timeml
from .lexicon import alternation as _alternation
from .resolve import resolve_date

__all__ = ["NO_ANCHOR_NOTE", "clause_tense", "extract_dates", "resolve_date", "to_timeml"]

# The words around an expression are lang/data/dates.yaml's (future_modals, range_openers, ...), as are
# the verbs that look ahead; rule names stay in code.
_DATES = load_yaml("dates.yaml")
_FUTURE_MODALS = frozenset(_DATES["future_modals"])
_FUTURE_HEADS = frozenset(_DATES["future_heads"])
# expressions that extend a date to an open range ("since March 18") or introduce one ("from 2019 to 2021")
_RANGE_OPENERS = frozenset(_DATES["range_openers"])
# rules whose dates the text states outright: later anaphora ("a year earlier", "the next day") count from them
_REFERENCE_RULES = {"numeric_date", "numeric_month", "month_day", "month_day_year", "month_year", "month", "holiday",
                    "year", "year_words", "quarter", "half", "season", "week_of"}
_PARTS_OF_DAY = frozenset(_DATES["parts_of_day"])
_WEEKDAYS = weekday_names() | frozenset(_DATES["deictic_days"])
# the one-word relations that point back, ahead or to now ("previous", "next", "this"): a span the model
# gives may follow one ("that" and "same" refer back to a date, which the model's span does not need)
_RELATION_WORDS = frozenset(w for group, words in _DATES["relations"].items() if group != "same" for w in words
                            if " " not in w)
_SPAN_TRIM_LEFT = frozenset(_DATES["span_trim_left"])
# auxiliaries of the present ("is", "'re") and of the present perfect ("has", "'ve"), which reports a past
_PRESENT_AUX = frozenset(_DATES["present_auxiliaries"])
_PERFECT_AUX = frozenset(_DATES["perfect_auxiliaries"])
# the words between a possessive and a decade: "her early 30s" is an age
_AGE_DECADE_MODIFIERS = frozenset(_DATES["age_decade_modifiers"])
# the joints of an expression that does not resolve as a whole: a period's end or start, and the others
_PERIOD_END = tuple(_DATES["period_end_joints"])
# "ahead of Monday's summit", "the upcoming Monday vote": a noun put ahead of the report
_FORWARD = dating_words().forward_markers


@functools.lru_cache(maxsize=1)
def _scanner() -> re.Pattern:
    """Return one regex for the expressions spaCy's entity model tends to miss; run once per text."""
    # month and weekday names as a report capitalizes them (lang/data/dates.yaml), longest first
    months = "(?:" + "|".join(re.escape(w.capitalize()) for w in sorted(month_words(), key=len, reverse=True)) + ")"
    weekday = "(?:" + "|".join(w.capitalize() for w in sorted(weekday_names())) + ")"
    year = r"(?:1[6-9]\d\d|20\d\d)"
    return re.compile(
        rf"\b(?:{weekday}(?:,? {months} \d{{1,2}}(?:st|nd|rd|th)?)?(?:,? {year})?"
        rf"(?: (?:morning|afternoon|evening|night))?"
        rf"|{months} \d{{1,2}}(?:st|nd|rd|th)?(?:,? {year})?"
        rf"|\d{{1,2}} {months}(?:,? {year})?"
        rf"|(?<=in |by |of )(?:(?:early|late|mid-?) )?{months}(?: {year})?(?![\w-])"
        rf"|(?<=in |by )(?:(?:early|late|mid-?) )?{year}s?(?![\w%-])"
        rf"|(?<=since |until )(?:{months} )?{year}(?![\w%-])"
        rf"|(?:(?:[Ll]ast|[Nn]ext|[Tt]his) )?(?:Thanksgiving(?: Day)?|Christmas(?: Day| Eve)?|New Year's (?:Day|Eve)|"
        rf"Labor Day|Memorial Day|Independence Day|Halloween|Easter)"
        rf"|(?:[Tt]he|[Tt]hat) (?:latest |most recent |current |fiscal )?quarter(?![\w-])|the latest period"
        rf"|(?:[Ll]ast|[Nn]ext|[Tt]his) (?:week|month|year|quarter)(?![\w-])"
        rf"|(?:[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth)[- ](?:fiscal )?quarter(?![\w-])"
        rf"|the (?:near|foreseeable|distant) future|the (?:near|short) term(?![\w-])"
        rf"|[Tt]he past(?!\s+(?:[\w-]+\s+)?(?:years?|months?|weeks?|days?|decades?|quarters?|centur|hours?|"
        rf"generation|session|season|time|\d|few|several|two|three|four|five|six|seven|eight|nine|ten|twelve))"
        rf"|[Nn]ow|[Cc]urrently|[Rr]ecently|[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight|[Nn]owadays|the future)\b"
        rf"(?!['\u2019]s \w)"
    )


def clause_tense(token) -> str:
    """Return "past", "present" or "future": the tense of the clause whose verb governs ``token``."""
    if token.dep_ in ("poss", "compound", "nmod", "amod") and token.head.pos_ in ("NOUN", "PROPN"):
        # "Wednesday's ruling", "a Sunday memorial": a modifier of a noun names what was, unless the noun is
        # put ahead ("ahead of Monday's summit", "the planned Monday vote") in a clause not in the past
        noun = token.head
        ahead = any(c.lower_ in _FORWARD for c in noun.children) or (
            noun.dep_ == "pobj" and noun.head.head.lower_ in _FORWARD)
        return "future" if ahead and noun.head is not noun and clause_tense(noun) != "past" else "past"
    verb = token
    for _ in range(5):
        if verb.pos_ in ("VERB", "AUX") or verb.tag_.startswith("VB"):
            break
        if verb.head is verb:
            return "past"
        verb = verb.head
    else:
        return "past"
    for _ in range(3):
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        words = {a.lower_ for a in auxes}
        if words & _FUTURE_MODALS:
            return "future"
        if any(a.tag_ == "VBD" for a in auxes) or verb.tag_ == "VBD":
            return "past"
        if verb.tag_ == "VBN" and words & _PERFECT_AUX:
            return "past"
        if verb.tag_ == "VBN" and not auxes and verb.dep_ == "acl" and verb.lemma_ not in _FUTURE_HEADS:
            return "past"  # "statements made Friday"
        if any(a.tag_ == "TO" for a in auxes) or (verb.tag_ in ("VBN", "JJ") and verb.lemma_ in _FUTURE_HEADS):
            head = verb.head
            if head.lemma_ in _FUTURE_HEADS or verb.lemma_ in _FUTURE_HEADS or \
                    (head.lemma_ == "be" and verb.tag_ == "VBN"):
                return "future"
            if head is verb or not head.tag_.startswith("VB"):
                return "present"
            verb = head
            continue
        if verb.tag_ in ("VBZ", "VBP") or words & _PRESENT_AUX:
            if verb.tag_ == "VBG" or (verb.tag_ == "VBN" and verb.lemma_ in _FUTURE_HEADS):
                return "future"
            return "present"
        if verb.tag_ in ("VB", "MD") and auxes:
            return "present"
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
            verb = verb.head
            continue
        return "past"
    return "past"


def _trim(doc, start: int, end: int) -> tuple[int, int]:
    """Return token bounds without leading prepositions, trailing possessives or punctuation."""
    while start < end - 1 and (doc[start].lower_ in _SPAN_TRIM_LEFT or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS" or doc[end - 1].is_space):
        end -= 1
    return start, end


def _candidates(doc) -> list[tuple[int, int, str]]:
    """Return (char start, char end, source) of candidate expressions, in text order, not overlapping."""
    found: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if ent.label_ == "TIME" and any(t.like_num for t in ent):
            continue
        s, e = _trim(doc, ent.start, ent.end)
        if s == ent.start and s > 0 and doc[s - 1].lower_ in _RELATION_WORDS and ent[0].lower_ not in _RELATION_WORDS:
            s -= 1  # spaCy leaves out "previous" in "previous Monday"
        if e < len(doc) and doc[e].lower_ in _PARTS_OF_DAY and doc[e - 1].lower_ in _WEEKDAYS:
            e += 1  # "Wednesday night" is one expression
        if s > ent.start or s == 0 or doc[s - 1].lower_ not in _RANGE_OPENERS:
            pass
        else:
            s -= 1
        found.append((doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), ent.label_))
    taken = [(s, e) for s, e, _ in found]
    for m in _scanner().finditer(doc_text(doc)):
        s, e = m.span()
        if any(s < te and ts < e for ts, te in taken):
            continue
        found.append((s, e, "scan"))
        taken.append((s, e))
    found.sort()
    return found


_AT_TIME = frozenset(_DATES["at_time_prepositions"])


def _at_time(doc, start: int, end: int) -> bool:
    """Return True when an expression says when a past act happened: after "in", "on" or "during" that
    hang on a verb in the simple past ("was released in June", "bombed the base on May 3"). Not on a noun
    ("a cutback in its supply in September") nor on a verb in the perfect or without tense ("has invited
    them to a ceremony on March 12", "decided to admit them in early March"): those may lie ahead."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.start == 0 or doc[span.start - 1].lower_ not in _AT_TIME:
        return False
    verb = doc[span.start - 1].head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBD":
        return not auxes
    return verb.tag_ == "VBN" and bool(auxes) and all(a.tag_ == "VBD" and a.dep_ == "auxpass" for a in auxes)


def _after_possessive(doc, start: int) -> bool:
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return False
    i = span.start
    while i > 0 and doc[i - 1].lower_ in _AGE_DECADE_MODIFIERS:
        i -= 1
    return i > 0 and doc[i - 1].tag_ == "PRP$"


def _tense_at(doc, start: int, end: int) -> str:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "past"
    return clause_tense(span.root)


def extract_dates(doc, *, context) -> list[DateValue]:
    """Return the DateValues of every temporal expression in ``doc``, anchored on the publication date.

    ``context.article.published`` (YYYY-MM-DD or None) is the anchor; without it relative expressions
    come back with value None and a note. Ages, counts and other numbers are not dates.
    """
    article_published = context.article.published if context is not None else None
    text = doc_text(doc)
    # An embedded post speaks from its own date: "today" in a post credited "February 15, 2025" is
    # that day, whatever day the article came out.
    posts = [(p.start, p.end, p.date) for p in context.layout.posts if p.date] if context is not None else []
    out: list[DateValue] = []
    reference: DateValue | None = None
    for start, end, source in _candidates(doc):
        expression = text[start:end]
        tense = _tense_at(doc, start, end)
        published = next((d for s, e, d in posts if s <= start and end <= e), article_published)
        value = resolve_date(expression, published, tense=tense, reference=reference,
                             at_time=tense == "past" and _at_time(doc, start, end))
        if value is None:
            if source != "scan":
                for piece in _split_unresolved(text, start, end, published, tense, reference):
                    out.append(piece)
                    if piece.rule in _REFERENCE_RULES:
                        reference = piece
            continue
        if source == "TIME" and value.granularity != "day":
            continue
        if value.rule == "decade" and _after_possessive(doc, start):
            continue  # "in her 30s" is an age
        if source == "scan" and value.rule in ("past_ref",) and not expression.lower().startswith("recent"):
            continue
        rule = value.rule if source != "scan" else value.rule + "+scan"
        record = _with_span(value, Span(start, end, expression), rule)
        out.append(record)
        if record.resolved and (value.rule in _REFERENCE_RULES or value.rule.startswith("weekday")):
            reference = value
    return out


_SPLIT = re.compile(rf"\s+(?:(?:that |which )?{_alternation(_DATES['period_end_joints'] + _DATES['period_start_joints'])}"
                    rf"|{_alternation(_DATES['split_joints'])})\s+|\s*[,;]\s*")


def _split_unresolved(text: str, start: int, end: int, published: str | None, tense: str,
                      reference: DateValue | None) -> list[DateValue]:
    """Return the dates inside an expression that does not resolve as a whole.

    spaCy often joins "the quarter ended Sept. 30" or "April 24 and 25" into one entity; TimeML and
    readers see two expressions. A period "ended" on a date is resolved against that date; a bare day
    number after a month-day ("and 25") borrows its month.
    """
    expression = text[start:end]
    pieces, pos = [], 0
    for m in _SPLIT.finditer(expression):
        pieces.append((pos, m.start(), m.group(0).strip()))
        pos = m.end()
    if not pieces:
        return []
    pieces.append((pos, len(expression), ""))
    out: list[DateValue] = []
    resolved: list[DateValue | None] = [None] * len(pieces)
    # right to left, so that "the quarter ended Sept. 30" knows its end date first
    for i in range(len(pieces) - 1, -1, -1):
        s, e, joiner = pieces[i]
        piece = expression[s:e]
        ref = reference
        if joiner.endswith(_PERIOD_END) and resolved[i + 1] is not None:
            nxt = resolved[i + 1]
            ref = DateValue(value=nxt.value, granularity=nxt.granularity, text=nxt.text, rule="period_end")
        value = resolve_date(piece, published, tense=tense, reference=ref)
        if value is not None and ref is not reference and value.granularity == "year" and value.kind == "date":
            # "the year ended Sept. 30" is twelve months to that day, not a calendar year
            value = DateValue(value="P1Y", granularity="year", text=piece, kind="duration", rule="fiscal_year")
        if value is None and re.fullmatch(r"\d{1,2}", piece.strip()) and i > 0:
            head = re.match(r"\s*(?:\w+,? )?([A-Z][a-z]{2,8}\.?) \d", expression[pieces[i - 1][0]:pieces[i - 1][1]])
            if head:
                value = resolve_date(f"{head.group(1)} {piece.strip()}", published, tense=tense, reference=ref)
        resolved[i] = value
        if value is not None:
            out.append(_with_span(value, Span(start + s, start + e, piece), value.rule + "+split"))
    out.sort(key=lambda d: d.span.start)
    return out


def _with_span(value: DateValue, span: Span, rule: str) -> DateValue:
    return DateValue(value=value.value, granularity=value.granularity, text=span.text, span=span,
                     start=value.start, end=value.end, kind=value.kind, rule=rule, note=value.note)

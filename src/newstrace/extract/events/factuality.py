"""Whether an event happened, when, and on whose word: factuality, the event's own date, reported_by.

Factuality follows PLOVER's distinctions: ``asserted``; ``negated`` ("did not release", "failed to");
``future`` (will, pledged to); ``hypothetical`` (if-clauses, could, might); ``historical`` (background
well before the report: "since the start of the war", dates more than about a year before publication).
"""
from __future__ import annotations

from ...lang import event_words
from ...records import DateValue, EntityRef
from ...timeframe import point_of

_W = event_words()  # the word lists of lang/data/events.yaml

FUTURE_AUX = _W.future_aux
HYPOTHETICAL_AUX = _W.hypothetical_aux
CONDITION_MARKS = _W.condition_marks
HISTORICAL_DAYS = 365
# A subject that says nobody did it: "nobody was arrested", "none were hurt", "no one fired".
NEGATIVE_SUBJECTS = _W.negative_subjects


def _clause_head(tok):
    """Return the verb heading the clause ``tok`` belongs to (itself when it is a verb)."""
    while tok.pos_ not in ("VERB", "AUX") and tok.dep_ not in ("ROOT",) and tok.head is not tok:
        tok = tok.head
    return tok


def modality(trigger) -> tuple[str, str]:
    """Return (factuality, reason) from the trigger's own clause: negation, modals, conditions."""
    clause = _clause_head(trigger)
    opening = next((t for t in trigger.sent if not (t.is_punct or t.is_space)), None)
    if opening is not None and opening.lower_ == "let" and opening.tag_ == "VB":
        return "hypothetical", "exhortation 'let's'"  # "Let's release them": a proposal, not a report
    heads = [trigger] if clause is trigger else [trigger, clause]
    if clause.dep_ == "conj" and clause.head.pos_ in ("VERB", "AUX"):
        # "will not forget or forgive": a coordinated verb shares its head's auxiliaries and negation
        heads.append(clause.head)
    negated = False
    future = False
    would = False
    perfect = False
    hypothetical = False
    reason = ""
    for tok in heads:
        for child in tok.children:
            low = child.lower_
            if child.dep_ == "neg" or (low in ("never", "no") and child.dep_ in ("neg", "advmod", "det")):
                negated, reason = True, f"negation '{child.text}'"
            elif child.dep_ in ("nsubj", "nsubjpass") and (low in NEGATIVE_SUBJECTS or (low == "one" and any(
                    d.lower_ == "no" for d in child.children))):
                negated, reason = True, f"no one did it ('{child.text}')"  # "nobody was arrested"
            elif child.dep_ == "aux":
                if low == "have" and tok.tag_ == "VBN":
                    perfect = True
                if low in FUTURE_AUX:
                    future, reason = True, f"future '{child.text}'"
                elif low == "would":
                    would = True
                elif low in HYPOTHETICAL_AUX:
                    hypothetical, reason = True, f"modal '{child.text}'"
                elif low == "going" or (low == "be" and any(c.lower_ == "to" for c in child.children)):
                    future = True
            elif child.dep_ == "advcl" and any(m.lower_ in CONDITION_MARKS for m in child.children if m.dep_ == "mark"):
                hypothetical, reason = True, "condition 'if'"
    if not negated and clause.dep_ == "pcomp" and clause.head.lower_ == "without":
        negated, reason = True, "'without ...': not done"  # "left without paying", "without giving details"
    if not negated and _under_negated_noun(trigger):
        negated, reason = True, "negated by 'no' on the noun it depends on"
    # "would ... if" is hypothetical; a bare "would" reports a future from the past ("said it would");
    # "would have attacked" did not happen (a counterfactual: "had the talks failed, ...").
    if would and hypothetical:
        return "hypothetical", reason
    if would and perfect and not negated:
        return "hypothetical", "counterfactual 'would have'"
    if clause.dep_ == "advcl" and any(m.lower_ in CONDITION_MARKS for m in clause.children if m.dep_ == "mark"):
        return "hypothetical", "inside an if-clause"
    if negated:
        return "negated", reason
    if hypothetical:
        return "hypothetical", reason
    if future or would:
        return "future", reason or "future 'would'"
    return "asserted", ""


_NEGATING_DETERMINERS = _W.negating_determiners


def _under_negated_noun(trigger) -> bool:
    """Return True for a trigger inside a noun phrase with "no" ("had no knowledge of any efforts to
    urge Ukraine", "there is no evidence of an attack"): nothing in it is asserted."""
    tok = trigger
    for _ in range(6):
        head = tok.head
        if head is tok or tok.dep_ in ("ccomp", "conj", "parataxis", "advcl", "relcl"):
            return False
        if head.pos_ in ("NOUN", "PROPN") and any(
                c.dep_ in ("det", "neg") and c.lower_ in _NEGATING_DETERMINERS for c in head.children):
            return True
        if head.pos_ in ("VERB", "AUX") and tok.dep_ not in ("xcomp", "acl", "pcomp"):
            return False
        tok = head
    return False


def in_background_phrase(trigger) -> bool:
    """Return True for a nominal trigger inside "since ..." (the war's start is background)."""
    tok = trigger
    for _ in range(4):
        if tok.head is tok:
            return False
        if tok.dep_ == "pobj" and tok.head.lower_ == "since":
            return True
        tok = tok.head
    return False


def is_historical(event_date: DateValue | None, published: str | None) -> bool:
    """Return True when the event's date lies more than about a year before publication."""
    if event_date is None or published is None:
        return False
    # the last day the event's date can stand for against the day of publication
    when = point_of(event_date.value or event_date.end or event_date.start)
    pub = point_of(published)
    return when is not None and pub is not None and (pub.hi - when.hi).days > HISTORICAL_DAYS


DATE_BOUNDS = _W.date_bounds


class DateAttacher:
    """Attach to each trigger the date expression of its own clause, from the dates stage."""

    def __init__(self, doc, dates: list[DateValue]) -> None:
        self.doc = doc
        self.by_sentence: dict[int, list[tuple[object, DateValue]]] = {}
        for value in dates:
            if value.span is None or not value.resolved or value.kind in ("duration", "set"):
                continue
            span = doc.char_span(value.span.start, value.span.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            self.by_sentence.setdefault(span.sent.start, []).append((span.root, value))

    def date_for(self, trigger, sentence_start: int, triggers: set[int]) -> DateValue | None:
        """Return the date whose dependency path reaches ``trigger`` before any other trigger, or None."""
        candidates = self.by_sentence.get(sentence_start)
        if not candidates:
            return None
        for root, value in candidates:
            tok = root
            for _ in range(12):
                if tok.i == trigger.i:
                    return value
                if tok.dep_ == "prep" and tok.lower_ in DATE_BOUNDS:
                    return None  # "arrived before Dec. 31": a bound, not the day of the act; unknown stays unknown
                if tok.i != root.i and (tok.i in triggers or (tok.pos_ in ("VERB", "AUX") and tok.dep_ != "prep")):
                    break  # the date belongs to the clause of the first verb above it ("following" is a preposition)
                if tok.head is tok:
                    break
                tok = tok.head
        return None


    def date_of_noun(self, noun) -> DateValue | None:
        """Return the date a possessive or compound gives an event noun ("Sunday's strike"), or None."""
        for root, value in self.by_sentence.get(noun.sent.start, ()):
            if root.head.i == noun.i and root.dep_ in ("poss", "compound", "npadvmod"):
                return value
        return None


def reported_by(trigger_start: int, trigger_end: int, context) -> EntityRef:
    """Return who reports an event: the speaker of the quote that contains it, else the outlet."""
    # The innermost quote speaks: "'We thank Hamas,' Peskov told reporters, the agency reported".
    covering = sorted((q for q in context.quotes
                       if q.content.start <= trigger_start and trigger_end <= q.content.end),
                      key=lambda q: q.content.end - q.content.start)
    for quote in covering:
        if quote.speaker is not None:
            return quote.speaker
        if quote.speaker_text:
            return EntityRef(None, quote.speaker_text)
    article = context.article
    return EntityRef(None, article.source or "the outlet")

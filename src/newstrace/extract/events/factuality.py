"""Whether an event happened, when, and on whose word: factuality, the event's own date, reported_by.

Factuality follows PLOVER's distinctions: ``asserted``; ``negated`` ("did not release", "failed to");
``future`` (will, pledged to); ``hypothetical`` (if-clauses, could, might); ``historical`` (background
well before the report: "since the start of the war", dates more than about a year before publication).

``asserted`` means the reporter (or the quoted source named in ``reported_by``) vouches that the act
happened. What the text only alleges, rumours or hedges ("reportedly attacked", "accused of killing",
"allegations that prisoners were tortured", "the video appears to show") is ``hypothetical``: it may or
may not have happened, and no value "alleged" exists in PLOVER or in our records. The act a court tries
or punishes ("jailed for kidnapping", "on trial for the massacre") is ``historical``: it happened before
the report, and the court's act, not the crime, is the news (see ``stance``).
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
QUESTION_MARKS = _W.question_marks
ACHIEVED_HEADS = _W.achieved_heads
ALTERNATIVE_MARKS = _W.alternative_marks


def _clause_head(tok):
    """Return the verb heading the clause ``tok`` belongs to (itself when it is a verb)."""
    while tok.pos_ not in ("VERB", "AUX") and tok.dep_ not in ("ROOT",) and tok.head is not tok:
        tok = tok.head
    return tok


def _first_conjunct(tok):
    """Return the first of the words coordinated with ``tok`` (itself when it is the first)."""
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok


def presupposed_nominal(trigger) -> bool:
    """Return True for a definite event noun in a phrase that takes the act as given: "Iran's response to
    Soleimani's killing will be serious", "will retaliate for the attack", "did not comment on ... after the
    bombing" (the modal or negation is about the response, not the killing). Not "a deal on the release
    will be signed" nor "the plan of the attack" (on, of: what is agreed or planned), nor a subject ("the
    ceasefire will start on Tuesday": scheduled). The coder asks it of acts of force only ("will push for
    the release of the hostages" asks for a release that has not happened)."""
    if trigger.dep_ != "pobj" or trigger.head.lower_ not in PRESUPPOSING_PREPS:
        return False
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS) for c in trigger.children)


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
            elif child.dep_ == "dobj" and tok is trigger and (low in NEGATIVE_SUBJECTS or (low == "one" and any(
                    d.lower_ == "no" for d in child.children))):
                negated, reason = True, f"done to no one ('{child.text}')"  # "the blast killed no one"
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
    if not (negated or future or would or hypothetical):
        # "will keep fighting", "could continue to shell", "was not able to visit": the modal or the
        # negation sits on the verb (or the "able") the act is the complement of
        tok = clause
        achieved = False
        for _ in range(3):
            if tok.dep_ not in ("xcomp", "acomp") or tok.head is tok:
                break
            if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ACHIEVED_HEADS:
                achieved = True
            tok = tok.head
            for child in tok.children:
                if child.dep_ == "aux" and child.lower_ in FUTURE_AUX:
                    future, reason = True, f"future '{child.text}' on '{tok.text}'"
                elif child.dep_ == "aux" and child.lower_ in HYPOTHETICAL_AUX:
                    hypothetical, reason = True, f"modal '{child.text}' on '{tok.text}'"
                elif achieved and child.dep_ == "neg":
                    negated, reason = True, f"negation '{child.text}' on '{tok.text}'"
    if not negated:
        # "instead of the army releasing them", "rather than attacking the base": set aside, not done
        tok = trigger
        for _ in range(4):
            if tok.head is tok:
                break
            tok = tok.head
            if tok.lower_ in ("of", "than") and any(
                    c.dep_ == "advmod" and c.lower_ in ALTERNATIVE_MARKS for c in tok.children):
                negated, reason = True, f"'{tok.text}' after an alternative: set aside, not done"
                break
            if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("acl", "pcomp"):
                break
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
        knower = foreknown(clause)
        if knower is not None:
            return "asserted", f"future in the past under '{knower.text}': foreknown, so done"
        return "future", reason or "future 'would'"
    return "asserted", ""


FACTIVE_VERBS = _W.factive_verbs
FOREKNOWING_VERBS = _W.foreknowing_verbs


def foreknown(verb):
    """Return the past verb of knowing over a future in the past ("the prince knew Khashoggi was going to be
    killed", "did not realize they would attack"), else None. What is known is presupposed true (a factive
    verb), and what was then still to come is told as done: asserted, not future. ("said it would attack"
    and "learned that they would be freed next week" stay future.)"""
    tok = _first_conjunct(verb)  # "knew they would attack and kill": the conjuncts share the first's auxiliaries
    head = tok.head
    if tok.dep_ == "xcomp" and head.lemma_ == "go" and head.tag_ == "VBG" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        if not any(c.dep_ == "aux" and c.lower_ in ("was", "were") for c in head.children):
            return None  # "is going to attack": a future of today
        tok = head
    elif not any(c.dep_ == "aux" and c.lower_ == "would" for c in tok.children):
        return None
    knower = tok.head
    if tok.dep_ != "ccomp" or knower is tok or knower.lemma_.lower() not in FOREKNOWING_VERBS:
        return None
    aux = {c.lower_ for c in knower.children if c.dep_ == "aux"}
    if knower.tag_ == "VBD" or aux & {"did", "had"}:
        return knower
    return None


HEDGES = _W.hedges
HEDGED_MODIFIERS = _W.hedged_modifiers
PLANNED_MODIFIERS = _W.planned_modifiers
EVIDENTIAL_VERBS = _W.evidential_verbs
_SEEMING = EVIDENTIAL_VERBS | {"be", "look"}  # what "X seems/is/looks inevitable" is said by
HEARSAY_VERBS = _W.hearsay_verbs
HEARSAY_NOUNS = _W.hearsay_nouns
IRREALIS_NOUNS = _W.irrealis_nouns
INTENT_NOUNS = _W.intent_nouns
IRREALIS_ADJECTIVES = _W.irrealis_adjectives
DEFINITE_DETERMINERS = _W.definite_determiners
IRREALIS_PREPS = _W.irrealis_preps
ACCUSING_VERBS = _W.accusing_verbs
ACCUSING_NOUNS = _W.accusing_nouns
COURT_VERBS = _W.court_verbs
COURT_NOUNS = _W.court_nouns
COURT_ADJECTIVES = _W.court_adjectives
COURT_PREPS = _W.court_preps
STANCE_NOUNS = _W.stance_nouns
PRESUPPOSING_MARKS = _W.presupposing_marks
NEG_RAISING_VERBS = _W.neg_raising_verbs
HEARSAY_GROUNDS = _W.hearsay_grounds
PRESUPPOSING_PREPS = _W.presupposing_preps
CIRCUMSTANCE_PREPS = _W.circumstance_preps
_FINITE = ("VBD", "VBZ", "VBP", "MD")
_PRONOUNS = ("PRON",)


def _frame(head) -> str | None:
    """Return "court" or "accusing" for a word that tries, punishes or accuses someone of an act: the
    word itself ("jailed", "trial", "guilty", "accused") or a verb whose object names the court ("went on
    trial", "stood trial", "faces charges")."""
    lemma = head.lemma_.lower()
    if head.pos_ in ("VERB", "AUX"):
        if lemma in COURT_VERBS:
            return "court"
        if lemma in ACCUSING_VERBS:
            return "accusing"
        for child in head.children:
            nouns = [child] if child.dep_ in ("dobj", "attr") else [
                g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" and child.lower_ == "on" else []
            for noun in nouns:
                if noun.lemma_.lower() in COURT_NOUNS:
                    return "court"
                if noun.lemma_.lower() in ACCUSING_NOUNS:
                    return "accusing"
        return None
    if head.pos_ == "ADJ":
        return "court" if lemma in COURT_ADJECTIVES else None
    if head.pos_ in ("NOUN", "PROPN"):
        if lemma in COURT_NOUNS:
            return "court"
        if lemma in ACCUSING_NOUNS:
            return "accusing"
        if head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ == "VERB" and head.head is not head:
            # "arrested a driver for attacking ...": the parse often hangs the act on the person
            return _frame(head.head)
    return None


def _own_claim(claim, content) -> bool:
    """Return True when the claimant claims its own act ("Hamas claimed it fired the rockets")."""
    who = [c for c in claim.children if c.dep_ in ("nsubj", "nsubjpass")]
    did = [c for c in content.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not who or not did:
        return False
    return did[0].pos_ in _PRONOUNS or did[0].lower_ == who[0].lower_


def stance(trigger) -> tuple[str, str] | None:
    """Return (factuality, reason) when the words above the trigger keep the reporter from vouching for
    the act, else None.

    Hedges ("reportedly", "the alleged attack"), appearance ("appears to show"), claims ("alleged that",
    "reports that", "allegations of"), what is only possible or intended ("the idea of sending troops",
    "plans for a strike"), an embedded question or condition higher up ("asked whether the army had
    shelled"), an accusation ("accused of killing", "arrested for attacking": hypothetical) and a court
    frame ("jailed for kidnapping", "on trial for the massacre": historical, the act is before the report).
    """
    clause = _clause_head(trigger)
    if clause.dep_ == "ROOT" and clause.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in clause.children) and not any(
            t.tag_ in _FINITE for t in trigger.sent):
        return "future", "headline 'X to ...': announced, not done"  # "Australia to send troops"
    first = next((t for t in trigger.sent if not (t.is_punct or t.is_space)), None)
    if clause.dep_ in ("ROOT", "ccomp", "parataxis") and clause.tag_ == "VB" and first is not None \
            and first.i == clause.i and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
        return "hypothetical", "imperative"  # '"Release them now," the crowd chanted': a demand, not a report
    for child in trigger.children:
        if child.dep_ == "advmod" and child.lower_ in HEDGES:
            return "hypothetical", f"hedge '{child.text}'"
        if child.dep_ in ("amod", "compound") and child.lower_ in HEDGED_MODIFIERS:
            return "hypothetical", f"hedge '{child.text} {trigger.text}'"
        if child.dep_ in ("amod", "compound") and child.lower_ in PLANNED_MODIFIERS:
            return "future", f"'{child.text} {trigger.text}': planned, not done"
    if trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.lemma_.lower() in _SEEMING:
        said = next((c for c in trigger.head.children if c.dep_ in ("acomp", "attr", "xcomp", "oprd")
                     and c.lower_ in IRREALIS_ADJECTIVES), None)
        if said is not None and not any(c.dep_ == "xcomp" for c in (*said.children, *trigger.head.children)):
            # ("the killing is likely to prove a watershed": what the act will do is likely, not the act)
            return "hypothetical", f"'{trigger.text} ... {said.text}': not told as done"  # "airstrikes seem inevitable"
    # A definite event noun ("the march", "Saudi Arabia's war", "this attack") is presupposed: "claims
    # that the march was staged by Hamas", "a resolution to end US involvement in the war", "arrested for
    # the attack" doubt or plan something about it, not that it happened. Only a court frame still makes
    # it background ("on trial for the massacre").
    definite = trigger.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS) for c in trigger.children)
    tok = trigger
    for _ in range(8):
        head = tok.head
        if head is tok:
            return None
        dep = tok.dep_
        if definite:
            if dep in ("pobj", "pcomp") and head.dep_ == "prep" and head.lower_ in COURT_PREPS \
                    and _frame(head.head) == "court":
                return "historical", f"court frame '{head.head.text} {head.lower_}': the act is before the report"
            tok = head
            continue
        marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
        if tok.pos_ in ("VERB", "AUX") and _on_hearsay(tok):
            return "hypothetical", "told on the strength of reports or rumours"
        if dep in ("ccomp", "csubj", "attr", "acl", "pcomp") and marks & QUESTION_MARKS:
            # ("whether" in an adverbial clause is a concession: "whether it is the war in X or ...")
            return "hypothetical", f"embedded question '{next(iter(marks & QUESTION_MARKS))}'"
        if dep == "advcl" and marks & CONDITION_MARKS:
            return "hypothetical", f"condition '{next(iter(marks & CONDITION_MARKS))}' above it"
        if dep == "advcl" and marks & PRESUPPOSING_MARKS:
            return None  # "as its government battled a crisis": told as a fact, whatever is said above it
        if dep == "prep" and tok.lower_ in CIRCUMSTANCE_PREPS:
            return None  # "before the firefight", "following the pledge": the same
        has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
        if dep == "acl" and tok.tag_ == "VBN" and not marks and not has_subject:
            return None  # "the act, signed into law in 1996": a reduced relative clause, told as a fact
        lemma = head.lemma_.lower()
        if dep == "ccomp" and lemma in FACTIVE_VERBS and head.pos_ in ("VERB", "AUX"):
            return None  # "did not know the army had shelled it": what is known is presupposed true
        if dep == "ccomp" and lemma in NEG_RAISING_VERBS and any(c.dep_ == "neg" for c in head.children):
            return "negated", f"'not {head.text}' it: the speaker holds it did not happen"
        if dep == "xcomp" and lemma in EVIDENTIAL_VERBS:
            return "hypothetical", f"evidential '{head.text} to'"
        if dep == "ccomp" and lemma in HEARSAY_VERBS and head.pos_ == "VERB" and not _own_claim(head, tok):
            return "hypothetical", f"claim '{head.text} that'"
        if head.pos_ == "NOUN":
            # "reports that ...", "plans to ...", "allegations he was tortured" (a clause with its own subject)
            # (a "that" the parse marks as a complementizer makes even a "relcl" the noun's content: "the
            # rumor that we've killed him")
            content = (dep in ("acl", "ccomp") and ("that" in marks or has_subject or any(
                c.dep_ == "aux" and c.lower_ == "to" for c in tok.children))) or (dep == "relcl" and "that" in marks)
            if content and lemma in HEARSAY_NOUNS:
                if _under_negated_noun(head):  # "there is no truth to the rumour that they killed him"
                    return "negated", f"'{head.text} that' denied by 'no'"
                if not _report_told_as_there(head):
                    return "hypothetical", f"claim '{head.text} that'"
                tok = head  # "subsequent reports that he had been killed drew outrage": as "media reported"
                continue
            if content and lemma in IRREALIS_NOUNS:
                return "hypothetical", f"possibility '{head.text}'"
            if content and lemma in INTENT_NOUNS:
                return "future", f"intent '{head.text}'"
        if dep in ("pobj", "pcomp") and head.dep_ == "prep":
            frame_word = head.head
            prep = head.lower_
            frame_lemma = frame_word.lemma_.lower()
            if frame_word.pos_ == "NOUN" and prep in IRREALIS_PREPS:
                if frame_lemma in HEARSAY_NOUNS and prep in ("of", "about") and not _report_told_as_there(frame_word):
                    return "hypothetical", f"claim '{frame_word.text} {prep}'"
                if frame_lemma in IRREALIS_NOUNS:
                    return "hypothetical", f"possibility '{frame_word.text} {prep}'"
                if frame_lemma in INTENT_NOUNS:
                    return "future", f"intent '{frame_word.text} {prep}'"
            if frame_word.pos_ == "NOUN" and dep == "pcomp" and frame_lemma in STANCE_NOUNS:
                return "hypothetical", f"argued for or against: '{frame_word.text} {prep}'"
            if prep in COURT_PREPS:
                kind = _frame(frame_word)
                if kind == "court":
                    return "historical", f"court frame '{frame_word.text} {prep}': the act is before the report"
                if kind == "accusing":
                    return "hypothetical", f"alleged: '{frame_word.text} {prep}'"
        if head.pos_ in ("VERB", "AUX") and any(c.dep_ == "advmod" and c.lower_ in HEDGES for c in head.children) \
                and dep not in ("ccomp", "advcl", "relcl", "parataxis"):
            return "hypothetical", f"hedge '{next(c.text for c in head.children if c.lower_ in HEDGES)}'"
        if dep in ("relcl", "parataxis"):
            return None  # a relative clause or an aside says nothing about the clause it hangs on
        tok = head
    return None


_NEGATING_DETERMINERS = _W.negating_determiners
REPORTING_NOUNS = _W.reporting_nouns
CONFIRMING_VERBS = _W.confirming_verbs


def _report_told_as_there(noun) -> bool:
    """Return True for a noun of neutral reporting told as there, which passes its content on as the verb
    "reported" does: the subject ("subsequent reports that he had been killed drew outrage"), "there were
    reports that ...", "amid reports that ...". Not a hedged or negated report ("unconfirmed reports", "no
    reports"), nor one that someone denies, dismisses or investigates (an object: what that verb makes of
    it); one confirmed is vouched for ("the ministry confirmed reports that ...")."""
    if noun.lemma_.lower() not in REPORTING_NOUNS:
        return False
    if any(c.dep_ in ("amod", "compound") and c.lower_ in HEDGED_MODIFIERS or c.dep_ in ("det", "neg")
           and c.lower_ in _NEGATING_DETERMINERS for c in noun.children):
        return False
    tok = _first_conjunct(noun)  # "the disappearance and subsequent reports that ...": the first one's place
    if tok.dep_ == "nsubj" or (tok.dep_ == "attr" and tok.head.lemma_ == "be"):
        return True
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in CONFIRMING_VERBS:
        # "confirmed reports that ...": vouched for, unless the confirming is itself not done ("could not
        # confirm", "declined to confirm")
        return tok.head.dep_ != "xcomp" and modality(tok.head)[0] == "asserted"
    return tok.dep_ == "pobj" and tok.head.lower_ in CIRCUMSTANCE_PREPS


def _on_hearsay(verb) -> bool:
    """Return True for a clause told on the strength of hearsay: "had been killed, based on reports in the
    local media", "citing unconfirmed reports", "relying on rumours" (reports, rumours: plural or unconfirmed;
    "citing a police report" names a document)."""
    for child in verb.children:
        if child.lemma_.lower() not in HEARSAY_GROUNDS or child.i < verb.i:
            continue
        for noun in (g for c in (child, *child.children) for g in c.children if g.dep_ in ("dobj", "pobj")):
            if noun.lemma_.lower() in HEARSAY_NOUNS and (noun.tag_ == "NNS" or any(
                    m.dep_ == "amod" and m.lower_ in HEDGED_MODIFIERS for m in noun.children)):
                return True
    return False


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

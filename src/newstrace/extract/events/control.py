"""Control verbs: what an embedded event becomes under a pledge, a refusal, a request or a threat.

"pledged to secure more releases" is an AGREE (future), not a release; "refused to release" is a
REJECT; "urged Israel to release" a REQUEST; what is claimed, hoped for or alleged is not coded as
fact. Also the salience of a trigger in its sentence, which decides the main-clause event.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from .arguments import Argument
from .lexicon import MATERIAL_CONFLICT, PLOVER_QUAD, Sense, verb_lemma

# What an embedded event becomes under a commitment, a threat, a refusal or a demand (CAMEO codes).
INTENT_CAMEO = {"CONSULT": "036", "AID": "033", "RETREAT": "035", "COOPERATE": "031", "CONCEDE": "035",
                 "SUPPORT": "032", "AGREE": "030"}
THREAT_CAMEO = {"ASSAULT": "138", "COERCE": "137", "SANCTION": "131", "PROTEST": "133", "MOBILIZE": "138",
                 "REJECT": "131", "ACCUSE": "130", "THREATEN": "130"}
REJECT_CAMEO = {"CONSULT": "125", "RETREAT": "1243", "AID": "122", "COOPERATE": "121", "CONCEDE": "124",
                 "AGREE": "127"}
DEMAND_CAMEO = {"RETREAT": "1053", "CONSULT": "106", "AID": "103", "COOPERATE": "101", "CONCEDE": "105"}


@dataclass(slots=True)
class Candidate:
    """A trigger found in a sentence, before control verbs and factuality are applied."""

    trigger: object  # the token whose text is the trigger
    sense: Sense
    anchor: object  # the token the arguments hang from (the light verb for "held talks")
    how: str
    actors: list[Argument] = field(default_factory=list)
    recipients: list[Argument] = field(default_factory=list)
    type: str = ""
    mode: str | None = None
    cameo: str = ""
    factuality: str | None = None
    notes: list[str] = field(default_factory=list)
    absorbed: bool = False
    governor: object | None = None  # a decision, attempt or failure verb over the trigger
    victim: bool = False  # the anchor's subject suffered the event ("died of torture")
    inner: Candidate | None = None  # the embedded event a control verb governs
    agentless: bool = False  # an act of force whose only actor was its weapon: kept with no party

    def __post_init__(self) -> None:
        self.type, self.mode, self.cameo = self.sense.type, self.sense.mode, self.sense.cameo


def inner_negated(tok) -> bool:
    """Return True when the token's own clause is negated ("not to return")."""
    return any(c.dep_ == "neg" for c in tok.children)


# ---- control verbs ----------------------------------------------------------------------
def embedded(governor, found: dict[int, Candidate]) -> Candidate | None:
    """Return the first trigger (breadth first) inside the complement of a control verb."""
    frontier = [c for c in governor.children if c.dep_ in ("xcomp", "ccomp", "dobj", "prep", "advcl")]
    seen = 0
    while frontier and seen < 40:
        nxt = []
        for tok in frontier:
            seen += 1
            if tok.dep_ == "advcl" and tok.head is governor and not any(
                    c.lower_ == "to" for c in tok.children if c.dep_ == "aux"):
                continue
            cand = found.get(tok.i)
            if cand is not None and not cand.absorbed:
                return cand
            nxt.extend(c for c in tok.children
                       if c.dep_ in ("xcomp", "ccomp", "dobj", "pobj", "pcomp", "prep", "conj", "advcl"))
        frontier = nxt
    return None

def absorb_complement(governor, found: dict[int, Candidate]) -> None:
    for child in governor.children:
        if child.dep_ in ("xcomp", "ccomp", "dobj", "prep"):
            for tok in child.subtree:
                cand = found.get(tok.i)
                if cand is not None and tok.i != governor.i:
                    cand.absorbed = True

def apply_control(coder, sent, found: dict[int, Candidate]) -> None:
    """Resolve control verbs in a sentence: absorb embedded events, retype their governors."""
    for index in coder.skipped:
        # A statement use ("expressed condolences over the attack", "denied charges that it
        # attacked"): what it is about is not reported as fact.
        absorb_complement(coder.doc[index], found)
    control = coder.lex.control
    lemma_of = {t.i: (verb_lemma(t, coder.lex) if t.pos_ == "VERB" else t.lemma_.lower()) for t in sent}
    governors = [t for t in sent if t.pos_ in ("VERB", "NOUN", "ADJ") and control.get(lemma_of[t.i])]
    # Innermost governors first, so "refused to agree to release" resolves from the inside out.
    governors.sort(key=lambda t: -_depth(t))
    for gov in governors:
        if gov.i in coder.skipped:
            continue
        cls = control[lemma_of[gov.i]]
        if gov.pos_ == "NOUN" and cls not in ("intent", "request", "threat", "allegation"):
            continue
        if gov.pos_ == "ADJ" and (cls != "intent" or gov.dep_ != "acomp"):
            continue
        if cls in ("intent", "attitude") and any(c.dep_ == "auxpass" for c in gov.children) \
                and lemma_of[gov.i] not in coder.lex.passive_intent:
            continue  # "are wanted by the court": sought, not an intent of the subject's ("is scheduled to": one)
        own = found.get(gov.i)
        if own is not None and own.absorbed:
            continue  # itself inside another control verb's complement
        if cls == "refusal" and own is not None and any(
                c.dep_ == "xcomp" and c.lemma_.lower() in coder.lex.reporting_verbs for c in gov.children):
            own.absorbed = True  # "declined to comment" is a statement (CAMEO 01), not a rejection
            continue
        inner = embedded(gov, found)
        if inner is None or inner is found.get(gov.i):
            continue
        if cls in ("claim", "attitude"):
            absorb_complement(gov, found)
            continue
        if cls == "allegation":
            inner.absorbed = True  # what X is accused of is alleged, not asserted
            if own is not None:
                own.notes.append(f"alleged '{inner.trigger.text}' ({inner.type}) not coded as fact")
            continue
        if cls in ("failure", "attempt", "decision"):
            if cls == "failure":
                inner.factuality = "negated"
            inner.governor = gov
            inner.notes.append(f"{cls} '{gov.text}'")
            continue
        inner.absorbed = True
        if own is not None:
            own.inner = inner
        if cls in ("intent", "refusal", "request", "threat"):
            # Nothing inside what is pledged, refused, requested or threatened is asserted.
            absorb_complement(gov, found)
        if own is None:
            if gov.pos_ == "NOUN":
                continue
            base = replace(inner.sense, lemma=gov.lemma_.lower())
            anchor = gov.head if gov.pos_ == "ADJ" else gov
            own = Candidate(gov, base, anchor, "control verb" if gov.pos_ == "VERB" else "control adjective")
            own.inner = inner
            found[gov.i] = own
        new_type, cameo = controlled_type(cls, own, inner)
        own.type, own.cameo = new_type, cameo
        own.mode = inner.mode if new_type == inner.type else own.sense.mode if own.sense.type == new_type else None
        if cls == "intent" and inner_negated(inner.trigger) and new_type == "AGREE":
            # "vowed not to return the territory": a commitment not to cooperate is a refusal.
            new_type, cameo = "REJECT", REJECT_CAMEO.get(inner.type, "120")
            own.type, own.cameo = new_type, cameo
        if cls in ("intent", "threat"):
            own.factuality = "future"
        own.notes.append(f"{cls} '{gov.text}' governs '{inner.trigger.text}' ({inner.type}) -> {new_type}")
        own.absorbed = False

def controlled_type(cls: str, own: Candidate, inner: Candidate) -> tuple[str, str]:
    conflictive = inner.type in MATERIAL_CONFLICT or PLOVER_QUAD[inner.type] == 3
    if cls == "intent":
        if conflictive:
            return "THREATEN", THREAT_CAMEO.get(inner.type, "130")
        return "AGREE", INTENT_CAMEO.get(inner.type, "030")
    if cls == "threat":
        return "THREATEN", THREAT_CAMEO.get(inner.type, "130")
    if cls == "refusal":
        return "REJECT", REJECT_CAMEO.get(inner.type, "120")
    # request: a call for punitive or hostile action is a demand (CAMEO 10), not an appeal (02)
    cameo = own.cameo if own.sense.type == "REQUEST" else "020"
    if conflictive and cameo.startswith("02"):
        cameo = "100"
    if cameo.startswith("10"):
        cameo = DEMAND_CAMEO.get(inner.type, cameo)
    return "REQUEST", cameo


def _depth(tok) -> int:
    n = 0
    while tok.head is not tok and n < 50:
        tok = tok.head
        n += 1
    return n


# Subordinate clauses (purpose, condition, relative, participial) sit further from the main event
# than their parse depth says; coordinated verbs are as main as their head.
_DEPTH_WEIGHT = {"advcl": 3, "acl": 3, "relcl": 3, "conj": 0.5, "pcomp": 2, "csubj": 2}


def salience_depth(tok) -> int:
    """Return a weighted depth of a token: the main-clause event has the smallest."""
    n = 0
    steps = 0
    while tok.head is not tok and steps < 50:
        n += _DEPTH_WEIGHT.get(tok.dep_, 1)
        tok = tok.head
        steps += 1
    return n


def trigger_depth(event, doc) -> int:
    """Return how deep an event's trigger sits in its sentence's parse (0: the root)."""
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return salience_depth(span.root) if span is not None else 99

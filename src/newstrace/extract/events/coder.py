"""The PLOVER event coder: trigger lemmas plus dependency patterns give type, mode, CAMEO code and roles.

One pass over each sentence finds candidate triggers (verbs of the lexicon; event nouns that are the
object of another verb, "held talks", or carry their own arguments, "the release of the captives by
Hamas"). Control verbs then decide what an embedded event is: "pledged to secure more releases" is
an AGREE (future), not a release; "refused to release" is a REJECT; "urged Israel to release" a
REQUEST. Every event keeps a readable ``why``.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from ...ids import record_id
from ...records import Event, Span
from .arguments import SUBJECTS, RECIPIENT_PREPS, ArgumentResolver, Argument, location_of
from .factuality import DateAttacher, in_background_phrase, is_historical, modality, reported_by
from .lexicon import MATERIAL_CONFLICT, PLOVER_QUAD, Lexicon, Sense, load_lexicon


def _is_party(arg: Argument) -> bool:
    """Return True when an argument names an actor: an entity, a name or a role word ("prisoners")."""
    from ...kb import sector_for

    return arg.entity is not None or arg.head.pos_ in ("PROPN", "PRON") or sector_for(arg.head.lower_) is not None


def _in_purpose_clause(verb) -> bool:
    """Return True for a verb in a to-infinitive that is not the main clause ("met ... to discuss")."""
    if verb.dep_ not in ("xcomp", "advcl", "acl", "relcl", "ccomp"):
        return False
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def inner_negated(tok) -> bool:
    """Return True when the token's own clause is negated ("not to return")."""
    return any(c.dep_ == "neg" for c in tok.children)

_OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "nsubjpass", "dative", "xcomp", "obj", "acomp", "ccomp"})
_DEV_ANY = True
_CIRCUMSTANCE_PREPS = frozenset({"after", "before", "during", "since", "until", "following", "amid", "despite",
                                 "because", "as", "while", "ahead"})
# Objects that stand for their owner as the recipient ("welcomed Reagan's statement").
_OWNED_NOUNS = frozenset({"policy", "policies", "plan", "proposal", "move", "stance", "position", "request",
                          "demand", "offer", "initiative", "action", "actions", "right", "rights", "record"})
# Nouns that count or group an event noun: "a new round of talks", "10 days of war games".
_PARTITIVES = frozenset({"round", "series", "wave", "day", "days", "week", "weeks", "spate", "number", "kind"})
_CONTENT_NOUNS = frozenset({"word", "words", "message", "messages", "letter", "statement", "statements", "remark",
                            "remarks", "note", "efforts", "effort", "role", "basis", "way", "time", "decision",
                            "captivity", "custody", "prison", "jail", "detention", "power", "office", "death",
                            "life", "years", "months"})
# Things that do not act: an actor phrase headed by one of these is dropped ("the bill would allow").
_NON_AGENTS = frozenset({"bill", "law", "legislation", "plan", "report", "resolution", "agreement", "deal",
                         "decision", "move", "study", "measure", "proposal", "warning", "statement", "figures",
                         "data", "document", "rule", "rules", "regulation", "policy", "hit", "treaty", "accord"})
_NOUN_ARG_PREPS = frozenset({"of", "with", "against", "on", "to", "between", "for", "from", "into"})
# What an embedded event becomes under a commitment, a threat, a refusal or a demand (CAMEO codes).
_INTENT_CAMEO = {"CONSULT": "036", "AID": "033", "RETREAT": "035", "COOPERATE": "031", "CONCEDE": "035",
                 "SUPPORT": "032", "AGREE": "030"}
_THREAT_CAMEO = {"ASSAULT": "138", "COERCE": "137", "SANCTION": "131", "PROTEST": "133", "MOBILIZE": "138",
                 "REJECT": "131", "ACCUSE": "130", "THREATEN": "130"}
_REJECT_CAMEO = {"CONSULT": "125", "RETREAT": "1243", "AID": "122", "COOPERATE": "121", "CONCEDE": "124",
                 "AGREE": "127"}
_DEMAND_CAMEO = {"RETREAT": "1053", "CONSULT": "106", "AID": "103", "COOPERATE": "101", "CONCEDE": "105"}


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
    inner: "Candidate | None" = None  # the embedded event a control verb governs

    def __post_init__(self) -> None:
        self.type, self.mode, self.cameo = self.sense.type, self.sense.mode, self.sense.cameo


def _object_words(tok) -> tuple[set[str], set[str], set[str]]:
    objects: set[str] = set()
    particles: set[str] = set()
    preps: set[str] = set()
    for child in tok.children:
        dep = child.dep_
        if dep in _OBJECT_DEPS:
            if dep in ("dobj", "nsubjpass", "dative", "obj"):
                objects.add("*")
            objects.add(child.lemma_.lower())
            objects.add(child.lower_)
            for mod in child.children:
                if mod.dep_ in ("compound", "amod", "prep"):
                    objects.add(mod.lemma_.lower())
                    if mod.dep_ == "prep":
                        objects.update(p.lemma_.lower() for p in mod.children if p.dep_ == "pobj")
        elif dep == "prt":
            particles.add(child.lower_)
        elif dep == "prep":
            preps.add(child.lower_)
            if child.lower_ in _CIRCUMSTANCE_PREPS:
                continue  # "after the strikes" says when or why, not what was acted on
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    objects.add(pobj.lemma_.lower())
                    objects.update(m.lemma_.lower() for m in pobj.children if m.dep_ in ("compound", "amod"))
    if tok.dep_ in ("acl", "relcl") and tok.pos_ == "VERB":
        objects.add(tok.head.lemma_.lower())
    return objects, particles, preps


def _subject_words(tok) -> set[str]:
    words: set[str] = set()
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            words.add(child.lemma_.lower())
            words.update(m.lemma_.lower() for m in child.children if m.dep_ in ("compound", "amod"))
    return words


SKIPPED = Sense("", "verb", "AGREE", None, "030", skip=True)  # a use of a trigger that is not an event


def choose_sense(senses: tuple[Sense, ...], tok) -> Sense | None:
    """Return the first sense whose conditions the parse satisfies, SKIPPED for a non-event use, or None."""
    objects, particles, preps = _object_words(tok)
    subjects: set[str] | None = None
    for sense in senses:
        if sense.subjects:
            if subjects is None:
                subjects = _subject_words(tok)
            if not (subjects & sense.subjects):
                continue
        if sense.clause and not any(c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX") for c in tok.children):
            continue
        if sense.objects and not (objects & sense.objects):
            continue
        if sense.particle and sense.particle not in particles and sense.particle not in preps:
            continue
        if sense.preps and not (preps & sense.preps):
            continue
        return SKIPPED if sense.skip else sense
    return None


def _noun_sense(senses: tuple[Sense, ...], tok, anchor=None) -> Sense | None:
    mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
    for sense in senses:
        if sense.objects and not (mods & sense.objects):
            continue
        if sense.anchors and (anchor is None or anchor.lemma_.lower() not in sense.anchors):
            continue
        return None if sense.skip else sense
    return None


class SentenceCoder:
    """Find and code the events of one document, sentence by sentence."""

    def __init__(self, doc, context, lexicon: Lexicon | None = None) -> None:
        self.doc = doc
        self.context = context
        self.lex = lexicon or load_lexicon()
        self.args = ArgumentResolver(doc, context)
        self.dates = DateAttacher(doc, context.dates)

    # ---- candidates -------------------------------------------------------------------------
    def candidates(self, sent) -> dict[int, Candidate]:
        lex = self.lex
        found: dict[int, Candidate] = {}
        self.skipped: set[int] = set()
        for tok in sent:
            pos = tok.pos_
            if pos == "VERB":
                if tok.dep_ in ("amod", "compound") or (
                        tok.dep_ == "acl" and tok.tag_ == "VBN" and not any(c.dep_ == "agent" for c in tok.children)):
                    continue  # a participle describing a noun ("detainees held in Gaza") states no event
                lemma = tok.lemma_.lower()
                senses = lex.verbs.get(lemma)
                sense = choose_sense(senses, tok) if senses else None
                if sense is SKIPPED:
                    self.skipped.add(tok.i)
                    continue
                decides = lex.control.get(lemma) == "decision"
                if sense is not None and not (decides and self._event_object(tok)):
                    found[tok.i] = Candidate(tok, sense, tok, "verb")
                    continue
                if lemma in lex.victim_verbs:
                    self._victim_noun(tok, found)
                    continue
                if lemma not in lex.light_verbs and not decides and not _DEV_ANY:
                    continue  # "fled the violence": only a light verb lends its subject to an event noun
                # A verb that is not itself an event lends its arguments to an event noun it governs
                # ("held talks", "approved the extradition").
                for child in tok.children:
                    if child.dep_ in ("dobj", "nsubjpass") and child.pos_ == "NOUN":
                        if child.lemma_.lower() in _PARTITIVES:
                            child = next((p for prep in child.children if prep.dep_ == "prep" and prep.lower_ == "of"
                                          for p in prep.children if p.dep_ == "pobj"), child)
                        for noun in (child, *child.conjuncts):
                            nsenses = lex.nouns.get(noun.lemma_.lower())
                            nsense = _noun_sense(nsenses, noun, tok) if nsenses else None
                            if nsense is not None and noun.i not in found:
                                found[noun.i] = Candidate(noun, nsense, tok, f"noun object of '{tok.text}'")
                        break
            elif pos in ("NOUN", "PROPN") and tok.i not in found:
                senses = lex.nouns.get(tok.lemma_.lower())
                if not senses:
                    continue
                if tok.dep_ in ("dobj", "nsubjpass") and tok.head.pos_ == "VERB":
                    continue  # handled from its verb above
                sense = _noun_sense(senses, tok)
                if sense is not None and self._noun_has_arguments(tok):
                    found[tok.i] = Candidate(tok, sense, tok, "noun")
        return found

    def _victim_noun(self, verb, found: dict[int, Candidate]) -> None:
        """Code "X died of torture / after an attack": the noun's event, X its recipient."""
        frontier = [c for c in verb.children if c.dep_ in ("prep", "advcl", "npadvmod")]
        for _ in range(5):
            nxt = []
            for tok in frontier:
                senses = self.lex.nouns.get(tok.lemma_.lower()) if tok.pos_ == "NOUN" else None
                sense = _noun_sense(senses, tok) if senses else None
                if sense is not None and sense.type == "ASSAULT" and tok.i not in found:
                    cand = Candidate(tok, sense, verb, f"noun after '{verb.text}'")
                    cand.victim = True
                    found[tok.i] = cand
                    return
                nxt.extend(c for c in tok.children if c.dep_ in ("pobj", "prep", "pcomp", "amod"))
            frontier = nxt

    def _event_object(self, verb) -> bool:
        """Return True when the verb's object is an event noun ("approved the deployment")."""
        return any(c.dep_ == "dobj" and c.lemma_.lower() in self.lex.nouns for c in verb.children)

    @staticmethod
    def _noun_has_arguments(tok) -> bool:
        for child in tok.children:
            if child.dep_ == "poss":
                return True
            if child.dep_ == "prep" and child.lower_ in ("by", "of", "between", "with", "against", "on"):
                return True
            if child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE", "ORG"):
                return True
        return False

    # ---- arguments --------------------------------------------------------------------------
    def _subjects(self, verb, depth: int = 0) -> list[Argument]:
        args: list[Argument] = []
        for child in verb.children:
            if child.dep_ in SUBJECTS:
                args += self.args.make(child, child.dep_)
            elif child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        args += self.args.make(pobj, "agent")
        if args or depth > 3:
            # An inherited "it" is an expletive ("it is necessary to thank them"), not a party.
            return [a for a in args if not (depth and a.head.lower_ == "it")]
        head = verb.head
        if verb.dep_ == "conj" and head is not verb:
            return self._subjects(head, depth + 1)
        if verb.dep_ in ("xcomp", "advcl") and head is not verb:
            if self.lex.control.get(head.lemma_.lower()) == "request":
                objs = [c for c in head.children if c.dep_ in ("dobj", "dative")]
                if objs:
                    return self.args.make(objs[0], "controller")
            return self._subjects(head, depth + 1)
        if verb.dep_ == "acl" and verb.tag_ == "VBG":
            if head.lemma_.lower() in _CONTENT_NOUNS and head.head.pos_ == "VERB":
                # "issued a statement expressing gratitude": the statement's author is the actor.
                return self._subjects(head.head, depth + 1)
            return self.args.make(head, "modified noun")
        return args

    def _verb_recipients(self, verb) -> list[Argument]:
        args: list[Argument] = []
        for child in verb.children:
            if child.dep_ in ("dobj", "dative", "nsubjpass") and child.pos_ in ("NOUN", "PROPN", "PRON"):
                owner = self._owner_of(child)
                args += self.args.make(owner, f"{child.dep_}:owner") if owner is not None else self.args.make(child, child.dep_)
            elif child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN", "PRON"):
                        args += self.args.make(pobj, f"pobj:{child.lower_}")
            if child.dep_ == "dobj" and child.lemma_.lower() in self.lex.nouns:
                # "expressed gratitude to Hamas": the event noun carries the recipient.
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ in RECIPIENT_PREPS:
                        args += [a for p in prep.children if p.dep_ == "pobj"
                                 for a in self.args.make(p, f"pobj:{prep.lower_}")]
        if not args and verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN":
            args += self.args.make(verb.head, "modified noun")
        if len(args) > 1:
            # "thanked Hamas for its decision": the for-phrase gives the reason, not a party.
            args = [a for a in args if a.role != "pobj:for"] or args
        return [a for a in args if a.head.lemma_.lower() not in _CONTENT_NOUNS]

    def _owner_of(self, noun):
        """Return whose statement, effort or decision an object names ("praised Haiti's efforts"), or None."""
        lemma = noun.lemma_.lower()
        if lemma not in _CONTENT_NOUNS and lemma not in _OWNED_NOUNS:
            return None
        for child in noun.children:
            if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
                return child
        return None

    def _noun_arguments(self, noun) -> tuple[list[Argument], list[Argument]]:
        actors: list[Argument] = []
        recipients: list[Argument] = []
        for child in noun.children:
            if child.dep_ == "poss":
                actors += self.args.make(child, "poss")
            elif child.dep_ == "prep" and child.lower_ == "by":
                actors += [a for p in child.children if p.dep_ == "pobj" for a in self.args.make(p, "pobj:by")]
            elif child.dep_ == "prep" and child.lower_ in _NOUN_ARG_PREPS:
                role = f"pobj:{child.lower_}"
                recipients += [a for p in child.children if p.dep_ == "pobj" for a in self.args.make(p, role)]
            elif child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE", "ORG"):
                actors += self.args.make(child, child.dep_)
        return actors, recipients

    def attach_arguments(self, cand: Candidate) -> None:
        trigger, anchor = cand.trigger, cand.anchor
        if cand.trigger is cand.anchor and cand.how.startswith("control adjective"):
            pass
        if anchor is not trigger and trigger.pos_ == "ADJ":
            cand.actors = self._subjects(anchor)
        elif trigger.pos_ == "VERB":
            cand.actors = self._subjects(trigger)
            cand.recipients = self._verb_recipients(trigger)
        if trigger.pos_ == "ADJ":
            pass
        elif trigger.pos_ != "VERB":
            n_actors, n_recipients = self._noun_arguments(trigger)
            if anchor is not trigger:
                cand.actors = self._subjects(anchor) or n_actors
                others = [a for a in self._verb_recipients(anchor) if a.head is not trigger]
                cand.recipients = n_recipients + others
            else:
                cand.actors, cand.recipients = n_actors, n_recipients
        if cand.victim:
            cand.actors, cand.recipients = self._noun_arguments(trigger)[0], cand.actors
        if cand.sense.host and cand.recipients:
            # PLOVER: the visitor is the actor, the host the recipient.
            cand.actors, cand.recipients = cand.recipients, cand.actors
        elif cand.type == "CONSULT" and any(a.role in ("pobj:with", "dobj") for a in cand.recipients):
            # A meeting with no host: every participant is an actor (PLOVER, CONSULT).
            cand.actors = cand.actors + cand.recipients
            cand.recipients = []
        cand.actors = [a for a in cand.actors if a.head.lemma_.lower() not in _NON_AGENTS or a.entity is not None]
        actor_heads = {a.head.i for a in cand.actors}
        nouns = self.lex.nouns
        if any(r.role in ("pobj:to", "dative") for r in cand.recipients):
            # "donated supplies to the victims": the object is what changes hands, the to-phrase whom.
            cand.recipients = [r for r in cand.recipients if r.role != "dobj" or _is_party(r)]
        cand.recipients = [r for r in cand.recipients if r.head.lemma_.lower() not in cand.sense.objects or _is_party(r)]
        # An event noun after the verb says what was done ("held talks"), not to whom.
        cand.recipients = [r for r in cand.recipients
                           if r.head.i not in actor_heads and r.head.i != cand.trigger.i
                           and r.head.lemma_.lower() not in nouns]
        cand.actors = [a for a in cand.actors if a.head.lemma_.lower() not in nouns or a.role == "nsubj"]

    # ---- control verbs ----------------------------------------------------------------------
    def _embedded(self, governor, found: dict[int, Candidate]) -> Candidate | None:
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

    @staticmethod
    def _absorb_complement(governor, found: dict[int, Candidate]) -> None:
        for child in governor.children:
            if child.dep_ in ("xcomp", "ccomp", "dobj", "prep"):
                for tok in child.subtree:
                    cand = found.get(tok.i)
                    if cand is not None and tok.i != governor.i:
                        cand.absorbed = True

    def apply_control(self, sent, found: dict[int, Candidate]) -> None:
        control = self.lex.control
        governors = [t for t in sent if t.pos_ in ("VERB", "NOUN", "ADJ") and control.get(t.lemma_.lower())]
        # Innermost governors first, so "refused to agree to release" resolves from the inside out.
        governors.sort(key=lambda t: -_depth(t))
        for gov in governors:
            if gov.i in self.skipped:
                continue
            cls = control[gov.lemma_.lower()]
            if gov.pos_ == "NOUN" and cls not in ("intent", "request", "threat", "allegation"):
                continue
            if gov.pos_ == "ADJ" and (cls != "intent" or gov.dep_ != "acomp"):
                continue
            own = found.get(gov.i)
            if own is not None and own.absorbed:
                continue  # itself inside another control verb's complement
            if cls == "refusal" and own is not None and any(
                    c.dep_ == "xcomp" and c.lemma_.lower() in self.lex.reporting_verbs for c in gov.children):
                own.absorbed = True  # "declined to comment" is a statement (CAMEO 01), not a rejection
                continue
            inner = self._embedded(gov, found)
            if inner is None or inner is found.get(gov.i):
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
                self._absorb_complement(gov, found)
            if own is None:
                if gov.pos_ == "NOUN":
                    continue
                base = replace(inner.sense, lemma=gov.lemma_.lower())
                anchor = gov.head if gov.pos_ == "ADJ" else gov
                own = Candidate(gov, base, anchor, "control verb" if gov.pos_ == "VERB" else "control adjective")
                own.inner = inner
                found[gov.i] = own
            new_type, cameo = self._controlled_type(cls, own, inner)
            own.type, own.cameo = new_type, cameo
            own.mode = inner.mode if new_type == inner.type else own.sense.mode if own.sense.type == new_type else None
            if cls == "intent" and inner_negated(inner.trigger) and new_type == "AGREE":
                # "vowed not to return the territory": a commitment not to cooperate is a refusal.
                new_type, cameo = "REJECT", _REJECT_CAMEO.get(inner.type, "120")
                own.type, own.cameo = new_type, cameo
            if cls in ("intent", "threat"):
                own.factuality = "future"
            own.notes.append(f"{cls} '{gov.text}' governs '{inner.trigger.text}' ({inner.type}) -> {new_type}")
            own.absorbed = False

    @staticmethod
    def _controlled_type(cls: str, own: Candidate, inner: Candidate) -> tuple[str, str]:
        conflictive = inner.type in MATERIAL_CONFLICT or PLOVER_QUAD[inner.type] == 3
        if cls == "intent":
            if conflictive:
                return "THREATEN", _THREAT_CAMEO.get(inner.type, "130")
            return "AGREE", _INTENT_CAMEO.get(inner.type, "030")
        if cls == "threat":
            return "THREATEN", _THREAT_CAMEO.get(inner.type, "130")
        if cls == "refusal":
            return "REJECT", _REJECT_CAMEO.get(inner.type, "120")
        # request: a call for punitive or hostile action is a demand (CAMEO 10), not an appeal (02)
        cameo = own.cameo if own.sense.type == "REQUEST" else "020"
        if conflictive and cameo.startswith("02"):
            cameo = "100"
        if cameo.startswith("10"):
            cameo = _DEMAND_CAMEO.get(inner.type, cameo)
        return "REQUEST", cameo

    # ---- assembly ---------------------------------------------------------------------------
    def code_sentence(self, sent) -> list[Event]:
        found = self.candidates(sent)
        if not found:
            return []
        self.apply_control(sent, found)
        trigger_ids = set(found)
        events = []
        for cand in found.values():
            if cand.absorbed:
                continue
            self.attach_arguments(cand)
            if cand.inner is not None:
                # "offered to hand over two suspects to Britain": the parties of the pledged act.
                self.attach_arguments(cand.inner)
                own_heads = {a.head.i for a in cand.actors + cand.recipients}
                extra = [r for r in cand.inner.recipients if r.head.i not in own_heads]
                if cand.type != "REQUEST" or not cand.recipients:
                    cand.recipients = cand.recipients + extra
            if not cand.actors and not cand.recipients:
                continue  # precision: no party the parse connects to the trigger
            if cand.how == "noun" and not any(_is_party(a) and a.head.pos_ != "PRON" for a in cand.actors + cand.recipients):
                continue  # "their support", "a warning of a hit": a bare nominal needs a named party
            event = self._event(sent, cand, trigger_ids)
            if event is not None:
                events.append(event)
        return events

    def _speaker_of(self, clause) -> list[Argument]:
        """Return the subject of the reporting verb a clause is the content of, if any."""
        tok = clause
        for _ in range(3):
            if tok.head is tok:
                break
            head = tok.head
            if tok.dep_ in ("ccomp", "parataxis") or head.lemma_.lower() in self.lex.reporting_verbs:
                if head.lemma_.lower() in self.lex.reporting_verbs:
                    return self._subjects(head)
            tok = head
        for child in clause.children:
            if child.dep_ == "parataxis" and child.lemma_.lower() in self.lex.reporting_verbs:
                return self._subjects(child)
        return []

    def _event(self, sent, cand: Candidate, trigger_ids: set[int]) -> Event | None:
        ctx = self.context
        doc = self.doc
        trig = cand.trigger
        t_start, t_end = trig.idx, trig.idx + len(trig.text)
        factuality, reason = modality(cand.anchor if cand.anchor is not trig else trig)
        clause = cand.anchor if cand.anchor.pos_ in ("VERB", "AUX") else trig
        auxes = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
        conditions = {m.lower_ for c in clause.children if c.dep_ == "advcl" for m in c.children if m.dep_ == "mark"}
        if cand.factuality is not None:
            factuality, reason = cand.factuality, reason or "control verb"
        elif "must" in auxes and cand.type not in ("REQUEST",):
            # "X must release them", said Y: Y demands it of X.
            old = cand.type
            speaker = self._speaker_of(clause)
            cand.recipients = cand.actors + cand.recipients
            cand.actors = speaker
            cand.type, cand.mode = "REQUEST", None
            cand.cameo = _DEMAND_CAMEO.get(old, "100")
            cand.notes.append(f"'must {trig.text}' ({old}) is a demand -> REQUEST")
            factuality, reason = "asserted", ""
        elif factuality == "negated" and auxes & {"will", "would", "wo", "can", "ca", "could"} and PLOVER_QUAD[cand.type] <= 2:
            old = cand.type
            cand.type, cand.mode = "REJECT", None
            cand.cameo = _REJECT_CAMEO.get(old, "120")
            cand.notes.append(f"will not {old} -> REJECT")
            factuality, reason = "asserted", ""
        elif conditions & {"unless"} and cand.type not in ("REQUEST", "REJECT", "AGREE", "THREATEN"):
            old = cand.type
            cand.type, cand.mode = "THREATEN", None
            cand.cameo = _THREAT_CAMEO.get(old, "130")
            cand.notes.append(f"{old} unless ... is an ultimatum -> THREATEN")
            factuality, reason = "future", "condition 'unless'"
        elif factuality == "future" and cand.type not in ("AGREE", "THREATEN", "REQUEST", "REJECT", "ACCUSE"):
            # A stated future action is an intent: cooperative -> AGREE, conflictive -> THREATEN.
            conflictive = cand.type in MATERIAL_CONFLICT
            old = cand.type
            cand.type = "THREATEN" if conflictive else "AGREE"
            cand.cameo = (_THREAT_CAMEO if conflictive else _INTENT_CAMEO).get(old, "130" if conflictive else "030")
            cand.mode = None
            cand.notes.append(f"future {old} stated as intent -> {cand.type}")
        date = self.dates.date_for(trig, sent.start, trigger_ids)
        if date is None and cand.anchor is not trig:
            date = self.dates.date_for(cand.anchor, sent.start, trigger_ids)
        if factuality == "asserted" and cand.inner is None and _in_purpose_clause(clause):
            factuality, reason = "future", "purpose 'to ...': intended, not reported as done"
        if factuality == "asserted" and (is_historical(date, ctx.article.published) or in_background_phrase(trig)):
            factuality, reason = "historical", "background before the report"
        actors = tuple(dict.fromkeys(a.ref for a in cand.actors))
        recipients = tuple(dict.fromkeys(r.ref for r in cand.recipients if r.ref not in actors))
        confidence = 0.45
        if any(a.entity is not None for a in cand.actors):
            confidence += 0.2
        elif cand.actors:
            confidence += 0.1
        if cand.recipients:
            confidence += 0.1
        if cand.trigger.pos_ == "VERB":
            confidence += 0.1
        if cand.sense.conditional:
            confidence += 0.05
        if cand.how == "noun":
            confidence -= 0.1
        parts = [f"trigger '{trig.text}' ({cand.how}) {cand.sense.describe()} [{cand.sense.cameo}]"]
        parts += [f"actor {a.role} '{a.text}'" for a in cand.actors]
        parts += [f"recipient {r.role} '{r.text}'" for r in cand.recipients]
        parts += cand.notes
        if factuality != "asserted":
            parts.append(f"factuality {factuality}" + (f" ({reason})" if reason else ""))
        sizes = {}
        for fig in ctx.figures or ():
            span = getattr(fig, "span", None)
            if span is not None and any(a.start <= span.start and span.end <= a.end for a in cand.recipients):
                sizes.setdefault(fig.measure, fig.id)
        mode = cand.mode if cand.type == cand.sense.type or cand.mode else None
        return Event(
            id=record_id("event", ctx.article.id, t_start, t_end, cand.type),
            article=ctx.article.id, type=cand.type, mode=mode,
            context=self.lex.cameo_contexts.get(cand.cameo) or None, cameo=cand.cameo,
            actors=actors, recipients=recipients, location=location_of(cand.anchor, ctx, doc), date=date,
            factuality=factuality, reported_by=reported_by(t_start, t_end, ctx),
            trigger=Span(t_start, t_end, trig.text),
            sentence=Span(sent.start_char, sent.end_char, sent.text), sizes=sizes,
            confidence=min(confidence, 0.95), why="; ".join(parts),
        )


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


def trigger_depth(event: Event, doc) -> int:
    """Return how deep an event's trigger sits in its sentence's parse (0: the root)."""
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return salience_depth(span.root) if span is not None else 99

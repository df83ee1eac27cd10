"""The PLOVER event coder: trigger lemmas plus dependency patterns give type, mode, CAMEO code and roles.

One pass over each sentence finds candidate triggers (verbs of the lexicon; event nouns that are the
object of another verb, "held talks", or carry their own arguments, "the release of the captives by
Hamas"). Control verbs then decide what an embedded event is: "pledged to secure more releases" is
an AGREE (future), not a release; "refused to release" is a REJECT; "urged Israel to release" a
REQUEST. Every event keeps a readable ``why``.
"""
from __future__ import annotations

from ...ids import record_id
from ...records import EntityRef, Event, Span
from ..doctext import entity_of
from .arguments import _NOT_PARTY, LOCATION_PREPS, RECIPIENT_PREPS, SUBJECTS, Argument, ArgumentResolver, location_of
from .control import (
    DEMAND_CAMEO, INTENT_CAMEO, REJECT_CAMEO, THREAT_CAMEO, Candidate, apply_control, trigger_depth,
)
from .factuality import DATE_BOUNDS, DateAttacher, in_background_phrase, is_historical, modality, reported_by
from .lexicon import MATERIAL_CONFLICT, PLOVER_QUAD, Lexicon, Sense, load_lexicon, verb_lemma

__all__ = ["SentenceCoder", "choose_sense", "trigger_depth"]


def _is_party(arg: Argument) -> bool:
    """Return True when an argument names an actor: an entity, a name or a role word ("prisoners")."""
    from ...kb import sector_for

    return arg.entity is not None or arg.head.pos_ in ("PROPN", "PRON") or sector_for(arg.head.lower_) is not None


def _is_place(arg: Argument) -> bool:
    if arg.entity is not None:
        return arg.entity.type in ("GPE", "LOC", "FAC")
    return arg.head.ent_type_ in ("GPE", "LOC", "FAC")


_WEAPONS = frozenset({"missile", "rocket", "drone", "shell", "bomb", "airstrike", "jet", "warplane", "tank",
                      "artillery", "mortar", "helicopter", "aircraft", "plane", "gunboat", "warship"})
_PLACE_NOUNS = frozenset({"city", "town", "village", "region", "province", "district", "port", "capital",
                          "county", "state", "governorate", "oblast", "island", "camp"})


def _dated_aside(participle) -> bool:
    """Return True for a participle set off by a comma with its own date ("X, released last February").

    Such an aside reports an act; a bare participle ("detainees held in Gaza") only describes.
    """
    if participle.i == 0 or participle.doc[participle.i - 1].text != ",":
        return False
    for child in participle.children:
        if child.ent_type_ == "DATE" and child.dep_ in ("npadvmod", "tmod"):
            return True
        if child.dep_ == "prep" and any(p.dep_ == "pobj" and p.ent_type_ == "DATE" for p in child.children):
            return True
    return False


def bound_date(prep) -> bool:
    """Return True for "before Dec. 31, 2011", "by 2030", "prior to May": a bound on a date, not one."""
    return prep.dep_ == "prep" and prep.lower_ in DATE_BOUNDS and any(
        t.ent_type_ == "DATE" for p in prep.children if p.dep_ in ("pobj", "pcomp", "prep") for t in p.subtree)


def _condition_on_a_class(verb) -> bool:
    """Return True for a relative clause bounded by a date ("those who arrived before Dec. 31, 2011").

    It says which people a rule covers (who qualifies, who is eligible), not that an act took place.
    """
    return verb.dep_ == "relcl" and any(bound_date(c) for c in verb.children)


def _causing_event_noun(trigger, lex):
    """Return the event noun that a passive trigger is done by ("killed by a missile strike"), or None."""
    for child in trigger.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.lemma_.lower() in lex.nouns:
                    return pobj
    return None


def actor_code_of(arg: Argument) -> str | None:
    """Return the CAMEO-style code of an argument: its entity's, else the KB's reading of the phrase."""
    from ...kb import actor_code_for

    if arg.entity is not None and getattr(arg.entity, "actor_code", None):
        return arg.entity.actor_code
    if arg.head.pos_ == "PRON":
        return None
    return actor_code_for(arg.text)


def _code_note(arg: Argument) -> str:
    code = actor_code_of(arg)
    return f" [{code}]" if code else ""


def _in_purpose_clause(verb) -> bool:
    """Return True for a verb in a to-infinitive that is not the main clause ("met ... to discuss")."""
    if verb.dep_ not in ("xcomp", "advcl", "acl", "relcl", "ccomp"):
        return False
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


_OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "nsubjpass", "dative", "xcomp", "obj", "acomp", "ccomp"})
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
# Acts of force, where "with" names the means ("hit the base with missiles"), not a party, once the act has
# another recipient ("clashed with police" keeps its party), and where a gathering hit stands for the
# people at it ("struck a meeting of commanders").
_FORCE_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN", "SANCTION"})
# Verbs whose object is what is fired, and whose target comes after "at".
_PROJECTILE_VERBS = frozenset({"fire", "launch", "shoot", "lob", "hurl", "throw"})
# Information, which is handed over or arrives without anyone being freed or visiting ("handed over the
# names of the hostages", "the list arrived in the morning").
_INFORMATION_NOUNS = frozenset({"name", "list", "detail", "information", "document", "data", "news", "message",
                                "letter", "report", "file", "evidence", "identity", "word"})
_NOUN_ARG_PREPS = frozenset({"of", "with", "against", "on", "to", "between", "for", "from", "into"})


def _moves_information(cand: Candidate) -> bool:
    """Whether a release or a visit only moves information: what is handed over, or what arrives, is a
    list of names, a letter, a report (not people, not a party)."""
    if cand.type == "RETREAT" and cand.mode == "release":
        moved = [a for a in cand.recipients if a.role.split(":")[0] in ("dobj", "nsubjpass")]
    elif cand.type == "CONSULT" and cand.mode == "visit":
        moved = [a for a in cand.actors if a.role == "nsubj"]
    else:
        return False
    return any(a.head.lemma_.lower() in _INFORMATION_NOUNS and a.entity is None for a in moved)


def _object_words(tok) -> tuple[set[str], set[str], set[str]]:
    objects: set[str] = set()
    particles: set[str] = set()
    preps: set[str] = set()
    for child in tok.children:
        dep = child.dep_
        if dep in _OBJECT_DEPS:
            if dep in ("dobj", "nsubjpass", "dative", "obj"):
                objects.add("*")
                # the direct object itself, apart from what prepositions add: "fired the director"
                # (dismissed) is not "fired at the director"
                objects.add("dobj:" + child.lemma_.lower())
                if child.ent_type_ == "PERSON":
                    objects.add("dobj:<person>")
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
        if sense.tags and tok.tag_ not in sense.tags:
            continue
        if sense.bare and any(c.dep_ in ("ccomp", "xcomp") for c in tok.children):
            continue
        if sense.ccomp and not any(c.dep_ == "ccomp" for c in tok.children):
            continue
        if sense.objects and not (objects & sense.objects):
            continue
        if sense.particle and sense.particle not in particles and sense.particle not in preps:
            continue
        if sense.preps and not ((preps | particles) & sense.preps):
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


def _adjectival_participle(tok) -> bool:
    """Return True for a participle used as an adjective before a noun ("from occupied Jerusalem")."""
    if tok.tag_ != "VBN" or tok.i + 1 >= len(tok.doc):
        return False
    if any(c.dep_ in ("aux", "auxpass", "agent") for c in tok.children):
        return False
    # Right after a preposition or determiner a participle cannot head a clause, whatever the
    # parser attached to it ("seven from occupied Jerusalem").
    before = tok.doc[tok.i - 1] if tok.i else None
    after = tok.doc[tok.i + 1]
    return (before is None or before.pos_ in ("ADP", "DET")) and after.pos_ in ("PROPN", "NOUN")


class SentenceCoder:
    """Find and code the events of one document, sentence by sentence."""

    def __init__(self, doc, context, lexicon: Lexicon | None = None) -> None:
        self.doc = doc
        self.context = context
        self.lex = lexicon or load_lexicon()
        self.args = ArgumentResolver(doc, context)
        self.dates = DateAttacher(doc, context.dates)
        self.question = False  # set per sentence by extract_events

    # ---- candidates -------------------------------------------------------------------------
    def candidates(self, sent) -> dict[int, Candidate]:
        lex = self.lex
        found: dict[int, Candidate] = {}
        self.skipped: set[int] = set()
        for tok in sent:
            pos = tok.pos_
            if pos == "VERB":
                if tok.dep_ in ("amod", "compound") or (
                        tok.dep_ == "acl" and tok.tag_ == "VBN" and not any(c.dep_ == "agent" for c in tok.children)
                        and not _dated_aside(tok)):
                    continue  # a participle describing a noun ("detainees held in Gaza") states no event
                if _adjectival_participle(tok):
                    continue
                if _condition_on_a_class(tok):
                    continue
                lemma = verb_lemma(tok, lex)
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
                if lemma not in lex.light_verbs and not decides:
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
                    if not self._reports_its_own_event(tok):
                        continue  # handled from its verb above
                sense = _noun_sense(senses, tok)
                if sense is not None and self._noun_has_arguments(tok):
                    found[tok.i] = Candidate(tok, sense, tok, "noun")
        return found

    def _location(self, cand: Candidate) -> EntityRef | None:
        preps = LOCATION_PREPS | {"from"} if cand.sense.type == "RETREAT" else LOCATION_PREPS
        found = (location_of(cand.trigger, self.context, self.doc, preps) if cand.trigger is not cand.anchor
                 and cand.trigger.pos_ == "NOUN" else None) or location_of(cand.anchor, self.context, self.doc, preps)
        if found is not None:
            return found
        cause = _causing_event_noun(cand.trigger, self.lex)
        if cause is not None:
            found = location_of(cause, self.context, self.doc, preps) or self._place_in_target(cause)
        if found is None and cand.sense.type in MATERIAL_CONFLICT:
            # "struck the centre of the city of Sumy": the place named inside what was hit
            found = self._place_in_target(cand.trigger)
        return found

    def _weapon_owner(self, arg: Argument) -> list[Argument]:
        """Return who fired a weapon named as the actor ("Russian missiles" -> Russian), else the argument."""
        if arg.entity is not None or arg.head.lemma_.lower() not in _WEAPONS:
            return [arg]
        owners = [t for t in arg.head.subtree if t.dep_ in ("amod", "compound", "poss")
                  and t.ent_type_ in ("NORP", "GPE", "ORG") and t.i < arg.head.i]
        found = [a for t in owners[:1] for a in self.args.make(t, f"{arg.role}:weapon owner")]
        return found or [arg]

    def _place_in_target(self, head) -> EntityRef | None:
        """Return a place named inside the object of ``head`` ("the centre of X", "a strike on X")."""
        for child in head.children:
            if child.dep_ == "dobj" or child.dep_ == "prep" and child.lower_ in ("on", "against"):
                for tok in child.subtree:
                    if tok.ent_iob_ != "B":
                        continue
                    ent = entity_of(tok)  # tok begins an entity (IOB tag B)
                    if ent is None:
                        continue
                    stored = self.context.entity_at(ent.start_char, ent.end_char) if self.context.mention_index else None
                    # "the city of Sumy" names a place whatever the tagger made of the name
                    placed = ent.start >= 2 and self.doc[ent.start - 1].lower_ == "of" \
                        and self.doc[ent.start - 2].lemma_.lower() in _PLACE_NOUNS
                    if stored is not None and (stored.type in ("GPE", "LOC", "FAC") or placed):
                        return stored.ref()
                    if stored is None and (ent.label_ in ("GPE", "LOC", "FAC") or placed):
                        return EntityRef(None, ent.text)
        return None

    def _reports_its_own_event(self, noun) -> bool:
        """Return True for an event noun with its own participants under an event verb.

        "Moscow welcomed the release of Alexander Trufanov" reports two events: the welcome
        (SUPPORT) and the release (RETREAT, Trufanov its recipient). A light verb ("held talks")
        or a decision verb ("approved the extradition") lends its arguments to the noun instead
        and is handled from the verb.
        """
        verb = noun.head
        lemma = verb_lemma(verb, self.lex)
        if lemma in self.lex.light_verbs or self.lex.control.get(lemma) == "decision":
            return False
        if lemma in self.lex.victim_verbs or verb.i in self.skipped:
            return False
        return any(c.dep_ == "prep" and c.lower_ == "of" and any(p.dep_ == "pobj" for p in c.children)
                   for c in noun.children)

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
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            return args  # a passive with its own subject names its actor only with "by"
        if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.lower_ == "for" and not depth:
            # "thanked Hamas for releasing them": the one thanked did the releasing
            governor = verb.head.head
            if governor.pos_ == "VERB":
                thanked = [c for c in governor.children if c.dep_ == "dobj" and c.pos_ in ("PROPN", "NOUN")]
                if thanked:
                    return self.args.make(thanked[0], "dobj of governor")
        head = verb.head
        if verb.dep_ == "conj" and head is not verb:
            return self._subjects(head, depth + 1)
        if verb.dep_ == "advcl" and verb.tag_ in ("VBD", "VBZ", "VBP"):
            # "began after the roof fell, killing 15": a finite adverbial clause ("after", "because")
            # has a subject of its own; when the parse lost it, the main clause's subject is not it
            return args
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

    def _verb_recipients(self, verb, objects: frozenset[str] = frozenset()) -> list[Argument]:
        args: list[Argument] = []
        for child in verb.children:
            if child.dep_ in ("dobj", "dative", "nsubjpass") and (
                    child.pos_ in ("NOUN", "PROPN", "PRON") or child.pos_ == "NUM" and child.ent_type_ not in _NOT_PARTY
                    or child.pos_ == "ADJ" and child.dep_ != "dative"
                    and any(t.dep_ == "det" for t in child.subtree if t.i < child.i)):
                # (an adjective with a determiner is used as a noun: "received a captive", "the wounded")
                owner = self._owner_of(child)
                args += self.args.make(owner, f"{child.dep_}:owner") if owner is not None else self.args.make(child, child.dep_)
            elif child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN", "PRON"):
                        args += self.args.make(pobj, f"pobj:{child.lower_}")
            if child.dep_ == "dobj" and child.lemma_.lower() in self.lex.nouns and child.lemma_.lower() in objects:
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

    def _force_recipients(self, verb, recipients: list[Argument]) -> list[Argument]:
        """Recipients of an act of force: the people at a gathering that was hit, and no instrument."""
        out: list[Argument] = []
        nouns = self.lex.nouns
        for arg in recipients:
            if arg.role in ("dobj", "nsubjpass") and arg.head.lemma_.lower() in nouns:
                gathered = [p for prep in arg.head.children if prep.dep_ == "prep" and prep.lower_ == "of"
                            for p in prep.children if p.dep_ == "pobj" and p.pos_ in ("NOUN", "PROPN")]
                for person in gathered:
                    out += self.args.make(person, f"{arg.role}:of")
                if gathered:
                    continue
            out.append(arg)
        if any(a.role != "pobj:with" for a in out):
            out = [a for a in out if a.role != "pobj:with"]
        if verb.lemma_.lower() in _PROJECTILE_VERBS:
            # "fired rockets at the base": what is fired is the means, "at" names the target
            targets = [a for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "at"
                       for p in prep.children if p.dep_ == "pobj" for a in self.args.make(p, "pobj:at")]
            if targets:
                out = [a for a in out if not (a.role == "dobj" and not _is_party(a))] + targets
        return out

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
        patient_possessor = noun.lemma_.lower() in self.lex.patient_possessor
        for child in noun.children:
            if child.dep_ == "poss":
                if patient_possessor:  # "his release", "Trufanov's arrest": the possessor undergoes it
                    recipients += self.args.make(child, "poss")
                else:
                    actors += self.args.make(child, "poss")
            elif child.dep_ == "prep" and child.lower_ == "by":
                actors += [a for p in child.children if p.dep_ == "pobj" for a in self.args.make(p, "pobj:by")]
            elif child.dep_ == "prep" and child.lower_ in _NOUN_ARG_PREPS:
                role = f"pobj:{child.lower_}"
                pobjs = [p for p in child.children if p.dep_ == "pobj"]
                if child.lower_ in ("from", "into"):
                    # "the release of X from the Gaza Strip": a place it moves from is not a party
                    pobjs = [p for p in pobjs if p.ent_type_ not in ("GPE", "LOC", "FAC")]
                found = [a for p in pobjs for a in self.args.make(p, role)]
                if child.lower_ == "to":
                    # "credited the release of the captives to the relationship": not a party
                    found = [a for a in found if _is_party(a)]
                recipients += found
            elif child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE", "ORG"):
                actors += self.args.make(child, child.dep_)
        return actors, recipients

    def attach_arguments(self, cand: Candidate) -> None:
        """Read the actors and recipients of a candidate off the parse (PLOVER roles)."""
        trigger, anchor = cand.trigger, cand.anchor
        if trigger.pos_ == "ADJ":
            # "is willing to withdraw": the subject of the copula holds the intent
            cand.actors = self._subjects(anchor) if anchor is not trigger else []
        elif trigger.pos_ == "VERB":
            cand.actors = self._subjects(trigger)
            cand.recipients = self._verb_recipients(trigger, cand.sense.objects)
            if trigger.tag_ == "VBN" and any(c.dep_ == "mark" and c.lower_ == "with" for c in trigger.children):
                # "with 113 people wounded": the subject of an absolute participle undergoes the act;
                # only a by-phrase names who did it
                undergo = [a for a in cand.actors if a.role == "nsubj"]
                cand.actors = [a for a in cand.actors if a.role != "nsubj"]
                cand.recipients = undergo + cand.recipients
            if cand.sense.mode in ("deport", "release", "expel") and any(
                    a.role in ("dobj", "nsubjpass") for a in cand.recipients):
                # "24 were deported to Egypt": where people are moved to or from is not a party
                cand.recipients = [a for a in cand.recipients
                                   if not (a.role in ("pobj:to", "pobj:into", "pobj:from") and _is_place(a))]
            if cand.sense.type == "REQUEST":
                # "called for a firm stance": what is asked for is not a party; "appealed for the
                # UN to act" and "called on Israel" keep theirs.
                cand.recipients = [a for a in cand.recipients if a.role != "pobj:for" or _is_party(a)]
        else:
            n_actors, n_recipients = self._noun_arguments(trigger)
            if anchor is not trigger:
                cand.actors = self._subjects(anchor) or n_actors
                others = [a for a in self._verb_recipients(anchor) if a.head is not trigger]
                cand.recipients = n_recipients + others
            else:
                cand.actors, cand.recipients = n_actors, n_recipients
        if cand.victim:
            cand.actors, cand.recipients = self._noun_arguments(trigger)[0], cand.actors
        cand.actors = [owner for a in cand.actors for owner in self._weapon_owner(a)]
        if cand.type == "CONSULT":
            # "met with Kerry on Iran", "talks about trade": what a meeting is about is no participant
            cand.recipients = [a for a in cand.recipients if a.role not in ("pobj:on", "pobj:about", "pobj:over")]
        if cand.sense.host and cand.recipients:
            # PLOVER: the visitor is the actor, the host the recipient.
            cand.actors, cand.recipients = cand.recipients, cand.actors
        elif cand.type == "CONSULT" and cand.sense.cameo == "042":
            # "visited Russia", "arrived in Amman": the visitor is the actor, the place or party
            # visited the host (PLOVER: the host is the recipient)
            if trigger.pos_ == "VERB" and not cand.recipients:
                cand.recipients = [a for prep in trigger.children if prep.dep_ == "prep" and prep.lower_ == "in"
                                   for p in prep.children if p.dep_ == "pobj"
                                   for a in self.args.make(p, "pobj:in") if _is_place(a)]
        elif (cand.type in ("AGREE", "CONSULT", "COOPERATE") or cand.mode == "ceasefire") and cand.recipients and all(
                a.role == "pobj:between" for a in cand.recipients) and not cand.actors:
            # "a deal between Israel and Hamas": the parties of a reciprocal act are all actors (PLOVER)
            cand.actors, cand.recipients = cand.recipients, []
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
        if cand.type in _FORCE_TYPES and trigger.pos_ == "VERB":
            cand.recipients = self._force_recipients(trigger, cand.recipients)
        # An event noun after the verb says what was done ("held talks"), not to whom.
        cand.recipients = [r for r in cand.recipients
                           if r.head.i not in actor_heads and r.head.i != cand.trigger.i
                           and r.head.lemma_.lower() not in nouns]
        cand.actors = [a for a in cand.actors if a.head.lemma_.lower() not in nouns or a.role == "nsubj"]

    # ---- assembly ---------------------------------------------------------------------------
    def code_sentence(self, sent) -> list[Event]:
        found = self.candidates(sent)
        if not found:
            return []
        apply_control(self, sent, found)
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
            elif not cand.recipients and cand.trigger.pos_ in ("VERB", "ADJ"):
                # "agreed to provide aid to Romania and Poland": the named parties of the act agreed to
                for xcomp in (c for c in cand.trigger.children if c.dep_ == "xcomp" and c.pos_ == "VERB"):
                    own_heads = {a.head.i for a in cand.actors}
                    cand.recipients = [r for r in self._verb_recipients(xcomp)
                                       if r.entity is not None and r.entity.type in ("GPE", "ORG", "PERSON", "NORP")
                                       and r.head.i not in own_heads]
            if not cand.actors and not cand.recipients:
                continue  # precision: no party the parse connects to the trigger
            if _moves_information(cand):
                continue
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
        if cand.factuality is None and self.lex.control.get(trig.lemma_.lower()) in ("intent", "threat") and any(
                c.dep_ in ("xcomp", "ccomp") for c in trig.children):
            cand.factuality = "future"  # what is pledged or threatened has not happened yet
        if cand.factuality is not None:
            factuality, reason = cand.factuality, reason or "control verb"
        elif "must" in auxes and cand.type not in ("REQUEST",):
            # "X must release them", said Y: Y demands it of X.
            old = cand.type
            speaker = self._speaker_of(clause)
            cand.recipients = cand.actors + cand.recipients
            cand.actors = speaker
            cand.type, cand.mode = "REQUEST", None
            cand.cameo = DEMAND_CAMEO.get(old, "100")
            cand.notes.append(f"'must {trig.text}' ({old}) is a demand -> REQUEST")
            factuality, reason = "asserted", ""
        elif factuality == "negated" and auxes & {"will", "would", "wo", "can", "ca", "could"} and PLOVER_QUAD[cand.type] <= 2:
            old = cand.type
            cand.type, cand.mode = "REJECT", None
            cand.cameo = REJECT_CAMEO.get(old, "120")
            cand.notes.append(f"will not {old} -> REJECT")
            factuality, reason = "asserted", ""
        elif conditions & {"unless"} and cand.type not in ("REQUEST", "REJECT", "AGREE", "THREATEN"):
            old = cand.type
            cand.type, cand.mode = "THREATEN", None
            cand.cameo = THREAT_CAMEO.get(old, "130")
            cand.notes.append(f"{old} unless ... is an ultimatum -> THREATEN")
            factuality, reason = "future", "condition 'unless'"
        elif self.question and factuality in ("asserted", "future"):
            factuality, reason = "hypothetical", "a question"  # "Will the army withdraw?" asserts nothing
        elif factuality == "future" and cand.type not in ("AGREE", "THREATEN", "REQUEST", "REJECT", "ACCUSE"):
            # A stated future action is an intent: cooperative -> AGREE, conflictive -> THREATEN.
            conflictive = cand.type in MATERIAL_CONFLICT
            old = cand.type
            cand.type = "THREATEN" if conflictive else "AGREE"
            cand.cameo = (THREAT_CAMEO if conflictive else INTENT_CAMEO).get(old, "130" if conflictive else "030")
            cand.mode = None
            cand.notes.append(f"future {old} stated as intent -> {cand.type}")
        date = self.dates.date_for(trig, sent.start, trigger_ids)
        if date is None and cand.anchor is not trig:
            date = self.dates.date_for(cand.anchor, sent.start, trigger_ids)
        if date is None and clause.dep_ in ("advcl", "conj") and clause.tag_ in ("VBG", "VBD", "VBN"):
            # "launched a war on October 7, killing ...": a participle shares its main clause's date
            date = self.dates.date_for(clause.head, sent.start, trigger_ids)
        location = self._location(cand)
        if location is None and clause.dep_ in ("advcl", "conj") and clause.tag_ == "VBG":
            # "struck the city of Sumy, killing 32": the participle happened where its main clause did
            location = location_of(clause.head, self.context, self.doc) or (
                self._place_in_target(clause.head) if cand.sense.type in MATERIAL_CONFLICT else None)
        cause = _causing_event_noun(trig, self.lex)
        if date is None and cause is not None:
            # "people killed by Sunday's missile strike": the killing is dated by the strike
            date = self.dates.date_of_noun(cause)
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
        parts += [f"actor {a.role} '{a.text}'{_code_note(a)}" for a in cand.actors]
        parts += [f"recipient {r.role} '{r.text}'{_code_note(r)}" for r in cand.recipients]
        parts += cand.notes
        if factuality != "asserted":
            parts.append(f"factuality {factuality}" + (f" ({reason})" if reason else ""))
        sizes = {}
        if cand.recipients:
            # only figures that start inside a recipient can lie in it: a look at those, not at every
            # figure of the article for every event (quadratic on number-dense text)
            low, high = min(a.start for a in cand.recipients), max(a.end for a in cand.recipients)
            for fig in ctx.figures_starting_in(low, high):
                span = fig.span
                if any(a.start <= span.start and span.end <= a.end for a in cand.recipients):
                    sizes.setdefault(fig.measure, fig.id)
        mode = cand.mode if cand.type == cand.sense.type or cand.mode else None
        return Event(
            id=record_id("event", ctx.article.id, t_start, t_end, cand.type),
            article=ctx.article.id, type=cand.type, mode=mode,
            context=self.lex.cameo_contexts.get(cand.cameo) or None, cameo=cand.cameo,
            actors=actors, recipients=recipients, location=location, date=date,
            factuality=factuality, reported_by=reported_by(t_start, t_end, ctx),
            trigger=Span(t_start, t_end, trig.text),
            sentence=Span(sent.start_char, sent.end_char, sent.text), sizes=sizes,
            confidence=min(confidence, 0.95), why="; ".join(parts),
        )

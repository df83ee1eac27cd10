"""The PLOVER event coder: trigger lemmas plus dependency patterns give type, mode, CAMEO code and roles.

One pass over each sentence finds candidate triggers (verbs of the lexicon; event nouns that are the
object of another verb, "held talks", or carry their own arguments, "the release of the captives by
Hamas"). Control verbs then decide what an embedded event is: "pledged to secure more releases" is
an AGREE (future), not a release; "refused to release" is a REJECT; "urged Israel to release" a
REQUEST. Every event keeps a readable ``why``.
"""
from __future__ import annotations

from ...ids import record_id
from ...lang import event_words, role_words
from ...records import EntityRef, Event, Span
from ..doctext import entity_of
from .arguments import LOCATION_PREPS, Argument, ArgumentResolver, location_of
from .control import DEMAND_CAMEO, INTENT_CAMEO, REJECT_CAMEO, THREAT_CAMEO, Candidate, apply_control, trigger_depth
from .factuality import (
    DATE_BOUNDS,
    DateAttacher,
    foreknown,
    in_background_phrase,
    is_historical,
    modality,
    presupposed_nominal,
    reported_by,
    stance,
)
from .lexicon import DISASTER, MATERIAL_CONFLICT, PLOVER_QUAD, Lexicon, Sense, load_lexicon, verb_lemma
from .parties import event_date, make_parties
from .roles import RoleReader
from .spans import _is_party, caused_object

_W = event_words()  # the word lists of lang/data/events.yaml

__all__ = ["SentenceCoder", "choose_sense", "trigger_depth"]


_OBLIGATION = role_words().obligation_modals
# An operation, launched to do something ("launched operations to detain 110 suspects")
_OPERATION_NOUNS = _W.operation_nouns
# Verbs of ordering someone to do something ("ordered Abhisit to appear for questioning")
_ORDER_VERBS = _W.order_verbs
# What a denial's object may report ("denied reports that troops had shelled the camp")
_DENIED_CONTENT = _W.denied_content
# "killed in a train crash", "died during the floods": the hazard an act of force happened in
_HAZARD_PREPS = _W.hazard_preps
# A fire with no modifier but these is a blaze, not gunfire ("a huge fire"; "enemy fire", "sniper fire")
_PLAIN_FIRE = _W.plain_fire
_BURNING = _W.blasts | _W.blazes  # what an accident source turns into an industrial blast or a fire
_PLACE_NOUNS = role_words().place_nouns


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


def _finite_content(verb) -> bool:
    """Return True for a clause the parse hangs on a claim or report noun as a participle though it has its
    own subject or auxiliary ("reports that soldiers had killed him", "allegations he was tortured"): the
    noun's content, which tells an act (how sure: factuality.stance), not a participle describing the noun.
    (The content of other nouns, "an announcement that it had opened corridors", is left to their verbs.)"""
    return verb.head.lemma_.lower() in _W.hearsay_nouns and any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children)


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


def _in_purpose_clause(verb) -> bool:
    """Return True for a verb in a to-infinitive that is not the main clause ("met ... to discuss")."""
    if verb.dep_ not in ("xcomp", "advcl", "acl", "relcl", "ccomp"):
        return False
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in _W.decided_nouns and any(
            c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _W.definite_determiners) for c in verb.head.children):
        # "Trump's order to kill Soleimani", "the decision to assassinate the general": the decision told as
        # taken is told with its act ("an order to kill" stays an intent)
        return False
    if caused_object(verb) is not None:
        # "forced the rebels to retreat", "prompting Iran to strike bases": caused, as sure as the causing, which
        # may itself be a purpose ("in an attempt to force Congress to fund the wall", "designed to compel")
        return _in_purpose_clause(verb.head)
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _W.achieved_heads:
        # "was able to rally his base", "managed to free them": done, not intended ("would be able to
        # come", "being able to use them" are not)
        finite = verb.head.head if verb.head.dep_ == "acomp" else verb.head
        if finite.tag_ in ("VBD", "VBZ", "VBP") or (finite.tag_ == "VBN" and any(
                c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in finite.children)):
            return False
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _performative(verb) -> bool:
    """Return True for thanks that are given by being said: "we would like to thank X", "I think it is
    necessary to express gratitude to X" (present tense; "wanted to thank" is not)."""
    if verb.dep_ != "xcomp" or verb.lemma_.lower() not in _W.performative_acts:
        return False
    head = verb.head
    # "it is necessary to express": the parse hangs the infinitive on "is" or on "necessary"
    said = head.lemma_.lower() in _W.performative_heads or (head.lemma_ == "be" and any(
        c.dep_ == "acomp" and c.lemma_.lower() in _W.performative_heads for c in head.children))
    finite = head.head if head.dep_ == "acomp" else head
    return said and finite.tag_ in ("VB", "VBP", "VBZ")


_OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "nsubjpass", "dative", "xcomp", "obj", "acomp", "ccomp"})
_CIRCUMSTANCE_PREPS = _W.circumstance_preps  # "as human shields" names a role
# Nouns that count or group an event noun: "a new round of talks", "10 days of war games".
_PARTITIVES = _W.partitives
# Information, which is handed over or arrives without anyone being freed or visiting ("handed over the
# names of the hostages", "the list arrived in the morning").
_INFORMATION_NOUNS = _W.information_nouns
# Verbal cooperation and permissions: not giving them is a refusal ("failed to reach agreement").
_WITHHELD_TYPES = frozenset({"AGREE", "SUPPORT", "CONCEDE"})
_WITHHELD_CODES = frozenset({"081", "082", "086"})
# Verbs whose object is the weapon used ("fired rockets", "used chemical weapons", "dropped bombs").
_MEANS_OBJECT_VERBS = _W.means_object_verbs


def _moves_information(cand: Candidate) -> bool:
    """Whether a release, a visit or aid only moves information: what is handed over, or what arrives, is
    a list of names, a letter, a report (not people, not a party)."""
    if cand.type == "RETREAT" and cand.mode == "release":
        # what is released: the object, the passive subject, or a release noun's of-phrase ("the release of
        # the emails")
        moved = [a for a in cand.recipients if a.role.split(":")[0] in ("dobj", "nsubjpass") or a.role == "pobj:of"]
    elif cand.type == "CONSULT" and cand.mode == "visit":
        moved = [a for a in cand.actors if a.role == "nsubj"]
    elif cand.type == "AID" and cand.trigger.pos_ == "VERB":
        # "provided a list of names", "a list provided by the Commission": handing over a document is no aid
        trig = cand.trigger
        things = [c for c in trig.children if c.dep_ in ("dobj", "nsubjpass")]
        if trig.dep_ == "acl":
            things.append(trig.head)
        return any(t.lemma_.lower() in _INFORMATION_NOUNS for t in things)
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
                # whose charge or call the object is: "denied charges by X", "rejected accusations from X"
                objects.update(f"dobj:{child.lemma_.lower()}/{m.lower_}" for m in child.children
                               if m.dep_ == "prep" and any(p.dep_ == "pobj" for p in m.children))
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
            if any(p.dep_ == "pobj" and p.ent_type_ in ("DATE", "TIME") for p in child.children):
                continue  # "on Friday" says when, not on whom ("called X on Friday" is no "called on")
            preps.add(child.lower_)
            if child.lower_ in _CIRCUMSTANCE_PREPS:
                continue  # "after the strikes" says when or why, not what was acted on
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.ent_type_ not in ("DATE", "TIME"):  # "in March" is no march
                    objects.add(pobj.lemma_.lower())
                    objects.update(m.lemma_.lower() for m in pobj.children if m.dep_ in ("compound", "amod"))
    if tok.dep_ in ("acl", "relcl") and tok.pos_ == "VERB":
        objects.add(tok.head.lemma_.lower())
    # the parse may hang the object's by/from phrase on the verb: "denied [charges] [by X]"
    for obj in (c for c in tok.children if c.dep_ == "dobj"):
        objects.update(f"dobj:{obj.lemma_.lower()}/{p}" for p in preps & _ACCUSER_PREPS)
    return objects, particles, preps


_ACCUSER_PREPS = _W.accuser_preps


def _accusers(verb) -> list:
    """Return who made the charge a verb denies: "denied charges by X", "rejected accusations from X"."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return []
    return [p for holder in (obj, verb) for prep in holder.children
            if prep.dep_ == "prep" and prep.lower_ in _ACCUSER_PREPS
            for p in prep.children if p.dep_ == "pobj"]


def _subject_words(tok) -> set[str]:
    words: set[str] = set()
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            words.add(child.lemma_.lower())
            words.update(m.lemma_.lower() for m in child.children if m.dep_ in ("compound", "amod"))
    return words


_MONEY_AID = Sense("give", "verb", "AID", None, "071")  # "gave 350 million euros to ..."
SKIPPED = Sense("", "verb", "AGREE", None, "030", skip=True)  # a use of a trigger that is not an event


def _asks_a_question(verb) -> bool:
    """Return True for a verb whose clause is an embedded question: "asked whether the army had shelled
    the town", "asked if troops fired", "asked why the talks failed" (a question, not a request)."""
    for child in verb.children:
        if child.dep_ in ("ccomp", "dobj") and child.pos_ in ("VERB", "AUX"):  # ("asked for help if ..." is a request)
            first = child.doc[child.left_edge.i]
            if first.lower_ in _W.question_marks or first.tag_ in ("WDT", "WP", "WRB"):
                return True
    return False


_VERBAL_ATTACK_VERBS = frozenset({"attack", "assail"})
_VIOLENCE = _W.violence_cues | role_words().weapons | role_words().harm_verbs
_PERSON_PRONOUNS_OBJ = frozenset({"him", "her"})


def _said_thing(tok) -> bool:
    """Whether a noun names something only words attack ("the decision", "his record", "the media")."""
    return tok.lemma_.lower() in _W.verbal_attack_targets


def _attacked_person(tok) -> bool:
    """Whether a noun names a person (a named one, "him", or an office of political talk: "the counsel")."""
    return tok.ent_type_ == "PERSON" or tok.lower_ in _PERSON_PRONOUNS_OBJ \
        or tok.lemma_.lower() in _W.verbal_attack_persons


def _verbal_attack(trig, verb) -> str | None:
    """Return the cue that an attack on a person, a party or an idea is made in words, else None.

    The verb "attack" ("Trump attacked Mueller") or a person's "attack on" someone ("the senator's attacks on
    the judge"): words are cued by where they are said ("in a tweet", "on Twitter"), why or as what ("for
    his handling of", "over his vote", "as a partisan hack"), a verb of saying beside it ("proclaimed his
    innocence and attacked X", "attacked X, saying"), an adverb ("publicly"), or an object only words can
    attack ("the decision"); with none of these, an attack by one named person on another person, or on
    an office of political talk ("months attacking the special counsel"), with no place it happened.
    Any word of force in the sentence (a weapon, a wound, an armed attacker, "police") keeps it an attack.
    """
    if trig.pos_ == "VERB":
        if trig.lemma_.lower() not in _VERBAL_ATTACK_VERBS:
            return None
        passive = any(c.dep_ == "auxpass" for c in trig.children)
        objects = [c for c in trig.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
        head = trig.head if trig.dep_ == "conj" else trig
        actors = [p for c in trig.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"] if passive \
            else [c for c in (*trig.children, *(head.children if head is not trig else ())) if c.dep_ == "nsubj"]
        holders = [trig]
    else:
        if trig.lemma_.lower() not in ("attack", "assault"):
            return None
        objects = [p for c in trig.children if c.dep_ == "prep" and c.lower_ in ("on", "against")
                   for p in c.children if p.dep_ == "pobj"]
        actors = [c for c in trig.children if c.dep_ == "poss"]
        if not actors or not all(a.ent_type_ == "PERSON" for a in actors):
            return None  # "the attack on the ambassador": only a named person's attack is read for words
        holders = [trig, verb] if verb is not None and verb is not trig else [trig]
    if not objects:
        return None
    sent = trig.sent
    if any(t.lemma_.lower() in _VIOLENCE or t.lower_ in _VIOLENCE for t in sent):
        return None
    obj = objects[0]
    for holder in holders:
        for child in holder.children:
            dep, low = child.dep_, child.lower_
            if dep == "advmod" and low in _W.verbal_attack_adverbs:
                return f"'{child.text}'"
            if dep == "prep":
                pobjs = [p for p in child.children if p.dep_ in ("pobj", "pcomp")]
                for p in pobjs:
                    if p.lemma_.lower() in _W.verbal_attack_media:
                        return f"'{low} {p.text}'"
                    if low in ("for", "over") and (p.tag_ == "VBG" or _said_thing(p) or any(
                            m.dep_ == "poss" for m in p.children)):
                        return f"'{low} {p.text}'"
                    if low == "as" and p.pos_ in ("NOUN", "ADJ", "PROPN"):
                        return f"'as {p.text}'"
            if dep in ("advcl", "xcomp", "conj") and child.pos_ == "VERB" and child.lemma_.lower() in _W.verbal_attack_speech:
                return f"'{child.text}'"
    if trig.pos_ == "VERB" and trig.dep_ == "conj" and trig.head.lemma_.lower() in _W.verbal_attack_speech:
        return f"'{trig.head.text} and {trig.text}'"
    if _said_thing(obj):
        return f"'{trig.text} the {obj.text}'"
    if not _attacked_person(obj):
        return None
    if any(a.ent_type_ != "PERSON" for a in actors):
        return None  # "gunmen attacked the judge", "a mob attacked him"
    if not actors and not (trig.pos_ == "VERB" and trig.tag_ == "VBG"):
        return None  # "the judge was attacked": by whom, the sentence does not say
    if any(c.dep_ == "prep" and c.lower_ in _W.locative_preps for h in holders for c in h.children):
        return None  # "attacked the senator outside his home": somewhere, with force
    return f"a person's attack on '{obj.text}' with no force named"


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
        if sense.question and not _asks_a_question(tok):
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


def _finite_use(verb) -> bool:
    """Return True for a verb that reports an act: finite, or a participle or infinitive with an
    auxiliary or a subject of its own (not "populations affected by", "aimed at")."""
    if verb.tag_ in ("VBD", "VBZ", "VBP", "MD"):
        return verb.dep_ not in ("amod", "compound")
    if any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children):
        return True
    return verb.dep_ in ("conj", "xcomp") and verb.tag_ in ("VB", "VBD", "VBN")


# What each class of control verb makes of its complement; a sense of such a verb that is read off its
# object or particle and codes another type names an act of its own ("call off", "pledge support").
_CONTROL_OWN_TYPE = {"intent": "AGREE", "request": "REQUEST", "refusal": "REJECT", "threat": "THREATEN"}


def _names_its_own_act(sense: Sense, control_class: str | None) -> bool:
    """Return True for a control verb used in a phrase that is an act of its own ("called off the
    strike": CONCEDE; "pledged support for": SUPPORT; "agreed a deal": SUPPORT), not a governor."""
    own = _CONTROL_OWN_TYPE.get(control_class or "")
    # a phrasal verb, or an object reading with no clause under it (a call made to someone "to
    # congratulate him" still carries its purpose: see ``_phone_call``)
    return own is not None and bool(sense.particle or (sense.objects and sense.bare)) and sense.type != own


def _converted_sense_applies(sense: Sense, verb) -> bool:
    """Return True where a sense converted from the PETRARCH2 dictionary may code ``verb``: a verb that
    reports an act, and for a sense that only names its subject ("&WEAPON * [190]": weapons that
    "fall", "hit") a verb with an object or a place or target phrase, and no state it ends in ("the
    guns fell silent", "where the missile fell")."""
    if not _finite_use(verb):
        return False
    if sense.subjects and not (sense.objects or sense.preps or sense.particle):
        children = {c.dep_ for c in verb.children}
        return bool(children & {"dobj", "prep"}) and not children & {"acomp", "oprd"}
    return True


class SentenceCoder(RoleReader):
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
                        and not _dated_aside(tok) and not _finite_content(tok)):
                    continue  # a participle describing a noun ("detainees held in Gaza") states no event
                if _adjectival_participle(tok):
                    continue
                if _condition_on_a_class(tok):
                    continue
                lemma = verb_lemma(tok, lex)
                senses = lex.verbs.get(lemma)
                sense = choose_sense(senses, tok) if senses else None
                if sense is SKIPPED:
                    if senses[0].origin != "petrarch":
                        # a statement use ("denied charges that ..."): nothing under it is asserted; a
                        # converted non-event reading ("according to") says nothing of its complement
                        self.skipped.add(tok.i)
                    continue
                decides = lex.control.get(lemma) == "decision"
                if sense is not None and sense.origin == "petrarch" and not _converted_sense_applies(sense, tok):
                    sense = None
                if sense is not None and not (decides and self._event_object(tok)):
                    found[tok.i] = Candidate(tok, sense, tok, "verb")
                    if _names_its_own_act(sense, lex.control.get(lemma)):
                        # "called off the strike", "pledged support for", "agreed a trade deal": the
                        # phrase is its own act, not a call or pledge of what its object names; what
                        # the object names is not asserted either
                        self.skipped.add(tok.i)
                    continue
                if lemma in lex.victim_verbs:
                    self._victim_noun(tok, found)
                    continue
                if lemma in lex.money_verbs and any(
                        c.dep_ == "dobj" and any(t.ent_type_ == "MONEY" or t.lower_ in lex.money_words
                                                 for t in (c, *c.children))
                        for c in tok.children):
                    found[tok.i] = Candidate(tok, _MONEY_AID, tok, "money given")
                    continue
                if lemma not in lex.light_verbs and not decides:
                    continue  # "fled the violence": only a light verb lends its subject to an event noun
                # A verb that is not itself an event lends its arguments to an event noun it governs
                # ("held talks", "approved the extradition").
                for child in self._lent_nouns(tok, lemma):
                    if child.pos_ == "NOUN":
                        if child.lemma_.lower() in _PARTITIVES:
                            child = next((p for prep in child.children if prep.dep_ == "prep" and prep.lower_ == "of"
                                          for p in prep.children if p.dep_ == "pobj"), child)
                        for noun in (child, *child.conjuncts):
                            nsenses = lex.nouns.get(noun.lemma_.lower())
                            nsense = _noun_sense(nsenses, noun, tok) if nsenses else None
                            if nsense is not None and noun.i not in found:
                                found[noun.i] = Candidate(noun, nsense, tok, f"noun object of '{tok.text}'")
                        if child.dep_ != "dobj" or any(n.lemma_.lower() in lex.nouns for n in (child, *child.conjuncts)):
                            break  # "engaged the rebels in a firefight": past a party object to the in-phrase
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

    def _lent_nouns(self, verb, lemma: str):
        """Yield the nouns a light verb lends its arguments to: its object, and for "engage" and the
        like the object of "in" ("engaged the rebels in a firefight")."""
        for child in verb.children:
            if child.dep_ in ("dobj", "nsubjpass"):
                yield child
        if lemma in self.lex.light_in_verbs:
            for prep in verb.children:
                if prep.dep_ == "prep" and prep.lower_ == "in":
                    yield from (p for p in prep.children if p.dep_ == "pobj")

    def claimed_acts(self, sent, found: dict[int, Candidate]) -> list[Candidate]:
        """Return the acts a party claims responsibility for ("claimed responsibility for the bombing"),
        added to ``found`` with the claimant's verb as anchor, so the claimant is the actor."""
        claimed = []
        for tok in sent:
            if tok.lemma_.lower() != "responsibility" or tok.dep_ not in ("dobj", "nsubjpass"):
                continue
            verb = tok.head
            if verb.pos_ != "VERB" or verb_lemma(verb, self.lex) not in self.lex.responsibility_verbs:
                continue
            if verb.i in found and found[verb.i].sense.type == "REJECT":
                continue
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "of")):
                for noun in (p for p in prep.children if p.dep_ == "pobj" and p.pos_ == "NOUN"):
                    senses = self.lex.nouns.get(noun.lemma_.lower())
                    sense = _noun_sense(senses, noun) if senses else None
                    if sense is None or sense.type not in MATERIAL_CONFLICT:
                        continue
                    cand = Candidate(noun, sense, verb, f"act claimed with '{verb.text} responsibility'")
                    cand.notes.append(f"responsibility claimed ('{verb.text}'): the claimant is the actor")
                    found[noun.i] = cand
                    claimed.append(cand)
            found.pop(verb.i, None)  # the claim itself is a statement (CAMEO 015)
        return claimed

    def mark_denials(self, sent, found: dict[int, Candidate]) -> list[tuple[int, Candidate]]:
        """Code what a denial's clause reports as negated ("denied that its troops shelled the village");
        the denial itself is a statement (CAMEO 016), not an event. Returns (denial token, act) pairs
        for ``restore_denied`` after the control verbs."""
        denied = []
        for tok in sent:
            if tok.pos_ != "VERB" or verb_lemma(tok, self.lex) not in self.lex.denial_verbs:
                continue
            if any(c.dep_ == "dobj" and c.lemma_.lower() not in _DENIED_CONTENT for c in tok.children):
                continue  # "denied permission to the rally", "denied entry": an act, not a denial of a claim
            clauses = [c for c in tok.children if c.dep_ == "ccomp" or (c.dep_ == "xcomp" and c.tag_ == "VBG")]
            # "denied reports that troops had arrested him": the content of the report denied
            clauses += [c for obj in tok.children if obj.dep_ == "dobj" and obj.lemma_.lower() in _DENIED_CONTENT
                        for c in obj.children if c.dep_ in ("acl", "ccomp", "relcl") and c.pos_ in ("VERB", "AUX")]
            if not clauses:
                continue
            for clause in clauses:
                if clause.i not in found and clause.pos_ == "VERB":
                    # a clause under a report noun reads like a participle ("reports that troops had
                    # arrested him"), which ``candidates`` passes over: the denied act is coded here
                    senses = self.lex.verbs.get(verb_lemma(clause, self.lex))
                    sense = choose_sense(senses, clause) if senses else None
                    if sense is not None and sense is not SKIPPED:
                        found[clause.i] = Candidate(clause, sense, clause, "verb")
                for inner in clause.subtree:
                    cand = found.get(inner.i)
                    if cand is not None:
                        cand.factuality = "negated"
                        cand.notes.append(f"denied ('{tok.text}')")
                        denied.append((tok.i, cand))
            found.pop(tok.i, None)
            self.skipped.discard(tok.i)
        return denied

    @staticmethod
    def restore_denied(denied: list[tuple[int, Candidate]], found: dict[int, Candidate]) -> None:
        """Undo what the control verbs made of a denial (a refusal): the denied act stays, negated."""
        for index, cand in denied:
            own = found.get(index)
            if own is not None and own.inner is cand:
                del found[index]
            cand.absorbed = False

    def accident_mode(self, cand: Candidate) -> str | None:
        """Return the DISASTER mode of force with no one's intent behind it, else None: a flood that
        killed ("flood"), a gas explosion ("industrial"), people killed in a train crash ("transport"),
        a participle hanging on a crash ("the helicopter crashed, killing four")."""
        if cand.type not in ("ASSAULT", "COERCE") and not (cand.type == "SANCTION" and cand.mode == "expel"):
            return None
        trig = cand.trigger
        clause = cand.anchor if cand.anchor.pos_ in ("VERB", "AUX") else trig
        doers = [c for c in clause.children if c.dep_ in ("nsubj", "agent")]
        doers = [p for c in doers for p in ([c] if c.dep_ == "nsubj" else [x for x in c.children if x.dep_ == "pobj"])]
        own_doers = bool(doers)
        if trig.pos_ == "NOUN":
            doers.append(trig)  # "the flooding killed", "a gas explosion": the noun names its own cause
        elif not own_doers:
            # "were killed in a train crash", "died during the floods": the hazard the act happened in
            doers += [p for prep in clause.children if prep.dep_ == "prep" and prep.lower_ in _HAZARD_PREPS
                      for p in prep.children if p.dep_ == "pobj"]
        for doer in doers:
            mode = self.hazard_mode(doer)
            if mode is not None:
                return mode
        if trig.pos_ == "VERB" and self.accident_verb_mode(trig):
            return self.accident_verb_mode(trig)  # "the helicopter crashed"; "crashed a truck into the crowd" is an act
        if clause.dep_ in ("advcl", "conj") and clause.tag_ == "VBG" and clause.head.pos_ == "VERB":
            # "the helicopter crashed, killing four", "a gas explosion destroyed the block, killing six"
            head = clause.head
            if self.accident_verb_mode(head):
                return self.accident_verb_mode(head)
            if not own_doers and head.i != clause.i:
                return self._caused_by_hazard(head)
        return None

    def hazard_mode(self, tok) -> str | None:
        """Return the DISASTER mode a noun names as a cause (flood, earthquake, crash; an explosion or a
        fire only with an accidental source or none at all: "a gas explosion", "a fire"), else None."""
        lex = self.lex
        lemma = tok.lemma_.lower()
        mods = {m.lemma_.lower() for m in tok.children if m.dep_ in ("compound", "amod", "nmod")}
        if lemma in _BURNING and mods & lex.accident_sources:
            return "industrial" if lemma in _W.blasts else "fire"
        if lemma in _W.blazes and tok.pos_ == "NOUN" and mods <= _PLAIN_FIRE and not any(
                c.dep_ == "poss" for c in tok.children) and tok.dep_ in ("nsubj", "pobj", "ROOT") and not (
                tok.dep_ == "pobj" and tok.head.lower_ == "under"):  # "came under fire": shot at or criticised
            return "fire"  # "a fire swept through the market"; "enemy fire", "sniper fire" are attacks
        if lemma in lex.hazards and lemma not in lex.nouns:
            return lex.disaster_modes[lemma]
        for mod in tok.children:  # a named storm: "Cyclone Idai", "Hurricane Katrina"
            if mod.dep_ == "compound" and tok.pos_ == "PROPN" and lex.disaster_modes.get(mod.lemma_.lower()) == "storm":
                return "storm"
        return None

    def _caused_by_hazard(self, verb) -> str | None:
        """Return the DISASTER mode of a verb whose doer is a natural hazard or an accidental blast."""
        if verb.dep_ == "acl":  # "a fire swept through the market, killing eight" parsed as a noun phrase
            mode = self.hazard_mode(verb.head)
            if mode is not None:
                return mode
        for child in verb.children:
            if child.dep_ == "nsubj":
                mode = self.hazard_mode(child)
                if mode is not None:
                    return mode
        return None

    def accident_candidates(self, sent, found: dict[int, Candidate]) -> None:
        """Add the disasters that no act of force names: a vehicle that crashes, derails or capsizes, a
        building that collapses ("the train derailed near Kursk"), and the hazard people died in ("30
        people died in the floods")."""
        lex = self.lex
        for tok in sent:
            if tok.i in found or tok.pos_ != "VERB":
                continue
            lemma = verb_lemma(tok, lex)
            mode = self.accident_verb_mode(tok)
            if mode is not None and _finite_use(tok):
                follows = any(c.dep_ in ("advcl", "conj") and c.tag_ == "VBG" and c.i in found for c in tok.children)
                if not follows:  # "crashed, killing four": the killing carries the disaster
                    found[tok.i] = Candidate(tok, Sense(lemma, "verb", DISASTER, mode, ""), tok, "accident verb")
            elif lemma in lex.victim_verbs:
                for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in _HAZARD_PREPS):
                    for noun in (p for p in prep.children if p.dep_ == "pobj" and p.i not in found):
                        mode = self.hazard_mode(noun)
                        if mode is not None:
                            cand = Candidate(noun, Sense(noun.lemma_.lower(), "noun", DISASTER, mode, ""), tok,
                                             f"hazard '{prep.text} {noun.text}' after '{tok.text}'")
                            cand.victim = True
                            found[noun.i] = cand

    def accident_verb_mode(self, verb) -> str | None:
        """Return the DISASTER mode of a vehicle crashing or capsizing ("transport"), a building
        collapsing ("collapse"), a volcano erupting; None for "talks collapsed", "violence erupted",
        "crashed a truck into the crowd" (an object: someone's act)."""
        lex = self.lex
        lemma = verb_lemma(verb, lex)
        if lemma not in lex.accident_verbs or any(c.dep_ in ("dobj", "auxpass", "agent") for c in verb.children):
            return None  # "crashed a truck into", "three tunnels were collapsed in explosions": someone's act
        mode = lex.disaster_modes.get(lemma, "transport")
        subjects = [c.lemma_.lower() for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if mode == "volcano":
            return mode if any(lex.disaster_modes.get(s) == "volcano" for s in subjects) else None
        return mode if any(s in lex.accident_subjects.get(mode, ()) for s in subjects) else None

    @staticmethod
    def as_disaster(cand: Candidate, mode: str) -> None:
        """Recode a candidate as a DISASTER: nobody's act, so no actor; the people hurt stay recipients."""
        if cand.type != DISASTER:
            cand.notes.append(f"no one's intent ({mode}): {cand.type} -> DISASTER")
        cand.type, cand.mode, cand.cameo = DISASTER, mode, ""
        cand.actors = []
        cand.agentless = True

    def means_code(self, cand: Candidate) -> str | None:
        """Return the CAMEO code the means named in an act of force give it ("fired rockets": 194)."""
        lex = self.lex
        if cand.type != "ASSAULT" or cand.cameo not in lex.means_deepen or not lex.means:
            return None
        trig, anchor = cand.trigger, cand.anchor
        words: set[str] = set()
        agents: set[str] = set()
        pairs: set[tuple[str, str]] = set()

        def take(tok, into: set[str]) -> None:
            into.add(tok.lemma_.lower())
            into.add(tok.lower_)
            for mod in tok.children:
                if mod.dep_ in ("compound", "amod", "nmod"):
                    words.add(mod.lemma_.lower())
                    words.add(mod.lower_)
                    pairs.add((mod.lemma_.lower(), tok.lemma_.lower()))

        take(trig, words)
        heads = [trig, anchor]
        if trig.dep_ in ("advcl", "conj") and trig.tag_ == "VBG" and trig.head.pos_ == "VERB":
            heads.append(trig.head)  # "a suicide bomber blew himself up, killing nine": the means of its clause
        for head in heads:
            for child in head.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    take(child, agents)
                elif child.dep_ == "dobj" and head.lemma_.lower() in _MEANS_OBJECT_VERBS:
                    take(child, words)
                elif child.dep_ == "agent" or child.dep_ == "prep" and child.lower_ in ("with", "by", "using"):
                    for pobj in (p for p in child.children if p.dep_ == "pobj"):
                        take(pobj, words if child.dep_ == "prep" else agents)
                elif child.dep_ in ("acl", "advcl") and child.lemma_.lower() in ("use", "fire", "drop"):
                    for obj in (o for o in child.children if o.dep_ == "dobj"):
                        take(obj, words)
        rank = {m.cameo: i for i, m in enumerate(lex.means)}
        current = rank.get(cand.cameo, len(lex.means))
        for i, means in enumerate(lex.means):
            if i > current:
                break  # (the same code is returned too: its entry's mode, "grenades" explosives, holds)
            if (words & means.words or (agents & (means.agents | means.words))
                    or any(p in pairs for p in means.pairs)):
                return means.cameo
        return None

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
        if noun.lemma_.lower() in self.lex.patient_possessor and any(c.dep_ == "poss" for c in noun.children):
            return True  # "welcomed his release", "condemned Ali's arrest": the possessor undergoes it
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
        if tok.dep_ == "pobj" and tok.head.lower_ == "under" and tok.head.head.pos_ in ("AUX", "VERB"):
            return True  # "X is under investigation": X undergoes it (recipients.py)
        for child in tok.children:
            if child.dep_ == "poss":
                return True
            if child.dep_ == "prep" and child.lower_ in _W.party_marking_preps:
                return True
            if child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE", "ORG"):
                return True
        return False

    def code_sentence(self, sent) -> list[Event]:
        found = self.candidates(sent)
        claimed = self.claimed_acts(sent, found)
        denied = self.mark_denials(sent, found)
        if found:
            apply_control(self, sent, found)
            self.restore_denied(denied, found)
        self._orders_to_act(sent, found)
        # after the control verbs, which know only PLOVER's types
        self.accident_candidates(sent, found)
        if not found:
            return []
        self._unanswered_requests(found)
        for cand in found.values():
            self._attack_in_words(cand)
            self._act_of_protest(cand)
            self._sent_to_act(cand, found)
        for cand in claimed:
            cand.absorbed = False  # the claim governs the act it names; the act itself is reported
        for cand in found.values():
            if cand.inner is not None:
                self._phone_call(cand)
                self._rallies_opposition(cand)
                self._deepen_parallel(cand, cand.inner.cameo)
        trigger_ids = set(found)
        for cand in found.values():
            mode = cand.mode if cand.type == DISASTER else None if cand.absorbed else self.accident_mode(cand)
            if mode is not None:
                self.as_disaster(cand, mode)
        events = []
        for cand in found.values():
            if cand.absorbed:
                continue
            if cand.type == DISASTER and any(
                    c.dep_ in ("advcl", "conj") and c.tag_ == "VBG" and c.i in found and found[c.i].type == DISASTER
                    and not found[c.i].absorbed for c in cand.trigger.children):
                continue  # "the jet crashed, killing all 71": one disaster, told by the participle with its dead
            self.attach_arguments(cand)
            if cand.type == DISASTER:
                cand.actors = []  # the flood, the crashing plane: no party acted
            self._claim_and_plan_roles(cand, claimed)
            if cand.cameo == "016" and cand.trigger.pos_ == "VERB":
                # a denial is aimed at the accuser, not at the charge denied
                accusers = [a for p in _accusers(cand.trigger) for a in self.args.make(p, "pobj:by")]
                if accusers:
                    cand.recipients = accusers
            if cand.inner is not None:
                # "offered to hand over two suspects to Britain": the parties of the pledged act.
                self.attach_arguments(cand.inner)
                own_heads = {a.head.i for a in cand.actors + cand.recipients}
                extra = [r for r in cand.inner.recipients if r.head.i not in own_heads]
                if cand.type != "REQUEST" or not cand.recipients:
                    cand.recipients = cand.recipients + extra
            elif not cand.recipients and cand.trigger.pos_ in ("VERB", "ADJ"):
                # "agreed to provide aid to Romania and Poland": the named parties of the act agreed to
                cand.recipients = self.complement_recipients(cand)
            if not cand.actors and not cand.recipients and not cand.agentless:
                continue  # precision: no party the parse connects to the trigger
            if _moves_information(cand):
                continue
            if cand.how == "noun" and not any(_is_party(a) and (a.head.pos_ != "PRON" or self._resolved_patient(a, cand))
                                              for a in cand.actors + cand.recipients):
                continue  # "their support", "a warning of a hit": a bare nominal needs a named party
            event = self._event(sent, cand, trigger_ids)
            if event is not None:
                events.append(event)
        return events

    def _resolved_patient(self, arg, cand: Candidate) -> bool:
        """Whether a pronoun owner of an event noun that a verb takes as its object is its undergoer and
        names someone ("welcomed his release": the person named before; "his release was the result of ..."
        tells no act of its own)."""
        return arg.entity is not None and arg.role == "poss" and cand.trigger.dep_ == "dobj" \
            and cand.trigger.lemma_.lower() in self.lex.patient_possessor

    @staticmethod
    def _claim_and_plan_roles(cand: Candidate, claimed: list[Candidate]) -> None:
        """Parties of a claimed act and of a scheduled one, which the role reader does not see:
        "claimed responsibility for" names no recipient; "is scheduled to attend" makes the one
        scheduled the actor."""
        if cand in claimed:
            cand.recipients = [r for r in cand.recipients if r.head.lemma_.lower() != "responsibility"]
        if cand.how == "money given":  # the sum is what is given, not to whom
            cand.recipients = [r for r in cand.recipients if r.role != "dobj"]
        trigger = cand.trigger
        if trigger.pos_ == "VERB" and trigger.tag_ == "VBN" and cand.inner is not None and not cand.actors and any(
                c.dep_ == "auxpass" for c in trigger.children):
            cand.actors = [a for a in cand.recipients if a.role == "nsubjpass"]
            cand.recipients = [a for a in cand.recipients if a.role != "nsubjpass"]

    def _phone_call(self, cand: Candidate) -> None:
        """Undo a request the control verbs read into a phone call ("called Erdogan on Friday to
        congratulate him"): the call carries its purpose (SUPPORT, by phone), or is a consultation."""
        if cand.type != "REQUEST" or cand.sense.cameo != "041" or cand.trigger.pos_ != "VERB":
            return
        if verb_lemma(cand.trigger, self.lex) not in self.lex.phone_verbs:
            return
        inner = cand.inner
        if inner.type in ("CONSULT", "REQUEST") or PLOVER_QUAD[inner.type] > 2:
            cand.type, cand.cameo, cand.mode = "CONSULT", "041", "phone"
        else:
            cand.type, cand.cameo, cand.mode = inner.type, inner.cameo, inner.mode
        cand.factuality = None
        cand.notes.append(f"a call to '{inner.trigger.text}' is made by phone, not asked for -> {cand.type}")

    def _orders_to_act(self, sent, found: dict[int, Candidate]) -> None:
        """Code an order to a named party to do something that is no event of its own ("ordered the
        two ministers to appear for questioning") as a demand (REQUEST, CAMEO 100); an order whose
        complement is an event ("ordered the arrest", "ordered troops to withdraw") is that event."""
        for tok in sent:
            if tok.pos_ != "VERB" or tok.i in found or verb_lemma(tok, self.lex) not in _ORDER_VERBS:
                continue
            told = [c for c in tok.children if c.dep_ == "dobj" and (c.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
                                                                     or c.pos_ == "PROPN")]
            acts = [c for c in tok.children if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)]
            if not told or not acts or any(t.i in found for a in acts for t in a.subtree):
                continue
            cand = Candidate(tok, Sense("order", "verb", "REQUEST", None, "100"), tok, "verb")
            cand.notes.append(f"'{tok.text} {told[0].text} to {acts[0].text}': an order to a party is a demand")
            found[tok.i] = cand

    def _unanswered_requests(self, found: dict[int, Candidate]) -> None:
        """Keep "refused to respond to a request from MPs" as a rejection of the request: the control
        verbs take "declined to respond" for a statement (no comment), but a request left unanswered
        is rejected (CAMEO 12)."""
        for cand in found.values():
            if not cand.absorbed or cand.type != "REJECT" or cand.trigger.pos_ != "VERB":
                continue
            for reply in (c for c in cand.trigger.children if c.dep_ == "xcomp"):
                asked = [p for prep in reply.children if prep.dep_ == "prep" and prep.lower_ == "to"
                         for p in prep.children if p.dep_ == "pobj" and p.lemma_.lower() in self.lex.unanswered]
                if asked:
                    cand.absorbed = False
                    cand.notes.append(f"'{cand.trigger.text} to {reply.text}' to a {asked[0].text}: the request is rejected")
                    break

    @staticmethod
    def _act_of_protest(cand: Candidate) -> None:
        """Recode a thing destroyed "in protest" or "in defiance" as dissent (PROTEST 140): "detainees burned
        the uniforms in defiance", "farmers torched the notices in protest" is a protest, not an attack."""
        if cand.type != "ASSAULT" or cand.mode != "destroy" or cand.trigger.pos_ != "VERB":
            return
        heads = [cand.trigger] + [c for c in cand.trigger.children if c.dep_ == "dobj"]  # the parse may hang it
        for prep in (c for head in heads for c in head.children):  # on the object: "torched the notices in protest"
            if prep.dep_ == "prep" and prep.lower_ == "in":
                nouns = [c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() in _W.protest_nouns]
                if nouns:
                    cand.type, cand.mode, cand.cameo = "PROTEST", None, "140"
                    cand.notes.append(f"'{prep.text} {nouns[0].text}': a thing destroyed in protest -> PROTEST (140)")
                    return

    def _attack_in_words(self, cand: Candidate) -> None:
        """Recode an attack made in words as criticism (ACCUSE 111): "launched a scathing attack on the
        government"; "an extraordinary attack on the spy chiefs, calling them nutters"."""
        if cand.type != "ASSAULT":
            return
        trig = cand.trigger
        noun = trig if trig.pos_ == "NOUN" else next((c for c in trig.children if c.dep_ == "dobj"), None)
        verb = cand.anchor if trig.pos_ == "NOUN" else trig
        if noun is not None and noun.lemma_.lower() in ("attack", "assault"):
            lex = self.lex
            words = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound")}
            said = [c for c in verb.children if c.dep_ in ("advcl", "xcomp", "conj") and c.tag_ == "VBG"
                    and c.lower_ in lex.speech_participles]
            if words & lex.verbal_attack_words or said:
                cand.type, cand.mode, cand.cameo = "ACCUSE", "disapprove", "111"
                how = f"'{min(words & lex.verbal_attack_words)}'" if words & lex.verbal_attack_words else f"'{said[0].text}'"
                cand.notes.append(f"an attack in words ({how}) -> ACCUSE (111)")
                return
        elif trig.pos_ != "VERB":
            return
        attack_noun = noun is not None and noun.lemma_.lower() in ("attack", "assault")
        cue = _verbal_attack(noun if attack_noun else trig, verb)
        if cue is not None:
            cand.type, cand.mode, cand.cameo = "ACCUSE", "disapprove", "111"
            cand.notes.append(f"an attack in words ({cue}) -> ACCUSE (111)")

    def _sent_to_act(self, cand: Candidate, found: dict[int, Candidate]) -> None:
        """Code people sent to investigate as the investigation: "sent seven experts to investigate the
        attacks" is ACCUSE/investigate (CAMEO 090) by the sender, not aid; an operation launched to
        detain people is the arrests ("launched operations to detain 110 suspects": COERCE 173)."""
        trig = cand.trigger
        if not cand.absorbed and trig.pos_ == "VERB" and cand.type == "ASSAULT" and cand.cameo == "190":
            for op in (c for c in trig.children if c.dep_ == "dobj" and c.lemma_.lower() in _OPERATION_NOUNS):
                for purpose in (c for c in (*op.children, *trig.children) if c.dep_ in ("acl", "advcl", "xcomp")):
                    act = found.get(purpose.i)
                    if act is not None and act.type == "COERCE" and any(
                            a.dep_ == "aux" and a.lower_ == "to" for a in purpose.children):
                        cand.type, cand.mode, cand.cameo = act.type, act.mode, act.cameo
                        act.absorbed = True
                        cand.notes.append(f"'{op.text}' to '{purpose.text}': the operation is the act -> {act.type}")
                        return
        if cand.absorbed or trig.pos_ != "VERB" or cand.type not in ("AID", "MOBILIZE", "CONSULT") \
                or verb_lemma(trig, self.lex) not in self.lex.sending_verbs:
            return
        for purpose in (c for c in trig.children if c.dep_ in ("xcomp", "advcl")):
            act = found.get(purpose.i)
            if act is None or act.type != "ACCUSE" or act.mode != "investigate" \
                    or not any(a.dep_ == "aux" and a.lower_ == "to" for a in purpose.children):
                continue
            cand.type, cand.mode, cand.cameo = act.type, act.mode, act.cameo
            act.absorbed = True
            cand.notes.append(f"sent to '{purpose.text}': the investigation -> ACCUSE/investigate ({act.cameo})")
            return

    @staticmethod
    def _rallies_opposition(cand: Candidate) -> None:
        """Code a public call for punitive measures against a party ("called for sanctions against
        Moscow") as rallying opposition against it (CAMEO 113, ACCUSE): no one is asked to do
        anything ("called on the EU to impose sanctions" stays a demand of the EU)."""
        inner = cand.inner
        if cand.type == "REQUEST" and inner.type in ("PROTEST", "MOBILIZE") and any(
                t.dep_ == "prep" and t.lower_ == "against" for t in inner.trigger.subtree):
            # "called on workers to mobilize against the war", "urged people to protest against X"
            cand.type, cand.mode, cand.cameo = "ACCUSE", "disapprove", "113"
            cand.notes.append(f"a call to '{inner.trigger.text}' against a party rallies opposition -> ACCUSE (113)")
            return
        if cand.type != "REQUEST" or inner.type not in ("SANCTION", "COERCE") or inner.trigger.pos_ != "NOUN":
            return
        asked_for = inner.trigger.head
        if inner.trigger.dep_ != "pobj" or asked_for.lower_ != "for" or asked_for.head.i != cand.trigger.i:
            return
        if not any(c.dep_ == "prep" and c.lower_ == "against" for c in inner.trigger.children):
            return
        cand.type, cand.mode, cand.cameo = "ACCUSE", "disapprove", "113"
        cand.notes.append(f"a call for '{inner.trigger.text}' against a party rallies opposition -> ACCUSE (113)")

    def _keeps_the_peace(self, cand: Candidate) -> bool:
        """Return True when a deployment's own phrase speaks of peacekeeping ("sent 200 troops to serve
        as a peacekeeping force", "deployed as peacekeepers", "on a peacekeeping mission")."""
        words = self.lex.peacekeeping_words
        heads = {cand.trigger, cand.anchor}
        for head in heads:
            for tok in head.subtree:
                if tok.lemma_.lower() in words or tok.lower_ in words:
                    return True
            if head.dep_ in ("xcomp", "advcl", "conj") or head.pos_ == "NOUN":
                continue
        return False

    def _deepen_parallel(self, cand: Candidate, act_code: str | None) -> None:
        """Give a pledge, appeal, demand, refusal or threat the full-depth code of the act it is about
        ("pledged to supply arms": 0332, not 033)."""
        branch = {"03": "intent", "02": "appeal", "10": "demand", "12": "reject", "13": "threat"}.get(cand.cameo[:2])
        deeper = self.lex.parallel(branch, act_code) if branch else None
        if deeper and deeper[:2] == cand.cameo[:2] and len(deeper) >= len(cand.cameo):
            cand.cameo = deeper

    def _date_above(self, trig, sentence_start: int, trigger_ids: set[int]):
        """Return the date of the nearest dated verb above the trigger in its sentence, or None."""
        tok = trig
        for _ in range(6):
            if tok.head is tok:
                return None
            tok = tok.head
            if tok.pos_ in ("VERB", "AUX"):
                found = self.dates.date_for(tok, sentence_start, trigger_ids)
                if found is not None:
                    return found
        return None

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
        trig = cand.trigger
        t_start, t_end = trig.idx, trig.idx + len(trig.text)
        if cand.anchor is trig and cand.type == "ASSAULT" and trig.pos_ == "NOUN" and presupposed_nominal(trig):
            factuality, reason = "asserted", ""  # "the response to Soleimani's killing will be ...": a given
        else:
            factuality, reason = modality(cand.anchor if cand.anchor is not trig else trig)
        clause = cand.anchor if cand.anchor.pos_ in ("VERB", "AUX") else trig
        auxes = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
        conditions = {m.lower_ for c in clause.children if c.dep_ == "advcl" for m in c.children if m.dep_ == "mark"}
        if cand.factuality is None and self.lex.control.get(trig.lemma_.lower()) in ("intent", "threat") and any(
                c.dep_ in ("xcomp", "ccomp") for c in trig.children):
            cand.factuality = "future"  # what is pledged or threatened has not happened yet
        if cand.factuality is not None:
            factuality, reason = cand.factuality, reason or "control verb"
        elif cand.type == DISASTER:
            pass  # nobody's act: no demand, refusal, threat or intent can be read into it
        elif auxes & _OBLIGATION and cand.type not in ("REQUEST",):
            # "X must release them", said Y: Y demands it of X; X, the obliged party, is the recipient
            # (what X must do to whom is the content of the demand).
            old = cand.type
            speaker = self._speaker_of(clause)
            cand.recipients = cand.actors or cand.recipients
            cand.actors = speaker
            cand.type, cand.mode = "REQUEST", None
            cand.cameo = DEMAND_CAMEO.get(old, "100")
            cand.notes.append(f"'{' '.join(sorted(auxes & _OBLIGATION))} {trig.text}' ({old}) is a demand -> REQUEST")
            factuality, reason = "asserted", ""
        elif factuality == "negated" and auxes & _W.refusal_modals and PLOVER_QUAD[cand.type] <= 2:
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
        elif factuality == "future" and cand.type not in ("AGREE", "THREATEN", "REQUEST", "REJECT", "ACCUSE") \
                and not (cand.how == "noun" and cand.anchor.i == trig.i):
            # A stated future action is an intent: cooperative -> AGREE, conflictive -> THREATEN; a bare
            # event noun with a future ("the ceasefire will start on Tuesday") is scheduled, not anyone's
            # stated intent, and keeps its type. (PLOVER
            # would leave a future RETREAT as it is; the CAMEO-coded sets code "will release" as an intent,
            # 0353, and so do we, at the depth of the act.)
            conflictive = cand.type in MATERIAL_CONFLICT
            old, old_code = cand.type, self.means_code(cand) or cand.cameo
            cand.type = "THREATEN" if conflictive else "AGREE"
            cand.cameo = (THREAT_CAMEO if conflictive else INTENT_CAMEO).get(old, "130" if conflictive else "030")
            self._deepen_parallel(cand, old_code)
            cand.mode = None
            cand.notes.append(f"future {old} stated as intent -> {cand.type}")
        if factuality == "negated" and (cand.type in _WITHHELD_TYPES or cand.cameo[:3] in _WITHHELD_CODES) \
                and cand.anchor.pos_ == "VERB" and cand.anchor.lemma_ != "be" and not any(
                n.startswith("denied") for n in cand.notes) and "'no' on the noun" not in reason:
            # "failed to reach agreement", "did not give permission": withholding an agreement, support
            # or permission is a refusal (CAMEO 12), which happened; a release or meeting that did not
            # take place, a denial or "no knowledge of" stay negated acts
            old, old_code = cand.type, cand.cameo
            cand.type, cand.mode = "REJECT", None
            cand.cameo = REJECT_CAMEO.get(old, "120")
            self._deepen_parallel(cand, old_code)
            cand.notes.append(f"{old} not done -> REJECT")
            factuality, reason = "asserted", ""
        date = self.dates.date_for(trig, sent.start, trigger_ids)
        if date is None and cand.anchor is not trig:
            date = self.dates.date_for(cand.anchor, sent.start, trigger_ids)
        step = clause
        for _ in range(3):
            if date is not None or step.dep_ not in ("advcl", "conj") or step.tag_ not in ("VBG", "VBD", "VBN"):
                break
            # "launched a war on October 7, killing ..., wounding ...": a participle shares its main clause's
            # date, through the participles coordinated before it
            step = step.head
            date = self.dates.date_for(step, sent.start, trigger_ids)
        location = self._location(cand)
        if location is None and clause.dep_ in ("advcl", "conj") and clause.tag_ == "VBG":
            # "struck the city of Sumy, killing 32": the participle happened where its main clause did
            location = location_of(clause.head, self.context, self.doc) or (
                self._place_in_target(clause.head) if cand.sense.type in MATERIAL_CONFLICT else None)
        if date is None and cand.how == "noun":
            # "the talks collapsed in 2014", "the last round of talks collapsed in 2014": what the event
            # noun (or the round it is counted in) did as a subject dates it too
            subject = trig
            while subject.dep_ == "pobj" and subject.head.lower_ == "of" and subject.head.head is not subject.head:
                subject = subject.head.head
            if subject.dep_ in ("nsubj", "nsubjpass") and subject.head.pos_ in ("VERB", "AUX"):
                date = self.dates.date_for(subject.head, sent.start, trigger_ids)
        cause = _causing_event_noun(trig, self.lex)
        if date is None and cause is not None:
            # "people killed by Sunday's missile strike": the killing is dated by the strike
            date = self.dates.date_of_noun(cause)
        if factuality == "asserted" and cand.factuality is None:
            # what the report only alleges, hedges, plans or takes to court (factuality.stance)
            found = stance(trig)
            if found is not None:
                factuality, reason = found
        if factuality == "asserted" and cand.inner is None and cand.governor is None and _in_purpose_clause(clause) \
                and not _performative(clause):
            # (an act under "failed to", "tried to", "decided to" is that verb's complement, not a purpose)
            knower = foreknown(clause)
            factuality, reason = ("asserted", f"future in the past under '{knower.text}': foreknown, so done") \
                if knower is not None else ("future", "purpose 'to ...': intended, not reported as done")
            if clause.dep_ in ("advcl", "xcomp") and (clause.head.lemma_.lower() in _W.meeting_verbs or any(
                    c.dep_ == "dobj" and c.lower_ in _W.meeting_nouns for c in clause.head.children)):
                # "met on Monday to discuss the crisis", "attended a meeting to discuss": what the meeting
                # did, as sure as the meeting
                factuality, reason = modality(clause.head)
                reason = reason and f"{reason} on '{clause.head.text}'"
        if factuality == "asserted" and caused_object(clause) is not None:
            # "would force Turkey to cut ties", "we are not forcing anyone to sell", "could spread, forcing the
            # US to send troops": the caused act is as sure as the causing (its modals, negation, or those of
            # the clause its participle hangs on)
            causing = clause.head
            factuality, reason = modality(causing)
            if factuality == "asserted" and causing.dep_ == "advcl" and causing.tag_ == "VBG":
                # the modals of the clause the participle hangs on, not its negation ("it was not enough,
                # leading the CEO to resign": the failing forced it)
                found = modality(causing.head)
                if found[0] in ("future", "hypothetical"):
                    causing = causing.head
                    factuality, reason = found
            reason = reason and f"{reason} on '{causing.text}'"
        if factuality == "asserted" and (is_historical(date, ctx.article.published) or in_background_phrase(trig)):
            factuality, reason = "historical", "background before the report"
        elif factuality == "asserted" and date is None and is_historical(
                self._date_above(trig, sent.start, trigger_ids), ctx.article.published):
            # "Republicans winced in 2011 when Obama took credit for the killing of ...": an undated act
            # told inside a clause dated long before the report is background too (the date stays the
            # act's own: unknown)
            factuality, reason = "historical", "inside a clause dated long before the report"
        if cand.type == "MOBILIZE" and self._keeps_the_peace(cand):
            cand.type, cand.mode, cand.cameo = "AID", None, "074"
            cand.notes.append("troops sent to keep the peace -> AID (074)")
        deeper = self.means_code(cand)
        if deeper is not None:
            if deeper != cand.cameo:
                cand.notes.append(f"means: {self.lex.cameo_names.get(deeper, deeper)} ({cand.cameo} -> {deeper})")
            means = next(m for m in self.lex.means if m.cameo == deeper)
            cand.cameo = deeper
            cand.mode = means.mode or self.lex.cameo_modes.get(deeper) or cand.mode
        day = event_date(date) or ctx.article.published
        actors = make_parties(cand.actors, day)
        recipients = make_parties(cand.recipients, day, exclude=actors)
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
        parts = [f"trigger '{trig.text}' ({cand.how}) {cand.sense.describe()}"
                 + (f" [{cand.sense.cameo}]" if cand.sense.cameo else "")]
        codes = {p.name: p.code for p in actors + recipients if p.code}
        parts += [f"actor {a.role} '{a.text}'" + (f" [{codes[a.text]}]" if a.text in codes else "") for a in cand.actors]
        parts += [f"recipient {r.role} '{r.text}'" + (f" [{codes[r.text]}]" if r.text in codes else "")
                  for r in cand.recipients]
        parts += cand.notes
        if factuality != "asserted" or reason:
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
            context="disasters" if cand.type == DISASTER else self.lex.cameo_contexts.get(cand.cameo) or None,
            cameo=cand.cameo or None,
            actors=actors, recipients=recipients, location=location, date=date,
            factuality=factuality, reported_by=reported_by(t_start, t_end, ctx),
            trigger=Span(t_start, t_end, trig.text),
            sentence=Span(sent.start_char, sent.end_char, sent.text), sizes=sizes,
            confidence=min(confidence, 0.95), why="; ".join(parts),
        )

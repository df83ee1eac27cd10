"""Who did it to whom: the actors and recipients of a candidate event, read off the dependency parse.

PLOVER roles: the subject or by-agent acts; the object, or a party after with/to/against/toward/on,
receives; what changes hands or is fired (concessions, troops, rockets) is a theme, not a party.
``RoleReader`` is mixed into the sentence coder, which owns the document, the lexicon and the
argument resolver.
"""
from __future__ import annotations

from dataclasses import replace

from ...kb import sector_for
from ...kb.phoenix import agent_sector, code_phrase
from ...lang.pronouns import FIRST_PERSON_PRONOUNS
from ...lang.roles import role_words
from ..doctext import doc_text
from .arguments import _NOT_PARTY, SUBJECTS, Argument
from .control import Candidate
from .lexicon import MATERIAL_CONFLICT
from .parties import party_code

# The word lists of this module (prepositions that mark a recipient, weapons, nouns that never act) are
# lang/data/roles.yaml, read through lang.role_words(); what stays here are entity labels and event types.


def _is_party(arg: Argument) -> bool:
    """Return True when an argument names an actor: an entity, a name or a role word ("prisoners")."""
    return arg.entity is not None or arg.head.pos_ in ("PROPN", "PRON") or sector_for(arg.head.lower_) is not None


def _is_place(arg: Argument) -> bool:
    if arg.entity is not None:
        return arg.entity.type in ("GPE", "LOC", "FAC")
    return arg.head.ent_type_ in ("GPE", "LOC", "FAC")


_OWNER_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Acts of force, where "with" names the means ("hit the base with missiles"), not a party, once the act has
# another recipient ("clashed with police" keeps its party), and where a gathering hit stands for the
# people at it ("struck a meeting of commanders").
_FORCE_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN", "SANCTION"})
# Acts of commitment and help whose target, when no party is named, is where they are to happen
# ("agreed to a ceasefire in eastern Ukraine": UKR, as the CAMEO coders take it).
_PLACE_TARGETED = frozenset({"AGREE", "AID", "COOPERATE", "SUPPORT", "MOBILIZE"})
# Acts whose object is a theme done in a place: lifting or imposing a measure, withdrawing forces; their
# target, when no party is named, is the state or region the measure or the forces are in.
_DONE_IN_A_PLACE = frozenset({"CONCEDE", "RETREAT", "SANCTION", "COERCE"})
# Words about an act (condemning, praising, protesting it) are aimed at its agent, not at those the act
# was done to; a threat or a demand of an act is aimed at its target, and stays out of this set.
_VERBAL_TYPES = frozenset({"ACCUSE", "SUPPORT", "PROTEST"})
# Acts that send, deploy or withdraw forces: the forces are what is moved (a theme), not whom it is done to.
_MOVING_TYPES = frozenset({"AID", "MOBILIZE", "RETREAT", "SANCTION", "AGREE"})


def _is_state(tok) -> bool:
    """Whether a place name stands for a state ("US", "Israel": a three-letter code in the dictionaries),
    not a territory ("Gaza": PSEGZA) that only says where."""
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    found = code_phrase(ent.text if ent is not None else tok.text)
    return found is not None and len(found.code) == 3


def _region(arg: Argument) -> bool:
    """Whether an unnamed phrase is a part of a named place ("parts of Kashmir", "the north of Mali")."""
    return arg.entity is None and arg.head.lemma_.lower() in role_words().place_nouns and any(
        t.ent_type_ in ("GPE", "LOC") for t in arg.head.subtree)


def _inside_phrase(head, adjunct=lambda prep: False):
    """Return the tokens of a noun phrase and its participles ("a ban imposed on X"), in order, leaving out
    relative clauses and appositives, which describe the thing ("a man who crossed into Israel", "the
    attack, the deadliest on civilians") and are no part of the act."""
    out, stack = [], [head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        if tok.dep_ == "prep" and adjunct(tok):
            continue  # where, when or in what ("the release ... in an exchange deal between X and Y")
        stack.extend(c for c in tok.children if c.dep_ not in ("relcl", "advcl", "parataxis", "appos"))
    return sorted(out, key=lambda t: t.i)


def _later_conjuncts(verb) -> list:
    """Return the verbs coordinated with ``verb`` that come after it ("killed and wounded")."""
    return [c for c in verb.conjuncts if c.i > verb.i and c.pos_ in ("VERB", "AUX")]


def _core(head):
    """The noun a quantity phrase counts ("one of the missiles" -> missiles), else the head."""
    if head.lower_ in role_words().quantifiers or head.like_num:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        return pobj
    return head


class RoleReader:
    """Read roles off the parse; expects ``doc``, ``lex`` (Lexicon) and ``args`` (ArgumentResolver)."""

    _raised_from = None  # the complement whose subject is being looked for in its governing clause

    def _weapon_owner(self, arg: Argument) -> list[Argument]:
        """Return who fired a weapon or waged an attack named as the actor ("Russian missiles" -> Russian,
        "Israel's war", "a car bombing by the Islamic State"), else the argument."""
        lemma = arg.head.lemma_.lower()
        if arg.entity is not None or lemma not in role_words().weapons and lemma not in self.lex.nouns:
            return [arg]
        owners = [t for t in arg.head.subtree if t.dep_ in ("amod", "compound", "poss")
                  and t.ent_type_ in ("NORP", "GPE", "ORG") and t.i < arg.head.i]
        owners += [p for prep in arg.head.children if prep.dep_ == "prep" and prep.lower_ == "by"
                   for p in prep.children if p.dep_ == "pobj"]
        found = [a for t in owners[:1] for a in self.args.make_owned(t, arg.head, f"{arg.role}:weapon owner")]
        return found or [arg]

    def _subjects(self, verb, depth: int = 0) -> list[Argument]:
        args: list[Argument] = []
        for child in verb.children:
            if child.dep_ in SUBJECTS:
                args += self.args.make(child, child.dep_)
            elif child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        args += self.args.make(pobj, "agent")
        if not args and verb.tag_ == "VBN":
            # "defended, supported and financed by Washington": coordinated participles share the by-phrase
            args = [a for conj in _later_conjuncts(verb) for agent in conj.children if agent.dep_ == "agent"
                    for p in agent.children if p.dep_ == "pobj" for a in self.args.make(p, "agent of conjunct")][:4]
        if args or depth > 3:
            # An inherited unresolved "it" is an expletive ("it is necessary to thank them"), not a party;
            # a resolved one acts for both coordinated verbs ("it has killed and wounded thousands").
            return [a for a in args if not (depth and a.head.lower_ == "it" and a.entity is None)]
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            if depth == 1 and self._raised_from is not None and verb.lemma_.lower() in role_words().raising_passives:
                # "the detainees were seen burning the uniforms", "Israel is expected to withdraw": the
                # subject of a passive verb is the subject of its complement
                return [a for c in verb.children if c.dep_ == "nsubjpass" for a in self.args.make(c, "raised")]
            return args  # a passive with its own subject names its actor only with "by"
        if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and not depth:
            # "thanked Hamas for releasing them", "expressed appreciation to Hamas for the humanitarian
            # act in releasing them": the one thanked did the releasing
            thanked = self._thanked_for(verb)
            if thanked:
                return thanked
        head = verb.head
        if verb.dep_ == "conj" and head is not verb:
            # "the war, which has killed 60 and wounded 90": the parser may hang the second verb on the main
            # clause; a relative clause's verb of the same kind in between is the one it is coordinated with
            # (the second verb shares the first's auxiliary: "has killed ... and wounded")
            parallel = [t for t in verb.doc[head.i + 1:verb.i] if t.dep_ == "relcl" and t.head.i > head.i
                        and t.lemma_.lower() in role_words().harm_verbs and any(c.dep_ == "aux" for c in t.children)] \
                if verb.lemma_.lower() in role_words().harm_verbs and not any(
                    c.dep_ in ("aux", "auxpass") for c in verb.children) else []
            return self._subjects(parallel[-1] if parallel else head, depth + 1)
        if verb.dep_ == "advcl" and verb.tag_ in ("VBD", "VBZ", "VBP"):
            # "began after the roof fell, killing 15": a finite adverbial clause ("after", "because")
            # has a subject of its own; when the parse lost it, the main clause's subject is not it
            return args
        if verb.dep_ == "xcomp" and head is not verb and self._impersonal(head):
            # "I think it is necessary to thank them": the expletive "it" does nothing; a speaker who
            # states the need in the first person does the act (in a quote: its speaker); otherwise no one
            return self._first_person_judge(head)
        if verb.dep_ in ("xcomp", "advcl") and head is not verb:
            if self.lex.control.get(head.lemma_.lower()) == "request":
                objs = [c for c in head.children if c.dep_ in ("dobj", "dative")]
                if objs:
                    return self.args.make(objs[0], "controller")
            self._raised_from = verb if verb.dep_ == "xcomp" else None
            try:
                return self._subjects(head, depth + 1)
            finally:
                self._raised_from = None
        if verb.dep_ == "acl" and head is not verb and head.pos_ == "NOUN" and not depth and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            # "their efforts to rescue X", "Hamas's decision to free Y": who makes the effort or the decision
            # acts; a pronoun owner is the subject of the clause the noun sits in
            owners = [c for c in head.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")]
            if owners:
                return self.args.make(owners[0], "owner of noun")
            if head.dep_ == "dobj" and head.head.pos_ == "VERB" and any(
                    c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children):
                return self._subjects(head.head, depth + 1)
        if verb.dep_ == "acl" and verb.tag_ == "VBG":
            if head.lemma_.lower() in role_words().content_nouns and head.head.pos_ == "VERB":
                # "issued a statement expressing gratitude": the statement's author is the actor.
                return self._subjects(head.head, depth + 1)
            return self.args.make(head, "modified noun")
        return args

    def _agreement_subject(self, verb):
        """Return the subject of a verb, or of the clause it hangs from, when it names an agreement or a
        ceasefire ("a truce took effect, halting ...", "the deal ended ..."), else None."""
        tok = verb
        for _ in range(4):
            subj = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
            if subj is not None:
                senses = self.lex.nouns.get(subj.lemma_.lower(), ())
                return subj if any(s.type == "AGREE" or s.mode == "ceasefire" for s in senses) else None
            if tok.dep_ not in ("advcl", "conj", "xcomp") or tok.head is tok:
                return None
            tok = tok.head
        return None

    def _impersonal(self, clause) -> bool:
        """Whether a clause is an impersonal judgement ("it is necessary", "it's time"): an expletive
        "it" with an adjective that is no intent of the subject's ("it is willing" is one: it acts)."""
        if not any(c.dep_ == "nsubj" and c.lower_ == "it" for c in clause.children):
            return False
        adjectives = [c for c in clause.children if c.dep_ == "acomp" and c.pos_ == "ADJ"]
        return bool(adjectives) and not any(self.lex.control.get(a.lemma_.lower()) for a in adjectives)

    def _first_person_judge(self, clause) -> list[Argument]:
        """Return the first-person subject of the clause that states an impersonal judgement ("I think
        it is necessary", "we believe it is right"), resolved to the quote's speaker, else []."""
        governor = clause.head
        if clause.dep_ != "ccomp" or governor is clause or governor.pos_ not in ("VERB", "AUX"):
            return []
        judges = [c for c in governor.children if c.dep_ == "nsubj" and c.lower_ in FIRST_PERSON_PRONOUNS]
        return [a for j in judges[:1] for a in self.args.make(j, "nsubj of the judging clause")]

    @staticmethod
    def _headline_passive(verb) -> bool:
        """Whether a verb of harm is a participle with its undergoer as subject ("10 people killed")."""
        if verb.lemma_.lower() not in role_words().harm_verbs or verb.tag_ not in ("VBN", "VBD"):
            return False
        children = list(verb.children)
        if any(c.dep_ in ("dobj", "nsubjpass", "aux", "auxpass") for c in children):
            return False
        if verb.tag_ == "VBD" and verb.dep_ != "conj":
            # "Gunmen killed" stays active; "10 people killed" (a headline) is read as a participle only
            # when its subject counts people
            subj = next((c for c in children if c.dep_ == "nsubj"), None)
            return subj is not None and (subj.like_num or any(t.like_num for t in subj.children)) \
                and not any(t.ent_type_ in ("NORP", "ORG", "GPE") for t in subj.subtree)
        return True

    def _thanked_for(self, gerund) -> list[Argument]:
        """Return the party a governing verb thanks or credits "for" what the gerund says, or []."""
        tok, via_for = gerund, False
        for _ in range(6):
            if tok.dep_ not in ("pcomp", "pobj", "prep"):
                return []
            tok = tok.head
            via_for = via_for or tok.lower_ == "for"
            if tok.pos_ == "VERB":
                break
        else:
            return []
        if not via_for or tok.pos_ != "VERB":
            return []
        for child in tok.children:
            if child.dep_ == "dobj" and child.pos_ in ("PROPN", "NOUN") and self._party_token(child):
                return self.args.make(child, "dobj of governor")
        holders = [tok] + [c for c in tok.children if c.dep_ == "dobj"]
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ == "prep" and prep.lower_ == "to":
                    found = [a for p in prep.children if p.dep_ == "pobj" for a in self.args.make(p, "pobj:to of governor")]
                    if found:
                        return found
        return []

    def _verb_recipients(self, verb, objects: frozenset[str] = frozenset()) -> list[Argument]:
        args: list[Argument] = []
        for child in verb.children:
            if child.dep_ in ("dobj", "dative", "nsubjpass") and (
                    child.pos_ in ("NOUN", "PROPN", "PRON") or child.pos_ == "NUM" and child.ent_type_ not in _NOT_PARTY
                    or child.pos_ == "ADJ" and child.dep_ != "dative"
                    and any(t.dep_ == "det" for t in child.subtree if t.i < child.i)):
                # (an adjective with a determiner is used as a noun: "received a captive", "the wounded")
                owner = self._owner_of(child)
                args += (self.args.make_owned(owner, child, f"{child.dep_}:owner") if owner is not None
                         else self.args.make(child, child.dep_))
            elif child.dep_ == "prep" and child.ent_type_ == "CARDINAL" and child.i > verb.i and any(
                    p.dep_ == "pobj" and p.like_num for p in child.children):
                # "killing over 500": the parser takes the count's "over" for a preposition
                args += self.args.make(child, "dobj")
            elif child.dep_ in ("prep", "dative") and child.pos_ == "ADP" and child.lower_ in role_words().recipient_preps:
                # ("offered concessions to the Palestinians": the parser makes "to" a dative)
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN", "PRON"):
                        owner = self._owner_of(pobj) if pobj.lemma_.lower() in role_words().owned_nouns else None
                        # "conceded to the demands of the drivers": whose demands
                        args += (self.args.make_owned(owner, pobj, f"pobj:{child.lower_}") if owner is not None
                                 else self.args.make(pobj, f"pobj:{child.lower_}"))
            if child.dep_ == "dobj" and (child.lemma_.lower() in self.lex.nouns and child.lemma_.lower() in objects
                                         or child.pos_ == "NOUN" and not self._party_token(child)
                                         and self._owner_of(child) is None):
                # "expressed gratitude to Hamas", "provided training to AMISOM", "lifted a ban on Chadian
                # citizens", "launched an attack on the base": the theme carries the recipient.
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ in role_words().recipient_preps and prep.i > child.i:
                        found = [a for p in prep.children if p.dep_ == "pobj"
                                 for a in self.args.make(p, f"theme:{prep.lower_}")]
                        if prep.lower_ in ("for", "from"):
                            found = [a for a in found if _is_party(a)]
                        if found:
                            # the theme itself is no party: "offered concessions to X" has X as recipient
                            args = [a for a in args if a.head is not child] + found
        if not args and verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN":
            args += self.args.make(verb.head, "modified noun")
        if len(args) > 1:
            # "thanked Hamas for its decision": the for-phrase gives the reason, not a party.
            args = [a for a in args if a.role != "pobj:for"] or args
            args = [a for a in args if not self._restated(a, args)]
        return [a for a in args if a.head.lemma_.lower() not in role_words().content_nouns]

    @staticmethod
    def _restated(arg: Argument, args: list[Argument]) -> bool:
        """Whether an unnamed party after a preposition is restated by a name right after it, with the same
        preposition and only a comma between ("thanked the leaders, to the council of X"): one party."""
        prep = arg.head.head
        if arg.entity is not None or arg.head.pos_ != "NOUN" or prep.dep_ != "prep" or arg.head.dep_ != "pobj":
            return False
        doc = arg.head.doc
        for other in args:
            nxt = other.head.head
            if other is arg or nxt.dep_ != "prep" or nxt.lower_ != prep.lower_ or nxt.i <= prep.i:
                continue
            between = doc[arg.head.right_edge.i + 1:nxt.i]
            named = other.entity is not None or any(t.pos_ == "PROPN" for t in other.head.subtree)
            if named and len(between) and all(t.is_punct for t in between):
                return True
        return False

    def _shared_objects(self, verb) -> list[Argument]:
        """Return the objects a verb shares with its coordinated verbs: "killed and wounded thousands" (the
        object after the last verb), "was defended, supported and financed" (the passive subject before
        the first)."""
        if any(c.dep_ in ("xcomp", "ccomp", "dobj", "prep", "advcl", "dative") and c.i > verb.i for c in verb.children):
            return []  # the verb has complements of its own ("agreed to disarm but linked X to Y")
        for conj in _later_conjuncts(verb)[:1]:
            if conj.i - verb.i > 3 or any(c.dep_ in SUBJECTS or c.dep_ == "nsubjpass" for c in conj.children):
                break  # a clause of its own
            found = [a for c in conj.children if c.dep_ in ("dobj", "dative") for a in self.args.make(c, "dobj of conjunct")]
            if found:
                return found
        first = verb
        while first.dep_ == "conj" and first.head.i != first.i and first.head.pos_ in ("VERB", "AUX"):
            first = first.head
        if first.i != verb.i and verb.tag_ == "VBN" and not any(c.dep_ in SUBJECTS for c in verb.children):
            # (whose act the subject names is the party, as for the first verb: "the war was supported")
            return [a for c in first.children if c.dep_ == "nsubjpass"
                    for a in (self.args.make_owned(self._owner_of(c), c, "nsubjpass of conjunct:owner")
                              if self._owner_of(c) is not None else self.args.make(c, "nsubjpass of conjunct"))]
        return []

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
        if verb.lemma_.lower() in role_words().projectile_verbs:
            # "fired rockets at the base", "toward a town": what is fired is the means, the preposition
            # names the target
            targets = [a for prep in verb.children if prep.dep_ == "prep" and prep.lower_ in role_words().aimed_preps
                       for p in prep.children if p.dep_ == "pobj" for a in self.args.make(p, f"pobj:{prep.lower_}")]
            if targets:
                out = [a for a in out if not (a.role == "dobj" and not _is_party(a))] + targets
        return out

    @staticmethod
    def _party_token(tok) -> bool:
        """Whether a noun names a party: a name, an entity, a role word ("officials", "the government")."""
        return (tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in _OWNER_TYPES or sector_for(tok.lower_) is not None
                or sector_for(tok.lemma_.lower()) is not None or agent_sector(tok.text) is not None)

    def _owner_of(self, noun):
        """Return whose statement, effort, decision or act an object names ("praised Haiti's efforts",
        "welcomed the release of the hostages by Hamas", "asked to lease a Russian base"), or None."""
        lemma = noun.lemma_.lower()
        if lemma in self.lex.nouns and lemma not in role_words().owned_nouns:
            # an act: its agent (possessor or by-phrase) is the party acted on
            for child in noun.children:
                if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN") and lemma not in self.lex.patient_possessor:
                    return child
                if child.dep_ == "prep" and child.lower_ == "by":
                    named = [p for p in child.children if p.dep_ == "pobj" and self._party_token(p)]
                    if named:
                        return named[0]
            return None
        if lemma not in role_words().content_nouns and lemma not in role_words().owned_nouns:
            if noun.pos_ == "NOUN" and not self._party_token(noun):
                # a thing of a named party's ("a Russian military base", "Israel's challenges"): the party
                for child in noun.children:
                    if child.dep_ in ("amod", "compound") and child.i < noun.i and child.ent_type_ in ("NORP", "GPE"):
                        return child
                    if child.dep_ == "poss" and (child.pos_ == "PROPN" or child.ent_type_ in _OWNER_TYPES):
                        return child
            return None
        for child in noun.children:
            if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
                return child
        for child in noun.children:
            # "Turkish demands", "a UN draft resolution", "a request from The New York Times"
            if child.dep_ in ("amod", "compound") and child.i < noun.i and child.ent_type_ in ("NORP", "GPE", "ORG"):
                return child
            if child.dep_ == "prep" and child.lower_ in ("from", "by", "of") and child.i > noun.i:
                named = [p for p in child.children if p.dep_ == "pobj" and self._party_token(p)]
                if named:
                    return named[0]
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
            elif child.dep_ == "prep" and child.lower_ in role_words().noun_argument_preps:
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
            elif child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE", "ORG") and (
                    child.ent_type_ != "GPE" or _is_state(child)):
                # "Russian strikes", "US talks"; a place that is no state is where, not who ("the Gaza truce")
                actors += self.args.make(child, child.dep_)
        if patient_possessor and not recipients and noun.dep_ == "pobj" and noun.head.lower_ == "in":
            # "they were beaten while in Kenyan detention", "died in police custody": whoever the clause is
            # about is the one held
            clause = noun.head.head
            while clause.dep_ == "prep" and clause.head is not clause:
                clause = clause.head
            if clause.pos_ in ("VERB", "AUX"):
                recipients += [a for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")
                               for a in self.args.make(c, "held:in")]
        if noun.dep_ == "pobj" and noun.head.lower_ == "under" and noun.head.head.pos_ in ("AUX", "VERB"):
            # "Israel is under investigation by the ICJ": the subject undergoes the act; the by-phrase
            # may hang from a complement ("for the crime of genocide by the ICJ")
            clause = noun.head.head
            recipients = [a for a in recipients if _is_party(a)]  # "for the crime of genocide" is the charge
            recipients += [a for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") for a in self.args.make(c, "under")]
            if not actors:
                for prep in noun.children:
                    for pobj in (p for p in prep.children if p.dep_ == "pobj"):
                        actors += [a for by in pobj.children if by.dep_ == "prep" and by.lower_ == "by"
                                   for p in by.children if p.dep_ == "pobj" for a in self.args.make(p, "pobj:by")]
        return actors, recipients

    def complement_recipients(self, cand: Candidate) -> list[Argument]:
        """Return the recipients of the act a verb or adjective of intent governs when it has none of its
        own: the named parties of the act ("agreed to provide aid to Romania", "agreed to allow UN aid
        workers access"), else the state where the act is to happen ("agreed to a ceasefire in eastern
        Ukraine", "willing to send resources to Colombia")."""
        own_heads = {a.head.i for a in cand.actors}
        found: list[Argument] = []
        for xcomp in (c for c in cand.trigger.children if c.dep_ == "xcomp" and c.pos_ == "VERB"):
            found += [r for r in self._verb_recipients(xcomp) if r.head.i not in own_heads
                      and (r.entity is not None and r.entity.type in ("GPE", "ORG", "PERSON", "NORP") or self._owned_party(r))]
        if found and cand.actors:
            # the actor's own state owning the means is no party of the act ("Putin pledged to use
            # Russia's ties"); another state's thing is ("Kyrgyzstan requested to lease a Russian base")
            own = {(party_code(a, None) or "")[:3] for a in cand.actors} - {""}
            found = [r for r in found if not (r.role.endswith(":owner") and (party_code(r, None) or "")[:3] in own)]
        if found or cand.type not in _PLACE_TARGETED:
            return found
        return [a for a in self._place_arguments(cand.trigger) if a.head.i not in own_heads]

    def _owned_party(self, arg: Argument) -> bool:
        """A party named by a role word with an organisation or state before it ("UN aid workers")."""
        return self._party_token(arg.head) and any(
            t.ent_type_ in ("ORG", "GPE", "NORP") for t in arg.head.children if t.dep_ in ("compound", "amod"))

    def _place_arguments(self, verb, depth: int = 0) -> list[Argument]:
        """Return the places (states, regions) an act is done in or sent to, down its complements."""
        out: list[Argument] = []
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "to", "into"):
                for pobj in (p for p in child.children if p.dep_ == "pobj"):
                    args = self.args.make(pobj, f"place:{child.lower_}")
                    out += [a for a in args if _is_place(a) and a.entity is not None]
            elif child.dep_ in ("xcomp", "dobj", "pobj", "prep") and depth < 3 and not out:
                out += self._place_arguments(child, depth + 1)
        return out

    def _verb_places(self, verb, preps=("to", "into", "in", "from"), regions: bool = False) -> list[Argument]:
        """Return the state or region a verb says forces are sent to, into, in or taken from, else [];
        with ``regions``, also a part of one ("parts of Kashmir", "the north of the country")."""
        found = [a for prep in verb.children if prep.dep_ == "prep" and prep.lower_ in preps
                 for p in prep.children if p.dep_ == "pobj" for a in self.args.make(p, f"pobj:{prep.lower_}")]
        return [a for a in found if _is_place(a) and a.entity is not None or regions and _region(a)][:1]

    def _helped(self, verb) -> list[Argument]:
        """Return the parties a purpose clause of helping names ("sent aid to help X"), else []."""
        for clause in verb.children:
            if clause.dep_ not in ("advcl", "xcomp") or clause.lemma_.lower() not in role_words().helping_verbs:
                continue
            if not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
                continue
            found = [a for c in clause.children if c.dep_ == "dobj" for a in self.args.make(c, "dobj:helped")]
            return [a for a in found if _is_party(a)]
        return []

    def _given_to(self, recipients: list[Argument], cand: Candidate, *, places: bool = False) -> list[Argument]:
        """Return the party a theme object names as whom the act is for, against or to ("pledged $2
        billion in military aid to Egypt", "lifted a ban imposed on Chadian citizens", "severed links with
        Qatar"), else, for an act done somewhere, the state or region it is done in ("lifted the state of
        emergency in Darfur"; with ``places``: forces sent "in" a state), else []."""
        words = role_words()
        if cand.mode in ("release", "deport", "expel"):
            return []  # whom a release frees is its recipient, wherever they go
        for arg in recipients:
            if arg.role != "dobj":
                continue
            found_in: list[Argument] = []
            # a word about an act does not reach the act's own parties ("condemned the attack on civilians":
            # the civilians are not whom the condemnation is aimed at); undoing an act does ("lifted the
            # ban on X" concedes to X)
            about_an_act = cand.type in _VERBAL_TYPES and self._another_act(arg.head, cand)
            preps = {"to"} if about_an_act else words.inner_recipient_preps
            for tok in _inside_phrase(arg.head, lambda prep: self._adjunct(prep, cand)):
                if tok.dep_ != "prep" or tok.i < arg.head.i:
                    continue
                if tok.head.dep_ == "pobj" and tok.head.head.lower_ in preps:
                    continue  # inside a phrase already read ("to the ties with X": the ties, not X)
                pobjs = [p for p in tok.children if p.dep_ == "pobj"]
                if tok.lower_ in preps:
                    found = [a for p in pobjs for a in self.args.make(p, f"theme:{tok.lower_}")]
                    found = [a for a in found if a.entity is not None and a.entity.type in _OWNER_TYPES
                             or self._party_token(a.head) and not _is_place(a)]
                    if found:
                        return found
                elif tok.lower_ == "in" and (places or cand.type in _DONE_IN_A_PLACE) and not found_in:
                    # (people "in" a place are a party there: "our partners in Qatar" stays the recipient)
                    found_in = [a for p in pobjs for a in self.args.make(p, "theme:in")
                                if _is_place(a) and a.entity is not None or _region(a)]
            if found_in:
                return found_in[:1]
        return []

    def _adjunct(self, prep, cand: Candidate) -> bool:
        """Whether a prepositional phrase says where, when or in what other act something happened ("in
        Gaza", "on Saturday", "in an exchange deal"), not what it is ("$3 million in funding to X")."""
        if prep.lower_ not in role_words().adjunct_preps:
            return False
        for pobj in (p for p in prep.children if p.dep_ == "pobj"):
            types = {s.type for s in self.lex.nouns.get(pobj.lemma_.lower(), ())}
            if pobj.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "TIME") or types and cand.type not in types:
                return True
        return False

    def _another_act(self, noun, cand: Candidate) -> bool:
        """Whether a noun names an act of force other than the candidate's own ("condemned the attack on
        X": X suffered the attack, the condemnation is not aimed at X); an act of cooperation keeps its
        partner ("ratified an agreement with X", "refused talks with X": X is the target)."""
        types = {s.type for s in self.lex.nouns.get(noun.lemma_.lower(), ())}
        return bool(types & MATERIAL_CONFLICT) and cand.type not in types and noun.i != cand.trigger.i

    def _names_another_act(self, noun, cand: Candidate) -> bool:
        """Whether a noun names an act of another type than the candidate's ("the release", "the talks")."""
        types = {s.type for s in self.lex.nouns.get(noun.lemma_.lower(), ())}
        return bool(types) and cand.type not in types and noun.i != cand.trigger.i

    @staticmethod
    def _own_forces(arg: Argument, actors: list[Argument]) -> bool:
        """Whether an object is forces the actor sends, deploys or withdraws ("deployed 300 troops",
        "withdrew its peacekeepers"): unnamed or the actor's, with no other state's or group's name on them."""
        own = arg.entity is None or any(a.entity is not None and a.entity.id == arg.entity.id for a in actors)
        if not own or arg.head.pos_ == "PROPN" or sector_for(arg.head.lemma_.lower()) not in ("MIL", "COP"):
            return False
        return not any(t.ent_type_ in ("NORP", "GPE", "ORG") or t.dep_ == "poss" and t.lower_ not in ("its", "their", "his", "her")
                       for t in arg.head.subtree if t.i < arg.head.i)

    def attach_arguments(self, cand: Candidate) -> None:
        """Read the actors and recipients of a candidate off the parse (PLOVER roles)."""
        trigger, anchor = cand.trigger, cand.anchor
        if trigger.pos_ == "ADJ":
            # "is willing to withdraw": the subject of the copula holds the intent
            cand.actors = self._subjects(anchor) if anchor is not trigger else []
        elif trigger.pos_ == "VERB":
            cand.actors = self._subjects(trigger)
            cand.recipients = self._verb_recipients(trigger, cand.sense.objects) or self._shared_objects(trigger)
            if trigger.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in trigger.children) and not any(
                    c.dep_ == "nsubjpass" for c in trigger.children):
                # "33 hostages are to be exchanged", "the prisoners are expected to be freed": the subject
                # a passive complement takes from its clause undergoes the act; only "by" names who acts
                undergo = [a for c in trigger.head.children if c.dep_ in ("nsubj", "nsubjpass")
                           for a in self.args.make(c, "undergoer")]
                undergo_heads = {a.head.i for a in undergo}
                cand.actors = [a for a in cand.actors if a.role.startswith("agent") and a.head.i not in undergo_heads]
                cand.recipients = undergo + [r for r in cand.recipients if r.head.i not in undergo_heads]
            if cand.type in _FORCE_TYPES and self._headline_passive(trigger):
                # "10 people killed in an attack", "At least 26 were killed and 41 wounded": the subject
                # of a bare participle of harm underwent it; only a by-phrase names who did it
                cand.recipients = [a for a in cand.actors if a.role == "nsubj"] + cand.recipients
                cand.actors = [a for a in cand.actors if a.role != "nsubj"]
            elif trigger.tag_ == "VBN" and any(c.dep_ == "mark" and c.lower_ == "with" for c in trigger.children):
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
        if cand.type in MATERIAL_CONFLICT:
            # Issue 13: an act of force with no stated agent keeps the actor empty, never the weapon or
            # the attack itself ("a car bomb killed ten", "one of the missiles hit": no actor).
            kept = [a for a in cand.actors if a.entity is not None or a.role.endswith("weapon owner")
                    or _core(a.head).lemma_.lower() not in role_words().weapons and _core(a.head).lemma_.lower() not in self.lex.nouns]
            if len(kept) < len(cand.actors):
                cand.agentless = not kept
                cand.notes.append("no stated agent: the weapon or the attack is not the actor")
            cand.actors = kept
        if cand.type in _VERBAL_TYPES and trigger.pos_ == "VERB":
            # "condemned the attack on pilgrims": a word about another act is aimed at its agent (the owner,
            # above), not at those the act was done to ("signed an agreement with X", "launched an
            # investigation into X" name the act itself and keep theirs)
            cand.recipients = [r for r in cand.recipients if not (
                r.role.startswith("theme:") and r.role != "theme:to" and r.head.head.head.dep_ == "dobj"
                and self._another_act(r.head.head.head, cand))]
            # "credited the release to the two states' ties": after another act named as the theme, "to"
            # gives what the act is owed to; only a party there is whom the words are aimed at
            cand.recipients = [r for r in cand.recipients if not (
                r.role == "theme:to" and not _is_party(r) and r.head.head.head.dep_ == "dobj"
                and self._names_another_act(r.head.head.head, cand))]
            # "welcomed the release of X from the Gaza Strip": where people were freed from is no party
            cand.recipients = [r for r in cand.recipients if not (r.role in ("theme:from", "theme:into") and _is_place(r))]
        if cand.type == "PROTEST" and cand.sense.type != "PROTEST":
            # "burned the flags in protest": what is destroyed to protest is the means, not whom the protest
            # is aimed at; only a party stays
            cand.recipients = [r for r in cand.recipients if _is_party(r)]
        if cand.type == "CONSULT":
            # "met with Kerry on Iran", "talks about trade": what a meeting is about is no participant
            cand.recipients = [a for a in cand.recipients if a.role not in ("pobj:on", "pobj:about", "pobj:over")]
        if cand.sense.host:
            pass  # CAMEO 043 "host a visit": the host acts, the visitors receive ("Putin hosted the captives")
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
        elif cand.type == "CONSULT" and not cand.actors and any(a.role in ("pobj:with", "dobj") for a in cand.recipients):
            # A meeting with no subject ("talks with Iran"): the party named is a participant, so an actor.
            # With a subject, "X met Y" is X acting on Y, as the dyadic event data (CAMEO 040s) code it;
            # "X and Y met" keeps both as actors.
            cand.actors = cand.recipients
            cand.recipients = []
        if cand.type not in MATERIAL_CONFLICT:
            # "a list provided by the commission": a thing a participle describes is what is given, not
            # whom it is given to ("the houses destroyed by the strike" stay what was hit)
            cand.recipients = [r for r in cand.recipients if r.role != "modified noun" or self._party_token(r.head)]
        cand.actors = [a for a in cand.actors if a.head.lemma_.lower() not in role_words().non_agents or a.entity is not None]
        actor_heads = {a.head.i for a in cand.actors}
        nouns = self.lex.nouns
        marked = role_words().marked_preps
        marked = marked - {"with"} if cand.type in _FORCE_TYPES else marked  # "with artillery" is the means
        if any(r.role in ("pobj:to", "dative", "theme:to") or r.role.split(":")[-1] in marked
               and r.role.split(":")[0] in ("pobj", "theme") and _is_party(r) for r in cand.recipients):
            # "donated supplies to the victims", "contribute troops to a force", "agreed a program with
            # Canada": a party marked by to/with/against/toward/on receives; the unnamed object is what
            # changes hands or is sent, a theme (a release keeps whom it frees, see above).
            moved = cand.sense.mode in ("deport", "release", "expel")
            cand.recipients = [r for r in cand.recipients if r.role not in ("dobj", "dative")
                               or (_is_party(r) if moved else r.entity is not None or r.head.pos_ == "PROPN")]
        cand.recipients = [r for r in cand.recipients if r.head.lemma_.lower() not in cand.sense.objects or _is_party(r)]
        if trigger.pos_ == "VERB" and cand.type in _MOVING_TYPES and cand.mode != "release" \
                and any(self._own_forces(r, cand.actors) for r in cand.recipients if r.role == "dobj"):
            # "deployed 300 troops to Mali", "withdrew peacekeepers from the Golan": the forces moved are
            # the actor's own, a theme; whom or where they are sent to or taken from is the target
            forces = [r for r in cand.recipients if r.role == "dobj" and self._own_forces(r, cand.actors)]
            others = [r for r in cand.recipients if r not in forces]
            target = [r for r in others if _is_party(r) or r.role in ("pobj:from", "pobj:to", "pobj:into")]
            cand.recipients = target or self._given_to(forces, cand, places=True) or self._verb_places(trigger)
        if trigger.pos_ == "VERB" and not any(_is_party(r) for r in cand.recipients):
            # "donated ventilators to assist Ethiopia", "earmarked funds to help the flood victims": what
            # is given is no party; whom the purpose clause helps receives it
            # (an object set aside above as the act's own word, "imposed a curfew", "launched a
            # mediation effort", still holds whom or where the act is for)
            themes = cand.recipients or [a for c in trigger.children if c.dep_ == "dobj" for a in self.args.make(c, "dobj")]
            helped = self._helped(trigger) or self._given_to(themes, cand)
            if not helped and not cand.recipients and cand.type in _DONE_IN_A_PLACE | {"MOBILIZE"} \
                    and cand.mode not in ("release", "deport", "expel"):
                # "imposed a curfew in parts of Kashmir", "strengthened its forces in the Gulf": a measure
                # or a deployment with no party named is aimed at where it holds
                helped = self._verb_places(trigger, preps=("in",), regions=True)
            if helped:
                cand.recipients = helped
        if cand.type in _FORCE_TYPES and trigger.pos_ == "VERB":
            cand.recipients = self._force_recipients(trigger, cand.recipients)
        agreement = self._agreement_subject(trigger) if trigger.pos_ == "VERB" else None
        if agreement is not None and all(a.head.i == agreement.i and a.entity is None for a in cand.actors):
            # "a truce took effect, halting the army's offensive": an agreement that ends or halts an act
            # binds the act's owner as one of its sides; the owner is not whom the agreement is aimed at,
            # and the agreement itself is no party
            sides = [r for r in cand.recipients if r.role.endswith(":owner")]
            if sides:
                cand.actors = [replace(a, role="side of the agreement") for a in sides]
                cand.recipients = [r for r in cand.recipients if r not in sides]
        # The actor is not its own recipient ("lifted the restrictions between it and Israel").
        actor_ids = {a.entity.id for a in cand.actors if a.entity is not None}
        cand.recipients = [r for r in cand.recipients if r.entity is None or r.entity.id not in actor_ids]
        # An event noun after the verb says what was done ("held talks"), not to whom.
        cand.recipients = [r for r in cand.recipients
                           if r.head.i not in actor_heads and r.head.i != cand.trigger.i
                           and r.head.lemma_.lower() not in nouns]
        cand.actors = [a for a in cand.actors if a.head.lemma_.lower() not in nouns or a.role == "nsubj"]
        for a in cand.actors:
            said = doc_text(self.doc)[a.pronoun[0]:a.pronoun[1]] if a.pronoun is not None else a.head.text
            if said.lower() in FIRST_PERSON_PRONOUNS and (a.entity is not None or a.pronoun is not None):
                # "I"/"we" in a quote: the actor is the quote's speaker (from the quotes stage)
                note = f"actor '{said}': the speaker of the quote, {a.ref.name}"
                if note not in cand.notes:
                    cand.notes.append(note)

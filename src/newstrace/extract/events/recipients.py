"""Whom an act is done to: the recipients a verb or an event noun names in the parse.

The object, or a party after with/to/against/toward/on, receives; an object that is a party's act or
thing ("praised Haiti's efforts") stands for that party; coordinated verbs share their objects; an act of
force hits the people at a gathering, not the means.
"""
from __future__ import annotations

from ...lang.roles import role_words
from .arguments import _NOT_PARTY, SUBJECTS, Argument, named_person
from .spans import _OWNER_TYPES, _core, _is_party, _is_state, _later_conjuncts, _party_token


def _without_posts(args: list[Argument]) -> list[Argument]:
    """Leave out a post and its place when the parser split them from the person they describe ("killed
    U.S. Consul to Peru X": X, not "U.S. Consul" and "Peru"; "the consul in Peru, X" inside X's phrase)."""
    persons = [a for a in args if a.entity is not None and a.entity.type == "PERSON"]
    if not persons:
        return args
    doc = persons[0].head.doc
    drop: set[int] = set()
    for arg in args:
        if arg in persons:
            continue
        if any(p.start <= arg.start and arg.end <= p.end for p in persons):
            drop.add(arg.head.i)
            continue
        if arg.head.pos_ not in ("NOUN", "PROPN") or arg.role != "dobj":
            continue
        for person in persons:
            lo = person.head.left_edge.i
            gap = doc[arg.head.i + 1:lo]
            if person.role == "dobj" and 0 < lo - arg.head.i <= 6 and gap and gap[0].lower_ in role_words().post_preps and all(
                    t.dep_ in ("prep", "pobj", "compound", "det", "punct") and (t.dep_ != "pobj" or t.ent_type_ in ("GPE", "ORG"))
                    for t in gap):
                drop |= {arg.head.i, *(t.i for t in gap)}
    return [a for a in args if a.head.i not in drop]


class RecipientReader:
    """Read recipients off the parse; expects ``lex`` (Lexicon) and ``args`` (ArgumentResolver)."""

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
                                         or child.pos_ == "NOUN" and not _party_token(child)
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
            args = _without_posts(args)
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
        adjuncts = any(c.dep_ in ("prep", "advcl") and c.i > verb.i for c in verb.children)
        if any(c.dep_ in ("xcomp", "ccomp", "dobj", "dative") and c.i > verb.i for c in verb.children) or adjuncts and (
                verb.lemma_.lower() not in role_words().harm_verbs):
            return []  # the verb has complements of its own ("agreed to disarm but linked X to Y")
        if not adjuncts:
            for conj in _later_conjuncts(verb)[:1]:
                if conj.i - verb.i > 3 or any(c.dep_ in SUBJECTS or c.dep_ == "nsubjpass" for c in conj.children):
                    break  # a clause of its own
                found = [a for c in conj.children if c.dep_ in ("dobj", "dative") for a in self.args.make(c, "dobj of conjunct")]
                if found:
                    return found
        # (a passive keeps the subject of the first verb whatever follows it: "X was shot and killed
        # shortly before midnight by a gunman")
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
        words = role_words()
        if verb.lemma_.lower() in words.projectile_verbs:
            # "fired rockets at the base", "toward a town": what is fired is the means, the preposition
            # names the target (also when the parser hangs it on the by-phrase: "the missile fired by a
            # drone at X's car"); a thing of a person's aimed at stands for him ("at X's vehicle": X)
            holders = [verb] + [p for by in verb.children if by.dep_ == "agent" for p in by.children if p.dep_ == "pobj"]
            targets = [a for h in holders for prep in h.children if prep.dep_ == "prep" and prep.lower_ in words.aimed_preps
                       and prep.i > verb.i for p in prep.children if p.dep_ == "pobj"
                       for a in self._aimed_at(p, f"pobj:{prep.lower_}")]
            fired = [a for a in out if a.role in ("dobj", "modified noun") and _core(a.head).lemma_.lower() in words.weapons]
            out = [a for a in out if a not in fired]
            if targets:
                out = [a for a in out if not (a.role == "dobj" and not _is_party(a))] + targets
        return out

    def _fight_sides(self, noun) -> tuple[list[Argument], list[Argument]] | None:
        """Return the sides of a fight a harm happened in ("X was killed in a shootout with police", "the
        suspect killed following a gunfight with authorities"): the other side (with) acts, the one harmed
        receives; else None."""
        words = role_words()
        if noun.lemma_.lower() not in words.fight_nouns or noun.dep_ != "pobj" or noun.head.dep_ != "prep" \
                or noun.head.lower_ not in words.fight_preps:
            return None
        verb = noun.head.head
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in words.harm_verbs:
            return None
        harmed = [a for c in verb.children if c.dep_ == "nsubjpass" for a in self.args.make(c, "nsubjpass")]
        if not harmed and verb.dep_ == "acl":  # (a participle the tagger may take for a past tense)
            described = named_person(verb.head)
            harmed = self.args.make(described if described is not None else verb.head, "modified noun")
        if not harmed:
            return None
        others = [a for prep in noun.children if prep.dep_ == "prep" and prep.lower_ == "with"
                  for p in prep.children if p.dep_ == "pobj" for a in self.args.make(p, "pobj:with")]
        return others, harmed

    def _included_persons(self, verb, recipients: list[Argument]) -> list[Argument]:
        """Return the persons an including-phrase the parser hung on the verb or on its adjunct names
        beside a people counted ("Four Americans were killed in the attack, including X": X), else []."""
        if any(r.role.endswith(":including") for r in recipients) or not any(
                r.head.ent_type_ == "NORP" and r.head.tag_ in ("NNS", "NNPS") for r in recipients):
            return []
        holders = [verb] + [p for prep in verb.children if prep.dep_ == "prep" for p in prep.children if p.dep_ == "pobj"]
        return [a for h in holders for prep in h.children if prep.dep_ == "prep" and prep.lower_ in role_words().member_preps
                and prep.i > verb.i for p in prep.children if p.dep_ == "pobj" and p.ent_type_ == "PERSON" and p.pos_ == "PROPN"
                for a in self.args.make(p, "including")]

    def _aimed_at(self, pobj, role: str) -> list[Argument]:
        owner = self._owner_of(pobj) if pobj.pos_ == "NOUN" and not _party_token(pobj) else None
        if owner is not None and owner.dep_ == "poss":
            return self.args.make_owned(owner, pobj, f"{role}:owner")
        return self.args.make(pobj, role)

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
                    named = [p for p in child.children if p.dep_ == "pobj" and _party_token(p)]
                    if named:
                        return named[0]
            return None
        if lemma not in role_words().content_nouns and lemma not in role_words().owned_nouns:
            if noun.pos_ == "NOUN" and not _party_token(noun):
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
                named = [p for p in child.children if p.dep_ == "pobj" and _party_token(p)]
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

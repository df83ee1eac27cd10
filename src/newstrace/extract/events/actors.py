"""Who acts: the actors of a verb read off the parse, up through the clauses that govern it.

The subject or by-agent acts; a complement takes its subject from its governing clause (or from whom a
request is made of), a noun of effort or decision from its owner, a participle from the noun it describes.
A weapon or an attack named as the actor stands for whoever fired or waged it.
"""
from __future__ import annotations

from ...lang.pronouns import FIRST_PERSON_PRONOUNS
from ...lang.roles import role_words
from .arguments import SUBJECTS, Argument
from .spans import _later_conjuncts, _party_token, caused_object


def _active_beside_passive_infinitive(verb, head) -> bool:
    """Whether a conjunct is an active verb with an object ("ordered the killing") hung on a passive
    infinitive ("to be killed"), which it cannot be coordinated with."""
    if verb.tag_ not in ("VBD", "VBN") or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    if not any(c.dep_ == "dobj" for c in verb.children):
        return False
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children) and any(
        c.dep_ == "auxpass" for c in head.children)


class ActorReader:
    """Read actors off the parse; expects ``lex`` (Lexicon) and ``args`` (ArgumentResolver)."""


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
        if verb.dep_ == "conj" and head is not verb and _active_beside_passive_infinitive(verb, head):
            # "knew Khashoggi was going to be killed or ordered the killing": an active verb with its own
            # object cannot share the passive infinitive's "to be"; it is coordinated with a finite verb
            # higher up, and the parse does not say which: the passive's subject (the one killed) is not
            # its doer, and no one is guessed
            return args
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
            made = caused_object(verb)
            if made is not None and _party_token(made):
                # "prompting Iran to promise retaliation and strike bases": the one prompted acts
                return self.args.make(made, "caused to act")
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
            if child.dep_ == "dobj" and child.pos_ in ("PROPN", "NOUN") and _party_token(child):
                return self.args.make(child, "dobj of governor")
        holders = [tok] + [c for c in tok.children if c.dep_ == "dobj"]
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ == "prep" and prep.lower_ == "to":
                    found = [a for p in prep.children if p.dep_ == "pobj" for a in self.args.make(p, "pobj:to of governor")]
                    if found:
                        return found
        return []

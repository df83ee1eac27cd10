"""What a phrase of the parse is, for the role rules: a party, a place, a state or a part of one; the tokens
of a noun phrase; the verbs coordinated after a verb; the noun a count counts.
"""
from __future__ import annotations

from ...kb import sector_for
from ...kb.phoenix import agent_sector, code_phrase
from ...lang.roles import role_words
from .arguments import Argument

# The entity types that name whose something is (a party's thing, a party's act).
_OWNER_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _is_party(arg: Argument) -> bool:
    """Return True when an argument names an actor: an entity, a name or a role word ("prisoners")."""
    return arg.entity is not None or arg.head.pos_ in ("PROPN", "PRON") or sector_for(arg.head.lower_) is not None


def _is_place(arg: Argument) -> bool:
    if arg.entity is not None:
        return arg.entity.type in ("GPE", "LOC", "FAC")
    return arg.head.ent_type_ in ("GPE", "LOC", "FAC")



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


def caused_object(verb):
    """Return the one a causing verb brings to do ``verb`` ("prompting Iran to strike bases": Iran; "forced
    the rebels to retreat": the rebels), else None: the object, before it, of the causing verb whose "to"
    clause ``verb`` is (lang/data/roles.yaml causing_verbs)."""
    head = verb.head
    if verb.dep_ != "xcomp" or head is verb or head.lemma_.lower() not in role_words().causing_verbs \
            or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    return next((c for c in head.children if c.dep_ == "dobj" and c.i < verb.i), None)


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


def _party_token(tok) -> bool:
    """Whether a noun names a party: a name, an entity, a role word ("officials", "the government")."""
    return (tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in _OWNER_TYPES or sector_for(tok.lower_) is not None
            or sector_for(tok.lemma_.lower()) is not None or agent_sector(tok.text) is not None)

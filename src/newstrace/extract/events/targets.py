"""Whom or where an act is aimed at when the verb's own arguments name no party: a party inside the theme
("pledged aid to Egypt"), whom a purpose clause helps, the parties of a governed complement, or the state or
region the act is done in.
"""
from __future__ import annotations

from ...kb import sector_for
from ...lang.roles import role_words
from .arguments import Argument
from .control import Candidate
from .lexicon import MATERIAL_CONFLICT
from .parties import party_code
from .recipients import RecipientReader
from .spans import _OWNER_TYPES, _inside_phrase, _is_party, _is_place, _party_token, _region

# Acts of commitment and help whose target, when no party is named, is where they are to happen
# ("agreed to a ceasefire in eastern Ukraine": UKR, as the CAMEO coders take it).
_PLACE_TARGETED = frozenset({"AGREE", "AID", "COOPERATE", "SUPPORT", "MOBILIZE"})
# Acts whose object is a theme done in a place: lifting or imposing a measure, withdrawing forces; their
# target, when no party is named, is the state or region the measure or the forces are in.
_DONE_IN_A_PLACE = frozenset({"CONCEDE", "RETREAT", "SANCTION", "COERCE"})
# Words about an act (condemning, praising, protesting it) are aimed at its agent, not at those the act
# was done to; a threat or a demand of an act is aimed at its target, and stays out of this set.
_VERBAL_TYPES = frozenset({"ACCUSE", "SUPPORT", "PROTEST"})


class TargetReader(RecipientReader):
    """Find targets beyond the verb's own arguments; expects ``lex`` (Lexicon) and ``args`` (ArgumentResolver)."""

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
        return _party_token(arg.head) and any(
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
                             or _party_token(a.head) and not _is_place(a)]
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

"""Who did it to whom: the actors and recipients of a candidate event, read off the dependency parse.

PLOVER roles: the subject or by-agent acts; the object, or a party after with/to/against/toward/on,
receives; what changes hands or is fired (concessions, troops, rockets) is a theme, not a party.
``RoleReader`` is mixed into the sentence coder, which owns the document, the lexicon and the
argument resolver.

The parse is read by the modules beside this one, one concern each: ``actors.py`` (who acts, up through
the governing clauses), ``recipients.py`` (whom a verb or an event noun names), ``targets.py`` (whom or
where an act is aimed at when its own arguments name no party) and ``spans.py`` (what a phrase is: a
party, a place, a state). This module chooses among what they read, by the kind of act
(``attach_arguments``).
"""
from __future__ import annotations

from dataclasses import replace

from ...lang.pronouns import FIRST_PERSON_PRONOUNS
from ...lang.roles import role_words
from ..doctext import doc_text
from .actors import ActorReader
from .control import Candidate
from .lexicon import MATERIAL_CONFLICT
from .spans import _core, _is_party, _is_place, _party_token
from .targets import _DONE_IN_A_PLACE, _VERBAL_TYPES, TargetReader

# The word lists of the role rules (prepositions that mark a recipient, weapons, nouns that never act) are
# lang/data/roles.yaml, read through lang.role_words(); what stays in code are entity labels and event types.

# Acts of force, where "with" names the means ("hit the base with missiles"), not a party, once the act has
# another recipient ("clashed with police" keeps its party), and where a gathering hit stands for the
# people at it ("struck a meeting of commanders").
_FORCE_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN", "SANCTION"})
# Acts that send, deploy or withdraw forces: the forces are what is moved (a theme), not whom it is done to.
_MOVING_TYPES = frozenset({"AID", "MOBILIZE", "RETREAT", "SANCTION", "AGREE"})


class RoleReader(ActorReader, TargetReader):
    """Read roles off the parse; expects ``doc``, ``lex`` (Lexicon) and ``args`` (ArgumentResolver)."""

    def attach_arguments(self, cand: Candidate) -> None:
        """Read the actors and recipients of a candidate off the parse (PLOVER roles), then choose among them
        by the kind of act, in this order."""
        self._read_off_the_parse(cand)
        self._no_weapon_acts(cand)
        self._by_kind_of_act(cand)
        cand.actors = [a for a in cand.actors if a.head.lemma_.lower() not in role_words().non_agents or a.entity is not None]
        actor_heads = {a.head.i for a in cand.actors}
        self._themes_and_targets(cand)
        if cand.type in _FORCE_TYPES and cand.trigger.pos_ == "VERB":
            cand.recipients = self._force_recipients(cand.trigger, cand.recipients)
            cand.recipients += self._included_persons(cand.trigger, cand.recipients)
        self._sides_of_an_agreement(cand)
        self._tidy(cand, actor_heads)

    def _read_off_the_parse(self, cand: Candidate) -> None:
        """The actors and recipients the trigger's own words name: a verb's subject and objects, an
        adjective's copula subject, an event noun's owner and prepositions (or the verb it is the object of)."""
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
            if any(c.dep_ == "auxpass" for c in trigger.children) and not any(c.dep_ == "nsubjpass" for c in trigger.children):
                # "X, who officials allege was killed": the parser makes the relative pronoun of a passive
                # under a frame its active subject; it undergoes the act
                relative = [a for a in cand.actors if a.role == "nsubj" and any(
                    c.dep_ == "nsubj" and c.tag_ in ("WP", "WDT") for c in trigger.children)]
                cand.actors = [a for a in cand.actors if a not in relative]
                cand.recipients = relative + cand.recipients
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
        elif trigger.pos_ == "NOUN" and cand.type in _FORCE_TYPES:
            sides = self._fight_sides(trigger)
            if sides is not None:
                cand.actors, cand.recipients = sides

    def _no_weapon_acts(self, cand: Candidate) -> None:
        """A weapon or an attack named as the actor stands for whoever fired or waged it, else for no one."""
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

    def _by_kind_of_act(self, cand: Candidate) -> None:
        """The rules of one kind of act: words about another act, protests, meetings and visits, reciprocal
        acts, things given."""
        trigger = cand.trigger
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
            cand.recipients = [r for r in cand.recipients if r.role != "modified noun" or _party_token(r.head)]

    def _themes_and_targets(self, cand: Candidate) -> None:
        """What changes hands or is sent is a theme; whom it is given or sent to, or whom or where the act
        is for, receives."""
        trigger = cand.trigger
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

    def _sides_of_an_agreement(self, cand: Candidate) -> None:
        """An agreement that halts an act binds the act's owner as one of its sides."""
        trigger = cand.trigger
        agreement = self._agreement_subject(trigger) if trigger.pos_ == "VERB" else None
        if agreement is not None and all(a.head.i == agreement.i and a.entity is None for a in cand.actors):
            # "a truce took effect, halting the army's offensive": an agreement that ends or halts an act
            # binds the act's owner as one of its sides; the owner is not whom the agreement is aimed at,
            # and the agreement itself is no party
            sides = [r for r in cand.recipients if r.role.endswith(":owner")]
            if sides:
                cand.actors = [replace(a, role="side of the agreement") for a in sides]
                cand.recipients = [r for r in cand.recipients if r not in sides]

    def _tidy(self, cand: Candidate, actor_heads: set[int]) -> None:
        """No actor is its own recipient, no event noun a party; a first-person actor in a quote is its
        speaker (noted)."""
        nouns = self.lex.nouns
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

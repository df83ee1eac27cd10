"""Who did it and to whom: actor and recipient phrases of a trigger, read off the dependency parse.

Argument phrases are resolved to entity references through the entities stage (``context.entity_at``);
a phrase no entity covers is kept as written, with id None, so that an event between unnamed parties
("protesters", "the police") is still traceable.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from ...lang.pronouns import ARGUMENT_PRONOUNS, FIRST_PERSON_PRONOUNS, PERSON_PRONOUNS
from ...lang.roles import role_words
from ...records import EntityRef, Party, Span
from ..doctext import doc_text

SUBJECTS = frozenset({"nsubj", "csubj"})
# Parts of a noun phrase that are not the argument itself.
_CUT = frozenset({"relcl", "acl", "prep", "punct", "appos", "cc", "conj", "advcl", "parataxis", "dep"})
PRONOUNS = ARGUMENT_PRONOUNS  # words that fill a party without naming one (lang.pronouns)
# Heads that are never a party: times, amounts, places after "in".
_NOT_PARTY = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"})


@dataclass(frozen=True, slots=True)
class Argument:
    """An argument phrase: its head token, its character range, the role it came from, its reference."""

    head: object  # spacy Token
    start: int
    end: int
    role: str  # the dependency that linked it: nsubj, dobj, agent, pobj:with ...
    ref: EntityRef
    entity: object | None  # records.Entity or None

    pronoun: tuple[int, int] | None = None  # the pronoun's own characters when the phrase is a pronoun

    @property
    def text(self) -> str:
        return self.ref.name

    def party(self, code: str | None) -> Party:
        """Return the event party this argument names: entity, mention span, CAMEO actor code."""
        text = doc_text(self.head.doc)
        pronoun = Span.of(text, *self.pronoun) if self.pronoun is not None else None
        return Party(self.ref.id, self.ref.name, Span.of(text, self.start, self.end), code, pronoun)


def phrase_bounds(head, *, places: bool = False) -> tuple[int, int]:
    """Return the (start, end) token indices of the noun phrase headed by ``head``, without clauses.

    An of-phrase belongs to it ("an arms depot of the Syrian army") unless it names a charge or an
    act ("accused the military of mass killings"); with ``places``, so does a place phrase after the
    head ("at least 75 people in eastern Syria", "the police in the Gaza Strip").
    """
    lo = hi = head.i
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ in _CUT and tok is head and not (
                    child.dep_ == "prep" and (child.lower_ == "of" and not _names_an_act(child)
                                              or places and child.lower_ in role_words().place_preps and child.i > head.i)):
                continue
            if child.dep_ in ("relcl", "acl", "advcl", "punct", "parataxis"):
                continue
            lo, hi = min(lo, child.i), max(hi, child.i)
            stack.append(child)
    doc = head.doc
    while lo < hi and doc[lo].is_punct:
        lo += 1
    # A bracket opened inside the phrase closes inside it: "the Nigerian Air Force (NAF)"
    words = [t.text for t in doc[lo:hi + 1]]
    if hi + 1 < len(doc) and doc[hi + 1].text == ")" and words.count("(") > words.count(")"):
        hi += 1
    return lo, hi + 1


_POSSESSIVE = re.compile(r"\s*['’]s?$")


def _named_members(head) -> list:
    """Return the names a common-noun phrase lists as its members ("officials, including X and Y"), or the
    persons a people's count names ("four Americans, including X")."""
    people = _a_people(head)
    if (head.pos_ != "NOUN" or head.ent_type_) and not people:
        return []
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in role_words().member_preps:
            named = [p for p in child.children if p.dep_ == "pobj" and p.pos_ == "PROPN"
                     and p.ent_type_ in (("PERSON",) if people else ("PERSON", "ORG", "GPE", "NORP"))]
            if named:
                return named
    return []


def _a_people(head) -> bool:
    """Whether a phrase counts people of a nation ("four Americans", "three other Britons")."""
    return head.ent_type_ == "NORP" and head.tag_ in ("NNS", "NNPS")


def _title_holder(head) -> list:
    """Return the person a post and its place are restated by ("the U.S. ambassador to Libya, X", "U.S.
    Ambassador to Libya X"), else []: the post describes him. Read off the words (post, to/in/of/at, the
    place's name, a comma or none, the person's name), since the parser hangs the name every way (an
    appositive or a conjunct of the place, a compound, a second object)."""
    if head.ent_type_ == "PERSON" or head.pos_ not in ("NOUN", "PROPN"):
        return []
    doc = head.doc
    i = head.i + 1
    if i + 2 >= len(doc) or doc[i].lower_ not in role_words().post_preps or doc[i].dep_ != "prep":
        return []
    j = i + 1
    while j < len(doc) and (doc[j].ent_type_ in ("GPE", "ORG", "NORP") or doc[j].pos_ == "DET" and j == i + 1):
        j += 1
    if j == i + 1 or j < len(doc) and doc[j - 1].pos_ == "DET":
        return []
    if j < len(doc) and doc[j].text == ",":
        j += 1
    k = j
    while k < len(doc) and doc[k].ent_type_ == "PERSON" and doc[k].pos_ == "PROPN":
        k += 1
    return [doc[k - 1]] if k > j else []


def named_person(noun):
    """Return the named person a description restates, else None: by apposition ("Tamerlan, the older
    brother who ..."), or by a copula ("the suspect who was killed is X", "X was the suspect who ...")."""
    if noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
        # (whatever the tagger takes a bare first name for: a place, an organisation)
        return noun.head
    if noun.head.lemma_ == "be" and noun.dep_ in ("nsubj", "attr"):
        other = "attr" if noun.dep_ == "nsubj" else "nsubj"
        named = [c for c in noun.head.children if c.dep_ == other and c.ent_type_ == "PERSON" and c.pos_ == "PROPN"]
        if named:
            return named[0]
    return None


def _relative_antecedent(head):
    """Return the noun a relative clause is about when its subject counts it ("both of whom", "some of
    which"), else None."""
    clause = head.head
    if clause.dep_ != "relcl" or head.dep_ not in ("nsubj", "nsubjpass"):
        return None
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and any(
                p.dep_ == "pobj" and p.lower_ in ("whom", "which") for p in prep.children):
            noun = clause.head
            for _ in range(6):  # "both" counts every party of a coordination: start from the first
                if noun.dep_ not in ("conj", "appos") or noun.head.i == noun.i:
                    break
                noun = noun.head
            return noun
    return None


def _speaker_subject(pronoun):
    """Return the subject of the clause that governs the pronoun's clause when the pronoun is the
    lower clause's subject and agrees with it ("Iraqi militias said they will return", "the government
    insists it is enforcing", "the minister said he would resign"), else None."""
    lower = pronoun.lower_
    if pronoun.pos_ != "PRON" or lower not in ("it", "they", "he", "she") or pronoun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = pronoun.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head.pos_ not in ("VERB", "AUX"):
        return None
    subjects = [c for c in clause.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")]
    if not subjects:
        return None
    subj = subjects[0]
    plural = subj.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subj.children)
    person = subj.ent_type_ == "PERSON"
    if lower == "it" and not plural and not person or lower == "they" and (plural or subj.ent_type_ in ("NORP", "ORG")) \
            or lower in ("he", "she") and person:
        return subj
    return None


def _names_an_act(prep) -> bool:
    """Whether an of-phrase names an act, not a part or a member: "of attacking", "of mass slaughter"."""
    for child in prep.children:
        if child.dep_ == "pcomp":
            return True
        if child.dep_ == "pobj" and child.pos_ == "NOUN" and child.lemma_.lower() in role_words().act_nouns:
            return True
    return False






def _place_after_object(head, hi: int) -> int | None:
    """Return the end of an "in <place>" phrase right after an object that the parser hung on the verb.

    "shelled a police post in eastern Afghanistan": the place says which post, so it belongs to the
    object's phrase, wherever the parser attached it. Only a common-noun object (a named party keeps its
    name: "met Putin in Moscow") and only a place named by a place entity right after the phrase.
    """
    if head.pos_ != "NOUN" or head.dep_ not in ("dobj", "pobj"):
        return None
    verb = head.head if head.dep_ == "dobj" else head.head.head
    doc = head.doc
    if hi >= len(doc) or verb.pos_ not in ("VERB", "NOUN"):
        return None
    prep = doc[hi]
    if prep.lower_ != "in" or prep.dep_ != "prep" or prep.head != verb:
        return None
    pobjs = [c for c in prep.children if c.dep_ == "pobj"]
    # the place itself, not an act that mentions one ("released detainees in the exchange of the Gaza truce")
    if not pobjs or not (pobjs[0].ent_type_ in ("GPE", "LOC", "FAC") or pobjs[0].lemma_.lower() in role_words().place_nouns and any(
            t.ent_type_ in ("GPE", "LOC", "FAC") for t in pobjs[0].subtree)):
        return None
    return max(t.i for t in prep.subtree) + 1


def with_conjuncts(head) -> list:
    """Return ``head`` and the heads coordinated with it ("Hamas and Islamic Jihad")."""
    out = [head]
    # (the parser may hang the next party on the first one's appositive: "his mother, Yelena, and his
    # partner, Sapir")
    appositives = [c for c in head.children if c.dep_ == "appos"]
    for tok in [*head.conjuncts, *(t for a in appositives for t in a.conjuncts)]:
        if tok.pos_ in ("NOUN", "PROPN", "PRON") and tok not in out:
            out.append(tok)
    return out


def _list_items(head) -> list:
    """Return the nouns a noun phrase lists through conjunct and appositive links, in text order."""
    out, stack = [], [head]
    while stack and len(out) < 12:
        tok = stack.pop()
        if tok in out:
            continue
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ in ("conj", "appos") and c.pos_ in ("NOUN", "PROPN"))
    return sorted(out, key=lambda t: t.i)


def _bare_bounds(tok) -> tuple[int, int]:
    """The token range of one listed noun phrase, without its conjuncts and appositives."""
    lo = hi = tok.i
    for child in tok.children:
        if child.dep_ in ("conj", "appos", "cc", "punct", "relcl", "acl", "prep"):
            continue
        lo, hi = min(lo, child.left_edge.i), max(hi, child.right_edge.i)
    return lo, hi + 1


def apposed_pairs(head) -> list[tuple[object, list]] | None:
    """Return each party of a coordination of appositive pairs with the name or post that restates it,
    else None.

    "X's armed wing, the A Brigades, and Y's armed wing, the B Brigades": each description and the
    name after it, joined by a comma only, are one party; a conjunction starts the next. The parser
    hangs such lists every way (the name as a conjunct of the description, the second description as
    an appositive of the first), so the list is read off the words between the phrases. Only a list
    whose every part is one description and one name, with at least two such parts, is read so: in
    "the army, Hezbollah, and the police" the part after the conjunction is one phrase, a plain list.
    """
    items = _list_items(head)
    if len(items) < 4:
        return None
    doc = head.doc
    groups: list[list] = [[items[0]]]
    for prev, tok in itertools.pairwise(items):
        between = doc[_bare_bounds(prev)[1]:_bare_bounds(tok)[0]]
        if any(t.pos_ not in ("PUNCT", "CCONJ") for t in between):
            return None  # another word between the phrases: not a plain list
        if any(t.pos_ == "CCONJ" for t in between):
            groups.append([tok])
        else:
            groups[-1].append(tok)
    if len(groups) < 2 or any(len(g) != 2 or {t.pos_ for t in g} != {"NOUN", "PROPN"} for g in groups):
        return None
    return [(g[0], [g[1]]) for g in groups]


def __getattr__(name: str):
    """The preposition lists other stages import from here, read from lang/data/roles.yaml when asked."""
    if name == "LOCATION_PREPS":
        return role_words().location_preps
    if name == "RECIPIENT_PREPS":
        return role_words().recipient_preps
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class ArgumentResolver:
    """Make Arguments for one document: entity lookup over phrases, simple pronoun resolution."""

    def __init__(self, doc, context) -> None:
        self.doc = doc
        self.context = context
        self._persons: list[tuple[int, object]] | None = None
        self._mentions = sorted(context.mention_index.items())

    def entity_covering(self, tok):
        """Return the entity whose mention contains the token, or None."""
        start = tok.idx
        for (s, e), ent in self._mentions:
            if s > start:
                break
            if start < e:
                return ent
        return None

    def _person_before(self, char: int):
        if self._persons is None:
            self._persons = sorted(
                (s, ent) for (s, _e), ent in self.context.mention_index.items() if ent.type == "PERSON"
            )
        best = None
        for start, ent in self._persons:
            if start >= char:
                break
            best = ent
        return best

    def _group_before(self, pronoun):
        """Return the organisation or country an acting "it" refers to: the latest named in this or the
        previous sentence ("Israel disputes the figures; its military says it has killed ...")."""
        sent = pronoun.sent
        floor = sent.start_char
        previous = self.doc[sent.start - 1].sent if sent.start > 0 else None
        if previous is not None:
            floor = previous.start_char
        best, own = None, False
        for (s, _e), ent in self._mentions:
            if s >= pronoun.idx:
                break
            if s >= floor and ent.type in ("ORG", "GPE"):
                best, own = ent, s >= sent.start_char
        if previous is not None and not own:
            # Nothing named earlier in the pronoun's own sentence: "it" continues the subject of the
            # sentence before ("The ministry said its forces hit a camp with Iskander missiles. It
            # accused Kyiv ..." is the ministry's act, not the missiles' maker's).
            subject = self._main_subject(previous)
            if subject is not None:
                return subject
        return best

    def _main_subject(self, sent):
        """Return the organisation or country the main clause of a sentence has as subject, or None."""
        root = sent.root
        for child in root.children:
            if child.dep_ not in SUBJECTS:
                continue
            lo, hi = phrase_bounds(child)
            start, end = self.doc[lo].idx, self.doc[hi - 1].idx + len(self.doc[hi - 1])
            ents = [ent for (s, _e), ent in self._mentions if start <= s < end and ent.type in ("ORG", "GPE")]
            covering = self.entity_covering(child)
            if covering is not None and covering.type in ("ORG", "GPE"):
                return covering
            if ents:
                return ents[0]  # "Russia's defence ministry": the state it belongs to
        return None

    def _speaker_of_quote(self, char: int):
        """Return the entity speaking the quote that contains a character (for "we" and "I"), or None."""
        covering = sorted((q for q in self.context.quotes if q.content.start <= char < q.content.end),
                          key=lambda q: q.content.end - q.content.start)
        for quote in covering:  # the innermost quote speaks
            if quote.speaker is not None and quote.speaker.id:
                return self._entity_by_id(quote.speaker.id)
        return None

    def _unspoken(self, char: int) -> bool:
        """Whether the innermost quote containing a character has neither a speaker nor a speaker phrase."""
        covering = sorted((q for q in self.context.quotes if q.content.start <= char < q.content.end),
                          key=lambda q: q.content.end - q.content.start)
        return bool(covering) and covering[0].speaker is None and covering[0].speaker_span is None

    def _speaker_phrase(self, char: int):
        """Return the head token of the speaker phrase of the innermost quote containing a character,
        when that quote has a speaker but no entity for it ("'We will stay,' the foreign minister said")."""
        covering = sorted((q for q in self.context.quotes if q.content.start <= char < q.content.end),
                          key=lambda q: q.content.end - q.content.start)
        for quote in covering[:1]:
            if quote.speaker_span is None or quote.speaker is not None and quote.speaker.id:
                return None
            span = self.doc.char_span(quote.speaker_span.start, quote.speaker_span.end, alignment_mode="expand")
            words = role_words()
            if span is not None and len(span) and span.root.pos_ in ("NOUN", "PROPN") \
                    and not span.start_char <= char < span.end_char \
                    and span.root.lemma_.lower() not in words.non_agents | words.content_nouns:
                return span.root  # (a statement that speaks names no one: "'We thank X,' the statement said")
        return None

    def _entity_by_id(self, entity_id: str):
        for ent in self.context.entities:
            if ent.id == entity_id:
                return ent
        return None

    def make(self, head, role: str) -> list[Argument]:
        """Return the arguments headed by ``head`` and its conjuncts, with an appositive folded in.

        A class named by a common noun with named members ("accused war criminals, including Prime
        Minister Benjamin Netanyahu") gives the named members, each its own party.
        """
        members = _named_members(head)
        if members:
            found = [a for m in members for a in self.make(m, f"{role}:including")]
            group = self._one(head, role) if _a_people(head) else None
            # "four Americans, including X": the named one beside the group he is counted in
            return [group, *found] if group is not None else found
        antecedent = _relative_antecedent(head)
        if antecedent is not None:
            # "both of whom were released": the people the relative clause is about
            return self.make(antecedent, f"{role}:antecedent")
        pairs = apposed_pairs(head)
        out = []
        for tok, apposed in pairs or [(t, None) for t in with_conjuncts(head)]:
            arg = self._one(tok, role, apposed)
            if arg is not None:
                out.append(arg)
        return out

    def make_owned(self, owner, phrase, role: str) -> list[Argument]:
        """Return the arguments of ``owner`` with the span of the whole phrase it owns.

        "rejected Trump's decision", "Syrian government warplanes", "a car bombing by the Islamic
        State": the party is the owner (its entity and code), its mention the whole noun phrase.
        """
        found = self.make(owner, role)
        if len(found) != 1:
            return found
        doc = self.doc
        lo, hi = phrase_bounds(phrase)
        for prep in phrase.children:
            if prep.dep_ == "prep" and prep.i > phrase.i and owner in prep.subtree:
                hi = max(hi, max(t.i for t in prep.subtree) + 1)
        start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
        arg = found[0]
        if arg.pronoun is not None or not (start <= arg.start and arg.end <= end):
            return found
        return [replace(arg, start=start, end=end)]

    def _one(self, head, role: str, apposed: list | None = None) -> Argument | None:
        """Return the argument headed by ``head``; ``apposed``: the names or posts that restate it, when
        a coordination of appositive pairs says so (else its appositives are read off the parse)."""
        doc = self.doc
        wh = [c for c in head.children if c.dep_ == "nsubj" and c.tag_ == "WP" and c.i < head.i]
        if head.pos_ == "NOUN" and wh and wh[0].i >= 2 and doc[wh[0].i - 1].is_punct and doc[wh[0].i - 2].ent_type_ == "PERSON":
            # "X, who officials allege was killed", the frame's verb taken for a noun: the person before "who"
            head = doc[wh[0].i - 2]
        clause = head.head
        if clause.dep_ == "ccomp" and clause.head.dep_ == "relcl" and head.i < clause.head.i:
            clause = clause.head  # "X, who officials allege was killed": the relative clause is the frame's
        if head.lower_ in ("who", "which", "that") and clause.dep_ in ("relcl",):
            personal = head.lower_ == "who"
            head = clause.head  # the noun the relative clause modifies
            person = named_person(head) if personal else None
            if person is not None:
                head = person  # "the suspect who was killed is X": X
            if personal and head.ent_type_ != "PERSON":
                # "Ahmed Al-Qudra, Director of the Media Office, who called for": "who" is a person,
                # so climb from the nearest noun to the person it describes
                node = head
                for _ in range(4):
                    if node.ent_type_ == "PERSON" or node.head is node:
                        break
                    if node.dep_ not in ("pobj", "prep", "appos", "compound"):
                        break
                    node = node.head
                if node.ent_type_ == "PERSON":
                    head = node
        if head.ent_type_ in _NOT_PARTY:
            return None
        speaker = _speaker_subject(head)
        if speaker is not None:
            # "the ELN said it will release ...": the pronoun subject of what a party says, hopes or
            # vows is that party (its own span kept as the pronoun's)
            found = self._one(speaker, role)
            if found is not None:
                return replace(found, pronoun=(head.idx, head.idx + len(head.text)))
        # a person or a place is named without where it is ("met Angela Merkel in Berlin")
        lo, hi = phrase_bounds(head, places=head.pos_ != "PROPN" or head.ent_type_ not in ("GPE", "LOC", "PERSON"))
        _lo, name_hi = phrase_bounds(head)  # the name of an unnamed party leaves its place out
        if hi - 1 > lo and doc[hi - 1].dep_ == "case" and doc[hi - 1].head.i == head.i:
            # an owner is named without its possessive ending ("the government's plans": the government)
            hi -= 1
            name_hi = min(name_hi, hi)
        place = _place_after_object(head, hi)
        if place is not None:
            hi = place
        named = head
        if head.lower_ in role_words().quantifiers or head.like_num:
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    named = next((p for p in prep.children if p.dep_ == "pobj"), head)
        # An appositive names the same party: a name ("Hamas' military wing, Al-Qassam Brigades"), or a
        # person's post after the person's name ("Vladimir Putin, the Russian president"): the whole noun
        # phrase is the mention. Other common-noun appositives describe ("Haifa, the third largest city";
        # "killed 148 students, an attack that ...") and are left out.
        appositives = apposed if apposed is not None else [
            c for c in head.children if c.dep_ == "appos" and c.i > head.i and (
                c.pos_ == "PROPN" or head.ent_type_ == "PERSON" and c.pos_ == "NOUN" and c.ent_type_ not in _NOT_PARTY
                and c.lemma_.lower() not in role_words().act_nouns)] or _title_holder(head)
        start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
        # The entity is the one the phrase's head names: "three Israeli captives" is not "Israeli".
        entity = self.entity_covering(named) if self._mentions else None
        for appos in appositives:
            _alo, ahi = phrase_bounds(appos)
            a_end = doc[ahi - 1].idx + len(doc[ahi - 1].text)
            end = max(end, a_end)
            if entity is None and self._mentions:
                entity = self.entity_covering(appos)
        text = doc_text(doc)[start:end]
        if appositives and text.count("(") > text.count(")"):
            # a bracketed appositive closes its bracket: "the National Security Council (NSC)"
            after = next((t for t in doc[head.i:] if t.idx >= end), None)
            if after is not None and after.text == ")":
                end = after.idx + 1
                text = doc_text(doc)[start:end]
        lower = head.lower_
        if head.pos_ == "PRON":
            if lower in PERSON_PRONOUNS:
                entity = self._person_before(head.idx)
            elif lower in FIRST_PERSON_PRONOUNS:
                if self._unspoken(head.idx):
                    return None  # words in quotes no one is said to speak (a slogan, a sign): "we" is no one
                entity = self._speaker_of_quote(head.idx)
                speaker = self._speaker_phrase(head.idx) if entity is None else None
                found = self._one(speaker, role) if speaker is not None else None
                if found is not None:
                    # a speaker the entities stage did not name ("'We will stay,' the minister said"): the
                    # speaker's phrase, the pronoun's own span kept beside it
                    return replace(found, pronoun=(head.idx, head.idx + len(head.text)))
            elif lower in ("it", "they") and head.dep_ == "nsubj" and (
                    head.head.lemma_ != "be" or any(c.dep_ == "acomp" and c.pos_ == "ADJ" for c in head.head.children)):
                # (a copula with an adjective of intent acts: "it is willing to withdraw")
                # "it" and an acting "they" stand for the organisation or state named before ("the
                # political wing of Hamas that they acted on our request and released you")
                entity = self._group_before(head)
            if entity is None and lower in ("who", "which", "that"):
                return None
        if entity is None and head.lemma_.lower() in role_words().owned_agents and any(
                c.dep_ == "poss" and c.lower_ == "its" for c in head.children):
            entity = self._group_before(head)  # "its forces": the forces of the state named before
        pronoun = None
        if entity is not None:
            ref = entity.ref()
            if head.pos_ == "PRON":
                # The party's span is the antecedent's mention (the last one before the pronoun); the
                # pronoun keeps its own.
                before = sorted((m.span for m in entity.mentions if m.span.end <= start), key=lambda sp: sp.start)
                if before:
                    pronoun = (start, end)
                    start, end = before[-1].start, before[-1].end
        else:
            name_end = doc[name_hi - 1].idx + len(doc[name_hi - 1].text) if name_hi < hi else end
            name = doc_text(doc)[start:max(name_end, start + 1)] if name_end > start else text
            ref = EntityRef(None, _POSSESSIVE.sub("", name) or name)  # "the government's offer": the government
        return Argument(head, start, end, role, ref, entity, pronoun)


def location_of(trigger, context, doc, preps: frozenset[str] | None = None) -> EntityRef | None:
    """Return the place an event happened: a GPE/LOC/FAC after "in"/"at" attached to the trigger.

    A release or withdrawal also happens where it is made from ("freed from Gaza"): the caller
    passes "from" among ``preps`` for those.
    """
    preps = role_words().location_preps if preps is None else preps
    candidates = [trigger] + [c for c in trigger.children if c.dep_ in ("dobj", "advmod")]
    for tok in candidates:
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in preps:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                lo, hi = phrase_bounds(pobj)
                start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
                entity = context.entity_at(start, end) if context.mention_index else None
                if entity is not None and entity.type in ("GPE", "LOC", "FAC"):
                    return entity.ref()
                if entity is None and pobj.ent_type_ in ("GPE", "LOC", "FAC"):
                    return EntityRef(None, doc_text(doc)[start:end])
    return None

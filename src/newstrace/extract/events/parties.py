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

from dataclasses import replace

from ...kb import country_code, sector_for
from ...kb.phoenix import code_phrase, has_owner
from ...records import Party
from ..doctext import doc_text
from .arguments import Argument

# Tokens of a phrase's subtree that say which party it is beyond the noun phrase the span keeps:
# "rebels in Darfur", "the foreign minister of Iran".
_CODE_PREPS = frozenset({"in", "of", "from"})
_MAX_CODE_TOKENS = 12


def coding_text(arg: Argument) -> str:
    """Return the words the code is read from: the party's span, and an in/of/from phrase after its head
    that the span leaves out ("rebels in Darfur")."""
    doc = arg.head.doc
    span = doc.char_span(arg.start, arg.end, alignment_mode="expand")
    if span is None:
        return arg.ref.name
    end = span.end
    if arg.pronoun is None:
        for child in arg.head.children:
            if child.dep_ == "prep" and child.lower_ in _CODE_PREPS and child.i >= end:
                last = max(t.i for t in child.subtree) + 1
                if last - span.start <= _MAX_CODE_TOKENS:
                    end = max(end, last)
    return doc[span.start:end].text


def party_code(arg: Argument, date: str | None) -> str | None:
    """Return the CAMEO actor code of an argument on a date (YYYY[-MM[-DD]] or None), or None."""
    if arg.head.pos_ == "PRON" and arg.entity is None:
        return None
    entity = arg.entity
    text = coding_text(arg)
    found = code_phrase(text, date, head=arg.head.text if arg.pronoun is None else None)
    if found is None and entity is not None and text != entity.name:
        found = code_phrase(entity.name, date)
    curated = getattr(entity, "actor_code", None) if entity is not None else None
    if found is not None and found.named and (found.dated or not curated or len(curated) <= 3):
        return found.code
    if curated and len(curated) > 3:
        return curated  # the project's own knowledge base (2025) over an undated dictionary default
    if found is not None and found.named:
        return found.code
    sector = sector_for(text)
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
    if owner is not None:
        return owner + sector if sector and not owner.endswith(sector) else owner
    return sector or curated


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
_CLAIMED = frozenset({"responsibility", "credit"})


def fill_from_article(events: list, claimed_by: Party | None = None) -> list:
    """Return the events with what the rest of the article says about their parties.

    - A party whose entity is coded elsewhere in the article and not here takes that code ("Trufanov"
      after "Russian citizen Alexander Trufanov": RUSCVL).
    - A release with no stated agent takes the releaser when every release of the article with an agent
      names the same one ("Hamas released ...; Trufanov, who was released in an exchange").
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
                and {_state(p) for p in recipients} - {None} == freed:
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

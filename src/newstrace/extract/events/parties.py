"""The parties of an event as records: each argument's entity, span and CAMEO actor code on the event's date.

A party is coded, in this order (issue 13; PETRARCH's own order):
1. a named actor of the Phoenix dictionaries by the code valid on the event's date ("Obama" in 2010:
   USAGOV; in 1990: USAELI);
2. the curated code of the entity (kb/data/actors.yaml: people and bodies in office in 2025);
3. the country or organisation named in the phrase with the sector of its agent word ("Palestinian
   mayor" PSEGOV, "UN peacekeepers" IGOUNOMIL, "rebels in Darfur" SDNREB);
4. the sector of the phrase with the country of the entity's affiliation ("the president" of a person
   affiliated with Egypt: EGYGOV); a sector with no country is left as the bare sector.
"""
from __future__ import annotations

from ...kb import country_code, sector_for
from ...kb.phoenix import code_phrase
from ...records import Party
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
    if found is not None and found.named:
        return found.code
    curated = getattr(entity, "actor_code", None) if entity is not None else None
    if curated and len(curated) > 3:
        return curated
    sector = sector_for(text)
    if found is not None:
        code = found.code
        if _has_owner(code):
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


def _has_owner(code: str) -> bool:
    """Whether a code names a country or an organisation (not a bare sector like GOV or REB)."""
    from ...kb import _SECTORS

    return code[:3] not in _SECTORS and code[:3] not in ("ELI", "CVL", "AGR", "CRM", "HRI", "DEV", "ENV", "UAF")


def _owner_code(name: str, date: str | None) -> str | None:
    found = code_phrase(name, date)
    return found.code if found is not None and _has_owner(found.code) else None


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

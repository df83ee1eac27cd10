"""What an article's own text says about its entity rows, read while the article is linked: names written
"Long Name (ABBR)" or spelled out beside their initials, a one-word name that only modifies a group ("the
Haqqani network"), a surname that only ends a credit line ("Noah Feldman, Bloomberg"), a given name written
just before a surname tagged alone.
"""
from __future__ import annotations

import re

from sqlalchemy import Connection, select

from ..lang.kinds import word_kinds
from ..store import schema
from .entity_names import row_scope, type_class
from .variants import acronym_key, initials_fit, is_acronym

# Kinds of the word after a one-word name that make the name a modifier of a group, not a person
# ("the Haqqani network", "his Haqqani captors").
GROUP_AFTER = frozenset({"generic", "people"})
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][a-z]+)")
# A credit line: a person's name, a comma, then the one word, ending the line ("Noah Feldman, Bloomberg"):
# the word names where the person writes, not a second person.
_CREDIT_BEFORE = re.compile("(?:^|\n|[\u201d\"][ \t])[ \t]*(?:[-\u2014\u2013][ \t]*)?"
                            r"[A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*){1,3},[ \t]*$")
_CREDIT_AFTER = re.compile(r"[ \t]*(?:\n|$)")
# A given name written just before a name ("Jamal" of "Jamal Khashoggi" when only the surname was tagged).
_GIVEN_BEFORE = re.compile(r"\b([A-Z][a-z]+)[ \t]+$")


def modifier_only(text: str, ends: list[int]) -> bool:
    """Whether every mention ending at ``ends`` is followed by a word for a group or kind of people
    ("Haqqani network", "Haqqani captors")."""
    if not ends:
        return False
    for end in ends:
        after = _NEXT_WORD.match(text, end)
        if after is None or not set(word_kinds(after.group(1))) <= GROUP_AFTER:
            return False
    return True


def credit_only(text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether every mention (start, end) ends a credit line after a person's name ("Noah Feldman,
    Bloomberg"): the outlet the person writes for, typed a person by the parse."""
    if not spans:
        return False
    return all(_CREDIT_BEFORE.search(text, max(0, start - 80), start)
               and _CREDIT_AFTER.match(text, end) for start, end in spans)


def given_before(text: str, start: int) -> str | None:
    """Return the capitalised word written just before ``start`` ("Jamal" before "Khashoggi"), or None."""
    found = _GIVEN_BEFORE.search(text, max(0, start - 30), start)
    return found.group(1) if found else None


def spelled_out_pairs(rows) -> dict[str, str]:
    """Return initials kept to the article (scope ``common``: "DHS", "NAFTA") -> the one other name
    of the article whose initials they are ("Department of Homeland Security"): the article spells
    them out, so they are that name here. Two names of the article with those initials: none."""
    things = [r for r in rows if type_class(r.type) == "THING"]
    longs: dict[str, set[str]] = {}  # initials -> the article's long names that have them
    for r in things:
        if not is_acronym(r.name) and row_scope(r.id, r.type, r.name) not in ("generic", "common"):
            longs.setdefault(acronym_key(r.name), set()).add(r.id)
    out: dict[str, str] = {}
    for short in things:
        if not is_acronym(short.name) or row_scope(short.id, short.type, short.name) != "common":
            continue
        found = longs.get(acronym_key(short.name), set()) - {short.id}
        if len(found) == 1:
            out[short.id] = next(iter(found))
    return out


def parenthesized_pairs(conn: Connection, article_id: str, rows) -> dict[str, str]:
    """Return, both ways, the organisation rows of the article written as "Long Name (ABBR)" where
    ABBR is written as initials: the article itself says they are one."""
    m = schema.mentions
    kinds = {r.id: r for r in rows if r.type == "ORG"}
    if len(kinds) < 2:
        return {}
    spans = conn.execute(
        select(m.c.entity_id, m.c.start, m.c.end).where(m.c.article_id == article_id,
                                                        m.c.entity_id.in_(list(kinds)))
    ).all()
    if not any(is_acronym(kinds[e].name) for e, _, _ in spans):
        return {}
    text = conn.execute(select(schema.articles.c.text).where(schema.articles.c.id == article_id)).scalar() or ""
    by_start = {start: entity for entity, start, _ in spans}
    pairs: dict[str, str] = {}
    for entity, start, end in spans:
        after = text[end:end + 3]
        if not after.startswith(" (") and not after.startswith("("):
            continue
        inner_start = end + (2 if after.startswith(" (") else 1)
        short = by_start.get(inner_start)
        if short is None or short == entity or not is_acronym(kinds[short].name) \
                or not initials_fit(kinds[short].name, kinds[entity].name):
            continue
        if text[inner_start + len(kinds[short].name):inner_start + len(kinds[short].name) + 1] != ")":
            continue
        pairs.setdefault(short, entity)
        pairs.setdefault(entity, short)
    return pairs

"""The merged view a canonical entity's row carries (``data["linked"]``): its display name, members, every
alias, role and affiliation seen, and one type decided by vote with the reason kept.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from .. import kb


def merged_view(name: str, rows, mentions: dict[str, int] | None = None) -> dict[str, Any]:
    """Return the group view: display name, member ids, every alias, role and affiliation seen, and one
    type by vote (``mentions``: row id -> its number of mentions, the weight of its type's vote)."""
    aliases: list[str] = []
    roles: list[str] = []
    affiliations: list[dict[str, Any]] = []
    actor_code = None
    for row in rows:
        data = row.data
        for alias in (data.get("name"), *(data.get("aliases") or ())):
            if alias and alias != name and alias not in aliases:
                aliases.append(alias)
        for role in (*(data.get("roles") or ()), data.get("role")):
            if role and role not in roles:
                roles.append(role)
        aff = data.get("affiliation")
        if aff and aff not in affiliations:
            affiliations.append(aff)
        actor_code = actor_code or data.get("actor_code")
    type_, reason = voted_type(name, [(data_type(r), r.data.get("name") or "") for r in rows],
                               [max(1, (mentions or {}).get(r.id, 1)) for r in rows])
    return {
        "name": name, "members": [r.id for r in rows], "aliases": aliases, "roles": roles,
        "affiliations": affiliations, "actor_code": actor_code, "type": type_, "type_reason": reason,
    }


def data_type(row) -> str:
    return row.data.get("type") or ""


def voted_type(name: str, typed: list[tuple[str, str]], weights: list[int] | None = None) -> tuple[str, str]:
    """Return the one type of a group whose rows were typed differently, and why: the knowledge base's
    type of its name when it knows it, else the type most of its mentions have (``weights``: the
    mentions of each row; one each when not given), ties going to the type of more written forms,
    then to the first of PERSON, ORG, GPE, NORP, LOC, FAC."""
    entry = kb.lookup(name)
    if entry is not None and entry.type in {t for t, _ in typed}:
        return entry.type, f"the knowledge base types {entry.canonical!r} {entry.type}"
    weights = weights or [1] * len(typed)
    votes: Counter = Counter()
    forms: Counter = Counter()
    for (t, _), w in zip(typed, weights):
        if t:
            votes[t] += w
            forms[t] += 1
    if not votes:
        return "", "no type given"
    order = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
    best = max(votes, key=lambda t: (votes[t], forms[t], -order.index(t) if t in order else -len(order), t))
    if len(votes) == 1:
        return best, f"every written form is typed {best}"
    return best, f"{votes[best]} of {sum(votes.values())} mentions are typed {best}"

"""The actor knowledge base: canonical names, types and CAMEO-style actor codes, kept as data files.

(First version: an interface only; the data files come with the events work.)
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class KBEntry:
    canonical: str  # "Vladimir Putin"
    type: str  # PERSON, ORG, GPE, NORP, LOC, FAC
    actor_code: str | None = None  # "RUSGOV"
    aliases: tuple[str, ...] = ()
    role: str | None = None  # "President of Russia"
    affiliation: str | None = None  # canonical name of the affiliated entity


def lookup(name: str, type_hint: str | None = None) -> KBEntry | None:
    """Return the KB entry a name (as written) refers to, or None."""
    return None


def actor_code_for(text: str) -> str | None:
    """Return a CAMEO-style actor code for a phrase such as "Kremlin spokesperson" or "Israeli", or None."""
    return None

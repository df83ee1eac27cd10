"""Month and weekday names, one definition (``data/dates.yaml``, which the dates stage reads as well)."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ..datafiles import load_yaml


@functools.cache
def month_numbers() -> dict[str, int]:
    """Return each month word of ``data/dates.yaml``, full or abbreviated, lower case -> 1..12."""
    months = load_yaml("dates.yaml")["months"]
    return {str(word).lower(): int(number) for word, number in months.items()}


@functools.cache
def month_names() -> frozenset[str]:
    """Return the full name of each month, lower case ("january" ... "december")."""
    by_number: dict[int, list[str]] = {}
    for word, number in month_numbers().items():
        by_number.setdefault(number, []).append(word)
    return frozenset(max(words, key=len) for words in by_number.values())  # the full name is the longest


@functools.cache
def month_words() -> frozenset[str]:
    """Return the month words as a token may write them: each name, and each abbreviation with or without
    its full stop ("sept", "sept.")."""
    names = month_names()
    abbreviations = set(month_numbers()) - names
    return frozenset(names | abbreviations | {a + "." for a in abbreviations})


@functools.cache
def weekday_names() -> frozenset[str]:
    """Return the full name of each weekday, lower case ("monday" ... "sunday")."""
    by_number: dict[int, list[str]] = {}
    for word, number in load_yaml("dates.yaml")["weekdays"].items():
        by_number.setdefault(int(number), []).append(str(word).lower())
    return frozenset(max(words, key=len) for words in by_number.values())  # the full name is the longest


@dataclass(frozen=True, slots=True)
class DatingWords:
    """The lists of ``data/dates.yaml`` that say how an event takes a date it does not state."""

    start_verbs: frozenset[str]  # "began Aug. 8": the start of a process
    ongoing_nouns: frozenset[str]  # "the war": a situation that lasts, dated by nothing but its own date
    forward_markers: frozenset[str]  # "ahead of Monday's summit": the weekday to come


@functools.cache
def dating_words() -> DatingWords:
    """Return the dating word lists of ``data/dates.yaml``, lower case."""
    data = load_yaml("dates.yaml")
    return DatingWords(**{name: frozenset(str(w).lower() for w in data[name])
                          for name in DatingWords.__dataclass_fields__})

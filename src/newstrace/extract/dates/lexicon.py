"""The words of temporal expressions (lang/data/dates.yaml), loaded once, with regex fragments built from them."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from ...datafiles import alternation as _alternation
from ...datafiles import load_yaml
from ...errors import LexiconError

REQUIRED_KEYS = (
    "months", "weekdays", "numbers", "ordinals", "seasons", "units", "parts_of_day",
    "present_ref", "past_ref", "future_ref", "modifiers", "leading_prepositions", "holidays",
    "relations", "anaphoric_relations", "vague_amounts", "ago_back", "ago_ahead", "anaphoric_directions",
    "anaphoric_the_nouns", "period_pointers", "day_offsets", "frequency_adverbs", "at_time_prepositions",
)
RELATION_GROUPS = ("back", "ahead", "current", "same")


@dataclass(frozen=True, slots=True)
class DatesLexicon:
    """The lexicon of lang/data/dates.yaml and the regex alternations built from it."""

    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, float]
    cardinals: dict[str, int]  # lang/data/numbers.yaml's one ... nineteen, twenty ... ninety
    ordinals: dict[str, int]
    seasons: dict[str, dict[str, Any]]
    units: dict[str, dict[str, Any]]
    parts_of_day: dict[str, str]
    present_ref: frozenset[str]
    past_ref: frozenset[str]
    future_ref: frozenset[str]
    modifiers: tuple[str, ...]
    leading_prepositions: tuple[str, ...]
    holidays: dict[str, dict[str, Any]]
    relations: dict[str, str]  # "last week"'s "last" -> back; ahead, current, same
    anaphoric_relations: frozenset[str]
    vague_amounts: frozenset[str]  # "several", "a few": amounts with no exact value
    ago_back: frozenset[str]  # "ago", "earlier": after an amount of time, before its anchor
    ago_ahead: frozenset[str]  # "later", "from now": after it
    anaphoric_directions: frozenset[str]  # "earlier", "later": counted from the date named before
    anaphoric_the_nouns: frozenset[str]  # "the quarter": "the" is the anaphor, not stripped
    period_pointers: frozenset[str]  # "the", "that", "fiscal" before "quarter", "year"
    day_offsets: dict[str, int]  # "yesterday" -> -1: days from the publication day
    frequency_adverbs: dict[str, str]  # "weekly" -> week: the unit a repeated time repeats by
    at_time_prepositions: frozenset[str]  # "in June", "on May 3": when an act happened, not a deadline
    # regex alternations (no groups), longest words first so that "sept" wins over "sep"
    month_re: str
    weekday_re: str
    number_re: str
    ordinal_re: str
    season_re: str
    unit_re: str
    part_of_day_re: str
    relation_re: str
    vague_re: str
    ago_back_re: str
    ago_ahead_re: str
    anaphoric_direction_re: str
    day_offset_re: str
    frequency_re: str


def alternation(words) -> str:
    """Return ``datafiles.alternation`` of ``words`` as a non-capturing group ("(?:a|b)")."""
    return f"(?:{_alternation(words)})"


def _check(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise LexiconError("lang/data/dates.yaml must be a mapping; reinstall newstrace if it was edited")
    missing = [k for k in REQUIRED_KEYS if k not in raw]
    if missing:
        raise LexiconError(f"lang/data/dates.yaml lacks the keys {missing}; add them (see the file's comments)")
    groups = raw["relations"]
    if not isinstance(groups, dict) or set(groups) != set(RELATION_GROUPS):
        raise LexiconError(f"lang/data/dates.yaml relations must have the groups {list(RELATION_GROUPS)}; fix it")
    for key in ("months", "weekdays"):
        bad = {k: v for k, v in raw[key].items() if not isinstance(v, int)}
        if bad:
            raise LexiconError(f"lang/data/dates.yaml {key} must map words to integers; fix {bad}")
    return raw


def _cardinals() -> dict[str, int]:
    """Return the cardinal words from one to ninety (one ... nineteen, twenty, thirty ...), in the order of
    their values: lang/data/numbers.yaml's units and tens, which the figures stage reads too."""
    data = load_yaml("numbers.yaml")
    words = {str(w): int(v) for part in ("units", "tens") for w, v in data[part].items() if int(v) >= 1}
    return dict(sorted(words.items(), key=lambda item: item[1]))


@functools.lru_cache(maxsize=1)
def lexicon() -> DatesLexicon:
    """Return the dates lexicon, read from the package data on first use."""
    raw = _check(load_yaml("dates.yaml"))
    cardinals = _cardinals()
    numbers = {**{w: float(v) for w, v in cardinals.items()}, **{str(k): float(v) for k, v in raw["numbers"].items()}}
    ordinals = {str(k): int(v) for k, v in raw["ordinals"].items()}
    units = dict(raw["units"])
    relations = {str(phrase): group for group in RELATION_GROUPS for phrase in raw["relations"][group]}
    plural_units = [u + "s" for u in units] + ["centuries"]
    # whole amounts ("a" and "an" are among them; "half" is not): the longest first, so "an" before "a"
    number_words = [w for w, v in numbers.items() if v >= 1]
    tens = "(?:" + "|".join(w for w, v in cardinals.items() if v >= 20) + ")"
    ones = "(?:" + "|".join(w for w, v in cardinals.items() if v < 10) + ")"
    number_re = rf"(?:\d+(?:\.\d+)?|{tens}(?:[ -]{ones})?|" + alternation(number_words)[3:-1] + ")"
    return DatesLexicon(
        months={str(k): v for k, v in raw["months"].items()},
        weekdays={str(k): v for k, v in raw["weekdays"].items()},
        numbers=numbers,
        cardinals=cardinals,
        ordinals=ordinals,
        seasons=dict(raw["seasons"]),
        units=units,
        parts_of_day=dict(raw["parts_of_day"]),
        present_ref=frozenset(raw["present_ref"]),
        past_ref=frozenset(raw["past_ref"]),
        future_ref=frozenset(raw["future_ref"]),
        modifiers=tuple(sorted(raw["modifiers"], key=len, reverse=True)),
        leading_prepositions=tuple(sorted(raw["leading_prepositions"], key=len, reverse=True)),
        holidays=dict(raw["holidays"]),
        relations=relations,
        anaphoric_relations=frozenset(raw["anaphoric_relations"]),
        month_re=alternation(raw["months"]),
        weekday_re=alternation(raw["weekdays"]),
        number_re=number_re,
        ordinal_re=alternation(ordinals),
        season_re=alternation(raw["seasons"]),
        unit_re=alternation(list(units) + plural_units),
        part_of_day_re=alternation(raw["parts_of_day"]),
        relation_re=alternation(relations),
        vague_amounts=frozenset(raw["vague_amounts"]),
        ago_back=frozenset(raw["ago_back"]),
        ago_ahead=frozenset(raw["ago_ahead"]),
        anaphoric_directions=frozenset(raw["anaphoric_directions"]),
        anaphoric_the_nouns=frozenset(raw["anaphoric_the_nouns"]),
        period_pointers=frozenset(raw["period_pointers"]),
        vague_re=alternation(raw["vague_amounts"]),
        ago_back_re=alternation(raw["ago_back"]),
        ago_ahead_re=alternation(raw["ago_ahead"]),
        anaphoric_direction_re=alternation(raw["anaphoric_directions"]),
        day_offsets={str(k): int(v) for k, v in raw["day_offsets"].items()},
        frequency_adverbs={str(k): str(v) for k, v in raw["frequency_adverbs"].items()},
        at_time_prepositions=frozenset(raw["at_time_prepositions"]),
        day_offset_re=alternation(raw["day_offsets"]),
        frequency_re=alternation(raw["frequency_adverbs"]),
    )


def number_value(word: str) -> float | None:
    """Return the value of a number written in digits or words ("three", "twenty-four"), or None."""
    word = word.strip().lower().replace("-", " ")
    try:
        return float(word)
    except ValueError:
        pass
    lex = lexicon()
    if word in lex.numbers:
        return lex.numbers[word]
    parts = word.split()
    if len(parts) == 2 and parts[0] in lex.numbers and parts[1] in lex.numbers:
        return lex.numbers[parts[0]] + lex.numbers[parts[1]]
    return None


def unit_name(word: str) -> str:
    """Return the singular unit name of "years", "centuries", "week"."""
    word = word.lower()
    if word == "centuries":
        return "century"
    return word.removesuffix("s")

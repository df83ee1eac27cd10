"""The word lists behind figure extraction, read once from the package's YAML data files.

``lang/data/numbers.yaml`` (number words, scales, fractions), ``lang/data/units.yaml`` (units and
currencies) and ``lang/data/figures.yaml`` (qualifiers, measures, identifiers, attribution) are loaded lazily and
cached; ``load_all()`` checks they are well-formed and says which file is wrong if one is not.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from ...datafiles import alternation
from ...datafiles import load_yaml as _read_yaml
from ...errors import LexiconError


def _require(data: dict[str, Any], name: str, keys: tuple[str, ...]) -> None:
    missing = [k for k in keys if k not in data]
    if missing:
        raise LexiconError(f"{name}: missing section(s) {', '.join(missing)}")


@dataclass(frozen=True, slots=True)
class NumberWords:
    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    scale_abbreviations: dict[str, int]
    money_only: frozenset[str]
    dozen: int
    vague_plurals: dict[str, int]
    fractions: dict[str, float]
    unicode_fractions: dict[str, float]

    @property
    def cardinal_words(self) -> dict[str, int]:
        return {**self.units, **self.tens}


@dataclass(frozen=True, slots=True)
class UnitForm:
    """One way of writing a unit or currency: ``text`` as written, matched case-(in)sensitively."""

    text: str
    canonical: str
    kind: str  # money, percent, length, time, ...
    symbol: bool


@dataclass(frozen=True, slots=True)
class Units:
    after: tuple[UnitForm, ...]  # written after the number, longest first
    currency_prefixes: tuple[UnitForm, ...]  # written before the number, longest first
    kinds: dict[str, str]  # canonical -> kind


@dataclass(frozen=True, slots=True)
class FigureWords:
    qualifiers: tuple[tuple[str, str], ...]  # (phrase, qualifier), longest phrase first
    measure_predicates: dict[str, str]  # lemma -> measure
    measure_nouns: dict[str, str]
    identifier_nouns: frozenset[str]
    age_before: frozenset[str]
    age_after: tuple[str, ...]
    subset_cues: tuple[str, ...]
    weak_subset_cues: tuple[str, ...]
    reporting_verbs: frozenset[str]
    direct_reporting_verbs: frozenset[str]
    source_phrases: tuple[str, ...]
    document_nouns: frozenset[str]
    owner_markers: frozenset[str]
    street_words: frozenset[str]
    one_idioms_before: frozenset[str]
    one_idioms_after: frozenset[str]


@functools.lru_cache(maxsize=1)
def number_words() -> NumberWords:
    """Return the number words of ``numbers.yaml``."""
    name = "numbers.yaml"
    data = _read_yaml(name)
    keys = ("units", "tens", "scales", "scale_abbreviations", "money_only", "dozen", "vague_plurals",
            "fractions", "unicode_fractions")
    _require(data, name, keys)
    return NumberWords(
        units={str(k): int(v) for k, v in data["units"].items()},
        tens={str(k): int(v) for k, v in data["tens"].items()},
        scales={str(k): int(v) for k, v in data["scales"].items()},
        scale_abbreviations={str(k): int(v) for k, v in data["scale_abbreviations"].items()},
        money_only=frozenset(str(x) for x in data["money_only"]),
        dozen=int(data["dozen"]),
        vague_plurals={str(k): int(v) for k, v in data["vague_plurals"].items()},
        fractions={str(k): float(v) for k, v in data["fractions"].items()},
        unicode_fractions={str(k): float(v) for k, v in data["unicode_fractions"].items()},
    )


@functools.lru_cache(maxsize=1)
def units() -> Units:
    """Return the units and currencies of ``units.yaml``."""
    name = "units.yaml"
    data = _read_yaml(name)
    _require(data, name, ("currencies", "units"))
    after: list[UnitForm] = []
    prefixes: list[UnitForm] = []
    kinds: dict[str, str] = {}
    for code, forms in data["currencies"].items():
        if not isinstance(forms, dict) or "prefix" not in forms or "suffix" not in forms:
            raise LexiconError(f"{name}: currency {code} needs `prefix` and `suffix` lists")
        kinds[code] = "money"
        for text in forms["prefix"]:
            prefixes.append(UnitForm(str(text), code, "money", True))
        for text in forms["suffix"]:
            after.append(UnitForm(str(text), code, "money", not re.search("[a-z]", str(text))))
    for canonical, spec in data["units"].items():
        if not isinstance(spec, dict) or "kind" not in spec:
            raise LexiconError(f"{name}: unit {canonical!r} needs a `kind`")
        kinds[canonical] = spec["kind"]
        for text in spec.get("words") or ():
            after.append(UnitForm(str(text), canonical, spec["kind"], False))
        for text in spec.get("symbols") or ():
            after.append(UnitForm(str(text), canonical, spec["kind"], True))
    after.sort(key=lambda f: -len(f.text))
    prefixes.sort(key=lambda f: -len(f.text))
    return Units(tuple(after), tuple(prefixes), kinds)


@functools.lru_cache(maxsize=1)
def figure_words() -> FigureWords:
    """Return the qualifier, measure and attribution words of ``figures.yaml``."""
    name = "figures.yaml"
    data = _read_yaml(name)
    keys = ("qualifiers", "measures", "identifier_nouns", "age_cues_before", "age_cues_after",
            "subset_cues", "weak_subset_cues", "reporting_verbs", "direct_reporting_verbs", "source_phrases", "document_nouns",
            "owner_markers", "street_words", "one_idioms_before", "one_idioms_after")
    _require(data, name, keys)
    qualifiers = [(str(p), q) for q, phrases in data["qualifiers"].items() for p in phrases]
    qualifiers.sort(key=lambda pq: -len(pq[0]))
    predicates: dict[str, str] = {}
    nouns: dict[str, str] = {}
    for measure, spec in data["measures"].items():
        if not isinstance(spec, dict):
            raise LexiconError(f"{name}: measure {measure!r} needs `predicates` and `nouns` lists")
        for lemma in spec.get("predicates") or ():
            predicates.setdefault(str(lemma), measure)
        for lemma in spec.get("nouns") or ():
            nouns.setdefault(str(lemma), measure)
    return FigureWords(
        qualifiers=tuple(qualifiers),
        measure_predicates=predicates,
        measure_nouns=nouns,
        identifier_nouns=frozenset(str(x) for x in data["identifier_nouns"]),
        age_before=frozenset(str(x) for x in data["age_cues_before"]),
        age_after=tuple(sorted((str(x) for x in data["age_cues_after"]), key=len, reverse=True)),
        subset_cues=tuple(str(x) for x in data["subset_cues"]),
        weak_subset_cues=tuple(str(x) for x in data["weak_subset_cues"]),
        reporting_verbs=frozenset(str(x) for x in data["reporting_verbs"]),
        direct_reporting_verbs=frozenset(str(x) for x in data["direct_reporting_verbs"]),
        source_phrases=tuple(sorted((str(x) for x in data["source_phrases"]), key=len, reverse=True)),
        document_nouns=frozenset(str(x) for x in data["document_nouns"]),
        owner_markers=frozenset(str(x) for x in data["owner_markers"]),
        street_words=frozenset(str(x) for x in data["street_words"]),
        one_idioms_before=frozenset(str(x) for x in data["one_idioms_before"]),
        one_idioms_after=frozenset(str(x) for x in data["one_idioms_after"]),
    )


def load_all() -> tuple[NumberWords, Units, FigureWords]:
    """Return every figures lexicon, raising LexiconError if one is missing or malformed."""
    return number_words(), units(), figure_words()


def words_regex(words: list[str] | tuple[str, ...] | frozenset[str]) -> str:
    """Return a regex alternation of ``words``, longest first, each escaped (``datafiles.alternation``)."""
    return alternation(words)

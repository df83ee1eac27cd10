"""The actor knowledge base: names as written -> canonical entries and CAMEO-style actor codes."""
from __future__ import annotations

import pytest

from newstrace import kb


def test_data_files_load_and_are_well_formed():
    tables = kb._tables()
    assert len(tables.by_key) > 500  # pycountry countries plus the hand-written files
    assert set(tables.sector_words.values()) <= set(kb._SECTORS)
    for entries in tables.by_key.values():
        for entry in entries:
            assert entry.type in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
            assert entry.actor_code is None or entry.actor_code.isupper()


def test_lookup_head_of_state_by_surname():
    entry = kb.lookup("Putin")
    assert entry == kb.KBEntry(
        "Vladimir Putin", "PERSON", "RUSGOV", entry.aliases, "President of Russia", "Russia")
    assert "Putin" in entry.aliases


@pytest.mark.parametrize("name, canonical, code", [
    ("the Kremlin", "Kremlin", "RUSGOV"),
    ("White House", "White House", "USAGOV"),
    ("Al-Qassam Brigades", "Al-Qassam Brigades", "PSEREB"),
    ("Islamic Jihad", "Palestinian Islamic Jihad", "PSEREB"),
    ("Hezbollah", "Hezbollah", "LBNREB"),
    ("ICC", "International Criminal Court", "IGOJUD"),
    ("U.N.", "United Nations", "IGOUNO"),
    ("Benjamin Netanyahu", "Benjamin Netanyahu", "ISRGOV"),
    ("France", "France", "FRA"),
    ("Moscow", "Moscow", "RUS"),
])
def test_lookup_known_actors(name, canonical, code):
    entry = kb.lookup(name)
    assert entry is not None and entry.canonical == canonical and entry.actor_code == code


def test_lookup_prefers_the_type_hint_and_misses_unknown_names():
    assert kb.lookup("Israeli", "NORP").type == "NORP"
    assert kb.lookup("Zorblax Quentworth") is None
    assert kb.lookup("") is None


@pytest.mark.parametrize("phrase, code", [
    ("Kremlin spokesperson", "RUSGOV"),
    ("Israeli military", "ISRMIL"),
    ("Israeli soldiers", "ISRMIL"),
    ("Palestinian detainees", "PSECVL"),
    ("Hamas' military wing", "PSEREB"),
    ("Russian Foreign Ministry spokesperson", "RUSGOV"),
    ("a Turkish court", "TURJUD"),
    ("Egyptian police", "EGYCOP"),
    ("Syrian rebels", "SYRREB"),
    ("Hungarian officials", "HUNGOV"),
    ("riot police", "COP"),
    ("Qatar", "QAT"),
])
def test_actor_code_for_phrases(phrase, code):
    assert kb.actor_code_for(phrase) == code


def test_actor_code_for_nothing_known_is_none():
    assert kb.actor_code_for("the weather") is None
    assert kb.actor_code_for("   ") is None


def test_country_and_sector_helpers():
    assert kb.country_code("Iranian") == "IRN"
    assert kb.country_code("the United Kingdom") == "GBR"
    assert kb.sector_for("deputy foreign minister") == "GOV"
    assert kb.sector_for("border police") == "COP"

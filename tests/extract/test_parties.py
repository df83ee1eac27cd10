"""CAMEO actor codes of event parties (issue 13): what a party's words, its title and its sentence say.

Sentences are written for these tests.
"""
from __future__ import annotations

import pytest

from newstrace.evaluate.actor_codes import code_matches, gold_actor_codes
from newstrace.evaluate.plover_zsp import evaluate, load_rows
from newstrace.kb import phoenix


def codes(extract, text, type_=None, published="2015-06-01"):
    events = [e for e in extract(text, published=published).events if type_ is None or e.type == type_]
    assert events, f"no {type_ or ''} event in {text!r}"
    event = events[0]
    return [p.code for p in event.actors], [p.code for p in event.recipients]


# ---- the dictionaries ----------------------------------------------------------------------------
@pytest.mark.parametrize("phrase, code", [
    ("Iraqis", "IRQ"),  # a people by the plural of its adjective
    ("Afghans", "AFG"),
    ("Dili", "TLS"),  # the dictionaries' old code of East Timor (TMP) read as today's ISO code
])
def test_plurals_and_old_country_codes(phrase, code):
    assert phoenix.code_phrase(phrase).code == code


def test_phrase_parts_say_where_the_title_and_the_name_are():
    parts = phoenix.phrase_parts("Kenyan President Daniel arap Moi")
    assert parts.base == "KEN" and parts.agent == ("GOV", False)
    assert parts.base_span == (0, 1) and parts.agent_span == (1, 2) and parts.named_span[0] == 2


# ---- a person's title ----------------------------------------------------------------------------
def test_a_title_in_the_sentence_says_the_office_whatever_the_date(extract):
    # Moi left office in 2002: on a later date the dictionaries give no office; the sentence gives one
    actors, _ = codes(extract, "Kenyan President Daniel arap Moi criticised the Ugandan government.",
                      published="2015-06-01")
    assert actors == ["KENGOV"]


def test_a_former_office_is_not_an_office(extract):
    actors, _ = codes(extract, "Former Kenyan President Daniel arap Moi criticised the Ugandan government.",
                      published="2015-06-01")
    assert actors and actors[0] != "KENGOV"


# ---- people, capitals ----------------------------------------------------------------------------
def test_the_people_of_a_country_are_its_civilians(extract):
    actors, _ = codes(extract, "Thousands of Malawians protested in Lilongwe against the new tax.", "PROTEST")
    assert actors == ["MWICVL"]


def test_a_country_whose_name_is_plural_is_not_a_people(extract):
    actors, _ = codes(extract, "The Philippines rejected the Chinese proposal on Monday.", "REJECT")
    assert actors == ["PHL"]


def test_a_capital_that_acts_is_its_government(extract):
    actors, _ = codes(extract, "Canberra rejected the Indonesian proposal on Monday.", "REJECT")
    assert actors == ["AUSGOV"]


def test_a_city_that_is_no_capital_is_not_a_government(extract):
    actors, _ = codes(extract, "Sydney rejected the Indonesian proposal on Monday.", "REJECT")
    assert actors != ["AUSGOV"]


# ---- the scorer ----------------------------------------------------------------------------------
def test_gold_codes_are_read_as_cameo_writes_them_today(tmp_path):
    path = tmp_path / "gsr.json"
    path.write_text('[{"id": "a", "event": "AGREE", "text": "x",'
                    ' "source": [{"actorText": "Tokyo", "code": "JAP"}],'
                    ' "target": [{"actorText": "Reporters", "code": "FRA", "sector": "JRN"}]}]', encoding="utf-8")
    gold = gold_actor_codes(path)["a"]
    assert gold == {"source": [("JPN", "")], "target": [("FRA", "MED")]}
    assert code_matches("JPN", gold["source"][0]) and code_matches("FRAMED", gold["target"][0])


def test_an_igo_body_matches_an_igo_gov_gold_but_another_sector_does_not():
    assert code_matches("IGOUNO", ("IGO", "GOV"))
    assert code_matches("IGOUNOGOV", ("IGO", "GOV"))
    assert not code_matches("IGOUNOMIL", ("IGO", "GOV"))
    assert not code_matches("USA", ("USA", "GOV"))  # a state with no sector is not its government


def test_a_row_without_a_marked_target_wants_no_recipient(tmp_path):
    path = tmp_path / "zsp.tsv"
    path.write_text(
        "\tsentence\tmarked_sentence\tsource\ttarget\tgold_root\n"
        "0\tHundreds of farmers protested in the capital on Monday.\t<s>Hundreds of farmers</s> protested in the"
        " capital on Monday.\tHundreds of farmers\ta recipient\tPROTEST\n", encoding="utf-8")
    rows = load_rows(path)
    assert rows[0]["has_target"] is False
    result = evaluate(path)
    assert result["source_match"] == 1.0 and result["target_match"] == 1.0


# ---- what the sentence says ----------------------------------------------------------------------
def test_a_pronoun_with_no_entity_is_coded_by_the_subject_it_is_said_by(extract):
    actors, _ = codes(extract, "The Zambian rebels said they would release the hostages next week.", "AGREE")
    assert actors == ["ZMBREB"]


def test_a_bare_office_takes_the_one_country_of_its_sentence(extract):
    actors, _ = codes(extract, "The president declared a state of emergency in Malawi on Sunday.")
    assert actors == ["MWIGOV"]


def test_whom_the_verb_acts_on_does_not_say_whose_the_party_is(extract):
    actors, _ = codes(extract, "The delegation visited the Zambian capital on Monday.", "CONSULT")
    assert actors == ["GOV"]


def test_an_unplaced_nationality_or_region_is_not_guessed(extract):
    actors, _ = codes(extract, "European leaders condemned the attack in Malawi on Monday.", "ACCUSE")
    assert actors == ["GOV"]


def test_a_bare_office_in_a_sentence_of_two_countries_stays_bare(extract):
    actors, _ = codes(extract, "The president imposed a curfew after clashes between Malawi and Zambia.")
    assert actors == ["GOV"]


def test_an_ethnic_people_belongs_to_the_country_it_lives_in(extract):
    actors, _ = codes(extract, "Ethnic Hungarians in Slovakia protested against the new language law.", "PROTEST")
    assert actors == ["SVKCVL"]


def test_the_people_with_the_article_are_not_taken_for_civilians(extract):
    # "the Russians" is the state or its forces as often as its people
    actors, _ = codes(extract, "The Russians rejected the offer on Monday.", "REJECT")
    assert actors == ["RUS"]


def test_a_state_named_as_a_theme_does_not_place_the_party(extract):
    actors, _ = codes(extract, "The president criticised Malawi's new tax law on Monday.", "ACCUSE")
    assert actors == ["GOV"]


def test_a_religion_code_is_no_country():
    # MUS is CAMEO's Muslim and ISO's Mauritius: a religion owns no code of a state
    assert not phoenix.has_owner("MUS") and not phoenix.has_owner("MUSCVL") and phoenix.has_owner("IRQ")
    assert phoenix.countries_in("Sunni Muslims protested") == set()


def test_a_possessive_pronoun_gives_its_antecedent_state(extract):
    actors, _ = codes(extract, "The Zambian army said its soldiers shelled the rebel camp.", "ASSAULT")
    assert actors == ["ZMBMIL"]


# ---- who released whom when the article has two releasers (an exchange) --------------------------
_EXCHANGE = ("Zambian rebels released two Malawian soldiers near Kasama on Monday. "
             "In exchange, Malawi released 40 Zambian prisoners on Monday. ")


def _release_of(extract, text, name):
    events = extract(text, published="2015-06-01").events
    found = [e for e in events if e.type == "RETREAT" and any(name in r.name for r in e.recipients)]
    assert found, f"no release of {name} in {text!r}"
    return found[0], events


def test_a_release_from_a_place_is_made_by_the_releaser_of_that_places_state(extract):
    release, events = _release_of(extract, _EXCHANGE + "Lilongwe welcomed the release of Danish engineer"
                                  " Lars Holm from Zambia on Monday.", "Holm")
    assert [p.code for p in release.actors] == ["ZMBREB"]
    assert "place released from (ZMB)" in release.why
    # the welcome of that release is addressed to its releaser
    welcome = next(e for e in events if e.type == "SUPPORT")
    assert [p.code for p in welcome.recipients] == ["ZMBREB"] and "releaser" in welcome.why


def test_a_person_held_by_a_party_is_released_by_it(extract):
    release, _ = _release_of(extract, _EXCHANGE + "The Danish engineer Lars Holm, held by the Zambian rebels"
                             " since March, appeared in a video on Sunday. Lilongwe welcomed the release of"
                             " Lars Holm on Monday.", "Holm")
    assert [p.code for p in release.actors] == ["ZMBREB"]
    assert "said in the article to hold Lars Holm" in release.why


def test_a_holder_of_another_state_than_the_place_leaves_the_releaser_empty(extract):
    release, _ = _release_of(extract, _EXCHANGE + "The Danish engineer Lars Holm, held by Malawi since March,"
                             " appeared in a video on Sunday. Lilongwe welcomed the release of Lars Holm"
                             " from Zambia on Monday.", "Holm")
    assert release.actors == ()


def test_people_from_the_place_itself_do_not_say_who_held_them(extract):
    # "detainees from Zambia" of Zambia: where they come from, not where they were held
    release, _ = _release_of(extract, _EXCHANGE + "Lusaka welcomed the release of 30 Zambian detainees"
                             " from Zambia on Monday.", "detainees")
    assert release.actors == ()


def test_the_holder_outweighs_the_articles_one_releaser(extract):
    # the rebels are the article's one releaser, but the article says who holds this engineer
    release, _ = _release_of(extract, "Zambian rebels released two Danish engineers near Kasama on Monday. "
                             "The Danish engineer Lars Holm, held by Malawi since March, appeared in a video"
                             " on Sunday. Lilongwe confirmed the release of Lars Holm on Monday.", "Holm")
    assert [p.name for p in release.actors] == ["Malawi"]

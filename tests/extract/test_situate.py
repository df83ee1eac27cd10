"""Each event's own date and place: which date of the text an event takes, and which name is its place.

Sentences are written for these tests (issue 18: reports of one event split or joined by a wrong date or
place).
"""
from __future__ import annotations

import pytest


def event(result, trigger):
    found = [e for e in result.events if e.trigger.text == trigger]
    assert found, f"no event '{trigger}' in {[(e.type, e.trigger.text) for e in result.events]}"
    return found[0]


# ---- dates ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, trigger, value", [
    # the clause's own date holds however long before the report
    (("Last March, the governor overruled his aides to order the evacuation of all 3,000 residents from "
     "the valley."), "evacuation", "2020-03"),
    ("In 2016, the general ignored his staff to order the withdrawal of the brigade from the border.",
     "withdrawal", "2016"),
])
def test_the_date_of_the_governing_clause_dates_its_complement_however_long_ago(extract, text, trigger, value):
    found = event(extract(text, published="2021-01-15"), trigger)
    assert (found.date.value, found.date.source) == (value, "sentence")


def test_a_statements_date_dates_what_it_reports_only_near_the_report(extract):
    result = extract("In 2012, the minister said that the army had shelled the village.", published="2021-01-15")
    assert event(result, "shelled").date.value != "2012"


def test_a_perfect_clause_does_not_take_the_date_of_the_sentence_before(extract):
    result = extract("Navy gunboats shelled the harbour on Tuesday. Since then, army helicopters have bombed "
                     "positions around the old fort, letting militia fighters retake the hill.",
                     published="2019-05-30")
    bombed = event(result, "bombed")
    assert bombed.date.source != "paragraph" and bombed.date.value != "2019-05-28"


def test_what_follows_the_start_of_a_campaign_is_not_dated_by_its_start(extract):
    result = extract("The naval blockade began May 3 and grew as more ships joined it. Frigates seized "
                     "two cargo ships near the strait.", published="2019-05-30")
    seized = event(result, "seized")
    assert seized.date.value != "2019-05-03"


def test_a_paragraph_still_dates_the_next_sentence_of_a_narration(extract):
    result = extract("Navy gunboats shelled the harbour on Tuesday. Army helicopters bombed positions around "
                     "the old fort.", published="2019-05-30")
    bombed = event(result, "bombed")
    assert (bombed.date.value, bombed.date.source) == ("2019-05-28", "paragraph")


@pytest.mark.parametrize("text, trigger", [
    ("Thousands have died since the republic began its war on the rebels.", "war"),
    ("On Monday, the envoy spoke about the siege of Aleppo.", "siege"),
])
def test_a_situation_that_lasts_takes_no_date_of_the_report(extract, text, trigger):
    found = event(extract(text, published="2016-10-05"), trigger)
    assert found.date is None


def test_a_situation_that_lasts_keeps_a_date_of_its_own(extract):
    found = event(extract("The siege of Aleppo ended in December.", published="2017-03-05"), "siege")
    assert found.date is not None and found.date.value == "2016-12"


@pytest.mark.parametrize("text, value", [
    ("The navy shelled the port in early April.", "2017-04"),  # in a past clause: when it happened
    ("The colonel was freed in June.", "2017-06"),
    ("They met on April 2.", "2017-04-02"),
    ("In December, the president ordered the pullout.", "2017-12"),
    ("The offer was extended to April 20.", "2018-04-20"),  # a deadline still ahead
    ("The talks will resume in April.", "2018-04"),
])
def test_a_month_named_in_past_narration_is_not_after_the_report(extract, text, value):
    result = extract(text, published="2018-03-13")
    assert [d.value for d in result.dates] == [value]


@pytest.mark.parametrize("text, value", [
    ("Last December, the president ordered the pullout.", "2018-12"),
    ("In December, the president ordered the pullout.", "2018-12"),
    ("This December, the president will order the pullout.", "2019-12"),
    ("Next January, the president will order the pullout.", "2020-01"),
])
def test_a_month_with_last_this_or_next_counts_from_the_report(extract, text, value):
    result = extract(text, published="2019-11-20")
    assert [d.value for d in result.dates] == [value]


# ---- weekdays ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("The envoys met on Monday.", "2018-07-09"),  # past: the Monday before a Saturday report
    ("The envoys will meet on Monday.", "2018-07-16"),  # future: the next one
    ("The envoys meet Monday in Oslo.", "2018-07-16"),  # a schedule
    ("The talks come ahead of Monday's summit in Oslo.", "2018-07-16"),  # a noun put ahead of the report
    ("Delegates will gather for the planned Monday summit.", "2018-07-16"),
    ("Monday's summit was a failure.", "2018-07-09"),
    ("Shares fell ahead of Monday's vote.", "2018-07-09"),  # in a past clause, the past one
])
def test_a_weekday_is_the_last_one_in_the_past_and_the_next_one_ahead(extract, text, value):
    result = extract(text, published="2018-07-14")  # a Saturday
    assert [d.value for d in result.dates if "Monday" in d.text] == [value]


def test_a_weekday_said_on_that_weekday_in_the_past_is_the_day_of_the_report(extract):
    result = extract("The envoys met on Saturday.", published="2018-07-14")
    assert [d.value for d in result.dates] == ["2018-07-14"]


# ---- places ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, trigger, place", [
    ("The commander was killed in a U.S. airstrike in Mosul on Friday.", "killed", "Mosul"),
    ("The colonel was wounded in a US drone strike near Kandahar.", "strike", "Kandahar"),
    ("Gunmen stormed the U.S. consulate in Benghazi.", "stormed", "Benghazi"),
])
def test_a_countrys_name_that_says_whose_is_no_place(extract, text, trigger, place):
    found = event(extract(text, published="2016-10-05"), trigger)
    assert found.location is not None and found.location.name == place


@pytest.mark.parametrize("text, trigger", [
    ("The commander was killed in a U.S. airstrike.", "killed"),
    ("Gunmen attacked the U.S. consulate.", "attacked"),
])
def test_a_countrys_name_that_says_whose_places_nothing_alone(extract, text, trigger):
    found = event(extract(text, published="2016-10-05"), trigger)
    assert found.location is None or found.location.country != "USA"


def test_a_country_is_the_place_of_what_happens_on_its_soil(extract):
    found = event(extract("A drone crashed on U.S. soil on Friday.", published="2016-10-05"), "crashed")
    assert found.location is not None and found.location.country == "USA"


def test_a_date_inside_the_subject_dates_the_subject_not_the_acts_of_its_clause(extract):
    result = extract("A newspaper column from March described the detention of forty monks by the army.",
                     published="2019-12-18")
    assert event(result, "detention").date.value != "2019-03"


def test_a_seats_name_that_says_whose_is_no_place(extract):
    result = extract("The panel took testimony from State Department officials, including one who was on the "
                     "ground during the raid, which killed two guards.", published="2016-10-05")
    found = event(result, "killed")
    assert found.location is None or found.location.name != "State Department"


@pytest.mark.parametrize("text, trigger, country", [
    ("The Benghazi attack killed four guards, officials in Washington said.", "attack", "LBY"),
    ("The senator spoke about the Aleppo bombing at a rally in Ohio.", "bombing", "SYR"),
])
def test_a_towns_name_before_an_event_noun_is_where_it_happened(extract, text, trigger, country):
    found = event(extract(text, published="2016-10-05"), trigger)
    assert found.location is not None and found.location.country == country


def test_a_regions_name_before_a_title_is_no_place(extract):
    result = extract("The envoy withdrew after criticism from Arizona Sen. John Baird over her remarks on the "
                     "Benghazi attacks.", published="2012-12-14")
    found = event(result, "attacks")
    assert found.location is not None and found.location.country == "LBY"

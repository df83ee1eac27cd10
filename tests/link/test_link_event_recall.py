"""Event linking recall: reports of one act that extraction words differently still meet (issue 18).

A wound made fatal by the sentence ("shot and killed"), an armed act the killing names as what killed,
an annexed territory written inside a phrase, a weekday resolved to the wrong week. Records are written
by hand (``Report``), stores are real SQLite files; each rule is also checked for what must stay apart and
for the order the reports arrive in.
"""
from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from newstrace.datafiles import load_yaml
from newstrace.lang.linking import link_words
from newstrace.link import link_pending, link_rebuild
from newstrace.link.events import kills, weekday_day
from newstrace.records import DateValue, EntityRef, Party
from newstrace.store import schema

from .test_link import Report, _cluster_of, _clusters_in_every_order, _linked_store


def _clusters_by_trigger(store, report: Report) -> dict[str, str]:
    e = schema.events
    with store.engine.connect() as conn:
        rows = conn.execute(select(e.c.data, e.c.cluster_id).where(e.c.article_id == report.article.id)).all()
    return {data["trigger"]["text"]: cluster for data, cluster in rows}


def test_linking_words_are_data_that_loads():
    words = link_words()
    assert {"now", "so far"} <= words.present_state
    assert "kill" in words.killing_stems and "annex" in words.annexing_stems
    assert {"drone strike", "raid"} <= words.strike_words and "shot" in words.killing_wounds
    assert set(load_yaml("linking.yaml")) == {f.name for f in dataclasses.fields(words)}


@pytest.mark.parametrize("trigger, sentence, expected", [
    ("shot", "Gunmen shot and killed the mayor late Friday.", True),
    ("shot", "The mayor was shot dead outside his home.", True),
    ("shot", "The mayor was fatally shot outside his home.", True),
    ("stabbed", "The guard was stabbed to death in the yard.", True),
    ("shot", "The mayor was shot three times and killed.", True),
    ("shot", "The mayor was shot in the leg and survived.", False),
    ("shot", "Police shot rubber bullets; the dead were counted later.", False),
    ("assassinated", "Rebels assassinated the mayor.", True),
])
def test_a_wound_kills_only_where_the_sentence_says_it_was_fatal(trigger, sentence, expected):
    assert kills("ASSAULT", trigger, sentence) is expected
    assert kills("PROTEST", trigger, sentence) is False


def test_shot_and_killed_is_the_killing_in_any_order(tmp_path):
    def reports():
        shot = Report("Ilya Brandt was shot and killed near the bridge late Friday.", "2015-02-28")
        shot.event("shot", "ASSAULT", recipients=[shot.entity("PERSON", "Ilya Brandt")], date="2015-02-27")
        murder = Report("The murder of Ilya Brandt shook the capital, his friends said.", "2015-03-09")
        murder.event("murder", "ASSAULT", recipients=[murder.entity("PERSON", "Ilya Brandt")])
        wounded = Report("Ilya Brandt was shot in the leg at a rally and recovered.", "2012-05-03")
        wounded.event("shot", "ASSAULT", recipients=[wounded.entity("PERSON", "Ilya Brandt")], date="2012-05-02")
        return shot, murder, wounded

    for _, (shot, murder, wounded) in _clusters_in_every_order(tmp_path, reports):
        assert shot == murder != wounded  # the wound of 2012 was not fatal: another act


def test_the_strike_a_killing_names_as_what_killed_is_the_killing(tmp_path):
    ordered = Report("Ostrian generals ordered the strike that killed Omid Tal at the airport.", "2020-01-04")
    ordered.event("strike", "ASSAULT", actors=[ordered.entity("ORG", "Ostrian generals")])
    ordered.event("killed", "ASSAULT", actors=[EntityRef(None, "the strike")],
                  recipients=[ordered.entity("PERSON", "Omid Tal")])
    inside = Report("Protests followed the killing of Omid Tal in a drone strike near the airport.", "2020-01-05")
    inside.event("strike", "ASSAULT")
    inside.event("killing", "ASSAULT", recipients=[inside.entity("PERSON", "Omid Tal")])
    # another act of the sentence: the attack came after the killing, by someone else
    after = Report("After Omid Tal was killed, Varnian militias launched an attack on the embassy.", "2020-01-06")
    after.event("attack", "ASSAULT", actors=[after.entity("ORG", "Varnian militias")])
    after.event("killed", "ASSAULT", recipients=[after.entity("PERSON", "Omid Tal")])
    # the killing's actor left out by extraction: the words say the attack killed
    unnamed = Report("Ostrian generals ordered the attack that killed Omid Tal, the ministry said.", "2020-01-07")
    unnamed.event("attack", "ASSAULT", actors=[unnamed.entity("ORG", "Ostrian generals")])
    unnamed.event("killed", "ASSAULT", recipients=[unnamed.entity("PERSON", "Omid Tal")])
    # a page without any date, not even of publication
    timeless = Report("Varnian officers ordered the attack that killed Omid Tal at the airport.", None)
    timeless.event("attack", "ASSAULT", actors=[timeless.entity("ORG", "Varnian officers")])
    timeless.event("killed", "ASSAULT", recipients=[timeless.entity("PERSON", "Omid Tal")])
    store = _linked_store(tmp_path, [ordered, inside, after, unnamed, timeless])
    one, two, three, four, five = (_clusters_by_trigger(store, r) for r in (ordered, inside, after, unnamed, timeless))
    assert one["strike"] == one["killed"] == two["strike"] == two["killing"] == three["killed"]
    assert four["attack"] == four["killed"] == one["killed"] == five["attack"] == five["killed"]
    assert three["attack"] != three["killed"]
    store.close()


def test_an_annexed_territory_written_inside_a_phrase_is_that_territory(tmp_path):
    def reports():
        plain = Report("Varnia annexed Ostmark in March.", "2014-05-22")
        plain.event("annexed", "COERCE", actors=[plain.entity("GPE", "Varnia")],
                    recipients=[plain.entity("GPE", "Ostmark")], date="2014-03", granularity="month")
        phrase = Report("Since Varnia annexed Ostland's Ostmark region in 2014, Ostland has rearmed.", "2018-06-25")
        phrase.entity("GPE", "Ostland")
        phrase.entity("GPE", "Ostmark")
        phrase.event("annexed", "COERCE", actors=[phrase.entity("GPE", "Varnia")],
                     recipients=[EntityRef(None, "Ostland's Ostmark region")], date="2014", granularity="year")
        # the owner written with a possessive is not what was annexed
        owner = Report("Varnia annexed Ostland's eastern coast, Ostland said.", "2016-01-10")
        owner.entity("GPE", "Ostland")
        owner.event("annexed", "COERCE", actors=[owner.entity("GPE", "Varnia")],
                    recipients=[EntityRef(None, "Ostland's eastern coast")], date="2016-01-09")
        # extraction took the owner for what was annexed: the phrase as written says which territory
        misread = Report("Unrest grew after Varnia annexed Ostland's Ostmark region, Ostland said.", "2019-09-02")
        misread.entity("GPE", "Ostmark")
        ostland = misread.entity("GPE", "Ostland")
        misread.event("annexed", "COERCE", actors=[misread.entity("GPE", "Varnia")],
                      recipients=[EntityRef(ostland.id, "Ostland")])
        written = misread.span("Ostland's Ostmark region")
        misread.events[-1] = dataclasses.replace(misread.events[-1], recipients=(
            Party(ostland.id, "Ostland", written),))
        # the state it was taken from is not what was annexed either
        taken = Report("Leaders shunned Varnia after it annexed Ostmark from Ostland.", "2015-06-07")
        taken.entity("GPE", "Ostland")
        taken.event("annexed", "COERCE", actors=[taken.entity("GPE", "Varnia")],
                    recipients=[taken.entity("GPE", "Ostmark")])
        written = taken.span("Ostmark from Ostland")
        taken.events[-1] = dataclasses.replace(taken.events[-1], recipients=(
            Party(taken.events[-1].recipients[0].id, "Ostmark", written),))
        return plain, phrase, owner, misread, taken

    for order in ((0, 1, 2, 3, 4), (1, 3, 2, 4, 0)):
        built = reports()
        store = _linked_store(tmp_path / "".join(map(str, order)), [built[i] for i in order])
        plain, phrase, owner, misread, taken = (_cluster_of(store, r) for r in built)
        assert plain == phrase == misread == taken != owner
        store.close()


def _weekday(report: Report, day: str, text: str) -> None:
    """Give the report's last event the date ``day`` as written ``text`` ("Monday")."""
    event = report.events[-1]
    report.events[-1] = dataclasses.replace(event, date=DateValue(day, "day", text))


def test_a_weekday_resolved_to_the_wrong_week_still_joins_the_same_act(tmp_path):
    def reports():
        # published on a Sunday about "Monday", the next day, but resolved to the Monday before
        early = Report("Aldo Fenn and Mara Quist met in Tiberon on Monday to sign the fishing accord.", "2018-06-10")
        early.event("met", "CONSULT", actors=[early.entity("PERSON", "Aldo Fenn"), early.entity("PERSON", "Mara Quist")])
        _weekday(early, "2018-06-04", "Monday")
        late = Report("Aldo Fenn and Mara Quist met Monday in Tiberon and signed the fishing accord.", "2018-06-13")
        late.event("met", "CONSULT", actors=[late.entity("PERSON", "Aldo Fenn"), late.entity("PERSON", "Mara Quist")])
        _weekday(late, "2018-06-11", "Monday")
        # a week later, a date written out, other words: their next meeting
        again = Report("Aldo Fenn and Mara Quist met on 18 June to discuss rail tariffs.", "2018-06-19")
        again.event("met", "CONSULT", actors=[again.entity("PERSON", "Aldo Fenn"), again.entity("PERSON", "Mara Quist")],
                    date="2018-06-18")
        return early, late, again

    for order in ((0, 1, 2), (1, 0, 2), (2, 1, 0)):
        built = reports()
        store = _linked_store(tmp_path / "".join(map(str, order)), [built[i] for i in order])
        early, late, again = (_cluster_of(store, r) for r in built)
        assert early == late != again
        store.close()


def test_dates_a_week_apart_written_out_stay_two_acts(tmp_path):
    one = Report("Aldo Fenn and Mara Quist met in Tiberon on 4 June to sign the fishing accord.", "2018-06-05")
    one.event("met", "CONSULT", actors=[one.entity("PERSON", "Aldo Fenn"), one.entity("PERSON", "Mara Quist")],
              date="2018-06-04")
    two = Report("Aldo Fenn and Mara Quist met in Tiberon on 11 June to sign the fishing accord.", "2018-06-12")
    two.event("met", "CONSULT", actors=[two.entity("PERSON", "Aldo Fenn"), two.entity("PERSON", "Mara Quist")],
              date="2018-06-11")
    store = _linked_store(tmp_path, [one, two])
    assert _cluster_of(store, one) != _cluster_of(store, two)
    assert weekday_day({"text": "Monday", "granularity": "day", "value": "2018-06-11"}).isoformat() == "2018-06-11"
    assert weekday_day({"text": "11 June", "granularity": "day", "value": "2018-06-11"}) is None
    store.close()


def test_a_weekday_a_week_off_joins_as_a_rebuild_joins_it(tmp_path):
    """Linked in two runs (the cluster a week off is read from the store) as in one rebuild."""
    early = Report("Aldo Fenn and Mara Quist met in Tiberon on Monday to sign the fishing accord.", "2018-06-10")
    early.event("met", "CONSULT", actors=[early.entity("PERSON", "Aldo Fenn"), early.entity("PERSON", "Mara Quist")])
    _weekday(early, "2018-06-04", "Monday")
    late = Report("Aldo Fenn and Mara Quist met Monday in Tiberon and signed the fishing accord.", "2018-06-13")
    late.event("met", "CONSULT", actors=[late.entity("PERSON", "Aldo Fenn"), late.entity("PERSON", "Mara Quist")])
    _weekday(late, "2018-06-11", "Monday")
    store = _linked_store(tmp_path, [late])
    store.write_result(early.result())
    link_pending(store)
    incremental = (_cluster_of(store, early), _cluster_of(store, late))
    link_rebuild(store)
    assert incremental[0] == incremental[1] == _cluster_of(store, early) == _cluster_of(store, late)
    store.close()


def test_one_speaker_on_one_day_saying_to_whom_on_one_side_only_is_two_statements(tmp_path):
    insisted = Report("Mara Quist insisted on Wednesday that the mission would be short.", "2014-09-11")
    insisted.event("insisted", "REQUEST", actors=[insisted.entity("PERSON", "Mara Quist")], date="2014-09-10")
    asked = Report("Mara Quist asked the Tiberon Assembly on Wednesday to fund the rebels.", "2014-09-12")
    asked.event("asked", "REQUEST", actors=[asked.entity("PERSON", "Mara Quist")],
                recipients=[asked.entity("ORG", "Tiberon Assembly")], date="2014-09-10")
    # the same request told again, without the addressee, in the same words
    again = Report("Mara Quist asked on Wednesday for money to fund the rebels.", "2014-09-13")
    again.event("asked", "REQUEST", actors=[again.entity("PERSON", "Mara Quist")], date="2014-09-10")
    store = _linked_store(tmp_path, [insisted, asked, again])
    assert _cluster_of(store, insisted) != _cluster_of(store, asked)
    assert _cluster_of(store, again) == _cluster_of(store, asked)
    store.close()

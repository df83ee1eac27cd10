"""Event linking, fourth round (issue 18): the victim of a killing whose recipient names no person, a
killing told through the order that did it, an owner written as recipient, acts numbered differently, a
rumoured death years before the killing, and a party told in another sentence seen alike by incremental
runs and rebuilds. Records are written by hand (``Report``); stores are real SQLite files.
"""
from __future__ import annotations

import dataclasses

from newstrace.link import link_pending, link_rebuild
from newstrace.link.events import named_month, ordinals, written_as_owner
from newstrace.records import EntityRef, Party
from newstrace.store import open_store

from .test_link import Report, _cluster_of, _clusters_in_every_order, _linked_store
from .test_link_event_recall import _clusters_by_trigger


def _sentence(report: Report, words: str) -> None:
    """Make ``words`` the sentence of the report's last event (the rest of the text is other sentences)."""
    report.events[-1] = dataclasses.replace(report.events[-1], sentence=report.span(words))


def test_the_person_a_passive_killing_is_told_of_is_its_victim_when_the_recipient_is_none(tmp_path):
    def reports():
        murdered = Report("Tomas Rell was murdered inside the consulate in Tiberon on 2 October.", "2018-10-05")
        murdered.event("murdered", "ASSAULT", recipients=[murdered.entity("PERSON", "Tomas Rell")], date="2018-10-02")
        # extraction read the relative clause as the recipient
        alleged = Report("Ostland pressed Varnia over Tomas Rell, who Ostland officials allege was killed by "
                         "Varnian agents.", "2018-10-20")
        alleged.entity("PERSON", "Tomas Rell")
        alleged.event("killed", "ASSAULT", actors=[alleged.entity("NORP", "Varnian agents")],
                      recipients=[EntityRef(None, "who Ostland officials allege")])
        # ... and "evidence" as the recipient, a clause about the victim in between
        evidence = Report("Officials had audio evidence proving Tomas Rell, who wrote for the Tiberon Post, was "
                          "murdered inside the consulate.", "2018-10-22")
        evidence.entity("PERSON", "Tomas Rell"), evidence.entity("ORG", "Tiberon Post")
        evidence.event("murdered", "ASSAULT", recipients=[EntityRef(None, "audio evidence")])
        # the person named is the speaker, not the victim
        speaker = Report("Tomas Rell said the guard was killed at the gate.", "2017-03-02")
        speaker.entity("PERSON", "Tomas Rell")
        speaker.event("killed", "ASSAULT", recipients=[EntityRef(None, "the guard")])
        clause = Report("Tomas Rell, who heads the guild, said the driver was killed in the crash.", "2017-03-03")
        clause.entity("PERSON", "Tomas Rell")
        clause.event("killed", "ASSAULT", recipients=[EntityRef(None, "the driver")])
        return murdered, alleged, evidence, speaker, clause

    for order in ((0, 1, 2, 3, 4), (2, 1, 4, 3, 0), (3, 4, 1, 0, 2)):
        built = reports()
        store = _linked_store(tmp_path / "".join(map(str, order)), [built[i] for i in order])
        murdered, alleged, evidence, speaker, clause = (_cluster_of(store, r) for r in built)
        assert murdered == alleged == evidence
        assert len({murdered, speaker, clause}) == 3
        store.close()


def test_a_killing_told_through_the_order_that_did_it_joins_the_killing_its_article_reports(tmp_path):
    done = Report("Varnian drones killed Omid Tal at the airport on Friday.", "2020-01-04")
    done.event("killed", "ASSAULT", actors=[done.entity("GPE", "Varnian")],
               recipients=[done.entity("PERSON", "Omid Tal")], date="2020-01-03")
    order = Report("Omid Tal was murdered last week. The fallout of Lena Rhee's order to kill Omid Tal was swift.",
                   "2020-01-09")
    order.event("murdered", "ASSAULT", recipients=[order.entity("PERSON", "Omid Tal")])
    order.event("kill", "ASSAULT", actors=[order.entity("PERSON", "Lena Rhee")],
                recipients=[order.entity("PERSON", "Omid Tal")], factuality="future")
    denied = Report("Omid Tal was murdered in January. Lena Rhee denied ordering the killing of Omid Tal.",
                    "2020-02-10")
    denied.event("murdered", "ASSAULT", recipients=[denied.entity("PERSON", "Omid Tal")])
    denied.event("killing", "ASSAULT", recipients=[denied.entity("PERSON", "Omid Tal")], factuality="negated")
    # an article that does not report the killing done: a plan, whatever its words
    plan = Report("Lena Rhee signed an order to kill Omid Tal, aides said.", "2019-06-01")
    plan.event("kill", "ASSAULT", actors=[plan.entity("PERSON", "Lena Rhee")],
               recipients=[plan.entity("PERSON", "Omid Tal")], factuality="future")
    # the article reports it done, but the sentence tells an option, or a plan dated before the act
    option = Report("Omid Tal was murdered last week. One option had been to kill Omid Tal at home.", "2020-01-10")
    option.event("murdered", "ASSAULT", recipients=[option.entity("PERSON", "Omid Tal")])
    option.event("kill", "ASSAULT", recipients=[option.entity("PERSON", "Omid Tal")], factuality="future")
    early = Report("Omid Tal was murdered last week. An order to kill Omid Tal was signed in 2018.", "2020-01-11")
    early.event("murdered", "ASSAULT", recipients=[early.entity("PERSON", "Omid Tal")])
    early.event("kill", "ASSAULT", recipients=[early.entity("PERSON", "Omid Tal")], factuality="future",
                date="2018", granularity="year")
    store = _linked_store(tmp_path, [done, order, denied, plan, option, early])
    killing = _clusters_by_trigger(store, done)["killed"]
    assert _clusters_by_trigger(store, order) == {"murdered": killing, "kill": killing}
    assert _clusters_by_trigger(store, denied) == {"murdered": killing, "killing": killing}
    assert _cluster_of(store, plan) != killing
    assert _clusters_by_trigger(store, option)["murdered"] == killing != _clusters_by_trigger(store, option)["kill"]
    assert _clusters_by_trigger(store, early)["murdered"] == killing != _clusters_by_trigger(store, early)["kill"]
    store.close()


def test_a_recipient_written_as_the_owner_of_another_is_not_whom_the_act_was_done_to(tmp_path):
    text = "The February assassination of Ostrian leader Omar Dask's half-brother was an act of terror, aides said."
    brother = Report(text, "2017-11-20")
    dask = brother.entity("PERSON", "Omar Dask")
    brother.event("assassination", "ASSAULT", recipients=[Party(dask.id, "Omar Dask", brother.span("Ostrian leader Omar Dask"))],
                  date="2017-02", granularity="month")
    plan = Report("Ostland set up a unit with the goal of assassinating Omar Dask.", "2017-09-16")
    plan.event("assassinating", "ASSAULT", recipients=[plan.entity("PERSON", "Omar Dask")])
    store = _linked_store(tmp_path, [brother, plan])
    assert _cluster_of(store, brother) != _cluster_of(store, plan)
    store.close()
    data = {"sentence": {"start": 0, "text": text}, "trigger": {"start": text.index("assassination")}}
    assert written_as_owner({"span": {"end": text.index("'s half")}}, data)
    killing = "Omar Dask's brutal killing shocked the capital."
    data = {"sentence": {"start": 0, "text": killing}, "trigger": {"start": killing.index("killing")}}
    assert not written_as_owner({"span": {"end": killing.index("'s")}}, data)  # the owner of the killing: its victim
    vehicle = "Varnian drones hit Omar Dask's vehicle outside the airport."
    data = {"sentence": {"start": 0, "text": vehicle}, "trigger": {"start": vehicle.index("hit")}}
    assert not written_as_owner({"span": {"end": vehicle.index("'s")}}, data)  # a thing he owned: aimed at him


def test_acts_numbered_differently_are_two_acts(tmp_path):
    assert ordinals("a second day of airstrikes") == {"second"}
    assert ordinals("a former first deputy prime minister, the First Lady") == set()
    assert ordinals("the first in-person talks since his second term began") == set()

    def reports():
        second = Report("Varnia carried out a second day of airstrikes in Ostland on Tuesday night.", "2014-09-24")
        second.event("airstrikes", "ASSAULT", actors=[second.entity("GPE", "Varnia")], date="2014-09-23")
        first = Report("On Tuesday, Varnia dropped bombs inside Ostland in the first round of strikes.", "2014-09-24")
        first.event("dropped", "ASSAULT", actors=[first.entity("GPE", "Varnia")], date="2014-09-23")
        plain = Report("Varnia ordered the strikes in Ostland on Sept. 23.", "2014-11-30")
        plain.event("strikes", "ASSAULT", actors=[plain.entity("GPE", "Varnia")], date="2014-09-23")
        return second, first, plain

    for _, (second, first, plain) in _clusters_in_every_order(tmp_path, reports):
        assert second != first and plain in (second, first)


def test_a_death_rumoured_years_before_the_killing_stays_apart_in_any_order(tmp_path):
    def reports():
        rumour = Report("Reports said on Wednesday that Abu Karim had been killed.", "2014-09-04")
        rumour.event("killed", "ASSAULT", recipients=[rumour.entity("PERSON", "Abu Karim")], date="2014-09-03")
        raid = Report("Abu Karim was killed in a raid on 26 October.", "2019-10-28")
        raid.event("killed", "ASSAULT", recipients=[raid.entity("PERSON", "Abu Karim")], date="2019-10-26")
        praise = Report("Leaders praised the mission that killed Abu Karim.", "2019-11-28")
        praise.event("killed", "ASSAULT", recipients=[praise.entity("PERSON", "Abu Karim")])
        # undated, but the sentence names the month in words the date reader left alone
        october = Report("Leaders praised the October mission that killed Abu Karim.", "2019-11-29")
        october.event("killed", "ASSAULT", recipients=[october.entity("PERSON", "Abu Karim")])
        return rumour, raid, praise, october

    for order, (rumour, raid, praise, october) in _clusters_in_every_order(tmp_path, reports):
        assert rumour != raid and october == raid != rumour
        if order.index(2) > order.index(1):  # the undated retelling, read after the killing: the killing
            assert praise == raid
    assert named_month("Leaders praised the October mission.", "2019-11-28").lo.isoformat() == "2019-10-01"
    assert named_month("Leaders praised the October 2019 mission.", "2019-11-28") is None  # a year: dated upstream
    assert named_month("Theresa May praised the mission.", "2019-11-28") is None


def test_a_party_told_in_another_sentence_is_no_party_for_incremental_runs_either(tmp_path):
    """A pronoun whose antecedent another sentence names is left out of a new report's parties; a report
    read back from the store leaves it out too, so two runs give the clusters one rebuild gives."""
    text = "Ilse Varga entered the consulate in Tiberon. The kingdom later admitted she had been murdered."
    pronoun = Report(text, "2018-10-22")
    varga = pronoun.entity("PERSON", "Ilse Varga")
    pronoun.event("murdered", "ASSAULT", recipients=[Party(varga.id, "Ilse Varga", pronoun.span("Ilse Varga"),
                                                          pronoun=pronoun.span("she"))])
    _sentence(pronoun, "The kingdom later admitted she had been murdered.")
    named = Report("Ilse Varga was murdered in the consulate in Tiberon on 2 October.", "2018-10-25")
    named.event("murdered", "ASSAULT", recipients=[named.entity("PERSON", "Ilse Varga")], date="2018-10-02")
    store = _linked_store(tmp_path, [pronoun])
    store.write_result(named.result())
    link_pending(store)
    incremental = _cluster_of(store, pronoun) == _cluster_of(store, named)
    link_rebuild(store)
    assert incremental == (_cluster_of(store, pronoun) == _cluster_of(store, named))
    store.close()


def test_one_sentence_tells_one_killing_with_a_wound_and_with_the_strike_that_killed(tmp_path):
    # "shot and killed": the killing names no one of its own, the wound names the victim
    shot = Report("Ilya Brandt was shot and killed shortly before midnight Friday by a gunman.", "2015-02-28")
    shot.event("shot", "ASSAULT", recipients=[shot.entity("PERSON", "Ilya Brandt")])
    shot.event("killed", "ASSAULT", actors=[EntityRef(None, "a gunman")], date="2015-02-27")
    # "the same strike that killed X", the strike naming whom else it hit
    strike = Report("Omar Vale died in the same Varnian strike that killed Omid Tal.", "2020-01-05")
    strike.event("strike", "ASSAULT", actors=[strike.entity("GPE", "Varnian")],
                 recipients=[strike.entity("PERSON", "Omar Vale")])
    strike.event("killed", "ASSAULT", recipients=[strike.entity("PERSON", "Omid Tal")])
    # two acts of one sentence: shot, and later another killed
    two = Report("Ilse Varga was shot in the arm, and guards later killed the attacker.", "2015-03-02")
    two.event("shot", "ASSAULT", recipients=[two.entity("PERSON", "Ilse Varga")])
    two.event("killed", "ASSAULT", actors=[EntityRef(None, "guards")], date="2015-03-01")
    store = _linked_store(tmp_path, [shot, strike, two])
    one = _clusters_by_trigger(store, shot)
    assert one["shot"] == one["killed"]
    hit = _clusters_by_trigger(store, strike)
    assert hit["strike"] == hit["killed"]
    apart = _clusters_by_trigger(store, two)
    assert apart["shot"] != apart["killed"]
    store.close()


def test_an_article_telling_an_act_again_in_other_words_of_one_meaning_retells_it(tmp_path):
    dated = Report("On August 24, Arne Solberg resigned, Fjordtech said.", "2011-10-06")
    dated.event("resigned", "RETREAT", actors=[dated.entity("PERSON", "Arne Solberg")], date="2011-08-24")
    headline = Report("Fjordtech executive Arne Solberg resigns\n\nArne Solberg, founder of Fjordtech, has chosen "
                      "to step down from his post as chief of the company.", "2011-08-25")
    headline.event("resigns", "RETREAT", actors=[headline.entity("PERSON", "Arne Solberg")])
    _sentence(headline, "Fjordtech executive Arne Solberg resigns")
    headline.event("step", "RETREAT", actors=[headline.entity("PERSON", "Arne Solberg")])
    _sentence(headline, "Arne Solberg, founder of Fjordtech, has chosen to step down from his post as chief of the company.")
    # a step of another kind, in another article, stays apart
    other = Report("Arne Solberg stepped back from the Fjordtech board talks.", "2011-08-26")
    other.event("stepped", "RETREAT", actors=[other.entity("PERSON", "Arne Solberg")])
    store = _linked_store(tmp_path, [dated, headline, other])
    told = _clusters_by_trigger(store, headline)
    assert told["resigns"] == told["step"] != _cluster_of(store, other)
    store.close()


def test_the_airstrike_a_killing_names_is_the_killing_though_a_place_was_read_from_its_actor(tmp_path):
    text = "The protests answered the killing of Omid Tal in a U.S. airstrike in Baghdad."
    named = Report(text, "2020-01-13")
    named.event("airstrike", "ASSAULT", actors=[named.entity("GPE", "U.S.")])
    named.events[-1] = dataclasses.replace(named.events[-1], location=EntityRef(None, "Baghdad"))
    named.event("killing", "ASSAULT", recipients=[named.entity("PERSON", "Omid Tal")])
    named.events[-1] = dataclasses.replace(named.events[-1], location=EntityRef(None, "United States"))
    # two places and no words tying the acts: the same actor bombed in two countries
    two = Report("U.S. planes bombed Mosul, and a U.S. raid hit Raqqa.", "2016-03-02")
    two.event("bombed", "ASSAULT", actors=[two.entity("GPE", "U.S.")], date="2016-03-01")
    two.events[-1] = dataclasses.replace(two.events[-1], location=EntityRef(None, "Iraq"))
    two.event("raid", "ASSAULT", date="2016-03-01")
    two.events[-1] = dataclasses.replace(two.events[-1], actors=(EntityRef(two.events[0].actors[0].id, "U.S."),),
                                         location=EntityRef(None, "Syria"))
    store = _linked_store(tmp_path, [named, two])
    one = _clusters_by_trigger(store, named)
    assert one["airstrike"] == one["killing"]
    apart = _clusters_by_trigger(store, two)
    assert apart["bombed"] != apart["raid"]
    store.close()


def test_an_undated_report_still_bridges_reports_of_one_killing_dated_days_apart(tmp_path):
    raid = Report("Abu Karim was killed in a raid on 26 October.", "2019-10-28")
    raid.event("killed", "ASSAULT", recipients=[raid.entity("PERSON", "Abu Karim")], date="2019-10-26")
    misdated = Report("On the same day as the strike on Abu Karim, a second raid failed.", "2019-11-09")
    misdated.event("strike", "ASSAULT", recipients=[misdated.entity("PERSON", "Abu Karim")], date="2019-11-03")
    praise = Report("Leaders praised the mission that killed Abu Karim.", "2019-11-28")
    praise.event("killed", "ASSAULT", recipients=[praise.entity("PERSON", "Abu Karim")])
    store = _linked_store(tmp_path, [raid, misdated, praise])
    assert _cluster_of(store, raid) == _cluster_of(store, misdated) == _cluster_of(store, praise)
    store.close()


def test_a_strike_the_sentence_says_was_a_death_is_aimed_at_who_died(tmp_path):
    killed = Report("Varnian drones killed Omid Tal at the airport on Friday.", "2020-01-04")
    killed.event("killed", "ASSAULT", recipients=[killed.entity("PERSON", "Omid Tal")], date="2020-01-03")
    death = Report("Omid Tal's death last week in a Varnian drone strike drew crowds to the streets.", "2020-01-08")
    death.entity("PERSON", "Omid Tal")
    death.event("strike", "ASSAULT", actors=[death.entity("GPE", "Varnian")])
    after = Report("After Omid Tal's death, a Varnian strike hit the militia's depot.", "2020-01-09")
    after.entity("PERSON", "Omid Tal")
    after.event("strike", "ASSAULT", actors=[after.entity("GPE", "Varnian")])
    store = _linked_store(tmp_path, [killed, death, after])
    assert _cluster_of(store, killed) == _cluster_of(store, death) != _cluster_of(store, after)
    store.close()


def test_an_attack_the_sentence_says_left_someone_dead_is_aimed_at_him(tmp_path):
    killed = Report("Gunmen killed Ambassador Omid Tal in Sarn on Tuesday.", "2012-09-12")
    killed.event("killed", "ASSAULT", recipients=[killed.entity("PERSON", "Omid Tal")], date="2012-09-11")
    left = Report("The committee will hear the man who took charge after the Sarn attack left Ambassador Omid Tal "
                  "and three guards dead.", "2013-05-07")
    left.entity("PERSON", "Omid Tal")
    left.event("attack", "ASSAULT")
    resulting = Report("She took the blame for the lapses that led to the attack on the Varnian consulate in Sarn, "
                       "resulting in the death of Ambassador Omid Tal.", "2013-01-23")
    resulting.entity("PERSON", "Omid Tal")
    resulting.event("attack", "ASSAULT", recipients=[resulting.entity("FAC", "Varnian consulate")])
    wounded = Report("A second attack in Sarn left two guards wounded weeks after Omid Tal was buried.", "2013-02-01")
    wounded.entity("PERSON", "Omid Tal")
    wounded.event("attack", "ASSAULT")
    store = _linked_store(tmp_path, [killed, left, resulting, wounded])
    assert _cluster_of(store, killed) == _cluster_of(store, left) == _cluster_of(store, resulting)
    assert _cluster_of(store, wounded) != _cluster_of(store, killed)
    store.close()


def test_an_annexation_of_the_region_is_of_the_territory_its_sentence_names(tmp_path):
    right = Report("Varnia annexed Ostmark in March.", "2014-05-22")
    right.event("annexed", "COERCE", actors=[right.entity("GPE", "Varnia")],
                recipients=[right.entity("GPE", "Ostmark")], date="2014-03", granularity="month")
    region = Report("Starting with Ostmark, Varnia moves in and eventually annexes the region from Sarnia.",
                    "2016-04-17")
    region.entity("GPE", "Ostmark")
    region.event("annexes", "COERCE", actors=[region.entity("GPE", "Varnia")],
                 recipients=[EntityRef(None, "the region"), region.entity("GPE", "Sarnia")])
    two = Report("Varnia took Ostmark and Westmark, then annexed the region in a vote.", "2016-04-18")
    two.entity("GPE", "Ostmark")
    two.entity("GPE", "Westmark")
    two.event("annexed", "COERCE", actors=[two.entity("GPE", "Varnia")],
              recipients=[EntityRef(None, "the region")])
    for order in ((right, region, two), (two, region, right)):
        store = _linked_store(tmp_path / str(id(order)), list(order))
        assert _cluster_of(store, right) == _cluster_of(store, region)
        assert _cluster_of(store, two) != _cluster_of(store, right)  # two territories named: neither is meant
        store.close()


def test_an_assault_on_a_person_who_was_killed_is_the_killing(tmp_path):
    killed = Report("Gunmen killed Ambassador Omid Tal in Sarn on Tuesday.", "2012-09-12")
    killed.event("killed", "ASSAULT", recipients=[killed.entity("PERSON", "Omid Tal")], date="2012-09-11")
    assault = Report("Four guards, including Ambassador Omid Tal, died in the Sarn assault.", "2013-03-05")
    assault.event("assault", "ASSAULT", recipients=[assault.entity("PERSON", "Omid Tal")])
    store = _linked_store(tmp_path, [killed, assault])
    assert _cluster_of(store, killed) == _cluster_of(store, assault)
    store.close()


def test_an_undated_report_bridges_an_act_whose_date_was_read_a_year_off(tmp_path):
    """"Moscow, which annexed Ostmark in March", published in February, read as the March to come: an
    undated retelling still makes it one annexation with the reports that date it right."""
    def reports():
        right = Report("Varnia annexed Ostmark in March.", "2014-05-22")
        right.event("annexed", "COERCE", actors=[right.entity("GPE", "Varnia")],
                    recipients=[right.entity("GPE", "Ostmark")], date="2014-03", granularity="month")
        off = Report("Varnia, which annexed Ostmark in March, denied arming the rebels.", "2015-02-28")
        off.event("annexed", "COERCE", actors=[off.entity("GPE", "Varnia")],
                  recipients=[off.entity("GPE", "Ostmark")], date="2015-03", granularity="month")
        retold = Report("Three years on, Varnia has annexed Ostmark and invaded the coast.", "2017-02-15")
        retold.event("annexed", "COERCE", actors=[retold.entity("GPE", "Varnia")],
                     recipients=[retold.entity("GPE", "Ostmark")])
        return right, off, retold

    for order in ((0, 1, 2), (2, 1, 0), (1, 0, 2)):
        built = reports()
        store = _linked_store(tmp_path / "".join(map(str, order)), [built[i] for i in order])
        assert len({_cluster_of(store, r) for r in built}) == 1
        store.close()


def test_a_killing_in_a_shootout_its_manner_and_a_hedged_retelling_are_the_killing(tmp_path):
    killed = Report("Tamas Orr was killed in a shootout with police in Tiberon overnight.", "2013-04-19")
    killed.event("killed", "ASSAULT", recipients=[killed.entity("PERSON", "Tamas Orr")])
    killed.event("shootout", "ASSAULT", recipients=[killed.entity("ORG", "police")])
    manner = Report("Officials said how Tamas Orr was killed, saying he was strangled.", None)  # a page without a date
    orr = manner.entity("PERSON", "Tamas Orr")
    manner.event("killed", "ASSAULT", recipients=[orr])
    manner.event("strangled", "ASSAULT", recipients=[orr])
    # coded hypothetical by extraction ("likely to"), in an article that reports the killing done
    hedged = Report("Tamas Orr was murdered on Friday. The killing of Tamas Orr is likely to prove a turning point.",
                    "2013-04-21")
    hedged.event("murdered", "ASSAULT", recipients=[hedged.entity("PERSON", "Tamas Orr")], date="2013-04-19")
    hedged.event("killing", "ASSAULT", recipients=[hedged.entity("PERSON", "Tamas Orr")], factuality="hypothetical")
    # a threat with a condition, in an article that reports the killing done: a plan
    threat = Report("Tamas Orr was murdered on Friday. Weeks ago rebels said they would kill Tamas Orr if unpaid.",
                    "2013-04-22")
    threat.event("murdered", "ASSAULT", recipients=[threat.entity("PERSON", "Tamas Orr")], date="2013-04-19")
    threat.event("kill", "ASSAULT", recipients=[threat.entity("PERSON", "Tamas Orr")], factuality="hypothetical")
    store = _linked_store(tmp_path, [killed, manner, hedged, threat])
    one, two, three, four = (_clusters_by_trigger(store, r) for r in (killed, manner, hedged, threat))
    assert one["killed"] == one["shootout"] == two["killed"] == two["strangled"] == three["killing"] == four["murdered"]
    assert four["kill"] != four["murdered"]
    store.close()


def test_stored_killings_read_back_decide_as_new_ones_on_both_stores(store_url):
    """Linked in two runs (the second reads the first run's clusters back, with their parties' spans and
    sentences) as in one rebuild, on SQLite and PostgreSQL."""
    alleged = Report("Ostland pressed Varnia over Tomas Rell, who Ostland officials allege was killed by agents.",
                     "2018-10-20")
    alleged.entity("PERSON", "Tomas Rell")
    alleged.event("killed", "ASSAULT", recipients=[EntityRef(None, "who Ostland officials allege")])
    text = "The February assassination of Ostland leader Omar Dask's half-brother shocked Tiberon."
    brother = Report(text, "2017-11-20")
    dask = brother.entity("PERSON", "Omar Dask")
    brother.event("assassination", "ASSAULT", recipients=[Party(dask.id, "Omar Dask", brother.span("Omar Dask"))],
                  date="2017-02", granularity="month")
    murdered = Report("Tomas Rell was murdered inside the consulate on 2 October.", "2018-10-25")
    murdered.event("murdered", "ASSAULT", recipients=[murdered.entity("PERSON", "Tomas Rell")], date="2018-10-02")
    plan = Report("A unit was set up with the goal of assassinating Omar Dask.", "2017-09-16")
    plan.event("assassinating", "ASSAULT", recipients=[plan.entity("PERSON", "Omar Dask")])
    with open_store(store_url) as store:
        for report in (alleged, brother):
            store.write_result(report.result())
        link_pending(store)
        for report in (murdered, plan):
            store.write_result(report.result())
        link_pending(store)
        incremental = [_cluster_of(store, r) for r in (alleged, murdered, brother, plan)]
        link_rebuild(store)
        rebuilt = [_cluster_of(store, r) for r in (alleged, murdered, brother, plan)]
    assert incremental[0] == incremental[1] and incremental[2] != incremental[3]
    assert (rebuilt[0] == rebuilt[1], rebuilt[2] == rebuilt[3]) == (True, False)

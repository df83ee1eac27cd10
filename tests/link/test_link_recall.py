"""Cross-article linking finds the reports and names that denote one thing (recall), without joining
what differs; and the MEANTIME scorer that measures it."""
from __future__ import annotations

import dataclasses
import json
import random

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from newstrace.cli import app
from newstrace.evaluate.linking import GoldMention, load_meantime, score
from newstrace.link import link_pending, link_rebuild
from newstrace.link.variants import acronym_key, is_acronym, org_core
from newstrace.link.wording import sentence_words, similarity
from newstrace.store import open_store, schema

from .test_link import Report, _canonical, _cluster_of, _linked_store


@pytest.mark.parametrize("name, core", [
    ("Apple Inc.", "apple"), ("Apple Computer", "apple"), ("Aer Lingus Group PLC", "aer lingus"),
    ("China Eastern Airlines", "china eastern"), ("Apple Records", "apple records"),
    ("Qatar Airways", None),  # the airline is not the country
])
def test_organisation_core_drops_legal_form_and_trade_word_only(name, core):
    assert org_core(name) == core


@pytest.mark.parametrize("name, initials", [
    ("GAO", "gao"), ("U.S.A.F.", "usaf"), ("Government Accountability Office", "gao"),
    ("European Aeronautic Defence & Space Company", "eads"), ("Red Cross", None), ("UN", None),
])
def test_initials_of_a_name(name, initials):
    assert acronym_key(name) == initials


def test_is_acronym_needs_capitals():
    assert is_acronym("NATO") and not is_acronym("Nato") and not is_acronym("EU")


def test_company_name_variants_are_one_entity_and_a_namesake_business_is_not(tmp_path):
    one = Report("Orchard Computer unveiled a laptop in Austin.", "2020-03-01")
    one.entity("ORG", "Orchard Computer"), one.entity("GPE", "Austin")
    two = Report("Orchard Inc. sold more laptops.", "2020-03-05")
    two.entity("ORG", "Orchard Inc.")
    three = Report("Orchard Records signed a band.", "2020-03-06")
    three.entity("ORG", "Orchard Records")
    four = Report("Qatar Airways bought jets; Qatar welcomed it.", "2020-03-07")
    four.entity("ORG", "Qatar Airways"), four.entity("GPE", "Qatar")
    store = _linked_store(tmp_path, [one, two, three, four])
    assert _canonical(store, "Orchard Inc.", "ORG") == _canonical(store, "Orchard Computer", "ORG")
    assert _canonical(store, "Orchard Records", "ORG") != _canonical(store, "Orchard Computer", "ORG")
    assert _canonical(store, "Qatar Airways", "ORG") != _canonical(store, "Qatar", "GPE")
    store.close()


def test_initials_join_the_name_an_article_gives_them_in_parentheses(tmp_path):
    one = Report("The Fisheries Oversight Board (FOB) fined a trawler.", "2020-04-01")
    one.entity("ORG", "Fisheries Oversight Board"), one.entity("ORG", "FOB")
    two = Report("FOB inspectors came back.", "2020-04-09")
    two.entity("ORG", "FOB")
    three = Report("The Northern Maritime Authority said the NMA would appeal.", "2020-04-10")
    three.entity("ORG", "Northern Maritime Authority"), three.entity("ORG", "NMA")
    store = _linked_store(tmp_path, [one, two, three])
    board = _canonical(store, "Fisheries Oversight Board", "ORG")
    assert _canonical(store, "FOB", "ORG") == board
    # initials the article does not tie to the name in parentheses stay apart: many names share initials
    assert _canonical(store, "NMA", "ORG") != _canonical(store, "Northern Maritime Authority", "ORG")
    store.close()


def test_sentence_words_drop_names_function_words_and_reporting():
    words = sentence_words("On Monday, Jobs resigned from his post as chief executive, officials said.")
    assert words == {"resign", "post", "chief", "executive", "official"}
    assert similarity(words, sentence_words("Jobs resigns his post as chief executive")) > 0.7


def _resignation_reports():
    dated = Report("Maria Okafor resigned as chief executive of Delta Mills on 14 May.", "2021-06-20")
    dated.event("resigned", "RETREAT", actors=[dated.entity("PERSON", "Maria Okafor")], date="2021-05-14")
    undated = Report("Maria Okafor resigned as chief executive of the firm, she said.", "2021-05-15")
    undated.event("resigned", "RETREAT", actors=[undated.entity("PERSON", "Maria Okafor")])
    other = Report("Maria Okafor opened a bakery, she said.", "2021-05-15")
    other.event("opened", "RETREAT", actors=[other.entity("PERSON", "Maria Okafor")])
    return dated, undated, other


def test_an_undated_report_joins_the_dated_one_worded_alike(tmp_path):
    dated, undated, other = _resignation_reports()
    store = _linked_store(tmp_path, [undated, dated, other])
    assert _cluster_of(store, undated) == _cluster_of(store, dated)
    assert _cluster_of(store, other) != _cluster_of(store, dated)  # one party in common, other words
    store.close()


def _partition(store) -> set[frozenset[str]]:
    e = schema.events
    with store.engine.connect() as conn:
        rows = conn.execute(select(e.c.id, e.c.cluster_id)).all()
    groups: dict[str, set[str]] = {}
    for event, cluster in rows:
        groups.setdefault(cluster, set()).add(event)
    return {frozenset(g) for g in groups.values()}


def _story_reports():
    reports = list(_resignation_reports())
    strike = Report("Navy gunboats shelled Port Amel on 3 March, the army said.", "2022-03-04")
    strike.event("shelled", "ASSAULT", actors=[strike.entity("ORG", "Navy")],
                 recipients=[strike.entity("GPE", "Port Amel")], date="2022-03-03")
    again = Report("The Sable Brigade shelled Port Amel on 3 March with Navy gunboats.", "2022-03-05")
    again.event("shelled", "ASSAULT", actors=[again.entity("ORG", "Sable Brigade"), again.entity("ORG", "Navy")],
                recipients=[again.entity("GPE", "Port Amel")], date="2022-03-03")
    brigade = Report("The Sable Brigade shelled Port Amel on 3 March.", "2022-03-06")
    brigade.event("shelled", "ASSAULT", actors=[brigade.entity("ORG", "Sable Brigade")],
                  recipients=[brigade.entity("GPE", "Port Amel")], date="2022-03-03")
    return reports + [strike, again, brigade]


def test_incremental_linking_in_any_order_gives_the_rebuild_clusters(tmp_path):
    partitions = []
    for seed in range(3):
        reports = _story_reports()
        random.Random(seed).shuffle(reports)
        store = open_store(tmp_path / f"order{seed}.db")
        for report in reports:  # one article per run, in this order
            store.write_result(report.result())
            link_pending(store)
        incremental = _partition(store)
        link_rebuild(store)
        assert _partition(store) == incremental
        partitions.append(incremental)
        store.close()
    assert partitions[0] == partitions[1] == partitions[2]
    # the report naming both parties bridges the two that name one each: one shelling
    assert max(len(group) for group in partitions[0]) == 3


def test_pairwise_and_b_cubed_count_cross_article_pairs_only():
    gold = [GoldMention("a", 0, 1, "X", "entity"), GoldMention("b", 0, 1, "X", "entity"),
            GoldMention("b", 5, 6, "X", "entity"), GoldMention("c", 0, 1, "Y", "entity")]
    matched = list(zip(gold, ["p", "p", "q", "p"]))
    result = score(matched, gold)
    # predicted cross pairs: a-b(0), a-c, b(0)-c -> 3, correct 1; gold cross pairs: a-b(0), a-b(5) -> 2
    assert (result["predicted_pairs"], result["gold_pairs"], result["correct_pairs"]) == (3, 2, 1)
    assert result["pairwise_precision"] == pytest.approx(1 / 3, abs=1e-3)
    assert result["pairwise_recall"] == 0.5
    assert 0 < result["b3_f1"] < 1


_MEANTIME = """<?xml version="1.0" ?><Document doc_id="{id}" doc_name="t">
<token number="0" sentence="0" t_id="1">Harbour</token><token number="1" sentence="0" t_id="2">{word}</token>
<token number="2" sentence="1" t_id="3">Maria</token><token number="3" sentence="1" t_id="4">Okafor</token>
<token number="4" sentence="1" t_id="5">resigned</token><token number="5" sentence="1" t_id="6">.</token>
<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="3"/><token_anchor t_id="4"/></ENTITY_MENTION>
<EVENT_MENTION m_id="2"><token_anchor t_id="5"/></EVENT_MENTION>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="3" type="DATE" value="2021-05-1{day}"/>
<ENTITY ent_type="PER" instance_id="PER1" m_id="10"/><EVENT instance_id="EV1" m_id="11"/>
</Markables>
<Relations><REFERS_TO r_id="1"><source m_id="1"/><target m_id="10"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="2"/><target m_id="11"/></REFERS_TO></Relations></Document>
"""


def test_meantime_reader_rebuilds_text_and_mentions(tmp_path):
    topic = tmp_path / "corpus_test"
    topic.mkdir()
    for n in (1, 2):
        (topic / f"{n}.xml").write_text(_MEANTIME.format(id=n, day=n, word=("news", "today")[n - 1]), encoding="utf-8")
    articles = load_meantime(tmp_path)["corpus_test"]
    first = articles[0]
    assert first.text == "Harbour news\n\nMaria Okafor resigned." and first.published == "2021-05-11"
    assert [(m.kind, first.text[m.start:m.end], m.cluster) for m in first.mentions] == [
        ("entity", "Maria Okafor", "PER1"), ("event", "resigned", "EV1")]


def test_eval_linking_refuses_a_folder_without_meantime_files(tmp_path):
    result = CliRunner().invoke(app, ["eval", "linking", str(tmp_path), "--json"])
    assert result.exit_code == 1
    assert "no folder of MEANTIME .xml files" in result.output


def test_eval_linking_on_a_small_meantime_folder(tmp_path):
    topic = tmp_path / "corpus_test"
    topic.mkdir()
    for n in (1, 2):
        (topic / f"{n}.xml").write_text(_MEANTIME.format(id=n, day=n, word=("news", "today")[n - 1]), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "linking", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["entities"]["mentions_gold"] == 2 and data["n_docs"] == 2
    assert data["entities"]["pairwise_precision"] == 1.0 and data["entities"]["pairwise_recall"] == 1.0


def test_transliterations_of_a_full_name_are_one_person_and_other_names_are_not(tmp_path):
    one = Report("Qassem Farahani led the Quds Corps with Hadi Ameri and the Badr Guard.", "2019-01-02")
    for name in ("Qassem Farahani", "Hadi Ameri"):
        one.entity("PERSON", name)
    one.entity("ORG", "Quds Corps"), one.entity("ORG", "Badr Guard")
    two = Report("Qasem Farahani of the Quds Corps visited Baghdad with Hadi Ameri.", "2019-01-05")
    two.entity("PERSON", "Qasem Farahani"), two.entity("PERSON", "Hadi Ameri"), two.entity("ORG", "Quds Corps")
    three = Report("Mahmoud Farahani visited Baghdad.", "2019-01-05")
    three.entity("PERSON", "Mahmoud Farahani")
    four = Report("Mohammed Farahani spoke.", "2019-01-06")
    four.entity("PERSON", "Mohammed Farahani")
    store = _linked_store(tmp_path, [one, two, three, four])
    assert _canonical(store, "Qasem Farahani") == _canonical(store, "Qassem Farahani")
    assert _canonical(store, "Mahmoud Farahani") != _canonical(store, "Mohammed Farahani")
    store.close()


def test_an_entity_typed_differently_by_its_rows_gets_one_type_by_vote_with_the_reason(tmp_path):
    reports = []
    for n, (type_, name) in enumerate((("GPE", "Tarsin Group"), ("ORG", "Tarsin Group"), ("ORG", "Tarsin Group Inc"))):
        report = Report(f"{name} said so, report {n}.", f"2022-01-0{n + 1}")
        report.entity(type_, name)
        reports.append(report)
    store = _linked_store(tmp_path, reports)
    e = schema.entities
    canonical = _canonical(store, "Tarsin Group", "GPE")
    assert _canonical(store, "Tarsin Group Inc", "ORG") == canonical == _canonical(store, "Tarsin Group", "ORG")
    with store.engine.connect() as conn:
        linked = conn.execute(select(e.c.data).where(e.c.id == canonical)).scalar_one()["linked"]
    assert (linked["type"], linked["type_reason"]) == ("ORG", "2 of 3 mentions are typed ORG")
    store.close()


def test_the_same_act_in_two_countries_is_two_events(tmp_path):
    reports = []
    for n, place in enumerate(("Syria", "Iraq", "Damascus")):
        report = Report(f"Coalition jets of the Kestrel Force bombed targets in {place} on 3 May.", f"2015-05-0{n + 4}")
        force = report.entity("ORG", "Kestrel Force")
        report.event("bombed", "ASSAULT", actors=[force], date="2015-05-03")
        where = report.entity("GPE", place)
        report.events[-1] = dataclasses.replace(report.events[-1], location=where)
        reports.append(report)
    store = _linked_store(tmp_path, reports)
    syria, iraq, damascus = (_cluster_of(store, r) for r in reports)
    assert syria == damascus != iraq  # Damascus is in Syria
    store.close()


def test_every_report_of_a_named_persons_killing_is_one_event(tmp_path):
    reports = []
    for text, published, trigger, date in [
        ("Drone fire killed Rahim Dastani near the airport on 3 January.", "2020-01-04", "killed", "2020-01-03"),
        ("The killing of Rahim Dastani shook the region.", "2020-01-09", "killing", None),
        ("Rahim Dastani was assassinated, his family said.", None, "assassinated", None),
        ("Gunmen killed Omid Barzin on 3 January.", "2020-01-04", "killed", "2020-01-03"),
    ]:
        report = Report(text, published)
        victim = report.entity("PERSON", "Rahim Dastani" if "Dastani" in text else "Omid Barzin")
        report.event(trigger, "ASSAULT", recipients=[victim], date=date)
        reports.append(report)
    store = _linked_store(tmp_path, reports)
    dated, undated, unpublished, other = (_cluster_of(store, r) for r in reports)
    assert dated == undated == unpublished != other
    store.close()


@pytest.mark.parametrize("short, long, fits", [
    ("SIA", "Singapore Airlines", True), ("GAO", "Government Accountability Office", True),
    ("CPTPP", "Trans-Pacific Partnership", False), ("FAA", "Federal Aviation Administration", True),
])
def test_initials_fit_the_name_they_follow(short, long, fits):
    from newstrace.link.variants import initials_fit

    assert initials_fit(short, long) is fits

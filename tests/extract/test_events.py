"""PLOVER event coding: type, mode, CAMEO code, parties, date, factuality and who reports each event.

Sentences are written for these tests; the seed-like ones retell, in new words, the February 2025
captive exchange and the April 2025 Kremlin meeting.
"""
from __future__ import annotations

import pytest

from newstrace.records import PLOVER_TYPES

FEB = "2025-02-16"  # a Sunday
APR = "2025-04-17"  # a Thursday


def events_of(extract, text, published=FEB):
    return extract(text, published=published).events


def only(events, type_):
    found = [e for e in events if e.type == type_]
    assert found, f"no {type_} event in {[(e.type, e.why) for e in events]}"
    return found[0]


def names(refs):
    return [r.name for r in refs]


# ---- the seeds, retold -------------------------------------------------------------------------

def test_release_by_the_armed_wing_is_retreat_release_dated_the_day_before(extract):
    text = ("On Saturday, the armed wing of Hamas, the Al-Qassam Brigades, freed an Israeli-Russian "
            "hostage in Khan Yunis.")
    event = only(events_of(extract, text), "RETREAT")
    assert (event.mode, event.cameo, event.factuality) == ("release", "0841", "asserted")
    assert "Al-Qassam Brigades" in names(event.actors)
    assert any("hostage" in n for n in names(event.recipients))
    assert event.location is not None and event.location.name == "Khan Yunis"
    assert event.date is not None and event.date.value == "2025-02-15"
    assert event.trigger.text == "freed" and text[event.trigger.start:event.trigger.end] == "freed"
    assert "RETREAT/release" in event.why and "actor" in event.why


def test_the_other_side_of_the_exchange_is_a_release_by_israel(extract):
    event = only(events_of(extract, "In return, Israel freed 369 Palestinian prisoners."), "RETREAT")
    assert names(event.actors) == ["Israel"]
    assert names(event.recipients) == ["369 Palestinian prisoners"]
    assert event.reported_by.id is None  # the outlet's own voice


def test_thanks_from_the_kremlin_spokesman_is_support(extract):
    event = only(events_of(extract, "Kremlin spokesman Dmitry Peskov thanked Hamas for the decision."), "SUPPORT")
    assert names(event.actors) == ["Dmitry Peskov"]
    assert names(event.recipients) == ["Hamas"]


def test_thanks_inside_a_quote_is_reported_by_the_speaker(extract):
    text = '"We thank Hamas for this step," Kremlin spokesman Dmitry Peskov told journalists on Sunday.'
    event = only(events_of(extract, text), "SUPPORT")
    assert event.reported_by is not None and event.reported_by.name == "Dmitry Peskov"
    assert names(event.actors) == ["Dmitry Peskov"]  # "we" is the speaker's side


def test_gratitude_expressed_to_several_parties_names_them_as_recipients(extract):
    text = "Moscow expressed its gratitude to Hamas, Qatar and Egypt for helping to free its citizen."
    event = only(events_of(extract, text), "SUPPORT")
    assert {"Hamas", "Qatar", "Egypt"} <= set(names(event.recipients))


def test_the_ambassador_meeting_the_freed_captive_is_consult(extract):
    text = "The Russian ambassador, Anatoly Viktorov, met the freed hostage on Saturday."
    event = only(events_of(extract, text), "CONSULT")
    assert "Anatoly Viktorov" in names(event.actors)
    assert event.date is not None and event.date.value == "2025-02-15"


def test_putin_hosting_the_former_captives_is_consult_on_wednesday(extract):
    text = "Russian President Vladimir Putin hosted the former hostages at the Kremlin on Wednesday."
    event = only(events_of(extract, text, APR), "CONSULT")
    assert event.mode == "visit" and event.cameo == "043"
    # CAMEO 043 (host a visit) and issue 13: the host acts, the visitors receive.
    assert names(event.actors) == ["Vladimir Putin"]
    assert names(event.recipients) == ["the former hostages"]
    assert event.date is not None and event.date.value == "2025-04-16"


@pytest.mark.parametrize("text", [
    "Putin promised to keep working to obtain further releases.",
    "Putin vowed that Russia would keep working for the return of the remaining captives.",
])
def test_a_pledge_to_secure_more_releases_is_agree_future_not_a_release(extract, text):
    events = events_of(extract, text, APR)
    event = only(events, "AGREE")
    assert event.factuality == "future"
    assert names(event.actors) == ["Vladimir Putin"]
    assert not [e for e in events if e.type == "RETREAT"]


def test_asking_the_president_to_continue_is_request(extract):
    text = "The former hostage asked the Russian leader to keep helping other captives."
    event = only(events_of(extract, text, APR), "REQUEST")
    assert names(event.actors) == ["The former hostage"]
    assert names(event.recipients) == ["the Russian leader"]


def test_an_accusation_is_coded_and_what_is_alleged_is_not_coded_as_fact(extract):
    events = events_of(extract, "Rights groups accused Israel of abusing the prisoners.")
    event = only(events, "ACCUSE")
    assert event.mode == "allege" and names(event.recipients) == ["Israel"]
    assert [e.type for e in events] == ["ACCUSE"]


def test_a_release_that_did_not_happen_is_negated(extract):
    event = only(events_of(extract, "Israel did not release the prisoners on Sunday."), "RETREAT")
    assert event.factuality == "negated"


def test_a_coordinated_verb_shares_the_negation_of_its_head(extract):
    events = events_of(extract, "The militia did not free or release the hostages.")
    assert {e.trigger.text for e in events} == {"free", "release"}
    assert all(e.factuality == "negated" for e in events)


def test_a_conditional_release_is_hypothetical(extract):
    text = "Hamas would release the remaining hostages if Israel halted its strikes."
    events = events_of(extract, text)
    release = next(e for e in events if e.trigger.text == "release")
    assert release.type == "RETREAT" and release.factuality == "hypothetical"


def test_background_long_before_the_report_is_historical(extract):
    event = only(events_of(extract, "The group seized the hostages on October 7, 2023."), "COERCE")
    assert event.factuality == "historical"
    assert event.date is not None and event.date.value == "2023-10-07"


def test_an_event_without_a_stated_date_is_dated_by_the_report_only(extract):
    event = only(events_of(extract, "In return, Israel freed 369 Palestinian prisoners."), "RETREAT")
    # no day of its own: on or before the publication ("reported"), never the publication day itself
    assert (event.date.granularity, event.date.source) == ("reported", "publication")


def test_a_date_inside_a_relative_clause_is_not_the_main_event_date(extract):
    text = "Israel released the detainees, who had been arrested after October 7, 2023."
    event = only(events_of(extract, text), "RETREAT")
    assert event.date.source == "publication" and event.factuality == "asserted"


def test_the_possessor_of_a_release_is_the_one_released(extract):
    events = events_of(extract, "The prisoner's release by the army surprised his family.")
    event = only(events, "RETREAT")
    assert any("prisoner" in n for n in names(event.recipients))
    assert names(event.actors) == ["the army"]


def test_a_release_welcomed_by_a_government_is_coded_as_well_as_the_welcome(extract):
    text = "Paris welcomed the release of journalist Claire Martin from Mali on Friday."
    events = events_of(extract, text)
    assert names(only(events, "SUPPORT").actors) == ["Paris"]
    release = only(events, "RETREAT")
    assert (release.mode, release.trigger.text) == ("release", "release")
    assert names(release.recipients) == ["Claire Martin"]  # not the place it was made from
    assert release.location is not None and release.location.name == "Mali"


def test_a_verbless_subheading_is_not_an_event(extract):
    text = "Prisoner Swap Under Way\n\nIsrael freed 100 Palestinian prisoners on Saturday."
    events = events_of(extract, text)
    assert [e.trigger.text for e in events] == ["freed"]


def test_a_participle_used_as_an_adjective_is_not_an_event(extract):
    text = "Twelve of the men came from occupied Hebron and eight from the annexed Crimea."
    assert [e.type for e in events_of(extract, text)] == []


def test_what_is_called_for_is_not_the_recipient(extract):
    event = only(events_of(extract, "The rights group called for an independent inquiry."), "REQUEST")
    assert names(event.actors) == ["The rights group"] and event.recipients == ()


def test_a_passive_clause_does_not_borrow_the_actor_of_its_neighbour(extract):
    text = "Fifty prisoners returned to Ramallah, while 24 were deported to Egypt."
    event = only(events_of(extract, text), "COERCE")
    assert names(event.actors) == [] and names(event.recipients) == ["24"]


def test_a_strike_by_missiles_is_coded_to_the_country_that_fired_them_where_it_hit(extract):
    text = "Three Iranian drones struck the port city of Eilat on Friday night, killing two guards."
    events = events_of(extract, text)
    strike = next(e for e in events if e.trigger.text == "struck")
    assert names(strike.actors) == ["Iranian"] and "weapon owner" in strike.why
    killing = next(e for e in events if e.trigger.text == "killing")
    assert names(killing.actors) == ["Iranian"]
    assert all(e.location is not None and e.location.name == "Eilat" for e in (strike, killing))
    assert all(e.date is not None and e.date.value == "2025-02-14" for e in (strike, killing))


def test_deaths_caused_by_a_dated_strike_take_its_date(extract):
    text = "The number of people killed by Friday's air strike has risen to 12, officials said on Sunday."
    killed = only(events_of(extract, text), "ASSAULT")
    assert killed.trigger.text == "killed"
    assert killed.date is not None and killed.date.value == "2025-02-14"


def test_the_subject_of_an_absolute_participle_is_the_one_harmed(extract):
    text = "The ministry put the death toll at 410, with 1,200 people wounded."
    wounded = next(e for e in events_of(extract, text) if e.trigger.text == "wounded")
    assert names(wounded.actors) == [] and names(wounded.recipients) == ["1,200 people"]


def test_a_dated_aside_reports_a_release_but_a_bare_participle_only_describes(extract):
    text = "Among the guests was Noa Levin, freed in Rafah last November in a swap for prisoners."
    release = only(events_of(extract, text, published=APR), "RETREAT")
    assert names(release.recipients) == ["Noa Levin"]
    assert release.date is not None and release.date.value == "2024-11"
    assert release.location is not None and release.location.name == "Rafah"
    assert [e.type for e in events_of(extract, "The detainees held in the camp were counted.")] == []


def test_receiving_a_freed_captive_is_hosting_a_visit(extract):
    text = "The president received a freed captive at his residence on Wednesday."
    visit = only(events_of(extract, text, published=APR), "CONSULT")
    assert (visit.mode, visit.cameo) == ("visit", "043")
    # the host acts (CAMEO 043, issue 13)
    assert names(visit.actors) == ["The president"] and names(visit.recipients) == ["a freed captive"]


def test_an_acting_it_and_its_forces_resolve_to_the_state_named_before(extract):
    text = "Ukraine rejected the figures; its army said its forces had destroyed 40 tanks. It accused Moscow of lying."
    events = events_of(extract, text)
    destroyed = next(e for e in events if e.trigger.text == "destroyed")
    assert names(destroyed.actors) == ["Ukraine"] and destroyed.actors[0].id is not None
    accused = only(events, "ACCUSE")
    assert names(accused.actors) == ["Ukraine"] and names(accused.recipients) == ["Moscow"]


def test_an_expletive_it_is_no_party(extract):
    events = events_of(extract, "Hamas freed two hostages. It is unclear when the next release will be.")
    assert all("Hamas" != n for e in events if e.trigger.text != "freed" for n in names(e.actors))


def test_the_country_visited_is_the_host(extract):
    visit = only(events_of(extract, "Chile's foreign minister visited Peru on Monday."), "CONSULT")
    assert (visit.cameo, names(visit.recipients)) == ("042", ["Peru"])
    assert "foreign minister" in names(visit.actors)[0]


def test_an_agreement_to_act_names_the_parties_of_the_act(extract):
    text = "The European Union agreed on Monday to send emergency aid to Moldova."
    agree = only(events_of(extract, text), "AGREE")
    assert names(agree.recipients) == ["Moldova"]


def test_the_party_thanked_for_releasing_captives_is_the_one_who_released_them(extract):
    events = events_of(extract, "The minister thanked Qatar for releasing the two sailors.")
    release = only(events, "RETREAT")
    assert names(release.actors) == ["Qatar"] and names(release.recipients) == ["the two sailors"]


def test_what_a_release_is_credited_to_is_not_a_party(extract):
    text = "The president credited the release of the hostages to years of quiet diplomacy."
    release = only(events_of(extract, text), "RETREAT")
    assert names(release.recipients) == ["the hostages"]


def test_the_parties_of_a_deal_between_two_sides_are_both_actors(extract):
    deal = only(events_of(extract, "The exchange was part of a deal between Armenia and Azerbaijan."), "AGREE")
    assert names(deal.actors) == ["Armenia", "Azerbaijan"] and deal.recipients == ()


def test_who_after_a_title_is_the_person_with_that_title(extract):
    text = "The report cites Maria Lopez, head of the Justice Office, who called for an inquiry."
    request = only(events_of(extract, text), "REQUEST")
    assert names(request.actors) == ["Maria Lopez"]


def test_a_credit_line_is_not_an_event(extract):
    text = "Israel freed 90 prisoners on Sunday.\n\nAnna Berg and Tom Hale contributed to this report."
    assert [e.trigger.text for e in events_of(extract, text)] == ["freed"]


@pytest.mark.parametrize("credit", [
    "Anna Berg and Tom Hale contributed to this report.",
    "Contributing: Anna Berg in Washington, Tom Hale in Los Angeles; KXAN-TV, Austin",
    "Anna Berg and Tom\u00adHale contributed to this report.",  # a soft hyphen left by the page
])
def test_credit_lines_are_not_events(extract, credit):
    text = f"Israel freed 90 prisoners on Sunday.\n\n{credit}"
    assert [e.trigger.text for e in events_of(extract, text)] == ["freed"]


def test_who_qualifies_by_a_date_is_not_an_event(extract):
    text = "The amnesty covers only those who arrived in the country before March 1, 2020."
    assert events_of(extract, text) == []


def test_a_date_that_bounds_an_act_is_not_its_date(extract):
    event = only(events_of(extract, "Police arrested 40 protesters before Saturday's vote."), "COERCE")
    assert event.date.source == "publication"  # some day before the vote: only the report dates it


def test_an_exhortation_reports_nothing(extract):
    event = only(events_of(extract, "Let's release the prisoners now."), "RETREAT")
    assert event.factuality == "hypothetical"


def test_a_question_asserts_nothing(extract):
    event = only(events_of(extract, "Will the army withdraw from the city?"), "RETREAT")
    assert event.factuality == "hypothetical" and "question" in event.why


def test_a_participle_shares_the_date_of_its_main_clause(extract):
    text = "On October 7, 2023, the militants attacked the border towns, killing hundreds of people."
    events = events_of(extract, text)
    assert {e.trigger.text for e in events} >= {"attacked", "killing"}
    assert all(e.date is not None and e.date.value == "2023-10-07" for e in events)
    assert all(e.factuality == "historical" for e in events)


# ---- one table per PLOVER type ---------------------------------------------------------------

TYPE_TABLE = [
    ("The two governments agreed to expand trade links.", "AGREE"),
    ("The foreign ministers of Japan and India held talks in Tokyo.", "CONSULT"),
    ("The prime minister praised the mediators for their patience.", "SUPPORT"),
    ("The military government lifted the nightly curfew in the capital.", "CONCEDE"),
    ("Police in the two countries shared intelligence on the smuggling network.", "COOPERATE"),
    ("Japan donated medical supplies to the flood victims.", "AID"),
    ("The rebels released twelve soldiers they had captured.", "RETREAT"),
    ("The opposition leader urged the government to hold early elections.", "REQUEST"),
    ("The ministry condemned the bombing of the market.", "ACCUSE"),
    ("Parliament rejected the proposed peace plan.", "REJECT"),
    ("The militia threatened to attack the convoy.", "THREATEN"),
    ("Thousands of workers demonstrated outside the parliament on Monday.", "PROTEST"),
    ("The government expelled two diplomats accused of spying.", "SANCTION"),
    ("The army deployed extra troops along the border.", "MOBILIZE"),
    ("Police arrested dozens of opposition activists overnight.", "COERCE"),
    ("Artillery units shelled the northern suburbs of the city.", "ASSAULT"),
]


def test_the_type_table_covers_all_sixteen_types():
    assert sorted({t for _, t in TYPE_TABLE}) == sorted(PLOVER_TYPES)


@pytest.mark.parametrize("text, type_", TYPE_TABLE)
def test_main_event_type(nlp, text, type_):
    from newstrace.extract.events import main_event
    from newstrace.ids import article_id
    from newstrace.pipeline import extract_doc
    from newstrace.records import Article

    doc = nlp(text)
    result = extract_doc(Article(id=article_id(text), text=text, published=FEB), doc)
    event = main_event(result.events, doc)
    assert event is not None and event.type == type_, [(e.type, e.why) for e in result.events]
    assert event.cameo and event.confidence > 0.5 and event.why


MORE_NEWS = [
    ("Ukrainian drones struck an oil refinery in southern Russia overnight.", "ASSAULT"),
    ("Workers at the port went on strike over pay.", "PROTEST"),  # guards YAML reading "on" as a boolean
    ("The activist staged a hunger strike in prison.", "PROTEST"),  # the tagger lemmatizes "staged" as "stag"
    ("The two presidents spoke by phone on Tuesday.", "CONSULT"),
    ("Kenya will send 1,000 police officers to Haiti.", "AGREE"),
    ("Beijing summoned the Japanese ambassador to protest the visit.", "ACCUSE"),
    ("The two navies held joint exercises in the Red Sea.", "COOPERATE"),
    ("Canada granted asylum to the activist.", "AID"),
    ("The president pardoned 300 political prisoners.", "CONCEDE"),
    ("Turkey vetoed Sweden's NATO membership bid.", "REJECT"),
    ("China warned the United States against arming Taiwan.", "THREATEN"),
    ("The union called off its strike after the deal.", "CONCEDE"),
    ("The prime minister sacked his defence minister.", None),
]


@pytest.mark.parametrize("text, type_", MORE_NEWS)
def test_main_event_type_of_more_news_sentences(nlp, text, type_):
    from newstrace.extract.events import main_event
    from newstrace.pipeline import extract_doc
    from newstrace.records import Article

    doc = nlp(text)
    event = main_event(extract_doc(Article(id="a_more", text=text, published=FEB), doc).events, doc)
    assert (event.type if event else None) == type_, event.why if event else "no event"


@pytest.mark.parametrize("text, type_, factuality", [
    ("The rebels will free the hostages next week.", "AGREE", "future"),  # a stated intent
    ("The army said it would shell the town unless the rebels surrendered.", "THREATEN", "future"),
    ("The minister said the country will not accept more refugees.", "REJECT", "asserted"),
    ("The envoy failed to meet the rebel commander.", "CONSULT", "negated"),
    ("The minister said Israel must release the detainees.", "REQUEST", "asserted"),
])
def test_modality_changes_what_is_coded(extract, text, type_, factuality):
    event = only(events_of(extract, text), type_)
    assert event.factuality == factuality, event.why


@pytest.mark.parametrize("text", [
    "The minister expressed condolences over the attack on the village.",
    "The army denied charges that it had shelled the hospital.",
    "The government declined to comment on the arrests.",
])
def test_statements_do_not_assert_what_they_are_about(extract, text):
    # Condolences, denials and refusals to comment are statements (CAMEO 01): what they are about is
    # somebody's word, not an event the report asserts. (A claim of responsibility names the doer of
    # an act and codes it: tests/extract/test_events_cameo.py.) What a denial is about is kept as a
    # negated act (issue 14: denials are negated), never as one that happened.
    events = events_of(extract, text)
    assert all(e.factuality == "negated" for e in events), [(e.type, e.factuality) for e in events]
    if "denied" not in text:
        assert events == []


def test_an_opinion_agreeing_with_someone_is_not_an_agreement(extract):
    assert events_of(extract, "The ministers said they agree with the governor that schools should reopen.") == []


def test_a_reporting_verb_alone_is_not_an_event(extract):
    assert events_of(extract, "The spokesman said the weather was cold.") == []


def test_no_event_without_a_party_connected_to_the_trigger(extract):
    assert events_of(extract, "Release is expected.") == []


def test_compound_actors_are_one_record(extract):
    text = "Hamas and Islamic Jihad released three captives on Saturday."
    events = [e for e in events_of(extract, text) if e.type == "RETREAT"]
    assert len(events) == 1
    assert {"Hamas", "Palestinian Islamic Jihad"} <= set(names(events[0].actors))


def test_triggers_inside_non_prose_are_skipped(nlp):
    from newstrace.extract.events import extract_events
    from newstrace.extract.layout import Layout
    from newstrace.pipeline import Context
    from newstrace.records import Article, Span

    text = "Israel freed ten prisoners. The army shelled the town."
    doc = nlp(text)
    ctx = Context(article=Article(id="a_test", text=text), doc=doc)
    assert [e.type for e in extract_events(doc, context=ctx)] == ["RETREAT", "ASSAULT"]
    ctx.layout = Layout(non_prose=(Span(0, 27, text[:27]),))
    assert [e.type for e in extract_events(doc, context=ctx)] == ["ASSAULT"]


def test_extract_events_needs_a_context(nlp):
    from newstrace.extract.events import extract_events

    with pytest.raises(TypeError):
        extract_events(nlp("Israel freed ten prisoners."), context=None)


def test_the_why_names_the_rule_and_the_actor_codes(extract):
    event = only(events_of(extract, "Israeli soldiers arrested dozens of Palestinian protesters in Hebron."), "COERCE")
    assert event.why.startswith("trigger 'arrested' (verb) COERCE/arrest [173]")
    assert "actor nsubj 'Israeli soldiers' [ISRMIL]" in event.why
    assert event.location is not None and event.location.name == "Hebron"


def test_event_records_export_to_the_contract_shape(extract):
    event = only(events_of(extract, "In return, Israel freed 369 Palestinian prisoners."), "RETREAT")
    out = event.to_dict()
    assert next(iter(out)) == "kind" and out["kind"] == "event"
    assert out["trigger"]["text"] == "freed" and out["sentence"]["start"] == 0


# ---- the lexicon data ----------------------------------------------------------------------------

def test_lexicon_loads_and_every_code_is_known():
    from newstrace.extract.events.lexicon import load_lexicon

    lex = load_lexicon()
    senses = [s for table in (lex.verbs, lex.nouns) for group in table.values() for s in group]
    assert {s.type for s in senses} == set(PLOVER_TYPES)
    assert all(s.cameo in lex.cameo_names for s in senses)
    assert lex.verbs["release"][-1].cameo == "0841"
    assert "say" in lex.reporting_verbs and lex.control["pledge"] == "intent"


@pytest.mark.parametrize("cameo, type_, quad", [
    ("020", "REQUEST", 0), ("100", "REQUEST", 3), ("040", "CONSULT", 1), ("0841", "RETREAT", 2),
    ("163", "SANCTION", 3), ("190", "ASSAULT", 4), ("141", "PROTEST", 4), (None, None, 0),
])
def test_quad_of(cameo, type_, quad):
    from newstrace.extract.events import quad_of

    assert quad_of(cameo, type_) == quad


# ---- the evaluations -----------------------------------------------------------------------------

def test_eval_events_scores_a_small_plover_file(tmp_path):
    import json

    from newstrace.evaluate.events import evaluate

    records = [
        {"id": "doc", "event": "DOCUMENT"},
        {"id": "1", "event": "DEMAND", "text": "The opposition leader urged the government to hold early elections.",
         "source": [{"actorText": "opposition leader"}], "target": [{"actorText": "government"}]},
        {"id": "2", "event": "FIGHT", "text": "Artillery units shelled the northern suburbs of the city.",
         "source": [{"actorText": "Artillery units"}], "target": ""},
        {"id": "3", "event": "AID", "text": "The weather was cold."},
    ]
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    result = evaluate(path)
    assert result["n"] == 3  # the DOCUMENT item is skipped
    assert result["type_accuracy"] == pytest.approx(2 / 3)  # no event predicted counts as wrong
    assert result["per_type"]["REQUEST"]["f1"] == 1.0 and result["per_type"]["ASSAULT"]["f1"] == 1.0
    assert result["actor_text_match"]["source"] == 1.0
    assert result["confusion"]["AID"] == {"NONE": 1}
    assert evaluate(path, limit=1)["n"] == 1


def test_eval_quad_scores_a_small_tsv(tmp_path):
    from newstrace.evaluate.quad import evaluate

    path = tmp_path / "quad.tsv"
    path.write_text("The spokesman said the weather was cold.\t0\r\n"
                    "The two leaders held talks in Paris.\t1\r\n"
                    "Police arrested dozens of opposition activists overnight.\t4\r\n", encoding="utf-8")
    result = evaluate(path)
    assert result["n"] == 3 and result["accuracy"] == 1.0 and result["macro_f1"] == 1.0
    assert set(result["per_class"]) == {"0", "1", "2", "3", "4"}


@pytest.mark.parametrize("content", ["not json", '{"a": 1}'])
def test_eval_events_rejects_a_file_in_the_wrong_format(tmp_path, content):
    from newstrace.errors import EvalFormatError
    from newstrace.evaluate.events import evaluate

    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvalFormatError):
        evaluate(path)


def test_eval_quad_rejects_a_line_without_a_label(tmp_path):
    from newstrace.errors import EvalFormatError
    from newstrace.evaluate.quad import evaluate

    path = tmp_path / "bad.tsv"
    path.write_text("a sentence with no label\n", encoding="utf-8")
    with pytest.raises(EvalFormatError, match="bad.tsv:1"):
        evaluate(path)


def test_his_trip_is_made_by_the_person_named_before(extract):
    text = ("Foreign Minister Mark Okonjo spoke to reporters in Abuja. "
            "He said his visit to Nairobi last week had been useful.")
    visits = [e for e in events_of(extract, text) if e.type == "CONSULT" and e.mode == "visit"]
    assert visits, "no visit coded"
    assert all(r.name != "his" for e in visits for r in e.actors)
    assert "Mark Okonjo" in [r.name for e in visits for r in e.actors]


@pytest.mark.parametrize(("text", "recipients"), [
    # what an attack is made with is not its recipient
    ("The army shelled the village with heavy artillery on Sunday.", ["the village"]),
    # the people at a gathering that was hit are the recipients
    ("The ministry said its jets had bombed a meeting of rebel commanders with guided missiles.", ["rebel commanders"]),
    # a clash with a party keeps the party
    ("Rebels clashed with soldiers near the border on Sunday.", ["soldiers"]),
    # what is fired at a target is the means
    ("Militants fired rockets at the air base on Sunday.", ["the air base"]),
])
def test_the_recipients_of_an_act_of_force(extract, text, recipients):
    event = only(events_of(extract, text), "ASSAULT")
    assert names(event.recipients) == recipients


def test_it_continues_the_subject_of_the_sentence_before(extract):
    text = ("Armenia's defence ministry said its forces had struck a depot with two Falcon-X drones. "
            "It accused Azerbaijan of hiding weapons there.")
    event = only(events_of(extract, text), "ACCUSE")
    assert names(event.actors) == ["Armenia"]


def test_handing_over_a_list_of_names_is_not_a_release(extract):
    text = "The group handed over the names of four hostages on Friday, and the list reached Cairo at noon."
    events = events_of(extract, text)
    assert not [e for e in events if e.type == "RETREAT" and e.mode == "release" and e.factuality == "asserted"]
    assert not [e for e in events if e.type == "CONSULT"]


@pytest.mark.parametrize("text, aid", [
    ("A list provided by the commission names forty detainees.", False),
    ("The ministry provided a list of the detainees to the Red Cross.", False),
    ("The agency provided medical supplies to the camp.", True),
])
def test_providing_a_document_is_no_aid(extract, text, aid):
    assert bool([e for e in events_of(extract, text) if e.type == "AID"]) is aid


def test_handing_over_people_is_still_a_release(extract):
    text = "The group handed over four hostages to the Red Cross on Friday."
    event = only(events_of(extract, text), "RETREAT")
    assert event.mode == "release" and "four hostages" in names(event.recipients)


def test_the_parties_of_a_ceasefire_between_two_sides_are_both_actors(extract):
    text = "A ceasefire between Armenia and Azerbaijan took effect on Sunday."
    event = only(events_of(extract, text), "RETREAT")
    assert event.mode == "ceasefire"
    assert sorted(names(event.actors)) == ["Armenia", "Azerbaijan"] and not event.recipients


def test_a_clause_under_after_does_not_take_the_main_clause_subject(extract):
    text = "Demonstrations spread after the roof of the Sava bus station fell in March, killing 12 people."
    events = [e for e in events_of(extract, text) if e.type == "ASSAULT"]
    assert events and all("Demonstrations" not in names(e.actors) for e in events)


@pytest.mark.parametrize("text", [
    "The president is considering recognizing the new government in Ruritania.",
    "The cabinet is weighing sanctions against Freedonia.",
])
def test_what_is_only_considered_is_not_coded_as_done(extract, text):
    events = events_of(extract, text)
    assert not [e for e in events if e.factuality == "asserted" and e.type in ("SUPPORT", "SANCTION")]


@pytest.mark.parametrize("text", [
    "The president fired the intelligence director on Tuesday.",
    "Marta Lind was fired by the prime minister last month.",
])
def test_firing_an_official_is_a_dismissal_not_a_shooting(extract, text):
    assert not [e for e in events_of(extract, text) if e.type == "ASSAULT"]


def test_what_a_meeting_is_about_is_not_a_participant(extract):
    text = "Senator Ruth Adler met with the foreign minister on Tuesday on Iran."
    event = only(events_of(extract, text), "CONSULT")
    assert "Iran" not in names(event.actors) + names(event.recipients)


def test_a_criminal_charge_is_a_legal_accusation_not_an_arrest(extract):
    text = "Prosecutors charged Dana Ives with espionage on Monday."
    event = only(events_of(extract, text), "ACCUSE")
    assert event.mode == "allege" and "Dana Ives" in names(event.recipients)
    assert not [e for e in events_of(extract, text) if e.type == "COERCE"]


# ---- the coder's word lists are data --------------------------------------------------------------
def test_the_event_coder_reads_its_word_lists_from_the_language_floor():
    """extract/events/coder.py, factuality.py and parties.py keep no word list in code (lang/data/events.yaml
    and roles.yaml have them, one definition each); parser labels and PLOVER types are not words and may
    stay. (lexicon.py's sets are the keys of its own data file's schema.)"""
    from spacy.glossary import GLOSSARY

    from newstrace.lang import event_words
    from newstrace.records import PLOVER_TYPES
    from tests.lang.test_lang import SRC, _word_sets_in_code

    found = [f for name in ("coder.py", "factuality.py", "parties.py")
             for f in _word_sets_in_code(SRC / "extract/events" / name, 4)]
    labels = {k.lower() for k in GLOSSARY} | {t.lower() for t in PLOVER_TYPES}
    words_found = [f for f in found if not set(f.split("(")[1].rstrip(".) ").split()) <= labels]
    assert not words_found, "\n".join(words_found)
    words = event_words()
    assert {"will", "shall"} <= words.future_aux and "unless" in words.condition_marks
    assert "responsibility" in words.claimed_nouns and "nobody" in words.negative_subjects

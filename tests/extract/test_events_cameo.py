"""CAMEO depth, recall, disasters, page furniture and factuality of the event coder (issue 14).

Sentences are written for these tests.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED = "2025-03-10"


def events_of(extract, text):
    return extract(text, published=PUBLISHED).events


def force(events):
    return [e for e in events if e.type == "ASSAULT"]


# ---- the means of an act of force, at CAMEO depth ------------------------------------------------

@pytest.mark.parametrize(("text", "cameo"), [
    ("Separatist forces fired rockets at the port city overnight.", "194"),
    ("Government jets bombed rebel positions near the river on Tuesday.", "195"),
    ("Insurgents attacked the convoy with mortars near the airport.", "194"),
    ("The regime used chemical weapons against the besieged suburb.", "2041"),
    ("A suicide bomber blew himself up outside the ministry.", "1831"),
    ("Gunmen attacked a police post in the eastern province.", "193"),
])
def test_the_means_of_an_attack_give_its_cameo_code(extract, text, cameo):
    codes = [e.cameo for e in force(events_of(extract, text))]
    assert cameo in codes, codes


@pytest.mark.parametrize(("text", "type_", "cameo"), [
    ("Loyalist troops recaptured the town of Harwell from the rebels.", "ASSAULT", "192"),
    ("The brigade regained control of three villages in the valley.", "ASSAULT", "192"),
    ("Border police captured 300 rifles in a raid on a warehouse.", "COERCE", "1711"),
    ("Armed men kidnapped two engineers on the coastal road.", "ASSAULT", "181"),
])
def test_territory_seizures_and_abductions_have_their_own_codes(extract, text, type_, cameo):
    found = [(e.type, e.cameo) for e in events_of(extract, text)]
    assert (type_, cameo) in found, found


@pytest.mark.parametrize(("text", "cameo", "mode"), [
    ("Coalition warplanes carried out air strikes on the town overnight.", "195", "heavy-weapons"),
    ("A drone strike killed three fighters in the valley.", "195", "heavy-weapons"),
    ("Government forces shelled the district with artillery.", "194", "heavy-weapons"),
    ("Soldiers and insurgents exchanged gunfire near the border post.", "193", "firearms"),
    ("A suicide bomber blew himself up at a checkpoint, killing nine.", "1831", "suicide-attack"),
    ("A car bomb exploded outside the police headquarters.", "1832", "explosives"),
    ("An improvised explosive device killed two soldiers on patrol.", "1833", "explosives"),
    ("Militants hurled a grenade at a police station.", "183", "explosives"),
    ("Chlorine gas was dropped on the town, the monitors said.", "2041", "unconventional"),
    ("Police fired tear gas at thousands of protesters in the capital.", "175", None),
])
def test_weapons_and_means_are_told_apart(extract, text, cameo, mode):
    events = events_of(extract, text)
    found = [(e.cameo, e.mode) for e in events]
    assert any(c == cameo and (mode is None or m == mode) for c, m in found), found


def test_every_event_of_a_suicide_attack_keeps_its_means(extract):
    # the killing hangs on the blast: it is the same suicide attack, not generic force
    codes = {e.cameo for e in force(events_of(extract, "A suicide bomber blew himself up at the gate, killing six."))}
    assert codes == {"1831"}


@pytest.mark.parametrize(("text", "type_", "cameo"), [
    ("Protesters clashed with police in the city centre.", "PROTEST", "145"),
    ("Riot police broke up a peaceful demonstration outside parliament.", "COERCE", "175"),
    ("Armed clashes broke out between the army and the rebels.", "ASSAULT", "190"),
    ("Police arrested 40 protesters in the capital.", "COERCE", "173"),
    ("Armed men abducted five aid workers in the north.", "ASSAULT", "181"),
    ("The army occupied the strategic hill overnight.", "COERCE", "192"),
    ("Thousands marched through the capital against the new law.", "PROTEST", "141"),
])
def test_protest_repression_arrest_abduction_and_occupation_have_their_codes(extract, text, type_, cameo):
    found = [(e.type, e.cameo) for e in events_of(extract, text)]
    assert (type_, cameo) in found, found


@pytest.mark.parametrize(("text", "type_", "cameo"), [
    # finalizing an agreement is SUPPORT (PLOVER: "ratify, sign, or finalize an agreement"), CAMEO 057
    ("Norland and Vessia have agreed a new trade agreement.", "SUPPORT", "057"),
    ("The two blocs agreed on the final text of a customs pact.", "SUPPORT", "057"),
    ("Negotiators reached a deal on the budget late on Friday.", "SUPPORT", "057"),
    # agreeing to do something is an intent (AGREE)
    ("Norland agreed to open its border to aid convoys.", "AGREE", "0355"),
    # pledging support expresses it
    ("The foreign minister pledged his full support for the transitional council.", "SUPPORT", "051"),
    ("The rebels reached a ceasefire with the army.", "RETREAT", "0871"),
    ("The president cancelled the gas deal with Vessia.", "REJECT", "127"),
])
def test_agreements_concluded_and_support_pledged(extract, text, type_, cameo):
    found = [(e.type, e.cameo) for e in events_of(extract, text)]
    assert (type_, cameo) in found, found


@pytest.mark.parametrize(("text", "type_", "cameo"), [
    # a call for punitive measures against a party, addressed to no one, rallies opposition (CAMEO 113)
    ("Several lawmakers called for sanctions against the Vessian oil company.", "ACCUSE", "113"),
    ("The senator launched a scathing attack on the central bank.", "ACCUSE", "111"),
    ("The former minister launched an attack on the spy agency, calling its chiefs incompetent.", "ACCUSE", "111"),
    ("Norland sent a team of experts to investigate the explosion at the port.", "ACCUSE", "090"),
    ("The ministry refused to respond to a request from the committee.", "REJECT", "120"),
    ("The dock workers called off their strike on Thursday.", "CONCEDE", "082"),
    ("Vessia launched cyber warfare against the Norland grid operator.", "COERCE", "170"),
    ("The union called on its members to mobilize against the new labour law.", "ACCUSE", "113"),
    ("The prosecutor ordered Halvard Strom to appear for questioning on Monday.", "REQUEST", "100"),
    ("Police launched operations to detain 40 suspects in the capital.", "COERCE", "173"),
    ("The army beefed up its presence along the northern border.", "MOBILIZE", "154"),
    ("The council repealed the boycott law on Tuesday.", "RETREAT", "085"),
    ("The ministry gave information on the account holders to the Vessian tax office.", "COOPERATE", "064"),
    ("Norland aid supported two thousand families in the valley.", "AID", "070"),
    ("The regional government denied permission to the opposition rally.", "REJECT", "120"),
    ("The president declared a cessation of hostilities in all war zones.", "RETREAT", "0871"),
])
def test_words_that_look_like_other_acts(extract, text, type_, cameo):
    found = [(e.type, e.cameo) for e in events_of(extract, text)]
    assert (type_, cameo) in found, found


def test_a_ceasefire_that_will_start_is_scheduled_not_an_intent(extract):
    # a bare event noun with a future is no one's stated intent: it keeps its type, as future
    found = [(e.type, e.factuality) for e in events_of(extract, "The ceasefire between Norland and Vessia will start on Tuesday.")]
    assert ("RETREAT", "future") in found, found


def test_a_call_on_someone_to_impose_sanctions_stays_a_demand(extract):
    found = [e.type for e in events_of(extract, "The senator called on the government to impose sanctions against Vessia.")]
    assert "REQUEST" in found and "ACCUSE" not in found, found


def test_a_pledge_keeps_the_depth_of_what_is_pledged(extract):
    event = next(e for e in events_of(extract, "Norland will supply arms to the coastal republic, its defence minister said.")
                 if e.type == "AGREE")
    assert event.cameo == "0332" and event.factuality == "future"  # intent to provide military aid


def test_a_future_release_is_an_intent_at_the_depth_of_the_release(extract):
    # the CAMEO-coded sets code "will release" as an intent to release persons (0353), not a release
    event = next(e for e in events_of(extract, "The rebels said they will release the two kidnapped engineers.")
                 if e.type in ("RETREAT", "AGREE"))
    assert (event.type, event.cameo, event.factuality) == ("AGREE", "0353", "future")


# ---- recall: light verbs, claims, plans ----------------------------------------------------------

def test_engaged_in_a_firefight_is_an_assault_with_both_parties(extract):
    event = force(events_of(extract, "Militia fighters engaged the peacekeepers in a firefight near the camp."))[0]
    assert event.cameo == "193"
    assert any("peacekeepers" in r.name for r in event.recipients)


def test_a_claimed_bombing_is_coded_with_the_claimant_as_actor(extract):
    event = force(events_of(extract, "The Northern Front claimed responsibility for the bombing of the power station."))[0]
    assert any("Northern Front" in a.name for a in event.actors)
    assert event.factuality == "asserted" and "responsibility" in event.why


@pytest.mark.parametrize(("text", "actor", "accuser"), [
    ("The ministry denied charges by the Helsinki Committee on Monday.", "ministry", "Helsinki Committee"),
    ("The junta rejected accusations from Human Rights Watch.", "junta", "Human Rights Watch"),
    ("Kenya flatly denied allegations by Somalia.", "Kenya", "Somalia"),
    ("Beijing dismissed allegations by Washington.", "Beijing", "Washington"),
    ("The army refuted charges by rights groups.", "army", "rights groups"),
])
def test_a_denial_of_a_named_accusers_charge_is_aimed_at_the_accuser(extract, text, actor, accuser):
    event = next(e for e in events_of(extract, text) if e.type == "REJECT")
    assert event.cameo == "016"
    assert any(actor in a.name for a in event.actors), event.actors
    assert any(accuser in r.name for r in event.recipients), event.recipients


def test_a_denial_with_no_accuser_named_is_no_event(extract):
    assert not [e for e in events_of(extract, "The ministry denied the charges on Monday.") if e.type == "REJECT"]


def test_pushing_a_party_for_something_is_an_appeal(extract):
    event = next(e for e in events_of(extract, "Washington pushed Seoul for further trade concessions.")
                 if e.type == "REQUEST")
    assert [a.name for a in event.actors] == ["Washington"] and [r.name for r in event.recipients] == ["Seoul"]


def test_a_scheduled_meeting_is_an_intent_with_the_one_scheduled_as_actor(extract):
    events = events_of(extract, "The prime minister is scheduled to attend a summit in Lisbon next week.")
    event = next(e for e in events if e.type == "AGREE")
    assert event.factuality == "future" and event.cameo == "036"
    assert [a.name for a in event.actors] == ["The prime minister"]


# ---- disasters and accidents: a type of their own, not acts of force ------------------------------

@pytest.mark.parametrize(("text", "mode"), [
    ("Heavy floods killed at least 30 people in the southern districts on Sunday.", "flood"),
    ("A gas explosion destroyed a block of flats in the capital, killing five residents.", "industrial"),
    ("A cargo plane crashed near the airport, killing all three crew members.", "transport"),
    ("An earthquake destroyed hundreds of homes in the mountain villages.", "earthquake"),
    ("Eleven passengers were killed in a train crash north of Verona.", "transport"),
    ("A passenger train derailed near the border town of Ostrel on Tuesday.", "transport"),
    ("At least 40 people died in the floods in the delta region.", "flood"),
    ("A fire swept through the old market, killing eight traders.", "fire"),
    ("Cyclone Marla killed more than 60 people along the coast.", "storm"),
    ("A six-storey building collapsed in the port city, trapping dozens of workers.", "collapse"),
])
def test_disasters_and_accidents_are_disasters_not_assaults(extract, text, mode):
    events = events_of(extract, text)
    assert not [e for e in events if e.type in ("ASSAULT", "COERCE")], [(e.type, e.why) for e in events]
    disasters = [e for e in events if e.type == "DISASTER"]
    assert disasters and {e.mode for e in disasters} == {mode}, [(e.type, e.mode, e.why) for e in events]
    for event in disasters:  # nobody's act: no actor, no CAMEO code, PLOVER's "disasters" context
        assert event.actors == () and event.cameo is None and event.context == "disasters"


def test_the_people_a_disaster_killed_are_its_recipients(extract):
    event = next(e for e in events_of(extract, "Flooding killed 14 villagers in the river valley on Monday.")
                 if e.type == "DISASTER")
    assert [r.name for r in event.recipients] == ["14 villagers"] and event.factuality == "asserted"


def test_a_helicopter_crash_that_was_not_enemy_fire_is_an_accident(extract):
    text = "An army helicopter crashed in the desert on Monday; officials said it was not enemy fire."
    events = events_of(extract, text)
    assert [(e.type, e.mode) for e in events if e.factuality == "asserted"] == [("DISASTER", "transport")]


@pytest.mark.parametrize("text", [
    "A bomb blast killed four soldiers at the checkpoint, the army said.",
    "Sniper fire killed two soldiers near the bridge.",
    "Violence erupted in the capital after the vote.",
])
def test_attacks_stay_attacks(extract, text):
    events = events_of(extract, text)
    assert force(events) and not [e for e in events if e.type == "DISASTER"], [(e.type, e.why) for e in events]


def test_a_crash_that_killed_is_one_disaster_with_its_dead(extract):
    events = events_of(extract, "A passenger jet crashed minutes after takeoff on Sunday, killing all 71 people on board.")
    disasters = [e for e in events if e.type == "DISASTER"]
    assert len(disasters) == 1 and [r.name for r in disasters[0].recipients] == ["all 71 people"], \
        [(e.type, e.trigger.text) for e in events]


def test_a_structure_collapsed_on_purpose_is_no_accident(extract):
    events = events_of(extract, "Three tunnels were collapsed by army engineers in a series of explosions.")
    assert not [e for e in events if e.type == "DISASTER"], [(e.type, e.why) for e in events]


def test_collapsed_talks_are_no_disaster(extract):
    assert not [e for e in events_of(extract, "Talks between the two parties collapsed on Friday.") if e.type == "DISASTER"]


def test_a_disaster_is_exported_with_its_own_type(tmp_path, extract):
    import csv
    import io

    from newstrace.export import export_records
    from newstrace.store import open_store

    with open_store(tmp_path / "store.db") as store:
        store.write_result(extract("A ferry capsized on the lake on Sunday, killing 20 passengers.", published=PUBLISHED))
        out = io.StringIO()
        export_records(store, "events-tsv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue()), delimiter="\t"))
    assert [(r["plover"], r["mode"], r["cameo"], r["source_name"]) for r in rows] == [("DISASTER", "transport", "", "")]


# ---- page furniture ------------------------------------------------------------------------------

def test_a_press_release_header_and_contacts_yield_no_events(extract):
    text = ("FOR IMMEDIATE RELEASE\nMedia contact: Ann Lee, press office\n\n"
            "The foundation published its yearly survey of school meals on Monday.\n")
    assert not [e for e in events_of(extract, text) if e.type == "RETREAT"]


def test_related_headlines_and_photo_lines_yield_no_events(extract):
    text = ("Troops shelled the village of Orra on Sunday, residents said.\n\n"
            "Related\nRebels free 40 prisoners in swap deal\nArmy attacks base in the north\n\n"
            "Photo: Soldiers fire at a crowd in the capital\n")
    events = events_of(extract, text)
    assert [e.trigger.text for e in events] == ["shelled"]


def test_a_names_popup_of_linked_headlines_yields_no_events(extract):
    # a page's pop-up copied into the sentence: the formal name glued to the first headline, "MORE" closing it
    text = ("Governor Ann Brooke Ann Marie BrookeRebels seize two towns in the north Police arrest mayor over "
            "bribery claims MORE met the prime minister in Lyon on Tuesday.")
    events = events_of(extract, text)
    assert [e.trigger.text for e in events] == ["met"]


def test_capitals_in_prose_are_no_popup(extract):
    text = "Police arrested the McDonald brothers on Friday. Protesters want MORE jobs and fewer police."
    assert "arrested" in [e.trigger.text for e in events_of(extract, text)]


@pytest.mark.parametrize("text", [
    "For Immediate Release: the council released its budget today.",
    "The White House released a transcript of the call on Wednesday.",
])
def test_releasing_a_document_is_no_release(extract, text):
    assert not [e for e in events_of(extract, text) if e.type == "RETREAT"]


def test_returned_fire_is_an_exchange_of_fire_not_a_return(extract):
    events = events_of(extract, "Soldiers returned fire after gunmen opened fire on the patrol.")
    assert "RETREAT" not in [e.type for e in events]
    assert force(events)


# ---- factuality on every path --------------------------------------------------------------------

@pytest.mark.parametrize(("text", "trigger", "factuality"), [
    ("The envoy said he had no knowledge of any plan to attack the port.", "attack", "negated"),
    ("The ministry denied that its troops had shelled the refugee camp.", "shelled", "negated"),
    ("The rebels failed to capture the airport despite heavy fighting.", "capture", "negated"),
    ("If the talks collapse, the army will attack the city.", "attack", "hypothetical"),
    ("The army denied shelling the market.", "shelling", "negated"),
    ("Officials denied reports that soldiers had arrested the editor.", "arrested", "negated"),
    ("The militia did not attack the convoy.", "attack", "negated"),
    ("Nobody was arrested after the march.", "arrested", "negated"),
    ("Police never detained the suspect.", "detained", "negated"),
    ("Had the talks failed, the army would have attacked the city.", "attacked", "hypothetical"),
    ("The government could impose a curfew if the protests continue.", "impose", "hypothetical"),
    ("Rebels may have abducted the engineers.", "abducted", "hypothetical"),
    ("The army is expected to launch an offensive on the city.", "launch", "future"),
    ("The patrol withdrew without arresting the suspects.", "arresting", "negated"),
])
def test_factuality_of_denied_unknown_failed_and_conditional_acts(extract, text, trigger, factuality):
    events = [e for e in events_of(extract, text) if e.trigger.text == trigger]
    assert events and events[0].factuality == factuality, [(e.trigger.text, e.factuality) for e in events_of(extract, text)]


@pytest.mark.parametrize(("text", "type_", "factuality"), [
    ("The president is scheduled to visit Kenya next week.", "AGREE", "future"),
    ("The minister plans to meet his counterpart in June.", "AGREE", "future"),
    ("Norland will send troops to the border.", "THREATEN", "future"),
    ("The rebels refused to release the engineers.", "REJECT", "asserted"),
    ("The two sides failed to reach agreement on the border.", "REJECT", "asserted"),
])
def test_plans_refusals_and_failures_are_coded_as_what_happened(extract, text, type_, factuality):
    events = events_of(extract, text)
    assert (type_, factuality) in [(e.type, e.factuality) for e in events], [(e.type, e.factuality, e.why) for e in events]
    # what was refused, failed or only planned is not stored as done
    assert not [e for e in events if e.type not in ("AGREE", "THREATEN", "REJECT") and e.factuality == "asserted"]


# ---- the converted PETRARCH2 dictionary ------------------------------------------------------------

def test_the_converted_dictionary_is_packaged_with_its_licence_and_adds_verbs():
    from importlib import resources

    from newstrace.extract.events.lexicon import load_lexicon

    text = resources.files("newstrace.extract.events").joinpath("data", "triggers_petrarch.yaml").read_text("utf-8")
    assert "The MIT License (MIT)" in text and "Open Event Data Alliance" in text and "petrarch2" in text
    lex = load_lexicon()
    converted = {k for k, senses in lex.verbs.items() if any(s.origin == "petrarch" for s in senses)}
    assert len(converted) > 300
    # the hand-written senses win: a verb of triggers.yaml has no converted senses
    assert all(s.origin == "own" for s in lex.verbs["release"])


def test_the_conversion_script_reads_a_dictionary_from_the_command_line(tmp_path):
    dictionary = tmp_path / "verbs.txt"
    dictionary.write_text(
        "####### SYNONYM SETS #######\n\n&ARMS_\n+RIFLES\n+PISTOLS\n\n"
        "####### VERB PATTERNS #######\n\n"
        "---  SMUGGLE   [---]  ---\nSMUGGLE [1711]\nTRAFFICK\n"
        "- * &ARMS (INTO)   [1711]  # SMUGGLE\n- * (TO BORDER)   [154]\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "convert_petrarch_verbs.py"), str(dictionary),
                          "-o", str(out)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    text = out.read_text(encoding="utf-8")
    assert "MIT License" in text and "verbs: [smuggle]" in text and "verbs: [traffick]" in text
    assert 'cameo: "154", prep: [to], object: [border]' in text
    assert "object: [pistol, pistols, rifle, rifles]" in text


def test_the_conversion_script_names_a_file_in_the_wrong_format(tmp_path):
    bad = tmp_path / "not_a_dictionary.txt"
    bad.write_text("hello\n", encoding="utf-8")
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "convert_petrarch_verbs.py"), str(bad),
                          "-o", str(tmp_path / "o.yaml")], capture_output=True, text=True, check=False)
    assert run.returncode == 1 and "not_a_dictionary.txt" in run.stderr and "VERB PATTERNS" in run.stderr


# ---- the evaluation ------------------------------------------------------------------------------

def test_eval_events_scores_cameo_roots_and_full_codes(tmp_path):
    import json

    from newstrace.evaluate.events import evaluate

    records = [
        {"id": "1", "event": "FIGHT", "mode": "heavy-weapons", "text": "Separatist forces fired rockets at the port city."},
        {"id": "2", "event": "DEMAND", "text": "The union demanded the release of the jailed organisers."},
        {"id": "3", "event": "AID", "cameo": "073", "text": "The weather was mild all week."},
    ]
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    cameo = evaluate(path)["cameo"]
    assert cameo["root_n"] == 3 and cameo["full_n"] == 2  # a mode or a given code names the full code
    assert cameo["per_root"]["19"]["recall"] == 1.0 and cameo["per_root"]["10"]["recall"] == 1.0
    assert cameo["root_accuracy"] == pytest.approx(2 / 3) and cameo["full_accuracy"] == 0.5


def test_eval_events_reads_the_plover_zsp_format(tmp_path):
    from newstrace.evaluate.events import evaluate

    path = tmp_path / "zsp.tsv"
    path.write_text(
        "\tsentence\tsource\ttarget\tgold_penta\tgold_root\n"
        "0\tThe army released twenty prisoners on Friday.\tThe army\tprisoners\t2\tYIELD\n"
        "1\tRebels shelled the town of Arlo overnight.\tRebels\tthe town of Arlo\t4\tASSAULT\n", encoding="utf-8")
    result = evaluate(path)
    assert result["n"] == 2 and result["type_accuracy"] == 1.0 and result["quad_macro_f1"] == 1.0
    assert result["per_type"]["YIELD"]["f1"] == 1.0  # RETREAT and CONCEDE are YIELD there


def test_eval_events_by_type_prints_the_confusion_table(tmp_path):
    import json

    from typer.testing import CliRunner

    from newstrace.cli import app

    path = tmp_path / "gsr.json"
    path.write_text(json.dumps([{"id": "1", "event": "FIGHT", "text": "Rebels shelled the town overnight."}]),
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "events", str(path), "--by-type"])
    assert result.exit_code == 0, result.output
    assert "gold \\ predicted" in result.output and "ASSAULT" in result.output
    refused = CliRunner().invoke(app, ["eval", "events", str(path), "--by-type", "--json"])
    assert refused.exit_code == 2


# ---- a thing destroyed in protest is dissent, not an attack ---------------------------------------
@pytest.mark.parametrize(("text", "type_"), [
    ("On their release, the freed prisoners burned the prison uniforms in defiance.", "PROTEST"),
    ("Angry farmers torched the eviction notices in protest on Monday.", "PROTEST"),
    ("Militants burned the police station in the northern town on Monday.", "ASSAULT"),
])
def test_a_thing_destroyed_in_protest_is_a_protest(extract, text, type_):
    events = [e for e in events_of(extract, text) if e.type in ("PROTEST", "ASSAULT")]
    assert [e.type for e in events] == [type_]
    if type_ == "PROTEST":
        assert events[0].cameo == "140" and events[0].actors


# ---- words that look like force (issue 18: a verbal attack clustered with a killing) -------------------

@pytest.mark.parametrize("text", [
    "The senator attacked the governor on Twitter for his handling of the flood.",
    "The prime minister attacked the judge as a partisan hack.",
    "The president attacked the senator over his vote on the budget.",
    "On Monday the chancellor again proclaimed her innocence and attacked Anna Berger.",
    "The White House has spent months attacking the special counsel.",
    "The finance minister publicly attacked the central bank.",
    "The governor attacked the decision to close the border.",
])
def test_an_attack_in_words_is_criticism_not_force(extract, text):
    events = events_of(extract, text)
    assert not force(events), [(e.trigger.text, e.type, e.why) for e in events]
    assert any((e.type, e.cameo) == ("ACCUSE", "111") for e in events), [(e.trigger.text, e.type, e.why) for e in events]


@pytest.mark.parametrize("text", [
    "Gunmen attacked the prosecutor outside his home on Friday.",
    "A mob attacked the governor with knives in the market.",
    "Erik Dahl attacked Anna Berger with a hammer in her kitchen.",
    "A man attacked the senator at a campaign event.",
    "The judge was attacked on Monday.",
    "Militants attacked the convoy of the governor.",
    "Vessian troops attacked rebel positions in the valley.",
    "Norland attacked Vessia in February.",
])
def test_an_attack_with_force_or_no_cue_of_words_stays_an_assault(extract, text):
    events = events_of(extract, text)
    assert force(events), [(e.trigger.text, e.type, e.why) for e in events]


@pytest.mark.parametrize("text", [
    "They kill us on trade.",
    "Vessia is killing us on tariffs, the president told the rally.",
    "The ruling party was killed at the polls.",
    "The Senate killed the bill on Tuesday.",
    "The mayor beat the incumbent in the primary.",
    "The senator fought hard for these programs in Congress.",
    "The company battled the regulators in court for years.",
])
def test_a_contest_won_or_a_bill_stopped_is_no_killing(extract, text):
    events = events_of(extract, text)
    assert not force(events), [(e.trigger.text, e.type, e.why) for e in events]


@pytest.mark.parametrize("text", [
    "Gunmen killed the tax collector on Tuesday.",
    "Rebels killed five soldiers on the border.",
    "Police beat protesters in the square.",
    "Rebels fought the army for control of the town.",
])
def test_killing_beating_and_fighting_people_stay_force(extract, text):
    events = events_of(extract, text)
    assert force(events), [(e.trigger.text, e.type, e.why) for e in events]


@pytest.mark.parametrize("text", [
    "Officials asked whether the army had shelled the town.",
    "The reporter asked if troops had fired on the crowd.",
    "The reporter asked why troops had fired on the crowd.",
])
def test_a_question_is_no_request_and_asserts_nothing(extract, text):
    events = events_of(extract, text)
    assert not [e for e in events if e.type == "REQUEST" or e.factuality == "asserted"], \
        [(e.trigger.text, e.type, e.factuality, e.why) for e in events]


@pytest.mark.parametrize("text", [
    "The mayor asked the army to stop shelling the town.",
    "The mayor asked the army for help if the floods worsen.",  # a condition, not an embedded question
])
def test_asking_someone_to_act_stays_a_request(extract, text):
    found = [e.type for e in events_of(extract, text)]
    assert "REQUEST" in found, found


@pytest.mark.parametrize("text", [
    "When it comes to trade, Norland has few friends.",
    "The mayor came to this decision after a long night.",
    "Thousands of migrants have come to Norland this year.",
])
def test_coming_somewhere_is_no_consultation(extract, text):
    events = events_of(extract, text)
    assert not [e for e in events if e.type == "CONSULT"], [(e.trigger.text, e.type, e.why) for e in events]


def test_coming_for_talks_is_a_negotiation(extract):
    found = [(e.type, e.cameo) for e in events_of(extract, "The Vessian envoy came to Geneva for talks with Norland.")]
    assert ("CONSULT", "046") in found, found


@pytest.mark.parametrize("text", [
    "The president struck a confident tone in his speech.",
    "The company deployed predatory tactics against its rivals.",
    "The port city is exploding with cash from the oil boom.",
    "New sanctions targeting senior Vessian officials were announced on Friday.",
    "The campaign ads targeting young voters ran all week.",
    "The anchor was fired from his job at the network.",
    "The president fired the spokesman on Friday.",
])
def test_a_manner_a_tactic_growth_or_an_aim_is_no_force(extract, text):
    events = events_of(extract, text)
    assert not [e for e in events if e.type in ("ASSAULT", "MOBILIZE")], [(e.trigger.text, e.type, e.why) for e in events]


@pytest.mark.parametrize("text", [
    "Missiles struck the town overnight.",
    "Norland deployed troops to the border.",
    "A car bomb exploded in the market.",
    "Snipers targeted civilians in the old town.",
    "Gunmen fired from a rooftop on the convoy.",
    "Troops fired on protesters in the square.",
])
def test_strikes_deployments_blasts_and_targeting_stay(extract, text):
    events = events_of(extract, text)
    assert [e for e in events if e.type in ("ASSAULT", "MOBILIZE")], [(e.trigger.text, e.type, e.why) for e in events]


def test_a_release_of_information_is_no_release_of_people(extract):
    events = events_of(extract, "The group's release of the emails embarrassed the campaign.")
    assert not [e for e in events if e.type == "RETREAT"], [(e.trigger.text, e.type, e.why) for e in events]
    events = events_of(extract, "Hamas's release of the hostages was welcomed by Norland.")
    assert [e for e in events if e.type == "RETREAT"], [(e.trigger.text, e.type, e.why) for e in events]


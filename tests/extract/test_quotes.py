"""Quotes and attributions: who said what, to whom, with which cue, traced to its characters.

Every sentence here is written for these tests; the facts echo public events of 2025 in new words.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from newstrace.errors import EvalFormatError
from newstrace.extract.layout import embedded_posts
from newstrace.extract.quotes import cue_lexicon, quoted_passages


def _quotes(result, embedded=False):
    return [q for q in result.quotes if q.embedded == embedded]


def _only(result, cue: str):
    found = [q for q in _quotes(result) if q.cue and q.cue.lower() == cue.lower()]
    assert len(found) == 1, [(q.cue, q.content.text) for q in result.quotes]
    return found[0]


def _assert_spans_match(result):
    text = result.article.text
    for q in result.quotes:
        for span in (q.content, q.speaker_span, q.cue_span):
            if span is not None:
                assert text[span.start:span.end] == span.text


# --- the seeds' quotes, retold ---------------------------------------------------------------------

def test_spokesperson_tells_reporters_a_direct_quote(extract):
    text = ("Moscow welcomed the outcome of the talks on Sunday.\n\n"
            "\u201cWe are pleased that the talks ended well,\u201d Kremlin spokesperson Dmitry Peskov told "
            "reporters on Sunday.")
    result = extract(text, published="2025-03-02")
    q = _only(result, "told")
    assert q.direct
    assert q.content.text == "We are pleased that the talks ended well"
    assert "Dmitry Peskov" in q.speaker_text
    assert q.speaker is not None and "Peskov" in q.speaker.name
    assert q.addressee == "reporters"
    _assert_spans_match(result)


def test_ministry_statement_cited_by_an_agency_is_the_ministrys(extract):
    text = ("Russia's Foreign Ministry thanked the mediators.\n\n"
            "\u201cOur partners in the region deserve thanks for their help in this case,\u201d the Russian "
            "Foreign Ministry statement, cited by Reuters, read.")
    result = extract(text)
    quote = next(q for q in _quotes(result) if q.content.text.startswith("Our partners"))
    assert quote.direct
    assert quote.cue == "statement"
    assert "Ministry" in quote.speaker_text
    assert "Reuters" not in quote.speaker_text
    assert quote.speaker is not None and "Ministry" in quote.speaker.name


def test_direct_quote_then_replied(extract):
    result = extract("The captive asked for help for the others.\n\n"
                     "\u201cWe will keep at it, of course,\u201d Putin replied.")
    q = _only(result, "replied")
    assert q.direct and q.content.text == "We will keep at it, of course"
    assert q.speaker_text == "Putin"


def test_he_resolves_to_the_previous_sentences_speaker(extract):
    text = ("Russian President Vladimir Putin met the freed captives at the Kremlin on Wednesday. "
            "He told them that Russia would keep working for the release of the others.")
    result = extract(text, published="2025-04-17")
    q = _only(result, "told")
    assert q.speaker_text == "He"
    assert q.speaker is not None and "Putin" in q.speaker.name
    assert q.content.text.startswith("that Russia would keep working")
    assert q.addressee == "them"


def test_according_to_estimates(extract):
    result = extract("According to Israeli estimates, 40 captives are still held in the territory.")
    q = _only(result, "According to")
    assert q.speaker_text == "Israeli estimates"
    assert q.content.text == "40 captives are still held in the territory"
    assert not q.direct


def test_told_someone_that_indirect_speech_with_addressee(extract):
    result = extract("Putin told Trufanov that his return came from long ties with the Palestinian people.")
    q = _only(result, "told")
    assert not q.direct
    assert q.addressee == "Trufanov"
    assert q.content.text == "that his return came from long ties with the Palestinian people"
    assert q.speaker_text == "Putin"


def test_quote_spanning_two_sentences_is_one_quote(extract):
    result = extract("\u201cThe talks went well. We expect more progress next week,\u201d the ambassador said.")
    q = _only(result, "said")
    assert q.direct
    assert q.content.text == "The talks went well. We expect more progress next week"


def test_quote_interrupted_by_its_attribution_is_one_quote(extract):
    text = "\u201cThe talks went well,\u201d the envoy said. \u201cWe expect more progress next week.\u201d"
    result = extract(text)
    quotes = _quotes(result)
    assert len(quotes) == 1
    assert quotes[0].content.text.startswith("The talks went well")
    assert quotes[0].content.text.endswith("next week.")


def test_embedded_tweet_credit_is_not_prose_and_not_the_outlets_speech(extract):
    credit = ("Video shows the moment the captive was handed over at the coast. pic.twitter.com/AbC123xyz "
              "\u2014 Example News (@ExampleNews) March 3, 2025")
    text = "The handover took place on Saturday.\n\n" + credit + "\n\nThe army said that the handover went calmly."
    result = extract(text, published="2025-03-04")
    posts = _quotes(result, embedded=True)
    assert len(posts) == 1
    post = posts[0]
    assert post.speaker_text == "Example News"
    assert post.content.text.startswith("Video shows the moment")
    assert post.date is not None and post.date.value == "2025-03-03"
    start = text.index(credit)
    assert not any("Example News" in (q.speaker_text or "") for q in _quotes(result))
    # the credit paragraph is marked as non-prose for the later stages, by the layout stage
    from newstrace.extract.layout import extract_layout
    from newstrace.nlp import load_nlp

    layout = extract_layout(load_nlp()(text))
    assert any(s.start <= start and start + len(credit) <= s.end for s in layout.non_prose)


def test_mixed_quote_stays_indirect_with_its_fragment(extract):
    result = extract('He said Russia "will keep working" on the release of the others.')
    q = _only(result, "said")
    assert not q.direct
    assert '"will keep working"' in q.content.text


def test_the_ministry_resolves_to_the_ministry_named_before(extract):
    text = ("The Russian Foreign Ministry welcomed the release on Saturday. "
            "The ministry noted that he was the fourth citizen freed this year.")
    result = extract(text, published="2025-02-16")
    q = _only(result, "noted")
    assert q.speaker_text == "The ministry"
    assert q.speaker is not None and "Ministry" in q.speaker.name


def test_who_takes_the_name_before_its_apposition(extract):
    text = ("The freed men were in poor health, according to Ahmed Al-Qudra, head of the media office, "
            "who called for \u201ca firm stance against the abuse.\u201d")
    result = extract(text)
    q = next(q for q in _quotes(result) if q.content.text.startswith("a firm stance"))
    assert q.speaker_text == "who"
    assert q.speaker is not None and "Qudra" in q.speaker.name


def test_text_without_speech_gives_no_quotes(extract):
    result = extract("The bridge over the river was closed for repairs in the spring.")
    assert result.quotes == []


def test_every_span_is_the_text_it_points_to(extract):
    text = ("\u201cWe are grateful,\u201d she said. According to the agency, talks go on. "
            "The minister told reporters that more news would come.")
    result = extract(text)
    assert len(result.quotes) >= 3
    _assert_spans_match(result)
    assert len({q.id for q in result.quotes}) == len(result.quotes)


def test_report_inside_a_quotation_is_part_of_it(extract):
    result = extract("\u201cI think the plan is a good one, and I believe it will pass,\u201d the mayor said.")
    quotes = _quotes(result)
    assert len(quotes) == 1
    assert quotes[0].cue == "said" and quotes[0].speaker_text == "the mayor"


def test_transcript_lines_name_their_speaker(extract):
    text = ("HOST: Will the senator attend the debate tomorrow night?\n"
            "GUEST: She will not be attending the debate, I can tell you.")
    result = extract(text)
    by_speaker = {q.speaker_text: q for q in _quotes(result)}
    assert by_speaker["HOST"].content.text == "Will the senator attend the debate tomorrow night?"
    assert by_speaker["GUEST"].cue == ":"


def test_quotation_credited_with_a_dash(extract):
    text = ("\u201cNobody should live in fear of the police.\u201d \u2015 Maria Lopez\n"
            "\u201cWe need answers.\u201d \u2015 Tom Reed")
    result = extract(text)
    assert [(q.speaker_text, q.content.text) for q in _quotes(result)] == [
        ("Maria Lopez", "Nobody should live in fear of the police."), ("Tom Reed", "We need answers.")]


def test_title_case_headline_verb(extract):
    result = extract("Mayor Warns Of Shutdown Over Budget\nThe council meets again next week.")
    q = _only(result, "Warns")
    assert q.speaker_text == "Mayor"
    assert q.content.text == "Of Shutdown Over Budget"


def test_quotation_with_no_cue_keeps_no_invented_speaker(extract):
    text = ("The prison service made the freed men wear shirts.\n\n"
            "The shirts carried the slogan \u201cwe will never forget this day\u201d on the back.")
    result = extract(text)
    q = next(q for q in _quotes(result) if q.content.text.startswith("we will never"))
    assert q.speaker is None and q.speaker_text is None


def test_said_with_a_phrase_before_the_reported_clause(extract):
    q = _only(extract("The governor said after the hearing he would not sign the bill."), "said")
    assert q.content.text.endswith("he would not sign the bill")


@pytest.mark.xfail(strict=True, reason="the sentence now starts after the line break (nlp.py), but the "
                   "tagger still reads the heading and the capitalised participle together and tags 'Freed' "
                   "a proper noun, which the parser then splits off as its own sentence")
def test_heading_before_a_report_does_not_hide_its_speaker(extract):
    text = "Severe Abuse\n\nFreed detainees told the network that they had been beaten in custody."
    q = _only(extract(text), "told")
    assert q.speaker_text == "Freed detainees"


# --- tables ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, cue, content, direct", [
    ("\u201cThe road is open again,\u201d the mayor said.", "said", "The road is open again", True),
    ("The mayor told residents that the road was open again.", "told", "that the road was open again", False),
    ("\u201cThe road is open again,\u201d the mayor added.", "added", "The road is open again", True),
    ("The agency noted that the road was open again.", "noted", "that the road was open again", False),
    ("The mayor announced that the road would reopen on Monday.", "announced",
     "that the road would reopen on Monday", False),
    ("According to the mayor, the road is open again.", "According to", "the road is open again", False),
    ("The ministry issued a statement welcoming the agreement.", "statement", "welcoming the agreement",
     False),
])
def test_cues(extract, sentence, cue, content, direct):
    q = _only(extract(sentence), cue)
    assert q.content.text == content
    assert q.direct is direct


@pytest.mark.parametrize("open_mark, close_mark", [
    ('"', '"'), ("\u201c", "\u201d"), ("''", "''"), ("\u2018", "\u2019"),
])
def test_mark_styles(extract, open_mark, close_mark):
    text = f"{open_mark}Nobody expected the talks to end so soon,{close_mark} the envoy said."
    q = _only(extract(text), "said")
    assert q.direct
    assert q.content.text == "Nobody expected the talks to end so soon"


@pytest.mark.parametrize("text, inner", [
    ("She called it \u201cthe best day of the year\u201d and left.", ["the best day of the year"]),
    ("Russia\u2019s plan and the Russians\u2019 view differ.", []),  # apostrophes, not quotes
    ("\u201cOne paragraph that never closes\nA new one", ["One paragraph that never closes"]),
])
def test_quoted_passages(text, inner):
    assert [text[p.inner_start:p.inner_end] for p in quoted_passages(text)] == inner


@pytest.mark.parametrize("line, name", [
    ("Footage of the handover. pic.twitter.com/xyz123 \u2014 Some Outlet (@someoutlet) May 2, 2025",
     "Some Outlet"),
    ("A post shared by Jane Doe (@jane.doe) on May 2, 2025", "Jane Doe"),
    ("Crowds gathered in the square https://t.co/abcdef", None),
])
def test_embedded_post_credits(line, name):
    posts = embedded_posts("Prose before.\n" + line + "\nProse after.")
    assert len(posts) == 1
    text = "Prose before.\n" + line + "\nProse after."
    got = text[posts[0].name_start:posts[0].name_end] if posts[0].name_start is not None else None
    assert got == name


@pytest.mark.parametrize("credit, date", [
    ("May 2, 2025", "2025-05-02"),
    ("Sept. 3, 2025", "2025-09-03"),
    ("February 30, 2025", None),  # no such day: before, "2025-02-30" was built by hand and kept
    ("Watch 2, 2025", None),
])
def test_an_embedded_post_is_dated_by_timeframe(credit, date):
    text = f"Prose before.\nThe square at noon. \u2014 Some Outlet (@someoutlet) {credit}\nProse after."
    assert [p.date for p in embedded_posts(text)] == [date]


def test_handle_in_prose_is_not_a_credit():
    assert embedded_posts("Follow the reporter on Twitter (@reporter) for updates.") == []


# --- data files and the evaluation -----------------------------------------------------------------

def test_cue_lexicon_loads_and_is_well_formed():
    lex = cue_lexicon()
    assert "say" in lex.speech_verbs and "statement" in lex.statement_nouns
    raw = yaml.safe_load(
        (Path(__file__).resolve().parents[2] / "src/newstrace/lang/data/quote_cues.yaml").read_text())
    for key, items in raw.items():
        assert items, key
        assert len(items) == len(set(items)), f"{key} has duplicates"
        assert all(item == item.strip().lower() for item in items), key


def _write_brat(root: Path) -> None:
    (root / "dev" / "text").mkdir(parents=True)
    (root / "dev" / "attributions").mkdir()
    text = ("\u201cThe plan will work,\u201d the governor said on Monday.\n\n"
            "Aides said that the vote would come next week.\n")
    (root / "dev" / "text" / "doc_one.txt").write_text(text, encoding="utf-8")
    c1 = text.index("\u201c")
    c1_end = text.index("\u201d") + 1
    s1 = text.index("the governor")
    cue1 = text.index("said")
    c2 = text.index("that the vote")
    c2_end = text.index("next week") + len("next week")
    s2 = text.index("Aides")
    cue2 = text.index("said", s2)
    ann = "\n".join([
        f"T1\tContent {c1} {c1_end}\t{text[c1:c1_end]}",
        f"T2\tSource {s1} {s1 + 12}\tthe governor",
        f"T3\tCue {cue1} {cue1 + 4}\tsaid",
        f"T4\tAttribution {cue1} {cue1 + 4}\tsaid",
        "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2",
        f"T5\tContent {c2} {c2_end}\t{text[c2:c2_end]}",
        f"T6\tSource {s2} {s2 + 5}\tAides",
        f"T7\tCue {cue2} {cue2 + 4}\tsaid",
        f"T8\tAttribution {cue2} {cue2 + 4}\tsaid",
        "E2\tAttribution:T8 Content:T5 Cue:T7 Source:T6",
    ]) + "\n"
    (root / "dev" / "attributions" / "doc_one_ab12.ann").write_text(ann, encoding="utf-8")
    (root / "metadata.tsv").write_text("filename\tpublication_date\ndoc_one\t2025-01-06\n", encoding="utf-8")


def test_evaluate_on_a_small_brat_directory(tmp_path):
    from newstrace.evaluate.quotes import evaluate

    _write_brat(tmp_path)
    result = evaluate(tmp_path / "dev")
    assert result["n_docs"] == 1
    assert result["content_f1_overlap"] == pytest.approx(1.0)
    assert result["content_f1_exact"] == pytest.approx(1.0)
    assert result["speaker_accuracy"] == pytest.approx(1.0)
    assert result["cue_f1"] == pytest.approx(1.0)


def test_evaluate_scores_each_annotators_file(tmp_path):
    from newstrace.evaluate.quotes import evaluate

    _write_brat(tmp_path)
    attributions = tmp_path / "dev" / "attributions"
    only_first = "\n".join(line for line in (attributions / "doc_one_ab12.ann").read_text().splitlines()
                           if line.split("\t")[0] in ("T1", "T2", "T3", "T4", "E1")) + "\n"
    (attributions / "doc_one_cd34.ann").write_text(only_first, encoding="utf-8")
    result = evaluate(tmp_path / "dev")
    assert result["n_docs"] == 1 and result["n_annotations"] == 2
    assert result["n_gold"] == 3
    assert result["content_recall_overlap"] == pytest.approx(1.0)
    assert result["content_precision_overlap"] == pytest.approx(3 / 4)


def test_evaluate_rejects_a_directory_that_is_not_brat(tmp_path):
    from newstrace.evaluate.quotes import evaluate

    with pytest.raises(EvalFormatError, match="text/NAME.txt"):
        evaluate(tmp_path)


def test_a_clause_before_a_semicolon_is_not_what_the_next_speaker_says(extract):
    text = "The company denies the report; its lawyers say the contract was never signed."
    quotes = extract(text, published="2025-03-10").quotes
    said = [q for q in quotes if q.cue == "say"]
    assert [q.content.text for q in said] == ["the contract was never signed"]


def test_the_group_is_the_organisation_named_before(extract):
    text = ("The Red Cross said its teams reached the village on Monday. "
            "Most of the houses were destroyed, the group said.")
    quote = next(q for q in extract(text, published="2025-03-10").quotes if q.speaker_text == "the group")
    assert quote.speaker is not None and quote.speaker.name.endswith("Red Cross")



def test_it_after_a_sentence_about_an_unnamed_body_is_that_body_not_an_older_name(extract):
    text = ("Officials in Ruritania reported heavy rain on Monday. "
            "The ministry put the number of flooded homes at 4,000. "
            "It said more than 300 families had been moved to schools.")
    result = extract(text, published="2025-04-14")
    quote = next(q for q in _quotes(result) if "300 families" in q.content.text)
    assert quote.speaker is None or quote.speaker.name != "Ruritania"

"""Dates: temporal expressions resolved against the publication date, and their TimeML scoring."""
from __future__ import annotations

import pytest

from newstrace.extract.dates import NO_ANCHOR_NOTE, resolve_date, to_timeml

THU = "2025-04-17"  # a Thursday
SUN = "2025-02-16"  # a Sunday


@pytest.mark.parametrize(
    ("expression", "published", "tense", "value", "granularity"),
    [
        ("on Wednesday", THU, "past", "2025-04-16", "day"),
        ("on Saturday", SUN, "past", "2025-02-15", "day"),
        ("Thursday", THU, "past", "2025-04-17", "day"),  # the publication day itself
        ("Monday", THU, "future", "2025-04-21", "day"),
        ("next Monday", "2025-04-21", "past", "2025-04-28", "day"),
        ("last Monday", "2025-04-21", "past", "2025-04-14", "day"),
        ("last February", THU, "past", "2025-02", "month"),
        ("last April", THU, "past", "2024-04", "month"),
        ("In November", SUN, "past", "2024-11", "month"),
        ("in November", SUN, "future", "2025-11", "month"),
        ("Jan. 19", SUN, "past", "2025-01-19", "day"),
        ("19 January", SUN, "past", "2025-01-19", "day"),
        ("Dec. 30", "2025-01-03", "past", "2024-12-30", "day"),
        ("Jan. 4", "2024-12-28", "future", "2025-01-04", "day"),
        ("October 7, 2023", THU, "past", "2023-10-07", "day"),
        ("Sept. 3, 1998", None, "past", "1998-09-03", "day"),
        ("Monday, Oct. 26", "1998-10-25", "past", "1998-10-26", "day"),
        ("March 2024", THU, "past", "2024-03", "month"),
        ("2023", THU, "past", "2023", "year"),
        ("in 1990", None, "past", "1990", "year"),
        ("today", THU, "past", THU, "day"),
        ("yesterday", THU, "past", "2025-04-16", "day"),
        ("tomorrow", THU, "future", "2025-04-18", "day"),
        ("last night", THU, "past", "2025-04-16", "day"),
        ("two days ago", THU, "past", "2025-04-15", "day"),
        ("three years ago", THU, "past", "2022", "year"),
        ("five months ago", THU, "past", "2024-11", "month"),
        ("last week", THU, "past", "2025-W15", "week"),
        ("next week", THU, "past", "2025-W17", "week"),
        ("earlier this month", THU, "past", "2025-04", "month"),
        ("last month", "2025-01-10", "past", "2024-12", "month"),
        ("this year", THU, "past", "2025", "year"),
        ("last year", THU, "past", "2024", "year"),
        ("Christmas Day", "2025-01-05", "past", "2024-12-25", "day"),
        ("Thanksgiving", "2024-12-02", "past", "2024-11-28", "day"),
        ("this coming Sunday, March eighth", "1998-03-05", "future", "1998-03-08", "day"),
        ("January nineteen ninety-seven", THU, "past", "1997-01", "month"),
        ("Earlier Sunday", SUN, "past", SUN, "day"),
    ],
)
def test_resolve_date_gives_the_calendar_value(expression, published, tense, value, granularity):
    resolved = resolve_date(expression, published, tense=tense)
    assert resolved is not None
    assert (resolved.value, resolved.granularity) == (value, granularity)
    assert resolved.text == expression


@pytest.mark.parametrize(
    ("expression", "published", "start", "end", "granularity", "timeml"),
    [
        ("since March 18", THU, "2025-03-18", THU, "day", "2025-03-18"),
        ("from 2019 to 2021", THU, "2019", "2021", "year", "2019"),
        ("between March and May", THU, "2025-03", "2025-05", "month", "2025-03"),
        ("the 1990s", THU, "1990", "1999", "year", "199"),
        ("the early 1990s", THU, "1990", "1999", "year", "199"),
        ("the third quarter", "1989-10-26", "1989-07", "1989-09", "month", "1989-Q3"),
        ("fourth-quarter", "1998-02-05", "1997-10", "1997-12", "month", "1997-Q4"),
        ("the first half of 1989", THU, "1989-01", "1989-06", "month", "1989-H1"),
        ("last summer", THU, "2024-06", "2024-08", "month", "2024-SU"),
        ("the 20th century", THU, "1900", "1999", "year", "19"),
        ("the year-ago third quarter", "1989-10-26", "1988-07", "1988-09", "month", "1988-Q3"),
        ("the last half of the '80s", "1989-10-26", "1980", "1989", "year", "198"),
        ("the winter of nineteen ninety-four", THU, "1994-12", "1995-02", "month", "1994-WI"),
    ],
)
def test_periods_and_ranges_have_a_start_and_an_end(expression, published, start, end, granularity, timeml):
    resolved = resolve_date(expression, published)
    assert resolved is not None and resolved.kind == "range"
    assert (resolved.start, resolved.end, resolved.granularity) == (start, end, granularity)
    assert to_timeml(resolved) == timeml


@pytest.mark.parametrize(
    ("expression", "kind", "value"),
    [
        ("for three years", "duration", "P3Y"),
        ("15 months", "duration", "P15M"),
        ("the past three years", "duration", "P3Y"),
        ("a decade", "duration", "P1DE"),
        ("every Monday", "set", "XXXX-WXX-1"),
        ("twice a year", "set", "P1Y"),
        ("annually", "set", "P1Y"),
    ],
)
def test_durations_and_sets_carry_a_timeml_value(expression, kind, value):
    resolved = resolve_date(expression, THU)
    assert resolved is not None
    assert (resolved.kind, resolved.value) == (kind, value)


@pytest.mark.parametrize(
    ("expression", "timeml"),
    [("now", "PRESENT_REF"), ("currently", "PRESENT_REF"), ("recently", "PAST_REF"),
     ("in recent years", "PAST_REF"), ("the future", "FUTURE_REF"), ("the weekend", "2025-W15-WE")],
)
def test_vague_references_map_to_timeml(expression, timeml):
    resolved = resolve_date(expression, THU)
    assert resolved is not None and to_timeml(resolved) == timeml


@pytest.mark.parametrize("expression", ["on Wednesday", "last February", "yesterday", "two days ago", "next week",
                                        "Jan. 19", "this year", "since March 18"])
def test_without_a_publication_date_relative_expressions_stay_unresolved(expression):
    resolved = resolve_date(expression, None)
    assert resolved is not None
    assert not resolved.resolved
    assert resolved.note == NO_ANCHOR_NOTE


def test_a_period_end_without_a_publication_date_leaves_the_year_unresolved(extract):
    # A fiscal-year phrase anchors on a period end; with no publication date neither resolves,
    # and extraction must go on rather than fail the article.
    result = extract("Revenue rose 5% for the year ending Oct. 31.", published=None)
    assert result.dates and all(not d.resolved for d in result.dates if d.kind == "date")


def test_a_relative_date_inside_an_embedded_post_is_anchored_on_the_post(extract):
    text = ("The city council met on Monday.\n\n"
            "Crowds gathered outside the council today to protest the vote. pic.twitter.com/AbC123xyZ "
            "— City Watch (@citywatch) March 3, 2025\n\nThe vote passed.")
    result = extract(text, published="2025-03-05")
    by_text = {d.text: d.value for d in result.dates}
    assert by_text["today"] == "2025-03-03"
    assert by_text["Monday"] == "2025-03-03"  # the article's own prose keeps its publication date


@pytest.mark.parametrize("expression", ["45 years old", "a 45-year-old", "aged 45", "369", "51,000", "12 percent",
                                        "three", "Hamas"])
def test_ages_counts_and_words_are_not_dates(expression):
    assert resolve_date(expression, THU) is None


def test_resolve_date_rejects_an_unknown_tense():
    with pytest.raises(ValueError, match="tense must be one of"):
        resolve_date("Monday", THU, tense="pluperfect")


@pytest.mark.xfail(strict=True, reason="composed anaphora ('the day before' + 'last Tuesday') is not parsed")
def test_day_before_a_weekday():
    resolved = resolve_date("the day before last Tuesday", "2000-02-24")
    assert resolved is not None and resolved.value == "2000-02-21"


def test_lexicon_loads_and_is_well_formed():
    from newstrace.extract.dates.lexicon import lexicon, number_value

    lx = lexicon()
    assert set(lx.months.values()) == set(range(1, 13))
    assert set(lx.weekdays.values()) == set(range(1, 8))
    assert all(set(spec) >= {"code", "days"} for spec in lx.units.values())
    assert all({"code", "start", "end"} <= set(spec) for spec in lx.seasons.values())
    assert all("month" in spec and ("day" in spec or "nth" in spec) for spec in lx.holidays.values())
    assert number_value("twenty-four") == 24


# --- through the pipeline: spans, tense from the parse -------------------------------------------

REPORT = (
    "Vladimir Putin met former captives at the Kremlin on Wednesday. One of them had been freed "
    "last February, and two others in November. The ministry said talks would resume on Monday. "
    "Fighting has continued since March 18. The envoy, 45 years old, said 300 people attended."
)


def test_dates_through_the_pipeline_have_exact_spans(extract):
    result = extract(REPORT, published=THU)
    assert result.dates
    for date in result.dates:
        assert date.span is not None
        assert REPORT[date.span.start:date.span.end] == date.span.text == date.text
    by_text = {d.text: d for d in result.dates}
    assert by_text["Wednesday"].value == "2025-04-16"
    assert by_text["last February"].value == "2025-02"
    assert by_text["November"].value == "2024-11"
    assert by_text["Monday"].value == "2025-04-21"  # "would resume": future tense, the next Monday
    since = next(d for d in result.dates if "March 18" in d.text)
    assert since.start == "2025-03-18"
    assert not any("45" in d.text or "300" in d.text for d in result.dates)


def test_dates_through_the_pipeline_without_publication_date_say_why(extract):
    result = extract("The talks ended on Wednesday, a day after they began on October 7, 2023.")
    by_text = {d.text: d for d in result.dates}
    assert by_text["Wednesday"].value is None and by_text["Wednesday"].note == NO_ANCHOR_NOTE
    assert by_text["October 7, 2023"].value == "2023-10-07"


def test_a_period_ended_on_a_date_takes_its_quarter_from_that_date(extract):
    text = "The bank lost $92 million in the quarter ended Sept. 30, and it expects a profit in the fourth quarter."
    result = extract(text, published="1989-11-01")
    timeml = {d.text: to_timeml(d) for d in result.dates}
    assert timeml["the quarter"] == "1989-Q3"
    assert timeml["Sept. 30"] == "1989-09-30"
    assert timeml["the fourth quarter"] == "1989-Q4"


def test_a_possessive_date_is_past_even_in_a_future_clause(extract):
    result = extract("Lawyers said they would appeal Wednesday's ruling.", published="2000-01-06")
    assert [d.value for d in result.dates] == ["2000-01-05"]


# --- the TimeML evaluation ------------------------------------------------------------------------

TML = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2025-04-17" functionInDocument="CREATION_TIME">20250417</TIMEX3></DCT>
<TEXT>
The council met on <TIMEX3 tid="t1" type="DATE" value="2025-04-16">Wednesday</TIMEX3> &amp; agreed to \
vote <TIMEX3 tid="t2" type="DATE" value="2025-W17">next week</TIMEX3>. Prices rose in \
<TIMEX3 tid="t3" type="DATE" value="2024">2024</TIMEX3> for <TIMEX3 tid="t4" type="DURATION" \
value="P3M">three months</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_read_tml_gives_plain_text_offsets(tmp_path):
    from newstrace.evaluate.time import read_tml

    path = tmp_path / "doc.tml"
    path.write_text(TML, encoding="utf-8")
    doc = read_tml(path)
    assert doc.dct == "2025-04-17"
    assert "&" in doc.text and "<" not in doc.text
    assert [doc.text[t.start:t.end] for t in doc.timexes] == ["Wednesday", "next week", "2024", "three months"]
    assert [t.type for t in doc.timexes] == ["DATE", "DATE", "DATE", "DURATION"]


def test_evaluate_scores_a_timeml_directory(tmp_path, nlp):
    from newstrace.evaluate.time import evaluate

    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "doc.tml").write_text(TML, encoding="utf-8")
    result = evaluate(tmp_path, nlp=nlp)
    assert result["n_docs"] == 1 and result["n_gold"] == 3
    assert result["value_f1"] == pytest.approx(1.0)
    assert result["extraction_f1_relaxed"] == pytest.approx(1.0)


def test_evaluate_says_what_is_wrong_with_a_bad_path(tmp_path):
    from newstrace.errors import EvalFormatError
    from newstrace.evaluate.time import evaluate

    with pytest.raises(EvalFormatError, match="no .tml files"):
        evaluate(tmp_path)


@pytest.mark.parametrize(("value", "canonical"), [("1968-XX", "1968"), ("2000-W8", "2000-W08"), ("199X", "199"),
                                                  ("1998-Q3", "1998-Q3"), ("PRESENT_REF", "PRESENT_REF")])
def test_canonical_timeml_values(value, canonical):
    from newstrace.evaluate.time import canonical_value

    assert canonical_value(value) == canonical


def test_an_age_in_decades_is_not_a_date(extract):
    result = extract("The minister, in her 50s, said prices were lower than in the 1990s.", published=THU)
    assert [to_timeml(d) for d in result.dates] == ["199"]


@pytest.mark.parametrize(("dct", "expected"), [
    ('value="2025-04-17T10:30:00"', "2025-04-17"),   # a creation time with its clock: the day, as timeframe reads it
    ('value="2025-04-17"', "2025-04-17"),
])
def test_read_tml_reads_the_creation_time_through_timeframe(tmp_path, dct, expected):
    from newstrace.evaluate.time import read_tml

    path = tmp_path / "doc.tml"
    path.write_text(TML.replace('value="2025-04-17"', dct, 1), encoding="utf-8")
    assert read_tml(path).dct == expected


@pytest.mark.parametrize("dct", ['value="2025-02-30"', 'value="2025-04-17T25:61"', 'value="PRESENT_REF"'])
def test_a_creation_time_that_is_no_date_is_one_error_naming_the_file(tmp_path, dct):
    """Before, a DCT the regex did not take was silently no anchor, and every relative date of the file
    was scored unanchored; "2025-02-30" passed the regex as a date."""
    from newstrace.errors import EvalFormatError
    from newstrace.evaluate.time import read_tml

    path = tmp_path / "bad.tml"
    path.write_text(TML.replace('value="2025-04-17"', dct, 1), encoding="utf-8")
    with pytest.raises(EvalFormatError, match=r"bad\.tml: the document creation time \(DCT\) is not a usable date"):
        read_tml(path)

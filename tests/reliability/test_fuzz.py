"""Property-based fuzzing (hypothesis) of the readers and of extraction (issue 16).

- Readers: any bytes, under any of the names newstrace reads, give Articles and one-line InputErrors,
  never an exception; an Article's id is the hash of its text.
- Extraction: on any text made of news words, figures, dates, names, quotation marks and line breaks,
  every span of every record (mentions, triggers, sentences, figures, quotes, dates, places) holds
  exactly the characters of the article text at its offsets.

CI runs a fixed, reproducible sample; NEWSTRACE_RELIABILITY_LONG=1 draws ten times more, at random.
"""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstrace.errors import InputError
from newstrace.ids import article_id
from newstrace.readers import read_inputs

from .helpers import LONG

FUZZ = settings(
    max_examples=1500 if LONG else 150, deadline=None, derandomize=not LONG, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
EXTRACT = settings(FUZZ, max_examples=400 if LONG else 40)

NAMES = ["a.txt", "a.html", "a.jsonl", "a.json", "a.xml", "a", "a.jsonl.gz", "a.txt.gz"]

# pieces of news text, our own words: the fuzz recombines them
WORDS = [
    "the", "ministry", "said", "on", "Monday", "killed", "wounded", "released", "prisoners", "at least",
    "about", "more than", "according to", "officials", "told", "reporters", "in", "Gaza", "Moscow",
    "Kyiv", "Vladimir Putin", "Hamas", "the United Nations", "Qatar", "Egypt", "last week", "in March",
    "2025", "February 15", "yesterday", "12", "1,200", "3.5", "369", "two", "dozens", "million", "%",
    "$40", "percent", "people", "met", "thanked", "accused", "attack", "ceasefire", "deal", "--",
    "—", ",", ".", ";", ":", "(", ")", "'", '"', "“", "”", "‘", "’", "\n", "\n\n", "  ", "ʼ", "é", "£",
    "Mr.", "Dr", "U.S.", "No. 10", "1990s", "10-12", "7:30", "+7", "20,000-30,000", "½", "١٢",
]


def spans_of(value, where="record"):
    """Yield (where, span dict) for every span in a record dict, however deep."""
    if isinstance(value, dict):
        if {"start", "end", "text"} <= value.keys() and isinstance(value.get("start"), int):
            yield where, value
        for key, item in value.items():
            yield from spans_of(item, f"{where}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from spans_of(item, f"{where}[{i}]")


@FUZZ
@given(data=st.binary(max_size=3000), name=st.sampled_from(NAMES))
def test_readers_never_raise_on_any_bytes(tmp_path_factory, data, name):
    import gzip

    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    for item in read_inputs([str(path)], max_bytes=100_000):
        if isinstance(item, InputError):
            assert item.reason and "\n" not in item.reason, item
            assert item.source.startswith(str(path))
        else:
            assert item.text.strip() and item.id == article_id(item.text)
            item.text.encode("utf-8")  # storable: no lone surrogate


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
# any code point, lone surrogates included: json.dumps writes them as "\ud800" escapes
any_text = st.text(st.characters(exclude_categories=()), min_size=1, max_size=200)
articles_json = st.fixed_dictionaries(
    {"text": any_text},
    optional={"title": json_values, "published": json_values, "source": json_values, "author": json_values},
)


@FUZZ
@given(lines=st.lists(st.one_of(articles_json, json_values), min_size=1, max_size=6))
def test_json_lines_each_line_is_an_article_or_an_error_of_its_own(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("fuzz") / "a.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    items = list(read_inputs([str(path)]))
    # one item per line, in order, each naming its line (a blank text is an error, never a lost line)
    assert [getattr(i, "origin", None) or i.source for i in items] == [f"{path}:{n}" for n in range(1, len(lines) + 1)]
    for item in items:
        if not isinstance(item, InputError):  # storable: every string UTF-8, no lone surrogate
            json.dumps(item.meta, ensure_ascii=False).encode("utf-8")
            (item.text + item.title + item.source + item.byline).encode("utf-8")


@EXTRACT
@given(pieces=st.lists(st.sampled_from(WORDS), min_size=3, max_size=120))
def test_every_span_of_every_record_holds_the_text_at_its_offsets(extract, pieces):
    text = " ".join(pieces).strip()
    if not text:
        return
    result = extract(text, published="2025-02-16")
    text = result.article.text
    for record in result.to_dicts():
        for where, span in spans_of(record, record["kind"]):
            assert 0 <= span["start"] <= span["end"] <= len(text), (where, span)
            assert text[span["start"]:span["end"]] == span["text"], (where, span)

"""The pipeline as a whole: paragraph-aware sentences, stable ids, spans that hold their text."""
from __future__ import annotations

TEXT = (
    "Aid Convoy Stopped\n\n"
    "Soldiers stopped a convoy of twelve aid trucks near the border on Tuesday, officials said.\n\n"
    "\u201cWe were turned back twice,\u201d said Leila Haddad, a driver for the Red Crescent."
)


def test_a_heading_is_its_own_sentence(nlp):
    doc = nlp(TEXT)
    first = next(iter(doc.sents))
    assert first.text.strip() == "Aid Convoy Stopped"


def test_extraction_is_a_pure_function_of_the_text(extract):
    a = extract(TEXT, published="2025-05-07")
    b = extract(TEXT, published="2025-05-07")
    assert a.to_dicts() == b.to_dicts()
    ids = [r["id"] for r in a.to_dicts()]
    assert len(ids) == len(set(ids))


def test_every_span_of_every_record_holds_its_text(extract):
    result = extract(TEXT, published="2025-05-07")

    def check(value):
        if isinstance(value, dict):
            if {"start", "end", "text"} <= value.keys() and isinstance(value["start"], int):
                assert TEXT[value["start"]:value["end"]] == value["text"]
            for v in value.values():
                check(v)
        elif isinstance(value, list):
            for v in value:
                check(v)

    for record in result.to_dicts():
        check(record)


def test_records_put_kind_first(extract):
    for record in extract(TEXT, published="2025-05-07").to_dicts():
        assert next(iter(record)) == "kind"


def test_two_processes_give_the_records_of_one_in_the_same_order(nlp):
    from newstrace.errors import InputError
    from newstrace.ingest import extract_stream
    from newstrace.readers import read_inputs

    from .conftest import EXAMPLES

    articles = [a for a in read_inputs([str(EXAMPLES)]) if not isinstance(a, InputError)]
    one = list(extract_stream(articles, nlp=nlp, batch_size=2))
    failures = []
    two = list(extract_stream(articles, nlp=nlp, batch_size=2, n_process=2,
                              on_failure=lambda origin, reason: failures.append(origin)))
    assert failures == []
    assert two == one  # each worker parses and extracts: the same records, in input order

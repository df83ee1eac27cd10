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


# -- the declared stages ----------------------------------------------------------------------------

def test_no_stage_reads_what_a_later_stage_writes():
    from newstrace.pipeline import STAGES, Context

    # a leading underscore marks the Context's own look-up caches (sorted views), which no stage writes
    fields = {f for f in Context.__dataclass_fields__ if not f.startswith("_")} - {"article", "doc"}
    written: set[str] = set()
    for i, stage in enumerate(STAGES):
        later = {f for s in STAGES[i + 1:] for f in s.writes}
        assert not set(stage.reads) & later, f"{stage.name} reads {set(stage.reads) & later}, written later"
        assert set(stage.reads) <= written | {"article"}, f"{stage.name} reads what no earlier stage writes"
        assert not set(stage.writes) & written, f"{stage.name} writes what an earlier stage wrote"
        written |= set(stage.writes)
    # every field of the Context has its one writer; the article is given, and only the dateline
    # stage (right after the layout) may give it the date its dateline says, before any stage reads it
    assert written - {"article"} == fields
    assert [s.name for s in STAGES if "article" in s.writes] == ["dateline"]
    assert STAGES[0].name == "layout"


EMBEDDED = (
    "Officials said 40 people were hurt in the strike on Tuesday, and Israel freed ten prisoners.\n\n"
    "\u201cWe were turned back twice,\u201d said Leila Haddad, a driver for the Red Crescent.\n\n"
    "Ten trucks crossed today pic.twitter.com/abc123 \u2014 Aid Watch (@aidwatch) February 15, 2025\n\n"
    "Jane Roe contributed reporting."
)


def test_each_stage_touches_only_the_context_fields_it_declares(nlp):
    from newstrace.pipeline import STAGES, Context
    from newstrace.records import Article

    log: list[tuple[str, str]] = []

    class Recording(Context):
        """A Context that logs every field a stage reads or writes."""

        __slots__ = ()

        def __getattribute__(self, name):
            if name in Context.__dataclass_fields__ and not name.startswith("_"):  # not the private caches
                log.append(("read", name))
            return object.__getattribute__(self, name)

        def __setattr__(self, name, value):
            log.append(("write", name))
            object.__setattr__(self, name, value)

    ctx = Recording(article=Article(id="a_stages", text=EMBEDDED, published="2025-02-16"), doc=nlp(EMBEDDED))
    for stage in STAGES:
        log.clear()
        value = stage.function(ctx.doc, context=ctx)
        touched_reads = {name for kind, name in log if kind == "read"} - {"doc"}
        touched_writes = {name for kind, name in log if kind == "write"}
        assert touched_reads <= set(stage.reads) | set(stage.writes), (stage.name, touched_reads)
        assert touched_writes <= set(stage.writes), (stage.name, touched_writes)
        setattr(ctx, stage.writes[0], value)
    assert ctx.layout.posts and ctx.layout.credit_lines  # the text exercises the layout stage
    assert ctx.entities and ctx.dates and ctx.quotes and ctx.figures and ctx.events


def test_run_stages_stops_after_the_stage_named_and_refuses_an_unknown_one(nlp):
    import pytest

    from newstrace.pipeline import run_stages
    from newstrace.records import Article

    article = Article(id="a_stages", text=EMBEDDED, published="2025-02-16")
    ctx = run_stages(article, nlp(EMBEDDED), until="dates")
    assert ctx.dates and ctx.layout.posts and not ctx.quotes and not ctx.events
    with pytest.raises(ValueError, match="no stage named 'speakers'"):
        run_stages(article, None, until="speakers")


def test_a_names_popup_of_other_headlines_gives_no_record_of_this_article(extract):
    # a page's pop-up copied into the sentence: the formal name glued to the first headline, "MORE" closing it
    text = ("Governor Ann Brooke Ann Marie BrookeSenate approves 40 million for schools Rebels seize two towns "
            "Minister: 'I will not resign' MORE met the prime minister in Lyon on Tuesday. Officials said 12 "
            "people were hurt in the storm.")
    result = extract(text, published="2024-05-10")
    popup_end = text.index("MORE") + 4
    assert not [e for e in result.events if e.trigger.start < popup_end]
    assert "met" in [e.trigger.text for e in result.events]
    assert [f.span.text for f in result.figures] == ["12"]
    assert not [q for q in result.quotes if q.content.start < popup_end]

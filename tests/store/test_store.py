"""The store on a real SQLite file and a real PostgreSQL server: an article and its records go in
whole or not at all, come back as the export contract, and survive a writer that dies mid-way."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Column, String, inspect, select, text

from newstrace import query
from newstrace.errors import StoreError
from newstrace.ids import article_id, entity_id, record_id
from newstrace.records import Article, ArticleResult, DateValue, Entity, EntityRef, Event, Figure, Mention, Quote, Span
from newstrace.store import Store, open_store, resolve_url, schema
from newstrace.store.migrations import MIGRATIONS, Migration, add_column, migrate
from newstrace.store.write import sortable_date

ROOT = Path(__file__).resolve().parents[2]

TEXT_A = (
    "Qatar and Egypt helped broker the release of 12 fishermen on 3 March 2025, the foreign ministry "
    "in Doha said. \"We welcome the step,\" said Ahmed Saleh, a ministry spokesman."
)
TEXT_B = "In Doha, QATAR officials met envoys from Egypt in the week of 10 March 2025."


def span(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span.of(text, start, start + len(needle))


def entity(text: str, aid: str, type_: str, name: str, *, role: str | None = None) -> Entity:
    return Entity(
        id=entity_id(type_, name), type=type_, name=name, role=role,
        mentions=(Mention(aid, span(text, name)),), rule="test",
    )


def result_a() -> ArticleResult:
    """An article with every kind of record, built by hand so the test knows what must come back."""
    aid = article_id(TEXT_A)
    qatar, egypt = entity(TEXT_A, aid, "GPE", "Qatar"), entity(TEXT_A, aid, "GPE", "Egypt")
    doha = entity(TEXT_A, aid, "GPE", "Doha")
    saleh = entity(TEXT_A, aid, "PERSON", "Ahmed Saleh", role="ministry spokesman")
    day = DateValue("2025-03-03", "day", "3 March 2025", span=span(TEXT_A, "3 March 2025"))
    figure = Figure(
        id=record_id("figure", aid, 45, 57), article=aid, value=12, low=None, high=None,
        qualifier="exact", measure="released", counted="fishermen", span=span(TEXT_A, "12 fishermen"),
        sentence=span(TEXT_A, TEXT_A[: TEXT_A.index("said.") + 5]), as_of=day,
        claimed_by=EntityRef(None, "the foreign ministry"), confidence=0.8, rule="test",
    )
    trigger = span(TEXT_A, "release")
    event = Event(
        id=record_id("event", aid, trigger.start, trigger.end), article=aid, type="RETREAT", mode="release",
        context=None, cameo="0841", actors=(qatar.ref(), egypt.ref()), recipients=(), location=doha.ref(),
        date=day, factuality="asserted", reported_by=EntityRef(None, "the foreign ministry"),
        trigger=trigger, sentence=figure.sentence, sizes={"released": figure.id}, confidence=0.7, why="test",
    )
    quote = Quote(
        id=record_id("quote", aid, 1), article=aid, speaker=saleh.ref(), speaker_text="Ahmed Saleh",
        speaker_span=span(TEXT_A, "Ahmed Saleh"), cue="said", cue_span=span(TEXT_A, "said", 1),
        content=span(TEXT_A, "We welcome the step,"), direct=True, confidence=0.9, rule="test",
    )
    article = Article(id=aid, text=TEXT_A, title="Fishermen freed", source="Test Wire", published="2025-03-04",
                      origin="a.txt", meta={"section": "world"})
    return ArticleResult(article, [qatar, egypt, doha, saleh], [event], [figure], [quote])


def result_b() -> ArticleResult:
    """A second article naming Qatar differently (same entity id) and dated by a week."""
    aid = article_id(TEXT_B)
    qatar = Entity(id=entity_id("GPE", "QATAR"), type="GPE", name="QATAR", role="host",
                   mentions=(Mention(aid, span(TEXT_B, "QATAR")),))
    egypt = entity(TEXT_B, aid, "GPE", "Egypt")
    trigger = span(TEXT_B, "met")
    event = Event(
        id=record_id("event", aid, trigger.start), article=aid, type="CONSULT", mode=None, context=None,
        cameo="040", actors=(qatar.ref(),), recipients=(egypt.ref(), egypt.ref()), location=None,
        date=DateValue("2025-W11", "week", "the week of 10 March 2025"), factuality="asserted",
        reported_by=None, trigger=trigger, sentence=Span.of(TEXT_B, 0, len(TEXT_B)),
    )
    return ArticleResult(Article(id=aid, text=TEXT_B, published="2025-03-12"), [qatar, egypt], [event])


def expected_entity(e: Entity, *, mentions: list[Mention], name: str | None = None,
                    aliases: list[str] | None = None, roles: list[str] | None = None) -> dict:
    out = e.to_dict()
    del out["mentions"]
    if name is not None:
        out["name"] = name
    if aliases is not None:
        out["aliases"] = aliases
    out["roles"] = roles if roles is not None else ([e.role] if e.role else [])
    out["mentions"] = [m.to_dict() for m in mentions]
    out["canonical_id"] = None
    return out


def rows(store: Store, table, *columns, where=None):
    query = select(*columns)
    if where is not None:
        query = query.where(where)
    with store.engine.connect() as conn:
        return sorted(tuple(r) for r in conn.execute(query))


def test_records_come_back_as_written(store_url):
    result = result_a()
    with open_store(store_url) as store:
        assert store.write_result(result) is True
        assert store.has_article(result.article.id)
        got = list(store.iter_records())
        assert store.counts() == {"articles": 1, "entities": 4, "events": 1, "figures": 1, "quotes": 1,
                                  "clusters": 0, "exchanges": 0, "conflicts": 0, "failures": 0, "dropped": 0}
        assert store.article_text(result.article.id) == TEXT_A
    expected_entities = sorted(
        (expected_entity(e, mentions=list(e.mentions)) for e in result.entities), key=lambda d: d["id"]
    )
    assert got == [result.article.to_dict(), *expected_entities, result.events[0].to_dict(),
                   result.figures[0].to_dict(), result.quotes[0].to_dict()]
    assert [next(iter(d)) for d in got] == ["kind"] * len(got)


def test_columns_hold_what_queries_filter_on(store_url):
    a, b = result_a(), result_b()
    with open_store(store_url) as store:
        store.write_result(a)
        store.write_result(b)
        ev = schema.events.c
        assert rows(store, schema.events, ev.article_id, ev.type, ev.cameo, ev.date, ev.position) == sorted([
            (a.article.id, "RETREAT", "0841", "2025-03-03", a.events[0].trigger.start),
            (b.article.id, "CONSULT", "040", "2025-03-10", b.events[0].trigger.start),
        ])
        ee = schema.event_entities.c
        qatar, egypt, doha = (entity_id("GPE", n) for n in ("Qatar", "Egypt", "Doha"))
        # the ministry has no entity id, and Egypt named twice as recipient is one row
        assert rows(store, schema.event_entities, ee.event_id, ee.entity_id, ee.role) == sorted([
            (a.events[0].id, qatar, "actor"), (a.events[0].id, egypt, "actor"),
            (a.events[0].id, doha, "location"),
            (b.events[0].id, qatar, "actor"), (b.events[0].id, egypt, "recipient"),
        ])
        fi = schema.figures.c
        assert rows(store, schema.figures, fi.measure, fi.value, fi.as_of, fi.claimed_by_id) == [
            ("released", 12.0, "2025-03-03", None)
        ]
        qu = schema.quotes.c
        assert rows(store, schema.quotes, qu.speaker_id) == [(entity_id("PERSON", "Ahmed Saleh"),)]
        with query.connect(store) as conn:
            in_order = query.list_events(conn, query.Filters(), None, 0).items
        assert [e["date"]["value"] for e in in_order] == ["2025-03-03", "2025-W11"]


def test_same_article_twice_writes_nothing_new(store_url):
    with open_store(store_url) as store:
        assert store.write_result(result_a()) is True
        before = (store.counts(), list(store.iter_records()))
        assert store.write_result(result_a()) is False
        assert (store.counts(), list(store.iter_records())) == before


def test_entity_seen_in_two_articles_is_one_row_with_first_name(store_url):
    a, b = result_a(), result_b()
    with open_store(store_url) as store:
        store.write_result(a)
        store.write_result(b)
        qatar = [d for d in store.iter_records("entity") if d["id"] == entity_id("GPE", "Qatar")]
    mentions = sorted([*a.entities[0].mentions, *b.entities[0].mentions], key=lambda m: (m.article, m.span.start))
    assert qatar == [expected_entity(a.entities[0], mentions=mentions, name="Qatar", aliases=["QATAR"],
                                     roles=["host"]) | {"role": "host"}]


def test_article_that_fails_mid_write_leaves_nothing(store_url):
    good, bad = result_a(), result_b()
    # two figures with one id: the second insert breaks the primary key after the article, its
    # entities (one of them already stored, so its aliases would change) and its event are written
    aid = bad.article.id
    twin = Figure(id=record_id("figure", aid, 0), article=aid, value=3, low=None, high=None, qualifier="exact",
                  measure="other", counted="envoys", span=span(TEXT_B, "envoys"), sentence=span(TEXT_B, TEXT_B))
    bad.figures = [twin, twin]
    with open_store(store_url) as store:
        store.write_result(good)
        before = (store.counts(), list(store.iter_records()))
        with pytest.raises(StoreError, match=f"article {aid}.*Nothing of this article was written"):
            store.write_result(bad)
        assert not store.has_article(aid)
        assert (store.counts(), list(store.iter_records())) == before
        bad.figures = [twin]
        assert store.write_result(bad) is True  # the fixed article goes in afterwards


def test_migrations_run_once_and_again_safely(store_url):
    with open_store(store_url) as store:
        assert store.migrate() == []
    with open_store(store_url) as store:
        with store.engine.connect() as conn:
            recorded = conn.execute(select(schema.schema_migrations.c.version, schema.schema_migrations.c.name))
            assert [tuple(r) for r in recorded] == [(m.version, m.name) for m in MIGRATIONS]
            tables = set(inspect(conn).get_table_names())
        assert set(schema.metadata.tables) <= tables
        store.write_result(result_a())
        later = [*MIGRATIONS, Migration(99, "figures: add a note", add_column("figures", Column("note", String)))]
        assert migrate(store.engine, later) == [99]
        assert migrate(store.engine, later) == []
        with store.engine.connect() as conn:
            assert "note" in {c["name"] for c in inspect(conn).get_columns("figures")}
        assert store.counts()["figures"] == 1
        # a newstrace that only knows the first migrations refuses a store a newer one has migrated
        with pytest.raises(StoreError, match="newer version"):
            migrate(store.engine, [*MIGRATIONS, Migration(98, "not applied yet", lambda conn: None)])


def test_what_linking_writes_shows_in_the_records(store_url):
    a, b = result_a(), result_b()
    cluster = {"kind": "cluster", "id": "cl_1", "type": "RETREAT", "date": None, "actors": [],
               "recipients": [], "events": [a.events[0].id], "why": "test"}
    qatar = entity_id("GPE", "Qatar")
    with open_store(store_url) as store:
        store.write_result(a)
        store.write_result(b)
        with store.write_transaction() as conn:
            conn.execute(schema.clusters.insert().values(id="cl_1", type="RETREAT", data=cluster))
            conn.execute(schema.events.update().where(schema.events.c.id == a.events[0].id).values(cluster_id="cl_1"))
            conn.execute(schema.figures.update().values(series_id="se_1"))
            conn.execute(schema.entities.update().where(schema.entities.c.id == qatar).values(canonical_id=qatar))
        assert list(store.iter_records("cluster")) == [cluster]
        assert {e["id"]: e["cluster"] for e in store.iter_records("event")} == {
            a.events[0].id: "cl_1", b.events[0].id: None}
        assert [f["series"] for f in store.iter_records("figure")] == ["se_1"]
        assert {e["id"]: e["canonical_id"] for e in store.iter_records("entity")}[qatar] == qatar
        assert store.counts()["clusters"] == 1
        with pytest.raises(RuntimeError), store.write_transaction() as conn:
            conn.execute(schema.clusters.delete())
            raise RuntimeError("linking failed half-way")
        assert store.counts()["clusters"] == 1  # rolled back


def test_failures_are_recorded(store_url):
    with open_store(store_url) as store:
        store.record_failure("bad.html", "no article text in the page")
        assert store.counts()["failures"] == 1
        recorded = [(f["origin"], f["reason"]) for f in store.failures()]
        assert recorded == [("bad.html", "no article text in the page")]


def test_unknown_kind_is_refused_before_reading(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        with pytest.raises(StoreError, match="choose one of article, entity"):
            store.iter_records("events_and_stuff")
        assert list(store.iter_records("Events")) == []


def test_store_locations(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSTRACE_DB", raising=False)
    assert resolve_url() == f"sqlite:///{tmp_path / 'newstrace.db'}"
    monkeypatch.setenv("NEWSTRACE_DB", "other.db")
    assert resolve_url() == f"sqlite:///{tmp_path / 'other.db'}"
    assert resolve_url("postgresql://u@h:5/db") == "postgresql+psycopg://u@h:5/db"
    assert resolve_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    with pytest.raises(StoreError, match="folder .* does not exist"):
        open_store(tmp_path / "missing" / "s.db")
    with pytest.raises(StoreError, match="SQLite and PostgreSQL"):
        open_store("mysql://u@h/db")
    with socket.socket() as s:  # a port nobody listens on: the error says what to check
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    with pytest.raises(StoreError, match="check that the PostgreSQL server is running"):
        open_store(f"postgresql://postgres@127.0.0.1:{closed_port}/nothing")


def test_sqlite_store_uses_wal_and_foreign_keys(tmp_path):
    with open_store(tmp_path / "s.db") as store, store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 1000


def test_reader_sees_committed_articles_while_another_store_writes(tmp_path):
    path = tmp_path / "s.db"
    with open_store(path) as writer, open_store(path) as reader:
        writer.write_result(result_a())
        records = reader.iter_records()
        first = next(records)  # the reader's transaction is open from here on
        writer.write_result(result_b())  # WAL: the write does not wait for the reader
        assert first["id"] == result_a().article.id
        assert sum(1 for d in records if d["kind"] == "article") == 0  # its snapshot predates article B
        assert reader.counts()["articles"] == 2


@pytest.mark.parametrize(("value", "expected"), [
    (DateValue("2025-02-14", "day", "14 February"), "2025-02-14"),
    (DateValue("2025-02", "month", "February"), "2025-02"),
    (DateValue("2025", "year", "this year"), "2025"),
    (DateValue("2025-W07", "week", "that week"), "2025-02-10"),
    (DateValue(None, "month", "March to May", start="2025-03", end="2025-05"), "2025-03"),
    (DateValue(None, "day", "yesterday", note="no publication date"), None),
    (None, None),
    # through timeframe: a stored sort key is a real calendar date (the read layer casts it to a date)
    (DateValue("2025-02-30", "day", "30 February"), "2025-02"),
    (DateValue("2025-13", "month", "the 13th month"), "2025"),
    (DateValue("2025-Q1", "quarter", "the first quarter"), "2025"),
    (DateValue("2025-03-01T10:00", "day", "10 a.m. on March 1"), "2025-03-01"),
    (DateValue("PRESENT_REF", "day", "now"), None),
])
def test_sortable_date(value, expected):
    assert sortable_date(value) == expected


def test_pipeline_output_is_stored_with_spans_intact(store_url, extract):
    text_ = ("Egyptian mediators said on Tuesday that 40 prisoners had been freed in Cairo. "
             "\"This is a first step,\" Foreign Minister Sameh Shoukry told reporters.")
    result = extract(text_, published="2025-01-21")
    with open_store(store_url) as store:
        assert store.write_result(result) is True
        records = list(store.iter_records())
    assert {d["kind"] for d in records} >= {"article", "entity"}
    assert len(records) == len(result.to_dicts())
    for d in records:
        for s in _spans(d):
            assert text_[s["start"]:s["end"]] == s["text"]


def _spans(value):
    if isinstance(value, dict):
        if set(value) == {"start", "end", "text"} and isinstance(value["start"], int):
            yield value
        for v in value.values():
            yield from _spans(v)
    elif isinstance(value, list):
        for v in value:
            yield from _spans(v)


# --- a writer killed mid-way -------------------------------------------------------------------------

BULK_SENTENCE = "Officials in Moscow said {n} detainees were freed on {d} May 2025. "


def bulk_result(i: int, sentences: int = 40) -> ArticleResult:
    """A long made-up article with one entity, event, figure and quote per sentence: a slow write."""
    body = "".join(BULK_SENTENCE.format(n=100 * i + k, d=k % 28 + 1) for k in range(sentences))
    body = f"Report {i}. " + body
    aid = article_id(body)
    starts = [j for j in range(len(body)) if body.startswith("Officials", j)]
    moscow = Entity(id=entity_id("GPE", "Moscow"), type="GPE", name="Moscow",
                    mentions=tuple(Mention(aid, Span.of(body, s + 13, s + 19)) for s in starts))
    events, figures, quotes = [], [], []
    for k, s in enumerate(starts):
        sentence = Span.of(body, s, body.index(".", s) + 1)
        number = str(100 * i + k)
        fig_span = Span.of(body, s + 25, s + 25 + len(number) + 10)
        figures.append(Figure(id=record_id("figure", aid, fig_span.start), article=aid, value=float(number),
                              low=None, high=None, qualifier="exact", measure="released",
                              counted="detainees", span=fig_span, sentence=sentence))
        trigger = Span.of(body, fig_span.end + 6, fig_span.end + 11)
        events.append(Event(id=record_id("event", aid, trigger.start), article=aid, type="RETREAT",
                            mode="release", context=None, cameo="0841", actors=(), recipients=(),
                            location=moscow.ref(), date=None, factuality="asserted", reported_by=None,
                            trigger=trigger, sentence=sentence))
        quotes.append(Quote(id=record_id("quote", aid, s), article=aid, speaker=None, speaker_text="Officials",
                            speaker_span=Span.of(body, s, s + 9), cue="said",
                            cue_span=Span.of(body, s + 20, s + 24),
                            content=Span.of(body, s + 25, sentence.end - 1), direct=False))
    return ArticleResult(Article(id=aid, text=body), [moscow], events, figures, quotes)


def assert_consistent(store: Store, results: list[ArticleResult]) -> int:
    """Assert every stored article has all its records and nothing else is stored; return how many."""
    by_id = {r.article.id: r for r in results}
    stored = [d["id"] for d in store.iter_records("article")]
    assert set(stored) <= set(by_id)
    for kind, table in (("events", schema.events), ("figures", schema.figures), ("quotes", schema.quotes),
                        ("mentions", schema.mentions)):
        with store.engine.connect() as conn:
            per_article = dict(conn.execute(
                select(table.c.article_id, text("count(*)")).group_by(table.c.article_id)
            ).all())
        expected = {a: len(by_id[a].entities[0].mentions if kind == "mentions" else getattr(by_id[a], kind))
                    for a in stored}
        assert per_article == {a: n for a, n in expected.items() if n}, kind
    return len(stored)


WRITER = """
import sys
sys.path.insert(0, {root!r})
from tests.store.test_store import bulk_result
from newstrace.store import open_store
store = open_store({url!r})
for i in range(100_000):  # far more than it will live to write: it is killed mid-way
    store.write_result(bulk_result(i))
    print(i, flush=True)
"""


def test_writer_killed_mid_ingest_leaves_whole_articles_and_a_rerun_completes(store_url):
    open_store(store_url).close()  # migrate first, so the child spends its life writing articles
    child = subprocess.Popen([sys.executable, "-c", WRITER.format(root=str(ROOT), url=store_url)],
                             stdout=subprocess.PIPE, text=True)
    try:
        for _ in range(3):  # let a few articles commit, then kill it while it writes the next ones
            assert child.stdout.readline(), "the writer died before it wrote three articles"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
    with open_store(store_url) as store:
        stored = store.counts()["articles"]
        assert stored >= 3
        # the child writes bulk_result(0), (1), ... in order: these are the articles it may have stored
        results = [bulk_result(i) for i in range(stored + 5)]
        assert assert_consistent(store, results) == stored
        written = [store.write_result(r) for r in results]
        assert written == [False] * stored + [True] * 5
        assert assert_consistent(store, results) == stored + 5


ABANDONED = """
import os, sys, time
sys.path.insert(0, {root!r})
from tests.store.test_store import bulk_result
from newstrace.store import open_store, schema
from newstrace.store.connect import WRITE_OPTION
r = bulk_result(0)
store = open_store({url!r})
conn = store.engine.connect().execution_options(**{{WRITE_OPTION: True}})
conn.begin()
conn.execute(schema.articles.insert().values(id=r.article.id, text=r.article.text, length=1, meta={{}},
             ingested_at="now", title="", source="", byline="", url="", language="en", origin="", linked=0))
conn.execute(schema.events.insert(), [dict(id=e.id, article_id=r.article.id, type=e.type, factuality="asserted",
             data=e.to_dict()) for e in r.events])
print("mid-write", flush=True)
time.sleep(120)
"""


def test_transaction_abandoned_by_a_killed_process_leaves_nothing(store_url):
    results = [bulk_result(0)]
    open_store(store_url).close()
    child = subprocess.Popen([sys.executable, "-c", ABANDONED.format(root=str(ROOT), url=store_url)],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "mid-write"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
    with open_store(store_url) as store:
        assert assert_consistent(store, results) == 0
        assert store.counts()["events"] == 0
        assert store.write_result(results[0]) is True
        assert assert_consistent(store, results) == 1

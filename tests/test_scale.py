"""Batch mode on Ray: ``batch`` writes Parquet partitions, ``load`` stores them as ``ingest`` would.

One local Ray (2 CPUs) and one batch run are shared by the tests of this module: Ray and its actors
take seconds to start.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newstrace.cli import app

from .conftest import EXAMPLES, require

runner = CliRunner()

# short articles written for these tests
PARQUET_ROWS = [
    {"text": "Officials in Goma said on Monday that 12 aid workers held since March had been released.",
     "title": "Aid workers freed in Goma", "url": "https://news.example/goma", "published": "2025-03-04",
     "source": "Lake Desk", "byline": "Ana Diaz", "section": "africa"},
    {"text": "   ", "title": "An empty row", "url": None, "published": None, "source": None, "byline": None,
     "section": None},
    {"text": "The council said on Friday that about 300 families had left the flooded district.",
     "title": "Families leave flooded district", "url": None, "published": "March 7, 2025",
     "source": "Lake Desk", "byline": None, "section": "local"},
]


# a feed of two entries: an article, and a teaser too short to be one (dropped by design, not failed)
FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Valley Desk</title>
<item><title>Bridge reopens after repairs</title><link>https://valley.example/bridge</link>
<pubDate>Tue, 04 Mar 2025 09:00:00 +0000</pubDate>
<description>The river bridge at Kessel reopened on Monday after four months of repairs, the regional roads office
said. About 9,000 vehicles cross it each day, and the detour had added forty minutes to the trip to the
market town, shop owners on both banks told the council at a meeting last week.</description></item>
<item><title>Briefly</title><link>https://valley.example/brief</link><description>Read more.</description></item>
</channel></rss>
"""


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def export(db: str) -> list[str]:
    result = invoke("export", "--db", db, "--with-text")
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def stats(db: str) -> dict:
    return json.loads(invoke("stats", "--db", db, "--json").output)


def write_parquet(path: Path, rows: list[dict]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(rows), path)


@pytest.fixture(scope="module")
def ray_session():
    try:
        import ray
    except ImportError:
        require(False, "Ray")
    started_here = not ray.is_initialized()
    if started_here:
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    if started_here:
        ray.shutdown()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    """Return the inputs of the shared run: the examples, a Parquet file, a feed with an entry too short to
    keep, and three bad inputs."""
    folder = tmp_path_factory.mktemp("inputs")
    write_parquet(folder / "articles.parquet", PARQUET_ROWS)
    (folder / "valley.xml").write_text(FEED, encoding="utf-8")
    (folder / "broken.parquet").write_bytes(b"PAR1 this is not parquet data")
    (folder / "empty.txt").write_bytes(b"")
    return [str(EXAMPLES), str(folder), str(folder / "nowhere.txt")]


@pytest.fixture(scope="module")
def batch_run(ray_session, inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("batch") / "out"
    result = invoke(
        "batch", *inputs, "--out", str(out), "--concurrency", "2", "--batch-size", "4", "--rows-per-file", "5",
        "--quiet",
    )
    return result, out


@pytest.fixture(scope="module")
def ingested(inputs, tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("ingest") / "ingest.db")
    result = invoke("ingest", *inputs, "--db", db, "--quiet", "--no-link")
    assert result.exit_code == 1, result.output  # the bad inputs
    return db


def test_bad_inputs_fail_one_line_each_and_the_others_are_written(batch_run, inputs):
    result, out = batch_run
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    folder = inputs[1]
    assert len(errors) == 4, errors
    assert f"error: {folder}/articles.parquet#row-2: the article text is empty" in errors
    assert f"error: {folder}/empty.txt: empty file" in errors
    assert f"error: {inputs[2]}: no such file or directory" in errors
    assert any(e.startswith(f"error: {folder}/broken.parquet: not a readable Parquet file: ") for e in errors)
    # the feed's teaser is dropped, as ingest drops it: named, counted apart, not a failure
    assert f"dropped: {folder}/valley.xml#entry-2: entry too short to be an article" in result.output
    assert "14 articles extracted, 1 dropped, 4 failed" in result.output
    manifest = json.loads((out / "_newstrace.json").read_text())
    assert manifest["articles"] == 14 and manifest["failures"] == 4 and manifest["dropped"] == 1
    # 19 rows, 5 to a file
    assert manifest["files"] == [f"part-0000{i}.parquet" for i in range(4)]
    assert all((out / name).is_file() for name in manifest["files"])


def test_batch_then_load_stores_what_ingest_stores(batch_run, ingested, store_url):
    """Loaded into SQLite or PostgreSQL, the batch gives what ``ingest`` stored in SQLite."""
    _, out = batch_run
    db = store_url
    result = invoke("load", str(out), "--db", db, "--quiet", "--no-link")
    assert result.exit_code == 0, result.output
    assert "14 new" in result.output
    assert "4 inputs had failed in the batch" in result.output
    assert "1 inputs were dropped in the batch" in result.output
    # the same articles (with their text) and records, ids and data, in the same order
    assert export(db) == export(ingested)
    assert stats(db) == stats(ingested)
    from newstrace.store import open_store

    with open_store(ingested) as a, open_store(db) as b:
        assert {(f["origin"], f["reason"], f["kind"]) for f in a.failures()} \
            == {(f["origin"], f["reason"], f["kind"]) for f in b.failures()}
        assert [f["origin"].rsplit("/", 1)[-1] for f in b.failures("dropped")] == ["valley.xml#entry-2"]


def test_partitions_hold_every_field_of_the_extraction(batch_run, inputs, nlp):
    from newstrace.errors import InputDropped, InputError
    from newstrace.ingest import extract_stream
    from newstrace.readers import read_inputs
    from newstrace.scale import iter_partitions

    _, out = batch_run
    loaded = list(iter_partitions(out))
    failures = [item for item in loaded if isinstance(item, InputError)]
    results = [item for item in loaded if not isinstance(item, InputError)]
    local = list(extract_stream(read_inputs(inputs), nlp=nlp))
    assert len([f for f in failures if not isinstance(f, InputDropped)]) == 4
    assert [f.source.rsplit("/", 1)[-1] for f in failures if isinstance(f, InputDropped)] == ["valley.xml#entry-2"]
    # dataclass equality: every field, the dates and the rules that are not in the export too
    assert results == local


def test_load_links_and_loading_twice_adds_nothing(batch_run, tmp_path):
    _, out = batch_run
    db = str(tmp_path / "twice.db")
    first = invoke("load", str(out), "--db", db, "--quiet")
    assert first.exit_code == 0, first.output
    assert "linked: 14 articles" in first.output
    before, records = stats(db), export(db)
    assert before["articles"] == 14 and before["clusters"] > 0 and before["failures"] == 4
    assert before["dropped"] == 1

    second = invoke("load", str(out), "--db", db, "--quiet")
    assert second.exit_code == 0, second.output
    assert "0 new, 14 already stored" in second.output
    assert stats(db) == before
    assert export(db) == records


def test_ingest_reads_parquet_like_json_lines(tmp_path):
    from newstrace.errors import InputError
    from newstrace.readers import read_inputs

    write_parquet(tmp_path / "a.parquet", PARQUET_ROWS)
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in PARQUET_ROWS) + "\n", encoding="utf-8")
    from_parquet = list(read_inputs([str(tmp_path / "a.parquet")]))
    from_jsonl = list(read_inputs([str(tmp_path / "a.jsonl")]))
    assert [type(x) for x in from_parquet] == [type(x) for x in from_jsonl]
    for p, j in zip(from_parquet, from_jsonl):
        if isinstance(p, InputError):
            assert p.source.endswith("a.parquet#row-2") and p.reason == j.reason
        else:
            assert p.origin.endswith("a.parquet#row-" + j.origin.rsplit(":", 1)[1])
            assert (p.id, p.text, p.title, p.url, p.published, p.source, p.byline, p.meta) == (
                j.id, j.text, j.title, j.url, j.published, j.source, j.byline, j.meta)
    assert from_parquet[0].meta == {"section": "africa"}
    assert from_parquet[2].published == "2025-03-07"


def test_a_text_that_utf8_cannot_hold_still_goes_into_a_partition(extract):
    import dataclasses

    from newstrace.records import ArticleResult
    from newstrace.scale import _result_row, _table, decode, encode

    result = extract("Officials said on Monday that 12 aid workers had been released.", published="2025-03-04")
    # a JSON line may carry a lone surrogate escape ("\\ud800"); Arrow strings must be valid UTF-8
    article = dataclasses.replace(result.article, title="bad \ud800 title", meta={"note": "x\udfff"})
    odd = dataclasses.replace(result, article=article)
    assert decode(ArticleResult, encode(odd)) == odd
    row = _table([_result_row(odd)]).to_pylist()[0]
    assert row["title"] == "bad \\ud800 title"
    assert decode(ArticleResult, row["result"]) == odd


def test_an_article_spacy_would_refuse_fails_alone(monkeypatch):
    import pyarrow as pa

    from newstrace.ids import article_id
    from newstrace.records import Article
    from newstrace.scale import _Extractor, encode

    texts = ["Officials said on Monday that 12 aid workers had been released.", "Long " * 100]
    articles = [Article(id=article_id(t), text=t, origin=f"in.jsonl:{n}") for n, t in enumerate(texts, 1)]
    batch = pa.Table.from_pylist(
        [{"article": encode(a), "origin": a.origin, "error": None, "dropped": False} for a in articles]
        + [{"article": None, "origin": "gone.txt", "error": "no such file or directory", "dropped": False},
           {"article": None, "origin": "feed.xml#entry-2", "error": "entry too short", "dropped": True}]
    )
    extractor = _Extractor()  # the actor's work, without Ray
    monkeypatch.setattr(extractor.nlp, "max_length", 200)
    rows = extractor(batch).to_pylist()
    assert [(r["origin"], r["error"] is None, r["dropped"]) for r in rows] == [
        ("in.jsonl:1", True, False), ("in.jsonl:2", False, False), ("gone.txt", False, False),
        ("feed.xml#entry-2", False, True)]
    assert "max_length" in rows[1]["error"] and rows[2]["error"] == "no such file or directory"
    assert rows[0]["events"] >= 1 and rows[0]["result"]


@pytest.mark.parametrize(("content", "reason"), [
    (b"PAR1 not really", "not a readable Parquet file"),
    (None, "no article text: the Parquet file has none of the columns"),
])
def test_a_parquet_file_that_cannot_be_read_is_one_error(tmp_path, content, reason):
    from newstrace.errors import InputError
    from newstrace.readers import read_inputs

    path = tmp_path / "x.parquet"
    if content is None:
        write_parquet(path, [{"headline": "no text column here"}])
    else:
        path.write_bytes(content)
    items = list(read_inputs([str(path)]))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert items[0].source == str(path) and items[0].reason.startswith(reason)


def test_batch_refuses_a_folder_with_an_earlier_batch_without_force(tmp_path):
    from newstrace.errors import NewstraceError
    from newstrace.scale import prepare_output

    out = tmp_path / "out"
    out.mkdir()
    (out / "part-00000.parquet").write_bytes(b"")
    (out / "_newstrace.json").write_text("{}")
    result = invoke("batch", str(EXAMPLES), "--out", str(out), "--quiet")
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == (
        f"error: {out} is not empty (it holds an earlier batch): use --force to replace it"
    )
    prepare_output(out, force=True)
    assert list(out.iterdir()) == []
    (out / "notes.txt").write_text("mine")
    with pytest.raises(NewstraceError, match="choose an empty folder"):
        prepare_output(out, force=True)
    assert (out / "notes.txt").exists()


def test_batch_refuses_standard_input(tmp_path):
    result = invoke("batch", "-", "--out", str(tmp_path / "out"), "--quiet")
    assert result.exit_code == 2
    assert "not standard input" in result.output


def test_load_refuses_a_folder_that_holds_no_finished_batch(tmp_path):
    result = invoke("load", str(tmp_path), "--db", str(tmp_path / "x.db"), "--quiet")
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"error: {tmp_path} holds no finished batch (no _newstrace.json): "
        f"run `newstrace batch INPUT... --out {tmp_path}` to the end first"
    )


def test_ingest_on_ray_sends_articles_in_chunks_and_keeps_their_order(ray_session, nlp):
    from newstrace.errors import InputError
    from newstrace.ingest import extract_stream
    from newstrace.readers import read_inputs
    from newstrace.scale import extract_with_ray

    articles = [a for a in read_inputs([str(EXAMPLES)]) if not isinstance(a, InputError)]
    on_ray = list(extract_with_ray(iter(articles), concurrency=2, batch_size=2, chunk=3))
    # three articles at a time, so the driver never holds the whole input; the same records, in order
    assert [r.article.id for r in on_ray] == [a.id for a in articles]
    assert [r for r in on_ray] == [r for r in extract_stream(articles, nlp=nlp)]


def test_a_batch_written_before_drops_were_told_apart_still_loads(batch_run, tmp_path):
    """A version 1 batch has no ``dropped`` column: it loads, its error rows as the failures it wrote."""
    import pyarrow.parquet as pq

    from newstrace.errors import InputDropped, InputError
    from newstrace.scale import iter_partitions

    _, out = batch_run
    old = tmp_path / "v1"
    old.mkdir()
    manifest = json.loads((out / "_newstrace.json").read_text())
    for name in manifest["files"]:
        pq.write_table(pq.read_table(out / name).drop_columns(["dropped"]), old / name)
    (old / "_newstrace.json").write_text(json.dumps({**manifest, "version": 1}))
    errors = [item for item in iter_partitions(old) if isinstance(item, InputError)]
    assert len(errors) == 5 and not any(isinstance(e, InputDropped) for e in errors)

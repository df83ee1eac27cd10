"""Exports as a user reads them: JSON Lines in the contract's shape, CSV and Parquet that round-trip,
spans that hold the text they point at, and no file overwritten by accident."""
from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from newstrace.errors import NewstraceError, StoreError
from newstrace.export import JSON_COLUMNS_KEY, ExportError, OutputExists, export_records
from newstrace.store import open_store
from tests.store.test_store import _spans, result_a, result_b

PIPELINE_TEXT = (
    "Jordanian officials said on Sunday that 27 aid trucks had crossed into Gaza. "
    "\"More will follow this week,\" Ayman Safadi told reporters in Amman."
)


@pytest.fixture
def store(store_url, extract):
    with open_store(store_url) as store:
        store.write_result(result_a())
        store.write_result(result_b())
        store.write_result(extract(PIPELINE_TEXT, published="2025-02-02"))
        yield store


def test_jsonl_is_the_stored_records_one_per_line_kind_first(store, tmp_path):
    out = tmp_path / "records.jsonl"
    count = export_records(store, "jsonl", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert count == len(lines) == len(records) > 0
    assert records == list(store.iter_records())
    assert all(next(iter(r)) == "kind" for r in records)
    assert {r["kind"] for r in records} >= {"article", "entity", "event", "figure", "quote"}


def test_every_exported_span_holds_the_text_it_points_at(store, tmp_path):
    out = tmp_path / "records.jsonl"
    export_records(store, "jsonl", out, include_text=True)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    texts = {r["id"]: r["text"] for r in records if r["kind"] == "article"}
    checked = 0
    for record in records:
        if record["kind"] == "entity":
            for mention in record["mentions"]:
                s = mention["span"]
                assert texts[mention["article"]][s["start"]:s["end"]] == s["text"]
                checked += 1
        elif "article" in record:
            for s in _spans(record):
                assert texts[record["article"]][s["start"]:s["end"]] == s["text"], record["id"]
                checked += 1
    assert checked > 10


def test_csv_of_one_kind_round_trips(store, tmp_path):
    out = tmp_path / "events.csv"
    count = export_records(store, "csv", out, "event")
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    events = list(store.iter_records("event"))
    assert count == len(rows) == len(events) >= 2
    assert list(rows[0]) == list(events[0])
    for row, event in zip(rows, events):
        assert json.loads(row["actors"]) == event["actors"]
        assert json.loads(row["trigger"]) == event["trigger"]
        assert row["type"] == event["type"]
        assert row["cluster"] == ""  # None is an empty cell
        assert float(row["confidence"]) == event["confidence"]


def test_csv_of_all_kinds_has_the_union_of_columns(store, tmp_path):
    out = tmp_path / "all.csv"
    count = export_records(store, "csv", out)
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    records = list(store.iter_records())
    assert count == len(rows) == len(records)
    header = list(rows[0])
    assert header[0] == "kind"
    assert set(header) == {k for r in records for k in r}
    quote_row = next(r for r in rows if r["kind"] == "quote")
    assert quote_row["direct"] == "true" and quote_row["measure"] == ""


def test_parquet_round_trips_with_nested_fields_as_json(store, tmp_path):
    out = tmp_path / "all.parquet"
    count = export_records(store, "parquet", out)
    table = pq.read_table(out)
    records = list(store.iter_records())
    assert count == table.num_rows == len(records)
    json_columns = set(json.loads(table.schema.metadata[JSON_COLUMNS_KEY]))
    assert {"mentions", "actors", "span", "meta"} <= json_columns
    assert str(table.schema.field("length").type) == "int64"
    assert str(table.schema.field("value").type) == "double"
    for row, record in zip(table.to_pylist(), records):
        decoded = {k: (json.loads(v) if k in json_columns and v is not None else v) for k, v in row.items()}
        assert {k: v for k, v in decoded.items() if k in record} == record


def test_parquet_reads_in_pandas(store, tmp_path):
    pandas = pytest.importorskip("pandas")
    out = tmp_path / "figures.parquet"
    export_records(store, "parquet", out, kind="figure")
    frame = pandas.read_parquet(out)
    assert list(frame["kind"].unique()) == ["figure"]
    assert 12.0 in set(frame["value"])


def test_existing_file_is_kept_unless_forced(store, tmp_path):
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "records.jsonl"
    out.write_text("keep me\n")
    with pytest.raises(OutputExists, match="--force"):
        export_records(store, "jsonl", out)
    assert out.read_text() == "keep me\n"
    assert export_records(store, "jsonl", out, force=True) > 0
    assert out.read_text() != "keep me\n"
    assert [p.name for p in out.parent.iterdir()] == ["records.jsonl"]  # no temporary file left behind


def test_export_to_open_streams(store):
    text_out = io.StringIO()
    n = export_records(store, "jsonl", text_out, kind="articles")
    assert n == 3 == len(text_out.getvalue().splitlines())
    binary_out = io.BytesIO()
    assert export_records(store, "parquet", binary_out, kind="quote") == len(list(store.iter_records("quote")))
    assert pq.read_table(io.BytesIO(binary_out.getvalue())).num_rows == len(list(store.iter_records("quote")))
    with pytest.raises(ExportError, match="binary"):
        export_records(store, "parquet", io.StringIO())


@pytest.mark.parametrize(("fmt", "kind", "error"), [
    ("xml", None, ExportError),
    ("csv", "tweets", StoreError),
])
def test_bad_options_are_refused_before_a_file_is_made(tmp_path, fmt, kind, error):
    with open_store(tmp_path / "s.db") as store, pytest.raises(error) as caught:
        export_records(store, fmt, tmp_path / "out.csv", kind)
    assert isinstance(caught.value, NewstraceError)
    assert "choose one of" in str(caught.value)
    assert not (tmp_path / "out.csv").exists()


def test_empty_store_exports_empty_files(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        assert export_records(store, "jsonl", tmp_path / "e.jsonl") == 0
        assert export_records(store, "csv", tmp_path / "e.csv", "figure") == 0
        assert export_records(store, "parquet", tmp_path / "e.parquet") == 0
    assert (tmp_path / "e.jsonl").read_text() == ""
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 0

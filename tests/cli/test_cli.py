"""The CLI as a user runs it: ingest, extract, export, stats, through typer's runner on real files."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newstrace.cli import app
from tests.conftest import EXAMPLES, SHARED

SEEDS = SHARED / "seeds"

runner = CliRunner()

REPORT = (
    " date 2025-03-04 By Desk Staff\n\n"
    "Officials said two detained aid workers were freed on Monday.\n\n"
    "The Red Cross said on Monday that two aid workers held for 40 days had been released in the city of "
    "Goma. \u201cWe welcome their release,\u201d a Red Cross spokesperson told reporters.\n"
)


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


@pytest.fixture()
def db(tmp_path) -> str:
    return str(tmp_path / "store.db")


@pytest.fixture()
def report(tmp_path) -> Path:
    path = tmp_path / "inputs" / "report.txt"
    path.parent.mkdir()
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_ingest_then_ingest_again_adds_nothing(db, report):
    first = invoke("ingest", str(report), "--db", db, "--quiet")
    assert first.exit_code == 0, first.output
    assert "1 new articles" in first.output
    counts = json.loads(invoke("stats", "--db", db, "--json").output)
    assert counts["articles"] == 1

    second = invoke("ingest", str(report), "--db", db, "--quiet")
    assert second.exit_code == 0, second.output
    assert "0 new articles, 1 already stored" in second.output
    assert "nothing new" in second.output
    assert json.loads(invoke("stats", "--db", db, "--json").output) == counts


def test_bad_inputs_fail_one_by_one_and_the_others_go_on(db, report, tmp_path):
    empty = tmp_path / "inputs" / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "nowhere.txt"
    result = invoke("ingest", str(report.parent), str(missing), "--db", db, "--quiet")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any("empty.txt" in line and "empty" in line.split("empty.txt", 1)[1] for line in lines)
    assert any("nowhere.txt" in line for line in lines)
    counts = json.loads(invoke("stats", "--db", db, "--json").output)
    assert counts["articles"] == 1
    assert counts["failures"] == 2


def test_export_jsonl_kind_first_and_spans_hold_their_text(db, report):
    invoke("ingest", str(report), "--db", db, "--quiet")
    out = invoke("export", "--format", "jsonl", "--db", db)
    assert out.exit_code == 0
    records = [json.loads(line) for line in out.output.splitlines() if line.strip()]
    assert all(next(iter(r)) == "kind" for r in records)
    kinds = {r["kind"] for r in records}
    assert {"article", "entity"} <= kinds
    text = REPORT.split("\n", 2)[2]
    for r in records:
        for key in ("span", "trigger", "sentence", "content"):
            span = r.get(key)
            if isinstance(span, dict) and "start" in span:
                assert text[span["start"]:span["end"]] == span["text"], (r["kind"], key)
        for m in r.get("mentions", []):
            assert text[m["span"]["start"]:m["span"]["end"]] == m["span"]["text"]


def test_export_refuses_to_overwrite_without_force(db, report, tmp_path):
    invoke("ingest", str(report), "--db", db, "--quiet")
    target = tmp_path / "out.csv"
    assert invoke("export", "--format", "csv", "--kind", "entity", "-o", str(target), "--db", db).exit_code == 0
    again = invoke("export", "--format", "csv", "--kind", "entity", "-o", str(target), "--db", db)
    assert again.exit_code != 0
    assert "--force" in again.output
    assert invoke("export", "--format", "csv", "--kind", "entity", "-o", str(target), "--db", db,
                  "--force").exit_code == 0


def test_export_parquet_needs_a_file(db, report):
    invoke("ingest", str(report), "--db", db, "--quiet")
    result = invoke("export", "--format", "parquet", "--db", db)
    assert result.exit_code == 2
    assert "-o FILE" in result.output


def test_extract_prints_records_without_a_store(report, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("extract", str(report))
    assert result.exit_code == 0
    kinds = [json.loads(line)["kind"] for line in result.output.splitlines() if line.startswith("{")]
    assert kinds[0] == "article"
    assert not (tmp_path / "newstrace.db").exists()


def test_extract_reads_stdin():
    result = invoke("extract", "-", "--kind", "article", input=REPORT)
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert len(records) == 1 and records[0]["published"] == "2025-03-04"


def test_unknown_options_say_what_is_wrong(db):
    result = invoke("export", "--format", "xml", "--db", db)
    assert result.exit_code == 2
    assert "unknown format 'xml'" in result.output


def test_ingest_examples_stores_every_kind(db):
    result = invoke("ingest", str(EXAMPLES), "--db", db, "--quiet")
    assert result.exit_code == 0, result.output
    counts = json.loads(invoke("stats", "--db", db, "--json").output)
    assert 8 <= counts["articles"] <= 12
    for kind in ("entities", "events", "figures", "quotes"):
        assert counts[kind] > 0, kind
    assert counts["failures"] == 0


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed reports are not next to this checkout")
def test_seeds_give_every_record_kind(db):
    assert invoke("ingest", str(SEEDS), "--db", db, "--quiet").exit_code == 0
    records = [json.loads(line) for line in invoke("export", "--db", db).output.splitlines() if line]
    kinds = {r["kind"] for r in records}
    assert {"article", "entity", "event", "figure", "quote"} <= kinds
    assert sum(r["kind"] == "article" for r in records) == 2


def test_ingest_on_ray_stores_what_the_local_path_stores(tmp_path, report):
    from tests.conftest import require

    try:
        import ray  # noqa: F401
    except ImportError:
        require(False, "Ray")
    local, distributed = str(tmp_path / "local.db"), str(tmp_path / "ray.db")
    assert invoke("ingest", str(report), "--db", local, "--quiet", "--no-link").exit_code == 0
    result = invoke("ingest", str(report), "--db", distributed, "--quiet", "--no-link", "--ray")
    assert result.exit_code == 0, result.output
    a = invoke("export", "--db", local).output
    b = invoke("export", "--db", distributed).output
    assert a == b and a.strip()

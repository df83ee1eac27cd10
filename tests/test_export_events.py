"""The events as the field's flat TSV: the columns researchers load, one row per dyad, nothing invented."""
from __future__ import annotations

import csv
import io

import pytest

from newstrace.export import ExportError, export_records
from newstrace.export_events import EVENT_COLUMNS
from newstrace.kb.codes import country_of
from newstrace.store import open_store
from tests.store.test_store import result_a, result_b

TEXT = ("Qatari mediators said on 3 March 2025 that Hamas released two captives to the Red Cross in Khan Yunis. "
        "Israel freed 40 detainees in return.")


def _rows(store) -> list[dict[str, str]]:
    out = io.StringIO()
    count = export_records(store, "events-tsv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue()), delimiter="\t"))
    assert count == len(rows)
    assert out.getvalue().splitlines()[0].split("\t") == list(EVENT_COLUMNS)
    return rows


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "store.db") as store:
        store.write_result(result_a())
        store.write_result(result_b())
        yield store


def test_one_row_per_dyad_and_empty_cells_where_nothing_is_known(store):
    rows = _rows(store)
    released = [r for r in rows if r["plover"] == "RETREAT"]
    # two actors, no recipient: one row per actor, the target empty
    assert [(r["source_name"], r["target_name"]) for r in released] == [("Qatar", ""), ("Egypt", "")]
    assert {r["id"] for r in released} == {released[0]["id"]}
    first = released[0]
    assert (first["date"], first["date_granularity"], first["mode"], first["cameo"]) == ("2025-03-03", "day", "release", "0841")
    assert (first["outlet"], first["place"], first["factuality"]) == ("Test Wire", "Doha", "asserted")
    assert first["lat"] == first["lon"] == first["admin1"] == ""  # no gazetteer entry: empty, not guessed
    assert first["sentence"].startswith("Qatar")
    met = [r for r in rows if r["plover"] == "CONSULT"]
    # the recipient named twice is one dyad
    assert [(r["source_name"], r["target_name"], r["date"]) for r in met] == [("QATAR", "Egypt", "2025-W11")]
    assert met[0]["outlet"] == "" and met[0]["url"] == ""


def test_a_pipeline_article_has_codes_and_countries_from_its_parties(tmp_path, extract):
    with open_store(tmp_path / "store.db") as store:
        store.write_result(extract(TEXT, published="2025-03-04"))
        rows = _rows(store)
    assert rows, "the release sentence gives events"
    for row in rows:
        for side in ("source", "target"):
            code, country = row[f"{side}_code"], row[f"{side}_country"]
            assert country == (country_of(code) or "")
            assert "\t" not in row["sentence"] and "\n" not in row["sentence"]


@pytest.mark.parametrize(("code", "country"), [("RUSGOV", "RUS"), ("PSEREB", "PSE"), ("IGOUNO", None), ("", None)])
def test_a_code_names_its_country_only_when_it_starts_with_one(code, country):
    assert country_of(code) == country


def test_events_tsv_takes_events_only(store):
    with pytest.raises(ExportError, match="events only"):
        export_records(store, "events-tsv", io.StringIO(), kind="figure")

"""Exchanges: two releases by opposed parties read from the text as one story, joined by later reports."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newstrace.cli import app
from newstrace.excerpt import shorten
from tests.conftest import SHARED, require_shared

runner = CliRunner()

# written for these tests
SWAP = """ date 2025-06-08 By Caucasus Desk Staff

Azerbaijan released four Armenian soldiers in Baku on Saturday, among them Armen Sargsyan, a 20-year-old conscript.

In exchange, Armenia freed 15 Azerbaijani detainees as part of the border agreement signed in May.

Armenia's foreign ministry thanked France for its role in securing the release of the soldiers.
"""
LATER = """ date 2025-07-20 By Anna Roth

Armen Sargsyan, who was released in a prisoner exchange last month, met Prime Minister Nikol Pashinyan in Yerevan on Friday.

Sargsyan said he was grateful to everyone who worked for his release.
"""
UNRELATED = """ date 2025-03-10 By Anna Roth

Israel released 30 Palestinian prisoners on Monday.

Hamas released two Thai farm workers on Thursday.
"""
SAME_PARTY = """ date 2025-04-14 By Anna Roth

Azerbaijan released four Armenian soldiers on Saturday.

Azerbaijan also freed two Armenian shepherds on Saturday in return for nothing, officials said.
"""


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("exchanges")
    inputs = folder / "in"
    inputs.mkdir()
    for name, text in (("swap.txt", SWAP), ("later.txt", LATER), ("unrelated.txt", UNRELATED),
                       ("same.txt", SAME_PARTY)):
        (inputs / name).write_text(text, encoding="utf-8")
    path = str(folder / "store.db")
    result = invoke("ingest", str(inputs), "--db", path, "--quiet")
    assert result.exit_code == 0, result.output
    return path


def _exchanges(db: str, *args: str) -> list[dict]:
    result = invoke("exchanges", "--db", db, "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_a_swap_is_one_exchange_with_two_sides_counts_named_people_and_mediators(db):
    (exchange,) = _exchanges(db)
    assert exchange["date"]["value"] == "2025-06-07"
    first, second = exchange["sides"]
    assert [r["name"] for r in first["released_by"]] == ["Azerbaijan"]
    assert [(f["value"], f["counted"]) for f in first["figures"]] == [(4, "Armenian soldiers")]
    assert [r["name"] for r in first["released"]] == ["Armen Sargsyan"]
    assert [r["name"] for r in second["released_by"]] == ["Armenia"]
    assert [(f["value"], f["counted"]) for f in second["figures"]] == [(15, "Azerbaijani detainees")]
    assert [m["name"] for m in exchange["mediators"]] == ["France"]
    assert "In exchange" in exchange["why"]


def test_a_later_report_of_the_exchange_joins_it(db):
    (exchange,) = _exchanges(db)
    origins = sorted(a["origin"].rsplit("/", 1)[-1] for a in exchange["articles"])
    assert origins == ["later.txt", "swap.txt"]


def test_releases_without_a_cue_on_different_days_or_by_one_party_are_no_exchange(db):
    sources = {a["origin"].rsplit("/", 1)[-1] for x in _exchanges(db) for a in x["articles"]}
    assert not sources & {"unrelated.txt", "same.txt"}


def test_exchanges_of_an_entity(db):
    assert len(_exchanges(db, "--entity", "France")) == 1
    assert len(_exchanges(db, "--entity", "Sargsyan")) == 1
    assert _exchanges(db, "--entity", "Pashinyan") == []
    missing = invoke("exchanges", "--db", db, "--entity", "Nowhere Land")
    assert missing.exit_code == 1 and "no entity named" in missing.output


def test_the_listing_names_both_sides_and_the_reports_by_outlet(db):
    out = invoke("exchanges", "--db", db).output
    assert "Azerbaijan freed 4 ↔ Armenia freed 15" in out
    assert "report: Caucasus Desk (2025-06-08)" in out
    assert "a_" not in out.split("report:", 1)[1]  # articles by outlet or file, never by id


def test_exchanges_are_in_the_export(db):
    out = invoke("export", "--kind", "exchange", "--db", db).output
    records = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert [r["kind"] for r in records] == ["exchange"]
    assert set(records[0]) >= {"id", "deal", "date", "location", "sides", "mediators", "events", "articles", "why"}


@pytest.mark.parametrize(("text", "width", "expected"), [
    ("Israel released 369 Palestinian detainees", 20, "Israel released 369…"),
    ("short", 20, "short"),
    ("two  words\nhere", 40, "two words here"),
    ("Supercalifragilisticexpialidocious", 10, "Supercali…"),
])
def test_evidence_is_cut_at_a_word_boundary_with_an_ellipsis(text, width, expected):
    assert shorten(text, width) == expected
    assert len(shorten(text, width)) <= width


SEEDS = SHARED / "seeds"


def test_the_seed_reports_tell_one_exchange_seen_in_both(tmp_path):
    """Structure only: the two shared reports describe one swap; no name or number of theirs is copied."""
    require_shared(SEEDS)
    db = str(tmp_path / "seeds.db")
    assert invoke("ingest", str(SEEDS), "--db", db, "--quiet").exit_code == 0
    (exchange,) = _exchanges(db)
    assert len(exchange["articles"]) == 2
    sides = exchange["sides"]
    assert len(sides) == 2 and all(s["released_by"] and s["figures"] for s in sides)
    assert sum(len(s["released"]) for s in sides) >= 1  # a person named among those freed
    side_ids = {r["id"] for s in sides for r in s["released_by"] + s["released"]}
    assert exchange["mediators"] and not side_ids & {m["id"] for m in exchange["mediators"]}
    assert exchange["date"]["granularity"] == "day" and exchange["deal"] is not None


def test_the_api_serves_exchanges_and_failures(db):
    from fastapi.testclient import TestClient

    from newstrace.web import create_app

    with TestClient(create_app(db)) as client:
        items = client.get("/api/exchanges").json()["items"]
        assert len(items) == 1 and items[0]["kind"] == "exchange"
        one = client.get(f"/api/exchanges/{items[0]['id']}").json()
        assert [len(side["reports"]) >= 1 for side in one["sides"]] == [True, True]
        assert client.get("/api/exchanges", params={"entity": "France"}).json()["items"][0]["id"] == one["id"]
        missing = client.get("/api/exchanges/ex_0000000000000000")
        assert missing.status_code == 404 and "no exchange" in missing.json()["error"]["detail"]
        assert client.get("/api/failures").json() == {"items": []}
        assert client.get("/api/failures", params={"kind": "lost"}).status_code == 422


# written for this test: the first release's releaser is not in its sentence; the article tells it (the
# Armenian side, of the place released from), and the trade is the one the other two sentences state
PLACED = """ date 2025-05-12 By Anna Roth

Chisinau welcomed the release of Moldovan engineer Ion Rusu from Armenia on Sunday in a prisoner exchange.

Armenian forces released three Azerbaijani soldiers and a Moldovan engineer in Yerevan on Sunday.

In exchange, Azerbaijan freed 12 Armenian detainees on Sunday.
"""


def test_a_release_whose_releaser_the_article_tells_elsewhere_joins_a_side_without_anchoring_it(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "placed.txt").write_text(PLACED, encoding="utf-8")
    db = str(tmp_path / "store.db")
    assert invoke("ingest", str(inputs), "--db", db, "--quiet").exit_code == 0
    (exchange,) = _exchanges(db)
    first, second = exchange["sides"]
    assert [r["name"] for r in first["released_by"]] == ["Armenian forces"]
    assert [f["value"] for f in first["figures"]] == [3]
    assert "Ion Rusu" in [r["name"] for r in first["released"]]
    assert [r["name"] for r in second["released_by"]] == ["Azerbaijan"]

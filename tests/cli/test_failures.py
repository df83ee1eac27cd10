"""What a user sees of inputs that fail or are dropped, and of a store that is not there: nothing silent."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newstrace.cli import app
from newstrace.readers.count import count_inputs

runner = CliRunner()

ARTICLE = (
    "Officials in Goma said on Monday that two aid workers held for forty days had been released, and "
    "that talks with the armed group on the release of a third would go on this week. The governor thanked "
    "the mediators from the church council."
)
LONG = "<p>" + ARTICLE + "</p>"


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def _feed(path, entries: list[str]) -> None:
    items = "".join(
        f"<item><title>Item {i}</title><link>https://example.org/{i}</link>"
        f"<description><![CDATA[{body}]]></description></item>"
        for i, body in enumerate(entries, 1)
    )
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Desk Wire</title>{items}'
                    "</channel></rss>", encoding="utf-8")


@pytest.mark.parametrize("command", [
    ("stats",), ("timeline",), ("entity", "Goma"), ("conflicts",), ("export",), ("failures",), ("link",),
])
def test_read_commands_refuse_a_store_that_does_not_exist_and_create_nothing(tmp_path, command):
    typo = tmp_path / "typo.db"
    result = invoke(*command, "--db", str(typo))
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "no store at" in lines[0] and str(typo) in lines[0]
    assert not typo.exists()


def test_serve_refuses_a_store_that_does_not_exist(tmp_path):
    typo = tmp_path / "typo.db"
    result = invoke("serve", "--db", str(typo), "--port", "8765")
    assert result.exit_code == 2 and "no store at" in result.output
    assert not typo.exists()


def test_failed_and_dropped_inputs_are_listed_counted_and_reported(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    # a feed of four entries: one a teaser too short to be an article, one the same text as another
    _feed(inputs / "wire.xml", [LONG, "<p>Read more soon.</p>", LONG.replace("Monday", "Tuesday"), LONG])
    (inputs / "empty.txt").write_bytes(b"")
    db = str(tmp_path / "store.db")
    result = invoke("ingest", str(inputs), "--db", db, "--quiet", "--no-link")
    assert result.exit_code == 1  # the empty file failed
    assert "2 new articles" in result.output and "2 dropped, 1 failed" in result.output
    assert "wire.xml#entry-2: entry too short to be an article" in result.output
    assert "wire.xml#entry-4: duplicate: the same text as" in result.output and "wire.xml#entry-1" in result.output

    listed = json.loads(invoke("failures", "--db", db, "--json").output)
    assert [(r["kind"], r["origin"].rsplit("/", 1)[-1]) for r in listed] == [
        ("failed", "empty.txt"), ("dropped", "wire.xml#entry-2"), ("dropped", "wire.xml#entry-4"),
    ]
    assert all(r["reason"] and r["at"] for r in listed)
    only_failed = json.loads(invoke("failures", "--db", db, "--json", "--kind", "failed").output)
    assert [r["origin"].rsplit("/", 1)[-1] for r in only_failed] == ["empty.txt"]
    table = invoke("failures", "--db", db)
    assert table.exit_code == 0 and "1 failed, 2 dropped" in table.output
    counts = json.loads(invoke("stats", "--db", db, "--json").output)
    assert (counts["articles"], counts["failures"], counts["dropped"]) == (2, 1, 2)


def test_a_feed_whose_entries_are_all_teasers_is_one_error_not_a_list_of_drops(tmp_path):
    feed = tmp_path / "teasers.xml"
    _feed(feed, ["<p>Short.</p>", "<p>Also short.</p>"])
    db = str(tmp_path / "store.db")
    result = invoke("ingest", str(feed), "--db", db, "--quiet")
    assert result.exit_code == 1
    assert "dropped:" not in result.output and "none with article text" in result.output


def test_the_progress_total_counts_what_the_readers_will_yield(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.html").write_text(f"<html><body><article>{LONG}</article></body></html>", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"text": ARTICLE}) + "\n\n" + json.dumps({"text": ARTICLE + " More."}) + "\n", encoding="utf-8")
    assert count_inputs([str(tmp_path)]) == 4
    assert count_inputs([str(tmp_path / "missing.txt")]) == 1
    _feed(tmp_path / "wire.xml", [LONG])
    assert count_inputs([str(tmp_path)]) is None  # a feed's entries are only known by reading it
    assert count_inputs(["-"]) is None


def test_listings_name_an_article_by_title_and_outlet_not_by_id(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "goma.txt").write_text(
        " date 2025-03-04 By Goma Herald Staff\n\nTwo aid workers freed in Goma\n\n" + ARTICLE, encoding="utf-8")
    db = str(tmp_path / "store.db")
    assert invoke("ingest", str(inputs), "--db", db, "--quiet").exit_code == 0
    out = runner.invoke(app, ["timeline", "--db", db], env={"COLUMNS": "400"}, catch_exceptions=False).output
    assert "Two aid workers freed in Goma — Goma Herald" in out
    assert "a_" not in out

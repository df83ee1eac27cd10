"""Articles in other languages: detected from their text, stored with their language and a notice,
and never run through the English rules."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newstrace.cli import app
from newstrace.readers import read_inputs
from newstrace.readers.byline import outlet_from_byline
from newstrace.readers.language import detect_language

runner = CliRunner()

# written for this test
GERMAN = ("Die Regierung in Berlin hat am Montag bestätigt, dass zwei entführte Helfer freigelassen wurden. "
          "Der Außenminister dankte den Vermittlern aus Katar für ihre Unterstützung bei den Gesprächen.")
KOREAN = ("정부는 월요일 두 명의 구호 요원이 석방되었다고 밝혔다. 외교부 장관은 협상을 도운 카타르 중재자들에게 "
          "감사의 뜻을 전했으며 남은 인질의 석방을 위해 노력하겠다고 말했다.")
ENGLISH = ("The government in Berlin confirmed on Monday that two kidnapped aid workers had been released. "
           "The foreign minister thanked mediators from Qatar for their help in the talks.")


@pytest.mark.parametrize(("text", "code"), [(GERMAN, "de"), (KOREAN, "ko"), (ENGLISH, "en")])
def test_the_language_is_read_from_the_text(text, code):
    assert detect_language(text)[0] == code


def test_too_little_text_counts_as_english_rather_than_dropping_records():
    assert detect_language("Gaza: 369 freed") == ("en", 0.0)


def test_articles_in_other_languages_are_stored_with_their_language_and_no_english_records(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name, text in (("de.txt", GERMAN), ("ko.txt", KOREAN), ("en.txt", ENGLISH)):
        (inputs / name).write_text(text, encoding="utf-8")
    db = str(tmp_path / "store.db")
    result = runner.invoke(app, ["ingest", str(inputs), "--db", db, "--quiet"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    notices = [line for line in result.output.splitlines() if "not English" in line]
    assert len(notices) == 2 and any("ko.txt" in n and "Korean" in n for n in notices)
    out = runner.invoke(app, ["export", "--db", db], catch_exceptions=False).output
    records = [json.loads(line) for line in out.splitlines() if line.strip()]
    languages = {r["origin"].rsplit("/", 1)[-1]: r["language"] for r in records if r["kind"] == "article"}
    assert languages == {"de.txt": "de", "ko.txt": "ko", "en.txt": "en"}
    by_article = {r["id"]: r["language"] for r in records if r["kind"] == "article"}
    languages_with_records = {by_article[r["article"]] for r in records if r.get("article") in by_article}
    assert languages_with_records == {"en"}
    mentioned = {m["article"] for r in records if r["kind"] == "entity" for m in r["mentions"]}
    assert {by_article[a] for a in mentioned} == {"en"}


def test_read_inputs_marks_the_language(tmp_path):
    (tmp_path / "ko.txt").write_text(KOREAN, encoding="utf-8")
    (article,) = read_inputs([str(tmp_path / "ko.txt")])
    assert article.language == "ko"
    assert any("Korean" in w for w in article.meta["warnings"])


@pytest.mark.parametrize(("byline", "outlet"), [
    ("Palestine Chronicle Staff", "Palestine Chronicle"),
    ("By Reuters Staff", "Reuters"),
    ("The Desk Wire Newsroom", "Desk Wire"),
    ("Anna Roth", ""),
    ("Staff", ""),
])
def test_a_desk_byline_names_the_outlet(byline, outlet):
    assert outlet_from_byline(byline) == outlet


def test_a_plain_text_header_by_a_desk_gives_the_outlet(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(" date 2025-03-04 By Goma Herald Staff\n\n" + ENGLISH, encoding="utf-8")
    (article,) = read_inputs([str(path)])
    assert (article.source, article.byline) == ("Goma Herald", "Goma Herald Staff")

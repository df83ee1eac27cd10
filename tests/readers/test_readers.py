"""Readers: every format in, one Article per article out, and a one-line InputError per bad input."""
from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import sys

import pytest

from newstrace.errors import InputDropped, InputError
from newstrace.ids import article_id
from newstrace.readers import parse_published, read_inputs
from newstrace.readers.sources import too_big
from newstrace.records import Article
from tests.conftest import SHARED

BBC_BAD_BYTE = SHARED / "corpora/text/bbc/sport/199.txt"

BODY = (
    "The foreign ministers of the two countries met in Vienna on Tuesday and agreed to resume talks on a "
    "prisoner exchange, according to a statement issued after the meeting. Officials said 40 detainees "
    "could be freed under the first stage of the deal."
)

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Ministers agree to resume exchange talks | Lakeside Herald</title>
<meta property="og:title" content="Ministers agree to resume exchange talks">
<meta property="og:site_name" content="Lakeside Herald">
<meta property="article:published_time" content="2025-03-04T10:00:00Z">
<meta name="author" content="Anna Roth">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Ministers agree to resume exchange talks</h1>
<p>The foreign ministers of the two countries met in Vienna on Tuesday and agreed to resume talks on a
prisoner exchange, according to a statement issued after the meeting.</p>
<p>Officials said 40 detainees could be freed under the first stage of the deal, which still needs the
approval of both governments. Neither side gave a date for the next round.</p>
<p>“We have found a way back to the table. It will not be quick,” one of the ministers told reporters.</p>
</article>
<footer>Copyright Lakeside Herald. Subscribe to our newsletter for daily updates.</footer>
</body></html>"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Lakeside Herald World</title><link>https://lakeside.example</link><description>d</description>
<item><title>Talks resume in Vienna</title><link>https://lakeside.example/a</link>
<pubDate>Tue, 04 Mar 2025 10:00:00 +0000</pubDate><author>desk@lakeside.example (Anna Roth)</author>
<content:encoded><![CDATA[<p>The foreign ministers met in Vienna on Tuesday.</p><p>They agreed to resume talks on a prisoner exchange.</p>]]></content:encoded></item>
<item><title>Short teaser only</title><link>https://lakeside.example/b</link>
<pubDate>Tue, 04 Mar 2025 11:00:00 +0000</pubDate><description>Read more inside.</description></item>
<item><title>Long summary</title><link>https://lakeside.example/c</link>
<pubDate>9/6/17</pubDate><description>&lt;p&gt;""" + BODY + """&lt;/p&gt;</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Atom</title><id>urn:x</id><updated>2025-03-04T10:00:00Z</updated>
<entry><title>Ceasefire holds</title><id>urn:x:1</id><link href="https://harbour.example/1"/>
<published>2025-03-05T08:00:00Z</published><author><name>Ben Cole</name></author>
<content type="html">&lt;p&gt;The ceasefire held through the night, officials in the region said on Wednesday morning.&lt;/p&gt;</content></entry>
</feed>"""


def read_all(paths, **kwargs) -> list:
    return list(read_inputs([str(p) for p in paths], **kwargs))


def only_article(path, **kwargs):
    items = read_all([path], **kwargs)
    assert len(items) == 1, items
    assert not isinstance(items[0], InputError), items[0]
    return items[0]


def only_error(path, **kwargs) -> InputError:
    items = read_all([path], **kwargs)
    assert len(items) == 1 and isinstance(items[0], InputError), items
    return items[0]


# --- publication dates ---------------------------------------------------------------------------

TODAY = dt.date(2025, 6, 1)


@pytest.mark.parametrize("value, expected", [
    ("2025-04-17", "2025-04-17"),
    ("2025-04-17T10:30:00Z", "2025-04-17"),
    ("2025-04-17T23:30:00-05:00", "2025-04-17"),  # the day as written, not shifted to UTC
    ("2025/04/17", "2025-04-17"),
    ("Thu, 17 Apr 2025 10:30:00 +0000", "2025-04-17"),
    ("Wed, 31 Jan 2018 15:00:00 EST", "2018-01-31"),
    ("April 17, 2025", "2025-04-17"),
    ("17 April 2025", "2025-04-17"),
    ("Apr. 17, 2025", "2025-04-17"),
    ("Thursday 17 April 2025 10:30 GMT", "2025-04-17"),
    ("17/4/2025", "2025-04-17"),  # 17 can only be the day
    ("4/17/2025", "2025-04-17"),
    ("5/5/2025", "2025-05-05"),  # both orders give the same date
])
def test_parse_published_accepts_certain_dates(value, expected):
    assert parse_published(value, today=TODAY) == (expected, None)


@pytest.mark.parametrize("value, warning", [
    ("9/6/17", "date '9/6/17' is ambiguous (day/month order); left unset"),
    ("0001-11-30", "date '0001-11-30' is out of range (before 1900); left unset"),
    ("2025-02-30", "date '2025-02-30' is not a real calendar date; left unset"),
    ("2030-01-01", "date '2030-01-01' is more than a year in the future; left unset"),
    ("April 2025", "date 'April 2025' has no day; left unset"),
    ("2025-04", "date '2025-04' has no day; left unset"),
    ("17 Apr 25", "date '17 Apr 25' has a two-digit year; left unset"),
    ("yesterday", "date 'yesterday' is not a date this reader knows; left unset"),
    (20250417, "date 20250417 is not a date string; left unset"),
])
def test_parse_published_refuses_to_guess(value, warning):
    assert parse_published(value, today=TODAY) == (None, warning)


@pytest.mark.parametrize("value", [None, "", "   "])
def test_a_missing_date_is_not_a_warning(value):
    assert parse_published(value) == (None, None)


# --- plain text ------------------------------------------------------------------------------------

def test_seeds_header_gives_date_and_byline_and_stays_out_of_the_text(tmp_path):
    standfirst = "Moscow welcomed the release of a citizen held in Gaza."
    body = "The foreign ministry said on Sunday that it thanked the mediators.\n\nTalks went on for weeks."
    path = tmp_path / "seed.txt"
    path.write_text(f" date 2025-02-16 By Example Staff\n\n{standfirst}\n\n{body}\n", encoding="utf-8")

    article = only_article(path)

    assert article.published == "2025-02-16"
    assert article.byline == "Example Staff"
    assert article.title == ""  # the standfirst is a sentence, not a headline
    assert article.text == f"{standfirst}\n\n{body}"
    assert article.text[: article.meta["standfirst_end"]] == standfirst
    assert article.id == article_id(article.text)
    assert article.origin == str(path)


def test_header_without_leading_space_or_byline(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("date: 2025-04-17\n\n" + BODY, encoding="utf-8")
    article = only_article(path)
    assert (article.published, article.byline, article.text) == ("2025-04-17", "", BODY)


def test_header_with_impossible_date_reads_the_article_with_a_warning(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(" date 0001-11-30 By Desk\n\n" + BODY, encoding="utf-8")
    article = only_article(path)
    assert article.published is None
    assert article.byline == "Desk"
    assert article.meta["published_raw"] == "0001-11-30"
    assert article.meta["warnings"] == ["date '0001-11-30' is out of range (before 1900); left unset"]
    assert article.text == BODY


def test_headline_line_becomes_the_title(tmp_path):
    path = tmp_path / "bbc.txt"
    path.write_text("Ministers agree to resume talks\n\n" + BODY + "\n", encoding="utf-8")
    article = only_article(path)
    assert article.title == "Ministers agree to resume talks"
    assert article.text == BODY


@pytest.mark.parametrize("first_line", [
    "The ministers met in Vienna.",  # a sentence
    "He said: “We will meet again.”",  # ends like a sentence inside a quote
    "Ministers agree to resume talks\nand more on the next line",  # not followed by a blank line
])
def test_a_first_line_that_is_not_a_headline_stays_in_the_text(tmp_path, first_line):
    path = tmp_path / "a.txt"
    path.write_text(first_line + "\n\n" + BODY, encoding="utf-8")
    article = only_article(path)
    assert article.title == ""
    assert article.text.startswith(first_line)


def test_crlf_line_endings_are_made_lf(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"Talks resume\r\n\r\nFirst paragraph.\r\n\r\nSecond paragraph.\r\n")
    article = only_article(path)
    assert article.title == "Talks resume"
    assert article.text == "First paragraph.\n\nSecond paragraph."


def test_utf16_with_bom_is_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(BODY.encode("utf-16"))
    assert only_article(path).text == BODY


def test_legacy_encoding_is_detected_not_guessed(tmp_path):
    text = "Президент встретился с министрами в Кремле в среду, сообщила пресс-служба. " * 3
    path = tmp_path / "ru.txt"
    path.write_bytes(text.encode("cp1251"))
    article = only_article(path)
    assert article.text == text.strip()
    assert "decoded as cp1251" in article.meta["warnings"][0]


def test_stray_byte_in_utf8_keeps_the_other_characters(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("The minister’s “plan” costs".encode() + b" \xa3" + b" 5m, officials said.")
    article = only_article(path)
    assert article.text == "The minister’s “plan” costs \ufffd 5m, officials said."
    assert article.meta["warnings"] == ["1 invalid UTF-8 byte(s), the first at offset 34, replaced with U+FFFD"]


@pytest.mark.skipif(not BBC_BAD_BYTE.exists(), reason="the BBC corpus is not here")
def test_bbc_file_with_an_invalid_byte_is_read_with_a_warning():
    article = only_article(BBC_BAD_BYTE)
    assert article.title == "Chelsea sack Mutu"
    assert "£15.8m" in article.text
    assert article.meta["warnings"] == ["not valid UTF-8 (byte 0xA3 at offset 257); decoded as cp1252"]


# --- bad input -------------------------------------------------------------------------------------

def test_bad_inputs_each_give_one_line_and_the_others_go_on(tmp_path):
    good = tmp_path / "1-good.txt"
    good.write_text(BODY, encoding="utf-8")
    empty = tmp_path / "2-empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "3-image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 2)
    no_article = tmp_path / "4-nav.html"
    no_article.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    lines = tmp_path / "5-lines.jsonl"
    lines.write_text(
        json.dumps({"text": BODY, "date": "9/6/17"}) + "\n[1, 2]\n{broken\n" + json.dumps({"title": "x"}) + "\n",
        encoding="utf-8",
    )
    big = tmp_path / "6-big.txt"
    big.write_text("word " * 200, encoding="utf-8")  # 1,000 bytes
    missing = tmp_path / "7-missing.txt"
    also_good = tmp_path / "8-good.txt"
    also_good.write_text("Another report.\n\n" + BODY, encoding="utf-8")

    items = read_all([good, empty, binary, no_article, lines, big, missing, also_good], max_bytes=999)

    summary = [(i.source, i.reason) if isinstance(i, InputError) else ("article", i.origin) for i in items]
    assert summary == [
        ("article", str(good)),
        (str(empty), "empty file"),
        (str(binary), "binary file, not text"),
        (str(no_article), "no article text found in the HTML"),
        ("article", f"{lines}:1"),
        (f"{lines}:2", "not a JSON object (a JSON array)"),
        (f"{lines}:3", "invalid JSON: Expecting property name enclosed in double quotes at column 2"),
        (f"{lines}:4", ("no article text: none of the fields text, content, content_original, body, article, "
                        "maintext holds text")),
        (str(big), "file is 1.0 kB, over the 999 bytes limit; raise it with --max-bytes"),
        (str(missing), "no such file or directory"),
        ("article", str(also_good)),
    ]
    dated = items[4]
    assert dated.published is None
    assert dated.meta["published_raw"] == "9/6/17"
    assert dated.meta["warnings"] == ["date '9/6/17' is ambiguous (day/month order); left unset"]
    for item in items:
        if isinstance(item, InputError):
            assert "\n" not in str(item) and str(item) == f"{item.source}: {item.reason}"


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(50_300_000)  # sparse: nothing is written
    assert only_error(path).reason == "file is 50.3 MB, over the 20 MB limit; raise it with --max-bytes"


def test_size_reasons_read_well():
    assert too_big("file", 50_300_000, 20_000_000) == "file is 50.3 MB, over the 20 MB limit; raise it with --max-bytes"
    assert too_big("line", 2_500, 1_000) == "line is 2.5 kB, over the 1 kB limit; raise it with --max-bytes"


def test_whitespace_only_file_is_empty(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text("\n  \n\t\n", encoding="utf-8")
    assert only_error(path).reason == "empty file"


def test_header_only_file_has_no_article_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(" date 2025-01-01 By Desk\n\n", encoding="utf-8")
    assert only_error(path).reason == "no article text after the header and headline"


def test_a_jsonl_line_over_the_limit_fails_alone(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "x" * 500}) + "\n" + json.dumps({"text": "short one"}) + "\n")
    items = read_all([path], max_bytes=200)
    assert isinstance(items[0], InputError) and items[0].source == f"{path}:1"
    assert items[0].reason.startswith("line is 512 bytes, over the 200 bytes limit")
    assert items[1].text == "short one"


def test_read_inputs_checks_its_arguments_before_iterating(tmp_path):
    with pytest.raises(TypeError, match="a list of paths"):
        read_inputs(str(tmp_path))
    with pytest.raises(ValueError, match="max_bytes"):
        read_inputs([str(tmp_path)], max_bytes=0)


# --- folders ---------------------------------------------------------------------------------------

def test_folders_are_walked_recursively_in_order_skipping_hidden_and_doc_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second.\n\n" + BODY)
    (tmp_path / "a.txt").write_text("First.\n\n" + BODY)
    (tmp_path / "c.txt").write_text("Third.\n\n" + BODY)
    (tmp_path / ".hidden.txt").write_text("Hidden.\n\n" + BODY)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Git.\n\n" + BODY)
    (tmp_path / "README.md").write_text("# About these files\n\nThey are articles.")
    origins = [a.origin for a in read_all([tmp_path])]
    assert origins == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "2.txt"), str(tmp_path / "c.txt")]


def test_an_empty_folder_yields_nothing(tmp_path):
    (tmp_path / "sub").mkdir()
    assert read_all([tmp_path]) == []


def test_a_readme_named_explicitly_is_read(tmp_path):
    path = tmp_path / "README.txt"
    path.write_text(BODY)
    assert only_article(path).text == BODY


# --- HTML ------------------------------------------------------------------------------------------

def test_html_page_gives_main_text_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    article = only_article(path)
    assert article.title == "Ministers agree to resume exchange talks"
    assert article.byline == "Anna Roth"
    assert article.source == "Lakeside Herald"
    assert article.published == "2025-03-04"
    assert article.text.startswith("The foreign ministers of the two countries met in Vienna")
    assert "“We have found a way back to the table. It will not be quick,”" in article.text
    assert "Subscribe" not in article.text and "Home" not in article.text
    assert "\n\n" in article.text  # paragraphs kept apart
    assert article.id == article_id(article.text)


def test_html_is_sniffed_without_an_extension(tmp_path):
    path = tmp_path / "page"
    path.write_text(PAGE, encoding="utf-8")
    assert only_article(path).title == "Ministers agree to resume exchange talks"


def test_html_saved_as_xml_is_read_as_html(tmp_path):
    path = tmp_path / "page.xml"
    path.write_text(PAGE, encoding="utf-8")
    assert only_article(path).source == "Lakeside Herald"


# --- JSON Lines and JSON ---------------------------------------------------------------------------

def test_jsonl_fields_and_metadata(tmp_path):
    path = tmp_path / "a.jsonl"
    rows = [
        {"text": "First story text.", "title": "One", "url": "https://x.example/1", "published": "2025-02-16",
         "source": "Wire", "byline": "A. Writer", "topic": "diplomacy", "bias": 0},
        {"content_original": "Second story text.", "date": "March 3, 2025", "authors": ["B. One", "C. Two"]},
        {"body": "Third story text.", "pubDate": "Tue, 04 Mar 2025 10:00:00 +0000", "author": "D. Three"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows[:2]) + "\n\n" + json.dumps(rows[2]) + "\n")
    first, second, third = read_all([path])
    assert (first.text, first.title, first.url, first.published, first.source, first.byline) == (
        "First story text.", "One", "https://x.example/1", "2025-02-16", "Wire", "A. Writer")
    assert first.meta == {"topic": "diplomacy", "bias": 0}
    assert first.origin == f"{path}:1"
    assert (second.text, second.published, second.byline) == ("Second story text.", "2025-03-03", "B. One, C. Two")
    assert third.origin == f"{path}:4"  # the blank line 3 is skipped, line numbers stay true
    assert (third.published, third.byline) == ("2025-03-04", "D. Three")


def test_json_list_is_read_item_by_item(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps([{"text": "One."}, {"text": "Two."}, "oops"]))
    items = read_all([path])
    assert [i.origin for i in items[:2]] == [f"{path}#item-1", f"{path}#item-2"]
    assert (items[2].source, items[2].reason) == (f"{path}#item-3", "not a JSON object (a JSON string)")


def test_json_without_articles_is_an_error(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"feed": {"title": "x"}}))
    assert only_error(path).reason.startswith("JSON holds no article")


# --- feeds -----------------------------------------------------------------------------------------

def test_rss_entries_with_text_become_articles(tmp_path):
    path = tmp_path / "world.rss"
    path.write_text(RSS, encoding="utf-8")
    first, teaser, long_summary = read_all([path])
    assert first.origin == f"{path}#entry-1"
    assert first.text == "The foreign ministers met in Vienna on Tuesday.\n\nThey agreed to resume talks on a prisoner exchange."
    assert (first.title, first.url, first.published, first.source) == (
        "Talks resume in Vienna", "https://lakeside.example/a", "2025-03-04", "Lakeside Herald World")
    assert first.byline == "Anna Roth"  # not the e-mail address before it
    # the teaser (entry 2) is dropped, and says so; entry 3's summary is long enough to be the article
    assert isinstance(teaser, InputDropped) and teaser.source == f"{path}#entry-2"
    assert teaser.reason.startswith("entry too short to be an article")
    assert long_summary.origin == f"{path}#entry-3"
    assert long_summary.text == BODY
    assert long_summary.published is None
    assert long_summary.meta["warnings"] == ["date '9/6/17' is ambiguous (day/month order); left unset"]


def test_atom_feed(tmp_path):
    path = tmp_path / "feed.atom"
    path.write_text(ATOM, encoding="utf-8")
    article = only_article(path)
    assert (article.text, article.byline, article.published, article.source, article.url) == (
        "The ceasefire held through the night, officials in the region said on Wednesday morning.", "Ben Cole", "2025-03-05", "Harbour Atom",
        "https://harbour.example/1")


def test_gzip_feed_named_xml(tmp_path):
    path = tmp_path / "compressed.xml"
    path.write_bytes(gzip.compress(RSS.encode("utf-8")))
    assert [a.origin for a in read_all([path]) if isinstance(a, Article)] == [f"{path}#entry-1", f"{path}#entry-3"]


def test_malformed_feed_with_entries_is_read_with_a_warning(tmp_path):
    path = tmp_path / "bad.xml"
    path.write_bytes(RSS.replace('encoding="UTF-8"', 'encoding="utf-8"').encode("utf-8")
                     .replace(b"<channel>", b"<channel>\x93") )
    items = read_all([path])
    assert [type(i).__name__ for i in items] == ["Article", "InputDropped", "Article"]
    assert items[0].meta["warnings"][0].startswith("feed is not well-formed (")


def test_feed_of_teasers_only_is_an_error(tmp_path):
    path = tmp_path / "teasers.rss"
    path.write_text(RSS.split("<item><title>Long summary")[0].replace(
        RSS[RSS.index("<item>"):RSS.index("<item><title>Short")], "") + "</channel></rss>")
    error = only_error(path)
    assert error.reason == (
        "feed has 1 entry but none with article text (content of 80+ characters, or a summary of 200+)")


def test_xml_that_is_not_a_feed_is_an_error(tmp_path):
    path = tmp_path / "config.xml"
    path.write_text('<?xml version="1.0"?><config><item>1</item></config>')
    assert only_error(path).reason == "not a feed: no RSS or Atom root element"


# --- standard input --------------------------------------------------------------------------------

class FakeStdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_stdin_plain_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", FakeStdin((" date 2025-02-16 By Desk\n\n" + BODY).encode()))
    (article,) = read_all(["-"])
    assert (article.origin, article.published, article.text) == ("<stdin>", "2025-02-16", BODY)


def test_stdin_json_lines_are_streamed(monkeypatch):
    data = "".join(json.dumps({"text": f"Story {n}."}) + "\n" for n in range(3)) + "[]\n"
    monkeypatch.setattr(sys, "stdin", FakeStdin(data.encode()))
    items = read_all(["-"], max_bytes=100)  # per line: the whole stream is larger than the limit
    assert [i.text for i in items[:3]] == ["Story 0.", "Story 1.", "Story 2."]
    assert (items[3].source, items[3].reason) == ("<stdin>:4", "not a JSON object (a JSON array)")


def test_stdin_html(monkeypatch):
    monkeypatch.setattr(sys, "stdin", FakeStdin(PAGE.encode()))
    (article,) = read_all(["-"])
    assert article.source == "Lakeside Herald"


def test_empty_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", FakeStdin(b""))
    (error,) = read_all(["-"])
    assert (error.source, error.reason) == ("<stdin>", "empty file")


def test_html_declared_charset_is_used_when_the_bytes_are_not_utf8(tmp_path):
    path = tmp_path / "latin.html"
    page = PAGE.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')
    page = page.replace("Vienna", "Wien (Österreich)").replace("“", '"').replace("”", '"')
    path.write_bytes(page.encode("cp1252"))
    article = only_article(path)
    assert "met in Wien (Österreich) on Tuesday" in article.text
    assert "warnings" not in article.meta


# --- compressed inputs ------------------------------------------------------------------------------

def test_gzipped_json_lines_are_streamed(tmp_path):
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "One."}\n{"text": "Two."}\n'))
    assert [(a.origin, a.text) for a in read_all([path])] == [(f"{path}:1", "One."), (f"{path}:2", "Two.")]


def test_corrupt_gzip_is_an_error(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_bytes(gzip.compress(RSS.encode())[:100])
    assert only_error(path).reason.startswith("gzip data is corrupt: ")


def test_white_space_before_the_xml_declaration_is_forgiven(tmp_path):
    path = tmp_path / "podcast.rss"
    path.write_text("\n\n" + ATOM, encoding="utf-8")
    article = only_article(path)
    assert "warnings" not in article.meta


def test_twice_escaped_html_in_a_feed_becomes_text(tmp_path):
    path = tmp_path / "reddit.atom"
    twice = "&amp;lt;div class=&amp;quot;md&amp;quot;&amp;gt;&amp;lt;p&amp;gt;" + BODY + "&amp;lt;/p&amp;gt;&amp;lt;/div&amp;gt;"
    path.write_text(ATOM.replace(
        "&lt;p&gt;The ceasefire held through the night, officials in the region said on Wednesday morning.&lt;/p&gt;",
        twice), encoding="utf-8")
    assert only_article(path).text == BODY


def test_a_headline_starting_with_date_is_not_a_header(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Date night plans hit by strike\n\n" + BODY, encoding="utf-8")
    article = only_article(path)
    assert (article.title, article.published, article.text) == ("Date night plans hit by strike", None, BODY)


def test_a_headline_trailing_off_in_an_ellipsis_is_a_headline(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Rivals of the new minister...\n\n" + BODY, encoding="utf-8")
    assert only_article(path).title == "Rivals of the new minister..."


def test_stdin_over_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(sys, "stdin", FakeStdin(("word " * 100).encode()))
    (error,) = read_all(["-"], max_bytes=100)
    assert (error.source, error.reason) == ("<stdin>", "input is over the 100 bytes limit; raise it with --max-bytes")


def test_a_truncated_gzipped_jsonl_keeps_the_lines_before_the_damage(tmp_path):
    path = tmp_path / "a.jsonl.gz"
    rows = "".join(json.dumps({"text": f"Story number {n} about the talks in Vienna."}) + "\n" for n in range(2000))
    path.write_bytes(gzip.compress(rows.encode())[:3000])
    items = read_all([path])
    assert len(items) > 10 and all(not isinstance(i, InputError) for i in items[:-1])
    assert items[-1].source == str(path) and items[-1].reason.startswith("gzip data is corrupt: ")

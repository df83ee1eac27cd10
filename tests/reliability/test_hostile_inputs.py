"""The hostile-input catalogue of the readers: each input that once hung, exhausted memory, lost the
lines after it or turned into mojibake, with what a user gets now (issue 16).

Every case here is counted in docs/RELIABILITY.md. The inputs are built in code, in ``tmp_path``.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import signal
import socket
import sys
import tracemalloc
from contextlib import contextmanager

import pytest

from newstrace.errors import InputError
from newstrace.readers import read_inputs

BODY = "The ministry said 12 people were hurt in the fire on Monday, and the mayor visited the site."


class FakeStdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@contextmanager
def deadline(seconds: int):
    """Fail instead of hanging when the block runs longer than ``seconds``."""
    def expired(*_):
        raise TimeoutError(f"still running after {seconds} s: the reader hangs")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def read_all(paths, **kwargs) -> list:
    with deadline(20):
        return list(read_inputs([str(p) for p in paths], **kwargs))


def split(items):
    articles = [i for i in items if not isinstance(i, InputError)]
    errors = [i for i in items if isinstance(i, InputError)]
    return articles, errors


# --- folders, links and special files ----------------------------------------------------------------

def test_a_folder_with_two_links_to_itself_is_walked_once(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(BODY)
    (folder / "loop1").symlink_to(folder, target_is_directory=True)
    (folder / "loop2").symlink_to(tmp_path, target_is_directory=True)
    articles, errors = split(read_all([folder]))
    assert [a.text for a in articles] == [BODY] and errors == []


def test_a_file_reached_through_links_is_read_once(tmp_path):
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").symlink_to(tmp_path / "a.txt")
    articles, errors = split(read_all([tmp_path, tmp_path / "a.txt"]))
    assert len(articles) == 1 and errors == []


def test_a_named_pipe_is_refused_with_one_line_and_the_others_go_on(tmp_path):
    (tmp_path / "a.txt").write_text(BODY)
    os.mkfifo(tmp_path / "pipe.txt")
    for inputs in ([tmp_path], [tmp_path / "pipe.txt", tmp_path / "a.txt"]):
        articles, errors = split(read_all(inputs))
        assert len(articles) == 1
        (error,) = errors
        assert error.source == str(tmp_path / "pipe.txt")
        assert error.reason.startswith("a named pipe (FIFO), not a regular file") and "\n" not in error.reason


def test_a_device_and_a_socket_are_refused(tmp_path):
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(tmp_path / "s.sock"))
        articles, errors = split(read_all(["/dev/zero", tmp_path / "s.sock", tmp_path]))
    finally:
        sock.close()
    assert articles == []
    assert [(e.source, e.reason.split(",")[0]) for e in errors] == [
        ("/dev/zero", "a device"), (str(tmp_path / "s.sock"), "a socket"), (str(tmp_path / "s.sock"), "a socket"),
    ]


# --- compressed inputs -------------------------------------------------------------------------------

def test_a_gzipped_jsonl_line_far_over_the_limit_is_refused_while_streaming(tmp_path):
    path = tmp_path / "big.jsonl.gz"
    huge = b'{"text": "' + b"a" * 60_000_000 + b'"}\n'
    path.write_bytes(gzip.compress(huge + json.dumps({"text": BODY}).encode() + b"\n", compresslevel=1))
    del huge
    tracemalloc.start()
    try:
        items = read_all([path], max_bytes=1_000_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    articles, errors = split(items)
    assert [a.origin for a in articles] == [f"{path}:2"]
    assert errors[0].source == f"{path}:1" and errors[0].reason.startswith("line is 60.0 MB, over the 1 MB limit")
    assert peak < 10_000_000, f"peak {peak:,} bytes while reading a 60 MB line with a 1 MB limit"


def test_a_gzip_bomb_is_refused_at_the_limit(tmp_path):
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"word " * 10_000_000, compresslevel=9))
    tracemalloc.start()
    try:
        (error,) = read_all([path], max_bytes=1_000_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert error.reason.startswith("decompressed data is") and "over the 1 MB limit" in error.reason
    assert peak < 10_000_000


# --- JSON Lines: one bad line costs that line only ---------------------------------------------------

GOOD = json.dumps({"text": BODY})

BAD_LINES = [
    pytest.param(b'{"text": "x \\ud800 y ' + BODY.encode() + b'"}', None, id="lone-surrogate"),
    pytest.param(b"[" * 100_000, "invalid JSON: nested too deeply", id="nested-100000"),
    pytest.param(b'{"text": ' + b"[" * 5000 + b"]" * 5000 + b"}", "invalid JSON: nested too deeply", id="nested-in-text"),
    pytest.param(b'{"text": "unterminated', "invalid JSON: Unterminated string", id="unterminated"),
    pytest.param(b'{"text": 12}', "the article text is a JSON number", id="text-not-string"),
    pytest.param(b'"just a string"', "not a JSON object (a JSON string)", id="not-object"),
]


@pytest.mark.parametrize("bad, reason", BAD_LINES)
def test_a_bad_jsonl_line_names_file_and_line_and_costs_that_line_only(tmp_path, bad, reason):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"\n".join([GOOD.encode(), bad, json.dumps({"text": BODY + " Later."}).encode()]) + b"\n")
    items = read_all([path])
    assert len(items) == 3
    assert items[0].origin == f"{path}:1" and items[2].origin == f"{path}:3"
    if reason is None:  # read, with the surrogate replaced and a warning
        assert "\ufffd" in items[1].text and "lone surrogate" in items[1].meta["warnings"][0]
    else:
        assert isinstance(items[1], InputError) and items[1].source == f"{path}:2", items[1]
        assert items[1].reason.startswith(reason)


@pytest.mark.parametrize("bad, reason", BAD_LINES)
def test_a_bad_jsonl_line_on_stdin_costs_that_line_only(monkeypatch, bad, reason):
    data = b"\n".join([GOOD.encode(), bad, json.dumps({"text": BODY + " Later."}).encode()]) + b"\n"
    monkeypatch.setattr(sys, "stdin", FakeStdin(data))
    items = read_all(["-"])
    assert len(items) == 3 and items[2].origin == "<stdin>:3"
    if reason is not None:
        assert items[1].source == "<stdin>:2" and items[1].reason.startswith(reason)


def test_jsonl_on_stdin_whose_first_line_is_an_array(monkeypatch):
    data = f'[{GOOD}]\n{GOOD}\n{json.dumps({"text": BODY + " Two."})}\n'.encode()
    monkeypatch.setattr(sys, "stdin", FakeStdin(data))
    items = read_all(["-"])
    assert [getattr(i, "origin", None) or i.source for i in items] == ["<stdin>:1", "<stdin>:2", "<stdin>:3"]
    assert items[0].reason == "not a JSON object (a JSON array)"


def test_a_json_file_holding_json_lines_is_read_line_by_line(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(f"{GOOD}\n{{broken\n{json.dumps({'text': BODY + ' Two.'})}\n")
    articles, errors = split(read_all([path]))
    assert len(articles) == 2 and [e.source for e in errors] == [f"{path}:2"]


def test_a_json_document_nested_too_deep_is_one_error(tmp_path):
    path = tmp_path / "deep.json"
    path.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    (error,) = read_all([path])
    assert error.source == str(path) and error.reason.startswith("invalid JSON: nested too deeply")


# --- encodings -------------------------------------------------------------------------------------

def test_a_few_stray_bytes_in_utf8_stay_utf8_with_a_warning(tmp_path):
    text = ("The council approved a budget of £1,400 for the library, the clerk said on Tuesday. "
            "Residents had asked for more reading rooms and longer opening hours. ") * 2
    data = bytearray(text.encode("utf-8"))
    for offset in (20, 60, 100, 140, 180, 220):  # six stray bytes, none inside the "£"
        data[offset] = 0x9F
    path = tmp_path / "a.txt"
    path.write_bytes(bytes(data))
    (article,) = read_all([path])
    assert "£1,400" in article.text and "¬£" not in article.text
    assert article.text.count("\ufffd") == 6
    assert article.meta["warnings"] == ["6 invalid UTF-8 byte(s), the first at offset 20, replaced with U+FFFD"]

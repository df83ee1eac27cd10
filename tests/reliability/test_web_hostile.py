"""The web under hostile requests: every bad request is a 4xx with the reason, every answer carries the
security headers, and ``serve`` refuses a busy port before announcing anything (issue 16, item 6)."""
from __future__ import annotations

import socket

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newstrace.cli import app as cli
from newstrace.ingest import ingest
from newstrace.store import open_store
from newstrace.web import create_app

from .helpers import EXAMPLES

TOKEN = "reliability-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
}


@pytest.fixture(scope="module")
def store_db(tmp_path_factory, nlp) -> str:
    db = str(tmp_path_factory.mktemp("web") / "web.db")
    with open_store(db) as store:
        ingest([str(EXAMPLES / "2025-02-15-khan-yunis-exchange.txt")], store, nlp=nlp)
    return db


@pytest.fixture(scope="module")
def client(store_db):
    with TestClient(create_app(store_db, token=TOKEN), raise_server_exceptions=False) as c:
        yield c


def error_of(response, status: int) -> str:
    assert response.status_code == status, (response.status_code, response.text[:300])
    return response.json()["error"]["detail"]


def test_an_article_over_the_parsers_limit_is_422_with_the_reason(client, store_db):
    text = ("The ministry said twelve people were hurt. " * 30_000)[:1_200_000]
    detail = error_of(client.post("/api/articles", json={"text": text}, headers=AUTH), 422)
    assert "article is 1,200,000 characters, over the 1,000,000" in detail
    with open_store(store_db) as store:  # recorded, as the CLI records a failure
        assert any("1,200,000 characters" in f["reason"] for f in store.failures())


@pytest.mark.parametrize("body, reason", [
    (b"[" * 100_000, "nested too deeply"),
    (b"{" * 100_000, "not valid JSON"),
    (b'{"text": ' + b"[" * 50_000 + b"]" * 50_000 + b"}", "nested too deeply"),
    (b'{"text": "\\ud800 alone"}', None),
    (b"\xff\xfe\x00", "not valid JSON"),
    (b"", "not valid JSON"),
    (b"[]", "body"),
    (b'{"text": "Words.", "published": "2025-02-30"}', "published"),
    (b'{"text": "Words.", "published": "0001-11-30"}', "published"),
])
def test_bad_json_bodies_are_4xx_with_a_reason(client, body, reason):
    response = client.post("/api/articles", content=body, headers={**AUTH, "Content-Type": "application/json"})
    if reason is None:  # a lone surrogate is replaced, as the reader does, and the article is stored
        assert response.status_code == 201, response.text
        return
    assert reason in error_of(response, 422)


def test_a_stored_article_is_not_extracted_again_and_says_so(client):
    text = (EXAMPLES / "2025-02-15-khan-yunis-exchange.txt").read_text().split("\n", 2)[-1].strip()
    response = client.post("/api/articles", json={"text": text}, headers=AUTH)
    assert response.status_code == 201, response.text
    [entry] = response.json()["articles"]
    assert entry["stored"] is False and entry["counts"]["events"] > 0


@pytest.mark.parametrize("path", [
    "/", "/articles", "/timeline", "/api/articles", "/api/counts", "/static/app.js", "/openapi.json",
    "/nothing-here", "/api/events?limit=0",
])
def test_every_answer_carries_the_security_headers(client, path):
    response = client.get(path)
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, (path, name)
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]


def test_serve_refuses_a_busy_port_before_announcing_it(store_db):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--db", store_db, "--port", str(port)])
    assert result.exit_code == 2
    assert "http://" not in result.stdout
    assert f"error: cannot listen on 127.0.0.1:{port}: address already in use" in result.stderr

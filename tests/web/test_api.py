"""The JSON API over a real SQLite store holding the examples: lists, filters, pagination, errors, ingest.

The store is built once per session by ingesting examples/ through the real readers, pipeline and store,
plus two reports written here whose figures disagree (a series and a conflict, as linking records them),
so the series and conflict endpoints have something to show whatever the extractors find today.
"""
from __future__ import annotations

import html as html_lib
import re

import pytest
from sqlalchemy import insert

from tests.conftest import EXAMPLES

TOKEN = "s3cret-test-token"

# Two short reports written for these tests: the same death toll, told differently a month apart.
TOLL_FEB = ("Officials at the health ministry in Gaza said on Monday that at least 48,200 people had been "
            "killed in the territory since the war began.")
TOLL_MAR = ("A month later a regional monitoring group put the number of people killed in Gaza at 47,100, "
            "below the total that officials had given in February.")

_BUILT: dict[str, str] = {}


def _toll_result(text: str, *, published: str, source: str, title: str, claimant: str, value: float,
                 qualifier: str, series: str):
    from newstrace.ids import article_id, entity_id, record_id
    from newstrace.records import Article, ArticleResult, DateValue, Entity, EntityRef, Figure, Mention, Span

    aid = article_id(text)
    article = Article(id=aid, text=text, title=title, source=source, published=published, origin="test")
    name_at = text.index(claimant)
    who = Entity(id=entity_id("ORG", claimant), type="ORG", name=claimant,
                 mentions=(Mention(aid, Span.of(text, name_at, name_at + len(claimant))),), rule="test")
    number = f"{value:,.0f}"
    at = text.index(number)
    sentence_end = text.index(".", at) + 1
    figure = Figure(
        id=record_id("figure", aid, at, at + len(number)), article=aid, value=value, low=None, high=None,
        qualifier=qualifier, measure="killed", counted="people", span=Span.of(text, at, at + len(number)),
        sentence=Span.of(text, 0, sentence_end), as_of=DateValue(published, "day", published),
        claimed_by=EntityRef(who.id, who.name), confidence=0.9, rule="test", series=series,
    )
    return ArticleResult(article=article, entities=[who], figures=[figure])


def build_examples_store(directory, nlp, url: str | None = None) -> str:
    """Return the location of a store holding the examples and the two toll reports (built once per
    session): a SQLite file in ``directory``, or the PostgreSQL database at ``url``."""
    if (url or "db") in _BUILT:
        return _BUILT[url or "db"]
    from newstrace.ids import record_id
    from newstrace.ingest import ingest
    from newstrace.store import open_store
    from newstrace.store import schema as S

    db = url or str(directory / "examples.db")
    store = open_store(db)
    summary = ingest([str(EXAMPLES)], store, nlp=nlp, link=True)
    # other inputs may fail while an extractor is being worked on; the pages need a few articles, not all
    assert summary.new >= 3, summary.failures
    series = "se_test_gaza_killed"
    feb = _toll_result(TOLL_FEB, published="2025-02-10", source="Harbor Daily", title="Toll passes 48,000",
                       claimant="health ministry", value=48200, qualifier="at_least", series=series)
    mar = _toll_result(TOLL_MAR, published="2025-03-12", source="Coastline Wire", title="Monitor revises toll",
                       claimant="regional monitoring group", value=47100, qualifier="exact", series=series)
    for result in (feb, mar):
        assert store.write_result(result)
    figures = (feb.figures[0].id, mar.figures[0].id)
    with store.engine.begin() as conn:
        conn.execute(insert(S.conflicts).values(
            id=record_id("conflict", *figures), relation="contradicts", series_id=series,
            data={"kind": "conflict", "id": record_id("conflict", *figures), "figures": list(figures),
                  "relation": "contradicts", "series": series,
                  "explanation": "a later report gives a smaller cumulative death toll"},
        ))
    store.close()
    _BUILT[url or "db"] = db
    return db


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory, nlp) -> str:
    return build_examples_store(tmp_path_factory.mktemp("web"), nlp)


@pytest.fixture(scope="module")
def client(examples_db):
    from fastapi.testclient import TestClient

    from newstrace.web import create_app

    with TestClient(create_app(examples_db, token=TOKEN), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def writable_client(examples_db, tmp_path_factory):
    """A client over a copy of the examples store, for the tests that ingest: the shared one stays as built."""
    import sqlite3

    from fastapi.testclient import TestClient

    from newstrace.web import create_app

    copy = tmp_path_factory.mktemp("writable") / "store.db"
    with sqlite3.connect(examples_db) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    with TestClient(create_app(str(copy), token=TOKEN), raise_server_exceptions=False) as c:
        yield c


def assert_error_shape(response, status: int) -> dict:
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert error["status"] == status
    assert isinstance(error["title"], str) and error["title"]
    assert isinstance(error["detail"], str) and error["detail"]
    return error


# ---------------------------------------------------------------- lists, filters, pagination

def test_articles_list_holds_the_examples_newest_first(client):
    body = client.get("/api/articles").json()
    assert body["total"] >= 6
    dates = [a["published"] for a in body["items"] if a["published"]]
    assert dates == sorted(dates, reverse=True)
    assert all(re.fullmatch(r"a_[0-9a-f]{16}", a["id"]) for a in body["items"])
    assert "text" not in body["items"][0]


def test_pagination_covers_every_record_once_in_a_stable_order(client):
    full = client.get("/api/events", params={"limit": 500}).json()
    assert full["total"] == len(full["items"]) > 10
    paged = []
    for offset in range(0, full["total"], 7):
        page = client.get("/api/events", params={"limit": 7, "offset": offset}).json()
        assert page["total"] == full["total"] and page["limit"] == 7 and page["offset"] == offset
        paged.extend(e["id"] for e in page["items"])
    assert paged == [e["id"] for e in full["items"]]
    assert client.get("/api/events", params={"limit": 500}).json() == full  # same answer twice


def test_events_filter_by_type_entity_and_date(client):
    every = client.get("/api/events", params={"limit": 500}).json()["items"]
    retreat = client.get("/api/events", params={"type": "retreat", "limit": 500}).json()
    assert retreat["total"] == sum(e["type"] == "RETREAT" for e in every) > 0
    assert {e["type"] for e in retreat["items"]} == {"RETREAT"}

    feb = client.get("/api/events", params={"since": "2025-02-01", "until": "2025-02-28", "limit": 500}).json()
    assert feb["total"] > 0
    # a date overlaps the period: a day in it, or a coarser date ("2025-02", "2025") that contains it
    assert all(e["date"]["value"][:10] <= "2025-02-28" and e["date"]["value"] + "~" >= "2025-02-01"
               for e in feb["items"] if isinstance(e["date"]["value"], str))

    hamas = client.get("/api/entities", params={"q": "hamas"}).json()["items"][0]
    by_name = client.get("/api/events", params={"entity": "HAMAS", "limit": 500}).json()
    by_id = client.get("/api/events", params={"entity": hamas["id"], "limit": 500}).json()
    assert by_name == by_id and by_id["total"] > 0
    for event in by_id["items"]:
        refs = [*event["actors"], *event["recipients"], event["location"], event["reported_by"]]
        assert hamas["id"] in {r["id"] for r in refs if r}


def test_text_search_finds_articles_and_quotes(client):
    arts = client.get("/api/articles", params={"q": "ceasefire"}).json()
    assert arts["total"] > 0
    for a in arts["items"]:
        full = client.get(f"/api/articles/{a['id']}").json()
        assert "ceasefire" in (full["title"] + full["text"]).lower()
    assert client.get("/api/articles", params={"q": "zzqx-nothing-like-this"}).json()["total"] == 0
    quotes = client.get("/api/quotes", params={"limit": 500}).json()
    assert quotes["total"] > 0
    word = quotes["items"][0]["content"]["text"].split()[0]
    assert client.get("/api/quotes", params={"q": word}).json()["total"] >= 1


def test_unknown_entity_filter_is_an_empty_page_not_an_error(client):
    body = client.get("/api/events", params={"entity": "Nobody Of That Name"}).json()
    assert body == {"total": 0, "limit": 50, "offset": 0, "items": []}


def test_article_detail_has_text_and_every_record_with_spans_into_it(client):
    arts = client.get("/api/articles", params={"limit": 500}).json()["items"]
    richest = max(arts, key=lambda a: a["n_events"])
    full = client.get(f"/api/articles/{richest['id']}").json()
    text = full["text"]
    assert len(full["events"]) == richest["n_events"] > 0
    for event in full["events"]:
        assert text[event["trigger"]["start"]:event["trigger"]["end"]] == event["trigger"]["text"]
    for quote in full["quotes"]:
        assert text[quote["content"]["start"]:quote["content"]["end"]] == quote["content"]["text"]
    for entity in full["entities"]:
        for m in entity["mentions"]:
            assert text[m["span"]["start"]:m["span"]["end"]] == m["span"]["text"]


def test_entity_detail_gathers_mentions_across_articles(client):
    hamas = client.get("/api/entities", params={"q": "hamas", "type": "ORG"}).json()["items"][0]
    detail = client.get(f"/api/entities/{hamas['id']}").json()
    assert detail["name"] == hamas["name"]
    assert detail["n_articles"] == len(detail["articles"]) >= 3
    assert detail["n_mentions"] == sum(a["n_mentions"] for a in detail["articles"])
    assert "Hamas" in {f["text"] for f in detail["forms"]}
    for a in detail["articles"]:
        text = client.get(f"/api/articles/{a['id']}").json()["text"]
        assert text[a["first_mention"]:].startswith(tuple(f["text"] for f in detail["forms"]))


def test_figures_series_and_conflicts(client):
    killed = client.get("/api/figures", params={"type": "killed", "limit": 500}).json()
    values = {f["value"] for f in killed["items"]}
    assert {48200, 47100} <= values
    conflicts = client.get("/api/conflicts").json()
    ours = [c for c in conflicts["items"] if c["series"] == "se_test_gaza_killed"]
    assert len(ours) == 1
    sides = ours[0]["sides"]
    assert [s["article_meta"]["source"] for s in sides] == ["Harbor Daily", "Coastline Wire"]
    assert "48,200" in sides[0]["sentence"]["text"]
    series = client.get("/api/series/se_test_gaza_killed").json()
    assert series["measure"] == "killed"
    assert [f["value"] for f in series["figures"]] == [48200, 47100]  # in time order
    assert [c["id"] for c in series["conflicts"]] == [ours[0]["id"]]
    listed = client.get("/api/series").json()["items"]
    assert any(s["id"] == "se_test_gaza_killed" and s["n_conflicts"] == 1 for s in listed)


def test_clusters_endpoint_lists_pages(client):
    body = client.get("/api/clusters").json()
    assert set(body) == {"total", "limit", "offset", "items"}
    for cluster in body["items"]:
        detail = client.get(f"/api/clusters/{cluster['id']}").json()
        assert {e["id"] for e in detail["members"]} <= set(cluster["events"])


def test_counts_match_the_lists(client):
    counts = client.get("/api/counts").json()
    for kind in ("articles", "events", "figures", "quotes", "conflicts"):
        assert client.get(f"/api/{kind}", params={"limit": 1}).json()["total"] == counts[kind]


# ---------------------------------------------------------------- one error shape

def test_error_shape_404_unknown_ids_and_paths(client):
    for path in ("/api/articles/a_0000000000000000", "/api/entities/en_nope", "/api/events/ev_nope",
                 "/api/figures/fi_nope", "/api/quotes/qu_nope", "/api/series/nope", "/api/clusters/cl_nope",
                 "/api/conflicts/co_nope", "/api/no-such-endpoint"):
        error = assert_error_shape(client.get(path), 404)
        assert error["title"] == "Not found"


def test_error_shape_422_bad_parameters(client):
    for params in ({"limit": 0}, {"limit": "many"}, {"offset": -1}, {"since": "last week"},
                   {"until": "2025-13"}, {"since": "2025-02-32"}, {"q": "x" * 500}):
        error = assert_error_shape(client.get("/api/events", params=params), 422)
        assert error["errors"], params
    detail = assert_error_shape(client.get("/api/events", params={"since": "yesterday"}), 422)["detail"]
    assert "since" in detail


def test_error_shape_405_and_500(client, examples_db, tmp_path):
    assert_error_shape(client.delete("/api/articles"), 405)
    # a store whose table went missing under the server: a real failure, answered in the same shape
    import shutil

    from fastapi.testclient import TestClient
    from sqlalchemy import create_engine, text

    from newstrace.web import create_app

    broken = tmp_path / "broken.db"
    shutil.copy(examples_db, broken)
    app = create_app(str(broken))
    engine = create_engine(f"sqlite:///{broken}")
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE quotes"))
    engine.dispose()
    with TestClient(app, raise_server_exceptions=False) as broken_client:
        error = assert_error_shape(broken_client.get("/api/quotes"), 500)
        assert "Traceback" not in error["detail"]


# ---------------------------------------------------------------- ingest over HTTP

NEW_TEXT = ("Negotiators from Qatar met officials of Hamas in Doha on Tuesday to discuss a second phase of the "
            "truce, a spokesman for the Qatari foreign ministry said.")


def test_post_without_a_configured_token_is_always_forbidden(examples_db):
    from fastapi.testclient import TestClient

    from newstrace.web import create_app

    with TestClient(create_app(examples_db)) as no_token:
        for headers in ({}, {"Authorization": "Bearer "}, {"Authorization": f"Bearer {TOKEN}"}):
            error = assert_error_shape(no_token.post("/api/articles", json={"text": NEW_TEXT}, headers=headers), 403)
            assert "--token" in error["detail"]


def test_post_needs_the_right_token(writable_client):
    assert_error_shape(writable_client.post("/api/articles", json={"text": NEW_TEXT}), 401)
    assert writable_client.post("/api/articles", json={"text": NEW_TEXT}).headers["www-authenticate"] == "Bearer"
    assert_error_shape(writable_client.post("/api/articles", json={"text": NEW_TEXT},
                                   headers={"Authorization": "Bearer wrong"}), 403)
    assert_error_shape(writable_client.post("/api/articles", json={"text": NEW_TEXT},
                                   headers={"Authorization": TOKEN}), 401)  # no scheme


def test_post_json_ingests_stores_and_is_idempotent(writable_client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    body = {"text": NEW_TEXT, "title": "Talks on a second phase", "published": "2025-03-04",
            "source": "Test Desk", "url": "https://example.org/talks"}
    before = writable_client.get("/api/counts").json()
    first = writable_client.post("/api/articles", json=body, headers=auth)
    assert first.status_code == 201, first.text
    [entry] = first.json()["articles"]
    assert entry["stored"] is True and entry["counts"]["entities"] >= 2
    stored = writable_client.get(f"/api/articles/{entry['id']}").json()
    assert stored["text"] == NEW_TEXT and stored["source"] == "Test Desk" and stored["published"] == "2025-03-04"
    assert any(e["name"] == "Hamas" for e in stored["entities"])
    again = writable_client.post("/api/articles", json=body, headers=auth).json()["articles"][0]
    assert again["id"] == entry["id"] and again["stored"] is False
    assert writable_client.get("/api/counts").json()["articles"] == before["articles"] + 1


def test_post_upload_reads_the_file_like_ingest(writable_client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    content = (" date 2025-03-05 By Test Writer\n\nEgypt hosted a delegation from Israel in Cairo on Wednesday "
               "to talk about aid crossings into Gaza, two officials said.\n")
    response = writable_client.post("/api/articles", headers=auth,
                           files={"file": ("cairo-talks.txt", content.encode(), "text/plain")})
    assert response.status_code == 201, response.text
    [entry] = response.json()["articles"]
    stored = writable_client.get(f"/api/articles/{entry['id']}").json()
    assert stored["published"] == "2025-03-05"
    assert stored["origin"].startswith("upload:cairo-talks.txt")
    assert "Cairo" in stored["text"]


@pytest.mark.parametrize("body, where", [
    ({"title": "no text"}, "text"),
    ({"text": "   "}, "text"),
    ({"text": "Some words.", "published": "9/6/17"}, "published"),
])
def test_post_rejects_bad_bodies_in_the_error_shape(writable_client, body, where):
    error = assert_error_shape(
        writable_client.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"}), 422)
    assert where in error["detail"]


def test_post_rejects_other_content_types(writable_client):
    assert_error_shape(writable_client.post("/api/articles", content=b"plain words",
                                   headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"}), 415)


# ---------------------------------------------------------------- UI pages answer (the browser tests look closer)

def test_ui_pages_render_and_unknown_ids_get_an_html_404(client):
    article = client.get("/api/articles", params={"q": "ceasefire"}).json()["items"][0]
    for path in ("/", "/articles", f"/articles/{article['id']}", "/entities", "/timeline", "/figures",
                 "/quotes", "/conflicts", "/series/se_test_gaza_killed", "/search?q=Hamas",
                 "/timeline?type=RETREAT&since=2025-01-01"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")
    missing = client.get("/articles/a_0000000000000000")
    assert missing.status_code == 404 and "no article with id" in missing.text


# ---------------------------------------------------------------- highlighting (server-side, escaped)

def test_highlight_nests_overlapping_spans_and_escapes_the_text():
    from newstrace.web.highlight import Mark, highlight

    text = 'A <b>"quote" by Ann & Bo</b> ends.'
    quote = Mark(2, 28, "quote", "qu_1", "Quote · x")
    ann = Mark(text.index("Ann"), text.index("Ann") + 3, "entity", "en_ann", 'Entity · <Ann>')
    crossing = Mark(text.index("Bo"), text.index("ends") + 4, "event", "ev_1", "Event")  # leaves the quote
    html = str(highlight(text, [crossing, ann, quote]))
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp;" in html and "&#34;quote&#34;" in html
    assert 'title="Entity · &lt;Ann&gt;"' in html
    # the event crosses the quote's end: it is split in two marks with the same id, properly nested
    assert html.count('data-id="ev_1"') == 2 and html.count('id="r-ev_1"') == 1
    depth = 0
    for token in re.findall(r"</?mark", html):
        depth += -1 if token.startswith("</") else 1
        assert depth >= 0
    assert depth == 0
    # the visible text is unchanged
    assert html_lib.unescape(re.sub(r"<[^>]+>", "", html)) == text


def test_highlight_without_marks_is_the_escaped_text():
    from newstrace.web.highlight import highlight

    assert str(highlight("<script>x</script>", [])) == "&lt;script&gt;x&lt;/script&gt;"


def test_serve_command_defaults_to_localhost_8000():
    from typer.testing import CliRunner

    from newstrace.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "127.0.0.1" in result.output and "8000" in result.output and "--token" in result.output
    bad = CliRunner().invoke(app, ["serve", "--port", "70000"])
    assert bad.exit_code == 2


# ---------------------------------------------------------------- the same answers on PostgreSQL

@pytest.mark.postgres
def test_postgresql_store_gives_the_same_answers_as_sqlite(client, pg_url, tmp_path_factory, nlp):
    import uuid

    import psycopg
    from fastapi.testclient import TestClient

    from newstrace.web import create_app

    name = "web_" + uuid.uuid4().hex[:10]
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = pg_url.rsplit("/", 1)[0] + "/" + name
    try:
        build_examples_store(None, nlp, url=url)
        hamas = client.get("/api/entities", params={"q": "hamas", "type": "ORG"}).json()["items"][0]["id"]
        with TestClient(create_app(url), raise_server_exceptions=False) as pg:
            for path, params in [
                ("/api/articles", {"limit": 500}), ("/api/articles", {"q": "CEASEFIRE"}),
                ("/api/entities", {"limit": 500}), ("/api/entities", {"q": "ham", "type": "org"}),
                ("/api/events", {"limit": 500}), ("/api/events", {"entity": "hamas", "since": "2025-02"}),
                ("/api/events", {"q": "released", "limit": 7, "offset": 2}), ("/api/quotes", {"q": "the"}),
                ("/api/figures", {"type": "killed"}), ("/api/conflicts", {}), ("/api/series", {}),
                ("/api/clusters", {"limit": 500}), (f"/api/entities/{hamas}", {}),
                ("/api/series/se_test_gaza_killed", {}), ("/api/counts", {}),
            ]:
                sqlite_answer = client.get(path, params=params).json()
                pg_answer = pg.get(path, params=params).json()
                assert pg_answer == sqlite_answer, (path, params)
            for path in ("/", "/timeline?entity=Hamas", "/search?q=hamas", f"/entities/{hamas}", "/conflicts"):
                assert pg.get(path).status_code == 200, path
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

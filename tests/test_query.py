"""The read layer: one entity filter gives one answer in the CLI, the API and the web UI.

On the examples store (built once per session, tests/test_api.py), an entity that takes part in events
and was written in a form that is not its name is asked for three ways: by that form (an alias), by its
canonical name and by its id. The CLI (typer's runner), the API (an HTTP client) and the web UI (real
Chromium) must all give the same clusters, events and counts for each.
"""
from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from newstrace import query
from newstrace.cli import app
from newstrace.store import open_store
from newstrace.store import schema as S
from tests.test_api import build_examples_store
from tests.test_ui import browser, page, server  # noqa: F401  (fixtures: real Chromium, uvicorn)

runner = CliRunner()


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory, nlp) -> str:
    return build_examples_store(tmp_path_factory.mktemp("web"), nlp)


def aliased_entity(db: str) -> dict[str, str]:
    """Return the canonical entity with the most events among those that reports also wrote in a form
    no entity is named (an alias): its id, name and that alias. Chosen by SQL, not by the read layer."""
    e, m, ee = S.entities, S.mentions, S.event_entities
    store = open_store(db)
    try:
        with store.engine.connect() as conn:
            named = set(conn.execute(select(func.lower(e.c.name))).scalars())
            rows = conn.execute(
                select(e.c.id, e.c.name, m.c.text, func.count(func.distinct(ee.c.event_id)).label("n"))
                .join(m, m.c.entity_id == e.c.id).join(ee, ee.c.entity_id == e.c.id)
                .where(e.c.canonical_id == e.c.id)
                .group_by(e.c.id, e.c.name, m.c.text).order_by(func.count(func.distinct(ee.c.event_id)).desc(),
                                                                e.c.id, m.c.text)
            ).all()
    finally:
        store.close()
    for row in rows:
        if row.text.lower() not in named:
            return {"id": row.id, "name": row.name, "alias": row.text}
    pytest.fail("the examples store has no entity written in a form other than a name")


@pytest.fixture(scope="module")
def entity(examples_db) -> dict[str, str]:
    return aliased_entity(examples_db)


@pytest.fixture(scope="module")
def client(examples_db):
    from fastapi.testclient import TestClient

    from newstrace.web import create_app

    with TestClient(create_app(examples_db), raise_server_exceptions=False) as c:
        yield c


def cli_json(*args: str):
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def unique(ids):
    return list(dict.fromkeys(ids))


@pytest.mark.parametrize("how", ["alias", "name", "id"])
def test_cli_and_api_give_the_same_clusters_events_and_counts(examples_db, client, entity, how):
    value = entity[how]
    timeline = cli_json("timeline", "--entity", value, "--limit", "0", "--db", examples_db, "--json")
    clusters = client.get("/api/clusters", params={"entity": value, "limit": 500}).json()
    assert [c["id"] for c in timeline] == [c["id"] for c in clusters["items"]]
    assert clusters["total"] == len(timeline) > 0

    profile = cli_json("entity", value, "--limit", "1000", "--db", examples_db, "--json")
    assert profile["id"] == entity["id"]
    events = client.get("/api/events", params={"entity": value, "limit": 500}).json()
    assert unique(e["id"] for e in profile["events"]) == [e["id"] for e in events["items"]]
    assert events["total"] == len(events["items"]) > 0
    # every cluster of the timeline holds one of the entity's events, and every event's cluster is listed
    assert {e["cluster"] for e in events["items"]} == {c["id"] for c in timeline}

    (listed,) = client.get("/api/entities", params={"entity": value}).json()["items"]
    detail = client.get(f"/api/entities/{value if how == 'id' else entity['id']}").json()
    assert listed["id"] == detail["id"] == entity["id"]
    mentions = sum(a["mentions"] for a in profile["articles"])
    assert listed["n_mentions"] == detail["n_mentions"] == mentions > 0
    assert listed["n_articles"] == detail["n_articles"] == len(profile["articles"])


def test_alias_name_and_id_are_one_filter(client, entity):
    answers = []
    for how in ("alias", "name", "id"):
        answers.append({
            kind: client.get(f"/api/{kind}", params={"entity": entity[how], "limit": 500}).json()
            for kind in ("articles", "events", "quotes", "figures", "clusters", "conflicts", "series")
        })
    assert answers[0] == answers[1] == answers[2]
    assert answers[0]["articles"]["total"] > 0


def test_a_name_nobody_has_finds_nothing_anywhere(examples_db, client):
    result = runner.invoke(app, ["timeline", "--entity", "Nobody Atall", "--db", examples_db])
    assert result.exit_code == 1 and "no entity named 'Nobody Atall'" in result.output
    for kind in ("events", "clusters", "articles", "entities"):
        assert client.get(f"/api/{kind}", params={"entity": "Nobody Atall"}).json()["total"] == 0, kind


def test_the_read_layer_resolves_a_surname_and_a_role(examples_db):
    """A one-word name finds the full name it ends; a role stored on a linked entity finds it."""
    store = open_store(examples_db)
    try:
        with query.connect(store) as conn:
            e = S.entities
            person = conn.execute(select(e.c.id, e.c.name).where(
                e.c.type == "PERSON", e.c.canonical_id == e.c.id, e.c.name.like("% %"))
                .order_by(e.c.id)).first()
            surname = person.name.split()[-1]
            if conn.execute(select(func.count()).where(func.lower(e.c.name) == surname.lower())).scalar_one() \
                    or conn.execute(select(func.count()).where(
                        func.lower(S.mentions.c.text) == surname.lower())).scalar_one():
                pytest.skip("the surname is also a name or a written form in the examples")
            assert person.id in query.resolve_entity(conn, surname.upper())
    finally:
        store.close()


@pytest.mark.browser
@pytest.mark.parametrize("how", ["alias", "name", "id"])
def test_the_web_timeline_shows_what_the_api_answers(page, server, entity, how):  # noqa: F811
    import httpx

    value = entity[how]
    events = httpx.get(server + "/api/events", params={"entity": value, "limit": 100}, timeout=30).json()
    clusters = httpx.get(server + "/api/clusters", params={"entity": value, "limit": 100}, timeout=30).json()
    page.goto(server + "/timeline?" + httpx.QueryParams({"entity": value}).__str__())
    heading = page.locator("h1").inner_text()
    assert entity["name"] in heading and f"{events['total']} events" in heading
    shown = [href.rsplit("/", 1)[1] for href in page.locator("li.event-row a.more").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")]
    assert shown == [e["id"] for e in events["items"]] and shown
    shared = [c["id"] for c in clusters["items"] if len(c["events"]) > 1]
    listed = [href.rsplit("/", 1)[1] for href in page.locator("section.clusters a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")]
    assert listed == shared

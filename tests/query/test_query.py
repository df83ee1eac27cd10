"""The read layer: one entity filter gives one answer in the CLI, the API and the web UI.

On the examples store (built once per session, tests/web/test_api.py), an entity that takes part in events
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
from newstrace.errors import DateError
from newstrace.store import open_store
from newstrace.store import schema as S
from tests.web.test_api import build_examples_store
from tests.web.test_ui import browser, page, server  # noqa: F401  (fixtures: real Chromium, uvicorn)

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


@pytest.mark.browser
@pytest.mark.parametrize("how", ["alias", "name", "id"])
def test_the_web_timeline_shows_what_the_api_answers(page, server, entity, how):
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
    listed = [href.rsplit("/", 1)[1] for href in page.locator("section.clusters a[href^='/clusters/']").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")]
    assert listed == shared


# -- how an entity filter is resolved, on SQLite and PostgreSQL ------------------------------------

TALKS = ("Amara Osei, the chief negotiator of the talks, arrived in Accra on Monday. Osei met "
         "Kofi Mensah, who leads the farmers' union.")


def _talks_store(url: str):
    from newstrace.ids import article_id, entity_id
    from newstrace.records import Article, ArticleResult, Entity, Mention, Span

    aid = article_id(TALKS)

    def mentions(*forms: str):
        out, at = [], 0
        for form in forms:
            at = TALKS.index(form, at)
            out.append(Mention(aid, Span.of(TALKS, at, at + len(form))))
            at += len(form)
        return tuple(out)

    osei = Entity(id=entity_id("PERSON", "Amara Osei"), type="PERSON", name="Amara Osei", aliases=("Osei",),
                  role="chief negotiator of the talks", mentions=mentions("Amara Osei", "Osei"), rule="test")
    mensah = Entity(id=entity_id("PERSON", "Kofi Mensah"), type="PERSON", name="Kofi Mensah",
                    mentions=mentions("Kofi Mensah"), rule="test")
    store = open_store(url)
    store.write_result(ArticleResult(
        article=Article(id=aid, text=TALKS, title="Talks", source="Test Wire", published="2024-05-06",
                        origin="test"),
        entities=[osei, mensah]))
    return store, osei.id, mensah.id


def test_an_entity_filter_takes_an_id_a_name_an_alias_a_surname_or_a_role(store_url):
    store, osei, mensah = _talks_store(store_url)
    try:
        with query.connect(store) as conn:
            for value, expected in [
                (osei, [osei]),                                    # an id
                ("AMARA OSEI", [osei]),                            # a name, any case
                ("osei", [osei]),                                  # a form a report wrote
                ("Mensah", [mensah]),                              # a surname nobody wrote alone
                ("The Chief Negotiator of the Talks", [osei]),     # a role
                ("chief negotiator talks", [osei]),                # the same words of a role
                ("the chief negotiator", []),                      # fewer words: another role
                ("Amara", []),                                     # a first name is not a surname
                ("Nobody Atall", []),
                ("  ", []),
            ]:
                assert query.resolve_entity(conn, value) == expected, value
            profile = query.entity_profile(conn, "the chief negotiator of the talks")
            assert profile["id"] == osei and profile["articles"][0]["mentions"] == 2
    finally:
        store.close()


def test_the_ordered_scan_and_the_gathered_sort_give_the_same_pages(examples_db, client, entity, monkeypatch):
    """An entity in many records is read by an ordered scan, one in few by gathering and sorting its
    records (query.base.FREQUENT); both plans must give the same page, total and order."""
    from newstrace.query import base

    paths = [("/api/events", {"entity": entity["alias"], "limit": 7, "offset": 1}),
             ("/api/clusters", {"entity": entity["name"], "limit": 5})]

    store = open_store(examples_db)
    with store.engine.connect() as conn:  # the most quoted speaker and the most cited claimant
        others = [conn.execute(select(column).where(column.is_not(None)).group_by(column)
                               .order_by(func.count().desc(), column).limit(1)).scalar_one()
                  for column in (S.quotes.c.speaker_id, S.figures.c.claimed_by_id)]
    store.close()

    def answers():
        store = open_store(examples_db)
        try:
            with query.connect(store) as conn:
                profiles = [query.entity_profile(conn, who, limit=limit)
                            for who in (entity["id"], *others) for limit in (3, 1000)]
        finally:
            store.close()
        return [client.get(p, params=q).json() for p, q in paths], profiles

    gathered = answers()
    monkeypatch.setattr(base, "FREQUENT", 1)
    scanned = answers()
    assert scanned == gathered and all(page["items"] for page in scanned[0])
    assert all(scanned[1][0][kind] for kind in ("articles", "events"))
    assert scanned[1][2]["quotes"] and scanned[1][4]["figures"]


# -- any case beyond ASCII: SQLite's lower() folds A-Z only; the folded keys fold every letter ----------

ACCENTED = ("Émile Öztürk spoke for the Élysée delegation in Geneva on Monday. Öztürk met Zoë Ångström, "
            "who chairs the panel.")


def _accented_store(url: str):
    from newstrace.ids import article_id, entity_id
    from newstrace.records import Article, ArticleResult, Entity, Mention, Span

    aid = article_id(ACCENTED)

    def mentions(*forms: str):
        out, at = [], 0
        for form in forms:
            at = ACCENTED.index(form, at)
            out.append(Mention(aid, Span.of(ACCENTED, at, at + len(form))))
            at += len(form)
        return tuple(out)

    emile = Entity(id=entity_id("PERSON", "Émile Öztürk"), type="PERSON", name="Émile Öztürk",
                   mentions=mentions("Émile Öztürk", "Öztürk"), rule="test")
    zoe = Entity(id=entity_id("PERSON", "Zoë Ångström"), type="PERSON", name="Zoë Ångström",
                 mentions=mentions("Zoë Ångström"), rule="test")
    store = open_store(url)
    store.write_result(ArticleResult(
        article=Article(id=aid, text=ACCENTED, title="Panel", source="Österreich Wire", published="2024-05-06",
                        origin="test"),
        entities=[emile, zoe]))
    return store, emile.id, zoe.id


def test_names_aliases_and_outlets_are_found_in_any_case_beyond_ascii(store_url):
    """A real SQLite file and a real PostgreSQL database give the same answers for "ÉMILE ÖZTÜRK",
    "öztürk" (a form a report wrote), "ÅNGSTRÖM" (a surname nobody wrote alone), an outlet in capitals and
    a search of the text ("ÉLYSÉE"); before, SQLite's lower() and LIKE (and PostgreSQL's under the C locale)
    left É, Ö and Å as they were and found nothing."""
    store, emile, zoe = _accented_store(store_url)
    try:
        with query.connect(store) as conn:
            for value, expected in [
                ("émile öztürk", [emile]), ("ÉMILE ÖZTÜRK", [emile]),   # a name, any case
                ("öztürk", [emile]), ("ÖZTÜRK", [emile]),               # a form a report wrote
                ("ÅNGSTRÖM", [zoe]), ("ångström", [zoe]),               # a surname nobody wrote alone
                ("Ozturk", []),                                         # any case, not any accent
            ]:
                assert query.resolve_entity(conn, value) == expected, value
            for outlet, total in [("ÖSTERREICH WIRE", 1), ("österreich wire", 1), ("Osterreich Wire", 0)]:
                assert query.list_articles(conn, query.Filters(source=outlet), 10, 0).total == total, outlet
            # a search of the text, any case, beyond ASCII (LIKE on SQLite and ILIKE under C fold A-Z only)
            for q, total in [("ÉLYSÉE DELEGATION", 1), ("élysée", 1), ("ZOË", 1), ("Elysee", 0)]:
                assert query.list_articles(conn, query.Filters(q=q), 10, 0).total == total, q
    finally:
        store.close()


def test_a_store_made_before_the_folded_keys_gets_them_when_opened(store_url):
    """Migration 9 fills the keys of rows stored before it and drops the lower() indexes it replaces."""
    from sqlalchemy import inspect, text, update

    from newstrace.store.migrations import migrate

    store, emile, _ = _accented_store(store_url)
    with store.engine.begin() as conn:  # as a store written before migration 9 holds them
        for table in (S.entities, S.mentions, S.articles):
            key = next(c for c in table.c if c.name.endswith("_key"))
            conn.execute(update(table).values({key: None}))
        conn.execute(text("CREATE INDEX ix_entities_name_lower ON entities (lower(name))"))
        conn.execute(S.schema_migrations.delete().where(S.schema_migrations.c.version == 9))
    assert migrate(store.engine) == [9]
    with query.connect(store) as conn:
        assert query.resolve_entity(conn, "öztürk") == [emile]
        assert query.list_articles(conn, query.Filters(source="ÖSTERREICH WIRE"), 10, 0).total == 1
        indexes = {i["name"] for table in ("entities", "mentions") for i in inspect(conn).get_indexes(table)}
        if conn.dialect.name == "sqlite":  # SQLite's reflection leaves out indexes on expressions
            indexes |= set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'")).scalars())
    assert "ix_entities_name_lower" not in indexes and {"ix_entities_name_key", "ix_mentions_text_key"} <= indexes
    store.close()


# -- the raw JSON holds letters beyond ASCII as themselves: aliases, roles and clusters are searched -----

DETAINED = ("Turkish police detained Selahattin Demirtaş in Diyarbakır on Monday, his lawyers said. "
            "Demirtaş, a former leader of the opposition, was taken to a prison in Edirne.")
DELEGATION = "Abdullah Ocalan sent word on Tuesday. The négociateur en chef of the delegation said talks would go on."


def _delegation_store(url: str):
    """A store with a name an English report wrote without its accent and a form another wrote with it."""
    from newstrace.ids import article_id, entity_id
    from newstrace.records import Article, ArticleResult, Entity, Mention, Span

    aid = article_id(DELEGATION)
    at = DELEGATION.index("Abdullah Ocalan")
    ocalan = Entity(id=entity_id("PERSON", "Abdullah Ocalan"), type="PERSON", name="Abdullah Ocalan",
                    aliases=("Öcalan",), role="négociateur en chef of the delegation",
                    mentions=(Mention(aid, Span.of(DELEGATION, at, at + 15)),), rule="test")
    store = open_store(url)
    store.write_result(ArticleResult(
        article=Article(id=aid, text=DELEGATION, title="Talks go on", source="Test Wire", published="2024-05-07",
                        origin="test", meta={"desk": "Délégation"}),
        entities=[ocalan]))
    return store, ocalan.id


def _found_beyond_ascii(conn, ocalan: str) -> None:
    for q, expected in [("öcalan", [ocalan]), ("ÖCALAN", [ocalan]), ("ocalan", [ocalan]), ("Öcalann", [])]:
        assert [e["id"] for e in query.list_entities(conn, query.Filters(q=q), 10, 0).items] == expected, q
    # a role is compared without accents and in any case, whichever way it is written
    for role in ("négociateur en chef of the delegation", "THE NÉGOCIATEUR EN CHEF OF THE DELEGATION",
                 "negociateur en chef delegation"):
        assert query.resolve_entity(conn, role) == [ocalan], role


def test_aliases_roles_and_clusters_are_found_beyond_ascii(store_url, nlp, tmp_path):
    """On a real SQLite file and a real PostgreSQL database: an alias written "Öcalan" and a cluster whose
    recipient is "Selahattin Demirtaş" (ingested and linked) are found by a search in any case; before, the
    stored JSON escaped them as \\u00d6 and \\u015f and a search of its text found nothing."""
    from newstrace.ingest import ingest

    store, ocalan = _delegation_store(store_url)
    (tmp_path / "detained.txt").write_text(DETAINED + "\n", encoding="utf-8")
    try:
        summary = ingest([str(tmp_path / "detained.txt")], store, nlp=nlp, link=True)
        assert summary.new == 1 and not summary.failures
        with query.connect(store) as conn:
            _found_beyond_ascii(conn, ocalan)
            for q, total in [("DEMIRTAŞ", 1), ("selahattin demirtaş", 1), ("Demirtas", 0)]:
                assert query.list_clusters(conn, query.Filters(q=q), 10, 0).total == total, q
            assert query.list_events(conn, query.Filters(q="demirtaş"), 10, 0).total >= 1
    finally:
        store.close()


def test_a_store_written_with_escaped_json_is_rewritten_when_opened(store_url):
    """Migration 10 writes again, letters as themselves, the JSON a newstrace before it stored escaped."""
    from sqlalchemy import String, cast, create_engine, update

    from newstrace.store.connect import resolve_url
    from newstrace.store.migrations import migrate

    store, ocalan = _delegation_store(store_url)
    escaping = create_engine(resolve_url(store_url))  # SQLAlchemy's own JSON writer: json.dumps, escaped
    with escaping.begin() as conn:
        for table in (S.entities, S.articles):
            column = table.c.data if "data" in table.c else table.c.meta
            for key, value in conn.execute(select(table.c.id, column)).all():
                conn.execute(update(table).where(table.c.id == key).values({column: value}))
        raw = conn.execute(select(cast(S.entities.c.data, String))).scalar_one()
        assert "\\u00d6calan" in raw and "Öcalan" not in raw
        conn.execute(S.schema_migrations.delete().where(S.schema_migrations.c.version == 10))
    escaping.dispose()
    assert migrate(store.engine) == [10]
    with query.connect(store) as conn:
        raw = conn.execute(select(cast(S.entities.c.data, String))).scalar_one()
        assert "Öcalan" in raw and "\\u00d6" not in raw
        assert "Délégation" in conn.execute(select(cast(S.articles.c.meta, String))).scalar_one()
        _found_beyond_ascii(conn, ocalan)
    store.close()


# -- date bounds are compared as dates, whatever the database's collation ------------------------------

DATED = {"year": "2025", "february": "2025-02", "feb-20": "2025-02-20", "march-1": "2025-03-01",
         "january": "2025-01", "last-year": "2024", "undated": None}


@pytest.fixture(params=["sqlite", "postgres-c", "postgres-icu"])
def dated_store(request, tmp_path):
    """A store on a SQLite file, a PostgreSQL database in the C collation (the fixture server's), and one
    in an ICU collation that ignores punctuation at first (as glibc's en_US.UTF-8 and most servers' default
    locales do), so that "2025-02~" sorts before "2025-02-10"."""
    if request.param == "sqlite":
        yield str(tmp_path / "dated.db")
        return
    import uuid

    import psycopg

    server = request.getfixturevalue("pg_url")
    name = "t_" + uuid.uuid4().hex[:12]
    options = " TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US-u-ka-shifted'" if request.param == "postgres-icu" else ""
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"{options}')
    try:
        yield server.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_date_bounds_keep_the_records_whose_dates_overlap_the_period(dated_store):
    from newstrace.records import Article, ArticleResult

    store = open_store(dated_store)
    text = "A report of events written for this test."
    store.write_result(ArticleResult(article=Article(id="a1", text=text, title="t", origin="test")))
    with store.engine.begin() as conn:
        conn.execute(S.events.insert(), [
            {"id": name, "article_id": "a1", "type": "MEET", "factuality": "asserted", "date": date, "data": {"id": name}}
            for name, date in DATED.items()])
    try:
        with query.connect(store) as conn:
            def ids(since=None, until=None):
                page = query.list_events(conn, query.Filters(since=since, until=until), 100, 0)
                return sorted(item["id"] for item in page.items)

            assert ids("2025-02-10", "2025-02-25") == ["feb-20", "february", "year"]
            assert ids("2025-02-21") == ["february", "march-1", "year"]          # February's days run past the 21st
            assert ids(until="2025-01-31") == ["january", "last-year", "year"]
            assert ids("2025-03", "2025-03") == ["march-1", "year"]
            assert ids("2024-12-31", "2024-12-31") == ["last-year"]
            assert ids("2025") == ["feb-20", "february", "january", "march-1", "year"]
            # bounds the calendar does not have, which the API's pattern lets through: the nearest real day
            assert ids("2025-02-30") == ["march-1", "year"] and ids("0000", "2024-12-31") == ["last-year"]
            assert ids(until="0000") == []
            with pytest.raises(DateError, match="since"):
                ids("last week")
    finally:
        store.close()

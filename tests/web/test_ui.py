"""The web UI in a real headless Chromium (Debian's, driven by Playwright) on a real uvicorn server.

Each page is opened on the examples store; the tests click from an article to an entity to its timeline,
check that highlights sit on the right characters, that ingested markup never runs, and that nothing is
fetched from anywhere but the server. Screenshots go to test-artifacts/.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import urlparse

import httpx
import pytest

from tests.conftest import ROOT, require
from tests.web.live import serving
from tests.web.test_api import TOKEN, build_examples_store

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
XSS = '<script>alert(1)</script><img src=x onerror="window.__pwned=1;alert(2)">'


@pytest.fixture(scope="module")
def server(tmp_path_factory, nlp):
    from newstrace.web import create_app

    source = build_examples_store(tmp_path_factory.mktemp("web"), nlp)
    # a copy of its own, since this module ingests over HTTP
    db = tmp_path_factory.mktemp("ui") / "ui.db"
    with sqlite3.connect(source) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    with serving(create_app(str(db), token=TOKEN)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    require(CHROMIUM.exists(), "Chromium at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A fresh page that records every request and every console error and dialog."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.requests = []
    pg.dialogs = []
    pg.errors = []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    hosts = {urlparse(u).netloc for u in pg.requests if not u.startswith(("data:", "about:"))}
    assert hosts <= {urlparse(server).netloc}, f"the UI fetched from elsewhere: {hosts}"
    assert not pg.errors, pg.errors
    context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"ui-{name}.png"), full_page=True)


def api(server: str, path: str, **params):
    return httpx.get(server + path, params=params, timeout=30).json()


def richest_article(server: str) -> dict:
    articles = api(server, "/api/articles", limit=500)["items"]
    best = max(articles, key=lambda a: (a["n_events"] + a["n_quotes"], a["id"]))
    return api(server, f"/api/articles/{best['id']}")


def test_home_page_shows_counts_recent_articles_and_top_entities(page, server):
    page.goto(server + "/")
    counts = api(server, "/api/counts")
    assert page.locator(".counts li").first.inner_text().replace(",", "").startswith(str(counts["articles"]))
    assert page.locator("ul.articles li").count() >= 3
    assert page.locator("ul.entities li a").count() >= 5
    shot(page, "home")
    page.fill(".big-search input[name=q]", "Hamas")
    page.press(".big-search input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Hamas")
    assert page.locator("text=Hamas").count() > 0
    shot(page, "search")


def test_article_highlights_sit_on_their_spans(page, server):
    article = richest_article(server)
    page.goto(f"{server}/articles/{article['id']}")
    assert page.locator("#article-text").inner_text().strip() == article["text"].strip()

    def marked_text(record_id: str, kind: str) -> str:
        return "".join(page.locator(f'#article-text mark[data-kind="{kind}"][data-id="{record_id}"]').all_text_contents())

    assert article["events"] and article["quotes"] and article["entities"]
    for event in article["events"]:
        assert marked_text(event["id"], "event") == event["trigger"]["text"]
    for quote in article["quotes"]:
        assert marked_text(quote["id"], "quote") == quote["content"]["text"]
    for figure in article["figures"]:
        assert marked_text(figure["id"], "figure") == figure["span"]["text"]
    for entity in article["entities"][:8]:
        expected = "".join(m["span"]["text"] for m in entity["mentions"])
        assert marked_text(entity["id"], "entity") == expected
    # hover shows the record: its summary is the mark's title
    event = article["events"][0]
    first = page.locator(f'mark[data-kind="event"][data-id="{event["id"]}"]').first
    assert first.get_attribute("title").startswith(f"Event · {event['type']}")
    shot(page, "article")
    # the legend switches a kind of highlight off and on
    entity_mark = page.locator('#article-text mark[data-kind="entity"]').first
    shown = entity_mark.evaluate("m => getComputedStyle(m).backgroundColor")
    page.locator('input[data-toggle="entity"]').uncheck()
    assert entity_mark.evaluate("m => getComputedStyle(m).backgroundColor") == "rgba(0, 0, 0, 0)" != shown
    page.locator('input[data-toggle="entity"]').check()
    assert entity_mark.evaluate("m => getComputedStyle(m).backgroundColor") == shown


def test_click_from_article_to_entity_to_timeline(page, server):
    # an entity that takes part in events (actor, recipient, location or reporter), so its timeline has
    # something to show, and an article that mentions it
    candidates = api(server, "/api/entities", limit=40)["items"]
    entity = max(candidates, key=lambda e: (api(server, "/api/events", entity=e["id"], limit=1)["total"], e["id"]))
    detail = api(server, f"/api/entities/{entity['id']}")
    article = api(server, f"/api/articles/{detail['articles'][0]['id']}")
    entity = next(e for e in article["entities"] if e["canonical_id"] == entity["canonical_id"])
    page.goto(f"{server}/articles/{article['id']}")
    page.locator(f'#article-text mark[data-kind="entity"][data-id="{entity["id"]}"]').first.click()
    panel = page.locator("#panel")
    assert panel.is_visible()
    assert panel.locator(".panel-title").inner_text() == entity["name"]
    shot(page, "article-panel")
    panel.locator(".panel-link").click()
    page.wait_for_url(f"**/entities/{entity['canonical_id']}")
    assert page.locator("h1").inner_text() == api(server, f"/api/entities/{entity['canonical_id']}")["name"]
    assert page.locator(f'a[href="/articles/{article["id"]}#r-{entity["canonical_id"]}"]').count() == 1
    shot(page, "entity")
    page.click("#entity-timeline")
    page.wait_for_url("**/timeline?entity=*")
    expected = api(server, "/api/events", entity=entity["canonical_id"], limit=100)
    assert page.locator("li.event-row").count() == len(expected["items"]) > 0
    shot(page, "timeline-entity")


def test_timeline_filters_by_type_and_date(page, server):
    page.goto(server + "/timeline")
    total = api(server, "/api/events", limit=1)["total"]
    assert page.locator("li.event-row").count() == min(total, 100)
    shot(page, "timeline")
    page.select_option("#timeline-filters select[name=type]", "RETREAT")
    page.fill("#timeline-filters input[name=since]", "2025-02-01")
    page.click("#timeline-filters button[type=submit]")
    page.wait_for_url("**type=RETREAT**")
    badges = page.locator("li.event-row .badge").all_inner_texts()
    expected = api(server, "/api/events", type="RETREAT", since="2025-02-01", limit=100)
    assert len(badges) == len(expected["items"]) > 0
    assert set(badges) == {"RETREAT"}
    dates = page.locator(".tl-date").all_inner_texts()
    # a date overlaps the period: a day from 2025-02-01 on, or a month or year that holds one
    assert all(d + "~" >= "2025-02-01" for d in dates if d[:1].isdigit())


def test_series_chart_marks_conflicting_figures(page, server):
    page.goto(server + "/series/se_test_gaza_killed")
    assert page.locator("svg.chart circle.point").count() == 2
    assert page.locator("svg.chart circle.conflict-ring").count() >= 2  # both points, and the legend
    assert page.locator("svg.chart text.legend", has_text="Harbor Daily").count() == 0  # claimants, not outlets
    assert page.locator("svg.chart text.legend", has_text="health ministry").count() == 1
    shot(page, "series")
    page.goto(server + "/figures")
    assert page.locator('a[href="/series/se_test_gaza_killed"]').count() == 1
    shot(page, "figures")


def test_conflicts_page_shows_both_sides_with_sentences_and_sources(page, server):
    page.goto(server + "/conflicts")
    card = page.locator("section.conflict").first
    sides = card.locator(".side-box")
    assert sides.count() == 2
    assert "48,200" in sides.nth(0).locator("blockquote").inner_text()
    assert "47,100" in sides.nth(1).locator("blockquote").inner_text()
    assert "Harbor Daily" in sides.nth(0).inner_text() and "Coastline Wire" in sides.nth(1).inner_text()
    shot(page, "conflicts")


def test_every_page_opens(page, server):
    article = richest_article(server)
    event = article["events"][0]
    quote = article["quotes"][0]
    for path in ("/articles", "/entities", "/quotes", f"/events/{event['id']}", f"/quotes/{quote['id']}",
                 "/entities?type=PERSON", "/api/docs", "/articles/a_0000000000000000"):
        response = page.goto(server + path)
        assert response.status == (404 if path.endswith("0000") else 200), path
        assert page.locator("header.top .brand").is_visible()
    shot(page, "not-found")


def test_ingested_markup_is_shown_never_run(page, server):
    text = (f"Officials in Rafah said on Monday that {XSS} was written on a wall, and Hamas denied it. "
            f"A second line held <b onmouseover=\"window.__pwned=3\">bold</b> and \"quotes\" & ampersands.")
    response = httpx.post(server + "/api/articles", timeout=120, headers={"Authorization": f"Bearer {TOKEN}"},
                          json={"text": text, "title": f"Title {XSS}", "source": f"Outlet {XSS}",
                                "url": "javascript:window.__pwned=4", "published": "2025-03-01"})
    assert response.status_code == 201, response.text
    article_id = response.json()["articles"][0]["id"]
    for path in (f"/articles/{article_id}", "/", "/articles", "/search?q=Rafah", "/quotes", "/timeline",
                 f"/search?q={XSS}"):
        page.goto(server + path)
        page.wait_for_load_state("load")
        page.mouse.move(10, 10)
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.locator("script:not([src]):not([type='application/json'])").count() == 0, path
        assert page.locator("main img").count() == 0, path
    page.goto(f"{server}/articles/{article_id}")
    assert XSS in page.locator("h1").inner_text()
    assert XSS in page.locator("#article-text").inner_text()
    page.locator("text=bold").first.hover()
    for mark in page.locator("#article-text mark").all()[:5]:
        mark.click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator('a[href^="javascript:"]').count() == 0
    assert not page.dialogs
    shot(page, "xss")


def test_map_draws_placed_events_over_the_bundled_outline(page, server):
    from newstrace.query import places_of

    events = api(server, "/api/events", limit=500)["items"]
    expected = places_of(events)
    assert expected, "the examples place some events"
    page.goto(server + "/map")
    assert page.locator("svg.event-map svg.world path").count() > 150  # the countries, served inline
    dots = page.locator("svg.event-map circle.place")
    assert dots.count() == len(expected)
    names = {dots.nth(i).get_attribute("data-place") for i in range(dots.count())}
    assert "Khan Yunis" in names
    khan = page.locator('svg.event-map circle.place[data-place="Khan Yunis"]')
    # equirectangular: x = longitude, y = -latitude
    assert 34.0 < float(khan.get_attribute("cx")) < 34.6 and -31.6 < float(khan.get_attribute("cy")) < -31.0
    assert page.locator("li.place-row").count() == len(expected)
    shot(page, "map")
    page.select_option("#map-filters select[name=type]", "RETREAT")
    page.click("#map-filters button[type=submit]")
    page.wait_for_url("**type=RETREAT**")
    badges = set(page.locator("li.place-row .badge").all_inner_texts())
    assert badges == {"RETREAT"}


def test_timeline_heads_groups_by_date_precision(page, server):
    page.goto(server + "/timeline")
    heads = page.locator(".tl-date").all_inner_texts()
    assert heads and not any("date unknown" in h for h in heads)
    # an event the text does not date sits under its report's date, saying so
    assert any(h.startswith("on or before 20") and "reported" in h for h in heads)
    assert any(h[:10].count("-") == 2 and h[:4].isdigit() for h in heads)  # and days head their own groups

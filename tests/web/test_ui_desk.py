"""The researcher's pages in a real headless Chromium: exchanges, clusters, failures, the charts, and
every page usable on a phone held upright (390 px)."""
from __future__ import annotations

import httpx
import pytest

from newstrace.web.views import date_text, series_name
from tests.link.test_exchanges import LATER, SWAP
from tests.readers.test_language import KOREAN
from tests.web.live import serving
from tests.web.test_ui import browser, page, shot  # noqa: F401 - the browser fixtures of the UI tests

pytestmark = pytest.mark.browser

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Desk Wire</title>
<item><title>Teaser</title><link>https://example.org/1</link><description>Read more soon.</description></item>
<item><title>Talks</title><link>https://example.org/2</link><description><![CDATA[<p>Officials in Goma said on
Monday that two aid workers held for forty days had been released, and that talks with the armed group on the
release of a third would go on this week. The governor thanked the mediators from the church council for
their patience.</p>]]></description></item></channel></rss>"""


@pytest.fixture(scope="module")
def server(tmp_path_factory, nlp):

    from newstrace.ingest import ingest
    from newstrace.store import open_store
    from newstrace.web import create_app

    folder = tmp_path_factory.mktemp("desk-ui")
    inputs = folder / "in"
    inputs.mkdir()
    (inputs / "swap.txt").write_text(SWAP, encoding="utf-8")
    (inputs / "later.txt").write_text(LATER, encoding="utf-8")
    (inputs / "wire.xml").write_text(FEED, encoding="utf-8")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "ko.txt").write_text(KOREAN, encoding="utf-8")
    db = folder / "desk.db"
    with open_store(db) as store:
        summary = ingest([str(inputs)], store, nlp=nlp)
        assert summary.new == 4 and len(summary.failures) == 1 and len(summary.dropped) == 1
    with serving(create_app(str(db))) as url:
        yield url


def test_an_exchange_page_shows_both_sides_counts_mediators_and_reports(page, server):
    page.goto(server + "/exchanges")
    card = page.locator(".exchange-card")
    assert card.count() == 1
    assert "Azerbaijan freed 4 ↔ Armenia freed 15" in card.inner_text()
    card.locator("h2 a").click()
    page.wait_for_url("**/exchanges/ex_*")
    sides = page.locator("section.side")
    assert sides.count() == 2
    assert "Azerbaijan" in sides.nth(0).inner_text() and "4" in sides.nth(0).locator(".count").inner_text()
    assert "Armen Sargsyan" in sides.nth(0).inner_text()
    assert "Armenia" in sides.nth(1).inner_text() and "15" in sides.nth(1).locator(".count").inner_text()
    assert "France" in page.locator("text=Mediators").locator("..").inner_text()
    assert "Articles 2" in page.locator("h2", has_text="Articles").inner_text()
    shot(page, "exchange")


def test_the_timeline_charts_events_by_type_and_links_an_exchange(page, server):
    page.goto(server + "/timeline")
    bars = page.locator("svg.chart.stacked rect.seg")
    assert bars.count() >= 2
    assert {bars.nth(i).get_attribute("data-type") for i in range(bars.count())} >= {"RETREAT"}
    link = page.locator("a.exchange-link").first
    assert link.is_visible()
    link.click()
    page.wait_for_url("**/exchanges/ex_*")
    assert page.locator("section.side").count() == 2


def test_an_entity_page_charts_its_counterparts_and_lists_its_exchanges(page, server):
    entities = httpx.get(server + "/api/entities", params={"q": "Armenia", "limit": 5}).json()["items"]
    armenia = next(e for e in entities if e["name"] == "Armenia")
    page.goto(server + f"/entities/{armenia['id']}")
    segments = page.locator("svg.chart.counterparts rect.seg")
    assert segments.count() >= 1
    assert "Azerbaijan" in page.locator("svg.chart.counterparts").inner_html()
    exchanges = page.locator("h2", has_text="Exchanges").locator("..")
    assert "Azerbaijan freed 4" in exchanges.inner_text()
    shot(page, "entity-counterparts")


def test_home_links_to_a_clusters_page(page, server):
    page.goto(server + "/")
    page.locator(".counts a[href='/clusters']").click()
    page.wait_for_url("**/clusters")
    rows = page.locator("table.clusters-table tbody tr")
    assert rows.count() >= 3
    assert rows.first.locator("a").get_attribute("href").startswith("/clusters/cl_")


def test_failed_and_dropped_inputs_are_listed(page, server):
    page.goto(server + "/")
    page.locator(".counts a[href='/failures']").click()
    page.wait_for_url("**/failures")
    table = page.locator("table.failures-table").inner_text()
    assert "empty.txt" in table and "wire.xml#entry-1" in table and "too short" in table
    assert page.locator("tr.k-failed").count() == 1 and page.locator("tr.k-dropped").count() == 1


@pytest.mark.parametrize("path", ["/", "/timeline", "/exchanges", "/clusters", "/failures", "/figures",
                                  "/articles", "/entities"])
def test_every_page_fits_a_phone_held_upright(browser, server, path):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    pg = context.new_page()
    try:
        pg.goto(server + path)
        assert pg.evaluate("document.documentElement.scrollWidth") <= 390, path
        search = pg.locator("header.top .search input").bounding_box()
        assert search["x"] >= 0 and search["x"] + search["width"] <= 390, path
        if path == "/exchanges":
            shot(pg, "390-exchanges")
    finally:
        context.close()


@pytest.mark.parametrize(("value", "text"), [
    ({"value": "P40Y", "granularity": "year", "text": "40 years", "type": "duration"}, "“40 years” (a span of time)"),
    ({"value": "P1Y6M", "granularity": "month", "text": ""}, "a span of 1 year 6 months"),
    ({"value": "2025-02-15", "granularity": "day", "text": "Saturday"}, "2025-02-15"),
])
def test_as_of_reads_as_words_not_an_iso_code(value, text):
    assert date_text(value) == text


@pytest.mark.parametrize(("series", "name"), [
    ({"measure": "released", "counted": "Palestinian detainees"}, "Palestinian detainees released"),
    ({"measure": "killed", "counted": "", "location": {"name": "Gaza"}}, "killed (what is counted is not stated) in Gaza"),
    ({"measure": "killed", "counted": "people killed"}, "people killed"),
])
def test_a_series_is_named_by_measure_and_subject(series, name):
    assert series_name(series) == name


def test_an_article_in_another_language_says_so_and_has_no_records(page, server):
    articles = httpx.get(server + "/api/articles", params={"limit": 50}).json()["items"]
    korean = next(a for a in articles if a.get("language") == "ko")
    page.goto(server + f"/articles/{korean['id']}")
    assert "written in Korean" in page.locator("p.notice").inner_text()
    assert page.locator("#article-text mark").count() == 0

"""Cross-article linking: canonical entities, event clusters, figure series and conflicts.

Stores are real SQLite files; reports are written for these tests. Most tests run the real pipeline;
the rule tests build records directly so that they pin linking alone, whatever the extractors do.
"""
from __future__ import annotations

import json
from itertools import permutations

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from newstrace.ids import article_id, entity_id, record_id
from newstrace.link import link_pending, link_rebuild
from newstrace.link.figures import content_words
from newstrace.link.timeframes import compatible
from newstrace.records import Article, ArticleResult, DateValue, Entity, EntityRef, Event, Figure, Mention, Span
from newstrace.store import open_store, schema
from newstrace.timeframe import interval_of, point_of
from tests.conftest import SHARED

SEEDS = SHARED / "seeds"

# Two reports of one release, weeks apart, in different words, with death tolls that disagree.
RELEASE_REPORT = (
    "Hezbollah released Canadian engineer Marcus (Marc) Whitfield in Beirut on Sunday, ending eight months "
    "in captivity.\n\n"
    "Whitfield was handed to Lebanese officials, Foreign Minister Melanie Joly said in Ottawa. "
    "His mother, Helen Whitfield, thanked Lebanon for its help.\n\n"
    "The fighting in southern Lebanon has killed more than 4,000 people, the Lebanese health ministry said."
)
MEETING_REPORT = (
    "Marc Whitfield, who was freed by Hezbollah last March, met Prime Minister Justin Trudeau "
    "in Ottawa on Monday.\n\n"
    "Whitfield told reporters that he was grateful to Lebanon. Trudeau promised to keep working for "
    "other Canadians held abroad.\n\n"
    "The fighting in southern Lebanon has killed over 3,100 people, according to the Lebanese health ministry."
)
TESTIMONY_REPORT = (
    "Canadian engineer Marc Whitfield said on Tuesday that he will testify before a parliamentary committee "
    "in Ottawa about his captivity in Lebanon.\n\n"
    "Prime Minister Justin Trudeau praised Whitfield's courage."
)


def _store_articles(store, extract, reports):
    for text, published in reports:
        result = extract(text, published=published)
        article = result.article
        result.article = Article(id=article.id, text=article.text, published=published, source="Test Wire")
        store.write_result(result)


def _canonical_of(store, name: str, article: str) -> str:
    e, m = schema.entities, schema.mentions
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(e.c.canonical_id).join(m, m.c.entity_id == e.c.id)
            .where(e.c.name == name, m.c.article_id == article).distinct()
        ).scalars().all()
    assert len(rows) == 1, f"{name!r} in {article}: {rows}"
    return rows[0]


def _snapshot(store) -> dict:
    """Return every link decision of the store: canonical ids, clusters, series, conflicts."""
    e, v, f, c = schema.entities, schema.events, schema.figures, schema.conflicts
    with store.engine.connect() as conn:
        return {
            "entities": dict(conn.execute(select(e.c.id, e.c.canonical_id)).all()),
            "events": dict(conn.execute(select(v.c.id, v.c.cluster_id)).all()),
            "figures": dict(conn.execute(select(f.c.id, f.c.series_id)).all()),
            "conflicts": sorted(json.dumps(d, sort_keys=True) for d in conn.execute(select(c.c.data)).scalars()),
        }


@pytest.fixture()
def two_reports(store_url, extract):
    store = open_store(store_url)
    _store_articles(store, extract, [(RELEASE_REPORT, "2024-03-11"), (MEETING_REPORT, "2024-05-21")])
    summary = link_pending(store)
    assert summary.articles == 2
    yield store
    store.close()


def test_two_reports_of_one_release_give_one_entity_one_cluster_one_series(two_reports):
    store = two_reports
    first, second = article_id(RELEASE_REPORT), article_id(MEETING_REPORT)
    # "Marcus (Marc) Whitfield" and "Marc Whitfield" are one captive: the nickname was given in parentheses.
    captive = _canonical_of(store, "Marcus Whitfield", first)
    assert _canonical_of(store, "Marc Whitfield", second) == captive
    assert _canonical_of(store, "Hezbollah", first) == _canonical_of(store, "Hezbollah", second)

    e, c = schema.events, schema.clusters
    with store.engine.connect() as conn:
        releases = conn.execute(
            select(e.c.article_id, e.c.cluster_id).where(e.c.type == "RETREAT", e.c.mode == "release")
        ).all()
        assert {r.article_id for r in releases} == {first, second}
        assert len({r.cluster_id for r in releases}) == 1
        cluster = conn.execute(select(c.c.data).where(c.c.id == releases[0].cluster_id)).scalar_one()
    assert cluster["type"] == "RETREAT"
    # The most precise date of the reports: "on Sunday" (2024-03-10) rather than "last March".
    assert cluster["date"]["value"].startswith("2024-03")
    assert captive in {r["id"] for r in cluster["recipients"]}

    f, k = schema.figures, schema.conflicts
    with store.engine.connect() as conn:
        killed = conn.execute(select(f.c.id, f.c.value, f.c.series_id).where(f.c.measure == "killed")).all()
        conflicts = [d for d in conn.execute(select(k.c.data)).scalars()]
    assert sorted(r.value for r in killed) == [3100, 4000]
    assert len({r.series_id for r in killed}) == 1
    assert len(conflicts) == 1
    conflict = conflicts[0]
    assert conflict["relation"] == "contradicts"
    assert set(conflict["figures"]) == {r.id for r in killed}
    assert "4,000" in conflict["explanation"] and "3,100" in conflict["explanation"]
    assert "2024-03-11" in conflict["explanation"] and "2024-05-21" in conflict["explanation"]


def test_relatives_sharing_a_surname_stay_apart(two_reports):
    first = article_id(RELEASE_REPORT)
    mother = _canonical_of(two_reports, "Helen Whitfield", first)
    captive = _canonical_of(two_reports, "Marcus Whitfield", first)
    assert mother != captive
    # The bare "Whitfield" of the first report could be either of them: it joins neither.
    assert _canonical_of(two_reports, "Whitfield", first) not in (mother, captive)


def test_linking_a_third_article_keeps_every_earlier_decision(two_reports, extract):
    store = two_reports
    before = _snapshot(store)
    _store_articles(store, extract, [(TESTIMONY_REPORT, "2024-06-04")])
    summary = link_pending(store)
    assert summary.articles == 1
    after = _snapshot(store)
    for kind in ("entities", "events", "figures"):
        for key, value in before[kind].items():
            assert after[kind][key] == value, f"{kind} {key} changed"
    assert set(before["conflicts"]) <= set(after["conflicts"])
    third = article_id(TESTIMONY_REPORT)
    assert _canonical_of(store, "Marc Whitfield", third) == _canonical_of(store, "Marcus Whitfield", article_id(RELEASE_REPORT))
    assert link_pending(store).articles == 0  # nothing left to link


def test_rebuild_gives_the_same_links(two_reports, extract):
    store = two_reports
    _store_articles(store, extract, [(TESTIMONY_REPORT, "2024-06-04")])
    link_pending(store)
    incremental = _snapshot(store)
    summary = link_rebuild(store)
    assert summary.rebuilt and summary.articles == 3
    assert _snapshot(store) == incremental


# -- rules, on records built directly -------------------------------------------------------------

class Report:
    """One article's records written by hand: names must occur in ``text``."""

    def __init__(self, text: str, published: str, source: str = "Test Wire") -> None:
        self.article = Article(id=article_id(text), text=text, published=published, source=source)
        self.entities: dict[str, Entity] = {}
        self.events: list[Event] = []
        self.figures: list[Figure] = []

    def span(self, words: str) -> Span:
        start = self.article.text.index(words)
        return Span.of(self.article.text, start, start + len(words))

    def entity(self, type_: str, name: str) -> EntityRef:
        text = self.article.text
        spans, at = [], text.find(name)
        while at >= 0:
            spans.append(Mention(self.article.id, Span.of(text, at, at + len(name))))
            at = text.find(name, at + len(name))
        assert spans, name
        entity = Entity(id=entity_id(type_, name), type=type_, name=name, mentions=tuple(spans))
        self.entities[name] = entity
        return entity.ref()

    def event(self, trigger: str, type_: str, *, mode=None, actors=(), recipients=(), date=None,
              granularity="day", factuality="asserted", sizes=None) -> None:
        span = self.span(trigger)
        self.events.append(Event(
            id=record_id("event", self.article.id, span.start, span.end, type_), article=self.article.id,
            type=type_, mode=mode, context=None, cameo=None, actors=tuple(actors),
            recipients=tuple(recipients), location=None,
            date=DateValue(date, granularity, date) if date else None, factuality=factuality,
            reported_by=None, trigger=span, sentence=Span.of(self.article.text, 0, len(self.article.text)),
            sizes=dict(sizes or {}),
        ))

    def figure(self, words: str, value: float, measure: str, *, qualifier="exact", counted="",
               location=None) -> str:
        span = self.span(words)
        figure_id = record_id("figure", self.article.id, span.start, span.end)
        self.figures.append(Figure(
            id=figure_id, article=self.article.id,
            value=value, low=None, high=None, qualifier=qualifier, measure=measure, counted=counted,
            span=span, sentence=Span.of(self.article.text, 0, len(self.article.text)), location=location,
        ))
        return figure_id

    def result(self) -> ArticleResult:
        return ArticleResult(self.article, list(self.entities.values()), self.events, self.figures)


def _linked_store(tmp_path, reports):
    tmp_path.mkdir(parents=True, exist_ok=True)
    store = open_store(tmp_path / "rules.db")
    for report in reports:
        store.write_result(report.result())
    link_pending(store)
    return store


def _clusters_in_every_order(tmp_path, reports):
    """Link the reports that ``reports()`` builds in every order, each order into a store of its own; yield
    the order and the cluster of each report (in the order built)."""
    for order in permutations(range(len(reports()))):
        built = reports()
        store = _linked_store(tmp_path / "".join(map(str, order)), [built[i] for i in order])
        try:
            yield order, tuple(_cluster_of(store, r) for r in built)
        finally:
            store.close()


def _canonical(store, name: str, type_: str = "PERSON") -> str:
    e = schema.entities
    with store.engine.connect() as conn:
        return conn.execute(select(e.c.canonical_id).where(e.c.id == entity_id(type_, name))).scalar_one()


def test_surname_namesakes_stay_apart_and_an_ambiguous_surname_joins_none(tmp_path):
    one = Report("Tom Smith of the Ohio Water Board warned Congress about Ohio floods.", "2020-01-02")
    one.entity("PERSON", "Tom Smith"), one.entity("ORG", "Ohio Water Board"), one.entity("ORG", "Congress")
    two = Report("Anna Smith, a singer from Oslo, toured Norway with Bergen Choir.", "2020-01-03")
    two.entity("PERSON", "Anna Smith"), two.entity("GPE", "Oslo"), two.entity("GPE", "Norway")
    three = Report("Smith spoke to Congress about Ohio water.", "2020-01-04")
    three.entity("PERSON", "Smith"), three.entity("ORG", "Congress"), three.entity("GPE", "Ohio")
    store = _linked_store(tmp_path, [one, two, three])
    tom, anna, smith = _canonical(store, "Tom Smith"), _canonical(store, "Anna Smith"), _canonical(store, "Smith")
    assert len({tom, anna, smith}) == 3
    store.close()


def test_initial_and_surname_join_the_one_compatible_full_name(tmp_path):
    one = Report("Yelena Petrova met Igor Petrov and Oleg Marchenko in Kyiv at the Red Cross office.",
                 "2021-05-01")
    for name in ("Yelena Petrova", "Igor Petrov", "Oleg Marchenko"):
        one.entity("PERSON", name)
    one.entity("GPE", "Kyiv"), one.entity("ORG", "Red Cross")
    two = Report("I. Petrov thanked the Red Cross and Oleg Marchenko in Kyiv. Later Petrov left.", "2021-05-03")
    two.entity("PERSON", "I. Petrov"), two.entity("PERSON", "Petrov"), two.entity("PERSON", "Oleg Marchenko")
    two.entity("ORG", "Red Cross"), two.entity("GPE", "Kyiv")
    store = _linked_store(tmp_path, [one, two])
    igor = _canonical(store, "Igor Petrov")
    assert _canonical(store, "I. Petrov") == igor
    # A bare surname with one compatible full name and shared context (Red Cross, Oleg Marchenko) joins it;
    # "Petrova" is another surname.
    assert _canonical(store, "Petrov") == igor
    assert _canonical(store, "Yelena Petrova") != igor
    store.close()


def test_same_name_typed_differently_is_one_organisation(tmp_path):
    one = Report("Hamas said the talks went on.", "2022-01-01")
    one.entity("ORG", "Hamas")
    two = Report("Hamas rejected the offer.", "2022-01-02")
    two.entity("GPE", "Hamas")
    store = _linked_store(tmp_path, [one, two])
    assert _canonical(store, "Hamas", "GPE") == _canonical(store, "Hamas", "ORG")
    store.close()


def _cluster_of(store, article: Report) -> str:
    e = schema.events
    with store.engine.connect() as conn:
        return conn.execute(select(e.c.cluster_id).where(e.c.article_id == article.article.id)).scalar_one()


def test_events_cluster_only_when_type_mode_factuality_and_dates_agree(tmp_path):
    reports = []
    for text, published, kwargs in [
        ("Rebels freed Omar Haddad on Friday.", "2019-06-08", {"date": "2019-06-07"}),
        ("Omar Haddad, freed by rebels in June, spoke.", "2019-07-01", {"date": "2019-06", "granularity": "month"}),
        ("Rebels pledged they freed Omar Haddad soon.", "2019-06-08", {"date": "2019-06-07", "factuality": "future"}),
        ("Rebels freed Omar Haddad in a new release.", "2019-09-20", {"date": "2019-09-19"}),
        ("Rebels withdrew from Omar Haddad's town.", "2019-06-08", {"date": "2019-06-07", "mode": "withdraw"}),
    ]:
        report = Report(text, published)
        rebels = report.entity("ORG", "Rebels") if "Rebels" in text else report.entity("ORG", "rebels")
        captive = report.entity("PERSON", "Omar Haddad")
        trigger = "withdrew" if "withdrew" in text else "freed"
        report.event(trigger, "RETREAT", mode=kwargs.pop("mode", "release"), actors=[rebels],
                     recipients=[captive], **kwargs)
        reports.append(report)
    store = _linked_store(tmp_path, reports)
    day, month, pledge, later, withdrawal = (_cluster_of(store, r) for r in reports)
    assert day == month  # a month-granular back reference matches the day it contains
    assert len({day, pledge, later, withdrawal}) == 4
    store.close()


def test_only_a_country_in_common_needs_the_same_day(tmp_path):
    one = Report("Israel struck Gaza targets in November.", "2023-11-30")
    one.event("struck", "ASSAULT", actors=[one.entity("GPE", "Israel")], date="2023-11", granularity="month")
    two = Report("Israel struck a camp on Friday.", "2023-11-18")
    two.event("struck", "ASSAULT", actors=[two.entity("GPE", "Israel")], date="2023-11-17")
    three = Report("Israel struck the camp on Friday night.", "2023-11-19")
    three.event("struck", "ASSAULT", actors=[three.entity("GPE", "Israel")], date="2023-11-17")
    four = Report("Israel struck the camp again on Saturday.", "2023-11-19")
    four.event("struck", "ASSAULT", actors=[four.entity("GPE", "Israel")], date="2023-11-18")
    store = _linked_store(tmp_path, [one, two, three, four])
    assert _cluster_of(store, two) == _cluster_of(store, three)
    assert len({_cluster_of(store, r) for r in (one, two, four)}) == 3
    store.close()


def test_a_report_without_a_mode_joins_one_with_a_mode_only_on_the_same_day(tmp_path):
    reports = []
    for text, published, date, mode in [
        ("Rebels attacked Omar Haddad's convoy near Dara on Tuesday.", "2019-06-05", "2019-06-04", None),
        ("Rebels shelled Omar Haddad's convoy near Dara.", "2019-06-11", None, "heavy-weapons"),  # the week before
        ("Rebels shelled Omar Haddad's convoy near Dara on Tuesday.", "2019-06-05", "2019-06-04", "heavy-weapons"),
    ]:
        report = Report(text, published)
        kwargs = {"date": date} if date else {}
        report.event("attacked" if "attacked" in text else "shelled", "ASSAULT", mode=mode,
                     actors=[report.entity("ORG", "Rebels")],
                     recipients=[report.entity("PERSON", "Omar Haddad"), report.entity("GPE", "Dara")], **kwargs)
        reports.append(report)
    attack, later, same_day = reports
    store = _linked_store(tmp_path / "a", [attack, same_day])
    # one day, the same parties: one act, one report more specific than the other
    assert _cluster_of(store, attack) == _cluster_of(store, same_day)
    store.close()
    store = _linked_store(tmp_path / "b", [attack, later])
    # undated, with a mode: some shelling in the week after is not shown to be the attack of Tuesday
    assert _cluster_of(store, attack) != _cluster_of(store, later)
    store.close()


def test_a_call_a_visit_and_talks_on_one_day_are_three_events(tmp_path):
    reports = []
    for text, trigger, mode in [("Omar Haddad held talks with Lena Berg on Tuesday.", "talks", None),
                                ("Omar Haddad called Lena Berg on Tuesday.", "called", "phone"),
                                ("Omar Haddad visited Lena Berg on Tuesday.", "visited", "visit")]:
        report = Report(text, "2019-06-05")
        report.event(trigger, "CONSULT", mode=mode, actors=[report.entity("PERSON", "Omar Haddad")],
                     recipients=[report.entity("PERSON", "Lena Berg")], date="2019-06-04")
        reports.append(report)
    store = _linked_store(tmp_path, reports)
    assert len({_cluster_of(store, r) for r in reports}) == 3
    store.close()


def test_two_undated_reports_do_not_make_a_cluster(tmp_path):
    reports = []
    for text, published in [("Rebels shelled Dara and Omar Haddad's forces.", "2019-06-05"),
                            ("Rebels shelled Dara and Omar Haddad's forces again.", "2019-06-07")]:
        report = Report(text, published)
        report.event("shelled", "ASSAULT", actors=[report.entity("ORG", "Rebels")],
                     recipients=[report.entity("GPE", "Dara"), report.entity("PERSON", "Omar Haddad")])
        reports.append(report)
    store = _linked_store(tmp_path, reports)
    # sharing participants and a publication week says nothing of which shelling each report means
    assert _cluster_of(store, reports[0]) != _cluster_of(store, reports[1])
    store.close()


def _series_and_conflicts(store):
    f, k = schema.figures, schema.conflicts
    with store.engine.connect() as conn:
        series = dict(conn.execute(select(f.c.value, f.c.series_id)).all())
        conflicts = list(conn.execute(select(k.c.data)).scalars())
    return series, conflicts


@pytest.mark.parametrize(
    ("first", "second", "relation"),
    [
        # (text, value, qualifier, published) of an earlier and a later report
        (("at least 9,000 soldiers", 9000, "at_least", "2018-01-05"),
         ("some 7,000 soldiers", 7000, "about", "2018-02-05"), "contradicts"),
        (("about 7,000 soldiers", 7000, "about", "2018-01-05"),
         ("more than 9,000 soldiers", 9000, "more_than", "2018-02-05"), None),
        (("1,200 soldiers", 1200, "exact", "2018-01-05"), ("1,150 soldiers", 1150, "exact", "2018-01-05"), None),
    ],
)
def test_a_falling_cumulative_toll_contradicts_a_rising_one_does_not(tmp_path, first, second, relation):
    reports = []
    for words, value, qualifier, published in (first, second):
        report = Report(f"Officials in Mosul said {words} were killed.", published, source=f"Wire {published}")
        mosul = report.entity("GPE", "Mosul")
        report.figure(words, value, "killed", qualifier=qualifier, counted="soldiers", location=mosul)
        reports.append(report)
    store = _linked_store(tmp_path, reports)
    series, conflicts = _series_and_conflicts(store)
    assert len(set(series.values())) == 1
    if relation is None:
        assert conflicts == [] or first[3] == second[3] and conflicts[0]["relation"] == "contradicts"
    else:
        assert [c["relation"] for c in conflicts] == [relation]
    store.close()


def test_a_low_report_conflicts_with_its_neighbours_in_time_not_the_whole_series(tmp_path):
    reports = []
    tolls = [("2,000", 2000, "2018-01-05"), ("2,400", 2400, "2018-01-12"), ("2,800", 2800, "2018-01-19"),
             ("2,100", 2100, "2018-01-26"), ("3,000", 3000, "2018-02-02")]
    for words, value, published in tolls:
        report = Report(f"Officials in Mosul said {words} soldiers were killed.", published, source=f"Wire {published}")
        mosul = report.entity("GPE", "Mosul")
        report.figure(f"{words} soldiers", value, "killed", counted="soldiers", location=mosul)
        reports.append(report)
    store = _linked_store(tmp_path, reports)
    series, conflicts = _series_and_conflicts(store)
    assert len(set(series.values())) == 1
    f = schema.figures
    with store.engine.connect() as conn:
        value_of = dict(conn.execute(select(f.c.id, f.c.value)).all())
    pairs = sorted(tuple(value_of[i] for i in c["figures"]) for c in conflicts)
    # 2,100 after 2,800 is lower than the report just before it; 2,000 and 2,400, further back, are not
    # flagged again (2,100 is above 2,000 anyway), and 3,000 after it rises
    assert pairs == [(2800, 2100)]
    store.close()


def test_a_series_silent_for_over_a_year_takes_no_new_figure(tmp_path):
    reports = []
    for words, value, published in [("2,000", 2000, "2018-01-05"), ("2,300", 2300, "2018-06-05"),
                                     ("2,600", 2600, "2019-09-05")]:
        report = Report(f"Officials in Mosul said {words} soldiers were killed.", published, source=f"Wire {published}")
        mosul = report.entity("GPE", "Mosul")
        report.figure(f"{words} soldiers", value, "killed", counted="soldiers", location=mosul)
        reports.append(report)
    store = _linked_store(tmp_path, reports)
    series, _ = _series_and_conflicts(store)
    assert series[2000] == series[2300]  # five months on: the same toll
    assert series[2600] != series[2300]  # fifteen months after its last report the series is closed
    store.close()


def test_a_count_with_the_missing_is_a_different_scope(tmp_path):
    one = Report("In Darfur 3,000 civilians were killed.", "2008-01-01")
    one.figure("3,000", 3000, "killed", counted="civilians", location=one.entity("GPE", "Darfur"))
    two = Report("In Darfur 4,800 civilians were killed, including the missing.", "2008-03-01")
    two.figure("4,800", 4800, "killed", counted="civilians", location=two.entity("GPE", "Darfur"))
    store = _linked_store(tmp_path, [one, two])
    series, conflicts = _series_and_conflicts(store)
    assert len(set(series.values())) == 1
    assert [c["relation"] for c in conflicts] == ["different_scope"]
    assert "missing" in conflicts[0]["explanation"]
    store.close()


def test_different_populations_places_or_magnitudes_are_different_series(tmp_path):
    one = Report("In Aleppo 5,000 children were killed.", "2016-01-01")
    one.figure("5,000", 5000, "killed", counted="children", location=one.entity("GPE", "Aleppo"))
    two = Report("In Aleppo 4,000 soldiers were killed.", "2016-02-01")
    two.figure("4,000", 4000, "killed", counted="soldiers", location=two.entity("GPE", "Aleppo"))
    three = Report("In Homs 4,500 children were killed.", "2016-02-01")
    three.figure("4,500", 4500, "killed", counted="children", location=three.entity("GPE", "Homs"))
    four = Report("In Aleppo 12 children were killed in a strike.", "2016-02-01")
    four.figure("12", 12, "killed", counted="children", location=four.entity("GPE", "Aleppo"))
    store = _linked_store(tmp_path, [one, two, three, four])
    series, conflicts = _series_and_conflicts(store)
    assert len(set(series.values())) == 4
    assert conflicts == []
    store.close()


def test_small_counts_form_a_series_only_through_one_incident(tmp_path):
    reports = []
    for text, published, day, value in [
        ("A car bomb killed 12 villagers in Kandahar on Monday, police said.", "2012-05-08", "2012-05-07", 12),
        ("Police now say the Kandahar car bomb of Monday killed 9 villagers.", "2012-05-09", "2012-05-07", 9),
        ("Another car bomb killed 10 villagers in Kandahar on Friday.", "2012-05-12", "2012-05-11", 10),
    ]:
        report = Report(text, published, source=f"Wire {published}")
        place = report.entity("GPE", "Kandahar")
        figure = report.figure(str(value), value, "killed", counted="villagers", location=place)
        # Only the place is named: the two reports of Monday's bomb are one cluster by their exact day.
        report.event("killed", "ASSAULT", recipients=[place], date=day, sizes={"killed": figure})
        reports.append(report)
    store = _linked_store(tmp_path, reports)
    series, conflicts = _series_and_conflicts(store)
    assert series[12] == series[9] != series[10]
    assert [c["relation"] for c in conflicts] == ["contradicts"]
    store.close()


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ({"value": "2025-02-15", "granularity": "day"}, {"value": "2025-02", "granularity": "month"}, True),
        ({"value": "2025-02-15", "granularity": "day"}, {"value": "2025-02-16", "granularity": "day"}, True),
        ({"value": "2025-02-15", "granularity": "day"}, {"value": "2025-02-18", "granularity": "day"}, False),
        ({"value": "2025-03", "granularity": "month"}, {"value": "2025-02-10", "granularity": "day"}, False),
        ({"value": {"start": "2025-02-01", "end": "2025-02-10"}, "granularity": "day"},
         {"value": "2025-W06", "granularity": "week"}, True),
        # two coarse dates that only touch are two periods
        ({"value": "2016", "granularity": "year"}, {"value": "2017", "granularity": "year"}, False),
        ({"value": "2016-12", "granularity": "month"}, {"value": "2017-01", "granularity": "month"}, False),
        ({"value": "2017-01-01", "granularity": "day"}, {"value": "2016-12", "granularity": "month"}, True),
    ],
)
def test_date_compatibility(a, b, expected):
    assert compatible(interval_of(a), interval_of(b)) is expected


def test_content_words_drop_generic_words_and_plurals():
    assert content_words("more than 60,000 Palestinians, most of them") == {"palestinian"}
    assert content_words("people") == frozenset()
    assert point_of("2024-13") is None


def test_a_full_name_the_article_tells_from_a_longer_one_joins_only_its_own(tmp_path):
    # The first report names the father; the second names father and son, who differ by the son's
    # middle name; the third names the son with his middle name again.
    one = Report("Daniel Okafor gave a lecture on the constitution in Enugu.", "2019-03-02")
    one.entity("PERSON", "Daniel Okafor")
    two = Report("Daniel Okafor, a retired judge, sat beside his son Daniel Ifeanyi Okafor in Enugu.",
                 "2019-03-09")
    two.entity("PERSON", "Daniel Okafor"), two.entity("PERSON", "Daniel Ifeanyi Okafor")
    three = Report("Engineer Daniel Ifeanyi Okafor opened a bridge in Onitsha.", "2019-03-12")
    three.entity("PERSON", "Daniel Ifeanyi Okafor")
    store = _linked_store(tmp_path, [one, two, three])
    father, son = _canonical(store, "Daniel Okafor"), _canonical(store, "Daniel Ifeanyi Okafor")
    assert father != son
    store.close()


# A bare generic name ("Navy") in two reports about two countries' fleets.
NAVY_ONE = ("The Navy sent two destroyers toward the Korean peninsula on Tuesday, Pentagon officials said "
            "in Washington. The Navy did not say when they would arrive.")
NAVY_TWO = ("Chilean officials said on Wednesday that the Navy had recovered debris off Valparaiso. "
            "The Navy searched the coast near Chile for survivors.")
# One person, named in full, in two reports.
FREED_ONE = "Relief worker Helena Marchetti was freed in Bamako on Friday. Marchetti thanked the mediators."
FREED_TWO = "Helena Marchetti, freed last week, met the Italian prime minister in Rome on Monday."


def _rows_named(store, name: str) -> list:
    e, m = schema.entities, schema.mentions
    with store.engine.connect() as conn:
        return conn.execute(
            select(e.c.id, e.c.canonical_id, m.c.article_id).join(m, m.c.entity_id == e.c.id)
            .where(e.c.name == name).distinct()
        ).all()


def test_a_bare_generic_name_in_two_articles_stays_two_entities(store_url, extract):
    store = open_store(store_url)
    _store_articles(store, extract, [(NAVY_ONE, "2013-04-02"), (NAVY_TWO, "2013-04-03")])
    link_pending(store)
    rows = _rows_named(store, "Navy")
    assert {r.article_id for r in rows} == {article_id(NAVY_ONE), article_id(NAVY_TWO)}
    # one row per article, each its own canonical entity
    assert len({r.id for r in rows}) == 2
    assert len({r.canonical_id for r in rows}) == 2
    store.close()


def test_a_full_name_in_two_articles_is_one_entity(store_url, extract):
    store = open_store(store_url)
    _store_articles(store, extract, [(FREED_ONE, "2016-06-03"), (FREED_TWO, "2016-06-13")])
    link_pending(store)
    rows = _rows_named(store, "Helena Marchetti")
    assert {r.article_id for r in rows} == {article_id(FREED_ONE), article_id(FREED_TWO)}
    assert len({r.id for r in rows}) == 1
    assert len({r.canonical_id for r in rows}) == 1
    store.close()


# -- commands -------------------------------------------------------------------------------------

def test_commands_show_entity_timeline_and_conflicts(two_reports):
    from newstrace.cli import app

    db = two_reports.url
    runner = CliRunner()
    result = runner.invoke(app, ["link", "--db", db])
    assert result.exit_code == 0 and "nothing to link" in result.output

    result = runner.invoke(app, ["entity", "Marc Whitfield", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    profile = json.loads(result.output)
    assert profile["name"] == "Marcus Whitfield"
    assert {"Marc Whitfield", "Marcus (Marc) Whitfield"} <= set(profile["aliases"])
    assert len(profile["articles"]) == 2

    result = runner.invoke(app, ["timeline", "--entity", "Marcus Whitfield", "--since", "2024-03",
                                 "--until", "2024-03", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)
    assert [i["type"] for i in items] == ["RETREAT"]
    assert {r["published"] for r in items[0]["reports"]} == {"2024-03-11", "2024-05-21"}

    result = runner.invoke(app, ["conflicts", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    (conflict,) = json.loads(result.output)
    assert [s["text"] for s in conflict["sides"]] == ["more than 4,000", "over 3,100"]
    assert all(s["sentence"] and s["source"] == "Test Wire" for s in conflict["sides"])

    result = runner.invoke(app, ["conflicts", "--db", db])
    assert result.exit_code == 0 and "contradicts" in result.output

    result = runner.invoke(app, ["entity", "Nobody Atall", "--db", db])
    assert result.exit_code == 1 and "no entity named 'Nobody Atall'" in result.output

    result = runner.invoke(app, ["link", "--rebuild", "--db", db, "--json"])
    assert result.exit_code == 0 and json.loads(result.output)["articles"] == 2


# -- the seeds ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory, nlp):
    """The two shared seed reports, extracted with the real pipeline, stored and linked."""
    if not SEEDS.is_dir():
        pytest.skip("the shared seeds are not on this machine")
    from newstrace.pipeline import extract_articles
    from newstrace.readers import read_inputs

    store = open_store(tmp_path_factory.mktemp("seeds") / "seeds.db")
    articles = [a for a in read_inputs([str(SEEDS)]) if isinstance(a, Article)]
    assert len(articles) == 2
    for result in extract_articles(articles, nlp=nlp):
        store.write_result(result)
    link_pending(store)
    yield store, {a.id for a in articles}
    store.close()


def _seed_canonical_ids(conn, like: str) -> dict[str, set[str]]:
    e, m = schema.entities, schema.mentions
    out: dict[str, set[str]] = {}
    for art, cid in conn.execute(select(m.c.article_id, e.c.canonical_id).join(e, e.c.id == m.c.entity_id)
                                 .where(e.c.name.like(like))):
        out.setdefault(art, set()).add(cid)
    return out


@pytest.mark.parametrize("like", ["%Trufanov", "Hamas"])
def test_seeds_captive_and_hamas_are_one_entity_each(seeds_store, like):
    store, ids = seeds_store
    with store.engine.connect() as conn:
        found = _seed_canonical_ids(conn, like)
    assert set(found) == ids
    assert len(set().union(*found.values())) == 1


def test_seeds_february_release_is_one_cluster_across_both_reports(seeds_store):
    store, ids = seeds_store
    e, v = schema.entities, schema.events
    with store.engine.connect() as conn:
        captive = next(iter(set().union(*_seed_canonical_ids(conn, "%Trufanov").values())))
        canonical = dict(conn.execute(select(e.c.id, e.c.canonical_id)).all())
        releases = conn.execute(
            select(v.c.article_id, v.c.cluster_id, v.c.data).where(v.c.type == "RETREAT", v.c.mode == "release")
        ).all()
    with_captive = [r for r in releases
                    if captive in {canonical.get(ref["id"]) for ref in r.data["recipients"] if ref.get("id")}]
    clusters = {r.cluster_id for r in with_captive}
    assert len(clusters) == 1
    assert {r.article_id for r in releases if r.cluster_id in clusters} == ids


def test_seeds_death_tolls_are_one_series_flagged_as_contradicting(seeds_store):
    store, _ = seeds_store
    f, k = schema.figures, schema.conflicts
    with store.engine.connect() as conn:
        killed = conn.execute(select(f.c.id, f.c.value, f.c.series_id).where(f.c.measure == "killed")).all()
        tolls = [r for r in killed if r.value in (60000, 51000)]
        assert len(tolls) == 2 and len({r.series_id for r in tolls}) == 1
        flagged = [d for d in conn.execute(select(k.c.data)).scalars()
                   if set(d["figures"]) == {r.id for r in tolls}]
    assert [d["relation"] for d in flagged] == ["contradicts"]


def test_a_cluster_names_its_unnamed_parties_as_written(tmp_path, extract):
    store = open_store(f"sqlite:///{tmp_path / 'unnamed.db'}")
    _store_articles(store, extract, [("The army shelled the hill villages of the district on Sunday.", "2024-06-03")])
    link_pending(store)
    with store.engine.connect() as conn:
        (data,) = conn.execute(select(schema.clusters.c.data)).scalars().all()
    assert [(a["id"], a["name"]) for a in data["actors"]] == [(None, "The army")]
    assert [a["name"] for a in data["recipients"]] == ["the hill villages of the district"]
    store.close()


def test_a_state_since_a_date_stands_for_its_start(tmp_path, extract):
    store = open_store(f"sqlite:///{tmp_path / 'since.db'}")
    _store_articles(store, extract, [
        ("Omar Haddad has been detained in Ruritania since 2015, his family said.", "2018-05-10"),
        ("A court in Ruritania sentenced Omar Haddad in March 2016 to ten years in prison.", "2018-05-11"),
    ])
    link_pending(store)
    with store.engine.connect() as conn:
        rows = conn.execute(select(schema.events.c.type, schema.events.c.cluster_id, schema.events.c.article_id)
                            .where(schema.events.c.type == "COERCE")).all()
    assert len({r.article_id for r in rows}) == 2, rows
    assert len({r.cluster_id for r in rows}) == 2  # detained in 2015, sentenced in 2016: two acts
    store.close()


def test_a_verbal_act_needs_a_date_of_a_month_or_better_to_join(tmp_path):
    reports = []
    for text, published, date, granularity in [
        ("Ruth Adler criticized Tom Bell over the budget on Tuesday.", "2019-06-05", "2019-06-04", "day"),
        ("Ruth Adler has criticized Tom Bell over the budget.", "2019-06-07", None, "day"),  # undated
        ("Ruth Adler criticized Tom Bell in 2019 over the budget.", "2020-02-01", "2019", "year"),
        ("Ruth Adler criticized Tom Bell in June over the budget.", "2019-07-01", "2019-06", "month"),
    ]:
        report = Report(text, published)
        report.event("criticized", "ACCUSE", mode="disapprove", actors=[report.entity("PERSON", "Ruth Adler")],
                     recipients=[report.entity("PERSON", "Tom Bell")], date=date, granularity=granularity)
        reports.append(report)
    store = _linked_store(tmp_path, reports)
    day, undated, year, month = (_cluster_of(store, r) for r in reports)
    assert day == month  # "in June" can be the Tuesday's criticism
    assert len({day, undated, year}) == 3  # an undated or year-wide one pins no act
    store.close()


def test_one_party_in_common_with_two_different_counterparts_is_two_meetings(tmp_path):
    one = Report("Anna Kovac met Ivo Horvat in Zagreb on Thursday.", "2019-06-07")
    one.event("met", "CONSULT", actors=[one.entity("PERSON", "Anna Kovac"), one.entity("PERSON", "Ivo Horvat")],
              date="2019-06-06")
    two = Report("Anna Kovac met Lena Berg in Zagreb on Thursday.", "2019-06-07")
    two.event("met", "CONSULT", actors=[two.entity("PERSON", "Anna Kovac"), two.entity("PERSON", "Lena Berg")],
              date="2019-06-06")
    three = Report("Anna Kovac and Ivo Horvat met on Thursday.", "2019-06-08")
    three.event("met", "CONSULT", actors=[three.entity("PERSON", "Anna Kovac"), three.entity("PERSON", "Ivo Horvat")],
                date="2019-06-06")
    store = _linked_store(tmp_path, [one, two, three])
    assert _cluster_of(store, one) == _cluster_of(store, three)
    assert _cluster_of(store, one) != _cluster_of(store, two)
    store.close()

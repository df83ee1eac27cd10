"""Settling a name in the news every day costs what the run changed, not what the store holds: a run
decides again only the rows of a bare surname whose answer it may have changed (from CONTEXT_DAYS before
the articles it added), and the store is the same as one linked by ``link --rebuild``.

Our own articles, hand-made records (``Report``), real SQLite stores.
"""
from __future__ import annotations

from datetime import date, timedelta

from newstrace.link import link_pending, link_rebuild
from newstrace.link.entities import CONTEXT_DAYS
from newstrace.store import open_store

from .test_entity_order import _groups
from .test_entity_precision import _scoped
from .test_link import Report

START = date(2021, 1, 4)


def _day(n: int) -> str:
    return (START + timedelta(days=n)).isoformat()


def _story(n: int, day: int) -> Report:
    """A story of the mayor: full name in the first line, surname alone after, two people beside."""
    text = (f"Mayor Oswin Pellegrino opened bridge number {n} with Tamsin Okoro and Rupert Dalgleish. "
            f"Pellegrino said the Harwich Port Authority would pay.")
    report = Report(text, _day(day))
    report.entity("PERSON", "Oswin Pellegrino"), report.entity("PERSON", "Tamsin Okoro")
    report.entity("PERSON", "Rupert Dalgleish"), report.entity("ORG", "Harwich Port Authority")
    _scoped(report, "PERSON", "Pellegrino")
    return report


def test_a_run_decides_again_only_the_rows_near_its_articles(tmp_path):
    # a story every week for a year, linked in one run
    old = [_story(n, 7 * n) for n in range(52)]
    late = _story(100, 7 * 52 + 3)  # the next week's story
    store = open_store(tmp_path / "bound.db")
    for report in old:
        store.write_result(report.result())
    link_pending(store)
    store.write_result(late.result())
    summary = link_pending(store)
    # the rows of the last CONTEXT_DAYS (and the new one), not the year's 52
    near = sum(1 for n in range(52) if 7 * 52 + 3 - 7 * n <= CONTEXT_DAYS + 1) + 1
    assert 1 <= summary.rows_settled <= near < 20
    groups = _groups(store)
    # every lone "Pellegrino" joined the mayor
    mayor = late.entities["Oswin Pellegrino"].id
    assert all(r.entities["PERSON:Pellegrino"].id in groups[mayor] for r in (*old, late))
    link_rebuild(store)
    assert _groups(store) == groups
    store.close()


def test_an_article_of_an_old_date_decides_again_the_rows_around_it(tmp_path):
    # the surname alone every month, beside people the mayor's stories name; the mayor in full in the
    # first month: the lone names join him (and, through their articles, those of the next months)
    lone = []
    for n in range(20):
        text = f"Pellegrino, a baker, spoke to Tamsin Okoro and Rupert Dalgleish about loaf number {n}."
        report = Report(text, _day(30 * n + 1))
        _scoped(report, "PERSON", "Pellegrino")
        report.entity("PERSON", "Tamsin Okoro"), report.entity("PERSON", "Rupert Dalgleish")
        lone.append(report)
    first = _story(0, 0)
    store = open_store(tmp_path / "old-date.db")
    for report in (first, *lone):
        store.write_result(report.result())
    link_pending(store)
    mayor = first.entities["Oswin Pellegrino"].id

    def months_joined() -> set[int]:
        groups = _groups(store)
        return {n for n, r in enumerate(lone) if r.entities["PERSON:Pellegrino"].id in groups[mayor]}

    before = months_joined()
    assert 0 in before
    # an article of the eleventh month comes late: the rows of its months are decided again, not all
    late = _story(1, 30 * 10)
    store.write_result(late.result())
    summary = link_pending(store)
    near = sum(1 for n in range(20) if 30 * n + 1 >= 30 * 10 - CONTEXT_DAYS - 1)
    assert 1 <= summary.rows_settled <= near + 1 < len(lone)  # and the late article's own
    assert months_joined() >= before
    groups = _groups(store)
    link_rebuild(store)
    assert _groups(store) == groups
    store.close()

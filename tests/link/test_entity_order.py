"""Entity links do not depend on the order articles came in: linked one by one in several orders, in two
runs, or by ``link --rebuild``, the same rows end up in the same entities.

The articles are written for this test, with hand-made records (``Report``), and exercise the rules whose
answer depends on another article: a bare surname and the full name it belongs to, initials spelled out
in one article while another names something else with them, a common word whose articles share people,
and "X & Co." beside a person surnamed X. Stores are real SQLite files.
"""
from __future__ import annotations

import random

from sqlalchemy import select

from newstrace.link import link_pending, link_rebuild
from newstrace.store import open_store, schema

from .test_entity_precision import _scoped
from .test_link import Report


def _reports() -> list[Report]:
    out = []
    full = Report("Senator Oswin Pellegrino met Governor Tamsin Okoro and the Harwich Port Authority on Monday.",
                  "2021-03-01")
    full.entity("PERSON", "Oswin Pellegrino"), full.entity("PERSON", "Tamsin Okoro")
    full.entity("ORG", "Harwich Port Authority")
    out.append(full)
    bare = Report("Pellegrino told the Harwich Port Authority that Tamsin Okoro would sign the bill.", "2021-03-03")
    _scoped(bare, "PERSON", "Pellegrino"), bare.entity("PERSON", "Tamsin Okoro")
    bare.entity("ORG", "Harwich Port Authority")
    out.append(bare)
    # the same surname in another story, with nobody in common: someone else
    other = Report("Pellegrino, a baker in Sorrento, won the Amalfi Lemon Prize.", "2021-03-04")
    _scoped(other, "PERSON", "Pellegrino"), other.entity("ORG", "Amalfi Lemon Prize")
    out.append(other)
    spelled = Report("The Office of Coastal Navigation said on Monday that OCN divers found the wreck.",
                     "2021-03-02")
    spelled.entity("ORG", "Office of Coastal Navigation"), _scoped(spelled, "ORG", "OCN")
    out.append(spelled)
    namesake = Report("The Orkney Coast Network opened a station in Kirkwall.", "2021-03-05")
    namesake.entity("ORG", "Orkney Coast Network")
    out.append(namesake)
    for day, text in (("2021-03-06", "The Sun, edited by Rupert Dalgleish, printed Tamsin Okoro's letter."),
                      ("2021-03-07", "Tamsin Okoro told the Sun that Rupert Dalgleish had called her.")):
        tabloid = Report(text, day)
        _scoped(tabloid, "ORG", "Sun"), tabloid.entity("PERSON", "Tamsin Okoro")
        tabloid.entity("PERSON", "Rupert Dalgleish")
        out.append(tabloid)
    team = Report("Pellegrino & Co. had no case, the columnist wrote; Pellegrino said nothing.", "2021-03-08")
    team.entity("ORG", "Pellegrino & Co"), team.entity("ORG", "Pellegrino")
    out.append(team)
    return out


def _groups(store) -> dict[str, frozenset[str]]:
    """Entity row -> the rows of its canonical entity (ids differ by order; the groups must not)."""
    e = schema.entities
    with store.engine.connect() as conn:
        rows = conn.execute(select(e.c.id, e.c.canonical_id)).all()
    members: dict[str, set[str]] = {}
    for row, canonical in rows:
        members.setdefault(canonical, set()).add(row)
    return {row: frozenset(members[canonical]) for row, canonical in rows}


def _linked(path, reports, runs: list[int]) -> dict[str, frozenset[str]]:
    """Link ``reports`` in that order, in runs of the given sizes (each report written just before its run)."""
    path.mkdir(parents=True)
    store = open_store(path / "order.db")
    at = 0
    for size in runs:
        for report in reports[at:at + size]:
            store.write_result(report.result())
        link_pending(store)
        at += size
    groups = _groups(store)
    store.close()
    return groups


def test_entities_are_the_same_in_any_order_and_by_rebuild(tmp_path):
    reports = _reports()
    n = len(reports)
    expected = _linked(tmp_path / "forward", reports, [1] * n)
    # the rules met what they are for: the bare surname joined its senator, the baker stayed apart,
    # the initials stayed apart from both names with their letters, the two tabloids are one entity
    ids = {r.article.text[:12]: r for r in reports}
    senator, bare, baker = (ids[k].entities for k in ("Senator Oswi", "Pellegrino t", "Pellegrino, "))
    assert expected[bare["PERSON:Pellegrino"].id] == {bare["PERSON:Pellegrino"].id, senator["Oswin Pellegrino"].id}
    assert len(expected[baker["PERSON:Pellegrino"].id]) == 1
    ocn = ids["The Office o"].entities["ORG:OCN"].id
    assert expected[ocn] == {ocn}
    suns = {r.entities["ORG:Sun"].id for r in reports if "ORG:Sun" in r.entities}
    assert expected[next(iter(suns))] == suns
    team = ids["Pellegrino &"].entities
    assert expected[team["Pellegrino & Co"].id] == {team["Pellegrino & Co"].id}

    orders = [list(reversed(reports))] + [random.Random(seed).sample(reports, n) for seed in (1, 2, 3)]
    for i, order in enumerate(orders):
        assert _linked(tmp_path / f"order{i}", order, [1] * n) == expected, f"order {i}"
    assert _linked(tmp_path / "two-runs", orders[1], [n // 2, n - n // 2]) == expected

    path = tmp_path / "rebuilt"
    path.mkdir()
    store = open_store(path / "order.db")
    for report in orders[2]:
        store.write_result(report.result())
    link_pending(store)
    link_rebuild(store)
    assert _groups(store) == expected
    store.close()

"""Exchanges: two releases by opposed parties, read as one deal across every report of it (the releases
and the parties they name: releases.py).

News of a captive or prisoner exchange tells one deal from two sides: captives freed by one party,
prisoners freed by the other, on the same day or phase, with mediators thanked. Event coding keeps
them as two unrelated releases; an ``exchange`` record keeps them as one story. Reciprocity is read
from the text and the dates, never from a list of conflicts or parties:

- **a cue**: a release whose sentence says so ("in exchange", "in return", "swap", "traded for",
  "exchanged for") pairs with the nearest other release in its article by a different party whose
  date is compatible (an undated release takes its counterpart's date);
- **crossing releases on one day**: two releases in one article dated to the same day, by parties of
  different countries, where those released by one side belong to the country of the other side's
  releasing party (their CAMEO codes say so: ``ISRCVL`` freed by ``PSEREB``, ``PSEOPP`` by ``ISR``).

Then each side gathers, in the articles that report the exchange:

- the release clusters of its events, and with them every report of those clusters in other
  articles: a later "released in a prisoner exchange last February" that linking put in the same
  cluster joins the same exchange;
- the figures of how many were released (the events' ``released`` size) and the people named as
  released: a release with no releasing party, of a named person, on the exchange's date, joins the
  side whose release sentence names that person's nationality ("including two dual nationals holding
  American and Russian citizenship" for a Russian citizen);
- the deal it belongs to: an AGREE event on a deal, agreement, ceasefire or truce in those articles,
  with a compatible date;
- mediators: the recipients of thanks, praise or credit (SUPPORT) for the release in those articles,
  dated compatibly, that are neither a side's party nor of a side's country.

Exchanges are rebuilt from the stored clusters at the end of each linking run (``rebuild``): they
hold nothing that linking cannot derive again, and their ids come from their side clusters, so an
exchange keeps its id while its clusters keep theirs.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, select

from ..ids import record_id
from ..records import DateValue, EntityRef, Exchange, ExchangeSide
from ..store import schema
from ..timeframe import Interval, point_of
from . import timeframes
from .releases import (
    HAPPENED,
    Parties,
    Release,
    compatible,
    countries_after,
    load_releases,
    release_dates,
    sentence_countries,
    towns,
)

# the words that say a release was one half of a trade
EXCHANGE_CUE = re.compile(
    r"\b(?:in exchange|in return|in (?:a|an|the) (?:[\w-]+ ){0,2}(?:exchange|swap)|(?:prisoner|captive|hostage|detainee)s? "
    r"(?:exchange|swap)|swap(?:ped)?|exchanged? for|traded for|trade for)\b",
    re.IGNORECASE,
)
# a cue that names the trade itself, enough for a later report to join by the person released
DEAL_WORDS = frozenset({"deal", "agreement", "accord", "ceasefire", "cease-fire", "truce", "swap", "exchange"})
# a SUPPORT sentence that is about the release, not about something else the same party did
ABOUT_RELEASE = re.compile(
    r"\b(?:releas\w*|free(?:d|ing)?|exchange|swap|deal|captiv\w*|hostage\w*|mediat\w*|role|efforts?|"
    r"secur\w*|resolution|rescue)\b",
    re.IGNORECASE,
)
# "three captives, including X" / "among them X": the people named after it are among those released
INCLUDING = re.compile(r"\b(?:including|among them|among whom|one of (?:them|whom)|among those)\b", re.IGNORECASE)
# a count that tells one exchange from another when a later report names it ("in exchange for 369")
MIN_TELLING_COUNT = 10
_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\d.,])\d+(?![\d.,])")
_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "its", "their", "his", "her"})


@dataclass(slots=True)
class _Side:
    anchor: Release
    events: list[Release] = field(default_factory=list)
    named: list[Release] = field(default_factory=list)  # releases of named people with no releaser
    people: dict[str, EntityRef] = field(default_factory=dict)  # canonical id -> person named as released


@dataclass(slots=True)
class _Candidate:
    sides: list[_Side]
    evidence: str


def rebuild(conn: Connection) -> int:
    """Replace the stored exchanges with those the stored release clusters give; return how many."""
    conn.execute(delete(schema.exchange_members))
    conn.execute(delete(schema.exchanges))
    parties = Parties(conn)
    releases = load_releases(conn)
    parties.preload(releases)
    by_article: dict[str, list[Release]] = defaultdict(list)
    for r in releases:
        by_article[r.article].append(r)
    candidates: list[_Candidate] = []
    for article_releases in by_article.values():
        # the trade the article states: releases whose sentence names the releaser, or names none; one
        # whose releaser the article told elsewhere joins a side below, as a release of a named person
        told = [r for r in article_releases if r.stated or not r.actors]
        candidates.extend(_pairs(sorted(told, key=lambda r: r.position), parties))
    if not candidates:
        return 0
    by_cluster: dict[str, list[Release]] = defaultdict(list)
    for r in releases:
        if r.cluster:
            by_cluster[r.cluster].append(r)
    exchanges = [_build(conn, group, by_article, by_cluster, releases, parties) for group in _merged(candidates)]
    for exchange, members in exchanges:
        conn.execute(schema.exchanges.insert().values(
            id=exchange.id, date=_sortable(exchange.date), data=exchange.to_dict()))
        conn.execute(schema.exchange_members.insert(), [
            {"exchange_id": exchange.id, "kind": kind, "member_id": member} for kind, member in sorted(members)
        ])
    return len(exchanges)


def _opposed(a: Release, b: Release, parties: Parties) -> bool:
    """Whether two releases are by different parties, of different countries where both are known."""
    keys_a = {parties.key(p) for p in a.actors}
    keys_b = {parties.key(p) for p in b.actors}
    if not keys_a or not keys_b or keys_a & keys_b:
        return False
    countries_a, countries_b = parties.countries(a.actors), parties.countries(b.actors)
    return not (countries_a and countries_b and countries_a & countries_b)


def _crossing(a: Release, b: Release, parties: Parties) -> bool:
    """Whether those one side released belong to the country of the other side's releasing party."""
    return bool(parties.countries(a.recipients) & parties.countries(b.actors)
                or parties.countries(b.recipients) & parties.countries(a.actors))


def _pairs(releases: list[Release], parties: Parties) -> list[_Candidate]:
    """Return the exchanges one article's releases (in reading order) state."""
    out: list[_Candidate] = []
    used: set[str] = set()
    for i, r in enumerate(releases):
        if r.id in used or not r.actors:
            continue
        cue = EXCHANGE_CUE.search(r.sentence.get("text") or "")
        partner, evidence = None, ""
        if cue:
            # the nearest other release before it, else after it ("X freed A. In exchange, Y freed B.")
            ordered = releases[:i][::-1] + releases[i + 1:]
            partner = next((o for o in ordered if o.id not in used and _counterpart(r, o, parties)
                            and compatible(r.when, o.when)), None)
            evidence = f"\"{cue.group(0)}\" in \"{_excerpt(r.sentence.get('text') or '', cue.start())}\""
        if partner is None and r.when is not None and r.when.exact_day:
            partner = next((o for o in releases if o.id not in used and o.id != r.id and o.when == r.when
                            and _counterpart(r, o, parties) and _crossing(r, o, parties)), None)
            evidence = (f"two releases on {r.when.lo.isoformat()} by opposed parties, each freeing people of "
                        "the other's side")
        if partner is None:
            continue
        used.update((r.id, partner.id))
        first, second = sorted((r, partner), key=lambda x: x.position)
        out.append(_Candidate([_Side(first, [first]), _Side(second, [second])], evidence))
    return out


def _counterpart(r: Release, other: Release, parties: Parties) -> bool:
    """Whether ``other`` can be the other half of ``r``'s trade: a release by an opposed party, or a
    release with no party named whose freed people are of the country of ``r``'s releasing party (and
    not of the country of those ``r`` freed): "Israel released 369 Palestinians" and "three Israeli
    captives were freed"."""
    if other.id == r.id:
        return False
    if other.actors:
        return _opposed(r, other, parties)
    theirs = parties.countries(other.recipients)
    return bool(theirs & parties.countries(r.actors)) and not theirs & parties.countries(r.recipients)


def _merged(candidates: list[_Candidate]) -> list[list[_Candidate]]:
    """Group the candidates that share a release cluster: one exchange told in several articles."""
    parent = list(range(len(candidates)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, c in enumerate(candidates):
        for side in c.sides:
            for r in side.events:
                if r.cluster is None:
                    continue
                if r.cluster in owner:
                    parent[find(i)] = find(owner[r.cluster])
                else:
                    owner[r.cluster] = i
    groups: dict[int, list[_Candidate]] = defaultdict(list)
    for i, c in enumerate(candidates):
        groups[find(i)].append(c)
    return list(groups.values())


def _build(conn, group: list[_Candidate], by_article, by_cluster, releases, parties: Parties):
    first = group[0]
    sides = [_Side(s.anchor, list(s.events)) for s in first.sides]
    # the same two sides told again in another article: its releases join the side of the same party
    for other in group[1:]:
        for s in other.sides:
            target = _side_of(sides, s.anchor, parties) or sides[0]
            target.events.extend(s.events)
    when = _best_date([r for s in sides for r in s.events])
    articles = {r.article for s in sides for r in s.events}
    _add_named(conn, sides, articles, by_article, when, parties)
    _add_people_named_in_sides(conn, sides, parties)
    figures = {s.anchor.id: _figures(conn, s.events) for s in sides}
    side_counts = [{int(f["value"]) for f in figures[s.anchor.id] if (f.get("value") or 0) >= MIN_TELLING_COUNT}
                   for s in sides]
    _add_later_reports(conn, sides, releases, when, side_counts, parties)
    # every report of a side's clusters, in any article
    for side in sides:
        seen = {r.id for r in side.events + side.named}
        clusters = {r.cluster for r in side.events + side.named if r.cluster}
        for cid in sorted(clusters):
            for r in by_cluster.get(cid, []):
                if r.id not in seen:
                    (side.named if not r.actors or not r.stated else side.events).append(r)
                    seen.add(r.id)
    articles = {r.article for s in sides for r in s.events + s.named}
    deal = _deal(conn, articles, when)
    mediators, thanks = _mediators(conn, articles, when, sides, parties)
    return _record(sides, figures, first.evidence, len(group), when, deal, mediators, thanks, articles, parties)


def _side_of(sides: list[_Side], release: Release, parties: Parties) -> _Side | None:
    """Return the side a release of another report belongs to: the one of the same releasing party (or,
    for a release with no party named, the one that freed people of the same country)."""
    if not release.actors:
        freed = parties.countries(release.recipients)
        for side in sides:
            if freed & {c for r in side.events for c in parties.countries(r.recipients)}:
                return side
        return None
    keys = {parties.key(p) for p in release.actors}
    countries = parties.countries(release.actors)
    for side in sides:
        theirs = {parties.key(p) for r in side.events for p in r.actors}
        their_countries = {c for r in side.events for c in parties.countries(r.actors)}
        if keys & theirs or (countries and countries & their_countries):
            return side
    return None


def _best_date(releases: list[Release]) -> Interval | None:
    dated = [r.when for r in releases if r.when is not None]
    return max(dated, key=timeframes.precision) if dated else None


def _add_named(conn, sides: list[_Side], articles: set[str], by_article, when, parties: Parties) -> None:
    """Add to each side the releases of named people with no releasing party whose nationality its
    release sentence names, or whose releasing party, told elsewhere in the article, is one of the
    side's."""
    side_countries = [sentence_countries(conn, side.events, parties) for side in sides]
    side_keys = [{parties.key(p) for r in side.events for p in r.actors} for side in sides]
    taken = {r.id for s in sides for r in s.events}
    for article in sorted(articles):
        for r in by_article.get(article, []):
            if r.id in taken or not compatible(r.window, when) or r.actors and r.stated:
                continue
            people = [p for p in r.recipients if p.get("id") and parties.type_of(p["id"]) == "PERSON"]
            if r.actors:
                keys = {parties.key(p) for p in r.actors}
                matches = [i for i, k in enumerate(side_keys) if keys <= k]
                if people and len(matches) == 1:
                    sides[matches[0]].named.append(r)
                    taken.add(r.id)
                continue
            countries = parties.countries(people)
            matches = [i for i, c in enumerate(side_countries) if countries & c]
            if people and len(matches) == 1:
                sides[matches[0]].named.append(r)
                taken.add(r.id)


def _add_people_named_in_sides(conn, sides: list[_Side], parties: Parties) -> None:
    """Add the people a side's release sentence names after "including" or "among them" to its released."""
    m = schema.mentions
    for side in sides:
        for r in side.events:
            sentence, text = r.sentence, r.sentence.get("text") or ""
            cue = INCLUDING.search(text)
            if cue is None or "start" not in sentence:
                continue
            after = sentence["start"] + cue.end()
            ids = conn.execute(
                select(m.c.entity_id).where(m.c.article_id == r.article, m.c.start >= after,
                                            m.c.end <= sentence["end"]).order_by(m.c.start)
            ).scalars()
            for entity_id in ids:
                if parties.type_of(entity_id) == "PERSON":
                    ref = parties.ref({"id": entity_id})
                    side.people.setdefault(ref.id, ref)
        for r in side.named:
            for p in r.recipients:
                if p.get("id") and parties.type_of(p["id"]) == "PERSON":
                    ref = parties.ref(p)
                    side.people.setdefault(ref.id, ref)


def _add_later_reports(conn, sides: list[_Side], releases: list[Release], when, side_counts: list[set[int]],
                       parties: Parties) -> None:
    """Add the releases, in any article, that call themselves part of an exchange at a compatible date
    and say which: freeing a person a side released ("X, released in a prisoner exchange last
    February"), naming the count the other side freed ("handed over in exchange for 369 detainees"), or
    naming the town of the exchange and the people the other side freed ("released in Khan Yunis in an
    exchange for Palestinian detainees")."""
    taken = {r.id for s in sides for r in s.events + s.named}
    places = set().union(*(towns(conn, s.events, parties) for s in sides))
    freed_countries = [{c for r in s.events for c in parties.countries(r.recipients)} for s in sides]
    for r in releases:
        text = r.sentence.get("text") or ""
        cue = EXCHANGE_CUE.search(text)
        if r.id in taken or cue is None or not compatible(r.window, when):
            continue
        freed = {parties.key(p) for p in r.recipients if p.get("id")}
        side = next((s for s in sides if freed & set(s.people)), None)
        if side is None and len(sides) == 2:
            stated = {int(n.replace(",", "")) for n in _NUMBER.findall(text[cue.start():])}
            other = [i for i, counts in enumerate(side_counts) if stated & counts]
            if not other and places and places & towns(conn, [r], parties):
                named = countries_after(conn, r, cue.end(), parties)
                other = [i for i, countries in enumerate(freed_countries) if named & countries]
            if len(other) == 1:
                side = sides[1 - other[0]]
        if side is None or (r.actors and _side_of([side], r, parties) is None):
            continue
        side.named.append(r)
        taken.add(r.id)
        for p in r.recipients:
            if p.get("id") and parties.type_of(p["id"]) == "PERSON":
                ref = parties.ref(p)
                side.people.setdefault(ref.id, ref)


def _window(data: dict[str, Any], published: str | None) -> Interval | None:
    return release_dates(data.get("date"), published)[1]


def _events_of(conn, articles: set[str], type_: str):
    e, a = schema.events, schema.articles
    return conn.execute(
        select(e.c.id, e.c.article_id, e.c.data, a.c.published).join(a, a.c.id == e.c.article_id)
        .where(e.c.article_id.in_(sorted(articles)), e.c.type == type_).order_by(e.c.article_id, e.c.position)
    ).all()


def _deal(conn, articles: set[str], when: Interval | None) -> dict[str, Any] | None:
    """Return the deal, agreement or ceasefire the exchange's articles say it belongs to, or None."""
    for row in _events_of(conn, articles, "AGREE"):
        trigger = (row.data.get("trigger") or {}).get("text", "").lower()
        if trigger not in DEAL_WORDS or not compatible(_window(row.data, row.published), when):
            continue
        date = row.data.get("date")
        return {"name": _deal_name(row.data), "date": date if date and date.get("value") else None,
                "event": row.id, "article": row.article_id}
    return None


def _deal_name(data: dict[str, Any]) -> str:
    """Return the deal's name as written: "captive exchange deal between Israel and the Palestinian
    Resistance" from "... in a captive exchange deal between Israel and the Palestinian Resistance."."""
    sentence, trigger = data.get("sentence") or {}, data.get("trigger") or {}
    text, offset = sentence.get("text") or "", sentence.get("start", 0)
    start, end = trigger.get("start", offset) - offset, trigger.get("end", offset) - offset
    if not 0 <= start < end <= len(text):
        return trigger.get("text", "")
    before = text[:start].split()
    words: list[str] = []
    for word in reversed(before[-4:]):
        if word.lower() in _DETERMINERS or not re.fullmatch(r"[\w'’-]+", word):
            break
        words.insert(0, word)
    after = re.match(r"\s+(?:between|with|for|on)\s+[^,.;:()]+", text[end:])
    return " ".join([*words, text[start:end]]) + (after.group(0).rstrip() if after else "")


def _mediators(conn, articles, when, sides: list[_Side], parties: Parties):
    """Return the parties thanked or credited for the release that are not a side's, and the events."""
    own_keys, own_countries = set(), set()
    for side in sides:
        for r in side.events + side.named:
            for p in r.actors + r.recipients:
                own_keys.add(parties.key(p))
            # a party of the country of a releaser, or of those freed, is a side, not a go-between
            own_countries |= parties.countries(r.actors) | parties.countries(r.recipients)
    found: dict[str, EntityRef] = {}
    events: list[str] = []
    for row in _events_of(conn, articles, "SUPPORT"):
        if row.data.get("factuality") not in HAPPENED:
            continue
        if not ABOUT_RELEASE.search((row.data.get("sentence") or {}).get("text") or ""):
            continue
        if not compatible(_window(row.data, row.published), when):
            continue
        took = False
        for party in row.data.get("recipients") or []:
            if not party or not party.get("id"):
                continue
            key, country = parties.key(party), parties.country(party)
            if key in own_keys or (country and country in own_countries):
                continue
            found.setdefault(key, parties.ref(party))
            took = True
        if took:
            events.append(row.id)
    return list(found.values()), events


def _record(sides: list[_Side], side_figures, evidence: str, told: int, when, deal, mediators, thanks,
            articles, parties):
    out_sides = []
    for side in sides:
        figures = side_figures[side.anchor.id]
        released = _unique_refs(list(side.people.values()))
        releasers = _unique_refs([parties.ref(p) for r in side.events for p in r.actors])
        clusters = sorted({r.cluster for r in side.events + side.named if r.cluster})
        events = [r.id for r in side.events + side.named]
        out_sides.append(ExchangeSide(tuple(releasers), tuple(figures), tuple(released), tuple(clusters),
                                      tuple(events)))
    anchors = sorted(c for s in out_sides for c in s.clusters[:1]) or sorted(e for s in out_sides for e in s.events)
    date = _date_value(sides, when)
    location = next((parties.ref(r.data["location"]) for s in sides for r in s.events + s.named
                     if r.data.get("location")), None)
    events = [e for s in out_sides for e in s.events] + thanks + ([deal["event"]] if deal else [])
    why = (f"{evidence}; {len(articles)} article(s) report it"
           + (f", the two sides told together in {told} of them" if told > 1 else ""))
    exchange = Exchange(
        id=record_id("exchange", *anchors), date=date, sides=tuple(out_sides), deal=deal, location=location,
        mediators=tuple(mediators), events=tuple(dict.fromkeys(events)), articles=tuple(sorted(articles)), why=why,
    )
    members = {("article", a) for a in articles} | {("event", e) for e in exchange.events}
    members |= {("cluster", c) for s in out_sides for c in s.clusters}
    members |= {("entity", r.id) for s in out_sides for r in (*s.released_by, *s.released) if r.id}
    members |= {("entity", m.id) for m in mediators if m.id}
    return exchange, members


def _figures(conn, releases: list[Release]) -> list[dict[str, Any]]:
    """Return how many each release freed: its ``released`` figure's id, value, what it counts, and text."""
    ids = list(dict.fromkeys(f for r in releases if (f := (r.data.get("sizes") or {}).get("released"))))
    if not ids:
        return []
    f = schema.figures
    rows = {row.id: row.data for row in conn.execute(select(f.c.id, f.c.data).where(f.c.id.in_(ids)))}
    return [
        {"id": i, "value": rows[i].get("value"), "counted": rows[i].get("counted"),
         "text": (rows[i].get("span") or {}).get("text"), "article": rows[i].get("article")}
        for i in ids if i in rows
    ]


def _unique_refs(refs: list[EntityRef]) -> list[EntityRef]:
    seen, out = set(), []
    for ref in refs:
        key = ref.id or ref.name.lower()
        if ref.name and key not in seen:
            seen.add(key)
            out.append(ref)
    return out


def _date_value(sides: list[_Side], when: Interval | None) -> DateValue | None:
    if when is None:
        return None
    for side in sides:
        for r in side.events:
            if r.when == when:
                d = r.data["date"]
                value = d.get("value")
                if isinstance(value, dict):
                    return DateValue(None, d.get("granularity", "day"), d.get("text", ""),
                                     start=value.get("start"), end=value.get("end"), kind="range")
                return DateValue(value, d.get("granularity", "day"), d.get("text", ""))
    return None


def _sortable(date: DateValue | None) -> str | None:
    """Return the date as the store sorts it: the value (a range's start), a week as its Monday."""
    if date is None:
        return None
    raw = date.start if date.start is not None else date.value
    interval = point_of(raw)
    if interval is None:
        return None
    return interval.lo.isoformat() if interval.granularity == "week" else raw


def _excerpt(text: str, at: int, width: int = 80) -> str:
    """Return the words of ``text`` around ``at``, cut at word boundaries with an ellipsis."""
    start = max(0, at - width // 2)
    end = min(len(text), at + width // 2)
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < at else start
    if end < len(text):
        space = text.rfind(" ", at, end)
        end = space if space > at else end
    return ("…" if start > 0 else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def clear(conn: Connection) -> None:
    """Forget every exchange."""
    conn.execute(delete(schema.exchange_members))
    conn.execute(delete(schema.exchanges))

"""Synthetic news for the store and linking benchmarks: articles whose records point at their own words.

A stream of articles in publication order (``per_day`` a day), each with entity mentions, events,
figures and quotes (records.py dataclasses, every span holding the text it names), drawn so that the
store grows the way a news store does:

- people: a quarter of the names in an article are new (the vocabulary keeps growing: a store of
  100,000 articles names about 90,000 people); the rest are drawn with a bias towards names seen
  recently and towards the most named ones;
- organisations and places come from fixed lists (a few thousand, a few hundred), most named first;
- about a third of the events report a story of the last two days again (same type, participants and
  date), as several outlets do; the rest are new stories;
- figures: 30% are running tolls (one per measure and place, growing by a quarter a year, each of up to
  three claimants within 3% of the others), the rest the sizes of incidents (2 to 1,000).

``bulk_write`` stores a batch the way ``Store.write_result`` does (the same row shapes, from store/write.py)
but many articles per statement, already *linked* (entities canonical to themselves, events in their
story's cluster, tolls of 1,000 and more in a series per measure, place and factor of 4, other figures
alone; the ``series_index`` rows as linking writes them), so
a store of 100,000 articles builds in minutes; the linking benchmark then links fresh batches on top
with the real linker.
"""
from __future__ import annotations

import math
import random
from collections import deque
from datetime import date, timedelta
from typing import Any

FIRST = ("Amira Yusuf Lena Omar Dana Karim Nour Sami Rana Tariq Maya Adel Hana Ziad Layla Fadi Salma Rami "
         "Yara Nabil John Mary Peter Anna David Sarah Michael Elena Ivan Olga Pierre Marie Hans Greta Li Wei "
         "Kenji Yuki Carlos Lucia Ahmed Fatima Daniel Rachel Samuel Leah Victor Irina Paolo Chiara").split()
SYLLABLES = ("ha bar ka lim dor sen vel mar tor qui nas ler fen gor bel ran dim sol pek tav hun zor mel "
             "rik dan sho wel ber tin gal").split()
PLACES = [f"{a}{b}".capitalize() for a in ("al", "ber", "kar", "mos", "dor", "tel", "san", "vel", "nor", "qa",
                                           "ras", "jen", "bal", "sur", "hal", "lim", "oda", "tar", "zan", "gul")
          for b in ("a", "ia", "an", "ov", "ur", "esh", "ino", "at", "ville", "stan", "grad", "abad", "pur",
                    "dale", "mouth", "field", "ka", "isa", "ene", "ora")]
ORG_KINDS = ("Ministry of Health", "Red Crescent", "Foreign Ministry", "Army", "Police", "Party", "Union",
             "Bank", "Council", "Front", "Movement", "Commission", "University", "Agency", "Court")
MEASURES = ("killed", "wounded", "released", "detained", "displaced", "missing")
COUNTED = ("people", "civilians", "soldiers", "children", "prisoners", "residents")
TYPES = ("CONSULT", "RETREAT", "ASSAULT", "SUPPORT", "ACCUSE", "AGREE", "REQUEST", "AID", "COERCE", "REJECT")
VERBS = {"CONSULT": "met", "RETREAT": "released", "ASSAULT": "struck", "SUPPORT": "praised",
         "ACCUSE": "accused", "AGREE": "agreed with", "REQUEST": "urged", "AID": "sent aid to",
         "COERCE": "detained", "REJECT": "rejected"}
NEW_PERSON = 0.25
RETOLD = 0.33
TOLL_SHARE = 0.3
STORY_DAYS = 2


class _Text:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    def text(self) -> str:
        return "".join(self.parts)


class SyntheticNews:
    """Yields synthetic ArticleResults in publication order; ``result(i)`` is article number i."""

    def __init__(self, seed: int = 7, start: str = "2012-01-01", per_day: int = 20,
                 events: int = 6, figures: int = 3, quotes: int = 3) -> None:
        self.rng = random.Random(seed)
        self.start = date.fromisoformat(start)
        self.per_day, self.n_events, self.n_figures, self.n_quotes = per_day, events, figures, quotes
        self.people: list[str] = []
        self.orgs = [f"{p} {k}" for k in ORG_KINDS for p in PLACES][:3000]
        self.rng.shuffle(self.orgs)
        self.places = list(PLACES)
        self.rng.shuffle(self.places)
        self.stories: deque = deque(maxlen=400)  # recent stories: (type, actor, recipient, place, day, cluster)
        self._names: set[str] = set()

    # -- vocabulary -------------------------------------------------------------------------------

    def _skewed(self, pool: list[str]) -> str:
        return pool[int(len(pool) * self.rng.random() ** 3)]

    def _new_person(self) -> str:
        while True:
            surname = "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.choice((2, 3)))).capitalize()
            name = f"{self.rng.choice(FIRST)} {surname}"
            if name not in self._names:
                self._names.add(name)
                self.people.append(name)
                return name

    def person(self) -> str:
        if not self.people or self.rng.random() < NEW_PERSON:
            return self._new_person()
        if self.rng.random() < 0.5:
            recent = self.people[-3000:]
            return recent[int(len(recent) * (1 - self.rng.random() ** 2))]
        return self._skewed(self.people)

    # -- one article ------------------------------------------------------------------------------

    def day(self, i: int) -> date:
        return self.start + timedelta(days=i // self.per_day)

    def result(self, i: int, *, linked: bool = False):
        from newstrace.ids import article_id, entity_id, record_id
        from newstrace.records import (
            Article, ArticleResult, DateValue, Entity, EntityRef, Event, Figure, Mention, Quote, Span,
        )

        rng = self.rng
        today = self.day(i)
        b = _Text()
        mentions: dict[tuple[str, str], list[tuple[int, int]]] = {}

        def mention(name: str, type_: str) -> tuple[int, int]:
            span = b.add(name)
            mentions.setdefault((type_, name), []).append(span)
            return span

        def ref(type_: str, name: str) -> EntityRef:
            return EntityRef(entity_id(type_, name), name)

        b.add(f"Report {i} from the desk, {today.isoformat()}.\n\n")
        event_rows = []
        for k in range(self.n_events):
            if self.stories and rng.random() < RETOLD:
                story = self.stories[int(len(self.stories) * (1 - rng.random() ** 2))]
                etype, actor, target, place, when, cluster = story
                if (today - when).days > STORY_DAYS:
                    story = None
            else:
                story = None
            if story is None:
                etype = TYPES[rng.randrange(len(TYPES))]
                actor = ("ORG", self._skewed(self.orgs)) if rng.random() < 0.5 else ("PERSON", self.person())
                target = ("PERSON", self.person())
                place = self._skewed(self.places)
                when = today - timedelta(days=rng.choice((0, 0, 1)))
                cluster = None
            s0 = b.length
            mention(actor[1], actor[0])
            b.add(" ")
            trigger = b.add(VERBS[etype])
            b.add(" ")
            mention(target[1], target[0])
            b.add(" in ")
            mention(place, "GPE")
            b.add(f" on {when.isoformat()}, in the {k + 1}th development of the day. ")
            event_rows.append((etype, actor, target, place, when, trigger, (s0, b.length), story, cluster))
        figure_rows = []
        for k in range(self.n_figures):
            s0 = b.length
            place = self._skewed(self.places)
            if rng.random() < TOLL_SHARE:
                # a running toll: one per measure and place, growing over the years, each claimant
                # giving it within a few percent of the others
                measure = MEASURES[rng.randrange(4)]
                keyed = random.Random(f"{measure}|{place}")
                base = 10 ** keyed.uniform(3, 4.3)
                claimants = [self.orgs[int(300 * keyed.random() ** 2)] for _ in range(3)]
                claimant = claimants[rng.randrange(3)] if rng.random() < 0.7 else None
                years = (today - self.start).days / 365
                value = int(base * (1 + 0.25 * years) * rng.uniform(0.97, 1.03))
                counted = "people"
            else:  # the size of one incident
                measure = MEASURES[rng.randrange(len(MEASURES))]
                claimant = self._skewed(self.orgs) if rng.random() < 0.5 else None
                value = int(10 ** rng.uniform(0.3, 3))
                counted = COUNTED[rng.randrange(len(COUNTED))]
            if claimant:
                mention(claimant, "ORG")
                b.add(" said ")
            else:
                b.add("Officials said ")
            num = b.add(f"{value:,}")
            b.add(f" {counted} were {measure} in ")
            mention(place, "GPE")
            b.add(". ")
            figure_rows.append((value, measure, counted, place, claimant, num, (s0, b.length)))
        quote_rows = []
        for k in range(self.n_quotes):
            b.add("\u201c")
            content = b.add(f"We will keep working on this, case {k} of report {i}, with all partners")
            b.add(",\u201d ")
            speaker = self.person()
            mention(speaker, "PERSON")
            b.add(" said. ")
            quote_rows.append((speaker, content))
        text = b.text()
        aid = article_id(text)
        entities = [
            Entity(id=entity_id(t, n), type=t, name=n, rule="synthetic",
                   mentions=tuple(Mention(aid, Span.of(text, s, e)) for s, e in spans))
            for (t, n), spans in mentions.items()
        ]
        events = []
        for etype, actor, target, place, when, trig, sent, story, cluster in event_rows:
            event_id = record_id("event", aid, *trig)
            if cluster is None:
                cluster = record_id("cluster", event_id)
                self.stories.append((etype, actor, target, place, when, cluster))
            events.append(Event(
                id=event_id, article=aid, type=etype, mode=None, context=None, cameo="040",
                actors=(ref(*actor),), recipients=(ref(*target),), location=ref("GPE", place),
                date=DateValue(when.isoformat(), "day", when.isoformat()), factuality="asserted",
                reported_by=None, trigger=Span.of(text, *trig), sentence=Span.of(text, *sent),
                confidence=0.7, why="synthetic", cluster=cluster if linked else None,
            ))
        figures = []
        for value, measure, counted, place, claimant, num, sent in figure_rows:
            figure_id = record_id("figure", aid, *num)
            # bulk linking: a toll's series per measure, place and factor of 4; an incident alone
            series = (f"se_{measure}_{place}_{math.frexp(value)[1] // 2}" if value >= 1000
                      else record_id("series", figure_id))
            figures.append(Figure(
                id=figure_id, article=aid, value=float(value), low=None, high=None, qualifier="exact",
                measure=measure, counted=counted, span=Span.of(text, *num), sentence=Span.of(text, *sent),
                location=ref("GPE", place), as_of=DateValue(today.isoformat(), "day", "today"),
                claimed_by=ref("ORG", claimant) if claimant else None, confidence=0.7, rule="synthetic",
                series=series if linked else None,
            ))
        quotes = [
            Quote(id=record_id("quote", aid, *content), article=aid, speaker=ref("PERSON", speaker),
                  speaker_text=speaker, speaker_span=None, cue="said", cue_span=None,
                  content=Span.of(text, *content), direct=True, confidence=0.7, rule="synthetic")
            for speaker, content in quote_rows
        ]
        article = Article(id=aid, text=text, title=f"Report {i}", source=f"Outlet {i % 40}",
                          published=today.isoformat(), origin=f"synthetic:{i}")
        return ArticleResult(article=article, entities=entities, events=events, figures=figures, quotes=quotes)


class BulkWriter:
    """Writes synthetic results many per statement, already linked (see the module docstring)."""

    def __init__(self, store) -> None:
        from newstrace.link.figures import clear  # noqa: F401 - the store has the series_index table

        self.store = store
        self.entities: set[str] = set()
        self.clusters: dict[str, dict[str, Any]] = {}
        # series id -> measure, places, latest (when, figure id, value): what linking's series_index holds
        self.series: dict[str, dict[str, Any]] = {}
        self.touched: set[str] = set()

    def write(self, results: list) -> None:
        from sqlalchemy import insert

        from newstrace.store import schema as S
        from newstrace.store.write import (
            _entity_data, _event_entity_rows, insert_ignoring_duplicates, now_utc, sortable_date,
        )

        from newstrace.link.entities import index_keys
        from newstrace.link.entity_index import key_text

        articles, entities, mentions, events, links, figures, quotes = [], [], [], [], [], [], []
        keys: list[dict[str, str]] = []
        stamp = now_utc()
        for r in results:
            a = r.article
            articles.append({"id": a.id, "title": a.title, "source": a.source, "byline": a.byline,
                             "url": a.url, "published": a.published, "language": a.language,
                             "length": len(a.text), "origin": a.origin, "text": a.text, "meta": a.meta,
                             "ingested_at": stamp, "linked": 1})
            for e in r.entities:
                if e.id not in self.entities:
                    self.entities.add(e.id)
                    entities.append({"id": e.id, "type": e.type, "name": e.name, "actor_code": e.actor_code,
                                     "canonical_id": e.id, "data": _entity_data(e)})
                    # the blocking keys linking keeps for a canonical entity (entity_keys)
                    keys.extend({"key": key_text(k), "canonical_id": e.id} for k in index_keys(e.id, e.type, e.name))
                mentions.extend({"entity_id": e.id, "article_id": m.article, "start": m.span.start,
                                 "end": m.span.end, "text": m.span.text} for m in e.mentions)
            for e in r.events:
                events.append({"id": e.id, "article_id": a.id, "type": e.type, "mode": e.mode,
                               "cameo": e.cameo, "factuality": e.factuality, "date": sortable_date(e.date),
                               "cluster_id": e.cluster, "position": e.trigger.start, "data": e.to_dict()})
                links.extend(_event_entity_rows(e))
                c = self.clusters.setdefault(e.cluster, {
                    "id": e.cluster, "type": e.type, "date": sortable_date(e.date),
                    "data": {"kind": "cluster", "id": e.cluster, "type": e.type,
                             "date": e.date.to_dict() if e.date else None,
                             "actors": [x.to_dict() for x in e.actors],
                             "recipients": [x.to_dict() for x in e.recipients], "events": [],
                             "why": "synthetic"}})
                c["data"]["events"].append(e.id)
            for f in r.figures:
                if f.series:
                    entry = self.series.setdefault(f.series, {"measure": f.measure, "places": set(), "latest": None})
                    entry["places"].add(f.location.id)
                    latest = (a.published, f.id, f.value)
                    if entry["latest"] is None or latest[:2] > entry["latest"][:2]:
                        entry["latest"] = latest
                    self.touched.add(f.series)
                figures.append({"id": f.id, "article_id": a.id, "measure": f.measure, "value": f.value,
                                "as_of": sortable_date(f.as_of),
                                "claimed_by_id": f.claimed_by.id if f.claimed_by else None,
                                "series_id": f.series, "position": f.span.start, "data": f.to_dict()})
            for q in r.quotes:
                quotes.append({"id": q.id, "article_id": a.id, "speaker_id": q.speaker.id if q.speaker else None,
                               "position": q.content.start, "data": q.to_dict()})
        with self.store.write_transaction() as conn:
            if entities:  # a name may have come in since through Store.write_result: keep that row
                conn.execute(insert_ignoring_duplicates(conn, S.entities), entities)
            if keys:  # only for rows written here: a row stored by Store.write_result was linked by linking
                from sqlalchemy import select
                ids = {k["canonical_id"] for k in keys}
                taken = set(conn.execute(select(S.entities.c.id).where(
                    S.entities.c.id.in_(ids), S.entities.c.canonical_id != S.entities.c.id)).scalars())
                keys = [k for k in keys if k["canonical_id"] not in taken]
                if keys:
                    conn.execute(insert_ignoring_duplicates(conn, S.entity_keys), keys)
            for table, rows in ((S.articles, articles), (S.mentions, mentions), (S.events, events),
                                (S.event_entities, links), (S.figures, figures), (S.quotes, quotes)):
                if rows:
                    conn.execute(insert(table), rows)

    def flush(self, still_open: set[str]) -> None:
        """Write the cluster rows of the events written so far (replacing those written before), and
        the series_index rows of the series (as linking keeps them); then forget the clusters no later
        article can retell (not in ``still_open``) and the series no later figure joins (singletons)."""
        from sqlalchemy import delete, insert

        from newstrace.link.figures import magnitude
        from newstrace.store import schema as S
        from newstrace.store.write import insert_ignoring_duplicates

        with self.store.write_transaction() as conn:
            if self.clusters:
                rows = list(self.clusters.values())
                ids = [r["id"] for r in rows]
                for start in range(0, len(ids), 500):
                    conn.execute(delete(S.clusters).where(S.clusters.c.id.in_(ids[start:start + 500])))
                conn.execute(insert(S.clusters), rows)
            touched = sorted(self.touched)
            for start in range(0, len(touched), 500):
                conn.execute(delete(S.series_index).where(S.series_index.c.series_id.in_(touched[start:start + 500])))
            rows = [{"measure": m, "unit": "", "place": "*", "magnitude": 0, "series_id": "", "latest": None}
                    for m in MEASURES]
            for sid in touched:
                entry = self.series[sid]
                mag = magnitude(entry["latest"][2])
                rows += [{"measure": entry["measure"], "unit": "", "place": f"{kind}:{place}", "magnitude": mag,
                          "series_id": sid, "latest": (entry["latest"][0] or "")[:10] or None}
                         for place in entry["places"] for kind in ("L", "P")]
            conn.execute(insert_ignoring_duplicates(conn, S.series_index), rows)
        self.clusters = {k: v for k, v in self.clusters.items() if k in still_open}
        self.series = {k: v for k, v in self.series.items() if k.startswith("se_") and "_" in k[3:]}
        self.touched = set()

"""Web UI and API response times on a store of ~100,000 records.

Usage: python benchmarks/bench_web.py [--articles 2000] [--repeat 25] [--db PATH]

Builds (or reuses, with --db pointing at an existing file) a SQLite store of synthetic articles written
through ``Store.write_result``: per article 20 entity mentions, 12 events, 10 figures and 8 quotes (50
records; 2,000 articles give 100,000), plus figure series, conflicts and clusters as linking records
them. Then serves it with uvicorn on a free port and times each page and main API endpoint over
repeated requests with one keep-alive HTTP client. Prints one JSON object: per path the median and p95
in milliseconds, and whether the slowest page stays under the 300 ms target.
"""
from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

TARGET_MS = 300.0
PLACES = ["Rafah", "Khan Yunis", "Gaza City", "Jenin", "Nablus", "Hebron", "Ramallah", "Tulkarm", "Doha",
          "Cairo", "Amman", "Beirut", "Tyre", "Sidon", "Aleppo", "Idlib", "Kharkiv", "Sumy", "Odesa", "Dnipro"]
GROUPS = ["Hamas", "Islamic Jihad", "Hezbollah", "the Red Crescent", "the United Nations", "UNRWA",
          "the World Health Organization", "the health ministry", "the foreign ministry", "the army"]
MEASURES = ["killed", "wounded", "released", "detained", "displaced", "missing"]
TYPES = ["CONSULT", "RETREAT", "ASSAULT", "SUPPORT", "ACCUSE", "AGREE", "REQUEST", "AID", "COERCE", "REJECT"]
VERBS = {"CONSULT": "met", "RETREAT": "released", "ASSAULT": "struck", "SUPPORT": "praised", "ACCUSE": "accused",
         "AGREE": "agreed with", "REQUEST": "urged", "AID": "sent aid to", "COERCE": "detained", "REJECT": "rejected"}
FIRST = ["Amira", "Yusuf", "Lena", "Omar", "Dana", "Karim", "Nour", "Sami", "Rana", "Tariq", "Maya", "Adel",
         "Hana", "Ziad", "Layla", "Fadi", "Salma", "Rami", "Yara", "Nabil"]
LAST = ["Haddad", "Khalil", "Nasser", "Saleh", "Aziz", "Mansour", "Qasem", "Hamdan", "Barakat", "Darwish",
        "Farah", "Jaber", "Karam", "Lutfi", "Mahmoud"]


class TextBuilder:
    """Appends text and returns the character span of each piece, so every record points at its words."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    @property
    def text(self) -> str:
        return "".join(self.parts)


def synthetic_result(i: int, rng: random.Random, people: list[str]):
    """Return one synthetic ArticleResult with 50 records whose spans hold the text they name."""
    from newstrace.ids import article_id, entity_id, record_id
    from newstrace.records import (
        Article, ArticleResult, DateValue, Entity, EntityRef, Event, Figure, Mention, Quote, Span,
    )

    day = f"2024-{1 + i % 12:02d}-{1 + (i * 7) % 28:02d}"
    b = TextBuilder()
    mentions: dict[tuple[str, str], list[tuple[int, int]]] = {}

    def mention(name: str, type_: str) -> tuple[int, int]:
        span = b.add(name)
        mentions.setdefault((type_, name), []).append(span)
        return span

    sentences = []
    for k in range(12):  # one event per sentence; figures and quotes ride along
        s_start = b.length
        actor = rng.choice(GROUPS[:6]) if k % 2 else rng.choice(people)
        a_type = "ORG" if actor in GROUPS else "PERSON"
        mention(actor, a_type)
        b.add(" ")
        etype = TYPES[(i + k) % len(TYPES)]
        trigger = b.add(VERBS[etype])
        b.add(" ")
        target = rng.choice(people)
        mention(target, "PERSON")
        b.add(" in ")
        place = rng.choice(PLACES)
        mention(place, "GPE")
        b.add(f" on day {k} of report {i}. ")
        sentences.append((etype, actor, a_type, target, place, trigger, (s_start, b.length)))
    figure_spans = []
    for k in range(10):
        s_start = b.length
        b.add("Officials said ")
        value = rng.randint(3, 60000)
        num = b.add(f"{value:,}")
        measure = MEASURES[k % len(MEASURES)]
        b.add(f" people were {measure} in ")
        mention(rng.choice(PLACES), "GPE")
        b.add(". ")
        figure_spans.append((value, measure, num, (s_start, b.length)))
    quote_spans = []
    for k in range(8):
        s_start = b.length
        b.add("“")
        content = b.add(f"We will keep working on case {k} of report {i} with all partners")
        b.add(",” ")
        speaker = rng.choice(people)
        mention(speaker, "PERSON")
        b.add(" said. ")
        quote_spans.append((speaker, content, (s_start, b.length)))
    text = b.text
    aid = article_id(text)
    entities = {
        (t, n): Entity(id=entity_id(t, n), type=t, name=n,
                       mentions=tuple(Mention(aid, Span.of(text, s, e)) for s, e in spans), rule="bench")
        for (t, n), spans in mentions.items()
    }

    def ref(type_: str, name: str):
        return EntityRef(entity_id(type_, name), name)

    date = DateValue(day, "day", "on day")
    events = [
        Event(id=record_id("event", aid, *trig), article=aid, type=etype, mode=None, context=None, cameo="040",
              actors=(ref(a_type, actor),), recipients=(ref("PERSON", target),), location=ref("GPE", place),
              date=date, factuality="asserted", reported_by=None, trigger=Span.of(text, *trig),
              sentence=Span.of(text, *sent), confidence=0.7, why="bench",
              cluster=f"cl_bench_{(i // 4) * 12 + k}" if i % 4 == 0 or i % 4 == 1 else None)
        for k, (etype, actor, a_type, target, place, trig, sent) in enumerate(sentences)
    ]
    figures = [
        Figure(id=record_id("figure", aid, *num), article=aid, value=float(value), low=None, high=None,
               qualifier="exact", measure=measure, counted="people", span=Span.of(text, *num),
               sentence=Span.of(text, *sent), as_of=date, claimed_by=None, confidence=0.7, rule="bench",
               series=f"se_bench_{measure}_{i % 50}")
        for value, measure, num, sent in figure_spans
    ]
    quotes = [
        Quote(id=record_id("quote", aid, *content), article=aid, speaker=ref("PERSON", speaker),
              speaker_text=speaker, speaker_span=None, cue="said", cue_span=None, content=Span.of(text, *content),
              direct=True, confidence=0.7, rule="bench")
        for speaker, content, sent in quote_spans
    ]
    article = Article(id=aid, text=text, title=f"Report {i}: talks and strikes across the region",
                      source=f"Outlet {i % 25}", published=day, origin=f"bench:{i}")
    return ArticleResult(article=article, entities=list(entities.values()), events=events, figures=figures,
                         quotes=quotes)


def build_store(db: Path, n_articles: int) -> dict:
    from sqlalchemy import func, insert, select

    from newstrace.store import open_store
    from newstrace.store import schema as S

    rng = random.Random(7)
    people = [f"{f} {last}" for f in FIRST for last in LAST][:300]
    started = time.perf_counter()
    store = open_store(str(db))
    for i in range(n_articles):
        store.write_result(synthetic_result(i, rng, people))
    with store.engine.begin() as conn:
        clusters = conn.execute(select(S.events.c.cluster_id, func.min(S.events.c.type), func.min(S.events.c.date))
                                .where(S.events.c.cluster_id.is_not(None)).group_by(S.events.c.cluster_id)).all()
        conn.execute(insert(S.clusters), [
            {"id": cid, "type": t, "date": d,
             "data": {"kind": "cluster", "id": cid, "type": t, "date": {"value": d, "granularity": "day", "text": d},
                      "actors": [], "recipients": [], "events": [], "why": "bench"}}
            for cid, t, d in clusters])
        pairs = conn.execute(select(S.figures.c.series_id, func.min(S.figures.c.id), func.max(S.figures.c.id))
                             .group_by(S.figures.c.series_id)).all()
        conn.execute(insert(S.conflicts), [
            {"id": f"co_bench_{k}", "relation": "contradicts", "series_id": sid,
             "data": {"kind": "conflict", "id": f"co_bench_{k}", "figures": [lo, hi], "relation": "contradicts",
                      "explanation": "two reports give different numbers", "series": sid}}
            for k, (sid, lo, hi) in enumerate(pairs)])
    counts = store.counts()
    with store.engine.connect() as conn:
        counts["mentions"] = conn.execute(select(func.count()).select_from(S.mentions)).scalar_one()
    store.close()
    counts["build_seconds"] = round(time.perf_counter() - started, 1)
    return counts


def serve(db: Path):
    import uvicorn

    from newstrace.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def time_paths(base: str, paths: list[str], repeat: int) -> dict[str, dict[str, float]]:
    import httpx

    out = {}
    with httpx.Client(base_url=base, timeout=60) as client:
        for path in paths:
            for _ in range(2):  # warm caches the way a user's second click would find them
                assert client.get(path).status_code == 200, path
            times = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, path
            times.sort()
            out[path] = {"median_ms": round(statistics.median(times), 1),
                         "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 1),
                         "bytes": len(response.content)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=25)
    parser.add_argument("--db", type=Path, default=None, help="Reuse (or create) the store at this path.")
    args = parser.parse_args()

    import httpx

    tmp = tempfile.TemporaryDirectory(prefix="newstrace-bench-web-")
    db = args.db or Path(tmp.name) / "bench.db"
    built = build_store(db, args.articles) if not db.exists() else {"reused": str(db)}
    server, base = serve(db)
    try:
        first = httpx.get(f"{base}/api/articles", params={"limit": 1}).json()["items"][0]["id"]
        top = httpx.get(f"{base}/api/entities", params={"limit": 1}).json()["items"][0]["id"]
        series = httpx.get(f"{base}/api/series", params={"limit": 1}).json()["items"][0]["id"]
        event = httpx.get(f"{base}/api/events", params={"limit": 1}).json()["items"][0]["id"]
        pages = ["/", "/articles", f"/articles/{first}", "/entities", f"/entities/{top}", "/timeline",
                 f"/timeline?entity={top}", "/timeline?type=ASSAULT&since=2024-06-01&until=2024-06-30",
                 f"/events/{event}", "/figures", f"/series/{series}", "/conflicts", "/quotes",
                 "/search?q=Rafah"]
        api = ["/api/counts", "/api/articles", f"/api/articles/{first}", "/api/entities", f"/api/entities/{top}",
               "/api/events", f"/api/events?entity={top}", "/api/events?type=ASSAULT&since=2024-06-01",
               "/api/events?q=Rafah", "/api/figures?type=killed", "/api/quotes", "/api/conflicts",
               f"/api/series/{series}", "/api/clusters", "/api/events?limit=50&offset=20000"]
        page_times = time_paths(base, pages, args.repeat)
        api_times = time_paths(base, api, args.repeat)
    finally:
        server.should_exit = True
    slowest = max(v["p95_ms"] for v in page_times.values())
    print(json.dumps({
        "benchmark": "web", "store": built, "repeat": args.repeat, "pages": page_times, "api": api_times,
        "slowest_page_p95_ms": slowest, "target_ms": TARGET_MS, "under_target": slowest < TARGET_MS,
    }, indent=1))


if __name__ == "__main__":
    main()

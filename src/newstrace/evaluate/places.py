"""``newstrace eval places PATH``: country, region (admin1) and city accuracy of places, and event dates.

Two kinds of labeled data:

- **re3d** (a directory of re3d source folders, ``../shared/gold/entities/re3d``): every Location mention
  whose name the labels of ``evaluate/data/places_re3d.tsv`` cover (written for newstrace by hand: the
  country, region and city each name denotes) is looked up among the place mentions newstrace resolves
  in that document (the one overlapping it most). A mention newstrace does not resolve counts as wrong.
  ``baseline_*`` scores a plain name search: the gazetteer entry of the written name, by population
  alone, without the article's context (so without the small towns, which need it). Where the labeled
  name covers several of ours ("Berlin, Germany"), the finest is scored (Berlin).
- **events** (a JSON Lines file, one article a line: ``text``, ``published``, ``events``): each labeled
  event names its ``trigger`` (the word, ``occurrence`` counting from 0 when it recurs) and any of
  ``country``, ``admin1``, ``city`` and ``date`` (YYYY[-MM[-DD]]; for an event the text does not date,
  the publication date and ``"granularity": "reported"``). The event newstrace codes at that trigger
  is scored; a labeled event newstrace does not code counts as wrong. An article's optional ``genre``
  ("press-release", "syria") gives the same scores per genre under ``by_genre``.

Accuracy = right / labeled, per field, over the labels that give that field.
"""
from __future__ import annotations

import json
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import EvalFormatError
from ..geo.gazetteer import GazEntry, fold, load_gazetteer
from .entities import re3d_documents

FIELDS = ("country", "admin1", "city")
_FINER = {"landmark": 3, "city": 3, "admin1": 2, "country": 1}


def load_labels() -> dict[str, dict[str, str]]:
    """Return the re3d place labels: folded name -> {country, admin1, city} (empty fields dropped)."""
    text = resources.files("newstrace.evaluate").joinpath("data", "places_re3d.tsv").read_text(encoding="utf-8")
    labels = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 4:
            raise EvalFormatError(f"evaluate/data/places_re3d.tsv line {n}: expected 4 tab-separated fields")
        name, country, admin1, city = parts
        labels[fold(name)] = {k: v for k, v in (("country", country), ("admin1", admin1), ("city", city)) if v}
    return labels


def city_matches(entry: GazEntry | None, name: str | None, label: dict[str, str]) -> bool:
    """Return True when a resolved place is the labeled city (by its names, or by the gazetteer entry the
    labeled name has in the labeled country)."""
    if entry is None or entry.feature not in ("city", "landmark"):
        return False
    want = fold(label["city"])
    if want in (fold(entry.name), fold(name or "")):
        return True
    same = [e for e in load_gazetteer().lookup(label["city"]) if e.country == label["country"] and e.feature == "city"]
    return any(e.id == entry.id for e in same)


class _Tally:
    def __init__(self) -> None:
        self.right: dict[str, int] = defaultdict(int)
        self.total: dict[str, int] = defaultdict(int)

    def score(self, field: str, ok: bool) -> None:
        self.total[field] += 1
        self.right[field] += int(ok)

    def accuracy(self, field: str) -> float:
        return self.right[field] / self.total[field] if self.total[field] else 0.0


def _score_place(tally: _Tally, prefix: str, entry: GazEntry | None, name: str | None, label: dict[str, str]) -> None:
    for field in FIELDS:
        if field not in label:
            continue
        if field == "city":
            ok = city_matches(entry, name, label)
        elif field == "country":
            ok = entry is not None and entry.country == label["country"]
        else:
            ok = entry is not None and entry.admin1 == label["admin1"]
        tally.score(prefix + field, ok)


def evaluate(path: Path, limit: int | None = None) -> dict[str, Any]:
    """Return place (and, for an events file, date) accuracy on the labeled data at ``path``."""
    path = Path(path)
    if path.is_dir():
        return _evaluate_re3d(path, limit)
    if path.suffix in (".jsonl", ".json"):
        return _evaluate_events(path, limit)
    raise EvalFormatError(f"{path}: expected a directory of re3d source folders or a .jsonl file of labeled events")


def _evaluate_re3d(path: Path, limit: int | None) -> dict[str, Any]:
    from ..extract.entities import extract_entities
    from ..extract.layout import find_dateline
    from ..geo import PlaceResolver, place_mentions
    from ..nlp import load_nlp
    from ..pipeline import Context
    from ..records import Article

    labels = load_labels()
    docs = _re3d_locations(path)[: limit or None]
    nlp = load_nlp()
    tally, mentions_scored = _Tally(), 0
    bare = PlaceResolver("")
    for (text, gold), doc in zip(docs, nlp.pipe([t for t, _ in docs], batch_size=8)):
        ctx = Context(article=Article(id="re3d", text=text), doc=doc)
        ctx.entities = extract_entities(doc, context=ctx)
        ours = place_mentions(doc, ctx, text=text, dateline=find_dateline(text))
        for start, end, value in gold:
            label = labels.get(fold(value))
            if label is None:
                continue
            mentions_scored += 1
            overlapping = [m for m in ours if m.span.start < end and start < m.span.end and m.entry is not None]
            # the finest place the labeled name covers: "Berlin, Germany" names Berlin
            best = max(overlapping, key=lambda m: (_FINER.get(m.entry.feature, 0),
                                                   min(m.span.end, end) - max(m.span.start, start)), default=None)
            _score_place(tally, "", best.entry if best else None, best.name if best else None, label)
            _score_place(tally, "baseline_", bare.resolve(value), value, label)
    out: dict[str, Any] = {"kind": "re3d", "n_docs": len(docs), "mentions": mentions_scored}
    for field in FIELDS:
        out[f"{field}_accuracy"] = round(tally.accuracy(field), 4)
        out[f"baseline_{field}_accuracy"] = round(tally.accuracy("baseline_" + field), 4)
        out[f"{field}_labeled"] = tally.total[field]
    return out


def _re3d_locations(path: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Return (text, sorted Location spans with their text) per re3d document under ``path``."""
    return re3d_documents(path, lambda ent: ent["value"] if ent.get("type") == "Location" else None)


def read_event_labels(path: Path) -> list[dict[str, Any]]:
    """Return the articles of a labeled-events file, checked."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalFormatError(f"{path}:{n}: not a JSON object ({exc.msg})") from None
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not isinstance(item.get("events"), list):
            raise EvalFormatError(f"{path}:{n}: expected an object with 'text' and a list 'events'")
        for ev in item["events"]:
            if not isinstance(ev, dict) or not isinstance(ev.get("trigger"), str):
                raise EvalFormatError(f"{path}:{n}: each event needs a 'trigger' word")
            if ev["trigger"] not in item["text"]:
                raise EvalFormatError(f"{path}:{n}: trigger {ev['trigger']!r} is not in the text")
        out.append(item)
    return out


def _trigger_start(text: str, word: str, occurrence: int) -> int:
    start = -1
    for _ in range(occurrence + 1):
        start = text.find(word, start + 1)
        if start < 0:
            break
    return start


def _evaluate_events(path: Path, limit: int | None) -> dict[str, Any]:
    from ..ids import article_id
    from ..nlp import load_nlp
    from ..pipeline import extract_articles
    from ..records import Article

    items = read_event_labels(path)[: limit or None]
    articles = [Article(id=article_id(it["text"]), text=it["text"], title=it.get("title", ""),
                        published=it.get("published")) for it in items]
    tally = _Tally()
    by_genre: dict[str, _Tally] = defaultdict(_Tally)
    labeled = found = 0
    asserted = dated = 0
    for item, result in zip(items, extract_articles(articles, nlp=load_nlp())):
        for event in result.events:
            if event.factuality == "asserted":
                asserted += 1
                dated += int(event.date is not None and event.date.resolved)
        for gold in item["events"]:
            labeled += 1
            start = _trigger_start(item["text"], gold["trigger"], int(gold.get("occurrence", 0)))
            ours = [e for e in result.events if e.trigger.start <= start < e.trigger.end]
            event = ours[0] if ours else None
            found += int(event is not None)
            place = event.location if event is not None else None
            entry = _entry_of(place)
            label = {k: gold[k] for k in FIELDS if gold.get(k)}
            tallies = [tally] + ([by_genre[item["genre"]]] if item.get("genre") else [])
            if label:
                for t in tallies:
                    _score_place(t, "", entry, getattr(place, "name", None), label)
            if gold.get("date"):
                value = event.date.value if event is not None and event.date is not None else None
                ok = value == gold["date"]
                if ok and gold.get("granularity") == "reported":
                    ok = event.date.granularity == "reported"
                for t in tallies:
                    t.score("date", ok)
    out: dict[str, Any] = {"kind": "events", "n_docs": len(items), "events_labeled": labeled,
                           "events_found": found,
                           "asserted_dated": round(dated / asserted, 4) if asserted else 0.0}
    for field in (*FIELDS, "date"):
        out[f"{field}_accuracy"] = round(tally.accuracy(field), 4)
        out[f"{field}_labeled"] = tally.total[field]
    if by_genre:
        out["by_genre"] = {genre: {f"{field}_accuracy": round(t.accuracy(field), 4) for field in (*FIELDS, "date")
                                   if t.total[field]} | {"events_labeled": max(t.total.values(), default=0)}
                           for genre, t in sorted(by_genre.items())}
    return out


def _entry_of(place) -> GazEntry | None:
    """Return a gazetteer-like view of an event's Place (None when it has no country)."""
    if place is None or getattr(place, "country", None) is None:
        return None
    return GazEntry(place.gazetteer or "", place.name, place.country, "", place.admin1, place.lat, place.lon,
                    place.feature or "")

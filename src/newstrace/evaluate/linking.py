"""``newstrace eval linking PATH``: cross-article entity and event coreference on the MEANTIME format.

MEANTIME (NewsReader) keeps one XML file per article in topic folders (``corpus_*``): the tokens
(``<token t_id sentence number>``, no character offsets), then ``<Markables>`` with ENTITY_MENTION and
EVENT_MENTION (their tokens), the TIMEX3 that gives the article's creation time, and the instances
ENTITY / EVENT, whose ``instance_id`` is shared by every article of the topic that refers to the same
thing; ``<Relations>`` REFERS_TO ties mentions to their instance.

The text of each article is rebuilt from its tokens (title, date line, body), the whole pipeline runs on
it, the articles are stored in a temporary SQLite store and linked there exactly as ``newstrace ingest``
links them (one topic per store: a topic is one stream of news). Then:

- entities: every gold *named* mention (``syntactic_type="NAM"``) of a person, organisation or place is
  matched with the entity mention of ours at its head (``_match``); its
  predicted cluster is the canonical entity, its gold cluster the instance (or, for an instance of one
  article only, the mention's own within-article entity);
- events: every gold event mention that has a cross-article instance is matched with the event of ours
  whose trigger overlaps it; its predicted cluster is the event's cluster.

On the matched mentions: pairwise P/R/F1 over pairs of mentions in *different* articles (a pair is
predicted when both have the same predicted cluster, gold when both have the same gold cluster), and
B-cubed P/R/F1 over all matched mentions. ``mention_recall`` says how many gold mentions were matched at
all; ``pairwise_recall_all`` counts the gold cross-article pairs of unmatched mentions as missed too.
"""
from __future__ import annotations

import tempfile
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from ..errors import EvalFormatError

ENTITY_TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}
# No space before these tokens when the text is rebuilt, none after the opening ones.
_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", ")", "]", "?", "!", "%", "'s", "’s", "n't", "'", "'re", "'ve",
                              "'ll", "'d", "'m"})
_NO_SPACE_AFTER = frozenset({"(", "[", "$", "“"})


@dataclass(slots=True)
class GoldMention:
    """One gold mention: its article, character span in the rebuilt text, gold cluster and kind."""

    article: str
    start: int
    end: int
    cluster: str
    kind: str  # "entity" or "event"
    type: str = ""
    text: str = ""


@dataclass(slots=True)
class GoldArticle:
    """One MEANTIME article rebuilt: id, title, text, publication date and its gold mentions."""

    id: str
    topic: str
    title: str
    text: str
    published: str | None
    mentions: list[GoldMention] = field(default_factory=list)


def read_article(path: Path, topic: str) -> GoldArticle:
    """Return the article of one MEANTIME XML file with its named entity and event mentions."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise EvalFormatError(f"{path}: not a readable MEANTIME XML file ({exc})") from None
    doc_id = root.get("doc_id") or path.stem
    tokens = root.findall("token")
    if not tokens:
        raise EvalFormatError(f"{path}: no <token> elements; expected a MEANTIME document")
    spans: dict[str, tuple[int, int]] = {}
    parts: list[str] = []
    length = 0
    previous_sentence = None
    previous_text = ""
    title_end = 0
    for tok in tokens:
        text = tok.text or ""
        sentence = tok.get("sentence")
        if previous_sentence is not None:
            if sentence != previous_sentence:
                # title and date line stand on lines of their own, the body is one paragraph
                sep = "\n\n" if previous_sentence in ("0", "1") else " "
                if previous_sentence == "0":
                    title_end = length
            elif text in _NO_SPACE_BEFORE or previous_text in _NO_SPACE_AFTER:
                sep = ""
            else:
                sep = " "
            parts.append(sep)
            length += len(sep)
        spans[tok.get("t_id")] = (length, length + len(text))
        parts.append(text)
        length += len(text)
        previous_sentence, previous_text = sentence, text
    full = "".join(parts)
    markables = root.find("Markables")
    relations = root.find("Relations")
    if markables is None or relations is None:
        raise EvalFormatError(f"{path}: no <Markables> or <Relations>; expected a MEANTIME document")
    published = None
    for timex in markables.findall("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            published = (timex.get("value") or "")[:10] or None
    instances: dict[str, tuple[str, str, str]] = {}  # m_id -> (kind, instance id, type)
    for tag, kind in (("ENTITY", "entity"), ("EVENT", "event")):
        for inst in markables.findall(tag):
            instances[inst.get("m_id")] = (kind, inst.get("instance_id") or "", inst.get("ent_type") or "")
    refers: dict[str, str] = {}
    for rel in relations.findall("REFERS_TO"):
        target = rel.find("target")
        if target is None:
            continue
        for source in rel.findall("source"):
            refers[source.get("m_id")] = target.get("m_id")
    article = GoldArticle(doc_id, topic, full[:title_end] if title_end else "", full, published)
    for tag, kind in (("ENTITY_MENTION", "entity"), ("EVENT_MENTION", "event")):
        for mention in markables.findall(tag):
            if kind == "entity" and mention.get("syntactic_type") != "NAM":
                continue
            target = refers.get(mention.get("m_id"))
            if target is None or target not in instances:
                continue
            _, instance, type_ = instances[target]
            if kind == "entity" and type_ not in ENTITY_TYPES:
                continue
            if kind == "event" and not instance:
                continue  # an event of this article only: no cross-article link to find
            anchors = [spans[a.get("t_id")] for a in mention.findall("token_anchor") if a.get("t_id") in spans]
            if not anchors:
                continue
            start, end = min(s for s, _ in anchors), max(e for _, e in anchors)
            cluster = instance or f"{doc_id}#{target}"
            article.mentions.append(GoldMention(doc_id, start, end, cluster, kind,
                                                ENTITY_TYPES.get(type_, type_), full[start:end]))
    return article


def load_meantime(path: Path) -> dict[str, list[GoldArticle]]:
    """Return the articles of each topic folder under ``path`` (or of ``path`` itself when it holds the
    XML files), in file-name order."""
    path = Path(path)
    folders = sorted(p for p in path.iterdir() if p.is_dir() and any(p.glob("*.xml"))) if path.is_dir() else []
    if not folders and path.is_dir() and any(path.glob("*.xml")):
        folders = [path]
    if not folders:
        raise EvalFormatError(f"{path}: no folder of MEANTIME .xml files found")
    return {folder.name: [read_article(f, folder.name) for f in sorted(folder.glob("*.xml"))] for folder in folders}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _match(gold: list[GoldMention], predicted: list[tuple[int, int, str]]) -> list[tuple[GoldMention, str]]:
    """Return (gold mention, predicted cluster) for each gold mention whose head some predicted span
    overlaps. A gold mention may be a whole noun phrase ("the US airframer Boeing", "Mobile, Alabama"): its
    head is taken as the part before the first comma, and in it the name that ends last (English noun
    phrases end with their head)."""
    out = []
    for g in gold:
        comma = g.text.find(", ")
        head = (g.start, g.start + comma) if comma > 0 else (g.start, g.end)
        best = None
        for start, end, cluster in predicted:
            ov = _overlap(head, (start, end))
            if ov <= 0:
                continue
            key = (min(end, head[1]), ov, -abs((end - start) - (head[1] - head[0])))
            if best is None or key > best[0]:
                best = (key, cluster)
        if best is not None:
            out.append((g, best[1]))
    return out


def _prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _gold_cross_pairs(mentions: list[GoldMention]) -> int:
    by_cluster: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        by_cluster[m.cluster][m.article] += 1
    total = 0
    for per_article in by_cluster.values():
        n = sum(per_article.values())
        total += (n * n - sum(c * c for c in per_article.values())) // 2
    return total


def score(matched: list[tuple[GoldMention, str]], all_gold: list[GoldMention]) -> dict[str, Any]:
    """Return pairwise (cross-article) and B-cubed scores of matched mentions, with mention recall."""
    tp = pred = gold = 0
    for (g1, p1), (g2, p2) in combinations(matched, 2):
        if g1.article == g2.article:
            continue
        same_pred, same_gold = p1 == p2, g1.cluster == g2.cluster
        pred += same_pred
        gold += same_gold
        tp += same_pred and same_gold
    p, r, f = _prf(tp, pred, gold)
    gold_all = _gold_cross_pairs(all_gold)
    # B-cubed over the matched mentions
    by_gold: dict[str, list[int]] = defaultdict(list)
    by_pred: dict[str, list[int]] = defaultdict(list)
    for i, (g, c) in enumerate(matched):
        by_gold[g.cluster].append(i)
        by_pred[c].append(i)
    bp = br = 0.0
    for g, c in matched:
        gset = set(by_gold[g.cluster])
        pset = set(by_pred[c])
        both = len(gset & pset)
        bp += both / len(pset)
        br += both / len(gset)
    n = len(matched)
    bp, br = (bp / n, br / n) if n else (0.0, 0.0)
    return {
        "pairwise_precision": round(p, 4), "pairwise_recall": round(r, 4), "pairwise_f1": round(f, 4),
        "pairwise_recall_all": round(tp / gold_all, 4) if gold_all else 0.0,
        "predicted_pairs": pred, "gold_pairs": gold, "gold_pairs_all": gold_all, "correct_pairs": tp,
        "b3_precision": round(bp, 4), "b3_recall": round(br, 4),
        "b3_f1": round(2 * bp * br / (bp + br), 4) if bp + br else 0.0,
        "mentions_gold": len(all_gold), "mentions_matched": n,
        "mention_recall": round(n / len(all_gold), 4) if all_gold else 0.0,
    }


def build_store(articles: list[GoldArticle], url: str, *, nlp=None):
    """Extract the articles into a new store at ``url`` (without linking); return the store and the map
    from gold article id to stored article id."""
    from ..ids import article_id
    from ..pipeline import extract_articles
    from ..records import Article
    from ..store import open_store

    store = open_store(url)
    records = [Article(id=article_id(a.text), text=a.text, title=a.title, published=a.published,
                       source="MEANTIME", origin=a.id) for a in articles]
    for result in extract_articles(records, nlp=nlp):
        store.write_result(result)
    return store, {a.id: r.id for a, r in zip(articles, records)}


def predicted_spans(store, ids: dict[str, str]) -> tuple[dict[str, list], dict[str, list]]:
    """Return, per gold article id, the (start, end, canonical entity) of our entity mentions and the
    (start, end, cluster) of our event triggers, from the linked store."""
    from sqlalchemy import select

    from ..store import schema

    t, m, e = schema.entities, schema.mentions, schema.events
    back = {v: k for k, v in ids.items()}
    entities: dict[str, list] = defaultdict(list)
    events: dict[str, list] = defaultdict(list)
    with store.engine.connect() as conn:
        for article, start, end, canonical, own in conn.execute(
            select(m.c.article_id, m.c.start, m.c.end, t.c.canonical_id, t.c.id).join(t, t.c.id == m.c.entity_id)
        ):
            if article in back:
                entities[back[article]].append((start, end, canonical or own))
        for article, data, cluster, own in conn.execute(select(e.c.article_id, e.c.data, e.c.cluster_id, e.c.id)):
            trigger = data.get("trigger") or {}
            if article in back and trigger.get("start") is not None:
                events[back[article]].append((trigger["start"], trigger["end"], cluster or own))
    return entities, events


def score_store(store, articles: list[GoldArticle], ids: dict[str, str]) -> dict[str, Any]:
    """Return the entity and event scores of a linked store against the gold articles."""
    entities, events = predicted_spans(store, ids)
    out: dict[str, Any] = {}
    for kind, predicted in (("entity", entities), ("event", events)):
        gold = [m for a in articles for m in a.mentions if m.kind == kind]
        matched = []
        for a in articles:
            matched += _match([m for m in a.mentions if m.kind == kind], predicted.get(a.id, []))
        out[kind] = score(matched, gold)
    return out


def _combine(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """Return micro-averaged pairwise scores and mention-weighted B-cubed over topics."""
    tp = sum(p["correct_pairs"] for p in parts)
    pred = sum(p["predicted_pairs"] for p in parts)
    gold = sum(p["gold_pairs"] for p in parts)
    gold_all = sum(p["gold_pairs_all"] for p in parts)
    n = sum(p["mentions_matched"] for p in parts)
    n_gold = sum(p["mentions_gold"] for p in parts)
    p, r, f = _prf(tp, pred, gold)
    bp = sum(x["b3_precision"] * x["mentions_matched"] for x in parts) / n if n else 0.0
    br = sum(x["b3_recall"] * x["mentions_matched"] for x in parts) / n if n else 0.0
    return {
        "pairwise_precision": round(p, 4), "pairwise_recall": round(r, 4), "pairwise_f1": round(f, 4),
        "pairwise_recall_all": round(tp / gold_all, 4) if gold_all else 0.0,
        "predicted_pairs": pred, "gold_pairs": gold, "gold_pairs_all": gold_all, "correct_pairs": tp,
        "b3_precision": round(bp, 4), "b3_recall": round(br, 4),
        "b3_f1": round(2 * bp * br / (bp + br), 4) if bp + br else 0.0,
        "mentions_gold": n_gold, "mentions_matched": n, "mention_recall": round(n / n_gold, 4) if n_gold else 0.0,
    }


def evaluate(path: Path, limit: int | None = None) -> dict:
    """Return cross-article entity and event coreference scores on MEANTIME topics under ``path``
    (``limit``: the first N articles of each topic)."""
    from ..link import link_pending
    from ..nlp import load_nlp

    nlp = load_nlp()
    topics = load_meantime(Path(path))
    per_topic: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="newstrace-eval-linking-") as tmp:
        for name, articles in topics.items():
            articles = articles[: limit or None]
            store, ids = build_store(articles, f"sqlite:///{tmp}/{name}.db", nlp=nlp)
            link_pending(store)
            per_topic[name] = score_store(store, articles, ids)
            store.engine.dispose()
    return {
        "entities": _combine([t["entity"] for t in per_topic.values()]),
        "events": _combine([t["event"] for t in per_topic.values()]),
        "per_topic": per_topic,
        "n_docs": sum(min(len(a), limit or len(a)) for a in topics.values()),
    }

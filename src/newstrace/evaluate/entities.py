"""``newstrace eval entities``: named-entity P/R/F1 on the re3d format.

re3d (Dstl) keeps, per source folder, ``documents.json`` and ``entities.json`` (one JSON object a line).
Its Person, Organisation, Location and Nationality map to our PERSON, ORG, GPE/LOC/FAC and NORP. re3d
sometimes labels one span twice (Syria as Location and Organisation); a prediction matches a gold span
of the same mapped type. A match is exact (same offsets) or overlapping, both reported.
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from ..errors import EvalFormatError

GOLD_TYPES = {"Person": "PERSON", "Organisation": "ORG", "Location": "LOC", "Nationality": "NORP"}
OURS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "NORP"}


def _read_lines(path: Path) -> list[dict]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise EvalFormatError(f"{path}:{n}: not a JSON object ({exc.msg})") from None
    return out


def re3d_documents(path: Path, label) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Return (text, sorted gold spans) per document of every re3d source folder under ``path``.

    ``label(entity)`` gives a span's third field from its re3d entity, or None to leave the span out.
    """
    folders = sorted(p.parent for p in path.rglob("documents.json"))
    if not folders:
        raise EvalFormatError(f"{path}: no documents.json found; expected re3d source folders")
    docs = []
    for folder in folders:
        gold: dict[str, set] = defaultdict(set)
        for ent in _read_lines(folder / "entities.json"):
            third = label(ent)
            if third:
                gold[ent["documentId"]].add((ent["begin"], ent["end"], third))
        for doc in _read_lines(folder / "documents.json"):
            docs.append((doc["text"], sorted(gold.get(doc["_id"], ()))))
    return docs


def load_re3d(path: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Return (text, gold spans with our entity type) per document of the re3d folders under ``path``."""
    return re3d_documents(path, lambda ent: GOLD_TYPES.get(ent.get("type")))


def _prf(tp: float, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(path: Path, limit: int | None = None) -> dict:
    """Return entity P/R/F1 (exact and overlap, overall and per type) on re3d data under ``path``."""
    from ..nlp import load_nlp
    from ..pipeline import extract_articles
    from ..records import Article

    docs = load_re3d(Path(path))[: limit or None]
    articles = [Article(id=f"re3d-{i}", text=text) for i, (text, _) in enumerate(docs)]
    stats = {t: {"tp": 0, "tpo": 0, "pred": 0, "gold": 0} for t in set(GOLD_TYPES.values())}
    for (text, gold), result in zip(docs, extract_articles(articles, nlp=load_nlp())):
        pred = {(m.span.start, m.span.end, OURS[e.type]) for e in result.entities for m in e.mentions
                if e.type in OURS}
        gold_set = set(gold)
        for t, counts in stats.items():
            g = [x for x in gold_set if x[2] == t]
            p = [x for x in pred if x[2] == t]
            counts["gold"] += len(g)
            counts["pred"] += len(p)
            counts["tp"] += len(set(g) & set(p))
            counts["tpo"] += sum(1 for ps, pe, _ in p if any(gs < pe and ps < ge for gs, ge, _ in g))
    per_type = {}
    for t, s in stats.items():
        p, r, f = _prf(s["tp"], s["pred"], s["gold"])
        per_type[t] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                       "f1_overlap": round(_prf(s["tpo"], s["pred"], s["gold"])[2], 3), "gold": s["gold"]}
    tot = {k: sum(s[k] for s in stats.values()) for k in ("tp", "tpo", "pred", "gold")}
    p, r, f = _prf(tot["tp"], tot["pred"], tot["gold"])
    return {
        "precision": p, "recall": r, "f1": f,
        "f1_overlap": _prf(tot["tpo"], tot["pred"], tot["gold"])[2],
        "n_docs": len(docs), "per_type": per_type,
    }

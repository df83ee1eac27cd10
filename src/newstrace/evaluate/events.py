"""``newstrace eval events PATH``: PLOVER event types on the plover-gsr JSON format.

Each item is one sentence with a gold event type. The whole pipeline runs on the sentence and its
main event (the trigger highest in the parse) is the prediction; a sentence with no event counts as
wrong. Older labels of the file are mapped to the current PLOVER names (DEMAND -> REQUEST,
DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT); the DOCUMENT item is skipped.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..errors import EvalFormatError
from ..ids import entity_key
from ..records import PLOVER_TYPES
from . import plover_zsp
from ._sentences import confusion, per_class_scores, predict_main_events
from .actor_codes import code_scores, gold_actor_codes

OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
NO_EVENT = "NONE"


def load_items(path: str | Path) -> list[dict]:
    """Return the scored items of a plover-gsr file: text, type (current name), source and target texts."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvalFormatError(f"{path}: not a readable JSON list of PLOVER records ({exc})") from exc
    if not isinstance(data, list):
        raise EvalFormatError(f"{path}: expected a JSON list of PLOVER records, got {type(data).__name__}")
    items = []
    for record in data:
        if not isinstance(record, dict) or record.get("event") == "DOCUMENT":
            continue
        if "text" not in record or "event" not in record:
            raise EvalFormatError(f"{path}: record {record.get('id', '?')} has no 'text' or 'event' field")
        label = OLD_LABELS.get(record["event"], record["event"])
        if label not in PLOVER_TYPES:
            raise EvalFormatError(f"{path}: record {record.get('id', '?')} has unknown event type {record['event']!r}")
        items.append({
            "id": record.get("id"), "text": record["text"], "type": label,
            "source": _actor_texts(record.get("source")), "target": _actor_texts(record.get("target")),
        })
    return items


def _actor_texts(field) -> list[str]:
    if not field or not isinstance(field, list):
        return []
    return [a.get("actorText", "") for a in field if isinstance(a, dict) and a.get("actorText")]


def _matches(gold_texts: list[str], refs) -> bool:
    """An actor matches when a predicted name or mention contains a gold actor text or the reverse
    (normalized)."""
    names = [entity_key(r.name) for r in refs]
    names += [entity_key(r.span.text) for r in refs if getattr(r, "span", None) is not None]
    for gold in gold_texts:
        key = entity_key(gold)
        if key and any(key in n or (n and n in key) for n in names):
            return True
    return False


def evaluate(path: str | Path, limit: int | None = None) -> dict:
    """Return type_accuracy, type_macro_f1, actor_text_match, actor_codes, n, per_type, confusion on a
    plover-gsr file; on a zero-shot PLOVER ``.tsv`` file, root types with source and target match."""
    if Path(path).suffix.lower() == ".tsv":
        return plover_zsp.evaluate(path, limit)
    items = load_items(path)
    if limit:
        items = items[:limit]
    predictions = predict_main_events([it["text"] for it in items])
    gold = [it["type"] for it in items]
    pred = [e.type if e is not None else NO_EVENT for e in predictions]
    per_type, macro = per_class_scores(gold, pred, PLOVER_TYPES)
    n = len(items)
    src_total = src_hit = tgt_total = tgt_hit = 0
    for it, event in zip(items, predictions):
        if it["source"]:
            src_total += 1
            src_hit += bool(event is not None and _matches(it["source"], event.actors))
        if it["target"]:
            tgt_total += 1
            tgt_hit += bool(event is not None and _matches(it["target"], event.recipients + event.actors))
    return {
        "n": n,
        "type_accuracy": sum(g == p for g, p in zip(gold, pred)) / n if n else 0.0,
        "type_macro_f1": macro,
        "no_event": pred.count(NO_EVENT),
        "actor_text_match": {
            "source": src_hit / src_total if src_total else 0.0,
            "target": tgt_hit / tgt_total if tgt_total else 0.0,
        },
        "actor_codes": code_scores(items, predictions, gold_actor_codes(path)),
        "per_type": per_type,
        "confusion": confusion(gold, pred),
    }

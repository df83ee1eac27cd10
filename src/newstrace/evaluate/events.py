"""``newstrace eval events PATH``: PLOVER event types and CAMEO codes (plover-gsr JSON, plover-zsp TSV).

Each item is one sentence with a gold event type. The whole pipeline runs on the sentence and its
main event (the trigger highest in the parse) is the prediction; a sentence with no event counts as
wrong. Older labels of the file are mapped to the current PLOVER names (DEMAND -> REQUEST,
DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT); the DOCUMENT item is skipped.

CAMEO codes are scored too (``cameo_scores``): a record may carry its gold code (``cameo`` or
``eventcode``); plover-gsr's records do not, so their CAMEO root is read off the older label (which
keeps the CAMEO root apart where PLOVER merges roots: DEMAND 10, INVESTIGATE 09, DISAPPROVE 11,
FIGHT 19) and the full code is scored only where the record's mode names the CAMEO codes it allows
(``heavy-weapons``: 194 or 195). A TSV path with a ``gold_root`` column is the plover-zsp format
(``evaluate_zsp``).
"""
from __future__ import annotations

import csv
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
            "cameo": gold_cameo(record),
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
    """Return type_accuracy, type_macro_f1, actor_text_match, actor_codes, cameo, n, per_type, confusion on a
    plover-gsr file; on a zero-shot PLOVER ``.tsv`` file, root types and quads with source and target match."""
    if Path(path).suffix.lower() == ".tsv" or is_zsp(path):
        return evaluate_zsp(path, limit=limit)
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
        "cameo": cameo_scores(items, predictions),
    }


# ---- CAMEO codes ------------------------------------------------------------------------------
# The CAMEO root of each older plover-gsr label (its sentences are the CAMEO manual's examples of
# the root). RETREAT and CONCEDE are both root 08.
GSR_ROOTS = {
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07", "CONCEDE": "08",
    "RETREAT": "08", "INVESTIGATE": "09", "DEMAND": "10", "DISAPPROVE": "11", "REJECT": "12",
    "THREATEN": "13", "PROTEST": "14", "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17",
    "ASSAULT": "18", "FIGHT": "19",
}
# The CAMEO codes a plover-gsr mode allows (CAMEO2PLOVER crosswalk, modes of PLOVER 0.5); a mode
# not listed ("other", "") says nothing about the full code.
GSR_MODE_CODES = {
    "heavy-weapons": ("194", "195"), "firearms": ("193",), "explosives": ("183", "1832", "1833"),
    "suicide-attack": ("1831",), "assassinate": ("185", "186"), "torture": ("1822",), "sexual": ("1821",),
    "beat": ("182",), "arrest": ("173",), "detain": ("173", "181"), "deport": ("174",), "ban": ("1722",),
    "censor": ("1721",), "curfew": ("1723", "1323"), "martial-law": ("1724", "1324"),
    "confiscate": ("1711",), "destroy": ("1712",), "restrict": ("172", "191", "1312", "1323", "1381"),
    "visit": ("042",), "host": ("043",), "phone": ("041",), "third-party": ("044",),
    "demo-org": ("141",), "demo-spon": ("141",), "strike-hun": ("142",), "strike-gen": ("143",),
    "obstruct": ("144",), "riot": ("145",), "riot-spon": ("145",), "troops": ("152", "154"),
    "police": ("151", "153"), "violence": ("137", "138", "1383", "1384"), "relations": ("1311", "1313", "133", "134", "135"),
    "political": ("1321",),
}


def gold_cameo(record: dict) -> dict:
    """Return the gold CAMEO of a record: {"root": "19", "codes": ("194", "195") or ()}.

    A code given in the record (``cameo``, ``eventcode``) is exact; otherwise the root comes from
    the older label and the allowed full codes from the mode.
    """
    given = str(record.get("cameo") or record.get("eventcode") or "").strip()
    if given.isdigit() and len(given) >= 2:
        return {"root": given[:2], "codes": (given,)}
    codes = GSR_MODE_CODES.get(record.get("mode") or "", ())
    root = GSR_ROOTS.get(record["event"])
    if codes and root and not all(c.startswith(root) for c in codes):
        codes = tuple(c for c in codes if c.startswith(root)) or codes
    return {"root": root, "codes": codes}


def _f1(tp: int, n_pred: int, n_gold: int) -> float:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def cameo_scores(items: list[dict], predictions: list) -> dict:
    """Return CAMEO root and full-code scores of the main events against the items' gold codes.

    Root: accuracy and macro-F1 over the roots in the gold (no event counts as wrong), plus the
    micro-F1 over sentences that have a gold root. Full: accuracy on the sentences whose gold names
    the full code(s) it allows (a prediction in the allowed set is right).
    """
    roots_gold, roots_pred = [], []
    full_n = full_hit = 0
    for it, event in zip(items, predictions):
        gold = it.get("cameo") or {}
        code = event.cameo if event is not None and event.cameo else None
        if gold.get("root"):
            roots_gold.append(gold["root"])
            roots_pred.append(code[:2] if code else NO_EVENT)
        if gold.get("codes"):
            full_n += 1
            full_hit += bool(code and code in gold["codes"])
    labels = sorted(set(roots_gold))
    per_root, macro = per_class_scores(roots_gold, roots_pred, labels)
    n = len(roots_gold)
    correct = sum(g == p for g, p in zip(roots_gold, roots_pred))
    predicted = sum(p != NO_EVENT for p in roots_pred)
    return {
        "root_n": n,
        "root_accuracy": correct / n if n else 0.0,
        "root_macro_f1": macro,
        "root_f1": _f1(correct, predicted, n),
        "full_n": full_n,
        "full_accuracy": full_hit / full_n if full_n else 0.0,
        "per_root": per_root,
    }


# ---- plover-zsp: PLOVER roots and quads of the zero-shot PLOVER study --------------------------
# Its labels: YIELD is today's CONCEDE or RETREAT; its quad ("penta") table puts SANCTION with
# material conflict.
ZSP_TYPES = ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "YIELD", "REQUEST", "ACCUSE", "REJECT",
             "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
ZSP_QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "COOPERATE": 2, "AID": 2, "YIELD": 2, "REQUEST": 3,
            "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4,
            "ASSAULT": 4}


def is_zsp(path: str | Path) -> bool:
    """Return True for a tab-separated file whose header has a ``gold_root`` column."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            header = handle.readline()
    except (OSError, UnicodeDecodeError):
        return False
    return "\t" in header and "gold_root" in header.rstrip("\r\n").split("\t")


def zsp_label(plover_type: str | None) -> str:
    """Return the plover-zsp label of a PLOVER type (CONCEDE and RETREAT are YIELD there)."""
    if plover_type is None:
        return NO_EVENT
    return "YIELD" if plover_type in ("CONCEDE", "RETREAT") else plover_type


def load_zsp(path: str | Path) -> list[dict]:
    """Return the rows of a plover-zsp TSV: text, gold root, gold quad, source and target texts."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise EvalFormatError(f"{path}: not a readable plover-zsp TSV ({exc})") from exc
    items = []
    for number, row in enumerate(rows, 2):
        root = (row.get("gold_root") or "").strip()
        text = (row.get("sentence") or "").strip()
        if root not in ZSP_TYPES or not text:
            raise EvalFormatError(f"{path}:{number}: needs a 'sentence' and a 'gold_root' among "
                                  f"{', '.join(ZSP_TYPES)}; got {root!r}")
        penta = (row.get("gold_penta") or "").strip()
        items.append({
            "text": text, "type": root, "quad": int(penta) if penta.isdigit() else ZSP_QUAD[root],
            "source": [row["source"]] if row.get("source") else [],
            "target": [row["target"]] if row.get("target") else [],
        })
    return items


def evaluate_zsp(path: str | Path, limit: int | None = None) -> dict:
    """Return the zero-shot PLOVER scores of ``plover_zsp`` (roots with YIELD as CONCEDE or RETREAT, source
    and target match) and, over the file's 15 labels, type accuracy, macro-F1 and its quad classes."""
    rows = plover_zsp.load_rows(path)
    items = load_zsp(path)
    if limit:
        rows, items = rows[:limit], items[:limit]
    predictions = predict_main_events([it["text"] for it in items])
    gold = [it["type"] for it in items]
    pred = [zsp_label(e.type if e is not None else None) for e in predictions]
    per_type, macro = per_class_scores(gold, pred, ZSP_TYPES)
    quad_gold = [it["quad"] for it in items]
    quad_pred = [ZSP_QUAD.get(p, 0) for p in pred]
    per_quad, quad_macro = per_class_scores(quad_gold, quad_pred, (1, 2, 3, 4))
    n = len(items)
    return {
        **plover_zsp.scores(rows, predictions),
        "type_accuracy": sum(g == p for g, p in zip(gold, pred)) / n if n else 0.0,
        "type_macro_f1": macro,
        "quad_accuracy": sum(g == p for g, p in zip(quad_gold, quad_pred)) / n if n else 0.0,
        "quad_macro_f1": quad_macro,
        "per_type": per_type,
        "per_quad": per_quad,
        "confusion": confusion(gold, pred),
    }

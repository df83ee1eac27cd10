"""PLOVER root types with their marked source and target (the zero-shot PLOVER ``train.tsv`` format).

``newstrace eval events PATH.tsv`` reads it: tab-separated with a header; the columns used are
``sentence``, ``source`` and ``target`` (the marked parties' text) and ``gold_root``. The main event of
each sentence is scored: root type accuracy and macro-F1 (YIELD, the older name, is right as CONCEDE or
RETREAT), source match (an actor's name or span contains the gold source or the reverse, normalized),
target match (the same with the recipients; ``target_any_party`` also accepts an actor, as the
plover-gsr score does, for meetings where PLOVER makes every participant an actor).

A sentence whose ``marked_sentence`` marks no target (``<t>``) has none: its ``target`` column holds a
placeholder ("a recipient"), not words of the sentence. There, the target is right when the event has
no recipient (and wrong when it has one), instead of never matching.
"""
from __future__ import annotations

import csv
from pathlib import Path

from ..errors import EvalFormatError
from ..ids import entity_key
from ..records import PLOVER_TYPES
from ._sentences import per_class_scores, predict_main_events

OLD_ROOTS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
YIELD = frozenset({"CONCEDE", "RETREAT"})
COLUMNS = ("sentence", "source", "target", "gold_root")


def load_rows(path: str | Path) -> list[dict]:
    """Return {sentence, source, target, root} per row of a zero-shot PLOVER TSV file."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t")
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
            if missing:
                raise EvalFormatError(f"{path}: not a PLOVER TSV file: no column {', '.join(missing)} in the header")
            rows = []
            for number, row in enumerate(reader, 2):
                root = OLD_ROOTS.get(row["gold_root"].strip(), row["gold_root"].strip())
                if root != "YIELD" and root not in PLOVER_TYPES:
                    raise EvalFormatError(f"{path}:{number}: unknown PLOVER root {row['gold_root']!r}")
                marked = row.get("marked_sentence")
                rows.append({"sentence": row["sentence"], "source": row["source"].strip(),
                             "target": row["target"].strip(), "root": root,
                             "has_target": marked is None or "<t>" in marked.lower()})
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise EvalFormatError(f"{path}: cannot read a tab-separated file ({exc})") from exc
    return rows


def party_matches(gold: str, parties) -> bool:
    """A party matches when its name or span text contains the gold text or the reverse (normalized)."""
    key = entity_key(gold)
    if not key:
        return False
    for party in parties:
        for text in (party.name, party.span.text if getattr(party, "span", None) else ""):
            name = entity_key(text)
            if name and (key in name or name in key):
                return True
    return False


def evaluate(path: str | Path, limit: int | None = None) -> dict:
    """Return root accuracy and macro-F1, source and target match on a zero-shot PLOVER TSV file."""
    rows = load_rows(path)
    if limit:
        rows = rows[:limit]
    return scores(rows, predict_main_events([r["sentence"] for r in rows]))


def scores(rows: list[dict], events: list) -> dict:
    """Return root accuracy and macro-F1, source and target match of the main events of ``rows``."""
    gold = []
    pred = []
    src = tgt = tgt_any = 0
    for row, event in zip(rows, events):
        predicted = event.type if event is not None else "NONE"
        # YIELD is today's CONCEDE or RETREAT: either one is right
        gold.append(predicted if row["root"] == "YIELD" and predicted in YIELD else row["root"])
        pred.append(predicted)
        if event is None:
            continue
        src += party_matches(row["source"], event.actors)
        if not row.get("has_target", True):
            # no target marked: right when the event names no recipient
            tgt += not event.recipients
            tgt_any += not event.recipients
            continue
        tgt += party_matches(row["target"], event.recipients)
        tgt_any += party_matches(row["target"], event.recipients + event.actors)
    n = len(rows)
    _, macro = per_class_scores(gold, pred, (*PLOVER_TYPES, "YIELD"))
    return {
        "n": n,
        "root_accuracy": sum(g == p for g, p in zip(gold, pred)) / n if n else 0.0,
        "root_macro_f1": macro,
        "no_event": pred.count("NONE"),
        "source_match": src / n if n else 0.0,
        "target_match": tgt / n if n else 0.0,
        "target_any_party": tgt_any / n if n else 0.0,
    }

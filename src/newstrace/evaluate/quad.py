"""``newstrace eval quad PATH``: the quad class (0-4) on the Multi-CoPED ``class_train.tsv`` format.

Each line is ``sentence<TAB>label``: 0 a statement (CAMEO 01, no other event), 1 verbal cooperation,
2 material cooperation, 3 verbal conflict, 4 material conflict. The prediction is the quad of the
sentence's main event (``extract.events.quad_of``: CAMEO appeals count with statements, the rest
follows PLOVER's quad table); a sentence with no event is class 0.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import EvalFormatError
from ._sentences import confusion, per_class_scores, predict_main_events

CLASSES = (0, 1, 2, 3, 4)


def load_items(path: str | Path) -> list[tuple[str, int]]:
    """Return (sentence, label) pairs from a tab-separated file."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise EvalFormatError(f"{path}: cannot read ({exc})") from exc
    items = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        text, sep, label = line.rstrip("\r").rpartition("\t")
        if not sep or label.strip() not in ("0", "1", "2", "3", "4"):
            raise EvalFormatError(
                f"{path}:{number}: expected 'sentence<TAB>label' with a label 0-4, got {line[:60]!r}")
        items.append((text.strip(), int(label)))
    return items


def evaluate(path: str | Path, limit: int | None = None) -> dict:
    """Return accuracy, macro_f1, n, per_class, confusion of quad classes on a Multi-CoPED file."""
    from ..extract.events import quad_of

    items = load_items(path)
    if limit:
        items = items[:limit]
    events = predict_main_events([text for text, _ in items])
    gold = [label for _, label in items]
    pred = [quad_of(e.cameo, e.type) if e is not None else 0 for e in events]
    per_class, macro = per_class_scores(gold, pred, CLASSES)
    n = len(items)
    return {
        "n": n,
        "accuracy": sum(g == p for g, p in zip(gold, pred)) / n if n else 0.0,
        "macro_f1": macro,
        "per_class": per_class,
        "confusion": confusion(gold, pred),
    }

"""Shared by the event evaluations: run the real pipeline over single sentences and pick the main event."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..ids import article_id
from ..records import Article


def predict_main_events(sentences: Iterable[str], *, batch_size: int = 64) -> list:
    """Return, per sentence, its main Event (or None), running every pipeline stage on it.

    Parsing goes through ``nlp.pipe`` in batches; each Doc then goes through ``pipeline.extract_doc``
    (the same path as ``extract_text``), and the Doc is kept to choose the main-clause event.
    """
    from ..extract.events import main_event
    from ..nlp import load_nlp
    from ..pipeline import extract_doc

    nlp = load_nlp()
    pairs = ((s, Article(id=article_id(f"{i}\x1f{s}"), text=s)) for i, s in enumerate(sentences))
    out = []
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        result = extract_doc(article, doc)
        out.append(main_event(result.events, doc))
    return out


def per_class_scores(gold: list, pred: list, labels: Iterable) -> tuple[dict, float]:
    """Return per-label precision/recall/F1/support and the macro-F1 over labels with support or predictions."""
    per: dict = {}
    f1s = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == label and p == label)
        n_pred = sum(1 for p in pred if p == label)
        n_gold = sum(1 for g in gold if g == label)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per[str(label)] = {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
                           "support": n_gold}
        if n_gold or n_pred:
            f1s.append(f1)
    return per, (sum(f1s) / len(f1s) if f1s else 0.0)


def confusion(gold: list, pred: list) -> dict:
    """Return {gold label: {predicted label: count}}."""
    table: dict = {}
    for g, p in zip(gold, pred):
        table.setdefault(str(g), Counter())[str(p)] += 1
    return {g: dict(c.most_common()) for g, c in sorted(table.items())}

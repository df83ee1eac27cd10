"""Number-dense text is extracted in linear time (issue 16, item 2): a lookup per figure or event once
scanned every entity, date or figure of the article, so a long table-like text took quadratic time."""
from __future__ import annotations

import random
import time

from newstrace.ids import article_id
from newstrace.pipeline import extract_doc
from newstrace.records import Article


def number_dense(chars: int, seed: int = 7) -> str:
    """Return a report made of short sentences full of figures, dates and places (our own wording)."""
    rng = random.Random(seed)
    towns = ["Aldmere", "Brenford", "Castlow", "Dunmere", "Eastvale", "Farrow", "Glenhurst"]
    out: list[str] = []
    size = 0
    while size < chars:
        i = len(out)
        sentence = (
            f"On {i % 28 + 1} March, {rng.randint(1, 9999):,} people were killed, {rng.randint(1, 999)} wounded "
            f"and {rng.randint(1, 99)} missing in {rng.choice(towns)}, the ministry said, up {rng.randint(1, 60)}% "
            f"from {rng.randint(1990, 2024)}, when {rng.randint(2, 40)} towns reported ${rng.randint(1, 900)} million in damage."
        )
        out.append(sentence)
        size += len(sentence) + 1
    return " ".join(out)


def extraction_seconds(nlp, text: str) -> float:
    """Return the best of three CPU timings of the extraction alone (the spaCy parse is linear and not ours).
    CPU time of this process, not wall time: other processes on a busy machine do not count."""
    doc = nlp(text)
    article = Article(id=article_id(text), text=text)
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        result = extract_doc(article, doc)
        best = min(best, time.process_time() - started)
    assert len(result.figures) > chars_per_figure_bound(text)
    return best


def chars_per_figure_bound(text: str) -> int:
    return len(text) // 200  # the text is number-dense: at least a figure per 200 characters


def test_number_dense_text_is_extracted_in_linear_time(nlp):
    small, large = number_dense(6_000), number_dense(24_000)
    ratio = extraction_seconds(nlp, large) / extraction_seconds(nlp, small)
    # four times the text: 4x when linear, 16x when quadratic; the bound leaves room for a busy machine
    assert ratio < 8, f"4x the text took {ratio:.1f}x the time"

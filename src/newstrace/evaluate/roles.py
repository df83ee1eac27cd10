"""``newstrace eval roles PATH``: who acts on whom, as source and target spans (Multi-CoPED roles format).

The file is CoNLL-style: one ``token TAG`` per line, a blank line between sentences; tags are BIO over
S (source), T (target) and R (reciprocal: parties that act on each other, "X met Y"); other tags (an
event phrase in some files) are ignored. The tokens are joined back into text with the spacing of
written English ("Moscow 's" -> "Moscow's", "( NAF )" -> "(NAF)") and offsets kept per token.

The whole pipeline runs on each sentence and its main event is the prediction: its actors are S spans,
its recipients T spans; a reciprocal event (a meeting or a deal with every party an actor and no
recipient, or a meeting) gives R spans. A pronoun party is scored by its antecedent's span (the mention the sentence names). Scores per label:
precision, recall, F1 with exact span match and with any overlap (one gold span per predicted span);
``macro_f1`` is the mean over S and T (the published ConfliBERT measure), ``macro_f1_str`` over S, T, R.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import EvalFormatError
from ._sentences import predict_main_events

LABELS = ("S", "T", "R")
_RECIPROCAL = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# Meetings and negotiations (CAMEO 040, 044, 046, and 036, the intent to meet): Multi-CoPED marks their
# parties reciprocal, whichever is the subject.
_RECIPROCAL_CAMEO = frozenset({"040", "044", "046", "036"})
_NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "!", "?", ")", "]", "}", "%", "'s", "'S", "’s", "n't", "'re",
                              "'ve", "'ll", "'d", "'m", "'", "’"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "#"})


def read_sentences(path: str | Path) -> list[list[tuple[str, str]]]:
    """Return the sentences of a roles file as lists of (token, tag)."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalFormatError(f"{path}: cannot read a CoNLL roles file ({exc})") from exc
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
            continue
        token, sep, tag = line.rstrip("\r").rpartition(" ")
        if not sep or not token or not (tag == "O" or tag[:2] in ("B-", "I-")):
            raise EvalFormatError(f"{path}:{number}: expected 'token TAG' with a BIO tag (O, B-S, I-T, ...), "
                                  f"got {line[:60]!r}")
        current.append((token, tag))
    if current:
        sentences.append(current)
    if not sentences:
        raise EvalFormatError(f"{path}: no sentences (expected 'token TAG' lines, blank lines between sentences)")
    return sentences


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Return the text of tokens with written spacing, and each token's (start, end) in it."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    length = 0
    open_quote = False
    previous = ""
    for token in tokens:
        space = bool(parts)
        if token in _NO_SPACE_BEFORE or previous in _NO_SPACE_AFTER or token in ("s", "S") and previous in ("'", "’"):
            space = False
        if token == '"':
            if open_quote:
                space = False
            open_quote = not open_quote
        elif previous == '"' and open_quote:
            space = False
        if space:
            parts.append(" ")
            length += 1
        offsets.append((length, length + len(token)))
        parts.append(token)
        length += len(token)
        previous = token
    return "".join(parts), offsets


def gold_spans(sentence: list[tuple[str, str]], offsets: list[tuple[int, int]]) -> dict[str, list[tuple[int, int]]]:
    """Return {label: [(start, end), ...]} of the BIO spans of one sentence."""
    spans: dict[str, list[tuple[int, int]]] = {label: [] for label in LABELS}
    label = None
    start = end = 0
    for (_token, tag), (s, e) in zip(sentence, offsets):
        kind = tag[2:] if tag != "O" else None
        if tag.startswith("I-") and kind == label and label is not None:
            end = e
            continue
        if label in spans:
            spans[label].append((start, end))
        label, start, end = (kind, s, e) if kind else (None, 0, 0)
    if label in spans:
        spans[label].append((start, end))
    return spans


def predicted_spans(event) -> dict[str, list[tuple[int, int]]]:
    """Return {label: spans} of an event's parties (S actors, T recipients, R for a reciprocal act)."""
    spans: dict[str, list[tuple[int, int]]] = {label: [] for label in LABELS}
    if event is None:
        return spans
    reciprocal = len(event.actors) + len(event.recipients) >= 2 and (
        event.cameo in _RECIPROCAL_CAMEO or event.type in _RECIPROCAL and not event.recipients)
    for label, parties in (("R" if reciprocal else "S", event.actors), ("R" if reciprocal else "T", event.recipients)):
        for party in parties:
            span = party.span  # a pronoun's antecedent when the sentence names it, else the pronoun
            if span is not None:
                spans[label].append((span.start, span.end))
    return spans


def _matched(pred: list[tuple[int, int]], gold: list[tuple[int, int]], exact: bool) -> int:
    used: set[int] = set()
    hits = 0
    for ps, pe in pred:
        for i, (gs, ge) in enumerate(gold):
            if i in used:
                continue
            if (ps, pe) == (gs, ge) if exact else ps < ge and gs < pe:
                used.add(i)
                hits += 1
                break
    return hits


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def score(golds: list[dict], preds: list[dict]) -> dict:
    """Return per-label exact and overlap P/R/F1 and the macro-F1s of predicted against gold spans."""
    out: dict = {"per_label": {}}
    for mode in ("exact", "overlap"):
        f1s = {}
        for label in LABELS:
            tp = sum(_matched(p[label], g[label], mode == "exact") for g, p in zip(golds, preds))
            n_pred = sum(len(p[label]) for p in preds)
            n_gold = sum(len(g[label]) for g in golds)
            scores = _prf(tp, n_pred, n_gold)
            out["per_label"].setdefault(label, {"support": n_gold, "predicted": n_pred})[mode] = scores
            f1s[label] = scores["f1"]
        out[f"{mode}_macro_f1"] = round((f1s["S"] + f1s["T"]) / 2, 4)
        out[f"{mode}_macro_f1_str"] = round(sum(f1s.values()) / len(f1s), 4)
    return out


def evaluate(path: str | Path, limit: int | None = None) -> dict:
    """Return source/target/reciprocal span scores (exact and overlap) on a Multi-CoPED roles file."""
    sentences = read_sentences(path)
    if limit:
        sentences = sentences[:limit]
    texts, golds = [], []
    for sentence in sentences:
        text, offsets = detokenize([token for token, _ in sentence])
        texts.append(text)
        golds.append(gold_spans(sentence, offsets))
    events = predict_main_events(texts)
    preds = [predicted_spans(event) for event in events]
    result = {"n": len(sentences), "no_event": sum(e is None for e in events)}
    result.update(score(golds, preds))
    return result

"""``newstrace eval time PATH``: temporal expressions scored against TimeML (TimeBank, AQUAINT) files.

Each .tml file under PATH (searched recursively) gives a document creation time (``<DCT><TIMEX3
value=...>``) and gold ``<TIMEX3>`` expressions inside ``<TEXT>``. The text is the TEXT element with its
tags removed and its XML entities decoded; gold offsets are computed in that text. newstrace runs on it
with the DCT's date as publication date.

Scoring (TempEval-3 task A style, one-to-one matching in text order):
- a predicted expression matches the unmatched gold expression it overlaps most (relaxed) and matches
  strictly when the offsets are equal;
- the headline numbers are over TimeML type DATE: predictions of kind date/range (TimeML DATE) against
  gold DATE; ``*_all`` numbers compare every prediction with every gold TIMEX3 whatever the type;
- ``value_f1``: a predicted DATE is correct when it matches a gold DATE and its TimeML value (see
  ``to_timeml``) equals the gold value; precision = correct / predicted, recall = correct / gold;
- values are compared after canonicalization: trailing unspecified parts ("1968-XX" -> "1968") are
  dropped and week numbers are zero-padded ("2000-W8" -> "2000-W08");
- a range written with both ends ("from 1990 to 1995") is one record but two TimeML expressions: it
  counts as two predictions, its start and its end, each matched to a gold expression it overlaps.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EvalFormatError
from ..timeframe import parse_published

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_RANGE_SEPARATOR = re.compile(r"\s*(?:-|\u2013|\u2014|\bto\b|\bthrough\b|\bthru\b|\buntil\b|\btill\b|\band\b)\s*")
_TYPES = {"date": "DATE", "range": "DATE", "duration": "DURATION", "set": "SET"}


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass(frozen=True, slots=True)
class TimemlDoc:
    name: str
    dct: str | None
    text: str
    timexes: tuple[GoldTimex, ...]


@dataclass(frozen=True, slots=True)
class PredictedTimex:
    start: int
    end: int
    type: str
    value: str | None
    text: str
    rule: str


def read_tml(path: Path) -> TimemlDoc:
    """Return the plain text, DCT and gold TIMEX3s of one TimeML file."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    dct_match = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw)
    dct = None
    if dct_match:
        value = dict(_ATTR.findall(dct_match.group(1))).get("value", "")
        dct, problem = parse_published(value)  # timeframe: the one reader of a publication date
        if problem:
            raise EvalFormatError(f"{path}: the document creation time (DCT) is not a usable date: {problem}")
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    if body is None:
        raise EvalFormatError(f"{path}: no <TEXT> element; is this a TimeML 1.2 .tml file?")
    pieces: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes: list[GoldTimex] = []
    pos = 0
    content = body.group(1)
    for m in _TAG.finditer(content):
        chunk = html.unescape(content[pos:m.start()])
        pieces.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group(2) != "TIMEX3":
            continue
        if m.group(1) == "/":
            if open_timex:
                start, attrs = open_timex.pop()
                timexes.append(GoldTimex(start, length, attrs.get("type", ""), attrs.get("value", ""), ""))
        elif not m.group(4):
            open_timex.append((length, dict(_ATTR.findall(m.group(3)))))
    pieces.append(html.unescape(content[pos:]))
    text = "".join(pieces)
    timexes = [GoldTimex(t.start, t.end, t.type, t.value, text[t.start:t.end]) for t in timexes]
    timexes.sort(key=lambda t: t.start)
    return TimemlDoc(path.stem, dct, text, tuple(timexes))


def canonical_value(value: str | None) -> str | None:
    """Return a TimeML value in the form compared: no trailing unspecified parts, zero-padded weeks."""
    if value is None:
        return None
    v = value.strip().upper()
    v = re.sub(r"(?:-XX)+$", "", v)
    v = re.sub(r"TXX$", "", v)
    v = re.sub(r"-W(\d)(?!\d)", r"-W0\1", v)
    v = re.sub(r"^(\d{2,3})X+$", r"\1", v)
    return v


def predictions(records) -> list[PredictedTimex]:
    """Return the TimeML expressions of a list of DateValues (a two-ended range gives two)."""
    from ..extract.dates import to_timeml

    out: list[PredictedTimex] = []
    for r in records:
        if r.span is None:
            continue
        type_ = _TYPES.get(r.kind, "DATE")
        if r.kind == "range" and r.rule.split("+")[0] == "range":
            sep = _RANGE_SEPARATOR.search(r.text)
            if sep:
                left_end, right_start = r.span.start + sep.start(), r.span.start + sep.end()
                out.append(PredictedTimex(r.span.start, left_end, type_, r.start, r.text[:sep.start()], r.rule))
                out.append(PredictedTimex(right_start, r.span.end, type_, r.end, r.text[sep.end():],
                                          r.rule + ":end"))
                continue
        out.append(PredictedTimex(r.span.start, r.span.end, type_, to_timeml(r), r.text, r.rule))
    return out


def _match(preds: list[PredictedTimex], golds: list[GoldTimex]) -> list[tuple[PredictedTimex, GoldTimex | None]]:
    """Return each prediction with the gold expression it matches (or None), one-to-one."""
    used: set[int] = set()
    pairs = []
    for p in preds:
        best, best_overlap = None, 0
        for i, g in enumerate(golds):
            if i in used or g.end <= p.start or g.start >= p.end:
                continue
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > best_overlap:
                best, best_overlap = i, overlap
        if best is not None:
            used.add(best)
            pairs.append((p, golds[best]))
        else:
            pairs.append((p, None))
    return pairs


def _f1(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


class _Tally:
    def __init__(self) -> None:
        self.pred = self.gold = self.relaxed = self.strict = self.value = 0

    def add(self, preds: list[PredictedTimex], golds: list[GoldTimex], errors: list | None, doc: str) -> None:
        self.pred += len(preds)
        self.gold += len(golds)
        for p, g in _match(preds, golds):
            if g is None:
                if errors is not None:
                    errors.append({"doc": doc, "error": "spurious", "text": p.text, "value": p.value, "rule": p.rule})
                continue
            self.relaxed += 1
            self.strict += (p.start, p.end) == (g.start, g.end)
            if canonical_value(p.value) == canonical_value(g.value):
                self.value += 1
            elif errors is not None:
                errors.append({"doc": doc, "error": "value", "text": p.text, "gold_text": g.text,
                               "value": p.value, "gold": g.value, "rule": p.rule})
        if errors is not None:
            matched = {id(g) for _, g in _match(preds, golds) if g is not None}
            errors.extend({"doc": doc, "error": "missed", "gold_text": g.text, "gold": g.value}
                          for g in golds if id(g) not in matched)

    def scores(self, suffix: str = "") -> dict[str, float]:
        rp, rr, rf = _f1(self.relaxed, self.pred, self.gold)
        _, _, sf = _f1(self.strict, self.pred, self.gold)
        vp, vr, vf = _f1(self.value, self.pred, self.gold)
        return {
            f"extraction_f1_relaxed{suffix}": round(rf, 4), f"extraction_precision_relaxed{suffix}": round(rp, 4),
            f"extraction_recall_relaxed{suffix}": round(rr, 4), f"extraction_f1_strict{suffix}": round(sf, 4),
            f"value_f1{suffix}": round(vf, 4), f"value_precision{suffix}": round(vp, 4),
            f"value_recall{suffix}": round(vr, 4),
            f"value_accuracy{suffix}": round(self.value / self.relaxed, 4) if self.relaxed else 0.0,
        }


def tml_files(path: Path) -> list[Path]:
    files = sorted(path.rglob("*.tml")) if path.is_dir() else [path]
    if not files:
        raise EvalFormatError(f"{path}: no .tml files found; give a directory of TimeML files")
    return files


def evaluate(path, limit: int | None = None, *, nlp=None, errors: list | None = None) -> dict[str, Any]:
    """Return extraction and value scores of newstrace's dates on the TimeML files under ``path``.

    A path with no .tml files but Recognizers-Text model specs (``DateTimeModel*.json``) is scored with
    ``evaluate_recognizers`` instead, a secondary sentence-level check.
    """
    p = Path(path)
    if p.is_dir() and not any(p.rglob("*.tml")) and any(p.rglob("DateTimeModel.json")):
        return evaluate_recognizers(p, limit, nlp=nlp)
    from ..ids import article_id
    from ..pipeline import run_stages
    from ..records import Article

    if nlp is None:
        from ..nlp import load_nlp

        nlp = load_nlp()
    docs = [read_tml(f) for f in tml_files(Path(path))]
    if limit:
        docs = docs[:limit]
    date_tally, all_tally = _Tally(), _Tally()
    pairs = ((d.text, d) for d in docs)
    for spacy_doc, tml in nlp.pipe(pairs, as_tuples=True, batch_size=16):
        article = Article(id=article_id(tml.text), text=tml.text, published=tml.dct)
        preds = predictions(run_stages(article, spacy_doc, until="dates").dates)
        golds = list(tml.timexes)
        date_tally.add([p for p in preds if p.type == "DATE"], [g for g in golds if g.type == "DATE"],
                       errors, tml.name)
        all_tally.add(preds, golds, None, tml.name)
    result: dict[str, Any] = {"n_docs": len(docs), "n_gold": date_tally.gold, "n_predicted": date_tally.pred}
    result.update(date_tally.scores())
    result.update(all_tally.scores("_all"))
    result["n_gold_all"] = all_tally.gold
    return result


def _run_dates(nlp, items):
    """Yield (item, DateValues) for (text, published, item) triples, parsing with nlp.pipe."""
    from ..ids import article_id
    from ..pipeline import run_stages
    from ..records import Article

    pairs = ((text, (published, item)) for text, published, item in items)
    for doc, (published, item) in nlp.pipe(pairs, as_tuples=True, batch_size=64):
        article = Article(id=article_id(doc.text), text=doc.text, published=published)
        yield item, run_stages(article, doc, until="dates").dates


def evaluate_recognizers(path, limit: int | None = None, *, nlp=None) -> dict[str, Any]:
    """Return how many Recognizers-Text date cases newstrace finds and resolves (DateTimeModel.json).

    Only ``datetimeV2.date`` results (single days) and fully specified ``datetimeV2.daterange`` timexes
    are scored; cases marked NotSupported for python are skipped. A day is correct when a prediction
    overlaps it and its value is one of the spec's values (the specs give both the past and the future
    reading of a bare weekday); a range when the TimeML value of the overlapping prediction equals the
    spec's timex.
    """
    import json

    from ..extract.dates import to_timeml

    if nlp is None:
        from ..nlp import load_nlp

        nlp = load_nlp()
    files = sorted(Path(path).rglob("DateTimeModel.json"))
    cases = []
    for f in files:
        for case in json.loads(f.read_text(encoding="utf-8-sig")):
            unsupported = (case.get("NotSupported", "") + case.get("NotSupportedByDesign", "")).lower()
            if "python" in unsupported or not case.get("Results"):
                continue
            cases.append(case)
    if limit:
        cases = cases[:limit]
    items = ((c["Input"], (c.get("Context", {}).get("ReferenceDateTime") or "")[:10] or None, c) for c in cases)
    tallies = {"date": [0, 0, 0], "daterange": [0, 0, 0]}  # gold, found, correct
    for case, dates in _run_dates(nlp, items):
        for result in case["Results"]:
            kind = result.get("TypeName", "").replace("datetimeV2.", "")
            if kind not in tallies:
                continue
            values = result.get("Resolution", {}).get("values", [])
            start, end = result["Start"], result["End"] + 1
            if kind == "daterange":
                timexes = {v.get("timex", "") for v in values}
                if not timexes or any("X" in t or "(" in t for t in timexes):
                    continue
            tally = tallies[kind]
            tally[0] += 1
            hits = [d for d in dates if d.span and d.span.start < end and start < d.span.end]
            if not hits:
                continue
            tally[1] += 1
            if kind == "date":
                ok = any(d.value in {v.get("value") for v in values} for d in hits)
            else:
                ok = any(to_timeml(d) in timexes for d in hits)
            tally[2] += ok
    out: dict[str, Any] = {"n_cases": len(cases)}
    for kind, (gold, found, correct) in tallies.items():
        out[f"n_gold_{kind}"] = gold
        out[f"{kind}_detection_recall"] = round(found / gold, 4) if gold else 0.0
        out[f"{kind}_value_accuracy"] = round(correct / gold, 4) if gold else 0.0
    return out

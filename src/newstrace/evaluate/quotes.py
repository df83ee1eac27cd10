"""Score quotes and attributions against PolNeAR brat annotations.

The directory holds ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann`` (or ``NAME.ann``); a
``metadata.tsv`` one level up gives each file's publication date. A text annotated by several people
is scored once against each annotation file, as PolNeAR counts its attributions.

How a match is decided (the numbers depend on it, so it is written here and in docs/ACCURACY.md):
- contents are paired one to one, largest character overlap first; a pair counts for the overlap
  scores when the spans share at least one non-space character (brat fragments of one content are
  taken together);
- exact: the two spans are equal once edge whitespace, quotation marks and the punctuation ``,.;:`` are
  set aside on both (PolNeAR keeps the marks inside direct contents, newstrace leaves them out);
- speaker accuracy, over overlap-matched contents whose gold attribution has a Source: right when our
  speaker span overlaps the gold Source span (``speaker_accuracy_span``), or, in ``speaker_accuracy``,
  also when our speaker text equals the gold Source text after casefolding and stripping "the";
- cues: paired one to one by overlap, over all cues, like contents.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import EvalFormatError
from ..ids import article_id
from ..records import Article
from ..timeframe import parse_published

_EDGE = " \t\n\"“”‘’'«»,.;:"


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    content: tuple[tuple[int, int], ...]
    source: tuple[tuple[int, int], ...] | None
    source_text: str | None
    cue: tuple[tuple[int, int], ...] | None


def _spans(offsets: str) -> tuple[tuple[int, int], ...]:
    out = []
    for part in offsets.split(";"):
        start, end = part.split()
        out.append((int(start), int(end)))
    return tuple(out)


def read_ann(path: Path) -> list[GoldAttribution]:
    """Return the attributions of one brat .ann file."""
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...], str]] = {}
    events = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split("\t")
        try:
            if line.startswith("T"):
                label, offsets = fields[1].split(" ", 1)
                spans[fields[0]] = (label, _spans(offsets), fields[2] if len(fields) > 2 else "")
            elif line.startswith("E"):
                events.append(dict(arg.split(":", 1) for arg in fields[1].split()))
        except (IndexError, ValueError) as exc:
            raise EvalFormatError(
                f"{path}:{line_no}: not a brat standoff line ({exc}); expected 'T1<TAB>Label START END"
                "<TAB>text' or 'E1<TAB>Role:T1 ...'") from exc
    out = []
    for event in events:
        contents = [spans[event[k]][1] for k in sorted(event) if k.startswith("Content") and event[k] in spans]
        if not contents:
            continue
        source = spans.get(event.get("Source", ""))
        cue = spans.get(event.get("Cue", ""))
        out.append(GoldAttribution(
            content=tuple(s for c in contents for s in c),
            source=source[1] if source else None,
            source_text=source[2] if source else None,
            cue=cue[1] if cue else None,
        ))
    return out


def _publication_dates(root: Path) -> dict[str, str]:
    meta = root.parent / "metadata.tsv"
    if not meta.exists():
        return {}
    with meta.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t")
        return {r["filename"]: r.get("publication_date") or "" for r in rows if r.get("filename")}


def load_polnear(path: Path, limit: int | None = None) -> list[tuple[Article, list[list[GoldAttribution]]]]:
    """Return (article, [attributions per annotation file]) for each text of a PolNeAR directory."""
    path = Path(path)
    text_dir, ann_dir = path / "text", path / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise EvalFormatError(
            f"{path} is not a PolNeAR directory: expected text/NAME.txt and attributions/NAME*.ann in it")
    dates = _publication_dates(path)
    ann_files: dict[str, list[Path]] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        ann_files.setdefault(ann.stem, []).append(ann)
    items = []
    for txt in sorted(text_dir.glob("*.txt")):
        name = txt.stem
        anns = ann_files.get(name, []) + [
            a for stem, files in ann_files.items()
            if stem.startswith(name + "_") and "_" not in stem[len(name) + 1:] for a in files]
        if not anns:
            continue
        text = txt.read_text(encoding="utf-8")
        published, _ = parse_published(dates.get(name))  # a date timeframe refuses anchors nothing
        article = Article(id=article_id(text), text=text, published=published, origin=str(txt))
        items.append((article, [read_ann(a) for a in anns]))
        if limit and len(items) >= limit:
            break
    if not items:
        raise EvalFormatError(f"{path}: no text/NAME.txt has an attributions/NAME*.ann beside it")
    return items


def _overlap(a: tuple[tuple[int, int], ...], b: tuple[tuple[int, int], ...], text: str) -> int:
    total = 0
    for s1, e1 in a:
        for s2, e2 in b:
            s, e = max(s1, s2), min(e1, e2)
            if e > s:
                total += len(text[s:e].strip()) or (e - s)
    return total


def _match(pred: list, gold: list, text: str) -> list[tuple[int, int]]:
    """Return one-to-one (pred index, gold index) pairs, largest overlap first."""
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            ov = _overlap(p, g, text)
            if ov > 0:
                pairs.append((ov, i, j))
    pairs.sort(reverse=True)
    used_p, used_g, out = set(), set(), []
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


def _norm_span(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    return " ".join(text[min(s for s, _ in spans):max(e for _, e in spans)].strip(_EDGE).split())


def _norm_name(name: str | None) -> str:
    name = " ".join((name or "").casefold().split())
    return re.sub(r"^(the|a|an) ", "", name).strip(_EDGE)


def _prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(path, limit: int | None = None) -> dict:
    """Return content, speaker and cue scores of newstrace quotes on a PolNeAR directory."""
    from ..nlp import load_nlp
    from ..pipeline import extract_articles

    items = load_polnear(Path(path), limit)
    golds = {a.id: g for a, g in items}
    n = {"pred": 0, "gold": 0, "match": 0, "exact": 0, "spk_total": 0, "spk_span": 0, "spk_any": 0,
         "cue_pred": 0, "cue_gold": 0, "cue_match": 0}
    per_rule: dict[str, list[int]] = {}
    nlp = load_nlp()
    for result in extract_articles([a for a, _ in items], nlp=nlp, batch_size=16):
        text = result.article.text
        quotes = result.quotes
        pred_spans = [((q.content.start, q.content.end),) for q in quotes]
        pred_cues = [((q.cue_span.start, q.cue_span.end),) for q in quotes if q.cue_span is not None]
        for gold in golds[result.article.id]:
            gold_spans = [g.content for g in gold]
            pairs = _match(pred_spans, gold_spans, text)
            n["pred"] += len(pred_spans)
            n["gold"] += len(gold_spans)
            n["match"] += len(pairs)
            matched = {i for i, _ in pairs}
            for i, q in enumerate(quotes):
                stats = per_rule.setdefault(q.rule, [0, 0])
                stats[0] += 1
                stats[1] += i in matched
            for i, j in pairs:
                q, g = quotes[i], gold[j]
                if _norm_span(text, pred_spans[i]) == _norm_span(text, g.content):
                    n["exact"] += 1
                if g.source is None:
                    continue
                n["spk_total"] += 1
                span_ok = q.speaker_span is not None and _overlap(
                    ((q.speaker_span.start, q.speaker_span.end),), g.source, text) > 0
                text_ok = q.speaker_text is not None and _norm_name(q.speaker_text) == _norm_name(g.source_text)
                n["spk_span"] += span_ok
                n["spk_any"] += span_ok or text_ok
            gold_cues = [g.cue for g in gold if g.cue]
            cue_pairs = _match(pred_cues, gold_cues, text)
            n["cue_pred"] += len(pred_cues)
            n["cue_gold"] += len(gold_cues)
            n["cue_match"] += len(cue_pairs)
    p, r, f = _prf(n["match"], n["pred"], n["match"], n["gold"])
    _, _, f_exact = _prf(n["exact"], n["pred"], n["exact"], n["gold"])
    _, _, cue_f = _prf(n["cue_match"], n["cue_pred"], n["cue_match"], n["cue_gold"])
    return {
        "content_f1_overlap": f,
        "content_f1_exact": f_exact,
        "content_precision_overlap": p,
        "content_recall_overlap": r,
        "speaker_accuracy": n["spk_any"] / n["spk_total"] if n["spk_total"] else 0.0,
        "speaker_accuracy_span": n["spk_span"] / n["spk_total"] if n["spk_total"] else 0.0,
        "cue_f1": cue_f,
        "n_docs": len(items),
        "n_annotations": sum(len(g) for _, g in items),
        "n_gold": n["gold"],
        "n_pred": n["pred"],
        "precision_by_rule": {k: round(v[1] / v[0], 3) for k, v in sorted(per_rule.items()) if v[0]},
    }

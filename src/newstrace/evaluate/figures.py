"""Score figure extraction on the NewsQuant JSON format (a list of {text, quantities}).

Every quantity newstrace emits for a sentence (counts, money, percentages, physical quantities) is
matched to the gold quantities of that sentence by value: a single value matches a single value,
a range (low, high) a range. Units are compared after normalization: both sides are read with
newstrace's own unit lexicon when they are units ("US$" and our "USD"; "per cent" and "percent"),
otherwise as nouns, lowercased and singular, by their head ("first-team players" ~ "players").
Qualifiers are compared on matched pairs whose gold ``change`` is one of =, ~, >, <.
"""
from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

from ..errors import EvalFormatError

_CHANGE_OF = {"exact": "=", "range": "=", "about": "~", "more_than": ">", "at_least": ">",
              "less_than": "<", "at_most": "<"}
_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_RANGE = re.compile(rf"^\s*({_NUMBER})\s*-\s*({_NUMBER})\s*$")
_IRREGULAR = {"people": "person", "men": "man", "women": "woman", "children": "child", "feet": "foot",
              "teeth": "tooth", "mice": "mouse", "geese": "goose", "persons": "person"}


def load(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Return the NewsQuant items of ``path``, checked, the first ``limit`` of them if given."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvalFormatError(f"{path}: cannot read NewsQuant JSON ({exc}); expected a JSON list of "
                              "{text, quantities}") from exc
    if not isinstance(data, list) or any(not isinstance(x, dict) or "text" not in x or "quantities" not in x
                                         for x in data):
        raise EvalFormatError(f"{path}: expected a JSON list of objects with `text` and `quantities` "
                              "(the NewsQuant format)")
    return data[:limit] if limit else data


def parse_gold_value(value: str) -> tuple[float, float] | None:
    """Return (low, high) of a NewsQuant value ("369.0", "12-120", "3.0 - 4.0"), or None if unreadable."""
    text = str(value).strip().replace(",", "")
    try:
        v = float(text)
        return v, v
    except ValueError:
        pass
    m = _RANGE.match(text)
    if m:
        a, b = float(m.group(1)), float(m.group(2))
        return min(a, b), max(a, b)
    return None


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=2e-3, abs_tol=1e-9)


def _values_match(gold: tuple[float, float], ours: tuple[float, float]) -> bool:
    return _close(gold[0], ours[0]) and _close(gold[1], ours[1])


def singular(word: str) -> str:
    """Return a crude singular of an English noun: enough to compare unit and counted heads."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("xes", "x"), ("ches", "ch"), ("shes", "sh")):
        if w.endswith(suffix) and len(w) > len(suffix) + 1:
            return w[: -len(suffix)] + repl
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def _unit_keys(text: str | None) -> set[str]:
    """Return the normalized forms a unit or counted phrase may be matched by."""
    from ..extract.figures import canonical_unit

    if not text or text.strip() in ("-", ""):
        return set()
    raw = text.strip()
    keys: set[str] = set()
    canonical = canonical_unit(raw)
    if canonical:
        keys.add(canonical.lower())
        keys.add(canonical.split(" per ")[0].lower())
    words = re.findall(r"[A-Za-z$€£¥%]+", raw.split(" per ")[0])
    if words:
        keys.add(singular(words[-1]))
        keys.add(" ".join(singular(w) for w in words))
        if "of" in words[1:]:
            keys.add(singular(words[words.index("of", 1) - 1]))  # "barrels of oil": the head is "barrel"
    keys.add(raw.lower())
    return keys


def _gold_unit_keys(q: dict[str, Any]) -> set[str]:
    return _unit_keys(q.get("unit")) | _unit_keys(q.get("normalized_unit"))


def _our_unit_keys(fig) -> set[str]:
    if fig.unit == "fraction":
        # a share of a whole: NewsQuant writes it as a percentage of the counted noun ("% voters")
        return {"%", "percent"} | _unit_keys(fig.counted)
    if fig.unit:
        return _unit_keys(fig.unit)
    return _unit_keys(fig.counted)


def _unit_match(q: dict[str, Any], fig) -> bool:
    gold = _gold_unit_keys(q)
    ours = _our_unit_keys(fig)
    if not gold:
        return not ours
    return bool(gold & ours)


def score_item(item: dict[str, Any], figures) -> dict[str, int]:
    """Return the counts (tp, predicted, gold, unit_tp, qualifier_right, qualifier_scored) of one item."""
    # an unreadable gold value stays in the count (it cannot be matched) so that it cannot raise a score
    gold = [(q, parse_gold_value(q.get("value", ""))) for q in item["quantities"]]
    ours = []
    for fig in figures:
        if fig.value is not None:
            ours.append((fig, (fig.value, fig.value)))
        elif fig.low is not None and fig.high is not None:
            ours.append((fig, (min(fig.low, fig.high), max(fig.low, fig.high))))
    used: set[int] = set()
    pairs = []
    # match with unit agreement first, then by value alone
    for need_unit in (True, False):
        for gi, (q, gv) in enumerate(gold):
            if any(p[0] == gi for p in pairs):
                continue
            for oi, (fig, ov) in enumerate(ours):
                if gv is None or oi in used or not _values_match(gv, ov):
                    continue
                if need_unit and not _unit_match(q, fig):
                    continue
                used.add(oi)
                pairs.append((gi, oi, _unit_match(q, fig)))
                break
    qual_scored = qual_right = 0
    for gi, oi, _ in pairs:
        change = gold[gi][0].get("change")
        if change in ("=", "~", ">", "<"):
            qual_scored += 1
            qual_right += int(_CHANGE_OF.get(ours[oi][0].qualifier) == change)
    return {"tp": len(pairs), "predicted": len(ours), "gold": len(gold),
            "unit_tp": sum(1 for p in pairs if p[2]), "qualifier_right": qual_right,
            "qualifier_scored": qual_scored}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(path: Path, limit: int | None = None, *, nlp=None, batch_size: int = 64) -> dict[str, Any]:
    """Return value P/R/F1, value+unit F1 and qualifier accuracy of newstrace on a NewsQuant file."""
    from ..ids import article_id
    from ..pipeline import extract_articles
    from ..records import Article

    items = load(path, limit)
    articles = [Article(id=article_id(x["text"]) + f"_{i}", text=x["text"], source="newsquant")
                for i, x in enumerate(items)]
    totals = {"tp": 0, "predicted": 0, "gold": 0, "unit_tp": 0, "qualifier_right": 0, "qualifier_scored": 0}
    for item, result in zip(items, extract_articles(articles, nlp=nlp, batch_size=batch_size)):
        counts = score_item(item, result.figures)
        for k, v in counts.items():
            totals[k] += v
    p = totals["tp"] / totals["predicted"] if totals["predicted"] else 0.0
    r = totals["tp"] / totals["gold"] if totals["gold"] else 0.0
    up = totals["unit_tp"] / totals["predicted"] if totals["predicted"] else 0.0
    ur = totals["unit_tp"] / totals["gold"] if totals["gold"] else 0.0
    qa = totals["qualifier_right"] / totals["qualifier_scored"] if totals["qualifier_scored"] else 0.0
    return {
        "value_precision": round(p, 4), "value_recall": round(r, 4), "value_f1": round(_f1(p, r), 4),
        "value_unit_precision": round(up, 4), "value_unit_recall": round(ur, 4),
        "value_unit_f1": round(_f1(up, ur), 4), "qualifier_accuracy": round(qa, 4),
        "n": len(items), "gold_quantities": totals["gold"], "predicted_quantities": totals["predicted"],
    }

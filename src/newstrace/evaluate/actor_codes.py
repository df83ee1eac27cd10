"""CAMEO actor codes of event parties against plover-gsr: code and country match, dyad and triple F1.

Gold actors carry ``code`` (a country or IGO code) and ``sector``; a predicted party code matches a
gold actor when its first three letters equal the gold code and, where the gold gives a sector, the
sector is among the code's later three-letter groups ("USAGOVPRS" matches USA + GOV). A dyad is a
(source, target) pair of codes, one per pair of an actor and a recipient of the main event, scored
against the gold pairs of sentences that have both a source and a target; the triple adds the event
type (plover-gsr has PLOVER types, not CAMEO verb codes, so its triple is source, target, PLOVER type).

The gold is read as CAMEO writes it today, so that a right code is not scored wrong for its spelling:
- three country codes of plover-gsr are not ISO 3166 (``GOLD_COUNTRIES``: JAP, ITL, VTN) and are read as
  the ISO codes the dictionaries use (JPN, ITA, VNM);
- sectors written in an older or mistyped form (``GOLD_SECTORS``) are read as CAMEO's current sector:
  CIV (civilians, a typo: CIV is Cote d'Ivoire) as CVL, JRN (journalists) as MED, and MOS (Muslim,
  CAMEO 1.1) as MUS (the Phoenix dictionaries' spelling);
- an international organisation with the sector GOV (the UN Security Council, the Arab League's
  secretary-general) is matched by the organisation's own code with no sector after it: CAMEO codes
  an IGO's governing organs and officers by the IGO code (the dictionaries give IGOUNO to the Security
  Council), it has no GOV sector for an IGO. A code that adds a sector (IGOUNOMIL) must have GOV.
"""
from __future__ import annotations

import json
from pathlib import Path

_NO_SECTOR = frozenset({"", "***", "---"})
GOLD_COUNTRIES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
GOLD_SECTORS = {"CIV": "CVL", "JRN": "MED", "MOS": "MUS"}
_ORG_PREFIXES = ("IGO", "NGO", "IMG", "MNC")
# Sector codes a code can carry after its owner (the groups after IGOUNO that are not an IGO's name).
_SECTOR_CODES = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "REB", "OPP", "PTY", "CVL", "MED", "BUS", "EDU",
                           "HLH", "REL", "SPY", "LAB", "ACT", "NGO", "ELI", "AGR", "CRM", "HRI", "DEV", "ENV",
                           "UAF", "PPL", "REF", "MUS", "CHR", "JEW", "IMG", "SET", "MOD", "RAD", "NGM"})


def gold_actor_codes(path: str | Path) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """Return {record id: {"source": [(code, sector)], "target": [...]}} of a plover-gsr file."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    out = {}
    for record in data:
        if not isinstance(record, dict) or record.get("event") == "DOCUMENT":
            continue
        sides = {}
        for side in ("source", "target"):
            field = record.get(side)
            actors = field if isinstance(field, list) else []
            sides[side] = [_gold(str(a.get("code") or ""), str(a.get("sector") or ""))
                           for a in actors if isinstance(a, dict) and a.get("code")]
        out[record.get("id")] = sides
    return out


def _gold(code: str, sector: str) -> tuple[str, str]:
    code, sector = code.upper(), sector[:3].upper()
    return GOLD_COUNTRIES.get(code, code), GOLD_SECTORS.get(sector, sector)


def code_matches(predicted: str | None, gold: tuple[str, str], *, country_only: bool = False) -> bool:
    """Whether a predicted CAMEO actor code matches a gold (code, sector)."""
    if not predicted:
        return False
    code, sector = gold
    if predicted[:3] != code[:3]:
        return False
    if country_only or sector in _NO_SECTOR:
        return True
    rest = predicted[3:]
    if any(rest[i:i + 3] == sector for i in range(0, len(rest), 3)):
        return True
    # an IGO's governing organs: its own code, no sector after it
    return code == "IGO" and sector == "GOV" and predicted.startswith(_ORG_PREFIXES[0]) \
        and not any(rest[i:i + 3] in _SECTOR_CODES for i in range(3, len(rest), 3))


def _side(gold: list[tuple[str, str]], parties, country_only: bool = False) -> bool:
    codes = [p.code for p in parties]
    return any(code_matches(c, g, country_only=country_only) for g in gold for c in codes)


def _pairs_matched(pred: list[tuple], gold: list[tuple], with_type: bool) -> int:
    used: set[int] = set()
    hits = 0
    for p in pred:
        for i, g in enumerate(gold):
            if i in used:
                continue
            if code_matches(p[0], g[0]) and code_matches(p[1], g[1]) and (not with_type or p[2] == g[2]):
                used.add(i)
                hits += 1
                break
    return hits


def _f1(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict[str, float]:
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "gold": n_gold, "predicted": n_pred}


def code_scores(items: list[dict], predictions: list, gold_codes: dict) -> dict:
    """Return source/target code and country match, dyad and triple P/R/F1 of main events."""
    counts = {"source": [0, 0, 0], "target": [0, 0, 0]}  # gold, code match, country match
    dyad = [0, 0, 0]  # predicted, matched, gold
    triple = [0, 0, 0]
    for item, event in zip(items, predictions):
        gold = gold_codes.get(item.get("id")) or {"source": [], "target": []}
        for side, parties in (("source", event.actors if event else ()), ("target", event.recipients if event else ())):
            if gold[side]:
                counts[side][0] += 1
                counts[side][1] += _side(gold[side], parties)
                counts[side][2] += _side(gold[side], parties, country_only=True)
        gold_pairs = [(s, t, item["type"]) for s in gold["source"] for t in gold["target"]]
        pred_pairs = [(a.code, r.code, event.type) for a in event.actors for r in event.recipients
                      if a.code and r.code] if event else []
        if not gold_pairs:
            continue  # sentences without a gold dyad say nothing about dyads
        for acc, with_type in ((dyad, False), (triple, True)):
            acc[0] += len(pred_pairs)
            acc[1] += _pairs_matched(pred_pairs, gold_pairs, with_type)
            acc[2] += len(gold_pairs)
    out = {}
    for side, (n, code, country) in counts.items():
        out[f"{side}_code_match"] = round(code / n, 4) if n else 0.0
        out[f"{side}_country_match"] = round(country / n, 4) if n else 0.0
    out["dyad"] = _f1(dyad[1], dyad[0], dyad[1], dyad[2])
    out["triple"] = _f1(triple[1], triple[0], triple[1], triple[2])
    return out

"""The quality gate: scores on the development sets may not fall below the pins in eval_gate.json.

As trafilatura's ``eval_gate.py`` does: each labeled set is named with its sha256, so a pin is only
compared with the data it was measured on, and each score has a minimum. A change that improves a
score raises its pin in the same commit; a change that lowers one lowers the pin and says so in its
commit message. The labeled data is read from ``../shared/gold`` (never copied into the project).
"""
from __future__ import annotations

import hashlib
import importlib
import json
from pathlib import Path

import pytest

from tests.conftest import SHARED, require_shared

GOLD = SHARED / "gold"
PINS = json.loads((Path(__file__).with_name("eval_gate.json")).read_text(encoding="utf-8"))
KINDS = [kind for kind in PINS if not kind.startswith("_")]


def _sha256(path: Path) -> str:
    """Return the sha256 of a file, or of a folder's files (relative names and contents, sorted)."""
    digest = hashlib.sha256()
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for file in files:
        digest.update(str(file.relative_to(path.parent if path.is_file() else path)).encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def _metric(result: dict, dotted: str) -> float:
    value = result
    for part in dotted.split("."):
        value = value[part]
    return float(value)


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_scores_do_not_fall_below_their_pins(kind, nlp):
    pin = PINS[kind]
    path = GOLD / pin["path"]
    require_shared(path)
    if "sha256" in pin:
        assert _sha256(path) == pin["sha256"], f"{path} is not the data the {kind} pins were measured on"
    result = importlib.import_module(f"newstrace.evaluate.{pin.get('module', kind)}").evaluate(path)
    below = {name: (round(_metric(result, name), 4), least) for name, least in pin["minimums"].items()
             if _metric(result, name) < least}
    assert not below, f"{kind}: scores below their pins (score, pin): {below}"

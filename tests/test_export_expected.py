"""The records pinned: the JSON Lines export of the examples, and a digest of each record of the shared
seeds, must stay as committed, so that a refactoring that changes a record is seen.

A change to the records that is meant (a bug fixed, a new rule) is recorded by regenerating both files:

    NEWSTRACE_UPDATE_EXPECTED=1 PYTHONPATH=src python -m pytest -q tests/test_export_expected.py

then reading `git diff tests/expected/` and saying in the commit message which records changed and why.
The examples are our own text, so their whole export is committed (tests/expected/examples.jsonl); the
seeds' text may not be copied, so only ``kind``, ``id`` and the SHA-256 of each record's canonical JSON
are (tests/expected/seeds.digest.jsonl).
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from newstrace.export import export_records
from newstrace.ingest import ingest
from newstrace.store import open_store

from .conftest import EXAMPLES, SHARED, require_shared

SEEDS = SHARED / "seeds"
EXPECTED = Path(__file__).resolve().parent / "expected"
UPDATE = os.environ.get("NEWSTRACE_UPDATE_EXPECTED", "").lower() in ("1", "true", "yes")


def _export(folder: Path, tmp_path: Path, nlp, monkeypatch) -> list[str]:
    """Return the JSONL export, line by line, of ``folder`` ingested and linked into a new SQLite store.

    The folder is read by its name from its parent, so that each article's ``origin`` does not depend
    on where the checkout lives."""
    monkeypatch.chdir(folder.parent)
    out = tmp_path / f"{folder.name}.jsonl"
    with open_store(tmp_path / f"{folder.name}.db") as store:
        summary = ingest([folder.name], store, nlp=nlp)
        assert summary.failures == []
        export_records(store, "jsonl", out)
    return out.read_text(encoding="utf-8").splitlines()


def _digest(line: str) -> str:
    record = json.loads(line)
    canonical = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return json.dumps({"kind": record["kind"], "id": record.get("id"),
                       "sha256": hashlib.sha256(canonical.encode("utf-8")).hexdigest()})


def _compare(actual: list[str], path: Path) -> None:
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(line + "\n" for line in actual), encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run with NEWSTRACE_UPDATE_EXPECTED=1 to write it"
    expected = path.read_text(encoding="utf-8").splitlines()
    if actual == expected:
        return
    gone = [line[:160] for line in expected if line not in set(actual)]
    new = [line[:160] for line in actual if line not in set(expected)]
    detail = "\n".join(["only expected:", *gone[:8], "only now:", *new[:8]])
    pytest.fail(f"the records differ from {path.name} ({len(gone)} expected lines gone, {len(new)} new; "
                f"order changed when both are 0). If the change is meant, regenerate with "
                f"NEWSTRACE_UPDATE_EXPECTED=1 (see this module's docstring).\n{detail}")


def test_export_of_the_examples_is_as_committed(tmp_path, nlp, monkeypatch):
    _compare(_export(EXAMPLES, tmp_path, nlp, monkeypatch), EXPECTED / "examples.jsonl")


def test_export_of_the_seeds_has_the_committed_digests(tmp_path, nlp, monkeypatch):
    require_shared(SEEDS)
    lines = _export(SEEDS, tmp_path, nlp, monkeypatch)
    _compare([_digest(line) for line in lines], EXPECTED / "seeds.digest.jsonl")

"""Shared fixtures: the real spaCy pipeline, loaded once; helpers for components that may be missing.

Under CI=true a test whose component (PostgreSQL, Chromium, Ray) is missing fails instead of skipping.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest_plugins = ["tests.pg_fixture"]

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
# The labeled data, seeds and corpora are never part of a checkout: they are read from ../shared beside
# it, or from where NEWSTRACE_SHARED says (.ci/run sets it when it finds them).
SHARED = Path(os.environ.get("NEWSTRACE_SHARED") or ROOT.parent / "shared")


def require_shared(path: Path) -> None:
    """Skip the test when shared data is not on this machine: unlike a component, CI cannot install it."""
    if not path.exists():
        pytest.skip(f"{path} is not on this machine (set NEWSTRACE_SHARED to the shared folder)")


def require(condition: bool, what: str) -> None:
    """Skip the test when ``what`` is missing, or fail under CI=true."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{what} is missing, and CI=true requires it")
    pytest.skip(f"{what} is missing")


@pytest.fixture(scope="session")
def nlp():
    from newstrace.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def extract(nlp):
    """Return a function text -> ArticleResult, with an optional publication date."""
    from newstrace.pipeline import extract_text

    def run(text: str, published: str | None = None, title: str = ""):
        return extract_text(text, published=published, title=title, nlp=nlp)

    return run

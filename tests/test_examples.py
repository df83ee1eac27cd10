"""The example articles read cleanly and keep the hard cases they are there for; real corpora do not crash the readers."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from newstrace.errors import InputDropped, InputError
from newstrace.readers import read_inputs

from .conftest import EXAMPLES, SHARED

CORPORA = SHARED / "corpora"


@pytest.fixture(scope="module")
def examples() -> list:
    return list(read_inputs([str(EXAMPLES)]))


def _format(origin: str) -> str:
    path = origin.split("#")[0].rsplit(":", 1)[0] if ".jsonl:" in origin else origin.split("#")[0]
    return {".txt": "text", ".html": "html", ".jsonl": "jsonl", ".xml": "feed"}[Path(path).suffix]


def test_every_example_reads_without_error_or_warning(examples):
    errors = [str(i) for i in examples if isinstance(i, InputError)]
    assert errors == []
    warnings = {a.origin: a.meta["warnings"] for a in examples if a.meta.get("warnings")}
    assert warnings == {}


def test_examples_cover_every_format_with_8_to_12_articles(examples):
    assert 8 <= len(examples) <= 12
    by_format = Counter(_format(a.origin) for a in examples)
    assert set(by_format) == {"text", "html", "jsonl", "feed"}
    assert by_format["text"] >= 2 and by_format["jsonl"] >= 2 and by_format["feed"] == 2


def test_readme_is_not_read_as_an_article(examples):
    assert (EXAMPLES / "README.md").exists()
    assert not any(a.origin.endswith("README.md") for a in examples)


def test_examples_are_dated_short_news_articles_with_distinct_ids(examples):
    for article in examples:
        assert re.fullmatch(r"20\d\d-\d\d-\d\d", article.published or ""), article.origin
        words = len(article.text.split())
        assert 120 <= words <= 350, (article.origin, words)
    assert len({a.id for a in examples}) == len(examples)


def test_at_least_two_text_examples_use_the_seeds_header(examples):
    headed = [a for a in examples if _format(a.origin) == "text" and a.byline and "standfirst_end" in a.meta]
    assert len(headed) >= 2
    for article in headed:
        assert not article.text.lstrip().lower().startswith("date")


def test_readme_describes_every_example_file():
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for path in EXAMPLES.iterdir():
        if path.name != "README.md":
            assert f"`{path.name}`" in readme, path.name


@pytest.mark.parametrize("pattern, why", [
    (r"according to", "reported speech attributed with 'according to'"),
    (r"“[^”]*[.!?] [^”]*”", "a curly-quoted quote spanning two sentences"),
    (r"[Mm]ore than \d", "a figure qualified with 'more than'"),
    (r"between [\d,]+ and [\d,]+", "a figure given as a range"),
    (r"\bon (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", "a relative weekday"),
    (r"\blast February\b", "a relative month"),
    (r"\bdid not release\b", "a negated release"),
    (r"\bwould be (?:freed|obliged to arrest)\b[^.]*\bif\b", "a hypothetical event"),
    (r"\bKhan Yunis\b[\s\S]*369|369[\s\S]*\bKhan Yunis\b", "the February 2025 exchange"),
    (r"\bKremlin\b", "the April 2025 Kremlin meeting"),
])
def test_examples_keep_the_hard_cases_they_pin(examples, pattern, why):
    assert any(re.search(pattern, a.text) for a in examples), why


def test_two_outlets_disagree_on_the_same_death_toll(examples):
    sumy = [a for a in examples if "Sumy" in a.text and "kill" in a.text]
    assert len({a.source for a in sumy}) >= 2
    tolls = {re.search(r"(?:killing at least|risen to) (\d+)", a.text)[1] for a in sumy}
    assert len(tolls) == 2


# --- robustness runs on real corpora (skipped where the shared corpora are not present) -------------

@pytest.mark.slow
@pytest.mark.parametrize("folder, least_articles", [
    ("feeds/rss-real-feeds", 1000),
    ("html/article-extraction-benchmark/html", 175),
    ("text/bbc", 2225),
])
def test_real_corpora_read_without_crashing(folder, least_articles):
    root = CORPORA / folder
    if not root.exists():
        pytest.skip(f"{root} is not here")
    articles, errors, dropped = 0, [], []
    for item in read_inputs([str(root)]):
        if isinstance(item, InputDropped):  # a feed entry too short to be an article: said, not failed
            dropped.append(item)
            assert item.reason.startswith("entry too short to be an article"), item
        elif isinstance(item, InputError):
            errors.append(item)
            assert item.reason and "\n" not in item.reason, item
        else:
            articles += 1
            assert item.text.strip() and item.origin
    assert articles >= least_articles
    # what fails is named and explained: expected-output JSON and entries without text, not crashes
    reasons = Counter(e.reason.split(" ")[0] for e in errors)
    assert set(reasons) <= {"JSON", "feed", "not", "no"}, reasons

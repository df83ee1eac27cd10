"""Interrupted and concurrent ingests end where a single uninterrupted run ends (issue 16, items 1 and 4)."""
from __future__ import annotations

import os
import signal
import time

from typer.testing import CliRunner

from newstrace.cli import app
from newstrace.ingest import ingest
from newstrace.link import link_rebuild
from newstrace.store import open_store

from .helpers import EXAMPLES, check_store, export_lines, ingest_in_child, per_article_counts, wait

FIRST = sorted(str(p) for p in EXAMPLES.glob("*.txt")) + [str(EXAMPLES / "2025-news-service.jsonl")]
SECOND = sorted(str(p) for p in EXAMPLES.glob("*.html")) + [str(EXAMPLES / "continental-ledger-world.xml")]


def test_a_rerun_links_what_a_run_stopped_before_linking_left(store_url, nlp, tmp_path):
    clean = str(tmp_path / "clean.db")
    with open_store(clean) as store:
        ingest([str(EXAMPLES)], store, nlp=nlp)
    with open_store(store_url) as store:
        first = ingest([str(EXAMPLES)], store, nlp=nlp, link=False)  # as if killed before linking
        assert first.new == 11 and store.unlinked() == 11
        again = ingest([str(EXAMPLES)], store, nlp=nlp)  # nothing new to store
        assert again.new == 0 and again.already_stored == 11
        assert again.linked is not None and again.linked.articles == 11
        assert store.unlinked() == 0
    assert export_lines(store_url) == export_lines(clean)


def test_stats_warns_while_articles_are_not_linked(tmp_path, nlp):
    db = str(tmp_path / "s.db")
    with open_store(db) as store:
        ingest([str(EXAMPLES / "2025-02-16-moscow-thanks.txt")], store, nlp=nlp, link=False)
    runner = CliRunner()
    result = runner.invoke(app, ["stats", "--db", db])
    assert result.exit_code == 0
    assert "warning: 1 stored article(s) are not linked yet" in result.stderr
    runner.invoke(app, ["link", "--db", db], catch_exceptions=False)
    assert "not linked" not in runner.invoke(app, ["stats", "--db", db]).stderr


def test_two_concurrent_ingests_equal_a_sequential_run(store_url, nlp):
    """Two processes ingest different inputs into one store at once. Linking goes article by article
    in the order they were stored; the result must be what linking them one after another in that
    same order gives (``link_rebuild``), with nothing lost or split by the other process."""
    pids = [ingest_in_child(FIRST, store_url, nlp), ingest_in_child(SECOND, store_url, nlp)]
    assert [wait(pid) for pid in pids] == [0, 0]
    with open_store(store_url) as store:
        assert store.unlinked() == 0
        assert [f for f in store.failures() if f.get("kind", "failed") == "failed"] == []  # e.g. a deadlock
    concurrent = export_lines(store_url)
    check_store(store_url, per_article_counts(store_url))
    with open_store(store_url) as store:
        link_rebuild(store)
    assert concurrent == export_lines(store_url)
    assert sum('"kind": "article"' in line for line in concurrent) == 11


def children_of(pid: int) -> list[int]:
    """Return the pids whose parent is ``pid`` (from /proc)."""
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry))
    return out


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_n_process_workers_end_with_their_parent(tmp_path, nlp):
    """kill -9 of an ingest run with --n-process 2: its workers must not run on (issue 16, item 7)."""
    texts = tmp_path / "many"
    texts.mkdir()
    body = (EXAMPLES / "2025-02-16-moscow-thanks.txt").read_text()
    for i in range(60):  # distinct texts, enough work to outlive the kill
        (texts / f"{i:03}.txt").write_text(f"{body}\nReport number {i} of the day.\n")
    parent = ingest_in_child([str(texts)], str(tmp_path / "w.db"), nlp, n_process=2, batch_size=30)
    deadline = time.monotonic() + 30
    while len(workers := children_of(parent)) < 2:
        assert time.monotonic() < deadline, "the workers did not start"
        time.sleep(0.05)
    time.sleep(1.0)  # the workers are busy with their first chunks: a pool cannot stop them now
    os.kill(parent, signal.SIGKILL)
    os.waitpid(parent, 0)
    deadline = time.monotonic() + 5
    while any(alive(w) for w in workers):
        assert time.monotonic() < deadline, f"workers {[w for w in workers if alive(w)]} outlived their parent"
        time.sleep(0.05)

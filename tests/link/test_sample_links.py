"""scripts/sample_links.py diff: which multi-article clusters a census of a second store must read.

Two real SQLite stores of hand-written reports (``Report`` of test_link), linked by the real linker; the
second holds one more report of one release (a changed cluster), lacks a report of another (a cluster
gone), and has a release the first has not (a new cluster); one release is the same in both.
"""
from __future__ import annotations

import importlib.util

from tests.conftest import ROOT

from .test_link import Report, _linked_store

SPEC = importlib.util.spec_from_file_location("sample_links", ROOT / "scripts" / "sample_links.py")
sample_links = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(sample_links)

TEXTS = ["Rebels freed {} on Friday.", "Rebels freed {} on Friday, the family said.",
         "Rebels freed {} on Friday after talks."]


def _release(name: str, which: int) -> Report:
    text = TEXTS[which].format(name)
    report = Report(text, f"2019-06-{8 + which:02d}", source=f"Wire {which}")
    report.event("freed", "RETREAT", mode="release", actors=[report.entity("ORG", "Rebels")],
                 recipients=[report.entity("PERSON", name)], date="2019-06-07")
    return report


def _store(path, releases: dict[str, int]):
    return _linked_store(path, [_release(name, k) for name, n in releases.items() for k in range(n)])


def test_diff_lists_what_is_new_changed_or_gone_and_names_the_same(tmp_path, capsys):
    a = _store(tmp_path / "a", {"Omar Haddad": 2, "Lina Farouk": 2, "Tarek Mansour": 2})
    b = _store(tmp_path / "b", {"Omar Haddad": 3, "Lina Farouk": 2, "Tarek Mansour": 1, "Samir Aziz": 2})
    a.close()
    b.close()
    assert sample_links.main(["diff", str(tmp_path / "a" / "rules.db"), str(tmp_path / "b" / "rules.db")]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == ("B has 3 clusters of two or more articles: 1 the same as in A, 1 changed, "
                                   "1 new; 1 of A's 3 are gone")
    same, rest = out.split("# changed")
    changed, rest = rest.split("# new")
    new, gone = rest.split("# gone")
    assert same.count(" = cl_") == 1
    # the changed cluster shows its one added report marked +, nothing removed
    assert [line for line in changed.splitlines() if line.startswith(" +")] == [
        line for line in changed.splitlines() if "Wire 2" in line]
    assert "Omar Haddad" in changed and " -[" not in changed
    assert "Samir Aziz" in new and "Omar Haddad" not in new
    # the cluster gone: one report now alone in B, the other not in B at all
    assert "Tarek Mansour" in gone and "in B 1 clusters, 1 reports not found" in gone
    assert gone.count("-> not in B") == 1


def test_diff_refuses_a_missing_store_in_one_line(tmp_path, capsys):
    _store(tmp_path / "a", {"Omar Haddad": 2}).close()
    assert sample_links.main(["diff", str(tmp_path / "a" / "rules.db"), str(tmp_path / "nowhere.db")]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "nowhere.db" in err
    assert not (tmp_path / "nowhere.db").exists()

"""The index of other spellings (geo/data/skeletons.tsv.gz) is what the gazetteer's sources give, and a
broken copy is one clear error."""
from __future__ import annotations

import pytest

from newstrace.errors import LexiconError
from newstrace.geo.gazetteer import load_gazetteer, parse_skeletons, read_skeletons, skeleton, skeleton_rows


def test_the_shipped_index_of_other_spellings_is_the_one_the_gazetteer_builds():
    built = load_gazetteer().other_spellings_index()
    assert read_skeletons() == built, (
        "geo/data/skeletons.tsv.gz is stale (the gazetteer's sources or skeleton() changed): "
        "run python scripts/build_skeletons.py")
    # the lines round-trip, and a transliterated town is there under its skeleton
    assert parse_skeletons("\n".join(skeleton_rows(built))) == built
    key = skeleton("maarat al numan")
    assert any("numan" in name for name in built[("SYR", key[0])].get(key, ()))


@pytest.mark.parametrize("line", ["SYR\tmrtnmn", "SYR\t\tmaarat", "SYR mrtnmn maarat"])
def test_a_broken_line_is_one_error_naming_the_file_and_line(line):
    with pytest.raises(LexiconError, match=r"skeletons\.tsv\.gz line 2: .*build_skeletons\.py"):
        parse_skeletons("SYR\tmrtnmn\tmaarat an numan\n" + line)

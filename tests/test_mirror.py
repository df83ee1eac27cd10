"""tests/ mirrors the package: the tests of ``newstrace.X`` are in ``tests/X/`` (a package) or
``tests/test_X.py`` (a module), so a newcomer finds them where the code is.

A few suites test the whole package rather than one module of it, and are named here with why.
"""
from __future__ import annotations

from pathlib import Path

import newstrace

SRC = Path(newstrace.__file__).resolve().parent
TESTS = Path(__file__).resolve().parent

# suites of the whole package, beside the mirror
WHOLE_PACKAGE = {
    "reliability": "hostile inputs, interruptions and kills, through the CLI, the store and the web at once",
    "test_examples.py": "the example articles, through every reader and stage",
    "test_export_expected.py": "the pinned records of examples/ and the seeds, through ingest and export",
    "test_import_graph.py": "the import graph of every module",
    "test_mirror.py": "this layout",
}


def test_each_test_folder_and_top_level_test_module_is_named_after_a_part_of_the_package():
    packages = {p.name for p in SRC.iterdir() if (p / "__init__.py").exists()}
    modules = {p.stem for p in SRC.glob("*.py")}
    wrong = []
    for path in sorted(TESTS.iterdir()):
        if path.name in WHOLE_PACKAGE:
            continue
        if path.is_dir() and any(path.glob("test_*.py")) and path.name not in packages:
            wrong.append(f"tests/{path.name}/: no package newstrace.{path.name}")
        elif path.name.startswith("test_") and path.suffix == ".py" and path.stem[5:] not in modules | packages:
            wrong.append(f"tests/{path.name}: no module newstrace.{path.stem[5:]} (tests of a module inside a "
                         "package go in that package's folder)")
    assert not wrong, "\n".join(wrong)

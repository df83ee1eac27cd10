"""The import graph of the package, read from the source with ``ast``: no circle between modules, none between
packages, and each floor imports only from the floors beneath it (docs/ARCHITECTURE.md).

Every import counts, including one inside a function or under ``if TYPE_CHECKING`` (it hides the graph, it
does not remove the dependency). A relative import is resolved against its module; ``from . import x`` where
``x`` is a submodule counts as importing that submodule.
"""
from __future__ import annotations

import ast
import functools
import itertools
from pathlib import Path

import newstrace

SRC = Path(newstrace.__file__).resolve().parent
ROOT = "newstrace"

# the ground floor (docs/ARCHITECTURE.md): it imports nothing of the package but itself
GROUND = {f"{ROOT}.{m}" for m in ("errors", "ids", "timeframe", "datafiles", "records", "settings")} | {ROOT}
# what each low floor may import: the floors beneath it and itself
MAY_IMPORT = {
    "ground": GROUND,
    f"{ROOT}.kb": GROUND | {f"{ROOT}.kb"},
    f"{ROOT}.lang": GROUND | {f"{ROOT}.kb", f"{ROOT}.lang"},
}
# extraction stands below storing, linking and serving
EXTRACT_NEVER_IMPORTS = {f"{ROOT}.{p}" for p in ("link", "store", "web", "cli", "query")}


def _module_name(path: Path, src: Path) -> str:
    parts = path.relative_to(src.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.cache
def modules(src: Path = SRC) -> dict[str, Path]:
    """Dotted name -> file, for every module of the package at ``src``."""
    return {_module_name(p, src): p for p in sorted(src.rglob("*.py"))}


@functools.cache
def import_graph(src: Path = SRC) -> dict[str, dict[str, int]]:
    """Module -> {imported module of the same package: line of its first import}, for every module under
    ``src`` (a package folder)."""
    mods = modules(src)
    root = src.name

    def nearest_module(name: str) -> str:  # the module ``name`` stands for: itself, or the package holding it
        while name and name not in mods:
            name = name.rpartition(".")[0]
        return name

    graph: dict[str, dict[str, int]] = {}
    for name, path in mods.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        edges: dict[str, int] = {}
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                # ``from P import x``: the submodule P.x when there is one, else the module P
                targets = [f"{source}.{a.name}" if f"{source}.{a.name}" in mods else source for a in node.names]
            for target in targets:
                if target.split(".")[0] != root:
                    continue
                target = nearest_module(target)
                if target and target != name:
                    edges.setdefault(target, node.lineno)
        graph[name] = edges
    return graph


def package_of(module: str) -> str:
    """The top-level package of ``module`` (``newstrace.link.entities`` -> ``newstrace.link``), or the
    top-level module itself (``newstrace.ingest``)."""
    return ".".join(module.split(".")[:2])


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """Return one cycle of ``graph`` as [a, b, ..., a], or None."""
    state: dict[str, int] = {}  # 1: on the path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def _describe(cycle: list[str], where) -> str:
    return "import circle:\n" + "\n".join(f"  {a} -> {b}  ({where(a, b)})" for a, b in itertools.pairwise(cycle))


def _line(a: str, b: str) -> str:
    return f"{modules()[a].relative_to(SRC.parent)}:{import_graph()[a][b]}"


def test_no_import_circle_between_modules():
    graph = {m: set(edges) for m, edges in import_graph().items()}
    cycle = find_cycle(graph)
    assert cycle is None, _describe(cycle, _line)


def test_no_import_circle_between_packages():
    graph: dict[str, set[str]] = {}
    why: dict[tuple[str, str], str] = {}
    for module, edges in import_graph().items():
        for target in edges:
            a, b = package_of(module), package_of(target)
            if a != b:
                graph.setdefault(a, set()).add(b)
                why.setdefault((a, b), f"{module} -> {target}, {_line(module, target)}")
    cycle = find_cycle(graph)
    assert cycle is None, _describe(cycle, lambda a, b: why[a, b])


def test_extraction_never_imports_storing_linking_or_serving():
    wrong = [f"{_line(m, t)}: {m} imports {t}" for m, edges in import_graph().items()
             if package_of(m) in (f"{ROOT}.extract",) for t in edges if package_of(t) in EXTRACT_NEVER_IMPORTS]
    assert not wrong, "\n".join(wrong)


def test_the_ground_knowledge_and_language_floors_import_nothing_above_them():
    wrong = []
    for module, edges in import_graph().items():
        floor = "ground" if module in GROUND else package_of(module)
        if floor not in MAY_IMPORT:
            continue
        wrong += [f"{_line(module, t)}: {module} imports {t}" for t in edges
                  if t not in MAY_IMPORT[floor] and package_of(t) not in MAY_IMPORT[floor]]
    assert not wrong, "\n".join(wrong)


# Every top-level package and module on its floor (docs/ARCHITECTURE.md), lowest first: a module imports
# only from its own floor or the floors beneath it. A new package or top-level module is given its floor here.
FLOORS = [
    ("ground", {"", "errors", "ids", "timeframe", "datafiles", "records", "settings", "codec"}),
    ("knowledge", {"kb", "geo"}),  # geo: the gazetteer (branch geo)
    ("language", {"lang"}),
    ("reading", {"readers"}),
    ("extraction", {"extract", "nlp", "pipeline"}),
    ("storing", {"store"}),
    ("linking", {"link"}),
    ("read layer", {"query"}),
    ("serving", {"cli", "web", "export", "export_events", "evaluate", "ingest", "scale", "excerpt"}),
]


def floor_of(package: str) -> int:
    name = package.removeprefix(ROOT).removeprefix(".")
    for level, (_, names) in enumerate(FLOORS):
        if name in names:
            return level
    raise AssertionError(f"{package} is on no floor: give it one in FLOORS (tests/test_import_graph.py) and in "
                         "docs/ARCHITECTURE.md")


def test_each_floor_imports_only_from_its_own_floor_or_beneath():
    wrong = []
    for module, edges in import_graph().items():
        mine = floor_of(package_of(module))
        for target in edges:
            theirs = floor_of(package_of(target))
            if theirs > mine:
                wrong.append(f"{_line(module, target)}: {module} ({FLOORS[mine][0]}) imports {target} "
                             f"({FLOORS[theirs][0]}, a floor above)")
    assert not wrong, "\n".join(wrong)


def test_the_graph_sees_imports_inside_functions_relative_imports_and_submodules(tmp_path):
    """The reader of the graph itself, on a small package of its own: what the checks above rely on."""
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    files = {
        "__init__.py": "from .base import X\n",
        "base.py": "import os\n",
        "top.py": "from . import sub\nfrom .sub import leaf\n",
        "late.py": "def f():\n    from pkg.sub.leaf import g  # inside a function\n    return g\n",
        "sub/__init__.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..top import T\n",
        "sub/leaf.py": "from .. import base\nfrom ..base import X\n",
    }
    for name, text in files.items():
        (pkg / name).write_text(text, encoding="utf-8")
    graph = {m: set(edges) for m, edges in import_graph(pkg).items()}
    assert graph == {
        "pkg": {"pkg.base"}, "pkg.base": set(), "pkg.top": {"pkg.sub", "pkg.sub.leaf"},
        "pkg.late": {"pkg.sub.leaf"}, "pkg.sub": {"pkg.top"}, "pkg.sub.leaf": {"pkg.base"},
    }
    assert find_cycle(graph) == ["pkg.sub", "pkg.top", "pkg.sub"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
    assert package_of("newstrace.link.entities") == "newstrace.link" and package_of("newstrace") == "newstrace"

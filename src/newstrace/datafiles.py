"""The one reader of the package's data files (word lists, lexicons, the knowledge base).

Every YAML file under a ``data/`` folder of the package is read here, so that all of them obey the same
rules: a missing file, invalid YAML, a key given twice (which would silently drop an entry) or a top
level of the wrong shape is a ``LexiconError`` naming the file and what to fix. Callers build their own
structures from what this returns and cache those.
"""
from __future__ import annotations

import csv
import re
from dataclasses import fields
from importlib import resources
from typing import Any

import yaml

from .errors import LexiconError

LANG = "newstrace.lang"


def data_path(name: str, package: str = LANG) -> str:
    """Return the package-relative path of data file ``name`` of ``package``, as messages show it."""
    return "/".join(package.split(".")[1:] + ["data", name])


def read_text(name: str, package: str = LANG) -> str:
    """Return the text of data file ``name`` in ``package``'s ``data/`` folder."""
    try:
        return resources.files(package).joinpath(f"data/{name}").read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise LexiconError(f"{data_path(name, package)} is missing; reinstall newstrace (pip install -e .)") from exc


def read_bytes(name: str, package: str = LANG) -> bytes:
    """Return the bytes of data file ``name`` (a path under ``data/``) in ``package``'s ``data/`` folder."""
    try:
        return resources.files(package).joinpath(f"data/{name}").read_bytes()
    except FileNotFoundError as exc:
        raise LexiconError(f"{data_path(name, package)} is missing; reinstall newstrace (pip install -e .)") from exc


class _UniqueKeyLoader(yaml.SafeLoader):
    """A SafeLoader that refuses a mapping key given twice."""


def _construct_mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"{key!r} is given twice (line {key_node.start_mark.line + 1}); merge the two entries",
                key_node.start_mark)
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(name: str, package: str = LANG, *, shape: type = dict, generated_by: str | None = None) -> Any:
    """Return the parsed YAML data file ``name`` of ``package`` (a mapping unless ``shape`` says otherwise).

    Raises LexiconError when the file is missing, is not valid YAML, gives a key twice, or is not a ``shape``.
    A file a script writes (``generated_by``: its name, shown in the error) has no key twice by construction:
    it is read with libyaml's C parser when present, in a fraction of the time of the checking loader.
    """
    path = data_path(name, package)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader) if generated_by else _UniqueKeyLoader
    fix = f"run {generated_by} again" if generated_by else "fix the file"
    try:
        data = yaml.load(read_text(name, package), Loader=loader)  # both loaders are safe loaders
    except yaml.YAMLError as exc:
        raise LexiconError(f"{path} is not valid YAML: {exc}; {fix}") from exc
    if data is None:
        data = shape()
    if not isinstance(data, shape):
        raise LexiconError(f"{path}: expected a {shape.__name__} at the top level, got {type(data).__name__}")
    return data


def load_word_lists(name: str, cls, package: str = LANG):
    """Return ``cls`` (a dataclass of frozensets) filled from the lists of data file ``name``, lowercased;
    a list missing from the file, or a key the class does not know, is a LexiconError naming the file."""
    data = load_yaml(name, package)
    names = [f.name for f in fields(cls)]
    missing = [n for n in names if not isinstance(data.get(n), list)]
    unknown = sorted(set(data) - set(names))
    if missing or unknown:
        what = "; ".join(filter(None, [missing and f"missing lists: {', '.join(missing)}",
                                       unknown and f"unknown keys: {', '.join(unknown)}"]))
        raise LexiconError(f"{data_path(name, package)}: {what}; fix the file")
    flags = [f"{n}: {w!r}" for n in names for w in data[n] if isinstance(w, bool) or w is None]
    if flags:  # YAML reads an unquoted on/off/yes/no as true/false, and an empty item as null
        raise LexiconError(f"{data_path(name, package)}: not a word in {', '.join(flags)}; write the word in "
                           f"quotes (\"on\", \"no\"); fix the file")
    return cls(**{n: frozenset(str(w).lower() for w in data[n]) for n in names})


def alternation(words) -> str:
    """Return a regex alternation (no group) of ``words``, each escaped, the longest first, so that a word
    wins over its own beginning ("next week" before "next"). The one builder of a pattern from a word list."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def load_csv(name: str, package: str = LANG) -> list[dict[str, str]]:
    """Return the rows of the CSV data file ``name`` of ``package``, as dicts keyed by its header."""
    return list(csv.DictReader(read_text(name, package).splitlines()))

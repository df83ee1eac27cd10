"""How many items ``read_inputs`` will yield, when that can be known cheaply: the total of a progress bar.

Text and HTML files are one article each; a JSON Lines file is one item per non-blank line (counted
by scanning bytes, not parsing). A feed, a JSON document, a Parquet file, a compressed file or
standard input has a count only known by reading it: then the total is unknown (None), and the bar
shows counts without an end. Counting stops at ``BUDGET_SECONDS``: a progress bar is not worth a
long wait before the work starts.
"""
from __future__ import annotations

import time
from pathlib import Path

from ..errors import InputError
from .sources import GZIP_MAGIC, format_of, walk

BUDGET_SECONDS = 2.0
_CHUNK = 1 << 20


class _Unknown(Exception):
    pass


def count_inputs(paths: list[str], *, budget: float = BUDGET_SECONDS) -> int | None:
    """Return how many articles and failures ``read_inputs(paths)`` will yield, or None when unknown."""
    deadline = time.monotonic() + budget
    total = 0
    try:
        for name in paths:
            if name == "-":
                return None
            path = Path(name)
            if not path.exists():
                total += 1  # the missing path is one failure
            elif path.is_dir():
                for file in walk(path):
                    total += 1 if isinstance(file, InputError) else _count_file(file, deadline)
            else:
                total += _count_file(path, deadline)
    except _Unknown:
        return None
    return total


def _count_file(path: Path, deadline: float) -> int:
    if time.monotonic() > deadline:
        raise _Unknown
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
            if head.startswith(GZIP_MAGIC):
                raise _Unknown
            fmt = format_of(path.name, head)
            if fmt in ("text", "html"):
                return 1
            if fmt != "jsonl":
                raise _Unknown
            handle.seek(0)
            return _count_lines(handle, deadline)
    except OSError:
        return 1  # read_inputs reports it as one failure


def _count_lines(handle, deadline: float) -> int:
    count, uncounted = 0, True  # uncounted: the current line has not been counted yet
    while chunk := handle.read(_CHUNK):
        if time.monotonic() > deadline:
            raise _Unknown
        # a line counts when it holds anything but white space; lines may span chunks
        lines = chunk.split(b"\n")
        for i, line in enumerate(lines):
            if line.strip() and uncounted:
                count += 1
                uncounted = False
            if i < len(lines) - 1:
                uncounted = True
    return count

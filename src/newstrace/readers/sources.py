"""Where inputs come from: paths, directories walked in order, standard input; and what format each is.

- Directories are walked recursively in sorted order. Hidden files and folders (a leading ``.``) are
  skipped, and so are a folder's own documentation files (README, LICENSE, COPYING, NOTICE,
  CHANGELOG, AUTHORS, any extension): a folder of articles with a README describes them, it is not
  one of them. Named explicitly, such a file is read like any other.
- The format comes from the extension (``.txt``; ``.html``/``.htm``/``.xhtml``; ``.jsonl``/``.ndjson``;
  ``.json``; ``.xml``/``.rss``/``.atom``/``.rdf``), and from the content for anything else and for
  standard input. Gzip data (by its magic bytes, whatever the name) is decompressed first, within the
  size limit; a ``.gz`` suffix is looked through for the extension.
- An ``.xml`` file that turns out to be an HTML page is read as HTML.
"""
from __future__ import annotations

import gzip
import io
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError

HTML_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_EXTENSIONS = {".jsonl", ".ndjson", ".jsonlines"}
JSON_EXTENSIONS = {".json"}
FEED_EXTENSIONS = {".xml", ".rss", ".atom", ".rdf"}
TEXT_EXTENSIONS = {".txt", ".text"}
DOCUMENTATION_STEMS = {"README", "LICENSE", "LICENCE", "COPYING", "NOTICE", "CHANGELOG", "AUTHORS"}

GZIP_MAGIC = b"\x1f\x8b"
STDIN = "<stdin>"
_SNIFF = 4096
_FEED_ROOT = re.compile(rb"<(?:[a-zA-Z0-9_]+:)?(?:rss|feed|RDF)[\s>]")
_HTML_START = re.compile(rb"^(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE | re.DOTALL)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body|article|div|p)[\s>]", re.IGNORECASE)


class TooBig(Exception):
    """The input is over the size limit; the message is the one-line reason."""


def too_big(what: str, size: int | None, limit: int) -> str:
    """Return the one-line reason for an input over the limit, saying how to raise it (size None: unknown)."""
    measured = f"is {_size(size)}, over" if size is not None else "is over"
    return f"{what} {measured} the {_size(limit, exact=True)} limit; raise it with --max-bytes"


def _size(n: int, *, exact: bool = False) -> str:
    if n < 1000:
        return f"{n} bytes"
    value, unit = (n / 1e6, "MB") if n >= 1_000_000 else (n / 1e3, "kB")
    if exact and value == int(value):
        return f"{int(value)} {unit}"
    return f"{value:.1f} {unit}"


def walk(path: Path, seen: set[tuple[int, int]] | None = None) -> Iterator[Path | InputError]:
    """Yield the files under a directory, recursively, in sorted order, skipping hidden and doc files.

    Each real folder and file is visited once, however many symbolic links lead to it (``seen`` holds
    the (device, inode) pairs visited, shared across the inputs of one run): a link to a parent folder
    cannot make the walk endless, nor a file be read twice. A folder that cannot be listed, and a
    named pipe, device or socket, is an InputError in its place.
    """
    seen = set() if seen is None else seen
    if not first_visit(path, seen):
        return
    try:
        entries = sorted(path.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield InputError(str(path), (exc.strerror or str(exc)).lower())
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            mode = entry.stat().st_mode
        except OSError as exc:  # a broken link, or a file removed meanwhile
            yield InputError(str(entry), "broken symbolic link" if entry.is_symlink() else (exc.strerror or str(exc)).lower())
            continue
        if stat.S_ISDIR(mode):
            yield from walk(entry, seen)
        elif entry.name.split(".")[0].upper() in DOCUMENTATION_STEMS:
            continue
        elif not stat.S_ISREG(mode):
            yield InputError(str(entry), special_file_message(mode))
        elif first_visit(entry, seen):
            yield entry


def first_visit(path: Path, seen: set[tuple[int, int]]) -> bool:
    """Return True the first time the real file or folder behind ``path`` is met, and remember it."""
    try:
        info = path.stat()
    except OSError:
        return True  # reading it will say what is wrong
    key = (info.st_dev, info.st_ino)
    if key in seen:
        return False
    seen.add(key)
    return True


def special_file_message(mode: int) -> str:
    """Return the one-line reason for refusing a path that is not a regular file or folder."""
    if stat.S_ISFIFO(mode):
        kind = "a named pipe (FIFO)"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a device"
    else:
        kind = "not a regular file"
    return (f"{kind}, not a regular file: newstrace reads files and folders; "
            "pipe a stream into standard input with '-' instead")


def read_file_bytes(path: Path, max_bytes: int) -> bytes:
    """Return the bytes of a file (decompressed when gzip); raise TooBig over ``max_bytes``."""
    size = path.stat().st_size
    if size > max_bytes:
        raise TooBig(too_big("file", size, max_bytes))
    with open(path, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:  # the file grew while we read it
        raise TooBig(too_big("file", len(data), max_bytes))
    return gunzip_if_compressed(data, max_bytes)


def gunzip_if_compressed(data: bytes, max_bytes: int) -> bytes:
    """Return ``data`` decompressed when it starts with the gzip magic bytes, else unchanged."""
    if not data.startswith(GZIP_MAGIC):
        return data
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
        try:
            out = stream.read(max_bytes + 1)
        except (OSError, EOFError, zlib.error) as exc:
            raise ValueError(f"gzip data is corrupt: {str(exc) or type(exc).__name__}") from exc
    if len(out) > max_bytes:
        raise TooBig(too_big("decompressed data", len(out), max_bytes))
    return out


def format_of(name: str, head: bytes) -> str:
    """Return the format of an input, ``text``, ``html``, ``jsonl``, ``json`` or ``feed``, from its name and first bytes."""
    suffixes = [s.lower() for s in Path(name).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    ext = suffixes[-1] if suffixes else ""
    if ext in HTML_EXTENSIONS:
        return "html"
    if ext in JSONL_EXTENSIONS:
        return "jsonl"
    if ext in JSON_EXTENSIONS:
        return "json"
    if ext in FEED_EXTENSIONS:
        return "html" if sniff(head) == "html" else "feed"
    if ext in TEXT_EXTENSIONS:
        return "text"
    return sniff(head)


def sniff(head: bytes) -> str:
    """Return the format the first bytes of an input look like."""
    start = head[:_SNIFF].lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"{"):
        first_line = start.split(b"\n", 1)[0].strip()
        return "jsonl" if first_line.endswith(b"}") or b"\n{" in start else "json"
    if start.startswith(b"["):
        # one JSON value a line whose first line is an array is still JSON Lines: each line on its own
        first_line, _, rest = start.partition(b"\n")
        following = rest.lstrip(b" \t\r\n")
        if first_line.rstrip().endswith(b"]") and following.startswith((b"{", b"[")):
            return "jsonl"
        return "json"
    if not start.startswith(b"<"):
        return "text"
    if start.startswith(b"<?xml"):
        start = start.split(b"?>", 1)[-1].lstrip()
    if _HTML_START.match(start):
        return "html"
    if _FEED_ROOT.search(start):
        return "feed"
    if _HTML_ANYWHERE.search(start):
        return "html"
    return "text"


def stdin_stream() -> io.BufferedIOBase:
    """Return standard input as a binary stream."""
    return getattr(sys.stdin, "buffer", None) or io.BytesIO(sys.stdin.read().encode("utf-8"))


def exists_message(path: Path) -> str | None:
    """Return why a path cannot be read at all, or None when it can be opened."""
    if not os.path.lexists(path):
        return "no such file or directory"
    if not path.exists():
        return "broken symbolic link"
    mode = path.stat().st_mode
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return special_file_message(mode)
    if not os.access(path, os.R_OK):
        return "permission denied"
    return None

"""Readers: files, folders and standard input in; one ``Article`` per article out, or the reason why not.

``read_inputs(paths)`` yields, in order, an ``Article`` for each article it reads and an
``InputError(source, reason)`` (yielded, not raised) for each input, line or feed that cannot be read,
so that a batch goes on with the others. ``Article.text`` is the exact text that record offsets point
into; its id is ``ids.article_id(text)``; ``Article.origin`` says where it came from (``path``,
``path:LINE`` for JSON Lines, ``path#entry-N`` for feeds, ``path#item-N`` for JSON lists, ``<stdin>``).

Formats (by extension, else by content; see ``sources``):

- plain text: encoding detected (``decoding``); an optional `` date YYYY-MM-DD By NAME`` header and an
  optional headline line are taken out of the text (``plaintext``);
- every article's language is detected from its text (``language``); one not in English carries a
  notice in ``meta["warnings"]``, and extraction stores it without records; a desk byline ("By
  Palestine Chronicle Staff") gives the outlet when none is known (``byline``);
- HTML: main text and metadata by trafilatura (``html``);
- JSON Lines / JSON: one article per object, unknown keys kept in ``meta`` (``jsonl``);
- RSS / Atom, gzip-compressed or not: one article per entry with text (``feeds``).
- Parquet (``.parquet`` or by its magic bytes): one article per row, columns as JSON Lines keys (``parquet``).

Publication dates are strict (``timeframe.parse_published``): a date that is ambiguous, impossible or
incomplete leaves ``published`` unset, keeps the value in ``meta["published_raw"]`` and adds a line to
``meta["warnings"]``; the article is still read. Any other oddity that did not stop the reading (a
stray byte, a malformed feed) is also a line in ``meta["warnings"]``.

Failures, each one line: ``empty file``, ``binary file, not text``, ``no such file or directory``,
``file is 50.3 MB, over the 20 MB limit; raise it with --max-bytes`` (for JSON Lines the limit is per
line, as the file is streamed), ``no article text found in the HTML``, ``not a JSON object (...)``,
``no article text: ...``, ``not a readable feed: ...``. An empty folder yields nothing.
"""
from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..ids import article_id
from ..records import Article
from ..timeframe import parse_published
from .byline import with_outlet
from .decoding import BINARY, EMPTY, NotText, decode_bytes
from .feeds import read_feed
from .html import NoArticle, declared_charset, extract_html
from .jsonl import read_json_document, read_json_lines
from .language import with_language
from .parquet import is_parquet, read_parquet_file
from .plaintext import split_layout
from .sources import (
    GZIP_MAGIC,
    STDIN,
    TooBig,
    exists_message,
    first_visit,
    format_of,
    gunzip_if_compressed,
    read_file_bytes,
    sniff,
    stdin_stream,
    too_big,
    walk,
)

__all__ = ["DEFAULT_MAX_BYTES", "parse_published", "read_bytes", "read_inputs"]

DEFAULT_MAX_BYTES = 20_000_000
_HEAD = 65536


def read_inputs(paths: list[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | InputError]:
    """Return an iterator over the articles of ``paths`` (files, folders, ``-``), with an InputError per failure."""
    if isinstance(paths, (str, bytes, Path)):
        raise TypeError("read_inputs takes a list of paths, not a single path: read_inputs([path])")
    paths = [str(p) for p in paths]
    if not isinstance(max_bytes, int) or max_bytes <= 0:
        raise ValueError(f"max_bytes must be a positive number of bytes, not {max_bytes!r}")
    return _read_all(paths, max_bytes)


def _read_all(paths: list[str], max_bytes: int) -> Iterator[Article | InputError]:
    seen: set[tuple[int, int]] = set()  # real files and folders read: each once
    for name in paths:
        if name == "-":
            yield from _guarded(_read_stdin(max_bytes), "<stdin>")
            continue
        path = Path(name)
        problem = exists_message(path)
        if problem:
            yield InputError(name, problem)
        elif path.is_dir():
            for file in walk(path, seen):
                if isinstance(file, InputError):
                    yield file
                else:
                    yield from _guarded(_read_path(file, max_bytes), str(file))
        elif first_visit(path, seen):
            yield from _guarded(_read_path(path, max_bytes), name)


def _guarded(items: Iterator[Article | InputError], origin: str) -> Iterator[Article | InputError]:
    """Yield from ``items``; an unexpected exception becomes this input's InputError, and the batch goes on.

    The error names the exception, so that a bug in a parser is reported, not hidden.
    """
    try:
        for item in items:
            yield item if isinstance(item, InputError) else _finished(item)
    except Exception as exc:  # one bad input must not end a batch of thousands
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        yield InputError(origin, f"could not be read ({detail}); please report this as a bug")


def _read_path(path: Path, max_bytes: int) -> Iterator[Article | InputError]:
    origin = str(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(_HEAD)
        if head.startswith(GZIP_MAGIC):
            head = _gunzipped_head(path)
        if not head.strip():
            yield InputError(origin, EMPTY)
            return
        if is_parquet(path.name, head):
            yield from read_parquet_file(path, max_bytes)
            return
        fmt = format_of(path.name, head)
        if fmt == "jsonl":
            yield from _read_jsonl_file(path, max_bytes)
            return
        data = read_file_bytes(path, max_bytes)
    except TooBig as exc:
        yield InputError(origin, str(exc))
        return
    except (OSError, ValueError) as exc:
        yield InputError(origin, _os_reason(exc))
        return
    yield from _read_bytes(data, origin, fmt=fmt)


def _gunzipped_head(path: Path) -> bytes:
    """Return the first decompressed bytes; damage further on is reported by the full read."""
    head = b""
    try:
        with gzip.open(path, "rb") as stream:
            while len(head) < _HEAD:
                chunk = stream.read1(_HEAD - len(head))
                if not chunk:
                    break
                head += chunk
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        if not head:
            raise ValueError(f"gzip data is corrupt: {_os_reason(exc)}") from exc
    return head


def read_bytes(data: bytes, origin: str, *, fmt: str | None = None) -> Iterator[Article | InputError]:
    """Yield the articles in the bytes of one input (format sniffed when ``fmt`` is None), each with
    its language detected."""
    for item in _read_bytes(data, origin, fmt=fmt):
        yield item if isinstance(item, InputError) else _finished(item)


def _finished(article: Article) -> Article:
    """Return the article with what every format shares filled in: its language, its outlet from a desk
    byline."""
    return with_language(with_outlet(article))


def _read_bytes(data: bytes, origin: str, *, fmt: str | None = None) -> Iterator[Article | InputError]:
    fmt = fmt or sniff(data[:_HEAD])
    if fmt == "jsonl":
        yield from read_json_lines(io.BytesIO(data), origin, max_bytes=max(len(data), 1))
        return
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            decode_bytes(data)  # UTF-16/32 without a byte-order mark is still text
        except NotText as exc:
            yield InputError(origin, exc.reason)
            return
    if fmt == "feed":
        yield from read_feed(data, origin)
        return
    if fmt == "json":
        yield from read_json_document(data, origin)
        return
    try:
        decoded = decode_bytes(data, declared=declared_charset(data) if fmt == "html" else None)
    except NotText as exc:
        yield InputError(origin, exc.reason)
        return
    if fmt == "html":
        try:
            page = extract_html(decoded.text)
        except NoArticle as exc:
            yield InputError(origin, str(exc))
            return
        yield _html_article(page, origin, decoded.warnings)
        return
    yield _text_article(decoded.text, origin, decoded.warnings)


def _text_article(raw: str, origin: str, warnings: list[str]) -> Article | InputError:
    layout = split_layout(raw)
    if not layout.text:
        return InputError(origin, "no article text after the header and headline")
    meta = dict(layout.meta)
    all_warnings = [*warnings, *meta.pop("warnings", [])]
    if all_warnings:
        meta["warnings"] = all_warnings
    return Article(
        id=article_id(layout.text), text=layout.text, title=layout.title, byline=layout.byline,
        published=layout.published, origin=origin, meta=meta,
    )


def _html_article(page, origin: str, warnings: list[str]) -> Article:
    meta = dict(page.meta)
    warnings = list(warnings)
    published, warning = parse_published(page.date)
    if warning:
        warnings.append(warning)
        meta["published_raw"] = page.date
    if warnings:
        meta["warnings"] = warnings
    language = meta.pop("language", None) or "en"
    return Article(
        id=article_id(page.text), text=page.text, title=page.title, source=page.source,
        byline=page.byline, url=page.url, published=published, language=language,
        origin=origin, meta=meta,
    )


def _read_jsonl_file(path: Path, max_bytes: int) -> Iterator[Article | InputError]:
    with open(path, "rb") as raw:
        compressed = raw.read(2) == b"\x1f\x8b"
    with gzip.open(path, "rb") if compressed else open(path, "rb") as handle:
        try:
            head = handle.peek(8192)[:8192]
            if b"\x00" in head:
                yield InputError(str(path), BINARY)
                return
            yield from read_json_lines(handle, str(path), max_bytes=max_bytes)
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            # the lines before the damage have been read; the rest is lost
            yield InputError(str(path), f"gzip data is corrupt: {_os_reason(exc)}")


def _read_stdin(max_bytes: int) -> Iterator[Article | InputError]:
    stream = stdin_stream()
    head = stream.read(_HEAD)
    if not head.strip():
        yield InputError(STDIN, EMPTY)
        return
    if not head.startswith(b"\x1f\x8b") and sniff(head) == "jsonl":
        # JSON Lines stream: read a line at a time, so the size limit is per line
        lines = io.BufferedReader(_Chained(head, stream))
        yield from read_json_lines(lines, STDIN, max_bytes=max_bytes)
        return
    rest = stream.read(max_bytes + 1 - len(head)) if len(head) <= max_bytes else b""
    data = head + rest
    try:
        if len(data) > max_bytes:
            raise TooBig(too_big("input", None, max_bytes))  # not read to the end: size unknown
        data = gunzip_if_compressed(data, max_bytes)
    except TooBig as exc:
        yield InputError(STDIN, str(exc))
        return
    except ValueError as exc:
        yield InputError(STDIN, str(exc))
        return
    yield from _read_bytes(data, STDIN)


class _Chained(io.RawIOBase):
    """A raw stream that gives already-read bytes first, then the rest of another stream."""
    def __init__(self, head: bytes, rest) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        chunk = self._rest.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def _os_reason(exc: Exception) -> str:
    message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__
    return message[0].lower() + message[1:]

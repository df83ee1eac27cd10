"""JSON Lines (one article per line) and JSON files (one article, or a list of them).

Known keys, first present wins:

- text: ``text``, ``content``, ``content_original``, ``body``, ``article``, ``maintext``
- title: ``title``, ``headline``; url: ``url``, ``link``
- published: ``published``, ``date``, ``date_publish``, ``published_at``, ``pubDate``
- source: ``source``, ``outlet``, ``publisher``; byline: ``byline``, ``authors``, ``author`` (a list
  is joined with ", ")

Every other key is kept in ``Article.meta``. A line that is not a JSON object, or has no text, is an
``InputError`` naming ``path:LINE``; the other lines go on. Blank lines are skipped. The file is read a
line at a time, so the size limit applies to each line, not to the whole file.
"""
from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import InputError
from ..ids import article_id
from ..records import Article
from ..timeframe import parse_published
from .plaintext import normalize_newlines
from .sources import too_big

TEXT_KEYS = ("text", "content", "content_original", "body", "article", "maintext")
TITLE_KEYS = ("title", "headline")
URL_KEYS = ("url", "link")
PUBLISHED_KEYS = ("published", "date", "date_publish", "published_at", "pubDate")
SOURCE_KEYS = ("source", "outlet", "publisher")
BYLINE_KEYS = ("byline", "authors", "author")
TOO_DEEP = "invalid JSON: nested too deeply (arrays or objects more than about 1,000 levels deep)"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_KNOWN = {*TEXT_KEYS, *TITLE_KEYS, *URL_KEYS, *PUBLISHED_KEYS, *SOURCE_KEYS, *BYLINE_KEYS}


def read_json_lines(lines: Iterable[bytes], path: str, *, max_bytes: int) -> Iterator[Article | InputError]:
    """Yield an Article or an InputError for each non-blank line of a JSON Lines input.

    ``lines`` is a binary stream (read a line at a time, never more than ``max_bytes`` of one line held
    in memory: a line over the limit is skipped to its end in chunks) or an iterable of lines. A line
    that fails costs that line only, and its error names ``path:LINE``.
    """
    stream = _bounded_lines(lines, max_bytes) if hasattr(lines, "readline") else (
        (line, len(line.rstrip(b"\r\n"))) for line in lines)
    for number, (line, size) in enumerate(stream, start=1):
        where = f"{path}:{number}"
        if size > max_bytes:
            yield InputError(where, too_big("line", size, max_bytes))
            continue
        if not line.strip():
            continue
        yield json_line(line, where)


def json_line(line: bytes, where: str) -> Article | InputError:
    """Return the Article of one JSON Lines line, or the InputError (naming ``where``) saying why not."""
    text = line.decode("utf-8", errors="replace").rstrip("\r\n")
    warnings = []
    if "\ufffd" in text and b"\xef\xbf\xbd" not in line:
        warnings.append("invalid UTF-8 bytes in the line were replaced with U+FFFD")
    obj, error = loads(text)
    if error:
        return InputError(where, error)
    obj, lone = without_lone_surrogates(obj)
    if lone:
        warnings.append(f"{lone} lone surrogate escape(s) (\\ud800-\\udfff) replaced with U+FFFD")
    return article_from_object(obj, where, warnings)


def loads(text: str) -> tuple[Any, str | None]:
    """Return (the JSON value, None), or (None, the one-line reason it is not JSON)."""
    try:
        return json.loads(text), None
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}" if exc.lineno > 1 else f"column {exc.colno}"
        return None, f"invalid JSON: {exc.msg} at {where}"
    except RecursionError:
        return None, TOO_DEEP


def without_lone_surrogates(value: Any) -> tuple[Any, int]:
    """Return ``value`` with every lone UTF-16 surrogate in its strings replaced by U+FFFD, and how many.

    JSON may escape half of a surrogate pair (``"\\ud800"``); such a string cannot be encoded as UTF-8,
    so it could not be stored. Iterative: the value may be nested as deep as the parser allows.
    """
    count = 0

    def clean(text: str) -> str:
        nonlocal count
        fixed, n = _LONE_SURROGATE.subn("\ufffd", text)
        count += n
        return fixed

    if isinstance(value, str):
        return clean(value), count
    if not isinstance(value, (dict, list)):
        return value, 0
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key in list(node):
                item = node[key]
                new_key = clean(key) if _LONE_SURROGATE.search(key) else key
                if isinstance(item, str):
                    item = clean(item)
                elif isinstance(item, (dict, list)):
                    stack.append(item)
                if new_key != key:
                    del node[key]
                node[new_key] = item
        else:
            for i, item in enumerate(node):
                if isinstance(item, str):
                    node[i] = clean(item)
                elif isinstance(item, (dict, list)):
                    stack.append(item)
    return value, count


def _bounded_lines(stream, max_bytes: int) -> Iterator[tuple[bytes, int]]:
    """Yield (line, size without its newline) from a binary stream; a line over ``max_bytes`` is
    yielded empty with its size, read through in chunks and never held whole."""
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield line, len(line.rstrip(b"\r\n"))
            continue
        size = len(line)
        while True:  # skip the rest of the line, a chunk at a time
            chunk = stream.readline(1 << 20)
            size += len(chunk.rstrip(b"\r\n"))
            if not chunk or chunk.endswith(b"\n"):
                break
        yield b"", size


def read_json_document(data: bytes, path: str) -> Iterator[Article | InputError]:
    """Yield the articles of a JSON file: one object, or a list of objects.

    A file of several JSON values, one a line (JSON Lines under another name), is read as JSON Lines.
    """
    text = data.decode("utf-8-sig", errors="replace")
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            yield from read_json_lines(io.BytesIO(data.lstrip(b"\xef\xbb\xbf")), path, max_bytes=max(len(data), 1))
            return
        yield InputError(path, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
        return
    except RecursionError:
        yield InputError(path, TOO_DEEP)
        return
    obj, lone = without_lone_surrogates(obj)
    warnings = [f"{lone} lone surrogate escape(s) (\\ud800-\\udfff) replaced with U+FFFD"] if lone else []
    if isinstance(obj, list):
        if not obj:
            return
        for number, item in enumerate(obj, start=1):
            yield article_from_object(item, f"{path}#item-{number}", list(warnings))
    elif isinstance(obj, dict) and any(isinstance(obj.get(k), str) for k in TEXT_KEYS):
        yield article_from_object(obj, path, warnings)
    else:
        yield InputError(path, "JSON holds no article: expected an object with a 'text' field, or a list of them")


def article_from_object(obj: Any, where: str, warnings: list[str]) -> Article | InputError:
    """Return the Article of one JSON object, or the InputError saying why it is not one."""
    if not isinstance(obj, dict):
        return InputError(where, f"not a JSON object (a JSON {_json_type(obj)})")
    raw_text = _first(obj, TEXT_KEYS)
    if raw_text is None:
        return InputError(where, f"no article text: none of the fields {', '.join(TEXT_KEYS)} holds text")
    if not isinstance(raw_text, str):
        return InputError(where, f"the article text is a JSON {_json_type(raw_text)}, not a string")
    text = normalize_newlines(raw_text).strip()
    if not text:
        return InputError(where, "the article text is empty")

    meta = {k: v for k, v in obj.items() if k not in _KNOWN}
    meta.update({k: v for k, v in obj.items() if k in TEXT_KEYS and v is not raw_text})
    published, warning = parse_published(_first(obj, PUBLISHED_KEYS))
    if warning:
        warnings = [*warnings, warning]
        meta["published_raw"] = _first(obj, PUBLISHED_KEYS)
    if warnings:
        meta["warnings"] = warnings
    return Article(
        id=article_id(text), text=text, title=_as_text(_first(obj, TITLE_KEYS)),
        source=_as_text(_first(obj, SOURCE_KEYS)), byline=_as_text(_first(obj, BYLINE_KEYS)),
        url=_as_text(_first(obj, URL_KEYS)), published=published,
        language=_as_text(obj.get("language")) or "en", origin=where, meta=meta,
    )


def _first(obj: dict, keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = obj.get(key)
        if value is not None and value != "" and value != []:
            return value
    return None


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_as_text(v) for v in value if v not in (None, ""))
    if isinstance(value, dict):
        return _as_text(value.get("name") or value.get("title") or "")
    return " ".join(str(value).split())


def _json_type(value: Any) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number"
    )

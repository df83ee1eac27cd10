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

import json
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
_KNOWN = {*TEXT_KEYS, *TITLE_KEYS, *URL_KEYS, *PUBLISHED_KEYS, *SOURCE_KEYS, *BYLINE_KEYS}


def read_json_lines(lines: Iterable[bytes], path: str, *, max_bytes: int) -> Iterator[Article | InputError]:
    """Yield an Article or an InputError for each non-blank line of a JSON Lines input."""
    for number, line in enumerate(lines, start=1):
        where = f"{path}:{number}"
        size = len(line.rstrip(b"\r\n"))
        if size > max_bytes:
            yield InputError(where, too_big("line", size, max_bytes))
            continue
        if not line.strip():
            continue
        text = line.decode("utf-8", errors="replace")
        warnings = []
        if "\ufffd" in text and b"\xef\xbf\xbd" not in line:
            warnings.append("invalid UTF-8 bytes in the line were replaced with U+FFFD")
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"invalid JSON: {exc.msg} at column {exc.colno}")
            continue
        yield article_from_object(obj, where, warnings)


def read_json_document(data: bytes, path: str) -> Iterator[Article | InputError]:
    """Yield the articles of a JSON file: one object, or a list of objects."""
    try:
        obj = json.loads(data.decode("utf-8-sig", errors="replace"))
    except json.JSONDecodeError as exc:
        yield InputError(path, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
        return
    if isinstance(obj, list):
        if not obj:
            return
        for number, item in enumerate(obj, start=1):
            yield article_from_object(item, f"{path}#item-{number}", [])
    elif isinstance(obj, dict) and any(isinstance(obj.get(k), str) for k in TEXT_KEYS):
        yield article_from_object(obj, path, [])
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

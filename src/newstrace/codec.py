"""The record codec: records (an Article, an ArticleResult, any dataclass of ``records``) as JSON with
every field, and back.

``decode(cls, encode(record)) == record``: tuples and nested records come back typed. Scale-out uses it
to send articles to Ray workers and to keep results in batch partitions, so that a batch loaded later
stores exactly what an ingest stores.
"""
from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from typing import Any

from .errors import NewstraceError

__all__ = ["decode", "encode", "shown"]


def encode(record: Any) -> str:
    """Return a record (an Article, an ArticleResult, any dataclass of records.py) as JSON with every field."""
    text = json.dumps(_plain(record), ensure_ascii=False, separators=(",", ":"))
    if not _is_utf8(text):  # a lone surrogate (from a JSON "\\ud800" escape) has no UTF-8 form: keep it escaped
        text = json.dumps(_plain(record), ensure_ascii=True, separators=(",", ":"))
    return text


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown(text: str | None) -> str | None:
    """Return a display column's text with anything UTF-8 cannot hold escaped (the ``result`` keeps it all)."""
    if text is None or _is_utf8(text):
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def decode(cls: type, text: str) -> Any:
    """Return the ``cls`` record that ``encode`` wrote as ``text``; tuples and nested records come back typed."""
    return _build(cls, json.loads(text))


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@functools.cache
def _field_types(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def _build(hint: Any, data: Any) -> Any:
    """Return ``data`` (parsed JSON) as a value of the type ``hint``."""
    if data is None or hint is Any:
        return data
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        records = [a for a in options if dataclasses.is_dataclass(a)]
        if records and isinstance(data, dict):
            # the record whose fields hold every key (an event's location is an EntityRef or a Place)
            fitting = [r for r in records if set(data) <= set(_field_types(r))]
            return _build((fitting or records)[0], data)
        return _build(options[0], data) if len(options) == 1 else data
    if dataclasses.is_dataclass(hint):
        types_ = _field_types(hint)
        unknown = sorted(set(data) - set(types_))
        if unknown:
            raise NewstraceError(
                f"a {hint.__name__} record has fields this newstrace does not know ({', '.join(unknown)}): "
                "the batch was written by another version; load it with that version, or run the batch again"
            )
        return hint(**{name: _build(types_[name], value) for name, value in data.items()})
    args = typing.get_args(hint)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_build(args[0], v) for v in data)
        return tuple(_build(a, v) for a, v in zip(args, data)) if args else tuple(data)
    if origin is list:
        return [_build(args[0], v) for v in data] if args else list(data)
    if origin is dict and args:
        return {k: _build(args[1], v) for k, v in data.items()}
    return data

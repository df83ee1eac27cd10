"""Parquet files of articles: one article per row, with the columns of a JSON Lines object.

The columns are read as the keys of a JSON Lines object are (``jsonl.article_from_object``): ``text``
(or ``content``, ``body``...), ``title``, ``url``, ``published``, ``source``, ``byline``; every other
column is kept in ``Article.meta``. Dates and timestamps are taken as ISO strings. The file is read a
batch of rows at a time, and each row's origin is ``path#row-N`` (N from 1).

Failures: a file that is not Parquet, or has no text column, is one ``InputError`` for the file; a row
without text, or with a text over the size limit, is an ``InputError`` for that row, and the other rows
go on.
"""
from __future__ import annotations

import base64
import datetime as dt
import decimal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..records import Article
from .jsonl import TEXT_KEYS, article_from_object
from .sources import too_big

MAGIC = b"PAR1"
_ROWS_PER_BATCH = 256


def is_parquet(name: str, head: bytes) -> bool:
    """Return whether an input is a Parquet file, by its magic bytes or its ``.parquet`` name."""
    return head.startswith(MAGIC) or name.lower().endswith(".parquet")


def read_parquet_file(path: Path, max_bytes: int) -> Iterator[Article | InputError]:
    """Yield an Article or an InputError for each row of a Parquet file (one InputError if it is unreadable)."""
    # pyarrow takes about 0.7 s to import: only a Parquet input pays it
    import pyarrow as pa
    import pyarrow.parquet as pq

    origin = str(path)
    try:
        handle = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        yield InputError(origin, f"not a readable Parquet file: {_one_line(exc)}")
        return
    with handle:
        names = handle.schema_arrow.names
        if not any(key in names for key in TEXT_KEYS):
            yield InputError(
                origin, f"no article text: the Parquet file has none of the columns {', '.join(TEXT_KEYS)}"
            )
            return
        number = 0
        try:
            for batch in handle.iter_batches(batch_size=_ROWS_PER_BATCH):
                for row in batch.to_pylist():
                    number += 1
                    where = f"{origin}#row-{number}"
                    size = sum(len(v.encode("utf-8")) for v in row.values() if isinstance(v, str))
                    if size > max_bytes:
                        yield InputError(where, too_big("row", size, max_bytes))
                        continue
                    yield article_from_object({k: _plain(v) for k, v in row.items()}, where, [])
        except (pa.ArrowException, OSError) as exc:
            # the rows before the damage have been read; the rest is lost
            yield InputError(origin, f"Parquet data is corrupt after row {number}: {_one_line(exc)}")


def _plain(value: Any) -> Any:
    """Return a column value as JSON would hold it, so ``meta`` stays storable."""
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return base64.b64encode(value).decode("ascii")
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__

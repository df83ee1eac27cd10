"""Export stored records as JSON Lines, CSV or Parquet.

- JSON Lines is the contract of DESIGN.md: one record per line, ``kind`` first, nested values as they are.
- CSV and Parquet are flat: one row per record. Without a kind, every kind goes into one file whose columns
  are the union of all kinds' fields (``kind`` first, then fields in order of first appearance); a field
  a record does not have is empty (CSV) or null (Parquet). Pass a kind to get one kind's columns only.
- Nested values (entity references, spans, dates, lists) are JSON text in CSV and Parquet; in Parquet a
  column that holds an object or list in any row holds JSON text in every row, and the file's metadata
  lists those columns under ``newstrace.json_columns``. Other Parquet columns keep their type (integer,
  float, boolean, string), so pandas and DuckDB read the file as it is.

- ``events-tsv`` is the field's flat event file (Phoenix, ICEWS, POLECAT style): one row per event and
  dyad, tab-separated, the columns of ``EVENT_COLUMNS``; see ``export_events``.

The flat formats read the store twice (first to learn the columns and their types, then to write), so
a store being written while it is exported may change in between; that is reported, not hidden.
"""
from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from .errors import NewstraceError
from .export_events import EVENT_COLUMNS, event_rows
from .store import Store
from .store.read import normalize_kind

FORMATS = ("jsonl", "csv", "parquet", "events-tsv")
JSON_COLUMNS_KEY = b"newstrace.json_columns"
_PARQUET_BATCH = 1000
# numeric fields the records declare as float: typed double even when every value happens to be whole,
# so the column's type does not change from one export to the next
FLOAT_FIELDS = frozenset({"value", "low", "high", "confidence"})


class ExportError(NewstraceError):
    """An export cannot be written: bad format, bad destination, or the store changed under it."""


class OutputExists(ExportError):
    """The output file exists and overwriting it was not asked for."""


def export_records(
    store: Store,
    fmt: str,
    out: str | os.PathLike[str] | IO[Any],
    kind: str | None = None,
    *,
    force: bool = False,
    include_text: bool = False,
) -> int:
    """Write the store's records (of ``kind``, or all kinds) to ``out`` as ``fmt``; return how many.

    ``out`` is a path, ``-`` for standard output, or an open file (text for jsonl/csv, binary for
    parquet). An existing file is only replaced with ``force=True``; a file is written under a
    temporary name and renamed at the end, so a failed export leaves no partial file behind.
    """
    fmt = (fmt or "").lower()
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    kind = normalize_kind(kind)
    if fmt == "events-tsv":
        if kind not in (None, "event"):
            raise ExportError(f"events-tsv holds events only, not {kind} records: drop --kind or use csv")
        if include_text:
            raise ExportError("events-tsv has each event's sentence, not the article text: drop --with-text")
        records = lambda: store  # the writer reads events, articles and entities itself
    else:
        records = lambda: store.iter_records(kind, include_text=include_text)
    writer = {"jsonl": _write_jsonl, "csv": _write_csv, "parquet": _write_parquet,
              "events-tsv": _write_events_tsv}[fmt]
    binary = fmt == "parquet"
    if out == "-":
        out = sys.stdout.buffer if binary else sys.stdout
    if hasattr(out, "write"):
        if binary and isinstance(out, io.TextIOBase):
            if getattr(out, "buffer", None) is None:
                raise ExportError("Parquet is binary: give a file path or a binary stream, not a text stream")
            out = out.buffer
        return writer(records, out)
    return _write_file(Path(out), binary, force, lambda f: writer(records, f))


def _write_file(path: Path, binary: bool, force: bool, write: Callable[[IO[Any]], int]) -> int:
    if path.is_dir():
        raise ExportError(f"{path} is a folder: give a file name for the export")
    if path.exists() and not force:
        raise OutputExists(f"{path} exists: use --force to overwrite it, or choose another file with -o")
    if not path.parent.is_dir():
        raise ExportError(f"cannot write {path}: the folder {path.parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        os.chmod(tmp, _file_mode(path))  # mkstemp makes it private; an export is an ordinary file
        mode = "wb" if binary else "w"
        kwargs = {} if binary else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(fd, mode, **kwargs) as f:
            count = write(f)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count


def _file_mode(path: Path) -> int:
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _write_jsonl(records: Callable[[], Iterable[dict[str, Any]]], f: IO[str]) -> int:
    count = 0
    for record in records():
        f.write(json.dumps(record, ensure_ascii=False))
        f.write("\n")
        count += 1
    return count


class _Columns:
    """The union of the records' fields in order of first appearance, with the types each holds."""

    def __init__(self, records: Iterable[dict[str, Any]]) -> None:
        self.types: dict[str, set[type]] = {"kind": set()}
        for record in records:
            for key, value in record.items():
                seen = self.types.setdefault(key, set())
                if value is not None:
                    seen.add(dict if isinstance(value, (dict, list, tuple)) else type(value))

    @property
    def names(self) -> list[str]:
        return list(self.types)

    def check(self, record: dict[str, Any]) -> None:
        extra = [k for k in record if k not in self.types]
        if extra:
            raise ExportError(
                f"the store changed during the export (new fields {extra}): run the export again "
                "when the ingest has finished"
            )


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _write_csv(records: Callable[[], Iterable[dict[str, Any]]], f: IO[str]) -> int:
    columns = _Columns(records())
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(columns.names)
    count = 0
    for record in records():
        columns.check(record)
        writer.writerow([_csv_cell(record.get(name)) for name in columns.names])
        count += 1
    return count


def _arrow_type(name: str, seen: set[type]):
    import pyarrow as pa

    if name in FLOAT_FIELDS and seen <= {int, float}:
        return pa.float64()
    if not seen:
        return pa.string()
    if seen == {bool}:
        return pa.bool_()
    if seen == {int}:
        return pa.int64()
    if seen <= {int, float}:
        return pa.float64()
    return pa.string()


def _parquet_cell(value: Any, encoding: str) -> Any:
    if value is None or encoding == "plain":
        return value
    if encoding == "json":
        return json.dumps(value, ensure_ascii=False)
    return str(value)  # a column of mixed scalars is text


def _write_parquet(records: Callable[[], Iterable[dict[str, Any]]], f: IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = _Columns(records())
    types = {n: _arrow_type(n, seen) for n, seen in columns.types.items()}
    encodings = {
        n: "json" if dict in seen else "text" if types[n] == pa.string() and seen - {str} else "plain"
        for n, seen in columns.types.items()
    }
    json_columns = [n for n, how in encodings.items() if how == "json"]
    schema = pa.schema(
        [pa.field(n, t) for n, t in types.items()],
        metadata={JSON_COLUMNS_KEY: json.dumps(json_columns).encode()},
    )
    count = 0
    with pq.ParquetWriter(f, schema) as writer:
        for batch in _batches(records(), _PARQUET_BATCH):
            rows = []
            for record in batch:
                columns.check(record)
                rows.append({n: _parquet_cell(record.get(n), how) for n, how in encodings.items()})
            try:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
                raise ExportError(
                    f"the store changed during the export ({exc}): "
                    "run the export again when the ingest has finished"
                ) from exc
            count += len(rows)
    return count


def _batches(items: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _write_events_tsv(store: Callable[[], Store], f: IO[str]) -> int:
    """Write one tab-separated row per event and dyad (``export_events.event_rows``); return the rows."""
    writer = csv.writer(f, delimiter="\t", lineterminator="\n")
    writer.writerow(EVENT_COLUMNS)
    count = 0
    for row in event_rows(store()):
        writer.writerow(["" if row[c] is None else row[c] for c in EVENT_COLUMNS])
        count += 1
    return count

"""Scale-out: the per-article extraction on Ray Data, across the cores of one machine or a cluster.

Extraction is a pure function of an article, so it runs anywhere. Two ways to run it:

- ``extract_with_ray`` (``ingest --ray``): the driver reads the inputs and stores each result, one
  transaction per article, exactly as on the local path;
- ``run_batch`` (``newstrace batch``): Ray tasks read the input files, and the driver writes the results
  as Parquet partitions; ``load_partitions`` (``newstrace load``) stores them later, and links them.

Both send the articles through the same ``_Extractor`` actors, which load the spaCy pipeline once and
run ``pipeline.extract_doc``, the function of the local path. Articles and results travel as JSON
written by ``encode``, which keeps every field of the records: ``decode`` gives back an equal
ArticleResult, so a batch loaded later stores what an ingest stores.

Results come back in input order: the store keeps the first role and name it is given for an entity,
and links articles in the order they were stored, so the order is part of the result.

A partition (``part-NNNNN.parquet``) has one row per article, or per input that failed or was dropped (the
columns of ``partition_schema()``); ``result`` holds the whole ArticleResult, ``error`` the reason of a
failure or a drop, and ``dropped`` tells a drop (read but not kept by design, such as a feed entry too short
to be an article) from a failure. ``_newstrace.json`` in the same
folder, written last, lists the partitions and marks the batch as complete.
"""
from __future__ import annotations

import dataclasses
import functools
import json
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .codec import decode, encode
from .codec import shown as _shown
from .errors import InputDropped, InputError, NewstraceError
from .records import Article, ArticleResult

FORMAT = "newstrace-batch"
FORMAT_VERSION = 2
# version 1 had no ``dropped`` column: its rows are read as failures, as it wrote them
READABLE_VERSIONS = (1, 2)
MANIFEST = "_newstrace.json"
COUNTED = ("entities", "events", "figures", "quotes")
_COLUMNS = ("article_id", "origin", "title", "published", *COUNTED, "warnings", "error", "dropped", "result")


# --- the extraction, on Ray actors -----------------------------------------------------------------

def _result_row(result: ArticleResult) -> dict[str, Any]:
    a = result.article
    row = {"article_id": a.id, "origin": _shown(a.origin or a.id), "title": _shown(a.title),
           "published": _shown(a.published), "warnings": [_shown(str(w)) for w in a.meta.get("warnings", []) or []],
           "error": None, "dropped": False, "result": encode(result)}
    row.update({name: len(getattr(result, name)) for name in COUNTED})
    return row


def _failure_row(origin: str, reason: str, dropped: bool = False) -> dict[str, Any]:
    """Return the partition row of an input that failed, or (``dropped``) was read but not kept."""
    return {**dict.fromkeys(_COLUMNS), "origin": _shown(origin), "error": _shown(reason), "warnings": [],
            "dropped": bool(dropped)}


def _unit_row(item: Article | InputError, origin: str) -> dict[str, Any]:
    """Return the row that carries an input to the extraction actors: an encoded article, or the reason
    it failed or was dropped."""
    if isinstance(item, InputError):
        return {"article": None, "origin": origin, "error": item.reason, "dropped": isinstance(item, InputDropped)}
    try:
        return {"article": encode(item), "origin": origin, "error": None, "dropped": False}
    except (TypeError, ValueError) as exc:  # metadata JSON cannot hold: the store could not either
        return {"article": None, "origin": origin, "error": f"could not be sent to Ray: {exc}", "dropped": False}


class _Extractor:
    """A Ray Data batch function: rows of encoded Articles in, one partition row per article out.

    Each actor loads the spaCy pipeline once. A row that carries an error already (an input that could
    not be read) passes through; an article whose extraction raises becomes an error row.
    """

    def __init__(self, model: str | None = None) -> None:
        from .nlp import load_nlp

        self.nlp = load_nlp(model)

    def __call__(self, batch):
        from .nlp import too_long
        from .pipeline import extract_doc, parse_text

        rows: list[dict[str, Any] | None] = []
        pending: list[tuple[int, Article]] = []
        limit = getattr(self.nlp, "max_length", None)
        columns = ("article", "origin", "error", "dropped")
        for blob, origin, error, dropped in zip(*(batch.column(c).to_pylist() for c in columns)):
            if error:
                rows.append(_failure_row(origin, error, dropped))
                continue
            article = decode(Article, blob)
            if limit and len(article.text) > limit:  # as extract_stream does: spaCy would refuse it
                rows.append(_failure_row(article.origin or article.id, too_long(len(article.text), limit)))
                continue
            pending.append((len(rows), article))
            rows.append(None)  # filled in below, in input order
        for (i, article), doc in zip(pending, self._docs([parse_text(a) for _, a in pending])):
            try:
                if isinstance(doc, Exception):
                    raise doc
                rows[i] = _result_row(extract_doc(article, doc))
            except Exception as exc:  # recorded per article; the batch goes on
                rows[i] = _failure_row(article.origin or article.id, f"extraction failed: {type(exc).__name__}: {exc}")
        return _table(rows)

    def _docs(self, texts: list[str]) -> list:
        """Return the Docs of ``texts``; if the batch fails, parse one by one, an exception for each failure."""
        try:
            return list(self.nlp.pipe(texts))
        except Exception:  # one bad text must not lose the batch, nor stop a run of millions
            docs: list = []
            for text in texts:
                try:
                    docs.append(self.nlp(text))
                except Exception as exc:
                    docs.append(exc)
            return docs


def _table(rows: list[dict[str, Any]]):
    import pyarrow as pa

    return pa.Table.from_pylist(rows, schema=partition_schema())


@functools.cache
def partition_schema():
    """Return the Arrow schema of a partition: one row per article or failed input."""
    import pyarrow as pa

    columns = [
        pa.field("article_id", pa.string()), pa.field("origin", pa.string()), pa.field("title", pa.string()),
        pa.field("published", pa.string()), *(pa.field(name, pa.int32()) for name in COUNTED),
        pa.field("warnings", pa.list_(pa.string())), pa.field("error", pa.string()),
        pa.field("dropped", pa.bool_()), pa.field("result", pa.large_string()),
    ]
    return pa.schema(columns, metadata={"newstrace": json.dumps({"format": FORMAT, "version": FORMAT_VERSION})})


def start_ray(address: str | None = None, num_cpus: int | None = None):
    """Return the ``ray`` module, connected to the cluster at ``address`` or to a local Ray it starts.

    A Ray that is running in this process already is used as it is.
    """
    try:
        import ray
    except ImportError:
        raise NewstraceError("Ray is not installed; try: pip install 'newstrace[ray]'") from None
    if not ray.is_initialized():
        kwargs = {"address": address} if address else {"num_cpus": num_cpus}
        try:
            ray.init(include_dashboard=False, ignore_reinit_error=True, log_to_driver=False, **kwargs)
        except (ConnectionError, RuntimeError) as exc:
            raise NewstraceError(
                f"cannot connect to the Ray cluster at {address}: {' '.join(str(exc).split())}; "
                "check the address, or start the cluster with `ray start --head`"
            ) from None
    return ray


def _extracted(dataset, *, concurrency: int, batch_size: int, model: str | None):
    from ray.data import ActorPoolStrategy

    return dataset.map_batches(
        _Extractor, fn_constructor_kwargs={"model": model}, compute=ActorPoolStrategy(size=concurrency),
        batch_size=batch_size, batch_format="pyarrow",
    )


# Articles sent to Ray at a time by ``extract_with_ray``: the driver holds at most this many (and their
# results), so ``ingest --ray`` of a million-line file streams; each chunk starts its actor pool anew
# (a model load per actor, a few seconds, against minutes of extraction).
RAY_CHUNK = 5000


def extract_with_ray(
    items: Iterable[Article | InputError], *, concurrency: int = 2, batch_size: int = 16,
    address: str | None = None, model: str | None = None,
    on_failure: Callable[[str, str], None] | None = None, chunk: int = RAY_CHUNK,
) -> Iterator[ArticleResult]:
    """Yield the ArticleResult of every Article among ``items``, extracted by Ray actors.

    The articles are read here, in the driver, and sent to the actors ``chunk`` at a time, in input
    order; ``run_batch`` reads on the workers.
    """
    ray = None

    def extract(rows: list[dict[str, Any]]) -> Iterator[ArticleResult]:
        nonlocal ray
        if ray is None:
            ray = start_ray(address, concurrency)
        actors = min(concurrency, -(-len(rows) // batch_size))  # no actor (and model load) without work
        dataset = _extracted(ray.data.from_items(rows), concurrency=actors, batch_size=batch_size, model=model)
        dataset.context.execution_options.preserve_order = True  # stored in input order, as on the local path
        dataset.context.enable_progress_bars = False
        for row in _raising_our_errors(dataset.iter_rows()):
            if row["error"]:
                if on_failure:
                    on_failure(str(row["origin"]), str(row["error"]))
                continue
            yield decode(ArticleResult, row["result"])

    rows: list[dict[str, Any]] = []
    for item in items:
        # the caller (ingest) takes the inputs it drops before they come here: what is left failed
        row = _unit_row(item, item.source if isinstance(item, InputError) else item.origin or item.id)
        if row["error"]:
            if on_failure:
                on_failure(row["origin"], row["error"])
            continue
        rows.append(row)
        if len(rows) >= chunk:
            yield from extract(rows)
            rows = []
    if rows:
        yield from extract(rows)


# --- batch: read on the workers, extract, write Parquet partitions --------------------------------

@dataclass(slots=True)
class BatchSummary:
    inputs: int = 0  # articles read, plus inputs that failed or were dropped
    articles: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)  # read but not kept: not failures
    warnings: list[tuple[str, str]] = field(default_factory=list)
    records: Counter = field(default_factory=Counter)
    files: list[str] = field(default_factory=list)
    seconds: float = 0.0


def input_files(paths: list[str]) -> Iterator[dict[str, Any]]:
    """Yield one unit of work per input file (directories walked as ``ingest`` walks them), or its error.

    A unit is ``{"path": absolute path, "origin": the path as given, "error": None}``; an input that
    cannot be opened is ``{"path": None, "origin": ..., "error": reason}``.
    """
    from .readers.sources import exists_message, walk

    for name in paths:
        path = Path(name)
        problem = exists_message(path)
        if problem:
            yield {"path": None, "origin": name, "error": problem}
        elif path.is_dir():
            for file in walk(path):
                if isinstance(file, InputError):
                    yield {"path": None, "origin": file.source, "error": file.reason}
                else:
                    yield {"path": os.path.abspath(file), "origin": str(file), "error": None}
        else:
            yield {"path": os.path.abspath(path), "origin": name, "error": None}


def _read_unit(unit: dict[str, Any], *, max_bytes: int) -> Iterator[dict[str, Any]]:
    """Yield a row per article (or failure) of one input file; origins name the file as it was given."""
    if unit["error"]:
        yield {"article": None, "origin": unit["origin"], "error": unit["error"], "dropped": False}
        return
    from .readers import read_inputs

    path, shown = unit["path"], unit["origin"]

    def as_given(origin: str) -> str:
        return shown + origin[len(path):] if origin.startswith(path) else origin

    for item in read_inputs([path], max_bytes=max_bytes):
        if isinstance(item, InputError):
            yield _unit_row(item, as_given(item.source))
        else:
            article = dataclasses.replace(item, origin=as_given(item.origin))
            yield _unit_row(article, article.origin)


class _PartitionWriter:
    """Writes partition tables to ``part-NNNNN.parquet`` files of at most ``rows_per_file`` rows."""

    def __init__(self, folder: Path, rows_per_file: int, row_group: int = 256) -> None:
        self.folder, self.rows_per_file, self.row_group = folder, rows_per_file, row_group
        self.files: list[str] = []
        self._writer = None
        self._in_file = 0
        self._pending: list = []  # Arrow tables not written yet
        self._pending_rows = 0

    def write(self, table) -> None:
        self._pending.append(table)
        self._pending_rows += table.num_rows
        while self._pending_rows >= min(self.row_group, self.rows_per_file - self._in_file):
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.concat_tables(self._pending)
        n = min(self.row_group, self.rows_per_file - self._in_file, table.num_rows)
        rest = table.slice(n)
        self._pending, self._pending_rows = ([rest] if rest.num_rows else []), rest.num_rows
        if self._writer is None:
            name = f"part-{len(self.files):05d}.parquet"
            self._writer = pq.ParquetWriter(self.folder / name, partition_schema(), compression="zstd")
            self.files.append(name)
        self._writer.write_table(table.slice(0, n))
        self._in_file += n
        if self._in_file >= self.rows_per_file:
            self._writer.close()
            self._writer, self._in_file = None, 0

    def close(self) -> None:
        while self._pending_rows:
            self._flush()
        if self._writer is not None:
            self._writer.close()
            self._writer = None


def prepare_output(out_dir: Path, *, force: bool = False) -> None:
    """Create the output folder; refuse one that holds files, unless ``force`` (then remove an earlier batch)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise NewstraceError(f"{out_dir} is a file, not a folder: give --out a folder for the partitions")
    out_dir.mkdir(parents=True, exist_ok=True)
    ours = [
        p for p in out_dir.iterdir()
        if p.name in (MANIFEST, MANIFEST + ".partial") or (p.name.startswith("part-") and p.suffix == ".parquet")
    ]
    others = [p for p in out_dir.iterdir() if p not in ours]
    if others or (ours and not force):
        what = "an earlier batch" if ours and not others else "other files"
        hint = "use --force to replace it" if not others else "choose an empty folder"
        raise NewstraceError(f"{out_dir} is not empty (it holds {what}): {hint}")
    for p in ours:
        p.unlink()


def run_batch(
    paths: list[str], out_dir: str | os.PathLike[str], *, concurrency: int | None = None, batch_size: int = 16,
    address: str | None = None, model: str | None = None, max_bytes: int = 20_000_000,
    rows_per_file: int = 1000, force: bool = False,
    on_article: Callable[[str], None] | None = None,
    on_failure: Callable[[str, str], None] | None = None,
    on_warning: Callable[[str, str], None] | None = None,
    on_drop: Callable[[str, str], None] | None = None,
) -> BatchSummary:
    """Return the summary of extracting ``paths`` on Ray into Parquet partitions under ``out_dir``.

    Ray tasks read the input files (so on a cluster they must be at the same path on every node) and
    ``concurrency`` actors extract (default: one per CPU of the cluster); results stream back to this
    process, which writes them in input order. One input that fails is reported to ``on_failure`` and
    kept as an error row; the others go on. An input read but not kept (a feed entry too short to be an
    article) is reported to ``on_drop`` and kept as a dropped row: counted, not failed.
    """
    paths = [str(p) for p in paths]
    if "-" in paths:
        raise NewstraceError("batch reads files and folders, not standard input: save it to a file first")
    for name, value in (("concurrency", concurrency), ("batch_size", batch_size), ("rows_per_file", rows_per_file)):
        if value is not None and (not isinstance(value, int) or value < 1):
            raise NewstraceError(f"{name} must be a positive whole number, not {value!r}")
    out = Path(out_dir)
    prepare_output(out, force=force)
    started = time.perf_counter()
    ray = start_ray(address, concurrency)
    if concurrency is None:
        concurrency = max(1, int(ray.cluster_resources().get("CPU", 1)))
    units = list(input_files(paths))
    summary = BatchSummary()
    writer = _PartitionWriter(out, rows_per_file)
    try:
        if units:
            # the read tasks ask for no CPU: the extraction actors hold every CPU, and reading is light
            read = ray.data.from_items(units).flat_map(
                _read_unit, fn_kwargs={"max_bytes": max_bytes}, num_cpus=0,
                compute=ray.data.TaskPoolStrategy(size=max(1, concurrency // 2)),
            )
            dataset = _extracted(read, concurrency=concurrency, batch_size=batch_size, model=model)
            dataset.context.execution_options.preserve_order = True
            dataset.context.enable_progress_bars = False
            schema = partition_schema()
            for table in _raising_our_errors(dataset.iter_batches(batch_size=None, batch_format="pyarrow")):
                table = table.select(schema.names).cast(schema)
                writer.write(table)
                for row in table.drop_columns(["result"]).to_pylist():
                    _tally(summary, row, on_article, on_failure, on_warning, on_drop)
    finally:
        writer.close()
    summary.files = list(writer.files)
    summary.seconds = time.perf_counter() - started
    _write_manifest(out, paths, model, summary)
    return summary


def _raising_our_errors(batches: Iterator) -> Iterator:
    """Yield from ``batches``; when Ray fails because of one of our errors (no model on a node), raise that."""
    try:
        yield from batches
    except NewstraceError:
        raise
    except Exception as exc:
        ours = _newstrace_error_in(exc)
        if ours is None:
            raise
        raise ours from None


def _newstrace_error_in(exc: BaseException) -> NewstraceError | None:
    """Return the NewstraceError behind a Ray error, or None.

    Ray keeps the cause as an object for a failed task, but only as traceback text for an actor that
    died in its constructor, so the text is searched too.
    """
    stack, seen = [exc], set()
    while stack:
        error = stack.pop()
        if not isinstance(error, BaseException) or id(error) in seen:
            continue
        seen.add(id(error))
        if isinstance(error, NewstraceError):
            return error
        stack += [getattr(error, "cause", None), error.__cause__, error.__context__]
    lines = re.findall(r"^newstrace\.errors\.\w+: (.+)$", str(exc), flags=re.MULTILINE)
    return NewstraceError(lines[-1]) if lines else None


def _tally(summary: BatchSummary, row: dict[str, Any], on_article, on_failure, on_warning, on_drop) -> None:
    summary.inputs += 1
    if row["error"] and row["dropped"]:
        summary.dropped.append((row["origin"], row["error"]))
        if on_drop:
            on_drop(row["origin"], row["error"])
        return
    if row["error"]:
        summary.failures.append((row["origin"], row["error"]))
        if on_failure:
            on_failure(row["origin"], row["error"])
        return
    summary.articles += 1
    summary.records.update({name: row[name] for name in COUNTED})
    for warning in row["warnings"] or []:
        summary.warnings.append((row["origin"], warning))
        if on_warning:
            on_warning(row["origin"], warning)
    if on_article:
        on_article(row["origin"])


def _write_manifest(out: Path, paths: list[str], model: str | None, summary: BatchSummary) -> None:
    from . import __version__

    manifest = {
        "format": FORMAT, "version": FORMAT_VERSION, "newstrace": __version__,
        "created": datetime.now(UTC).isoformat(timespec="seconds"), "inputs": paths,
        "model": model or "", "articles": summary.articles, "failures": len(summary.failures),
        "dropped": len(summary.dropped),
        "records": dict(summary.records), "files": summary.files,
    }
    partial = out / (MANIFEST + ".partial")
    partial.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    partial.replace(out / MANIFEST)


# --- load: partitions into the store ---------------------------------------------------------------

@dataclass(slots=True)
class LoadSummary:
    rows: int = 0
    new: int = 0
    already_stored: int = 0
    batch_failures: int = 0  # inputs that had failed in the batch, recorded in the store's failures
    batch_dropped: int = 0  # inputs the batch read but did not keep, recorded as dropped
    failures: list[tuple[str, str]] = field(default_factory=list)  # articles that could not be stored
    records: Counter = field(default_factory=Counter)
    linked: object | None = None


def read_manifest(out_dir: str | os.PathLike[str]) -> dict[str, Any]:
    """Return the manifest of a finished batch in ``out_dir``; raise NewstraceError if there is none."""
    folder = Path(out_dir)
    path = folder / MANIFEST
    if not folder.is_dir():
        raise NewstraceError(f"{folder}: no such folder; give the --out folder of `newstrace batch`")
    if not path.is_file():
        raise NewstraceError(
            f"{folder} holds no finished batch (no {MANIFEST}): run `newstrace batch INPUT... --out {folder}` "
            "to the end first"
        )
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise NewstraceError(f"{path} cannot be read: {exc}") from None
    if not (isinstance(manifest, dict) and manifest.get("format") == FORMAT
            and isinstance(manifest.get("files"), list)):
        raise NewstraceError(f"{path} is not the manifest of a newstrace batch")
    if manifest.get("version") not in READABLE_VERSIONS:
        raise NewstraceError(
            f"{path}: batch format version {manifest.get('version')}, this newstrace reads version "
            f"{FORMAT_VERSION}; load it with the newstrace that wrote it"
        )
    return manifest


def iter_partitions(out_dir: str | os.PathLike[str], *, rows: int = 64) -> Iterator[ArticleResult | InputError]:
    """Yield the ArticleResult of each article in a batch's partitions, an InputError per failed input and
    an InputDropped per input read but not kept."""
    import pyarrow.parquet as pq

    folder = Path(out_dir)
    manifest = read_manifest(folder)  # checked before the generator starts

    def generate() -> Iterator[ArticleResult | InputError]:
        import pyarrow as pa

        for name in manifest["files"]:
            try:
                handle = pq.ParquetFile(folder / name)
            except (OSError, pa.ArrowException) as exc:
                raise NewstraceError(f"{folder / name}, a partition of this batch, cannot be read: {exc}") from None
            with handle:
                columns = [c for c in ("origin", "error", "dropped", "result") if c in handle.schema_arrow.names]
                for batch in handle.iter_batches(batch_size=rows, columns=columns):
                    for row in batch.to_pylist():
                        if row["error"]:
                            yield (InputDropped if row.get("dropped") else InputError)(row["origin"], row["error"])
                        else:
                            yield decode(ArticleResult, row["result"])

    return generate()


def load_partitions(
    out_dir: str | os.PathLike[str], store, *, link: bool = True,
    on_article: Callable[[ArticleResult | None], None] | None = None,
    on_failure: Callable[[str, str], None] | None = None,
) -> LoadSummary:
    """Return the summary of storing a batch's partitions, one transaction per article, then linking.

    Loading twice adds nothing: stored articles are skipped, and a batch failure already recorded in
    the store (same input, same reason) is not recorded again.
    """
    from .link import link_pending

    items = iter_partitions(out_dir)
    summary = LoadSummary()
    recorded = {(f["origin"], f["reason"], f["kind"]) for f in store.failures()}
    for item in items:
        summary.rows += 1
        if isinstance(item, InputError):
            kind = "dropped" if isinstance(item, InputDropped) else "failed"
            if kind == "dropped":
                summary.batch_dropped += 1
            else:
                summary.batch_failures += 1
            if (item.source, item.reason, kind) not in recorded:
                store.record_failure(item.source, item.reason, kind=kind)
                recorded.add((item.source, item.reason, kind))
            continue
        try:
            written = store.write_result(item)
        except Exception as exc:  # the transaction rolled back: nothing of this article is stored
            origin = item.article.origin or item.article.id
            summary.failures.append((origin, f"could not be stored: {exc}"))
            if on_failure:
                on_failure(origin, f"could not be stored: {exc}")
            continue
        if written:
            summary.new += 1
            summary.records.update(type(r).__name__.lower() for r in item.records())
        else:
            summary.already_stored += 1
        if on_article:
            on_article(item if written else None)
    if link:  # also when nothing was new: an interrupted load left articles to link
        summary.linked = link_pending(store)
    return summary

"""Batch mode on Ray: ``batch`` extracts into Parquet partitions, ``load`` stores and links them."""
from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import typer

from ..errors import NewstraceError
from .articles_cmds import DB_HELP, _configure_logging, _err, _open_store, _progress, _settings, _warn

_PLURAL = {"entity": "entities"}


def _quiet_ray() -> None:
    """Keep Ray's own INFO lines (start-up, execution plans) off the terminal; -v shows them."""
    os.environ.setdefault("RAY_DATA_LOG_LEVEL", "WARNING")  # Ray Data resets its logger for every run
    try:
        import ray  # noqa: F401 - configures the "ray" logger, which we then quieten
    except ImportError:
        return  # run_batch says how to install it
    logging.getLogger("ray").setLevel(logging.WARNING)


def _reporter(progress, kind: str, colour: str):
    def report(origin: str, message: str) -> None:
        if not progress.disable:
            progress.console.print(f"[{colour}]{kind}:[/{colour}] {origin}: {message}", highlight=False)
        elif kind == "error":
            _err(f"error: {origin}: {message}")
        else:
            _warn(f"{kind}: {origin}: {message}")

    return report


def register(app: typer.Typer) -> None:
    @app.command()
    def batch(
        paths: list[str] = typer.Argument(
            ..., help="Files and directories (recursively): text, HTML, JSON Lines, JSON, feeds, Parquet."),
        out: Path = typer.Option(..., "--out", "-o", help="Folder for the Parquet partitions (created if missing)."),
        address: str | None = typer.Option(
            None, "--address", help="A running Ray cluster (auto, or HOST:PORT); default: a local Ray."),
        concurrency: int | None = typer.Option(
            None, "--concurrency", min=1, help="Extraction actors, each loads the model once (default: one per CPU)."),
        batch_size: int | None = typer.Option(None, "--batch-size", min=1, help="Articles per actor batch."),
        rows_per_file: int = typer.Option(1000, "--rows-per-file", min=1, help="Articles per Parquet file."),
        model: str | None = typer.Option(None, "--model", help="spaCy pipeline to use (installed on every node)."),
        max_bytes: int | None = typer.Option(None, "--max-bytes", help="Largest input file, in bytes."),
        force: bool = typer.Option(False, "--force", help="Replace an earlier batch in the --out folder."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
        verbose: int = typer.Option(0, "--verbose", "-v", count=True, help="More logging, Ray's too (-v, -vv)."),
    ) -> None:
        """Extract articles on Ray (a local Ray, or a cluster) into Parquet partitions; then `newstrace load` them."""
        from ..readers.count import count_inputs
        from ..scale import run_batch

        _configure_logging(verbose)
        if verbose == 0:
            _quiet_ray()
        s = _settings(model=model, batch_size=batch_size, max_bytes=max_bytes)
        progress = _progress("batch", disable=quiet)
        counts = {"done": 0, "fail": 0, "drop": 0}
        total = None if progress.disable else count_inputs(paths)  # the bar's end and ETA, when cheap to know
        started = time.perf_counter()
        with progress:
            task = progress.add_task("batch", total=total, rate=0.0, fail=0)

            def tick(_origin: str) -> None:
                counts["done"] += 1
                rate = counts["done"] / max(time.perf_counter() - started, 1e-6)
                completed = counts["done"] + counts["fail"] + counts["drop"]
                if total is not None and completed > total:
                    progress.update(task, total=None)
                progress.update(task, completed=completed, rate=rate, fail=counts["fail"])

            report_error = _reporter(progress, "error", "red")

            def failed(origin: str, reason: str) -> None:
                counts["fail"] += 1
                report_error(origin, reason)

            report_drop = _reporter(progress, "dropped", "yellow")

            def dropped(origin: str, reason: str) -> None:  # read but not kept, by design: not a failure
                counts["drop"] += 1
                report_drop(origin, reason)

            try:
                summary = run_batch(
                    paths, out, concurrency=concurrency, batch_size=s["batch_size"], address=address,
                    model=s["model"] or None, max_bytes=s["max_bytes"], rows_per_file=rows_per_file,
                    force=force, on_article=tick, on_failure=failed,
                    on_warning=_reporter(progress, "warning", "yellow"), on_drop=dropped,
                )
            except NewstraceError as exc:
                _err(f"error: {exc}")
                raise typer.Exit(2) from None
        rate = summary.articles / max(summary.seconds, 1e-6)
        typer.echo(
            f"{summary.inputs} inputs: {summary.articles} articles extracted, {len(summary.dropped)} dropped, "
            f"{len(summary.failures)} failed; "
            f"{rate:.1f} articles/s in {summary.seconds:.1f}s"
        )
        if summary.articles:
            counts = ", ".join(f"{summary.records[k]} {k}" for k in ("entities", "events", "figures", "quotes"))
            typer.echo(f"records: {counts}")
        typer.echo(f"written: {out} ({len(summary.files)} Parquet files); store them with: newstrace load {out}")
        if summary.failures:
            raise typer.Exit(1)

    @app.command()
    def load(
        folder: Path = typer.Argument(..., help="The --out folder of `newstrace batch`."),
        db: str | None = typer.Option(None, "--db", help=DB_HELP),
        link: bool | None = typer.Option(None, "--link/--no-link", help="Link new articles across the store."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
        verbose: int = typer.Option(0, "--verbose", "-v", count=True, help="More logging (-v, -vv)."),
    ) -> None:
        """Store a batch's Parquet partitions, each article in one transaction, then link them."""
        from ..scale import load_partitions, read_manifest

        _configure_logging(verbose)
        s = _settings(db=db, link=link)
        try:
            manifest = read_manifest(folder)
        except NewstraceError as exc:
            _err(f"error: {exc}")
            raise typer.Exit(2) from None
        store = _open_store(s["db"], create=True)
        progress = _progress("load", disable=quiet)
        counts = {"done": 0, "fail": 0}
        started = time.perf_counter()
        try:
            with progress:
                task = progress.add_task("load", total=manifest.get("articles"), rate=0.0, fail=0)

                def tick(_result) -> None:
                    counts["done"] += 1
                    rate = counts["done"] / max(time.perf_counter() - started, 1e-6)
                    progress.update(task, completed=counts["done"], rate=rate, fail=counts["fail"])

                report_error = _reporter(progress, "error", "red")

                def failed(origin: str, reason: str) -> None:
                    counts["fail"] += 1
                    report_error(origin, reason)

                summary = load_partitions(folder, store, link=s["link"], on_article=tick, on_failure=failed)
        except NewstraceError as exc:
            _err(f"error: {exc}")
            store.close()
            raise typer.Exit(1) from None
        elapsed = time.perf_counter() - started
        typer.echo(
            f"{summary.new + summary.already_stored + len(summary.failures)} articles: {summary.new} new, "
            f"{summary.already_stored} already stored, {len(summary.failures)} could not be stored; "
            f"{(summary.new + summary.already_stored) / max(elapsed, 1e-6):.1f} articles/s in {elapsed:.1f}s"
        )
        if summary.new:
            records = ", ".join(
                f"{n} {_PLURAL.get(k, k + 's')}" for k, n in sorted(summary.records.items()) if k != "article"
            )
            typer.echo(f"stored: {records or 'no records'}")
        elif summary.already_stored and not summary.failures:
            typer.echo("nothing new: every article was already in the store")
        if summary.batch_failures:
            typer.echo(f"{summary.batch_failures} inputs had failed in the batch; they are in the store's failures")
        if summary.batch_dropped:
            typer.echo(f"{summary.batch_dropped} inputs were dropped in the batch (read but not kept); "
                       "see `newstrace failures --kind dropped`")
        if summary.linked is not None:
            typer.echo(f"linked: {summary.linked}")
        typer.echo(f"store: {store.display_url}")
        store.close()
        if summary.failures:
            raise typer.Exit(1)

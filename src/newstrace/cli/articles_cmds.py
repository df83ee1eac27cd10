"""Commands over articles and the store: ingest, extract, export, stats."""
from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path

import typer

from ..errors import NewstraceError

DB_HELP = "The store: a SQLite file or a postgresql:// URL (env NEWSTRACE_DB; default ./newstrace.db)."
KINDS = ("article", "entity", "event", "figure", "quote", "cluster", "exchange", "conflict")


def _err(message: str) -> None:
    typer.secho(message, err=True, fg=typer.colors.RED)


def _warn(message: str) -> None:
    typer.secho(message, err=True, fg=typer.colors.YELLOW)


def _settings(**overrides):
    from ..settings import load_settings

    try:
        return load_settings(overrides)
    except NewstraceError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(2) from None


def _open_store(db: str, *, create: bool = False):
    """Return the open store; only ``ingest`` and ``load`` (``create=True``) may make a new one."""
    from ..store import open_store

    try:
        return open_store(db, create=create)
    except NewstraceError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(2) from None


def _load_nlp(model: str):
    from ..nlp import load_nlp

    try:
        return load_nlp(model or None)
    except NewstraceError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(2) from None


def _configure_logging(verbose: int) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def _progress(label: str, *, disable: bool, counts: bool = True):
    """Return the progress bar of a long command, on stderr: done of total, with ``counts`` the rate and
    the failures, then time elapsed and the ETA. Off when ``disable`` (--quiet, --json) or stderr is no
    terminal."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    rate = [TextColumn("{task.fields[rate]:.1f} articles/s"), TextColumn("{task.fields[fail]} failed")]
    return Progress(
        TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(), *(rate if counts else ()),
        TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=console,
        disable=disable or not console.is_terminal, transient=True,
    )


def register(app: typer.Typer) -> None:
    register_failures(app)

    @app.command()
    def ingest(
        paths: list[str] = typer.Argument(..., help="Files, directories (recursively) or - for stdin."),
        db: str | None = typer.Option(None, "--db", help=DB_HELP),
        model: str | None = typer.Option(None, "--model", help="spaCy pipeline to use."),
        batch_size: int | None = typer.Option(None, "--batch-size", help="Articles per spaCy batch."),
        n_process: int | None = typer.Option(None, "--n-process", help="Processes that parse and extract."),
        max_bytes: int | None = typer.Option(None, "--max-bytes", help="Largest input file, in bytes."),
        link: bool | None = typer.Option(None, "--link/--no-link", help="Link new articles across the store."),
        ray: bool = typer.Option(False, "--ray", help="Extract on Ray Data actors (local, or --ray-address)."),
        ray_address: str | None = typer.Option(None, "--ray-address", help="A Ray cluster to use."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
        verbose: int = typer.Option(0, "--verbose", "-v", count=True, help="More logging (-v, -vv)."),
    ) -> None:
        """Read articles, extract their records and store them, each article in one transaction."""
        if ray_address and not ray:
            _err("error: --ray-address needs --ray")
            raise typer.Exit(2)

        from ..ingest import ingest as run_ingest
        from ..readers.count import count_inputs

        _configure_logging(verbose)
        s = _settings(db=db, model=model, batch_size=batch_size, n_process=n_process,
                      max_bytes=max_bytes, link=link)
        store = _open_store(s["db"], create=True)
        nlp = _load_nlp(s["model"])
        progress = _progress("ingest", disable=quiet)
        live = not progress.disable
        total = count_inputs(paths) if live else None  # the bar's end and ETA, when cheap to know
        started = time.perf_counter()
        counts = {"done": 0, "fail": 0, "drop": 0}
        with progress:
            task = progress.add_task("ingest", total=total, rate=0.0, fail=0)

            def advance() -> None:
                rate = counts["done"] / max(time.perf_counter() - started, 1e-6)
                completed = counts["done"] + counts["fail"] + counts["drop"]
                if total is not None and completed > total:  # an input held more than counted
                    progress.update(task, total=None)
                progress.update(task, completed=completed, rate=rate, fail=counts["fail"])

            def tick(_result) -> None:
                counts["done"] += 1
                advance()

            def failed(origin: str, reason: str) -> None:
                counts["fail"] += 1
                advance()
                if live:
                    progress.console.print(f"[red]error:[/red] {origin}: {reason}", highlight=False)
                else:
                    _err(f"error: {origin}: {reason}")

            def warned(origin: str, message: str) -> None:
                if live:
                    progress.console.print(f"[yellow]warning:[/yellow] {origin}: {message}", highlight=False)
                else:
                    _warn(f"warning: {origin}: {message}")

            def dropped(origin: str, reason: str) -> None:
                counts["drop"] += 1
                advance()
                if live:
                    progress.console.print(f"[yellow]dropped:[/yellow] {origin}: {reason}", highlight=False)
                else:
                    _warn(f"dropped: {origin}: {reason}")

            try:
                summary = run_ingest(
                    paths, store, nlp=nlp, batch_size=s["batch_size"], n_process=s["n_process"],
                    max_bytes=s["max_bytes"], link=s["link"], ray=ray, ray_address=ray_address,
                    model=s["model"] or None, on_article=tick, on_failure=failed,
                    on_warning=warned, on_drop=dropped,
                )
            except NewstraceError as exc:  # e.g. Ray not installed or its cluster unreachable
                progress.stop()
                _err(f"error: {exc}")
                raise typer.Exit(2) from None
        elapsed = time.perf_counter() - started
        processed = summary.new + summary.already_stored
        plural = {"entity": "entities"}
        records = ", ".join(
            f"{n} {plural.get(k, k + 's')}" for k, n in sorted(summary.records.items()) if k != "article"
        )
        typer.echo(
            f"{summary.inputs} inputs: {summary.new} new articles, {summary.already_stored} already stored, "
            f"{len(summary.dropped)} dropped, {len(summary.failures)} failed; "
            f"{processed / max(elapsed, 1e-6):.1f} articles/s "
            f"in {elapsed:.1f}s"
        )
        if summary.new:
            typer.echo(f"stored: {records or 'no records'}")
        elif summary.already_stored and not summary.failures:
            typer.echo("nothing new: every article was already in the store")
        if summary.linked is not None:
            typer.echo(f"linked: {summary.linked}")
        typer.echo(f"store: {store.display_url if hasattr(store, 'display_url') else s['db']}")
        store.close()
        if summary.failures:
            raise typer.Exit(1)

    @app.command()
    def extract(
        paths: list[str] = typer.Argument(..., help="Files, directories (recursively) or - for stdin."),
        model: str | None = typer.Option(None, "--model", help="spaCy pipeline to use."),
        max_bytes: int | None = typer.Option(None, "--max-bytes", help="Largest input file, in bytes."),
        kind: str | None = typer.Option(None, "--kind", help="Only records of this kind."),
        n_process: int | None = typer.Option(None, "--n-process", help="Processes that parse and extract."),
    ) -> None:
        """Print the records of the inputs as JSON Lines on stdout, without storing anything."""
        from ..ingest import extract_stream
        from ..readers import read_inputs

        if kind is not None and kind not in KINDS:
            _err(f"error: unknown kind {kind!r}; choose one of: {', '.join(KINDS)}")
            raise typer.Exit(2)
        s = _settings(model=model, max_bytes=max_bytes, n_process=n_process)
        nlp = _load_nlp(s["model"])
        failures = []

        def failed(origin: str, reason: str) -> None:
            failures.append(origin)
            _err(f"error: {origin}: {reason}")

        def dropped(origin: str, reason: str) -> None:
            _warn(f"dropped: {origin}: {reason}")

        items = read_inputs(paths, max_bytes=s["max_bytes"])
        for result in extract_stream(items, nlp=nlp, batch_size=s["batch_size"], n_process=s["n_process"],
                                     on_failure=failed, on_drop=dropped):
            for record in result.to_dicts():
                if kind is None or record["kind"] == kind:
                    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        if failures:
            raise typer.Exit(1)

    @app.command()
    def export(
        fmt: str = typer.Option("jsonl", "--format", "-f",
                                help="jsonl, csv, parquet, or events-tsv (one row per event and dyad)."),
        kind: str | None = typer.Option(None, "--kind", help="Only records of this kind."),
        output: Path | None = typer.Option(None, "--output", "-o", help="Write here (default: stdout)."),
        force: bool = typer.Option(False, "--force", help="Overwrite an existing output file."),
        with_text: bool = typer.Option(False, "--with-text", help="Include each article's text, to check spans."),
        db: str | None = typer.Option(None, "--db", help=DB_HELP),
    ) -> None:
        """Export the stored records as JSON Lines, CSV or Parquet, or the events as a flat TSV file."""
        from ..export import FORMATS, export_records

        if fmt not in FORMATS:
            _err(f"error: unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
            raise typer.Exit(2)
        if fmt == "events-tsv" and (kind not in (None, "event") or with_text):
            _err("error: events-tsv holds each event's sentence: it takes neither --kind nor --with-text")
            raise typer.Exit(2)
        if kind is not None and kind not in KINDS:
            _err(f"error: unknown kind {kind!r}; choose one of: {', '.join(KINDS)}")
            raise typer.Exit(2)
        if fmt == "parquet" and output is None:
            _err("error: parquet is binary; give an output file with -o FILE")
            raise typer.Exit(2)
        s = _settings(db=db)
        store = _open_store(s["db"])
        try:
            if output is None:
                n = export_records(store, fmt, sys.stdout, kind=kind, include_text=with_text)
            else:
                n = export_records(store, fmt, output, kind=kind, force=force, include_text=with_text)
                typer.echo(f"{n} records written to {output}", err=True)
        except NewstraceError as exc:
            _err(f"error: {exc}")
            raise typer.Exit(1) from None
        finally:
            store.close()

    @app.command()
    def stats(
        db: str | None = typer.Option(None, "--db", help=DB_HELP),
        events: bool = typer.Option(False, "--events", help="Also list the events in date order."),
        as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    ) -> None:
        """Summarize the store: articles, records by kind, failures (and the events in date order)."""
        from .. import query

        s = _settings(db=db)
        store = _open_store(s["db"])
        try:
            with query.connect(store) as conn:
                counts = query.counts(conn)
                rows = query.list_events(conn, query.Filters(), None, 0, counted=False).items if events else []
            unlinked = store.unlinked()
        finally:
            store.close()
        if as_json:
            out = dict(counts)
            if unlinked:  # as the warning below, for machines
                out["unlinked"] = unlinked
            if events:
                out["events"] = rows
            typer.echo(json.dumps(out, ensure_ascii=False, default=str))
            return
        if unlinked:  # an ingest was killed before its linking ended: clusters and series are missing
            _warn(f"warning: {unlinked} stored article(s) are not linked yet, so clusters, series and "
                  "conflicts are incomplete; run `newstrace link` (or the same ingest again) to link them")
        from rich.console import Console
        from rich.table import Table

        console = Console()
        table = Table(title=f"newstrace store: {s['db']}")
        table.add_column("records")
        table.add_column("count", justify="right")
        for key, value in counts.items():
            table.add_row(key, str(value))
        console.print(table)
        if events:
            _print_events(console, rows)


def register_failures(app: typer.Typer) -> None:
    @app.command()
    def failures(
        kind: str | None = typer.Option(None, "--kind", help="Only 'failed' or only 'dropped' inputs."),
        db: str | None = typer.Option(None, "--db", help=DB_HELP),
        as_json: bool = typer.Option(False, "--json", help="Print a JSON list."),
    ) -> None:
        """List the inputs that failed (path, or FILE:LINE) or were dropped (too short, duplicate): why, and when."""
        if kind not in (None, "failed", "dropped"):
            _err(f"error: unknown --kind {kind!r}; choose failed or dropped")
            raise typer.Exit(2)
        from .. import query

        s = _settings(db=db)
        store = _open_store(s["db"])
        try:
            with query.connect(store) as conn:
                rows = query.failures(conn, kind)
        finally:
            store.close()
        if as_json:
            typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not rows:
            typer.echo("no failed or dropped inputs" if kind is None else f"no {kind} inputs")
            return
        from rich.console import Console
        from rich.table import Table

        failed = sum(r["kind"] == "failed" for r in rows)
        table = Table(title=f"{failed} failed, {len(rows) - failed} dropped")
        for column in ("when (UTC)", "kind", "input", "reason"):
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(row["at"][:19].replace("T", " "), row["kind"], row["origin"], row["reason"])
        Console().print(table)


def _print_events(console, rows: list[dict]) -> None:
    """Print one line per event: date, type/mode, factuality, who did what to whom, the trigger."""
    console.print(f"[bold]{len(rows)} events in date order[/bold] (unknown dates last)")
    for e in rows:
        date = e.get("date") or {}
        value = date.get("value") if isinstance(date, dict) else None
        if isinstance(value, dict):
            value = f"{value.get('start')}..{value.get('end') or ''}"
        kind = e.get("type", "") + (f"/{e['mode']}" if e.get("mode") else "")
        actors = ", ".join(a["name"] for a in e.get("actors", [])) or "?"
        recipients = ", ".join(a["name"] for a in e.get("recipients", []))
        who = actors + (f" -> {recipients}" if recipients else "")
        trigger = (e.get("trigger") or {}).get("text", "")
        reported = (e.get("reported_by") or {}).get("name")
        line = f"{value or '?'!s:<10} {kind:<18} {e.get('factuality', ''):<12} {who}  [{trigger}]"
        if reported:
            line += f"  (reported by {reported})"
        console.print(line, highlight=False, markup=False, soft_wrap=True)

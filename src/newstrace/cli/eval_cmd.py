"""``newstrace eval KIND PATH``: score extraction against labeled data read from PATH."""
from __future__ import annotations

import importlib
import json
from pathlib import Path

import typer

KINDS = {
    "events": "PLOVER event types and actor codes on the plover-gsr JSON format (or roots, sources and targets "
              "on a zero-shot PLOVER .tsv file)",
    "quad": "quad class (0-4) on the Multi-CoPED class_train.tsv format",
    "roles": "source and target spans on the Multi-CoPED roles_train.txt format (CoNLL, BIO S/T/R)",
    "quotes": "quotes and attributions on PolNeAR brat (a directory with text/ and attributions/)",
    "figures": "numeric figures on NewsQuant JSON",
    "time": "temporal expressions on a directory of TimeML .tml files",
    "entities": "named entities on re3d (a directory of source folders)",
    "linking": "cross-article entity and event coreference on MEANTIME (a directory of topic folders)",
}


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_command(
        kind: str = typer.Argument(..., help="What to score: " + ", ".join(KINDS)),
        path: Path = typer.Argument(..., help="The labeled data to score against."),
        as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
        limit: int = typer.Option(0, "--limit", help="Score only the first N items (0: all)."),
    ) -> None:
        """Score newstrace against labeled data and print the numbers."""
        from ..errors import NewstraceError

        if kind not in KINDS:
            typer.echo(f"error: unknown eval kind {kind!r}; choose one of: {', '.join(KINDS)}", err=True)
            raise typer.Exit(2)
        if not path.exists():
            typer.echo(f"error: {path}: no such file or directory", err=True)
            raise typer.Exit(2)
        module = importlib.import_module(f"newstrace.evaluate.{kind}")
        try:
            result = module.evaluate(path, limit=limit or None)
        except NewstraceError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
        if as_json:
            typer.echo(json.dumps(result, sort_keys=True, default=str))
            return
        _print_table(kind, result)


def _print_table(kind: str, result: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"newstrace eval {kind}")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, value in result.items():
        if isinstance(value, float):
            table.add_row(key, f"{value:.3f}")
        elif isinstance(value, (int, str)):
            table.add_row(key, str(value))
    Console().print(table)
    for key, value in result.items():
        if isinstance(value, dict) and key in ("per_type", "confusion", "per_class", "per_label", "actor_codes",
                                               "entities", "events"):
            Console().print(f"[bold]{key}[/bold]: {json.dumps(value)}")

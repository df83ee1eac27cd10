"""``newstrace eval KIND PATH``: score extraction against labeled data read from PATH."""
from __future__ import annotations

import importlib
import json
from pathlib import Path

import typer

KINDS = {
    "events": "PLOVER event types, CAMEO codes and actor codes on the plover-gsr JSON format (or roots, quads, "
              "sources and targets on a zero-shot PLOVER .tsv file)",
    "quad": "quad class (0-4) on the Multi-CoPED class_train.tsv format",
    "roles": "source and target spans on the Multi-CoPED roles_train.txt format (CoNLL, BIO S/T/R)",
    "quotes": "quotes and attributions on PolNeAR brat (a directory with text/ and attributions/)",
    "figures": "numeric figures on NewsQuant JSON",
    "time": "temporal expressions on a directory of TimeML .tml files",
    "entities": "named entities on re3d (a directory of source folders)",
    "linking": "cross-article entity and event coreference on MEANTIME (a directory of topic folders)",
    "places": "country, admin1 and city of places on re3d (a directory), or of events and their dates on a "
              "labeled JSON Lines file",
}


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_command(
        kind: str = typer.Argument(..., help="What to score: " + ", ".join(KINDS)),
        path: Path = typer.Argument(..., help="The labeled data to score against."),
        as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
        limit: int = typer.Option(0, "--limit", help="Score only the first N items (0: all)."),
        by_type: bool = typer.Option(False, "--by-type", help="Print the confusion of gold and predicted types "
                                     "(events, quad) as a table."),
    ) -> None:
        """Score newstrace against labeled data and print the numbers."""
        from ..errors import NewstraceError

        if kind not in KINDS:
            typer.echo(f"error: unknown eval kind {kind!r}; choose one of: {', '.join(KINDS)}", err=True)
            raise typer.Exit(2)
        if not path.exists():
            typer.echo(f"error: {path}: no such file or directory", err=True)
            raise typer.Exit(2)
        if by_type and (as_json or kind not in ("events", "quad")):
            typer.echo("error: --by-type prints a table for events or quad; --json already holds the confusion",
                       err=True)
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
        if by_type:
            _print_confusion(result["confusion"])


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
        elif isinstance(value, dict) and key == "cameo":
            for sub, number in value.items():
                if isinstance(number, (int, float)):
                    table.add_row(f"cameo {sub}", f"{number:.3f}" if isinstance(number, float) else str(number))
    Console().print(table)
    for key, value in result.items():
        if isinstance(value, dict) and key in ("per_type", "confusion", "per_class", "per_label", "actor_codes",
                                               "entities", "events", "by_genre"):
            Console().print(f"[bold]{key}[/bold]: {json.dumps(value)}")


def _print_confusion(table_data: dict) -> None:
    """Print gold types as rows and predicted types as columns, with each row's recall."""
    from rich.console import Console
    from rich.table import Table

    predicted = sorted({p for row in table_data.values() for p in row} | set(table_data))
    table = Table(title="gold \\ predicted")
    table.add_column("gold")
    for label in predicted:
        table.add_column(label[:8], justify="right")
    table.add_column("recall", justify="right")
    for gold, row in table_data.items():
        total = sum(row.values())
        table.add_row(gold, *[str(row.get(p, "")) for p in predicted],
                      f"{row.get(gold, 0) / total:.2f}" if total else "-")
    Console(width=max(120, 9 * len(predicted) + 30)).print(table)

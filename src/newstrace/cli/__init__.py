"""The ``newstrace`` command: thin commands over library functions."""
from __future__ import annotations

import typer

app = typer.Typer(
    name="newstrace",
    help="Traceable event data from news: events, entities, figures, quotes and dates with their sources.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _register() -> None:
    from . import articles_cmds, batch_cmds, eval_cmd, link_cmds, serve_cmd

    for module in (articles_cmds, batch_cmds, eval_cmd, link_cmds, serve_cmd):
        module.register(app)


_register()


def main() -> None:
    app()

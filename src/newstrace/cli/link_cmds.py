"""Commands over cross-article links: link, timeline, entity, conflicts."""
from __future__ import annotations

import json
from typing import Any

import typer

from ..errors import NewstraceError
from ..excerpt import shorten
from .articles_cmds import DB_HELP, _progress


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.secho(f"error: {message}", err=True, fg=typer.colors.RED)
    return typer.Exit(code)


def _open(db: str | None):
    from ..store import open_store

    try:
        return open_store(db, create=False)  # reading commands never create a store
    except NewstraceError as exc:
        raise _fail(str(exc), 2) from None


def _read(db: str | None, ask, *args, **kwargs):
    """Return what the read-layer function ``ask`` answers on the store ``db``, which must exist."""
    from .. import query

    store = _open(db)
    try:
        with query.connect(store) as conn:
            return ask(conn, *args, **kwargs)
    except NewstraceError as exc:
        raise _fail(str(exc)) from None
    finally:
        store.close()


def _print_json(value: Any) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def _date_text(date: dict | None) -> str:
    if not date:
        return "undated"
    value = date.get("value")
    if isinstance(value, dict):
        return f"{value.get('start')}..{value.get('end')}"
    return str(value)


def _article_label(item: dict) -> str:
    """Return how a listing names an article: its title and outlet, the id only when it has neither."""
    title, source = (item.get("title") or "").strip(), (item.get("source") or "").strip()
    if title and source:
        return f"{shorten(title, 60)} — {source}"
    origin = (item.get("origin") or "").rstrip("/").rsplit("/", 1)[-1]
    return shorten(title, 60) or source or origin or item.get("article") or item.get("id") or "?"


def _console():
    from rich.console import Console

    return Console()


def register(app: typer.Typer) -> None:
    @app.command()
    def link(
        rebuild: bool = typer.Option(False, "--rebuild", help="Clear every link and link all articles again."),
        db: str | None = typer.Option(None, "--db", help=DB_HELP),
        as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    ) -> None:
        """Link stored articles across each other: entities, event clusters, figure series, conflicts."""

        from ..link import link_pending, link_rebuild

        store = _open(db)
        progress = _progress("link", disable=quiet or as_json, counts=False)
        try:
            with progress:
                task = progress.add_task("link", total=None)

                def tick(done: int, total: int) -> None:
                    progress.update(task, completed=done, total=total)

                run = link_rebuild if rebuild else link_pending
                summary = run(store, progress=tick)
        except NewstraceError as exc:
            raise _fail(str(exc)) from None
        finally:
            store.close()
        if as_json:
            _print_json(summary.to_dict())
            return
        if not summary.articles:
            typer.echo("nothing to link: every stored article is linked already (use --rebuild to redo)")
            return
        typer.echo(
            f"{'rebuilt' if summary.rebuilt else 'linked'} {summary.articles} articles in {summary.seconds:.1f}s: "
            f"entities {summary.entities_new} new, {summary.entities_merged} merged into existing; "
            f"events {summary.events} into {summary.clusters_new} new clusters ({summary.events_joined} joined one); "
            f"figures {summary.figures} into {summary.series_new} new series ({summary.figures_joined} joined one); "
            f"{summary.conflicts_new} new conflicts; {summary.exchanges} exchanges"
        )

    @app.command()
    def timeline(
        entity: str | None = typer.Option(None, "--entity", help="Only events this entity takes part in."),
        since: str | None = typer.Option(None, "--since", help="From this date (YYYY[-MM[-DD]])."),
        until: str | None = typer.Option(None, "--until", help="Up to this date (YYYY[-MM[-DD]])."),
        limit: int = typer.Option(200, "--limit", help="At most this many events (0: all)."),
        db: str | None = typer.Option(None, "--db", help=DB_HELP),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Print the real-world events (clusters) in date order, each with the reports that tell it."""
        from .. import query

        items = _read(db, query.timeline, entity=entity, since=since, until=until, limit=limit or None)
        if as_json:
            _print_json(items)
            return
        if not items:
            typer.echo("no events match")
            return
        from rich.table import Table

        table = Table(title="timeline", show_lines=True)
        for column in ("date", "event", "who", "reports"):
            table.add_column(column, overflow="fold")
        for item in items:
            who = ", ".join(a["name"] for a in item["actors"])
            if item["recipients"]:
                who += " -> " + ", ".join(r["name"] for r in item["recipients"])
            mode = item["reports"][0]["mode"] if item["reports"] else None
            reports = "\n".join(
                f"{_article_label(r)} ({r['published'] or 'undated'}): \"{r['trigger']}\" — "
                f"{shorten(r['sentence'], 140)}"
                for r in item["reports"]
            )
            table.add_row(_date_text(item["date"]), item["type"] + (f"/{mode}" if mode else ""), who, reports)
        _console().print(table)

    @app.command()
    def entity(
        name: str = typer.Argument(..., help="A name, alias or role (\"Trufanov\", \"the Russian president\")."),
        limit: int = typer.Option(50, "--limit", help="At most this many events, quotes, figures each."),
        db: str | None = typer.Option(None, "--db", help=DB_HELP),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Show one canonical entity: aliases, roles, affiliations, articles, events, quotes, figures."""
        from .. import query

        profile = _read(db, query.entity_profile, name, limit=limit)
        if as_json:
            _print_json(profile)
            return
        from rich.table import Table

        console = _console()
        console.print(f"[bold]{profile['name']}[/bold] ({profile['type']}, {profile['id']})"
                      + (f" actor code {profile['actor_code']}" if profile["actor_code"] else ""))
        for label, key in (("aliases", "aliases"), ("roles", "roles"), ("also called", "descriptions")):
            if profile[key]:
                console.print(f"{label}: " + "; ".join(profile[key]), highlight=False)
        if profile["affiliations"]:
            console.print("affiliations: " + "; ".join(a["name"] for a in profile["affiliations"]), highlight=False)
        console.print(f"in {len(profile['articles'])} article(s)")
        if profile["other_matches"]:
            console.print(f"[yellow]{len(profile['other_matches'])} other entities match {name!r}: "
                          + ", ".join(profile["other_matches"][:5]) + "[/yellow]")
        sections = (
            ("events", ("date", "type", "role", "source", "sentence"),
             lambda e: (_date_text(e["date"]), e["type"], e["role"], _article_label(e), e["sentence"])),
            ("quotes", ("published", "source", "quote"),
             lambda q: (q["published"] or "", _article_label(q), q["content"])),
            ("figures", ("published", "figure", "measure", "sentence"),
             lambda f: (f["published"] or "", f["text"], f["measure"], f["sentence"])),
        )
        for key, columns, row_of in sections:
            if not profile[key]:
                continue
            table = Table(title=key)
            for column in columns:
                table.add_column(column, overflow="fold")
            for item in profile[key]:
                table.add_row(*(str(x) for x in row_of(item)))
            console.print(table)

    @app.command()
    def conflicts(
        relation: str | None = typer.Option(None, "--relation", help="contradicts, revises or different_scope."),
        db: str | None = typer.Option(None, "--db", help=DB_HELP),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Show figures that disagree, both sides with their sentences and sources."""
        if relation is not None and relation not in ("contradicts", "revises", "different_scope"):
            raise _fail(f"unknown relation {relation!r}; choose contradicts, revises or different_scope", 2)
        from .. import query

        items = _read(db, query.conflicts, relation=relation)
        if as_json:
            _print_json(items)
            return
        if not items:
            typer.echo("no conflicts")
            return
        from rich.table import Table

        table = Table(title="conflicts", show_lines=True)
        for column in ("relation", "explanation", "sides"):
            table.add_column(column, overflow="fold")
        for item in items:
            sides = "\n".join(
                f"{s['text']} — {s['claimed_by']} in {_article_label(s)} "
                f"({s['published'] or 'undated'}): {s['sentence']}"
                for s in item["sides"]
            )
            table.add_row(item["relation"], item["explanation"], sides)
        _console().print(table)

    @app.command()
    def exchanges(
        entity: str | None = typer.Option(None, "--entity", help="Only exchanges this entity took part in."),
        db: str | None = typer.Option(None, "--db", help=DB_HELP),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Show each exchange (captives for prisoners) as one story: both sides, counts, mediators, reports."""
        from .. import query

        items = _read(db, query.list_exchanges, entity=entity)
        if as_json:
            _print_json(items)
            return
        if not items:
            typer.echo("no exchanges" + (f" with {entity}" if entity else ""))
            return
        console = _console()
        for item in items:
            console.print(f"[bold]{_date_text(item['date'])}  {item['title']}[/bold]  ({item['id']})",
                          highlight=False)
            if item.get("deal"):
                console.print(f"  deal: {item['deal']['name']}", highlight=False)
            for n, side in enumerate(item["sides"], 1):
                who = ", ".join(r["name"] for r in side["released_by"]) or "unnamed party"
                counts = "; ".join(f"{f['text']} {f['counted']}".strip() for f in side["figures"]) or "count not stated"
                named = ", ".join(r["name"] for r in side["released"])
                console.print(f"  side {n}: {who} released {counts}" + (f" (named: {named})" if named else ""),
                              highlight=False)
            if item["mediators"]:
                console.print("  mediators: " + ", ".join(m["name"] for m in item["mediators"]), highlight=False)
            for article in item["articles"]:
                console.print(f"  report: {_article_label(article)} ({article['published'] or 'undated'})",
                              highlight=False)
            console.print(f"  why: {shorten(item['why'], 160)}", highlight=False)

"""``newstrace serve``: the REST API and the web UI over a store, on uvicorn."""
from __future__ import annotations

import os
import socket

import typer

TOKEN_ENV = "NEWSTRACE_TOKEN"


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        db: str | None = typer.Option(
            None, "--db", help="The store: a SQLite file or a postgresql:// URL (env NEWSTRACE_DB; default ./newstrace.db)."),
        host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; 0.0.0.0 exposes it to the network."),
        port: int = typer.Option(8000, "--port", help="Port to listen on."),
        token: str | None = typer.Option(
            None, "--token", help=f"Allow POST /api/articles with 'Authorization: Bearer TOKEN' [env {TOKEN_ENV}]; "
                                  "without a token, ingest over HTTP is off."),
        verbose: int = typer.Option(0, "--verbose", "-v", count=True, help="Log each request (-v)."),
    ) -> None:
        """Serve the web UI and the JSON API (/api, OpenAPI at /api/docs) over the store."""
        import uvicorn

        from ..errors import NewstraceError
        from ..settings import load_settings
        from ..store import open_store
        from ..web import create_app

        if not 0 < port < 65536:
            typer.secho(f"error: --port {port} is not a port number (1-65535)", err=True, fg=typer.colors.RED)
            raise typer.Exit(2)
        token = token or os.environ.get(TOKEN_ENV) or None
        try:
            settings = load_settings({"db": db} if db else {})
            open_store(settings["db"], create=False).close()  # serving a typo must not create a store
            web_app = create_app(settings["db"], token=token)
        except NewstraceError as exc:
            typer.secho(f"error: {exc}", err=True, fg=typer.colors.RED)
            raise typer.Exit(2) from None
        try:  # bound before the URL is announced, and handed to uvicorn: no announcement of a busy port
            listener = listen(host, port)
        except OSError as exc:
            reason = os.strerror(exc.errno) if exc.errno else str(exc)
            typer.secho(f"error: cannot listen on {host}:{port}: {reason.lower()}; "
                        "choose another port with --port, or stop what uses it", err=True, fg=typer.colors.RED)
            web_app.state.web.store.close()
            raise typer.Exit(2) from None
        # a server bound to every address is still opened locally through the loopback address
        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else (f"[{host}]" if ":" in host else host)
        typer.echo(f"newstrace: serving {web_app.state.web.store.display_url}")
        typer.echo(f"open http://{shown}:{port} (API docs at /api/docs; "
                   f"ingest over HTTP is {'on' if token else 'off'}); Ctrl-C stops")
        config = uvicorn.Config(web_app, host=host, port=port, log_level="info" if verbose else "warning",
                                access_log=bool(verbose))
        uvicorn.Server(config).run(sockets=[listener])


def listen(host: str, port: int) -> socket.socket:
    """Return a socket bound to ``host``:``port`` and listening; raise OSError when that is not possible."""
    family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    return socket.create_server(address[:2], family=family, backlog=2048)

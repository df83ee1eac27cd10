"""A real PostgreSQL server for the test session, and a fresh store URL per test on SQLite or on it.

``pg_url`` starts one server per session from the installed PostgreSQL binaries (Debian's
/usr/lib/postgresql/N/bin, or $PG_BIN, or pg_ctl on PATH) in a temporary folder, on a free port, and
stops it at the end. initdb refuses to run as root, so as root the server runs as the ``postgres``
user in a folder it owns. Without the binaries the tests that need it skip, or fail under CI=true.
"""
from __future__ import annotations

import os
import shlex
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

SERVER_USER = "postgres"


def _require(condition: bool, what: str) -> None:
    from tests.conftest import require  # lazily: conftest loads this module as a plugin

    require(condition, what)


def _find_bin_dir() -> Path | None:
    candidates: list[Path] = []
    if os.environ.get("PG_BIN"):
        candidates.append(Path(os.environ["PG_BIN"]))
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: p.parent.name, reverse=True)
    candidates += [p for p in versions if p.parent.name == "15"] + versions
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).parent)
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_as_server_user(argv: list[str], as_root: bool) -> subprocess.CompletedProcess:
    if as_root:
        argv = ["su", SERVER_USER, "-s", "/bin/sh", "-c", shlex.join(argv)]
    return subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="session")
def pg_url():
    """Yield ``postgresql://postgres@127.0.0.1:PORT/postgres`` of a server started for this session."""
    bin_dir = _find_bin_dir()
    _require(bin_dir is not None, "PostgreSQL server (initdb, pg_ctl)")
    as_root = os.geteuid() == 0
    if as_root:
        import pwd

        try:
            server_user = pwd.getpwnam(SERVER_USER)
        except KeyError:
            server_user = None
        _require(server_user is not None, f"the {SERVER_USER} system user (to run PostgreSQL as root)")
    base = Path(tempfile.mkdtemp(prefix="newstrace-pg-"))
    if as_root:
        os.chown(base, server_user.pw_uid, server_user.pw_gid)
    data, log = base / "data", base / "server.log"
    init = _run_as_server_user(
        [str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", SERVER_USER, "-E", "UTF8",
         "--locale=C", "--no-sync"], as_root,
    )
    if init.returncode != 0:
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"initdb failed:\n{init.stdout}\n{init.stderr}")
    port = _free_port()
    # the server is thrown away after the session: durability settings off make the tests fast
    options = (f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50")
    start = _run_as_server_user(
        [str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "-t", "60", "start"],
        as_root,
    )
    if start.returncode != 0:
        server_log = log.read_text(errors="replace") if log.exists() else ""
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"pg_ctl start failed:\n{start.stdout}\n{start.stderr}\n{server_log}")
    try:
        yield f"postgresql://{SERVER_USER}@127.0.0.1:{port}/postgres"
    finally:
        _run_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], as_root)
        shutil.rmtree(base, ignore_errors=True)


def _admin(pg_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    """Yield the location of a new, empty store: a SQLite file, or a fresh database on the test server."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    _require(_psycopg_installed(), "psycopg (pip install 'psycopg[binary]')")
    server = request.getfixturevalue("pg_url")
    name = "t_" + uuid.uuid4().hex[:12]
    _admin(server, f'CREATE DATABASE "{name}"')
    try:
        yield server.rsplit("/", 1)[0] + "/" + name
    finally:
        _admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _psycopg_installed() -> bool:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return False
    return True

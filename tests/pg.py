"""A throwaway PostgreSQL cluster for tests, started from the installed binaries (also as root)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

PG_ENV = "DESK_TEST_POSTGRES_URL"


def _find_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for base in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        candidate = base / name
        if candidate.exists():
            return str(candidate)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Cluster:
    """A running throwaway cluster; ``url`` connects as the superuser ``postgres``."""

    directory: Path
    port: int
    pg_ctl: str
    as_postgres: bool

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        cmd = [self.pg_ctl, "-D", str(self.directory / "data"), "-m", "immediate", "-w", "stop"]
        subprocess.run(_as_postgres(cmd) if self.as_postgres else cmd, capture_output=True, check=False, timeout=30)
        shutil.rmtree(self.directory, ignore_errors=True)


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd]


def start_cluster() -> Cluster:
    """initdb + pg_ctl start on a free loopback port, fsync off; raises RuntimeError with the reason."""
    initdb, pg_ctl = _find_bin("initdb"), _find_bin("pg_ctl")
    if not initdb or not pg_ctl:
        raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    root = os.geteuid() == 0
    directory = Path(tempfile.mkdtemp(prefix="desk-pg-"))
    if root:
        subprocess.run(["chown", "postgres", str(directory)], check=True)
    port = _free_port()
    init = [initdb, "-D", str(directory / "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]
    start = [
        pg_ctl,
        "-D",
        str(directory / "data"),
        "-o",
        f"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
        "-c full_page_writes=off -c max_connections=60",
        "-l",
        str(directory / "log"),
        "-w",
        "start",
    ]
    for cmd in (init, start):
        done = subprocess.run(
            _as_postgres(cmd) if root else cmd, capture_output=True, text=True, timeout=120, check=False
        )
        if done.returncode != 0:
            shutil.rmtree(directory, ignore_errors=True)
            raise RuntimeError(f"{Path(cmd[0]).name} failed: {done.stderr.strip() or done.stdout.strip()}")
    return Cluster(directory, port, pg_ctl, root)

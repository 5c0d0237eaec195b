"""A throwaway local PostgreSQL cluster (initdb + pg_ctl on 127.0.0.1) for tests and benchmarks.

Used by the test suite and ``scripts/bench_store.py`` to run the store against a
real server without touching any system cluster: the data directory lives in a
temporary folder and is deleted on exit. Running as root, the server runs as
the ``postgres`` user (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from rasd.errors import StorageError

__all__ = ["find_pg_bin", "temporary_postgres"]


def find_pg_bin() -> str | None:
    """Folder holding ``initdb`` and ``pg_ctl`` (PATH first, then Debian's versioned folders)."""
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return os.path.dirname(os.path.realpath(initdb))
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return os.path.dirname(found[0]) if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    try:
        pwd.getpwnam("postgres")
    except KeyError as exc:
        raise StorageError("running as root but there is no 'postgres' user to run the server") from exc
    runuser = shutil.which("runuser")
    if runuser is None:
        raise StorageError("running as root and 'runuser' is missing")
    return [runuser, "-u", "postgres", "--", *cmd]


@contextmanager
def temporary_postgres(*, durable: bool = False, timeout: float = 60.0) -> Iterator[str]:
    """Start a private cluster; yield a ``postgresql://`` URL of its ``postgres`` database.

    ``durable=False`` turns fsync off (tests); benchmarks pass ``durable=True``.
    """
    bindir = find_pg_bin()
    if bindir is None:
        raise StorageError(
            "PostgreSQL server binaries (initdb, pg_ctl) not found; apt-get install postgresql"
        )
    root = tempfile.mkdtemp(prefix="rasd-pg-")
    data = os.path.join(root, "data")
    os.makedirs(data)
    if os.geteuid() == 0:
        entry = pwd.getpwnam("postgres") if _has_postgres_user() else None
        if entry:
            for path in (root, data):
                os.chown(path, entry.pw_uid, entry.pw_gid)
    port = _free_port()
    log = os.path.join(root, "server.log")

    def run(cmd: list[str]) -> None:
        proc = subprocess.run(
            _as_server_user(cmd), capture_output=True, text=True, timeout=timeout, check=False
        )
        if proc.returncode != 0:
            detail = proc.stderr.strip() or proc.stdout.strip()
            raise StorageError(f"{os.path.basename(cmd[0])} failed: {detail}")

    started = False
    try:
        run([os.path.join(bindir, "initdb"), "-D", data, "-U", "rasd", "--auth=trust", "-E", "UTF8",
             "--no-locale", "--no-sync"])
        run([os.path.join(bindir, "pg_ctl"), "-D", data, "-l", log, "-w", "-t", str(int(timeout)), "-o",
             f"-p {port} -k {root} -c listen_addresses=127.0.0.1" + ("" if durable else " -c fsync=off"),
             "start"])
        started = True
        yield f"postgresql://rasd@127.0.0.1:{port}/postgres"
    finally:
        if started:
            stop = [os.path.join(bindir, "pg_ctl"), "-D", data, "-m", "immediate", "stop"]
            subprocess.run(_as_server_user(stop), capture_output=True, timeout=timeout, check=False)
        shutil.rmtree(root, ignore_errors=True)


def _has_postgres_user() -> bool:
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return False
    return True

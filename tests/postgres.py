"""A throw-away PostgreSQL server for the tests: Debian's ``postgresql`` package, run as an
unprivileged user (``nobody`` when the tests run as root), listening only on a Unix socket in a
temporary folder, with one database whose SQLAlchemy URL (psycopg 3) the fixture yields."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


def _install() -> str | None:
    """Install Debian's postgresql package when it is missing; why it cannot be, or None."""
    if _binaries():
        return None
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return "PostgreSQL is not installed (Debian: apt-get install postgresql)"
    for args in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "postgresql"]):
        result = subprocess.run(args, capture_output=True, text=True, timeout=600)
        if result.returncode != 0:
            return f"apt-get install postgresql failed: {result.stderr.strip()[-300:]}"
    return None if _binaries() else "apt-get installed postgresql, but pg_ctl was not found"


def _as_user(user: str | None, args: list[str], **kwargs) -> subprocess.CompletedProcess:
    command = ["runuser", "-u", user, "--", *args] if user else args
    return subprocess.run(command, capture_output=True, text=True, **kwargs)


@pytest.fixture(scope="session")
def postgres_url():
    """The URL of an empty database on a private PostgreSQL server, stopped at the end."""
    reason = _install()
    if reason:
        pytest.skip(f"no PostgreSQL server for this test: {reason}")
    with server() as url:
        yield url


@contextmanager
def server(database: str = "gradebook"):
    """Start a private PostgreSQL server with an empty ``database``; yield its URL; stop it."""
    reason = _install()
    if reason:
        raise RuntimeError(reason)
    bin_dir = _binaries()
    user = "nobody" if os.geteuid() == 0 else None
    name = user or pwd.getpwuid(os.geteuid()).pw_name
    folder = Path(tempfile.mkdtemp(prefix="dlcourse-pg-"))
    data, sockets = folder / "data", folder / "run"
    data.mkdir()
    sockets.mkdir()
    if user:
        info = pwd.getpwnam(user)
        for path in (folder, data, sockets):
            os.chown(path, info.pw_uid, info.pw_gid)
    try:
        result = _as_user(user, [str(bin_dir / "initdb"), "-D", str(data), "-U", name,
                                 "--auth=trust", "--no-sync", "-E", "UTF8"], timeout=120)
        assert result.returncode == 0, f"initdb failed: {result.stderr}"
        options = (f"-c listen_addresses='' -c unix_socket_directories='{sockets}' "
                   "-c fsync=off -c full_page_writes=off")
        result = _as_user(user, [str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options,
                                 "-l", str(folder / "server.log"), "-w", "-t", "60", "start"],
                          timeout=120)
        assert result.returncode == 0, (f"PostgreSQL did not start: {result.stderr}\n"
                                        f"{(folder / 'server.log').read_text()}")
        result = _as_user(user, [str(bin_dir / "createdb"), "-h", str(sockets), "-U", name,
                                 database], timeout=60)
        assert result.returncode == 0, f"createdb failed: {result.stderr}"
        yield f"postgresql+psycopg://{name}@/{database}?host={sockets}"
    finally:
        if (data / "postmaster.pid").exists():
            _as_user(user, [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w",
                            "stop"], timeout=120)
        for _ in range(3):
            try:
                shutil.rmtree(folder)
                break
            except OSError:
                time.sleep(1)

"""Databases built once per test run and copied: the folder the xdist workers share, a build
under a file lock, SQLite files folded into one file, and template copies on PostgreSQL."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa
from filelock import FileLock

from data_access.engine import make_engine

# Set by tests/conftest.py in the controlling process and inherited by the xdist workers.
RUN_DIR = "MONITOR_TEST_RUN_DIR"


def shared_path(name: str) -> Path:
    """A path in the folder that every xdist worker of this run shares."""
    return Path(os.environ[RUN_DIR]) / name


def built_once(name: str, build: Callable[[Path], None]) -> Path:
    """`build(path)` run by the first worker that asks; the others wait for it and reuse it.
    The result appears under its name only when complete, so a failed build is tried again."""
    target = shared_path(name)
    with FileLock(f"{target}.lock"):
        if not target.exists():
            partial = target.with_name(f"{target.name}.partial")
            shutil.rmtree(partial, ignore_errors=True)
            partial.unlink(missing_ok=True)
            build(partial)
            partial.rename(target)
    return target


def closed_sqlite(path: Path, fill: Callable[[sa.Engine], None]) -> None:
    """Run `fill` on the SQLite file at `path`, then fold the write-ahead log into the file so
    that copying the file alone copies everything."""
    engine = make_engine(f"sqlite:///{path}")
    try:
        fill(engine)
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()


def sqlite_copy(source: Path, folder: Path, name: str = "monitor.sqlite") -> str:
    """The URL of a private copy of `source` in `folder`."""
    target = folder / name
    shutil.copy(source, target)
    return f"sqlite:///{target}"


def create_database(server, name: str, template: str) -> None:
    admin = sa.create_engine(server.admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    finally:
        admin.dispose()

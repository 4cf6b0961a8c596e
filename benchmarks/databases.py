"""The benchmark databases: built once per size, seed and schema version under var/bench/, reused.

SQLite files live in var/bench/sqlite/, PostgreSQL databases in one cluster in var/bench/pg/ that
the benchmark starts on a free port of 127.0.0.1 and stops at the end. A database is built under a
temporary name and renamed when complete, so an interrupted build is never reused. Delete
var/bench/ (or pass --rebuild) to build them again.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa
from alembic.script import ScriptDirectory

from data_access import migrate
from tests.pg_server import PgServer, _as_postgres, find_pg_bin, free_port

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
SQLITE_DIR = BENCH_DIR / "sqlite"
PG_DIR = BENCH_DIR / "pg"


def schema_version() -> str:
    """The newest migration: a database built for an older schema is rebuilt, not reused."""
    return ScriptDirectory.from_config(migrate.alembic_config(None)).get_current_head() or "none"


def key(size: int, seed: int) -> str:
    return f"bench_{size}_s{seed}_{schema_version()}"


def _cli(url: str, *args: str) -> None:
    """`python -m data_access --database-url URL ...`, exactly as documented for users."""
    subprocess.run(
        [sys.executable, "-m", "data_access", "--database-url", url, *args],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _populate(url: str, size: int, seed: int) -> float:
    started = time.perf_counter()
    _cli(url, "seed")
    _cli(url, "generate", "--trajectories", str(size), "--seed", str(seed))
    return time.perf_counter() - started


def sqlite_url(size: int, seed: int, rebuild: bool = False, log=print) -> str:
    """The URL of the SQLite benchmark database for `size`, building it when missing."""
    path = SQLITE_DIR / f"{key(size, seed)}.sqlite"
    if rebuild:
        for p in SQLITE_DIR.glob(f"{path.name}*"):
            p.unlink()
    if not path.exists():
        SQLITE_DIR.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".building")
        for p in SQLITE_DIR.glob(f"{tmp.name}*"):
            p.unlink()
        seconds = _populate(f"sqlite:///{tmp}", size, seed)
        engine = sa.create_engine(f"sqlite:///{tmp}")
        with engine.connect() as conn:
            # Fold the write-ahead log into the file so the single file is the whole database.
            # No ANALYZE: the app does not run it either, so the planner sees what users get.
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.exec_driver_sql("PRAGMA journal_mode=DELETE")
        engine.dispose()
        tmp.rename(path)
        log(f"  built {path.relative_to(ROOT)} in {seconds:.0f} s")
    return f"sqlite:///{path}"


class PgCluster:
    """A PostgreSQL cluster kept in var/bench/pg between runs; started on a free port."""

    def __init__(self) -> None:
        bin_dir = find_pg_bin()
        if bin_dir is None:
            raise RuntimeError("PostgreSQL (initdb) is not installed: apt-get install postgresql")
        self.server = PgServer(bin_dir=bin_dir, data_dir=PG_DIR, port=free_port())

    def __enter__(self) -> PgCluster:
        if not (PG_DIR / "data" / "PG_VERSION").exists():
            shutil.rmtree(PG_DIR, ignore_errors=True)
            PG_DIR.mkdir(parents=True)
            if os.geteuid() == 0:
                shutil.chown(PG_DIR, "postgres", "postgres")
            subprocess.run(
                _as_postgres(
                    [
                        str(self.server.bin_dir / "initdb"),
                        "-D", str(PG_DIR / "data"), "-U", "postgres", "-A", "trust",
                        "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
                    ]
                ),
                check=True,
                capture_output=True,
            )  # fmt: skip
        # A stale pid file from a killed run would stop pg_ctl from starting.
        pid_file = PG_DIR / "data" / "postmaster.pid"
        if (
            pid_file.exists()
            and subprocess.run(
                _as_postgres(
                    [str(self.server.bin_dir / "pg_ctl"), "-D", str(PG_DIR / "data"), "status"]
                ),
                capture_output=True,
            ).returncode
            != 0
        ):
            pid_file.unlink()
        self.server.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.stop()

    def version(self) -> str:
        engine = sa.create_engine(self.server.admin_url)
        with engine.connect() as conn:
            text = conn.exec_driver_sql("SHOW server_version").scalar()
        engine.dispose()
        return str(text)

    def _databases(self) -> set[str]:
        admin = sa.create_engine(self.server.admin_url)
        with admin.connect() as conn:
            names = {r[0] for r in conn.exec_driver_sql("SELECT datname FROM pg_database")}
        admin.dispose()
        return names

    def _admin(self, sql: str) -> None:
        admin = sa.create_engine(self.server.admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(sql)
        admin.dispose()

    def url(self, size: int, seed: int, rebuild: bool = False, log=print) -> str:
        """The URL of the PostgreSQL benchmark database for `size`, building it when missing."""
        name = key(size, seed)
        existing = self._databases()
        if rebuild and name in existing:
            self._admin(f'DROP DATABASE "{name}"')
            existing.discard(name)
        if name not in existing:
            tmp = f"{name}_building"
            self._admin(f'DROP DATABASE IF EXISTS "{tmp}"')
            self._admin(f'CREATE DATABASE "{tmp}"')
            seconds = _populate(self.server.url(tmp), size, seed)
            engine = sa.create_engine(self.server.url(tmp), isolation_level="AUTOCOMMIT")
            with engine.connect() as conn:
                conn.exec_driver_sql("VACUUM ANALYZE")
            engine.dispose()
            self._admin(f'ALTER DATABASE "{tmp}" RENAME TO "{name}"')
            log(f"  built PostgreSQL database {name} in {seconds:.0f} s")
        return self.server.url(name)


if __name__ == "__main__":
    # Build (or check) the databases ahead of a run: python -m benchmarks.databases 10000 1000000
    sizes = [int(s) for s in sys.argv[1:]] or [10_000]
    for size in sizes:
        print(sqlite_url(size, 1))
    with PgCluster() as cluster:
        for size in sizes:
            print(cluster.url(size, 1))

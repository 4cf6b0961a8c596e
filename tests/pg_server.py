"""A throwaway PostgreSQL server for the tests, started from Debian's binaries on 127.0.0.1."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def find_pg_bin() -> Path | None:
    """The folder with initdb and pg_ctl, newest version first; None where PostgreSQL is absent."""
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: [int(x) for x in p.split("/")[-2].split(".") if x.isdigit()],
    )
    for folder in reversed(candidates):
        if (Path(folder) / "initdb").exists():
            return Path(folder)
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_postgres(cmd: list[str]) -> list[str]:
    # initdb refuses to run as root; Debian's runuser switches to the postgres account.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@dataclass
class PgServer:
    bin_dir: Path
    data_dir: Path
    port: int

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        subprocess.run(
            as_postgres(
                [
                    str(self.bin_dir / "pg_ctl"),
                    "-D",
                    str(self.data_dir / "data"),
                    "-l",
                    str(self.data_dir / "log"),
                    "-w",
                    "start",
                    "-o",
                    f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.data_dir} "
                    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                ]
            ),
            check=True,
            capture_output=True,
        )

    def stop(self) -> None:
        subprocess.run(
            as_postgres(
                [
                    str(self.bin_dir / "pg_ctl"),
                    "-D",
                    str(self.data_dir / "data"),
                    "-m",
                    "fast",
                    "-w",
                    "stop",
                ]
            ),
            check=False,
            capture_output=True,
        )


def _initdb(bin_dir: Path, data_dir: Path) -> None:
    subprocess.run(
        as_postgres(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data_dir / "data"),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ]
        ),
        check=True,
        capture_output=True,
    )


def _owned_temp_dir(prefix: str) -> Path:
    data_dir = Path(tempfile.mkdtemp(prefix=prefix))
    if os.geteuid() == 0:
        shutil.chown(data_dir, "postgres", "postgres")
    return data_dir


def start_server() -> PgServer | None:
    """A new, empty server on a free port; None where PostgreSQL is not installed."""
    bin_dir = find_pg_bin()
    if bin_dir is None:
        return None
    data_dir = _owned_temp_dir("monitor-pg-")
    _initdb(bin_dir, data_dir)
    server = PgServer(bin_dir=bin_dir, data_dir=data_dir, port=free_port())
    server.start()
    return server


# The seeded database of a copied server, and a copy of it made before any app connects, so tests
# that write can clone it (CREATE DATABASE ... TEMPLATE needs a template nobody is connected to);
# and a migrated, empty database to clone for the tests that start from nothing.
SEEDED_DATABASE = "monitor"
SEEDED_TEMPLATE = "seeded_template"
EMPTY_TEMPLATE = "template_monitor"


def init_data_dir(folder: Path) -> None:
    """Build a stopped server's files in `folder`: initdb, the schema, the sample data in
    SEEDED_DATABASE and its copy SEEDED_TEMPLATE, and the schema alone in EMPTY_TEMPLATE.
    Servers started from a copy of it (start_copy) need neither migrations nor the seed."""
    import sqlalchemy as sa

    from data_access import migrate, sample
    from data_access.engine import make_engine

    bin_dir = find_pg_bin()
    assert bin_dir is not None, "PostgreSQL is not installed"
    folder.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    _initdb(bin_dir, folder)
    server = PgServer(bin_dir=bin_dir, data_dir=folder, port=free_port())
    server.start()
    try:
        admin = sa.create_engine(server.admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {SEEDED_DATABASE}")
        engine = make_engine(server.url(SEEDED_DATABASE))
        migrate.upgrade(engine)
        sample.seed(engine)
        engine.dispose()
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {SEEDED_TEMPLATE} TEMPLATE {SEEDED_DATABASE}")
            conn.exec_driver_sql(f"CREATE DATABASE {EMPTY_TEMPLATE}")
        admin.dispose()
        engine = make_engine(server.url(EMPTY_TEMPLATE))
        migrate.upgrade(engine)
        engine.dispose()
    finally:
        server.stop()


def start_copy(folder: Path) -> PgServer:
    """A server of its own, started on a free port from a copy of the stopped server in
    `folder` (init_data_dir): about a second, where initdb, migrations and the seed take ten."""
    bin_dir = find_pg_bin()
    assert bin_dir is not None, "PostgreSQL is not installed"
    data_dir = _owned_temp_dir("monitor-pg-copy-")
    subprocess.run(
        as_postgres(["cp", "-a", str(folder / "data"), str(data_dir / "data")]),
        check=True,
        capture_output=True,
    )
    server = PgServer(bin_dir=bin_dir, data_dir=data_dir, port=free_port())
    server.start()
    return server

"""An import killed (SIGKILL) while it writes leaves the database exactly as it was, and a normal
import afterwards works. The import runs as the real command line in its own process."""

from __future__ import annotations

import hashlib
import itertools
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from data_access.engine import make_engine
from data_access.schema import audit_log, import_change, import_log, trajectory
from tests.faults.servers import TEMPLATE

ROOT = Path(__file__).resolve().parents[2]
# Enough rows that writing them takes a noticeable while (about a second here, unloaded).
ROWS = 30_000
# The tables an import writes to; none of them may change when the import is killed.
TABLES = (trajectory, import_log, import_change, audit_log)
# The killed import's connection is recognisable in pg_stat_activity by this name.
APP_NAME = "fouttest-import"
POLL_S = 0.02
# The whole import takes seconds; waiting longer than this means something is wrong.
GIVE_UP_S = 120
_counter = itertools.count()


def big_file(tmp_path: Path) -> Path:
    path = tmp_path / "groot.csv"
    lines = ["traject_id;gemeentecode;aanmelddatum;aanbieder"]
    lines += [f"K-{i};GM0546;2025-01-{1 + i % 28:02d};Aanbieder {'AB'[i % 2]}" for i in range(ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def start_import(url: str, file: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "data_access", "--database-url", url, "import-trajectories",
         str(file), "--programme", "HR-INKOOP"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def fingerprint(url: str) -> dict[str, tuple[int, str]]:
    """Row count and a checksum over every row (in key order) of each table an import touches."""
    engine = make_engine(url)
    found = {}
    with engine.connect() as conn:
        for table in TABLES:
            rows = conn.execute(sa.select(table).order_by(*table.primary_key.columns)).all()
            digest = hashlib.sha256(repr([tuple(r) for r in rows]).encode()).hexdigest()
            found[table.name] = (len(rows), digest)
    engine.dispose()
    return found


def trajectory_count(engine: sa.Engine) -> int:
    """The number of trajectories that a reader sees (committed rows only)."""
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(trajectory)).scalar_one()


def sqlite_writer_busy(path: Path) -> bool:
    """True while another process holds SQLite's write lock (a write transaction is open)."""
    probe = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc):
            raise
        return True
    finally:
        probe.close()


def wait_until(condition, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + GIVE_UP_S
    while not condition():
        if process.poll() is not None:
            out, err = process.communicate()
            pytest.fail(f"the import ended before {what}: {out.decode()} {err.decode()}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(POLL_S)


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request, sqlite_seeded, tmp_path):
    """(url to import into, function that is true once the import is writing rows)."""
    if request.param == "sqlite":
        path = tmp_path / "monitor.sqlite"
        path.write_bytes(sqlite_seeded.read_bytes())
        reader = make_engine(f"sqlite:///{path}")
        committed = trajectory_count(reader)

        def writing() -> bool:
            # The import holds SQLite's write lock from its first write (the import log row) until
            # its commit, and nothing of it is visible yet. The size of the WAL file says nothing
            # here: the import's large page cache keeps uncommitted pages in memory, so the WAL
            # only grows at the commit, and stays large after it (until the closing checkpoint,
            # which also holds the lock). Both conditions together can only hold before the commit.
            return sqlite_writer_busy(path) and trajectory_count(reader) == committed

        yield f"sqlite:///{path}", writing
        reader.dispose()
        return
    server = request.getfixturevalue("own_pg")
    name = f"import_{os.getpid()}_{next(_counter)}"
    admin = sa.create_engine(server.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE {TEMPLATE}')
    url = server.url(name)

    def writing() -> bool:
        # The import's transaction has written (it has a transaction id) and is inserting rows
        # (in bulk, with COPY).
        with admin.connect() as conn:
            return bool(
                conn.execute(
                    sa.text(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = :app"
                        " AND backend_xid IS NOT NULL AND (query ILIKE 'INSERT INTO trajectory%'"
                        " OR query ILIKE 'COPY trajectory%')"
                    ),
                    {"app": APP_NAME},
                ).scalar()
            )

    yield f"{url}?application_name={APP_NAME}", writing
    admin.dispose()


def test_an_import_killed_while_writing_leaves_the_database_as_it_was(target, tmp_path):
    url, writing = target
    file = big_file(tmp_path)
    before = fingerprint(url)

    process = start_import(url, file)
    wait_until(writing, process, "it started writing rows")
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=GIVE_UP_S)
    assert process.returncode == -signal.SIGKILL
    assert b"ingelezen" not in process.stdout.read()

    assert fingerprint(url) == before
    if url.startswith("sqlite"):
        engine = make_engine(url)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        engine.dispose()

    # The next, uninterrupted import of the same file goes through as a whole.
    again = subprocess.run(
        [sys.executable, "-m", "data_access", "--database-url", url, "import-trajectories",
         str(file), "--programme", "HR-INKOOP"],
        cwd=ROOT, capture_output=True, text=True, timeout=GIVE_UP_S,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert f"{ROWS} nieuw" in again.stdout
    after = fingerprint(url)
    assert after["trajectory"][0] == before["trajectory"][0] + ROWS
    assert after["import_log"][0] == before["import_log"][0] + 1
    assert after["import_change"][0] == before["import_change"][0] + ROWS

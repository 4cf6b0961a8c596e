"""An import reports its stages with row counts, and other users keep reading while it writes."""

from __future__ import annotations

import time

import sqlalchemy as sa

from data_access import imports
from data_access.engine import make_engine
from data_access.schema import trajectory
from tests.data_access.test_imports import TODAY, count, csv_bytes

ROWS = 12_000  # more than one chunk of writing, so progress is reported while writing
STAGES = ["lezen", "controleren", "schrijven", "tellingen"]


def big_file(n: int = ROWS) -> bytes:
    return csv_bytes([f"P-{i},GM0546,TEST,Aanbieder A,2025-01-10,,,,,,,," for i in range(n)])


def test_progress_reports_every_stage_in_order_with_row_counts(engine, setup):
    heard: list[tuple[str, int, int]] = []
    result = imports.import_trajectories(
        engine, "groot.csv", big_file(), setup["coordinator"], today=TODAY,
        progress=lambda stage, done, total: heard.append((stage, done, total)),
    )  # fmt: skip
    assert result.status == "ingelezen"
    stages = [s for s, _, _ in heard]
    assert [s for i, s in enumerate(stages) if i == 0 or stages[i - 1] != s] == STAGES
    assert ("controleren", ROWS, ROWS) in heard
    assert ("schrijven", ROWS, ROWS) in heard
    assert all(done <= total for _, done, total in heard if total)
    writes = [done for stage, done, _ in heard if stage == "schrijven"]
    assert writes == sorted(writes) and len(writes) >= 2


def test_a_refused_file_stops_after_checking(engine, setup):
    heard: list[str] = []
    rows = ["K-1,GM9999,TEST,,2025-01-10,,,,,,,,"]
    imports.import_trajectories(
        engine, "fout.csv", csv_bytes(rows), setup["coordinator"], today=TODAY,
        progress=lambda stage, *_: heard.append(stage),
    )  # fmt: skip
    assert "schrijven" not in heard and "controleren" in heard


def test_other_users_read_without_waiting_while_an_import_writes(engine, setup):
    """While the import's write transaction is open, another connection reads at once (SQLite in
    WAL mode, PostgreSQL by MVCC), and sees the data as it was before the import."""
    reader = make_engine(engine.url.render_as_string(hide_password=False))
    seen: list[tuple[int, float]] = []

    def read_while_writing(stage: str, done: int, total: int) -> None:
        if stage != "schrijven" or not done or seen:
            return
        started = time.perf_counter()
        with reader.connect() as conn:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA busy_timeout = 0")  # a lock would fail at once
            n = conn.execute(sa.select(sa.func.count()).select_from(trajectory)).scalar()
        seen.append((n, time.perf_counter() - started))

    before = count(engine, trajectory)
    result = imports.import_trajectories(
        engine, "groot.csv", big_file(), setup["coordinator"], today=TODAY,
        progress=read_while_writing,
    )  # fmt: skip
    reader.dispose()
    assert result.status == "ingelezen"
    assert seen, "the reader ran while rows were being written"
    n, seconds = seen[0]
    assert n == before  # the open import is invisible until it commits
    assert seconds < 5
    assert count(engine, trajectory) == before + ROWS

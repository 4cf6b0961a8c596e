"""The load test's client works: real page runs over Streamlit's websocket, failures are seen,
and the data cache is shared between sessions (a second visitor causes no SQL for figures)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from benchmarks.load_test import Session, read_count, run_load, started_server
from tests.databases import sqlite_copy

# Two tests share the module's server (sample_server): on one worker it starts once.
pytestmark = pytest.mark.xdist_group("load_server")

# The counter file of benchmarks/load_server.py is written every half second; waiting longer
# than this for its next write means the server has stopped writing it.
COUNTER_WRITE_TIMEOUT_S = 10


def count_after_this_moment(count_file: Path) -> int | None:
    """The statement count as of now: from the counter file's second write after this call (the
    first may have read the count just before now). Waits for the writes, not for a time."""

    def written():
        stat = count_file.stat()
        return stat.st_ino, stat.st_mtime_ns

    deadline = time.monotonic() + COUNTER_WRITE_TIMEOUT_S
    seen = [written()]
    while len(seen) < 3:
        assert time.monotonic() < deadline, "the counter file is no longer written"
        if (now := written()) != seen[-1]:
            seen.append(now)
        else:
            time.sleep(0.02)  # polls the file, which is replaced every half second
    return read_count(count_file)


@pytest.fixture(scope="module")
def sample_server(sqlite_seeded, tmp_path_factory):
    """app.py on a copy of the seeded sample SQLite; yields (url, pid, SQL statement counter
    file)."""
    workdir = tmp_path_factory.mktemp("load")
    database_url = sqlite_copy(sqlite_seeded, workdir)
    with started_server(database_url, workdir, workdir / "streamlit.log") as server:
        yield server


def test_two_sessions_click_through_the_pages_without_failures(sample_server):
    url, pid, _ = sample_server
    outcome = run_load(url=url, server_pid=pid, sessions=2, duration=6, think=(0.1, 0.5))

    assert outcome.failures == []
    finished = outcome.finished
    assert len(finished) >= 6
    assert {r.kind for r in finished} == {"open", "filter"}
    assert len({r.page for r in finished}) >= 3
    assert "Beheer" not in {r.page for r in outcome.results}
    assert outcome.rss_peak >= outcome.rss_before > 0


def _open_default_page(url: str) -> tuple[float | None, list[str], list[str]]:
    async def once():
        session = Session(url, 30, [])
        try:
            await session.connect()
            seconds, failures = await session.run("", "", [])
            return seconds, failures, [p.name for p in session.pages]
        finally:
            await session.close()

    return asyncio.run(once())


def test_a_second_session_reads_the_first_sessions_cached_data(sample_server):
    url, _, count_file = sample_server
    seconds, failures, pages = _open_default_page(url)
    assert seconds is not None and failures == []
    assert "Overzicht" in pages
    before = count_after_this_moment(count_file)

    seconds, failures, _ = _open_default_page(url)
    after = count_after_this_moment(count_file)

    assert seconds is not None and failures == []
    assert before is not None and before > 0
    # At most the one small query a second for the data version (components/shell/data.py fresh()).
    assert after - before <= 1


def test_a_broken_page_and_the_database_message_count_as_failures(tmp_path):
    outcome = run_load(
        database_url=f"sqlite:///{tmp_path / 'unused.sqlite'}",
        script="tests/benchmarks/broken_app.py",
        sessions=1,
        duration=3,
        think=(0.1, 0.3),
    )

    kinds = " ".join(outcome.failures)
    assert "Kapot: exception" in kinds
    assert "Database weg: foutmelding" in kinds
    assert not any(f.startswith("Goed:") for f in outcome.failures)

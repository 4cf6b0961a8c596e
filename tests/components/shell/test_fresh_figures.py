"""Figures stay fresh across processes: a write elsewhere shows on this process's next page run.

The other process is the command line (`import-trajectories`), writing to the same database the
way another replica would; this process has the page's figures in its caches already."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
import streamlit as st

from components.shell import data
from data_access.engine import make_engine
from domain.formatting import fmt_int
from tests.pages.apptest import open_page, page_text

ROOT = Path(__file__).resolve().parents[3]
DELIVERY = (
    "traject_id;gemeentecode;aanmelddatum;aanbieder\n"
    "VERS-1;GM0546;2025-01-10;Aanbieder A\nVERS-2;Katwijk;02-03-2025;Aanbieder B\n"
)


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def total_text(url: str) -> str:
    engine = make_engine(url)
    with engine.connect() as conn:
        n = conn.execute(sa.text("SELECT count(*) FROM trajectory")).scalar()
    engine.dispose()
    return fmt_int(n)


def test_an_import_from_the_command_line_shows_on_the_first_page_run_a_second_later(
    seeded_db_url, monkeypatch, tmp_path
):
    monkeypatch.setenv("DATABASE_URL", seeded_db_url)
    # The delivery is real data: without this the app would ask for a sign-in after it.
    monkeypatch.setenv("PUBLIC_READ", "1")
    before = total_text(seeded_db_url)
    at = open_page("pages/over_de_data.py")
    assert before in page_text(at)

    delivery = tmp_path / "levering.csv"
    delivery.write_text(DELIVERY, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "data_access", "--database-url", seeded_db_url,
         "import-trajectories", str(delivery), "--programme", "HR-INKOOP"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    imported_at = time.monotonic()
    after = total_text(seeded_db_url)
    assert after != before

    # The process asks the database for the data version at most once a second, at the start of
    # a run: the first run that begins a second or more after the import must show the new total
    # (an earlier one may). Timed by when runs begin, not by how long they take, so a busy
    # machine changes how many runs it takes, not the verdict.
    runs = []
    while True:
        began = time.monotonic() - imported_at
        at.run()
        shown = after in page_text(at)
        runs.append(f"{began:.2f} s: {'new' if shown else 'old'}")
        if shown or began >= data.VERSION_CHECK_SECONDS:
            break
    assert shown, f"a run that began {began:.1f} s after the import still shows {before} ({runs})"


def test_the_version_is_read_at_most_once_a_second_per_process(engine, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    calls = []
    real = data.versions.current
    monkeypatch.setattr(data.versions, "current", lambda engine: calls.append(1) or real(engine))
    monkeypatch.setattr(data._Seen, "checked_at", float("-inf"))
    data.fresh(now=100.0)
    data.fresh(now=100.5)
    data.fresh(now=100.9)
    assert len(calls) == 1
    data.fresh(now=101.1)
    assert len(calls) == 2


def test_a_moved_version_clears_the_caches_of_this_process(engine, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.setattr(data._Seen, "checked_at", float("-inf"))
    data.fresh(now=200.0)
    versions = iter([7, 8])
    monkeypatch.setattr(data.versions, "current", lambda engine: next(versions))
    cleared = []
    monkeypatch.setattr(data, "clear", lambda: cleared.append(1))
    data.fresh(now=300.0)  # 7: differs from what the first look saw
    data.fresh(now=400.0)  # 8
    assert len(cleared) == 2


def test_a_version_read_from_one_database_does_not_stand_for_another(
    sqlite_seeded, tmp_path, monkeypatch
):
    """Two databases can be at the same version number. A process that moves to another
    database (the settings change, as between tests) reads that one's version afresh, so a
    later write there still clears the caches, even within a second of the move."""
    from data_access import versions
    from tests.databases import sqlite_copy

    first, second = (sqlite_copy(sqlite_seeded, tmp_path, f"{n}.sqlite") for n in ("a", "b"))
    one_write_ahead = make_engine(first)
    with one_write_ahead.begin() as conn:
        versions.bump(conn)
    one_write_ahead.dispose()

    monkeypatch.setenv("DATABASE_URL", first)
    data.fresh(now=300.0)  # reads the first database: one write past the seed
    monkeypatch.setenv("DATABASE_URL", second)
    st.cache_resource.clear()  # the settings and engine of the second database
    assert data.fresh(now=300.5) is False  # its first look: nothing to clear yet
    written_to = make_engine(second)
    with written_to.begin() as conn:
        versions.bump(conn)  # now at the number the first database had
    written_to.dispose()
    assert data.fresh(now=301.6) is True, "the write to the second database was missed"

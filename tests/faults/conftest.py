"""Fault tests get their own PostgreSQL server, so stopping it never disturbs the shared one."""

from __future__ import annotations

import pytest
import streamlit as st

from data_access import migrate, sample
from data_access.engine import make_engine
from tests.faults.servers import seeded_pg_server


@pytest.fixture(scope="session")
def own_pg():
    """A throwaway PostgreSQL server with a seeded database `monitor`, for the fault tests alone."""
    with seeded_pg_server() as server:
        yield server


@pytest.fixture(scope="session")
def seeded_sqlite(tmp_path_factory):
    """A seeded SQLite file to copy from (never opened by the tests themselves)."""
    path = tmp_path_factory.mktemp("faults") / "seeded.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    sample.seed(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(autouse=True)
def _fresh_caches():
    # Streamlit's caches live for the process: each fault test starts without a cached engine.
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()

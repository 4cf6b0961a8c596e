"""Fault tests get their own PostgreSQL server, so stopping it never disturbs the shared one."""

from __future__ import annotations

import os
import shutil

import pytest
import sqlalchemy as sa
import streamlit as st

from data_access import migrate, sample
from data_access.engine import make_engine
from tests.pg_server import start_server


@pytest.fixture(scope="session")
def own_pg():
    """A throwaway PostgreSQL server with a seeded database `monitor`, for the fault tests alone."""
    server = start_server()
    if server is None:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail("PostgreSQL is required (REQUIRE_POSTGRES=1) but initdb was not found")
        pytest.skip("PostgreSQL is not installed here")
    admin = sa.create_engine(server.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql("CREATE DATABASE monitor")
    admin.dispose()
    engine = make_engine(server.url("monitor"))
    migrate.upgrade(engine)
    sample.seed(engine)
    engine.dispose()
    # A copy made before any app connects, so tests that write can clone it (CREATE DATABASE ...
    # TEMPLATE needs a template nobody is connected to).
    admin = sa.create_engine(server.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql("CREATE DATABASE seeded_template TEMPLATE monitor")
    admin.dispose()
    yield server
    server.stop()
    shutil.rmtree(server.data_dir, ignore_errors=True)


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

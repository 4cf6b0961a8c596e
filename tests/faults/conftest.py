"""Fault tests get their own PostgreSQL server, so stopping it never disturbs the shared one."""

from __future__ import annotations

import pytest
import streamlit as st

from tests.faults.servers import seeded_pg_server


@pytest.fixture(scope="session")
def own_pg(pg_seeded_data_dir):
    """A throwaway PostgreSQL server with a seeded database `monitor`, for the fault tests alone."""
    with seeded_pg_server(pg_seeded_data_dir) as server:
        yield server


@pytest.fixture(autouse=True)
def _fresh_caches():
    # Streamlit's caches live for the process: each fault test starts without a cached engine.
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()

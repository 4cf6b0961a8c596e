"""Page tests run the real app (AppTest) on the seeded sample database, chosen via DATABASE_URL."""

from __future__ import annotations

import pytest
import streamlit as st


@pytest.fixture(scope="session")
def seeded_url(sample_engine) -> str:
    """The seeded sample database of this run (SQLite, then PostgreSQL: every page test runs on both)."""
    return sample_engine.url.render_as_string(hide_password=False)


@pytest.fixture(autouse=True)
def _fresh_caches(monkeypatch, seeded_url):
    # Streamlit's caches live for the process: without clearing, one test's data leaks into the next.
    monkeypatch.setenv("DATABASE_URL", seeded_url)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()

"""Page tests run the real app (AppTest) on a seeded SQLite file chosen through DATABASE_URL."""

from __future__ import annotations

import pytest
import streamlit as st

from data_access import migrate
from data_access.engine import make_engine


@pytest.fixture(scope="session")
def seeded_sqlite_url(tmp_path_factory):
    from data_access import sample

    path = tmp_path_factory.mktemp("app") / "monitor.sqlite"
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    sample.seed(engine)
    engine.dispose()
    return url


@pytest.fixture(autouse=True)
def _fresh_caches(monkeypatch, seeded_sqlite_url):
    # Streamlit's caches live for the process: without clearing, one test's data leaks into the next.
    monkeypatch.setenv("DATABASE_URL", seeded_sqlite_url)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()

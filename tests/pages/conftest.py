"""Page tests run the real app (AppTest) on the seeded sample database, chosen via DATABASE_URL."""

from __future__ import annotations

import os

import pytest

from tests.pages import apptest


@pytest.fixture(scope="session")
def seeded_url(sample_engine) -> str:
    """The seeded sample database of this run (SQLite, then PostgreSQL: every page test runs on both)."""
    return sample_engine.url.render_as_string(hide_password=False)


@pytest.fixture(autouse=True)
def _sample_database(seeded_url):
    # Streamlit's caches live for the process; open_page (tests/pages/apptest.py) empties them
    # whenever the environment differs from the one they were filled under, so one test's data
    # never reaches the next, and keeps them while every page test reads the same database.
    # (Set without monkeypatch: a test that asks for monkeypatch gets cold caches.)
    before = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = seeded_url
    apptest.caches_for_this_environment()
    yield
    if before is None:
        os.environ.pop("DATABASE_URL", None)
    else:
        os.environ["DATABASE_URL"] = before

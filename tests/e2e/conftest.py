"""Browser fixtures: the real app served on 127.0.0.1, driven by Playwright in Debian's Chromium."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.builders import add_account
from tests.databases import sqlite_copy
from tests.e2e.accessibility import A11Y_ADMIN, A11Y_COORDINATOR, A11Y_PASSWORD
from tests.e2e.browser import (  # noqa: F401 - re-exported for older test modules
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    running_app,
    screenshot,
    wait_until_drawn,
)
from tests.pg_server import free_port


def add_a11y_accounts(db_url: str) -> None:
    """A coordinator of Holland Rijnland and an admin, for the accessibility tests of Beheer."""
    add_account(db_url, A11Y_COORDINATOR, "coordinator", A11Y_PASSWORD, "HOLLAND-RIJNLAND")
    add_account(db_url, A11Y_ADMIN, "admin", A11Y_PASSWORD)


@pytest.fixture(scope="session")
def app_db_url(sqlite_seeded, tmp_path_factory) -> str:
    """The database of the worker's shared app: a copy of the run's seeded SQLite file, with the
    accessibility tests' accounts. Only read: tests that write (uploads, edits) use `own_app`."""
    url = sqlite_copy(sqlite_seeded, tmp_path_factory.mktemp("e2e"))
    add_a11y_accounts(url)
    return url


@pytest.fixture(scope="session")
def app_url(tmp_path_factory, app_db_url):
    """The worker's shared app on the seeded database, on a free port of 127.0.0.1. Every test
    that only reads uses it, so its caches are warm for the pages that other tests opened."""
    env = {**os.environ, "DATABASE_URL": app_db_url, "PUBLIC_READ": "1"}
    with running_app(env, tmp_path_factory.mktemp("logs") / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="module")
def own_app(sqlite_seeded, tmp_path_factory):
    """An app of the module's own on its own copy of the seeded database, for tests that write:
    (url, database URL). Mark such a module with an xdist_group, so one worker starts it."""
    tmp = tmp_path_factory.mktemp("own_app")
    db = sqlite_copy(sqlite_seeded, tmp)
    # Tests upload real (non-invented) rows; reading stays public so every page can be opened.
    env = {**os.environ, "DATABASE_URL": db, "PUBLIC_READ": "1"}
    with running_app(env, tmp / "streamlit.log") as url:
        yield url, db


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium is required (REQUIRE_BROWSER=1) but {CHROMIUM} is missing")
        pytest.skip("Chromium is not installed here")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 2200}, locale="nl-NL")
    pg = context.new_page()
    yield pg
    context.close()


# --- the accessibility tests' apps -------------------------------------------------------------


@pytest.fixture(scope="session")
def a11y_app(app_url):
    """The accessibility tests read the shared app (its database has their accounts)."""
    return app_url


@pytest.fixture(scope="session")
def closed_app(app_db_url, tmp_path_factory):
    """The same database with reading closed: visitors see only the sign-in page."""
    env = {**os.environ, "DATABASE_URL": app_db_url, "PUBLIC_READ": "0"}
    with running_app(env, tmp_path_factory.mktemp("logs") / "a11y-closed.log") as base:
        yield base


@pytest.fixture(scope="session")
def down_app(tmp_path_factory):
    """The app pointed at a PostgreSQL port where nothing listens: every page meets a database
    that is down."""
    env = {**os.environ, "PUBLIC_READ": "1",
           "DATABASE_URL": f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/monitor"}  # fmt: skip
    with running_app(env, tmp_path_factory.mktemp("logs") / "a11y-down.log") as base:
        yield base

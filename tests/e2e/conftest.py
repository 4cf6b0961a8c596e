"""Browser fixtures: the real app served on 127.0.0.1, driven by Playwright in Debian's Chromium."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from data_access import accounts
from data_access.engine import make_engine
from domain.roles import ADMIN, User
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


@pytest.fixture(scope="session")
def app_db_url(tmp_path_factory) -> str:
    """The database the e2e app runs on: a freshly seeded SQLite file."""
    return f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'monitor.sqlite'}"


@pytest.fixture(scope="session")
def app_url(tmp_path_factory, app_db_url):
    """The app on the seeded e2e database, on a free port of 127.0.0.1."""
    # Tests upload real (non-invented) rows; reading stays public so every page can be opened.
    env = {**os.environ, "DATABASE_URL": app_db_url, "PUBLIC_READ": "1"}
    subprocess.run([sys.executable, "-m", "data_access", "seed"], cwd=ROOT, env=env, check=True,
                   capture_output=True)  # fmt: skip
    with running_app(env, tmp_path_factory.mktemp("logs") / "streamlit.log") as url:
        yield url


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


# --- the accessibility tests' apps: one of each per test module ---------------------------------


@pytest.fixture(scope="module")
def a11y_db(tmp_path_factory) -> str:
    """A seeded SQLite database of its own, with a coordinator of Holland Rijnland and an admin."""
    db = f"sqlite:///{tmp_path_factory.mktemp('a11y') / 'monitor.sqlite'}"
    env = {**os.environ, "DATABASE_URL": db}
    subprocess.run([sys.executable, "-m", "data_access", "seed"], cwd=ROOT, env=env, check=True,
                   capture_output=True)  # fmt: skip
    engine = make_engine(db)
    admin = User("a11y", ADMIN)
    accounts.create_user(engine, A11Y_COORDINATOR, "coordinator", A11Y_PASSWORD, admin)
    accounts.create_user(engine, A11Y_ADMIN, "admin", A11Y_PASSWORD, admin)
    with engine.connect() as conn:
        hr = conn.exec_driver_sql(
            "SELECT id FROM partnership WHERE code = 'HOLLAND-RIJNLAND'"
        ).scalar()
    accounts.assign_partnerships(engine, A11Y_COORDINATOR, {hr}, admin)
    engine.dispose()
    return db


@pytest.fixture(scope="module")
def a11y_app(a11y_db, tmp_path_factory):
    env = {**os.environ, "DATABASE_URL": a11y_db, "PUBLIC_READ": "1"}
    with running_app(env, tmp_path_factory.mktemp("logs") / "a11y.log") as base:
        yield base


@pytest.fixture(scope="module")
def closed_app(a11y_db, tmp_path_factory):
    """The same database with reading closed: visitors see only the sign-in page."""
    env = {**os.environ, "DATABASE_URL": a11y_db, "PUBLIC_READ": "0"}
    with running_app(env, tmp_path_factory.mktemp("logs") / "a11y-closed.log") as base:
        yield base


@pytest.fixture(scope="module")
def down_app(tmp_path_factory):
    """The app pointed at a PostgreSQL port where nothing listens: every page meets a database
    that is down."""
    env = {**os.environ, "PUBLIC_READ": "1",
           "DATABASE_URL": f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/monitor"}  # fmt: skip
    with running_app(env, tmp_path_factory.mktemp("logs") / "a11y-down.log") as base:
        yield base

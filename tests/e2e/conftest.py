"""Browser fixtures: the real app served on 127.0.0.1, driven by Playwright in Debian's Chromium."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.browser import (  # noqa: F401 - re-exported for older test modules
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    running_app,
    screenshot,
    wait_until_drawn,
)


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

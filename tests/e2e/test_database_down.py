"""In the browser: a page whose database goes away says so in Dutch, and the same tab shows the
figures again once PostgreSQL is back (no restart of the app)."""

import os

import pytest

from components.shell.i18n import t
from tests.e2e.browser import running_app, screenshot, wait_until_drawn
from tests.faults.servers import DATABASE, seeded_pg_server

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("database_down")]


@pytest.fixture(scope="module")
def pg_and_app(tmp_path_factory, pg_seeded_data_dir):
    with seeded_pg_server(pg_seeded_data_dir) as server:
        env = {**os.environ, "DATABASE_URL": server.url(DATABASE), "PUBLIC_READ": "1"}
        log = tmp_path_factory.mktemp("logs") / "streamlit-faults.log"
        with running_app(env, log) as url:
            yield server, url


def test_trajecten_says_the_database_is_down_then_recovers_in_the_same_tab(pg_and_app, page):
    server, url = pg_and_app
    page.goto(f"{url}/trajecten")
    wait_until_drawn(page)
    page.wait_for_selector(".js-plotly-plot", timeout=30_000)

    server.stop()
    try:
        # Another year: not in the cache, so the page has to ask the database.
        page.goto(f"{url}/trajecten?jaar=2019")
        wait_until_drawn(page)
        alert = page.locator("[data-testid='stAlertContentError']")
        alert.first.wait_for(timeout=30_000)
        screenshot(page, "fout_database_weg")
        assert alert.count() == 1
        assert t("fout.database") in alert.first.inner_text()
        assert page.locator("[data-testid='stException']").count() == 0
    finally:
        server.start()

    page.get_by_role("button", name=t("fout.opnieuw")).click()
    page.wait_for_selector(".js-plotly-plot", timeout=30_000)
    wait_until_drawn(page)
    screenshot(page, "fout_database_terug")
    assert page.locator("[data-testid='stAlertContentError']").count() == 0
    assert page.locator("[data-testid='stException']").count() == 0

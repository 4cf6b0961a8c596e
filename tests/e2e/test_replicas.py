"""Two replicas on one PostgreSQL database, straight and behind HAProxy: the sign-in cookie holds
on reload and on the other replica, a sign-out ends it everywhere, a forged cookie gets reader
rights, an upload reaches the tab's own replica, and a replica killed mid-session hands the tab
to the other one with the same page, the same filters and the same sign-in."""

from __future__ import annotations

import os

import pytest
from itsdangerous import URLSafeTimedSerializer

from components.shell.sessions import COOKIE
from deploy import replicas
from tests.builders import add_account
from tests.e2e.browser import wait_until_drawn
from tests.e2e.test_beheer_upload import upload
from tests.faults.servers import DATABASE, seeded_pg_server

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("replicas")]
PASSWORD = "correct-paard-batterij"
USER = "coordinator@hr.nl"
SECRET = "replica-test-sleutel-" + "k" * 24


@pytest.fixture(scope="module")
def topology(tmp_path_factory, pg_seeded_data_dir):
    with seeded_pg_server(pg_seeded_data_dir) as server:
        url = server.url(DATABASE)
        add_account(url, USER, "coordinator", PASSWORD, "HOLLAND-RIJNLAND")
        env = {**os.environ, "DATABASE_URL": url, "PUBLIC_READ": "1", "SESSION_SECRET": SECRET}
        logs = tmp_path_factory.mktemp("replicas")
        with replicas.running(2, env, log_dir=logs) as running:
            yield running


def open_beheer(page, base: str, query: str = "") -> None:
    page.goto(f"{base}/beheer{query}")
    wait_until_drawn(page)


def sign_in(page, base: str, query: str = "") -> None:
    open_beheer(page, base, query)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_label("Gebruikersnaam").fill(USER)
    sidebar.get_by_label("Wachtwoord").fill(PASSWORD)
    sidebar.get_by_role("button", name="Inloggen").click()
    page.wait_for_selector("text=Ingelogd als", timeout=60_000)
    wait_until_drawn(page)


def signed_in(page) -> bool:
    wait_until_drawn(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_role("button", name="Inloggen").or_(
        sidebar.get_by_role("button", name="Uitloggen")
    ).first.wait_for(timeout=60_000)
    return sidebar.get_by_role("button", name="Uitloggen").count() == 1


def session_cookie(context) -> dict:
    return next(c for c in context.cookies() if c["name"] == COOKIE)


def test_the_sign_in_cookie_is_httponly_and_holds_on_reload_and_on_the_other_replica(
    topology, page
):
    first, second = topology.replica_urls["r1"], topology.replica_urls["r2"]
    sign_in(page, first)
    cookie = session_cookie(page.context)
    assert cookie["httpOnly"] is True and cookie["sameSite"] == "Lax"
    page.reload()
    assert signed_in(page), "a reload lost the sign-in"
    open_beheer(page, second)
    assert signed_in(page), "the second replica did not accept the cookie"


def test_signing_out_on_one_replica_signs_out_an_open_tab_on_the_other(topology, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1400}, locale="nl-NL")
    try:
        on_first, on_second = context.new_page(), context.new_page()
        sign_in(on_first, topology.replica_urls["r1"])
        open_beheer(on_second, topology.replica_urls["r2"])
        assert signed_in(on_second)
        on_second.get_by_role("button", name="Uitloggen").click()
        on_second.wait_for_selector("text=Wachtwoord", timeout=60_000)
        assert not signed_in(on_second)
        # The tab on the first replica was not reloaded: its next page run asks the database.
        on_first.locator("[data-testid='stSidebarNav']").get_by_text("Kaart").click()
        wait_until_drawn(on_first)
        on_first.locator("[data-testid='stSidebarNav']").get_by_text("Beheer").click()
        assert not signed_in(on_first), "the sign-out on the other replica did not reach this tab"
    finally:
        context.close()


def test_a_forged_cookie_gets_only_reader_rights(topology, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1400}, locale="nl-NL")
    try:
        forged = URLSafeTimedSerializer("niet-de-sleutel").dumps("iemand", salt="monitor-sessie")
        context.add_cookies([{"name": COOKIE, "value": forged, "url": topology.replica_urls["r1"]}])
        page = context.new_page()
        open_beheer(page, topology.replica_urls["r1"])
        assert not signed_in(page)
    finally:
        context.close()


def test_through_haproxy_an_upload_reaches_the_tabs_replica_and_a_killed_replica_hands_over(
    topology, page, tmp_path
):
    query = "?jaar=2024"
    sign_in(page, topology.url, query)
    page.reload()
    assert signed_in(page)
    sticky = {c["name"]: c["value"] for c in page.context.cookies()}[replicas.STICKY_COOKIE]
    rows = [
        f"LB-{i:03d};GM0546;Aanbieder A;2025-03-{1 + i % 28:02d};2025-04-01;;" for i in range(12)
    ]
    upload(page, tmp_path, "levering_lb.csv", rows)
    page.wait_for_selector("text=Ingelezen als import", timeout=60_000)

    topology.stop_replica(sticky)
    # The tab reconnects through HAProxy, which sends it to the replica still running.
    page.wait_for_function(
        "() => document.querySelector(\"[data-testid='stSidebar']\") !== null"
        " && !document.body.innerText.includes('Connecting')",
        timeout=60_000,
    )
    assert signed_in(page), "the tab lost its sign-in when its replica stopped"
    assert page.url.endswith("/beheer" + query), page.url
    # HAProxy sets its sticky cookie on the next HTTP answer; the websocket reconnect alone may not
    # bring one. After a reload the tab is pinned to the replica that still runs.
    page.reload()
    page.wait_for_selector("[data-testid='stSidebar']", timeout=60_000)
    assert signed_in(page), "the reload after the hand-over lost the sign-in"
    now = {c["name"]: c["value"] for c in page.context.cookies()}[replicas.STICKY_COOKIE]
    assert now != sticky

"""Signing in as a visitor meets it (issue 26, items 5 and 7): a link to a page asks to sign in
and then opens that page, with no English dialog; and started as most Streamlit users start an
app, `streamlit run app.py` (without serve.py's cookie routes), signing in works: the visitor is
signed in on the page, not sent to a blank /auth/sessie, and the form says that a reload ends it
and how to start the monitor."""

import os

import pytest

from tests.builders import add_account
from tests.databases import sqlite_copy
from tests.e2e.accessibility import A11Y_COORDINATOR, A11Y_PASSWORD
from tests.e2e.browser import running_app, screenshot, wait_until_drawn

pytestmark = pytest.mark.e2e
PASSWORD = "correct-paard-batterij"


@pytest.fixture(scope="module")
def app_py(sqlite_seeded, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("app_py")
    db = sqlite_copy(sqlite_seeded, tmp)
    add_account(db, "lezer@app.nl", "viewer", PASSWORD)
    env = {k: v for k, v in os.environ.items() if k != "SAMENWERKINGSMONITOR_ROUTES"}
    with running_app({**env, "DATABASE_URL": db}, tmp / "streamlit.log", script="app.py") as url:
        yield url


def test_signing_in_works_when_started_as_streamlit_run_app_py(app_py, page):
    page.goto(f"{app_py}/beheer")
    wait_until_drawn(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    assert "streamlit run app.py" in sidebar.inner_text()  # the form says what a reload does
    sidebar.get_by_label("Gebruikersnaam").fill("lezer@app.nl")
    sidebar.get_by_label("Wachtwoord").fill(PASSWORD)
    sidebar.get_by_role("button", name="Inloggen").click()
    page.wait_for_selector("text=Ingelogd als", timeout=30_000)
    wait_until_drawn(page)
    assert "/auth/" not in page.url and page.url.startswith(f"{app_py}/beheer")
    screenshot(page, "ingelogd_app_py")


def test_a_link_to_a_page_asks_to_sign_in_and_then_opens_that_page(closed_app, page):
    """Issue 26 item 5: without being signed in, a link such as /trajecten?jaar=2025 shows the
    Dutch sign-in page with no English 'Page not found' dialog over it; after signing in, the
    visitor is on the page (and year) they asked for."""
    page.goto(f"{closed_app}/trajecten?jaar=2025")
    wait_until_drawn(page)
    assert page.locator("h1").first.text_content().strip() == "Inloggen"
    assert page.get_by_role("dialog").count() == 0
    assert "Page not found" not in page.inner_text("body")
    main = page.locator("[data-testid='stMain']")
    main.get_by_label("Gebruikersnaam").fill(A11Y_COORDINATOR)
    main.get_by_label("Wachtwoord").fill(A11Y_PASSWORD)
    main.get_by_role("button", name="Inloggen").click()
    page.wait_for_function(
        "() => document.querySelector('h1')?.textContent.trim() === 'Trajecten'", timeout=30_000
    )
    wait_until_drawn(page)
    assert "/trajecten" in page.url and "jaar=2025" in page.url
    screenshot(page, "na_inloggen_trajecten")

    # Signing out (on Beheer) leaves the visitor on that address's sign-in form, without a dialog.
    page.goto(f"{closed_app}/beheer")
    wait_until_drawn(page)
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_function(
        "() => document.querySelector('h1')?.textContent.trim() === 'Inloggen'", timeout=30_000
    )
    wait_until_drawn(page)
    assert page.get_by_role("dialog").count() == 0
    assert "Page not found" not in page.inner_text("body")
    assert "/beheer" in page.url
    screenshot(page, "na_uitloggen")


def test_the_home_pages_own_name_opens_it_with_the_links_filters(app_url, closed_app, page):
    """/overzicht names the home page, which lives at the root: it opens Overzicht (or, where one
    must sign in, the sign-in form) with the link's filters and no 'Page not found' dialog."""
    # As a visitor who follows a link after using the monitor: on a first load Streamlit's
    # dialog may come before the page is ready to show it.
    _after(page, f"{app_url}/kaart", f"{app_url}/overzicht?jaar=2025&samenwerking=HOLLAND-RIJNLAND",
           "Overzicht")  # fmt: skip
    assert "jaar=2025" in page.url and "samenwerking=HOLLAND-RIJNLAND" in page.url
    # The link's partnership is chosen: Overzicht's CBS list names only that one.
    # (an item of that list: the sentence under the table starts with the same name)
    cbs = page.locator("li").filter(has_text="Gezamenlijke inkoop re-integratie Holland Rijnland: ")
    cbs.first.wait_for()
    assert "Twinning Bonaire" not in page.locator("[data-testid='stMain']").inner_text()

    _after(page, f"{closed_app}/doelen", f"{closed_app}/overzicht?jaar=2025", "Inloggen")


def _after(page, first: str, link: str, heading: str) -> None:
    """Open `link` after `first`, as a visitor who has used the monitor: the page with `heading`
    shows, without Streamlit's 'Page not found' dialog."""
    page.goto(first)
    wait_until_drawn(page)
    page.goto(link)
    page.wait_for_function(
        f"() => document.querySelector('h1')?.textContent.trim() === {heading!r}", timeout=30_000
    )
    wait_until_drawn(page)
    assert page.get_by_role("dialog").count() == 0
    assert "Page not found" not in page.inner_text("body")

"""Every page opens in headless Chromium, draws, and shows no exception box."""

import pytest

from tests.e2e.browser import screenshot, wait_until_drawn

pytestmark = pytest.mark.e2e

PAGES = {
    "overzicht": ("", "Overzicht"),
    "kaart": ("kaart", "Kaart"),
    "trajecten": ("trajecten", "Trajecten"),
    "doelen": ("doelen", "Doelen"),
    "gemeente": ("gemeente?gemeente=GM0546", "Gemeente"),
    "briefing": ("briefing?gemeente=GM0546", "Briefing"),
    "beheer": ("beheer", "Beheer"),
    "over_de_data": ("over_de_data", "Over de data"),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_page_opens_without_exception(app_url, page, name):
    path, title = PAGES[name]
    page.goto(f"{app_url}/{path}")
    wait_until_drawn(page)
    if name in ("overzicht", "trajecten", "doelen"):
        page.wait_for_selector(".js-plotly-plot", timeout=30_000)
    if name == "kaart":
        page.wait_for_selector("[data-testid='stDeckGlJsonChart'] canvas", timeout=30_000)
    screenshot(page, name)
    assert page.locator("h1").first.inner_text().strip().startswith(title)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("[data-testid='stAlertContentError']").count() == 0


def test_overzicht_shows_the_five_partnerships(app_url, page):
    page.goto(app_url)
    wait_until_drawn(page)
    page.wait_for_selector("[data-testid='stDataFrame']", timeout=30_000)
    body = page.locator("[data-testid='stMain']").inner_text()
    for word in ("Samenwerkingen", "Fictieve voorbeelddata"):
        assert word in body
    assert page.locator("[data-testid='stMetric']").count() >= 5

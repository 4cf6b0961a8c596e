"""Every page opens in headless Chromium, in Dutch and in English, draws, and shows no exception box,
its own title in the chosen language, and no raw catalogue key; on the same load, axe-core
(tests/e2e/accessibility.py) finds no WCAG 2.0, 2.1 or 2.2 A or AA violation.

Until 04-12-2026 the axe check of every page was a test of its own in test_accessibility.py,
loading the same page in the same language again; one load now serves both, with every
assertion of the two tests."""

import pytest

from components.shell.i18n import catalogue, t
from tests.e2e.accessibility import app_pages, assert_no_violations, wait_until_settled
from tests.e2e.browser import screenshot, wait_until_drawn

pytestmark = pytest.mark.e2e

# name -> (path with query, catalogue key of the page's own heading)
PAGES = {
    "overzicht": ("", "overzicht.titel"),
    "kaart": ("kaart", "kaart.titel"),
    "trajecten": ("trajecten", "trajecten.titel"),
    "doelen": ("doelen", "doelen.titel"),
    "gemeente": ("gemeente?gemeente=GM0546", "gemeente.titel"),
    "briefing": ("briefing?gemeente=GM0546", "briefing.titel"),
    "beheer": ("beheer", "beheer.titel"),
    "over_de_data": ("over_de_data", "over.titel"),
    "presentatie": ("presentatie", "presentatie.titel_landelijk"),
    "toegankelijkheid": ("toegankelijkheid", "verklaring.titel"),
}
LANGUAGES = ("nl", "en")


def _url(app_url: str, path: str, language: str) -> str:
    if language == "nl":
        return f"{app_url}/{path}"
    return f"{app_url}/{path}{'&' if '?' in path else '?'}taal={language}"


def _heading(key: str, language: str) -> str:
    """The page's own heading, up to its first placeholder (the presentation's holds the year)."""
    return catalogue(language)[key].split("{")[0].strip()


def test_every_page_of_the_app_is_opened_here():
    """A page added to app.PAGES must be added to PAGES above, with its heading: then it is
    opened in both languages and checked by axe-core like the others."""
    assert {path.split("?")[0] for path, _ in PAGES.values()} == {p for p, _ in app_pages()}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(PAGES))
def test_page_opens_without_exception_and_has_no_axe_violations(app_url, page, name, language):
    path, heading_key = PAGES[name]
    page.goto(_url(app_url, path, language))
    wait_until_settled(page)  # the script has run and every chart and map has drawn
    if name in ("overzicht", "trajecten", "doelen"):
        page.wait_for_selector(".js-plotly-plot", timeout=30_000)
    if name in ("kaart", "presentatie"):
        page.wait_for_selector("[data-testid='stDeckGlJsonChart'] canvas", timeout=30_000)
    wait_until_drawn(page)
    screenshot(page, name if language == "nl" else f"{name}_{language}")
    assert page.locator("h1").first.inner_text().strip().startswith(_heading(heading_key, language))
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("[data-testid='stAlertContentError']").count() == 0
    text = page.locator("body").inner_text()
    raw_keys = [key for key in catalogue("nl") if key in text]
    assert raw_keys == [], f"raw catalogue keys on {name} ({language}): {raw_keys}"
    assert_no_violations(page, f"/{path} ({language})")


@pytest.mark.parametrize("language", LANGUAGES)
def test_menu_and_switch_follow_the_language(app_url, page, language):
    page.goto(_url(app_url, "over_de_data", language))
    wait_until_drawn(page)
    nav = page.locator("[data-testid='stSidebarNav']").inner_text()
    for key in ("nav.overzicht", "nav.kaart", "nav.trajecten", "nav.doelen", "nav.beheer"):
        assert t(key, language) in nav
    other = "en" if language == "nl" else "nl"
    if t("nav.beheer", other) != t("nav.beheer", language):
        assert t("nav.beheer", other) not in nav


def test_switching_to_english_keeps_the_language_in_the_link(app_url, page):
    page.goto(f"{app_url}/doelen")
    wait_until_drawn(page)
    assert "taal=" not in page.url  # Dutch is the default and is not written into the address
    page.locator("[data-testid='stSidebar']").get_by_text("English", exact=True).click()
    page.get_by_role("heading", name=t("doelen.titel", "en")).wait_for(timeout=30_000)
    wait_until_drawn(page)
    assert "taal=en" in page.url
    page.goto(page.url)  # the link opens in English again
    wait_until_drawn(page)
    assert page.locator("h1").first.inner_text().strip().startswith(t("doelen.titel", "en"))
    page.locator("[data-testid='stSidebar']").get_by_text("Nederlands", exact=True).click()
    page.get_by_role("heading", name=t("doelen.titel", "nl")).wait_for(timeout=30_000)
    wait_until_drawn(page)
    assert "taal=" not in page.url


def test_overzicht_shows_the_five_partnerships(app_url, page):
    page.goto(app_url)
    wait_until_drawn(page)
    page.wait_for_selector("[data-testid='stDataFrame']", timeout=30_000)
    body = page.locator("[data-testid='stMain']").inner_text()
    for word in ("Samenwerkingen", "Fictieve voorbeelddata"):
        assert word in body
    assert page.locator("[data-testid='stMetric']").count() >= 5


def test_overzicht_in_english_uses_english_number_formats(app_url, page):
    page.goto(f"{app_url}/?taal=en")
    wait_until_drawn(page)
    page.wait_for_selector("[data-testid='stDataFrame']", timeout=30_000)
    body = page.locator("[data-testid='stMain']").inner_text()
    for text in ("Partnerships", "Fictional sample data", "4,248"):
        assert text in body
    assert "Samenwerkingen" not in body

"""Every page opens in headless Chromium, in Dutch and in English, draws, and shows no exception box,
its own title in the chosen language, and no raw catalogue key; on the same load, axe-core
(tests/e2e/accessibility.py) finds no WCAG 2.0, 2.1 or 2.2 A or AA violation.

Until 04-12-2026 the axe check of every page was a test of its own in test_accessibility.py,
loading the same page in the same language again; one load now serves both, with every
assertion of the two tests."""

import pytest
import sqlalchemy as sa
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from components.shell.i18n import catalogue, t
from tests.e2e.accessibility import app_pages, assert_no_violations, wait_until_settled
from tests.e2e.browser import screenshot, wait_until_drawn, wait_until_maps_drawn

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


# The texts of the page (visible or not, charts too; one per text node, a chart's label of
# several lines as one text) and the inputs' values that belong to the other language: `foreign`
# whole texts, Dutch month names in English, or Streamlit's own English in Dutch. (A programme's
# name wrapped beside its bar begins "Gezamenlijke inkoop", a kind of partnership in Dutch.)
FOREIGN_JS = """([foreign, months, streamlitEnglish]) => {
  const out = [], root = document.querySelector("[data-testid='stApp']");
  const english = streamlitEnglish ? new RegExp(streamlitEnglish) : null;
  const check = text => {
    if (foreign.includes(text) || months.includes(text.split(" ")[0])
        || (english && english.test(text))) out.push(text);
  };
  const labels = new Set();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const label = walker.currentNode.parentElement.closest('text');
    const lines = label ? label.querySelectorAll('tspan.line') : [];
    if (lines.length) {
      if (!labels.has(label)) check([...lines].map(l => l.textContent.trim()).join(' '));
      labels.add(label);
      continue;
    }
    const text = walker.currentNode.nodeValue.trim();
    if (text) check(text);
  }
  root.querySelectorAll("input").forEach(i => { if (i.value.trim()) check(i.value.trim()); });
  return [...new Set(out)].sort();
}"""
# Dutch month names that English writes otherwise ('april', 'december' are written alike but
# for the capital, which English gives them).
MONTHS_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
             "september", "oktober", "november", "december")  # fmt: skip
STREAMLIT_EN = r"^(Upload|Browse files|\d+MB per file.*|Page not found|Drag and drop.*)$"
# What the database holds is data, in the words it was delivered in (names, source titles).
DATA_TABLES = ("source", "area", "organisation", "partnership", "programme", "target",
               "context_figure")  # fmt: skip


@pytest.fixture(scope="module")
def data_texts(app_db_url) -> set[str]:
    engine = sa.create_engine(app_db_url)
    meta = sa.MetaData()
    meta.reflect(engine, only=DATA_TABLES)
    found = set()
    with engine.connect() as conn:
        for table in meta.tables.values():
            texts = [c for c in table.columns if isinstance(c.type, sa.String)]
            for row in conn.execute(sa.select(*texts)) if texts else ():
                found |= {str(v).strip() for v in row if v}
    engine.dispose()
    return found


def _interface_texts(language: str) -> set[str]:
    """The catalogue's whole texts of `language` that the other language words differently:
    labels, options and headings (no sentence with a placeholder)."""
    other = catalogue("en" if language == "nl" else "nl")
    return {
        text for key, text in catalogue(language).items()
        if len(text) >= 3 and "{" not in text and "\n" not in text and text != other.get(key)
    }  # fmt: skip


def _of_the_other_language(page, language: str, data: set[str]) -> list[str]:
    """The page's texts of the other language than `language`, once the page has settled: what
    a run leaves of the language before goes within the wait, what stays is reported."""
    other = "en" if language == "nl" else "nl"
    foreign = sorted(_interface_texts(other) - _interface_texts(language) - data)
    months = list(MONTHS_NL) if language == "en" else []
    arg = [foreign, months, STREAMLIT_EN if language == "nl" else ""]
    try:
        page.wait_for_function(f"a => ({FOREIGN_JS})(a).length === 0", arg=arg, timeout=15_000)
    except PlaywrightTimeout:
        pass  # reported below
    return page.evaluate(FOREIGN_JS, arg)


def test_every_page_of_the_app_is_opened_here():
    """A page added to app.PAGES must be added to PAGES above, with its heading: then it is
    opened in both languages and checked by axe-core like the others."""
    assert {path.split("?")[0] for path, _ in PAGES.values()} == {p for p, _ in app_pages()}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(PAGES))
def test_page_opens_without_exception_and_has_no_axe_violations(app_url, page, name, language,
                                                                data_texts):  # fmt: skip
    path, heading_key = PAGES[name]
    page.goto(_url(app_url, path, language))
    wait_until_settled(page)  # the script has run and every chart and map has drawn
    if name in ("overzicht", "trajecten", "doelen"):
        page.wait_for_selector(".js-plotly-plot", timeout=30_000)
    if name == "kaart":
        wait_until_maps_drawn(page, at_least=2)
    if name == "presentatie":
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
    foreign = _of_the_other_language(page, language, data_texts)
    assert foreign == [], f"{name} ({language}): {foreign}"
    if language == "nl" and name != "presentatie":  # a presentation hides the sidebar
        # Switched on the page, as a visitor does: every text follows at once, the chosen values
        # of the filters too (Streamlit keeps a keyed widget's text in the browser).
        page.locator("[data-testid='stSidebar']").get_by_text("English", exact=True).click()
        page.wait_for_function(
            "t => document.querySelector('h1')?.textContent.trim().startsWith(t)",
            arg=_heading(heading_key, "en"), timeout=30_000,
        )  # fmt: skip
        wait_until_drawn(page)
        foreign = _of_the_other_language(page, "en", data_texts)
        assert foreign == [], f"{name}, switched to English: {foreign}"


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
    page.wait_for_selector(".sm-tabel", timeout=30_000)  # the partnerships' table
    body = page.locator("[data-testid='stMain']").inner_text()
    for word in ("Samenwerkingen", "Fictieve voorbeelddata"):
        assert word in body
    assert page.locator("[data-testid='stMetric']").count() >= 5


def test_overzicht_in_english_uses_english_number_formats(app_url, page):
    page.goto(f"{app_url}/?taal=en")
    wait_until_drawn(page)
    page.wait_for_selector(".sm-tabel", timeout=30_000)  # the partnerships' table
    body = page.locator("[data-testid='stMain']").inner_text()
    for text in ("Partnerships", "Fictional sample data", "4,248"):
        assert text in body
    assert "Samenwerkingen" not in body

"""Briefing in headless Chromium: gauges, funnel and map draw, the share link opens, and the PDF
downloads; the PowerPoint of Briefing and of Presentatie downloads in Dutch and English."""

import pytest
from pptx import Presentation

from tests.e2e.conftest import screenshot, wait_until_drawn

pytestmark = pytest.mark.e2e


def test_briefing_draws_and_downloads_its_pdf(app_url, page):
    page.goto(f"{app_url}/briefing?gemeente=GM0546&jaar=2026")
    wait_until_drawn(page)
    page.wait_for_selector(".indicatorlayer .trace", timeout=30_000)
    page.wait_for_selector(".funnellayer .point", timeout=30_000)
    # The partner map, as printed: rings with the members' names, Bonaire in the inset.
    page.wait_for_selector(".scatterlayer .textpoint", timeout=30_000)
    wait_until_drawn(page)
    screenshot(page, "briefing_leiden")
    assert page.locator("[data-testid='stException']").count() == 0
    body = page.inner_text("body")
    assert "Leiden, 2026" in body
    map_text = page.locator("[data-testid='stPlotlyChart']").last.inner_text()
    assert "Bonaire" in map_text and "Leiden" in map_text

    # The share link opens in its popover, with the page's filters in it.
    page.get_by_role("button", name="Link naar deze briefing").click()
    link = page.locator("[data-testid='stCode']").first
    link.wait_for(timeout=10_000)
    assert "gemeente=GM0546" in link.inner_text()
    page.keyboard.press("Escape")

    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Download briefing (PDF)").click()
    path = download.value.path()
    with open(path, "rb") as fh:
        assert fh.read(5) == b"%PDF-"
    assert download.value.suggested_filename == "briefing_leiden_2026.pdf"


@pytest.mark.parametrize(
    ("path", "button", "file_name", "title"),
    [
        ("briefing?gemeente=GM0546&jaar=2026", "Download briefing (PowerPoint)",
         "briefing_leiden_2026.pptx", "Leiden, 2026"),
        ("briefing?gemeente=GM0546&jaar=2026&taal=en", "Download briefing (PowerPoint)",
         "briefing_leiden_2026.pptx", "Leiden, 2026"),
        ("presentatie?jaar=2026", "PowerPoint downloaden",
         "samenwerkingsmonitor_presentatie_2026.pptx",
         "Samenwerkingen voor werk en participatie in 2026"),
        ("presentatie?jaar=2026&taal=en", "Download PowerPoint",
         "samenwerkingsmonitor_presentation_2026.pptx",
         "Partnerships for work and participation in 2026"),
    ],
    ids=["briefing_nl", "briefing_en", "presentatie_nl", "presentatie_en"],
)  # fmt: skip
def test_the_powerpoint_downloads_and_opens(app_url, page, path, button, file_name, title):
    """The file arrives in the browser, and python-pptx opens it: its first title is the page's."""
    page.goto(f"{app_url}/{path}")
    wait_until_drawn(page)
    with page.expect_download(timeout=90_000) as download:
        page.get_by_role("button", name=button).click()
    assert download.value.suggested_filename == file_name
    prs = Presentation(download.value.path())
    assert prs.slides[0].shapes.title.text == title
    english = "taal=en" in path
    text = " ".join(s.text_frame.text for s in prs.slides[1].shapes if s.has_text_frame)
    assert ("Registered" in text) is english and ("Aangemeld" in text) is not english

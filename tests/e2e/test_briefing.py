"""Briefing in headless Chromium: gauges, funnel and map draw, the share link opens, and the PDF
downloads."""

import pytest

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

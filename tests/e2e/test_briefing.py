"""Briefing in headless Chromium: gauges, funnel and map draw, and the PDF downloads."""

import pytest

from tests.e2e.conftest import screenshot, wait_until_drawn

pytestmark = pytest.mark.e2e


def test_briefing_draws_and_downloads_its_pdf(app_url, page):
    page.goto(f"{app_url}/briefing?gemeente=GM0546&jaar=2026")
    wait_until_drawn(page)
    page.wait_for_selector(".indicatorlayer .trace", timeout=30_000)
    page.wait_for_selector(".funnellayer .point", timeout=30_000)
    page.wait_for_selector("[data-testid='stDeckGlJsonChart'] canvas", timeout=30_000)
    wait_until_drawn(page)
    screenshot(page, "briefing_leiden")
    assert page.locator("[data-testid='stException']").count() == 0
    assert "Leiden, 2026" in page.inner_text("body")

    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Download briefing (PDF)").click()
    path = download.value.path()
    with open(path, "rb") as fh:
        assert fh.read(5) == b"%PDF-"
    assert download.value.suggested_filename == "briefing_leiden_2026.pdf"

"""Presentatie in headless Chromium: stepping through every slide with 'Volgende' never shows an
exception, a calm message or the sidebar, and the slide number follows in the address."""

import re

import pytest

from tests.e2e.browser import screenshot, wait_until_drawn

pytestmark = pytest.mark.e2e

CALM = "Dit onderdeel is even niet beschikbaar."
TIMEOUT_MS = 30_000


def _counter(page) -> tuple[int, int]:
    text = page.locator("[data-testid='stMain']").inner_text()
    number, total = re.search(r"(\d+) / (\d+)", text).groups()
    return int(number), int(total)


def _wait_for_slide(page, number: int, total: int) -> None:
    page.get_by_text(f"{number} / {total}", exact=True).wait_for(timeout=TIMEOUT_MS)
    wait_until_drawn(page, TIMEOUT_MS)
    if number == 1:
        page.wait_for_selector("[data-testid='stDeckGlJsonChart'] canvas", timeout=TIMEOUT_MS)
    wait_until_drawn(page, TIMEOUT_MS)


def _assert_calm(page, number: int) -> None:
    assert page.locator("[data-testid='stException']").count() == 0, number
    assert page.locator("[data-testid='stAlertContentError']").count() == 0, number
    assert CALM not in page.locator("[data-testid='stMain']").inner_text(), number
    assert not page.locator("[data-testid='stSidebar']").is_visible(), number


def test_stepping_through_every_slide_shows_no_exception(app_url, page):
    page.goto(f"{app_url}/presentatie")
    wait_until_drawn(page, TIMEOUT_MS)
    number, total = _counter(page)
    # The national slide, the five partnerships and Holland Rijnland's providers compared.
    assert number == 1 and total == 7
    titles = []
    for n in range(1, total + 1):
        if n > 1:
            page.get_by_role("button", name="Volgende").click()
        _wait_for_slide(page, n, total)
        assert f"dia={n}" in page.url or n == 1
        _assert_calm(page, n)
        titles.append(page.locator("h1").first.inner_text().strip())
        screenshot(page, f"presentatie_{n}")
    assert len(set(titles)) == total, titles
    assert page.get_by_role("button", name="Volgende").is_disabled()


def test_a_link_opens_its_slide_and_the_arrow_key_steps_back(app_url, page):
    page.goto(f"{app_url}/presentatie?dia=3")
    _wait_for_slide(page, 3, 7)
    _assert_calm(page, 3)
    page.locator("h1").first.click()  # focus the page, as a presenter's click would
    page.keyboard.press("ArrowLeft")
    _wait_for_slide(page, 2, 7)
    assert "dia=2" in page.url

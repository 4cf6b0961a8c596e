"""Doelen in headless Chromium: a gauge with its status for every programme of the sample data."""

import tomllib

import pytest

from tests.e2e.browser import ROOT, screenshot, wait_until_drawn

pytestmark = pytest.mark.e2e

# A card: a bordered container in the grid of cards (pages/doelen.py CARDS_KEY).
CARD = (
    ".st-key-meters > [data-testid='stLayoutWrapper'] > "
    "[data-testid='stVerticalBlock']:has(.indicatorlayer)"
)
STATUSES = (
    "Op koers",
    "Loopt ver achter",
    "Loopt achter",
    "Doel niet gehaald",
    "Doel gehaald",
    "Te klein om te beoordelen",
    "Afgeschermd, om een klein aantal elders te beschermen",
)
ICONS = ("●", "▲", "✔", "✖", "○", "–")


def _sample_programmes() -> set[str]:
    with (ROOT / "sample_data" / "cases.toml").open("rb") as fh:
        return {p["name"] for p in tomllib.load(fh)["programmes"]}


def _cards(app_url, page, query: str, shot: str) -> list[str]:
    page.goto(f"{app_url}/doelen?{query}")
    wait_until_drawn(page)
    page.wait_for_selector(".indicatorlayer .trace", timeout=30_000)
    wait_until_drawn(page)
    screenshot(page, shot)
    assert page.locator("[data-testid='stException']").count() == 0
    cards = page.locator(CARD)
    assert cards.count() == page.locator(".indicatorlayer .trace").count() > 0
    return [cards.nth(i).inner_text() for i in range(cards.count())]


def test_every_programme_of_the_sample_gets_a_gauge_with_its_status(app_url, page):
    # No single year holds every target (the deal ended in 2022, Altena's began in 2023).
    seen = set()
    for year in (2022, 2026):
        for text in _cards(app_url, page, f"jaar={year}", f"doelen_{year}"):
            heading = text.strip().splitlines()[0]
            seen.add(heading)
            assert any(s in text for s in STATUSES), text
            assert any(i in text for i in ICONS), text
    assert seen == _sample_programmes()


def test_werkoffensief_2019_shows_4248_against_4500_as_final_result(app_url, page):
    (text,) = _cards(app_url, page, "jaar=2019&programma=WO500", "doelen_werkoffensief_2019")
    assert "4.248" in text
    assert "Gerealiseerd: 4.248 van 4.500 plaatsingen in werk of opleiding" in text
    assert "Doel niet gehaald" in text and "eindstand" in text
    assert "vaste taak: 0–4.000" in text

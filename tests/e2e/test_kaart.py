"""Kaart in headless Chromium: the partnerships' municipalities are drawn where they lie, with
and without boundaries, Bonaire is in its inset, and clicking a municipality opens its profile."""

from __future__ import annotations

import io
import os
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from domain.map_view import project
from tests.databases import sqlite_copy
from tests.e2e.browser import ROOT, running_app, screenshot, wait_until_drawn

pytestmark = pytest.mark.e2e

MAP = "[data-testid='stDeckGlJsonChart']"
# The views of components/drawing/maps.py: (latitude, longitude, zoom) of the centre.
NL_VIEW = (52.15, 5.3, 6.4)
CARIBBEAN_VIEW = (12.2, -68.27, 7.2)
# Partnership colours (Okabe–Ito, in the order the partnerships started).
BLUE, ORANGE, GREEN, VERMILION = (0, 114, 178), (230, 159, 0), (0, 158, 115), (213, 94, 0)
PLACES = {  # code: (lat, lon, colour of its partnership)
    "Den Helder": (52.9216, 4.7532, ORANGE),
    "Texel": (53.0821, 4.8093, ORANGE),
    "Leiden": (52.155, 4.4847, GREEN),
    "Altena": (51.7655, 4.9452, VERMILION),
}


def colour_near(image, x, y, colour, radius=14, tolerance=70) -> bool:
    for dx in range(-radius, radius + 1):
        for dy in range(-radius, radius + 1):
            px = image.getpixel((int(x + dx), int(y + dy)))[:3]
            if sum(abs(a - b) for a, b in zip(px, colour, strict=True)) < tolerance:
                return True
    return False


def map_image(page, index: int):
    from PIL import Image

    element = page.locator(MAP).nth(index)
    box = element.bounding_box()
    return Image.open(io.BytesIO(element.screenshot())).convert("RGB"), box


def assert_altenas_profile_opens(page) -> None:
    """The page switches to Gemeente, on Altena, and the URL says so."""
    page.wait_for_function(
        "() => document.querySelector('h1')"
        " && document.querySelector('h1').innerText.startsWith('Gemeente')",
        timeout=90_000,
    )
    wait_until_drawn(page)
    page.wait_for_selector("text=Altena (GM1959)", timeout=30_000)
    assert "gemeente=GM1959" in page.url


def map_has_drawn(page, index: int = 0, timeout_s: float = 60) -> None:
    """Wait until deck.gl has drawn into map `index`: its canvas shows more than the plain
    background (a few colours). deck.gl draws a frame or two after the canvas appears, and on a
    busy machine it may take seconds; the screenshot is the event, taken again until it holds."""
    deadline = time.monotonic() + timeout_s
    while True:
        image, _ = map_image(page, index)
        colours = image.getcolors(maxcolors=4096)
        if colours is None or len(colours) > 50:  # None: more than 4,096 colours
            return
        assert time.monotonic() < deadline, f"map {index} still blank after {timeout_s:.0f} s"


def open_kaart(page, url: str, query: str = "") -> None:
    page.goto(f"{url}/kaart{'?' + query if query else ''}")
    wait_until_drawn(page)
    page.wait_for_selector(f"{MAP} canvas", timeout=30_000)
    page.wait_for_function(
        f'() => document.querySelectorAll("{MAP} canvas").length >= 2', timeout=30_000
    )
    map_has_drawn(page, 0)
    map_has_drawn(page, 1)


def places_missing(page) -> list[str]:
    image, box = map_image(page, 0)
    missing = []
    for name, (lat, lon, colour) in PLACES.items():
        x, y = project(lat, lon, NL_VIEW, box["width"], box["height"])
        if not colour_near(image, x, y, colour):
            missing.append(f"{name} not drawn at ({x:.0f}, {y:.0f})")
    inset, ibox = map_image(page, 1)
    x, y = project(12.15, -68.27, CARIBBEAN_VIEW, ibox["width"], ibox["height"])
    if not colour_near(inset, x, y, BLUE):
        missing.append("Bonaire is not drawn in the Caribbean inset")
    return missing


def assert_places_drawn(page, timeout_s: float = 30) -> None:
    # The map may still be adding layers after its first frame: look again until every place
    # is there, or the time is up.
    deadline = time.monotonic() + timeout_s
    while (missing := places_missing(page)) and time.monotonic() < deadline:
        pass
    assert not missing, missing
    box = page.locator(MAP).first.bounding_box()
    helder = project(*PLACES["Den Helder"][:2], NL_VIEW, box["width"], box["height"])
    altena = project(*PLACES["Altena"][:2], NL_VIEW, box["width"], box["height"])
    assert helder[1] < altena[1], "Den Helder lies north of Altena"
    assert page.locator("[data-testid='stException']").count() == 0


def test_kaart_without_boundaries_draws_markers_in_the_right_places(app_without_boundaries, page):
    open_kaart(page, app_without_boundaries)
    assert (
        "Er zijn geen gemeentegrenzen geladen"
        in page.locator("[data-testid='stMain']").inner_text()
    )
    assert_places_drawn(page)
    screenshot(page, "kaart_zonder_grenzen")


@pytest.fixture(scope="module")
def app_without_boundaries(sqlite_seeded, tmp_path_factory):
    """A second app on its own database whose boundaries were removed (a deployment that has
    not loaded any): every municipality a marker at its centroid."""
    import sqlalchemy as sa

    tmp = tmp_path_factory.mktemp("kaart_zonder")
    url = sqlite_copy(sqlite_seeded, tmp)
    env = {**os.environ, "DATABASE_URL": url}
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM area_boundary")
    engine.dispose()
    with running_app(env, tmp / "streamlit.log") as app:
        yield app


@pytest.fixture(scope="module")
def app_with_boundaries(app_url):
    """The seeded app: `seed` loads the 2025 municipal boundaries (CBS, PDOK) itself."""
    return app_url


def test_kaart_with_boundaries_draws_polygons_in_the_right_places(app_with_boundaries, page):
    open_kaart(page, app_with_boundaries)
    assert "CBS-gebiedsindeling 2025" in page.locator("[data-testid='stMain']").inner_text()
    assert_places_drawn(page)
    screenshot(page, "kaart_met_grenzen")
    page.locator(MAP).nth(1).screenshot(path=str(ROOT / "screenshots" / "kaart_caribisch.png"))


def test_kaart_choropleth_with_boundaries(app_with_boundaries, page):
    page.goto(f"{app_with_boundaries}/kaart?kleur=cijfer&jaar=2025")
    wait_until_drawn(page)
    page.wait_for_selector(f"{MAP} canvas", timeout=30_000)
    map_has_drawn(page, 0)
    body = page.locator("[data-testid='stMain']").inner_text()
    assert "aanmeldingen voor een traject in 2025" in body
    screenshot(page, "kaart_choropleet")


# deck.gl counts a press as a click only when its page handles pointerup at most 250 ms after
# pointerdown (mjolnir's tap recogniser, `time: 250`, timed by Date.now() as each event is handled;
# Streamlit passes no eventRecognizerOptions to the deck). deck.gl picks on pointerdown, which in
# software WebGL on a busy machine can hold the page longer than that: the press is then a long
# press, no click, and no selection is sent. Measured on 04-12-2026 with both cores loaded: the lost
# click's pointerdown-to-pointerup gap was 269 ms, the clicks that opened the profile were shorter.
# That was the "flaky" map click of sessions 4 to 6 (it was marked xfail). The product side is issue
# 25; this test holds every press that deck.gl counts as a click to opening the profile.
DECK_CLICK_MS = 250
PRESS_GAP = """() => {
  window.__pressGaps = [];
  let down = null;
  window.addEventListener('pointerdown', () => { down = performance.now(); }, true);
  window.addEventListener('pointerup', () => {
    if (down !== null) window.__pressGaps.push(performance.now() - down);
  }, true);
}"""


def test_clicking_altena_on_the_map_opens_its_profile(app_with_boundaries, page):
    open_kaart(page, app_with_boundaries)
    box = page.locator(MAP).first.bounding_box()
    x, y = project(*PLACES["Altena"][:2], NL_VIEW, box["width"], box["height"])
    # deck.gl listens on its view's own div (as Streamlit's own pydeck tests click it). Hover
    # first: the Dutch tooltip shows the map is ready to pick, and names what we click.
    view = page.locator("#view-default-view").first
    tooltip = page.locator(".deck-tooltip", has_text="Altena")
    for _ in range(10):
        view.hover(position={"x": x, "y": y})
        try:
            tooltip.wait_for(state="visible", timeout=1000)
            break
        except PlaywrightTimeout:
            continue  # not pickable yet: move onto it again
    assert "Werkfit-trajecten Altena" in page.locator(".deck-tooltip").first.inner_text()
    page.evaluate(PRESS_GAP)
    for _ in range(5):
        view.click(position={"x": x, "y": y})
        gaps = page.evaluate("() => window.__pressGaps")
        if gaps and gaps[-1] <= DECK_CLICK_MS:
            break  # deck.gl saw a click: the profile must open
        # A long press by deck.gl's measure (the page was busy): not a click; press again.
    assert gaps and gaps[-1] <= DECK_CLICK_MS, f"no press short enough to be a click: {gaps} ms"
    assert_altenas_profile_opens(page)
    screenshot(page, "kaart_naar_altena")


def test_the_list_under_the_map_opens_altenas_profile(app_with_boundaries, page):
    """The way to a profile without a pointer on the map: choose the municipality in the list
    under the map, then "Open profiel"."""
    open_kaart(page, app_with_boundaries)
    choice = page.locator(
        "[data-testid='stSelectbox']", has_text="Naar het profiel van een gemeente"
    )
    choice.locator("input").fill("Altena")
    page.get_by_role("option", name="Altena").first.click()
    button = page.get_by_role("button", name="Open profiel")
    page.wait_for_function(
        "() => [...document.querySelectorAll('button')].some("
        "b => b.innerText.trim() === 'Open profiel' && !b.disabled)",
        timeout=30_000,
    )
    button.click()
    assert_altenas_profile_opens(page)

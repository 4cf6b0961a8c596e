"""Kaart in headless Chromium: the partnerships' municipalities are drawn where they lie, with
and without boundaries, Bonaire is in its inset, a click on a municipality opens its profile and a
click on an arc its partnership's figures."""

from __future__ import annotations

import io
import os
import re
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from domain.map_view import project
from tests.databases import sqlite_copy
from tests.e2e.browser import (
    MAP_FRAME,
    ROOT,
    running_app,
    screenshot,
    wait_until_drawn,
    wait_until_maps_drawn,
)

pytestmark = pytest.mark.e2e

MAP = MAP_FRAME
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


def page_opens(page, heading: str) -> None:
    """The page switches to the one whose title starts with `heading`, and has drawn."""
    page.wait_for_function(
        f"() => document.querySelector('h1')"
        f" && document.querySelector('h1').innerText.startsWith('{heading}')",
        timeout=SETTLE_MS,
    )
    wait_until_drawn(page, SETTLE_MS)


def assert_altenas_profile_opens(page) -> None:
    """The page switches to Gemeente, on Altena, and the URL says so."""
    page_opens(page, "Gemeente")
    page.wait_for_selector("text=Altena (GM1959)", timeout=SETTLE_MS)
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


# A ceiling, not a wait: Kaart's first run took over 30 s with the load average at 10 to 14.
SETTLE_MS = 90_000


def open_kaart(page, url: str, query: str = "") -> None:
    page.goto(f"{url}/kaart{'?' + query if query else ''}")
    wait_until_drawn(page, SETTLE_MS)
    wait_until_maps_drawn(page, at_least=2, timeout_ms=SETTLE_MS)
    map_has_drawn(page, 0)
    map_has_drawn(page, 1)


def view_of(page, index: int = 0) -> tuple[float, float, float]:
    """(latitude, longitude, zoom) where map `index` looks: the national map fits the country to
    its frame's width, so the view depends on the screen (components/drawing/deck_map.py)."""
    seen = page.locator(MAP).nth(index).get_attribute("data-zicht")
    latitude, longitude, zoom = (float(v) for v in seen.split(","))
    return latitude, longitude, zoom


def places_missing(page) -> list[str]:
    image, box = map_image(page, 0)
    missing = []
    view = view_of(page, 0)
    for name, (lat, lon, colour) in PLACES.items():
        x, y = project(lat, lon, view, box["width"], box["height"])
        if not colour_near(image, x, y, colour):
            missing.append(f"{name} not drawn at ({x:.0f}, {y:.0f})")
    inset, ibox = map_image(page, 1)
    x, y = project(12.15, -68.27, view_of(page, 1), ibox["width"], ibox["height"])
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
    box, view = page.locator(MAP).first.bounding_box(), view_of(page, 0)
    helder = project(*PLACES["Den Helder"][:2], view, box["width"], box["height"])
    altena = project(*PLACES["Altena"][:2], view, box["width"], box["height"])
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


# The country's farthest municipalities: Schiermonnikoog (north), Vaals (south-east), Sluis
# (south-west) and Den Helder's Texel ferry side (north-west), by their centres.
FAR_PLACES = {"Schiermonnikoog": (53.48, 6.20), "Vaals": (50.77, 5.98), "Sluis": (51.31, 3.50),
              "Texel": PLACES["Texel"][:2]}  # fmt: skip


@pytest.mark.parametrize("size", [(390, 844), (1920, 1080)], ids=["phone", "projector"])
def test_the_national_map_shows_the_whole_country_at_every_width(app_with_boundaries, browser,
                                                                 size):  # fmt: skip
    """The map fits the country to its frame (it had a fixed view that cut Zeeland off on a
    phone); the frame reports where it looks, and every far municipality lies inside it."""
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
    page = context.new_page()
    try:
        open_kaart(page, app_with_boundaries)
        box, view = page.locator(MAP).first.bounding_box(), view_of(page)
        for name, (lat, lon) in FAR_PLACES.items():
            x, y = project(lat, lon, view, box["width"], box["height"])
            assert 0 < x < box["width"] and 0 < y < box["height"], (name, x, y, box, view)
        screenshot(page, f"kaart_past_{size[0]}")
    finally:
        context.close()


def test_kaart_choropleth_with_boundaries(app_with_boundaries, page):
    page.goto(f"{app_with_boundaries}/kaart?kleur=cijfer&jaar=2025")
    wait_until_drawn(page, SETTLE_MS)
    wait_until_maps_drawn(page, at_least=2)
    map_has_drawn(page, 0)
    body = page.locator("[data-testid='stMain']").inner_text()
    assert "aanmeldingen voor een traject in 2025" in body
    screenshot(page, "kaart_choropleet")


def hover_until_named(page, index: int, x: float, y: float, name: str):
    """Move onto (x, y) of map `index` until its tooltip names `name`: the map is ready to pick,
    and the tooltip says what a click there opens. Returns the map's drawing area."""
    frame = page.frame_locator(MAP).nth(index)
    area = frame.locator("#kaart")
    # The tooltip's first line, in bold, is the name of what lies under the pointer.
    tooltip = frame.locator(".deck-tooltip b").filter(has_text=re.compile(f"^{re.escape(name)}$"))
    for _ in range(10):
        area.hover(position={"x": x, "y": y})
        try:
            tooltip.wait_for(state="visible", timeout=1000)
            break
        except PlaywrightTimeout:
            continue  # not pickable yet: move onto it again
    assert tooltip.count() == 1, frame.locator(".deck-tooltip").first.inner_text()
    return area


def first_pixel_row(image, x: int, colour, tolerance=60) -> float:
    """The middle of the rows in column x that have `colour` (an arc crossing that column)."""
    rows = [
        y for y in range(image.height)
        if sum(abs(a - b) for a, b in zip(image.getpixel((x, y)), colour, strict=True)) < tolerance
    ]  # fmt: skip
    assert rows, f"nothing of colour {colour} in column {x}"
    return sum(rows) / len(rows)


# st.pydeck_chart lost clicks on a busy machine (issue 25): deck.gl counts a press as a click only
# when pointerup is handled within 250 ms of pointerdown, and it picks on pointerdown, which in
# software WebGL can take longer. The map is now our own component (components/drawing/deck_map):
# a press that did not move is a click however busy the page was. One click, no retries: each of
# these tests passed 20 times in a row on a quiet machine and with both cores busy (issue 25).
def test_clicking_altena_on_the_map_opens_its_profile(app_with_boundaries, page):
    open_kaart(page, app_with_boundaries)
    box = page.locator(MAP).first.bounding_box()
    x, y = project(*PLACES["Altena"][:2], view_of(page), box["width"], box["height"])
    area = hover_until_named(page, 0, x, y, "Altena")
    tooltip = page.frame_locator(MAP).first.locator(".deck-tooltip").inner_text()
    assert "Werkfit-trajecten Altena" in tooltip
    area.click(position={"x": x, "y": y})
    assert_altenas_profile_opens(page)
    screenshot(page, "kaart_naar_altena")


def test_clicking_the_bonaire_leiden_arc_opens_the_partnerships_figures(app_with_boundaries, page):
    open_kaart(page, app_with_boundaries)
    image, _ = map_image(page, 0)
    x = 40  # the arc leaves the map on its left edge, towards the Caribbean
    y = first_pixel_row(image, x, BLUE)
    area = hover_until_named(page, 0, x, y, "Bonaire – Leiden")
    area.click(position={"x": x, "y": y})
    page_opens(page, "Trajecten")
    assert "samenwerking=BONAIRE-LEIDEN" in page.url
    chosen = page.locator("[data-testid='stSidebar'] input[aria-label='Samenwerking']")
    assert chosen.input_value() == "Twinning Bonaire – Leiden"
    screenshot(page, "kaart_boog_naar_trajecten")


def test_clicking_bonaire_in_the_caribbean_map_opens_its_profile(app_with_boundaries, page):
    open_kaart(page, app_with_boundaries)
    box = page.locator(MAP).nth(1).bounding_box()
    x, y = project(12.15, -68.27, view_of(page, 1), box["width"], box["height"])
    area = hover_until_named(page, 1, x, y, "Bonaire")
    area.click(position={"x": x, "y": y})
    page_opens(page, "Gemeente")
    page.wait_for_selector("text=Bonaire (GM9001)", timeout=SETTLE_MS)
    assert "gemeente=GM9001" in page.url


def test_a_drag_on_the_map_pans_and_opens_nothing(app_with_boundaries, page):
    """Panning starts with a press too: a press that moves is no click."""
    open_kaart(page, app_with_boundaries)
    box = page.locator(MAP).first.bounding_box()
    x, y = project(*PLACES["Altena"][:2], view_of(page), box["width"], box["height"])
    before, _ = map_image(page, 0)
    page.mouse.move(box["x"] + x, box["y"] + y)
    page.mouse.down()
    page.mouse.move(box["x"] + x + 60, box["y"] + y + 40, steps=8)
    page.mouse.up()
    wait_until_drawn(page, SETTLE_MS)
    deadline = time.monotonic() + 30
    while map_image(page, 0)[0].tobytes() == before.tobytes():
        assert time.monotonic() < deadline, "the map did not move"
    assert page.locator("h1").first.inner_text().startswith("Kaart")
    assert "gemeente=" not in page.url


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

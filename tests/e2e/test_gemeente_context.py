"""The real public layer in headless Chromium: a new database shows municipal shapes on Kaart,
Briefing and Presentatie without any other command; the Gemeente profile shows CBS figures with
its comparison and reach, and its partner map the whole country (and the islands beside it);
Kaart colours municipalities by a CBS measure. Dutch and English."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa

from components.drawing import maps
from data_access import queries
from domain import map_view as mv
from domain.map_view import project
from tests.e2e.browser import screenshot, wait_until_drawn
from tests.e2e.test_kaart import colour_near, map_image, open_kaart, view_of

pytestmark = pytest.mark.e2e

ROTTERDAM = (51.9265, 4.3047)  # 50,1 with bijstand per 1.000 inhabitants: the highest class
DARKEST_BLUE = (8, 48, 107)  # components/drawing/maps.py BIN_COLOURS[-1]
# Gemeente's partner maps are st.pydeck_chart (Kaart's are the monitor's own component).
GEMEENTE_MAP = "[data-testid='stDeckGlJsonChart']"
BACKGROUND = (247, 249, 251)  # maps.OFFLINE_STYLE's background, #f7f9fb
ZOOM_BUTTONS = (60, 80)  # px from the top right corner: the map's + and - buttons


def main_text(page) -> str:
    return page.locator("[data-testid='stMain']").inner_text()


def test_first_start_draws_municipal_shapes_on_kaart_briefing_and_presentatie(app_url, page):
    open_kaart(page, app_url)
    assert "CBS-gebiedsindeling 2025" in main_text(page)
    assert "Er zijn geen gemeentegrenzen geladen" not in main_text(page)

    page.goto(f"{app_url}/briefing?gemeente=GM0546&jaar=2026")
    wait_until_drawn(page)
    page.wait_for_selector(".js-plotly-plot", timeout=30_000)
    names = page.evaluate(
        "() => [...document.querySelectorAll('.js-plotly-plot')]"
        ".flatMap(p => (p.data || []).map(t => t.name))"
    )
    assert "grenzen" in names, "the briefing's partner map draws the municipal borders"

    page.goto(f"{app_url}/presentatie?dia=1")
    wait_until_drawn(page)
    page.wait_for_selector(f"{GEMEENTE_MAP} canvas", timeout=30_000)  # slide 1: st.pydeck_chart
    assert page.locator("[data-testid='stException']").count() == 0


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", ["566.221", "22.000", "38,9", "Arbeidsmarktregio Haaglanden", "Bereik"]),
        ("en", ["566,221", "22,000", "38.9", "Arbeidsmarktregio Haaglanden", "Reach"]),
    ],
)
def test_gemeente_profile_shows_cbs_figures_comparison_and_reach(app_url, page, language, expected):
    suffix = "&taal=en" if language == "en" else ""
    page.goto(f"{app_url}/gemeente?gemeente=GM0518&jaar=2026{suffix}")
    wait_until_drawn(page)
    page.wait_for_selector("[data-testid='stMetric']", timeout=30_000)
    text = main_text(page)
    for value in expected:
        assert value in text, value
    metrics = page.locator("[data-testid='stMetricValue']").all_inner_texts()
    assert expected[0] in metrics and expected[1] in metrics
    assert page.locator(f"{GEMEENTE_MAP} canvas").count() >= 1, "the partner map is drawn"
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, f"gemeente_den_haag_{language}")


@pytest.fixture(scope="module")
def fitted(app_db_url):
    """Gemeente's views (maps.FRAMES["gemeente"]) and the bounds of what they must show, from
    the app's own database: (views, European Netherlands' bounds, the islands' places)."""
    engine = sa.create_engine(app_db_url)
    try:
        boundaries, areas = queries.area_boundaries(engine), queries.municipalities(engine)
    finally:
        engine.dispose()
    european = areas[areas["lat"] >= maps.CARIBBEAN_LATITUDE]
    islands = areas[areas["lat"] < maps.CARIBBEAN_LATITUDE]
    bounds = mv.geometry_bounds(
        boundaries[boundaries["area_code"].isin(european["code"])]["geometry"]
    )
    views = {k: (v.latitude, v.longitude, v.zoom)
             for k, v in maps.frame_views("gemeente", maps.area_bounds(boundaries, areas)).items()}  # fmt: skip
    return views, bounds, list(zip(islands["lat"], islands["lon"], strict=True))


def _drawn_box(page, index: int, dark: bool = False):
    """The map's picture, its size, and the box (left, top, right, bottom) of what is drawn on
    it: every pixel that is not the background (`dark`: only names and outlines, darker than the
    arcs), the zoom buttons left out."""
    from PIL import Image, ImageChops, ImageDraw

    element = page.locator(GEMEENTE_MAP).nth(index)
    image = Image.open(io.BytesIO(element.screenshot())).convert("RGB")
    if dark:
        mask = image.convert("L").point(lambda v: 255 if v < 70 else 0)
    else:  # neither the map's background nor the page's white at its rounded corners

        def unlike(colour):
            plain = Image.new("RGB", image.size, colour)
            return ImageChops.difference(image, plain).convert("L").point(lambda v: 255 * (v > 3))

        mask = ImageChops.multiply(unlike(BACKGROUND), unlike((255, 255, 255)))
    width, height = image.size
    ImageDraw.Draw(mask).rectangle((width - ZOOM_BUTTONS[0], 0, width, ZOOM_BUTTONS[1]), fill=0)
    return image, (width, height), mask.getbbox()


def _opens_with_maps(page, url: str, count: int) -> None:
    """Open a Gemeente page and wait for its `count` partner maps, in view."""
    page.goto(url)
    wait_until_drawn(page, 60_000)
    page.wait_for_function(
        f"""() => {{
          const maps = [...document.querySelectorAll("{GEMEENTE_MAP}")];
          return maps.length === {count} && maps.every(m => m.querySelector('canvas'));
        }}""",
        timeout=60_000,
    )
    page.locator(GEMEENTE_MAP).first.scroll_into_view_if_needed()


def test_gemeente_partner_map_shows_the_whole_country(app_url, page, fitted):
    """Den Helder (Kop van Noord-Holland): the land runs from Zeeland to Groningen and from the
    Wadden islands to Vaals, inside the map with room to spare, where the fitted view puts it
    (the fixed zoom 6.4 cut off South Limburg and the islands)."""
    views, bounds, _ = fitted
    _opens_with_maps(page, f"{app_url}/gemeente?gemeente=GM0400&jaar=2026", 1)
    expected = None
    for _ in range(60):  # the deck draws its shapes a moment after the canvas appears
        image, (width, height), box = _drawn_box(page, 0)
        west, north = project(bounds.north, bounds.west, views["nederland"], width, height)
        east, south = project(bounds.south, bounds.east, views["nederland"], width, height)
        expected = (west, north, east, south)
        if box and all(abs(a - b) <= 12 for a, b in zip(box, expected, strict=True)):
            break
        page.wait_for_timeout(250)
    screenshot(page, "gemeente_kaart_den_helder")
    assert box is not None, "nothing is drawn on the partner map"
    left, top, right, bottom = box
    assert left > 2 and top > 2 and right < width - 2 and bottom < height - 2, (box, image.size)
    assert all(abs(a - b) <= 12 for a, b in zip(box, expected, strict=True)), (box, expected)


def test_gemeente_partner_map_shows_the_islands_beside_the_country(app_url, page, fitted):
    """Leiden (twinned with Bonaire): the inset beside the country holds Bonaire, Sint Eustatius
    and Saba, and no island's name runs off its edge."""
    views, _, islands = fitted
    _opens_with_maps(page, f"{app_url}/gemeente?gemeente=GM0546&jaar=2026", 2)
    main, inset = (page.locator(GEMEENTE_MAP).nth(i).bounding_box() for i in (0, 1))
    assert abs(main["y"] - inset["y"]) < 1 and inset["x"] > main["x"] + main["width"]
    assert len(islands) == 3
    for lat, lon in islands:
        x, y = project(lat, lon, views["caribisch"], inset["width"], inset["height"])
        assert 10 < x < inset["width"] - 10 and 10 < y < inset["height"] - 10, (lat, lon, x, y)
    box = None
    for _ in range(60):  # the names are drawn a moment after the canvas appears
        image, (width, height), box = _drawn_box(page, 1, dark=True)
        if box and box[3] - box[1] > height / 3:  # Saba's name at the top, Bonaire's below
            break
        page.wait_for_timeout(250)
    screenshot(page, "gemeente_kaart_leiden")
    assert box is not None, "no island is named"
    left, top, right, bottom = box
    assert left > 1 and top > 1 and right < width - 1 and bottom < height - 1, (box, image.size)


def test_gemeente_bonaire_says_no_cbs_figures(app_url, page):
    page.goto(f"{app_url}/gemeente?gemeente=GM9001")
    wait_until_drawn(page)
    page.wait_for_selector("text=CBS publiceert deze cijfers niet voor Bonaire", timeout=30_000)


@pytest.mark.parametrize(
    ("query", "legend", "source"),
    [
        ("kleur=bijstand_per_1000", "personen met bijstand per 1.000 inwoners, december 2024",
         "Bron: CBS, Kerncijfers wijken en buurten 2024"),
        ("kleur=bijstand_per_1000&taal=en", "social assistance (bijstand) per 1,000 inhabitants",
         "Source: CBS, Key figures for districts and neighbourhoods 2024"),
        ("kleur=netto_arbeidsparticipatie", "netto arbeidsparticipatie 2022",
         "Arbeidsdeelname; regionale indeling 2022"),
        ("kleur=netto_arbeidsparticipatie&taal=en", "net labour participation 2022",
         "Labour participation; regional division 2022"),
    ],
)  # fmt: skip
def test_kaart_coloured_by_a_cbs_measure(app_url, page, query, legend, source):
    open_kaart(page, f"{app_url}", query)
    text = main_text(page)
    assert legend in text and source in text
    if query == "kleur=bijstand_per_1000":
        image, box = map_image(page, 0)
        x, y = project(*ROTTERDAM, view_of(page), box["width"], box["height"])
        assert colour_near(image, x, y, DARKEST_BLUE), "Rotterdam is in the highest class"
    screenshot(page, f"kaart_{query.replace('&', '_').replace('=', '_')}")

"""The real public layer in headless Chromium: a new database shows municipal shapes on Kaart,
Briefing and Presentatie without any other command; the Gemeente profile shows CBS figures with
its comparison and reach; Kaart colours municipalities by a CBS measure. Dutch and English."""

from __future__ import annotations

import pytest

from domain.map_view import project
from tests.e2e.browser import screenshot, wait_until_drawn
from tests.e2e.test_kaart import MAP, NL_VIEW, colour_near, map_image, open_kaart

pytestmark = pytest.mark.e2e

ROTTERDAM = (51.9265, 4.3047)  # 50,1 with bijstand per 1.000 inhabitants: the highest class
DARKEST_BLUE = (8, 48, 107)  # components/drawing/maps.py BIN_COLOURS[-1]


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
    page.wait_for_selector(f"{MAP} canvas", timeout=30_000)
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
    assert page.locator(f"{MAP} canvas").count() >= 1, "the partner map is drawn"
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, f"gemeente_den_haag_{language}")


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
        x, y = project(*ROTTERDAM, NL_VIEW, box["width"], box["height"])
        assert colour_near(image, x, y, DARKEST_BLUE), "Rotterdam is in the highest class"
    screenshot(page, f"kaart_{query.replace('&', '_').replace('=', '_')}")

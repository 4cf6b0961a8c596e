"""WCAG AA contrast of the theme, the house text colours, chart annotations and the projector CSS,
and colour-blind safety of the categories on the map, the choropleth and the gauges."""

from __future__ import annotations

import itertools
import math
import re
import tomllib
from pathlib import Path

import pytest

from components.drawing import charts, maps
from components.drawing import gauges as ts
from components.shell import style
from domain.contrast import GRAPHICAL, NORMAL_TEXT, over, parse, ratio, text_on

ROOT = Path(__file__).resolve().parents[2]
WHITE = "#ffffff"
# Streamlit 1.67's light theme where config.toml does not set the colour (`streamlit config show`).
STREAMLIT_DEFAULTS = {"textColor": "#2f2d2b", "backgroundColor": "#ffffff",
                      "secondaryBackgroundColor": "#f8f8f7"}  # fmt: skip
# The sidebar's own background and its widgets' while the theme leaves both backgrounds default.
SIDEBAR_BACKGROUNDS = ("#f8f8f7", "#f1f0ee")
# Streamlit draws captions, widget help, the menu's section names and other muted text as the
# theme's textColor at this opacity (its "fadedText60").
MUTED_OPACITY = 0.6


def theme() -> dict:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    return STREAMLIT_DEFAULTS | config["theme"]


def test_contrast_ratio_matches_known_values():
    assert ratio("#000000", "#ffffff") == pytest.approx(21)
    assert ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert ratio("#fff", "#fff") == pytest.approx(1)


def test_theme_text_and_primary_colour_read_on_both_backgrounds():
    th = theme()
    for background in (th["backgroundColor"], th["secondaryBackgroundColor"]):
        assert ratio(th["textColor"], background) >= NORMAL_TEXT
        # Links, focus rings and selected options are drawn in the primary colour.
        assert ratio(th["primaryColor"], background) >= NORMAL_TEXT, background
    # A primary button: white text on the primary colour.
    assert ratio(WHITE, th["primaryColor"]) >= NORMAL_TEXT


def test_contrast_of_translucent_text_is_measured_on_its_background():
    # Streamlit's default text at 60 %: the caption grey axe-core found (3.88:1 on white).
    assert over("#2f2d2b", WHITE, MUTED_OPACITY) == "#828180"
    assert ratio(over("#2f2d2b", WHITE, MUTED_OPACITY), WHITE) < NORMAL_TEXT


def test_captions_and_muted_text_read_on_the_page_the_sidebar_and_widgets():
    th = theme()
    backgrounds = {th["backgroundColor"], th["secondaryBackgroundColor"], *SIDEBAR_BACKGROUNDS}
    for background in backgrounds:
        muted = over(th["textColor"], background, MUTED_OPACITY)
        assert ratio(muted, background) >= NORMAL_TEXT, (muted, background)


def test_inline_code_reads_on_its_background_also_inside_a_caption():
    th = theme()
    # Streamlit draws code on a near-white (#fdfdfd) or on the secondary background.
    for background in ("#fdfdfd", th["secondaryBackgroundColor"], *SIDEBAR_BACKGROUNDS):
        assert ratio(th["codeTextColor"], background) >= NORMAL_TEXT, background
        faded = over(th["codeTextColor"], background, MUTED_OPACITY)
        assert ratio(faded, background) >= NORMAL_TEXT, (faded, background)


@pytest.mark.parametrize("name", ["TEXT", "MUTED"])
def test_house_text_colours_read_on_white(name):
    assert ratio(getattr(style, name), WHITE) >= NORMAL_TEXT


@pytest.mark.parametrize("fill", style.PALETTE)
def test_labels_inside_bars_read_on_every_palette_colour(fill):
    assert ratio(text_on(fill), fill) >= NORMAL_TEXT


def test_bar_and_funnel_labels_use_a_readable_colour(sample_funnel_table):
    import pandas as pd

    bar = charts.bar_figure(pd.DataFrame({"n": ["a"], "v": [12]}), "n", "v").data[0]
    funnel = charts.funnel_figure(sample_funnel_table).data[0]
    for trace in (bar, funnel):
        assert ratio(trace.insidetextfont.color, trace.marker.color) >= NORMAL_TEXT
        assert ratio(trace.outsidetextfont.color, WHITE) >= NORMAL_TEXT


@pytest.fixture
def sample_funnel_table():
    from domain.funnel import funnel_table

    row = {"aanmelding": 100, "intake": 80, "diagnose": 60, "gestart": 50, "geplaatst": 30,
           "geplaatst_werk": 20, "geplaatst_opleiding": 10, "duurzaam": 15}  # fmt: skip
    return funnel_table(row, 10, dict.fromkeys(row, False))


def test_gauge_parts_bar_edge_and_marker_stand_out():
    """Graphical objects (WCAG 1.4.11): each step against the white page, the bar's edge and the
    expected-now marker against each step."""
    for shade in charts.PART_SHADES:
        assert ratio(shade, WHITE) >= GRAPHICAL, shade
        assert ratio(charts.BAR_OUTLINE, shade) >= GRAPHICAL, shade
        assert ratio(charts.EXPECTED_MARKER, shade) >= GRAPHICAL, shade
    assert ratio(charts.EXPECTED_MARKER, WHITE) >= GRAPHICAL
    fig = charts.gauge_figure(50, 100, 40, None, style.PALETTE[1], parts=(("a", 80), ("b", 20)))
    gauge = fig.data[0].gauge
    assert gauge.bar.line.color == charts.BAR_OUTLINE and gauge.bar.line.width >= 1
    # The legend's text is the house text colour; its swatches are the steps' shades.
    legend = fig.layout.annotations[-1]
    assert ratio(fig.layout.font.color, WHITE) >= NORMAL_TEXT
    for colour in re.findall(r"color:(#[0-9a-fA-F]{6})", legend.text):
        assert ratio(colour, WHITE) >= GRAPHICAL


def test_map_marks_have_a_dark_edge_and_readable_names():
    background = "#f7f9fb"  # maps.OFFLINE_STYLE
    assert background in maps.OFFLINE_STYLE.replace("%23", "#")
    edge = "#{:02x}{:02x}{:02x}".format(*maps.EDGE)
    # Every ring and member area has this edge (tests/components/drawing/test_maps.py checks the deck).
    assert ratio(edge, background) >= GRAPHICAL
    assert ratio("#1f2933", background) >= NORMAL_TEXT  # the inset's place names


def projector_css() -> str:
    """PROJECTOR_CSS from pages/presentatie.py, read without running the page."""
    import ast

    tree = ast.parse((ROOT / "pages" / "presentatie.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "PROJECTOR_CSS":
            return node.value.value
    raise AssertionError("PROJECTOR_CSS not found")


def test_projector_css_text_reads_on_its_background():
    css = projector_css()
    backgrounds = re.findall(r"background:\s*(#[0-9a-fA-F]{3,6})", css)
    colours = re.findall(r"(?<!-)color:\s*(#[0-9a-fA-F]{3,6})", css)
    assert backgrounds and colours
    for colour, background in itertools.product(colours, backgrounds):
        assert ratio(colour, background) >= NORMAL_TEXT, (colour, background)
    # Captions are faded to 60 % on top of their own colour.
    caption = re.search(r"stCaptionContainer'\] p \{[^}]*?color:\s*(#[0-9a-fA-F]{3,6})", css)
    assert caption, "the projector CSS sets the caption colour"
    for background in backgrounds:
        faded = over(caption.group(1), background, MUTED_OPACITY)
        assert ratio(faded, background) >= NORMAL_TEXT, (faded, background)


# Colour-blind simulation (Machado, Oliveira & Fernandes 2009, severity 1.0) in linear RGB.
SIMULATIONS = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}  # fmt: skip
# CIE76 colour difference under which two flat colours start to look alike (about 10).
MIN_DELTA_E = 10


def _linear(colour: str) -> list[float]:
    out = []
    for v in parse(colour):
        c = v / 255
        out.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return out


def _lab(rgb: list[float]) -> tuple[float, float, float]:
    r, g, b = (min(1.0, max(0.0, c)) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def seen_as(colour: str, vision: str) -> tuple[float, float, float]:
    rgb = _linear(colour)
    if vision != "normal":
        m = SIMULATIONS[vision]
        rgb = [sum(m[i][j] * rgb[j] for j in range(3)) for i in range(3)]
    return _lab(rgb)


def delta_e(a: str, b: str, vision: str) -> float:
    return math.dist(seen_as(a, vision), seen_as(b, vision))


VISIONS = ["normal", *SIMULATIONS]


@pytest.mark.parametrize("vision", VISIONS)
def test_choropleth_bins_stay_apart_with_colour_blindness(vision):
    """Kaart 'kleur naar cijfer': no data, hidden small count and each range, all in order."""
    colours = [c for _, c in maps.figure_legend_entries(10)]
    for a, b in itertools.combinations(colours, 2):
        assert delta_e(a, b, vision) >= MIN_DELTA_E, (a, b)


@pytest.mark.parametrize("vision", VISIONS)
def test_status_colours_on_the_gauges_stay_apart_with_colour_blindness(vision):
    """Distinct statuses have distinct colours (the shape and the words are there as well)."""
    distinct = set(ts.STATUS_COLOURS.values())
    for a, b in itertools.combinations(distinct, 2):
        assert delta_e(a, b, vision) >= MIN_DELTA_E, (a, b)
    for colour, shade in itertools.product(distinct, charts.PART_SHADES):
        assert delta_e(colour, shade, vision) >= MIN_DELTA_E, (colour, shade)


@pytest.mark.parametrize("vision", VISIONS)
def test_partnership_colours_on_the_map_stay_apart_with_colour_blindness(vision):
    """The five partnerships of the sample get the first five Okabe–Ito colours."""
    for a, b in itertools.combinations(style.PALETTE[:5], 2):
        assert delta_e(a, b, vision) >= MIN_DELTA_E, (a, b)

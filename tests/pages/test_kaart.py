"""Kaart: filters change what the map, legend and table show; a chosen municipality opens its profile."""

from __future__ import annotations

import base64
import html
import json
import re

import pytest
import streamlit as st

from tests.databases import sqlite_copy
from tests.pages.apptest import map_specs, open_page, page_text, plain_tables


def deck(at, index: int = 0) -> dict[str, dict]:
    return {layer["id"]: layer for layer in map_specs(at)[index]["layers"]}


def ring_codes(at) -> set[str]:
    return {row["area_code"] for row in deck(at)["leden"]["data"]}


def legend_names(at) -> list[str]:
    """The names in the legend picture (an SVG shown with st.image)."""
    url = at.get("image")[0].proto.imgs[0].url
    svg = base64.b64decode(url.split(",", 1)[1]).decode()
    return [html.unescape(name) for name in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


def table_partnerships(at) -> set[str]:
    """The partnerships of the table under the map: the cases' members in a table, the regions'
    municipalities in a grid of their own."""
    names = {name for table in plain_tables(at) for name in table.index}
    return names | {name for grid in at.dataframe for name in grid.value.iloc[:, 0]}


def test_without_filters_all_five_partnerships_are_on_the_map():
    at = open_page("pages/kaart.py")
    codes = ring_codes(at)
    for code in ("GM9001", "GM0546", "GM0400", "GM0448", "GM1959", "GM0518", "GM1783"):
        assert code in codes
    names = table_partnerships(at)
    regions = {n for n in names if n.startswith("Arbeidsmarktregio ")}
    assert len(names - regions) == 5 and len(regions) == 35
    assert "ArcLayer" in [layer["@@type"] for layer in deck(at).values()]
    # The 35 regions are outlines, not rings: the five cases stay readable on top.
    assert len(codes) < 20
    assert "regios" in deck(at)


def test_hiding_the_regions_by_kind_and_showing_only_them():
    regions = open_page("pages/kaart.py", soort="arbeidsmarktregio")
    assert ring_codes(regions) == set()
    assert len(table_partnerships(regions)) == 35
    assert "regios" in deck(regions)
    cases = open_page("pages/kaart.py", soort="convenant")
    assert "regios" not in deck(cases)


def test_colour_by_bijstand_per_thousand_is_classed_real_and_sourced():
    at = open_page("pages/kaart.py", kleur="bijstand_per_1000")
    text = page_text(at)
    assert "personen met bijstand per 1.000 inwoners, december 2024" in text
    assert "Bron: CBS, Kerncijfers wijken en buurten 2024 (85984NED)" in text
    polygons = [r for r in deck(at)["gebieden"]["data"] if r["area_code"] == "GM0518"]
    assert polygons and all(
        "Bijstand per 1.000 inwoners (2024): 38,9" in r["cijfer"] for r in polygons
    )


def test_kind_filter_from_the_url_keeps_only_the_twinning():
    at = open_page("pages/kaart.py", soort="twinning")
    assert ring_codes(at) == {"GM9001", "GM0546"}
    assert table_partnerships(at) == {"Twinning Bonaire – Leiden"}


def test_province_filter_keeps_partnerships_with_a_member_there():
    at = open_page("pages/kaart.py", provincie="Noord-Brabant")
    assert ring_codes(at) == {"GM1959"}
    assert "bogen" not in deck(at)


def test_year_filter_leaves_out_partnerships_that_had_not_started():
    at = open_page("pages/kaart.py", jaar="2021")
    assert "GM1959" not in ring_codes(at)  # Altena–MidZuid started in 2022
    assert "GM0400" in ring_codes(at)


def test_programme_filter_keeps_its_partnership():
    at = open_page("pages/kaart.py", programma="ALT-WERKFIT")
    assert ring_codes(at) == {"GM1959"}


def test_changing_a_filter_redraws_the_map_and_goes_into_the_url():
    at = open_page("pages/kaart.py")
    at.selectbox(key="f_kaart_soort").set_value("convenant").run()
    assert ring_codes(at) == {"GM0400", "GM1911", "GM0441", "GM0448"}
    assert at.query_params["soort"] in ("convenant", ["convenant"])
    legend = legend_names(at)
    assert len(legend) == 1 and "Kop van Noord-Holland" in legend[0]


def test_choropleth_colours_by_figure_and_says_the_data_is_invented():
    at = open_page("pages/kaart.py", kleur="cijfer", jaar="2025")
    legend = legend_names(at)
    assert legend[1] == "Niet getoond (minder dan 10, of afgeschermd)"
    assert any("Fictieve voorbeelddata" in i.value for i in at.info)


def test_choosing_a_municipality_in_the_list_opens_its_profile():
    at = open_page("pages/kaart.py")
    at.selectbox(key="kaart_keuze").set_value("GM1959").run()
    next(b for b in at.button if b.label == "Open profiel").click().run()
    assert at.title[0].value == "Gemeente"
    assert "Altena (GM1959)" in page_text(at)
    assert "Programma's" in page_text(at)


def test_no_partnership_matches_gives_a_dutch_message():
    at = open_page("pages/kaart.py", soort="regionale_deal", provincie="Noord-Brabant")
    assert not at.exception
    assert any("geen samenwerkingen om te tonen" in i.value for i in at.info)


@pytest.fixture
def boundaries_url(sqlite_seeded, tmp_path, monkeypatch):
    """A seeded database of its own with two small municipal shapes loaded."""
    from data_access import boundaries
    from data_access.engine import make_engine

    url = sqlite_copy(sqlite_seeded, tmp_path, "grenzen.sqlite")
    engine = make_engine(url)
    square = [[[4.40, 52.10], [4.55, 52.10], [4.55, 52.20], [4.40, 52.20], [4.40, 52.10]]]
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"statcode": code},
         "geometry": {"type": "Polygon", "coordinates": square}} for code in ("GM0546", "GM0014")
    ]}  # fmt: skip
    path = tmp_path / "gemeenten_2025.geojson"
    path.write_text(json.dumps(doc))
    boundaries.import_file(engine, path)
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    st.cache_data.clear()
    st.cache_resource.clear()
    return url


def test_with_boundaries_loaded_the_map_draws_polygons(boundaries_url):
    at = open_page("pages/kaart.py")
    layers = deck(at)
    assert {row["area_code"] for row in layers["gebieden"]["data"]} == {"GM0546", "GM0014"}
    assert "GM0546" not in {row["area_code"] for row in layers["middelpunten"]["data"]}
    assert "CBS-gebiedsindeling 2025" in page_text(at)

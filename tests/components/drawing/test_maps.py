"""The map builders: polygons where boundaries are loaded, markers where not, no outside tiles
unless the basemap is switched on, and tooltips that never print a field name or a small count."""

from __future__ import annotations

import json
import re

import pandas as pd

from components.drawing import maps
from components.drawing.deck_map import chosen

SQUARE = [[[4.40, 52.10], [4.55, 52.10], [4.55, 52.20], [4.40, 52.20], [4.40, 52.10]]]
AREAS = pd.DataFrame(
    {
        "code": ["GM0546", "GM0400", "GM9001", "GM0014"],
        "name": ["Leiden", "Den Helder", "Bonaire", "Groningen"],
        "lat": [52.155, 52.93, 12.15, 53.22],
        "lon": [4.485, 4.76, -68.27, 6.62],
    }
)
MEMBERS = pd.DataFrame(
    {
        "partnership_id": [1, 1, 1, 2, 2],
        "partnership_code": ["BON", "BON", "BON", "HR", "KOP"],
        "partnership_name": ["Bonaire – Leiden", "Bonaire – Leiden", "Bonaire – Leiden",
                             "Holland Rijnland", "Kop"],
        "partnership_kind": ["twinning"] * 3 + ["gezamenlijke_inkoop", "convenant"],
        "member_type": ["gemeente", "gemeente", "organisatie", "gemeente", "gemeente"],
        "area_code": ["GM9001", "GM0546", None, "GM0546", "GM0400"],
        "area_name": ["Bonaire", "Leiden", None, "Leiden", "Den Helder"],
        "lat": [12.15, 52.155, None, 52.155, 52.93],
        "lon": [-68.27, 4.485, None, 4.485, 4.76],
        "organisation_name": [None, None, "Ministerie van SZW", None, None],
        "role": ["partner", "partner", "financier", "deelnemer", "ondertekenaar"],
    }
)  # fmt: skip
COLOURS = {"BON": [0, 114, 178], "HR": [0, 158, 115], "KOP": [230, 159, 0]}
BOUNDARIES = pd.DataFrame(
    {"area_code": ["GM0546"], "geometry": [json.dumps({"type": "Polygon", "coordinates": SQUARE})],
     "year": [2025], "source": ["test"]}
)  # fmt: skip


def info(counts=None):
    return maps.area_info(
        AREAS,
        MEMBERS,
        {"GM0546": ["Programma X"]},
        counts or {"GM0546": 4, "GM0400": 120},
        2025,
        10,
    )


def deck_json(**kw) -> dict:
    return json.loads(maps.partnership_deck(MEMBERS, info(), COLOURS, **kw).to_json())


def layers(deck: dict) -> dict[str, dict]:
    return {layer["id"]: layer for layer in deck["layers"]}


def test_without_boundaries_every_municipality_is_a_marker_at_its_centroid():
    deck = layers(deck_json())
    assert "gebieden" not in deck
    assert {row["area_code"] for row in deck["middelpunten"]["data"]} == set(AREAS["code"])


def test_with_boundaries_loaded_areas_are_polygons_and_the_rest_markers():
    deck = layers(deck_json(boundaries=BOUNDARIES))
    assert deck["gebieden"]["@@type"] == "PolygonLayer"
    assert [row["area_code"] for row in deck["gebieden"]["data"]] == ["GM0546"]
    leiden = deck["gebieden"]["data"][0]
    assert leiden["vulling"][:3] == COLOURS["BON"]  # its first partnership's colour
    marker_codes = {row["area_code"] for row in deck["middelpunten"]["data"]}
    assert "GM0546" not in marker_codes and "GM9001" in marker_codes


def test_leiden_in_two_partnerships_gets_two_rings():
    rings = layers(deck_json())["leden"]["data"]
    leiden = [r for r in rings if r["area_code"] == "GM0546"]
    assert [r["kleur"] for r in leiden] == [COLOURS["BON"], COLOURS["HR"]]
    assert leiden[1]["radius"] > leiden[0]["radius"]


def test_bonaire_and_leiden_are_joined_by_an_arc():
    arcs = layers(deck_json())["bogen"]["data"]
    assert len(arcs) == 1
    assert "7.7" in arcs[0]["rollen"]  # "Afstand: ongeveer 7.770 km"


def test_every_tooltip_field_exists_on_every_pickable_layer():
    for kw in ({}, {"boundaries": BOUNDARIES}, {"colour_by": "cijfer"}):
        deck = deck_json(**kw)
        fields = set(re.findall(r"{(\w+)}", deck.get("tooltip", {}).get("html", "")))
        if not fields:
            fields = set(re.findall(r"{(\w+)}", maps.TOOLTIP["html"]))
        for layer in deck["layers"]:
            if layer.get("pickable"):
                for row in layer["data"]:
                    assert fields <= set(row), (layer["id"], fields - set(row))


def test_small_counts_show_as_hidden_in_tooltip_and_in_their_own_colour():
    rows = info().set_index("area_code")
    assert rows.loc["GM0546", "cijfer"] == "Aanmeldingen 2025: <10"
    assert rows.loc["GM0400", "cijfer"] == "Aanmeldingen 2025: 120"
    deck = layers(deck_json(boundaries=BOUNDARIES, colour_by="cijfer"))
    leiden = deck["gebieden"]["data"][0]
    assert leiden["vulling"][:3] == maps.bin_colours(10)["klein"]
    assert "4" not in leiden["cijfer"].replace("2025", "")


def test_organisations_without_a_place_appear_with_their_partnership_members():
    rows = info().set_index("area_code")
    assert "Ministerie van SZW" in rows.loc["GM9001", "rollen"]
    assert "Ministerie van SZW" not in rows.loc["GM0400", "rollen"]
    assert rows.loc["GM0546", "programmas"] == "Programma's: Programma X"


def test_offline_default_requests_no_tiles_and_carto_is_the_light_basemap():
    offline = deck_json()
    assert "mapProvider" not in offline or offline["mapProvider"] is None
    assert offline["mapStyle"].startswith("data:application/json,")
    assert "http" not in offline["mapStyle"]
    carto = deck_json(basemap="carto")
    assert carto["mapProvider"] == "carto"
    assert "basemaps.cartocdn.com" in carto["mapStyle"]


def test_caribbean_view_is_centred_on_bonaire_and_names_it():
    deck = deck_json(view="caribisch")
    view = deck["initialViewState"]
    assert abs(view["latitude"] - 12.2) < 1 and abs(view["longitude"] + 68.27) < 1
    assert "Bonaire" in [row["naam"] for row in layers(deck)["namen"]["data"]]


def test_a_click_names_a_municipality_or_a_partnership_and_nothing_else():
    assert chosen({"soort": "gemeente", "code": "GM1959", "klik": 3}) == {
        "soort": "gemeente", "code": "GM1959", "klik": 3,
    }  # fmt: skip
    assert chosen({"soort": "samenwerking", "code": "BON-LEI", "klik": 1})["code"] == "BON-LEI"
    for sent in (None, "GM1959", {"soort": "gemeente", "code": ""},
                 {"soort": "provincie", "code": "PV27"}, {"soort": "gemeente", "code": 5}):  # fmt: skip
        assert chosen(sent) is None


def test_every_arc_names_the_partnership_a_click_on_it_opens():
    arcs = layers(deck_json())["bogen"]["data"]
    assert arcs, "Bonaire and Leiden lie far apart"
    assert {row["samenwerking_code"] for row in arcs} == {"BON"}  # Bonaire – Leiden


def test_every_member_ring_has_a_dark_edge_under_it():
    """Yellow, orange and sky blue rings have less than 3:1 against the map's background; a dark
    ring (maps.EDGE) under each gives every mark that contrast."""
    found = layers(deck_json())
    edge, rings = found["randen"], found["leden"]
    assert edge["getLineColor"] == maps.EDGE
    assert edge["lineWidthMinPixels"] > rings["lineWidthMinPixels"]
    assert len(edge["data"]) == len(rings["data"])

"""The cache of built objects (components.data.built): figures and map decks are built once per
input and language, shared, kept apart per builder, and forgotten with the data."""

import json

import pandas as pd
import pytest

from components import charts, data, figures
from components.map_view import serialised
from domain.formatting import use_language


@pytest.fixture(autouse=True)
def fresh_cache():
    data.clear()
    yield
    data.clear()


def counting(calls: list):
    def build(n: int, label: str = "") -> dict:
        calls.append((n, label))
        return {"n": n, "label": label}

    return build


def test_built_once_per_input_and_shared():
    calls = []
    build = counting(calls)
    build.__qualname__ = "test_built_once.build"
    cached = data.built(build)
    first = cached(1, label="a")
    assert cached(1, label="a") is first  # the same object, not a copy
    assert cached(2, label="a") == {"n": 2, "label": "a"}
    assert calls == [(1, "a"), (2, "a")]


def test_language_is_part_of_the_key():
    table = pd.DataFrame({"name": ["WO500"], "geplaatst": [1234]})
    with use_language("nl"):
        dutch = figures.bar(table, "name", "geplaatst")
    with use_language("en"):
        english = figures.bar(table, "name", "geplaatst")
    assert dutch.layout.separators == ",."  # decimal comma, thousands dot
    assert english.layout.separators == ".,"
    assert list(dutch.data[0].text) == ["1.234"]
    assert list(english.data[0].text) == ["1,234"]


def test_builders_with_the_same_arguments_do_not_share_entries():
    a, b = [], []
    first = counting(a)
    first.__qualname__ = "first"
    second = counting(b)
    second.__qualname__ = "second"
    cached_a, cached_b = data.built(first), data.built(second)
    cached_a(7)
    cached_b(7)
    assert a == [(7, "")] and b == [(7, "")]


def test_clear_forgets_built_objects():
    calls = []
    build = counting(calls)
    build.__qualname__ = "test_clear.build"
    cached = data.built(build)
    before = cached(3)
    data.clear()
    after = cached(3)
    assert after == before and after is not before
    assert len(calls) == 2


def test_cached_figure_equals_a_fresh_one():
    args = (120, 200, 100.0, None, "#0072B2")
    assert figures.gauge(*args).to_dict() == charts.gauge_figure(*args).to_dict()


def test_a_serialised_deck_keeps_its_json():
    import pydeck as pdk

    deck = pdk.Deck(layers=[pdk.Layer("ScatterplotLayer", [{"lon": 4.5, "lat": 52.2}])])
    spec = deck.to_json()
    frozen = serialised(deck)
    frozen.layers = []  # later changes do not reach what the browser is sent
    assert frozen.to_json() == spec
    assert json.loads(spec)["layers"][0]["@@type"] == "ScatterplotLayer"


def test_legend_picture_escapes_names_and_draws_every_entry():
    svg = charts.legend_svg([("Bonaire & Leiden <twinning>", "#0072B2"), ("Altena", "#E69F00")])
    assert svg.startswith("<svg ") and svg.count("<rect ") == 2
    assert "Bonaire &amp; Leiden &lt;twinning&gt;" in svg and "<twinning>" not in svg
    assert 'fill="#0072B2"' in svg and 'fill="#E69F00"' in svg
    assert 'height="64"' in svg  # two lines of LEGEND_ROW plus the margin

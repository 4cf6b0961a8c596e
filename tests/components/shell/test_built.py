"""The cache of built objects (components.shell.data.built): figures and map decks are built once per
input and language, shared, kept apart per builder, and forgotten with the data."""

import json

import pandas as pd
import pytest

from components.drawing import charts, figures
from components.shell import data
from components.views.map_view import serialised
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
    pydecks_own = deck.to_json()
    frozen = serialised(deck)
    spec = frozen.to_json()
    frozen.layers = []  # later changes do not reach what the browser is sent
    assert frozen.to_json() == spec
    # The same deck as pydeck's own JSON, only without its indentation.
    assert json.loads(spec) == json.loads(pydecks_own)
    assert "\n" not in spec and len(spec) < len(pydecks_own)
    assert json.loads(spec)["layers"][0]["@@type"] == "ScatterplotLayer"


def test_legend_picture_escapes_names_and_draws_every_entry():
    svg = charts.legend_svg([("Bonaire & Leiden <twinning>", "#0072B2"), ("Altena", "#E69F00")])
    assert svg.startswith("<svg ") and svg.count("<rect ") == 2
    assert "Bonaire &amp; Leiden &lt;twinning&gt;" in svg and "<twinning>" not in svg
    assert 'fill="#0072B2"' in svg and 'fill="#E69F00"' in svg
    assert 'height="64"' in svg  # two lines of LEGEND_ROW plus the margin


def test_a_built_frame_argument_keys_by_its_values_and_types():
    calls = []

    def build(table: pd.DataFrame) -> int:
        calls.append(table)
        return int(table["n"].sum())

    build.__qualname__ = "test_frame_key.build"
    cached = data.built(build)
    table = pd.DataFrame({"name": ["a", "b"], "n": [1, 2]})
    assert cached(table) == 3
    assert cached(table.copy()) == 3  # an equal frame is the same key
    assert len(calls) == 1
    changed = table.copy()
    changed.loc[1, "n"] = 5
    assert cached(changed) == 6  # one value differs: another key
    assert cached(table.astype({"n": "float64"})) == 3.0  # another type: built again
    assert len(calls) == 3


def test_the_key_tells_arguments_apart_by_value_label_and_type():
    table = pd.DataFrame({"name": ["Leiden", "Katwijk"], "n": [7, 8]})
    same = pd.DataFrame({"name": ["Leiden", "Katwijk"], "n": [7, 8]})
    assert data.key_of((table, 5), {"hidden": {"a": True}}) == data.key_of(
        (same, 5), {"hidden": {"a": True}}
    )
    others = [
        ((table.assign(n=[7, 9]), 5), {"hidden": {"a": True}}),
        ((table.assign(name=["Leiden", "Katwijk "]), 5), {"hidden": {"a": True}}),
        ((table.rename(columns={"n": "aantal"}), 5), {"hidden": {"a": True}}),
        ((table.astype({"n": "int32"}), 5), {"hidden": {"a": True}}),
        ((table.set_axis([1, 2]), 5), {"hidden": {"a": True}}),
        ((table.iloc[:1], 5), {"hidden": {"a": True}}),
        ((table, 6), {"hidden": {"a": True}}),
        ((table, 5.0), {"hidden": {"a": True}}),
        ((table, 5), {"hidden": {"a": False}}),
        ((table, 5), {"shown": {"a": True}}),
    ]
    keys = {data.key_of(args, kwargs) for args, kwargs in others}
    assert data.key_of((table, 5), {"hidden": {"a": True}}) not in keys
    assert len(keys) == len(others)


def test_a_built_figure_is_serialised_once_and_equals_a_fresh_one():
    args = (120, 200, 100.0, None, "#0072B2")
    built = figures.gauge(*args)
    first = built.to_dict()
    assert built.to_dict() is first  # not copied again on the next run
    assert first == charts.gauge_figure(*args).to_dict()
    assert json.loads(built.to_json()) == json.loads(charts.gauge_figure(*args).to_json())


def test_figures_inside_a_built_view_are_serialised_once():
    from dataclasses import dataclass

    import plotly.graph_objects as go

    @dataclass(frozen=True)
    class View:
        figure: go.Figure
        more: dict

    def build() -> View:
        return View(go.Figure(go.Bar(x=[1], y=[2])), {"b": [go.Figure(go.Bar(x=[3], y=[4]))]})

    build.__qualname__ = "test_view.build"
    view = data.built(build)()
    assert view.figure.to_dict() is view.figure.to_dict()
    inner = view.more["b"][0]
    assert inner.to_dict() is inner.to_dict()
    assert inner.to_dict()["data"][0]["type"] == "bar"


def test_a_cached_query_gives_every_caller_its_own_frame(monkeypatch, sqlite_seeded, tmp_path):
    """Shared, not pickled: what one page changes in its frame no other page sees."""
    from tests.databases import sqlite_copy

    url = sqlite_copy(sqlite_seeded, tmp_path, "own.sqlite")
    monkeypatch.setenv("DATABASE_URL", url)
    import streamlit as st

    st.cache_resource.clear()
    try:
        first = data.partnerships()
        names = list(first["name"])
        first["name"] = "veranderd"
        first.loc[0, "id"] = -1
        first.index.name = "x"
        again = data.partnerships()
        assert again is not first
        assert list(again["name"]) == names
        assert -1 not in set(again["id"])
        assert again.index.name is None
        totals = data.trajectory_total()
        totals["total"] = -1
        assert data.trajectory_total()["total"] != -1
    finally:
        st.cache_resource.clear()


def test_the_shared_table_html_is_table_html_and_escapes():
    """tests/config allows st.html(_table_html(...)) because it is table_html, kept and shared."""
    from components.shell import layout
    from components.shell.html_table import table_html

    table = pd.DataFrame({"naam": ["<script>alert(1)</script>", "Leiden & Katwijk"], "n": [1, 2]})
    shared = layout._table_html(table, "label <b>")
    assert shared == table_html(table, "label <b>")
    assert "<script>" not in shared and "&lt;script&gt;" in shared
    assert layout._table_html(table.copy(), "label <b>") is shared  # written once

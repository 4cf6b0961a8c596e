"""domain.map_view: a fitted view shows its bounds whole, inside the frame, and uses the room."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.map_view import NETHERLANDS, Bounds, fitted_view, geometry_bounds, point_bounds, project


def corners_in_pixels(bounds, view, width, height):
    left, top = project(bounds.north, bounds.west, view, width, height)
    right, bottom = project(bounds.south, bounds.east, view, width, height)
    return left, top, right, bottom


@pytest.mark.parametrize(("width", "height"), [(500, 470), (780, 470), (620, 600), (300, 380)])
def test_the_country_fits_the_frame_and_fills_one_of_its_sides(width, height):
    view = fitted_view(NETHERLANDS, width, height, margin=0.04)
    left, top, right, bottom = corners_in_pixels(NETHERLANDS, view, width, height)
    assert 0 <= left < right <= width and 0 <= top < bottom <= height
    # One side is used to its margin: the view is not smaller than it needs to be.
    used = max((right - left) / width, (bottom - top) / height)
    assert used == pytest.approx(0.92, abs=0.005)


def test_the_fixed_national_view_of_the_old_slide_cut_south_limburg_off():
    """Why the slide's map is fitted: the centre and zoom that Kaart uses at 600 pixels put
    Vaals below the bottom of a 470-pixel frame."""
    _, _, _, bottom = corners_in_pixels(NETHERLANDS, (52.15, 5.3, 6.4), 500, 470)
    assert bottom > 470


@given(
    west=st.floats(-170, 160), south=st.floats(-70, 60),
    across=st.floats(0.01, 15), down=st.floats(0.01, 15),
    width=st.integers(80, 2000), height=st.integers(80, 2000),
)  # fmt: skip
def test_any_box_fits_any_frame(west, south, across, down, width, height):
    bounds = Bounds(west, south, west + across, south + down)
    view = fitted_view(bounds, width, height)
    left, top, right, bottom = corners_in_pixels(bounds, view, width, height)
    assert -1e-6 <= left and right <= width + 1e-6
    assert -1e-6 <= top and bottom <= height + 1e-6


def test_bounds_of_polygons_and_multipolygons_and_of_points():
    polygon = {"type": "Polygon", "coordinates": [[[4, 52], [5, 52], [5, 53], [4, 52]]]}
    multi = {"type": "MultiPolygon", "coordinates": [[[[6, 50.5], [7, 51], [6.5, 51], [6, 50.5]]]]}
    assert geometry_bounds([json.dumps(polygon), json.dumps(multi)]) == Bounds(4, 50.5, 7, 53)
    assert geometry_bounds([]) is None
    assert point_bounds([12.2, 17.6, 17.5], [-68.3, -63.2, -63.0]) == Bounds(
        -68.3, 12.2, -63.0, 17.6
    )
    assert point_bounds([], []) is None

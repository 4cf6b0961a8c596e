"""Where a map looks: the Web Mercator view (centre and zoom) that shows a region whole in a frame
of known size, as deck.gl draws it (a world of 512 pixels at zoom 0)."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass

WORLD = 512  # deck.gl's world width in pixels at zoom 0


@dataclass(frozen=True)
class Bounds:
    west: float
    south: float
    east: float
    north: float

    def padded(self, degrees: float) -> Bounds:
        return Bounds(self.west - degrees, self.south - degrees, self.east + degrees,
                      self.north + degrees)  # fmt: skip


# For a database without municipalities: the country's extremes and Bonaire.
NETHERLANDS = Bounds(3.36, 50.75, 7.23, 53.56)
BONAIRE = Bounds(-68.42, 12.03, -68.2, 12.31)


def _mercator(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def fitted_view(bounds: Bounds, width: float, height: float, margin: float = 0.04):
    """(latitude, longitude, zoom) of a `width` × `height` pixel view that shows `bounds` whole,
    with `margin` (a share of each side) left free around it."""
    usable_width, usable_height = width * (1 - 2 * margin), height * (1 - 2 * margin)
    across = max(bounds.east - bounds.west, 1e-6)
    top, bottom = _mercator(bounds.north), _mercator(bounds.south)
    zoom_across = math.log2(usable_width * 360 / (WORLD * across))
    zoom_down = math.log2(usable_height * 2 * math.pi / (WORLD * max(top - bottom, 1e-9)))
    centre = math.degrees(2 * math.atan(math.exp((top + bottom) / 2)) - math.pi / 2)
    return centre, (bounds.west + bounds.east) / 2, min(zoom_across, zoom_down)


def project(lat: float, lon: float, view, width: float, height: float) -> tuple[float, float]:
    """The pixel (x, y) of a place in a `width` × `height` view (latitude, longitude, zoom)."""
    lat0, lon0, zoom = view
    scale = WORLD * 2**zoom / (2 * math.pi)
    x = width / 2 + math.radians(lon - lon0) * scale
    return x, height / 2 - (_mercator(lat) - _mercator(lat0)) * scale


def geometry_bounds(geometries: Iterable[str]) -> Bounds | None:
    """The box around GeoJSON polygons and multipolygons (as text); None when there are none."""
    west = south = math.inf
    east = north = -math.inf
    for text in geometries:
        geometry = json.loads(text)
        parts = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        for rings in parts:
            for lon, lat, *_ in rings[0]:  # the outer ring holds the extremes
                west, east = min(west, lon), max(east, lon)
                south, north = min(south, lat), max(north, lat)
    return None if west == math.inf else Bounds(west, south, east, north)


def point_bounds(lats: Iterable[float], lons: Iterable[float]) -> Bounds | None:
    lats, lons = list(lats), list(lons)
    if not lats:
        return None
    return Bounds(min(lons), min(lats), max(lons), max(lats))

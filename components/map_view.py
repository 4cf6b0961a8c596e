"""The partnership map of a choice (year, partnerships, programmes, colouring), built once and shared.

Kaart and Presentatie draw the same kind of map. Building one costs tens of
milliseconds of CPU (tooltips for every municipality, rings, arcs, polygons) and serialising its
deck as much again; under load every session paid that on every run. Here both happen once per
choice and language, and the sessions share the result (components.data.built).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pydeck as pdk

from components import data, maps
from domain import partnership_map as pm


@dataclass(frozen=True)
class MapView:
    members: pd.DataFrame
    info: pd.DataFrame  # maps.area_info: tooltip lines, counts and bins per municipality
    decks: dict[str, pdk.Deck]  # per view of maps.VIEWS, serialised once


def serialised(deck: pdk.Deck) -> pdk.Deck:
    """The deck with its JSON made now and kept: st.pydeck_chart asks for it on every run."""
    spec = deck.to_json()
    deck.to_json = lambda: spec  # type: ignore[method-assign]
    return deck


@data.built
def map_view(
    year: int,
    partnership_ids: tuple[int, ...] = (),
    programme_ids: tuple[int, ...] = (),
    colour_by: str = "samenwerking",
    name_programmes: bool = False,
) -> MapView:
    """The members of `partnership_ids` (all when empty) on both views, with registrations of
    `year` in `programme_ids` (all when empty) in the tooltips; `name_programmes` also lists each
    municipality's programmes there."""
    threshold = data.settings().suppress_below
    members = data.partnership_members(partnership_ids)
    programmes = pm.programmes_by_area(members, data.programmes()) if name_programmes else {}
    counts = data.registrations_per_area(year, programme_ids)
    info = maps.area_info(
        data.municipalities(), members, programmes,
        dict(zip(counts["area_code"], counts["aangemeld"], strict=True)), year, threshold,
    )  # fmt: skip
    colours = maps.partnership_colours(list(data.partnerships()["code"]))
    boundaries, basemap = data.area_boundaries(), data.settings().map_basemap
    decks = {
        view: serialised(
            maps.partnership_deck(
                members, info, colours, view, boundaries, colour_by, threshold, basemap
            )
        )
        for view in maps.VIEWS
    }
    return MapView(members, info, decks)

"""The partnership map of a choice (year, partnerships, programmes, colouring), built once and shared.

Kaart and Presentatie draw the same kind of map. Building one costs tens of
milliseconds of CPU (tooltips for every municipality, rings, arcs, polygons) and serialising its
deck as much again; under load every session paid that on every run. Here both happen once per
choice and language, and the sessions share the result (components.shell.data.built).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from components.drawing import maps
from components.shell import data, publication
from components.shell.i18n import t
from domain import context as ctx
from domain import map_view as mv
from domain import partnership_map as pm
from domain.formatting import fmt_decimal

ROOM_LABEL = 20  # the islands' names on a slide, read from the back of a room


@dataclass(frozen=True)
class MapView:
    members: pd.DataFrame
    info: pd.DataFrame  # maps.area_info: tooltip lines, counts and bins per municipality
    decks: dict[str, pdk.Deck]  # per view of maps.VIEWS, serialised once
    edges: list[float] = field(default_factory=list)  # classes of a public measure's map
    measure_year: int | None = None  # the year of that measure
    # What each view shows whole (maps.area_bounds): a map that fits its frame's own width.
    bounds: dict[str, mv.Bounds] = field(default_factory=dict)


def serialised(deck: pdk.Deck) -> pdk.Deck:
    """The deck with its JSON made now and kept: st.pydeck_chart asks for it on every run.

    Compact, by json's C encoder: pydeck's own to_json indents by two spaces, which makes json
    fall back to its Python encoder: ~0.2 s of CPU per deck of the national map (about half of
    building a map) and a third more bytes to send. The same keys, in the same order."""
    spec = json.dumps(deck, sort_keys=True, default=default_serialize, separators=(",", ":"))
    deck.to_json = lambda: spec  # type: ignore[method-assign]
    return deck


@data.built
def map_view(
    year: int,
    partnership_ids: tuple[int, ...] = (),
    programme_ids: tuple[int, ...] = (),
    colour_by: str = "samenwerking",
    name_programmes: bool = False,
    frame: str | None = None,
) -> MapView:
    """The members of `partnership_ids` (all when empty) on both views, with registrations of
    `year` in `programme_ids` (all when empty) in the tooltips; `name_programmes` also lists each
    municipality's programmes there. `frame`: a frame of maps.FRAMES whose views are fitted to
    the country and the islands (None: the fixed maps.VIEWS)."""
    threshold = data.settings().suppress_below
    members = data.partnership_members(partnership_ids)
    programmes = pm.programmes_by_area(members, data.programmes()) if name_programmes else {}
    counts = data.registrations_per_area(year, programme_ids)
    # Each municipality's count as the year's one decision shows it (components.shell.publication).
    decided = publication.year(year)
    chosen = set(programme_ids) if programme_ids else None
    shown = {code: decided.count("aangemeld", chosen, {code}) for code in counts["area_code"]}
    info = maps.area_info(
        data.municipalities(), members, programmes,
        dict(zip(counts["area_code"], counts["aangemeld"], strict=True)), year, threshold, shown,
    )  # fmt: skip
    partnerships = data.partnerships()
    cases = partnerships[partnerships["kind"] != maps.REGION_KIND]
    colours = maps.partnership_colours(list(cases["code"]))
    chosen_regions = set(
        members.loc[members["partnership_kind"] == maps.REGION_KIND, "partnership_code"]
    )
    regions = data.region_boundaries(maps.REGION_KIND)
    regions = regions[regions["code"].isin(chosen_regions)]
    bin_fill, edges, measure_year = None, [], None
    if colour_by in ctx.MAP_MEASURES:
        info, edges, measure_year = context_info(info, colour_by)
        bin_fill = maps.context_bin_fill(edges)
    boundaries, basemap = data.area_boundaries(), data.settings().map_basemap
    bounds = maps.area_bounds(boundaries, data.municipalities())
    views = maps.frame_views(frame, bounds) if frame else {}
    decks = {
        view: serialised(
            maps.partnership_deck(
                members, info, colours, view, boundaries,
                "samenwerking" if colour_by == "samenwerking" else "cijfer",
                threshold, basemap, regions, bin_fill, views.get(view),
                ROOM_LABEL if frame else 15,
            )
        )
        for view in maps.VIEWS
    }  # fmt: skip
    return MapView(members, info, decks, edges, measure_year, bounds)


def context_info(info: pd.DataFrame, measure: str) -> tuple[pd.DataFrame, list[float], int | None]:
    """The map's tooltip and colour bin of each municipality from a public measure (CBS): class
    key '0'..'4', or 'geen' where CBS publishes nothing (Bonaire), never a 0."""
    values, year = ctx.map_values(data.context_figures(), measure)
    edges = ctx.class_edges(values.values())
    info = info.copy()
    unit = " %" if measure == "netto_arbeidsparticipatie" else ""
    label = t(f"context.{measure}", jaar=year)
    keys, lines = [], []
    for code in info["area_code"]:
        value = values.get(code)
        index = ctx.class_of(value, edges)
        keys.append(maps.NO_DATA_BIN if index is None else str(index))
        shown = t("context.nb") if value is None else f"{fmt_decimal(value, 1)}{unit}"
        lines.append(f"{label}: {shown}")
    info["bin"], info["cijfer"] = keys, lines
    return info, edges, year

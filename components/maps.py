"""Map builders: pure functions from member tables to a pydeck Deck, drawn without outside tiles."""

from __future__ import annotations

import math

import pandas as pd
import pydeck as pdk

from components.style import colour, rgb

# Views: European Netherlands, and Caribbean Netherlands (Bonaire lies ~7,800 km from Leiden).
VIEWS = {
    "nederland": pdk.ViewState(latitude=52.15, longitude=5.3, zoom=6.4),
    "caribisch": pdk.ViewState(latitude=15.0, longitude=-65.6, zoom=5.6),
}
# Members further apart than this are joined by an arc (twinning across the ocean).
ARC_MIN_KM = 150


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def partnership_colours(codes: list[str]) -> dict[str, list[int]]:
    return {code: rgb(colour(i)) for i, code in enumerate(codes)}


def area_points(members: pd.DataFrame, colours: dict[str, list[int]]) -> pd.DataFrame:
    """One ring per (area, partnership); an area in several partnerships gets concentric rings.

    Columns: area_code, name, lat, lon, radius, colour, tooltip fields (naam, samenwerkingen, rollen).
    """
    areas = members.dropna(subset=["lat"]).copy()
    rows = []
    for code, group in areas.groupby("area_code", sort=False):
        partnerships = list(dict.fromkeys(group["partnership_name"]))
        roles = [
            f"{r.partnership_name}: {r.organisation_name + ' – ' if isinstance(r.organisation_name, str) else ''}{r.role}"
            for r in group.itertuples()
        ]
        for ring, p_code in enumerate(dict.fromkeys(group["partnership_code"])):
            rows.append(
                {
                    "area_code": code,
                    "naam": group["area_name"].iloc[0],
                    "lat": float(group["lat"].iloc[0]),
                    "lon": float(group["lon"].iloc[0]),
                    "radius": 3500 + 2200 * ring,
                    "kleur": colours[p_code],
                    "samenwerkingen": ", ".join(partnerships),
                    "rollen": "; ".join(roles),
                }
            )
    return pd.DataFrame(rows)


def arcs(members: pd.DataFrame, colours: dict[str, list[int]]) -> pd.DataFrame:
    """Arcs between the area members of a partnership that lie far apart."""
    rows = []
    areas = members[members["member_type"] == "gemeente"].dropna(subset=["lat"])
    for p_code, group in areas.groupby("partnership_code", sort=False):
        points = group.drop_duplicates("area_code").to_dict("records")
        for i, a in enumerate(points):
            for b in points[i + 1 :]:
                if km_between(a["lat"], a["lon"], b["lat"], b["lon"]) >= ARC_MIN_KM:
                    rows.append(
                        {
                            "van_lon": a["lon"], "van_lat": a["lat"],
                            "naar_lon": b["lon"], "naar_lat": b["lat"],
                            "kleur": colours[p_code],
                            "naam": f"{a['area_name']} – {b['area_name']}",
                            "samenwerkingen": a["partnership_name"],
                            "rollen": "",
                        }
                    )  # fmt: skip
    return pd.DataFrame(rows)


def partnership_deck(
    members: pd.DataFrame,
    background: pd.DataFrame,
    colours: dict[str, list[int]],
    view: str = "nederland",
) -> pdk.Deck:
    """Partnership members as coloured rings over all municipalities as grey dots; no basemap."""
    layers = [
        pdk.Layer(
            "ScatterplotLayer",
            background,
            get_position=["lon", "lat"],
            get_radius=1500,
            get_fill_color=[154, 165, 177, 160],
            pickable=False,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            area_points(members, colours),
            id="leden",
            get_position=["lon", "lat"],
            get_radius="radius",
            get_line_color="kleur",
            get_fill_color=[255, 255, 255, 0],
            stroked=True,
            filled=True,
            line_width_min_pixels=3,
            radius_min_pixels=5,
            pickable=True,
        ),
    ]
    arc_rows = arcs(members, colours)
    if not arc_rows.empty:
        layers.append(
            pdk.Layer(
                "ArcLayer",
                arc_rows,
                get_source_position=["van_lon", "van_lat"],
                get_target_position=["naar_lon", "naar_lat"],
                get_source_color="kleur",
                get_target_color="kleur",
                get_width=3,
                pickable=True,
            )
        )
    return pdk.Deck(
        layers=layers,
        initial_view_state=VIEWS[view],
        map_provider=None,
        map_style=None,
        tooltip={"html": "<b>{naam}</b><br/>{samenwerkingen}<br/>{rollen}"},
    )

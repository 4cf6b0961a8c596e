"""Map builders: pure functions from member tables to a pydeck Deck; no outside tiles unless asked."""

from __future__ import annotations

import json
import math
from urllib.parse import quote

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from components.shell.i18n import t
from components.shell.style import FONT, MUTED, colour, rgb
from domain import map_view as mv
from domain.literal import markup
from domain.map_labels import place
from domain.partnership_map import NO_DATA_BIN, SMALL_BIN, bin_labels, figure_bin, shown_figure
from domain.publication import Count
from domain.suppression import is_small

# Views: European Netherlands, and Caribbean Netherlands (Bonaire lies ~7,800 km from Leiden).
VIEWS = {
    "nederland": pdk.ViewState(latitude=52.15, longitude=5.3, zoom=6.4),
    # Centred on Bonaire, the only Caribbean member; close enough to show the island's shape.
    "caribisch": pdk.ViewState(latitude=12.2, longitude=-68.27, zoom=7.2),
}
CARIBBEAN_LATITUDE = 20  # south of it: Caribbean Netherlands
# Frames whose view is fitted to what they show (instead of VIEWS): per view the pixel size
# (width, height) the page gives the map at the smallest screen it is made for. Presentatie's
# slide 1 at 1280 × 720: the country beside the three islands. Gemeente's partner map at
# 1280 × 800 with the sidebar open (measured in Chromium), the islands beside it when a partner
# lies there; the country alone, 820 wide, fits the same view (its height sets the zoom).
FRAMES = {
    "dia": {"nederland": (420, 470), "caribisch": (230, 470)},
    "gemeente": {"nederland": (592, 380), "caribisch": (212, 380)},
}
# Every pickable layer carries these fields, or the tooltip prints "{field}" literally.
TOOLTIP_FIELDS = ("naam", "samenwerkingen", "rollen", "programmas", "cijfer", "area_code")
TOOLTIP = {
    "html": "<b>{naam}</b><br/>{samenwerkingen}<br/>{rollen}<br/>{programmas}<br/>{cijfer}",
    "style": {"fontSize": "13px", "maxWidth": "360px", "whiteSpace": "normal"},
}
# Sequential blues for the figure bins (light to dark), spaced so that neighbours stay apart with
# colour blindness too (tests/config/test_contrast.py); hidden
# small counts get their own neutral sand colour so they never look like a low value.
BIN_COLOURS = ("#c6dbef", "#8fbfe0", "#4a98c9", "#1764ab", "#08306b")
SMALL_COLOUR = "#d8cfc0"
NO_DATA_COLOUR = "#eef0f2"
# Fill of a municipality outside the chosen partnerships, and the opacity of member fills.
PLAIN_FILL = [238, 240, 242, 255]
MEMBER_ALPHA = 190
# A dark edge around every member ring and member area: the Okabe–Ito yellow, orange and sky blue
# have less than 3:1 against the light background, the edge gives each mark that contrast.
EDGE = rgb(MUTED)
# A municipality without boundaries and outside the chosen partnerships: a small grey dot.
GREY_DOT = [154, 165, 177, 170]
# Streamlit falls back to Carto's tiles when a deck has no map style, which an offline server
# cannot reach. This inline MapLibre style (a plain background, no sources, no fonts) needs no
# outside request at all.
OFFLINE_STYLE = "data:application/json," + quote(json.dumps(
    {"version": 8, "sources": {}, "layers": [
        {"id": "achtergrond", "type": "background", "paint": {"background-color": "#f7f9fb"}}
    ]}, separators=(",", ":"),
))  # fmt: skip
# Labour-market regions (arbeidsmarktregio's): drawn as dark outlines, never filled, so the five
# cases' fills and rings stay readable on top of 35 regions.
REGION_KIND = "arbeidsmarktregio"
REGION_EDGE_HEX = "#1f2933"
REGION_LINE = [*rgb(REGION_EDGE_HEX), 200]
REGION_LINE_WIDTH = 900
# Members further apart than this are joined by an arc (twinning across the ocean).
ARC_MIN_KM = 150


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def region_outlines(regions: pd.DataFrame) -> pd.DataFrame:
    """One row per polygon part of each region (code, name, polygon rings)."""
    rows = []
    for r in regions.itertuples():
        geometry = json.loads(r.geometry)
        parts = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        rows += [{"code": r.code, "naam": r.name, "polygon": rings} for rings in parts]
    return pd.DataFrame(rows)


def partnership_colours(codes: list[str]) -> dict[str, list[int]]:
    return {code: rgb(colour(i)) for i, code in enumerate(codes)}


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
                            # What a click on the arc opens (components/drawing/deck_map.py).
                            "samenwerking_code": p_code,
                            "naam": f"{a['area_name']} – {b['area_name']}",
                            "samenwerkingen": markup(a["partnership_name"]),
                            "rollen": t("kaart.afstand", km=f"{km_between(a['lat'], a['lon'], b['lat'], b['lon']):,.0f}".replace(",", ".")),
                            "programmas": "", "cijfer": "", "area_code": "",
                        }
                    )  # fmt: skip
    return pd.DataFrame(rows)


def area_info(
    areas: pd.DataFrame,
    members: pd.DataFrame,
    programmes: dict[str, list[str]],
    counts: dict[str, int],
    year: int,
    threshold: int,
    shown: dict[str, Count] | None = None,
) -> pd.DataFrame:
    """Tooltip lines per municipality, in Dutch. Columns: area_code, lat, lon, and TOOLTIP_FIELDS,
    plus aantal (the count), verborgen (whether it is hidden) and bin (its colour bin). `shown`
    holds each count as the year's decision shows it; a hidden one gets the bin of hidden counts
    and a radius that tells nothing. Organisations without a place of their own are listed with
    the member municipalities of their partnership."""
    # One pass over the members in plain Python. Grouping the frame per municipality made ~350
    # small frames (an Arrow take for every column of each), and the organisations were filtered
    # per municipality again: together most of the CPU of building a map, under load too.
    parts_of: dict[str, list[str]] = {}
    roles_of: dict[str, list[str]] = {}
    ids_of: dict[str, set] = {}
    loose: list[tuple[object, str]] = []  # organisations without a place: (partnership, name)
    for r in members.itertuples():
        organisation = r.organisation_name if isinstance(r.organisation_name, str) else None
        if not isinstance(r.area_code, str):
            if organisation is not None:
                loose.append((r.partnership_id, organisation))
            continue
        parts_of.setdefault(r.area_code, []).append(r.partnership_name)
        roles_of.setdefault(r.area_code, []).append(
            (f"{organisation}: " if organisation is not None else "") + r.role
        )
        ids_of.setdefault(r.area_code, set()).add(r.partnership_id)
    rows = []
    for a in areas.itertuples():
        parts = list(dict.fromkeys(parts_of.get(a.code, [])))
        roles = list(roles_of.get(a.code, []))
        if a.code in ids_of:
            ids = ids_of[a.code]
            orgs = [name for pid, name in loose if pid in ids]
            if orgs:
                roles.append(t("kaart.tip_organisaties", namen=", ".join(dict.fromkeys(orgs))))
        n = counts.get(a.code, 0)
        fate = (shown or {}).get(a.code)
        hidden = fate.hidden if fate is not None else is_small(n, threshold)
        label = fate.label if fate is not None else shown_figure(n, threshold)
        rows.append(
            {
                "area_code": a.code,
                "lat": float(a.lat),
                "lon": float(a.lon),
                "naam": a.name,
                # The tooltip is HTML (TOOLTIP): names in it are data, their tags entities.
                "samenwerkingen": markup(t("kaart.tip_samenwerkingen", namen=", ".join(parts)))
                if parts else t("kaart.tip_geen_samenwerking"),
                "rollen": markup(t("kaart.tip_rol", rollen="; ".join(roles))) if roles else "",
                "programmas": markup(t("kaart.tip_programmas",
                                       namen=", ".join(programmes.get(a.code, []))))
                if programmes.get(a.code) else "",
                "cijfer": t("kaart.tip_cijfer", jaar=year, aantal=label),
                "aantal": n,
                "verborgen": hidden,
                "bin": SMALL_BIN if hidden else figure_bin(n, threshold),
            }
        )  # fmt: skip
    return pd.DataFrame(rows)


def bin_colours(threshold: int) -> dict[str, list[int]]:
    """Colour per figure bin, 'geen' and 'klein' included."""
    labels = bin_labels(threshold)
    out = {NO_DATA_BIN: rgb(NO_DATA_COLOUR), SMALL_BIN: rgb(SMALL_COLOUR)}
    out.update({label: rgb(BIN_COLOURS[i]) for i, label in enumerate(labels)})
    return out


def member_rings(info: pd.DataFrame, members: pd.DataFrame, colours: dict[str, list[int]]):
    """One ring per (area, partnership) at the centroid; an area in several partnerships gets
    concentric rings (Leiden: Holland Rijnland and Bonaire–Leiden)."""
    located = members.dropna(subset=["area_code"])
    by_code = info.set_index("area_code")
    rows = []
    for code, group in located.groupby("area_code", sort=False):
        if code not in by_code.index:
            continue
        for ring, p_code in enumerate(dict.fromkeys(group["partnership_code"])):
            row = by_code.loc[code]
            rows.append(
                {
                    **{f: row[f] for f in TOOLTIP_FIELDS if f != "area_code"},
                    "area_code": code, "lat": row["lat"], "lon": row["lon"],
                    "radius": 3500 + 2200 * ring, "kleur": colours[p_code],
                }
            )  # fmt: skip
    return pd.DataFrame(rows)


def polygons(boundaries: pd.DataFrame, info: pd.DataFrame, fills: dict[str, list[int]],
             lines: dict[str, list[int]]) -> pd.DataFrame:  # fmt: skip
    """One row per polygon part (a MultiPolygon gives several) with its outer ring and holes,
    fill and line colour, and the tooltip fields of its municipality."""
    # Plain dicts: a .loc per municipality (~350) cost more than the rest of the layer.
    by_code = {r["area_code"]: r for r in info.to_dict("records")}
    rows = []
    for b in boundaries.itertuples():
        row = by_code.get(b.area_code)
        if row is None:
            continue
        geometry = json.loads(b.geometry)
        parts = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        for rings in parts:
            rows.append(
                {
                    **{f: row[f] for f in TOOLTIP_FIELDS if f != "area_code"},
                    "area_code": b.area_code, "polygon": rings,
                    "vulling": fills.get(b.area_code, PLAIN_FILL),
                    "lijn": lines.get(b.area_code, [255, 255, 255]),
                    "lijndikte": 600 if b.area_code in lines else 80,
                }
            )  # fmt: skip
    return pd.DataFrame(rows)


def partnership_deck(
    members: pd.DataFrame,
    info: pd.DataFrame,
    colours: dict[str, list[int]],
    view: str = "nederland",
    boundaries: pd.DataFrame | None = None,
    colour_by: str = "samenwerking",
    threshold: int = 10,
    basemap: str = "geen",
    regions: pd.DataFrame | None = None,
    bin_fill: dict[str, list[int]] | None = None,
    view_state: pdk.ViewState | None = None,
    label_size: int = 15,
) -> pdk.Deck:
    """The partnership map.

    With boundaries: every municipality a polygon, members filled in their partnership's colour
    (colour_by='samenwerking') or all filled by their figure bin with members outlined
    (colour_by='cijfer'). Without: a marker per municipality at its centroid, sized and coloured by
    the figure in 'cijfer' mode. Always: rings in partnership colours, and arcs between far-apart
    members. basemap='carto' draws Carto's light tiles (internet, no token); otherwise no tiles.
    Labour-market regions are no rings or fills: their outlines (`regions`, from
    region_boundary) lie on top, so forty partnerships stay readable. `bin_fill` replaces the
    colours of the figure bins (a map of a public measure, domain.context classes).
    `view_state`: where the map looks (default VIEWS[view]); `label_size`: the inset's names.
    """
    members = members[members["partnership_kind"] != REGION_KIND]
    first_colour: dict[str, list[int]] = {}
    for r in members.dropna(subset=["area_code"]).itertuples():
        first_colour.setdefault(r.area_code, colours[r.partnership_code])
    by_bin = bin_fill or bin_colours(threshold)
    figure_fill = {r.area_code: [*by_bin[r.bin], 230] for r in info.itertuples()}
    layers = []
    shapes = None if boundaries is None or boundaries.empty else boundaries
    drawn = set(shapes["area_code"]) if shapes is not None else set()
    if shapes is not None:
        if colour_by == "cijfer":
            fills, lines = figure_fill, first_colour
        else:
            fills = {c: [*rgb_, MEMBER_ALPHA] for c, rgb_ in first_colour.items()}
            lines = {c: EDGE for c in first_colour}
        layers.append(
            pdk.Layer(
                "PolygonLayer", polygons(shapes, info, fills, lines), id="gebieden",
                get_polygon="polygon", get_fill_color="vulling", get_line_color="lijn",
                get_line_width="lijndikte", line_width_min_pixels=0.5, stroked=True, filled=True,
                pickable=True, auto_highlight=True,
            )
        )  # fmt: skip
    if regions is not None and not regions.empty:
        layers.append(
            pdk.Layer(
                "PolygonLayer", region_outlines(regions), id="regios",
                get_polygon="polygon", get_line_color=REGION_LINE, get_fill_color=[0, 0, 0, 0],
                get_line_width=REGION_LINE_WIDTH, line_width_min_pixels=1.5, stroked=True,
                filled=False, pickable=False,
            )
        )  # fmt: skip
    points = info[~info["area_code"].isin(drawn)].copy()
    if not points.empty:
        if colour_by == "cijfer":
            points["vulling"] = [figure_fill[c] for c in points["area_code"]]
            # A hidden count's dot has one size for all: its radius must not give it back.
            points["straal"] = [
                1200 + 60 * math.sqrt(0 if hidden else n)
                for n, hidden in zip(points["aantal"], points["verborgen"], strict=True)
            ]
        else:
            points["vulling"] = [
                [*first_colour[c], MEMBER_ALPHA] if c in first_colour else GREY_DOT
                for c in points["area_code"]
            ]
            points["straal"] = [
                2500.0 if c in first_colour else 1500.0 for c in points["area_code"]
            ]
        layers.append(
            pdk.Layer(
                "ScatterplotLayer", points.drop(columns=["aantal", "verborgen"]), id="middelpunten",
                get_position=["lon", "lat"], get_radius="straal", get_fill_color="vulling",
                radius_min_pixels=2, pickable=True, auto_highlight=True,
            )
        )  # fmt: skip
    # Arcs under the rings: at a member's dot a click opens the municipality, not the arc.
    arc_rows = arcs(members, colours)
    if not arc_rows.empty:
        layers.append(
            pdk.Layer(
                "ArcLayer", arc_rows, id="bogen",
                get_source_position=["van_lon", "van_lat"], get_target_position=["naar_lon", "naar_lat"],
                get_source_color="kleur", get_target_color="kleur", get_width=3, pickable=True,
            )
        )  # fmt: skip
    rings = member_rings(info, members, colours)
    layers.append(
        pdk.Layer(
            "ScatterplotLayer", rings, id="randen", get_position=["lon", "lat"],
            get_radius="radius", get_line_color=EDGE, filled=False, stroked=True,
            line_width_min_pixels=5, radius_min_pixels=5, pickable=False,
        )
    )  # fmt: skip
    layers.append(
        pdk.Layer(
            "ScatterplotLayer", rings, id="leden",
            get_position=["lon", "lat"], get_radius="radius", get_line_color="kleur",
            get_fill_color=[255, 255, 255, 0], stroked=True, filled=True,
            line_width_min_pixels=3, radius_min_pixels=5, pickable=True,
        )
    )  # fmt: skip
    if view == "caribisch":
        # The inset is small: name the islands so Bonaire reads as a place, not a dot.
        labels = island_labels(info)
        layers.append(
            pdk.Layer(
                "TextLayer", labels, id="namen",
                get_position=["lon", "lat"], get_text="naam", get_size=label_size,
                get_color=[31, 41, 51], get_pixel_offset="verschuiving",
                get_text_anchor="anker", pickable=False,
                # Quoted: pydeck would otherwise read a plain string as an accessor.
                font_family=f'"{FONT}"',
            )
        )  # fmt: skip
    carto = basemap == "carto"
    return pdk.Deck(
        layers=layers,
        initial_view_state=view_state or VIEWS[view],
        map_provider="carto" if carto else None,
        map_style=pdk.map_styles.CARTO_LIGHT if carto else OFFLINE_STYLE,
        tooltip=TOOLTIP,
    )


def island_labels(info: pd.DataFrame) -> pd.DataFrame:
    """The names of the Caribbean public bodies (south of 20° N), each above its dot; a dot with
    another one just north of it (Sint Eustatius, below Saba) gets its name below instead. A lone
    island (Kaart's inset, centred on Bonaire) gets it centred."""
    islands = info.loc[info["lat"] < CARIBBEAN_LATITUDE, ["naam", "lat", "lon"]]
    offsets = []
    for lat, lon in zip(islands["lat"], islands["lon"], strict=True):
        crowded = ((islands["lat"] > lat) & (islands["lat"] - lat < 1)
                   & ((islands["lon"] - lon).abs() < 1)).any()  # fmt: skip
        offsets.append([0, 22 if crowded else -22])
    # Each name runs from its dot towards the middle, so no name runs off the side of the inset.
    middle = (islands["lon"].min() + islands["lon"].max()) / 2
    anchors = [
        "middle" if len(islands) < 2 else ("end" if lon > middle else "start")
        for lon in islands["lon"]
    ]
    return islands.assign(verschuiving=offsets, anker=anchors)


def area_bounds(boundaries: pd.DataFrame, municipalities: pd.DataFrame) -> dict[str, mv.Bounds]:
    """What each view shows whole: European Netherlands as far as its municipal boundaries reach
    (their centres without boundaries), and the Caribbean public bodies with room for their
    names."""
    european = municipalities[municipalities["lat"] >= CARIBBEAN_LATITUDE]
    caribbean = municipalities[municipalities["lat"] < CARIBBEAN_LATITUDE]
    shapes = boundaries[boundaries["area_code"].isin(european["code"])]
    return {
        "nederland": mv.geometry_bounds(shapes["geometry"])
        or mv.point_bounds(european["lat"], european["lon"])
        or mv.NETHERLANDS,
        "caribisch": (mv.point_bounds(caribbean["lat"], caribbean["lon"]) or mv.BONAIRE).padded(
            0.3
        ),
    }


def frame_views(frame: str, found: dict[str, mv.Bounds]) -> dict[str, pdk.ViewState]:
    """The views of a frame of FRAMES, fitted to `found` (area_bounds) at the frame's size."""
    views = {}
    for name, (width, height) in FRAMES[frame].items():
        lat, lon, zoom = mv.fitted_view(found[name], width, height)
        views[name] = pdk.ViewState(latitude=lat, longitude=lon, zoom=round(zoom, 3))
    return views


def legend_entries(
    partnerships: pd.DataFrame, order: dict[str, int], kinds: bool = True
) -> list[tuple[str, str]]:
    """(label, colour) per partnership, in the colours the map uses; `kinds` adds its kind."""
    return [(f"{r.name} ({t(f'soort.{r.kind}')})" if kinds else str(r.name), colour(order[r.code]))
            for r in partnerships.itertuples()]  # fmt: skip


def figure_legend_entries(threshold: int) -> list[tuple[str, str]]:
    """(label, colour) per figure bin: none, hidden small counts, then the ranges."""
    colours = [NO_DATA_COLOUR, SMALL_COLOUR, *BIN_COLOURS]
    labels = [t("kaart.bin_geen"), t("kaart.bin_klein", drempel=threshold),
              *bin_labels(threshold)]  # fmt: skip
    return list(zip(labels, colours, strict=False))


def context_legend_entries(edges: list[float], unit: str = "") -> list[tuple[str, str]]:
    """(label, colour) per class of a public measure: no figure, then the classes low to high."""
    from domain.formatting import fmt_decimal

    colours = [NO_DATA_COLOUR, *BIN_COLOURS[: len(edges) + 1]]
    labels = [t("kaart.bin_geen_cbs")]
    bounds = [None, *edges, None]
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        if lo is None:
            labels.append(t("kaart.bin_tot", tot=fmt_decimal(hi, 1) + unit))
        elif hi is None:
            labels.append(t("kaart.bin_vanaf", vanaf=fmt_decimal(lo, 1) + unit))
        else:
            labels.append(f"{fmt_decimal(lo, 1)}{unit} – {fmt_decimal(hi, 1)}{unit}")
    return list(zip(labels, colours, strict=True))


def context_bin_fill(edges: list[float]) -> dict[str, list[int]]:
    """Fill colour per class key ('geen', '0', '1', ...) of a public measure's map."""
    out = {NO_DATA_BIN: rgb(NO_DATA_COLOUR)}
    out.update({str(i): rgb(BIN_COLOURS[i]) for i in range(len(edges) + 1)})
    return out


# The static map for print: European Netherlands in degrees, y stretched by 1/cos(52°) so the
# country keeps its shape without map tiles or outside topojson (kaleido renders it offline).
NL_LON, NL_LAT = (3.2, 7.3), (50.7, 53.6)
LAT_STRETCH = 1 / math.cos(math.radians(52))
# Caribbean Netherlands (south of CARIBBEAN_LATITUDE) go in the inset, top left (North Sea).
INSET_X, INSET_Y = (0.0, 0.27), (0.70, 1.0)
LABEL_AT_MOST = 4
LABEL_SIZE = 12  # px at the map's 480 px width
# A name stands this far (degrees of longitude, ~40 px) beside its point, clear of the largest
# ring, and names on one side at least this far (degrees of latitude, ~2 lines) apart.
LABEL_DX, LABEL_GAP = 0.38, 0.11


# North of about this latitude the Caribbean inset fills the map's left side (its lower edge
# at INSET_Y[0] of the height, less a margin for the legend below the map).
INSET_BOTTOM_LAT = NL_LAT[0] + (INSET_Y[0] - 0.05) * (NL_LAT[1] - NL_LAT[0])


def _name_beside(fig: go.Figure, points: pd.DataFrame, inset: bool) -> None:
    """Each point's name beside it with a thin line to it (domain.map_labels): drawn after the
    rings, on a white ground, so that neither a ring nor another name covers it; with an inset,
    names north of its lower edge go right, clear of it."""
    labels = place(list(zip(points["lon"], points["lat"], strict=True)), LABEL_DX, LABEL_GAP,
                   right_above=INSET_BOTTOM_LAT if inset else None)  # fmt: skip
    for label, row in zip(labels, points.itertuples(), strict=True):
        fig.add_annotation(
            x=row.lon, y=row.lat, ax=label.x, ay=label.y, axref="x", ayref="y",
            text=markup(row.area_name), showarrow=True, arrowhead=0, arrowwidth=0.8,
            arrowcolor="#52606d", standoff=6, font={"size": LABEL_SIZE, "color": "#1f2933"},
            xanchor="right" if label.side == "left" else "left", bgcolor="rgba(255,255,255,0.85)",
        )  # fmt: skip


def outline_path(boundaries: pd.DataFrame) -> tuple[list, list]:
    """Every ring of every shape as one line, separated by None: one Plotly trace draws all
    342 municipal borders (a trace per municipality made the briefing slow to build and draw)."""
    xs: list = []
    ys: list = []
    for b in boundaries.itertuples():
        geometry = json.loads(b.geometry)
        parts = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        for rings in parts:
            for ring in rings:
                xs += [p[0] for p in ring] + [None]
                ys += [p[1] for p in ring] + [None]
    return xs, ys


def static_partner_figure(
    areas: pd.DataFrame,
    members: pd.DataFrame,
    colours: dict[str, list[int]],
    boundaries: pd.DataFrame | None = None,
) -> go.Figure:
    """Municipal borders (CBS/PDOK; a grey dot per centroid without them), members a ring in their
    partnership's colour with their name; Caribbean members in a boxed inset. Labour-market
    regions get no rings. For PNG and PDF (no tiles, no internet)."""
    from components.shell.style import house_layout

    members = members[members["partnership_kind"] != REGION_KIND]
    fig = go.Figure()
    europe = areas[areas["lat"] >= CARIBBEAN_LATITUDE]
    if boundaries is not None and not boundaries.empty:
        xs, ys = outline_path(boundaries)
        fig.add_scatter(
            x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False, name="grenzen",
            line={"width": 0.5, "color": "rgb(154,165,177)"},
        )  # fmt: skip
    else:
        fig.add_scatter(
            x=europe["lon"], y=europe["lat"], mode="markers", hoverinfo="skip", showlegend=False,
            marker={"size": 3, "color": "rgb(154,165,177)"},
        )  # fmt: skip
    located = members.dropna(subset=["area_code", "lat"]).drop_duplicates(
        ["partnership_code", "area_code"]
    )
    caribbean = located[located["lat"] < CARIBBEAN_LATITUDE]
    named = []  # European members whose name is printed, placed after the rings
    for ring, (p_code, group) in enumerate(located.groupby("partnership_code", sort=False)):
        colour_ = "rgb({},{},{})".format(*colours[p_code])
        for inset, part in ((False, group[group["lat"] >= CARIBBEAN_LATITUDE]),
                            (True, group[group["lat"] < CARIBBEAN_LATITUDE])):  # fmt: skip
            if part.empty:
                continue
            # Names only where they do not pile up; the legend names the partnership.
            if not inset and len(part) <= LABEL_AT_MOST:
                named.append(part)
            fig.add_scatter(
                x=part["lon"], y=part["lat"], text=part["area_name"],
                mode="markers+text" if inset else "markers",
                textposition="top center", textfont={"size": LABEL_SIZE},
                name=markup(part["partnership_name"].iloc[0]),
                showlegend=not inset, legendgroup=p_code, hoverinfo="skip",
                marker={"size": 9 + 5 * ring, "color": "rgba(0,0,0,0)",
                        "line": {"color": colour_, "width": 2.5}},
                xaxis="x2" if inset else "x", yaxis="y2" if inset else "y",
            )  # fmt: skip
    if named:
        _name_beside(fig, pd.concat(named).drop_duplicates("area_code"), not caribbean.empty)
    hidden_axis = {"visible": False, "showgrid": False, "zeroline": False}
    fig.update_layout(
        xaxis={**hidden_axis, "range": list(NL_LON)},
        yaxis={**hidden_axis, "range": list(NL_LAT), "scaleanchor": "x",
               "scaleratio": LAT_STRETCH},
    )  # fmt: skip
    if not caribbean.empty:
        lon, lat = float(caribbean["lon"].mean()), float(caribbean["lat"].mean())
        fig.update_layout(
            xaxis2={**hidden_axis, "domain": list(INSET_X), "range": [lon - 0.5, lon + 0.5],
                    "anchor": "y2"},
            yaxis2={**hidden_axis, "domain": list(INSET_Y), "range": [lat - 0.3, lat + 0.35],
                    "anchor": "x2"},
        )  # fmt: skip
        fig.add_shape(
            type="rect", xref="paper", yref="paper", x0=INSET_X[0], x1=INSET_X[1],
            y0=INSET_Y[0], y1=INSET_Y[1], line={"color": "#9aa5b1", "width": 1},
        )  # fmt: skip
        fig.add_annotation(
            text=t("briefing.kaart_inzet"), xref="paper", yref="paper", x=INSET_X[0] + 0.01,
            y=INSET_Y[0] + 0.01, xanchor="left", yanchor="bottom", showarrow=False,
            font={"size": 10, "color": "#52606d"},
        )  # fmt: skip
    fig = house_layout(fig, None, height=520)
    fig.update_layout(
        width=480, margin={"l": 5, "r": 5, "t": 5, "b": 5},
        legend={"orientation": "h", "y": 0, "yanchor": "top", "x": 0, "font": {"size": 11}},
    )  # fmt: skip
    return fig

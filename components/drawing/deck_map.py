"""The monitor's own map element: a pydeck Deck drawn by deck.gl in a Streamlit component.

Why not `st.pydeck_chart`: deck.gl counts a press as a click only when the page handles pointerup
at most 250 ms after pointerdown, and it picks (in software WebGL: slowly) on pointerdown. On a
busy machine that lost clicks on the map (issue 25), and Streamlit gives no way to change it. The
component (deck_frontend/kaart.js) counts a press that did not move as a click however long the
page was busy, picks once, and sends what it found: a municipality or a partnership (an arc).

deck.gl 9.3.8 and @deck.gl/json 9.3.8 are vendored from the npm registry (MIT, see
deck_frontend/PROVENANCE.md): nothing is fetched at run time.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypedDict

import pydeck as pdk
import streamlit as st
import streamlit.components.v1 as components

from components.shell.i18n import t
from domain.map_view import Bounds

FRONTEND = Path(__file__).with_name("deck_frontend")
_component = components.declare_component("samenwerkingskaart", path=str(FRONTEND))

# Carto's light raster tiles (no token), drawn only when a deployment chose basemap "carto".
CARTO_TILES = "https://basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png"


class Choice(TypedDict):
    soort: str  # "gemeente" (a municipality's area) or "samenwerking" (an arc)
    code: str  # its code: GM0518, or the partnership's code
    klik: int  # the click's number on this map: a second click on the same place is new


def chosen(value: Any) -> Choice | None:
    """The click a map sent, or None for anything else (no click yet, an unknown kind)."""
    if not isinstance(value, dict):
        return None
    kind, code = value.get("soort"), value.get("code")
    if kind not in ("gemeente", "samenwerking") or not isinstance(code, str) or not code:
        return None
    return Choice(soort=kind, code=code, klik=int(value.get("klik") or 0))


def deck_map(
    deck: pdk.Deck,
    *,
    height: int,
    key: str,
    title: str,
    description: str = "",
    on_choose: Callable[[Choice], None] | None = None,
    basemap: str = "geen",
    fit: Bounds | None = None,
) -> None:
    """Draw `deck` (its JSON made once, components.views.map_view.serialised) `height` px high.

    `title` names the map for screen readers (the frame's title), `description` says what it
    shows. With `on_choose`, a click on a municipality or an arc calls it with the Choice before
    the next run; without, the map only shows (tooltips, pan and zoom). With `fit`, the map
    opens on the view that shows those bounds whole at the frame's own width, on a phone as on a
    projector (the deck's own view otherwise)."""

    def clicked() -> None:
        choice = chosen(st.session_state.get(key))
        if choice is not None and on_choose is not None:
            on_choose(choice)

    carto = basemap == "carto"
    _component(
        spec=deck.to_json(),
        tooltip=getattr(deck, "_tooltip", None),
        height=height,
        titel=title,
        beschrijving=description or title,
        kiesbaar=on_choose is not None,
        passend=[fit.west, fit.south, fit.east, fit.north] if fit else None,
        knoppen={
            "in": t("kaart.knop_in"),
            "uit": t("kaart.knop_uit"),
            "terug": t("kaart.knop_terug"),
        },  # fmt: skip
        fout=t("kaart.fout_webgl"),
        tegels=CARTO_TILES if carto else "",
        bron="© OpenStreetMap, © CARTO" if carto else "",
        key=key,
        default=None,
        on_change=clicked if on_choose is not None else None,
    )

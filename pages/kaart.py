"""Kaart: who works with whom, where, and on what."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.drawing import alt_text, charts, maps
from components.drawing.deck_map import Choice, deck_map
from components.shell import data, filters, layout
from components.shell.filters import Selection
from components.shell.guard import render_safely
from components.shell.i18n import t
from components.views.map_view import map_view
from components.views.member_listing import Listing, member_listing, shown_partnerships
from domain import context as ctx
from domain.literal import md

PROFILE_PAGE = "pages/gemeente.py"
PARTNERSHIP_PAGE = "pages/trajecten.py"
# Set by a click's callback: the page to open at the start of the next run.
GO_TO = "kaart_naar"


def _open_profile(code: str | None) -> None:
    """Callback: remember the municipality before the next run draws the sidebar filter."""
    if code:
        st.session_state["f_gemeente"] = code
        st.session_state[GO_TO] = PROFILE_PAGE


def _open_partnership(code: str) -> None:
    """Callback: the partnership's figures (Trajecten), chosen in the sidebar filter; a chosen
    programme of another partnership would leave nothing to show, so the choice is cleared."""
    st.session_state["f_samenwerking"] = code
    st.session_state["f_programma"] = None
    st.session_state[GO_TO] = PARTNERSHIP_PAGE


def _on_map_click(choice: Choice) -> None:
    if choice["soort"] == "gemeente":
        _open_profile(choice["code"])
    elif choice["code"] in set(data.partnerships()["code"]):
        _open_partnership(choice["code"])


def page_filters(municipalities: pd.DataFrame) -> tuple[str | None, str | None, str]:
    kinds = [None, *sorted(data.partnerships()["kind"].unique())]
    kind = filters.page_select(
        "f_kaart_soort", t("kaart.filter_soort"), kinds,
        lambda k: t("filters.alle") if k is None else t(f"soort.{k}"),
    )  # fmt: skip
    provinces = [None, *sorted(municipalities["province"].dropna().unique())]
    province = filters.page_select(
        "f_kaart_provincie", t("kaart.filter_provincie"), provinces,
        lambda p: t("filters.alle") if p is None else p,
    )  # fmt: skip
    colour_by = filters.page_select(
        "f_kaart_kleur", t("kaart.kleur"), ["samenwerking", *ctx.MAP_MEASURES, "cijfer"],
        lambda c: t(f"kaart.kleur_{c}"), widget=st.radio,
    )  # fmt: skip
    return kind, province, colour_by


def member_tables(listing: Listing) -> None:
    """The cases' members in a table that wraps its text to fit a laptop, each case's kind,
    start and source under it; the regions' hundreds of municipalities in a grid of their own,
    folded while there are cases to read (the download holds both, with every column)."""
    if not listing.cases.empty:
        layout.plain_table(listing.cases)
        st.caption("  \n".join(listing.case_lines))
    if listing.regions.empty:
        return
    heading = t("kaart.regios_kop", gemeenten=len(listing.regions))
    with st.expander(heading, expanded=listing.cases.empty):
        st.dataframe(listing.regions, hide_index=True, width="stretch")
        if listing.regions_line:
            st.caption(listing.regions_line)


def render() -> None:
    if target := st.session_state.pop(GO_TO, None):
        st.switch_page(target)
    layout.header("kaart")
    sel = filters.current()
    areas = data.municipalities()
    kind, province, colour_by = page_filters(areas)
    programmes = data.programmes()
    partnerships = shown_partnerships(sel.partnership, kind, sel.year, province, sel.programme)
    ids = tuple(int(i) for i in partnerships["id"])
    if partnerships.empty or data.partnership_members(ids).empty:
        st.info(t("kaart.leeg", jaar=sel.year))
        layout.definitions()
        return

    threshold = data.settings().suppress_below
    chosen_programmes = programmes[programmes["code"] == sel.programme]["id"]
    view = map_view(
        sel.year, ids, tuple(int(i) for i in chosen_programmes), colour_by, name_programmes=True
    )
    members, info = view.members, view.info
    all_codes = list(data.partnerships()["code"])
    boundaries = data.area_boundaries()

    # The country fits its frame at every width (a phone too); the inset stays on Bonaire, the
    # one Caribbean member, close enough to show the island.
    fits = {"nederland": view.bounds["nederland"]}
    main, inset = st.columns([3, 1])
    for column, name, height in ((main, "nederland", 600), (inset, "caribisch", 600)):
        with column:
            st.markdown(f"**{t(f'kaart.weergave_{name}')}**")
            deck_map(
                view.decks[name], height=height, key=f"kaart_{name}",
                title=t("kaart.kaart_titel", weergave=t(f"kaart.weergave_{name}")),
                description=t("kaart.intro"), on_choose=_on_map_click,
                basemap=data.settings().map_basemap, fit=fits.get(name),
            )  # fmt: skip

    cases = partnerships[partnerships["kind"] != maps.REGION_KIND]
    order = {code: i for i, code in enumerate(all_codes)}
    legend = maps.legend_entries(cases, order)
    if colour_by == "cijfer":
        st.markdown(t("kaart.legenda_cijfer", jaar=sel.year))
        legend = maps.figure_legend_entries(threshold)
    elif colour_by in ctx.MAP_MEASURES:
        st.markdown(t(f"kaart.legenda_{colour_by}", jaar=view.measure_year))
        unit = " %" if colour_by == "netto_arbeidsparticipatie" else ""
        legend = maps.context_legend_entries(view.edges, unit)
    else:
        st.markdown(t("kaart.legenda_samenwerking"))
    if len(cases) < len(partnerships):
        legend = [*legend, (t("kaart.legenda_regio"), maps.REGION_EDGE_HEX)]
    st.image(charts.legend_svg(legend), alt=alt_text.legend_text(legend))
    if colour_by == "cijfer":
        st.caption(md(alt_text.figure_map_sentence(info, sel.year, threshold)))
    elif colour_by in ctx.MAP_MEASURES:
        st.caption(t(f"kaart.bron_{colour_by}", jaar=view.measure_year))
    listing = member_listing(ids)
    st.caption(md(listing.sentence))
    if boundaries.empty:
        st.caption(t("kaart.uitleg_zonder_grenzen"))
    else:
        st.caption(t("kaart.uitleg_grenzen", jaar=int(boundaries["year"].max())))
    if colour_by == "cijfer":
        layout.fictional_notice(Selection(sel.year, sel.partnership, sel.programme))

    names = dict(zip(info["area_code"], info["naam"], strict=True))
    member_codes = list(dict.fromkeys(members["area_code"].dropna()))
    col1, col2 = st.columns([3, 1], vertical_alignment="bottom")
    chosen = col1.selectbox(
        t("kaart.kies_gemeente"), member_codes, format_func=names.get, index=None,
        placeholder=t("kaart.kies_placeholder"), key="kaart_keuze",
    )  # fmt: skip
    col2.button(
        t("kaart.naar_profiel"), disabled=chosen is None, on_click=_open_profile, args=(chosen,)
    )

    st.subheader(t("kaart.tabel_kop"))
    member_tables(listing)
    layout.table_download(listing.table, "samenwerkingen_leden", key="dl_kaart")
    layout.definitions()


render_safely(render)

"""Kaart: who works with whom, where."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import charts, data, filters, layout, maps
from components.guard import render_safely
from components.i18n import t
from components.style import colour
from domain.formatting import fmt_date


def render() -> None:
    layout.header("kaart")
    sel = filters.current()
    partnerships = data.partnerships()
    if sel.partnership:
        partnerships = partnerships[partnerships["code"] == sel.partnership]
    members = data.partnership_members(tuple(int(i) for i in partnerships["id"]))
    if members.empty:
        st.info(t("kaart.leeg"))
        return
    colours = maps.partnership_colours(list(data.partnerships()["code"]))
    order = {code: i for i, code in enumerate(data.partnerships()["code"])}

    view = st.radio(
        t("kaart.weergave"),
        ["nederland", "caribisch"],
        format_func=lambda v: t(f"kaart.weergave_{v}"),
        horizontal=True,
        key="kaart_weergave",
    )
    background = data.municipalities()
    st.pydeck_chart(
        maps.partnership_deck(members, background, colours, view),
        height=560,
        width="stretch",
    )
    entries = [
        (f"{r.name} ({t(f'soort.{r.kind}')})", colour(order[r.code]))
        for r in partnerships.itertuples()
    ]
    st.plotly_chart(
        charts.legend_figure(entries), width="stretch", config={"staticPlot": True}, key="legenda"
    )
    st.caption(t("kaart.uitleg"))

    areas = members[members["member_type"] == "gemeente"]
    names = dict(zip(areas["area_code"], areas["area_name"], strict=False))
    col1, col2 = st.columns([3, 1], vertical_alignment="bottom")
    chosen = col1.selectbox(
        t("kaart.kies_gemeente"), list(names), format_func=names.get, index=None,
        placeholder=t("kaart.kies_placeholder"),
    )  # fmt: skip
    if col2.button(t("kaart.naar_profiel"), disabled=chosen is None):
        st.session_state["f_gemeente"] = chosen
        st.switch_page("pages/gemeente.py")

    st.subheader(t("kaart.tabel_kop"))
    table = pd.DataFrame(
        {
            t("kolom.samenwerking"): members["partnership_name"],
            t("kolom.soort"): [t(f"soort.{k}") for k in members["partnership_kind"]],
            t("kolom.lid"): members["organisation_name"].fillna(members["area_name"]),
            t("kolom.gemeente"): members["area_name"].fillna("–"),
            t("kolom.rol"): members["role"],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
    layout.table_download(table, "samenwerkingen_leden", key="dl_kaart")
    st.caption(
        t("kaart.bronnen")
        + " "
        + "; ".join(
            f"{r.name}: {r.source_title} ({r.source_publisher}, {fmt_date(r.source_date)})"
            for r in partnerships.itertuples()
        )
    )
    layout.definitions()


render_safely(render)

"""Trajecten: how many people reached each stage, for the cohort registered in the chosen year."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import charts, data, filters, layout, scope
from components.guard import render_safely
from components.i18n import t
from domain.formatting import fmt_pct
from domain.funnel import funnel_table
from domain.suppression import display_count, hide_parts


def render() -> None:
    layout.header("trajecten")
    layout.fictional_notice()
    sel = filters.current()
    threshold = data.settings().suppress_below
    f = scope.trajectory_filter(sel, data.partnerships(), data.programmes())
    counts = data.funnel_counts(f)
    row = counts.iloc[0].to_dict() if not counts.empty else {}
    if not row or int(row.get("aanmelding", 0)) == 0:
        st.info(t("trajecten.leeg", jaar=sel.year))
        return
    table = funnel_table(row, threshold)
    st.plotly_chart(
        charts.funnel_figure(table, t("trajecten.grafiek_titel", jaar=sel.year)),
        width="stretch",
        config={"displaylogo": False},
    )
    st.caption(
        t(
            "trajecten.grafiek_alt",
            jaar=sel.year,
            aangemeld=table["shown"].iloc[0],
            geplaatst=table["shown"].iloc[4],
        )
    )

    placed = int(row["geplaatst"])
    parts = {"werk": int(row["geplaatst_werk"]), "opleiding": int(row["geplaatst_opleiding"])}
    hidden = hide_parts(placed, parts, threshold)
    c1, c2 = st.columns(2)
    c1.metric(t("trajecten.werk"), display_count(parts["werk"], threshold, "werk" in hidden))
    c2.metric(
        t("trajecten.opleiding"),
        display_count(parts["opleiding"], threshold, "opleiding" in hidden),
    )

    shown = pd.DataFrame(
        {
            t("kolom.fase"): table["label"],
            t("kolom.aantal"): table["shown"],
            t("kolom.van_vorige"): [fmt_pct(v) for v in table["from_previous"]],
            t("kolom.van_aanmelding"): [fmt_pct(v) for v in table["from_top"]],
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch")
    layout.table_download(shown, f"trechter_{sel.year}", key="dl_trechter")
    layout.data_date()
    layout.definitions()


render_safely(render)

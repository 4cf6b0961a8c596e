"""Doelen: is each programme on course for its target?"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components import charts, data, filters, layout
from components.guard import render_safely
from components.i18n import t
from domain.formatting import fmt_date, fmt_int, fmt_pct
from domain.pace import Status, pace
from domain.suppression import display_count, is_small
from domain.targets import group_targets, overlapping

# Colour-blind-safe status colours; the status is always also written out in words.
STATUS_COLOURS = {
    Status.ON_TRACK: "#009E73",
    Status.MET: "#009E73",
    Status.BEHIND: "#E69F00",
    Status.WELL_BEHIND: "#D55E00",
    Status.NOT_MET: "#D55E00",
    Status.NOT_STARTED: "#9aa5b1",
}


def as_of_date(programme_id: int) -> date:
    """Pace is judged on the date the programme's data runs to, never after today."""
    status = data.data_status().set_index("programme_id")
    until = status["data_until"].get(programme_id)
    return min(date.today(), until) if isinstance(until, date) else date.today()


def render() -> None:
    layout.header("doelen")
    layout.fictional_notice()
    sel = filters.current()
    threshold = data.settings().suppress_below
    programmes = data.programmes().set_index("id")
    if sel.programme:
        programmes = programmes[programmes["code"] == sel.programme]
    elif sel.partnership:
        pid = int(data.partnerships().set_index("code").loc[sel.partnership, "id"])
        programmes = programmes[programmes["partnership_id"] == pid]
    groups = overlapping(
        group_targets(data.targets(tuple(int(i) for i in programmes.index))),
        date(sel.year, 1, 1),
        date(sel.year, 12, 31),
    )
    if not groups:
        st.info(t("doelen.leeg", jaar=sel.year))
        return
    area_names = data.municipalities(include_merged=True).set_index("code")["name"]
    rows = []
    columns = st.columns(3)
    for i, group in enumerate(groups):
        name = programmes.loc[group.programme_id, "name"]
        heading = f"{name} – {area_names[group.area_code]}" if group.area_code else name
        realised = data.realised(
            group.programme_id, group.metric, group.period_start, group.period_end, group.area_code
        )
        p = pace(
            group.value, realised, group.period_start, group.period_end,
            as_of_date(group.programme_id),
        )  # fmt: skip
        status_text = t(f"status.{p.status.value}")
        with columns[i % 3].container(border=True):
            st.markdown(f"**{heading}**")
            st.plotly_chart(
                charts.gauge_figure(
                    realised,
                    group.value,
                    p.expected,
                    name,
                    STATUS_COLOURS[p.status],
                    hidden=is_small(realised, threshold),
                ),  # fmt: skip
                width="stretch",
                config={"displaylogo": False},
                key=f"gauge_{i}",
            )
            st.markdown(f"**{status_text}**")
            st.caption(
                t(
                    "doelen.uitleg_meter",
                    metriek=t(f"metriek.{group.metric}"),
                    gerealiseerd=display_count(realised, threshold),
                    doel=fmt_int(group.value),
                    van=fmt_date(group.period_start),
                    tot=fmt_date(group.period_end),
                    verwacht=fmt_int(p.expected),
                )
            )
            if len(group.parts) > 1:
                st.caption(" + ".join(f"{label}: {fmt_int(v)}" for label, v in group.parts))
        rows.append(
            {
                t("kolom.programma"): heading,
                t("kolom.metriek"): t(f"metriek.{group.metric}"),
                t(
                    "kolom.periode"
                ): f"{fmt_date(group.period_start)} – {fmt_date(group.period_end)}",
                t("kolom.doel"): fmt_int(group.value),
                t("kolom.gerealiseerd"): display_count(realised, threshold),
                t("kolom.verwacht_nu"): fmt_int(p.expected),
                t("kolom.verstreken"): fmt_pct(p.elapsed),
                t("kolom.prognose"): fmt_int(p.forecast),
                t("kolom.status"): status_text,
            }
        )
    st.subheader(t("doelen.tabel_kop"))
    table = pd.DataFrame(rows)
    st.dataframe(table, hide_index=True, width="stretch")
    layout.table_download(table, f"doelen_{sel.year}", key="dl_doelen")
    layout.data_date()
    layout.definitions()


render_safely(render)

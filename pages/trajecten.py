"""Trajecten: the funnel of a registration cohort, comparisons, lead times, drop-out and trend."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from components.drawing import context_lines, figures
from components.shell import data, filters, layout, scope
from components.shell.guard import render_safely
from components.shell.i18n import t, t_md
from components.views import time_to_placement
from components.views import trajecten_controls as controls
from components.views.trajecten_view import (
    dropout_section,
    funnel_frame,
    funnel_of,
    lead_section,
    trend_section,
)
from domain.formatting import fmt_date
from domain.funnel import compare_table
from domain.literal import md
from domain.origin import Origin
from domain.suppression import cell_label

PLOT_CONFIG = {"displaylogo": False}


def comparison(f, threshold: int, year: int, hidden: dict, found: Origin) -> None:
    st.subheader(t("trajecten.vergelijk_kop"))
    st.caption(t("trajecten.vergelijk_uitleg"))
    controls.hr_preset_button()
    dim = controls.dimension()
    if dim is None:
        return
    if dim == "jaar":
        # Years are chosen first and only their span is counted: a comparison of two cohorts
        # need not read every year of a million trajectories.
        first, last = data.year_range() or (year, year)
        options = list(range(last, first - 1, -1))
        labels = {y: str(y) for y in options}
        chosen = controls.groups(dim, options, labels, [year - 1, year])
        span = (min(chosen, default=year), max(chosen, default=year))
        f = replace(f, registered_from=date(span[0], 1, 1), registered_to=date(span[1], 12, 31))
    grouped = data.funnel_counts(controls.without_dimension(f, dim), dim)
    grouped = grouped[grouped["aanmelding"] > 0].reset_index(drop=True)
    # Plain Python values: they go into the URL and must match the widget's options.
    grouped["group"] = [
        None if pd.isna(g) else g if isinstance(g, str) else int(g) for g in grouped["group"]
    ]
    if dim != "jaar":
        labels = controls.group_labels(dim)
        chosen = controls.groups(dim, list(grouped["group"]), labels, list(grouped["group"]))
    if len(chosen) < 2:
        st.info(t("trajecten.kies_groepen"))
        return
    # The groups may add up to the page's funnel: its hidden stages stay hidden in their sum.
    long = compare_table(grouped, labels, chosen, threshold, hidden)
    title = t(f"trajecten.titel_{dim}")
    st.plotly_chart(figures.compare(long, title), width="stretch", config=PLOT_CONFIG)
    st.caption(t("trajecten.vergelijk_alt"))
    shown = pd.concat(
        [
            funnel_frame(part).assign(**{t("kolom.groep"): name})
            for name, part in long.groupby("name", sort=False)
        ]
    )
    shown = shown[[t("kolom.groep"), *shown.columns[:-1]]]
    with st.expander(t("trajecten.tabel_vergelijk")):
        layout.plain_table(shown)
        layout.table_downloads(shown, f"vergelijking_{dim}", key="dl_vergelijk", found=found)
    time_to_placement.render(
        controls.without_dimension(f, dim), dim, chosen, labels, threshold, found
    )


def lead_times(f, threshold: int, found: Origin) -> None:
    st.subheader(t("trajecten.doorloop_kop"))
    section = lead_section(f, threshold)
    if section.figure is None:
        st.info(t("trajecten.doorloop_leeg"))
    else:
        st.plotly_chart(section.figure, width="stretch", config=PLOT_CONFIG)
        st.caption(md(section.sentence))
    layout.plain_table(section.table)
    layout.table_downloads(section.table, "doorlooptijden", key="dl_doorloop", found=found)


def dropout(f, funnel_row: dict, hidden: dict, threshold: int, found: Origin) -> None:
    st.subheader(t("trajecten.uitval_kop"))
    st.caption(t("trajecten.uitval_uitleg"))
    shown = dropout_section(f, funnel_row, hidden, threshold).table
    layout.plain_table(shown)
    layout.table_downloads(shown, "uitval_per_fase", key="dl_uitval", found=found)


def trend(f, threshold: int, hidden: dict, found: Origin) -> None:
    st.subheader(t("trajecten.trend_kop"))
    section = trend_section(f, threshold, hidden)
    st.plotly_chart(section.figure, width="stretch", config=PLOT_CONFIG)
    st.caption(t("trajecten.trend_alt"))
    with st.expander(t("trajecten.tabel_trend")):
        layout.plain_table(section.table)
        layout.table_downloads(section.table, "trend_per_maand", key="dl_trend", found=found)


def render() -> None:
    layout.header("trajecten")
    sel = filters.current()
    found = layout.fictional_notice(sel)
    if context_lines.region_without_trajectories(sel.partnership):
        layout.definitions()
        return
    threshold = data.settings().suppress_below
    base = scope.trajectory_filter(sel, data.partnerships(), data.programmes())
    page = controls.page_filters(sel.year, base.programme_ids)
    f = replace(
        base,
        registered_from=page.registered_from,
        registered_to=page.registered_to,
        provider_ids=(page.provider_id,) if page.provider_id is not None else (),
        placement_type=page.placement_type,
    )
    period = t("trajecten.periode", van=fmt_date(f.registered_from), tot=fmt_date(f.registered_to))
    funnel = funnel_of(f, threshold, t("trajecten.grafiek_titel", periode=period))
    if funnel is None:
        st.info(t("trajecten.leeg", periode=period))
    else:
        row, hidden, table = funnel.row, funnel.hidden, funnel.table
        st.plotly_chart(funnel.figure, width="stretch", config=PLOT_CONFIG)
        shown_of = dict(zip(table["stage"], table["shown"], strict=True))
        st.caption(
            t_md("trajecten.grafiek_alt", periode=period, aangemeld=shown_of["aanmelding"],
              geplaatst=shown_of["geplaatst"], duurzaam=shown_of["duurzaam"])
        )  # fmt: skip
        c1, c2 = st.columns(2)
        for column, key, part in (
            (c1, "werk", "geplaatst_werk"),
            (c2, "opleiding", "geplaatst_opleiding"),
        ):
            column.metric(t(f"trajecten.{key}"), cell_label(row[part], threshold, hidden[part]))
        with st.expander(t("trajecten.tabel_trechter"), expanded=True):
            layout.plain_table(funnel.shown)
            layout.table_downloads(funnel.shown, "trechter", key="dl_trechter", found=found)
        comparison(f, threshold, sel.year, hidden, found)
        lead_times(f, threshold, found)
        dropout(f, row, hidden, threshold, found)
        trend(f, threshold, hidden, found)
    layout.data_date()
    with st.expander(t("trajecten.definities_kop")):
        s = data.settings()
        st.markdown(t("trajecten.definities", maanden=s.lasting_months, drempel=s.suppress_below))
        st.markdown(t("tijd_tot_plaatsing.definities", drempel=s.suppress_below))
    layout.definitions()


render_safely(render)

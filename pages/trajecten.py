"""Trajecten: the funnel of a registration cohort, comparisons, lead times, drop-out and trend."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from components import (
    alt_text,
    context_lines,
    data,
    figures,
    filters,
    layout,
    scope,
    time_to_placement,
)
from components import trajecten_controls as controls
from components.guard import render_safely
from components.i18n import t
from domain.formatting import fmt_date, fmt_decimal, fmt_pct
from domain.funnel import (
    NO_DROPOUT,
    compare_table,
    dropout_table,
    funnel_mask,
    funnel_table,
    trend_table,
)
from domain.leadtime import lead_time_table
from domain.stages import stage_labels
from domain.suppression import cell_label

PLOT_CONFIG = {"displaylogo": False}


def _funnel_frame(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("kolom.fase"): table["label"],
            t("kolom.aantal"): table["shown"],
            t("kolom.van_vorige"): [fmt_pct(v) for v in table["from_previous"]],
            t("kolom.van_aanmelding"): [fmt_pct(v) for v in table["from_top"]],
        }
    )


def comparison(f, threshold: int, year: int, hidden: dict) -> None:
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
            _funnel_frame(part).assign(**{t("kolom.groep"): name})
            for name, part in long.groupby("name", sort=False)
        ]
    )
    shown = shown[[t("kolom.groep"), *shown.columns[:-1]]]
    with st.expander(t("trajecten.tabel_vergelijk")):
        layout.plain_table(shown)
        layout.table_downloads(shown, f"vergelijking_{dim}", key="dl_vergelijk")
    time_to_placement.render(controls.without_dimension(f, dim), dim, chosen, labels, threshold)


def lead_times(f, threshold: int) -> None:
    st.subheader(t("trajecten.doorloop_kop"))
    lead = lead_time_table(data.lead_time_histogram(f), threshold)
    if lead["hidden"].all():
        st.info(t("trajecten.doorloop_leeg"))
    else:
        st.plotly_chart(
            figures.lead_time(lead, t("trajecten.doorloop_titel"), t("trajecten.dagen")),
            width="stretch",
            config=PLOT_CONFIG,
        )
        st.caption(alt_text.lead_time_sentence(lead))
    lead_shown = pd.DataFrame(
        {
            t("kolom.stap"): lead["label"],
            t("kolom.mediaan"): [fmt_decimal(v, 0) for v in lead["median"]],
            t("kolom.p25"): [fmt_decimal(v, 0) for v in lead["p25"]],
            t("kolom.p75"): [fmt_decimal(v, 0) for v in lead["p75"]],
        }
    )
    layout.plain_table(lead_shown)
    layout.table_downloads(lead_shown, "doorlooptijden", key="dl_doorloop")


def dropout(f, funnel_row: dict, hidden: dict, threshold: int) -> None:
    st.subheader(t("trajecten.uitval_kop"))
    st.caption(t("trajecten.uitval_uitleg"))
    counts, mask = dropout_table(funnel_row, hidden, data.dropout_by_stage(f), threshold)
    names = {"totaal": t("kolom.totaal_niet_verder"), NO_DROPOUT: t("trajecten.geen_uitval")}
    shown = pd.DataFrame(
        {
            names.get(c, str(c).capitalize()): [
                cell_label(int(n), threshold, bool(h))
                for n, h in zip(counts[c], mask[c], strict=True)
            ]
            for c in counts.columns
        }
    )
    shown.insert(0, t("kolom.laatste_fase"), [stage_labels()[s] for s in counts.index])
    layout.plain_table(shown)
    layout.table_downloads(shown, "uitval_per_fase", key="dl_uitval")


def trend(f, threshold: int, hidden: dict) -> None:
    st.subheader(t("trajecten.trend_kop"))
    table = trend_table(data.funnel_counts(f, "maand"), threshold, hidden)
    names = {"aanmelding": t("kolom.aangemeld"), "geplaatst": t("kolom.geplaatst")}
    st.plotly_chart(
        figures.trend(table, t("trajecten.trend_titel"), names),
        width="stretch",
        config=PLOT_CONFIG,
    )
    st.caption(t("trajecten.trend_alt"))
    shown = pd.DataFrame(
        {
            t("kolom.maand"): [controls.month_name(m) for m in table["month"]],
            names["aanmelding"]: table["aanmelding_shown"],
            names["geplaatst"]: table["geplaatst_shown"],
        }
    )
    with st.expander(t("trajecten.tabel_trend")):
        layout.plain_table(shown)
        layout.table_downloads(shown, "trend_per_maand", key="dl_trend")


def render() -> None:
    layout.header("trajecten")
    layout.fictional_notice()
    sel = filters.current()
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
    counts = data.funnel_counts(f)
    row = counts.iloc[0].to_dict() if not counts.empty else {}
    if not row or int(row.get("aanmelding") or 0) == 0:
        st.info(t("trajecten.leeg", periode=period))
    else:
        row = {k: int(v or 0) for k, v in row.items()}
        hidden = funnel_mask(pd.DataFrame([row]), threshold, partition=False).iloc[0].to_dict()
        table = funnel_table(row, threshold, hidden)
        st.plotly_chart(
            figures.funnel(table, t("trajecten.grafiek_titel", periode=period)),
            width="stretch",
            config=PLOT_CONFIG,
        )
        shown_of = dict(zip(table["stage"], table["shown"], strict=True))
        st.caption(
            t("trajecten.grafiek_alt", periode=period, aangemeld=shown_of["aanmelding"],
              geplaatst=shown_of["geplaatst"], duurzaam=shown_of["duurzaam"])
        )  # fmt: skip
        c1, c2 = st.columns(2)
        for column, key, part in (
            (c1, "werk", "geplaatst_werk"),
            (c2, "opleiding", "geplaatst_opleiding"),
        ):
            column.metric(t(f"trajecten.{key}"), cell_label(row[part], threshold, hidden[part]))
        with st.expander(t("trajecten.tabel_trechter"), expanded=True):
            shown = _funnel_frame(table)
            layout.plain_table(shown)
            layout.table_downloads(shown, "trechter", key="dl_trechter")
        comparison(f, threshold, sel.year, hidden)
        lead_times(f, threshold)
        dropout(f, row, hidden, threshold)
        trend(f, threshold, hidden)
    layout.data_date()
    with st.expander(t("trajecten.definities_kop")):
        s = data.settings()
        st.markdown(t("trajecten.definities", maanden=s.lasting_months, drempel=s.suppress_below))
        st.markdown(t("tijd_tot_plaatsing.definities", drempel=s.suppress_below))
    layout.definitions()


render_safely(render)

"""Doelen: is each programme on course for its target?"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components import alt_text, charts, context_lines, data, figures, filters, gauges, layout
from components import target_status as ts
from components.guard import render_safely
from components.i18n import t
from components.style import colour
from domain import targets as tg
from domain.formatting import fmt_date, fmt_int, fmt_pct
from domain.pace import pace, withheld
from domain.suppression import display_count, hide_parts

COLUMNS = 3  # gauges per row: readable on a laptop and on a projector
# Pixels: the history chart in its popover, wide enough for four month labels.
HISTORY_WIDTH = 560


def period_label(key: str | None, year: int) -> str:
    if key is None:
        return t("doelen.alle_perioden", jaar=year)
    start, end = (date.fromisoformat(part) for part in key.split("_"))
    return f"{fmt_date(start)} – {fmt_date(end)}"


def table_row(name: str, g: tg.TargetGroup, p, shown: str, hidden: bool, as_of: date) -> dict:
    return {
        t("kolom.programma"): name,
        t("kolom.metriek"): t(f"metriek.{g.metric}"),
        t("kolom.periode"): f"{fmt_date(g.period_start)} – {fmt_date(g.period_end)}",
        t("kolom.doel"): fmt_int(g.value),
        t("kolom.opbouw_doel"): " + ".join(f"{label} {fmt_int(v)}" for label, v in g.parts),
        t("kolom.gerealiseerd"): shown,
        t("kolom.percentage"): gauges.percentage(p, hidden),
        t("kolom.peildatum"): fmt_date(as_of),
        t("kolom.verwacht_nu"): fmt_int(p.expected),
        t("kolom.verstreken"): fmt_pct(p.elapsed),
        t("kolom.prognose"): "–" if hidden or p.forecast is None else fmt_int(p.forecast),
        t("kolom.bereikt"): gauges.reached_cell(p, hidden),
        t("kolom.status"): gauges.status_text(p),
        t("kolom.stand"): t("doelen.stand_eind") if p.final else t("doelen.stand_tussen"),
    }


def draw_gauge(name: str, g: tg.TargetGroup, area_names: pd.Series, threshold: int) -> list[dict]:
    """One card: gauge, status, forecast, members and history. Returns the card's table rows."""
    measured = ts.measure(g, threshold)
    p, realised, hidden, shown = measured.pace, measured.realised, measured.hidden, measured.shown
    as_of, member_counts = measured.as_of, measured.member_counts
    st.markdown(f"**{name}**")
    st.caption(
        t("doelen.meter_kop", metriek=t(f"metriek.{g.metric}"), van=fmt_date(g.period_start),
          tot=fmt_date(g.period_end))
    )  # fmt: skip
    figure = figures.gauge(
        realised, g.value, p.expected, None, gauges.STATUS_COLOURS[p.status], hidden=hidden,
        parts=g.parts if len(g.parts) > 1 and not g.members else (), hidden_text=shown,
    )  # fmt: skip
    st.plotly_chart(figure, width="stretch", config=charts.STATIC_CONFIG)
    st.markdown(gauges.status_line(p))
    st.caption(gauges.progress_text(p, shown, as_of, hidden))
    st.caption(gauges.forecast_text(p, g.period_start, g.period_end, hidden))
    if len(g.parts) > 1 and not g.members and not hidden:
        st.caption(gauges.parts_text(p, g.parts))
    rows = [table_row(name, g, p, shown, hidden, as_of)]
    if g.members:
        counts = {m.area_code: int(member_counts.get(m.area_code, 0)) for m in g.members}
        secret = hide_parts(realised, counts, threshold)
        members = []
        for m in g.members:
            mp = pace(m.value, counts[m.area_code], m.period_start, m.period_end, as_of)
            m_hidden = m.area_code in secret
            mp = withheld(mp, threshold) if m_hidden else mp
            m_shown = display_count(counts[m.area_code], threshold, hidden=m_hidden)
            member_name = f"{name} – {area_names.get(m.area_code, m.area_code)}"
            rows.append(table_row(member_name, m, mp, m_shown, m_hidden, as_of))
            members.append(
                {
                    t("kolom.gemeente"): area_names.get(m.area_code, m.area_code),
                    t("kolom.doel"): fmt_int(m.value),
                    t("kolom.gerealiseerd"): m_shown,
                    t("kolom.status"): f"{gauges.STATUS_ICONS[mp.status]} {gauges.status_text(mp)}",
                }
            )
        layout.plain_table(pd.DataFrame(members))
    args = (g.programme_id, g.metric, g.period_start, g.period_end)
    monthly = data.monthly_realised(*args, g.area_codes)
    table = tg.history(monthly, g, as_of, threshold)
    if table is None:
        st.caption(t("doelen.verloop_te_klein"))
        return rows
    # Behind a button: a popover draws its content only when opened, and five history charts
    # with their tables made Doelen ~0.5 s slower to draw than the gauges alone.
    with st.popover(t("doelen.verloop_knop"), icon=":material/show_chart:"):
        names = {k: t(f"doelen.verloop_{k}") for k in ("cumulative", "target")}
        st.plotly_chart(
            figures.history(table, names, colour(0)), width=HISTORY_WIDTH,
            config={"displaylogo": False},
        )  # fmt: skip
        st.caption(alt_text.history_sentence(table))
        layout.plain_table(
            pd.DataFrame({
                t("kolom.maand"): table["label"],
                names["cumulative"]: [fmt_int(v) if v == v and v is not None else "–"
                                      for v in table["cumulative"]],
                names["target"]: [fmt_int(round(v)) for v in table["target_cumulative"]],
            })
        )  # fmt: skip
    return rows


def render() -> None:
    layout.header("doelen")
    layout.fictional_notice()
    sel = filters.current()
    if context_lines.region_without_trajectories(sel.partnership):
        layout.definitions()
        return
    threshold = data.settings().suppress_below
    programmes = ts.scope_programmes(sel)
    groups = ts.year_groups(programmes, sel.year)
    if not groups:
        st.info(t("doelen.leeg", jaar=sel.year))
        layout.definitions()
        return
    left, right = st.columns([1, 2])
    choice = filters.page_choice(
        "f_periode", "periode", t("doelen.periode"), [None, *tg.periods(groups)],
        lambda key: period_label(key, sel.year), container=left,
    )  # fmt: skip
    right.caption(t("doelen.peildatum_uitleg", vandaag=fmt_date(date.today())))
    area_names = data.municipalities(include_merged=True).set_index("code")["name"]
    rows = []
    columns = st.columns(COLUMNS)
    for i, g in enumerate(tg.in_period(groups, choice)):
        name = programmes.loc[g.programme_id, "name"]
        if g.area_code:
            name = f"{name} – {area_names.get(g.area_code, g.area_code)}"
        with columns[i % COLUMNS].container(border=True):
            rows += draw_gauge(name, g, area_names, threshold)
    st.subheader(t("doelen.tabel_kop"))
    table = pd.DataFrame(rows)
    layout.plain_table(table)
    layout.table_download(table, f"doelen_{sel.year}", key="dl_doelen")
    layout.data_date()
    layout.definitions()


render_safely(render)

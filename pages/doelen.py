"""Doelen: is each programme on course for its target?"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components.drawing import charts, context_lines
from components.shell import data, filters, layout
from components.shell.filters import Selection
from components.shell.guard import render_safely
from components.shell.i18n import t
from components.views import target_status as ts
from components.views.target_cards import card
from domain import targets as tg
from domain.formatting import fmt_date
from domain.literal import md

# The cards' container: a grid of as many columns as fit (components/shell/style.py FOCUS_CSS).
CARDS_KEY = "meters"
# Pixels: the history chart in its popover, wide enough for four month labels.
HISTORY_WIDTH = 560


def period_label(key: str | None, year: int) -> str:
    if key is None:
        return t("doelen.alle_perioden", jaar=year)
    start, end = (date.fromisoformat(part) for part in key.split("_"))
    return f"{fmt_date(start)} – {fmt_date(end)}"


def draw_gauge(name: str, g: tg.TargetGroup, threshold: int) -> tuple[list[dict], list[dict]]:
    """One card: gauge, status, forecast, members and history. Returns the card's rows of the
    table below the cards: for the download (every column) and for the screen (fewer)."""
    c = card(name, g, threshold, date.today())
    st.markdown(f"**{md(name)}**")
    st.caption(md(c.caption))
    st.plotly_chart(c.figure, width="stretch", config=charts.STATIC_CONFIG)
    st.markdown(c.status_line)
    for text in c.texts:
        st.caption(md(text))
    if c.members is not None:
        layout.plain_table(c.members)
    if c.history is None:
        st.caption(md(c.history_note))
        return list(c.rows), list(c.screen_rows)
    # Behind a button: a popover draws its content only when opened, and five history charts
    # with their tables made Doelen ~0.5 s slower to draw than the gauges alone.
    with st.popover(t("doelen.verloop_knop"), icon=":material/show_chart:"):
        st.plotly_chart(c.history.figure, width=HISTORY_WIDTH, config={"displaylogo": False})
        st.caption(md(c.history.sentence))
        layout.plain_table(c.history.table)
    return list(c.rows), list(c.screen_rows)


def render() -> None:
    layout.header("doelen")
    sel = filters.current()
    found = layout.fictional_notice(Selection(sel.year, sel.partnership, sel.programme))
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
    rows, screen_rows = [], []
    with st.container(key=CARDS_KEY):
        for g in tg.in_period(groups, choice):
            name = programmes.loc[g.programme_id, "name"]
            if g.area_code:
                name = f"{name} – {area_names.get(g.area_code, g.area_code)}"
            with st.container(border=True):
                card_rows, card_screen_rows = draw_gauge(name, g, threshold)
            rows += card_rows
            screen_rows += card_screen_rows
    st.subheader(t("doelen.tabel_kop"))
    # On screen in fewer columns, to fit a laptop; the download has every column.
    layout.plain_table(pd.DataFrame(screen_rows))
    table = pd.DataFrame(rows)
    layout.table_download(table, f"doelen_{sel.year}", key="dl_doelen", found=found)
    layout.data_date()
    layout.definitions()


render_safely(render)

"""Overzicht: the national picture of all partnerships at a glance."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.drawing import context_lines
from components.shell import data, filters, layout
from components.shell.filters import Selection
from components.shell.guard import render_safely
from components.shell.i18n import t
from components.views.overview import overview
from domain import context_line
from domain.literal import md


def context(sel: filters.Selection, cases: pd.DataFrame, regions: pd.DataFrame) -> None:
    """The CBS context line of each case, or of the partnership chosen in the sidebar (a region
    says it has no trajectories); the regions' figures in a closed expander."""
    chosen = context_lines.chosen(sel.partnership)
    if chosen is not None and context_line.is_region(chosen["kind"]):
        context_lines.no_trajectories(chosen)
    context_lines.show(cases if chosen is None else chosen.to_frame().T)
    if regions.empty:
        return
    with st.expander(t("context_regel.regios_kop", aantal=len(regions))):
        st.caption(t("context_regel.regios_uitleg"))
        table = context_lines.regions_table()
        st.dataframe(table, hide_index=True, width="stretch")
        layout.table_download(table, "arbeidsmarktregios", key="dl_regios")


def merged_members(cases: pd.DataFrame) -> None:
    """Under the table: where a partnership's source names a municipality that has merged into
    another since, its two counts (the table counts today's municipalities, as the slides do)."""
    members, areas = data.partnership_members(), data.municipalities(include_merged=True)
    for pid, name in zip(cases["id"], cases["name"], strict=True):
        note = context_line.merged_members_note(members, areas, int(pid), str(name))
        if note:
            st.caption(md(note))


def sources(rows: tuple[tuple[str, str], ...]) -> None:
    """Under the table: each row's source (the download has them in a column)."""
    if rows:
        lines = [t("overzicht.bronnen_kop")]
        lines += [
            t("overzicht.bron_regel", naam=md(name), bron=md(source)) for name, source in rows
        ]
        st.caption("  \n".join(lines))


def render() -> None:
    layout.header("overzicht")
    sel = filters.current()
    # Overzicht counts by partnership and programme; its municipality choice is Gemeente's.
    found = layout.fictional_notice(Selection(sel.year, sel.partnership, sel.programme))
    view = overview(sel.year, sel.programme, sel.partnership, data.settings().suppress_below)
    layout.tiles(list(view.tiles))
    st.subheader(t("overzicht.lijst_kop"))
    # A table of a few rows that fits a laptop by wrapping its names; its sources follow it.
    layout.plain_table(view.screen_table)
    if view.legend:
        st.caption(md(view.legend))
    merged_members(view.cases)
    sources(view.sources)
    layout.table_download(view.table, f"samenwerkingen_{sel.year}", key="dl_overzicht", found=found)
    context(sel, view.cases, view.regions)
    if view.bar is not None:
        st.subheader(view.bar_title)
        st.plotly_chart(view.bar, width="stretch", config={"displaylogo": False})
        layout.chart_text(view.bar_sentence, view.bar_table)
    else:
        st.info(t("overzicht.geen_plaatsingen", jaar=sel.year))
    layout.data_date()
    layout.definitions()


render_safely(render)

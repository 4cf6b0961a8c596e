"""Briefing: a one-minute read for a wethouder about a municipality or partnership."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components.drawing import alt_text, charts
from components.drawing.chart_export import file_name, png_download
from components.shell import filters, layout
from components.shell.guard import render_safely
from components.shell.i18n import t
from components.views import briefing, decks
from domain.literal import md

PLOT_CONFIG = {"displaylogo": False}
GAUGE_COLUMNS = 3  # gauges per row, as on Doelen


def headline_tiles(view: briefing.BriefingView) -> None:
    for column, h in zip(st.columns(len(view.content.headlines)), view.content.headlines,
                         strict=True):  # fmt: skip
        column.metric(h.label, h.value, h.change, border=True)
        column.caption(md(h.explanation))


def targets(view: briefing.BriefingView, year: int) -> None:
    st.subheader(t("briefing.doelen_kop"))
    if not view.content.gauges:
        st.caption(t("briefing.geen_doelen", jaar=year))
        return
    st.caption(t("briefing.doelen_uitleg"))
    columns = st.columns(GAUGE_COLUMNS)
    for i, (line, fig) in enumerate(zip(view.content.gauges, view.gauge_figures, strict=True)):
        with columns[i % GAUGE_COLUMNS].container(border=True):
            st.markdown(f"**{md(line.name)}**")
            st.caption(md(line.heading))
            st.plotly_chart(fig, width="stretch", config=charts.STATIC_CONFIG, key=f"meter_{i}")
            st.markdown(f"{line.icon} **{md(line.status)}**")
            st.caption(md(line.progress))
            st.caption(md(line.forecast))
            png_download(fig, f"{line.name} {year}", key=f"png_meter_{i}")


def funnel(view: briefing.BriefingView, title: str) -> None:
    st.subheader(view.content.texts["trechter_kop"])
    st.caption(md(view.content.funnel_note))
    if view.funnel_figure is None:
        return
    st.plotly_chart(view.funnel_figure, width="stretch", config=PLOT_CONFIG, key="trechter")
    rows = view.content.funnel
    layout.chart_text(
        alt_text.funnel_sentence([(stage, shown) for stage, shown, _ in rows]),
        pd.DataFrame(rows, columns=view.content.texts["trechter_kolommen"].split("|")),
    )
    png_download(view.funnel_figure, f"trechter {title}", key="png_trechter")


def partners(view: briefing.BriefingView) -> None:
    if view.static_map is None:
        return
    st.subheader(t("briefing.partners_kop"))
    layout.plain_table(
        pd.DataFrame(view.content.partners, columns=[t("kolom.samenwerking"), t("kolom.partners")])
    )
    st.markdown(f"**{t('briefing.kaart_kop')}**")
    st.caption(view.content.map_caption)
    # The same map as in the PDF: what is on screen is what gets printed. Drawn as a plain chart,
    # not a deck.gl map, which cost this page ~0.3 s to draw; Kaart has the interactive one.
    st.plotly_chart(view.static_map, width="content", config=charts.STATIC_CONFIG, key="kaart")
    st.caption(md(alt_text.map_sentence(view.members)))
    png_download(view.static_map, "kaart partners", key="png_kaart")


def render() -> None:
    layout.header("briefing")
    sel = filters.current()
    view = briefing.shared(sel, date.today())
    content = view.content
    st.header(md(content.title))
    if sel.programme:
        # The briefing is about a partnership or a municipality as a whole, so that its figures
        # are the same ones Overzicht and the slides show for it.
        st.caption(t("briefing.programma_genegeerd"))
    layout.fictional_notice(briefing.scope_of(sel))
    left, middle, right = st.columns([1, 1.25, 1.75], vertical_alignment="center")
    left.download_button(
        t("briefing.download_pdf"), data=lambda: briefing.pdf(view),
        file_name=file_name(f"briefing {content.title}", "pdf"),
        mime="application/pdf", key="dl_briefing_pdf", on_click="ignore", type="primary",
    )  # fmt: skip
    middle.download_button(
        t("briefing.download_pptx"), data=decks.briefing_file(sel, date.today()),
        file_name=file_name(f"briefing {content.title}", "pptx"),
        mime=decks.PPTX_MIME, key="dl_briefing_pptx", on_click="ignore",
    )  # fmt: skip
    right.caption(t("briefing.download_uitleg"))
    if content.no_trajectories:
        st.info(md(content.no_trajectories))
    else:
        headline_tiles(view)
        st.caption(md(content.comparison))
        st.caption(md(content.placements))
        if content.own_programmes:
            st.caption(md(content.own_programmes))
    if content.context:
        st.subheader(content.texts["context_kop"])
        st.caption(content.texts["context_uitleg"])
        st.markdown("\n".join(f"- {md(line)}" for line in content.context))
    targets(view, sel.year)
    funnel(view, content.title)
    if content.placement_time:
        st.markdown(md(content.placement_time))
    partners(view)

    st.subheader(t("briefing.bronnen_kop"))
    st.markdown("\n".join(f"- {md(line)}" for line in content.sources))
    layout.data_date()
    layout.share_link(t("briefing.link_kop"), t("briefing.link_uitleg"))
    st.caption(t("briefing.afdrukken"))
    layout.definitions()


render_safely(render)

"""Presentatie: a projector view that steps through the national map and each partnership."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components.drawing import alt_text, charts, context_lines, figures, gauges, maps
from components.drawing.chart_export import file_name
from components.shell import data, filters, layout
from components.shell.filters import Selection
from components.shell.guard import calm, render_safely
from components.shell.i18n import t
from components.shell.style import FOCUS_CSS
from components.views import decks, slides
from components.views import time_to_placement as placement
from components.views.map_view import map_view
from components.views.overview import SLIDE_HEADLINES, partnership_numbers
from domain import context_line
from domain.literal import md

SLIDE_PARAM = "dia"  # the slide number in the URL, so a link opens that slide
# Static CSS only, never data: no sidebar, large type and black on white for a projector. Captions
# are black too: Streamlit fades them to 60 %, which leaves #666 (5.7:1).
PROJECTOR_CSS = """
<style>
[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'],
[data-testid='stExpandSidebarButton'] { display: none !important; }
[data-testid='stAppViewContainer'], [data-testid='stMain'] { background: #ffffff; color: #000000; }
[data-testid='stMain'] h1 { font-size: 3.2rem; color: #000000; }
[data-testid='stMain'] p, [data-testid='stMain'] li { font-size: 1.5rem; color: #000000; }
[data-testid='stMetricLabel'] p { font-size: 1.5rem !important; color: #000000; }
[data-testid='stMetricValue'], [data-testid='stMetricValue'] * {
  font-size: 4rem !important; font-weight: 700; color: #000000; line-height: 1.1; }
[data-testid='stCaptionContainer'] p { font-size: 1.25rem; color: #000000; }
[data-testid='stBaseButton-secondary'] p { font-size: 1.4rem; }
</style>
"""
HEADLINES = SLIDE_HEADLINES  # the three big numbers of a partnership
MAP_HEIGHT = 520  # fits a 1080p projector below the numbers


def slide_number(count: int) -> int:
    """The slide the URL asks for, 1..count; anything else (text, out of range) is slide 1."""
    try:
        number = int(st.query_params.get(SLIDE_PARAM, "1"))
    except ValueError:
        return 1
    return number if 1 <= number <= count else 1


def _go_to(number: int) -> None:
    st.query_params[SLIDE_PARAM] = str(number)


def navigation(number: int, count: int) -> None:
    back, counter, forward = st.columns([1, 1, 1], vertical_alignment="center")
    back.button(t("presentatie.vorige"), disabled=number <= 1, on_click=_go_to,
                args=(number - 1,), shortcut="ArrowLeft", width="stretch", key="dia_vorige")  # fmt: skip
    counter.markdown(
        f"**{t('presentatie.teller', nummer=number, totaal=count)}**", text_alignment="center"
    )
    forward.button(t("presentatie.volgende"), disabled=number >= count, on_click=_go_to,
                   args=(number + 1,), shortcut="ArrowRight", width="stretch",
                   key="dia_volgende")  # fmt: skip


def national_slide(year: int, threshold: int) -> None:
    st.title(t("presentatie.titel_landelijk", jaar=year))
    partnerships = context_line.cases(data.partnerships())

    def numbers() -> None:
        layout.tiles([(label, value, None) for label, value in slides.national_tiles(year)])
        own = slides.own_programmes_line(year)
        if own:
            st.markdown(own)

    def partner_map() -> None:
        view = map_view(year)
        main, inset = st.columns([3, 1])
        for column, name in ((main, "nederland"), (inset, "caribisch")):
            with column:
                st.markdown(f"**{t(f'kaart.weergave_{name}')}**")
                st.pydeck_chart(view.decks[name], height=MAP_HEIGHT, width="stretch",
                                key=f"dia_kaart_{name}")  # fmt: skip
        members = view.members
        st.caption(md(alt_text.map_sentence(members)))
        order = {code: i for i, code in enumerate(partnerships["code"])}
        legend = maps.legend_entries(partnerships, order)
        st.image(charts.legend_svg(legend), alt=alt_text.legend_text(legend))

    calm(numbers)
    calm(partner_map)


def partnership_slide(p: pd.Series, year: int, threshold: int) -> None:
    st.title(md(p["name"]))
    calm(lambda: _facts(p))
    calm(lambda: st.markdown(md(context_lines.lines(p.to_frame().T, named=False)[0])))
    if context_line.is_region(p["kind"]):
        st.caption(t("context_regel.dia_regio"))
        context_lines.no_trajectories(p)
        return
    programmes = slides.programmes_of(p)
    measured: list[slides.Target] = []
    shown = {"geplaatst": "–"}

    def numbers() -> None:
        nonlocal shown
        shown = partnership_numbers(year, {int(i) for i in programmes.index})
        layout.tiles([(t(f"presentatie.{k}", jaar=year), shown[k], None) for k in HEADLINES])

    def targets() -> None:
        found = slides.targets(programmes, year, threshold)
        if not found:
            st.markdown(t("presentatie.geen_doelen", jaar=year))
            return
        columns = st.columns(min(len(found), 3))
        for i, target in enumerate(found):
            g, m = target.group, target.measured
            measured.append(target)
            with columns[i % len(columns)]:
                st.markdown(f"**{md(target.name)}**")
                figure = figures.gauge(
                    m.realised, g.value, m.pace.expected, None,
                    gauges.STATUS_COLOURS[m.pace.status], hidden=m.hidden, hidden_text=m.shown,
                )  # fmt: skip
                st.plotly_chart(figure, width="stretch", config=charts.STATIC_CONFIG,
                                key=f"dia_meter_{i}")  # fmt: skip
                st.markdown(gauges.status_line(m.pace))
                st.caption(md(gauges.progress_text(m.pace, m.shown, m.as_of, m.hidden)))

    calm(numbers)
    calm(targets)
    calm(
        lambda: st.markdown(
            f"### {md(slides.highlight(str(p['name']), year, measured, shown, programmes))}"
        )
    )


def comparison_slide(p: pd.Series, year: int, threshold: int) -> None:
    """Which provider places people sooner: the curves with their bands and a verdict per pair."""
    st.title(t("tijd_tot_plaatsing.dia_titel"))
    found = placement.provider_comparison(int(p["id"]), year, threshold)
    if found is None or not any(g.shown for g in found[0].groups):
        st.markdown(t("tijd_tot_plaatsing.dia_leeg"))
        return
    result, names, period = found
    st.caption(md(period))
    curves = [(names[g.group], i, g.curve) for i, g in enumerate(result.groups) if g.shown]
    fig = figures.placement_curves(
        curves, None, (t("tijd_tot_plaatsing.as_maanden"), t("tijd_tot_plaatsing.as_deel")),
        t("tijd_tot_plaatsing.band"),
    )  # fmt: skip
    st.plotly_chart(fig, width="stretch", config=charts.STATIC_CONFIG, key="dia_plaatsingsduur")
    shown = [g for g in result.groups if g.shown]
    st.caption(md(alt_text.placement_sentence([names[g.group] for g in shown],
                                              [g.shares[12] for g in shown])))  # fmt: skip
    placement.verdicts(result, names)


def _facts(p: pd.Series) -> None:
    text, source = slides.facts(p)
    st.markdown(text)
    st.caption(md(source))


def render() -> None:
    st.html(PROJECTOR_CSS)
    st.html(FOCUS_CSS)
    year = filters.current().year
    threshold = data.settings().suppress_below
    partnerships = slides.partnerships(filters.current().partnership)
    compared = slides.comparison_partnership()
    # The comparison comes last, so links to the other slides keep their numbers.
    count = 1 + len(partnerships) + (compared is not None)
    number = slide_number(count)
    navigation(number, count)
    scope = None  # slide 1: every case
    if number == 1:
        national_slide(year, threshold)
    elif number <= 1 + len(partnerships):
        shown = partnerships.iloc[number - 2]
        partnership_slide(shown, year, threshold)
        scope = Selection(year, str(shown["code"]))
    else:
        calm(lambda: comparison_slide(compared, year, threshold))
        scope = Selection(year, str(compared["code"]))
    calm(lambda: layout.fictional_notice(scope))
    st.download_button(
        t("presentatie.download_pptx"),
        data=decks.presentation_file(year, filters.current().partnership, date.today()),
        file_name=file_name(t("deck.titel_presentatie", jaar=year), "pptx"),
        mime=decks.PPTX_MIME, key="dl_presentatie_pptx", on_click="ignore",
    )  # fmt: skip
    st.caption(t("presentatie.download_uitleg"))
    st.caption(t("presentatie.toetsen"))
    st.page_link("pages/overzicht.py", label=t("presentatie.sluiten"), icon=":material/close:")
    layout.definitions()


render_safely(render)

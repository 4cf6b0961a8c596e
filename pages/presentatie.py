"""Presentatie: a projector view that steps through the national map and each partnership."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components.drawing import alt_text, charts, context_lines, figures, gauges, maps
from components.drawing.chart_export import file_name
from components.shell import data, filters, layout, origin
from components.shell.filters import Selection
from components.shell.guard import calm, render_safely
from components.shell.i18n import t
from components.shell.style import FOCUS_CSS
from components.views import decks, slides
from components.views import time_to_placement as placement
from components.views.map_view import map_view
from components.views.overview import SLIDE_HEADLINES, partnership_numbers
from domain import context_line
from domain.formatting import fmt_date
from domain.literal import md

SLIDE_PARAM = "dia"  # the slide number in the URL, so a link opens that slide
SLIDE_KEY = "dia"  # the container of the slide itself: class st-key-dia, what must fit the screen
# Static CSS only, never data. No sidebar and no toolbar; black on white for a projector. The slide
# is laid out for 1280 × 720 at 16 px and grows with the screen, by its height or its width,
# whichever is tighter (23 px at 1920 × 1080; a tall narrow window stays near 16 px), so it fits a
# projector at either size without scrolling (tests/e2e/test_presentatie_fit.py). Captions are
# black: Streamlit fades their text to 60 %.
PROJECTOR_CSS = """
<style>
html { font-size: clamp(16px, min(100vh / 47, 100vw / 80), 26px); }
[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'],
[data-testid='stExpandSidebarButton'], [data-testid='stHeader'] { display: none !important; }
[data-testid='stAppViewContainer'], [data-testid='stMain'] { background: #ffffff; color: #000000; }
[data-testid='stMainBlockContainer'] { padding: 0.75rem 2.5rem 2rem; max-width: none; }
.st-key-dia { gap: 0.6rem; }
.st-key-dia [data-testid='stVerticalBlock'] { gap: 0.6rem; }
.st-key-dia h1 { font-size: 2.3rem; color: #000000; padding: 0.1rem 0 0.3rem; line-height: 1.15; }
.st-key-dia h3 { font-size: 1.45rem; color: #000000; padding: 0; line-height: 1.3; }
[data-testid='stMain'] p, [data-testid='stMain'] li { font-size: 1.2rem; color: #000000; }
.st-key-dia [data-testid='stMetric'] { padding: 0.3rem 0.8rem; }
[data-testid='stMetricLabel'] p { font-size: 1.2rem !important; color: #000000; }
[data-testid='stMetricValue'], [data-testid='stMetricValue'] * {
  font-size: 2.7rem !important; font-weight: 700; color: #000000; line-height: 1.1; }
[data-testid='stCaptionContainer'], [data-testid='stCaptionContainer'] * {
  color: #000000 !important; opacity: 1 !important; }
[data-testid='stCaptionContainer'] p { font-size: 1.1rem; color: #000000; }
[data-testid='stBaseButton-secondary'] p, .st-key-dia button kbd { font-size: 1.2rem; }
.st-key-dia button:enabled kbd { opacity: 1; color: #000000; }
.st-key-dia [data-testid='stPageLink'] * { white-space: normal; overflow: visible; }
</style>
"""
HEADLINES = SLIDE_HEADLINES  # the three big numbers of a partnership
MAP_FRAME = "dia"  # maps.FRAMES: the map's size on slide 1, its view fitted to it
MAP_HEIGHT = maps.FRAMES[MAP_FRAME]["nederland"][1]
LEGEND_TEXT = 16  # the legend's names at 1280 × 720, in pixels
LEGEND_WIDTH = 530  # the legend's column at 1280 × 720, in pixels


def slide_number(count: int) -> int:
    """The slide the URL asks for, 1..count; anything else (text, out of range) is slide 1."""
    try:
        number = int(st.query_params.get(SLIDE_PARAM, "1"))
    except ValueError:
        return 1
    return number if 1 <= number <= count else 1


def _go_to(number: int) -> None:
    st.query_params[SLIDE_PARAM] = str(number)


def navigation(number: int, count: int, year: int) -> None:
    """Back, the counter, forward, the deck and the way out, in one row above the slide."""
    back, counter, forward, deck, close = st.columns(
        [1, 0.7, 1, 1.5, 1.1], vertical_alignment="center"
    )
    back.button(t("presentatie.vorige"), disabled=number <= 1, on_click=_go_to,
                args=(number - 1,), shortcut="ArrowLeft", width="stretch", key="dia_vorige")  # fmt: skip
    counter.markdown(
        f"**{t('presentatie.teller', nummer=number, totaal=count)}**", text_alignment="center"
    )
    forward.button(t("presentatie.volgende"), disabled=number >= count, on_click=_go_to,
                   args=(number + 1,), shortcut="ArrowRight", width="stretch",
                   key="dia_volgende")  # fmt: skip
    with deck:
        calm(lambda: st.download_button(
            t("presentatie.download_kort"), help=t("presentatie.download_pptx"),
            data=decks.presentation_file(year, filters.current().partnership, date.today()),
            file_name=file_name(t("deck.titel_presentatie", jaar=year), "pptx"),
            mime=decks.PPTX_MIME, key="dl_presentatie_pptx", on_click="ignore", width="stretch",
            icon=":material/download:",
        ))  # fmt: skip
    close.page_link("pages/overzicht.py", label=t("presentatie.sluiten"), icon=":material/close:")


def national_slide(year: int, footer: str) -> None:
    """The cases on the map, with the year's totals; `footer` (what is invented) under the map."""
    st.title(t("presentatie.titel_landelijk", jaar=year))
    partnerships = context_line.cases(data.partnerships())
    left, right = st.columns([5, 6], gap="medium")

    def numbers() -> None:
        tiles = slides.national_tiles(year)
        for row in (tiles[:2], tiles[2:]):
            layout.tiles([(label, value, None) for label, value in row])
        own = slides.own_programmes_line(year)
        if own:
            st.markdown(own)

    def legend() -> None:
        order = {code: i for i, code in enumerate(partnerships["code"])}
        # Names only (the kinds are on the partnership slides), as wide as the column: the
        # picture grows with the screen like the text around it.
        entries = maps.legend_entries(partnerships, order, kinds=False)
        view = map_view(year, frame=MAP_FRAME)
        if (view.members["partnership_kind"] == maps.REGION_KIND).any():
            entries = [*entries, (t("kaart.legenda_regio"), maps.REGION_EDGE_HEX)]
        picture = charts.legend_svg(entries, LEGEND_TEXT, min_width=LEGEND_WIDTH)
        st.image(picture, alt=alt_text.legend_text(entries), width="stretch")

    def partner_map() -> None:
        view = map_view(year, frame=MAP_FRAME)
        main, inset = st.columns([w for w, _ in maps.FRAMES[MAP_FRAME].values()])
        for column, name in ((main, "nederland"), (inset, "caribisch")):
            with column:
                st.markdown(f"**{t(f'kaart.weergave_{name}')}**")
                st.pydeck_chart(view.decks[name], height=MAP_HEIGHT, width="stretch",
                                key=f"dia_kaart_{name}")  # fmt: skip

    with left:
        calm(numbers)
        calm(legend)
    with right:
        calm(partner_map)
        if footer:
            st.caption(footer)


def national_notes(year: int) -> None:
    """Below slide 1: the map in words (the tiles and the legend say it on the slide)."""
    st.caption(md(alt_text.map_sentence(map_view(year, frame=MAP_FRAME).members)))


def partnership_slide(p: pd.Series, year: int, threshold: int) -> None:
    st.title(md(p["name"]))
    if context_line.is_region(p["kind"]):
        calm(lambda: _about(p))
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

    found: list[slides.Target] = []
    loaded = []  # set once the targets are read; a failure shows the calm message instead

    def load() -> None:
        found.extend(slides.targets(programmes, year, threshold))
        loaded.append(True)

    calm(load)

    def targets() -> None:
        if not loaded:
            return
        if not found:
            st.markdown(t("presentatie.geen_doelen", jaar=year))
            return
        columns = st.columns(min(len(found), 3))
        for i, target in enumerate(found):
            g, m = target.group, target.measured
            measured.append(target)
            with columns[i % len(columns)]:
                st.markdown(f"**{md(target.name)}**  \n" + t(
                    "doelen.meter_kop", metriek=t(f"metriek.{g.metric}"),
                    van=fmt_date(g.period_start), tot=fmt_date(g.period_end)))  # fmt: skip
                figure = figures.gauge(
                    m.realised, g.value, m.pace.expected, None,
                    gauges.STATUS_COLOURS[m.pace.status], hidden=m.hidden, hidden_text=m.shown,
                    room=True,
                )  # fmt: skip
                st.plotly_chart(figure, width="stretch", config=charts.STATIC_CONFIG,
                                key=f"dia_meter_{i}")  # fmt: skip
                st.markdown(gauges.status_line(m.pace) + "  \n" + md(gauges.progress_text(
                    m.pace, m.shown, m.as_of, m.hidden, g.metric)))  # fmt: skip

    calm(numbers)
    # One gauge needs half the slide; the other half then holds the facts in fewer lines (the
    # English ones run longest: Holland Rijnland's at 1280 × 720).
    left, right = st.columns([1, 1] if len(found) <= 1 else [3, 2], gap="medium")
    with left:
        calm(targets)
    with right:
        calm(
            lambda: st.markdown(
                f"### {md(slides.highlight(str(p['name']), year, measured, shown, programmes))}"
            )
        )
        calm(lambda: _about(p))


def comparison_slide(p: pd.Series, year: int, threshold: int) -> None:
    """Which provider places people sooner: the curves with their bands and a verdict per pair.
    The method and the figures behind the verdicts follow below the slide (`below`)."""
    st.title(t("tijd_tot_plaatsing.dia_titel"))
    found = placement.provider_comparison(int(p["id"]), year, threshold)
    if found is None or not any(g.shown for g in found[0].groups):
        st.markdown(t("tijd_tot_plaatsing.dia_leeg"))
        return
    result, names, period = found
    curves = [(names[g.group], i, g.curve) for i, g in enumerate(result.groups) if g.shown]
    fig = figures.placement_curves(
        curves, None, (t("tijd_tot_plaatsing.as_maanden"), t("tijd_tot_plaatsing.as_deel")),
        t("tijd_tot_plaatsing.band"), room=True,
    )  # fmt: skip
    left, right = st.columns([3, 2], gap="medium")
    with left:
        st.plotly_chart(fig, width="stretch", config=charts.STATIC_CONFIG, key="dia_plaatsingsduur")
    with right:
        st.caption(md(period))
        shown = [g for g in result.groups if g.shown]
        st.markdown(md(alt_text.placement_sentence([names[g.group] for g in shown],
                                                   [g.shares[12] for g in shown])))  # fmt: skip
        placement.verdict_lines(result, names)


def comparison_notes(p: pd.Series, year: int, threshold: int) -> None:
    """Below the slide: how the verdicts were reached, and their figures."""
    found = placement.provider_comparison(int(p["id"]), year, threshold)
    if found is not None and any(g.shown for g in found[0].groups):
        placement.verdict_notes(found[0], found[1])


def _about(p: pd.Series) -> None:
    """What the partnership is, who takes part, and its municipalities in CBS's figures."""
    text, source = slides.facts(p)
    st.markdown(text)
    st.caption(md(source))
    st.markdown(md(context_lines.lines(p.to_frame().T, named=False)[0]))


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
    scope = None  # slide 1: every case
    if 1 < number <= 1 + len(partnerships):
        shown = partnerships.iloc[number - 2]
        scope = Selection(year, str(shown["code"]))
    elif number > 1:
        scope = Selection(year, str(compared["code"]))
    # On the slide, a few words on what is invented; the whole notice follows below it.
    found = origin.of(scope)
    short = origin.short(found)
    footer = t("presentatie.herkomst_kort", herkomst=short) if short else ""
    with st.container(key=SLIDE_KEY):
        navigation(number, count, year)
        if number == 1:
            national_slide(year, footer)
        else:
            if number <= 1 + len(partnerships):
                partnership_slide(shown, year, threshold)
            else:
                calm(lambda: comparison_slide(compared, year, threshold))
            if footer:
                st.caption(footer)
    if number == 1:
        calm(lambda: national_notes(year))
    elif number > 1 + len(partnerships):
        calm(lambda: comparison_notes(compared, year, threshold))
    calm(lambda: layout.origin_notice(found))
    st.caption(t("presentatie.download_uitleg"))
    st.caption(t("presentatie.toetsen"))
    layout.definitions()


render_safely(render)

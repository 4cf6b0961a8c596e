"""Presentatie: a projector view that steps through the national map and each partnership."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.drawing import alt_text, charts, context_lines, figures, gauges, maps
from components.shell import data, filters, layout
from components.shell.guard import calm, render_safely
from components.shell.i18n import t
from components.shell.style import FOCUS_CSS
from components.views import target_status as ts
from components.views import time_to_placement as placement
from components.views.map_view import map_view
from components.views.overview import SLIDE_HEADLINES, national_numbers, partnership_numbers
from components.views.trajecten_controls import HR_PROGRAMME
from domain import context_line
from domain.formatting import fmt_date, fmt_int

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
        members = data.partnership_members()
        members = members[members["partnership_id"].isin(partnerships["id"])]
        municipalities = members.loc[members["member_type"] == "gemeente", "area_code"].nunique()
        shown = national_numbers(year)
        layout.tiles(
            [
                (t("overzicht.samenwerkingen"), str(len(partnerships)), None),
                (t("overzicht.gemeenten"), str(municipalities), None),
                (t("overzicht.aangemeld", jaar=year), shown["aangemeld"], None),
                (t("overzicht.geplaatst", jaar=year), shown["geplaatst"], None),
            ]
        )

    def partner_map() -> None:
        view = map_view(year)
        main, inset = st.columns([3, 1])
        for column, name in ((main, "nederland"), (inset, "caribisch")):
            with column:
                st.markdown(f"**{t(f'kaart.weergave_{name}')}**")
                st.pydeck_chart(view.decks[name], height=MAP_HEIGHT, width="stretch",
                                key=f"dia_kaart_{name}")  # fmt: skip
        members = view.members
        st.caption(alt_text.map_sentence(members))
        order = {code: i for i, code in enumerate(partnerships["code"])}
        legend = maps.legend_entries(partnerships, order)
        st.image(charts.legend_svg(legend), alt=alt_text.legend_text(legend))

    calm(numbers)
    calm(partner_map)


def highlight(
    name: str, year: int, measured: list[tuple[str, ts.Measured]], shown: dict[str, str]
) -> str:
    """One sentence for the slide: the first target's status, else the year's placements."""
    if measured:
        programme, m = measured[0]
        return t("presentatie.hoogtepunt_doel", programma=programme,
                 status=gauges.status_text(m.pace).lower(), gerealiseerd=m.shown,
                 doel=fmt_int(m.pace.target))  # fmt: skip
    return t("presentatie.hoogtepunt_geplaatst", naam=name, jaar=year, aantal=shown["geplaatst"])


def slides(partnership_code: str | None) -> pd.DataFrame:
    """The partnerships that get a slide: the cases, and a labour-market region only when it is
    chosen in the filters (the 35 regions have no trajectories to present)."""
    everything = data.partnerships()
    keep = ~everything["kind"].map(context_line.is_region) | (
        everything["code"] == partnership_code
    )
    return everything[keep]


def partnership_slide(p: pd.Series, year: int, threshold: int) -> None:
    st.title(str(p["name"]))
    calm(lambda: _facts(p))
    calm(lambda: st.markdown(context_lines.lines(p.to_frame().T, named=False)[0]))
    if context_line.is_region(p["kind"]):
        st.caption(t("context_regel.dia_regio"))
        context_lines.no_trajectories(p)
        return
    programmes = data.programmes().set_index("id")
    programmes = programmes[programmes["partnership_id"] == p["id"]]
    measured: list[tuple[str, ts.Measured]] = []
    shown = {"geplaatst": "–"}

    def numbers() -> None:
        nonlocal shown
        shown = partnership_numbers(year, {int(i) for i in programmes.index})
        layout.tiles([(t(f"presentatie.{k}", jaar=year), shown[k], None) for k in HEADLINES])

    def targets() -> None:
        groups = ts.year_groups(programmes, year)
        if not groups:
            st.markdown(t("presentatie.geen_doelen", jaar=year))
            return
        columns = st.columns(min(len(groups), 3))
        for i, g in enumerate(groups):
            m = ts.measure(g, threshold)
            measured.append((str(programmes.loc[g.programme_id, "name"]), m))
            with columns[i % len(columns)]:
                st.markdown(f"**{programmes.loc[g.programme_id, 'name']}**")
                figure = figures.gauge(
                    m.realised, g.value, m.pace.expected, None,
                    gauges.STATUS_COLOURS[m.pace.status], hidden=m.hidden, hidden_text=m.shown,
                )  # fmt: skip
                st.plotly_chart(figure, width="stretch", config=charts.STATIC_CONFIG,
                                key=f"dia_meter_{i}")  # fmt: skip
                st.markdown(gauges.status_line(m.pace))
                st.caption(gauges.progress_text(m.pace, m.shown, m.as_of, m.hidden))

    calm(numbers)
    calm(targets)
    calm(lambda: st.markdown(f"### {highlight(str(p['name']), year, measured, shown)}"))


def comparison_partnership() -> pd.Series | None:
    """Holland Rijnland, whose joint purchase exists to learn which provider's method works: it
    gets a last slide comparing its providers. None when the database has no such programme."""
    programmes = data.programmes()
    hr = programmes.loc[programmes["code"] == HR_PROGRAMME, "partnership_id"].dropna()
    partnerships = data.partnerships()
    found = partnerships[partnerships["id"].isin(hr)]
    return found.iloc[0] if not found.empty else None


def comparison_slide(p: pd.Series, year: int, threshold: int) -> None:
    """Which provider places people sooner: the curves with their bands and a verdict per pair."""
    st.title(t("tijd_tot_plaatsing.dia_titel"))
    found = placement.provider_comparison(int(p["id"]), year, threshold)
    if found is None or not any(g.shown for g in found[0].groups):
        st.markdown(t("tijd_tot_plaatsing.dia_leeg"))
        return
    result, names, period = found
    st.caption(period)
    curves = [(names[g.group], i, g.curve) for i, g in enumerate(result.groups) if g.shown]
    fig = figures.placement_curves(
        curves, None, (t("tijd_tot_plaatsing.as_maanden"), t("tijd_tot_plaatsing.as_deel")),
        t("tijd_tot_plaatsing.band"),
    )  # fmt: skip
    st.plotly_chart(fig, width="stretch", config=charts.STATIC_CONFIG, key="dia_plaatsingsduur")
    shown = [g for g in result.groups if g.shown]
    st.caption(alt_text.placement_sentence([names[g.group] for g in shown],
                                           [g.shares[12] for g in shown]))  # fmt: skip
    placement.verdicts(result, names)


def _facts(p: pd.Series) -> None:
    members = data.partnership_members((int(p["id"]),))
    names = ", ".join(dict.fromkeys(members["organisation_name"].fillna(members["area_name"])))
    source = p["source_title"] if isinstance(p["source_title"], str) else "–"
    st.markdown(t("presentatie.feiten", soort=t(f"soort.{p['kind']}"),
                  sinds=fmt_date(p["start_date"]), leden=names))  # fmt: skip
    st.caption(t("presentatie.bron", bron=source))


def render() -> None:
    st.html(PROJECTOR_CSS)
    st.html(FOCUS_CSS)
    year = filters.current().year
    threshold = data.settings().suppress_below
    partnerships = slides(filters.current().partnership)
    compared = comparison_partnership()
    # The comparison comes last, so links to the other slides keep their numbers.
    count = 1 + len(partnerships) + (compared is not None)
    number = slide_number(count)
    navigation(number, count)
    if number == 1:
        national_slide(year, threshold)
    elif number <= 1 + len(partnerships):
        partnership_slide(partnerships.iloc[number - 2], year, threshold)
    else:
        calm(lambda: comparison_slide(compared, year, threshold))
    calm(layout.fictional_notice)
    st.caption(t("presentatie.toetsen"))
    st.page_link("pages/overzicht.py", label=t("presentatie.sluiten"), icon=":material/close:")
    layout.definitions()


render_safely(render)

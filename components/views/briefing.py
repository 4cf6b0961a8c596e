"""The briefing's content, computed once per run: the page draws it and the PDF prints it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from components.drawing import charts, context_lines, gauges, maps
from components.shell import data, filters, origin, publication
from components.shell import scope as trajectory_scope
from components.shell.i18n import t
from components.views import context_view, time_to_placement
from components.views import target_status as ts
from components.views.overview import own_programmes
from domain import context as ctx
from domain import context_line, sources, summary, suppression
from domain.formatting import fmt_date, fmt_int, fmt_pct
from domain.funnel import funnel_mask, funnel_table
from domain.periods import comparison_periods
from domain.publication import Count
from domain.suppression import cell_label, is_small
from reports.briefing_pdf import BriefingContent, Chart, GaugeLine, Headline, briefing_pdf

HEADLINES = ("aangemeld", "gestart", "geplaatst", "duurzaam")
SPLIT = ("geplaatst_werk", "geplaatst_opleiding")
# The area register's credit (CBS, PDOK) goes under every briefing: the map and names come from it.
AREA_PUBLISHER = "CBS"
# Sources of invented data say so in their title or publisher ('Fictieve voorbeelddata').
FICTIONAL_MARK = "fictie"
# Text keys the PDF prints besides the content (headings, footer words).
PDF_TEXTS = ("doelen_kop", "geen_doelen", "partners_kop", "bronnen_kop", "gemaakt_op", "pagina")
# Funnel texts name the year's registrations as a cohort ('Van de aanmeldingen van 2026'), so that
# its stages do not read as the tiles' counts of the year ('Traject gestart in 2026').
FUNNEL_TEXTS = ("trechter_kop", "trechter_kolommen", "trechter_reeks")


@dataclass(frozen=True)
class BriefingView:
    """The content plus what only the screen needs: live figures and the map's tables."""

    content: BriefingContent
    gauge_figures: tuple[go.Figure, ...]
    funnel_figure: go.Figure | None
    members: pd.DataFrame  # of the partnerships in the briefing; empty without one
    static_map: go.Figure | None  # the partner map, on screen as in the PDF


def subject(
    sel: filters.Selection,
) -> tuple[str, set[int] | None, tuple[str, ...], tuple[int, ...]]:
    """Title, programme ids and municipality codes of what the briefing is about, and the ids of
    the partnerships in its scope (those the municipality takes part in). Labour-market regions
    are in scope only when chosen themselves: every municipality is in one, and they have no
    trajectories."""
    programmes = data.programmes()
    members = data.partnership_members()
    members = members[~members["partnership_kind"].map(context_line.is_region)]
    if sel.partnership:
        p = data.partnerships().set_index("code").loc[sel.partnership]
        ids = set(programmes.loc[programmes["partnership_id"] == p["id"], "id"])
        return str(p["name"]), ids, (), (int(p["id"]),)
    if sel.municipality:
        name = data.municipalities().set_index("code").loc[sel.municipality, "name"]
        joined = members.loc[members["area_code"] == sel.municipality, "partnership_id"]
        return str(name), None, (sel.municipality,), tuple(int(i) for i in dict.fromkeys(joined))
    cases = context_line.cases(data.partnerships())
    return t("briefing.alle"), None, (), tuple(int(i) for i in cases["id"])


def scope_of(sel: filters.Selection) -> filters.Selection | None:
    """The codes whose trajectories the briefing counts (as `subject`): a partnership, else a
    municipality, else every case (None). A programme choice is ignored."""
    if sel.partnership:
        return filters.Selection(sel.year, sel.partnership)
    if sel.municipality:
        return filters.Selection(sel.year, municipality=sel.municipality)
    return None


def change(now: Count, before: Count, threshold: int) -> str | None:
    """'+12' against the same period a year earlier; None when either count is hidden."""
    if now.hidden or before.hidden or is_small(now.value, threshold):
        return None
    if now.value == before.value:
        return t("briefing.delta_gelijk")  # no arrow: '+0' would show a green one
    # st.metric reads the direction from a leading ASCII minus sign.
    sign = "+" if now.value > before.value else "-"
    return t("briefing.delta", teken=sign, aantal=fmt_int(abs(now.value - before.value)))


def earlier(
    first: date, last: date, programme_ids: set[int] | None, areas: tuple[str, ...], threshold: int
) -> dict[str, Count]:
    """The headline counts of the comparison period: the earlier year's decision when that
    period is the whole year, else the period's own counts with the small ones hidden."""
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        decided = publication.year(first.year)
        return {k: decided.count(k, programme_ids, set(areas) or None) for k in HEADLINES}
    values = summary.totals(data.period_figures(first, last, areas), programme_ids)
    return {k: Count(values[k], is_small(values[k], threshold), cell_label(values[k], threshold))
            for k in HEADLINES}  # fmt: skip


def relevant_sources(sources: pd.DataFrame, titles: set[str], fictional: bool) -> pd.DataFrame:
    """The sources of the scope's partnerships and targets, the area register's credit, and the
    invented data's source when invented data is shown."""
    text = (sources["title"] + " " + sources["publisher"]).str.lower()
    keep = sources["title"].isin(titles) | sources["publisher"].str.startswith(AREA_PUBLISHER)
    is_fictional = text.str.contains(FICTIONAL_MARK)
    keep = (keep & ~is_fictional) | (is_fictional & fictional)
    return sources[keep]


def municipality_context(code: str) -> str:
    """The municipality's own CBS figures in one sentence, as Gemeente shows them in tiles
    (inhabitants, bijstand, participation; 'niet beschikbaar' where CBS published nothing), with
    their source; '' when CBS publishes nothing for the code."""
    areas = data.municipalities(include_merged=True)
    current = areas[areas["code"] == areas["current_code"]]
    names = dict(zip(current["code"], current["name"], strict=True))
    figures = data.context_figures()
    profile = context_view.profile(figures, code, names, [], ctx.profile_years(figures), areas)
    if profile is None:
        return ""
    shown = "; ".join(f"{label.lower()}: {value}" for label, value, _ in profile.tiles)
    return t("briefing.context_gemeente", naam=names.get(code, code), cijfers=shown,
             bron=profile.source)  # fmt: skip


def own_programmes_sentence(year: int) -> str:
    """For the briefing of every case: the totals also count the programmes a municipality runs
    on its own (Werkoffensief +500), which belong to no partnership; named with their share, as
    Overzicht and the slides do. '' when there are none."""
    decided = publication.year(year)
    own = own_programmes(data.programmes(), None)
    parts = [
        t("presentatie.eigen_deel", naam=n, gemeente=g, jaar=year,
          aangemeld=decided.count("aangemeld", {int(i)}).label,
          geplaatst=decided.count("geplaatst", {int(i)}).label)
        for i, n, g in zip(own["id"], own["name"], own["lead_area_name"], strict=True)
    ]  # fmt: skip
    return t("briefing.eigen_programmas", delen="; ".join(parts)) if parts else ""


def without_trajectories(
    sel: filters.Selection, title: str, partnership_ids: tuple[int, ...], now: dict[str, Count]
) -> str:
    """What the briefing says instead of headline tiles: a labour-market region has no
    trajectories, a municipality may take part in no partnership and run no programme of its
    own, and any subject may have none in the year. '' when there is something to count."""
    region = context_lines.chosen_region(sel.partnership)
    if region is not None:
        return t("context_regel.geen_trajecten", naam=region["name"])
    if sel.municipality and not partnership_ids:
        own = own_programmes(data.programmes(), None)
        if own[own["lead_area_code"] == sel.municipality].empty:
            return t("briefing.geen_samenwerking", naam=title)
    if all(not c.hidden and c.value == 0 for c in now.values()):
        return t("briefing.geen_trajecten", naam=title, jaar=sel.year)
    return ""


def _gauges(sel: filters.Selection, threshold: int):
    programmes = ts.scope_programmes(replace(sel, programme=None))
    area_names = data.municipalities(include_merged=True).set_index("code")["name"]
    lines, figures, titles = [], [], set()
    ids = tuple(int(i) for i in programmes.index)
    if ids:  # no ids means every target to data.targets: a region has none of its own
        titles |= set(data.targets(ids)["source_title"].dropna())
    for g in ts.year_groups(programmes, sel.year):
        m = ts.measure(g, threshold)
        name = programmes.loc[g.programme_id, "name"]
        if g.area_code:
            name = f"{name} – {area_names.get(g.area_code, g.area_code)}"
        status = gauges.status_text(m.pace) + (t("doelen.eindstand") if m.pace.final else "")
        lines.append(
            GaugeLine(
                name=name,
                heading=t("doelen.meter_kop", metriek=t(f"metriek.{g.metric}"),
                          van=fmt_date(g.period_start), tot=fmt_date(g.period_end)),
                status=status,
                progress=gauges.progress_text(m.pace, m.shown, m.as_of, m.hidden, g.metric),
                forecast=gauges.forecast_text(m.pace, g.period_start, g.period_end, m.hidden),
                icon=gauges.STATUS_ICONS[m.pace.status],
            )
        )  # fmt: skip
        figures.append(
            charts.gauge_figure(
                m.realised, g.value, m.pace.expected, None, gauges.STATUS_COLOURS[m.pace.status],
                hidden=m.hidden, parts=g.parts if len(g.parts) > 1 and not g.members else (),
                hidden_text=m.shown,
            )
        )  # fmt: skip
    return tuple(lines), tuple(figures), titles


def _funnel(sel: filters.Selection, threshold: int):
    f = trajectory_scope.trajectory_filter(
        replace(sel, programme=None), data.partnerships(), data.programmes()
    )
    counts = data.funnel_counts(f)
    row = {k: int(v or 0) for k, v in counts.iloc[0].to_dict().items()} if not counts.empty else {}
    if int(row.get("aanmelding", 0)) == 0:
        return (), None
    # The top is the year's registrations: hidden here where the year's decision hides it.
    top = publication.funnel_top(f)
    before = [{"aanmelding": top is not None and top.hidden}]
    hidden = funnel_mask(pd.DataFrame([row]), threshold, partition=False, initially=before)
    hidden = hidden.iloc[0].to_dict()
    table = funnel_table(row, threshold, hidden)
    rows = tuple((r.label, r.shown, fmt_pct(r.from_previous)) for r in table.itertuples())
    return rows, charts.funnel_figure(table)


def capitalised(text: str) -> str:
    """The text with its first character upper case; the rest as it is."""
    return text[:1].upper() + text[1:]


def build(sel: filters.Selection, made_on: date | None = None) -> BriefingView:
    """The briefing of the selection's municipality or partnership for its year."""
    threshold = data.settings().suppress_below
    title, programme_ids, areas, partnership_ids = subject(sel)
    until = data.data_until()
    first, last, first_before, last_before = comparison_periods(sel.year, until)
    # This year's counts are the year's one decision (components.shell.publication); so are last
    # year's when compared whole. A part of last year is its own count: the difference would give
    # it back, so it is shown only when neither count is hidden.
    decided = publication.year(sel.year)
    scope = (programme_ids, set(areas) or None)
    now = {k: decided.count(k, *scope) for k in (HEADLINES if areas else (*HEADLINES, *SPLIT))}
    before = earlier(first_before, last_before, programme_ids, areas, threshold)
    headlines = tuple(
        Headline(t(f"briefing.tegel_{k}", jaar=sel.year), now[k].label, change(now[k], before[k], threshold),
                 t(f"briefing.uitleg_{k}", maanden=data.settings().lasting_months))
        for k in HEADLINES
    )  # fmt: skip
    # Work and training apart are not shown per municipality (components.shell.publication).
    if areas:
        placements = t("briefing.plaatsingen_gemeente")
    else:
        placements = t("briefing.plaatsingen_uitleg", werk=now["geplaatst_werk"].label,
                       opleiding=now["geplaatst_opleiding"].label)  # fmt: skip

    gauge_lines, gauge_figures, titles = _gauges(sel, threshold)
    funnel_rows, funnel_fig = _funnel(sel, threshold)

    all_partnerships = data.partnerships()
    chosen = all_partnerships[all_partnerships["id"].isin(partnership_ids)]
    titles |= set(chosen["source_title"].dropna())
    members = data.partnership_members(partnership_ids) if partnership_ids else pd.DataFrame()
    partners = ()
    if not members.empty:
        grouped = members.groupby("partnership_name", sort=False).apply(
            lambda g: ", ".join(dict.fromkeys(g["organisation_name"].fillna(g["area_name"]))),
            include_groups=False,
        )
        partners = tuple(zip(grouped.index, grouped.values, strict=True))
    found = origin.of(scope_of(sel))
    fictional = found.has_invented
    no_trajectories = without_trajectories(sel, title, partnership_ids, now)
    shown_sources = relevant_sources(data.sources(), titles, fictional)
    # A source without a recorded publisher is named by its title; the footer credits only
    # publishers that are known, each once (domain.sources).
    source_lines = tuple(
        sources.entry(r.title, r.publisher, fmt_date(r.published_on) if r.published_on else "")
        for r in shown_sources.itertuples()
    )
    publishers = ", ".join(sources.credited(shown_sources["publisher"]))
    context = tuple(context_lines.lines(chosen))
    if sel.municipality:
        own_line = municipality_context(sel.municipality)
        context = (own_line, *context) if own_line else context
    own_sentence = "" if sel.municipality or sel.partnership else own_programmes_sentence(sel.year)

    static_map = None
    if not members.empty:
        colours = maps.partnership_colours(list(all_partnerships["code"]))
        static_map = maps.static_partner_figure(
            data.municipalities(), members, colours, data.area_boundaries()
        )

    placement_time = ""
    if sel.partnership and len(partnership_ids) == 1:
        placement_time = time_to_placement.briefing_sentence(
            partnership_ids[0], sel.year, threshold
        )
    content = BriefingContent(
        # A heading starts with a capital, also for "alle samenwerkingen" ('s-Gravenhage keeps its
        # apostrophe first).
        title=capitalised(t("briefing.kop", onderwerp=title, jaar=sel.year)),
        intro=t("briefing.pdf_intro"),
        headlines=headlines,
        # Under the tiles: the period compared, and what "<10" or "x" in a tile means.
        comparison=" ".join(filter(None, (
            t("briefing.vergelijking", van=fmt_date(first), tot=fmt_date(last),
              van_vorig=fmt_date(first_before), tot_vorig=fmt_date(last_before)),
            suppression.legend([c.label for c in now.values()], threshold)))),
        placements=placements,
        gauges=gauge_lines,
        funnel=funnel_rows,
        funnel_note=(t("briefing.trechter_uitleg", jaar=sel.year, drempel=threshold) if funnel_rows
                     else t("briefing.geen_trechter", naam=title, jaar=sel.year)),
        partners=partners,
        context=context,
        own_programmes=own_sentence,
        map_caption=t("briefing.kaart_uitleg" if not data.area_boundaries().empty
                      else "briefing.kaart_uitleg_punten"),
        no_trajectories=no_trajectories,
        sources=source_lines,
        source_line=t("briefing.bron", bronnen=publishers),
        stand_per=fmt_date(until) if until else "",
        made_on=fmt_date(made_on or date.today()),
        fictional=fictional,
        texts={k: t(f"briefing.pdf_{k}") for k in PDF_TEXTS}
        | {k: t(f"briefing.{k}", jaar=sel.year) for k in FUNNEL_TEXTS} | {
            "fictief": origin.notice_plain(found), "fictief_kort": origin.short(found),
            "stand_per": t("kolom.stand_per"), "samenwerking": t("kolom.samenwerking"),
            "partners": t("kolom.partners"), "context_kop": t("context_regel.kop"),
            "context_uitleg": t("context_regel.uitleg")},
        placement_time=placement_time,
    )  # fmt: skip
    return BriefingView(content, gauge_figures, funnel_fig, members, static_map)


# What the page shows: built once per selection, day and language, and shared by the sessions
# (a briefing takes ~80 ms of CPU to build). The PDF is made from it only when asked for.
shared = data.built(build)


# A gauge is drawn GAUGE_PRINT_WIDTH px wide and printed 30 % of the A4 text width (~151 pt):
# ~0.36 pt per px. Its 14 px tick labels would print at 5 pt; PRINT_TEXT px prints at ~8.6 pt.
GAUGE_PRINT_WIDTH, FUNNEL_PRINT_WIDTH = 420, 560
PRINT_TEXT = 24
# The funnel: FUNNEL_PRINT_WIDTH px printed at half the text width (~252 pt), ~0.45 pt per px.
FUNNEL_PRINT_TEXT = 17


def for_print(gauge: go.Figure) -> go.Figure:
    """A copy of a gauge with text that is legible on paper: ticks and the legend of its parts
    at PRINT_TEXT px, and margins that keep the end ticks inside the picture."""
    fig = go.Figure(gauge)
    fig.update_traces(gauge={"axis": {"tickfont": {"size": PRINT_TEXT}}})
    legend = [a for a in fig.layout.annotations if a.xanchor == "left"]  # the parts, bottom left
    if legend:
        # Two lines of larger text need more room under the arc.
        fig.update_annotations(font={"size": PRINT_TEXT}, selector={"xanchor": "left"})
        fig.update_traces(domain={"y": [0.3, 1]})
        fig.update_layout(height=fig.layout.height + 60)
    return fig.update_layout(margin={"l": 50, "r": 70, "t": 30, "b": 10})


def pdf(view: BriefingView) -> bytes:
    """The PDF: the view's charts drawn to PNG (kaleido, locally), then printed with its content."""
    from components.drawing.chart_export import png

    pictures = [
        Chart(f"meter_{i}", "", png(for_print(fig), width=GAUGE_PRINT_WIDTH))
        for i, fig in enumerate(view.gauge_figures)
    ]
    if view.funnel_figure is not None:
        # Text legible on paper (~7.5 pt at half the A4 text width), room at the left for the
        # stage names, which kaleido does not make by itself, and at the right for a label beside
        # a narrow bar ('4.606  (84% van vorige)').
        fig = go.Figure(view.funnel_figure).update_layout(
            font={"size": FUNNEL_PRINT_TEXT}, margin={"l": 150, "r": 190}
        )
        fig.update_traces(textfont={"size": FUNNEL_PRINT_TEXT})
        pictures.append(Chart("trechter", "", png(fig, width=FUNNEL_PRINT_WIDTH)))
    if view.static_map is not None:
        pictures.append(Chart("kaart", "", png(view.static_map)))
    return briefing_pdf(replace(view.content, charts=tuple(pictures)))

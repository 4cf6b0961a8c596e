"""The briefing and the presentation as PowerPoint decks: the same content the pages show, from
the same builders (components.views.briefing, components.views.slides, the year's decision on
small counts), put in slides for reports.deck_pptx.

A deck is drafted during the page's run (cached per choice, day and language, like the briefing);
its pictures are drawn and the file is written only when the download is clicked."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

import plotly.graph_objects as go

from components.drawing import alt_text, context_lines, figures, gauges, maps
from components.shell import data, filters, origin
from components.shell.i18n import t
from components.views import briefing, slides
from components.views import time_to_placement as placement
from components.views.overview import SLIDE_HEADLINES, partnership_numbers
from domain import context_line
from domain import survival as sv
from domain.formatting import current_language, fmt_pct, use_language
from domain.literal import from_md
from reports.briefing_pdf import BriefingContent
from reports.deck_pptx import Deck, DeckChart, DeckSlide, Picture, deck_pptx

GAUGES_PER_SLIDE = 3  # as many as a row of Doelen, large enough for the back of a room
GAUGE_WIDTH = 420  # CSS pixels, drawn at twice that (chart_export.SCALE): the PDF's picture
# Months of the comparison's line chart: the step curve read at the end of each month.
CURVE_MONTHS = 24


@dataclass(frozen=True)
class Drawn:
    """A picture still to be drawn: a Plotly figure, drawn to PNG when the file is made."""

    figure: go.Figure
    description: str
    caption: str = ""
    width: int | None = None


def plain(text: str) -> str:
    """Markdown of the pages as plain slide text: no **bold**, links as their words, and data
    that the Markdown escaped (domain.literal) as its characters."""
    text = re.sub(r"(?<!\\)\[([^\]]+)\]\([^)]+\)", r"\1", text)
    return from_md(text.replace("**", "").replace("__", ""))


def count_value(label: str) -> int | None:
    """A shown count as a number for a chart's data sheet; None for '<10', 'x' and '–', so that
    a hidden count is an empty cell (it is never read from anywhere but its shown label)."""
    digits = label.replace(".", "").replace(",", "").strip()
    return int(digits) if digits.isdigit() else None


def _footer(content: BriefingContent) -> str:
    stand = content.stand_per or "–"
    return f"{content.source_line} · {t('kolom.stand_per')} {stand} · {content.texts['gemaakt_op']} {content.made_on}"  # noqa: E501


def _gauge_slides(title: str, lines, pictures: list[Drawn], notes: list[str]) -> list[DeckSlide]:
    out = []
    for start in range(0, len(pictures), GAUGES_PER_SLIDE):
        part = slice(start, start + GAUGES_PER_SLIDE)
        heading = title if start == 0 else f"{title} ({start // GAUGES_PER_SLIDE + 1})"
        out.append(
            DeckSlide(
                heading,
                lines=tuple(lines),
                pictures=tuple(pictures[part]),
                notes="\n".join(notes[part]),
            )  # fmt: skip
        )
    return out


def briefing_draft(sel: filters.Selection, made_on: date) -> Deck:
    """The briefing as slides: a title slide, the headline figures, the goals, the funnel, the
    public (CBS) context, the partners with their map, and the sources."""
    view = briefing.shared(sel, made_on)
    c = view.content
    out = [
        DeckSlide(c.title, subtitle=c.intro, trajectories=False,
                  lines=(f"{c.texts['stand_per']} {c.stand_per or '–'}",
                         f"{c.texts['gemaakt_op']} {c.made_on}"))
    ]  # fmt: skip
    heading = t("briefing.deck_kerncijfers")
    if c.no_trajectories:
        out.append(DeckSlide(heading, lines=(c.no_trajectories,), trajectories=False))
    else:
        out.append(
            DeckSlide(heading, lines=tuple(x for x in (c.comparison, c.own_programmes) if x),
                      tiles=tuple((h.label, h.value) for h in c.headlines),
                      closing=c.placements,
                      notes="\n".join(f"{h.label}: {h.value}. {h.explanation} {h.change or ''}".strip()
                                      for h in c.headlines))
        )  # fmt: skip
    if c.gauges:
        pictures = [
            Drawn(fig, f"{g.name}. {g.heading}. {g.status}. {g.progress}",
                  caption=f"{g.name}\n{g.status} · {g.progress}", width=GAUGE_WIDTH)
            for g, fig in zip(c.gauges, view.gauge_figures, strict=True)
        ]  # fmt: skip
        notes = [f"{g.name}: {g.status}. {g.progress} {g.forecast}" for g in c.gauges]
        out += _gauge_slides(c.texts["doelen_kop"], (t("briefing.doelen_uitleg"),), pictures,
                             notes)  # fmt: skip
    else:
        out.append(DeckSlide(c.texts["doelen_kop"], lines=(c.texts["geen_doelen"],)))
    if c.funnel:
        stages = [(stage, shown) for stage, shown, _ in c.funnel]
        chart = DeckChart(
            "bar", c.texts["trechter_kop"], tuple(s for s, _ in stages),
            ((c.texts["trechter_reeks"], tuple(count_value(n) for _, n in stages)),),
            description=alt_text.funnel_sentence(stages),
        )  # fmt: skip
        lines = (c.funnel_note, c.placement_time) if c.placement_time else (c.funnel_note,)
        out.append(DeckSlide(c.texts["trechter_kop"], lines=lines, charts=(chart,),
                             notes=alt_text.funnel_sentence(stages)))  # fmt: skip
    if c.context:
        out.append(
            DeckSlide(c.texts["context_kop"], lines=(c.texts["context_uitleg"], *map(plain, c.context)),
                      trajectories=False, notes=" ".join(map(plain, c.context)))
        )  # fmt: skip
    if c.partners:
        pictures = ()
        if view.static_map is not None:
            sentence = alt_text.map_sentence(view.members)
            pictures = (Drawn(view.static_map, sentence),)
        out.append(
            DeckSlide(c.texts["partners_kop"], lines=tuple(f"{a}: {b}" for a, b in c.partners),
                      pictures=pictures, trajectories=False,
                      notes=alt_text.map_sentence(view.members))
        )  # fmt: skip
    out.append(DeckSlide(c.texts["bronnen_kop"], lines=c.sources, trajectories=False))
    return Deck(c.title, tuple(out), _footer(c), c.texts["fictief_kort"] if c.fictional else "",
                current_language())  # fmt: skip


def _national(year: int, national: briefing.BriefingView) -> DeckSlide:
    cases = context_line.cases(data.partnerships())
    members = national.members
    pictures = ()
    notes = alt_text.map_sentence(members)
    if national.static_map is not None:
        order = {code: i for i, code in enumerate(cases["code"])}
        legend = alt_text.legend_text(maps.legend_entries(cases, order))
        pictures = (Drawn(national.static_map, f"{notes} {legend}"),)
        notes = f"{notes} {legend}"
    own = plain(slides.own_programmes_line(year))
    return DeckSlide(t("presentatie.titel_landelijk", jaar=year), lines=(own,) if own else (),
                     tiles=tuple(slides.national_tiles(year)), pictures=pictures,
                     notes=f"{notes} {own}".strip())  # fmt: skip


def _partnership(p, year: int, threshold: int) -> DeckSlide:
    text, source = slides.facts(p)
    context = plain(context_lines.lines(p.to_frame().T, named=False)[0])
    lines = (plain(text), source, context)
    if context_line.is_region(p["kind"]):
        return DeckSlide(str(p["name"]), lines=(*lines, t("context_regel.dia_regio")),
                         trajectories=False)  # fmt: skip
    programmes = slides.programmes_of(p)
    shown = partnership_numbers(year, {int(i) for i in programmes.index})
    found = slides.targets(programmes, year, threshold)
    pictures, notes = [], []
    for target in found:
        g, m = target.group, target.measured
        progress = gauges.progress_text(m.pace, m.shown, m.as_of, m.hidden, g.metric)
        status = gauges.status_text(m.pace) + (t("doelen.eindstand") if m.pace.final else "")
        figure = figures.gauge(
            m.realised, g.value, m.pace.expected, None, gauges.STATUS_COLOURS[m.pace.status],
            hidden=m.hidden, hidden_text=m.shown,
        )  # fmt: skip
        pictures.append(Drawn(figure, f"{target.name}. {status}. {progress}",
                              caption=f"{target.name}\n{status} · {progress}",
                              width=GAUGE_WIDTH))  # fmt: skip
        notes.append(f"{target.name}: {status}. {progress}")
    closing = slides.highlight(str(p["name"]), year, found, shown, programmes)
    if not found:
        lines = (*lines, t("presentatie.geen_doelen", jaar=year))
    return DeckSlide(
        str(p["name"]), lines=lines,
        tiles=tuple((t(f"presentatie.{k}", jaar=year), shown[k]) for k in SLIDE_HEADLINES),
        pictures=tuple(pictures[:GAUGES_PER_SLIDE]), closing=closing,
        notes="\n".join([*notes, closing]),
    )  # fmt: skip


def _curve_at(curve: dict, month: int) -> float | None:
    """The step curve's share placed at the end of `month`; None past its last shown step."""
    times = curve.get("time", [])
    if not times or month > times[-1]:
        return None
    value = 0.0
    for time, placed in zip(times, curve["placed"], strict=True):
        if time <= month:
            value = placed
    return value


def _comparison(p, year: int, threshold: int) -> DeckSlide:
    title = t("tijd_tot_plaatsing.dia_titel")
    found = placement.provider_comparison(int(p["id"]), year, threshold)
    if found is None or not any(g.shown for g in found[0].groups):
        return DeckSlide(title, lines=(t("tijd_tot_plaatsing.dia_leeg"),))
    result, names, period = found
    shown = [g for g in result.groups if g.shown]
    sentence = alt_text.placement_sentence([names[g.group] for g in shown],
                                           [g.shares[12] for g in shown])  # fmt: skip
    last = min(CURVE_MONTHS, max(int(g.curve["time"][-1]) for g in shown if g.curve.get("time")))
    months = tuple(range(0, last + 1))
    line = DeckChart(
        "line", t("deck.curven_titel"), tuple(str(m) for m in months),
        tuple((names[g.group], tuple(_curve_at(g.curve, m) for m in months)) for g in shown),
        number_format="0%", description=sentence,
    )  # fmt: skip
    within = (6, 12)
    bars = DeckChart(
        "clustered", t("deck.binnen_titel"), tuple(names[g.group] for g in shown),
        tuple((t("deck.binnen", maanden=m),
               tuple(g.shares[m]["share"] if g.shares.get(m) else None for g in shown))
              for m in within),
        number_format="0%",
        description=t("deck.binnen_uitleg", zinnen="; ".join(
            f"{names[g.group]} " + ", ".join(
                fmt_pct(g.shares[m]["share"]) if g.shares.get(m) else "–" for m in within)
            for g in shown)),
    )  # fmt: skip
    verdicts = tuple(
        t("tijd_tot_plaatsing.oordeel_regel", a=names[pair.first], b=names[pair.second],
          oordeel=t(sv.VERDICT_KEYS[pair.verdict]))
        for pair in result.pairs
    )  # fmt: skip
    return DeckSlide(title, lines=(period,), charts=(line, bars),
                     closing=plain(verdicts[0]) if verdicts else "",
                     notes="\n".join([sentence, bars.description, *map(plain, verdicts)]))  # fmt: skip


def _own_notice(slide: DeckSlide, p, year: int) -> DeckSlide:
    """A partnership's slide says what is invented of its own programmes' trajectories."""
    found = origin.of(filters.Selection(year, str(p["code"])))
    return replace(slide, notice=origin.short(found))


def presentation_draft(year: int, partnership_code: str | None, made_on: date) -> Deck:
    """One slide per slide of Presentatie, in its order: the country, each partnership, and the
    providers compared."""
    threshold = data.settings().suppress_below
    national = briefing.shared(filters.Selection(year), made_on)
    out = [_national(year, national)]
    out += [_own_notice(_partnership(p, year, threshold), p, year)
            for _, p in slides.partnerships(partnership_code).iterrows()]  # fmt: skip
    compared = slides.comparison_partnership()
    if compared is not None:
        out.append(_own_notice(_comparison(compared, year, threshold), compared, year))
    c = national.content
    return Deck(t("deck.titel_presentatie", jaar=year), tuple(out), _footer(c),
                c.texts["fictief_kort"] if c.fictional else "", current_language())  # fmt: skip


shared_briefing = data.built(briefing_draft)
shared_presentation = data.built(presentation_draft)


def pptx(deck: Deck, pictures: bool = True) -> bytes:
    """The file: every picture drawn (kaleido, as the PDF's), then the slides written. Without
    pictures (for the disclosure audit, which reads the text and the charts' data) in ~0.1 s."""
    from components.drawing.chart_export import png

    def drawn(p):
        if isinstance(p, Drawn):
            return Picture(png(p.figure, width=p.width), p.description, p.caption)
        return p

    slides_ = tuple(
        replace(s, pictures=tuple(map(drawn, s.pictures)) if pictures else ()) for s in deck.slides
    )
    return deck_pptx(replace(deck, slides=slides_))


PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def _later(make, *args) -> Callable[[], bytes]:
    """For a download button: the file made when clicked, in the page's language. Streamlit runs
    the callable on a server thread, outside the page's run and its language setting."""
    language = current_language()

    def made() -> bytes:
        with use_language(language):
            return pptx(make(*args))

    return made


def briefing_file(sel: filters.Selection, made_on: date) -> Callable[[], bytes]:
    return _later(shared_briefing, sel, made_on)


def presentation_file(
    year: int, partnership_code: str | None, made_on: date
) -> Callable[[], bytes]:
    return _later(shared_presentation, year, partnership_code, made_on)

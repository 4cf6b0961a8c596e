"""Doelen's gauge cards: everything one card shows, built once per target, threshold, day and
language and shared by the sessions (data.built). The page only draws them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from components.drawing import alt_text, charts, gauges
from components.shell import data
from components.shell.i18n import t
from components.shell.style import colour
from components.views import target_status as ts
from domain import targets as tg
from domain.formatting import fmt_date, fmt_int, fmt_pct
from domain.pace import Status, pace, withheld
from domain.suppression import is_small


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


@dataclass(frozen=True)
class History:
    figure: go.Figure
    sentence: str
    table: pd.DataFrame


@dataclass(frozen=True)
class Card:
    """Everything one gauge card shows, built once per target, threshold, day and language."""

    caption: str
    figure: go.Figure
    status_line: str
    texts: tuple[str, ...]  # progress, forecast and (for stacked targets) the parts
    rows: tuple[dict, ...]  # the card's rows in the page's table
    members: pd.DataFrame | None  # a target split per municipality: its members' table
    history: History | None  # None: too few to show a history without revealing small counts
    history_note: str = ""  # why there is no history


def build_card(name: str, g: tg.TargetGroup, threshold: int, today: date) -> Card:
    """One card's gauge, texts, table rows and history. `today` is in the key so that a
    card built yesterday is not shown today (pace is judged on the day)."""
    del today  # only part of the key: peildatum() reads the date itself
    area_names = data.municipalities(include_merged=True).set_index("code")["name"]
    measured = ts.measure(g, threshold)
    p, realised, hidden, shown = measured.pace, measured.realised, measured.hidden, measured.shown
    as_of, member_counts = measured.as_of, measured.member_counts
    caption = t(
        "doelen.meter_kop", metriek=t(f"metriek.{g.metric}"), van=fmt_date(g.period_start),
        tot=fmt_date(g.period_end),
    )  # fmt: skip
    figure = charts.gauge_figure(
        realised, g.value, p.expected, None, gauges.STATUS_COLOURS[p.status], hidden=hidden,
        parts=g.parts if len(g.parts) > 1 and not g.members else (), hidden_text=shown,
    )  # fmt: skip
    texts = [
        gauges.progress_text(p, shown, as_of, hidden, g.metric),
        gauges.forecast_text(p, g.period_start, g.period_end, hidden),
    ]
    if len(g.parts) > 1 and not g.members and not hidden:
        texts.append(gauges.parts_text(p, g.parts))
    rows = [table_row(name, g, p, shown, hidden, as_of)]
    members_table = None
    if g.members:
        counts = {m.area_code: int(member_counts.get(m.area_code, 0)) for m in g.members}
        _, fates = ts.counted(g, realised, counts, threshold)
        members = []
        for m in g.members:
            mp = pace(m.value, counts[m.area_code], m.period_start, m.period_end, as_of)
            m_hidden = fates[m.area_code].hidden
            small = is_small(counts[m.area_code], threshold)
            mp = withheld(mp, threshold, small=small) if m_hidden else mp
            m_shown = fates[m.area_code].label
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
        members_table = pd.DataFrame(members)
    return Card(
        caption, figure, gauges.status_line(p), tuple(texts), tuple(rows), members_table,
        # A hidden count has no history: its last point would be the count itself.
        None if hidden else _history(g, as_of, threshold),
        t("doelen.verloop_afgeschermd" if p.status is Status.SHIELDED else "doelen.verloop_te_klein"),
    )  # fmt: skip


def _history(g: tg.TargetGroup, as_of: date, threshold: int) -> History | None:
    args = (g.programme_id, g.metric, g.period_start, g.period_end)
    table = tg.history(data.monthly_realised(*args, g.area_codes), g, as_of, threshold)
    if table is None:
        return None
    names = {k: t(f"doelen.verloop_{k}") for k in ("cumulative", "target")}
    shown = pd.DataFrame({
        t("kolom.maand"): table["label"],
        names["cumulative"]: [fmt_int(v) if v == v and v is not None else "–"
                              for v in table["cumulative"]],
        names["target"]: [fmt_int(round(v)) for v in table["target_cumulative"]],
    })  # fmt: skip
    figure = charts.history_figure(table, names, colour(0))
    return History(figure, alt_text.history_sentence(table), shown)


# Shared by the sessions (data.built): a cached run only draws what was built.
card = data.built(build_card)

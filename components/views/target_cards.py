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


def screen_row(name: str, g: tg.TargetGroup, p, shown: str, hidden: bool, as_of: date) -> dict:
    """table_row's figures as the screen shows them: seven columns instead of fourteen, so that
    the table fits a laptop (1280 px, the sidebar open). What belongs together shares a cell: the
    target, what it counts and its build-up (on a line of its own), the count and its share, the
    expectation and its date, the forecast and the day the target is reached, the status and
    whether it is final. The download keeps table_row's columns, the share of the period passed
    among them."""
    build_up = (
        " + ".join(f"{label} {fmt_int(v)}" for label, v in g.parts)
        if len(g.parts) > 1
        else " ".join(label for label, _ in g.parts)
    )
    target = t("doelen.cel_doel", doel=fmt_int(g.value), metriek=t(f"metriek.{g.metric}"))
    share = gauges.percentage(p, hidden)
    stand = t("doelen.stand_eind") if p.final else t("doelen.stand_tussen")
    return {
        t("kolom.programma"): name,
        # A no-break space keeps the dash with the first date when the period takes two lines.
        t("kolom.periode"): f"{fmt_date(g.period_start)}\u00a0– {fmt_date(g.period_end)}",
        t("kolom.doel"): f"{target}\n{build_up}" if build_up else target,
        t("kolom.gerealiseerd"): shown if share == "–"
        else t("doelen.cel_gerealiseerd", gerealiseerd=shown, procent=share),
        t("kolom.verwacht_nu"): t("doelen.cel_verwacht", verwacht=fmt_int(p.expected),
                                  peildatum=fmt_date(as_of)),
        t("kolom.prognose"): _forecast_cell(p, hidden),
        t("kolom.status"): t("doelen.cel_status", status=gauges.status_text(p), stand=stand),
    }  # fmt: skip


def _forecast_cell(p, hidden: bool) -> str:
    """The forecast at the end of the period, with the day the target is (or at this pace will
    be) reached."""
    if hidden or p.forecast is None:
        return "–"
    reached = gauges.reached_cell(p, hidden)
    if reached == "–":
        return fmt_int(p.forecast)
    key = "doelen.cel_prognose_bereikt" if p.status is Status.MET else "doelen.cel_prognose_rond"
    return t(key, prognose=fmt_int(p.forecast), datum=reached)


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
    rows: tuple[dict, ...]  # the card's rows in the page's table, as its download holds them
    screen_rows: tuple[dict, ...]  # the same rows as the screen shows them (screen_row)
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
    screen_rows = [screen_row(name, g, p, shown, hidden, as_of)]
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
            screen_rows.append(screen_row(member_name, m, mp, m_shown, m_hidden, as_of))
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
        caption, figure, gauges.status_line(p), tuple(texts), tuple(rows), tuple(screen_rows),
        members_table,
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

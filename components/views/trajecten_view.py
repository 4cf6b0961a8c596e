"""Trajecten's parts as people read them (funnel, lead times, drop-out, trend), built once per
filter and language and shared by the sessions (data.built). The page only draws them."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from components.drawing import alt_text, charts
from components.drawing import trajecten_charts as tc
from components.shell import data, publication
from components.shell.i18n import t
from components.views import trajecten_controls as controls
from domain.formatting import current_language, fmt_decimal, fmt_pct
from domain.funnel import NO_DROPOUT, dropout_table, funnel_mask, funnel_table, trend_table
from domain.leadtime import lead_time_table
from domain.stages import stage_labels
from domain.suppression import cell_label
from domain.texts import catalogue


def funnel_frame(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("kolom.fase"): table["label"],
            t("kolom.aantal"): table["shown"],
            t("kolom.van_vorige"): [fmt_pct(v) for v in table["from_previous"]],
            t("kolom.van_aanmelding"): [fmt_pct(v) for v in table["from_top"]],
        }
    )


@dataclass(frozen=True)
class Section:
    """What one part of the page shows, built once per filter and language (data.built)."""

    table: pd.DataFrame  # the table as people read it: suppressed and formatted
    figure: go.Figure | None = None
    sentence: str = ""


def _lead_section(f, threshold: int) -> Section:
    lead = lead_time_table(data.lead_time_histogram(f), threshold)
    shown = pd.DataFrame(
        {
            t("kolom.stap"): lead["label"],
            t("kolom.mediaan"): [fmt_decimal(v, 0) for v in lead["median"]],
            t("kolom.p25"): [fmt_decimal(v, 0) for v in lead["p25"]],
            t("kolom.p75"): [fmt_decimal(v, 0) for v in lead["p75"]],
        }
    )
    if lead["hidden"].all():
        return Section(shown)
    figure = tc.lead_time_figure(lead, t("trajecten.doorloop_titel"), t("trajecten.dagen"))
    return Section(shown, figure, alt_text.lead_time_sentence(lead))


def reason_label(reason: object) -> str:
    """A drop-out reason as a column heading: the reasons the field uses most ('gezondheid',
    'terugval na plaatsing', ...) in the interface language; any other reason as the file wrote
    it, for it is the coordinator's own word."""
    text = str(reason).strip()
    key = f"uitvalreden.{'_'.join(text.lower().split())}"
    known = catalogue(current_language())
    return known[key] if key in known else text[:1].upper() + text[1:]


def _dropout_section(f, funnel_row: dict, hidden: dict, threshold: int) -> Section:
    counts, mask = dropout_table(funnel_row, hidden, data.dropout_by_stage(f), threshold)
    names = {"totaal": t("kolom.totaal_niet_verder"), NO_DROPOUT: t("trajecten.geen_uitval")}
    shown = pd.DataFrame(
        {
            names.get(c) or reason_label(c): [
                cell_label(int(n), threshold, bool(h))
                for n, h in zip(counts[c], mask[c], strict=True)
            ]
            for c in counts.columns
        }
    )
    shown.insert(0, t("kolom.laatste_fase"), [stage_labels()[s] for s in counts.index])
    return Section(shown)


def _trend_section(f, threshold: int, hidden: dict) -> Section:
    table = trend_table(data.funnel_counts(f, "maand"), threshold, hidden)
    names = {"aanmelding": t("kolom.aangemeld"), "geplaatst": t("kolom.geplaatst")}
    shown = pd.DataFrame(
        {
            t("kolom.maand"): [controls.month_name(m) for m in table["month"]],
            names["aanmelding"]: table["aanmelding_shown"],
            names["geplaatst"]: table["geplaatst_shown"],
        }
    )
    return Section(shown, tc.trend_figure(table, t("trajecten.trend_titel"), names))


# Shared by the sessions: a cached run draws them without building them again.
lead_section = data.built(_lead_section)
dropout_section = data.built(_dropout_section)
trend_section = data.built(_trend_section)


@dataclass(frozen=True)
class Funnel:
    row: dict  # the counts per stage
    hidden: dict  # stage -> whether its count is suppressed
    table: pd.DataFrame  # domain.funnel.funnel_table
    figure: go.Figure
    shown: pd.DataFrame  # the funnel's table as people read it


def _funnel(f, threshold: int, title: str) -> Funnel | None:
    """The page's funnel, or None when the period has no registrations."""
    counts = data.funnel_counts(f)
    row = counts.iloc[0].to_dict() if not counts.empty else {}
    if not row or int(row.get("aanmelding") or 0) == 0:
        return None
    row = {k: int(v or 0) for k, v in row.items()}
    # The top is the year's registrations: hidden here where the year's decision hides it.
    top = publication.funnel_top(f)
    before = [{"aanmelding": top is not None and top.hidden}]
    hidden = funnel_mask(pd.DataFrame([row]), threshold, partition=False, initially=before)
    hidden = hidden.iloc[0].to_dict()
    hidden = {k: bool(v) for k, v in hidden.items()}
    table = funnel_table(row, threshold, hidden)
    figure = charts.funnel_figure(table, title)
    return Funnel(row, hidden, table, figure, funnel_frame(table))


funnel_of = data.built(_funnel)

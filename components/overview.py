"""Overzicht's tiles, table and chart for a year and a choice of programmes, built once per
language and shared by the sessions (data.built). One ledger protects them together."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from components import alt_text, charts, data
from components.i18n import t
from domain import context_line, summary
from domain.formatting import fmt_date
from domain.suppression import display_count


def scope_programmes(programme: str | None, partnership: str | None) -> set[int] | None:
    """The ids of the chosen programme, or of the chosen partnership's programmes; None: all."""
    programmes = data.programmes()
    if programme:
        return set(programmes.loc[programmes["code"] == programme, "id"])
    if partnership:
        pid = data.partnerships().set_index("code").loc[partnership, "id"]
        return set(programmes.loc[programmes["partnership_id"] == pid, "id"])
    return None


def cell(ledger, figure: str, partnership_id) -> str:
    """A partnership's count in the table; one without programmes has 0."""
    key = ("table", figure, int(partnership_id))
    return ledger.label(key) if any(c.key == key for c in ledger.cells) else "0"


@dataclass(frozen=True)
class Overview:
    """What Overzicht shows for a year and a choice of programmes, built once per language."""

    cases: pd.DataFrame  # the partnerships with programmes
    regions: pd.DataFrame  # the labour-market regions
    tiles: tuple[tuple[str, str, str | None], ...]
    table: pd.DataFrame  # the partnerships' table as people read it
    bar: go.Figure | None  # placements per programme; None when the year has none to show
    bar_sentence: str
    bar_table: pd.DataFrame | None


def build_overview(
    year: int, programme: str | None, partnership: str | None, threshold: int
) -> Overview:
    everything = data.partnerships()
    # The cases carry programmes and trajectories; the labour-market regions only members and
    # CBS figures, so they get their own table instead of 35 rows of empty trajectory columns.
    partnerships = context_line.cases(everything)
    regions = context_line.regions(everything)
    members = data.partnership_members()
    members = members[members["partnership_id"].isin(partnerships["id"])]
    yearly = data.yearly_figures(year)
    chosen = scope_programmes(programme, partnership)
    # One ledger for the tiles, the table, its download and the chart: a count hidden in one is
    # not derivable from the others (domain.disclosure).
    ledger = summary.overview_ledger(yearly, data.programmes(), chosen, threshold)
    year_totals = {
        name: ledger.label(("tile", name))
        for name in ("aangemeld", "geplaatst", "duurzaam", "geplaatst_werk", "geplaatst_opleiding")
    }
    municipalities = members.loc[members["member_type"] == "gemeente", "area_code"].nunique()
    tiles = (
        (
            t("overzicht.samenwerkingen"),
            str(len(partnerships)),
            t("context_regel.samenwerkingen_uitleg", regios=len(regions)),
        ),
        (t("overzicht.gemeenten"), str(municipalities), t("context_regel.gemeenten_uitleg")),
        (t("overzicht.aangemeld", jaar=year), year_totals["aangemeld"], None),
        (
            t("overzicht.geplaatst", jaar=year),
            year_totals["geplaatst"],
            t(
                "overzicht.geplaatst_uitleg",
                werk=year_totals["geplaatst_werk"],
                opleiding=year_totals["geplaatst_opleiding"],
            ),
        ),
        (t("overzicht.duurzaam", jaar=year), year_totals["duurzaam"], None),
    )
    per = summary.per_partnership(yearly, data.programmes())
    table = partnerships.merge(per, left_on="id", right_on="partnership_id", how="left")
    shown = pd.DataFrame(
        {
            t("kolom.samenwerking"): table["name"],
            t("kolom.soort"): [t(f"soort.{k}") for k in table["kind"]],
            t("kolom.gemeenten"): table["municipalities"],
            t("kolom.organisaties"): table["organisations"],
            t("kolom.sinds"): [fmt_date(d) for d in table["start_date"]],
            t("kolom.aangemeld_jaar", jaar=year): [
                cell(ledger, "aangemeld", pid) for pid in table["id"]
            ],
            t("kolom.geplaatst_jaar", jaar=year): [
                cell(ledger, "geplaatst", pid) for pid in table["id"]
            ],
            t("kolom.bron"): [
                f"{title} ({publisher})" for title, publisher in
                zip(table["source_title"], table["source_publisher"], strict=True)
            ],
        }
    )  # fmt: skip
    programmes = data.programmes().merge(yearly, left_on="id", right_on="programme_id", how="left")
    programmes["geplaatst"] = programmes["geplaatst"].fillna(0).astype(int)
    visible = programmes[
        [n > 0 and not ledger.hidden(("bar", int(p))) for p, n in
         zip(programmes["id"], programmes["geplaatst"], strict=True)]
    ]  # fmt: skip
    if visible["geplaatst"].sum() == 0:
        return Overview(partnerships, regions, tiles, shown, None, "", None)
    bar = charts.bar_figure(
        visible[["name", "geplaatst"]], "name", "geplaatst",
        title=t("overzicht.grafiek_geplaatst", jaar=year),
    )  # fmt: skip
    sentence = alt_text.bar_sentence(
        list(visible["name"]), list(visible["geplaatst"]), year, threshold
    )
    bar_table = pd.DataFrame({
        t("kolom.programma"): visible["name"],
        t("kolom.geplaatst"): [display_count(n, threshold) for n in visible["geplaatst"]],
    })  # fmt: skip
    return Overview(partnerships, regions, tiles, shown, bar, sentence, bar_table)


# Shared by the sessions (data.built): a cached run of the page only draws it.
overview = data.built(build_overview)

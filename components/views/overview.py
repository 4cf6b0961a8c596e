"""Overzicht's tiles, table and chart for a year and a choice of programmes, built once per
language and shared by the sessions (data.built). One ledger protects them together."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from components.drawing import alt_text, charts
from components.shell import data, publication
from components.shell.i18n import t
from domain import context_line, suppression
from domain.formatting import fmt_date, fmt_int
from domain.sources import entry as source_entry


def scope_programmes(programme: str | None, partnership: str | None) -> set[int] | None:
    """The ids of the chosen programme, or of the chosen partnership's programmes; None: all."""
    programmes = data.programmes()
    if programme:
        return set(programmes.loc[programmes["code"] == programme, "id"])
    if partnership:
        pid = data.partnerships().set_index("code").loc[partnership, "id"]
        return set(programmes.loc[programmes["partnership_id"] == pid, "id"])
    return None


def own_programmes(programmes: pd.DataFrame, chosen: set[int] | None) -> pd.DataFrame:
    """The programmes in scope that a municipality runs on its own, in no partnership."""
    own = programmes[programmes["partnership_id"].isna()]
    return own if chosen is None else own[own["id"].isin(chosen)]


@dataclass(frozen=True)
class Overview:
    """What Overzicht shows for a year and a choice of programmes, built once per language."""

    cases: pd.DataFrame  # the partnerships with programmes
    regions: pd.DataFrame  # the labour-market regions
    tiles: tuple[tuple[str, str, str | None], ...]
    table: pd.DataFrame  # the partnerships' table as people read it, as its download holds it
    bar: go.Figure | None  # placements per programme; None when the year has none to show
    bar_sentence: str
    bar_table: pd.DataFrame | None
    # Above the chart, outside the figure: a phone wraps it, and no toolbar covers it.
    bar_title: str = ""
    # What "<10" and "x" in the tiles and the table mean ('' when neither is shown).
    legend: str = ""

    @property
    def screen_table(self) -> pd.DataFrame:
        """The table on screen: without its sources, which are listed under it (sources), so that
        its figures fit a laptop (1280 px, the sidebar open)."""
        return self.table.drop(columns=[t("kolom.bron")])

    @property
    def sources(self) -> tuple[tuple[str, str], ...]:
        """(row, source) for the list under the table, for the rows that name a source."""
        names, sources = self.table.iloc[:, 0], self.table[t("kolom.bron")]
        return tuple((n, s) for n, s in zip(names, sources, strict=True) if s != "–")


def build_overview(
    year: int, programme: str | None, partnership: str | None, threshold: int
) -> Overview:
    """Tiles, table and chart for the chosen scope: every part of the page counts the same
    programmes, and every count comes from the year's one decision (components.shell.publication)."""
    del threshold  # part of the key only: the decision reads the configured threshold
    everything = data.partnerships()
    # The cases carry programmes and trajectories; the labour-market regions only members and
    # CBS figures, so they get their own table instead of 35 rows of empty trajectory columns.
    partnerships = context_line.cases(everything)
    regions = context_line.regions(everything)
    programmes = data.programmes()
    chosen = scope_programmes(programme, partnership)
    if chosen is not None:
        owners = set(programmes.loc[programmes["id"].isin(chosen), "partnership_id"].dropna())
        if partnership:
            owners.add(int(everything.set_index("code").loc[partnership, "id"]))
        partnerships = partnerships[partnerships["id"].isin(owners)]
    members = data.partnership_members()
    members = members[members["partnership_id"].isin(partnerships["id"])]
    decided = publication.year(year)
    year_totals = {
        name: decided.count(name, chosen).label
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

    def in_row(pid) -> set[int]:
        ids = set(programmes.loc[programmes["partnership_id"] == pid, "id"])
        return ids if chosen is None else ids & chosen

    table = partnerships
    shown = pd.DataFrame(
        {
            t("kolom.samenwerking"): table["name"],
            t("kolom.soort"): [t(f"soort.{k}") for k in table["kind"]],
            t("kolom.gemeenten"): table["municipalities"],
            t("kolom.organisaties"): table["organisations"],
            t("kolom.sinds"): [fmt_date(d) for d in table["start_date"]],
            t("kolom.aangemeld_jaar", jaar=year): [
                decided.count("aangemeld", in_row(pid)).label for pid in table["id"]
            ],
            t("kolom.geplaatst_jaar", jaar=year): [
                decided.count("geplaatst", in_row(pid)).label for pid in table["id"]
            ],
            t("kolom.bron"): [
                source_entry(title, publisher) for title, publisher in
                zip(table["source_title"], table["source_publisher"], strict=True)
            ],
        }
    )  # fmt: skip
    # A municipality's own programmes (Werkoffensief +500) belong to no partnership; their rows
    # make the table add up to the tiles above it.
    own = own_programmes(programmes, chosen)
    if not own.empty:
        sources = data.targets(tuple(int(i) for i in own["id"]))
        source_of = sources.dropna(subset=["source_title"]).groupby("programme_id").first()
        rows = pd.DataFrame(
            {
                t("kolom.samenwerking"): [t("overzicht.eigen_naam", programma=n, gemeente=g)
                                          for n, g in zip(own["name"], own["lead_area_name"],
                                                          strict=True)],
                t("kolom.soort"): t("soort.eigen_programma"),
                t("kolom.gemeenten"): 1,
                t("kolom.organisaties"): 0,
                t("kolom.sinds"): [fmt_date(d) for d in own["start_date"]],
                t("kolom.aangemeld_jaar", jaar=year): [
                    decided.count("aangemeld", {int(i)}).label for i in own["id"]],
                t("kolom.geplaatst_jaar", jaar=year): [
                    decided.count("geplaatst", {int(i)}).label for i in own["id"]],
                t("kolom.bron"): [
                    source_entry(source_of.loc[i, "source_title"],
                                  source_of.loc[i, "source_publisher"])
                    if i in source_of.index else "–" for i in own["id"]],
            }
        )  # fmt: skip
        shown = pd.concat([shown, rows], ignore_index=True)
    legend = suppression.legend(
        [*year_totals.values(), *shown.astype(str).to_numpy().ravel()], decided.threshold
    )
    in_scope = programmes if chosen is None else programmes[programmes["id"].isin(chosen)]
    bars = [(name, decided.count("geplaatst", {int(p)})) for name, p in
            zip(in_scope["name"], in_scope["id"], strict=True)]  # fmt: skip
    visible = [(name, c.value) for name, c in bars if c.value > 0 and not c.hidden]
    if not visible:
        return Overview(partnerships, regions, tiles, shown, None, "", None, legend=legend)
    frame = pd.DataFrame(visible, columns=["name", "geplaatst"])
    bar = charts.bar_figure(frame, "name", "geplaatst")
    sentence = alt_text.bar_sentence(
        list(frame["name"]), list(frame["geplaatst"]), year, decided.threshold
    )
    bar_table = pd.DataFrame({
        t("kolom.programma"): frame["name"],
        t("kolom.geplaatst"): [fmt_int(n) for n in frame["geplaatst"]],
    })  # fmt: skip
    return Overview(partnerships, regions, tiles, shown, bar, sentence, bar_table,
                    t("overzicht.grafiek_geplaatst", jaar=year), legend)  # fmt: skip


# The three big numbers of a partnership's slide in Presentatie.
SLIDE_HEADLINES = ("aangemeld", "gestart", "geplaatst")


def national_numbers(year: int) -> dict[str, str]:
    """The first slide's counts, as the year's one decision shows them."""
    decided = publication.year(year)
    return {k: decided.count(k).label for k in ("aangemeld", "geplaatst")}


def partnership_numbers(year: int, programme_ids: set[int]) -> dict[str, str]:
    """A partnership slide's counts (SLIDE_HEADLINES over its programmes), as the year's decision
    shows them."""
    decided = publication.year(year)
    return {k: decided.count(k, programme_ids).label for k in SLIDE_HEADLINES}


# Shared by the sessions (data.built): a cached run of the page only draws it.
overview = data.built(build_overview)

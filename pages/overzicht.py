"""Overzicht: the national picture of all partnerships at a glance."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import alt_text, context_lines, data, figures, filters, layout
from components.guard import render_safely
from components.i18n import t
from domain import context_line, summary
from domain.formatting import fmt_date
from domain.suppression import display_count


def scope_programmes(sel: filters.Selection) -> set[int] | None:
    programmes = data.programmes()
    if sel.programme:
        return set(programmes.loc[programmes["code"] == sel.programme, "id"])
    if sel.partnership:
        pid = data.partnerships().set_index("code").loc[sel.partnership, "id"]
        return set(programmes.loc[programmes["partnership_id"] == pid, "id"])
    return None


def cell(ledger, figure: str, partnership_id) -> str:
    """A partnership's count in the table; one without programmes has 0."""
    key = ("table", figure, int(partnership_id))
    return ledger.label(key) if any(c.key == key for c in ledger.cells) else "0"


def context(sel: filters.Selection, cases: pd.DataFrame, regions: pd.DataFrame) -> None:
    """The CBS context line of each case, or of the partnership chosen in the sidebar (a region
    says it has no trajectories); the regions' figures in a closed expander."""
    chosen = context_lines.chosen(sel.partnership)
    if chosen is not None and context_line.is_region(chosen["kind"]):
        context_lines.no_trajectories(chosen)
    context_lines.show(cases if chosen is None else chosen.to_frame().T)
    if regions.empty:
        return
    with st.expander(t("context_regel.regios_kop", aantal=len(regions))):
        st.caption(t("context_regel.regios_uitleg"))
        table = context_lines.regions_table()
        st.dataframe(table, hide_index=True, width="stretch")
        layout.table_download(table, "arbeidsmarktregios", key="dl_regios")


def render() -> None:
    layout.header("overzicht")
    layout.fictional_notice()
    sel = filters.current()
    threshold = data.settings().suppress_below
    everything = data.partnerships()
    # The cases carry programmes and trajectories; the labour-market regions only members and
    # CBS figures, so they get their own table instead of 35 rows of empty trajectory columns.
    partnerships = context_line.cases(everything)
    regions = context_line.regions(everything)
    members = data.partnership_members()
    members = members[members["partnership_id"].isin(partnerships["id"])]
    yearly = data.yearly_figures(sel.year)
    chosen = scope_programmes(sel)
    # One ledger for the tiles, the table, its download and the chart: a count hidden in one is
    # not derivable from the others (domain.disclosure).
    ledger = summary.overview_ledger(yearly, data.programmes(), chosen, threshold)
    year_totals = {
        name: ledger.label(("tile", name))
        for name in ("aangemeld", "geplaatst", "duurzaam", "geplaatst_werk", "geplaatst_opleiding")
    }

    municipalities = members.loc[members["member_type"] == "gemeente", "area_code"].nunique()
    layout.tiles(
        [
            (
                t("overzicht.samenwerkingen"),
                str(len(partnerships)),
                t("context_regel.samenwerkingen_uitleg", regios=len(regions)),
            ),
            (t("overzicht.gemeenten"), str(municipalities), t("context_regel.gemeenten_uitleg")),
            (t("overzicht.aangemeld", jaar=sel.year), year_totals["aangemeld"], None),
            (
                t("overzicht.geplaatst", jaar=sel.year),
                year_totals["geplaatst"],
                t(
                    "overzicht.geplaatst_uitleg",
                    werk=year_totals["geplaatst_werk"],
                    opleiding=year_totals["geplaatst_opleiding"],
                ),
            ),
            (t("overzicht.duurzaam", jaar=sel.year), year_totals["duurzaam"], None),
        ]
    )

    st.subheader(t("overzicht.lijst_kop"))
    per = summary.per_partnership(yearly, data.programmes())
    table = partnerships.merge(per, left_on="id", right_on="partnership_id", how="left")
    shown = pd.DataFrame(
        {
            t("kolom.samenwerking"): table["name"],
            t("kolom.soort"): [t(f"soort.{k}") for k in table["kind"]],
            t("kolom.gemeenten"): table["municipalities"],
            t("kolom.organisaties"): table["organisations"],
            t("kolom.sinds"): [fmt_date(d) for d in table["start_date"]],
            t("kolom.aangemeld_jaar", jaar=sel.year): [
                cell(ledger, "aangemeld", pid) for pid in table["id"]
            ],
            t("kolom.geplaatst_jaar", jaar=sel.year): [
                cell(ledger, "geplaatst", pid) for pid in table["id"]
            ],
            t("kolom.bron"): [
                f"{title} ({publisher})" for title, publisher in
                zip(table["source_title"], table["source_publisher"], strict=True)
            ],
        }
    )  # fmt: skip
    st.dataframe(shown, hide_index=True, width="stretch")
    layout.table_download(shown, f"samenwerkingen_{sel.year}", key="dl_overzicht")
    context(sel, partnerships, regions)

    programmes = data.programmes().merge(yearly, left_on="id", right_on="programme_id", how="left")
    programmes["geplaatst"] = programmes["geplaatst"].fillna(0).astype(int)
    visible = programmes[
        [n > 0 and not ledger.hidden(("bar", int(p))) for p, n in
         zip(programmes["id"], programmes["geplaatst"], strict=True)]
    ]  # fmt: skip
    if visible["geplaatst"].sum() > 0:
        fig = figures.bar(
            visible[["name", "geplaatst"]], "name", "geplaatst",
            title=t("overzicht.grafiek_geplaatst", jaar=sel.year),
        )  # fmt: skip
        st.plotly_chart(fig, width="stretch", config={"displaylogo": False})
        layout.chart_text(
            alt_text.bar_sentence(list(visible["name"]), list(visible["geplaatst"]), sel.year,
                                  threshold),
            pd.DataFrame({t("kolom.programma"): visible["name"],
                          t("kolom.geplaatst"): [display_count(n, threshold)
                                                 for n in visible["geplaatst"]]}),
        )  # fmt: skip
    else:
        st.info(t("overzicht.geen_plaatsingen", jaar=sel.year))
    layout.data_date()
    layout.definitions()


render_safely(render)

"""The CBS context line of partnerships (inhabitants and bijstand in their members) as pages show
it, and the 35 labour-market regions beside the five cases: they have members and real figures,
but no programmes or trajectories."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.shell import data
from components.shell.i18n import t, t_md
from domain import context_line
from domain.formatting import fmt_decimal, fmt_int
from domain.literal import md


def _lines_of(codes: tuple[str, ...], named: bool) -> tuple[str, ...]:
    everything = data.partnerships()
    chosen = everything.set_index("code").loc[list(codes)].reset_index()
    found = context_line.partnership_lines(
        data.context_figures(), data.partnership_members(), chosen, named
    )
    return tuple(line for _, line in found)


# Built once per choice and language and shared by the sessions, like the briefing: Overzicht is
# the first page everyone opens, and filtering the figures per partnership costs ~50 ms a line.
_shared_lines = data.built(_lines_of)


def lines(partnerships: pd.DataFrame, named: bool = True) -> list[str]:
    """One context sentence per partnership, in their order."""
    return list(_shared_lines(tuple(str(c) for c in partnerships["code"]), named))


def show(partnerships: pd.DataFrame, named: bool = True) -> None:
    """The heading, the note that these figures are real, and the lines as a list."""
    st.subheader(t("context_regel.kop"))
    st.caption(t("context_regel.uitleg"))
    st.markdown("\n".join(f"- {md(line)}" for line in lines(partnerships, named)))


def chosen(partnership_code: str | None) -> pd.Series | None:
    """The partnership chosen in the sidebar, or None."""
    if not partnership_code:
        return None
    partnerships = data.partnerships()
    found = partnerships[partnerships["code"] == partnership_code]
    return None if found.empty else found.iloc[0]


def chosen_region(partnership_code: str | None) -> pd.Series | None:
    """The chosen partnership when it is a labour-market region, else None."""
    p = chosen(partnership_code)
    return p if p is not None and context_line.is_region(p["kind"]) else None


def no_trajectories(p: pd.Series) -> None:
    st.info(t_md("context_regel.geen_trajecten", naam=p["name"]))


def regions_table() -> pd.DataFrame:
    """The labour-market regions with their number of municipalities and CBS figures, formatted
    for people; a figure CBS did not publish is '–', never 0. Built once and shared (callers
    must not change it)."""
    return _shared_regions()


def _regions_table() -> pd.DataFrame:
    regions = context_line.regions(data.partnerships())
    rows = context_line.partnership_figures(
        data.context_figures(), data.partnership_members(), regions
    )
    year = rows["bijstand_jaar"].dropna().max() if not rows.empty else None
    return pd.DataFrame(
        {
            t("kolom.samenwerking"): rows["name"],
            t("kolom.gemeenten"): rows["municipalities"],
            t("context_regel.kolom_inwoners", jaar=year or "–"): [
                fmt_int(v) for v in rows["inwoners"]
            ],
            t("context_regel.kolom_bijstand", jaar=year or "–"): [
                fmt_int(v) for v in rows["bijstand"]
            ],
            t("context_regel.kolom_per_1000"): [fmt_decimal(v, 1) for v in rows["per_1000"]],
        }
    )


_shared_regions = data.built(_regions_table)


def region_without_trajectories(partnership_code: str | None) -> bool:
    """On a page about trajectories: when a labour-market region is chosen, say plainly that it
    has none and show its context line instead. True when the page should stop there."""
    region = chosen_region(partnership_code)
    if region is None:
        return False
    no_trajectories(region)
    st.markdown(md(lines(region.to_frame().T, named=False)[0]))
    return True


def sources_table() -> pd.DataFrame:
    """The real public sources (data.context_sources) as Over de data shows them: title, CBS
    table id, the years held, the measures, how many municipalities have figures, licence, note."""
    sources = data.context_sources()
    figures = data.context_figures()
    years = figures.groupby("source_id")["year"].unique() if not figures.empty else pd.Series()
    if sources.empty:
        return pd.DataFrame()

    def period(source_id) -> str:
        found = years.get(source_id)
        return ", ".join(str(y) for y in sorted(found)) if found is not None else "–"

    def measures(text: str) -> str:
        return ", ".join(t(f"context_regel.maat_{m.strip()}") for m in text.split(","))

    return pd.DataFrame(
        {
            t("kolom.titel"): sources["title"],
            t("kolom.uitgever"): sources["publisher"],
            t("context_regel.kolom_tabel"): [
                context_line.statline_table(u) or "–" for u in sources["url"]
            ],
            t("context_regel.kolom_periode"): [period(i) for i in sources["source_id"]],
            t("context_regel.kolom_maten"): [measures(m) for m in sources["measures"]],
            t("context_regel.kolom_gemeenten"): sources["areas"],
            t("context_regel.kolom_licentie"): context_line.CBS_LICENCE,
            t("kolom.toelichting"): sources["note"].fillna(""),
        }
    )

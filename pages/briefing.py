"""Briefing: a one-minute read for a wethouder about a municipality or partnership."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import data, filters, layout
from components.guard import render_safely
from components.i18n import t
from domain import summary
from domain.formatting import fmt_date, fmt_int
from domain.periods import comparison_periods
from domain.suppression import is_small


def scope(sel: filters.Selection) -> tuple[str, set[int] | None, tuple[str, ...]]:
    """Title, programme ids and municipality codes of what the briefing is about."""
    programmes = data.programmes()
    if sel.partnership:
        p = data.partnerships().set_index("code").loc[sel.partnership]
        ids = set(programmes.loc[programmes["partnership_id"] == p["id"], "id"])
        return str(p["name"]), ids, ()
    if sel.municipality:
        name = data.municipalities().set_index("code").loc[sel.municipality, "name"]
        return str(name), None, (sel.municipality,)
    return t("briefing.alle"), None, ()


def delta(now: int, before: int, threshold: int) -> str | None:
    if is_small(now, threshold) or is_small(before, threshold):
        return None
    # st.metric reads the direction from a leading ASCII minus sign.
    sign = "+" if now >= before else "-"
    return t("briefing.delta", teken=sign, aantal=fmt_int(abs(now - before)))


def render() -> None:
    layout.header("briefing")
    sel = filters.current()
    threshold = data.settings().suppress_below
    title, programme_ids, areas = scope(sel)
    st.header(t("briefing.kop", onderwerp=title, jaar=sel.year))
    layout.fictional_notice()
    first, last, first_before, last_before = comparison_periods(sel.year, data.data_until())
    now = summary.totals(data.period_figures(first, last, areas), programme_ids)
    before = summary.totals(data.period_figures(first_before, last_before, areas), programme_ids)
    shown = summary.shown(now, threshold)
    columns = st.columns(4)
    for column, name in zip(
        columns, ("aangemeld", "gestart", "geplaatst", "duurzaam"), strict=True
    ):
        column.metric(
            t(f"kolom.{name}"),
            shown[name],
            delta(now[name], before[name], threshold),
            border=True,
        )
    st.caption(
        t(
            "briefing.vergelijking",
            van=fmt_date(first),
            tot=fmt_date(last),
            van_vorig=fmt_date(first_before),
            tot_vorig=fmt_date(last_before),
        )
    )
    st.caption(
        t(
            "briefing.plaatsingen_uitleg",
            werk=shown["geplaatst_werk"],
            opleiding=shown["geplaatst_opleiding"],
        )
    )

    members = data.partnership_members()
    if sel.partnership:
        members = members[members["partnership_code"] == sel.partnership]
    elif areas:
        codes = set(members.loc[members["area_code"].isin(areas), "partnership_code"])
        members = members[members["partnership_code"].isin(codes)]
    if not members.empty:
        st.subheader(t("briefing.partners_kop"))
        partners = members.groupby("partnership_name", sort=False).apply(
            lambda g: ", ".join(dict.fromkeys(g["organisation_name"].fillna(g["area_name"]))),
            include_groups=False,
        )
        st.dataframe(
            pd.DataFrame(
                {t("kolom.samenwerking"): partners.index, t("kolom.partners"): partners.values}
            ),
            hide_index=True,
            width="stretch",
        )

    st.subheader(t("briefing.bronnen_kop"))
    sources = data.sources()
    st.markdown(
        "\n".join(
            f"- {r.title} ({r.publisher}{', ' + fmt_date(r.published_on) if r.published_on else ''})"
            for r in sources.itertuples()
        )
    )
    layout.data_date()
    st.caption(t("briefing.afdrukken"))
    layout.definitions()


render_safely(render)

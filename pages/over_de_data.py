"""Over de data: definitions, sources, what is invented, privacy and accessibility."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import data, layout
from components.guard import render_safely
from components.i18n import t
from domain.formatting import fmt_date, fmt_int


def render() -> None:
    layout.header("over")
    settings = data.settings()
    st.subheader(t("definities.kop"))
    st.markdown(
        t("definities.tekst", maanden=settings.lasting_months, drempel=settings.suppress_below)
    )
    st.subheader(t("over.bronnen_kop"))
    sources = data.sources()
    st.dataframe(
        pd.DataFrame(
            {
                t("kolom.titel"): sources["title"],
                t("kolom.uitgever"): sources["publisher"],
                t("kolom.datum"): [fmt_date(d) for d in sources["published_on"]],
                t("kolom.toelichting"): sources["note"].fillna(""),
            }
        ),
        hide_index=True,
        width="stretch",
    )
    totals = data.trajectory_total()
    st.subheader(t("over.fictief_kop"))
    st.markdown(
        t(
            "over.fictief_tekst",
            totaal=fmt_int(totals["total"]),
            fictief=fmt_int(totals["fictional"]),
        )
    )
    st.subheader(t("over.privacy_kop"))
    st.markdown(t("over.privacy_tekst", drempel=settings.suppress_below))
    st.subheader(t("over.cbs_kop"))
    st.markdown(t("over.cbs_tekst"))
    st.subheader(t("over.toegankelijkheid_kop"))
    st.markdown(t("over.toegankelijkheid_tekst"))


render_safely(render)

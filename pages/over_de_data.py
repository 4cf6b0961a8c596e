"""Over de data: definitions, sources (the real CBS figures with table, period, licence and
caveats), what is real and what is invented, privacy and accessibility."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.drawing import context_lines
from components.shell import data, layout, origin
from components.shell.guard import render_safely
from components.shell.i18n import t
from domain.formatting import fmt_date


def public_sources() -> None:
    st.subheader(t("context_regel.bronnen_kop"))
    st.caption(t("context_regel.bronnen_uitleg"))
    table = context_lines.sources_table()
    if not table.empty:
        st.dataframe(table, hide_index=True, width="stretch")
    st.markdown(f"**{t('context_regel.kanttekeningen_kop')}**")
    st.markdown(t("context_regel.kanttekeningen"))
    st.subheader(t("context_regel.grenzen_kop"))
    st.markdown(t("context_regel.grenzen"))


def render() -> None:
    layout.header("over")
    settings = data.settings()
    st.subheader(t("definities.kop"))
    st.markdown(
        t("definities.tekst", maanden=settings.lasting_months, drempel=settings.suppress_below)
    )
    st.subheader(t("context_regel.echt_kop"))
    st.markdown(origin.real_and_invented())
    public_sources()
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
    st.subheader(t("over.privacy_kop"))
    st.markdown(
        t("over.privacy_tekst", drempel=settings.suppress_below,
          hoogste=settings.suppress_below - 1)
    )  # fmt: skip
    st.subheader(t("over.cbs_kop"))
    st.markdown(t("over.cbs_tekst"))
    st.subheader(t("over.toegankelijkheid_kop"))
    st.markdown(t("over.toegankelijkheid_tekst"))


render_safely(render)

"""Toegankelijkheidsverklaring: the accessibility statement, after the Dutch government's model."""

from __future__ import annotations

import streamlit as st

from components.shell import data, layout
from components.shell.guard import render_safely
from components.shell.i18n import t
from domain import accessibility as a11y
from domain.formatting import fmt_date


def render() -> None:
    # Reads settings only, never the database: the statement stays up while the database is down.
    layout.header("verklaring")
    tested = fmt_date(a11y.TESTED_ON)
    st.subheader(t("verklaring.norm_kop"))
    st.markdown(t("verklaring.norm_tekst", norm=a11y.STANDARD))
    st.subheader(t("verklaring.status_kop"))
    st.markdown(t("verklaring.status_tekst"))
    st.subheader(t("verklaring.getest_kop"))
    st.markdown(
        t("verklaring.getest_tekst", datum=tested, versie=a11y.AXE_CORE_VERSION,
          toestanden=a11y.STATES_TESTED)
    )  # fmt: skip
    st.subheader(t("verklaring.niet_kop"))
    st.markdown(t("verklaring.niet_tekst"))
    st.subheader(t("verklaring.melden_kop"))
    contact = a11y.contact_markdown(data.settings().a11y_contact)
    if contact is None:
        st.markdown(t("verklaring.melden_geen_contact"))
    else:
        st.markdown(t("verklaring.melden_tekst", contact=contact))
    st.subheader(t("verklaring.handhaving_kop"))
    st.markdown(t("verklaring.handhaving_tekst"))
    st.caption(
        t("verklaring.datum", datum=tested, norm=a11y.STANDARD, versie=a11y.AXE_CORE_VERSION)
    )


render_safely(render)

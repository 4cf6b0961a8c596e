"""Beheer: how current each programme's data is, and every import that shaped it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import data, layout
from components.guard import render_safely
from components.i18n import t
from domain.formatting import fmt_date, fmt_int


def render() -> None:
    layout.header("beheer")
    st.subheader(t("beheer.stand_kop"))
    status = data.data_status()
    st.dataframe(
        pd.DataFrame(
            {
                t("kolom.programma"): status["programme_name"],
                t("kolom.stand_per"): [fmt_date(d) for d in status["data_until"]],
                t("kolom.laatste_import"): [fmt_date(d) for d in status["last_import_at"]],
                t("kolom.imports"): status["imports"],
                t("kolom.fictief"): [
                    t("algemeen.ja") if f else t("algemeen.nee") for f in status["is_fictional"]
                ],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    st.subheader(t("beheer.imports_kop"))
    imports = data.imports()
    if imports.empty:
        st.info(t("beheer.geen_imports"))
    else:
        table = pd.DataFrame(
            {
                t("kolom.datum"): [fmt_date(d) for d in imports["imported_at"]],
                t("kolom.door"): imports["imported_by"],
                t("kolom.bestand"): imports["file_name"],
                t("kolom.programma"): imports["programme_name"],
                t("kolom.nieuw"): [fmt_int(n) for n in imports["rows_new"]],
                t("kolom.gewijzigd"): [fmt_int(n) for n in imports["rows_changed"]],
                t("kolom.geweigerd"): [fmt_int(n) for n in imports["rows_refused"]],
                t("kolom.stand_per"): [fmt_date(d) for d in imports["data_until"]],
                t("kolom.controlegetal"): [h[:12] for h in imports["file_sha256"]],
            }
        )
        st.dataframe(table, hide_index=True, width="stretch")
        layout.table_download(table, "importlog", key="dl_imports")
    st.subheader(t("beheer.cli_kop"))
    st.markdown(t("beheer.cli_tekst"))
    st.code(
        "python -m data_access migrate\npython -m data_access status\n"
        "python -m data_access generate --trajectories 100000 --seed 7",
        language="bash",
    )


render_safely(render)

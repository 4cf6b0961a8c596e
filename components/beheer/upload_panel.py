"""The upload part of Beheer: template, file, checks, and the error table to fix."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.shell import data, layout
from components.shell.i18n import t
from data_access import imports
from domain.formatting import fmt_int
from domain.roles import User, may_write_for
from domain.upload import template_csv, template_ods

ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet"
# The stages of an import, in order, and the share of the bar each one ends at.
STAGE_ENDS = {"lezen": 0.15, "controleren": 0.45, "schrijven": 0.85, "tellingen": 1.0}


def writable_programmes(user: User) -> pd.DataFrame:
    """The programmes this user may upload for (a programme counts under its own or its
    sub-programmes' partnerships)."""
    programmes = data.programmes()
    partnerships_of = {
        int(r.id): {int(p) for p in programmes.loc[
            (programmes["id"] == r.id) | (programmes["parent_id"] == r.id), "partnership_id"
        ].dropna()}
        for r in programmes.itertuples()
    }  # fmt: skip
    allowed = [pid for pid, parts in partnerships_of.items() if may_write_for(user, parts)]
    return programmes[programmes["id"].isin(allowed)]


def problems_table(result: imports.ImportResult) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("kolom.rij"): [p.row if p.row is not None else "–" for p in result.problems],
            t("kolom.kolom"): [p.column or "–" for p in result.problems],
            t("kolom.melding"): [p.message for p in result.problems],
        }
    )


def progress_bar(bar):
    """A progress callback for import_trajectories that moves `bar` through the stages, with
    the stage and the row counts as its text."""
    starts = dict(zip(STAGE_ENDS, [0.0, *list(STAGE_ENDS.values())[:-1]], strict=True))

    def show(stage: str, done: int, total: int) -> None:
        start, end = starts[stage], STAGE_ENDS[stage]
        share = done / total if total else 0.0
        name = t(f"voortgang.{stage}")
        if total:
            text = t("voortgang.stap", stap=name, klaar=fmt_int(done), totaal=fmt_int(total))
        else:
            text = t("voortgang.stap_zonder_aantal", stap=name)
        bar.progress(min(1.0, start + (end - start) * share), text=text)

    return show


def upload_panel(user: User) -> None:
    st.markdown(t("beheer.upload_uitleg"))
    left, right = st.columns(2)
    left.download_button(
        t("beheer.sjabloon"), template_csv(), "sjabloon_trajecten.csv", "text/csv", key="sjabloon"
    )
    right.download_button(
        t("voortgang.sjabloon_ods"), template_ods(), "sjabloon_trajecten.ods", ODS_MIME,
        key="sjabloon_ods",
    )  # fmt: skip
    programmes = writable_programmes(user)
    if programmes.empty:
        st.info(t("beheer.geen_programma_rechten"))
        return
    names = dict(zip(programmes["code"], programmes["name"], strict=True))
    code = st.selectbox(
        t("filters.programma"), list(names), format_func=names.get, key="upload_programma"
    )
    file = st.file_uploader(
        t("beheer.bestand_kiezen"), type=["csv", "xlsx", "ods"], key="upload_bestand"
    )
    if file is None or not st.button(t("beheer.inlezen"), type="primary", key="upload_knop"):
        return
    bar = st.progress(0.0, text=t("beheer.bezig"))
    result = imports.import_trajectories(
        data.engine(), file.name, file.getvalue(), user, code, progress=progress_bar(bar)
    )
    bar.empty()
    if result.status == "geweigerd":
        st.error(t("beheer.geweigerd", aantal=len(result.problems)))
        table = problems_table(result)
        st.dataframe(table, hide_index=True, width="stretch")
        layout.table_download(table, "meldingen_" + file.name.rsplit(".", 1)[0], key="dl_meldingen")
        return
    data.clear()  # the new figures must show on every page at once
    if result.status == "ongewijzigd":
        st.info(t("beheer.ongewijzigd", aantal=fmt_int(result.unchanged)))
    else:
        st.success(
            t(
                "beheer.ingelezen",
                nieuw=fmt_int(result.new),
                gewijzigd=fmt_int(result.changed),
                ongewijzigd=fmt_int(result.unchanged),
                nummer=result.import_id,
            )
        )

"""The upload part of Beheer: template, file, checks, and the error table to fix."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.shell import data, layout
from components.shell.filters import relabelled
from components.shell.i18n import t
from components.shell.style import uploader_html
from data_access import imports
from domain.formatting import fmt_int
from domain.literal import md
from domain.roles import User, may_write_for
from domain.upload import MAX_BYTES, Problem, grouped, template_csv, template_ods

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


SHOWN_PROBLEMS = 200  # on screen, as a table that wraps; the download holds every one
FROM_FILE = ""  # the programme choice 'from the file'
RESULT_KEY = "upload_uitslag"  # the outcome of the last import, said again after the rerun


def _rows(p: Problem) -> str:
    if p.row is None:
        return "–"
    if p.last_row is None:
        return fmt_int(p.row)
    return t("beheer.rijen", van=fmt_int(p.row), tot=fmt_int(p.last_row))


def problems_table(problems: list[Problem]) -> pd.DataFrame:
    """One row per problem as a person reads it: repeated messages on consecutive rows grouped."""
    return pd.DataFrame(
        {
            t("kolom.rij"): [_rows(p) for p in problems],
            t("kolom.kolom"): [p.column or "–" for p in problems],
            t("kolom.melding"): [p.message for p in problems],
        }
    )


def refused_message(count: int) -> str:
    return t("beheer.geweigerd_een") if count == 1 else t("beheer.geweigerd", aantal=fmt_int(count))


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
    names = {FROM_FILE: t("beheer.uit_bestand")} | dict(
        zip(programmes["code"], programmes["name"], strict=True)
    )
    # 'From the file' first for who may upload for several programmes; who may upload for one
    # gets that one preselected, so a file without a programma column needs no choice.
    code = st.selectbox(
        t("filters.programma"), list(names), format_func=names.get, key=relabelled("upload_programma"),
        index=1 if len(programmes) == 1 else 0, help=t("beheer.programma_uitleg"),
    )  # fmt: skip
    # Streamlit's own texts of the uploader in the interface language (style.uploader_html). No
    # type list: the browser would refuse another type in English; the reader says it in ours.
    words = (t("beheer.upload_knop"), t("beheer.upload_regel", mb=MAX_BYTES // 2**20))
    st.html(uploader_html(*words), unsafe_allow_javascript=True)
    file = st.file_uploader(t("beheer.bestand_kiezen"), key="upload_bestand")
    said = st.session_state.pop(RESULT_KEY, None)
    if said is not None:  # the import of the run before this one, which reran the page
        kind, text = said
        (st.info if kind == "info" else st.success)(text)
    # The button names the file it reads, as the server has it: a click in the moment between
    # choosing another file and its arrival would otherwise read the file chosen before.
    if file is None or not st.button(
        t("beheer.inlezen_bestand", bestand=md(file.name)), type="primary", key="upload_knop"
    ):
        return
    bar = st.progress(0.0, text=t("beheer.bezig"))
    result = imports.import_trajectories(
        data.engine(), file.name, file.getvalue(), user, code or None, progress=progress_bar(bar)
    )
    bar.empty()
    if result.status == "geweigerd":
        problems = grouped(result.problems)
        st.error(refused_message(len(problems)))
        table = problems_table(problems)
        if len(table) > SHOWN_PROBLEMS:
            st.caption(t("beheer.meldingen_eerste", getoond=fmt_int(SHOWN_PROBLEMS),
                         aantal=fmt_int(len(table))))  # fmt: skip
        # A plain table wraps long messages (the grid cut them off); the download holds them all.
        layout.plain_table(table.head(SHOWN_PROBLEMS))
        layout.table_download(table, t("beheer.meldingen_bestand") + "_" + file.name.rsplit(".", 1)[0],
                              key="dl_meldingen")  # fmt: skip
        return
    data.clear()  # the new figures must show on every page at once
    if result.status == "ongewijzigd":
        said = ("info", t("beheer.ongewijzigd", aantal=fmt_int(result.unchanged)))
    else:
        said = ("success", t("beheer.ingelezen", nieuw=fmt_int(result.new),
                             gewijzigd=fmt_int(result.changed),
                             ongewijzigd=fmt_int(result.unchanged), nummer=result.import_id))  # fmt: skip
    # Run the page again, so that the import log and the status above show this import at once.
    st.session_state[RESULT_KEY] = said
    st.rerun()

"""Beheer: data status, uploads, accounts and the audit trail. Every write checks the role again
on the server side (data_access), whatever this page shows."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.beheer.admin_panels import audit_panel, users_panel
from components.beheer.edit_panels import partnership_panel
from components.beheer.upload_panel import upload_panel
from components.shell import auth, data, layout
from components.shell.guard import render_safely
from components.shell.i18n import t
from data_access import imports
from domain.formatting import fmt_date, fmt_int
from domain.roles import ADMIN, VIEWER, NotAllowed, User

UNDONE_KEY = "beheer_teruggedraaid"  # the undo's message, said again after the rerun


def invented_label(total: int, fictional: int) -> str:
    """Beheer's Fictief cell: ja, nee, or how many of a programme's trajectories are invented."""
    if total == 0 or fictional == 0:
        return t("algemeen.nee")
    if fictional == total:
        return t("algemeen.ja")
    return t("herkomst.deels_kort", fictief=fmt_int(fictional))


def status_panel() -> None:
    status = data.data_status()
    # What a programme holds now, not what its imports were: a real file can replace sample rows.
    held = data.trajectory_origin().set_index("programme_id")
    total = status["programme_id"].map(held["total"]).fillna(0).astype(int)
    fictional = status["programme_id"].map(held["fictional"]).fillna(0).astype(int)
    st.dataframe(
        pd.DataFrame(
            {
                # What is invented first: the column a coordinator checks after an import.
                t("kolom.programma"): status["programme_name"],
                t("kolom.trajecten"): [fmt_int(n) for n in total],
                t("kolom.fictief"): [
                    invented_label(n, f) for n, f in zip(total, fictional, strict=True)
                ],
                t("kolom.stand_per"): [fmt_date(d) for d in status["data_until"]],
                t("kolom.laatste_import"): [fmt_date(d) for d in status["last_import_at"]],
                t("kolom.imports"): status["imports"],
            }
        ),
        hide_index=True,
        width="stretch",
    )


def imports_panel(user: User | None) -> None:
    log = data.imports()
    if log.empty:
        st.info(t("beheer.geen_imports"))
        return
    table = pd.DataFrame(
        {
            t("kolom.nummer"): log["id"],
            t("kolom.datum"): [fmt_date(d) for d in log["imported_at"]],
            t("kolom.door"): log["imported_by"],
            t("kolom.bestand"): log["file_name"],
            t("kolom.programma"): log["programme_name"],
            t("kolom.status"): [t(f"importstatus.{s}") for s in log["status"]],
            t("kolom.nieuw"): [fmt_int(n) for n in log["rows_new"]],
            t("kolom.gewijzigd"): [fmt_int(n) for n in log["rows_changed"]],
            t("kolom.geweigerd"): [fmt_int(n) for n in log["rows_refused"]],
            t("kolom.stand_per"): [fmt_date(d) for d in log["data_until"]],
            t("kolom.controlegetal"): [h[:12] for h in log["file_sha256"]],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
    layout.table_download(table, "importlog", key="dl_imports")
    said = st.session_state.pop(UNDONE_KEY, None)
    if said:  # the undo of the run before this one, which reran the page
        st.success(said)
    undoable = log[(log["status"] == "ingelezen") & ~log["is_fictional"].astype(bool)]
    if user is None or user.role == VIEWER or undoable.empty:
        return
    with st.form("terugdraaien"):
        chosen = st.selectbox(
            t("beheer.terugdraaien_kies"),
            list(undoable["id"]),
            format_func=lambda i: f"{i}: {undoable.set_index('id').loc[i, 'file_name']}",
        )
        sure = st.checkbox(t("beheer.terugdraaien_zeker"))
        if not st.form_submit_button(t("beheer.terugdraaien")):
            return
        if not sure:
            st.warning(t("beheer.terugdraaien_aanvinken"))
            return
        try:
            n = imports.undo_import(data.engine(), int(chosen), user)
        except (ValueError, NotAllowed) as exc:
            st.error(str(exc))
            return
    data.clear()
    # Run the page again, so that the log, the status and this list show the undo at once.
    st.session_state[UNDONE_KEY] = t("beheer.teruggedraaid", nummer=chosen, aantal=fmt_int(n))
    st.rerun()


def render() -> None:
    layout.header("beheer")
    user = auth.current_user()
    with st.sidebar:
        if user is None:
            st.caption(t("auth.uitleg"))
            auth.login_form("login_sidebar")
        else:
            auth.logout_button(user)
    tabs = st.tabs([t("beheer.tab_stand"), t("beheer.tab_inlezen"), t("beheer.tab_bewerken"),
                    t("beheer.tab_gebruikers"), t("beheer.tab_audit")])  # fmt: skip
    with tabs[0]:
        st.subheader(t("beheer.stand_kop"))
        status_panel()
        st.subheader(t("beheer.imports_kop"))
        imports_panel(user)
    with tabs[1]:
        if user is None:
            st.info(t("beheer.eerst_inloggen"))
        elif user.role == VIEWER:
            st.info(t("beheer.lezer_geen_upload"))
        else:
            upload_panel(user)
    with tabs[2]:
        if user is None or user.role == VIEWER:
            st.info(t("bewerken.alleen_coordinator"))
        else:
            partnership_panel(user)
    with tabs[3]:
        if user is not None and user.role == ADMIN:
            users_panel(user)
        else:
            st.info(t("beheer.alleen_beheerder"))
    with tabs[4]:
        if user is not None and user.role != VIEWER:
            audit_panel()
        else:
            st.info(t("beheer.alleen_coordinator"))


render_safely(render)

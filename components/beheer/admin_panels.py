"""Beheer for admins: accounts, roles, coordinator assignments, and the audit trail."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.shell import data, layout
from components.shell.i18n import t
from data_access import accounts, audit
from data_access.schema import ROLES
from domain.formatting import fmt_date
from domain.roles import NotAllowed, User


def users_panel(user: User) -> None:
    engine = data.engine()
    table = accounts.users(engine)
    st.dataframe(
        pd.DataFrame(
            {
                t("kolom.gebruiker"): table["username"],
                t("kolom.rol"): [t(f"rol.{r}") for r in table["role"]],
                t("kolom.samenwerkingen"): table["partnerships"],
                t("kolom.lokaal"): [
                    t("algemeen.ja") if x else t("algemeen.nee") for x in table["local"]
                ],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    with st.form("nieuwe_gebruiker", clear_on_submit=True):
        st.markdown(f"**{t('beheer.nieuwe_gebruiker')}**")
        name = st.text_input(t("auth.gebruiker"))
        role = st.selectbox(t("kolom.rol"), ROLES, format_func=lambda r: t(f"rol.{r}"))
        password = st.text_input(t("beheer.wachtwoord_optioneel"), type="password")
        if st.form_submit_button(t("beheer.aanmaken")):
            _attempt(lambda: accounts.create_user(engine, name, role, password or None, user))

    if table.empty:
        return
    partnerships = data.partnerships()
    p_names = dict(zip(partnerships["id"], partnerships["name"], strict=True))
    with st.form("toewijzen"):
        st.markdown(f"**{t('beheer.toewijzen')}**")
        who = st.selectbox(t("auth.gebruiker"), list(table["username"]))
        role = st.selectbox(t("kolom.rol"), ROLES, format_func=lambda r: t(f"rol.{r}"), key="rol2")
        chosen = st.multiselect(t("kolom.samenwerkingen"), list(p_names), format_func=p_names.get)
        if st.form_submit_button(t("beheer.opslaan")):
            _attempt(
                lambda: (
                    accounts.set_role(engine, who, role, user),
                    accounts.assign_partnerships(engine, who, set(chosen), user),
                )
            )


def _attempt(action) -> None:
    try:
        action()
    except (ValueError, NotAllowed) as exc:
        st.error(str(exc))
        return
    st.success(t("beheer.opgeslagen"))
    st.rerun()


def audit_panel() -> None:
    entries = audit.entries(data.engine())
    if entries.empty:
        st.info(t("beheer.geen_audit"))
        return
    table = pd.DataFrame(
        {
            t("kolom.datum"): [fmt_date(d) + f" {d:%H:%M}" for d in entries["at"]],
            t("kolom.door"): entries["username"],
            t("kolom.actie"): entries["action"],
            t("kolom.onderdeel"): entries["entity"],
            t("kolom.sleutel"): entries["entity_id"],
            t("kolom.oud"): entries["old_values"].fillna(""),
            t("kolom.nieuw_waarde"): entries["new_values"].fillna(""),
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
    layout.table_download(table, "auditlog", key="dl_audit")

"""Who is signed in: OIDC via st.login where the deployment configures it, else a local account."""

from __future__ import annotations

import logging
import time

import streamlit as st

from components import data
from components.i18n import t
from data_access import accounts
from domain.roles import VIEWER, User

log = logging.getLogger(__name__)
SESSION_KEY = "aangemeld_als"
# After this many wrong passwords in one session, each further try waits a little longer.
FREE_ATTEMPTS = 5


def oidc_configured() -> bool:
    """True when .streamlit/secrets.toml has an [auth] section for an identity provider."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False


def current_user() -> User | None:
    """The signed-in user with the role from this app's database; None when nobody is."""
    if oidc_configured():
        if not st.user.is_logged_in:
            return None
        email = str(st.user.get("email") or st.user.get("sub") or "")
        # Roles live here, not at the identity provider: an unknown account may only read.
        return accounts.get_user(data.engine(), email) or User(email, VIEWER)
    name = st.session_state.get(SESSION_KEY)
    return accounts.get_user(data.engine(), name) if name else None


def login_form(key: str = "login") -> None:
    if oidc_configured():
        if st.button(t("auth.oidc_knop"), key=f"{key}_oidc", type="primary"):
            st.login()
        return
    with st.form(key):
        username = st.text_input(t("auth.gebruiker"))
        password = st.text_input(t("auth.wachtwoord"), type="password")
        submitted = st.form_submit_button(t("auth.inloggen"), type="primary")
    if submitted:
        failures = st.session_state.get(f"{key}_failures", 0)
        if failures >= FREE_ATTEMPTS:
            time.sleep(min(2 ** (failures - FREE_ATTEMPTS), 30))
        user = accounts.verify_password(data.engine(), username, password)
        if user is None:
            st.session_state[f"{key}_failures"] = failures + 1
            st.error(t("auth.mislukt"))
            return
        st.session_state[SESSION_KEY] = user.username
        st.session_state[f"{key}_failures"] = 0
        st.rerun()


def logout_button(user: User) -> None:
    st.caption(t("auth.ingelogd_als", naam=user.username, rol=t(f"rol.{user.role}")))
    if st.button(t("auth.uitloggen"), key="logout"):
        if oidc_configured():
            st.logout()
        st.session_state.pop(SESSION_KEY, None)
        st.rerun()


def login_page() -> None:
    """The only page for visitors when reading without signing in is switched off."""
    st.title(t("auth.titel"))
    st.caption(t("auth.besloten"))
    login_form("login_page")

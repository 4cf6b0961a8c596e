"""Who is signed in: OIDC via st.login where the deployment configures it, else a local account."""

from __future__ import annotations

import json
import logging
import time
import urllib.request

import streamlit as st
from streamlit.errors import StreamlitAuthError

from components import data
from components.i18n import t
from data_access import accounts
from domain.roles import VIEWER, User

log = logging.getLogger(__name__)
SESSION_KEY = "aangemeld_als"
# After this many wrong passwords in one session, each further try waits a little longer.
FREE_ATTEMPTS = 5
# How long the sign-in button waits for the identity provider before saying it is unreachable:
# long enough for a slow municipal provider, short enough that the click does not seem to hang.
PROVIDER_TIMEOUT_SECONDS = 5


def oidc_configured() -> bool:
    """True when .streamlit/secrets.toml has an [auth] section for an identity provider."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False


def identity(claims: dict) -> tuple[str, bool]:
    """The name to show and whether it may be matched to an account here.

    Accounts are matched on the e-mail claim (what an admin knows of a colleague), never on the
    provider's opaque subject. An address the provider itself marks as unverified is not trusted
    for a role: anyone could have typed it.
    """
    email = str(claims.get("email") or "").strip()
    if email:
        # Some providers send the flag as the string "false".
        unverified = str(claims.get("email_verified")).lower() == "false"
        return email, not unverified
    return str(claims.get("name") or claims.get("sub") or "?"), False


def current_user() -> User | None:
    """The signed-in user with the role from this app's database; None when nobody is."""
    if oidc_configured():
        if not st.user.is_logged_in:
            return None
        name, trusted = identity(st.user.to_dict())
        # Roles live here, not at the identity provider: an unknown account may only read.
        found = accounts.get_user(data.engine(), name) if trusted else None
        return found or User(name, VIEWER)
    name = st.session_state.get(SESSION_KEY)
    return accounts.get_user(data.engine(), name) if name else None


def login_form(key: str = "login") -> None:
    if oidc_configured():
        if st.button(t("auth.oidc_knop"), key=f"{key}_oidc", type="primary"):
            start_oidc_login()
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


def provider_reachable(metadata_url: str) -> bool:
    """True when the identity provider answers with its OpenID configuration."""
    try:
        with urllib.request.urlopen(metadata_url, timeout=PROVIDER_TIMEOUT_SECONDS) as response:
            return "authorization_endpoint" in json.load(response)
    except (OSError, ValueError) as exc:
        log.warning("identity provider at %s unreachable: %s", metadata_url, exc)
        return False


def start_oidc_login() -> None:
    """Send the browser to the identity provider, or say in Dutch why that cannot be done now.

    Streamlit itself would answer an unreachable provider with a bare English error page, so the
    provider is asked for its configuration first.
    """
    metadata_url = st.secrets["auth"].get("server_metadata_url")
    if metadata_url and not provider_reachable(str(metadata_url)):
        st.error(t("auth.oidc_onbereikbaar"))
        return
    try:
        st.login()
    except StreamlitAuthError as exc:
        log.error("sign-in through the identity provider is misconfigured: %s", exc)
        st.error(t("auth.oidc_instelling"))


def logout_button(user: User) -> None:
    # As code, so Markdown does not turn an e-mail address into a mailto link: a link in a caption
    # is faded with it to 2.9:1 (axe-core); code keeps the text colour (tests/config/test_contrast.py).
    name = "`" + user.username.replace("`", "") + "`"
    st.caption(t("auth.ingelogd_als", naam=name, rol=t(f"rol.{user.role}")))
    if st.button(t("auth.uitloggen"), key="logout"):
        st.session_state.pop(SESSION_KEY, None)
        if oidc_configured():
            # Clears the identity cookie and sends the browser to the provider's sign-out (when it
            # has one) and back to the home page: a new session, so no rerun here.
            st.logout()
            return
        st.rerun()


def login_page() -> None:
    """The only page for visitors when reading without signing in is switched off."""
    st.title(t("auth.titel"))
    st.caption(t("auth.besloten"))
    login_form("login_page")

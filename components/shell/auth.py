"""Who is signed in: OIDC via st.login where the deployment configures it, else a local account."""

from __future__ import annotations

import json
import logging
import time
import urllib.request
from urllib.parse import urlencode, urlsplit

import streamlit as st
from streamlit.errors import StreamlitAuthError
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components.shell import data, sessions
from components.shell.i18n import t
from data_access import accounts
from data_access import sessions as stored_sessions
from domain.roles import VIEWER, User

log = logging.getLogger(__name__)
# The token of this tab's local sign-in session (data_access/sessions.py), not a user name: every
# page run looks it up, so a sign-out on another replica ends it here too.
SESSION_KEY = "sessie"
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
    token = st.session_state.get(SESSION_KEY) or sessions.token_from_cookie(
        st.context.cookies.get(sessions.COOKIE)
    )
    if not token:
        return None
    user = stored_sessions.user_for(data.engine(), token)
    if user is None:
        # Signed out elsewhere, expired or disabled: this tab is signed out too.
        st.session_state.pop(SESSION_KEY, None)
    return user


def _here() -> str | None:
    """This page's path with its filters (query parameters); None outside a browser."""
    url = st.context.url
    if not url:
        return None
    path = urlsplit(url).path or "/"
    query = st.query_params.to_dict()
    return path + (f"?{urlencode(query)}" if query else "")


def _redirect(url: str) -> None:
    """Send the browser to `url` on this site, with the message st.login uses for the same."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return
    msg = ForwardMsg()
    msg.auth_redirect.url = url
    ctx.enqueue(msg)


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
        token = stored_sessions.create(data.engine(), user.username, data.settings().session_hours)
        st.session_state[SESSION_KEY] = token
        st.session_state[f"{key}_failures"] = 0
        here = _here()
        if here is not None and sessions.routes_mounted():
            # The browser fetches its cookie and comes back to this page (a new run), signed in.
            _redirect(sessions.sign_in_url(token, here))
            st.stop()
        # Without the cookie routes (`streamlit run app.py`) the sign-in holds for this browser
        # session, until a reload: the form says so.
        st.rerun()
    if not sessions.routes_mounted():
        st.caption(t("auth.zonder_routes"))


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
        token = st.session_state.pop(SESSION_KEY, None) or sessions.token_from_cookie(
            st.context.cookies.get(sessions.COOKIE)
        )
        if token:
            stored_sessions.revoke(data.engine(), token)
        if oidc_configured():
            # Clears the identity cookie and sends the browser to the provider's sign-out (when it
            # has one) and back to the home page: a new session, so no rerun here.
            st.logout()
            return
        here = _here()
        if here is not None and st.context.cookies.get(sessions.COOKIE):
            _redirect(sessions.sign_out_url(here))  # the browser drops its cookie too
            st.stop()
        st.rerun()


def login_page() -> None:
    """The only page for visitors when reading without signing in is switched off."""
    st.title(t("auth.titel"))
    st.caption(t("auth.besloten"))
    login_form("login_page")

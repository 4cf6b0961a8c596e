"""The local sign-in cookie: signed, expiring, HttpOnly, set by a small Starlette route.

A Streamlit script cannot set an HttpOnly cookie. So after a correct password the script creates a
server-side session (data_access/sessions.py) and sends the browser, with Streamlit's own redirect
message (the one st.login uses), to /auth/sessie with a hand-over value that is signed, valid for a
minute and usable once. That route sets the cookie and sends the browser back to the same page with
the same filters. Each later page run reads the cookie from the websocket's request
(st.context.cookies) and looks the session up in the database: so a reload, or another replica,
knows the user, and a sign-out or a disabled account ends the session everywhere at once.
OIDC sign-in keeps Streamlit's own cookie and does not pass through here.
"""

from __future__ import annotations

import logging
import os
import secrets
from functools import cache
from urllib.parse import urlencode

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from data_access import sessions
from data_access.engine import make_engine
from data_access.settings import Settings, load_settings

log = logging.getLogger(__name__)

COOKIE = "monitor_sessie"
SIGN_IN_PATH = "/auth/sessie"
SIGN_OUT_PATH = "/auth/uitloggen"
# The hand-over link from the sign-in form to the cookie route is followed within a second; a
# minute leaves room for a slow machine, and the link works only once anyway.
HANDOVER_SECONDS = 60
_COOKIE_SALT = "monitor-sessie"
_HANDOVER_SALT = "monitor-overdracht"


@cache
def _settings() -> Settings:
    return load_settings()


@cache
def _random_key() -> str:
    log.warning(
        "SESSION_SECRET is not set: sign-ins last only while this process runs and work on it "
        "alone. Set one key for every replica (see README, Uitrol)."
    )
    return secrets.token_urlsafe(32)


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(_settings().session_secret or _random_key())


def cookie_value(token: str) -> str:
    return _serializer().dumps(token, salt=_COOKIE_SALT)


def token_from_cookie(value: str | None) -> str | None:
    """The session token in a cookie we signed and that has not expired; None for anything else
    (missing, tampered with, signed with another key, too old)."""
    if not value:
        return None
    try:
        token = _serializer().loads(
            value, salt=_COOKIE_SALT, max_age=_settings().session_hours * 3600
        )
    except BadSignature:
        log.info("session cookie refused: bad signature or expired")
        return None
    return token if isinstance(token, str) else None


def handover(token: str) -> str:
    return _serializer().dumps(token, salt=_HANDOVER_SALT)


def sign_in_url(token: str, back: str) -> str:
    return f"{SIGN_IN_PATH}?{urlencode({'t': handover(token), 'terug': safe_back(back)})}"


def sign_out_url(back: str) -> str:
    return f"{SIGN_OUT_PATH}?{urlencode({'terug': safe_back(back)})}"


def safe_back(back: str | None) -> str:
    """Only a path on this site: never another host (an open redirect)."""
    if not back or not back.startswith("/") or back.startswith("//") or "\\" in back:
        return "/"
    return back


@cache
def _engine():
    return make_engine(_settings().database_url, _settings().statement_timeout_ms)


def _secure(request: Request) -> bool:
    forwarded = request.headers.get("x-forwarded-proto", "")
    return request.url.scheme == "https" or forwarded.split(",")[0].strip() == "https"


async def sign_in(request: Request) -> RedirectResponse:
    response = RedirectResponse(safe_back(request.query_params.get("terug")), status_code=303)
    response.headers["Cache-Control"] = "no-store"
    try:
        token = _serializer().loads(
            request.query_params.get("t", ""), salt=_HANDOVER_SALT, max_age=HANDOVER_SECONDS
        )
    except BadSignature:
        log.info("sign-in hand-over refused: bad signature or expired")
        return response
    if not isinstance(token, str) or not await run_in_threadpool(sessions.claim, _engine(), token):
        log.info("sign-in hand-over refused: unknown or already used")
        return response
    response.set_cookie(
        COOKIE,
        cookie_value(token),
        max_age=_settings().session_hours * 3600,
        path="/",
        httponly=True,
        samesite="lax",
        secure=_secure(request),
    )
    return response


async def sign_out(request: Request) -> RedirectResponse:
    token = token_from_cookie(request.cookies.get(COOKIE))
    if token:
        await run_in_threadpool(sessions.revoke, _engine(), token)
    response = RedirectResponse(safe_back(request.query_params.get("terug")), status_code=303)
    response.headers["Cache-Control"] = "no-store"
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax", secure=_secure(request))
    return response


# Set by serve.py, which mounts ROUTES: `streamlit run app.py` has no such routes, and a sign-in
# that sent the browser to /auth/sessie there would land on a blank page.
ROUTES_FLAG = "SAMENWERKINGSMONITOR_ROUTES"


def routes_mounted() -> bool:
    """True when this process serves the cookie routes (started as `streamlit run serve.py`)."""
    return os.environ.get(ROUTES_FLAG) == "1"


ROUTES = [
    Route(SIGN_IN_PATH, sign_in, methods=["GET"]),
    Route(SIGN_OUT_PATH, sign_out, methods=["GET"]),
]

"""The sign-in cookie: signed, expiring, HttpOnly, SameSite=Lax, Secure behind https."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from components.shell import sessions as cookie
from data_access import accounts, sessions
from data_access.settings import Settings
from domain.roles import ADMIN, User


@pytest.fixture
def configured(engine, monkeypatch):
    url = engine.url.render_as_string(hide_password=False)
    settings = Settings(
        url, False, 10, 6, session_secret="test-sleutel-" + "x" * 20, session_hours=2
    )
    monkeypatch.setattr(cookie, "_settings", lambda: settings)
    monkeypatch.setattr(cookie, "_engine", lambda: engine)
    accounts.create_user(engine, "coord@hr.nl", "coordinator", "correct-paard-batterij",
                         User("beheer", ADMIN))  # fmt: skip
    return engine


def client() -> TestClient:
    return TestClient(Starlette(routes=cookie.ROUTES), follow_redirects=False)


def test_a_cookie_we_signed_gives_back_its_token(configured):
    assert cookie.token_from_cookie(cookie.cookie_value("abc")) == "abc"


def test_a_tampered_cookie_is_refused(configured):
    value = cookie.cookie_value("abc")
    forged = value[:-2] + ("AA" if not value.endswith("AA") else "BB")
    assert cookie.token_from_cookie(forged) is None
    assert cookie.token_from_cookie("abc") is None
    assert cookie.token_from_cookie(None) is None


def test_a_cookie_signed_with_another_key_is_refused(configured, monkeypatch):
    value = cookie.cookie_value("abc")
    other = Settings("sqlite://", False, 10, 6, session_secret="een-andere-sleutel" * 2)
    monkeypatch.setattr(cookie, "_settings", lambda: other)
    assert cookie.token_from_cookie(value) is None


def test_an_expired_cookie_is_refused(configured, monkeypatch):
    value = cookie.cookie_value("abc")
    import itsdangerous.timed

    later = itsdangerous.timed.time.time() + 3 * 3600  # session_hours is 2
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: later)
    assert cookie.token_from_cookie(value) is None


def test_the_sign_in_route_sets_a_strict_cookie_once_and_goes_back_to_the_page(configured):
    token = sessions.create(configured, "coord@hr.nl", hours=2)
    url = cookie.sign_in_url(token, "/trajecten?jaar=2025&programma=HR-INKOOP")
    response = client().get(url)
    assert response.status_code == 303
    assert response.headers["location"] == "/trajecten?jaar=2025&programma=HR-INKOOP"
    set_cookie = response.headers["set-cookie"]
    assert set_cookie.startswith(f"{cookie.COOKIE}=")
    assert "HttpOnly" in set_cookie and "SameSite=lax" in set_cookie
    assert "Secure" not in set_cookie  # plain http on 127.0.0.1
    value = set_cookie.split(";")[0].split("=", 1)[1]
    assert cookie.token_from_cookie(value.strip('"')) == token
    again = client().get(url)
    assert "set-cookie" not in again.headers  # the hand-over works once


def test_behind_https_the_cookie_is_secure(configured):
    token = sessions.create(configured, "coord@hr.nl", hours=2)
    response = client().get(cookie.sign_in_url(token, "/"), headers={"X-Forwarded-Proto": "https"})
    assert "Secure" in response.headers["set-cookie"]


def test_a_forged_hand_over_sets_no_cookie(configured):
    response = client().get(f"{cookie.SIGN_IN_PATH}?t=verzonnen&terug=/beheer")
    assert response.status_code == 303 and "set-cookie" not in response.headers


def test_the_way_back_never_leaves_the_site():
    assert cookie.safe_back("https://elders.example/") == "/"
    assert cookie.safe_back("//elders.example/") == "/"
    assert cookie.safe_back("/kaart?jaar=2025") == "/kaart?jaar=2025"


def test_signing_out_ends_the_session_and_drops_the_cookie(configured):
    token = sessions.create(configured, "coord@hr.nl", hours=2)
    c = client()
    c.cookies.set(cookie.COOKIE, cookie.cookie_value(token))
    response = c.get(cookie.sign_out_url("/kaart"))
    assert response.headers["location"] == "/kaart"
    assert (
        f'{cookie.COOKIE}=""' in response.headers["set-cookie"]
        or "Max-Age=0" in (response.headers["set-cookie"])
    )
    assert sessions.user_for(configured, token) is None

"""Signing in through an identity provider (OIDC, st.login), offline against a local mock provider.

The identity provider says who someone is; the role comes from this app's own database.
Each test module starts its own Streamlit servers with a secrets file outside the repository
(`--secrets.files`), so the repository's `.streamlit/secrets.toml` is never touched.
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from pathlib import Path

import oidc_provider_mock as oidc_mock
import pytest

from tests.builders import add_account
from tests.databases import sqlite_copy
from tests.e2e.browser import running_app, screenshot, wait_until_drawn
from tests.pg_server import free_port

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("oidc")]

COORDINATOR_EMAIL = "coordinator.idp@hr.nl"
# The provider's subject is an opaque id; the account is found by the e-mail claim, not by it.
COORDINATOR_SUB = "hr-7731"
STRANGER_EMAIL = "onbekend@gemeente.nl"
COOKIE_SECRET = "test-cookie-secret-niet-voor-productie"


@pytest.fixture(scope="module")
def provider():
    """The mock OIDC provider on a free port of 127.0.0.1, in a thread of this process."""
    import werkzeug.serving

    os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")  # the mock serves plain http
    users = [
        oidc_mock.User(
            sub=COORDINATOR_SUB,
            claims={"email": COORDINATOR_EMAIL, "email_verified": True, "name": "Coördinator HR"},
        )
    ]
    server = werkzeug.serving.make_server(
        "127.0.0.1", free_port(), oidc_mock.app(user_claims=users), threaded=True
    )
    thread = threading.Thread(target=server.serve_forever, args=(0.1,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)
        server.server_close()


@pytest.fixture(scope="module")
def oidc_db(sqlite_seeded, tmp_path_factory) -> str:
    """A seeded SQLite database with one coordinator account named by its e-mail address."""
    url = sqlite_copy(sqlite_seeded, tmp_path_factory.mktemp("oidc"))
    # No password: this account only ever signs in through the identity provider.
    add_account(url, COORDINATOR_EMAIL, "coordinator", None, "HOLLAND-RIJNLAND")
    return url


@contextmanager
def oidc_app(tmp_path: Path, db_url: str, metadata_url: str, public_read: str):
    """A Streamlit server whose secrets file configures the identity provider at `metadata_url`."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "{url}/oauth2callback"\n'
        f'cookie_secret = "{COOKIE_SECRET}"\n'
        'client_id = "samenwerkingsmonitor"\n'
        'client_secret = "geheim"\n'
        f'server_metadata_url = "{metadata_url}"\n',
        encoding="utf-8",
    )
    env = {**os.environ, "DATABASE_URL": db_url, "PUBLIC_READ": public_read}
    with running_app(
        env, tmp_path / "streamlit.log", "--secrets.files", str(secrets), port=port
    ) as running:
        yield running


@pytest.fixture(scope="module")
def public_app(tmp_path_factory, provider, oidc_db):
    """Reading is public; signing in goes through the mock provider."""
    tmp = tmp_path_factory.mktemp("oidc_public")
    with oidc_app(tmp, oidc_db, f"{provider}/.well-known/openid-configuration", "1") as url:
        yield url


def sidebar(page):
    return page.locator("[data-testid='stSidebar']")


def sign_in_at_provider(page, app_url: str, start_path: str, subject: str) -> None:
    """Click the organisation's sign-in button, authorise `subject` at the mock, come back."""
    page.goto(f"{app_url}{start_path}")
    wait_until_drawn(page)
    page.get_by_role("button", name="Inloggen via uw organisatie").first.click()
    # The mock provider's form: one text field for the subject, then "Authorize".
    page.wait_for_selector("input[name='sub']", timeout=30_000)
    page.fill("input[name='sub']", subject)
    page.get_by_role("button", name="Authorize").first.click()
    page.wait_for_url(f"{app_url}/**", timeout=30_000)
    wait_until_drawn(page)


def test_a_coordinator_from_the_identity_provider_gets_the_role_from_the_app_database(
    public_app, page
):
    sign_in_at_provider(page, public_app, "/beheer", COORDINATOR_SUB)
    # Streamlit returns to the home page after signing in; the role shows there already.
    page.goto(f"{public_app}/beheer")
    wait_until_drawn(page)
    sidebar(page).get_by_text(f"Ingelogd als {COORDINATOR_EMAIL} (coördinator)").wait_for(
        timeout=30_000
    )
    page.get_by_role("tab", name="Trajecten inlezen").click()
    page.wait_for_selector(
        "[data-testid='stFileUploaderDropzoneInput']", state="attached", timeout=30_000
    )
    screenshot(page, "oidc_coordinator")
    assert page.locator("[data-testid='stException']").count() == 0


def test_an_identity_provider_user_without_an_account_only_reads(public_app, page):
    sign_in_at_provider(page, public_app, "/beheer", STRANGER_EMAIL)
    page.goto(f"{public_app}/beheer")
    wait_until_drawn(page)
    sidebar(page).get_by_text(f"Ingelogd als {STRANGER_EMAIL} (lezer)").wait_for(timeout=30_000)
    page.get_by_role("tab", name="Trajecten inlezen").click()
    page.wait_for_selector("text=Uw rol is lezer", timeout=30_000)
    assert page.locator("[data-testid='stFileUploaderDropzoneInput']").count() == 0
    screenshot(page, "oidc_lezer")


def test_signing_out_forgets_the_identity_provider_user(public_app, page):
    sign_in_at_provider(page, public_app, "/beheer", COORDINATOR_SUB)
    page.goto(f"{public_app}/beheer")
    wait_until_drawn(page)
    sidebar(page).get_by_text("Ingelogd als").wait_for(timeout=30_000)
    sidebar(page).get_by_role("button", name="Uitloggen").click()
    # The provider may show its own "end session" step; the mock asks for a click.
    end = page.get_by_role("button", name="End session")
    end.wait_for(timeout=30_000)
    end.click()
    page.wait_for_url(f"{public_app}/**", timeout=30_000)
    page.goto(f"{public_app}/beheer")
    wait_until_drawn(page)
    sidebar(page).get_by_role("button", name="Inloggen via uw organisatie").wait_for(timeout=30_000)
    assert sidebar(page).get_by_text("Ingelogd als").count() == 0


def test_without_public_reading_a_visitor_sees_only_the_sign_in_page_until_signed_in(
    tmp_path, provider, oidc_db, page
):
    metadata = f"{provider}/.well-known/openid-configuration"
    with oidc_app(tmp_path, oidc_db, metadata, "0") as url:
        page.goto(f"{url}/trajecten")
        wait_until_drawn(page)
        assert page.locator("h1").first.text_content().strip() == "Inloggen"
        # Only the sign-in page and the accessibility statement (public by law) are in the menu.
        links = page.locator("[data-testid='stSidebarNav'] a").all_inner_texts()
        assert len(links) <= 2 and not any("Trajecten" in link for link in links), links
        assert page.locator(".js-plotly-plot").count() == 0
        screenshot(page, "oidc_besloten")

        sign_in_at_provider(page, url, "/", COORDINATOR_SUB)
        page.wait_for_selector("[data-testid='stSidebarNav'] a >> nth=3", timeout=30_000)
        assert page.locator("h1").first.text_content().strip() != "Inloggen"
        page.goto(f"{url}/beheer")
        wait_until_drawn(page)
        sidebar(page).get_by_text(f"Ingelogd als {COORDINATOR_EMAIL}").wait_for(timeout=30_000)


def test_an_unreachable_identity_provider_gives_a_dutch_message(tmp_path, oidc_db, page):
    closed = f"http://127.0.0.1:{free_port()}/.well-known/openid-configuration"
    with oidc_app(tmp_path, oidc_db, closed, "1") as url:
        page.goto(f"{url}/beheer")
        wait_until_drawn(page)
        sidebar(page).get_by_role("button", name="Inloggen via uw organisatie").click()
        page.wait_for_selector("text=inlogdienst van uw organisatie", timeout=30_000)
        wait_until_drawn(page)
        assert page.url.startswith(url)
        assert page.locator("[data-testid='stException']").count() == 0
        assert "Authentication error" not in page.content()
        screenshot(page, "oidc_onbereikbaar")

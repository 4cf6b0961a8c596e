"""A coordinator signs in, uploads a file with errors, fixes it, and sees the funnel change.

These tests write (imports of real rows, accounts), so they run on an app of their own
(`own_app`, on its own copy of the seeded database), all on one xdist worker."""

import pytest

from tests.builders import add_account
from tests.e2e.browser import screenshot, wait_until_drawn

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("beheer_upload")]
PASSWORD = "correct-paard-batterij"
HEADER = "traject_id;gemeentecode;aanbieder;aanmelddatum;intakedatum;plaatsingsdatum;plaatsing_type"


@pytest.fixture(scope="module")
def app_url(own_app) -> str:
    return own_app[0]


@pytest.fixture(scope="module")
def users(own_app):
    add_account(own_app[1], "coordinator@hr.nl", "coordinator", PASSWORD, "HOLLAND-RIJNLAND")
    add_account(own_app[1], "lezer@hr.nl", "viewer", PASSWORD)


def sign_in(page, app_url, username):
    page.goto(f"{app_url}/beheer")
    wait_until_drawn(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_label("Gebruikersnaam").fill(username)
    sidebar.get_by_label("Wachtwoord").fill(PASSWORD)
    sidebar.get_by_role("button", name="Inloggen").click()
    page.wait_for_selector("text=Ingelogd als", timeout=30_000)
    wait_until_drawn(page)


def funnel_top(page, app_url) -> str:
    page.goto(f"{app_url}/trajecten?jaar=2025&programma=HR-INKOOP")
    wait_until_drawn(page)
    page.wait_for_selector(".funnellayer .point", timeout=30_000)
    return page.locator(".funnellayer .point text").first.text_content()


def upload(page, tmp_path, name, rows, wait=True):
    file = tmp_path / name
    file.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    page.get_by_role("tab", name="Trajecten inlezen").click()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(file))
    page.wait_for_selector(f"text={name}", timeout=30_000)
    # Choosing a file reruns the page, which clears an earlier result: click only after that run.
    page.wait_for_selector("[data-testid='stAlertContentError']", state="detached", timeout=30_000)
    wait_until_drawn(page)
    page.get_by_role("button", name="Controleren en inlezen").click()
    if wait:
        wait_until_drawn(page)


def test_coordinator_uploads_fixes_and_sees_the_funnel_change(app_url, page, users, tmp_path):
    before = funnel_top(page, app_url)
    sign_in(page, app_url, "coordinator@hr.nl")
    rows = [
        f"E2E-{i:03d};GM0546;Aanbieder A;2025-03-{1 + i % 28:02d};2025-04-01;;" for i in range(40)
    ]
    bad = [*rows[:-1], "E2E-039;GM9999;Aanbieder A;2025-03-05;2025-02-01;;"]
    upload(page, tmp_path, "levering_fout.csv", bad)
    page.wait_for_selector("text=Het bestand is geweigerd", timeout=30_000)
    assert page.locator("[data-testid='stDataFrame']").count() >= 1
    screenshot(page, "beheer_fouten")

    upload(page, tmp_path, "levering_goed.csv", rows)
    page.wait_for_selector("text=Ingelezen als import", timeout=30_000)
    screenshot(page, "beheer_ingelezen")

    after = funnel_top(page, app_url)
    to_int = lambda text: int(text.split()[0].replace(".", ""))  # noqa: E731
    assert to_int(after) == to_int(before) + 40


def test_a_viewer_cannot_reach_the_upload(app_url, page, users):
    sign_in(page, app_url, "lezer@hr.nl")
    page.get_by_role("tab", name="Trajecten inlezen").click()
    page.wait_for_selector("text=Uw rol is lezer", timeout=30_000)
    assert page.locator("[data-testid='stFileUploaderDropzoneInput']").count() == 0


def test_coordinator_edit_forms_refuse_a_zero_target_in_dutch(app_url, page, users):
    sign_in(page, app_url, "coordinator@hr.nl")
    page.get_by_role("tab", name="Samenwerkingen en doelen").click()
    page.get_by_label("Doel", exact=True).fill("0")
    page.get_by_role("button", name="Doel toevoegen").click()
    page.wait_for_selector("text=groter dan nul", timeout=30_000)
    screenshot(page, "beheer_bewerken")


def test_a_viewer_gets_no_edit_forms(app_url, page, users):
    sign_in(page, app_url, "lezer@hr.nl")
    page.get_by_role("tab", name="Samenwerkingen en doelen").click()
    page.wait_for_selector("text=Log in als coördinator of beheerder", timeout=30_000)
    assert page.get_by_role("button", name="Doel toevoegen").count() == 0


PROGRESS_ROWS = 100_000


def test_a_large_upload_shows_a_progress_bar_with_stage_and_rows(app_url, page, users, tmp_path):
    """A 100,000-row delivery: the bar shows the stage and the row counts while the import runs,
    and the result replaces it."""
    sign_in(page, app_url, "coordinator@hr.nl")
    rows = [
        f"VGT-{i:06d};GM0546;Aanbieder B;2024-{1 + i % 12:02d}-{1 + i % 28:02d};;;"
        for i in range(PROGRESS_ROWS)
    ]
    upload(page, tmp_path, "levering_groot.csv", rows, wait=False)
    bar = page.locator("[data-testid='stProgress']")
    bar.wait_for(state="visible", timeout=60_000)
    page.wait_for_selector("text=/van 100\\.000 rijen/", timeout=120_000)
    screenshot(page, "beheer_voortgang")
    page.wait_for_selector("text=Ingelezen als import", timeout=300_000)
    assert bar.count() == 0

"""A coordinator signs in, uploads a file with errors, fixes it, and sees the funnel change.

These tests write (imports of real rows, accounts), so they run on an app of their own
(`own_app`, on its own copy of the seeded database), all on one xdist worker."""

from pathlib import Path

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


def read(page, name: str) -> None:
    """Click 'Controleren en inlezen' once the page has the chosen file: the button names the file
    the server has (the file's name in the uploader shows before the file has arrived)."""
    button = page.get_by_role("button", name=f"Controleren en inlezen: {name}", exact=True)
    button.wait_for(timeout=30_000)
    button.click()


def upload(page, tmp_path, name, rows, wait=True):
    file = tmp_path / name
    file.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    page.get_by_role("tab", name="Trajecten inlezen").click()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(file))
    read(page, name)
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
    # The problems as a table that wraps (not a grid that cuts long messages off).
    problems = page.locator("table").filter(has_text="GM9999")
    assert problems.count() == 1
    assert "gemeente" in problems.inner_text().lower()
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


KNH_HEADER = f"{HEADER};programma"


def _bsn(seed: int) -> str:
    """A nine-digit number that passes the elfproef, as a BSN does."""
    n = 100_000_000 + seed * 37
    while True:
        digits = [int(d) for d in f"{n:09d}"]
        if sum(d * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True)) % 11 == 0:
            return f"{n:09d}"
        n += 1


def _choose_programme(page, name: str) -> None:
    panel = page.get_by_role("tabpanel", name="Trajecten inlezen")
    choice = panel.locator("[data-testid='stSelectbox']", has_text="Programma")
    choice.locator("input").fill(name[:20])
    page.get_by_role("option", name=name).first.click()
    wait_until_drawn(page)


@pytest.fixture(scope="module")
def admin(own_app) -> str:
    add_account(own_app[1], "beheer@e2e.nl", "admin", PASSWORD)
    return "beheer@e2e.nl"


def _file(tmp_path, name: str, header: str, rows: list[str]):
    file = tmp_path / name
    file.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return file


def _upload(page, file) -> None:
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(file))
    read(page, file.name)
    wait_until_drawn(page)


def test_an_admin_meets_plain_messages_and_an_undo_that_shows_at_once(
    app_url, page, admin, tmp_path
):
    """Issue 26, items 3 and 4: a file of another programme than the chosen one is one message
    (with the real error beside it), 'From the file' reads the programme, a refusal of one
    problem says '1 melding' with its whole reason, 'Terugdraaien' without the tick says why
    nothing happened, and after an undo the log and the undo list follow without a reload."""
    sign_in(page, app_url, admin)
    page.get_by_role("tab", name="Trajecten inlezen").click()
    rows = [f"KNH-E2E-{i:04d};GM0400;;2025-03-{1 + i % 28:02d};;;;KNH-WSP" for i in range(300)]
    wrong = _file(tmp_path, "knh_fout.csv", KNH_HEADER,
                  [*rows, "KNH-E2E-9999;GM9999;;2025-03-05;;;;KNH-WSP"])  # fmt: skip
    _choose_programme(page, "Arbeidsmarkttoeleiding Bonaire (twinning met Leiden)")
    _upload(page, wrong)
    page.wait_for_selector("text=Het bestand is geweigerd", timeout=30_000)
    body = page.inner_text("body")
    assert "2 meldingen" in body
    assert "het hele bestand hoort bij programma 'KNH-WSP'" in body
    table = page.locator("table").filter(has_text="GM9999")
    assert table.locator("tbody tr").count() == 2
    screenshot(page, "beheer_programma_melding")

    _choose_programme(page, "Uit het bestand (kolom programma)")
    good = _file(tmp_path, "knh_goed.csv", KNH_HEADER, rows)
    _upload(page, good)
    page.wait_for_selector("text=Ingelezen als import", timeout=60_000)

    people = _file(tmp_path, "knh_bsn.csv", f"{KNH_HEADER};nummer",
                   [f"{r};{_bsn(i)}" for i, r in enumerate(rows[:40])])  # fmt: skip
    _upload(page, people)
    # As long as the import above may take: the page after an import reads its figures afresh.
    page.wait_for_selector("text=Het bestand is geweigerd", timeout=60_000)
    assert "1 melding:" in page.inner_text("body")
    reason = page.locator("table").filter(has_text="nummer").inner_text()
    assert "elfproef" in reason, reason  # the whole reason, not cut off
    screenshot(page, "beheer_bsn_melding")

    page.get_by_role("tab", name="Stand en imports").click()
    # Hidden tabs are in the page too (with their own forms): the undo form by its words.
    form = page.locator("[data-testid='stForm']").filter(has_text="Import om terug te draaien")
    assert "knh_goed.csv" in form.inner_html()  # the one import to undo
    form.get_by_role("button", name="Terugdraaien").click()
    page.wait_for_selector("text=Er is niets teruggedraaid", timeout=30_000)
    form.get_by_text("Ja, draai deze import in zijn geheel terug").click()
    form.get_by_role("button", name="Terugdraaien").click()
    page.wait_for_selector("text=is teruggedraaid (300 trajecten", timeout=60_000)
    wait_until_drawn(page)
    # At once, without a reload: the log says so, and nothing is left to undo.
    # The grid is drawn on a canvas: its rows are read from its download, made in this run.
    panel = page.get_by_role("tabpanel", name="Stand en imports")
    with page.expect_download(timeout=30_000) as download:
        panel.get_by_role("button", name="Download tabel (CSV)").click()
    log = Path(download.value.path()).read_text(encoding="utf-8-sig")
    line = next(row for row in log.splitlines() if "knh_goed.csv" in row)
    assert ";teruggedraaid;" in line, line
    # The undo list no longer offers it (another test's import may still be there).
    assert form.count() == 0 or "knh_goed.csv" not in form.inner_html()
    screenshot(page, "beheer_teruggedraaid")


def test_the_upload_field_speaks_the_pages_language(app_url, page, users, tmp_path):
    """Streamlit's uploader says "Upload" and "150MB per file" whatever the app's language; here
    it says what the page says, to the eye and to a screen reader, and a file of another type is
    refused in Dutch by the reader, not in English by the browser."""
    sign_in(page, app_url, "coordinator@hr.nl")
    page.get_by_role("tab", name="Trajecten inlezen").click()
    zone = page.locator("[data-testid='stFileUploaderDropzone']")
    zone.locator("button[aria-label='Bestand kiezen']").wait_for(timeout=30_000)
    shown = lambda: page.evaluate(  # noqa: E731
        "() => getComputedStyle(document.querySelector("
        "\"[data-testid='stFileUploaderDropzoneInstructions'] > div\"), '::after').content"
    )
    assert shown() == '"CSV, XLSX of ODS, tot 150 MB"'
    field = page.locator("[data-testid='stFileUploaderDropzoneInput']")
    assert field.get_attribute("aria-label") == "Bestand kiezen"  # Streamlit's: 'file upload'
    assert "Upload" not in zone.inner_text() and "per file" not in zone.inner_text()
    screenshot(page, "beheer_upload_veld")

    page.locator("[data-testid='stSidebar']").get_by_text("English", exact=True).click()
    page.get_by_role("heading", name="Administration").wait_for(timeout=30_000)
    wait_until_drawn(page)
    page.get_by_role("tab", name="Import trajectories").click()
    zone.locator("button[aria-label='Browse files']").wait_for(timeout=30_000)
    assert shown() == '"CSV, XLSX or ODS, up to 150 MB"'
    page.wait_for_function(
        "() => document.querySelector(\"[data-testid='stFileUploaderDropzoneInput']\")"
        "?.getAttribute('aria-label') === 'Browse files'", timeout=30_000,
    )  # fmt: skip

    page.locator("[data-testid='stSidebar']").get_by_text("Nederlands", exact=True).click()
    page.get_by_role("heading", name="Beheer").wait_for(timeout=30_000)
    wait_until_drawn(page)
    page.get_by_role("tab", name="Trajecten inlezen").click()
    zone.locator("button[aria-label='Bestand kiezen']").wait_for(timeout=30_000)
    file = tmp_path / "notities.pdf"
    file.write_bytes(b"%PDF-1.4 geen trajecten")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(file))
    page.wait_for_selector("text=notities.pdf", timeout=30_000)
    wait_until_drawn(page)
    assert "not allowed" not in page.locator("[data-testid='stMain']").inner_text()
    read(page, "notities.pdf")
    page.wait_for_selector("text=Het bestand is geweigerd", timeout=30_000)
    assert "notities.pdf" in page.locator("table").filter(has_text="notities.pdf").inner_text()

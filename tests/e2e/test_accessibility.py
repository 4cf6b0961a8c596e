"""axe-core (pinned, see tests/e2e/node) finds no WCAG 2.0, 2.1 or 2.2 A or AA violation on any page
of app.PAGES, in Dutch and in English (checked in test_every_page.py, on the load that checks the
page's heading), nor in the states people reach: a comparison, a popover, each
colour mode of the map, every slide, every Beheer tab for a coordinator and an admin, a refused
upload, the sign-in page and the page shown while the database is down.

One app per kind of deployment for the whole module and one browser; a state is a function that
brings a fresh page to it, so adding one is adding a line to STATES."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from components.shell.i18n import t
from tests.e2e.accessibility import (
    A11Y_ADMIN,
    A11Y_COORDINATOR,
    A11Y_PASSWORD,
    SETTLE_MS,
    app_pages,
    assert_no_violations,
    wait_until_settled,
)

pytestmark = pytest.mark.e2e

LANGUAGES = ("nl", "en")
BEHEER_TABS = ("tab_stand", "tab_inlezen", "tab_bewerken", "tab_gebruikers", "tab_audit")
UPLOAD_HEADER = "traject_id;gemeentecode;aanbieder;aanmelddatum;intakedatum"


def url(base: str, path: str, query: str = "", language: str = "nl") -> str:
    parts = [q for q in (query, "" if language == "nl" else f"taal={language}") if q]
    return f"{base}/{path}" + (f"?{'&'.join(parts)}" if parts else "")


def open_page(page, address: str) -> None:
    page.goto(address)
    wait_until_settled(page)


# --- every page, in both languages: tests/e2e/test_every_page.py, on the same load as its other
# checks (test_page_opens_without_exception_and_has_no_axe_violations) ----------------------------


# --- the states people reach ---------------------------------------------------------------------


def _click(page, name: str) -> None:
    page.get_by_role("button", name=name).first.click()
    wait_until_settled(page)


def trajecten_comparison(page, base: str) -> None:
    open_page(page, url(base, "trajecten", "jaar=2024&programma=HR-INKOOP&vergelijk=aanbieder"))
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot')]"
        ".some(p => p.querySelectorAll('.barlayer .trace').length === 3)",
        timeout=SETTLE_MS,
    )


def doelen_history(page, base: str) -> None:
    open_page(page, url(base, "doelen", "jaar=2026"))
    page.get_by_role("button", name=t("doelen.verloop_knop")).first.click()
    page.locator("[data-testid='stPopoverBody'] .main-svg").first.wait_for(timeout=SETTLE_MS)
    wait_until_settled(page)


def kaart_mode(mode: str) -> Callable:
    def state(page, base: str) -> None:
        open_page(page, url(base, "kaart", f"kleur={mode}"))

    return state


def briefing_share(page, base: str) -> None:
    open_page(page, url(base, "briefing", "gemeente=GM0546&jaar=2026"))
    page.get_by_role("button", name=t("briefing.link_kop")).click()
    page.locator("[data-testid='stCode']").first.wait_for(timeout=SETTLE_MS)
    wait_until_settled(page)


def slide(number: int) -> Callable:
    def state(page, base: str) -> None:
        open_page(page, url(base, "presentatie", f"dia={number}"))
        page.get_by_text(f"{number} / ", exact=False).first.wait_for(timeout=SETTLE_MS)

    return state


def gemeente(query: str) -> Callable:
    def state(page, base: str) -> None:
        open_page(page, url(base, "gemeente", query))

    return state


STATES: dict[str, Callable] = {
    "trajecten_comparison": trajecten_comparison,
    "doelen_history_popover": doelen_history,
    "kaart_colour_by_partnership": kaart_mode("samenwerking"),
    "kaart_colour_by_figure": kaart_mode("cijfer"),
    "kaart_colour_by_bijstand": kaart_mode("bijstand_per_1000"),
    "kaart_colour_by_participation": kaart_mode("netto_arbeidsparticipatie"),
    "kaart_only_regions": lambda page, base: open_page(
        page, url(base, "kaart", "soort=arbeidsmarktregio")
    ),
    "gemeente_opening_without_choice": gemeente(""),
    "gemeente_bonaire_without_cbs_figures": gemeente("gemeente=GM9001"),
    "briefing_share_popover": briefing_share,
    # The national slide, the five cases and Holland Rijnland's providers compared.
    **{f"presentatie_slide_{n}": slide(n) for n in range(1, 8)},
}


@pytest.mark.parametrize("state", list(STATES))
def test_states_have_no_axe_violations(a11y_app, page, state):
    STATES[state](page, a11y_app)
    assert page.locator("[data-testid='stException']").count() == 0
    assert_no_violations(page, state)


# --- Beheer, signed in ---------------------------------------------------------------------------


def sign_in(page, base: str, username: str) -> None:
    open_page(page, url(base, "beheer"))
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_label(t("auth.gebruiker")).fill(username)
    sidebar.get_by_label(t("auth.wachtwoord")).fill(A11Y_PASSWORD)
    sidebar.get_by_role("button", name=t("auth.inloggen")).click()
    page.get_by_role("button", name=t("auth.uitloggen")).wait_for(timeout=SETTLE_MS)
    wait_until_settled(page)


def open_tab(page, key: str) -> None:
    page.get_by_role("tab", name=t(f"beheer.{key}")).click()
    wait_until_settled(page)


@pytest.mark.parametrize("username", [A11Y_COORDINATOR, A11Y_ADMIN], ids=["coordinator", "admin"])
def test_every_beheer_tab_has_no_axe_violations(a11y_app, page, username):
    sign_in(page, a11y_app, username)
    failures = []
    for key in BEHEER_TABS:
        open_tab(page, key)
        try:
            assert_no_violations(page, f"Beheer {key} as {username}")
        except AssertionError as error:  # every tab reported, not only the first
            failures.append(str(error))
    assert not failures, "\n".join(failures)


def test_a_refused_upload_with_its_error_table_has_no_axe_violations(a11y_app, page, tmp_path):
    sign_in(page, a11y_app, A11Y_COORDINATOR)
    open_tab(page, "tab_inlezen")
    file = tmp_path / "levering_fout.csv"
    file.write_text(f"{UPLOAD_HEADER}\nA11Y-1;GM9999;Aanbieder A;2025-03-05;2025-02-01\n")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(file))
    button = page.get_by_role("button", name=t("beheer.inlezen_bestand", bestand=file.name))
    button.wait_for(timeout=SETTLE_MS)  # drawn once the server has the file
    wait_until_settled(page)
    button.click()
    page.locator("[data-testid='stAlertContentError']").first.wait_for(timeout=SETTLE_MS)
    wait_until_settled(page)
    assert page.locator("[data-testid='stDataFrame']").count() >= 1, "the error table is shown"
    assert_no_violations(page, "Beheer, upload refused")


# --- sign-in page and database down --------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sign_in_page_has_no_axe_violations(closed_app, page, language):
    open_page(page, url(closed_app, "", "", language))
    page.get_by_role("button", name=t("auth.inloggen", language)).wait_for(timeout=SETTLE_MS)
    assert_no_violations(page, f"sign-in page ({language})")


@pytest.mark.parametrize("path", ["", "trajecten"], ids=["start", "trajecten"])
def test_the_database_down_page_has_no_axe_violations(down_app, page, path):
    open_page(page, url(down_app, path))
    page.locator("[data-testid='stAlertContentError']").first.wait_for(timeout=SETTLE_MS)
    assert t("fout.database") in page.locator("[data-testid='stMain']").inner_text()
    assert_no_violations(page, f"/{path} with the database down")


def test_the_statement_claims_no_more_states_than_are_checked():
    """domain.accessibility.STATES_TESTED, shown in the statement, is a floor of the states above."""
    from domain.accessibility import STATES_TESTED

    checked = 2 * len(app_pages()) + len(STATES) + 2 * len(BEHEER_TABS) + 1 + 2 + 2
    assert checked >= STATES_TESTED >= 30

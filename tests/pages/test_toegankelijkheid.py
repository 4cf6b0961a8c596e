"""The accessibility statement: in the menu, in Dutch and English, with the standard, how and when it
was tested, what is not accessible yet, and the deployment's own contact for reporting a problem."""

import pytest

from components.shell.i18n import t
from domain import accessibility as a11y
from domain.formatting import fmt_date
from tests.pages.apptest import open_page, page_text

PAGE = "pages/toegankelijkheid.py"


def date_as_shown(language: str) -> str:
    """The test date as the page writes it (the year alone in English, whose format differs)."""
    return fmt_date(a11y.TESTED_ON) if language == "nl" else str(a11y.TESTED_ON.year)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_statement_names_standard_test_method_date_and_known_gaps(language):
    at = open_page(PAGE, **({} if language == "nl" else {"taal": language}))
    assert not at.exception, at.exception
    assert at.title[0].value == t("verklaring.titel", language)
    text = page_text(at)
    for fact in (a11y.STANDARD, "WCAG 2.1", f"axe-core {a11y.AXE_CORE_VERSION}",
                 date_as_shown(language), "320", "200 %"):  # fmt: skip
        assert fact in text, fact
    headings = [h.value for h in at.subheader]
    for key in ("norm_kop", "status_kop", "getest_kop", "niet_kop", "melden_kop", "handhaving_kop"):
        assert t(f"verklaring.{key}", language) in headings


def test_statement_links_the_contact_the_deployment_set(monkeypatch):
    monkeypatch.setenv("A11Y_CONTACT", "toegankelijkheid@gemeente.example")
    text = page_text(open_page(PAGE))
    assert "(mailto:toegankelijkheid@gemeente.example)" in text
    assert "A11Y_CONTACT" not in text


def test_statement_without_a_contact_says_where_to_go_and_which_setting_is_missing(monkeypatch):
    monkeypatch.delenv("A11Y_CONTACT", raising=False)
    text = page_text(open_page(PAGE))
    assert "A11Y_CONTACT" in text and "mailto:" not in text

"""Overzicht, Briefing (page and PDF) and Presentatie show each partnership's CBS context line,
in Dutch and in English; a labour-market region chosen in the filters shows its line and says
plainly it has no trajectories."""

import io
import re

import pytest
from pypdf import PdfReader

from components.shell import filters
from components.views import briefing
from tests.pages.apptest import open_page, page_text, plain_tables

# Den Haag 566.221 + Westland 115.941 inhabitants; 22.000 + 1.460 on bijstand (CBS 2024).
LINE = {
    "nl": "682.162 inwoners en 23.460 mensen met bijstand in de deelnemende gemeenten (2024; "
    "34,4 per 1.000 inwoners). Bron: CBS, Kerncijfers wijken en buurten 2024.",
    "en": "682,162 inhabitants and 23,460 people on social assistance (bijstand) in the member "
    "municipalities (2024; 34.4 per 1,000 inhabitants). Source: CBS, Kerncijfers wijken en "
    "buurten 2024.",
}
BONAIRE = {"nl": "Bonaire: geen CBS-cijfers.", "en": "Bonaire: no CBS figures."}
NO_TRAJECTORIES = {
    "nl": "geen programma's, trajecten of doelen",
    "en": "no programmes, trajectories",
}
LANGUAGES = {"nl": {}, "en": {"taal": "en"}}


def _pdf_text(pdf: bytes) -> str:
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_overzicht_shows_a_context_line_per_case(language):
    at = open_page(**LANGUAGES[language])
    assert not at.exception, at.exception
    text = page_text(at)
    assert f"Regionale deal Den Haag – Westland: {LINE[language]}" in text
    assert BONAIRE[language] in text
    # The five cases, not the 35 regions, get a line; the regions have their own table.
    assert text.count("Kerncijfers wijken en buurten 2024.") == 5
    assert len(plain_tables(at)[0]) == 6  # the five cases and Den Haag's own programme
    assert len(at.dataframe[0].value) == 35


@pytest.mark.parametrize("language", ["nl", "en"])
def test_briefing_page_shows_the_context_line(language):
    at = open_page("pages/briefing.py", samenwerking="DENHAAG-WESTLAND", jaar="2021",
                   **LANGUAGES[language])  # fmt: skip
    assert not at.exception, at.exception
    assert f"Regionale deal Den Haag – Westland: {LINE[language]}" in page_text(at)


def test_briefing_pdf_prints_the_context_line():
    view = briefing.build(filters.Selection(2021, partnership="DENHAAG-WESTLAND"))
    text = _pdf_text(briefing.pdf(view))
    assert "Inwoners en bijstand (CBS)" in text
    assert LINE["nl"] in text


@pytest.mark.parametrize("language", ["nl", "en"])
def test_presentatie_slide_shows_the_context_line(language):
    at = open_page("pages/presentatie.py", dia="5", **LANGUAGES[language])
    assert not at.exception, at.exception
    assert at.title[0].value == "Regionale deal Den Haag – Westland"
    assert LINE[language] in page_text(at)
    at = open_page("pages/presentatie.py", dia="2", **LANGUAGES[language])
    assert BONAIRE[language] in page_text(at)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_chosen_region_shows_its_line_and_says_it_has_no_trajectories(language):
    params = {"samenwerking": "AM21", **LANGUAGES[language]}
    for page in (None, "pages/briefing.py", "pages/doelen.py", "pages/trajecten.py"):
        at = open_page(page, **params)
        assert not at.exception, (page, at.exception)
        text = page_text(at)
        assert NO_TRAJECTORIES[language] in text, page
        assert "Arbeidsmarktregio Haaglanden" in text, page
    at = open_page("pages/briefing.py", **params)
    assert not at.metric, "no headline numbers of trajectories for a region"
    at = open_page("pages/presentatie.py", dia="7", **params)
    # national, the five cases, the chosen region, then the providers compared (Holland Rijnland)
    assert any("7 / 8" in m.value for m in at.markdown), "five cases, then the chosen region"
    assert at.title[0].value == "Arbeidsmarktregio Haaglanden"
    assert NO_TRAJECTORIES[language] in page_text(at)


def test_the_region_briefing_pdf_says_it_has_no_trajectories():
    view = briefing.build(filters.Selection(2026, partnership="AM21"))
    assert view.content.headlines and view.content.no_trajectories
    text = _pdf_text(briefing.pdf(view))
    assert "geen programma's, trajecten of doelen" in text
    assert "Arbeidsmarktregio Haaglanden:" in text and "Bron: CBS" in text


def test_the_sidebar_partnership_filter_lists_the_cases_first_then_the_regions():
    at = open_page()
    options = at.selectbox(key="f_samenwerking").options
    assert len(options) == 1 + 40  # "Alle", five cases, 35 regions
    assert not any(o.startswith("Arbeidsmarktregio") for o in options[1:6])
    assert all(o.startswith("Arbeidsmarktregio") for o in options[6:])

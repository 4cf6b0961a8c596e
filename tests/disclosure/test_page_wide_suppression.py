"""No hidden count can be worked out from everything one page run shows (issue 16, item 5).

Each case opens a page in AppTest, collects every count it shows (tiles, tables, chart values and
their texts, maps, sentences, and once the briefing's PDF) and tries the calculator attack of
tests/pages/disclosure_check.py. A derivation counts when it gives the true hidden number: the same
page run without suppression (SUPPRESS_BELOW=1) is the truth to compare with.
"""

from __future__ import annotations

import io

import pytest
import streamlit as st
from pypdf import PdfReader

from components.shell import filters
from components.views import briefing
from tests.pages.apptest import open_page
from tests.pages.disclosure_check import collect, confirmed, derivations

OVERZICHT = None  # the default page
# (page, link parameters): every page with counts, with the filters that split them most.
SAMPLE = [
    (OVERZICHT, {}),
    (OVERZICHT, {"jaar": "2019"}),
    ("pages/kaart.py", {"kleur": "cijfer"}),
    ("pages/trajecten.py", {}),
    ("pages/trajecten.py", {"samenwerking": "HOLLAND-RIJNLAND"}),
    ("pages/doelen.py", {}),
    ("pages/gemeente.py", {"gemeente": "GM0546"}),
    ("pages/briefing.py", {"samenwerking": "BONAIRE-LEIDEN"}),
    ("pages/presentatie.py", {}),
]
# A threshold of 100 on the sample data hides most programmes' and municipalities' counts.
MANY_HIDDEN = [
    (OVERZICHT, {}),
    ("pages/trajecten.py", {"samenwerking": "HOLLAND-RIJNLAND"}),
    ("pages/doelen.py", {}),
    ("pages/briefing.py", {"gemeente": "GM0546"}),
]
SMALL = [
    (OVERZICHT, {}),
    ("pages/kaart.py", {"kleur": "cijfer"}),
    ("pages/trajecten.py", {}),
    ("pages/doelen.py", {}),
    ("pages/gemeente.py", {"gemeente": "GM0546"}),
    ("pages/briefing.py", {}),
    ("pages/presentatie.py", {}),
]


def _run(monkeypatch, url: str, page, params: dict, threshold: int, pdf: bool = False):
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("SUPPRESS_BELOW", str(threshold))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = open_page(page, **params)
    assert not at.exception, at.exception
    shown = collect(at, threshold)
    # The PDF holds the same numbers as the page (tests/pages/test_briefing.py); read once, where
    # most is hidden: making it draws its charts in Chromium, ~20 s here.
    if pdf:
        year = int(params.get("jaar", at.selectbox(key="f_jaar").value))
        sel = filters.Selection(year, params.get("samenwerking"), None, params.get("gemeente"))
        pdf = briefing.pdf(briefing.build(sel))
        shown.add_text(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    return shown


def _leaks(monkeypatch, url, page, params, threshold, pdf=False) -> list[str]:
    shown = _run(monkeypatch, url, page, params, threshold, pdf)
    assert shown.groups or shown.totals, "the collector found no counts at all"
    found = derivations(shown)
    if not found:
        return []
    return confirmed(found, _run(monkeypatch, url, page, params, 1, pdf))


def _id(case) -> str:
    page, params = case
    return f"{(page or 'overzicht').split('/')[-1]}{''.join(f'-{v}' for v in params.values())}"


@pytest.mark.parametrize("case", SAMPLE, ids=[_id(c) for c in SAMPLE])
def test_no_hidden_count_derivable_on_the_sample_data(monkeypatch, sample_sqlite, case):
    assert _leaks(monkeypatch, sample_sqlite, *case, threshold=10) == []


@pytest.mark.parametrize("case", MANY_HIDDEN, ids=[_id(c) for c in MANY_HIDDEN])
def test_no_hidden_count_derivable_with_many_hidden_cells(monkeypatch, sample_sqlite, case):
    pdf = case[0] == "pages/briefing.py"
    assert _leaks(monkeypatch, sample_sqlite, *case, threshold=100, pdf=pdf) == []


@pytest.mark.parametrize("case", SMALL, ids=[_id(c) for c in SMALL])
def test_no_hidden_count_derivable_on_small_data(monkeypatch, small_sqlite, case):
    assert _leaks(monkeypatch, small_sqlite, *case, threshold=10) == []


def test_the_checker_finds_the_overzicht_leak_of_issue_16():
    # Tile 4.287 against bars adding up to 4.279, with Bonaire '<10' in the table: 8.
    from tests.pages.disclosure_check import Shown

    shown = Shown(10)
    shown.totals.add(4287)
    shown.add_group("bars", [338, 177, 3673, 91], chart=True)
    shown.add_group("table", ["<10", "338", "177", "91", "0"])
    assert [f.values for f in derivations(shown)] == [(8,)]

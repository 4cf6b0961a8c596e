"""A "<10" or an "x" that a wethouder meets in a tile or a table is explained beside it, in words,
on the page and in the printed briefing; and a hidden count is not read out as "x van de 90 (–)".

On the sample database of 2026: Overzicht shows Bonaire's "<10" and Altena's "x" in its table,
Leiden's own figures and briefing an "x" for Geplaatst, and Altena's placements target is
withheld (its gauge, its card on Doelen and its slide)."""

from __future__ import annotations

from components.shell import filters
from components.views import briefing
from tests.pages.apptest import open_page, page_text, plain_tables

SMALL = "<10: minder dan 10 mensen; zo kleine aantallen tonen we niet."
WITHHELD = "x: een groter aantal dat we verbergen, omdat anders een klein aantal elders terug te"


def _text(at) -> str:
    assert not at.exception, at.exception
    return page_text(at).replace("\\", "")


def test_overzicht_says_what_its_small_and_withheld_counts_mean():
    at = open_page(None, jaar="2026")
    cells = set(plain_tables(at)[0].astype(str).to_numpy().ravel())
    assert {"<10", "x"} <= cells
    text = _text(at)
    assert SMALL in text and WITHHELD in text


def test_a_choice_without_hidden_counts_has_no_legend():
    """Kop van Noord-Holland in 2026: every count of its tiles and its row is shown."""
    at = open_page(None, jaar="2026", samenwerking="KOP-VAN-NOORD-HOLLAND")
    cells = set(plain_tables(at)[0].astype(str).to_numpy().ravel())
    assert not {"<10", "x"} & cells
    text = _text(at)
    assert "minder dan 10 mensen" not in text and "x: een groter aantal" not in text


def test_gemeente_explains_the_x_among_its_own_figures():
    at = open_page("pages/gemeente.py", gemeente="GM0546", jaar="2026")
    text = _text(at)
    assert any("x" in table.astype(str).to_numpy() for table in plain_tables(at))
    assert WITHHELD in text


def test_the_briefing_explains_the_x_in_its_tiles_on_the_page_and_in_the_pdf():
    view = briefing.build(filters.Selection(2026, municipality="GM0546"))
    assert "x" in [h.value for h in view.content.headlines]
    assert WITHHELD in view.content.comparison
    assert WITHHELD in _text(open_page("pages/briefing.py", gemeente="GM0546", jaar="2026"))
    from tests.pages.test_briefing import _pdf_text

    printed = " ".join(_pdf_text(briefing.pdf(view)).split())
    assert "x: een groter aantal dat we verbergen" in printed


def test_a_withheld_target_count_is_not_read_out_as_x_of_the_target():
    doelen = _text(open_page("pages/doelen.py", jaar="2026"))
    assert "Gerealiseerd: x van 90 plaatsingen in werk of opleiding." in doelen
    assert "(–)" not in doelen
    slide = _text(open_page("pages/presentatie.py", dia="6", jaar="2026"))
    assert (
        "Werkfit-trajecten Altena: afgeschermd, om een klein aantal elders te beschermen. "
        "Doel: 90 plaatsingen in werk of opleiding." in slide
    )
    assert "x van de 90" not in slide

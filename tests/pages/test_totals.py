"""Totals that add up (issue 25 item 2): a tile that states a total beside its parts equals the
sum of the parts shown with it, or the parts say what is left out (a hidden "<10" or "x").

Overzicht: its tiles against its table's rows, which include a municipality's own programmes
(Werkoffensief +500) beside the partnerships. Presentatie: slide 1's tiles against the
partnership slides plus the sentence that names the own programmes. Read from the builders the
page and the deck draw with, on the sample database of both dialects."""

from __future__ import annotations

import re

import pytest

from components.views import slides
from components.views.overview import overview, partnership_numbers
from domain.formatting import use_language
from tests.pages.apptest import open_page, page_text, plain_tables

YEARS = (2025, 2026)


def _number(label: str) -> int | None:
    """A shown count as a number; None for a hidden one ("<10", "x")."""
    if re.fullmatch(r"\d{1,3}(\.\d{3})*", label):
        return int(label.replace(".", ""))
    assert label in ("x",) or label.startswith("<"), label
    return None


def _adds_up(total: int | None, parts: list[int | None], what: str) -> None:
    assert total is not None, f"{what}: the total itself is hidden"
    shown = [p for p in parts if p is not None]
    if len(shown) == len(parts):
        assert sum(shown) == total, (what, total, parts)
    else:  # what is left out is marked where it is left out, and no more than that
        assert sum(shown) < total, (what, total, parts)


@pytest.mark.parametrize("year", YEARS)
def test_overzichts_tiles_are_the_sum_of_its_rows(year):
    with use_language("nl"):
        view = overview(year, None, None, 10)
    tiles = {label: value for label, value, _ in view.tiles}
    table = view.table
    assert "Werkoffensief +500 ('s-Gravenhage)" in set(table["Samenwerking"])
    for tile, column in ((f"Aangemeld in {year}", f"Aangemeld {year}"),
                         (f"Geplaatst in {year}", f"Geplaatst {year}")):  # fmt: skip
        _adds_up(_number(tiles[tile]), [_number(v) for v in table[column]], f"Overzicht {tile}")


@pytest.mark.parametrize("year", YEARS)
def test_slide_1_is_the_sum_of_the_partnership_slides_and_the_own_programmes(year):
    with use_language("nl"):
        tiles = dict(slides.national_tiles(year))
        line = slides.own_programmes_line(year)
        cases = slides.partnerships(None)
        parts = {"aangemeld": [], "geplaatst": []}
        for _, p in cases.iterrows():
            shown = partnership_numbers(year, {int(i) for i in slides.programmes_of(p).index})
            for key in parts:
                parts[key].append(_number(shown[key]))
    own = re.findall(r": ([\d.]+|<\d+|x) aangemeld en ([\d.]+|<\d+|x) geplaatst", line)
    assert own, line  # Werkoffensief +500 has no slide: slide 1 names it with its counts
    for registered, placed in own:
        parts["aangemeld"].append(_number(registered))
        parts["geplaatst"].append(_number(placed))
    _adds_up(_number(tiles[f"Aangemeld in {year}"]), parts["aangemeld"], "slide 1 aangemeld")
    _adds_up(_number(tiles[f"Geplaatst in {year}"]), parts["geplaatst"], "slide 1 geplaatst")


def test_holland_rijnland_counts_its_municipalities_of_today_on_overzicht_and_its_slide():
    """Overzicht's table and slide 4 both count 9: Noordwijkerhout, one of the 10 the source
    names at the start, has been part of Noordwijk since 2019, and both say so."""
    why = "Noordwijkerhout hoort sinds 2019 bij Noordwijk."
    at = open_page("pages/overzicht.py", jaar="2026")
    table = plain_tables(at)[0]  # by Samenwerking
    hr = "Gezamenlijke inkoop re-integratie Holland Rijnland"
    assert table.loc[hr, "Gemeenten"] == "9"
    assert f"{hr}: nu 9 gemeenten, bij de start 10; {why}" in page_text(at)
    with use_language("nl"):
        p = slides.partnerships(None).set_index("code").loc["HOLLAND-RIJNLAND"]
        text, source = slides.facts(p)
    named = text.split("Deelnemers: ", 1)[1].rstrip(".").split(", ")
    municipalities = [n for n in named if n in {"Hillegom", "Lisse", "Katwijk", "Leiden",
                      "Leiderdorp", "Noordwijk", "Oegstgeest", "Voorschoten", "Teylingen",
                      "Noordwijkerhout"}]  # fmt: skip
    assert len(municipalities) == 9 and "Noordwijkerhout" not in municipalities
    # Beside the source's title, which counts ten ("Tien gemeenten in Holland Rijnland ...").
    assert source.startswith("Bron: Tien gemeenten")
    assert source.endswith(f"(nieuwsbericht). Nu 9 gemeenten: {why}")

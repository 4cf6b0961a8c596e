"""Gemeente (AppTest, both databases): the profile shows exactly the CBS values, opens on a
municipality when none is chosen, compares with region, province, the Netherlands and peers,
says "geen CBS-cijfers" for Bonaire, and keeps reach of small counts hidden."""

from __future__ import annotations

import csv

import pytest

from data_access.public_data import SAMPLE_DIR
from tests.pages.apptest import open_page, page_text, plain_tables

PAGE = "pages/gemeente.py"


def _cbs(code: str, year: int) -> dict[str, str]:
    with (SAMPLE_DIR / "cbs" / "cbs_context_gemeenten.csv").open(encoding="utf-8") as fh:
        return next(
            r for r in csv.DictReader(fh) if r["gemeentecode"] == code and int(r["jaar"]) == year
        )


def _nl(n: str | float) -> str:
    return f"{int(float(n)):,}".replace(",", ".")


def _tiles(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


# Den Haag, Leiden, Amsterdam, Rotterdam, Utrecht, Groningen, Westland.
@pytest.mark.parametrize(
    "code", ["GM0518", "GM0546", "GM0363", "GM0599", "GM0344", "GM0014", "GM1783"]
)
def test_profile_tiles_show_the_cbs_values(code):
    at = open_page(PAGE, gemeente=code)
    assert not at.exception
    tiles, source = _tiles(at), _cbs(code, 2024)
    assert tiles["Inwoners (2024)"] == _nl(source["inwoners"])
    assert tiles["Met bijstand (dec. 2024)"] == _nl(source["bijstand_personen"])
    rate = float(source["bijstand_personen"]) * 1000 / float(source["inwoners"])
    assert tiles["Bijstand per 1.000 inwoners (2024)"] == f"{rate:.1f}".replace(".", ",")
    # What CBS published for the code itself, Amsterdam's too (72,8 % in 2022, without Weesp).
    participation = _cbs(code, 2022)["netto_arbeidsparticipatie_pct"]
    assert tiles["Netto arbeidsparticipatie (2022)"] == f"{participation.replace('.', ',')} %"
    text = page_text(at)
    assert "Bron: CBS, Kerncijfers wijken en buurten 2024" in text
    merger = "Netto arbeidsparticipatie 2022 van Amsterdam zonder Weesp: in 2022 nog een eigen"
    assert (merger in text) == (code == "GM0363"), code


def test_den_haag_exactly_as_published():
    tiles = _tiles(open_page(PAGE, gemeente="GM0518"))
    assert tiles["Inwoners (2024)"] == "566.221"
    assert tiles["Met bijstand (dec. 2024)"] == "22.000"


def test_comparison_has_region_province_netherlands_and_ten_peers():
    at = open_page(PAGE, gemeente="GM0546")
    table = plain_tables(at)[0]
    rows = list(table.index)
    assert rows[:4] == ["Leiden", "Arbeidsmarktregio Holland Rijnland", "provincie Zuid-Holland",
                        "Nederland"]  # fmt: skip
    assert len(rows) == 4 + 10
    netherlands = table.loc["Nederland"]
    assert netherlands.iloc[0] == "17.942.942"  # sum of the 342 municipalities, 1-1-2024
    assert netherlands.iloc[3] == "niet beschikbaar"  # no group average of a percentage


def test_bonaire_says_cbs_publishes_nothing_and_shows_no_zero():
    at = open_page(PAGE, gemeente="GM9001")
    text = page_text(at)
    assert "CBS publiceert deze cijfers niet voor Bonaire" in text
    assert not any(label.startswith("Inwoners") for label in _tiles(at))


def test_opens_on_the_first_member_of_the_chosen_partnership():
    at = open_page(PAGE, samenwerking="HOLLAND-RIJNLAND")
    assert not at.exception
    assert any(h.value.startswith("Hillegom (GM0534)") for h in at.header)


def test_opens_on_the_largest_municipality_of_a_case_without_a_choice():
    # Amsterdam is larger, but only in its labour-market region and without trajectories:
    # a visitor without a municipality of their own opens on Den Haag, of the Regionale deal.
    at = open_page(PAGE)
    assert any(h.value.startswith("'s-Gravenhage (GM0518)") for h in at.header)
    assert _tiles(at)["Inwoners (2024)"] == "566.221"
    text = page_text(at)
    assert "anders op de grootste gemeente (naar inwoners) in een van de samenwerkingen" in text
    assert "Voor 's-Gravenhage zijn er in 2026 geen trajecten" not in text


def test_a_municipality_without_trajectories_says_none_not_a_small_count():
    at = open_page(PAGE, gemeente="GM0363", jaar="2026")
    reach = next(
        tb for tb in plain_tables(at) if "Bereik: gestart per 100 met bijstand" in tb.columns
    )
    assert list(reach.loc["Amsterdam"].iloc[[0, 2]]) == ["0", "0,0"]
    cells = [str(v) for tb in plain_tables(at) for v in tb.to_numpy().ravel()]
    assert "<10" not in cells
    assert "Voor Amsterdam zijn er in 2026 geen trajecten." in page_text(at)


def test_reach_is_marked_fictional_and_hides_small_counts():
    at = open_page(PAGE, gemeente="GM0518", jaar="2026")
    text = page_text(at)
    assert "Fictief: de trajecten zijn verzonnen" in text
    reach = next(
        tb for tb in plain_tables(at) if "Bereik: gestart per 100 met bijstand" in tb.columns
    )
    deal = reach.loc["Regionale deal Den Haag – Westland"]
    # No trajectory started (0 is no person, shown as on every page): a reach of 0.
    assert deal.iloc[0] == "0" and deal.iloc[2] == "0,0"


def test_profile_in_english():
    at = open_page(PAGE, gemeente="GM0546", taal="en")
    tiles = _tiles(at)
    assert tiles["Inhabitants (2024)"] == "130,108"
    assert tiles["Net labour participation (2022)"] == "72.9 %"
    assert "Source: CBS" in page_text(at)

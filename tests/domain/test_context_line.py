"""The context line of a partnership: real CBS inhabitants and bijstand summed over its members,
with year and source; a member without CBS figures (Bonaire) is named, never counted as 0."""

import csv
from pathlib import Path

import pandas as pd
import pytest

from domain.context_line import (
    cases,
    context_line,
    merged_members_note,
    regions,
    statline_table,
)
from domain.formatting import fmt_int, use_language

CBS_CSV = Path(__file__).resolve().parents[2] / "sample_data" / "cbs" / "cbs_context_gemeenten.csv"
SOURCE = "Kerncijfers wijken en buurten 2024"
NAMES = {"GM0518": "'s-Gravenhage", "GM1783": "Westland", "GM0546": "Leiden", "GM9001": "Bonaire"}


def _source_row(code: str, year: int = 2024) -> dict:
    with CBS_CSV.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["gemeentecode"] == code and row["jaar"] == str(year):
                return row
    raise LookupError(code)


@pytest.fixture(scope="module")
def figures() -> pd.DataFrame:
    """Inhabitants and bijstand 2024 of Den Haag, Westland and Leiden, as in sample_data/cbs."""
    rows = []
    for code in ("GM0518", "GM1783", "GM0546"):
        source = _source_row(code)
        for measure, column in (("inwoners", "inwoners"), ("bijstand", "bijstand_personen")):
            rows.append({"area_code": code, "year": 2024, "measure": measure,
                         "value": float(source[column]), "source_id": 8,
                         "source_title": SOURCE, "source_publisher": "CBS"})  # fmt: skip
    return pd.DataFrame(rows)


def test_den_haag_westland_line_sums_both_members_of_2024(figures):
    westland = _source_row("GM1783")
    inhabitants = 566221 + int(westland["inwoners"])
    bijstand = 22000 + int(westland["bijstand_personen"])
    line = context_line(figures, ["GM0518", "GM1783"], NAMES)
    assert line.startswith(
        f"{fmt_int(inhabitants)} inwoners en {fmt_int(bijstand)} mensen met bijstand"
    )
    assert "682.162 inwoners" in line and "23.460 mensen met bijstand" in line
    assert "(2024; 34,4 per 1.000 inwoners)" in line
    assert line.endswith("Bron: CBS, Kerncijfers wijken en buurten 2024.")
    assert "fictief" not in line.lower()


def test_bonaire_leiden_line_has_leiden_figures_and_says_bonaire_has_none(figures):
    line = context_line(figures, ["GM9001", "GM0546"], NAMES, name="Twinning Bonaire – Leiden")
    assert line.startswith(
        "Twinning Bonaire – Leiden: 130.108 inwoners en 3.220 mensen met bijstand"
    )
    assert "Bonaire: geen CBS-cijfers." in line
    assert "Bron: CBS, Kerncijfers wijken en buurten 2024." in line


def test_a_partnership_without_any_cbs_figures_shows_no_number_at_all(figures):
    line = context_line(figures, ["GM9001"], NAMES)
    assert line == "Bonaire: geen CBS-cijfers."
    assert not any(ch.isdigit() for ch in line), "never a 0"


def test_the_line_in_english_uses_english_words_and_number_format(figures):
    with use_language("en"):
        line = context_line(figures, ["GM9001", "GM0546"], NAMES)
    assert line.startswith("130,108 inhabitants and 3,220 people on social assistance (bijstand)")
    assert "Bonaire: no CBS figures." in line
    assert line.endswith("Source: CBS, Kerncijfers wijken en buurten 2024.")


def test_inhabitants_and_bijstand_of_different_years_each_name_their_year(figures):
    newer = figures[figures["measure"] == "inwoners"].assign(year=2025, value=1000.0,
                                                             source_title="KWB 2025")  # fmt: skip
    line = context_line(pd.concat([figures, newer]), ["GM0546"], NAMES)
    assert "(2025)" in line and "(2024)" in line
    assert "per 1.000" not in line, "a rate only divides figures of one year"
    assert "Bron: CBS, KWB 2025; CBS, Kerncijfers wijken en buurten 2024." in line


def test_the_statline_table_id_comes_from_the_source_address():
    assert (
        statline_table("https://opendata.cbs.nl/statline/#/CBS/nl/dataset/85984NED") == "85984NED"
    )
    assert statline_table("https://www.samenvoordeklant.nl/nieuws/35-arbeidsmarktregios") is None
    assert statline_table(None) is None


def test_labour_market_regions_are_not_cases():
    partnerships = pd.DataFrame({"code": ["DENHAAG-WESTLAND", "AM21"],
                                 "kind": ["regionale_deal", "arbeidsmarktregio"]})  # fmt: skip
    assert list(cases(partnerships)["code"]) == ["DENHAAG-WESTLAND"]
    assert list(regions(partnerships)["code"]) == ["AM21"]


def test_noordwijkerhout_is_named_with_both_counts_where_it_merged_into_noordwijk():
    members = pd.DataFrame(
        [(3, "gemeente", "GM0546", "Leiden", "GM0546"),
         (3, "gemeente", "GM0575", "Noordwijk", "GM0575"),
         (3, "gemeente", "GM0575", "Noordwijk", "GM0576"),
         (3, "organisatie", None, None, None),
         (5, "gemeente", "GM0518", "'s-Gravenhage", "GM0518")],
        columns=["partnership_id", "member_type", "area_code", "area_name", "member_area_code"],
    )  # fmt: skip
    areas = pd.DataFrame(
        [("GM0546", "Leiden", None), ("GM0575", "Noordwijk", None),
         ("GM0576", "Noordwijkerhout", "2018-12-31"), ("GM0518", "'s-Gravenhage", None)],
        columns=["code", "name", "valid_to"],
    )  # fmt: skip
    with use_language("nl"):
        assert merged_members_note(members, areas, 3) == (
            "Nu 2 gemeenten: Noordwijkerhout hoort sinds 2019 bij Noordwijk."
        )
        assert merged_members_note(members, areas, 3, "HR").startswith(
            "HR: nu 2 gemeenten, bij de start 3;"
        )
        assert merged_members_note(members, areas, 5) == ""
    with use_language("en"):
        assert "Noordwijkerhout has been part of Noordwijk since 2019" in (
            merged_members_note(members, areas, 3)
        )

"""The declared CBS table mapping and the rules that turn a raw StatLine row into figures."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from domain import cbs
from domain.context import MEASURE_KINDS

KWB = cbs.table_kind("85984NED")
EBB = cbs.table_kind("85494NED")


def test_every_declared_measure_is_one_the_monitor_keeps():
    for kind in cbs.TABLES:
        assert set(kind.measures.values()) <= set(MEASURE_KINDS), kind.name


def test_a_new_years_kerncijfers_table_is_recognised_by_its_title():
    kind = cbs.table_kind("99001NED", "Kerncijfers wijken en buurten 2026")
    assert kind is KWB
    assert cbs.table_kind("99002NED", "Bevolking; kerncijfers") is None


def test_keys_map_by_name_whatever_number_cbs_gives_them():
    keys_2024 = ["Gemeentenaam_1", "AantalInwoners_5", "PersonenPerSoortUitkeringBijstand_94",
                 "PersonenPerSoortUitkeringAO_95", "PersonenPerSoortUitkeringAOW_97"]  # fmt: skip
    keys_2023 = ["AantalInwoners_5", "PersonenPerSoortUitkeringBijstand_87"]
    assert cbs.measure_keys(KWB, keys_2024) == {
        "AantalInwoners_5": "inwoners",
        "PersonenPerSoortUitkeringBijstand_94": "bijstand",
        "PersonenPerSoortUitkeringAO_95": "ao",
        "PersonenPerSoortUitkeringAOW_97": "aow",
    }
    assert cbs.measure_keys(KWB, keys_2023)["PersonenPerSoortUitkeringBijstand_87"] == "bijstand"


def test_the_two_labour_participation_series_never_mix():
    assert cbs.measure_keys(KWB, ["Nettoarbeidsparticipatie_78"]) == {
        "Nettoarbeidsparticipatie_78": "kwb_netto_arbeidsparticipatie"
    }
    assert cbs.measure_keys(EBB, ["NettoArbeidsparticipatie_16"]) == {
        "NettoArbeidsparticipatie_16": "netto_arbeidsparticipatie"
    }
    assert cbs.measure_keys(EBB, ["Nettoarbeidsparticipatie_78"]) == {}


def test_two_keys_for_one_measure_are_refused():
    with pytest.raises(ValueError, match="inwoners"):
        cbs.measure_keys(KWB, ["AantalInwoners_5", "AantalInwoners_6"])


@pytest.mark.parametrize(
    "marker", [None, ".", "", "   .", "x", -99997, -99995.0, "-99997", math.nan]
)
def test_cbs_no_value_markers_are_missing(marker):
    assert cbs.clean_value(marker) is None


@pytest.mark.parametrize(("cell", "number"), [(0, 0.0), ("0", 0.0), ("  566221", 566221.0),
                                              ("72,8", 72.8), (-3.5, -3.5)])  # fmt: skip
def test_real_values_stay_values_and_zero_stays_zero(cell, number):
    assert cbs.clean_value(cell) == number


def test_a_cell_that_is_no_number_is_an_error_not_a_silent_gap():
    with pytest.raises(ValueError):
        cbs.clean_value("veel")


def test_only_yearly_periods_count():
    assert cbs.period_year("2022JJ00") == 2022
    assert cbs.period_year("2022KW01") is None
    assert cbs.period_year(None) is None


def test_rows_keep_municipalities_only_stripped_of_padding():
    rows = [
        {"WijkenEnBuurten": "NL00      ", "AantalInwoners_5": 17942942},
        {"WijkenEnBuurten": "GM0546    ", "AantalInwoners_5": 130108},
        {"WijkenEnBuurten": "WK054600  ", "AantalInwoners_5": 5000},
        {"WijkenEnBuurten": "BU05460000", "AantalInwoners_5": 500},
        {"WijkenEnBuurten": "GM0518    ", "AantalInwoners_5": None},
    ]
    figures = cbs.figures_from_rows(rows, KWB, {"AantalInwoners_5": "inwoners"}, 2024)
    assert figures.to_dict("records") == [
        {"area_code": "GM0546", "year": 2024, "measure": "inwoners", "value": 130108.0}
    ]


def test_rows_take_the_year_from_perioden_and_only_the_totals():
    keys = {"NettoArbeidsparticipatie_16": "netto_arbeidsparticipatie"}
    rows = [
        {"RegioS": "GM0546", "Perioden": "2022JJ00", "Persoonskenmerken": "T009002",
         "NettoArbeidsparticipatie_16": 72.9},
        {"RegioS": "GM0546", "Perioden": "2019JJ00", "Persoonskenmerken": "T009002",
         "NettoArbeidsparticipatie_16": 70.6},
        {"RegioS": "GM0546", "Perioden": "2022JJ00", "Persoonskenmerken": "3000",
         "NettoArbeidsparticipatie_16": 75.0},
        {"RegioS": "PV28  ", "Perioden": "2022JJ00", "Persoonskenmerken": "T009002",
         "NettoArbeidsparticipatie_16": 70.0},
    ]  # fmt: skip
    both = cbs.figures_from_rows(rows, EBB, keys, None)
    assert sorted(zip(both["year"], both["value"], strict=True)) == [(2019, 70.6), (2022, 72.9)]
    only = cbs.figures_from_rows(rows, EBB, keys, 2022)
    assert only["value"].tolist() == [72.9]


def test_the_odata_filter_asks_for_municipalities_the_year_and_the_totals():
    assert cbs.odata_filter(KWB, 2024, has_periods=False) == "substringof('GM',WijkenEnBuurten)"
    assert cbs.odata_filter(EBB, 2022, has_periods=True) == (
        "substringof('GM',RegioS) and (Perioden eq '2022JJ00') and (Persoonskenmerken eq 'T009002')"
    )


def test_a_csv_table_becomes_long_figures_without_its_empty_cells():
    table = pd.DataFrame(
        {"gemeentecode": ["GM0546", "GM0546", "GM9001"], "jaar": ["2024", "2022", "2024"],
         "inwoners": ["130108", "125074", ""], "bijstand_personen": ["3220", "", ""]}
    )  # fmt: skip
    columns = {"inwoners": "inwoners", "bijstand_personen": "bijstand"}
    figures = cbs.figures_from_table(table, columns, 2024)
    assert figures.to_dict("records") == [
        {"area_code": "GM0546", "year": 2024, "measure": "inwoners", "value": 130108.0},
        {"area_code": "GM0546", "year": 2024, "measure": "bijstand", "value": 3220.0},
    ]

"""Which partnerships the map filters keep, and how figures are binned without showing small counts."""

from datetime import date

import pandas as pd

from domain.partnership_map import (
    active_in,
    bin_labels,
    figure_bin,
    filter_partnerships,
    programmes_by_area,
    shown_figure,
)

PARTNERSHIPS = pd.DataFrame(
    {
        "id": [1, 2, 3],
        "code": ["BON", "KOP", "ALT"],
        "kind": ["twinning", "convenant", "samenwerkingsovereenkomst"],
        "start_date": [date(2017, 5, 1), date(2017, 7, 20), date(2022, 1, 1)],
        "end_date": [None, date(2020, 12, 31), None],
    }
)
MEMBERS = pd.DataFrame(
    {
        "partnership_id": [1, 1, 2, 3],
        "area_code": ["GM9001", "GM0546", "GM0400", "GM1959"],
        "province": [None, "Zuid-Holland", "Noord-Holland", "Noord-Brabant"],
    }
)
PROGRAMMES = pd.DataFrame(
    {
        "id": [10, 11, 12],
        "code": ["BON-P", "OWN", "SUB"],
        "name": ["Bonaire-programma", "Eigen programma", "Deelprogramma"],
        "partnership_id": [1, None, 3],
        "lead_area_code": [None, "GM0518", None],
        "parent_id": [None, None, 11],
    }
)


def codes(**kw) -> list[str]:
    return list(filter_partnerships(PARTNERSHIPS, MEMBERS, PROGRAMMES, **kw)["code"])


def test_active_in_a_year_means_the_period_overlaps_it():
    assert active_in(date(2017, 5, 1), None, 2017)
    assert not active_in(date(2017, 5, 1), None, 2016)
    assert active_in(date(2017, 7, 20), date(2020, 12, 31), 2020)
    assert not active_in(date(2017, 7, 20), date(2020, 12, 31), 2021)


def test_filters_keep_only_what_matches_every_choice():
    assert codes() == ["BON", "KOP", "ALT"]
    assert codes(kind="twinning") == ["BON"]
    assert codes(year=2021) == ["BON"]
    assert codes(year=2022) == ["BON", "ALT"]
    assert codes(year=2018) == ["BON", "KOP"]
    assert codes(province="Noord-Brabant") == ["ALT"]
    assert codes(province="Zuid-Holland", kind="convenant") == []
    assert codes(code="KOP", year=2019) == ["KOP"]


def test_programme_filter_finds_the_partnership_also_through_a_sub_programme():
    assert codes(programme="BON-P") == ["BON"]
    assert codes(programme="OWN") == ["ALT"]  # its sub-programme runs in Altena's partnership


def test_programmes_by_area_lists_partnership_and_own_programmes():
    by_area = programmes_by_area(MEMBERS, PROGRAMMES)
    assert by_area["GM0546"] == ["Bonaire-programma"]
    assert by_area["GM0518"] == ["Eigen programma"]
    assert "GM0400" not in by_area


def test_small_counts_get_their_own_bin_and_are_never_shown():
    assert figure_bin(0, 10) == "geen"
    assert figure_bin(None, 10) == "geen"
    assert figure_bin(1, 10) == figure_bin(9, 10) == "klein"
    assert shown_figure(9, 10) == "<10"
    assert shown_figure(4248, 10) == "4.248"
    assert figure_bin(10, 10) == "10–49"
    assert figure_bin(49, 10) == "10–49"
    assert figure_bin(50, 10) == "50–99"
    assert figure_bin(9300, 10) == "1.000 en meer"


def test_bins_start_at_a_stricter_threshold():
    assert bin_labels(20)[0] == "20–49"
    assert figure_bin(15, 20) == "klein"

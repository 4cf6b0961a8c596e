from datetime import date

import pytest

from domain.pace import Status, elapsed_share, pace

START, END = date(2019, 1, 1), date(2019, 12, 31)


def test_on_start_day_one_day_of_the_period_has_passed():
    assert elapsed_share(START, END, START) == pytest.approx(1 / 365)


def test_on_end_day_the_whole_period_has_passed():
    assert elapsed_share(START, END, END) == 1.0


def test_before_the_period_nothing_is_expected():
    p = pace(500, 0, START, END, date(2018, 12, 1))
    assert p.status is Status.NOT_STARTED
    assert p.expected == 0


def test_past_period_reports_final_result():
    assert pace(4500, 4248, START, END, date(2020, 6, 1)).status is Status.NOT_MET
    assert pace(4000, 4248, START, END, date(2020, 6, 1)).status is Status.MET


def test_target_already_met_mid_period():
    assert pace(200, 210, START, END, date(2019, 6, 30)).status is Status.MET


def test_halfway_at_half_the_target_is_on_track():
    p = pace(365, 183, START, END, date(2019, 7, 2))
    assert p.status is Status.ON_TRACK
    assert p.forecast == pytest.approx(365, rel=0.01)


def test_far_behind_is_well_behind_and_reaches_target_never():
    p = pace(1000, 100, START, END, date(2019, 7, 2))
    assert p.status is Status.WELL_BEHIND
    assert p.reached_on is None


def test_zero_target_is_refused():
    with pytest.raises(ValueError, match="groter dan nul"):
        pace(0, 10, START, END, date(2019, 7, 2))

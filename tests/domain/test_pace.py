import math
from datetime import date, timedelta

import pytest

from domain.pace import (
    Status,
    elapsed_share,
    forecast_at_end,
    pace,
    projected_reach_date,
    status_of,
)

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


# --- boundaries -------------------------------------------------------------------------------


def test_start_day_expects_one_day_and_judges_against_it():
    p = pace(365, 1, START, END, START)
    assert p.expected == pytest.approx(1)
    assert p.status is Status.ON_TRACK
    assert not p.final
    assert p.forecast == pytest.approx(365)


def test_start_day_without_any_result_is_well_behind_but_not_not_started():
    assert pace(365, 0, START, END, START).status is Status.WELL_BEHIND


def test_end_day_is_the_final_result():
    p = pace(4500, 4248, START, END, END)
    assert p.final
    assert p.status is Status.NOT_MET
    assert p.expected == 4500
    assert p.forecast == 4248
    assert p.reached_on is None


def test_the_day_before_the_end_is_not_final_yet():
    p = pace(4500, 4248, START, END, date(2019, 12, 30))
    assert not p.final
    assert p.status is Status.ON_TRACK  # 4248 / (4500 * 364/365) is above 90%


def test_a_met_target_reports_the_day_the_data_reached_it():
    p = pace(200, 210, START, END, date(2019, 6, 30), reached_on=date(2019, 6, 12))
    assert p.status is Status.MET
    assert p.reached_on == date(2019, 6, 12)
    assert not p.final


def test_a_target_met_exactly_on_the_last_day_is_met():
    p = pace(200, 200, START, END, END, reached_on=END)
    assert p.status is Status.MET
    assert p.final
    assert p.reached_on == END


def test_a_period_not_yet_started_has_no_forecast_and_no_date():
    p = pace(500, 0, START, END, START - timedelta(days=1))
    assert p.status is Status.NOT_STARTED
    assert p.forecast is None
    assert p.reached_on is None
    assert p.elapsed == 0
    assert forecast_at_end(0, START, END, date(2018, 1, 1)) is None


@pytest.mark.parametrize("target", [0, -5])
def test_zero_or_negative_target_is_refused_in_words(target):
    with pytest.raises(ValueError, match="Een doel moet groter dan nul zijn"):
        pace(target, 0, START, END, START)


def test_period_ending_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="einde van de periode ligt voor het begin"):
        pace(10, 0, END, START, START)


# --- forecast ---------------------------------------------------------------------------------


def test_forecast_is_the_run_rate_over_the_whole_period():
    # 10 January: 10 days gone, 20 realised: 2 a day, 730 in a year of 365 days.
    assert forecast_at_end(20, START, END, date(2019, 1, 10)) == pytest.approx(730)


def test_reach_date_at_the_run_rate_is_the_first_day_the_total_gets_there():
    # 2 a day from 1 January: 100 is reached at the end of day 50, 19 February.
    assert projected_reach_date(100, 20, START, END, date(2019, 1, 10)) == date(2019, 2, 19)
    # One more than that needs day 51.
    assert projected_reach_date(101, 20, START, END, date(2019, 1, 10)) == date(2019, 2, 20)


def test_reach_date_on_the_last_day_counts_and_one_beyond_does_not():
    assert projected_reach_date(365, 1, START, END, START) == END
    assert projected_reach_date(366, 1, START, END, START) is None


def test_no_reach_date_without_any_result_or_after_the_end():
    assert projected_reach_date(100, 0, START, END, date(2019, 6, 1)) is None
    assert projected_reach_date(100, 50, START, END, END) is None


def test_status_thresholds_at_ninety_and_seventy_five_percent():
    half = date(2019, 7, 2)  # 183 of 365 days
    expected = 365 * 183 / 365
    assert status_of(365, math.ceil(expected * 0.90), START, END, half) is Status.ON_TRACK
    assert status_of(365, math.floor(expected * 0.90), START, END, half) is Status.BEHIND
    assert status_of(365, math.ceil(expected * 0.75), START, END, half) is Status.BEHIND
    assert status_of(365, math.floor(expected * 0.75), START, END, half) is Status.WELL_BEHIND

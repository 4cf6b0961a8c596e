from datetime import date, timedelta

import pytest

from domain.pace import (
    Status,
    elapsed_share,
    forecast_at_end,
    pace,
    projected_reach_date,
    status_of,
    withheld,
)
from domain.targets import part_progress

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
    # 4.248 in 364 days runs to 4.259 in 365: short of 4.500, so behind (not 'op koers').
    assert p.forecast == 4259
    assert p.status is Status.BEHIND


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


def test_status_thresholds_follow_the_forecast_at_the_target_and_three_quarters_of_it():
    half = date(2019, 7, 2)  # 183 of 365 days: the forecast is realised * 365 // 183
    assert status_of(365, 183, START, END, half) is Status.ON_TRACK  # forecast 365
    assert status_of(365, 182, START, END, half) is Status.BEHIND  # forecast 363
    assert status_of(400, 151, START, END, half) is Status.BEHIND  # forecast 301 of 400
    assert status_of(400, 150, START, END, half) is Status.WELL_BEHIND  # forecast 299 of 400


# --- one model: the status and the sentence under it never disagree ---------------------------


def test_bonaire_sixteen_against_seventeen_expected_is_behind_not_on_track():
    # Sample data, Doelen 2026: 16 of 20 started trajectories on the peildatum 31-10-2026, where
    # 17 were expected pro rata. The old 90% band called that 'op koers' above 'niet gehaald'.
    p = pace(20, 16, date(2026, 1, 1), date(2026, 12, 31), date(2026, 10, 31))
    assert round(p.expected) == 17
    assert p.forecast == 19  # 16 in 304 days runs to 19.2 in 365: 19 people
    assert p.reached_on is None
    assert p.status is Status.BEHIND


def test_werkoffensief_2019_reads_4248_of_4500_standing_task_met_extra_not():
    p = pace(4500, 4248, START, END, date(2020, 3, 1))
    assert (p.realised, p.target, p.final, p.status) == (4248, 4500, True, Status.NOT_MET)
    standing, extra = part_progress(4248, (("vaste taak", 4000), ("extra (+500)", 500)))
    assert (standing.top, standing.met, standing.short) == (4000, True, 0)
    assert (extra.top, extra.met, extra.short) == (4500, False, 252)


def test_a_target_met_early_stays_met_and_needs_no_forecast_date():
    p = pace(20, 20, START, END, date(2019, 3, 1), reached_on=date(2019, 2, 20))
    assert p.status is Status.MET
    assert p.reached_on == date(2019, 2, 20)
    assert not p.final


def test_exactly_enough_pace_is_on_track_and_one_fewer_is_behind():
    # 10 January, 10 of 365 days gone: 10 realised runs to 365 exactly, 9 to 328.
    on, short = (pace(365, n, START, END, date(2019, 1, 10)) for n in (10, 9))
    assert (on.forecast, on.status, on.reached_on) == (365, Status.ON_TRACK, END)
    assert (short.forecast, short.status, short.reached_on) == (328, Status.BEHIND, None)


def test_forecast_is_whole_people_so_the_shown_number_never_reaches_a_missed_target():
    # 19.97 at this pace would print as '20 of 20' above 'not met' if it were rounded.
    p = pace(20, 18, START, END, date(2019, 12, 1))  # 18 * 365 / 335 = 19.6
    assert p.forecast == 19
    assert p.status is Status.BEHIND


@pytest.mark.parametrize("target", [1, 7, 20, 365, 4500])
def test_on_track_exactly_when_the_forecast_reaches_the_target_and_a_reach_date_exists(target):
    for day in range(0, 365, 11):
        as_of = START + timedelta(days=day)
        for realised in sorted({0, 1, target // 3, target // 2, target - 1, target}):
            p = pace(target, realised, START, END, as_of)
            if p.status is Status.MET:
                assert realised >= target
                continue
            on_course = p.forecast >= target
            assert (p.status is Status.ON_TRACK) == on_course, (target, realised, as_of)
            assert (p.reached_on is not None) == on_course, (target, realised, as_of)
            assert p.status in (Status.ON_TRACK, Status.BEHIND, Status.WELL_BEHIND)


# --- a hidden count gets no judgement ---------------------------------------------------------


def test_a_running_status_would_pin_a_hidden_count_so_it_is_withheld():
    # Target 20, 44% of the year gone: 'op koers' fits only 9 of the counts 1..9 hidden as '<10'.
    as_of = date(2019, 6, 10)
    fits = {status_of(20, r, START, END, as_of) for r in range(1, 10)}
    assert [r for r in range(1, 10) if status_of(20, r, START, END, as_of) is Status.ON_TRACK] == [
        9
    ]
    assert len(fits) > 1
    shown = {withheld(pace(20, r, START, END, as_of), 10).status for r in range(1, 10)}
    assert shown == {Status.TOO_SMALL}
    assert withheld(pace(20, 9, START, END, as_of), 10).forecast is None


def test_a_hidden_count_at_the_end_reads_not_met_only_when_every_hidden_count_would():
    after = date(2020, 2, 1)
    assert {withheld(pace(20, r, START, END, after), 10).status for r in range(1, 10)} == {
        Status.NOT_MET
    }
    # A target of 5 could be met by a hidden count: no judgement either way.
    assert {withheld(pace(5, r, START, END, after), 10).status for r in range(1, 10)} == {
        Status.TOO_SMALL
    }


def test_a_period_not_begun_stays_not_begun_when_hidden():
    p = pace(20, 0, START, END, date(2018, 12, 1))
    assert withheld(p, 10).status is Status.NOT_STARTED

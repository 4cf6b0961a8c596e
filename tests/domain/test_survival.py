"""Time to placement: the Kaplan–Meier estimator, its band, the tests between groups and the
privacy of the curve's steps, checked by hand and against statsmodels."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
from statsmodels.duration.survfunc import SurvfuncRight, survdiff

from domain import survival as sv

# A hand-worked example: months to placement (event 1) or to the end of follow-up (event 0).
TIME = np.array([1, 1, 2, 3, 4, 5, 1, 2, 2, 3, 3, 6, 6])
EVENT = np.array([1, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 1, 0])
GROUP = np.array(["A"] * 6 + ["B"] * 7)
STRATUM = np.array([0, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 1, 1])


def _counts() -> pd.DataFrame:
    rows = pd.DataFrame(
        {"group": GROUP, "stratum": STRATUM, "time": TIME, "events": EVENT, "censored": 1 - EVENT}
    )
    return rows.groupby(["group", "stratum", "time"], as_index=False).sum()


def test_kaplan_meier_equals_the_hand_count_and_statsmodels():
    a = GROUP == "A"
    km = sv.kaplan_meier(TIME[a], EVENT[a], 1 - EVENT[a])
    # By hand: 6 at risk, 2 placed in month 1 -> 4/6; 1 of 4 in month 2 -> 1/2; one censored in
    # month 3; 1 of 2 in month 4 -> 1/4.
    assert km["survival"].tolist() == pytest.approx([4 / 6, 0.5, 0.5, 0.25, 0.25])
    assert km["at_risk"].tolist() == [6, 4, 3, 2, 1]
    theirs = SurvfuncRight(TIME[a], EVENT[a])
    at_events = km[km["events"] > 0]
    assert at_events["survival"].to_numpy() == pytest.approx(theirs.surv_prob)
    greenwood_se = np.sqrt(at_events["survival"] ** 2 * at_events["greenwood"])
    assert greenwood_se.to_numpy() == pytest.approx(theirs.surv_prob_se)


def test_band_is_the_log_log_transform_and_stays_between_zero_and_one():
    a = GROUP == "A"
    km = sv.kaplan_meier(TIME[a], EVENT[a], 1 - EVENT[a])
    theirs = SurvfuncRight(TIME[a], EVENT[a])
    s, se = theirs.surv_prob, theirs.surv_prob_se
    # The delta method on log(-log S): se / (S |log S|).
    half = sv.Z * se / (s * np.abs(np.log(s)))
    lower = np.exp(-np.exp(np.log(-np.log(s)) + half))
    upper = np.exp(-np.exp(np.log(-np.log(s)) - half))
    at_events = km[km["events"] > 0]
    assert at_events["lower"].to_numpy() == pytest.approx(lower)
    assert at_events["upper"].to_numpy() == pytest.approx(upper)
    assert (km["lower"] >= 0).all() and (km["upper"] <= 1).all()
    assert (km["lower"] <= km["survival"]).all() and (km["survival"] <= km["upper"]).all()


def test_log_rank_and_stratified_log_rank_equal_statsmodels():
    counts = _counts()
    plain = sv.log_rank(counts, "A", "B", stratified=False)
    strat = sv.log_rank(counts, "A", "B", stratified=True)
    assert (plain["statistic"], plain["p"]) == pytest.approx(survdiff(TIME, EVENT, GROUP))
    assert (strat["statistic"], strat["p"]) == pytest.approx(
        survdiff(TIME, EVENT, GROUP, strata=STRATUM)
    )
    assert strat["stratified"] is True


def test_groups_without_a_common_stratum_fall_back_to_the_plain_test():
    counts = _counts()
    apart = counts.assign(stratum=counts["group"] + counts["stratum"].astype(str))
    result = sv.log_rank(apart, "A", "B")
    assert result["stratified"] is False
    assert result["p"] == pytest.approx(sv.log_rank(counts, "A", "B", stratified=False)["p"])


def test_holm_adjusts_for_the_number_of_pairs():
    assert sv.holm([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])
    assert sv.holm([0.2, None]) == [0.2, None]
    # Alone, 0.03 would be "real"; as one of three pairs it is not.
    assert sv.verdict(0.03) == sv.REAL
    assert [sv.verdict(p) for p in sv.holm([0.03, 0.5, 0.6])] == [sv.CHANCE] * 3
    assert sv.verdict(None) == sv.UNKNOWN


def test_months_are_counted_the_same_way_as_in_sql():
    assert [sv.placed_within_months(d) for d in (0, 1, 30, 31, 365, 366)] == [1, 1, 1, 2, 12, 13]
    # Registered in January 2025: everyone followed from 31 January to 15 July, 5 whole months.
    assert sv.followed_months(date(2025, 1, 1), date(2025, 7, 15)) == 5
    assert sv.followed_months(date(2025, 7, 1), date(2025, 7, 15)) == 0
    assert sv.followed_months(date(2025, 8, 1), date(2025, 7, 15)) == -1


def test_placements_after_the_cohorts_follow_up_count_as_not_yet_placed():
    rows = pd.DataFrame(
        {
            "group": ["A", "A", "A", "A"],
            "stratum": ["x"] * 4,
            "cohort_month": [date(2025, 1, 1)] * 3 + [date(2025, 9, 1)],
            "months": [2, 6, np.nan, 1],
            "n": [3, 4, 5, 7],
        }
    )
    counts = sv.survival_counts(rows, date(2025, 7, 15))
    got = {(r.time, r.events, r.censored) for r in counts.itertuples()}
    # Month 2: 3 placed. Placed in month 6 is beyond the 5 months followed: censored at 5 with
    # the 5 not placed. The September cohort registered after the data's end: left out.
    assert got == {(2, 3, 0), (5, 0, 9)}


def _random_curve(rng, threshold):
    n = int(rng.integers(threshold, 400))
    months = rng.integers(1, 25, size=n)
    placed = rng.random(n) < rng.uniform(0.1, 0.7)
    events = np.bincount(months, weights=placed, minlength=25)
    censored = np.bincount(months, weights=~placed, minlength=25)
    return sv.kaplan_meier(np.arange(25), events, censored)


@pytest.mark.parametrize("threshold", [5, 10, 20])
def test_no_step_of_a_curve_reveals_a_count_below_the_threshold(threshold):
    rng = np.random.default_rng(threshold)
    for _ in range(150):
        curve = _random_curve(rng, threshold)
        steps = sv.safe_steps(curve, threshold)
        # The grid is month 0, 1, 2, ...: a month is its own row number.
        d, c, n = (curve[k].to_numpy() for k in ("events", "censored", "at_risk"))
        begin = 0
        for end in steps:
            after = n[end] - d[end] - c[end]
            for count in (d[begin : end + 1].sum(), c[begin : end + 1].sum(), after):
                assert count == 0 or count >= threshold, (steps, end)
            begin = end + 1
        assert steps == sorted(set(steps)) and all(0 < m < len(curve) for m in steps)


def test_six_and_twelve_months_are_step_ends_when_the_counts_allow():
    grid = pd.DataFrame(
        {"time": range(19), "events": [0] + [20] * 18, "censored": [0] * 18 + [200]}
    )
    curve = sv.kaplan_meier(grid["time"], grid["events"], grid["censored"])
    steps = sv.safe_steps(curve, 10)
    assert 6 in steps and 12 in steps
    # Three placements a month: steps of several months, but 6 and 12 stay step ends.
    grid["events"] = [0] + [3] * 18
    steps = sv.safe_steps(sv.kaplan_meier(grid["time"], grid["events"], grid["censored"]), 10)
    # Months 1-4 would make a step of 12, but 5-6 alone would reveal 6: merged up to 6.
    assert steps == [6, 12, 18]


def test_a_small_group_gets_no_curve_interval_or_test():
    counts = pd.DataFrame(
        {
            "group": ["A", "B", "B"],
            "stratum": ["x"] * 3,
            "time": [3, 3, 8],
            "events": [5, 40, 30],
            "censored": [3, 20, 20],
        }  # fmt: skip
    )
    result = sv.compare(counts, ["A", "B"], threshold=10)
    a, b = result.groups
    assert not a.shown and not a.curve and a.shares[12] is None
    assert b.shown
    assert result.pairs == []

"""Time to placement as a survival curve (Kaplan–Meier) from counts, and comparisons between
groups that are honest about chance and about trajectories that are still running.

Everything here works on aggregated counts, never on rows of people: per group (and stratum) and
per month since registration, how many were placed (events) and how many stopped being followed
(censored). Pure numpy, no Streamlit; tests check the estimator against statsmodels.

Definitions (the page's definitions text says the same in plain Dutch):
- Time runs from registration to placement in work or training, in whole months: a placement on
  day d counts as "within m months" for the smallest m with d <= m * MONTH_DAYS (at least 1).
- Still running: a trajectory that was not placed is followed until the date the data runs to.
  All trajectories of one registration month are followed for the same whole number of months
  (counted from the month's last day), and a placement after that is not yet counted: this is
  administrative censoring, so the newest cohorts neither flatter nor hurt a group.
- Drop-out is a competing event, not censoring: who stops without a placement stays counted as
  "not placed" (in the risk set until the follow-up of their cohort ends). Censoring drop-outs
  would assume that they would have been placed as often as those who stayed, which rewards a
  provider that loses its hardest clients. So the curve is the share placed within t months of
  everyone who registered (a cumulative incidence), and the log-rank test compares exactly that.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import combinations

import numpy as np
import pandas as pd

from domain.suppression import is_small

# --- the thresholds, declared once -----------------------------------------------------------
# A month is a twelfth of an average year, so "within 12 months" is within 365.25 days; in whole
# days per sixteenth (16 / 487 = 1 / 30.4375) so that SQL's integer division gives the same bins.
MONTH_DAYS = 365.25 / 12
MONTH_NUMERATOR, MONTH_DENOMINATOR = 16, 487
# 95 % intervals: the convention of every statistical office, and what "interval" means on screen.
CONFIDENCE = 0.95
Z = 1.959963984540054  # the normal quantile for a two-sided 95 % interval
# A difference is called "waarschijnlijk echt" when its log-rank test, after Holm's adjustment
# for comparing several pairs, stays below 5 %: then the chance that ANY of the pairs shown is a
# false alarm is at most 5 %, however many pairs the page compares.
ALPHA = 0.05
# The shares a coordinator asks for: placed within half a year and within a year.
SHARE_MONTHS = (6, 12)
HEADLINE_MONTHS = 12
# Which mix each comparison is adjusted for (stratified log-rank): groups are compared only
# within the same stratum. Providers and programmes may serve different municipalities and
# cohorts; years are compared within municipalities; municipalities within registration years.
# Age and background are not in the data, on purpose: no adjustment for them is possible.
STRATA_BY: dict[str, tuple[str, ...]] = {
    "aanbieder": ("gemeente", "jaar"),
    "programma": ("gemeente", "jaar"),
    "jaar": ("gemeente",),
    "gemeente": ("jaar",),
}

# Verdicts as catalogue keys (locales: [tijd_tot_plaatsing]).
REAL, CHANCE, UNKNOWN = "echt", "toeval", "onbekend"
VERDICT_KEYS = {
    REAL: "tijd_tot_plaatsing.oordeel_echt",
    CHANCE: "tijd_tot_plaatsing.oordeel_toeval",
    UNKNOWN: "tijd_tot_plaatsing.oordeel_onbekend",
}


# --- time in months ---------------------------------------------------------------------------


def placed_within_months(days: int) -> int:
    """The whole months a placement `days` after registration counts in (at least 1).

    The same integer arithmetic as data_access's SQL: ceil(days * 16 / 487)."""
    bins = (max(int(days), 0) * MONTH_NUMERATOR + MONTH_DENOMINATOR - 1) // MONTH_DENOMINATOR
    return max(bins, 1)


def _month_end(month: date) -> date:
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return following - timedelta(days=1)


def followed_months(cohort_month: date, until: date) -> int:
    """Whole months that every trajectory registered in `cohort_month` has been followed by
    `until` (counted from the month's last day); -1 for a month after `until`."""
    days = (until - _month_end(cohort_month)).days
    if days < 0:
        return -1 if cohort_month > until else 0
    return days * MONTH_NUMERATOR // MONTH_DENOMINATOR


@dataclass(frozen=True)
class CountArrays:
    """`survival_counts` as numpy arrays (strata as codes), made once per comparison."""

    group: np.ndarray
    stratum: np.ndarray
    time: np.ndarray
    events: np.ndarray
    censored: np.ndarray

    @classmethod
    def of(cls, counts: pd.DataFrame) -> CountArrays:
        return cls(
            group=counts["group"].to_numpy(dtype=object),
            stratum=pd.factorize(counts["stratum"], use_na_sentinel=False)[0],
            time=counts["time"].to_numpy(dtype=int),
            events=counts["events"].to_numpy(dtype=float),
            censored=counts["censored"].to_numpy(dtype=float),
        )


def survival_counts(rows: pd.DataFrame, until: date) -> pd.DataFrame:
    """Events and censorings per group, stratum and month from the counts data_access returns.

    `rows` has columns group, stratum, cohort_month (a date), months (whole months to placement,
    NaN for not placed) and n. Returns group, stratum, time, events, censored (time 0 holds those
    whose cohort has not yet been followed a whole month)."""
    columns = ["group", "stratum", "time", "events", "censored"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    codes, labels = pd.factorize(rows["stratum"], use_na_sentinel=False)
    a = count_arrays(rows, until, codes)
    frame = pd.DataFrame({"group": a.group, "stratum": np.asarray(labels, dtype=object)[a.stratum],
                          "time": a.time, "events": a.events, "censored": a.censored})  # fmt: skip
    out = frame.groupby(["group", "stratum", "time"], as_index=False, dropna=False).sum()
    return out[columns].astype({"time": int, "events": int, "censored": int})


def count_arrays(rows: pd.DataFrame, until: date, strata: np.ndarray) -> CountArrays:
    """`survival_counts` as arrays, one entry per row of `rows` (not added up: the estimator and
    the test add up entries with the same keys themselves). `strata`: a stratum code per row.

    Each registration month is followed for the same whole months; a placement after that counts
    as not yet placed; a registration month after `until` is left out."""
    cohorts, index = np.unique(rows["cohort_month"].to_numpy(dtype=object), return_inverse=True)
    horizon = np.array([followed_months(m, until) for m in cohorts], dtype=int)[index]
    raw = rows["months"].to_numpy(dtype=float)
    placed = ~np.isnan(raw)
    months = np.clip(np.where(placed, raw, 0), 1, None).astype(int)
    counted = placed & (months <= horizon)
    n = rows["n"].to_numpy(dtype=float)
    keep = horizon >= 0
    return CountArrays(
        group=rows["group"].to_numpy(dtype=object)[keep],
        stratum=np.asarray(strata)[keep],
        time=np.where(counted, months, horizon)[keep],
        events=np.where(counted, n, 0.0)[keep],
        censored=np.where(counted, 0.0, n)[keep],
    )


# --- Kaplan–Meier -----------------------------------------------------------------------------


Curve = dict  # column name -> numpy array, the columns of `kaplan_meier`


def kaplan_meier(
    time: Sequence[int], events: Sequence[int], censored: Sequence[int]
) -> pd.DataFrame:
    """The Kaplan–Meier estimate from counts per time (events come before censorings at a tie).

    Returns a DataFrame: time (sorted, unique), at_risk, events, censored, survival (the share
    not yet placed), greenwood (the running sum d / (n (n - d)), so Var S = S² · greenwood),
    lower and upper (95 % band on the log(-log) scale, so it stays within 0 and 1)."""
    return pd.DataFrame(km_arrays(time, events, censored))


def km_arrays(time: Sequence[int], events: Sequence[int], censored: Sequence[int]) -> Curve:
    """`kaplan_meier` as a dict of numpy arrays: the page and the calibration tests call it
    thousands of times, and a pandas column access costs more than the arithmetic."""
    times, index = np.unique(np.asarray(time, dtype=int), return_inverse=True)
    d = np.bincount(index, weights=np.asarray(events, dtype=float), minlength=len(times))
    c = np.bincount(index, weights=np.asarray(censored, dtype=float), minlength=len(times))
    total = d.sum() + c.sum()
    leaving = np.cumsum(d + c)
    at_risk = total - np.concatenate([[0.0], leaving[:-1]])
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = np.where(at_risk > 0, 1 - d / at_risk, 1.0)
        term = np.where((at_risk > d) & (at_risk > 0), d / (at_risk * (at_risk - d)), 0.0)
    survival = np.cumprod(factor)
    greenwood = np.cumsum(term)
    lower, upper = log_log_band(survival, greenwood)
    return {
        "time": times,
        "at_risk": at_risk.astype(int),
        "events": d.astype(int),
        "censored": c.astype(int),
        "survival": survival,
        "greenwood": greenwood,
        "lower": lower,
        "upper": upper,
    }


def _col(curve: Curve | pd.DataFrame, name: str) -> np.ndarray:
    return np.asarray(curve[name])


def log_log_band(survival: np.ndarray, greenwood: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pointwise 95 % limits of S from Greenwood's variance on the log(-log S) scale (the
    "exponential Greenwood" band that lifelines and R's survival package also give)."""
    s = np.asarray(survival, dtype=float)
    g = np.asarray(greenwood, dtype=float)
    lower, upper = s.copy(), s.copy()
    inside = (s > 0) & (s < 1)
    log_s = np.log(s[inside])
    se = np.sqrt(g[inside]) / np.abs(log_s)
    lower[inside] = np.exp(-np.exp(np.log(-log_s) + Z * se))
    upper[inside] = np.exp(-np.exp(np.log(-log_s) - Z * se))
    return lower, upper


def at_time(curve: Curve | pd.DataFrame, month: int) -> dict | None:
    """The curve's value at `month`: survival, its band and variance; None when nobody was
    followed that long (the estimate does not reach it)."""
    times = _col(curve, "time")
    if len(times) == 0 or times[-1] < month:
        return None
    reached = int(np.searchsorted(times, month, side="left"))
    if _col(curve, "at_risk")[reached] == 0:
        return None
    upto = int(np.searchsorted(times, month, side="right")) - 1
    if upto < 0:
        return {"survival": 1.0, "lower": 1.0, "upper": 1.0, "variance": 0.0}
    s = float(_col(curve, "survival")[upto])
    return {
        "survival": s,
        "lower": float(_col(curve, "lower")[upto]),
        "upper": float(_col(curve, "upper")[upto]),
        "variance": s * s * float(_col(curve, "greenwood")[upto]),
    }


def median_months(curve: Curve | pd.DataFrame) -> dict:
    """Median months to placement with its 95 % interval (Brookmeyer–Crowley, read off the
    band): the first month the curve, its lower and its upper limit reach 50 %. None where a line
    does not reach it within the follow-up (fewer than half placed so far)."""

    times = _col(curve, "time")

    def first_below(column: str) -> int | None:
        hit = np.flatnonzero(_col(curve, column) <= 0.5)
        return int(times[hit[0]]) if len(hit) else None

    return {
        "median": first_below("survival"),
        "lower": first_below("lower"),
        "upper": first_below("upper"),
    }


# --- tests between groups ---------------------------------------------------------------------


def chi2_p(statistic: float) -> float:
    """P-value of a chi-squared statistic with one degree of freedom."""
    return math.erfc(math.sqrt(max(statistic, 0.0) / 2))


def log_rank(counts: pd.DataFrame | CountArrays, first, second, stratified: bool = True) -> dict:
    """The (stratified) log-rank test of two groups in `survival_counts` output.

    Within each stratum, at each month with placements, the placements of `first` are compared
    with what equal chances would give; strata where only one of the two groups has people add
    nothing. Returns statistic, p, observed and expected placements of `first`, variance, and
    `stratified` (False when asked so, or when the groups share no stratum)."""
    a = counts if isinstance(counts, CountArrays) else CountArrays.of(counts)
    empty = {"statistic": None, "p": None, "observed": 0.0, "expected": 0.0, "variance": 0.0,
             "stratified": False}  # fmt: skip
    in_pair = (a.group == first) | (a.group == second)
    if not in_pair.any():
        return empty
    codes = a.stratum if stratified else np.zeros(len(a.time), dtype=int)
    shape = (int(codes[in_pair].max()) + 1, int(a.time[in_pair].max()) + 1)
    d, n = {}, {}
    for g in (first, second):
        mine = a.group == g
        d[g] = np.zeros(shape)
        leaving = np.zeros(shape)
        np.add.at(d[g], (codes[mine], a.time[mine]), a.events[mine])
        np.add.at(leaving, (codes[mine], a.time[mine]), a.censored[mine])
        leaving = np.cumsum(leaving + d[g], axis=1)
        # At risk at a month: everyone in the stratum less those who left before it.
        n[g] = leaving[:, -1:] - np.concatenate([np.zeros((shape[0], 1)), leaving[:, :-1]], axis=1)
    d_all = d[first] + d[second]
    n_all = n[first] + n[second]
    ok = (n_all > 1) & (d_all > 0)
    safe = np.where(ok, n_all, 2.0)
    expected = float(np.where(ok, d_all * n[first] / safe, 0.0).sum())
    observed = float(np.where(ok, d[first], 0.0).sum())
    variance = float(
        np.where(
            ok, n[first] * n[second] * d_all * (safe - d_all) / (safe * safe * (safe - 1)), 0
        ).sum()
    )
    if variance <= 1e-12:
        if stratified:
            return {**log_rank(a, first, second, stratified=False), "stratified": False}
        return {**empty, "observed": observed, "expected": expected}
    statistic = (observed - expected) ** 2 / variance
    return {
        "statistic": statistic,
        "p": chi2_p(statistic),
        "observed": observed,
        "expected": expected,
        "variance": variance,
        "stratified": stratified,
    }


def holm(p_values: Sequence[float | None]) -> list[float | None]:
    """Holm's step-down adjustment: the p-values to compare with ALPHA so that the chance of any
    false alarm among all pairs stays at most ALPHA. Missing values stay missing."""
    known = [(p, i) for i, p in enumerate(p_values) if p is not None]
    m = len(known)
    adjusted: list[float | None] = [None] * len(p_values)
    running = 0.0
    for rank, (p, i) in enumerate(sorted(known)):
        running = max(running, min(1.0, (m - rank) * p))
        adjusted[i] = running
    return adjusted


def verdict(adjusted_p: float | None) -> str:
    """REAL, CHANCE or UNKNOWN (no test possible) for a pair's adjusted p-value."""
    if adjusted_p is None:
        return UNKNOWN
    return REAL if adjusted_p < ALPHA else CHANCE


# --- privacy: steps that reveal no small count ------------------------------------------------


def _acceptable(n: float, threshold: int) -> bool:
    return not is_small(int(round(n)), threshold)


def safe_steps(
    curve: Curve | pd.DataFrame, threshold: int, cuts: Sequence[int] = SHARE_MONTHS
) -> list:
    """The months at which a group's curve may be shown, so that no step reveals a small count.

    The curve is shown as steps from one shown month to the next. In each step the placements,
    the censorings, and those still followed after it must each be 0 or at least `threshold`;
    months are merged (coarsening the time axis) until they are, and a tail where that is not
    possible is left off. The months in `cuts` are kept as step ends where that is possible, so
    the shares within 6 and 12 months can be read off a shown step. An empty list: nothing of
    the curve may be shown."""
    times = _col(curve, "time")
    if len(times) == 0:
        return []
    d = _col(curve, "events").astype(float)
    c = _col(curve, "censored").astype(float)
    after = _col(curve, "at_risk").astype(float) - d - c

    def valid(i: int, j: int) -> bool:
        return (
            _acceptable(d[i : j + 1].sum(), threshold)
            and _acceptable(c[i : j + 1].sum(), threshold)
            and _acceptable(after[j], threshold)
        )

    def partition(i: int, j: int) -> list[int] | None:
        ends: list[int] = []
        start = i
        for k in range(i, j + 1):
            if valid(start, k):
                ends.append(k)
                start = k + 1
        while start <= j:
            if not ends:
                return None
            ends.pop()
            start = ends[-1] + 1 if ends else i
            if valid(start, j):
                ends.append(j)
                break
        return ends

    last = len(times) - 1
    segment_ends = [int(np.searchsorted(times, cut, side="right")) - 1 for cut in cuts]
    segment_ends = sorted({e for e in segment_ends if 0 <= e < last and times[e] in cuts})
    ends: list[int] = []
    start = 0
    for end in [*segment_ends, last]:
        part = partition(start, end)
        if part is None:
            continue
        ends += part
        start = end + 1
    # A tail that cannot be cut into such steps is not drawn: the curve stops at its last safe
    # step (merging the tail back would cost the step at 12 months, which matters more).
    # A step that ends at month 0 only drops people followed less than a month: nothing to draw.
    return [int(times[e]) for e in ends if times[e] > 0]


# --- the comparison as the page shows it -----------------------------------------------------


@dataclass
class GroupResult:
    group: object
    registered: int
    shown: bool  # False: the group is below the threshold, nothing of its curve is shown
    curve: dict[str, list]  # shown points only: time, placed, lower, upper (shares); {} if none
    shares: dict[int, dict | None] = field(default_factory=dict)
    median: dict = field(default_factory=dict)


@dataclass
class PairResult:
    first: object
    second: object
    difference: dict | None  # share placed within HEADLINE_MONTHS, first minus second, with CI
    test: dict
    adjusted_p: float | None
    verdict: str


@dataclass
class Comparison:
    groups: list[GroupResult]
    pairs: list[PairResult]
    strata: tuple[str, ...]


def group_curve(counts: pd.DataFrame | CountArrays, group) -> Curve:
    """The Kaplan–Meier curve of one group, pooled over strata, on every month from 0 to the
    last (months without change included, so 6 and 12 are always on the grid)."""
    a = counts if isinstance(counts, CountArrays) else CountArrays.of(counts)
    mine = a.group == group
    time = a.time[mine]
    if len(time) == 0:
        return km_arrays([], [], [])
    size = int(time.max()) + 1
    events = np.bincount(time, weights=a.events[mine], minlength=size)
    censored = np.bincount(time, weights=a.censored[mine], minlength=size)
    return km_arrays(np.arange(size), events, censored)


def shown_curve(curve: Curve, steps: list[int]) -> dict[str, list]:
    """The share placed (1 - S) and its band at month 0 and at each shown step, as lists
    (time, placed, lower, upper)."""
    shown = {"time": [0], "placed": [0.0], "lower": [0.0], "upper": [0.0]}
    for month in steps:
        point = at_time(curve, month)
        if month == 0 or point is None:
            continue
        shown["time"].append(int(month))
        shown["placed"].append(1 - point["survival"])
        shown["lower"].append(1 - point["upper"])
        shown["upper"].append(1 - point["lower"])
    return shown


def share_placed(curve: Curve, month: int, steps: list[int]) -> dict | None:
    """Share placed within `month` months with its interval; None when the follow-up does not
    reach it or `month` is not a shown step (it would reveal a small count)."""
    if month not in steps:
        return None
    point = at_time(curve, month)
    if point is None:
        return None
    return {
        "share": 1 - point["survival"],
        "lower": 1 - point["upper"],
        "upper": 1 - point["lower"],
        "variance": point["variance"],
    }


def compare(
    counts: pd.DataFrame | CountArrays,
    groups: Sequence,
    threshold: int,
    strata: tuple[str, ...] = (),
) -> Comparison:
    """Curves, shares, medians and a verdict per pair for the chosen `groups`.

    `counts` is `survival_counts` output whose stratum is the combination of `strata`. Groups
    with fewer than `threshold` people followed get no curve, no interval and no test (it would
    describe a few persons)."""
    arrays = counts if isinstance(counts, CountArrays) else CountArrays.of(counts)
    people = arrays.events + arrays.censored
    results = []
    for g in groups:
        n = int(people[arrays.group == g].sum())
        big = n >= threshold
        curve = group_curve(arrays, g)
        steps = safe_steps(curve, threshold) if big else []
        shown = big and bool(steps)
        points = shown_curve(curve, steps) if shown else {}
        shares = {m: share_placed(curve, m, steps) if shown else None for m in SHARE_MONTHS}
        median = {"median": None, "lower": None, "upper": None}
        if shown:
            # Read off the shown steps only: a median between them would reveal a finer step.
            on_steps = np.isin(curve["time"], steps)
            median = median_months({k: v[on_steps] for k, v in curve.items()})
        results.append(GroupResult(g, n, shown, points, shares, median))
    by_group = {r.group: r for r in results}
    tested = [(a, b) for a, b in combinations(groups, 2) if by_group[a].shown and by_group[b].shown]
    tests = [log_rank(arrays, a, b, stratified=bool(strata)) for a, b in tested]
    adjusted = holm([test["p"] for test in tests])
    pairs = []
    for (a, b), test, p in zip(tested, tests, adjusted, strict=True):
        pairs.append(PairResult(a, b, difference(by_group[a], by_group[b]), test, p, verdict(p)))
    return Comparison(results, pairs, strata)


def difference(a: GroupResult, b: GroupResult, month: int = HEADLINE_MONTHS) -> dict | None:
    """Share placed within `month` months of `a` minus that of `b`, with its 95 % interval
    (Greenwood variances added: the groups are independent)."""
    sa_, sb = a.shares.get(month), b.shares.get(month)
    if sa_ is None or sb is None:
        return None
    diff = sa_["share"] - sb["share"]
    se = math.sqrt(sa_["variance"] + sb["variance"])
    return {"difference": diff, "lower": diff - Z * se, "upper": diff + Z * se}


def strata_codes(rows: pd.DataFrame, strata: Sequence[str]) -> np.ndarray:
    """A stratum code per row of data_access's placement_months: the combination of the
    municipality ('gemeente') and/or registration year ('jaar') the comparison adjusts for."""
    code = np.zeros(len(rows), dtype=np.int64)
    for name in strata:
        if name == "gemeente":
            part, labels = pd.factorize(rows["area_code"], use_na_sentinel=False)
            size = len(labels)
        elif name == "jaar":
            part = np.array([m.year for m in rows["cohort_month"]], dtype=np.int64)
            size = 10_000
        else:
            raise ValueError(f"unknown stratum {name!r}")
        code = code * size + part
    # Numbered 0, 1, 2, ...: the log-rank test keeps an array row per stratum.
    return pd.factorize(code)[0]


def compare_groups(
    rows: pd.DataFrame, until: date, groups: Sequence, dimension: str, threshold: int
) -> Comparison:
    """The comparison the page shows: `rows` from data_access (placement_months), followed up to
    `until`, the chosen `groups` of `dimension`, adjusted as STRATA_BY says."""
    strata = STRATA_BY.get(dimension, ())
    if rows.empty:
        rows = pd.DataFrame({"group": [], "area_code": [], "cohort_month": [], "months": [],
                             "n": []})  # fmt: skip
    counts = count_arrays(rows, until, strata_codes(rows, strata))
    return compare(counts, list(groups), threshold, strata)

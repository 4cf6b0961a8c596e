"""Calibration: on invented data the verdict finds a planted difference and keeps quiet when
there is none, including when groups differ only in their mix of municipalities.

Fast on purpose: each dataset is simulated as counts with numpy and judged by the same domain
function the page uses (domain.survival.compare), a few hundred datasets in seconds."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from domain import survival as sv

GROUPS = ("A", "B", "C")
PER_GROUP = 250  # about the size of one Holland Rijnland provider's yearly cohort
STRATA = 10
UNTIL = date(2026, 10, 31)
COHORTS = [date(2025, m, 1) for m in range(1, 13)]
HORIZON = np.array([sv.followed_months(m, UNTIL) for m in COHORTS])
DROPOUT = 0.03  # a month: drop-out competes with placement, as in the sample data
THRESHOLD = 10


def simulate(rng, hazards, stratum_weights=None, stratum_hazard=None) -> pd.DataFrame:
    """`survival_counts`-shaped counts: per group, stratum and month, placements and censorings.

    `hazards` per group: the monthly chance of placement; `stratum_hazard` multiplies it per
    stratum (a mix effect), `stratum_weights` per group says which strata it serves."""
    frames = []
    for i, g in enumerate(GROUPS):
        weights = np.full(STRATA, 1 / STRATA) if stratum_weights is None else stratum_weights[i]
        stratum = rng.choice(STRATA, size=PER_GROUP, p=weights)
        h = hazards[i] * (np.ones(PER_GROUP) if stratum_hazard is None else stratum_hazard[stratum])
        horizon = HORIZON[rng.integers(0, len(COHORTS), size=PER_GROUP)]
        placed_in = rng.geometric(np.clip(h, 1e-9, 1))
        drops_in = rng.geometric(DROPOUT, size=PER_GROUP)
        # Drop-out before placement: never placed, followed until the horizon (competing event).
        placed = (placed_in < drops_in) & (placed_in <= horizon)
        time = np.where(placed, placed_in, horizon)
        frames.append((np.full(PER_GROUP, g), stratum, time, placed))
    # One row per person is fine: the domain functions add up rows with the same keys.
    group, stratum, time, placed = (np.concatenate(parts) for parts in zip(*frames, strict=True))
    return pd.DataFrame(
        {
            "group": group,
            "stratum": stratum,
            "time": time,
            "events": placed.astype(int),
            "censored": (~placed).astype(int),
        }  # fmt: skip
    )


def verdicts(counts: pd.DataFrame) -> dict[tuple[str, str], str]:
    result = sv.compare(counts, GROUPS, THRESHOLD, strata=("gemeente",))
    return {(p.first, p.second): p.verdict for p in result.pairs}


def test_a_planted_difference_is_called_real_in_at_least_80_percent_of_seeds():
    # C places about 35 % within a year, A and B about 22 %: the issue's own figures.
    hits = 0
    seeds = range(200)
    for seed in seeds:
        rng = np.random.default_rng(seed)
        found = verdicts(simulate(rng, (0.025, 0.025, 0.045)))
        hits += found[("A", "C")] == sv.REAL
    assert hits / len(seeds) >= 0.80, hits


def test_without_a_difference_the_verdict_is_chance_in_at_least_95_percent():
    quiet_pairs = pairs = quiet_datasets = 0
    seeds = range(1000, 1400)
    for seed in seeds:
        rng = np.random.default_rng(seed)
        found = verdicts(simulate(rng, (0.03, 0.03, 0.03)))
        quiet_pairs += sum(v == sv.CHANCE for v in found.values())
        pairs += len(found)
        quiet_datasets += all(v == sv.CHANCE for v in found.values())
    # Each verdict the page shows says "kan toeval zijn" at least 95 % of the time ...
    assert quiet_pairs / pairs >= 0.95, (quiet_pairs, pairs)
    # ... and Holm keeps the chance of ANY false alarm among the three pairs near 5 % (these
    # 400 seeds: 380 datasets without one; 3,000 single tests gave 4.5 % below p = 0.05).
    assert quiet_datasets / len(seeds) >= 0.93, quiet_datasets


def test_a_difference_in_mix_alone_is_called_chance_after_stratifying():
    # Municipalities 0-4 place three times as fast as 5-9; A serves mostly the fast ones and C
    # the slow ones, but within a municipality the providers are equal.
    fast = np.array([3.0] * 5 + [1.0] * 5)
    mostly_fast = np.array([0.16] * 5 + [0.04] * 5)
    weights = [mostly_fast, np.full(STRATA, 0.1), mostly_fast[::-1]]
    quiet = plain_alarms = 0
    seeds = range(2000, 2200)
    for seed in seeds:
        counts = simulate(np.random.default_rng(seed), (0.015,) * 3, weights, fast)
        quiet += all(v == sv.CHANCE for v in verdicts(counts).values())
        plain_alarms += sv.log_rank(counts, "A", "C", stratified=False)["p"] < sv.ALPHA
    assert quiet / len(seeds) >= 0.95, quiet
    # Without the strata the mix alone would look like a real difference most of the time.
    assert plain_alarms / len(seeds) >= 0.8, plain_alarms

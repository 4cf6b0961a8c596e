"""Median and quartiles of lead times from a histogram, as numpy computes them from rows."""

import numpy as np
import pandas as pd
import pytest

from domain.leadtime import lead_time_table, quantile


def test_quantiles_from_a_histogram_match_numpy_on_the_rows():
    days, counts = [3, 10, 11, 40], [4, 1, 6, 2]
    rows = np.repeat(days, counts)
    for q in (0.25, 0.5, 0.75):
        assert quantile(days, counts, q) == pytest.approx(np.quantile(rows, q))


def test_median_of_an_even_count_falls_between_the_middle_values():
    assert quantile([10, 20], [1, 1], 0.5) == 15


def test_small_groups_get_no_lead_time():
    hist = pd.DataFrame(
        {"step": ["aanmelding"] * 2 + ["intake"], "days": [5, 9, 30], "n": [20, 10, 4]}
    )
    table = lead_time_table(hist, threshold=10).set_index("step")
    assert table.loc["aanmelding", "median"] == 5
    assert table.loc["intake", "hidden"] and pd.isna(table.loc["intake", "median"])
    assert table.loc["diagnose", "hidden"], "no one is not a statistic either"
    assert list(table["label"])[0] == "Aanmelding → Intake"

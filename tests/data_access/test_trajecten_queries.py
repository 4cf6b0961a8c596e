"""The Trajecten page's numbers, counted by hand on the six trajectories of test_queries.small.

2022 cohort: T0 Noordwijk (duurzaam), T1 Noordwijkerhout (placed, not lasting), T2 Leiden (dropped
out after diagnosis: gezondheid), T3 Leiden (dropped out at registration: niet verschenen), T4
Noordwijkerhout (started, no intake date, still going). T5 registered in 2023.
"""

from dataclasses import replace

import pandas as pd

from data_access import queries
from domain.funnel import NO_DROPOUT, dropout_table, funnel_mask, funnel_table
from domain.leadtime import lead_time_table
from tests.data_access.test_queries import COHORT_2022, small  # noqa: F401


def _hist(df: pd.DataFrame) -> dict[str, dict[int, int]]:
    out: dict[str, dict[int, int]] = {}
    for row in df.itertuples():
        out.setdefault(row.step, {})[int(row.days)] = int(row.n)
    return out


def test_lead_time_histogram_counts_days_between_known_dates(engine, small):  # noqa: F811
    hist = _hist(queries.lead_time_histogram(engine, COHORT_2022))
    assert hist == {
        "aanmelding": {10: 2, 4: 1},  # T0, T1: 10 days; T2: 4 days; T4 has no intake date
        "intake": {12: 1, 9: 1, 15: 1},
        "diagnose": {14: 2},
        "gestart": {106: 1, 108: 1},
    }
    table = lead_time_table(queries.lead_time_histogram(engine, COHORT_2022), 2).set_index("step")
    assert table.loc["aanmelding", "median"] == 10
    assert table.loc["intake", "median"] == 12
    assert table.loc["gestart", "p25"] == 106.5


def test_dropout_by_stage_puts_each_trajectory_at_its_last_stage(engine, small):  # noqa: F811
    df = queries.dropout_by_stage(engine, COHORT_2022, 6)
    got = {(r.stage, None if pd.isna(r.reason) else r.reason): int(r.n) for r in df.itertuples()}
    assert got == {
        ("aanmelding", "niet verschenen"): 1,
        ("diagnose", "gezondheid"): 1,
        ("gestart", None): 1,
        ("geplaatst", None): 1,
        ("duurzaam", None): 1,
    }


def test_noordwijkerhout_trajectories_count_under_noordwijk_in_dropout(engine, small):  # noqa: F811
    f = replace(COHORT_2022, area_codes=("GM0575",))
    got = {r.stage: int(r.n) for r in queries.dropout_by_stage(engine, f, 6).itertuples()}
    assert got == {"duurzaam": 1, "geplaatst": 1, "gestart": 1}
    hist = _hist(queries.lead_time_histogram(engine, f))
    assert hist["aanmelding"] == {10: 2}


def test_funnel_and_dropout_on_screen_with_suppression(engine, small):  # noqa: F811
    # Threshold 2: a single person may not be shown, nor a difference of one between stages.
    row = queries.funnel_counts(engine, COHORT_2022, 6).iloc[0].to_dict()
    row = {k: int(v) for k, v in row.items()}
    hidden = funnel_mask(pd.DataFrame([row]), 2, partition=False).iloc[0].to_dict()
    table = funnel_table(row, 2, hidden).set_index("stage")
    # Counts 5, 4, 4, 3, 2, 1: every step of one person is hidden; 5 -> 3 is safe to show.
    assert table["shown"].to_dict() == {
        "aanmelding": "5", "intake": "x", "diagnose": "x", "gestart": "3", "geplaatst": "x",
        "duurzaam": "<2",
    }  # fmt: skip
    assert table.loc["gestart", "from_top"] == 0.6
    counts, mask = dropout_table(row, hidden, queries.dropout_by_stage(engine, COHORT_2022, 6), 2)
    assert counts["totaal"].tolist() == [1, 0, 1, 1, 1]
    assert counts.loc["aanmelding", "niet verschenen"] == 1
    assert counts.loc["gestart", NO_DROPOUT] == 1
    # Every row total here is one person: nothing of them is shown.
    for stage in counts.index:
        for column in counts.columns:
            if counts.loc[stage, column] > 0:
                assert mask.loc[stage, column], (stage, column)

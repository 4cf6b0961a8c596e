"""The pandas baseline of the benchmark answers the same questions as data_access, number for number.

The benchmark reports how much faster the SQL aggregation is than this baseline; that ratio only
means something when both compute the same figures. Checked on the sample data, both databases.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from benchmarks import baseline
from data_access import queries
from data_access.filters import TrajectoryFilter

# The module reads every table into pandas once per database (`tables`, 4 to 9 s): on one worker
# that happens twice, spread over two it would happen four times.
pytestmark = pytest.mark.xdist_group("pandas_baseline")

LASTING = 6
YEAR_2019 = (date(2019, 1, 1), date(2019, 12, 31))
LEIDEN, NOORDWIJK = "GM0546", "GM0575"


_LOADED: dict[str, object] = {}


@pytest.fixture
def tables(sample_engine):
    """Every table in pandas, read once per database: the tests' parameters interleave the two
    databases, and a module-scoped fixture was read again at each switch (4 to 9 s a read)."""
    key = sample_engine.url.render_as_string(hide_password=False)
    if key not in _LOADED:
        _LOADED[key] = baseline.load(sample_engine)
    return _LOADED[key]


@pytest.fixture(scope="module")
def ids(sample_engine) -> dict[str, int]:
    progs = queries.programmes(sample_engine)
    return {code: int(i) for code, i in zip(progs["code"], progs["id"], strict=True)}


def _rows(df: pd.DataFrame) -> list[tuple]:
    """Rows as plain values, in a fixed order, so frames from SQL and pandas compare equal."""

    def plain(v):
        if v is None or (isinstance(v, float) and pd.isna(v)):
            return None
        return str(v) if isinstance(v, str) else int(v)

    rows = [tuple(plain(v) for v in row) for row in df[sorted(df.columns)].itertuples(index=False)]
    return sorted(rows, key=repr)


def _same(sql: pd.DataFrame, naive: pd.DataFrame) -> None:
    assert sorted(sql.columns) == sorted(naive.columns)
    assert _rows(sql) == _rows(naive)
    assert len(sql) > 0


@pytest.mark.parametrize("group_by", [None, "jaar", "maand", "gemeente", "aanbieder"])
def test_funnel_counts_match(sample_engine, tables, group_by):
    f = TrajectoryFilter(registered_from=date(2019, 1, 1), registered_to=date(2025, 12, 31))
    _same(
        queries.funnel_counts(sample_engine, f, LASTING, group_by),
        baseline.funnel_counts(tables, f, LASTING, group_by),
    )


def test_funnel_of_one_partnership_matches(sample_engine, tables):
    hr = int(queries.partnerships(sample_engine).set_index("code").loc["HOLLAND-RIJNLAND", "id"])
    f = TrajectoryFilter(partnership_ids=(hr,))
    _same(
        queries.funnel_counts(sample_engine, f, LASTING),
        baseline.funnel_counts(tables, f, LASTING),
    )


def test_yearly_figures_match(sample_engine, tables):
    _same(
        queries.yearly_figures(sample_engine, 2024, LASTING),
        baseline.yearly_figures(tables, 2024, LASTING),
    )
    _same(
        queries.yearly_figures(sample_engine, 2024, LASTING, (LEIDEN,)),
        baseline.yearly_figures(tables, 2024, LASTING, (LEIDEN,)),
    )


def test_lead_times_dropout_and_areas_match(sample_engine, tables):
    f = TrajectoryFilter(registered_from=date(2024, 1, 1), registered_to=date(2024, 12, 31))
    _same(queries.lead_time_histogram(sample_engine, f), baseline.lead_time_histogram(tables, f))
    _same(
        queries.dropout_by_stage(sample_engine, f, LASTING),
        baseline.dropout_by_stage(tables, f, LASTING),
    )
    _same(
        queries.registrations_per_area(sample_engine, 2024),
        baseline.registrations_per_area(tables, 2024),
    )


@pytest.mark.parametrize("metric", ["aanmeldingen", "geplaatst", "duurzaam"])
def test_target_figures_match(sample_engine, tables, ids, metric):
    wo = ids["WO500"]
    assert queries.realised(sample_engine, wo, metric, *YEAR_2019, LASTING) == baseline.realised(
        tables, wo, metric, *YEAR_2019, LASTING
    )
    _same(
        queries.monthly_realised(sample_engine, wo, metric, *YEAR_2019, LASTING),
        baseline.monthly_realised(tables, wo, metric, *YEAR_2019, LASTING),
    )
    for count in (1, 100, 4000):
        assert queries.reached_on(
            sample_engine, wo, metric, *YEAR_2019, LASTING, count
        ) == baseline.reached_on(tables, wo, metric, *YEAR_2019, LASTING, count)


def test_realised_by_area_matches(sample_engine, tables, ids):
    knh = ids["KNH-WSP"]
    areas = ("GM0400", "GM1911", "GM0441", "GM0448")
    _same(
        queries.realised_by_area(sample_engine, knh, "geplaatst", *YEAR_2019, LASTING, areas),
        baseline.realised_by_area(tables, knh, "geplaatst", *YEAR_2019, LASTING, areas),
    )


def test_totals_match(sample_engine, tables):
    assert queries.trajectory_total(sample_engine) == baseline.trajectory_total(tables)
    assert queries.year_range(sample_engine) == baseline.year_range(tables)

from datetime import date

import pandas as pd
import pytest

from domain.targets import (
    combine_members,
    group_targets,
    history,
    in_period,
    overlapping,
    period_key,
    periods,
    target_errors,
    validate_target,
)

Y2019 = (date(2019, 1, 1), date(2019, 12, 31))
DEAL = (date(2020, 12, 1), date(2022, 11, 30))


def _targets(rows):
    columns = [
        "programme_id",
        "metric",
        "value",
        "period_start",
        "period_end",
        "area_code",
        "label",
    ]
    return pd.DataFrame([dict(zip(columns, r, strict=True)) for r in rows])


def _werkoffensief_and_kop():
    return _targets(
        [
            (1, "geplaatst", 4000, *Y2019, None, "vaste taak"),
            (1, "geplaatst", 500, *Y2019, None, "extra (+500)"),
            (2, "geplaatst", 200, *DEAL, None, "deal"),
            (3, "geplaatst", 130, *Y2019, "GM0400", "aandeel Den Helder"),
            (3, "geplaatst", 95, *Y2019, "GM1911", "aandeel Hollands Kroon"),
            (3, "geplaatst", 95, *Y2019, "GM0441", "aandeel Schagen"),
            (3, "geplaatst", 35, *Y2019, "GM0448", "aandeel Texel"),
        ]
    )


def test_standing_task_and_extra_add_up_to_one_gauge_of_4500():
    groups = combine_members(group_targets(_werkoffensief_and_kop()))
    wo = next(g for g in groups if g.programme_id == 1)
    assert wo.value == 4500
    assert wo.parts == (("vaste taak", 4000), ("extra (+500)", 500))
    assert wo.members == ()
    assert wo.area_codes == ()


def test_a_target_split_per_municipality_is_one_gauge_that_adds_up_its_members():
    groups = combine_members(group_targets(_werkoffensief_and_kop()))
    kop = [g for g in groups if g.programme_id == 3]
    assert len(kop) == 1
    assert kop[0].value == 130 + 95 + 95 + 35
    assert kop[0].area_code is None
    assert kop[0].area_codes == ("GM0400", "GM1911", "GM0441", "GM0448")
    assert [m.value for m in kop[0].members] == [130, 95, 95, 35]


def test_multi_year_target_overlaps_each_year_it_touches_and_has_its_own_period():
    groups = combine_members(group_targets(_werkoffensief_and_kop()))
    for year in (2020, 2021, 2022):
        found = overlapping(groups, date(year, 1, 1), date(year, 12, 31))
        assert [g.programme_id for g in found] == [2]
    assert periods(groups) == [period_key(*DEAL), period_key(*Y2019)]
    assert [g.programme_id for g in in_period(groups, period_key(*DEAL))] == [2]
    assert len(in_period(groups, None)) == 3


@pytest.mark.parametrize("value", [0, -1, None])
def test_zero_negative_or_missing_target_is_refused_on_entry(value):
    assert target_errors(value, *Y2019) == ["Een doel moet groter dan nul zijn."]
    with pytest.raises(ValueError, match="groter dan nul"):
        validate_target(value, *Y2019)


def test_period_that_ends_before_it_starts_is_refused_on_entry():
    errors = target_errors(0, date(2020, 1, 1), date(2019, 12, 31))
    assert errors == [
        "Een doel moet groter dan nul zijn.",
        "Het einde van de periode ligt voor het begin.",
    ]
    assert target_errors(1, date(2020, 1, 1), None) == [
        "Geef het begin en het einde van de periode."
    ]


def test_a_valid_target_passes_including_a_one_day_period():
    assert target_errors(200, *DEAL) == []
    validate_target(1, date(2020, 1, 1), date(2020, 1, 1))


def _deal_group():
    return combine_members(group_targets(_werkoffensief_and_kop()))[1]


def test_history_runs_month_by_month_against_the_pro_rata_line():
    monthly = pd.DataFrame({"month": ["2020-12", "2021-01", "2021-02"], "realised": [10, 12, 20]})
    table = history(monthly, _deal_group(), date(2021, 2, 28), threshold=10)
    assert list(table["label"]) == ["dec 2020", "jan 2021", "feb 2021"]
    assert list(table["cumulative"]) == [10, 22, 42]
    assert table["target_cumulative"].iloc[-1] == pytest.approx(200 * 90 / 730)


def test_history_never_shows_a_month_that_adds_fewer_than_ten():
    monthly = pd.DataFrame(
        {"month": ["2020-12", "2021-01", "2021-02", "2021-03"], "realised": [12, 3, 8, 4]}
    )
    table = history(monthly, _deal_group(), date(2021, 3, 31), threshold=10)
    shown = [v for v in table["cumulative"] if v is not None and v == v]
    # 12, then +3 hidden, +8 makes 11 since the last point: shown; the last +4 is folded back.
    assert shown == [12, 27]
    steps = [b - a for a, b in zip([0, *shown], shown, strict=False)]
    assert all(step == 0 or step >= 10 for step in steps)
    assert table["cumulative"].iloc[-1] == 27  # the end matches the gauge's total


def test_history_of_a_small_total_is_not_drawn():
    monthly = pd.DataFrame({"month": ["2020-12", "2021-01"], "realised": [3, 4]})
    assert history(monthly, _deal_group(), date(2021, 1, 31), threshold=10) is None


def test_history_of_a_period_not_yet_started_is_not_drawn():
    assert (
        history(pd.DataFrame(columns=["month", "realised"]), _deal_group(), date(2020, 6, 1), 10)
        is None
    )

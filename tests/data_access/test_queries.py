"""Query results checked against hand-counted expectations on data the tests build."""

from datetime import date

import pytest

from data_access import queries
from data_access.filters import TrajectoryFilter
from tests.builders import add_areas, add_programme, add_provider, add_trajectories, d


@pytest.fixture
def small(engine):
    """Six trajectories, counted by hand below.

    T0 Noordwijk      full path, placed werk 2022-06-01, still in work 2023-01-10 (>= 6 months)
    T1 Noordwijkerhout full path, placed opleiding 2022-07-01, last seen 2022-10-01 (< 6 months)
    T2 Leiden          intake + diagnose, dropped out 2022-04-01
    T3 Leiden          only registered, dropped out (niet verschenen)
    T4 Noordwijkerhout intake missing but traject gestart: counts as reaching intake and diagnose
    T5 Leiden          registered in 2023: outside a 2022 cohort
    """
    with engine.begin() as conn:
        add_areas(conn)
        programme_id = add_programme(conn)
        provider_a = add_provider(conn, "Aanbieder A")
        provider_b = add_provider(conn, "Aanbieder B")
        add_trajectories(
            conn,
            programme_id,
            [
                dict(area_code="GM0575", provider_id=provider_a, registered_on=d("2022-01-10"),
                     intake_on=d("2022-01-20"), diagnosis_on=d("2022-02-01"),
                     started_on=d("2022-02-15"), placed_on=d("2022-06-01"),
                     placement_type="werk", lasting_on=d("2023-01-10")),
                dict(area_code="GM0576", provider_id=provider_a, registered_on=d("2022-02-10"),
                     intake_on=d("2022-02-20"), diagnosis_on=d("2022-03-01"),
                     started_on=d("2022-03-15"), placed_on=d("2022-07-01"),
                     placement_type="opleiding", lasting_on=d("2022-10-01")),
                dict(area_code="GM0546", provider_id=provider_b, registered_on=d("2022-03-01"),
                     intake_on=d("2022-03-05"), diagnosis_on=d("2022-03-20"),
                     dropout_on=d("2022-04-01"), dropout_reason="gezondheid"),
                dict(area_code="GM0546", provider_id=provider_b, registered_on=d("2022-05-01"),
                     dropout_on=d("2022-05-20"), dropout_reason="niet verschenen"),
                dict(area_code="GM0576", provider_id=provider_b, registered_on=d("2022-09-01"),
                     started_on=d("2022-10-01")),
                dict(area_code="GM0546", provider_id=provider_b, registered_on=d("2023-01-05")),
            ],
        )  # fmt: skip
    return {"programme_id": programme_id, "a": provider_a, "b": provider_b}


COHORT_2022 = TrajectoryFilter(registered_from=date(2022, 1, 1), registered_to=date(2022, 12, 31))


def test_funnel_counts_the_2022_cohort_by_hand(engine, small):
    row = queries.funnel_counts(engine, COHORT_2022, lasting_months=6).iloc[0].to_dict()
    assert row == {
        "aanmelding": 5,
        "intake": 4,
        "diagnose": 4,
        "gestart": 3,
        "geplaatst": 2,
        "geplaatst_werk": 1,
        "geplaatst_opleiding": 1,
        "duurzaam": 1,
    }


def test_lasting_window_is_a_setting(engine, small):
    three = queries.funnel_counts(engine, COHORT_2022, lasting_months=3).iloc[0]
    twelve = queries.funnel_counts(engine, COHORT_2022, lasting_months=12).iloc[0]
    assert three["duurzaam"] == 2  # T1 was still in work 3 months after placement
    assert twelve["duurzaam"] == 0


def test_noordwijkerhout_counts_under_noordwijk(engine, small):
    f = TrajectoryFilter(area_codes=("GM0575",))
    row = queries.funnel_counts(engine, f, lasting_months=6).iloc[0]
    assert row["aanmelding"] == 3  # T0 keyed on GM0575, T1 and T4 on the old GM0576


def test_funnel_grouped_by_municipality_uses_todays_code(engine, small):
    grouped = queries.funnel_counts(engine, COHORT_2022, 6, group_by="gemeente")
    assert dict(zip(grouped["group"], grouped["aanmelding"], strict=True)) == {
        "GM0546": 2,
        "GM0575": 3,
    }


def test_funnel_grouped_by_provider(engine, small):
    grouped = queries.funnel_counts(engine, COHORT_2022, 6, group_by="aanbieder")
    by_provider = grouped.set_index("group")
    assert by_provider.loc[small["a"], "geplaatst"] == 2
    assert by_provider.loc[small["b"], "aanmelding"] == 3
    assert by_provider.loc[small["b"], "geplaatst"] == 0


def test_unknown_grouping_is_refused(engine, small):
    with pytest.raises(ValueError):
        queries.funnel_counts(engine, COHORT_2022, 6, group_by="name; DROP TABLE area")


def test_placement_type_filter(engine, small):
    f = TrajectoryFilter(placement_type="werk")
    assert queries.funnel_counts(engine, f, 6).iloc[0]["aanmelding"] == 1


def test_provider_filter(engine, small):
    f = TrajectoryFilter(provider_ids=(small["b"],))
    assert queries.funnel_counts(engine, f, 6).iloc[0]["aanmelding"] == 4


def test_yearly_figures_count_events_in_the_year(engine, small):
    fig = queries.yearly_figures(engine, 2022, 6).iloc[0].to_dict()
    assert fig["aangemeld"] == 5
    assert fig["gestart"] == 3
    assert fig["geplaatst"] == 2
    assert fig["duurzaam"] == 1  # T0 reached six months on 2022-12-01
    assert fig["lopend"] == 1  # T4: registered, neither placed nor dropped out by year end
    next_year = queries.yearly_figures(engine, 2023, 6).iloc[0].to_dict()
    assert next_year["aangemeld"] == 1
    assert next_year["lopend"] == 2


def test_yearly_figures_for_one_municipality(engine, small):
    fig = queries.yearly_figures(engine, 2022, 6, area_codes=("GM0575",)).iloc[0]
    assert fig["aangemeld"] == 3


def test_realised_placements_in_a_period(engine, small):
    pid = small["programme_id"]
    assert queries.realised(engine, pid, "geplaatst", date(2022, 1, 1), date(2022, 12, 31), 6) == 2
    assert queries.realised(engine, pid, "geplaatst", date(2022, 6, 2), date(2022, 12, 31), 6) == 1
    assert (
        queries.realised(engine, pid, "aanmeldingen", date(2022, 1, 1), date(2023, 12, 31), 6) == 6
    )
    assert (
        queries.realised(
            engine, pid, "geplaatst", date(2022, 1, 1), date(2022, 12, 31), 6, "GM0575"
        )
        == 2
    )


def test_monthly_realised(engine, small):
    months = queries.monthly_realised(
        engine, small["programme_id"], "geplaatst", date(2022, 1, 1), date(2022, 12, 31), 6
    )
    assert list(months["month"]) == ["2022-06", "2022-07"]
    assert list(months["realised"]) == [1, 1]


def test_monthly_realised_for_some_municipalities(engine, small):
    months = queries.monthly_realised(
        engine, small["programme_id"], "geplaatst", date(2022, 1, 1), date(2022, 12, 31), 6,
        area_codes=("GM0546",),
    )  # fmt: skip
    assert months.empty


def test_realised_by_area_counts_noordwijkerhout_under_noordwijk(engine, small):
    by_area = queries.realised_by_area(
        engine, small["programme_id"], "aanmeldingen", date(2022, 1, 1), date(2023, 12, 31), 6,
        ("GM0575", "GM0546"),
    )  # fmt: skip
    assert dict(zip(by_area["area_code"], by_area["realised"], strict=True)) == {
        "GM0546": 3,
        "GM0575": 3,
    }


def test_reached_on_is_the_day_the_running_total_gets_there(engine, small):
    pid, period = small["programme_id"], (date(2022, 1, 1), date(2022, 12, 31))
    assert queries.reached_on(engine, pid, "geplaatst", *period, 6, 1) == date(2022, 6, 1)
    assert queries.reached_on(engine, pid, "geplaatst", *period, 6, 2) == date(2022, 7, 1)
    assert queries.reached_on(engine, pid, "geplaatst", *period, 6, 3) is None
    # Only within the period, and only for the municipalities asked for.
    assert queries.reached_on(engine, pid, "geplaatst", date(2022, 6, 2), period[1], 6, 2) is None
    # Noordwijk with Noordwijkerhout: registered 10 January, 10 February and 1 September.
    noordwijk = ("GM0575",)
    assert queries.reached_on(engine, pid, "aanmeldingen", *period, 6, 2, noordwijk) == date(
        2022, 2, 10
    )
    assert queries.reached_on(engine, pid, "aanmeldingen", *period, 6, 3, noordwijk) == date(
        2022, 9, 1
    )


def test_reached_on_for_lasting_placements_uses_the_window(engine, small):
    # T0 placed 2022-06-01 and still in work 2023-01-10: lasting from 2022-12-01 with 6 months.
    pid = small["programme_id"]
    day = queries.reached_on(engine, pid, "duurzaam", date(2022, 1, 1), date(2023, 12, 31), 6, 1)
    assert day == date(2022, 12, 1)


def test_members_of_a_merged_municipality_are_placed_at_the_successor(engine, small):
    members = queries.partnership_members(engine)
    old = members[members["delivered_area_name"] == "Noordwijkerhout"].iloc[0]
    assert old["area_code"] == "GM0575"
    assert old["area_name"] == "Noordwijk"
    assert old["member_area_code"] == "GM0576"  # the edit form keeps the member as recorded


def test_year_range_and_totals(engine, small):
    assert queries.year_range(engine) == (2022, 2023)
    assert queries.trajectory_total(engine) == {"total": 6, "fictional": 6}


def test_empty_database_gives_empty_frames(engine):
    assert queries.partnerships(engine).empty
    assert queries.year_range(engine) is None
    row = queries.funnel_counts(engine, TrajectoryFilter(), 6).iloc[0]
    assert row["aanmelding"] == 0

from datetime import date

from domain.periods import comparison_periods, year_earlier


def test_running_year_is_compared_up_to_the_data_date():
    assert comparison_periods(2026, date(2026, 10, 31)) == (
        date(2026, 1, 1), date(2026, 10, 31), date(2025, 1, 1), date(2025, 10, 31)
    )  # fmt: skip


def test_a_finished_year_is_compared_whole():
    assert comparison_periods(2024, date(2026, 10, 31)) == (
        date(2024, 1, 1), date(2024, 12, 31), date(2023, 1, 1), date(2023, 12, 31)
    )  # fmt: skip


def test_leap_day_maps_to_28_february():
    assert year_earlier(date(2024, 2, 29)) == date(2023, 2, 28)

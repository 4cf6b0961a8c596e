from datetime import date

from domain.formatting import fmt_date, fmt_date_long, fmt_decimal, fmt_int, fmt_pct


def test_thousands_use_a_dot():
    assert fmt_int(4248) == "4.248"
    assert fmt_int(1234567) == "1.234.567"


def test_percentages_use_a_decimal_comma():
    assert fmt_pct(0.5234, 1) == "52,3%"
    assert fmt_pct(0.5) == "50%"


def test_decimal_comma():
    assert fmt_decimal(1234.56, 1) == "1.234,6"


def test_dates_are_day_month_year():
    assert fmt_date(date(2022, 12, 21)) == "21-12-2022"
    assert fmt_date_long(date(2022, 12, 21)) == "21 december 2022"


def test_missing_values_show_a_dash():
    assert fmt_int(None) == "–"
    assert fmt_pct(float("nan")) == "–"
    assert fmt_date(None) == "–"

from datetime import date

import plotly.graph_objects as go

from components.shell.style import house_layout
from domain.formatting import (
    fmt_date,
    fmt_date_long,
    fmt_decimal,
    fmt_int,
    fmt_month,
    fmt_pct,
    plotly_separators,
    use_language,
)


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


def test_english_numbers_use_a_decimal_point_and_thousands_comma():
    with use_language("en"):
        assert fmt_int(4248) == "4,248"
        assert fmt_pct(0.523, 1) == "52.3%"
        assert fmt_decimal(1234.5) == "1,234.5"
        assert fmt_date(date(2026, 11, 23)) == "2026-11-23"
        assert fmt_date_long(date(2022, 12, 21)) == "21 December 2022"
        assert fmt_month(date(2021, 3, 1)) == "Mar 2021"
        assert plotly_separators() == ".,"
    assert fmt_int(4248) == "4.248"
    assert fmt_pct(0.523, 1) == "52,3%"
    assert fmt_date(date(2026, 11, 23)) == "23-11-2026"
    assert fmt_month(date(2021, 3, 1)) == "mrt 2021"
    assert plotly_separators() == ",."


def test_house_layout_separators_follow_the_language():
    assert house_layout(go.Figure()).layout.separators == ",."
    with use_language("en"):
        assert house_layout(go.Figure()).layout.separators == ".,"

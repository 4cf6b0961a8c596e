"""Dutch number and date formats: 4.248 and 52,3% and 23-11-2026."""

from __future__ import annotations

from datetime import date, datetime

MONTHS_NL = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
MONTHS_SHORT_NL = (
    "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
)  # fmt: skip


def missing(x: object) -> bool:
    """None, NaN and NaT all mean "no value"."""
    return x is None or x != x  # NaN and NaT are not equal to themselves


def fmt_int(n: int | float | None) -> str:
    if missing(n):
        return "–"
    return f"{round(n):,}".replace(",", ".")


def fmt_pct(fraction: float | None, decimals: int = 0) -> str:
    if missing(fraction):
        return "–"
    text = f"{fraction * 100:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".") + "%"


def fmt_decimal(x: float | None, decimals: int = 1) -> str:
    if missing(x):
        return "–"
    text = f"{x:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def fmt_date(d: date | datetime | None) -> str:
    """dd-mm-jjjj, as Dutch readers expect."""
    if missing(d):
        return "–"
    return d.strftime("%d-%m-%Y")


def fmt_date_long(d: date | None) -> str:
    """'21 december 2022'."""
    if missing(d):
        return "–"
    return f"{d.day} {MONTHS_NL[d.month - 1]} {d.year}"


def fmt_month(d: date) -> str:
    """'mrt 2021': a month on a chart axis."""
    return f"{MONTHS_SHORT_NL[d.month - 1]} {d.year}"

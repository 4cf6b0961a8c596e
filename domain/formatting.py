"""Number and date formats in the reader's language: Dutch 4.248, 52,3% and 23-11-2026 (the
default); English 4,248, 52.3% and 2026-11-23.

The language is a context variable, not a Streamlit setting: the app sets it at the start of every
run (each run has its own thread), tests and the CLI leave it at Dutch or set it with
`use_language`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime

DEFAULT_LANGUAGE = "nl"
LANGUAGES = ("nl", "en")

_language: ContextVar[str] = ContextVar("language", default=DEFAULT_LANGUAGE)

MONTHS_NL = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
MONTHS_SHORT_NL = (
    "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
)  # fmt: skip
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTHS_SHORT_EN = tuple(m[:3] for m in MONTHS_EN)

# (thousands separator, decimal separator) per language.
SEPARATORS = {"nl": (".", ","), "en": (",", ".")}


def current_language() -> str:
    return _language.get()


def set_language(language: str) -> None:
    """Use `language` for the rest of this run (an unknown code falls back to Dutch)."""
    _language.set(language if language in LANGUAGES else DEFAULT_LANGUAGE)


@contextmanager
def use_language(language: str) -> Iterator[None]:
    """Use `language` inside the block only."""
    token = _language.set(language if language in LANGUAGES else DEFAULT_LANGUAGE)
    try:
        yield
    finally:
        _language.reset(token)


def plotly_separators() -> str:
    """Plotly's `separators`: decimal mark first, then the thousands mark."""
    thousands, decimal = SEPARATORS[current_language()]
    return decimal + thousands


def missing(x: object) -> bool:
    """None, NaN and NaT all mean "no value"."""
    return x is None or x != x  # NaN and NaT are not equal to themselves


def _localise(text: str) -> str:
    """Python's "1,234.5" in the current language's separators."""
    thousands, decimal = SEPARATORS[current_language()]
    return text.replace(",", "_").replace(".", decimal).replace("_", thousands)


def fmt_int(n: int | float | None) -> str:
    if missing(n):
        return "–"
    return _localise(f"{round(n):,}")


def fmt_pct(fraction: float | None, decimals: int = 0) -> str:
    if missing(fraction):
        return "–"
    return _localise(f"{fraction * 100:,.{decimals}f}") + "%"


def fmt_decimal(x: float | None, decimals: int = 1) -> str:
    if missing(x):
        return "–"
    return _localise(f"{x:,.{decimals}f}")


def fmt_date(d: date | datetime | None) -> str:
    """dd-mm-jjjj, as Dutch readers expect; ISO (yyyy-mm-dd) in English, which no reader misreads."""
    if missing(d):
        return "–"
    return d.strftime("%Y-%m-%d" if current_language() == "en" else "%d-%m-%Y")


def month_name(month: int) -> str:
    """'maart' / 'March' for month 3."""
    return (MONTHS_EN if current_language() == "en" else MONTHS_NL)[month - 1]


def month_short(month: int) -> str:
    """'mrt' / 'Mar' for month 3."""
    return (MONTHS_SHORT_EN if current_language() == "en" else MONTHS_SHORT_NL)[month - 1]


def fmt_date_long(d: date | None) -> str:
    """'21 december 2022' / '21 December 2022'."""
    if missing(d):
        return "–"
    return f"{d.day} {month_name(d.month)} {d.year}"


def fmt_month(d: date) -> str:
    """'mrt 2021' / 'Mar 2021': a month on a chart axis."""
    return f"{month_short(d.month)} {d.year}"

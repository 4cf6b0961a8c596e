"""Date arithmetic that SQLite and PostgreSQL spell differently, as SQLAlchemy constructs."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class add_months(FunctionElement):  # noqa: N801 - reads like the SQL function it renders
    """`date + n months` as a date; n is bound, never formatted into the SQL."""

    type = sa.Date()
    inherit_cache = True


@compiles(add_months, "sqlite")
def _add_months_sqlite(element, compiler, **kw):
    day, months = list(element.clauses)
    return (
        f"date({compiler.process(day, **kw)}, '+' || {compiler.process(months, **kw)} || ' months')"
    )


@compiles(add_months, "postgresql")
def _add_months_pg(element, compiler, **kw):
    day, months = list(element.clauses)
    day_sql = compiler.process(day, **kw)
    months_sql = compiler.process(sa.cast(months, sa.Integer), **kw)
    return f"CAST({day_sql} + {months_sql} * INTERVAL '1 month' AS DATE)"


class month_of(FunctionElement):  # noqa: N801
    """The month of a date as 'YYYY-MM' text."""

    type = sa.String()
    inherit_cache = True


@compiles(month_of, "sqlite")
def _month_sqlite(element, compiler, **kw):
    return f"strftime('%Y-%m', {compiler.process(element.clauses, **kw)})"


@compiles(month_of, "postgresql")
def _month_pg(element, compiler, **kw):
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM')"


class year_of(FunctionElement):  # noqa: N801
    """The year of a date as an integer."""

    type = sa.Integer()
    inherit_cache = True


@compiles(year_of, "sqlite")
def _year_sqlite(element, compiler, **kw):
    return f"CAST(strftime('%Y', {compiler.process(element.clauses, **kw)}) AS INTEGER)"


@compiles(year_of, "postgresql")
def _year_pg(element, compiler, **kw):
    return f"CAST(EXTRACT(YEAR FROM {compiler.process(element.clauses, **kw)}) AS INTEGER)"


class days_between(FunctionElement):  # noqa: N801
    """Whole days from the first date to the second."""

    type = sa.Integer()
    inherit_cache = True


@compiles(days_between, "sqlite")
def _days_sqlite(element, compiler, **kw):
    start, end = list(element.clauses)
    return f"CAST(julianday({compiler.process(end, **kw)}) - julianday({compiler.process(start, **kw)}) AS INTEGER)"


@compiles(days_between, "postgresql")
def _days_pg(element, compiler, **kw):
    start, end = list(element.clauses)
    return f"({compiler.process(end, **kw)} - {compiler.process(start, **kw)})"


class month_start(FunctionElement):  # noqa: N801
    """The first day of a date's month, as a date."""

    type = sa.Date()
    inherit_cache = True


@compiles(month_start, "sqlite")
def _month_start_sqlite(element, compiler, **kw):
    return f"date({compiler.process(element.clauses, **kw)}, 'start of month')"


@compiles(month_start, "postgresql")
def _month_start_pg(element, compiler, **kw):
    return f"CAST(date_trunc('month', {compiler.process(element.clauses, **kw)}) AS DATE)"

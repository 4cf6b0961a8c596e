"""Public context figures (CBS) per municipality, year and measure: storing and reading them.

Writers (`seed`, `load-public`, `import-cbs`) hand over rows keyed on the codes their source used;
`store` lands them on today's codes (domain/context.py) and replaces the same (area, year, measure)
in one transaction, so loading the same figures twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
import sqlalchemy as sa

from data_access.schema import area, context_figure, source
from domain.context import MEASURE_KINDS, land_on_successors


def current_codes(conn: sa.Connection) -> dict[str, str]:
    """Every known municipality code -> the code its figures count under today."""
    return dict(conn.execute(sa.select(area.c.code, area.c.current_code)).all())


def find_or_add_source(conn: sa.Connection, values: Mapping) -> int:
    """The id of the source with this title and publisher; added when new."""
    found = conn.scalar(
        sa.select(source.c.id)
        .where(source.c.title == values["title"])
        .where(source.c.publisher == values["publisher"])
        .order_by(source.c.id)
        .limit(1)
    )
    if found is not None:
        return found
    columns = {k: values.get(k) for k in ("title", "publisher", "published_on", "url", "note")}
    return conn.execute(source.insert().values(**columns)).inserted_primary_key[0]


def store(conn: sa.Connection, rows: pd.DataFrame) -> dict[str, int]:
    """Write figures (area_code as the source gave it, year, measure, value, source_id).

    Lands them on today's codes, then replaces each (area, year, measure) it carries. Returns
    counts: new, changed, unchanged. Raises KeyError for unknown codes and ValueError for an
    unknown measure (nothing is written then: the caller's transaction rolls back)."""
    unknown = sorted(set(rows["measure"]) - set(MEASURE_KINDS))
    if unknown:
        raise ValueError(f"Onbekende maat: {', '.join(unknown)}")
    landed = land_on_successors(rows, current_codes(conn))
    c = context_figure.c
    existing = {
        (r.area_code, r.year, r.measure): (r.value, r.source_id)
        for r in conn.execute(
            sa.select(c.area_code, c.year, c.measure, c.value, c.source_id).where(
                c.measure.in_(sorted(set(landed["measure"]))),
                c.year.in_(sorted({int(y) for y in landed["year"]})),
            )
        )
    }
    new, changed, same = [], [], 0
    for r in landed.itertuples(index=False):
        key = (r.area_code, int(r.year), r.measure)
        values = {
            "area_code": r.area_code,
            "year": int(r.year),
            "measure": r.measure,
            "value": float(r.value),
            "source_id": int(r.source_id),
        }
        if key not in existing:
            new.append(values)
        elif existing[key] != (values["value"], values["source_id"]):
            changed.append(values)
        else:
            same += 1
    if new:
        conn.execute(context_figure.insert(), new)
    for values in changed:
        conn.execute(
            context_figure.update()
            .where(c.area_code == values["area_code"])
            .where(c.year == values["year"])
            .where(c.measure == values["measure"])
            .values(value=values["value"], source_id=values["source_id"])
        )
    return {"nieuw": len(new), "gewijzigd": len(changed), "ongewijzigd": same}


def context_figures(
    engine: sa.Engine, measures: Iterable[str] = (), years: Iterable[int] = ()
) -> pd.DataFrame:
    """Public figures per municipality (today's codes).

    Columns: area_code, year, measure, value, source_id, source_title, source_publisher,
    source_url. Optionally only some measures or years."""
    c = context_figure.c
    stmt = (
        sa.select(
            c.area_code,
            c.year,
            c.measure,
            c.value,
            c.source_id,
            source.c.title.label("source_title"),
            source.c.publisher.label("source_publisher"),
            source.c.url.label("source_url"),
        )
        .join(source, source.c.id == c.source_id)
        .order_by(c.measure, c.year, c.area_code)
    )
    measures, years = tuple(measures), tuple(years)
    if measures:
        stmt = stmt.where(c.measure.in_(measures))
    if years:
        stmt = stmt.where(c.year.in_(years))
    with engine.connect() as conn:
        frame = pd.DataFrame(
            conn.execute(stmt).mappings().all(), columns=list(stmt.selected_columns.keys())
        )
    frame["year"] = frame["year"].astype(int)
    frame["value"] = frame["value"].astype(float)
    return frame


def context_sources(engine: sa.Engine) -> pd.DataFrame:
    """The sources of the public figures, with what each holds.

    Columns: source_id, title, publisher, url, note, measures (comma list), first_year, last_year,
    areas (municipalities with a figure)."""
    c = context_figure.c
    stmt = (
        sa.select(
            source.c.id.label("source_id"),
            source.c.title,
            source.c.publisher,
            source.c.url,
            source.c.note,
            c.measure,
            sa.func.min(c.year).label("first_year"),
            sa.func.max(c.year).label("last_year"),
            sa.func.count(sa.distinct(c.area_code)).label("areas"),
        )
        .join(context_figure, c.source_id == source.c.id)
        .group_by(
            source.c.id,
            source.c.title,
            source.c.publisher,
            source.c.url,
            source.c.note,
            c.measure,
        )  # fmt: skip
        .order_by(source.c.id, c.measure)
    )
    with engine.connect() as conn:
        rows = pd.DataFrame(
            conn.execute(stmt).mappings().all(), columns=list(stmt.selected_columns.keys())
        )
    if rows.empty:
        return rows
    return (
        rows.groupby(["source_id", "title", "publisher", "url", "note"], dropna=False, sort=False)
        .agg(
            measures=("measure", lambda m: ", ".join(m)),
            first_year=("first_year", "min"),
            last_year=("last_year", "max"),
            areas=("areas", "max"),
        )
        .reset_index()
    )

"""CBS StatLine tables: which table is which, which of its measures the monitor keeps, and how a
raw OData row becomes a figure (municipality, year, measure, value).

The one declared mapping is TABLES below. A measure is found by its key *without* the number CBS
appends (`PersonenPerSoortUitkeringBijstand_87` in one release, `_94` in the next): CBS renumbers
the keys whenever a table gains topics, so a new year's table maps without a code change. A table is
recognised by its id, or else by the start of its title ("Kerncijfers wijken en buurten 2025").

Rules, held by tests/domain/test_cbs.py:
- Only municipalities: region keys that start with "GM" after stripping CBS's space padding.
- CBS's "no value" markers ('.', empty, None, and negative sentinels at or below -99990) are
  missing, never 0; missing figures are left out, so the page says "niet beschikbaar".
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

# CBS writes "no value" in numeric cells of some exports as these negative codes (-99997: secret,
# -99995: not applicable, ...); anything at or below this is a marker, never a figure.
SENTINEL_AT_MOST = -99990
# Region keys of municipalities (GM0518); provinces (PV), COROP (CR), the country (NL00) and, in
# the Kerncijfers, districts (WK) and neighbourhoods (BU) are left out.
MUNICIPALITY_PREFIX = "GM"
# A yearly period in StatLine's Perioden dimension: 2022JJ00 (quarters are KW, months MM).
YEAR_PERIOD = re.compile(r"^(\d{4})JJ00$")
LICENCE = "CC BY 4.0"
PUBLISHER = "CBS"
STATLINE_URL = "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/{table}"


@dataclass(frozen=True)
class TableKind:
    """One kind of StatLine table: its region dimension, fixed choices in its other dimensions,
    and which key (without CBS's number) is which measure of the monitor."""

    name: str
    ids: tuple[str, ...]
    title_starts: str
    region: str
    measures: Mapping[str, str]
    fixed: Mapping[str, str] = field(default_factory=dict)


TABLES = (
    TableKind(
        name="Kerncijfers wijken en buurten",
        # 2022, 2023, 2024 and 2025; a later year is recognised by its title.
        ids=("85318NED", "85618NED", "85984NED", "86165NED"),
        title_starts="Kerncijfers wijken en buurten",
        region="WijkenEnBuurten",
        measures={
            "AantalInwoners": "inwoners",
            "PersonenPerSoortUitkeringBijstand": "bijstand",
            "PersonenPerSoortUitkeringWW": "ww",
            "PersonenPerSoortUitkeringAO": "ao",
            "PersonenPerSoortUitkeringAOW": "aow",
            # The Kerncijfers' own series; not the survey series below (PROVENANCE: never mix).
            "Nettoarbeidsparticipatie": "kwb_netto_arbeidsparticipatie",
        },
    ),
    TableKind(
        name="Arbeidsdeelname; regionale indeling",
        ids=("85494NED",),
        title_starts="Arbeidsdeelname; regionale indeling",
        region="RegioS",
        measures={
            "NettoArbeidsparticipatie": "netto_arbeidsparticipatie",
            "BrutoArbeidsparticipatie": "bruto_arbeidsparticipatie",
            "Werkloosheidspercentage": "werkloosheid",
        },
        # Totaal personen (15 tot 75 jaar); the table also splits by age, sex and education.
        fixed={"Persoonskenmerken": "T009002"},
    ),
)


def table_kind(table_id: str, title: str | None = None) -> TableKind | None:
    """The declared kind of a table: by id, else by the start of its title; None when unknown."""
    for kind in TABLES:
        if table_id.upper() in kind.ids:
            return kind
    for kind in TABLES:
        if title and title.strip().startswith(kind.title_starts):
            return kind
    return None


def measure_keys(kind: TableKind, keys: Iterable[str]) -> dict[str, str]:
    """The table's keys the monitor keeps -> its measure, matched on the key without CBS's number
    (`PersonenPerSoortUitkeringAO_95` is ao, never aow). Raises ValueError naming a measure that
    two keys claim."""
    found: dict[str, str] = {}
    for key in keys:
        base = re.sub(r"_\d+$", "", key)
        measure = kind.measures.get(base)
        if measure is None:
            continue
        if measure in found.values():
            raise ValueError(f"De tabel heeft twee onderwerpen voor de maat {measure}: {key}")
        found[key] = measure
    return found


def clean_value(value) -> float | None:
    """A CBS cell as a number, or None for CBS's "no value" markers. Never 0 for missing."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if text in ("", ".", "x"):
            return None
        number = float(text.replace(",", "."))  # anything else that is not a number: ValueError
    elif isinstance(value, bool):
        return None
    else:
        number = float(value)
    if math.isnan(number) or number <= SENTINEL_AT_MOST:
        return None
    return number


def period_year(period: str | None) -> int | None:
    """The year of a yearly StatLine period (2022JJ00 -> 2022); None for quarters and months."""
    match = YEAR_PERIOD.match((period or "").strip())
    return int(match.group(1)) if match else None


def odata_filter(kind: TableKind, year: int | None, has_periods: bool) -> str:
    """The OData v3 $filter that asks CBS for municipalities only (and the year, and the fixed
    choices), so a Kerncijfers table sends ~350 rows instead of ~17,000."""
    parts = [f"substringof('{MUNICIPALITY_PREFIX}',{kind.region})"]
    if has_periods and year is not None:
        parts.append(f"(Perioden eq '{year}JJ00')")
    parts += [f"({dim} eq '{value}')" for dim, value in kind.fixed.items()]
    return " and ".join(parts)


def figures_from_rows(
    rows: Iterable[Mapping], kind: TableKind, keys: Mapping[str, str], year: int | None
) -> pd.DataFrame:
    """Raw TypedDataSet rows as long figures: area_code, year, measure, value.

    Keeps municipality rows (whitespace-stripped GM codes) and the fixed choices; the year comes
    from Perioden where the table has it (only yearly periods; only `year` when given), else from
    `year`. Missing values are left out."""
    out = []
    for row in rows:
        code = str(row.get(kind.region) or "").strip()
        if not code.startswith(MUNICIPALITY_PREFIX):
            continue
        if any(str(row.get(dim) or "").strip() != value for dim, value in kind.fixed.items()):
            continue
        if "Perioden" in row:
            row_year = period_year(row["Perioden"])
            if row_year is None or (year is not None and row_year != year):
                continue
        else:
            row_year = year
        for key, measure in keys.items():
            value = clean_value(row.get(key))
            if value is not None:
                out.append(
                    {"area_code": code, "year": row_year, "measure": measure, "value": value}
                )
    return pd.DataFrame(out, columns=["area_code", "year", "measure", "value"])


def figures_from_table(
    table: pd.DataFrame, columns: Mapping[str, str], year: int | None
) -> pd.DataFrame:
    """A CSV in the columns of sample_data/cbs/cbs_context_gemeenten.csv (gemeentecode, jaar and
    measure columns) as long figures; `columns` maps column -> measure. Only `year` when given."""
    out = []
    for row in table.to_dict("records"):
        code = str(row.get("gemeentecode") or "").strip()
        if not code.startswith(MUNICIPALITY_PREFIX):
            continue
        row_year = int(row["jaar"])
        if year is not None and row_year != year:
            continue
        for column, measure in columns.items():
            value = clean_value(row.get(column))
            if value is not None:
                out.append(
                    {"area_code": code, "year": row_year, "measure": measure, "value": value}
                )
    return pd.DataFrame(out, columns=["area_code", "year", "measure", "value"])

"""The real public layer from sample_data/: municipal, provincial and labour-market-region
boundaries (CBS/PDOK 2025), the 35 arbeidsmarktregio's as partnerships, and CBS figures per
municipality. `seed` loads it into a new database; `load-public` into an existing one. Loading
twice changes nothing (declared in sample_data/publiek.toml; provenance in its PROVENANCE files).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import tomllib
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from data_access import boundaries as municipal
from data_access import context, versions
from data_access.schema import (
    area,
    area_boundary,
    partnership,
    partnership_member,
    region_boundary,
)

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"
DECLARATION = SAMPLE_DIR / "publiek.toml"
AMR_KIND = "arbeidsmarktregio"
# Fixed so that two loads write the same rows.
LOADED_AT = dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.UTC)


def declaration(path: Path = DECLARATION) -> dict:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def load(conn: sa.Connection, path: Path = DECLARATION) -> dict[str, int]:
    """Load the whole public layer in the caller's transaction. Returns rows per kind."""
    decl = declaration(path)
    base = path.parent
    sources = {s["key"]: context.find_or_add_source(conn, s) for s in decl["sources"]}
    counts = {"gemeentegrenzen": _municipal_boundaries(conn, decl["boundaries"], base)}
    counts["regiogrenzen"] = _region_boundaries(conn, decl["boundaries"], base)
    counts["arbeidsmarktregio"] = _labour_market_regions(conn, decl["regions"], base, sources)
    counts["contextcijfers"] = sum(context.store(conn, figure_rows(decl, base, sources)).values())
    versions.bump(conn)  # running replicas drop their cached shapes and figures
    return counts


def _read_geojson(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _municipal_boundaries(conn: sa.Connection, decl: Mapping, base: Path) -> int:
    """The 2025 municipal shapes, checked like any import, replacing what was stored."""
    path = base / decl["gemeenten"]
    known = set(conn.execute(sa.select(area.c.code)).scalars())
    found = municipal.parse(path.read_text(encoding="utf-8"), path.name, known)
    conn.execute(area_boundary.delete())
    conn.execute(
        area_boundary.insert(),
        [
            {
                "area_code": b.area_code,
                "geometry": json.dumps(b.geometry, separators=(",", ":")),
                "year": decl["year"],
                "source": decl["credit"],
                "loaded_at": LOADED_AT,
            }
            for b in found
        ],
    )
    return len(found)


def _region_boundaries(conn: sa.Connection, decl: Mapping, base: Path) -> int:
    rows = []
    for kind, key in (("provincie", "provincies"), (AMR_KIND, "arbeidsmarktregios")):
        for feature in _read_geojson(base / decl[key])["features"]:
            props = feature["properties"]
            rows.append(
                {
                    "code": props["statcode"],
                    "kind": kind,
                    "name": props["statnaam"],
                    "geometry": json.dumps(feature["geometry"], separators=(",", ":")),
                    "year": decl["year"],
                    "source": decl["credit"],
                }
            )
    conn.execute(region_boundary.delete())
    conn.execute(region_boundary.insert(), rows)
    return len(rows)


def _labour_market_regions(
    conn: sa.Connection, decl: Mapping, base: Path, sources: Mapping[str, int]
) -> int:
    """One partnership per arbeidsmarktregio (code AMxx) with its municipalities; members are
    replaced, so a newer division moves a municipality without duplicates."""
    with (base / decl["file"]).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    regions: dict[str, tuple[str, list[str]]] = {}
    for r in rows:
        regions.setdefault(r["arbeidsmarktregio_code"], (r["arbeidsmarktregio_naam"], []))[
            1
        ].append(r["gemeentecode"])
    p = partnership.c
    existing = dict(conn.execute(sa.select(p.code, p.id).where(p.kind == AMR_KIND)).all())
    for code, (name, members) in sorted(regions.items()):
        values = {
            "name": f"Arbeidsmarktregio {name}",
            "kind": AMR_KIND,
            "description": (
                f"Een van de 35 arbeidsmarktregio's: de {len(members)} gemeenten en UWV werken hier "
                "samen met één Werkgeversservicepunt voor werkgevers. Leden volgens de CBS-indeling "
                "(Gebieden in Nederland 2026, gelijk aan de grenzen van 2025); de regio's bestaan "
                "sinds 2012."
            ),
            "start_date": decl["start_date"],
            "source_id": sources[decl["announcement"]],
        }
        if code in existing:
            pid = existing[code]
            conn.execute(partnership.update().where(p.id == pid).values(**values))
            conn.execute(
                partnership_member.delete().where(partnership_member.c.partnership_id == pid)
            )
        else:
            pid = conn.execute(
                partnership.insert().values(code=code, **values)
            ).inserted_primary_key[0]
        conn.execute(
            partnership_member.insert(),
            [
                {"partnership_id": pid, "area_code": m, "organisation_id": None,
                 "role": "gemeente in de arbeidsmarktregio"}
                for m in members
            ],
        )  # fmt: skip
    return len(regions)


def figure_rows(decl: Mapping, base: Path, sources: Mapping[str, int]) -> pd.DataFrame:
    """The CBS file as long rows (area_code, year, measure, value, source_id), by the declared
    column mapping; cells CBS left empty stay out."""
    table = pd.read_csv(base / decl["figures"]["file"], dtype={"gemeentecode": str})
    out = []
    for column in decl["columns"]:
        for year, key in column["sources"].items():
            part = table[table["jaar"] == int(year)][["gemeentecode", column["column"]]]
            part = part.dropna()
            out.append(
                pd.DataFrame(
                    {
                        "area_code": part["gemeentecode"],
                        "year": int(year),
                        "measure": column["measure"],
                        "value": part[column["column"]].astype(float),
                        "source_id": sources[key],
                    }
                )
            )
    return pd.concat(out, ignore_index=True)

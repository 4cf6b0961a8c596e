"""`import-cbs`: newer CBS figures per municipality, from StatLine's open-data API (with the
client `cbsodata`) or, offline, from a CSV in the columns of sample_data/cbs/cbs_context_gemeenten.csv.

Both paths end in one transaction: the source row, the figures (old codes land on their successor,
data_access/context.py) and one audit entry. A run that changes nothing writes nothing, also no
audit entry. Problems come back as Dutch sentences (CbsImportError); nothing is stored then.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from data_access import audit, context, public_data, versions
from domain import cbs

# Seconds to wait for each answer of opendata.cbs.nl before saying it cannot be reached.
CBS_TIMEOUT_S = 60
AUDIT_ACTION = "import_cbs"
AUDIT_ENTITY = "context_figure"
OFFLINE_ADVICE = (
    "Is er internet? Zonder internet: download de tabel elders als CSV in de kolommen van "
    "sample_data/cbs/cbs_context_gemeenten.csv en lees hem in met "
    '`python -m data_access import-cbs --csv BESTAND --bron "TITEL" --jaar JAAR`.'
)


class CbsImportError(ValueError):
    """The figures cannot be imported; `problems` are Dutch sentences for the administrator."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class CbsResult:
    label: str  # table id, or the CSV's file name
    source_title: str
    years: tuple[int, ...]
    new: int
    changed: int
    unchanged: int

    @property
    def changed_anything(self) -> bool:
        return bool(self.new or self.changed)


def _fetch(table_id: str, year: int | None):
    """TableInfos, the declared kind, the mapped keys and the municipality rows of a table.
    Raises CbsImportError (in Dutch) when CBS cannot be reached or the table is not one we know."""
    import cbsodata
    import requests

    where = f"CBS StatLine (opendata.cbs.nl, tabel {table_id})"
    try:
        info = cbsodata.get_info(table_id, timeout=CBS_TIMEOUT_S) or {}
        kind = cbs.table_kind(table_id, info.get("Title"))
        if kind is None:
            known = ", ".join(i for k in cbs.TABLES for i in k.ids)
            raise CbsImportError(
                [
                    f"Tabel {table_id} ({info.get('Title') or 'zonder titel'}) is niet bekend in "
                    f"de monitor. Bekende tabellen: {known}, en nieuwere jaargangen van "
                    + " en ".join(f"'{k.title_starts}'" for k in cbs.TABLES)
                    + " (domain/cbs.py, TABLES)."
                ]
            )
        properties = cbsodata.get_meta(table_id, "DataProperties", timeout=CBS_TIMEOUT_S)
        topics = [p["Key"] for p in properties if p.get("Type") == "Topic"]
        dimensions = {p["Key"] for p in properties if p.get("Type") not in ("Topic", "TopicGroup")}
        try:
            keys = cbs.measure_keys(kind, topics)
        except ValueError as exc:
            raise CbsImportError([f"Tabel {table_id}: {exc}"]) from None
        if not keys:
            raise CbsImportError(
                [f"Tabel {table_id} heeft geen van de onderwerpen die de monitor bijhoudt."]
            )
        has_periods = "Perioden" in dimensions
        select = [kind.region, *(["Perioden"] if has_periods else []), *kind.fixed, *keys]
        # cbsodata 1.3.5 inverts `typed` (J535D165/cbsodata issue #20): False fetches the
        # TypedDataSet. Whichever set comes back is read below; clean_value reads both.
        data = cbsodata.download_data(
            table_id,
            typed=False,
            filters=cbs.odata_filter(kind, year, has_periods),
            select=select,
            timeout=CBS_TIMEOUT_S,
        )
    except (requests.ConnectionError, requests.Timeout) as exc:
        reason = (
            f"geen antwoord binnen {CBS_TIMEOUT_S} seconden"
            if isinstance(exc, requests.Timeout)
            else "geen verbinding"
        )
        raise CbsImportError([f"{where} is niet bereikbaar ({reason}). {OFFLINE_ADVICE}"]) from None
    except requests.HTTPError as exc:
        status = exc.response.status_code if exc.response is not None else None
        cause = getattr(exc, "__cause__", None)
        if status is None and cause is not None and getattr(cause, "response", None) is not None:
            status = cause.response.status_code
        if status == 404:
            problem = (
                f"Tabel {table_id} bestaat niet bij CBS StatLine (404). Controleer het tabelnummer."
            )
        else:
            problem = f"{where} gaf een fout ({status or 'onbekend'}). Probeer het later opnieuw."
        raise CbsImportError([problem]) from None
    except requests.RequestException:
        raise CbsImportError([f"{where} is niet bereikbaar. {OFFLINE_ADVICE}"]) from None
    except (ValueError, KeyError) as exc:
        if isinstance(exc, CbsImportError):
            raise
        raise CbsImportError(
            [f"{where} gaf een onverwacht antwoord ({type(exc).__name__}); er is niets opgeslagen."]
        ) from None
    rows = data.get("TypedDataSet", data.get("UntypedDataSet", []))
    return info, kind, keys, has_periods, rows


def _table_year(table_id: str, info: Mapping, year: int | None, has_periods: bool) -> int | None:
    """The year a table without Perioden speaks of (the Kerncijfers: one year per table)."""
    if has_periods:
        return year
    period = str(info.get("Period") or "").strip()
    table_year = int(period) if period.isdigit() and len(period) == 4 else None
    if year is not None and table_year is not None and year != table_year:
        raise CbsImportError(
            [
                f"Tabel {table_id} gaat over {table_year}, niet over {year}. Kies --jaar {table_year}."
            ]
        )
    if year is None and table_year is None:
        raise CbsImportError(
            [f"Tabel {table_id} noemt geen jaar (Period '{period}'): geef --jaar JAAR."]
        )
    return year or table_year


def import_table(engine: sa.Engine, table_id: str, year: int | None, username: str) -> CbsResult:
    """Fetch a StatLine table (municipalities only) and store its declared measures."""
    table_id = table_id.strip().upper()
    info, kind, keys, has_periods, rows = _fetch(table_id, year)
    chosen = _table_year(table_id, info, year, has_periods)
    figures = cbs.figures_from_rows(rows, kind, keys, chosen)
    if figures.empty:
        when = f" voor {chosen}" if chosen else ""
        raise CbsImportError([f"Tabel {table_id} heeft geen cijfers per gemeente{when}."])
    title = str(info.get("Title") or f"CBS-tabel {table_id}").strip()
    period = str(info.get("Period") or "").strip()
    modified = str(info.get("Modified") or "")[:10]
    source = {
        "title": title,
        "publisher": cbs.PUBLISHER,
        "url": cbs.STATLINE_URL.format(table=table_id),
        "note": (
            f"CBS StatLine-tabel {table_id} ({kind.name}), periode {period or chosen}"
            + (f", bijgewerkt {modified}" if modified else "")
            + f". Opgehaald met import-cbs. Licentie {cbs.LICENCE}."
        ),
    }
    return _store(engine, figures, source, table_id, username, {"tabel": table_id})


def csv_columns(declaration_path: Path = public_data.DECLARATION) -> dict[str, str]:
    """CSV column -> measure, as declared in sample_data/publiek.toml ([[columns]])."""
    return {c["column"]: c["measure"] for c in public_data.declaration(declaration_path)["columns"]}


def import_csv(
    engine: sa.Engine,
    path: Path,
    source_title: str,
    year: int | None,
    username: str,
    table_id: str | None = None,
) -> CbsResult:
    """Read a CSV in the columns of cbs_context_gemeenten.csv and store it like a fetched table."""
    name = path.name
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError:
        raise CbsImportError([f"Het bestand {path} bestaat niet."]) from None
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise CbsImportError([f"{name} is geen leesbaar CSV-bestand (UTF-8): {exc}."]) from None
    missing = [c for c in ("gemeentecode", "jaar") if c not in table.columns]
    if missing:
        raise CbsImportError([f"{name}: kolom {', '.join(missing)} ontbreekt."])
    columns = {c: m for c, m in csv_columns().items() if c in table.columns}
    if not columns:
        raise CbsImportError(
            [f"{name} heeft geen kolom met cijfers; verwacht een of meer van: "
             + ", ".join(csv_columns()) + "."]
        )  # fmt: skip
    problems = []
    for number, row in enumerate(table.to_dict("records"), start=2):
        if not str(row["jaar"]).strip().isdigit():
            problems.append(f"{name}, rij {number}, kolom jaar: '{row['jaar']}' is geen jaartal.")
        for column in columns:
            try:
                cbs.clean_value(row[column])
            except ValueError:
                problems.append(
                    f"{name}, rij {number}, kolom {column}: '{row[column]}' is geen getal."
                )
        if len(problems) >= 20:
            problems.append("Er zijn meer fouten; de eerste staan hierboven.")
            break
    if problems:
        raise CbsImportError(problems)
    figures = cbs.figures_from_table(table, columns, year)
    if figures.empty:
        when = f" voor {year}" if year else ""
        raise CbsImportError([f"{name} heeft geen cijfers per gemeente{when}."])
    table_id = table_id.strip().upper() if table_id else None
    source = {
        "title": source_title.strip(),
        "publisher": cbs.PUBLISHER,
        "url": cbs.STATLINE_URL.format(table=table_id) if table_id else None,
        "note": (
            f"Ingelezen uit het bestand {name}"
            + (f" (CBS-tabel {table_id})" if table_id else "")
            + f" met import-cbs. Licentie {cbs.LICENCE}."
        ),
    }
    extra = {"bestand": name, "tabel": table_id}
    return _store(engine, figures, source, table_id or name, username, extra)


def _store(
    engine: sa.Engine,
    figures: pd.DataFrame,
    source: Mapping,
    label: str,
    username: str,
    extra: Mapping,
) -> CbsResult:
    """Source, figures and audit entry in one transaction; nothing at all when nothing changed."""
    years = tuple(sorted({int(y) for y in figures["year"]}))
    with engine.connect() as conn:
        trans = conn.begin()
        try:
            source_id = context.find_or_add_source(conn, source)
            counts = context.store(conn, figures.assign(source_id=source_id))
        except KeyError as exc:
            trans.rollback()
            message = str(exc.args[0]) if exc.args else ""
            if not message.startswith("Onbekende gemeentecodes"):
                raise
            raise CbsImportError(
                [f"{message}. Deze codes kent de monitor niet (ook niet als opgeheven gemeente); "
                 "er is niets opgeslagen."]
            ) from None  # fmt: skip
        except BaseException:
            trans.rollback()
            raise
        if not (counts["nieuw"] or counts["gewijzigd"]):
            # Idempotent: a run that changes no figure leaves no trace (no source, no audit).
            trans.rollback()
        else:
            audit.record(
                conn,
                username,
                AUDIT_ACTION,
                AUDIT_ENTITY,
                label,
                new={
                    **extra,
                    "bron": source["title"],
                    "jaren": list(years),
                    "maten": sorted(set(figures["measure"])),
                    "nieuw": counts["nieuw"],
                    "gewijzigd": counts["gewijzigd"],
                    "ongewijzigd": counts["ongewijzigd"],
                },
            )
            versions.bump(conn)  # every replica shows the new figures on its next page run
            trans.commit()
    return CbsResult(
        label, source["title"], years, counts["nieuw"], counts["gewijzigd"], counts["ongewijzigd"]
    )

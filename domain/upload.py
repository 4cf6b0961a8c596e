"""Reading and checking an uploaded trajectory file before anything is written.

Pure functions: bytes in, rows and problems out. Every problem names the row (as the spreadsheet
numbers it, header = row 1) and the column, in the reader's language (locales/, section [upload]). A file that holds personal data is refused
as a whole, and its problem messages never repeat a value from the file.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime

import numpy as np
import pandas as pd

from domain.bsn import BSN_SHARE, WEIGHTS
from domain.bsn import MIN_VALUES as BSN_MIN_VALUES
from domain.formatting import fmt_date, fmt_int
from domain.spreadsheet import (
    MAX_INFLATED_BYTES,
    OLE2_MAGIC,
    ZIP_MAGIC,
    WorkbookRefused,
    first_sheet_rows,
)
from domain.texts import t

TEMPLATE_COLUMNS = (
    "traject_id",
    "gemeentecode",
    "programma",
    "aanbieder",
    "aanmelddatum",
    "intakedatum",
    "diagnosedatum",
    "startdatum_traject",
    "plaatsingsdatum",
    "plaatsing_type",
    "duurzaam_datum",
    "uitvaldatum",
    "uitvalreden",
)
REQUIRED_COLUMNS = ("traject_id", "gemeentecode", "aanmelddatum")
# The funnel's dates in order: each one may not lie before the one it follows.
STAGE_DATES = (
    ("aanmelddatum", "registered_on"),
    ("intakedatum", "intake_on"),
    ("diagnosedatum", "diagnosis_on"),
    ("startdatum_traject", "started_on"),
    ("plaatsingsdatum", "placed_on"),
    ("duurzaam_datum", "lasting_on"),
)
DATE_COLUMNS = tuple(c for c, _ in STAGE_DATES) + ("uitvaldatum",)
PLACEMENT_TYPES = ("werk", "opleiding")

# A large municipality's year is some 10,000 to 100,000 trajectories; five times that is allowed.
MAX_ROWS = 500_000
MAX_BYTES = 150 * 1024 * 1024
MAX_KEY_LENGTH = 64

# Headers that announce personal data, whatever the column holds.
PERSONAL_HEADER = re.compile(
    r"bsn|sofi|burgerservice|naam|name|adres|address|straat|huisnummer|postcode|woonplaats|"
    r"geboort|birth|e-?mail|telefoon|phone|iban",
    re.IGNORECASE,
)
POSTCODE = re.compile(r"^\d{4}\s?[A-Za-z]{2}$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
DUTCH_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
# domain.bsn's nine (or eight) digits, in ASCII digits only, so they can be summed as bytes.
ASCII_NINE_DIGITS = r"[0-9]{8,9}"
# What either date form looks like, to parse only the texts that may be dates.
DATE_SHAPE = r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{4}"
# POSTCODE in the form the column-wide (pyarrow) matcher takes.
POSTCODE_SHAPE = r"[0-9]{4}[ \t]?[A-Za-z]{2}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file: where (row, column) and what, in the reader's language.
    `last_row`: the same message holds for every row from `row` up to it (see `grouped`)."""

    row: int | None
    column: str | None
    message: str
    last_row: int | None = None


def grouped(problems: list[Problem]) -> list[Problem]:
    """The problems as a person reads them: the same message in the same column on consecutive
    rows is one problem over those rows ('rij 2–2.001: ...'), in the order of the first row."""
    out: list[Problem] = []
    open_: dict[tuple, int] = {}  # (column, message) -> index in out of its last group
    for p in problems:
        key = (p.column, p.message)
        i = open_.get(key)
        if p.row is not None and i is not None:
            last = out[i].last_row or out[i].row
            if last is not None and p.row == last + 1:
                out[i] = replace(out[i], last_row=p.row)
                continue
        open_[key] = len(out)
        out.append(p)
    return out


class UploadRefused(Exception):  # noqa: N818 - it is a verdict, not an error of the program
    """The whole file is refused (not readable, too large, personal data)."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass
class RawTable:
    """The file's cells as text (one string column per header cell, by position), with the
    spreadsheet row number of each data row."""

    columns: list[str]
    cells: pd.DataFrame
    row_numbers: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.cells)

    def column(self, name: str) -> pd.Series:
        """The cells of the (first) column with this header, or empty texts when it is absent."""
        if name in self.columns:
            return self.cells.iloc[:, self.columns.index(name)]
        return pd.Series([""] * len(self.cells), index=self.cells.index, dtype=str)


# Reports how far an import is: (stage, rows done, rows in all); see data_access.imports.
Progress = Callable[[str, int, int], None]


def no_progress(_stage: str, _done: int, _total: int) -> None:
    """The progress callback for callers that show none."""


# -- reading ---------------------------------------------------------------------------------

SPREADSHEETS = ("xlsx", "ods")


def read_table(file_name: str, content: bytes) -> RawTable:
    """Read a CSV (comma or semicolon; UTF-8 with or without BOM, or Windows-1252), an XLSX or
    an ODS. Anything unreadable or hostile is refused with a message, never an exception."""
    refuse = _refuser(file_name)
    if not content or not content.strip():
        refuse(None, t("upload.leeg"))
    if len(content) > MAX_BYTES:
        refuse(None, t("upload.te_groot", mb=MAX_BYTES // (1024 * 1024)))
    suffix = file_name.lower().rsplit(".", 1)[-1] if "." in file_name else ""
    is_zip = content[:4] == ZIP_MAGIC
    try:
        if suffix in SPREADSHEETS:
            table = _read_workbook(suffix, content, refuse)
        elif suffix == "csv":
            if is_zip or content[:8] == OLE2_MAGIC or b"\x00" in content[:4096]:
                refuse(None, t("upload.geen_tekst"))
            table = _read_csv(content, refuse)
        else:
            refuse(None, t("upload.soort"))
    except UploadRefused:
        raise
    except (MemoryError, RecursionError, ValueError, TypeError, IndexError, OverflowError):
        # A reader failing in a way nobody foresaw still ends in a message, not a traceback.
        refuse(None, t("werkmap.onleesbaar"))
    if not len(table):
        refuse(None, t("upload.geen_rijen"))
    if len(table) > MAX_ROWS:
        refuse(None, t("upload.te_veel_rijen", rijen=fmt_int(len(table)), grens=fmt_int(MAX_ROWS)))
    return table


def _refuser(file_name: str):
    def refuse(column: str | None, message: str):
        raise UploadRefused([Problem(None, column, f"{file_name}: {message}")])

    return refuse


def _normalise_header(name: object) -> str:
    return str(name or "").strip().lower().replace(" ", "_")


def _frame(header: list[str], lines: list[list[object]], first_number: int) -> RawTable:
    """The table from a header and data lines of cell texts (lines may differ in length)."""
    width = max([len(header), 1, *(len(line) for line in lines)])
    padded = [list(line) + [""] * (width - len(line)) for line in lines]
    frame = pd.DataFrame(padded, dtype=object) if lines else pd.DataFrame(columns=range(width))
    return _table(header, frame.fillna(""), first_number)


def _table(header: list[str], frame: pd.DataFrame, first_number: int) -> RawTable:
    """Strip every cell, pad missing columns, drop blank lines (keeping every other line's
    spreadsheet number) and cells beyond the header."""
    numbers = np.arange(first_number, first_number + len(frame), dtype=np.int64)
    frame = frame.set_axis(range(frame.shape[1]), axis=1)
    for position in range(frame.shape[1], max(len(header), 1)):
        frame[position] = ""
    stripped = pd.DataFrame(
        {i: frame[i].astype(str).str.strip() for i in frame.columns}, index=frame.index
    )
    blank = (stripped == "").all(axis=1).to_numpy(dtype=bool)
    kept = stripped.loc[~blank].iloc[:, : len(header)].reset_index(drop=True)
    return RawTable(header, kept, numbers[~blank])


def _read_csv(content: bytes, refuse) -> RawTable:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="strict") if _is_cp1252(content) else None
        if text is None:
            refuse(None, t("upload.codering"))
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        # pandas' C parser reads a file with as many cells on every line as on the first fast.
        frame = pd.read_csv(
            io.StringIO(text), sep=delimiter, header=None, dtype=str, na_filter=False,
            skip_blank_lines=False, quotechar='"', doublequote=True, engine="c",
        )  # fmt: skip
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError, csv.Error):
        frame = None  # lines of unequal length, or odd quoting: Python's csv module decides
    if frame is not None and len(frame):
        header = [_normalise_header(h) for h in frame.iloc[0]]
        return _table(header, frame.iloc[1:].reset_index(drop=True), 2)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        lines = list(reader)
    except csv.Error:
        refuse(None, t("upload.geen_csv"))
    if not lines:
        refuse(None, t("upload.geen_rijen"))
    header = [_normalise_header(h) for h in lines[0]]
    return _frame(header, lines[1:], 2)


def _is_cp1252(content: bytes) -> bool:
    try:
        content.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_workbook(suffix: str, content: bytes, refuse) -> RawTable:
    kind = t(f"werkmap.{suffix}")
    if content[:4] != ZIP_MAGIC and content[:8] != OLE2_MAGIC:
        if suffix == "xlsx":
            refuse(None, t("upload.geen_excel"))
        refuse(None, t("werkmap.geen_werkmap", soort=suffix, soortnaam=kind))
    try:
        lines = first_sheet_rows(content)
    except WorkbookRefused as refused:
        mb = MAX_INFLATED_BYTES // (1024 * 1024)
        refuse(None, t(refused.reason, soortnaam=kind, mb=mb))
    if not lines or not any(_cell_text(c) for c in lines[0]):
        if not lines or not any(any(_cell_text(c) for c in line) for line in lines):
            refuse(None, t("werkmap.werkblad_leeg"))
    header = [_normalise_header(_cell_text(h)) for h in lines[0]]
    body = [[_cell_text(c) for c in line] for line in lines[1:]]
    return _frame(header, body, 2)


# -- personal data ---------------------------------------------------------------------------


def personal_data_problems(file_name: str, table: RawTable) -> list[Problem]:
    """Columns that hold (or announce) personal data. Messages name the column, never a value."""
    problems = []
    for i, column in enumerate(table.columns):
        values = table.cells.iloc[:, i]
        reason = _personal_reason(column, values)
        if reason:
            problems.append(
                Problem(
                    None,
                    column,
                    f"{file_name}: " + t("upload.persoonsgegevens", kolom=column, reden=reason),
                )
            )
    return problems


def _personal_reason(column: str, values: pd.Series) -> str | None:
    filled = values[values != ""].astype(str)
    if _bsn_share(filled):
        return t("upload.reden_bsn")
    if column not in TEMPLATE_COLUMNS and PERSONAL_HEADER.search(column):
        return t("upload.reden_kop")
    if not len(filled):
        return None
    if filled.str.fullmatch(POSTCODE_SHAPE).mean() >= 0.5:
        return t("upload.reden_postcode")
    if column not in DATE_COLUMNS:
        # Only texts shaped like a date are parsed, each distinct one once.
        shaped = filled[filled.str.fullmatch(DATE_SHAPE)]
        parsed = _mapped(shaped, parse_date).dropna()
        known = len(parsed)
        if known / len(filled) >= 0.5:
            old = sum(d.year < 2010 for d in parsed)
            if old / known >= 0.5:
                return t("upload.reden_geboortedatum")
    return None


def _bsn_share(filled: pd.Series) -> bool:
    """domain.bsn.looks_like_bsn_column, on a whole column at once (the same verdict)."""
    texts = filled.str.strip().str.removesuffix(".0")
    nine = texts[texts.str.fullmatch(ASCII_NINE_DIGITS)]
    if len(nine) < BSN_MIN_VALUES or len(nine) < len(texts) / 2:
        return False
    padded = "".join(nine.str.zfill(9)).encode("ascii")
    digits = np.frombuffer(padded, dtype=np.uint8).reshape(-1, 9).astype(np.int64) - ord("0")
    weighted = digits @ np.array(WEIGHTS, dtype=np.int64)
    passing = (weighted % 11 == 0) & digits.any(axis=1)
    return passing.mean() >= BSN_SHARE


# -- values ----------------------------------------------------------------------------------


def parse_date(text: str) -> date | None:
    """ISO (2024-03-01) or Dutch (01-03-2024, 1/3/2024); None when it is neither."""
    text = text.strip()
    match = ISO_DATE.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = DUTCH_DATE.match(text)
        if not match:
            return None
        day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True)
class Reference:
    """What the database knows, for checking codes and names."""

    area_codes: frozenset[str]
    area_names: dict[str, str]  # lower-case name -> code, only names that are unambiguous
    programme_codes: frozenset[str]
    providers: dict[str, dict[str, int]]  # programme code -> lower-case provider name -> id


@dataclass
class Checked:
    """The checked rows as trajectory fields (only rows without problems), and every problem."""

    rows: pd.DataFrame
    problems: list[Problem]


# The fields of a checked row, in the order the importer writes them.
ROW_FIELDS = (
    "source_key",
    "programme_code",
    "area_code",
    "provider_id",
    *(f for _, f in STAGE_DATES),
    "placement_type",
    "dropout_on",
    "dropout_reason",
)


def _mapped(column: pd.Series, rule: Callable[[str], object]) -> pd.Series:
    """Apply `rule` once per distinct value: a column of 500,000 dates holds a few thousand.
    The results keep their Python types (an int stays an int beside None)."""
    codes, distinct = pd.factorize(column.to_numpy(dtype=object))
    results = np.empty(len(distinct), dtype=object)
    results[:] = [rule(value) for value in distinct]
    return pd.Series(results[codes], index=column.index, dtype=object)


class _Findings:
    """Problems collected column by column, reported row by row in the order of the checks."""

    def __init__(self, numbers: np.ndarray):
        self.numbers = numbers
        self.found: list[tuple[int, int, str, str]] = []
        self.bad = np.zeros(len(numbers), dtype=bool)

    def add(self, mask, column: str, message: str | Callable[[int], str]) -> None:
        """`message` is a text, or a function of the row's position for texts with its values."""
        positions = np.flatnonzero(np.asarray(mask, dtype=bool))
        if not len(positions):
            return
        self.bad[positions] = True
        order = len(self.found)  # checks added later come later within a row
        for i in positions:
            text = message if isinstance(message, str) else message(int(i))
            self.found.append((int(self.numbers[i]), order, column, text))

    def problems(self) -> list[Problem]:
        self.found.sort(key=lambda f: (f[0], f[1]))
        return [Problem(row, column, message) for row, _, column, message in self.found]


def check_rows(
    file_name: str,
    table: RawTable,
    ref: Reference,
    programme: str | None,
    today: date,
    progress: Progress = no_progress,
) -> Checked:
    """Check every row; return the rows as trajectory fields, and every problem found.

    The rules are those of one row at a time, applied to whole columns at once."""
    problems: list[Problem] = []
    columns = table.columns
    unknown = [c for c in columns if c not in TEMPLATE_COLUMNS]
    for column in unknown:
        problems.append(
            Problem(
                None, column or t("upload.leeg_kolom"), t("upload.kolom_onbekend", kolom=column)
            )
        )
    required = list(REQUIRED_COLUMNS) + ([] if programme else ["programma"])
    for column in required:
        if column not in columns:
            problems.append(Problem(None, column, t("upload.kolom_ontbreekt", kolom=column)))
    if len(set(columns)) != len(columns):
        problems.append(Problem(None, None, t("upload.kolom_dubbel")))
    if problems:
        return Checked(pd.DataFrame(columns=list(ROW_FIELDS)), problems)
    total = len(table)
    progress("controleren", 0, total)
    cell = {c: table.column(c) for c in TEMPLATE_COLUMNS}
    found = _Findings(table.row_numbers)
    out: dict[str, pd.Series] = {}

    for column in TEMPLATE_COLUMNS:
        # A NUL character cannot be stored (PostgreSQL refuses it) and is never meant.
        found.add(
            cell[column].str.contains("\x00", regex=False).to_numpy(dtype=bool),
            column,
            t("werkmap.ongeldig_teken", kolom=column),
        )
    key = cell["traject_id"]
    keys = key.to_numpy(dtype=object)
    empty_key = (key == "").to_numpy()
    long_key = (key.str.len() > MAX_KEY_LENGTH).to_numpy() & ~empty_key
    found.add(empty_key, "traject_id", t("upload.id_ontbreekt"))
    found.add(long_key, "traject_id", t("upload.id_te_lang", tekens=MAX_KEY_LENGTH))
    valid_key = ~(empty_key | long_key)
    first_row = (
        pd.Series(table.row_numbers[valid_key], index=keys[valid_key])
        .groupby(level=0, sort=False)
        .first()
    )
    repeated = valid_key & key.duplicated(keep=False).to_numpy()
    repeated &= table.row_numbers != first_row.reindex(keys).to_numpy()
    found.add(
        repeated,
        "traject_id",
        lambda i: t("upload.id_dubbel", id=keys[i], rij=int(first_row[keys[i]])),
    )
    out["source_key"] = key

    area_texts = cell["gemeentecode"]
    area_code = _mapped(area_texts, lambda v: _area_code(v, ref))
    found.add(
        area_code.isna().to_numpy(),
        "gemeentecode",
        lambda i: t("upload.gemeente_onbekend", gemeente=area_texts.iat[i]),
    )
    out["area_code"] = area_code
    progress("controleren", total // 4, total)

    given = cell["programma"]
    code = given.where(given != "", programme or "")
    if programme:
        differs = ((given != "") & (given != programme)).to_numpy()
        named = set(given[given != ""])
        if differs.all() and len(named) == 1:
            # The whole file names another programme than the chosen one: one message, not one
            # per row; the rows are checked further against the programme the file names.
            problems.append(Problem(None, "programma", t(
                "upload.programma_bestand", programma=next(iter(named)), gekozen=programme)))  # fmt: skip
            differs = np.zeros(total, dtype=bool)
            code = given
        found.add(
            differs,
            "programma",
            lambda i: t("upload.programma_afwijkend", programma=given.iat[i], gekozen=programme),
        )
    else:
        differs = np.zeros(total, dtype=bool)
    unknown_code = ~code.isin(list(ref.programme_codes)).to_numpy() & ~differs
    found.add(
        unknown_code,
        "programma",
        lambda i: t("upload.programma_onbekend", programma=code.iat[i]),
    )
    out["programme_code"] = code

    provider = cell["aanbieder"]
    pairs = pd.Series(list(zip(code, provider.str.lower(), strict=True)), dtype=object)
    provider_id = _mapped(pairs, lambda p: _provider_id(p, ref)).where(provider != "", None)
    found.add(
        ((provider != "") & provider_id.isna()).to_numpy(),
        "aanbieder",
        lambda i: t("upload.aanbieder_fout", aanbieder=provider.iat[i], programma=code.iat[i]),
    )
    out["provider_id"] = provider_id
    progress("controleren", total // 2, total)

    dates: dict[str, pd.Series] = {}
    days: dict[str, np.ndarray] = {}
    limit = today.toordinal()
    for column in DATE_COLUMNS:
        text = cell[column]
        parsed = _mapped(text, parse_date)
        day = _mapped(text, _ordinal).to_numpy(dtype=float)
        not_date = ((text != "") & parsed.isna()).to_numpy()
        found.add(not_date, column, lambda i, text=text: t("upload.geen_datum", tekst=text.iat[i]))
        found.add(
            day > limit,
            column,
            lambda i, parsed=parsed: t("upload.toekomst", datum=fmt_date(parsed.iat[i])),
        )
        dates[column], days[column] = parsed, day
    found.add(
        (cell["aanmelddatum"] == "").to_numpy(),
        "aanmelddatum",
        t("upload.aanmelddatum_ontbreekt"),
    )
    progress("controleren", 3 * total // 4, total)

    # Each stage date may not lie before the last earlier stage that has a date.
    previous_day = np.full(total, np.nan)
    previous_name = np.full(total, "", dtype=object)
    for column, _field in STAGE_DATES:
        current = days[column]
        before = ~np.isnan(current) & ~np.isnan(previous_day) & (current < previous_day)
        for name in pd.unique(previous_name[before]):
            found.add(
                before & (previous_name == name),
                column,
                t("upload.voor", kolom=column, vorige=name),
            )
        has = ~np.isnan(current)
        previous_day = np.where(has, current, previous_day)
        previous_name = np.where(has, column, previous_name)
    dropout, registered = days["uitvaldatum"], days["aanmelddatum"]
    found.add(dropout < registered, "uitvaldatum", t("upload.uitval_voor_aanmelding"))
    found.add(
        ~np.isnan(dropout) & (cell["uitvalreden"] == "").to_numpy(),
        "uitvalreden",
        t("upload.uitvalreden_ontbreekt"),
    )
    placement = cell["plaatsing_type"].str.lower()
    placed = ~np.isnan(days["plaatsingsdatum"])
    found.add(
        placed & ~placement.isin(PLACEMENT_TYPES).to_numpy(),
        "plaatsing_type",
        t("upload.plaatsing_type_fout"),
    )
    found.add(
        (placement != "").to_numpy() & ~placed,
        "plaatsing_type",
        t("upload.plaatsing_type_zonder"),
    )
    found.add(
        ~np.isnan(days["duurzaam_datum"]) & ~placed,
        "duurzaam_datum",
        t("upload.duurzaam_zonder"),
    )

    for column, name in STAGE_DATES:
        out[name] = dates[column]
    out["placement_type"] = placement.astype(object).where(placement != "", None)
    out["dropout_on"] = dates["uitvaldatum"]
    reason = cell["uitvalreden"]
    out["dropout_reason"] = reason.astype(object).where(reason != "", None)
    rows = pd.DataFrame({f: out[f].to_numpy(dtype=object) for f in ROW_FIELDS})
    rows = rows.loc[~found.bad].reset_index(drop=True)
    progress("controleren", total, total)
    return Checked(rows, problems + found.problems())


def _ordinal(text: str) -> float:
    parsed = parse_date(text)
    return float(parsed.toordinal()) if parsed else np.nan


def _provider_id(pair: tuple[str, str], ref: Reference) -> int | None:
    code, name = pair
    return ref.providers.get(code, {}).get(name)


def _area_code(value: str, ref: Reference) -> str | None:
    text = value.strip()
    if text.upper() in ref.area_codes:
        return text.upper()
    return ref.area_names.get(text.lower())


TEMPLATE_EXAMPLE = (
    "HR-2024-00017", "GM0546", "HR-INKOOP", "Aanbieder A", "2024-01-15", "2024-01-29",
    "2024-02-12", "2024-03-01", "2024-07-01", "werk", "2025-01-10", "", "",
)  # fmt: skip


def template_csv() -> bytes:
    """The upload template: the header and one example row, semicolon-separated for Dutch Excel."""
    lines = [";".join(TEMPLATE_COLUMNS), ";".join(TEMPLATE_EXAMPLE)]
    return ("\n".join(lines) + "\n").encode("utf-8-sig")


ODS_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""
ODS_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet><table:table table:name="trajecten">{rows}</table:table>
</office:spreadsheet></office:body></office:document-content>"""


def template_ods() -> bytes:
    """The upload template as an OpenDocument spreadsheet (.ods), with real date cells."""
    import zipfile
    from xml.sax.saxutils import escape

    def cell(value: str) -> str:
        if not value:
            return "<table:table-cell/>"
        if ISO_DATE.match(value):
            return (
                f'<table:table-cell office:value-type="date" office:date-value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        return f'<table:table-cell office:value-type="string"><text:p>{escape(value)}</text:p></table:table-cell>'

    rows = "".join(
        "<table:table-row>" + "".join(cell(v) for v in line) + "</table:table-row>"
        for line in (TEMPLATE_COLUMNS, TEMPLATE_EXAMPLE)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # ODF wants the media type first and uncompressed, so a reader can sniff it.
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)  # fmt: skip
        archive.writestr("META-INF/manifest.xml", ODS_MANIFEST, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", ODS_CONTENT.format(rows=rows), zipfile.ZIP_DEFLATED)
    return buffer.getvalue()

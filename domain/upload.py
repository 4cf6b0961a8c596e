"""Reading and checking an uploaded trajectory file before anything is written.

Pure functions: bytes in, rows and problems out. Every problem names the row (as the spreadsheet
numbers it, header = row 1) and the column, in the reader's language (locales/, section [upload]). A file that holds personal data is refused
as a whole, and its problem messages never repeat a value from the file.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from domain.bsn import looks_like_bsn_column
from domain.formatting import fmt_date, fmt_int
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


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file: where (row, column) and what, in the reader's language."""

    row: int | None
    column: str | None
    message: str


class UploadRefused(Exception):  # noqa: N818 - it is a verdict, not an error of the program
    """The whole file is refused (not readable, too large, personal data)."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass
class RawTable:
    """The file's cells as text, with the spreadsheet row number of each data row."""

    columns: list[str]
    rows: list[list[str]]
    row_numbers: list[int] = field(default_factory=list)


# -- reading ---------------------------------------------------------------------------------


def read_table(file_name: str, content: bytes) -> RawTable:
    """Read a CSV (comma or semicolon; UTF-8 with or without BOM, or Windows-1252) or an XLSX."""
    refuse = _refuser(file_name)
    if not content or not content.strip():
        refuse(None, t("upload.leeg"))
    if len(content) > MAX_BYTES:
        refuse(None, t("upload.te_groot", mb=MAX_BYTES // (1024 * 1024)))
    suffix = file_name.lower().rsplit(".", 1)[-1] if "." in file_name else ""
    is_zip = content[:4] == b"PK\x03\x04"
    if suffix == "xlsx":
        if not is_zip:
            refuse(None, t("upload.geen_excel"))
        table = _read_xlsx(content, refuse)
    elif suffix == "csv":
        if is_zip or b"\x00" in content[:4096]:
            refuse(None, t("upload.geen_tekst"))
        table = _read_csv(content, refuse)
    else:
        refuse(None, t("upload.soort"))
    if not table.rows:
        refuse(None, t("upload.geen_rijen"))
    if len(table.rows) > MAX_ROWS:
        refuse(
            None, t("upload.te_veel_rijen", rijen=fmt_int(len(table.rows)), grens=fmt_int(MAX_ROWS))
        )
    return table


def _refuser(file_name: str):
    def refuse(column: str | None, message: str):
        raise UploadRefused([Problem(None, column, f"{file_name}: {message}")])

    return refuse


def _normalise_header(name: object) -> str:
    return str(name or "").strip().lower().replace(" ", "_")


def _read_csv(content: bytes, refuse) -> RawTable:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="strict") if _is_cp1252(content) else None
        if text is None:
            refuse(None, t("upload.codering"))
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        lines = [row for row in reader]
    except csv.Error:
        refuse(None, t("upload.geen_csv"))
    header = [_normalise_header(h) for h in lines[0]]
    rows, numbers = [], []
    for number, row in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # blank lines at the end are common and mean nothing
        rows.append([cell.strip() for cell in row] + [""] * (len(header) - len(row)))
        numbers.append(number)
    return RawTable(header, rows, numbers)


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


def _read_xlsx(content: bytes, refuse) -> RawTable:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        refuse(None, t("upload.excel_kapot"))
    sheet = workbook.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    header_cells = next(lines, None)
    if header_cells is None:
        refuse(None, t("upload.werkblad_leeg"))
    header = [_normalise_header(h) for h in header_cells]
    rows, numbers = [], []
    for number, cells in enumerate(lines, start=2):
        texts = [_cell_text(c) for c in cells]
        if not any(texts):
            continue
        rows.append(texts[: len(header)] + [""] * (len(header) - len(texts)))
        numbers.append(number)
    workbook.close()
    return RawTable(header, rows, numbers)


# -- personal data ---------------------------------------------------------------------------


def personal_data_problems(file_name: str, table: RawTable) -> list[Problem]:
    """Columns that hold (or announce) personal data. Messages name the column, never a value."""
    problems = []
    for i, column in enumerate(table.columns):
        values = [row[i] for row in table.rows]
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


def _personal_reason(column: str, values: list[str]) -> str | None:
    if looks_like_bsn_column(values):
        return t("upload.reden_bsn")
    if column not in TEMPLATE_COLUMNS and PERSONAL_HEADER.search(column):
        return t("upload.reden_kop")
    filled = [v for v in values if v]
    if filled and sum(bool(POSTCODE.match(v)) for v in filled) / len(filled) >= 0.5:
        return t("upload.reden_postcode")
    if column not in DATE_COLUMNS and filled:
        dates = [parse_date(v) for v in filled]
        known = [d for d in dates if d is not None]
        if (
            len(known) / len(filled) >= 0.5
            and sum(d.year < 2010 for d in known) / len(known) >= 0.5
        ):
            return t("upload.reden_geboortedatum")
    return None


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
    rows: list[dict]
    problems: list[Problem]


def check_rows(
    file_name: str, table: RawTable, ref: Reference, programme: str | None, today: date
) -> Checked:
    """Check every row; return the rows as trajectory fields, and every problem found."""
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
        return Checked([], problems)
    index = {c: i for i, c in enumerate(columns)}
    seen: dict[str, int] = {}
    rows = []
    for number, cells in zip(table.row_numbers, table.rows, strict=True):
        row = {c: cells[index[c]] if c in index else "" for c in TEMPLATE_COLUMNS}
        checked, row_problems = _check_row(number, row, ref, programme, today, seen)
        problems.extend(row_problems)
        if checked is not None:
            rows.append(checked)
    return Checked(rows, problems)


def _check_row(number, row, ref, programme, today, seen):
    problems = []

    def problem(column: str, message: str) -> None:
        problems.append(Problem(number, column, message))

    key = row["traject_id"]
    if not key:
        problem("traject_id", t("upload.id_ontbreekt"))
    elif len(key) > MAX_KEY_LENGTH:
        problem("traject_id", t("upload.id_te_lang", tekens=MAX_KEY_LENGTH))
    elif key in seen:
        problem("traject_id", t("upload.id_dubbel", id=key, rij=seen[key]))
    else:
        seen[key] = number

    area = _area_code(row["gemeentecode"], ref)
    if area is None:
        problem(
            "gemeentecode",
            t("upload.gemeente_onbekend", gemeente=row["gemeentecode"]),
        )

    code = row["programma"] or programme or ""
    if programme and row["programma"] and row["programma"] != programme:
        problem(
            "programma",
            t("upload.programma_afwijkend", programma=row["programma"], gekozen=programme),
        )
    elif code not in ref.programme_codes:
        problem("programma", t("upload.programma_onbekend", programma=code))

    provider_id = None
    if row["aanbieder"]:
        provider_id = ref.providers.get(code, {}).get(row["aanbieder"].lower())
        if provider_id is None:
            problem(
                "aanbieder", t("upload.aanbieder_fout", aanbieder=row["aanbieder"], programma=code)
            )

    dates: dict[str, date | None] = {}
    for column in DATE_COLUMNS:
        text = row[column]
        if not text:
            dates[column] = None
            continue
        parsed = parse_date(text)
        if parsed is None:
            problem(column, t("upload.geen_datum", tekst=text))
        elif parsed > today:
            problem(column, t("upload.toekomst", datum=fmt_date(parsed)))
        dates[column] = parsed
    if row["aanmelddatum"] and dates["aanmelddatum"] is None:
        pass  # already reported as not a date
    elif not row["aanmelddatum"]:
        problem("aanmelddatum", t("upload.aanmelddatum_ontbreekt"))
    previous = None
    for column, _field in STAGE_DATES:
        current = dates[column]
        if current is None:
            continue
        if previous is not None and current < dates[previous]:
            problem(column, t("upload.voor", kolom=column, vorige=previous))
        previous = column
    if (
        dates["uitvaldatum"]
        and dates["aanmelddatum"]
        and dates["uitvaldatum"] < dates["aanmelddatum"]
    ):
        problem("uitvaldatum", t("upload.uitval_voor_aanmelding"))
    if dates["uitvaldatum"] and not row["uitvalreden"]:
        problem("uitvalreden", t("upload.uitvalreden_ontbreekt"))

    placement = row["plaatsing_type"].lower()
    if dates["plaatsingsdatum"] and placement not in PLACEMENT_TYPES:
        problem(
            "plaatsing_type",
            t("upload.plaatsing_type_fout"),
        )
    if placement and not dates["plaatsingsdatum"]:
        problem("plaatsing_type", t("upload.plaatsing_type_zonder"))
    if dates["duurzaam_datum"] and not dates["plaatsingsdatum"]:
        problem("duurzaam_datum", t("upload.duurzaam_zonder"))

    if problems:
        return None, problems
    fields = {f: dates[c] for c, f in STAGE_DATES}
    return {
        "source_key": key,
        "programme_code": code,
        "area_code": area,
        "provider_id": provider_id,
        **fields,
        "placement_type": placement or None,
        "dropout_on": dates["uitvaldatum"],
        "dropout_reason": row["uitvalreden"] or None,
    }, []


def _area_code(value: str, ref: Reference) -> str | None:
    text = value.strip()
    if text.upper() in ref.area_codes:
        return text.upper()
    return ref.area_names.get(text.lower())


def template_csv() -> bytes:
    """The upload template: the header and one example row, semicolon-separated for Dutch Excel."""
    example = [
        "HR-2024-00017", "GM0546", "HR-INKOOP", "Aanbieder A", "2024-01-15", "2024-01-29",
        "2024-02-12", "2024-03-01", "2024-07-01", "werk", "2025-01-10", "", "",
    ]  # fmt: skip
    lines = [";".join(TEMPLATE_COLUMNS), ";".join(example)]
    return ("\n".join(lines) + "\n").encode("utf-8-sig")

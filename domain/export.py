"""Exports for computing: numbers as numbers, dates as dates, and no cell read as a formula.

The pages' tables hold what a reader sees: '2.143', '81%', '01-05-2017', '<10', 'x'. An export
turns each column back into what it counts (`typed`): whole numbers, decimals, fractions for
percentages and dates, when every shown cell of the column reads as one of them in the page's
language. A hidden count ('<10', 'x') and a missing value ('–') become an empty cell; the row's
note column says which cell was hidden and how, so nothing the page shows is lost.

CSV: numbers without thousands separators and dates as yyyy-mm-dd. Dutch: ';' between fields and
',' as decimal mark, as Dutch Excel expects; English: ',' and '.'. UTF-8 with a byte order mark,
so that Excel reads the accents.
Excel: numbers as numbers in a number format of the language (percentages as fractions in a
percent format), dates as dates, text always as text, and a sheet that explains the symbols."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

# A cell starting with one of these is a formula to Excel and LibreOffice (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HIDDEN = re.compile(r"^(<\d+|x)$")  # a hidden count, as the pages show it
MISSING = ("–", "")
SEPARATORS = {"nl": (".", ","), "en": (",", ".")}  # thousands, decimal mark
CSV_FIELDS = {"nl": ";", "en": ","}
DATE_FORMATS = {"nl": ("%d-%m-%Y", r"^\d{2}-\d{2}-\d{4}$", "DD-MM-YYYY"),
                "en": ("%Y-%m-%d", r"^\d{4}-\d{2}-\d{2}$", "YYYY-MM-DD")}  # fmt: skip


def defuse(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(defuse)
    out.columns = [defuse(c) for c in out.columns]
    return out


@dataclass(frozen=True)
class Typed:
    """A table as numbers, dates and text, with what each typed column holds and a note per row."""

    frame: pd.DataFrame
    kinds: dict[str, str] = field(default_factory=dict)  # column -> int, decimal, percent, date
    decimals: dict[str, int] = field(default_factory=dict)  # places shown, for decimal/percent
    notes: list[str] = field(default_factory=list)  # per row: '<column>: <10; <column>: x'


def _number_pattern(language: str) -> re.Pattern:
    thousands, mark = (re.escape(s) for s in SEPARATORS[language])
    whole = rf"(\d{{1,3}}(?:{thousands}\d{{3}})+|0|[1-9]\d*)"
    return re.compile(rf"^([+\-−]?){whole}(?:{mark}(\d+))?$")


def _read(text: str, language: str) -> tuple[str, object, int] | None:
    """(kind, value, decimals) of one shown cell, or None when it is not a number or a date."""
    text = text.strip()
    percent = text.endswith("%")
    body = text[:-1].strip() if percent else text
    found = _number_pattern(language).match(body)
    if found:
        sign, whole, fraction = found.groups()
        thousands, _ = SEPARATORS[language]
        value = float(f"{whole.replace(thousands, '')}.{fraction or 0}")
        value = -value if sign in ("-", "−") else value
        places = len(fraction or "")
        if percent:
            return "percent", value / 100, places
        return ("decimal", value, places) if fraction else ("int", int(value), 0)
    strptime, pattern, _ = DATE_FORMATS[language]
    if not percent and re.match(pattern, text):
        try:
            return "date", datetime.strptime(text, strptime).date(), 0
        except ValueError:
            return None
    return None


def typed(df: pd.DataFrame, language: str = "nl") -> Typed:
    """The table with every column that reads wholly as numbers (or dates) typed as such."""
    out = df.copy()
    kinds: dict[str, str] = {}
    decimals: dict[str, int] = {}
    notes: list[list[str]] = [[] for _ in range(len(df))]
    for column in df.columns:
        values = df[column]
        if pd.api.types.is_bool_dtype(values):
            continue
        if pd.api.types.is_integer_dtype(values):
            kinds[str(column)] = "int"
            continue
        if pd.api.types.is_float_dtype(values):
            kinds[str(column)], decimals[str(column)] = "decimal", 2
            continue
        cells = [v if isinstance(v, str) else None for v in values]
        if any(v is None and not pd.isna(x) for v, x in zip(cells, values, strict=True)):
            continue  # mixed Python objects: left as they are
        read = [None if c is None or c.strip() in MISSING or HIDDEN.match(c.strip())
                else _read(c, language) for c in cells]  # fmt: skip
        shown = [r for r, c in zip(read, cells, strict=True)
                 if c is not None and c.strip() not in MISSING and not HIDDEN.match(c.strip())]  # fmt: skip
        if not shown or any(r is None for r in shown):
            continue
        found = {r[0] for r in shown}
        if found <= {"int", "decimal"}:
            kind = "decimal" if "decimal" in found else "int"
        elif len(found) == 1:
            kind = found.pop()
        else:
            continue
        kinds[str(column)] = kind
        decimals[str(column)] = max(r[2] for r in shown)
        typed_values = []
        for i, (r, c) in enumerate(zip(read, cells, strict=True)):
            typed_values.append(None if r is None else r[1])
            if c is not None and HIDDEN.match(c.strip()):
                notes[i].append(f"{column}: {c.strip()}")
        dtype = (
            "Int64" if kind == "int" else ("Float64" if kind in ("decimal", "percent") else object)
        )
        out[column] = pd.Series(typed_values, index=df.index, dtype=dtype)
    return Typed(out, kinds, decimals, ["; ".join(n) for n in notes])


def _with_notes(t: Typed, note: str) -> pd.DataFrame:
    frame = t.frame
    if any(t.notes):
        frame = frame.copy()
        frame[note] = t.notes
    return frame


def safe_csv(df: pd.DataFrame, language: str = "nl", note: str = "Toelichting") -> bytes:
    """CSV for a spreadsheet in the reader's language: typed numbers and ISO dates, formulas
    defused, hidden counts empty with the row's note saying what was shown."""
    t = typed(df, language)
    frame = safe_frame(_with_notes(t, note))
    _, mark = SEPARATORS[language]
    return frame.to_csv(index=False, sep=CSV_FIELDS[language], decimal=mark).encode("utf-8-sig")


def _number_format(kind: str, places: int, language: str) -> str:
    fraction = "." + "0" * places if places else ""
    if kind == "percent":
        return f"0{fraction}%"
    if kind == "date":
        return DATE_FORMATS[language][2]
    return f"#,##0{fraction}"


def safe_xlsx(
    df: pd.DataFrame,
    sheet: str = "Tabel",
    language: str = "nl",
    note: str = "Toelichting",
    legend: tuple[tuple[str, str], ...] = (),
) -> bytes:
    """An Excel workbook of `df`: numbers as numbers, dates as dates, no cell a formula.

    Text is written as text (never as a formula, whatever it starts with); text that a spreadsheet
    would read as a formula when someone edits the cell gets Excel's quote prefix, which keeps it
    text without showing an apostrophe. `legend`, (symbol, meaning) pairs, goes on a second sheet.
    (Number formats are stored language-neutral: Excel shows 2.143 or 2,143 as the reader's own
    settings say.)
    """
    from io import BytesIO

    from openpyxl import Workbook

    t = typed(df, language)
    frame = _with_notes(t, note)
    book = Workbook()
    sheet_ = book.active
    sheet_.title = sheet
    sheet_.append([str(c) for c in frame.columns])
    formats = {i: _number_format(t.kinds[str(c)], t.decimals.get(str(c), 0), language)
               for i, c in enumerate(frame.columns) if str(c) in t.kinds}  # fmt: skip
    for row in frame.itertuples(index=False):
        sheet_.append([_plain(v) for v in row])
    for row in sheet_.iter_rows(min_row=2):
        for i, cell in enumerate(row):
            if i in formats and cell.value is not None:
                cell.number_format = formats[i]
    for row in sheet_.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                # openpyxl takes a string starting with '=' for a formula: force plain text.
                cell.data_type = "s"
                if cell.value.startswith(FORMULA_STARTS):
                    cell.quotePrefix = True
    if legend:
        explained = book.create_sheet(note)
        for symbol, meaning in legend:
            explained.append([symbol, meaning])
        for row in explained.iter_rows():
            for cell in row:
                cell.data_type = "s"
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _plain(value: object) -> object:
    # Missing values become empty cells; numpy scalars become Python numbers.
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, date):
        return value
    return value.item() if hasattr(value, "item") else value

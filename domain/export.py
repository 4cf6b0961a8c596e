"""Exports that spreadsheet programs open safely: no cell is read as a formula."""

from __future__ import annotations

import pandas as pd

# A cell starting with one of these is a formula to Excel and LibreOffice (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


def safe_csv(df: pd.DataFrame) -> bytes:
    """CSV for Dutch Excel: semicolon separated, UTF-8 with BOM, formulas defused."""
    return safe_frame(df).to_csv(index=False, sep=";").encode("utf-8-sig")


def safe_xlsx(df: pd.DataFrame, sheet: str = "Tabel") -> bytes:
    """An Excel workbook of `df` in which no cell is a formula.

    Text is written as text (never as a formula, whatever it starts with); text that a spreadsheet
    would read as a formula when someone edits the cell gets Excel's quote prefix, which keeps it
    text without showing an apostrophe.
    """
    from io import BytesIO

    from openpyxl import Workbook

    book = Workbook()
    sheet_ = book.active
    sheet_.title = sheet
    sheet_.append([str(c) for c in df.columns])
    for row in df.itertuples(index=False):
        sheet_.append([_plain(v) for v in row])
    for row in sheet_.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                # openpyxl takes a string starting with '=' for a formula: force plain text.
                cell.data_type = "s"
                if cell.value.startswith(FORMULA_STARTS):
                    cell.quotePrefix = True
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _plain(value: object) -> object:
    # Missing values become empty cells; numpy scalars become Python numbers.
    if value is None or (isinstance(value, float) and value != value):
        return None
    return value.item() if hasattr(value, "item") else value

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

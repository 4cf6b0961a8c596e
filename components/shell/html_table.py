"""A DataFrame as an accessible HTML table: column and row headers with their scope, every value
escaped, inside a scroll box that the keyboard can reach and a screen reader can name."""

from __future__ import annotations

import re
from html import escape

import pandas as pd

# The class of the box; components/shell/style.py TABLE_CSS styles it and tests find tables by it.
TABLE_CLASS = "sm-tabel"
# A date in a cell is kept on one line (TABLE_CSS): a narrow column broke it after a hyphen
# ("31-" / "10-2026"). Dutch dd-mm-jjjj and the English ISO date.
DATE = re.compile(r"\b(\d{2}-\d{2}-\d{4}|\d{4}-\d{2}-\d{2})\b")
DATE_CLASS = "sm-datum"


def _cell(value: object) -> str:
    """The value as escaped text, its dates in a span that keeps them whole; a line break in the
    text is one on screen too (TABLE_CSS)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return DATE.sub(rf'<span class="{DATE_CLASS}">\1</span>', escape(str(value)))


def table_html(table: pd.DataFrame, label: str) -> str:
    """The table, its first column as row headers (th scope=row), in a focusable region."""
    head = "".join(f'<th scope="col">{_cell(c)}</th>' for c in table.columns)
    rows = []
    for values in table.itertuples(index=False, name=None):
        first, *rest = values or ("",)
        cells = "".join(f"<td>{_cell(v)}</td>" for v in rest)
        rows.append(f'<tr><th scope="row">{_cell(first)}</th>{cells}</tr>')
    return (
        f'<div class="{TABLE_CLASS}" role="region" tabindex="0" aria-label="{escape(label)}">'
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )

"""Helpers that open the app in AppTest and read what it shows."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from components.html_table import TABLE_CLASS

APP = Path(__file__).resolve().parents[2] / "app.py"


def open_page(page: str | None = None, **params: str) -> AppTest:
    """Run the app, optionally switch to `page` (e.g. 'pages/kaart.py'), and return it."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


def page_text(at: AppTest) -> str:
    parts = [e.value for e in at.markdown] + [e.value for e in at.caption]
    parts += (
        [e.value for e in at.title] + [e.value for e in at.header] + [e.value for e in at.subheader]
    )
    parts += [e.value for e in at.info] + [e.value for e in at.error]
    return "\n".join(str(p) for p in parts)


class _TableParser(HTMLParser):
    """Reads layout.plain_table's HTML back into rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def plain_tables(at: AppTest) -> list[pd.DataFrame]:
    """Every table drawn with layout.plain_table, in page order, its first column as the index
    (as st.table showed it)."""
    frames = []
    for element in at.get("html"):
        body = element.proto.body
        if f'class="{TABLE_CLASS}"' not in body:
            continue
        parser = _TableParser()
        parser.feed(body)
        header, *rows = parser.rows
        frame = pd.DataFrame(rows, columns=header)
        frames.append(frame.set_index(header[0]))
    return frames

"""Helpers that open the app in AppTest and read what it shows."""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.testing.v1 import AppTest

from components.shell.html_table import TABLE_CLASS

APP = Path(__file__).resolve().parents[2] / "app.py"


# Streamlit's caches live for the process. The page tests (tests/pages) keep them between tests
# while the environment (the database, every setting) stays the same: they only read the sample
# database, and a page run on warm caches costs a fifth of a cold one. Any other difference in
# the environment empties them first. A page test that patches code (monkeypatch) starts and ends
# with empty caches, and so does every other test, as before (tests/conftest.py decides).
_warm = False
_filled_under: dict[str, str] | None = None


def clear_caches() -> None:
    global _filled_under
    st.cache_data.clear()
    st.cache_resource.clear()
    _filled_under = None


def start_warm() -> None:
    """Let open_page reuse what earlier page runs cached under the same environment."""
    global _warm
    _warm = True


def start_cold(clear: bool) -> None:
    """No reuse: empty the caches if earlier page runs left them warm, or if `clear`."""
    global _warm
    _warm = False
    if clear or _filled_under is not None:
        clear_caches()


def caches_for_this_environment() -> None:
    """Empty the caches if they were filled under another environment than today's (pytest's own
    PYTEST_CURRENT_TEST, which names each test, aside)."""
    global _filled_under
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    if environment != _filled_under:
        st.cache_data.clear()
        st.cache_resource.clear()
        _filled_under = environment


def open_page(page: str | None = None, **params: str) -> AppTest:
    """Run the app, optionally switch to `page` (e.g. 'pages/kaart.py'), and return it."""
    if _warm:
        caches_for_this_environment()
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


def map_specs(at: AppTest) -> list[dict]:
    """The deck JSON of every map on the page, in page order: st.pydeck_chart's (Gemeente,
    Presentatie) and the monitor's own map component's (Kaart, components/drawing/deck_map.py),
    which carries the same JSON in its argument `spec`."""
    specs = [json.loads(chart.proto.json) for chart in at.get("deck_gl_json_chart")]
    for element in at.get("component_instance"):
        if element.proto.component_name.endswith(".samenwerkingskaart"):
            specs.append(json.loads(json.loads(element.proto.json_args)["spec"]))
    return specs

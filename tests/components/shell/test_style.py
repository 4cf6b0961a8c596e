"""The house layout of every Plotly chart (components/shell/style.py)."""

from __future__ import annotations

import plotly.graph_objects as go

from components.shell.style import TITLE_LINE, TITLE_LINE_PX, house_layout


def test_a_long_title_wraps_to_lines_a_phone_shows_whole_and_the_chart_grows_with_it():
    title = "Trechter van het cohort aangemeld 01-01-2026 t/m 31-12-2026"
    fig = house_layout(go.Figure(), title, height=360)
    lines = fig.layout.title.text.split("<br>")
    assert " ".join(lines) == title and len(lines) == 2
    assert all(len(line) <= TITLE_LINE for line in lines)
    assert fig.layout.height == 360 + TITLE_LINE_PX and fig.layout.margin.t == 50 + TITLE_LINE_PX


def test_a_short_title_and_no_title_keep_their_layout():
    short = house_layout(go.Figure(), "Doorlooptijden", height=300)
    assert short.layout.title.text == "Doorlooptijden" and short.layout.height == 300
    assert short.layout.margin.t == 50
    bare = house_layout(go.Figure(), None, height=300)
    assert bare.layout.title.text is None and bare.layout.margin.t == 10

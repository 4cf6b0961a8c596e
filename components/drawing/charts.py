"""Chart builders: plain functions from a DataFrame to a Plotly figure, testable without the app."""

from __future__ import annotations

import math
import textwrap
from xml.sax.saxutils import escape, quoteattr

import pandas as pd
import plotly.graph_objects as go

from components.shell.i18n import t
from components.shell.style import FONT, MUTED, ROOM_TEXT, TEXT, colour, house_layout
from domain.contrast import text_on
from domain.formatting import fmt_int, fmt_pct, missing
from domain.literal import markup


def funnel_figure(table: pd.DataFrame, title: str | None = None) -> go.Figure:
    """A funnel of `domain.funnel.funnel_table` rows; hidden counts are drawn as zero-width bars
    labelled '<10', so no small number reaches the chart either."""
    values = [0 if hidden else n for n, hidden in zip(table["count"], table["hidden"], strict=True)]
    labels = []
    for row in table.itertuples():
        text = row.shown
        if not missing(row.from_previous):
            # On a line of its own: beside a narrow bar on a phone, or in print, one long line
            # ran off the chart ('5.264  (78%', '4.606 (84% van vorige').
            text += "<br>" + t("grafiek.van_vorige", procent=fmt_pct(row.from_previous))
        labels.append(text)
    fig = go.Figure(
        go.Funnel(
            y=list(table["label"]),
            x=values,
            text=labels,
            textinfo="text",
            # A bar of no width (a hidden or zero count) has no inside: its '<10' or '0' goes
            # beside it, or the row would read as blank.
            textposition=["outside" if v == 0 else "auto" for v in values],
            cliponaxis=False,  # a label beside a narrow bar may reach into the right margin
            hoverinfo="text+y",
            marker={"color": colour(0)},
            # Labels inside a bar in the colour that reads on it (WCAG AA), outside in the text's.
            insidetextfont={"color": text_on(colour(0))},
            outsidetextfont={"color": TEXT},
            connector={"line": {"color": "#9aa5b1", "width": 1}},
        )
    )
    return house_layout(fig, title, height=360)


# A bar's name wraps after this many characters: on a phone (390 px) Plotly cut long names at the
# chart's left edge ("het Werkgeversservicepunt Kop van Noord-Holland").
BAR_NAME_WIDTH = 24
# Pixels above the bars of a chart without a title, where Plotly's mode bar shows on hover.
MODE_BAR_ROOM = 32


def wrapped_name(name: object, width: int = BAR_NAME_WIDTH) -> str:
    """A name for an axis of Plotly in lines of at most `width` characters (a longer word keeps
    its line), each escaped: Plotly draws tags in its texts, and a name is data."""
    lines = textwrap.wrap(str(name), width, break_long_words=False, break_on_hyphens=False)
    return "<br>".join(markup(line) for line in lines) or markup(name)


def bar_figure(
    df: pd.DataFrame, x: str, y: str, title: str | None = None, colour_index: int = 0
) -> go.Figure:
    """A horizontal bar chart with the value printed Dutch-style at each bar; long names wrap.
    Without a title (the page gives it, above the chart) the mode bar gets room above the bars."""
    names = [wrapped_name(v) for v in df[x]]
    lines = max((n.count("<br>") + 1 for n in names), default=1)
    fig = go.Figure(
        go.Bar(
            x=df[y],
            y=names,
            orientation="h",
            text=[fmt_int(v) for v in df[y]],
            textposition="auto",
            insidetextfont={"color": text_on(colour(colour_index))},
            outsidetextfont={"color": TEXT},
            marker={"color": colour(colour_index)},
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickformat=",d")
    # 40 px a bar for a name of one line, 18 px more for each further line.
    fig = house_layout(fig, title, height=max(220, 60 + (22 + 18 * lines) * len(df)))
    if title is None:
        fig.update_layout(margin={"t": MODE_BAR_ROOM})
    return fig


# Shades for the parts of a target on a gauge (the standing task, then the extra), alternating
# light and dark so they read without colour too; the legend under the gauge names them. Both
# have 3:1 against white (WCAG graphical objects), as do the bar's white outline and the black
# marker against both (tests/config/test_contrast.py).
PART_SHADES = ("#7b8794", "#52606d")
# A white edge around the bar separates any status colour from the grey steps under it.
BAR_OUTLINE = "#ffffff"
# At most this many labels under a history chart, so they fit in a third of the page.
HISTORY_TICKS = 4
# The marker for where the programme should be on the peildatum.
EXPECTED_MARKER = "#000000"
# For charts with nothing to hover, zoom or pan (gauges, the printed partner map): drawn static
# they need no mode bar and no event layers.
STATIC_CONFIG = {"staticPlot": True}


def gauge_figure(
    realised: int,
    target: int,
    expected: float,
    title: str | None,
    bar_colour: str,
    hidden: bool = False,
    parts: tuple[tuple[str, int], ...] = (),
    hidden_text: str = "",
    room: bool = False,
) -> go.Figure:
    """A target gauge: realised against target, with a marker where the programme should be now.
    With `room` (a slide on a projector): tick labels of ROOM_TEXT pixels and a larger number.

    `parts` (label, value) that add up to the target are drawn as steps, named in a legend below
    (the standing task 0-4.000 and the extra 4.000-4.500). With `hidden` (a small count) neither
    the number nor the bar shows the value; `hidden_text` ('<10') stands in the middle instead."""
    top = max(target, realised) * 1.1
    shown_parts = parts if len(parts) > 1 else (("", target),)
    steps, low = [], 0
    for i, (_, value) in enumerate(shown_parts):
        steps.append({"range": [low, low + value], "color": PART_SHADES[i % len(PART_SHADES)]})
        low += value
    fig = go.Figure(
        go.Indicator(
            mode="gauge" if hidden else "gauge+number",
            value=0 if hidden else realised,
            # On screen Plotly sizes the number to fit inside the ring (it has no size of its
            # own): at 40 px, '3.673' ran over the ring of a narrow card on a laptop.
            number={"valueformat": ",d", **({"font": {"size": 56}} if room else {})},
            title={"text": title or "", "font": {"size": 15}},
            domain={"x": [0, 1], "y": [0.22 if len(parts) > 1 else 0, 1]},
            gauge={
                "axis": {
                    "range": [0, top],
                    "tickformat": ",d",
                    "tickfont": {"size": ROOM_TEXT if room else 14},
                },
                "bar": {
                    "color": bar_colour,
                    "thickness": 0.5,
                    "line": {"color": BAR_OUTLINE, "width": 2},
                },
                "steps": steps,
                "threshold": {
                    "line": {"color": EXPECTED_MARKER, "width": 4},
                    "thickness": 0.9,
                    "value": expected,
                },
            },
        )
    )
    if hidden:
        fig.add_annotation(
            text=hidden_text, x=0.5, y=0.1, xref="paper", yref="paper", showarrow=False,
            font={"size": 48 if room else 34},
        )  # fmt: skip
    if len(parts) > 1:
        low, items = 0, []
        for i, (label, value) in enumerate(parts):
            shade = PART_SHADES[i % len(PART_SHADES)]
            items.append(
                f'<span style="color:{shade}">■</span> {label}: {fmt_int(low)}–{fmt_int(low + value)}'
            )
            low += value
        fig.add_annotation(
            text="<br>".join(items), x=0, y=0, xref="paper", yref="paper", showarrow=False,
            font={"size": 13}, xanchor="left", yanchor="bottom", align="left",
        )  # fmt: skip
    fig = house_layout(fig, None, height=(250 if len(parts) > 1 else 200) + (20 if room else 0))
    # Room at the sides for the axis labels at both ends of the arc.
    wide = 2 if room else 1
    fig.update_layout(margin={"l": 30 * wide, "r": 40 * wide, "t": 20 * wide, "b": 10})
    return fig


def history_figure(
    table: pd.DataFrame, names: dict[str, str], line_colour: str, title: str | None = None
) -> go.Figure:
    """The running total (line with points) against the cumulative pro-rata target (dashed), as
    domain.targets.history gives them; `names` label the traces: cumulative, target. Months are
    named in Dutch on the axis ('mrt 2021')."""
    fig = go.Figure()
    fig.add_scatter(
        x=table["day"], y=table["target_cumulative"], name=names["target"], mode="lines",
        line={"color": EXPECTED_MARKER, "width": 2, "dash": "dash"}, text=table["label"],
        hovertemplate="%{text}: %{y:,.0f}<extra></extra>",
    )  # fmt: skip
    fig.add_scatter(
        x=table["day"], y=table["cumulative"], name=names["cumulative"], mode="lines+markers",
        connectgaps=True, line={"color": line_colour, "width": 3},
        marker={"symbol": "circle", "size": 6}, text=table["label"],
        hovertemplate="%{text}: %{y:,d}<extra></extra>",
    )  # fmt: skip
    step = max(1, -(-len(table) // HISTORY_TICKS))
    ticks = table.iloc[::step]
    fig.update_xaxes(tickvals=list(ticks["day"]), ticktext=list(ticks["label"]), tickangle=0)
    fig.update_yaxes(tickformat=",d", rangemode="tozero", gridcolor="#eef2f6")
    fig = house_layout(fig, title, height=220)
    fig.update_layout(
        font={"size": 12},
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"font": {"size": 11}, "y": 1.0, "yanchor": "bottom"},
    )
    return fig


# One line of a legend picture, in pixels, and a generous width per character of a name, for
# text of LEGEND_TEXT pixels (scaled for a larger size).
LEGEND_ROW = 28
LEGEND_CHAR = 8.5
LEGEND_TEXT = 14


def legend_svg(
    entries: list[tuple[str, str]], text_size: int = LEGEND_TEXT, min_width: int = 0
) -> str:
    """A legend as a small SVG picture, one square swatch and name per line: (name, colour).

    Shown with st.image, so the browser draws it as a plain image: the map pages load no chart
    library for it (a Plotly legend cost them ~0.4 s of drawing), and nothing in it can run. Names
    are escaped; a dark edge keeps light swatches (yellow, no data) at 3:1 against the page."""
    scale = text_size / LEGEND_TEXT
    longest = max((len(name) for name, _ in entries), default=0)
    # `min_width`: room to the right, so a picture stretched to a column of that width keeps
    # its text at `text_size` (and grows with the column on a larger screen).
    width = max(math.ceil((30 + LEGEND_CHAR * longest) * scale), min_width)
    height = math.ceil((8 + LEGEND_ROW * len(entries)) * scale)
    font = quoteattr(FONT)
    rows = []
    for i, (name, swatch) in enumerate(entries):
        top, box = (6 + LEGEND_ROW * i) * scale, 16 * scale
        rows.append(
            f'<rect x="1" y="{top:g}" width="{box:g}" height="{box:g}" fill="{swatch}" '
            f'stroke="{MUTED}"/><text x="{26 * scale:g}" y="{top + 13 * scale:g}" '
            f'font-family={font} font-size="{text_size}" fill="{TEXT}">{escape(name)}</text>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">{"".join(rows)}</svg>'
    )

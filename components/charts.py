"""Chart builders: plain functions from a DataFrame to a Plotly figure, testable without the app."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.style import colour, house_layout
from domain.formatting import fmt_int, fmt_pct, missing


def funnel_figure(table: pd.DataFrame, title: str | None = None) -> go.Figure:
    """A funnel of `domain.funnel.funnel_table` rows; hidden counts are drawn as zero-width bars
    labelled '<10', so no small number reaches the chart either."""
    values = [0 if hidden else n for n, hidden in zip(table["count"], table["hidden"], strict=True)]
    labels = []
    for row in table.itertuples():
        text = row.shown
        if not missing(row.from_previous):
            text += f"  ({fmt_pct(row.from_previous)} van vorige)"
        labels.append(text)
    fig = go.Figure(
        go.Funnel(
            y=list(table["label"]),
            x=values,
            text=labels,
            textinfo="text",
            hoverinfo="text+y",
            marker={"color": colour(0)},
            connector={"line": {"color": "#9aa5b1", "width": 1}},
        )
    )
    return house_layout(fig, title, height=360)


def bar_figure(
    df: pd.DataFrame, x: str, y: str, title: str | None = None, colour_index: int = 0
) -> go.Figure:
    """A horizontal bar chart with the value printed Dutch-style at each bar."""
    fig = go.Figure(
        go.Bar(
            x=df[y],
            y=df[x],
            orientation="h",
            text=[fmt_int(v) for v in df[y]],
            textposition="auto",
            marker={"color": colour(colour_index)},
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickformat=",d")
    return house_layout(fig, title, height=max(220, 60 + 40 * len(df)))


def gauge_figure(
    realised: int,
    target: int,
    expected: float,
    title: str | None,
    bar_colour: str,
    hidden: bool = False,
) -> go.Figure:
    """A target gauge: realised against target, with a marker where the programme should be now.

    With `hidden` (a small count) neither the number nor the bar shows the value."""
    top = max(target, realised) * 1.1
    fig = go.Figure(
        go.Indicator(
            mode="gauge" if hidden else "gauge+number",
            value=0 if hidden else realised,
            number={"valueformat": ",d"},
            title={"text": title or "", "font": {"size": 15}},
            gauge={
                "axis": {"range": [0, top], "tickformat": ",d"},
                "bar": {"color": bar_colour},
                "steps": [{"range": [0, target], "color": "#eef2f6"}],
                "threshold": {
                    "line": {"color": "#1f2933", "width": 4},
                    "thickness": 0.85,
                    "value": expected,
                },
            },
        )
    )
    return house_layout(fig, None, height=240)


def legend_figure(entries: list[tuple[str, str]]) -> go.Figure:
    """A legend drawn as a chart, one coloured square and name per line: (name, colour)."""
    fig = go.Figure(
        go.Scatter(
            x=[0] * len(entries),
            y=list(range(len(entries))),
            mode="markers+text",
            marker={"symbol": "square", "size": 16, "color": [c for _, c in entries]},
            text=[name for name, _ in entries],
            textposition="middle right",
            hoverinfo="skip",
        )
    )
    fig.update_xaxes(visible=False, range=[-0.05, 1])
    fig.update_yaxes(visible=False, autorange="reversed")
    fig = house_layout(fig, None, height=30 + 28 * len(entries))
    fig.update_layout(showlegend=False, margin={"l": 0, "r": 0, "t": 5, "b": 5})
    return fig

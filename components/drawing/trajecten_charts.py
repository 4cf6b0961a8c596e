"""Chart builders of the Trajecten page: pure functions from suppressed tables to Plotly figures.

Hidden counts never reach a figure: their bars are left out (zero height) and labelled as hidden.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.shell.style import TEXT, colour, for_room, house_layout, rgb
from domain.contrast import text_on
from domain.formatting import fmt_decimal, fmt_pct, month_short
from domain.literal import markup


def compare_figure(long: pd.DataFrame, title: str | None = None) -> go.Figure:
    """Grouped bars: one bar per group at each stage, labelled with the count and the share of
    the group's registrations that reached the stage (`domain.funnel.compare_table`)."""
    fig = go.Figure()
    for i, (name, part) in enumerate(long.groupby("name", sort=False)):
        text = [
            shown if top is None or top != top else f"{shown}<br>{fmt_pct(top)}"
            for shown, top in zip(part["shown"], part["from_top"], strict=True)
        ]
        fig.add_bar(
            name=markup(name),  # Plotly draws tags in legends: a name is data
            x=list(part["label"]),
            y=[0 if h else n for n, h in zip(part["count"], part["hidden"], strict=True)],
            text=text,
            textposition="outside",
            cliponaxis=False,
            hovertext=text,
            hoverinfo="text+x+name",
            marker={"color": colour(i)},
        )
    fig.update_layout(barmode="group", bargap=0.2)
    fig.update_yaxes(tickformat=",d", rangemode="tozero")
    fig = house_layout(fig, title, height=460)
    fig.update_layout(margin={"t": 110}, legend={"y": 1.08, "yanchor": "bottom"})
    return fig


def short_month(month: str) -> str:
    """'2024-01' -> 'jan 2024' (in English 'Jan 2024')."""
    return f"{month_short(int(month[5:7]))} {month[:4]}"


def trend_figure(trend: pd.DataFrame, title: str | None, names: dict[str, str]) -> go.Figure:
    """Monthly cohorts: registrations per month and how many of them were placed
    (`domain.funnel.trend_table`); hidden months show a gap."""
    fig = go.Figure()
    for i, key in enumerate(("aanmelding", "geplaatst")):
        fig.add_scatter(
            x=[short_month(m) for m in trend["month"]],
            y=list(trend[key]),
            name=names[key],
            mode="lines+markers",
            text=list(trend[f"{key}_shown"]),
            hovertemplate="%{x}: %{text}<extra>" + names[key] + "</extra>",
            line={"color": colour(i), "width": 3},
            connectgaps=False,
        )
    fig.update_xaxes(type="category")
    fig.update_yaxes(tickformat=",d", rangemode="tozero")
    fig = house_layout(fig, title, height=380)
    # Title above, legend below it: both at the top would overlap.
    fig.update_layout(margin={"t": 90}, legend={"y": 1.0, "yanchor": "bottom"})
    return fig


def lead_time_figure(table: pd.DataFrame, title: str | None, unit: str) -> go.Figure:
    """Median days per step with a bar from the 25th to the 75th percentile
    (`domain.leadtime.lead_time_table`); steps with too few people are left out."""
    shown = table[~table["hidden"]]
    fig = go.Figure(
        go.Bar(
            x=list(shown["median"]),
            y=[markup(label) for label in shown["label"]],
            orientation="h",
            error_x={
                "type": "data",
                "symmetric": False,
                "array": list(shown["p75"] - shown["median"]),
                "arrayminus": list(shown["median"] - shown["p25"]),
                "color": "#52606d",
            },
            text=[f"{fmt_decimal(m, 0)} {unit}" for m in shown["median"]],
            textposition="auto",
            insidetextanchor="start",
            insidetextfont={"color": text_on(colour(2))},
            outsidetextfont={"color": TEXT},
            marker={"color": colour(2)},
        )
    )
    fig.update_yaxes(autorange="reversed", ticksuffix="  ")
    fig.update_xaxes(tickformat=",d", rangemode="tozero", title=unit)
    return house_layout(fig, title, height=max(240, 110 + 55 * len(shown)))


def _steps(times: list, values: list) -> tuple[list, list]:
    """A step function through (time, value) points as explicit corners, so a band can be drawn
    as one closed shape (Plotly's step shapes do not run backwards)."""
    xs, ys = [], []
    for i, (x, y) in enumerate(zip(times, values, strict=True)):
        if i:
            xs.append(x)
            ys.append(ys[-1])
        xs.append(x)
        ys.append(y)
    return xs, ys


def placement_curve_figure(
    curves: list[tuple[str, int, pd.DataFrame]],
    title: str | None,
    axes: tuple[str, str],
    band_name: str,
    room: bool = False,
) -> go.Figure:
    """Share placed within so many months (domain.survival's shown curve: time, placed, lower,
    upper) per group as steps, each with its 95 % band; (name, colour index, curve) per group.
    Only the shown (privacy-safe) steps are drawn."""
    fig = go.Figure()
    for name, index, curve in curves:
        name = markup(name)  # Plotly draws tags in names and legends: a name is data
        times = [int(m) for m in curve["time"]]
        upper_x, upper_y = _steps(times, list(curve["upper"]))
        lower_x, lower_y = _steps(times, list(curve["lower"]))
        red, green, blue = rgb(colour(index))
        fig.add_scatter(
            x=upper_x + lower_x[::-1],
            y=upper_y + lower_y[::-1],
            fill="toself",
            fillcolor=f"rgba({red},{green},{blue},0.18)",
            line={"width": 0},
            hoverinfo="skip",
            name=band_name.format(naam=name),
            showlegend=False,
        )
        fig.add_scatter(
            x=times,
            y=list(curve["placed"]),
            name=name,
            mode="lines+markers",
            line={"color": colour(index), "width": 3, "shape": "hv"},
            customdata=[
                f"{fmt_pct(p)} ({fmt_pct(lo)}–{fmt_pct(hi)})"
                for p, lo, hi in zip(curve["placed"], curve["lower"], curve["upper"], strict=True)
            ],
            hovertemplate="%{x}: %{customdata}<extra>" + name + "</extra>",
        )
    fig.update_xaxes(title=axes[0], rangemode="tozero", dtick=3)
    fig.update_yaxes(title=axes[1], tickformat=".0%", rangemode="tozero")
    fig = house_layout(fig, title, height=420)
    fig.update_layout(margin={"t": 90}, legend={"y": 1.0, "yanchor": "bottom"})
    return for_room(fig) if room else fig

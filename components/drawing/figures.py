"""The chart builders, cached per input and language and shared by the sessions (data.built).

Building a Plotly figure costs 10 to 15 ms of CPU (every property is validated); a page with
gauges and history charts paid that a dozen times per run, for every visitor. The builders in
components.drawing.charts and components.drawing.trajecten_charts stay plain functions that tests call; pages
call these cached ones. A figure that comes out of here is shared: never change it.
"""

from __future__ import annotations

from components.drawing import charts
from components.drawing import trajecten_charts as tc
from components.shell import data

bar = data.built(charts.bar_figure)
gauge = data.built(charts.gauge_figure)
compare = data.built(tc.compare_figure)
placement_curves = data.built(tc.placement_curve_figure)

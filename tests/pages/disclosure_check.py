"""A calculator attack on one page run: collect every count it shows and try to derive a hidden one.

What a reader with a calculator does: take a total the page shows (a tile, a gauge, a number in a
sentence, a funnel's stage, the sum of a chart or a column shown in full), take a group of parts
the page shows together (a table's column, a chart's bars), and subtract. A hidden count is given away when

- a group with one hidden small cell ("<10") leaves a difference of 1..threshold-1 from a total;
- a chart that leaves small parts out (no hidden cell in it) leaves such a difference while the
  page hides something: the left-out part is then known;
- a group's hidden cells are all pinned (k small cells with a difference of k, or k*(threshold-1);
  small and "x" cells with a difference of k_small + threshold * k_x, all at their least);
- two shown stages of one funnel differ by 1..threshold-1 (the people in between are a count).

It does not know which number is the total of which group, so it tries every pair: a difference
that happens to fall in the small range by chance is reported too, and a test names the pages it
runs on so that such a report can be read.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from tests.pages.apptest import map_specs, plain_tables

SMALL, SECONDARY = "small", "x"
NUMBER = re.compile(r"^\d{1,3}(\.\d{3})*$|^\d+$")
IN_TEXT = re.compile(r"(?<![\d.,:/-])(\d{1,3}(?:\.\d{3})+|\d+)(?![\d,%:/-]|\.\d)")
PARENTHESIS = re.compile(r"\s*\([^)]*\)$")  # '338 (45%)': the count, then its share
DATE_OR_YEAR = re.compile(r"\d{2}-\d{2}-\d{4}|\b(19|20)\d{2}\b")


@dataclass
class Shown:
    """What one page run shows: named groups of cells and the loose numbers (possible totals)."""

    threshold: int
    groups: dict[str, list] = field(default_factory=dict)  # name -> [int | SMALL | SECONDARY]
    funnels: dict[str, list] = field(default_factory=dict)
    chart_groups: set[str] = field(default_factory=set)  # groups that leave hidden parts out
    totals: set[int] = field(default_factory=set)

    def cell(self, text) -> int | str | None:
        if isinstance(text, (int, np.integer)) and not isinstance(text, bool):
            return int(text)
        if isinstance(text, float) and text == text and text == int(text):
            return int(text)
        text = str(text).strip()
        if text == f"<{self.threshold}":
            return SMALL
        if text == "x":
            return SECONDARY
        if NUMBER.match(text):
            return int(text.replace(".", ""))
        return None

    def parse(self, value) -> int | str | None:
        return self.cell(PARENTHESIS.sub("", value) if isinstance(value, str) else value)

    @property
    def any_hidden(self) -> bool:
        return any(v in (SMALL, SECONDARY) for g in self.groups.values() for v in g) or any(
            v in (SMALL, SECONDARY) for g in self.funnels.values() for v in g
        )

    def add_group(self, name: str, values, chart: bool = False) -> None:
        """A column or a chart's values; one entry that is not a count ('12 dagen', a name)
        makes it no group of counts. '–' (unknown) is left out."""
        cells = []
        for v in values:
            if v is None or (isinstance(v, float) and v != v) or str(v).strip() in ("", "–"):
                continue
            c = self.parse(v)
            if c is None:
                return
            cells.append(c)
        if len(cells) >= 2:
            self.groups[name] = cells
            if chart:
                self.chart_groups.add(name)

    def add_text(self, text: str) -> None:
        text = DATE_OR_YEAR.sub(" ", str(text))
        self.totals |= {int(m.replace(".", "")) for m in IN_TEXT.findall(text)}


# Columns whose numbers are no counts of people: targets, expectations, days, shares, members.
NOT_COUNTS = (
    "doel",
    "verwacht",
    "prognose",
    "rato",
    "dagen",
    "percentiel",
    "gemeenten",
    "organisaties",
    "%",
    "target",
    "expected",
    "forecast",
    "days",
    "municipalities",
)


def _counts(column) -> bool:
    return not any(word in str(column).lower() for word in NOT_COUNTS)


def _array(value):
    """Plotly 6 writes numeric arrays as {'dtype': ..., 'bdata': base64}."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return value


def collect(at, threshold: int) -> Shown:
    """Every count an AppTest run shows: metrics, tables, charts (and their texts), maps, text."""
    shown = Shown(threshold)
    for m in at.metric:
        value = shown.cell(m.value)
        if isinstance(value, int):
            shown.totals.add(value)
        shown.add_text(m.proto.help)
    for kind in ("dataframe", "table"):
        for i, element in enumerate(getattr(at, kind)):
            frame = pd.DataFrame(element.value).reset_index()
            for column in filter(_counts, frame.columns):
                shown.add_group(f"{kind}{i}:{column}", list(frame[column]))
    # The tables drawn as HTML (layout.plain_table): Overzicht's partnerships, Doelen's targets.
    for i, frame in enumerate(plain_tables(at)):
        frame = frame.reset_index()
        for column in filter(_counts, frame.columns):
            shown.add_group(f"html{i}:{column}", list(frame[column]))
    for i, chart in enumerate(at.get("plotly_chart")):
        spec = json.loads(chart.proto.spec)
        for j, trace in enumerate(spec.get("data", [])):
            name = f"chart{i}.{j}:{trace.get('type')}:{trace.get('name')}"
            if trace.get("type") == "indicator":
                if "number" in trace.get("mode", "number"):
                    shown.totals.add(int(round(trace["value"])))
                continue
            texts = trace.get("text")
            if isinstance(texts, list) and texts:
                values = [str(t).replace("<br>", " ") if t is not None else "" for t in texts]
            else:
                axis = "x" if trace.get("orientation") == "h" else "y"
                values = _array(trace.get("values", trace.get(axis))) or []
            if trace.get("type") == "funnel":
                shown.funnels[name] = [shown.parse(v) for v in values]
            shown.add_group(name, values, chart=True)
        for annotation in spec.get("layout", {}).get("annotations", []):
            shown.add_text(annotation.get("text", ""))
    for i, spec in enumerate(map_specs(at)):
        for j, layer in enumerate(spec.get("layers", [])):
            rows = layer.get("data") or []
            if not isinstance(rows, list) or not rows or not isinstance(rows[0], dict):
                continue
            for key in rows[0]:
                values = [r.get(key) for r in rows]
                if all(isinstance(v, (int, str)) or v is None for v in values):
                    shown.add_group(f"map{i}.{j}:{key}", [v for v in values if v is not None])
    for element in (*at.markdown, *at.caption):
        shown.add_text(element.value)
    for cells in shown.groups.values():  # a chart's or a column's sum is a total too
        if all(isinstance(c, int) for c in cells):
            shown.totals.add(sum(cells))
    for stages in shown.funnels.values():  # each stage of a funnel is the total of its cohort
        shown.totals |= {c for c in stages if isinstance(c, int)}
    return shown


@dataclass(frozen=True)
class Finding:
    """A derivation: in `group`, the cells at `positions` would be `values`, because `why`."""

    group: str
    positions: tuple[int, ...]
    values: tuple[int, ...]
    why: str


def derivations(shown: Shown) -> list[Finding]:
    """Every way the page seems to give a hidden count away (see the module text)."""
    found, thr = [], shown.threshold
    small_range = range(1, thr)
    for name, cells in shown.groups.items():
        parts = sum(c for c in cells if isinstance(c, int))
        hidden = tuple(i for i, c in enumerate(cells) if c in (SMALL, SECONDARY))
        k_small = sum(c == SMALL for c in cells)
        k_x = len(hidden) - k_small
        # A number below the threshold is no count of people (those are hidden): days, shares.
        for total in (n for n in shown.totals if n >= thr):
            d = total - parts
            if d <= 0:
                continue
            if not hidden:
                if name in shown.chart_groups and shown.any_hidden and d in small_range:
                    found.append(Finding(name, (), (d,), f"{total} - sum({name}) = {d}, left out"))
            elif k_x == 0 and k_small == 1 and d in small_range:
                found.append(Finding(name, hidden, (d,), f"{total} - shown({name}) = {d}"))
            elif k_small >= 1 and d == k_small + thr * k_x:
                values = tuple(1 if cells[i] == SMALL else thr for i in hidden)
                found.append(Finding(name, hidden, values, f"{total} - shown({name}) = {d}"))
            elif k_x == 0 and d == k_small * (thr - 1):
                values = (thr - 1,) * k_small
                found.append(Finding(name, hidden, values, f"{total} - shown({name}) = {d}"))
    for name, stages in shown.funnels.items():
        values = [v for v in stages if isinstance(v, int)]
        for i, a in enumerate(values):
            for b in values[i + 1 :]:
                if a - b in small_range:
                    found.append(Finding(name, (), (a - b,), f"stages {a} and {b} of {name}"))
    return found


def confirmed(findings: list[Finding], truth: Shown) -> list[str]:
    """The findings that hold on the same page run without suppression (SUPPRESS_BELOW=1): the
    derived numbers are the hidden ones, not a chance difference between unrelated numbers.
    A finding without positions (parts left out of a chart, a funnel's stages) always holds."""
    out = []
    for f in findings:
        if f.positions:
            cells = truth.groups.get(f.group)
            if cells is None or max(f.positions) >= len(cells):
                out.append(f.why + " (no unsuppressed twin to compare)")
                continue
            actual = tuple(cells[i] for i in f.positions)
            if actual != f.values:
                continue
        out.append(f.why)
    return out

"""Lead times (doorlooptijden) from a histogram of days: median and quartiles, suppressed."""

from __future__ import annotations

import pandas as pd

from domain.stages import STAGE_KEYS, stage_labels
from domain.suppression import is_small


def quantile(days: list[int], counts: list[int], q: float) -> float | None:
    """The q-quantile of values given as (value, count) pairs; the lower value at a tie point,
    the mean of the two middle values where the middle falls exactly between them."""
    pairs = sorted((d, n) for d, n in zip(days, counts, strict=True) if n > 0)
    total = sum(n for _, n in pairs)
    if total == 0:
        return None
    # Position in the sorted list (0-based) as numpy's 'linear' method would take it.
    pos = q * (total - 1)
    lower, upper = int(pos), min(int(pos) + 1, total - 1)
    frac = pos - lower

    def value_at(k: int) -> int:
        seen = 0
        for d, n in pairs:
            seen += n
            if k < seen:
                return d
        return pairs[-1][0]

    a, b = value_at(lower), value_at(upper)
    return a + (b - a) * frac


def lead_time_table(histogram: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Per step between consecutive stages: median and p25–p75 days, or nothing for small groups.

    `histogram` is queries.lead_time_histogram (step, days, n). A statistic of fewer than
    `threshold` people is not shown (it would describe a few persons). Columns: step, label
    ('Aanmelding → Intake'), n, hidden, median, p25, p75.
    """
    rows = []
    labels = stage_labels()
    for step, following in zip(STAGE_KEYS[: 3 + 1], STAGE_KEYS[1:5], strict=True):
        part = histogram[histogram["step"] == step] if not histogram.empty else histogram
        days = [int(d) for d in part.get("days", [])]
        counts = [int(n) for n in part.get("n", [])]
        n = sum(counts)
        hidden = n == 0 or is_small(n, threshold)
        rows.append(
            {
                "step": step,
                "label": f"{labels[step]} → {labels[following]}",
                "n": n,
                "hidden": hidden,
                "median": None if hidden else quantile(days, counts, 0.5),
                "p25": None if hidden else quantile(days, counts, 0.25),
                "p75": None if hidden else quantile(days, counts, 0.75),
            }
        )
    return pd.DataFrame(rows)

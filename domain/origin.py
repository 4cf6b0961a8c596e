"""What is invented and what is real: the origin of the trajectories behind a page's figures.

The sample database holds invented trajectories (`is_fictional`); a coordinator's import adds real
ones, programme by programme, and a real row that replaces a sample row is real from then on. A
page, a briefing or an export says per programme which of its figures come from invented data, so
that a real figure is never read as an example and an example never as a real figure.

Plain functions on a frame with one row per programme (data_access.queries.trajectory_origin):
programme_id, programme_name, total, fictional. No Streamlit, no database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import pandas as pd

Kind = Literal["fictief", "echt", "deels", "leeg"]


@dataclass(frozen=True)
class Origin:
    """The origin of the trajectories in one scope, by programme name.

    invented: programmes whose trajectories are all invented; real: all real; mixed: both.
    everything_invented: the whole database holds only invented trajectories (the sample as
    shipped), which the general notice says in one sentence."""

    invented: tuple[str, ...] = ()
    real: tuple[str, ...] = ()
    mixed: tuple[str, ...] = ()
    everything_invented: bool = False

    @property
    def kind(self) -> Kind:
        if self.mixed or (self.invented and self.real):
            return "deels"
        if self.invented:
            return "fictief"
        if self.real:
            return "echt"
        return "leeg"

    @property
    def has_invented(self) -> bool:
        return bool(self.invented or self.mixed)


def origin(
    per_programme: pd.DataFrame,
    everything: pd.DataFrame | None = None,
    programme_ids: Iterable[int] | None = None,
) -> Origin:
    """The origin of the programmes in `per_programme` (optionally only `programme_ids`).

    `everything` is the same frame for the whole database; without it, `per_programme` is taken
    to be the whole database."""
    rows = per_programme[per_programme["total"] > 0]
    if programme_ids is not None:
        rows = rows[rows["programme_id"].isin(set(programme_ids))]
    whole = per_programme if everything is None else everything
    whole = whole[whole["total"] > 0]
    invented = rows["fictional"] == rows["total"]
    real = rows["fictional"] == 0
    names = rows["programme_name"].astype(str)
    return Origin(
        invented=tuple(names[invented]),
        real=tuple(names[real]),
        mixed=tuple(names[~invented & ~real]),
        everything_invented=bool(len(whole)) and bool((whole["fictional"] == whole["total"]).all()),
    )

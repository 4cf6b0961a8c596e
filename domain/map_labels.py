"""Where a printed map puts the names of the places it marks, so that no name hides under a
ring or under another name: beside its point, north to south alternately left and right, with
the names on one side kept at least a line apart."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Label:
    index: int  # of the point in the input
    x: float  # where the name is anchored, in the map's units
    y: float
    side: str  # 'left' or 'right' of the point: the name ends (left) or starts (right) at x


def place(
    points: list[tuple[float, float]], dx: float, gap: float, right_above: float | None = None
) -> list[Label]:
    """A label per (x, y) point, `dx` beside it, first to the left (on the Dutch map the North
    Sea, where there is room), then alternately right and left from north to south. Labels on
    the same side are at least `gap` apart vertically: a later one moves south until it is.
    A point north of `right_above` is labelled on the right (the left is taken there, by an
    inset)."""
    order = sorted(range(len(points)), key=lambda i: (-points[i][1], points[i][0]))
    last: dict[str, float] = {}
    out = []
    n = 0
    for i in order:
        x, y = points[i]
        if right_above is not None and y > right_above:
            side = "right"
        else:
            side = "left" if n % 2 == 0 else "right"
            n += 1
        if side in last and last[side] - y < gap:
            y = last[side] - gap
        last[side] = y
        out.append(Label(i, x - dx if side == "left" else x + dx, y, side))
    return sorted(out, key=lambda label: label.index)

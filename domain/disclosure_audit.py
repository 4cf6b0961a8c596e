"""The disclosure audit's attacker: how far everything the monitor publishes pins down a hidden count.

Each published number is a sum of atoms (the smallest counts, such as one programme's placements
in one year) with what is shown of it: an exact value, "<10" (0 to 9) or "x" (hidden, any count).
A linear program over the atoms (all counts, so never below 0) then gives the smallest and the
largest value of a hidden count that agree with every published number at once, across pages,
filters, slides and downloads: the attacker of issue 23, who adds and subtracts whatever the
monitor shows anywhere. The linear program's range is never narrower than the range over whole
counts, so a count it finds protected is protected.

A hidden small count is protected when its range covers the whole band it was hidden in (0 to
threshold − 1), or reaches `margin` or more on each side of its true value.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

# How far a hidden count's range must reach on each side of its true value, when it does not
# cover the whole band under the threshold.
DEFAULT_MARGIN = 5


@dataclass(frozen=True)
class Published:
    """One number the monitor shows: the atoms it adds up, and the least and most they can add up
    to given what is shown (equal for an exact value; `high` None for "x")."""

    atoms: frozenset
    low: int
    high: int | None

    @classmethod
    def exact(cls, atoms: Iterable[Hashable], value: int) -> Published:
        return cls(frozenset(atoms), value, value)

    @classmethod
    def small(cls, atoms: Iterable[Hashable], threshold: int) -> Published:
        """Shown as "<threshold"."""
        return cls(frozenset(atoms), 0, threshold - 1)

    @classmethod
    def hidden(cls, atoms: Iterable[Hashable]) -> Published:
        """Shown as "x": any count."""
        return cls(frozenset(atoms), 0, None)


@dataclass(frozen=True)
class Finding:
    """A hidden count that what is published pins down too far."""

    atoms: frozenset
    true_value: int
    low: float
    high: float

    def __str__(self) -> str:
        names = ", ".join(sorted(map(str, self.atoms)))
        high = "∞" if math.isinf(self.high) else f"{self.high:g}"
        return f"{names}: {self.low:g} to {high} (true {self.true_value})"


def _system(published: Sequence[Published]) -> tuple[dict, np.ndarray, np.ndarray, list[int]]:
    """The published numbers as A_ub x <= b_ub over the atoms; `owner[i]` is the published number
    that row i comes from."""
    atoms = sorted({a for p in published for a in p.atoms}, key=repr)
    index = {a: i for i, a in enumerate(atoms)}
    rows, upper, owner = [], [], []
    for n, p in enumerate(published):
        vector = np.zeros(len(atoms))
        vector[[index[a] for a in p.atoms]] = 1.0
        rows.append(-vector)  # sum >= low
        upper.append(-p.low)
        owner.append(n)
        if p.high is not None:
            rows.append(vector)  # sum <= high
            upper.append(p.high)
            owner.append(n)
    return index, np.array(rows).reshape(len(rows), len(atoms)), np.array(upper, float), owner


def _solve(index, a_ub, b_ub, owner, target: frozenset) -> tuple[tuple[float, float], set[int]]:
    """The least and most `target` can add up to, and the published numbers that bind either."""
    objective = np.zeros(len(index))
    objective[[index[a] for a in target]] = 1.0
    bounds, binding = [], set()
    for sign in (1.0, -1.0):
        result = linprog(sign * objective, A_ub=a_ub, b_ub=b_ub, bounds=(0, None), method="highs")
        if result.status == 2:
            raise ValueError("the published numbers contradict each other")
        if result.status == 3:
            bounds.append(math.inf)
            continue
        bounds.append(sign * result.fun)
        marginals = result.ineqlin.marginals
        binding |= {owner[i] for i in np.flatnonzero(np.abs(marginals) > 1e-9)}
    return (bounds[0], bounds[1]), binding


def ranges(
    published: Sequence[Published], targets: Iterable[frozenset]
) -> dict[frozenset, tuple[float, float]]:
    """The least and most each target (a set of atoms) can add up to, given all of `published`.
    Raises ValueError when the published numbers contradict each other."""
    system = _system(published)
    return {target: _solve(*system, target)[0] for target in targets}


def pinned_by(
    published: Sequence[Published], targets: Iterable[frozenset]
) -> dict[frozenset, tuple[tuple[float, float], set[int]]]:
    """Each target's range, with the positions in `published` of the numbers that bound it (the
    constraints the linear program's optimum rests on): hiding one of them widens the range."""
    system = _system(published)
    return {target: _solve(*system, target) for target in targets}


def is_protected(
    low: float, high: float, true_value: int, threshold: int, margin: int = DEFAULT_MARGIN
) -> bool:
    """Whether a range keeps a hidden small count safe: it covers 0 to threshold − 1, or reaches
    `margin` below (or down to 0) and above the true value."""
    covers_band = low <= 0 and high >= threshold - 1
    wide_around = low <= max(0, true_value - margin) and high >= true_value + margin
    return covers_band or wide_around


def audit(
    published: Sequence[Published],
    hidden_small: Mapping[frozenset, int],
    threshold: int,
    margin: int = DEFAULT_MARGIN,
) -> list[Finding]:
    """The hidden small counts (atoms → true value) that `published` pins down too far."""
    found = []
    for atoms, (low, high) in ranges(published, hidden_small).items():
        if not is_protected(low, high, hidden_small[atoms], threshold, margin):
            found.append(Finding(atoms, hidden_small[atoms], low, high))
    return found

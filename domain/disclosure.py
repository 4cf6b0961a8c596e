"""Page-wide secondary suppression: no hidden count can be worked out from everything a page shows.

`domain.suppression` protects the cells of one table. A page shows more than one table: tiles with
totals, charts with parts, tables with rows, and the same figures again in its downloads and PDF.
A count hidden in one element can then be derived from the others (Overzicht 2026: a tile of 4.287
placements, bars of the programmes with ten or more adding up to 4.279, so the programme shown as
"<10" in the table has 8). Here a page lists every count it is about to show as a `Cell`: its
value and the set of atoms it adds up (the smallest counts it is made of, such as one programme's
work placements). `protect` then hides, besides every small count (primary suppression), as few
other counts as it needs (secondary suppression, as statistical offices do) until no hidden count
is exactly derivable from the shown ones by adding and subtracting:

- a hidden count is derivable when its atoms are a linear combination of shown cells' atoms (the
  shown numbers then fix it, whatever the other hidden counts are);
- the hidden counts under one shown total, when their sum is derivable, give that sum away: it
  must not be small itself (it is a count of people too), nor leave the small ones no room (two
  hidden counts adding up to 2 are both 1).

Cells with the same atoms are one number shown twice (a bar and a table row of one programme):
they are hidden together. The smallest candidate that protects is hidden first; cells in `keep`
(a page's headline tiles) are never chosen for secondary suppression.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from domain.suppression import cell_label, is_small


@dataclass(frozen=True)
class Cell:
    """One count a page shows: `key` names it, `atoms` are what it adds up, `value` its count."""

    key: Hashable
    atoms: frozenset
    value: int


def _vectors(cells: Sequence[Cell]) -> tuple[dict, np.ndarray]:
    atoms = sorted({a for c in cells for a in c.atoms}, key=repr)
    index = {a: i for i, a in enumerate(atoms)}
    matrix = np.zeros((len(cells), len(atoms)))
    for row, c in enumerate(cells):
        for a in c.atoms:
            matrix[row, index[a]] = 1.0
    return index, matrix


def _in_span(basis: np.ndarray, rank: int, vector: np.ndarray) -> bool:
    if not vector.any():
        return True
    if rank == 0:
        return False
    return np.linalg.matrix_rank(np.vstack([basis, vector])) == rank


def exposed(cells: Sequence[Cell], hidden: Collection[Hashable], threshold: int) -> list[Hashable]:
    """The hidden small cells whose value the shown cells give away exactly (see the module text).
    A count hidden only to protect another may be derivable: it is not small."""
    hidden = set(hidden)
    _, matrix = _vectors(cells)
    shown_rows = [i for i, c in enumerate(cells) if c.key not in hidden]
    basis = matrix[shown_rows] if shown_rows else np.zeros((0, matrix.shape[1]))
    rank = int(np.linalg.matrix_rank(basis)) if shown_rows else 0
    out = [
        c.key
        for i, c in enumerate(cells)
        if c.key in hidden and is_small(c.value, threshold) and _in_span(basis, rank, matrix[i])
    ]
    if out:
        return out
    # The hidden cells under one shown total, disjoint, when their sum is derivable: that sum is
    # a count of people too (it must not be small), and it must leave the small ones room.
    for t in shown_rows:
        under = [i for i, c in enumerate(cells) if c.key in hidden and c.value > 0
                 and c.atoms <= cells[t].atoms]  # fmt: skip
        under = _disjoint(cells, under)
        small = [i for i in under if is_small(cells[i].value, threshold)]
        if not small:
            continue
        total = sum(cells[i].value for i in under)
        pinned = len(under) > 1 and total in (
            len(small) + threshold * (len(under) - len(small)),
            len(under) * (threshold - 1) if len(small) == len(under) else -1,
        )
        if (is_small(total, threshold) or pinned) and _in_span(
            basis, rank, matrix[under].sum(axis=0)
        ):
            return [cells[i].key for i in small]
    return []


def _disjoint(cells: Sequence[Cell], rows: list[int]) -> list[int]:
    """Rows with distinct, pairwise disjoint atom sets (a duplicate of a cell is the same count)."""
    out, seen = [], set()
    for i in rows:
        if cells[i].atoms in {cells[j].atoms for j in out}:
            continue
        if cells[i].atoms & seen:
            continue
        out.append(i)
        seen |= cells[i].atoms
    return out


def protect(
    cells: Sequence[Cell], threshold: int, keep: Collection[Hashable] = ()
) -> set[Hashable]:
    """The keys to hide: every small cell, every cell showing the same atoms as a hidden one,
    and as few others as needed until `exposed` finds nothing."""
    by_atoms: dict[frozenset, list[Hashable]] = {}
    for c in cells:
        by_atoms.setdefault(c.atoms, []).append(c.key)
    hidden = {c.key for c in cells if is_small(c.value, threshold)}
    hidden |= {k for c in cells if c.key in hidden for k in by_atoms[c.atoms]}
    keep = set(keep)
    while True:
        found = exposed(cells, hidden, threshold)
        if not found:
            return hidden
        # Candidates: shown, non-zero counts outside `keep`, one per atom set, smallest first.
        candidates = sorted(
            {
                c.atoms: c
                for c in cells
                if c.key not in hidden and c.value > 0 and not set(by_atoms[c.atoms]) & keep
            }.values(),
            key=lambda c: (c.value, repr(c.key)),
        )
        choice = None
        for c in candidates:
            trial = hidden | set(by_atoms[c.atoms])
            if not set(found) & set(exposed(cells, trial, threshold)):
                choice = c
                break
        if choice is None and candidates:
            choice = candidates[0]  # no single cell protects: hide the smallest and look again
        if choice is None:
            # Nothing left to hide but kept cells: hide those too rather than leak.
            rest = [c for c in cells if c.key not in hidden and c.value > 0]
            if not rest:
                return hidden
            choice = min(rest, key=lambda c: c.value)
        hidden |= set(by_atoms[choice.atoms])


@dataclass
class Ledger:
    """The counts of one page, collected before anything is drawn, then protected together.

    `add` each count with its atoms; `protect` once; `label` and `hidden` after."""

    threshold: int
    cells: list[Cell] = field(default_factory=list)
    keep: set[Hashable] = field(default_factory=set)
    _hidden: set[Hashable] | None = None

    def add(self, key: Hashable, atoms: Iterable, value: int, keep: bool = False) -> None:
        self.cells.append(Cell(key, frozenset(atoms), int(value)))
        if keep:
            self.keep.add(key)
        self._hidden = None

    def protect(self) -> set[Hashable]:
        self._hidden = protect(self.cells, self.threshold, self.keep)
        return self._hidden

    def hidden(self, key: Hashable) -> bool:
        if self._hidden is None:
            self.protect()
        return key in self._hidden

    def label(self, key: Hashable) -> str:
        """'1.234', '<10' for a small count, 'x' for a count hidden to protect a small one."""
        value = next(c.value for c in self.cells if c.key == key)
        return cell_label(value, self.threshold, self.hidden(key))

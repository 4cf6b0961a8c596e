"""One suppression decision per count, made once for everything the monitor can show for a year.

The monitor shows a year's trajectory figures (registered, started, placed in work or training,
lasting, still running) on many pages, under many filters, in slides, CSVs, Excel files and
PDFs: per programme, per partnership, per municipality, per municipality within a programme, and
in total. All of those are sums of the same atoms: one measure of one programme in one
municipality (today's code) in that year. Hiding counts per table is not enough: a count hidden in
one table can be worked out from what another page shows (issue 23: Overzicht's total minus the
bars, minus Altena's 91 on Doelen, gave Bonaire's hidden 8).

So the monitor decides once per year, for the whole family of counts it can show
(`Publication`):

- primary suppression: every count of 1 to threshold − 1 people is shown as "<10";
- complementary suppression: further counts are shown as "x" until, for every "<10", the smallest
  and largest value that agrees with *every* number of the family at once (a linear program, the
  attacker of `domain.disclosure_audit`) covers the whole band 0 to threshold − 1, or reaches
  `margin` on each side of the true value. The counts that pin a "<10" down are read off the
  linear program; the smallest of them is hidden first, so that as little as possible goes;
- the year's headline totals (`keep`) are hidden only when nothing else protects.

Every view then asks the publication for its count (`Publication.count`): the same count has
the same fate wherever it appears, whatever filter, page or file shows it.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from domain.disclosure_audit import DEFAULT_MARGIN, Published, is_protected, pinned_by
from domain.suppression import cell_label, is_small

_log = logging.getLogger(__name__)

# The atoms' measures, as the yearly figures count them; `geplaatst` is work plus training.
MEASURES = ("aangemeld", "gestart", "geplaatst_werk", "geplaatst_opleiding", "duurzaam", "lopend")
PARTS = {"geplaatst": ("geplaatst_werk", "geplaatst_opleiding")}
# Measures whose atoms meet in some count; the others are decided apart (smaller programs).
GROUPS = (("aangemeld",), ("gestart",), ("geplaatst_werk", "geplaatst_opleiding"),
          ("duurzaam",), ("lopend",))  # fmt: skip

Atom = tuple[str, int, str]  # (measure, programme id, municipality code)


def parts(measure: str) -> tuple[str, ...]:
    """The atoms' measures a shown measure adds up."""
    return PARTS.get(measure, (measure,))


@dataclass(frozen=True)
class Grid:
    """A year's counts per measure, programme and municipality (only those that are not 0)."""

    values: Mapping[Atom, int]

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> Grid:
        """From columns programme_id, area_code and each of MEASURES."""
        values = {}
        for row in frame.to_dict("records"):
            for m in MEASURES:
                n = int(row.get(m) or 0)
                if n:
                    values[(m, int(row["programme_id"]), str(row["area_code"]))] = n
        return cls(values)

    def atoms(
        self,
        measure: str,
        programmes: Collection[int] | None = None,
        areas: Collection[str] | None = None,
    ) -> frozenset[Atom]:
        """What a count of `measure` over `programmes` in `areas` (None: all) adds up. Atoms that
        are 0 are left out: protection then assumes an attacker knows them, which is safe."""
        wanted = set(parts(measure))
        chosen = None if programmes is None else {int(p) for p in programmes}
        where = None if areas is None else set(areas)
        return frozenset(
            a for a in self.values
            if a[0] in wanted and (chosen is None or a[1] in chosen)
            and (where is None or a[2] in where)
        )  # fmt: skip

    def value(self, atoms: Iterable[Atom]) -> int:
        return sum(self.values[a] for a in atoms)


@dataclass(frozen=True)
class Count:
    """A count as the monitor shows it: its value, whether it is hidden, and its label ('1.234',
    '<10' for a small count, 'x' for one hidden to protect a small one)."""

    value: int
    hidden: bool
    label: str
    atoms: frozenset[Atom] = frozenset()


@dataclass(frozen=True)
class Publication:
    """The year's decision: every count of the family, and which of them are hidden."""

    year: int
    threshold: int
    grid: Grid
    cells: frozenset[frozenset[Atom]]
    hidden: frozenset[frozenset[Atom]]
    # Counts asked for that are not in the family: hidden, and listed here so that a test can
    # tell when a view shows something the decision did not weigh.
    unplanned: set = field(default_factory=set, compare=False, hash=False)

    def count(
        self,
        measure: str,
        programmes: Collection[int] | None = None,
        areas: Collection[str] | None = None,
    ) -> Count:
        """The count of `measure` over `programmes` in `areas` (None: all), as it may be shown."""
        atoms = self.grid.atoms(measure, programmes, areas)
        return self.of(atoms)

    def of(self, atoms: frozenset[Atom]) -> Count:
        value = self.grid.value(atoms)
        if not atoms:
            return Count(0, False, cell_label(0, self.threshold), atoms)
        if atoms not in self.cells:
            self.unplanned.add(atoms)
            return Count(value, True, cell_label(value, self.threshold, hidden=True), atoms)
        hidden = atoms in self.hidden
        return Count(value, hidden, cell_label(value, self.threshold, hidden), atoms)

    def published(self) -> list[Published]:
        """Every count of the family as an attacker reads it: exact, "<10" or "x"."""
        return [_as_published(c, self.grid.value(c), c in self.hidden, self.threshold)
                for c in self.cells]  # fmt: skip

    def small_hidden(self) -> dict[frozenset[Atom], int]:
        """The hidden small counts and their true values: what the protection is for."""
        out = {}
        for c in self.hidden:
            value = self.grid.value(c)
            if is_small(value, self.threshold):
                out[c] = value
        return out


def _as_published(atoms: frozenset, value: int, hidden: bool, threshold: int) -> Published:
    if is_small(value, threshold):
        return Published.small(atoms, threshold)
    if hidden:
        return Published.hidden(atoms)
    return Published.exact(atoms, value)


Sets = Iterable[Collection[int] | None]
Areas = Iterable[Collection[str] | None]


def family(grid: Grid, shown: Iterable[tuple[str, Sets, Areas]]) -> set[frozenset[Atom]]:
    """Every count the monitor can show, as atom sets: for each (measure, sets of programmes,
    sets of municipalities) in `shown`, the measure over each set of programmes in each set of
    municipalities (None: all). Counts of nothing (0) are left out."""
    out = set()
    for measure, programme_sets, area_sets in shown:
        area_sets = list(area_sets)
        for ps in programme_sets:
            for areas in area_sets:
                atoms = grid.atoms(measure, ps, areas)
                if atoms:
                    out.add(atoms)
    return out


# How many candidates a pinned count tries (those outside `keep` first) before a pass gives up
# on it; when no count can be set free by one cell, the one that widens a range most is hidden.
TRIES = 30


def protect(
    cells: Mapping[frozenset, int],
    threshold: int,
    keep: Collection[frozenset] = (),
    margin: int = DEFAULT_MARGIN,
    value_of: Callable[[frozenset], int] | None = None,
) -> set[frozenset]:
    """The cells (atom sets with their values) to hide: every small one, and as few others as it
    takes until no small one is pinned down (see the module text).

    The small cells are taken one by one, smallest first. While one is pinned down, a shown cell
    is hidden: among those its range rests on (the linear program's binding numbers) and its
    siblings (the largest shown cells beside it under a shown total), those outside `keep` first,
    then the smaller; the first that
    sets it free, or else the one that widens its range most. Hiding only ever widens a range, so
    a cell found safe stays safe while later ones are protected.

    Then the sums: the hidden counts under one shown total add up to a count of people too; where
    the shown numbers fix that sum at a small value, the smallest other count under the total is
    hidden as well. `value_of` gives any set of atoms its value (default: from the cells)."""
    hidden = {c for c, v in cells.items() if is_small(v, threshold)}
    small = {c: v for c, v in cells.items() if is_small(v, threshold)}
    order = list(cells)

    def solve(target: frozenset, extra: frozenset | None = None):
        published = [
            _as_published(c, cells[c], c in hidden or c == extra, threshold) for c in order
        ]
        (low, high), binding = pinned_by(published, [target])[target]
        return low, high, {order[i] for i in binding}

    def preference(c: frozenset):
        return (c in keep, cells[c], len(c), sorted(map(repr, c)))

    def candidates(target: frozenset, binding: set) -> list[frozenset]:
        siblings = set()
        for total in (c for c in cells if c not in hidden and target < c):
            rest = [c for c in cells if c <= total and not c & target and c not in hidden]
            siblings |= {c for c in rest if not any(c < other for other in rest)}
        shown = (c for c in binding | siblings if c not in hidden and cells[c] > 0)
        return sorted(shown, key=preference)

    pending = sorted(small, key=lambda c: (small[c], sorted(map(repr, c))))
    widen = False  # a pass without progress: hide the cell that widens a range most
    while pending:
        progress = False
        for target in list(pending):
            low, high, binding = solve(target)
            if is_protected(low, high, small[target], threshold, margin):
                pending.remove(target)
                progress = True
                continue
            options = candidates(target, binding)
            if not options:
                pending.remove(target)  # bound by hidden cells' own labels: more cannot widen
                continue
            best, best_width = None, -1.0
            for c in options[:TRIES]:
                trial_low, trial_high, _ = solve(target, c)
                if is_protected(trial_low, trial_high, small[target], threshold, margin):
                    best, best_width = c, math.inf
                    break
                if trial_high - trial_low > best_width:
                    best, best_width = c, trial_high - trial_low
            if best_width == math.inf or widen:
                hidden.add(best)
                _log.debug("%s pinned to %s..%s: hide %s", sorted(target), low, high, sorted(best))
                progress, widen = True, False
                break  # the others see the new state in the next pass
        if not progress:
            if widen:
                break
            widen = True
    # The hidden counts under one shown total add up to a count of people too: when what is shown
    # fixes their sum, it must not be small ("8 and 91 hidden, 99 together" at a threshold of 100).
    while True:
        found = _small_sums(cells, hidden, threshold, order, value_of)
        if not found:
            return hidden
        total, together = found
        rest = [c for c in cells if c <= total and not c & together and c not in hidden]
        options = sorted((c for c in rest if cells[c] > 0 and not any(c < o for o in rest)),
                         key=preference)  # fmt: skip
        if not options:
            return hidden
        hidden.add(options[0])
    return hidden


def _small_sums(
    cells: Mapping[frozenset, int],
    hidden: set[frozenset],
    threshold: int,
    order: list,
    value_of: Callable[[frozenset], int] | None,
) -> tuple[frozenset, frozenset] | None:
    """A shown total and the hidden counts under it (one of them small) whose sum the shown
    numbers fix at a small value; None when there is none."""
    published = [_as_published(c, cells[c], c in hidden, threshold) for c in order]
    wanted = {}
    for total in order:
        if total in hidden or cells[total] == 0:
            continue
        under = [c for c in hidden if c < total]
        if not any(is_small(cells[c], threshold) for c in under):
            continue
        # What the total leaves when the largest shown counts under it are taken off.
        shown = sorted((c for c in cells if c < total and c not in hidden), key=len, reverse=True)
        covered: frozenset = frozenset()
        for c in shown:
            if not c & covered:
                covered |= c
        together = total - covered
        if not together:
            continue
        value = value_of(together) if value_of is not None else _value_of(cells, together)
        if is_small(value, threshold) and together not in cells:
            wanted[together] = total
    if not wanted:
        return None
    for together, ((low, high), _) in pinned_by(published, list(wanted)).items():
        if low == high:
            return wanted[together], together
    return None


def _value_of(cells: Mapping[frozenset, int], atoms: frozenset) -> int:
    """The value of a set of atoms from the cells that hold single atoms or disjoint parts."""
    parts = [c for c in cells if c <= atoms]
    chosen, seen = [], set()
    for c in sorted(parts, key=len, reverse=True):
        if not c & seen:
            chosen.append(c)
            seen |= c
    return sum(cells[c] for c in chosen) if seen == atoms else -1


def decide(
    grid: Grid,
    year: int,
    threshold: int,
    shown: Iterable[tuple[str, Sets, Areas]],
    keep: Iterable[tuple[str, Collection[int] | None, Collection[str] | None]] = (),
    margin: int = DEFAULT_MARGIN,
) -> Publication:
    """The year's publication: the family of counts (`family`) and the ones to hide, measure
    group by measure group (counts of different groups share no atom)."""
    cells = family(grid, shown)
    kept = {grid.atoms(m, ps, areas) for m, ps, areas in keep}
    hidden: set[frozenset] = set()
    for group in GROUPS:
        mine = {c: grid.value(c) for c in cells if next(iter(c))[0] in group}
        hidden |= protect(mine, threshold, kept & set(mine), margin, grid.value)
    return Publication(year, threshold, grid, frozenset(cells), frozenset(hidden))

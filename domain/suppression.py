"""Small-count suppression: no count below the threshold leaves the monitor, on screen or in a file.

A hidden count must not be recoverable by subtraction either: where parts add up to a shown total
and exactly one part is hidden, the next smallest part is hidden too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd


def is_small(n: int | None, threshold: int) -> bool:
    """True for a count of people that may not be shown (1 .. threshold-1); 0 is no person."""
    return n is not None and 0 < n < threshold


def hidden_label(threshold: int) -> str:
    return f"<{threshold}"


def hide_parts(total: int, parts: Mapping[str, int], threshold: int) -> set[str]:
    """Which parts of `total` to hide so that none below the threshold can be derived.

    Primary: every small part. Secondary: when exactly one part is hidden and the total is shown,
    hide the smallest other non-zero part as well, so the hidden one cannot be got by subtraction.
    """
    hidden = {k for k, n in parts.items() if is_small(n, threshold)}
    if is_small(total, threshold):
        return set(parts)
    if len(hidden) == 1:
        others = sorted((n, k) for k, n in parts.items() if k not in hidden and n > 0)
        if others:
            hidden.add(others[0][1])
    return hidden


def display_count(n: int | None, threshold: int, hidden: bool = False) -> str:
    """The count as a user may read it: '1.234', '<10', or '–' for unknown."""
    from domain.formatting import fmt_int

    if n is None:
        return "–"
    if hidden or is_small(n, threshold):
        return hidden_label(threshold)
    return fmt_int(n)


# Marks a count that is large enough to show but hidden so that a small one cannot be derived
# from it (complementary suppression); statistical offices use a similar sign for such cells.
SECONDARY_LABEL = "x"


def cell_label(n: int | None, threshold: int, hidden: bool = False) -> str:
    """'1.234', '<10' for a small count, or 'x' for a large count hidden to protect a small one."""
    from domain.formatting import fmt_int

    if n is None:
        return "–"
    if is_small(n, threshold):
        return hidden_label(threshold)
    if hidden:
        return SECONDARY_LABEL
    return fmt_int(n)


def legend(labels: Iterable[str], threshold: int, language: str | None = None) -> str:
    """What the hidden marks among `labels` (what a table or a row of tiles shows) mean, in one
    or two sentences: '<10' and 'x' each once, and only when shown; '' when nothing is hidden."""
    from domain.texts import t

    shown = set(labels)
    small = hidden_label(threshold)
    sentences = []
    if small in shown:
        sentences.append(t("algemeen.verborgen_klein", language, label=small, drempel=threshold))
    if SECONDARY_LABEL in shown:
        sentences.append(t("algemeen.verborgen_x", language))
    return " ".join(sentences)


def protect_parts(
    total: int,
    parts: Mapping[str, int],
    hidden: set[str],
    threshold: int,
    total_hidden: bool = False,
) -> set[str]:
    """Parts to hide so that no hidden part, and no hidden total, can be got by adding or
    subtracting shown numbers.

    Starts from `hidden` plus every small part. A shown total with exactly one hidden part would
    give that part away by subtraction: the smallest other non-zero part is hidden too. A hidden
    total with every part shown would give the total away by addition: the smallest non-zero part
    is hidden. A small total hides every part.
    """
    if is_small(total, threshold):
        return {k for k, n in parts.items() if n > 0} | set(hidden)
    out = set(hidden) | {k for k, n in parts.items() if is_small(n, threshold)}
    hidden_nonzero = [k for k in out if parts.get(k, 0) > 0]
    shown = sorted((n, k) for k, n in parts.items() if k not in out and n > 0)
    if not shown:
        return out
    if (not total_hidden and len(hidden_nonzero) == 1) or (total_hidden and not hidden_nonzero):
        out.add(shown[0][1])
    return out


def protect_chain(counts: Sequence[int], hidden: set[int], threshold: int) -> set[int]:
    """Positions to hide in a chain of nested counts (a funnel: each stage within the one before).

    The difference between two shown stages is itself a count of people (those who did not get
    further), so it must be 0 or at least the threshold. Walking down the funnel, a stage whose
    difference from the last shown stage is small is hidden as well. Sums of such differences are
    then 0 or at least the threshold too, so any two shown stages are safe to subtract.
    """
    out = set(hidden) | {i for i, n in enumerate(counts) if is_small(n, threshold)}
    last = None
    for i, n in enumerate(counts):
        if i in out:
            continue
        if last is not None and 0 < counts[last] - n < threshold:
            out.add(i)
            continue
        last = i
    return out


def protect_grouped_funnel(
    counts: pd.DataFrame,
    chain: Sequence[str],
    parts_of: Mapping[str, Sequence[str]] | None = None,
    threshold: int = 10,
    partition: bool = True,
    total_hidden: Mapping[str, bool] | None = None,
    initially: Sequence[Mapping[str, bool]] | None = None,
) -> pd.DataFrame:
    """The hidden-cell mask (same shape as `counts[columns]`) of a table of funnels, one per row.

    `initially` marks cells hidden beforehand, per row (a count hidden by the year's decision
    elsewhere); they are protected like small ones.

    Each row's `chain` columns are protected as a funnel (`protect_chain`); each `parts_of` total
    is protected with its parts (werk and opleiding within geplaatst); with `partition`, the rows
    are taken to add up to a total that may be shown elsewhere (all providers add up to the whole
    cohort), so every column is protected across rows as well; `total_hidden` marks columns whose
    total is hidden where it is shown (a stage hidden in the page's own funnel), so that the rows
    do not add up to it. Repeated until nothing changes.
    """
    parts_of = dict(parts_of or {})
    columns = list(dict.fromkeys([*chain, *[c for ps in parts_of.values() for c in ps]]))
    # Plain lists, not DataFrame cells: .loc and .at per cell made this ~40 ms per table.
    values = [
        {c: int(v) for c, v in zip(columns, row, strict=True)}
        for row in counts[columns].fillna(0).astype(int).itertuples(index=False, name=None)
    ]
    first = list(initially) if initially is not None else [{} for _ in values]
    mask = [
        {c: is_small(row[c], threshold) or bool(before.get(c, False)) for c in columns}
        for row, before in zip(values, first, strict=True)
    ]
    hidden_totals = total_hidden or {}
    changed = True
    while changed:
        before = [dict(m) for m in mask]
        for row, hidden in zip(values, mask, strict=True):
            chain_hidden = {j for j, c in enumerate(chain) if hidden[c]}
            for j in protect_chain([row[c] for c in chain], chain_hidden, threshold):
                hidden[chain[j]] = True
            for total, parts in parts_of.items():
                hide = protect_parts(
                    row[total],
                    {p: row[p] for p in parts},
                    {p for p in parts if hidden[p]},
                    threshold,
                    total_hidden=hidden[total],
                )
                for p in hide:
                    hidden[p] = True
        if partition:
            for c in columns:
                col = {str(i): row[c] for i, row in enumerate(values)}
                hide = protect_parts(
                    sum(col.values()),
                    col,
                    {str(i) for i, hidden in enumerate(mask) if hidden[c]},
                    threshold,
                    total_hidden=bool(hidden_totals.get(c, False)),
                )
                for k in hide:
                    mask[int(k)][c] = True
        changed = mask != before
    return pd.DataFrame(mask, columns=columns, index=counts.index, dtype=bool)


def protect_rows(
    totals: Sequence[int],
    parts: pd.DataFrame,
    threshold: int,
    totals_hidden: Sequence[bool] | None = None,
) -> pd.DataFrame:
    """The hidden-cell mask of a table whose rows are a total split into parts (`protect_parts`
    per row). `totals_hidden` marks totals that are hidden elsewhere; their parts then keep at
    least one hidden so that the total cannot be got by adding them up."""
    values = parts.fillna(0).astype(int)
    mask = pd.DataFrame(False, index=values.index, columns=values.columns)
    flags = list(totals_hidden) if totals_hidden is not None else [False] * len(values)
    for (index, row), total, total_hidden in zip(values.iterrows(), totals, flags, strict=True):
        hide = protect_parts(
            int(total), {c: int(row[c]) for c in values.columns}, set(), threshold, total_hidden
        )
        for c in hide:
            mask.at[index, c] = True
    return mask

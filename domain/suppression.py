"""Small-count suppression: no count below the threshold leaves the monitor, on screen or in a file.

A hidden count must not be recoverable by subtraction either: where parts add up to a shown total
and exactly one part is hidden, the next smallest part is hidden too.
"""

from __future__ import annotations

from collections.abc import Mapping


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

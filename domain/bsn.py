"""Recognising BSNs (Dutch citizen service numbers) so that a file holding them is refused.

A BSN has nine digits that pass the 11-proof (elfproef): 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a
multiple of 11. Random nine-digit numbers pass about one time in eleven, so a column is taken for
BSNs only when most of its nine-digit values pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

NINE_DIGITS = re.compile(r"^\d{8,9}$")  # Excel drops a leading zero: 8 digits may be a BSN too
WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
# Random numbers pass ~9% of the time; a column of BSNs passes 100%. Half is far from both.
BSN_SHARE = 0.5
# Below this many nine-digit values a share says little; a handful of BSNs is still refused.
MIN_VALUES = 3


def passes_elfproef(text: str) -> bool:
    digits = text.strip().zfill(9)
    if not NINE_DIGITS.match(digits) or len(digits) != 9 or digits == "000000000":
        return False
    return sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True)) % 11 == 0


def looks_like_bsn_column(values: Iterable[object]) -> bool:
    """True when most nine-digit values in the column pass the 11-proof."""
    candidates = [str(v).strip() for v in values if v is not None and str(v).strip()]
    candidates = [v.removesuffix(".0") for v in candidates]
    nine = [v for v in candidates if NINE_DIGITS.match(v)]
    if len(nine) < MIN_VALUES or len(nine) < len(candidates) / 2:
        return False
    passing = sum(passes_elfproef(v) for v in nine)
    return passing / len(nine) >= BSN_SHARE

"""The funnel's stages, in order, with the words the field uses for them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Stage:
    key: str
    label: str


# Aanmelding → Intake → Diagnose → Traject gestart → Geplaatst → Duurzaam (DOMAIN.md).
STAGES: tuple[Stage, ...] = (
    Stage("aanmelding", "Aanmelding"),
    Stage("intake", "Intake"),
    Stage("diagnose", "Diagnose"),
    Stage("gestart", "Traject gestart"),
    Stage("geplaatst", "Geplaatst"),
    Stage("duurzaam", "Duurzaam"),
)
STAGE_KEYS: tuple[str, ...] = tuple(s.key for s in STAGES)
STAGE_LABELS: dict[str, str] = {s.key: s.label for s in STAGES}

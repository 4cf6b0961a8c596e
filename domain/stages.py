"""The funnel's stages, in order, with the words the field uses for them."""

from __future__ import annotations

from dataclasses import dataclass

from domain.formatting import current_language


@dataclass(frozen=True)
class Stage:
    key: str
    label_nl: str
    # For international visitors; the Dutch field term stays in parentheses where it differs.
    label_en: str

    @property
    def label(self) -> str:
        """The stage's name in the current language."""
        return self.label_en if current_language() == "en" else self.label_nl


# Aanmelding → Intake → Diagnose → Traject gestart → Geplaatst → Duurzaam (DOMAIN.md).
STAGES: tuple[Stage, ...] = (
    Stage("aanmelding", "Aanmelding", "Registration (aanmelding)"),
    Stage("intake", "Intake", "Intake"),
    Stage("diagnose", "Diagnose", "Assessment (diagnose)"),
    Stage("gestart", "Traject gestart", "Trajectory started"),
    Stage("geplaatst", "Geplaatst", "Placed"),
    Stage("duurzaam", "Duurzaam", "Lasting (duurzaam)"),
)
STAGE_KEYS: tuple[str, ...] = tuple(s.key for s in STAGES)


def stage_labels() -> dict[str, str]:
    """Stage key -> its name in the current language."""
    return {s.key: s.label for s in STAGES}

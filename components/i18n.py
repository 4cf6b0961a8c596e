"""The text catalogue: every word a user reads comes from locales/<language>.toml."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DEFAULT_LANGUAGE = "nl"


def _flatten(tree: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = str(value)
    return flat


@cache
def catalogue(language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    with (LOCALES_DIR / f"{language}.toml").open("rb") as fh:
        return _flatten(tomllib.load(fh))


def t(key: str, language: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The text for `key`, with `{name}` placeholders filled from `values`."""
    text = catalogue(language).get(key)
    if text is None:
        raise KeyError(f"text key missing from {language}.toml: {key}")
    return text.format(**values) if values else text

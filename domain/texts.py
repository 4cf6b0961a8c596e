"""The text catalogue (locales/<language>.toml), without Streamlit, so that domain rules and
data_access checks can word their messages in the reader's language too.

The app uses it through `components.shell.i18n.t`; the language is domain.formatting's context variable
(Dutch unless the run set another), so the CLI and the tests speak Dutch."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from domain.formatting import DEFAULT_LANGUAGE, current_language
from domain.literal import md

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"


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


def t(key: str, language: str | None = None, **values: object) -> str:
    """The text for `key` in `language` (default: the current run's), with `{name}` placeholders
    filled from `values`."""
    language = language or current_language()
    text = catalogue(language).get(key)
    if text is None:
        raise KeyError(f"text key missing from {language}.toml: {key}")
    return text.format(**values) if values else text


def t_md(key: str, language: str | None = None, **values: object) -> str:
    """`t` for a text that is shown as Markdown: the catalogue's own Markdown (**bold**) stays,
    every value put into it (a name, a title: data) shows as its characters (domain.literal)."""
    return t(
        key, language, **{k: v if isinstance(v, int | float) else md(v) for k, v in values.items()}
    )

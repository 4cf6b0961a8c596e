"""The text catalogue: every word a user reads comes from locales/<language>.toml.

Dutch is the default; English is for international visitors. `t()` speaks the language of the
current run (domain.formatting's context variable, set by app.py from the sidebar switch), so
numbers, dates and words always agree. The catalogue itself lives in domain.texts (no Streamlit),
so messages worded in domain/ and data_access/ follow the language as well."""

from __future__ import annotations

from domain.formatting import DEFAULT_LANGUAGE, LANGUAGES, current_language
from domain.texts import LOCALES_DIR, catalogue, t, t_md

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LOCALES_DIR",
    "catalogue",
    "current_language",
    "t",
    "t_md",
]

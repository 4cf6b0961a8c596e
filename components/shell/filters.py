"""The shared sidebar filters, kept in the URL as plain codes so a link reproduces the view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from components.shell.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from domain.formatting import set_language

# Widget key -> query parameter name. Values in the URL are plain codes, never pickled objects.
PARAMS = {
    "f_jaar": "jaar",
    "f_samenwerking": "samenwerking",
    "f_programma": "programma",
    "f_gemeente": "gemeente",
}

# The interface language (Dutch or English): widget key -> query parameter. Dutch is the default
# and is left out of the URL, so existing Dutch links stay as they were.
LANGUAGE_PARAMS = {"f_taal": "taal"}

# Keyed choices whose option texts are in the interface language, registered by `relabelled`
# where they are drawn. Streamlit keeps a keyed widget's shown text in the browser: after a
# language switch it would go on showing the old language's text ("Alle", "januari 2025") until a
# reload. choose_language sets them again.
_RELABELLED: set[str] = set()
LANGUAGE_SEEN = "taal_vorige"  # the language of the run before

# A page's own filters (drawn under the shared ones in the sidebar): widget key -> query parameter.
PAGE_PARAMS = {
    "f_kaart_soort": "soort",
    "f_kaart_provincie": "provincie",
    "f_kaart_kleur": "kleur",
}


@dataclass(frozen=True)
class Selection:
    """What the user chose in the sidebar: a year, and optionally one partnership, programme and
    municipality (all by code)."""

    year: int
    partnership: str | None = None
    programme: str | None = None
    municipality: str | None = None


def from_url(key: str, param: str, options: list, cast=str) -> None:
    """Put a valid URL value of `param` into widget `key`'s state before the widget is drawn.

    Values are plain text matched against the widget's options; anything else is ignored."""
    if key in st.session_state:
        return
    raw = st.query_params.get(param)
    if raw is None:
        return
    try:
        value = cast(raw)
    except ValueError:
        return
    if value in options:
        st.session_state[key] = value


def to_url(key: str, param: str) -> None:
    """Write widget `key`'s value to the URL as `param` (removed when the value is None)."""
    value = st.session_state.get(key)
    if value is None:
        if param in st.query_params:
            del st.query_params[param]
    elif st.query_params.get(param) != str(value):
        st.query_params[param] = str(value)


def list_from_url(key: str, param: str, options: list) -> None:
    """Like `from_url` for a multiselect: a comma-separated list, each item matched by its text."""
    if key in st.session_state:
        return
    raw = st.query_params.get(param)
    if raw is None:
        return
    by_text = {str(o): o for o in options}
    st.session_state[key] = [by_text[v] for v in raw.split(",") if v in by_text]


def list_to_url(key: str, param: str) -> None:
    values = st.session_state.get(key) or []
    text = ",".join(str(v) for v in values)
    if not text:
        if param in st.query_params:
            del st.query_params[param]
    elif st.query_params.get(param) != text:
        st.query_params[param] = text


def _param(key: str) -> str:
    return PARAMS.get(key) or PAGE_PARAMS.get(key) or LANGUAGE_PARAMS[key]


def _from_url(key: str, options: list, cast=str) -> None:
    from_url(key, _param(key), options, cast)


def _to_url(key: str) -> None:
    to_url(key, _param(key))


def _optional_choice(key: str, label: str, names: dict, all_label: str | None = None):
    """A selectbox of codes with "all" (None) first; an invalid earlier choice falls back to all."""
    all_label = all_label or t("filters.alle")
    options = [None, *names]
    if st.session_state.get(key) not in options:
        st.session_state.pop(key, None)
    _from_url(key, options)
    return st.selectbox(
        label,
        options,
        key=relabelled(key),
        placeholder=all_label,
        format_func=lambda c: all_label if c is None else names[c],
    )


def sidebar(
    years: list[int],
    default_year: int,
    partnerships: pd.DataFrame,
    programmes: pd.DataFrame,
    municipalities: pd.DataFrame,
) -> Selection:
    """Draw the shared filters in the sidebar and return the selection."""
    with st.sidebar:
        st.subheader(t("filters.kop"))
        _from_url("f_jaar", years, int)
        if st.session_state.get("f_jaar") not in years:
            st.session_state["f_jaar"] = default_year
        year = st.selectbox(t("filters.jaar"), years, key="f_jaar")

        p_names = dict(zip(partnerships["code"], partnerships["name"], strict=True))
        partnership = _optional_choice("f_samenwerking", t("filters.samenwerking"), p_names)

        shown = programmes
        if partnership is not None:
            pid = int(partnerships.loc[partnerships["code"] == partnership, "id"].iloc[0])
            shown = programmes[programmes["partnership_id"] == pid]
        g_names = dict(zip(shown["code"], shown["name"], strict=True))
        programme = _optional_choice("f_programma", t("filters.programma"), g_names)

        m_names = dict(zip(municipalities["code"], municipalities["name"], strict=True))
        municipality = _optional_choice(
            "f_gemeente", t("filters.gemeente"), m_names, t("filters.alle_gemeenten")
        )
    for key in PARAMS:
        _to_url(key)
    return Selection(year, partnership, programme, municipality)


def relabelled(key: str) -> str:
    """`key` of a choice whose option texts are in the interface language: set again on a language
    switch (choose_language). Returns the key, for `key=relabelled("...")`."""
    _RELABELLED.add(key)
    return key


def choose_language() -> str:
    """Before anything is drawn: the language of this run, from the switch or the URL (`taal=en`),
    made current for `t()` and the number formats. Anything else in the URL means Dutch."""
    _from_url("f_taal", list(LANGUAGES))
    if st.session_state.get("f_taal") not in LANGUAGES:
        st.session_state["f_taal"] = DEFAULT_LANGUAGE
    language = st.session_state["f_taal"]
    set_language(language)
    if st.session_state.get(LANGUAGE_SEEN, language) != language:
        # Read with the last run's labels, set again: the widgets send their value in the new
        # language's words to the browser (a value Streamlit set itself it does not resend).
        for key in sorted(_RELABELLED):
            if key in st.session_state:
                st.session_state[key] = st.session_state[key]
    st.session_state[LANGUAGE_SEEN] = language
    return language


def language_switch() -> None:
    """The sidebar switch Nederlands / English; kept in the URL as `taal=en` (Dutch is not written)."""
    with st.sidebar:
        st.radio(
            t("taal.kop"),
            list(LANGUAGES),
            key="f_taal",
            horizontal=True,
            format_func=lambda code: t(f"taal.{code}"),
        )
    if st.session_state.get("f_taal") == DEFAULT_LANGUAGE:
        if "taal" in st.query_params:
            del st.query_params["taal"]
    else:
        _to_url("f_taal")


def current() -> Selection:
    """The selection the sidebar holds now (the entry script draws it before every page)."""
    return Selection(
        year=st.session_state.get("f_jaar", date.today().year),
        partnership=st.session_state.get("f_samenwerking"),
        programme=st.session_state.get("f_programma"),
        municipality=st.session_state.get("f_gemeente"),
    )


def page_choice(
    key: str, param: str, label: str, options: list, format_func, container=st, widget=None
):
    """A page's own filter: a widget (default a selectbox) whose plain value lives in the URL under
    `param`. A value from the URL or an earlier run that is no longer an option falls back to the
    first."""
    if st.session_state.get(key) not in options:
        st.session_state.pop(key, None)
    from_url(key, param, options)
    value = (widget or container.selectbox)(
        label, options, key=relabelled(key), format_func=format_func
    )
    to_url(key, param)
    return value


def page_select(key: str, label: str, options: list, format_func, widget=None):
    """A page's own sidebar filter (a key of PAGE_PARAMS), kept in the URL like the shared ones."""
    with st.sidebar:
        return page_choice(key, _param(key), label, options, format_func, st.sidebar, widget)

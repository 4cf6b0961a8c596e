"""A page that meets a database error shows a calm Dutch message, logs the details, and goes on."""

from __future__ import annotations

import logging
from collections.abc import Callable

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components.shell.i18n import t
from data_access.engine import is_timeout

log = logging.getLogger("samenwerkingsmonitor")

# Session-state key holding the run in which the database message was last shown.
_SHOWN_IN_RUN = "_fout_getoond_in_run"


def _first_message_this_run() -> bool:
    """True the first time in a script run: the sidebar and the page both meet a database that is
    down, and one calm message (with one retry button) says it better than two.

    A run is recognised by the run context's cursor table, which Streamlit replaces at the start of
    every run; holding it in session state keeps the identity comparison sound."""
    ctx = get_script_run_ctx()
    run = ctx.cursors if ctx is not None else None
    if run is not None and st.session_state.get(_SHOWN_IN_RUN) is run:
        return False
    st.session_state[_SHOWN_IN_RUN] = run
    return True


def _ensure_entry_script() -> None:
    """Make sure the page runs under app.py's navigation, not Streamlit's legacy pages/ mode.

    Streamlit treats a `pages/` folder next to the entry script as the old multipage layout until
    the first `st.navigation` call. When the first visitor after a restart opens a deep link such as
    /trajecten, the page would run without app.py (no sidebar filters, wrong menu). Switching the
    flag off and rerunning lets app.py draw the same page properly.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def render_safely(render: Callable[[], None]) -> None:
    """Run a page's render function; database trouble becomes a Dutch message, not a traceback."""
    _ensure_entry_script()
    try:
        render()
    except SQLAlchemyError as error:
        log.exception("database error while drawing a page")
        if not _first_message_this_run():
            return
        if is_timeout(error):
            st.warning(t("fout.te_traag"), icon="⏳")
        else:
            st.error(t("fout.database"), icon="🛑")
        if st.button(t("fout.opnieuw"), key="fout_opnieuw"):
            st.cache_resource.clear()
            st.cache_data.clear()
            st.rerun()


def calm(part: Callable[[], None], message_key: str = "presentatie.niet_beschikbaar") -> None:
    """Draw one part of a page; if it fails in any way, log it and show a calm Dutch sentence in
    its place instead (for the projector: nothing on stage may show a traceback).

    The part draws into a placeholder, so whatever it drew before failing is replaced as well."""
    holder = st.empty()
    try:
        with holder.container():
            part()
    except Exception:
        log.exception("a part of the page failed; showing a calm message instead")
        holder.info(t(message_key), icon="ℹ️")

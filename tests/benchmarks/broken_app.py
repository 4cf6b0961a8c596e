"""A tiny app for the load test's own test: one good page, one that raises, one that shows the
guard's Dutch database message. The load client must count the last two as failures."""

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from components.shell.i18n import t  # noqa: E402


def good() -> None:
    st.title("Goed")
    st.selectbox("Jaar", [2026, 2025], key="f_jaar")


def broken() -> None:
    st.title("Kapot")
    raise RuntimeError("deliberately broken page")


def database_down() -> None:
    st.title("Database weg")
    st.error(t("fout.database"))


st.navigation(
    [
        st.Page(good, title="Goed", url_path="goed", default=True),
        st.Page(broken, title="Kapot", url_path="kapot"),
        st.Page(database_down, title="Database weg", url_path="database_weg"),
    ]
).run()

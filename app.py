"""Entry point: page setup, navigation over the views, and the shared sidebar filters."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from components.shell import auth, data, filters
from components.shell.guard import render_safely
from components.shell.i18n import t

ICON = str(Path(__file__).resolve().parent / "static" / "icon.png")

PAGES = (
    # (file, text key, icon, default)
    ("pages/overzicht.py", "nav.overzicht", ":material/home:", True),
    ("pages/kaart.py", "nav.kaart", ":material/map:", False),
    ("pages/trajecten.py", "nav.trajecten", ":material/filter_alt:", False),
    ("pages/doelen.py", "nav.doelen", ":material/speed:", False),
    ("pages/gemeente.py", "nav.gemeente", ":material/account_balance:", False),
    ("pages/briefing.py", "nav.briefing", ":material/description:", False),
    ("pages/presentatie.py", "nav.presentatie", ":material/slideshow:", False),
    ("pages/beheer.py", "nav.beheer", ":material/settings:", False),
    ("pages/over_de_data.py", "nav.over", ":material/menu_book:", False),
    ("pages/toegankelijkheid.py", "verklaring.nav", ":material/accessibility:", False),
)
# The accessibility statement is public, also where reading the figures needs signing in.
STATEMENT = PAGES[-1]


def draw_sidebar() -> None:
    span = data.year_range()
    status = data.data_status()
    latest = status["data_until"].dropna().max() if not status.empty else None
    last_year = latest.year if latest is not None and not isinstance(latest, float) else None
    years = list(range(span[0], span[1] + 1)) if span else [last_year or 2026]
    default_year = last_year if last_year in years else years[-1]
    filters.sidebar(
        years=list(reversed(years)),
        default_year=default_year,
        partnerships=data.partnerships(),
        programmes=data.programmes(),
        municipalities=data.municipalities(),
    )


def must_sign_in() -> bool:
    """True when this deployment does not let visitors read without signing in, and nobody is."""
    try:
        public = data.settings().public_read
        if public is None:
            totals = data.trajectory_total()
            public = totals["total"] == totals["fictional"]
        return not public and auth.current_user() is None
    except SQLAlchemyError:
        # Without a database no page can show data; let the pages say so in Dutch.
        return False


def _slug(path: str) -> str:
    return Path(path).stem


HOME_SLUG = "overzicht"


def home_alias(home: st.Page, title: str) -> st.Page:
    """/overzicht, the home page's own name, opens the home page with the link's filters: the
    home page lives at the root, and Streamlit would answer its name with an English 'Page not
    found' dialog over the page."""

    def go() -> None:
        st.switch_page(home, query_params=st.query_params.to_dict())

    return st.Page(go, title=title, url_path=HOME_SLUG, visibility="hidden")


def sign_in_pages() -> list:
    """For a visitor who must sign in (the home page first, the statement last): every page's
    address shows the sign-in form, so that a link such as /trajecten?jaar=2025 (or the page one
    signed out on) asks to sign in instead of Streamlit's English 'Page not found', and after
    signing in the same address opens the page asked for. The statement stays public."""
    pages = []
    for path, key, icon, default in PAGES:
        if (path, key, icon, default) == STATEMENT:
            pages.append(st.Page(path, title=t(key), icon=icon))
        else:
            slug = "start" if default else _slug(path)  # the home page: see home_alias
            pages.append(st.Page(auth.login_page, title=t(key), icon=icon, default=default,
                                 url_path=slug))  # fmt: skip
    return [*pages, home_alias(pages[0], t(PAGES[0][1]))]


def main() -> None:
    # First of all: the language decides every text below, the page title and the menu included.
    filters.choose_language()
    st.set_page_config(page_title=t("app.titel"), page_icon=ICON, layout="wide")
    # A write by another replica or the command line clears this process's caches first.
    data.fresh()
    if must_sign_in():
        pages = sign_in_pages()
        login = st.navigation(pages, position="hidden")
        # The menu: the sign-in (the home address) and the public accessibility statement.
        with st.sidebar:
            st.page_link(pages[0], label=t("auth.titel"), icon=":material/login:")
            st.page_link(pages[-2], label=t(STATEMENT[1]), icon=STATEMENT[2])
        filters.language_switch()
        login.run()
        return
    pages = [
        st.Page(
            path, title=t(key), icon=icon, default=default, url_path="start" if default else None
        )
        for path, key, icon, default in PAGES
    ]
    navigation = st.navigation([*pages, home_alias(pages[0], t(PAGES[0][1]))])
    filters.language_switch()
    render_safely(draw_sidebar)
    navigation.run()


main()

"""Links keep their view: every filter of every page is in the URL, and the URL restores it.

For each page every filter (the shared sidebar ones and the page's own) is set to a value other
than its default; the URL must then hold each of them, and opening that URL in a fresh session
must give the same widget values and the same text on the page.
"""

from __future__ import annotations

import pytest

from tests.pages.apptest import open_page, page_text

# The shared sidebar filters, each set to a value other than its default (the latest year, all).
SHARED = [
    ("selectbox", "f_jaar", 2021, "jaar", "2021"),
    ("selectbox", "f_samenwerking", "HOLLAND-RIJNLAND", "samenwerking", "HOLLAND-RIJNLAND"),
    ("selectbox", "f_programma", "HR-INKOOP", "programma", "HR-INKOOP"),
    ("selectbox", "f_gemeente", "GM0546", "gemeente", "GM0546"),
]
# Den Haag – Westland has two target periods in 2021: the year and the regional deal's own.
DOELEN_SHARED = [
    ("selectbox", "f_jaar", 2021, "jaar", "2021"),
    ("selectbox", "f_samenwerking", "DENHAAG-WESTLAND", "samenwerking", "DENHAAG-WESTLAND"),
]

CASES = {
    "pages/overzicht.py": SHARED,
    "pages/kaart.py": [
        *SHARED[:1],
        ("selectbox", "f_kaart_soort", "twinning", "soort", "twinning"),
        ("selectbox", "f_kaart_provincie", "Zuid-Holland", "provincie", "Zuid-Holland"),
        ("radio", "f_kaart_kleur", "cijfer", "kleur", "cijfer"),
    ],
    "pages/trajecten.py": [
        *SHARED[:3],
        ("selectbox", "t_van", "2021-03", "van", "2021-03"),
        ("selectbox", "t_tot", "2021-09", "tot", "2021-09"),
        ("selectbox", "t_aanbieder", 6, "aanbieder", "6"),
        ("selectbox", "t_plaatsing", "werk", "plaatsing", "werk"),
    ],
    "pages/doelen.py": [
        *DOELEN_SHARED,
        ("selectbox", "f_periode", "2020-12-01_2022-11-30", "periode", "2020-12-01_2022-11-30"),
    ],
    "pages/gemeente.py": [
        *SHARED[:1],
        ("selectbox", "gemeente_keuze", "GM1783", "gemeente", "GM1783"),
    ],
    "pages/briefing.py": [SHARED[0], SHARED[1]],
    "pages/presentatie.py": [SHARED[0]],
}


def _widget(at, kind: str, key: str):
    return getattr(at, kind)(key=key)


def _set_filters(page: str, settings: list):
    """Open `page` with no parameters and set its filters one by one, as a user would."""
    at = open_page(page)
    for kind, key, value, _, _ in settings:
        _widget(at, kind, key).set_value(value)
        at.run()
        assert not at.exception, (key, at.exception)
    return at


@pytest.mark.parametrize("page", list(CASES))
def test_every_filter_of_the_page_is_in_the_url_and_the_url_restores_the_view(page):
    settings = CASES[page]
    at = _set_filters(page, settings)
    if page == "pages/presentatie.py":
        # The slide is stepped with the button (or the arrow key), never a widget of its own.
        at.button(key="dia_volgende").click()
        at.run()
        at.button(key="dia_volgende").click()
        at.run()
        settings = [*settings, (None, None, None, "dia", "3")]
    url = (
        at.query_params.to_dict() if hasattr(at.query_params, "to_dict") else dict(at.query_params)
    )
    url = {k: v[0] if isinstance(v, list) else v for k, v in url.items()}
    for _, _, _, param, text in settings:
        assert url.get(param) == text, (param, url)

    fresh = open_page(page, **url)
    assert not fresh.exception, fresh.exception
    for kind, key, value, _, _ in settings:
        if kind is None:
            continue
        if key == "gemeente_keuze":
            # The page's own choice is the sidebar's municipality once made.
            assert fresh.selectbox(key="f_gemeente").value == value
        else:
            assert _widget(fresh, kind, key).value == value, key
    assert page_text(fresh) == page_text(at)

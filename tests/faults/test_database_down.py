"""With the database down or unreachable every page says so in Dutch, and the same session
recovers by itself on the next rerun once the database is back (no restart, no button)."""

from __future__ import annotations

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from app import PAGES
from components.shell.i18n import t
from tests.pages.apptest import open_page
from tests.pg_server import free_port

PAGE_FILES = [path for path, *_ in PAGES]
# Words that would mean a driver's or Python's own (English) message reached the visitor.
LEAKS = ("traceback", "error", "exception", "connection", "refused", "psycopg", "sqlite", "sql")


def shown_texts(at: AppTest) -> list[str]:
    texts = [e.value for e in at.markdown] + [e.value for e in at.caption]
    texts += [e.value for e in at.title] + [e.value for e in at.header]
    texts += [e.value for e in at.subheader] + [e.value for e in at.info]
    texts += [e.value for e in at.error] + [e.value for e in at.warning]
    texts += [b.label for b in at.button]
    return [str(x) for x in texts]


def assert_says_database_is_down(at: AppTest, page: str) -> None:
    assert not at.exception, (page, [e.value for e in at.exception])
    errors = [e.value for e in at.error]
    assert errors == [t("fout.database")], (page, errors)
    assert [b.label for b in at.button if b.label == t("fout.opnieuw")] == [t("fout.opnieuw")]
    for text in shown_texts(at):
        lowered = text.lower()
        assert not any(word in lowered for word in LEAKS), (page, text)


def assert_recovered(at: AppTest, page: str) -> None:
    assert not at.exception, (page, [e.value for e in at.exception])
    assert not at.error, (page, [e.value for e in at.error])
    assert at.title, f"{page}: no title after recovery"


def open_pages(monkeypatch, url: str) -> list[tuple[str, AppTest]]:
    monkeypatch.setenv("DATABASE_URL", url)
    return [(page, open_page(None if page == PAGE_FILES[0] else page)) for page in PAGE_FILES]


def rerun_all(sessions: list[tuple[str, AppTest]], check) -> None:
    """Run every open page again in its own session, then `check(at, page)`."""
    for page, at in sessions:
        at.run()
        check(at, page)


def test_every_page_says_so_when_postgres_is_down_at_first_use_and_recovers(own_pg, monkeypatch):
    own_pg.stop()
    try:
        sessions = open_pages(monkeypatch, own_pg.url("monitor"))
        for page, at in sessions:
            assert_says_database_is_down(at, page)
    finally:
        own_pg.start()
    rerun_all(sessions, assert_recovered)


def test_every_page_says_so_when_postgres_goes_down_while_in_use_and_recovers(own_pg, monkeypatch):
    from components.shell import data

    sessions = open_pages(monkeypatch, own_pg.url("monitor"))
    for page, at in sessions:
        assert_recovered(at, page)
    own_pg.stop()
    try:
        # The cached figures expire (TTL); the engine and its pooled connections stay.
        data.clear()
        rerun_all(sessions, assert_says_database_is_down)
    finally:
        own_pg.start()
    rerun_all(sessions, assert_recovered)


def test_every_page_says_so_when_postgres_is_unreachable(own_pg, monkeypatch):
    wrong_port = own_pg.url("monitor").replace(f":{own_pg.port}/", f":{free_port()}/")
    for page, at in open_pages(monkeypatch, wrong_port):
        assert_says_database_is_down(at, page)


def test_every_page_says_so_when_the_sqlite_file_cannot_be_opened_and_recovers(
    sqlite_seeded, tmp_path, monkeypatch
):
    # A folder where the database file should be: SQLite cannot open it.
    path = tmp_path / "monitor.sqlite"
    path.mkdir()
    sessions = open_pages(monkeypatch, f"sqlite:///{path}")
    for page, at in sessions:
        assert_says_database_is_down(at, page)
    path.rmdir()
    shutil.copy(sqlite_seeded, path)
    rerun_all(sessions, assert_recovered)


@pytest.mark.parametrize("garbage", [b"dit is geen database" * 500])
def test_every_page_says_so_when_the_sqlite_file_is_not_a_database(tmp_path, monkeypatch, garbage):
    path = tmp_path / "monitor.sqlite"
    path.write_bytes(garbage)
    for page, at in open_pages(monkeypatch, f"sqlite:///{path}"):
        assert_says_database_is_down(at, page)

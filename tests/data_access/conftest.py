"""Fixtures of the data-access tests."""

import pytest
import sqlalchemy as sa

from data_access.schema import programme_provider
from domain.roles import User
from tests.builders import add_areas, add_programme, add_provider


@pytest.fixture
def setup(engine):
    """Areas, one programme (TEST) with provider Aanbieder A, and users of every kind."""
    with engine.begin() as conn:
        add_areas(conn)
        programme_id = add_programme(conn)
        provider = add_provider(conn, "Aanbieder A")
        conn.execute(
            programme_provider.insert().values(programme_id=programme_id, organisation_id=provider)
        )
        partnership_id = conn.execute(
            sa.text("SELECT partnership_id FROM programme WHERE id = :p"), {"p": programme_id}
        ).scalar()
    return {
        "programme_id": programme_id,
        "coordinator": User("coordinator@gemeente", "coordinator", frozenset({partnership_id})),
        "other": User("ander@gemeente", "coordinator", frozenset({partnership_id + 100})),
        "viewer": User("lezer", "viewer"),
        "admin": User("beheer", "admin"),
    }

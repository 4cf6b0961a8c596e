"""Server-side sign-in sessions: every replica knows them, and they end at once everywhere."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from data_access import accounts, sessions
from data_access.schema import app_session, app_user
from domain.roles import ADMIN, User

PASSWORD = "correct-paard-batterij"


@pytest.fixture
def user(engine):
    accounts.create_user(engine, "coord@hr.nl", "coordinator", PASSWORD, User("beheer", ADMIN))
    return "coord@hr.nl"


def test_a_session_names_its_user_until_it_is_revoked(engine, user):
    token = sessions.create(engine, user, hours=1)
    assert sessions.user_for(engine, token).username == user
    sessions.revoke(engine, token)
    assert sessions.user_for(engine, token) is None


def test_a_disabled_account_loses_its_sessions_at_once(engine, user):
    token = sessions.create(engine, user, hours=1)
    with engine.begin() as conn:
        conn.execute(app_user.update().where(app_user.c.username == user).values(is_active=False))
    assert sessions.user_for(engine, token) is None


def test_an_expired_session_signs_nobody_in(engine, user):
    then = datetime.now(UTC) - timedelta(hours=3)
    token = sessions.create(engine, user, hours=2, now=then)
    assert sessions.user_for(engine, token) is None
    assert sessions.user_for(engine, token, now=then + timedelta(hours=1)).username == user


def test_an_unknown_token_signs_nobody_in(engine, user):
    sessions.create(engine, user, hours=1)
    assert sessions.user_for(engine, "verzonnen") is None


def test_the_table_keeps_only_a_hash_of_the_token(engine, user):
    token = sessions.create(engine, user, hours=1)
    with engine.connect() as conn:
        stored = conn.execute(sa.select(app_session.c.token_hash)).scalars().all()
    assert stored and token not in stored


def test_the_hand_over_can_be_claimed_once(engine, user):
    token = sessions.create(engine, user, hours=1)
    assert sessions.claim(engine, token) is True
    assert sessions.claim(engine, token) is False
    assert sessions.claim(engine, "verzonnen") is False


def test_revoking_a_user_ends_all_their_sessions(engine, user):
    tokens = [sessions.create(engine, user, hours=1) for _ in range(2)]
    assert sessions.revoke_user(engine, user) == 2
    assert all(sessions.user_for(engine, t) is None for t in tokens)

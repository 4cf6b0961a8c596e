"""Accounts: hashed passwords, roles checked on the server side, every change in the audit trail."""

import pytest
import sqlalchemy as sa

from data_access import accounts, audit
from data_access.schema import app_user
from domain.roles import ADMIN, NotAllowed, User

ADMIN_USER = User("beheer", ADMIN)
PASSWORD = "een-lang-wachtwoord"


def test_password_is_stored_as_an_argon2_hash_and_verifies(engine):
    accounts.create_user(engine, "coord", "coordinator", PASSWORD, ADMIN_USER)
    with engine.connect() as conn:
        stored = conn.execute(sa.select(app_user.c.password_hash)).scalar()
    assert stored.startswith("$argon2") and PASSWORD not in stored
    assert accounts.verify_password(engine, "coord", PASSWORD).role == "coordinator"
    assert accounts.verify_password(engine, "COORD", PASSWORD) is not None
    assert accounts.verify_password(engine, "coord", "verkeerd-wachtwoord") is None
    assert accounts.verify_password(engine, "niemand", PASSWORD) is None


def test_short_password_and_unknown_role_are_refused(engine):
    with pytest.raises(ValueError, match="minstens"):
        accounts.create_user(engine, "kort", "viewer", "kort", ADMIN_USER)
    with pytest.raises(ValueError, match="Onbekende rol"):
        accounts.create_user(engine, "x", "superuser", PASSWORD, ADMIN_USER)


@pytest.mark.parametrize("actor", [None, User("lezer", "viewer"), User("c", "coordinator")])
def test_only_an_admin_creates_users_and_assigns_roles(engine, actor):
    with pytest.raises(NotAllowed):
        accounts.create_user(engine, "nieuw", "viewer", PASSWORD, actor)
    accounts.create_user(engine, "nieuw", "viewer", PASSWORD, ADMIN_USER)
    with pytest.raises(NotAllowed):
        accounts.set_role(engine, "nieuw", "admin", actor)
    with pytest.raises(NotAllowed):
        accounts.assign_partnerships(engine, "nieuw", set(), actor)


def test_the_first_admin_is_created_by_the_cli_bootstrap(engine):
    accounts.create_user(engine, "eerste", "admin", PASSWORD, None, bootstrap=True)
    assert accounts.count_admins(engine) == 1


def test_role_changes_are_in_the_audit_trail_with_old_and_new(engine):
    accounts.create_user(engine, "nieuw", "viewer", PASSWORD, ADMIN_USER)
    accounts.set_role(engine, "nieuw", "coordinator", ADMIN_USER)
    log = audit.entries(engine)
    change = log[log["action"] == "gewijzigd"].iloc[0]
    assert change["username"] == "beheer"
    assert '"viewer"' in change["old_values"] and '"coordinator"' in change["new_values"]

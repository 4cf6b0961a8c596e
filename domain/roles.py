"""Who may do what: viewers read, coordinators write for their partnerships, admins everything."""

from __future__ import annotations

from dataclasses import dataclass

from domain.texts import t

VIEWER, COORDINATOR, ADMIN = "viewer", "coordinator", "admin"


@dataclass(frozen=True)
class User:
    username: str
    role: str
    partnership_ids: frozenset[int] = frozenset()


class NotAllowed(Exception):  # noqa: N818 - reads as the verdict it is
    """A write the user's role does not allow; the message is Dutch and says why."""


def may_write_for(user: User | None, partnership_ids: set[int]) -> bool:
    """True when `user` may change data of a programme belonging to `partnership_ids`."""
    if user is None:
        return False
    if user.role == ADMIN:
        return True
    if user.role != COORDINATOR:
        return False
    return bool(partnership_ids) and partnership_ids <= set(user.partnership_ids)


def require_write(user: User | None, partnership_ids: set[int], what: str) -> None:
    if user is None:
        raise NotAllowed(t("rechten.inloggen", wat=what))
    if not may_write_for(user, partnership_ids):
        if user.role == VIEWER:
            raise NotAllowed(t("rechten.lezer", wat=what))
        raise NotAllowed(t("rechten.geen_coordinator", wat=what))


def require_admin(user: User | None, what: str) -> None:
    if user is None or user.role != ADMIN:
        raise NotAllowed(t("rechten.alleen_beheerder", wat=what))

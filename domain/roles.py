"""Who may do what: viewers read, coordinators write for their partnerships, admins everything."""

from __future__ import annotations

from dataclasses import dataclass

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
        raise NotAllowed(f"Log in om {what}.")
    if not may_write_for(user, partnership_ids):
        if user.role == VIEWER:
            raise NotAllowed(f"Uw rol (lezer) mag niet {what}.")
        raise NotAllowed(f"U bent geen coördinator van deze samenwerking en mag dus niet {what}.")


def require_admin(user: User | None, what: str) -> None:
    if user is None or user.role != ADMIN:
        raise NotAllowed(f"Alleen een beheerder mag {what}.")

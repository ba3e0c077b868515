"""The directory's synced tables: every organisation (the public directory a clerk picks
recipients from); the units and users of the user's own organisation, each user with
their roles (never their password hash), and the users of other organisations a
capability shares with them (``share_users``: the people of the meetings they see, whose
rows their meeting rows name).

A capability that shares users re-versions those users' rows when someone comes to see
them (the directory keeps no per-user record of what each desk holds), as the meetings
do when a meeting with people of several organisations is revealed to someone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import or_, true
from sqlalchemy.sql.elements import ColumnElement

from eoffice.directory.models import Organisation, Unit, User, UserRole
from eoffice.sync.tables import Nested, SyncedTable, of_organisation, register

_EVERY_ROW = true()

#: A capability's rule: ``rule(user)`` is a query of the ids of users of other
#: organisations ``user`` must know.
SharedUsers = Callable[[User], Any]
_SHARED: list[SharedUsers] = []
_own_organisation = of_organisation(User)
#: One clause per view (user, organisation, roles), so statements around it are built once.
_CLAUSES: dict[tuple[str, str, tuple[str, ...]], ColumnElement[bool]] = {}


def share_users(rule: SharedUsers) -> None:
    """Let each user also receive the users ``rule`` names (from a capability's ``synced``)."""
    if rule not in _SHARED:
        _SHARED.append(rule)
        _CLAUSES.clear()


def users_visible(user: User) -> ColumnElement[bool]:
    """The users ``user`` receives: their organisation's, and those shared with them."""
    if not _SHARED:
        return _own_organisation(user)
    key = (user.id, user.organisation_id, tuple(sorted(r.role for r in user.role_rows)))
    found = _CLAUSES.get(key)
    if found is None:
        if len(_CLAUSES) >= 1024:
            _CLAUSES.clear()
        found = _CLAUSES[key] = or_(
            User.organisation_id == user.organisation_id, *(User.id.in_(rule(user)) for rule in _SHARED)
        )
    return found

register(
    SyncedTable(Organisation, visible=lambda _user: _EVERY_ROW, order=10),
    SyncedTable(Unit, visible=of_organisation(Unit), order=20),
    SyncedTable(
        User,
        visible=users_visible,
        private=frozenset({"password_hash"}),
        nested=(Nested("roles", UserRole, "user_id", ("role",), order_by=("role",), scalar=True),),
        order=30,
    ),
)

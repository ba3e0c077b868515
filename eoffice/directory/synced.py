"""The directory's synced tables: every organisation (the public directory a clerk picks
recipients from); the units and users of the user's own organisation, each user with
their roles (never their password hash)."""

from __future__ import annotations

from sqlalchemy import true

from eoffice.directory.models import Organisation, Unit, User, UserRole
from eoffice.sync.tables import Nested, SyncedTable, of_organisation, register

_EVERY_ROW = true()

register(
    SyncedTable(Organisation, visible=lambda _user: _EVERY_ROW, order=10),
    SyncedTable(Unit, visible=of_organisation(Unit), order=20),
    SyncedTable(
        User,
        visible=of_organisation(User),
        private=frozenset({"password_hash"}),
        nested=(Nested("roles", UserRole, "user_id", ("role",), order_by=("role",), scalar=True),),
        order=30,
    ),
)

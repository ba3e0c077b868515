"""Admin pages of the API (the admin CLI does the rest)."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from eoffice.directory.access import require_role
from eoffice.directory.models import Role, User
from eoffice.server.auth import UserInfo
from eoffice.server.deps import AUTH_RESPONSES, FORBIDDEN, CurrentUser, StoreDep
from eoffice.server.schemas import UserOut

router = APIRouter(prefix="/admin", tags=["admin"])


@router.get("/users", response_model=list[UserOut], responses={**AUTH_RESPONSES, **FORBIDDEN})
def list_users(user: CurrentUser, store: StoreDep) -> list[UserOut]:
    """The users of the admin's organisation (admins only)."""
    require_role(user, Role.ADMIN)
    with store.read() as session:
        users = session.scalars(
            select(User)
            .where(User.organisation_id == user.organisation_id, User.deleted.is_(False))
            .order_by(User.username)
        ).all()
        return [UserOut.of(UserInfo.of(u)) for u in users]

"""Who is acting, and whether they hold the role an action needs."""

from __future__ import annotations

from sqlalchemy.orm import Session

from eoffice.directory.models import Role, User
from eoffice.errors import NotFound, PermissionDenied

ROLE_LABELS_VI = {
    Role.CLERK: "văn thư",
    Role.OFFICER: "chuyên viên",
    Role.LEADER: "lãnh đạo",
    Role.ADMIN: "quản trị",
}


def load_actor(session: Session, user_id: str) -> User:
    user = session.get(User, user_id)
    if user is None or user.deleted:
        raise NotFound("Không tìm thấy người dùng.", "User not found.")
    return user


def require_role(user: User, *roles: Role) -> None:
    """Raise PermissionDenied unless ``user`` holds one of ``roles``."""
    if not any(user.has_role(r) for r in roles):
        names = ", ".join(ROLE_LABELS_VI[r] for r in roles)
        raise PermissionDenied(
            f"Chỉ {names} mới được làm việc này.",
            f"Only {', '.join(r.value for r in roles)} may do this.",
        )

"""The server admin's work that is not the org chart: passwords and trusted CA roots."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.audit.chain import record
from eoffice.directory.models import Organisation, Role, User
from eoffice.directory.orgchart import ROLE_NAMES
from eoffice.errors import NotFound, ValidationError
from eoffice.server.auth import clear_limits, revoke_user_tokens
from eoffice.server.passwords import check_strength, hash_password
from eoffice.store.base import utcnow


def parse_roles(text: str) -> list[Role]:
    """Roles from ``clerk,leader`` (the Vietnamese names work too)."""
    roles: list[Role] = []
    for name in filter(None, (part.strip().lower() for part in text.replace(";", ",").split(","))):
        if name not in ROLE_NAMES:
            raise ValidationError(
                f"Vai trò “{name}” không có (clerk, officer, leader, admin).", f"Unknown role “{name}”.",
                field="roles",
            )
        if ROLE_NAMES[name] not in roles:
            roles.append(ROLE_NAMES[name])
    if not roles:
        raise ValidationError("Người dùng cần ít nhất một vai trò.", "A user needs a role.", field="roles")
    return roles


def find_organisation(session: Session, organ_id: str) -> Organisation:
    org = session.scalars(select(Organisation).where(Organisation.organ_id == organ_id.strip().upper())).first()
    if org is None:
        raise NotFound(f"Không có cơ quan mã {organ_id}.", f"No organisation {organ_id}.")
    return org


def find_user(session: Session, username: str) -> User:
    user = session.scalars(select(User).where(User.username == username.strip().lower())).first()
    if user is None:
        raise NotFound(f"Không có người dùng “{username}”.", f"No user “{username}”.")
    return user


def set_password(session: Session, user: User, password: str, *, actor_id: str | None = None) -> int:
    """Give ``user`` a new password and end all their sign-ins; returns tokens revoked.

    Access tokens already handed out stop working too: they carry a digest of the
    password hash they were made under. Sources locked out of the account after failed
    sign-ins are let in again (the lock's message tells the user to ask for this).
    """
    check_strength(password)
    user.password_hash = hash_password(password)
    revoked = revoke_user_tokens(session, user.id, utcnow())
    clear_limits(session, user.username)  # sources locked out of the account may try again
    session.flush()
    record(
        session, actor_id=actor_id, action="user.password_reset", target_type="user", target_id=user.id,
        after={"username": user.username, "sessions_revoked": revoked},
    )
    return revoked

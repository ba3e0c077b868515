"""Creating organisations, units and users (the admin's work, the demo's and the CSV import's)."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.audit.chain import record
from eoffice.directory.models import Organisation, Role, Unit, User, UserRole
from eoffice.documents.fields import ORGAN_ID
from eoffice.documents.models import Register
from eoffice.documents.snapshot import snapshot
from eoffice.errors import ValidationError
from eoffice.store.base import new_id

#: Usernames: lower-case ASCII letters, digits, dot, dash, underscore; 2–80 characters.
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,79}$")


def check_username(username: str) -> str:
    """The username as stored (lower case), or a ValidationError saying what is allowed."""
    username = username.strip().lower()
    if not username:
        raise ValidationError("Tên đăng nhập không được trống.", "Username is required.", field="username")
    if not USERNAME.match(username):
        raise ValidationError(
            f"Tên đăng nhập “{username}” chỉ gồm chữ không dấu, số, dấu chấm, gạch (2–80 ký tự).",
            f"Username “{username}” may hold only a-z, 0-9, dot, dash and underscore (2–80 characters).",
            field="username",
        )
    return username


REGISTER_NAMES = {
    ("incoming", False): "Sổ đăng ký văn bản đến",
    ("incoming", True): "Sổ đăng ký văn bản đến mật",
    ("outgoing", False): "Sổ đăng ký văn bản đi",
    ("outgoing", True): "Sổ đăng ký văn bản đi mật",
}


def create_organisation(
    session: Session,
    organ_id: str,
    name: str,
    abbreviation: str,
    parent_id: str | None = None,
    actor_id: str | None = None,
) -> Organisation:
    """An organisation with its four registers (incoming/outgoing, ordinary/secret)."""
    organ_id = organ_id.strip().upper()
    if not ORGAN_ID.match(organ_id):
        raise ValidationError(
            f"Mã định danh “{organ_id}” không đúng dạng (ví dụ 000.00.01.H41).",
            f"Organ id “{organ_id}” is malformed.",
            field="organ_id",
        )
    if session.scalars(select(Organisation).where(Organisation.organ_id == organ_id)).first():
        raise ValidationError(
            f"Mã định danh {organ_id} đã có.", f"Organ id {organ_id} exists.", field="organ_id"
        )
    org = Organisation(
        id=new_id(), organ_id=organ_id, name=name.strip(), abbreviation=abbreviation.strip(), parent_id=parent_id
    )
    session.add(org)
    session.flush()
    for (kind, secret), register_name in REGISTER_NAMES.items():
        session.add(Register(id=new_id(), organisation_id=org.id, kind=kind, secret=secret, name=register_name))
    record(
        session, actor_id=actor_id, action="organisation.create", target_type="organisation",
        target_id=org.id, after=snapshot(org),
    )
    return org


def create_unit(
    session: Session,
    organisation_id: str,
    code: str,
    name: str,
    parent_id: str | None = None,
    actor_id: str | None = None,
) -> Unit:
    code = code.strip()
    if not code or " " in code:
        raise ValidationError(
            "Mã đơn vị không được trống hay có khoảng trắng.", "A unit code must be one word.", field="code"
        )
    unit = Unit(id=new_id(), organisation_id=organisation_id, code=code, name=name.strip(), parent_id=parent_id)
    session.add(unit)
    session.flush()
    record(
        session, actor_id=actor_id, action="unit.create", target_type="unit", target_id=unit.id,
        after=snapshot(unit),
    )
    return unit


def create_user(
    session: Session,
    username: str,
    full_name: str,
    organisation_id: str,
    roles: set[Role] | list[Role],
    unit_id: str | None = None,
    position: str = "",
    email: str = "",
    actor_id: str | None = None,
) -> User:
    username = check_username(username)
    if session.scalars(select(User).where(User.username == username)).first():
        raise ValidationError(
            f"Tên đăng nhập “{username}” đã có.", f"Username “{username}” exists.", field="username"
        )
    user = User(
        id=new_id(),
        username=username,
        full_name=full_name.strip(),
        organisation_id=organisation_id,
        unit_id=unit_id,
        position=position.strip(),
        email=email.strip(),
    )
    user.role_rows = [UserRole(role=Role(r).value) for r in roles]
    session.add(user)
    session.flush()
    record(
        session, actor_id=actor_id, action="user.create", target_type="user", target_id=user.id,
        after={"username": user.username, "full_name": user.full_name, "roles": sorted(r.value for r in user.roles)},
    )
    return user

"""The acting user's organisation as the window and its dialogs show it (read once per user)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.directory.models import Organisation, Role, Unit, User
from eoffice.errors import DomainError


@dataclass(frozen=True)
class Person:
    id: str
    full_name: str
    unit_id: str | None
    position: str
    roles: frozenset[str]


@dataclass
class OrgDirectory:
    """The acting user's organisation as the pickers show it (read once per user)."""

    organisation_id: str
    organisation_name: str
    user: Person
    units: list[tuple[str, str, str | None]] = field(default_factory=list)  # id, name, parent
    people: list[Person] = field(default_factory=list)
    organisations: list[tuple[str, str]] = field(default_factory=list)  # other organisations

    def has_role(self, role: Role) -> bool:
        return role.value in self.user.roles

    def leaders(self) -> list[Person]:
        return [p for p in self.people if Role.LEADER.value in p.roles]

    def unit_name(self, unit_id: str | None) -> str:
        return next((name for uid, name, _ in self.units if uid == unit_id), "")


def load_directory(session: Session, user_id: str) -> OrgDirectory:
    def person(u: User) -> Person:
        return Person(u.id, u.full_name, u.unit_id, u.position, frozenset(r.value for r in u.roles))

    me = session.get(User, user_id)
    if me is None:
        raise DomainError("Không tìm thấy người dùng.", "User not found.")
    org = session.get(Organisation, me.organisation_id)
    directory = OrgDirectory(me.organisation_id, org.name if org else "", person(me))
    for unit in session.scalars(
        select(Unit).where(Unit.organisation_id == me.organisation_id, Unit.deleted.is_(False)).order_by(Unit.name)
    ):
        directory.units.append((unit.id, unit.name, unit.parent_id))
    for user in session.scalars(
        select(User)
        .where(User.organisation_id == me.organisation_id, User.deleted.is_(False))
        .order_by(User.full_name)
    ):
        directory.people.append(person(user))
    for other in session.scalars(
        select(Organisation).where(Organisation.deleted.is_(False)).order_by(Organisation.name)
    ):
        if other.id != me.organisation_id:
            directory.organisations.append((other.id, other.name))
    return directory

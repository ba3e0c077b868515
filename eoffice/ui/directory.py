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
    #: How many levels a draft goes through (``Organisation.draft_review_levels``).
    draft_review_levels: int = 1
    #: unit id → the head of the unit's user id (``Unit.head_user_id``).
    unit_heads: dict[str, str] = field(default_factory=dict)

    def has_role(self, role: Role) -> bool:
        return role.value in self.user.roles

    def leaders(self) -> list[Person]:
        return [p for p in self.people if Role.LEADER.value in p.roles]

    def person(self, user_id: str | None) -> Person | None:
        return next((p for p in self.people if p.id == user_id), None)

    def reviewer_for(self, signer_id: str | None) -> Person | None:
        """Who a draft of this user goes to before ``signer_id`` signs it: the rule of
        ``documents.review.reviewer_for`` on what this desk knows."""
        me = self.user
        if self.draft_review_levels < 2 or Role.LEADER.value in me.roles or me.unit_id is None:
            return None
        head = self.person(self.unit_heads.get(me.unit_id))
        if head is None or head.id in (me.id, signer_id):
            return None
        return head

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
    directory.draft_review_levels = org.draft_review_levels if org else 1
    for unit in session.scalars(
        select(Unit).where(Unit.organisation_id == me.organisation_id, Unit.deleted.is_(False)).order_by(Unit.name)
    ):
        directory.units.append((unit.id, unit.name, unit.parent_id))
        if unit.head_user_id:
            directory.unit_heads[unit.id] = unit.head_user_id
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

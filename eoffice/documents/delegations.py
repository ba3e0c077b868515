"""Acting for an absent leader (ủy quyền, ký thay): a leader names a deputy for some days.

From ``starts_on`` to ``ends_on`` (both included) the deputy, another leader of the same
organisation, sees the leader's waiting documents beside their own, directs them and
approves, returns or signs the drafts submitted to the leader in the leader's stead; the
signature block then reads "KT. <the leader's title>" above the deputy's own title and
name (``acting_block``), made with the deputy's own card. Every such action's audit event
names both: the actor (the deputy) and ``on_behalf_of`` (the leader).

Whether a delegation holds is decided by the day of the operation, not the day the server
receives it: a deputy who approved offline on the last day of the absence keeps the right
they had that day (``operations.acted_on`` bounds how old that day may be).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, ColumnElement, Date, DateTime, ForeignKey, Index, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from eoffice.audit.chain import record
from eoffice.directory.access import load_actor, require_role
from eoffice.directory.models import Role, User
from eoffice.documents.snapshot import snapshot
from eoffice.errors import NotFound, PermissionDenied, StateError, ValidationError
from eoffice.store.base import Base, Synced, new_id, utcnow

#: The longest absence one delegation covers (a year): more is a typo.
MAX_DAYS = 366


class Delegation(Synced, Base):
    """A leader's delegation to a deputy (ủy quyền) for a range of days, with its reason."""

    __tablename__ = "delegations"
    __table_args__ = (
        Index("ix_delegations_deputy", "deputy_id", "starts_on"),
        Index("ix_delegations_leader", "leader_id", "starts_on"),
        Index("ix_delegations_org_version", "organisation_id", "server_version"),
    )

    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"))
    leader_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    deputy_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(500), default="")
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    def active_on(self, day: date) -> bool:
        return not self.revoked and not self.deleted and self.starts_on <= day <= self.ends_on


def _active(day: date) -> tuple[ColumnElement[bool], ...]:
    return (
        Delegation.revoked.is_(False),
        Delegation.deleted.is_(False),
        Delegation.starts_on <= day,
        Delegation.ends_on >= day,
    )


def acting_for(session: Session, deputy_id: str, day: date) -> list[str]:
    """Ids of the leaders ``deputy_id`` acts for on ``day`` (oldest delegation first)."""
    return list(
        session.scalars(
            select(Delegation.leader_id)
            .where(Delegation.deputy_id == deputy_id, *_active(day))
            .order_by(Delegation.created_at, Delegation.id)
        )
    )


def named_for(session: Session, deputy_id: str, day: date) -> list[str]:
    """Ids of the leaders who named ``deputy_id`` for ``day`` or for days still to come.

    What the deputy may *receive*: a delegation that starts next week brings the leader's
    waiting secret drafts to the deputy's desk now (``resend_submitted`` runs when it is
    made), so they are there on its first day even offline and without a later change to
    carry them. Acting (boxes, approving, signing) still asks ``acting_for`` on the day.
    """
    return list(
        session.scalars(
            select(Delegation.leader_id).where(
                Delegation.deputy_id == deputy_id,
                Delegation.revoked.is_(False),
                Delegation.deleted.is_(False),
                Delegation.ends_on >= day,
            ).distinct()
        )
    )


def deputies_of(session: Session, leader_id: str, day: date) -> list[str]:
    """Ids of those acting for ``leader_id`` on ``day`` (``acting_for``'s other side)."""
    return list(session.scalars(select(Delegation.deputy_id).where(Delegation.leader_id == leader_id, *_active(day))))


def acts_for(session: Session, deputy_id: str, leader_id: str, day: date) -> bool:
    """Whether ``deputy_id`` acts for ``leader_id`` on ``day``."""
    return (
        session.scalar(
            select(Delegation.id).where(
                Delegation.deputy_id == deputy_id, Delegation.leader_id == leader_id, *_active(day)
            ).limit(1)
        )
        is not None
    )


def require_acting(session: Session, actor: User, leader_id: str, day: date) -> None:
    """Raise PermissionDenied unless ``actor`` acts for ``leader_id`` on ``day``."""
    if actor.id == leader_id:
        return
    if not actor.has_role(Role.LEADER) or not acts_for(session, actor.id, leader_id, day):
        raise PermissionDenied(
            f"Bạn không được ủy quyền thay lãnh đạo này vào ngày {day:%d/%m/%Y}.",
            f"You are not acting for this leader on {day:%d/%m/%Y}.",
        )


def delegations_of(session: Session, user_id: str) -> list[Delegation]:
    """The delegations a user gave or received, newest range first."""
    return list(
        session.scalars(
            select(Delegation)
            .where((Delegation.leader_id == user_id) | (Delegation.deputy_id == user_id), Delegation.deleted.is_(False))
            .order_by(Delegation.starts_on.desc(), Delegation.created_at.desc())
        )
    )


def acting_block(leader_position: str, deputy_position: str) -> tuple[str, str]:
    """The signature block's two title lines when a deputy signs in a leader's stead (NĐ
    30/2020, Phụ lục I): "KT. GIÁM ĐỐC" over "PHÓ GIÁM ĐỐC"."""
    return f"KT. {leader_position.strip().upper()}", deputy_position.strip().upper()


def delegate(
    session: Session,
    actor_id: str,
    deputy_id: str,
    starts_on: date,
    ends_on: date,
    reason: str,
    *,
    delegation_id: str | None = None,
) -> Delegation:
    """The acting leader names ``deputy_id`` to act in their stead from ``starts_on`` to ``ends_on``."""
    actor = load_actor(session, actor_id)
    require_role(actor, Role.LEADER)
    deputy = session.get(User, deputy_id)
    if (
        deputy is None
        or deputy.deleted
        or deputy.organisation_id != actor.organisation_id
        or not deputy.has_role(Role.LEADER)
    ):
        raise ValidationError(
            "Người được ủy quyền phải là một lãnh đạo khác của cơ quan.",
            "The deputy must be another leader of the organisation.",
            field="deputy_id",
        )
    if deputy.id == actor.id:
        raise ValidationError("Không thể tự ủy quyền cho chính mình.", "You cannot delegate to yourself.",
                              field="deputy_id")
    if ends_on < starts_on:
        raise ValidationError(
            "Ngày kết thúc ủy quyền phải sau hoặc bằng ngày bắt đầu.",
            "The delegation must end on or after the day it starts.",
            field="ends_on",
        )
    if (ends_on - starts_on).days >= MAX_DAYS:
        raise ValidationError(
            "Mỗi lần ủy quyền không quá một năm.", "A delegation covers at most a year.", field="ends_on"
        )
    overlap = session.scalars(
        select(Delegation).where(
            Delegation.leader_id == actor.id,
            Delegation.revoked.is_(False),
            Delegation.deleted.is_(False),
            Delegation.starts_on <= ends_on,
            Delegation.ends_on >= starts_on,
        ).limit(1)
    ).first()
    if overlap is not None:
        other = session.get(User, overlap.deputy_id)
        who = other.full_name if other is not None else ""
        raise StateError(
            f"Đã ủy quyền cho {who} từ {overlap.starts_on:%d/%m/%Y} đến {overlap.ends_on:%d/%m/%Y}; "
            "hãy thu hồi ủy quyền đó trước.",
            f"You already delegated to {who} from {overlap.starts_on:%d/%m/%Y} to {overlap.ends_on:%d/%m/%Y}; "
            "revoke it first.",
        )
    delegation = Delegation(
        id=delegation_id or new_id(),
        organisation_id=actor.organisation_id,
        leader_id=actor.id,
        deputy_id=deputy.id,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason.strip(),
        revoked=False,
        created_by=actor.id,
        created_at=utcnow(),
    )
    session.add(delegation)
    session.flush()
    record(
        session, actor_id=actor.id, action="delegation.create", target_type="delegation",
        target_id=delegation.id, after=snapshot(delegation),
    )
    return delegation


def resend_submitted(session: Session, leader_id: str) -> int:
    """Re-version the secret drafts awaiting ``leader_id``'s approval, so that a pull sends
    them to the deputy a delegation now lets see them (or takes them back once revoked):
    no change of theirs would otherwise reach the deputy (``visibility``). The server's
    part of applying ``delegate`` and ``revoke_delegation``; returns how many."""
    from eoffice.documents.models import Document
    from eoffice.documents.types import DocState, Secrecy

    drafts = list(
        session.scalars(
            select(Document).where(
                Document.approver_id == leader_id,
                Document.state == DocState.SUBMITTED.value,
                Document.secrecy != Secrecy.NONE.value,
                Document.deleted.is_(False),
            )
        )
    )
    now = utcnow()
    for doc in drafts:
        doc.updated_at = now
    session.flush()
    return len(drafts)


def revoke_delegation(session: Session, actor_id: str, delegation_id: str) -> Delegation:
    """The leader who delegated ends it now (thu hồi); a revoked delegation gives no right."""
    actor = load_actor(session, actor_id)
    delegation = session.get(Delegation, delegation_id)
    if delegation is None or delegation.deleted:
        raise NotFound("Không tìm thấy ủy quyền.", "Delegation not found.")
    if delegation.leader_id != actor.id:
        raise PermissionDenied(
            "Chỉ lãnh đạo đã ủy quyền mới thu hồi được.", "Only the leader who delegated may revoke it."
        )
    if delegation.revoked:
        raise StateError("Ủy quyền này đã được thu hồi.", "This delegation is already revoked.")
    before = snapshot(delegation)
    delegation.revoked = True
    delegation.revoked_at = utcnow()
    session.flush()
    record(
        session, actor_id=actor.id, action="delegation.revoke", target_type="delegation",
        target_id=delegation.id, before=before, after=snapshot(delegation),
    )
    return delegation


__all__ = [
    "Delegation",
    "acting_block",
    "acting_for",
    "acts_for",
    "delegate",
    "delegations_of",
    "require_acting",
    "revoke_delegation",
]

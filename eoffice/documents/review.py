"""Review before the leader (trưởng đơn vị cho ý kiến): who reviews a draft, and the settings.

An organisation reviews its drafts in one level (the drafter submits to the leader who
signs) or two (the head of the drafting unit first, who passes the draft on to that
leader with a comment or returns it to the drafter): ``Organisation.draft_review_levels``.
The head of a unit is ``Unit.head_user_id``. Both are the server admin's to set
(``eoffice admin set-unit-head``, ``set-draft-review``); the steps themselves are in
``outgoing`` (``submit_draft``, ``pass_review``, ``return_review``).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.audit.chain import record
from eoffice.directory.models import Organisation, Role, Unit, User
from eoffice.documents.snapshot import snapshot
from eoffice.errors import NotFound, ValidationError

#: The review chains an organisation may choose: drafter → leader, or drafter → head → leader.
REVIEW_LEVELS = (1, 2)


def unit_head(session: Session, unit_id: str | None) -> User | None:
    """The head of the unit ``unit_id``, if it has one who still works there."""
    unit = session.get(Unit, unit_id) if unit_id else None
    if unit is None or unit.deleted or not unit.head_user_id:
        return None
    head = session.get(User, unit.head_user_id)
    if head is None or head.deleted or head.organisation_id != unit.organisation_id:
        return None
    return head


def reviewer_for(session: Session, drafter: User, drafting_unit_id: str | None, signer: User) -> User | None:
    """Who reviews a draft before ``signer`` signs it: the head of its drafting unit when
    the organisation reviews in two levels; nobody when the drafter or the signer is that
    head, when the drafter is a leader, or when the unit has no head."""
    org = session.get(Organisation, drafter.organisation_id)
    if org is None or org.draft_review_levels < 2 or drafter.has_role(Role.LEADER):
        return None
    head = unit_head(session, drafting_unit_id)
    if head is None or head.id in (drafter.id, signer.id):
        return None
    return head


def set_draft_review_levels(session: Session, organisation_id: str, levels: int, actor_id: str | None = None) -> None:
    """Choose the organisation's review chain (1 or 2 levels); audited."""
    if levels not in REVIEW_LEVELS:
        raise ValidationError(
            "Quy trình trình ký có 1 cấp (lãnh đạo ký) hoặc 2 cấp (trưởng đơn vị cho ý kiến, rồi lãnh đạo ký).",
            "The review chain has 1 level (the leader signs) or 2 (the head of unit first, then the leader).",
            field="levels",
        )
    org = session.get(Organisation, organisation_id)
    if org is None:
        raise NotFound("Không tìm thấy cơ quan.", "Organisation not found.")
    before = snapshot(org, ("draft_review_levels",))
    org.draft_review_levels = levels
    session.flush()
    record(
        session, actor_id=actor_id, action="organisation.update", target_type="organisation", target_id=org.id,
        before=before, after=snapshot(org, ("draft_review_levels",)),
    )


def set_unit_head(session: Session, unit_id: str, user_id: str | None, actor_id: str | None = None) -> None:
    """Name the head of a unit (or none); they must belong to the unit's organisation."""
    unit = session.get(Unit, unit_id)
    if unit is None or unit.deleted:
        raise NotFound("Không tìm thấy đơn vị.", "Unit not found.")
    if user_id is not None:
        head = session.get(User, user_id)
        if head is None or head.deleted or head.organisation_id != unit.organisation_id:
            raise ValidationError(
                "Trưởng đơn vị phải là người của cơ quan có đơn vị đó.",
                "The head of a unit must work in the unit's organisation.",
                field="user_id",
            )
    before = snapshot(unit, ("head_user_id",))
    unit.head_user_id = user_id
    session.flush()
    record(
        session, actor_id=actor_id, action="unit.update", target_type="unit", target_id=unit.id,
        before=before, after=snapshot(unit, ("head_user_id",)),
    )


def find_unit(session: Session, organisation_id: str, code: str) -> Unit:
    unit = session.scalars(
        select(Unit).where(Unit.organisation_id == organisation_id, Unit.code == code, Unit.deleted.is_(False))
    ).first()
    if unit is None:
        raise NotFound(f"Không có đơn vị {code}.", f"No unit {code}.")
    return unit

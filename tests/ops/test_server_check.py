"""The server asks each kind who may push it: a kind whose ``lines`` are not the
documents' (no ``unit_id``) is checked by its own rule, and one that declares no rule is
refused with a Vietnamese reason — a per-operation rejection, never a 500."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eoffice.audit.models import AuditEvent
from eoffice.directory.admin import create_organisation, create_user
from eoffice.directory.models import Role, User
from eoffice.errors import NotFound, PermissionDenied
from eoffice.ops import AppliedResult, Id, Operation, registry
from eoffice.store.base import new_id
from tests.sync.http_support import Province


@dataclass(frozen=True)
class Participant:
    user_id: Id


@dataclass(frozen=True)
class Invite(Operation):
    """A meeting's invitation, as the next capability may make it: its lines name people."""

    kind: ClassVar[str] = "test_invite"
    meeting_id: Id
    lines: tuple[Participant, ...]


def _apply(session: Session, actor_id: str, op: Invite, authority: bool) -> AppliedResult:
    return AppliedResult(op.kind, {"invited": [p.user_id for p in op.lines]})


def _same_organisation(session: Session, actor: User, op: Invite) -> None:
    for participant in op.lines:
        user = session.get(User, participant.user_id)
        if user is None:
            raise NotFound("Không tìm thấy người được mời.", "Invitee not found.")
        if user.organisation_id != actor.organisation_id:
            raise PermissionDenied("Bạn chỉ mời được người trong cơ quan.", "You may invite only colleagues.")


def _register(check: Any) -> None:
    registry.register(
        Invite, apply=_apply, check=check, label_vi="Mời họp", label_en="Invite to a meeting",
        tables=("meetings",), example=lambda: Invite(Id(new_id()), Id(new_id()), ()),
    )


@pytest.fixture
def unregister() -> Iterator[None]:
    try:
        yield
    finally:
        registry.unregister(Invite.kind)


def _invite(*user_ids: str) -> Invite:
    return Invite(Id(new_id()), Id(new_id()), tuple(Participant(Id(u)) for u in user_ids))


def _refusals(province: Province) -> int:
    with province.store.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "access.denied")) or 0


def test_a_kind_that_declares_no_check_is_refused_in_vietnamese(province, unregister):
    _register(None)
    clerk = province.device("vanthu", province.world.clerk_id)
    [answer] = clerk.client.push([_invite(province.world.officer_id)])
    assert answer.outcome == "rejected"
    assert answer.reason == "Máy chủ không nhận loại thao tác này vì chưa có quy định ai được thực hiện nó."
    assert answer.reason_en.startswith("The server does not accept this kind of operation")
    assert _refusals(province) == 1  # a refusal of access, audited as such


def test_lines_without_units_are_checked_by_their_own_kind(province, unregister):
    _register(_same_organisation)
    with province.store.write() as s:
        other = create_organisation(s, "000.00.02.H41", "Sở Tài chính", "STC")
        stranger = create_user(s, "ketoan", "Vũ Thị Lan", other.id, {Role.OFFICER}, None, "Kế toán").id
    clerk = province.device("vanthu", province.world.clerk_id)
    colleague, outsider, nobody = (
        _invite(province.world.officer_id, province.world.leader_id), _invite(stranger), _invite(new_id()),
    )
    answers = clerk.client.push([colleague, outsider, nobody])
    assert [a.outcome for a in answers] == ["accepted", "rejected", "rejected"]
    assert answers[0].result == {"invited": [province.world.officer_id, province.world.leader_id]}
    assert answers[1].reason == "Bạn chỉ mời được người trong cơ quan."
    assert answers[2].reason == "Không tìm thấy người được mời."  # not a PermissionDenied: rejected all the same
    assert _refusals(province) == 1  # only the refusal of access is audited

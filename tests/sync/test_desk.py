"""Desks: a standalone database numbers at once; a synced client queues and waits.

And the day an operation was made travels with it, so a direction made offline keeps the
deadlines its leader saw.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from eoffice.documents import operations as ops
from eoffice.documents.models import DirectionLine, Document
from eoffice.documents.workdays import add_working_days
from eoffice.errors import PermissionDenied, ValidationError
from eoffice.store.base import new_id
from eoffice.sync.applying import apply_once
from eoffice.sync.client_state import pending_operations
from eoffice.sync.desk import Desk, SyncedDesk
from tests.sync.conftest import register_op


def test_a_standalone_desk_numbers_the_document_at_once(world):
    op = register_op()
    with world.store.write() as s:
        result = Desk().apply(s, world.clerk_id, op)
    assert result.data["arrival_number"] == 1
    assert result.data["number_pending"] is False
    with world.store.read() as s:
        assert pending_operations(s) == []


def test_a_synced_desk_leaves_the_number_pending_queues_the_op_and_wakes_after_commit(world):
    woken: list[int] = []
    desk = SyncedDesk(lambda: woken.append(1))
    op = register_op()
    with world.store.write() as s:
        result = desk.apply(s, world.clerk_id, op)
        assert woken == []  # not before the transaction commits
    desk.committed()
    assert woken == [1]
    assert result.data["number_pending"] is True
    assert result.data["arrival_number"] is None
    with world.store.read() as s:
        assert [o.op_id for o in pending_operations(s)] == [op.op_id]
        assert s.get(Document, op.document_id).arrival_number is None


def test_a_refused_action_leaves_neither_row_nor_queued_op(world):
    desk = SyncedDesk(lambda: None)
    op = register_op()
    with pytest.raises(PermissionDenied):
        with world.store.write() as s:
            desk.apply(s, world.officer_id, op)  # an officer does not register incoming documents
    with world.store.read() as s:
        assert pending_operations(s) == []
        assert s.get(Document, op.document_id) is None


def _registered(world) -> str:  # type: ignore[no-untyped-def]
    op = register_op()
    with world.store.write() as s:
        assert apply_once(s, world.clerk_id, op).accepted
    return op.document_id


def _direct(world, document_id: str, on_date: date, days: int) -> ops.Direct:  # type: ignore[no-untyped-def]
    return ops.Direct(
        new_id(), document_id, new_id(), "Văn phòng chủ trì",
        (ops.LineRef(new_id(), "lead", user_id=world.officer_id, deadline_days=days),),
        on_date=on_date.isoformat(),
    )


def test_working_days_count_from_the_day_the_leader_directed_not_the_day_it_reached_the_server(world):
    document_id = _registered(world)
    directed_on = date.today() - timedelta(days=10)  # offline for ten days
    op = _direct(world, document_id, directed_on, 5)
    with world.store.write() as s:
        outcome = apply_once(s, world.leader_id, op)
    assert outcome.accepted, outcome.reason_en
    with world.store.read() as s:
        line = s.scalars(select(DirectionLine).where(DirectionLine.document_id == document_id)).one()
        assert line.deadline == add_working_days(directed_on, 5, set())


def test_a_deadline_that_was_in_the_future_when_directed_offline_is_still_accepted(world):
    document_id = _registered(world)
    directed_on = date.today() - timedelta(days=7)
    op = ops.Direct(
        new_id(), document_id, new_id(), "Văn phòng chủ trì",
        (ops.LineRef(
            new_id(), "lead", user_id=world.officer_id, deadline=(directed_on + timedelta(days=3)).isoformat()
        ),),
        on_date=directed_on.isoformat(),
    )
    with world.store.write() as s:
        outcome = apply_once(s, world.leader_id, op)
    assert outcome.accepted, outcome.reason_en


@pytest.mark.parametrize("offset", [2, -(ops.MAX_OFFLINE_DAYS + 1)])
def test_an_implausible_day_is_refused_by_the_server_with_a_reason(world, offset):
    document_id = _registered(world)
    op = _direct(world, document_id, date.today() + timedelta(days=offset), 3)
    with world.store.write() as s:
        outcome = apply_once(s, world.leader_id, op)
    assert not outcome.accepted
    assert "đồng hồ" in outcome.reason_vi


def test_a_client_believes_its_own_clock(world):
    with pytest.raises(ValidationError):
        ops.acted_on((date.today() + timedelta(days=5)).isoformat(), authority=True)
    in_five_days = date.today() + timedelta(days=5)
    assert ops.acted_on(in_five_days.isoformat(), authority=False) == in_five_days

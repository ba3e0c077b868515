"""Deadline extensions (gia hạn): the holder asks, the directing leader approves or refuses.

On SQLite and PostgreSQL: who may ask and decide, the state machine, the line's deadline
and the overdue / due-soon counts that follow it (the sidebar's kept counts too), the
follow-up, and the audit trail the history shows.
"""

from __future__ import annotations

from datetime import date

import pytest

from eoffice.audit.chain import history, verify_chain
from eoffice.audit.report import describe
from eoffice.directory.admin import create_user
from eoffice.directory.models import Role, User
from eoffice.documents import extensions as ext
from eoffice.documents.boxes import Box, box_counts, counts_by_condition
from eoffice.documents.directions import LineSpec, complete_line, direct, start_line
from eoffice.documents.followup import due_soon_until, followup_counts
from eoffice.documents.history import document_history
from eoffice.documents.models import DirectionLine, Document
from eoffice.documents.types import LineRole
from eoffice.errors import PermissionDenied, StateError, ValidationError

from .workflow_helpers import register

DIRECTED_ON = date(2026, 3, 4)
TODAY = date(2026, 3, 20)  # a Friday; the lines' deadline (10/03) is past


@pytest.fixture
def directed(world, blobs, pdf_factory):  # type: ignore[no-untyped-def]
    """A document directed by the leader: the officer leads (deadline 10/03), TC coordinates."""
    doc_id = register(world, blobs, pdf_factory)
    with world.store.write() as s:
        direct(
            s, world.leader_id, doc_id, "Giao anh Anh chủ trì.",
            [
                LineSpec(LineRole.LEAD, user_id=world.officer_id, deadline=date(2026, 3, 10)),
                LineSpec(LineRole.COORDINATE, unit_id=world.finance_unit_id, deadline=date(2026, 3, 10)),
            ],
            today=DIRECTED_ON,
        )
        lines = {ln.role: ln.id for ln in s.query(DirectionLine).filter_by(document_id=doc_id)}
    return doc_id, lines["lead"], lines["coordinate"]


def _counts(world, user_id):  # type: ignore[no-untyped-def]
    with world.store.read() as s:
        user = s.get(User, user_id)
        counts = box_counts(s, user, TODAY)
        assert counts == counts_by_condition(s, user, TODAY, due_soon_until(s, TODAY, 3))
        return counts


def _deadline(world, line_id):  # type: ignore[no-untyped-def]
    with world.store.read() as s:
        return s.get(DirectionLine, line_id).deadline


def _ask(world, actor, line_id, day=date(2026, 3, 24), reason="Chờ số liệu các huyện"):  # type: ignore[no-untyped-def]
    with world.store.write() as s:
        return ext.request_extension(s, actor, line_id, day, reason, today=TODAY).id


def _decide(world, actor, extension_id, approve, **kw):  # type: ignore[no-untyped-def]
    with world.store.write() as s:
        e = ext.decide_extension(s, actor, extension_id, approve, today=TODAY, **kw)
        return e.state, e.decided_deadline


def test_an_approved_extension_moves_the_deadline_and_the_counts_follow(world, directed):
    doc_id, lead, _coord = directed
    before = _counts(world, world.officer_id)
    assert before[Box.OVERDUE] == 1 and before[Box.DUE_SOON] == 0
    with world.store.read() as s:
        assert followup_counts(s, world.officer_id, world.org_id, TODAY).overdue == 1

    extension_id = _ask(world, world.officer_id, lead)
    # Asking changes nothing yet: the line is still overdue, the request waits for the leader.
    assert _deadline(world, lead) == date(2026, 3, 10)
    assert _counts(world, world.officer_id)[Box.OVERDUE] == 1
    with world.store.read() as s:
        assert [e.id for e in ext.pending_for(s, world.leader_id)] == [extension_id]
        assert ext.pending_of(s, lead).id == extension_id

    # The leader gives less than asked: Monday 23 instead of Tuesday 24.
    assert _decide(world, world.leader_id, extension_id, True, deadline=date(2026, 3, 23)) == (
        "approved", date(2026, 3, 23),
    )
    assert _deadline(world, lead) == date(2026, 3, 23)
    with world.store.read() as s:  # the document's deadline is its lead's: it follows
        assert s.get(Document, doc_id).due_date == date(2026, 3, 23)
    after = _counts(world, world.officer_id)
    assert after[Box.OVERDUE] == 0 and after[Box.DUE_SOON] == 1  # 23/03 is within 3 working days of Fri 20
    with world.store.read() as s:
        follow = followup_counts(s, world.officer_id, world.org_id, TODAY)
        assert (follow.overdue, follow.due_soon) == (0, 1)
        assert ext.pending_for(s, world.leader_id) == []
    # The organisation's view (clerk): the coordinating line is still overdue.
    assert _counts(world, world.clerk_id)[Box.OVERDUE] == 1
    if world.store.is_sqlite:
        from eoffice.documents import boxcounts
        from tests.documents.test_box_counts import _kept_rows

        kept = _kept_rows(world.store)
        with world.store.write() as s:
            boxcounts.rebuild(s.connection())
        assert _kept_rows(world.store) == kept  # the triggers followed the new deadline

    with world.store.read() as s:
        actions = [e.action for e in history(s, "direction_line", lead)]
        assert actions[-2:] == ["direction_line.extension_request", "direction_line.extension_approve"]
        texts = [describe(e) for e in document_history(s, doc_id)]
        assert "Xin gia hạn xử lý: Chờ số liệu các huyện" in texts
        assert "Duyệt gia hạn xử lý" in texts
        approve = history(s, "direction_line", lead)[-1]
        assert approve.actor_id == world.leader_id
        assert verify_chain(s) == []


def test_the_followup_register_prints_the_extended_deadline_and_the_old_one(world, directed, tmp_path):
    from eoffice.printing.registers import print_followup_register
    from tests.printing.test_registers import read_pdf

    _doc_id, lead, _coord = directed
    _decide(world, world.leader_id, _ask(world, world.officer_id, lead), True)
    with world.store.read() as s:
        out = print_followup_register(
            s, world.org_id, date(2026, 3, 1), date(2026, 3, 31), tmp_path / "td.pdf", printed_by=world.clerk_id,
            today=TODAY,
        )
    printed = read_pdf(out)
    assert "24/03/2026 (gia hạn, hạn cũ 10/03/2026)" in printed.flat
    assert "Chờ xử lý (quá hạn)" in printed.flat  # the coordinating line, not extended, is still late
    assert printed.flat.count("(quá hạn)") == 1


def test_a_refusal_needs_a_reason_and_keeps_the_deadline(world, directed):
    _doc_id, lead, _coord = directed
    extension_id = _ask(world, world.officer_id, lead)
    with pytest.raises(ValidationError) as err:
        _decide(world, world.leader_id, extension_id, False, note="  ")
    assert "lý do" in err.value.message_vi
    assert _decide(world, world.leader_id, extension_id, False, note="Việc gấp, không gia hạn") == ("refused", None)
    assert _deadline(world, lead) == date(2026, 3, 10)
    assert _counts(world, world.officer_id)[Box.OVERDUE] == 1
    with world.store.read() as s:
        [e] = ext.extensions_of(s, _doc_id)
        assert (e.state, e.decision_note, e.decided_by) == ("refused", "Việc gấp, không gia hạn", world.leader_id)
        assert [x.action for x in history(s, "direction_line", lead)][-1] == "direction_line.extension_refuse"
    # Decided once: not again.
    with pytest.raises(StateError):
        _decide(world, world.leader_id, extension_id, True)
    # After a refusal the holder may ask again.
    assert _ask(world, world.officer_id, lead, day=date(2026, 3, 23))


def test_only_the_holder_asks_and_only_the_directing_leader_decides(world, directed):
    _doc_id, lead, coord = directed
    # Not the holder: another officer, the clerk, even the leader.
    for actor in (world.officer2_id, world.clerk_id, world.leader_id):
        with pytest.raises(PermissionDenied):
            _ask(world, actor, lead)
    # A unit's line: any member of the unit asks.
    coord_ext = _ask(world, world.officer2_id, coord)
    extension_id = _ask(world, world.officer_id, lead)
    with world.store.write() as s:
        other_leader = create_user(s, "phochutich", "Hồ Văn Lâm", world.org_id, {Role.LEADER}, None, "Phó Chủ tịch").id
    for actor in (world.officer_id, world.clerk_id, other_leader):
        with pytest.raises(PermissionDenied) as err:
            _decide(world, actor, extension_id, True)
    assert "lãnh đạo đã bút phê" in err.value.message_vi
    assert _decide(world, world.leader_id, coord_ext, True)[0] == "approved"
    with world.store.read() as s:  # a coordinating line's extension leaves the document's deadline
        assert s.get(Document, _doc_id).due_date == date(2026, 3, 10)


def test_the_dates_and_reasons_asked_are_checked(world, directed):
    _doc_id, lead, _coord = directed
    with pytest.raises(ValidationError):
        _ask(world, world.officer_id, lead, reason="")
    with pytest.raises(ValidationError) as err:
        _ask(world, world.officer_id, lead, day=date(2026, 3, 19))  # before today
    assert "đã qua" in err.value.message_vi
    with pytest.raises(ValidationError):
        with world.store.write() as s:  # not after the current deadline (asked on 05/03)
            ext.request_extension(s, world.officer_id, lead, date(2026, 3, 9), "Lý do", today=date(2026, 3, 5))
    extension_id = _ask(world, world.officer_id, lead)
    with pytest.raises(StateError):  # one request at a time
        _ask(world, world.officer_id, lead, day=date(2026, 3, 30))
    with pytest.raises(ValidationError):  # the leader's own date is checked too
        _decide(world, world.leader_id, extension_id, True, deadline=date(2026, 3, 2))


def test_a_closed_line_is_not_extended(world, directed):
    _doc_id, lead, _coord = directed
    extension_id = _ask(world, world.officer_id, lead)
    with world.store.write() as s:
        start_line(s, world.officer_id, lead)
        complete_line(s, world.officer_id, lead, "Đã xong")
    with pytest.raises(StateError):
        _decide(world, world.leader_id, extension_id, True)
    with pytest.raises(StateError):
        _ask(world, world.officer_id, lead)
    with world.store.read() as s:  # nothing left for the leader to decide
        assert ext.pending_for(s, world.leader_id) == []


def test_a_document_dropped_from_a_desk_takes_its_extensions(world, directed):
    from eoffice.documents.synced import drop_documents

    doc_id, lead, _coord = directed
    _ask(world, world.officer_id, lead)
    with world.store.write() as s:
        drop_documents(s, [doc_id])
    with world.store.read() as s:
        assert ext.extensions_of(s, doc_id) == [] and s.get(DirectionLine, lead) is None

"""Ủy quyền over the real server on loopback: the leader's delegation reaches the deputy's
desk with the secret draft awaiting the leader; the deputy approves it in the leader's
stead; an approval made offline on the last day of the absence is accepted when pushed
later, one dated after it refused with its reason; a revocation takes the secret draft back
from the deputy's desk."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from eoffice.audit.models import AuditEvent
from eoffice.directory.admin import create_user
from eoffice.directory.models import Role, User
from eoffice.documents import operations as ops
from eoffice.documents.boxes import Box, box_counts
from eoffice.documents.delegations import Delegation
from eoffice.documents.models import Document
from eoffice.errors import PermissionDenied
from eoffice.ops import FileRef, ISODate
from eoffice.server import events
from eoffice.store.base import new_id
from tests.server.conftest import give_passwords
from tests.sync.http_support import Device, Province

TODAY = date.today()


def _draft(officer: Device, pdf_factory, **fields: object) -> str:  # type: ignore[no-untyped-def]
    pdf = pdf_factory("Về việc ủy quyền")
    digest, size = officer.blobs.put_file(pdf)
    doc_id = new_id()
    officer.record(ops.CreateDraft(
        new_id(), doc_id, {"type_name": "Công văn", "subject": "Về việc ủy quyền", **fields},
        (FileRef(digest, pdf.name, size, 1),),
    ))
    return doc_id


def _holds(device: Device, doc_id: str) -> bool:
    with device.store.read() as s:
        return s.get(Document, doc_id) is not None


def _delegate(device: Device, deputy_id: str, starts: date, ends: date) -> str:
    delegation_id = new_id()
    device.record(ops.Delegate(
        new_id(), delegation_id, deputy_id, ISODate(starts.isoformat()), ISODate(ends.isoformat()), "Đi công tác"
    ))
    return delegation_id


def test_the_deputy_acts_for_the_leader_through_the_server(province: Province, pdf_factory):
    w = province.world
    with province.store.write() as s:
        deputy_id = create_user(
            s, "phochutich", "Hoàng Văn Phúc", w.org_id, {Role.LEADER}, w.office_unit_id, "Phó Chủ tịch"
        ).id
    give_passwords(province.store, "phochutich")
    officer = province.device("chuyenvien", w.officer_id)
    leader = province.device("lanhdao", w.leader_id)
    deputy = province.device("phochutich", deputy_id)
    for d in (officer, leader, deputy):
        d.engine.sync_once()

    secret = _draft(officer, pdf_factory, secrecy="confidential")
    officer.record(ops.SubmitDraft(new_id(), secret, w.leader_id))
    assert officer.engine.sync_once().accepted == 2
    deputy.engine.sync_once()
    assert not _holds(deputy, secret), "a secret draft is the leader's alone before the delegation"

    delegation_id = _delegate(leader, deputy_id, TODAY, TODAY + timedelta(days=4))
    assert leader.engine.sync_once().accepted == 1
    with province.store.read() as s:  # the deputy is told, live
        [told] = [e.to_message()["payload"] for e in events.events_after(s, deputy_id, 0)]
        assert told["by"] == "Nguyễn Văn Đức" and told["reason"] == "Đi công tác"
    deputy.engine.sync_once()
    with deputy.store.read() as s:
        held = s.get(Delegation, delegation_id)
        assert held is not None and held.leader_id == w.leader_id and not held.revoked
        assert s.get(Document, secret) is not None, "the delegation brings the leader's secret draft"
        assert box_counts(s, s.get(User, deputy_id), TODAY)[Box.DRAFTS_TO_APPROVE] == 1

    deputy.record(ops.ApproveDraft(new_id(), secret, "Đồng ý", ISODate(TODAY.isoformat())))
    assert deputy.engine.sync_once().accepted == 1
    with province.store.read() as s:
        assert s.get(Document, secret).state == "approved"
        event = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "document.approve_draft").order_by(AuditEvent.seq.desc())
        ).first()
        assert event.actor_id == deputy_id and json.loads(event.after_json)["on_behalf_of"] == w.leader_id

    # revoked: a second secret draft submitted to the leader leaves the deputy's desk
    other = _draft(officer, pdf_factory, secrecy="confidential")
    officer.record(ops.SubmitDraft(new_id(), other, w.leader_id))
    officer.engine.sync_once()
    with province.store.read() as s:  # submitted to the leader: the deputy is told too
        told_of = [(e.kind, e.to_message()["payload"].get("document_id")) for e in events.events_after(s, deputy_id, 0)]
        assert ("draft.submitted", other) in told_of
    deputy.engine.sync_once()
    assert _holds(deputy, other)
    leader.record(ops.RevokeDelegation(new_id(), delegation_id))
    assert leader.engine.sync_once().accepted == 1
    deputy.engine.sync_once()
    assert not _holds(deputy, other)
    with deputy.store.read() as s:
        assert s.get(Delegation, delegation_id).revoked


def test_an_approval_made_offline_during_the_absence_counts_by_its_day(province: Province, pdf_factory):
    w = province.world
    with province.store.write() as s:
        deputy_id = create_user(
            s, "phochutich", "Hoàng Văn Phúc", w.org_id, {Role.LEADER}, w.office_unit_id, "Phó Chủ tịch"
        ).id
    give_passwords(province.store, "phochutich")
    officer = province.device("chuyenvien", w.officer_id)
    leader = province.device("lanhdao", w.leader_id)
    deputy = province.device("phochutich", deputy_id)
    for d in (officer, leader, deputy):
        d.engine.sync_once()
    first, second = _draft(officer, pdf_factory), _draft(officer, pdf_factory)
    for doc_id in (first, second):
        officer.record(ops.SubmitDraft(new_id(), doc_id, w.leader_id))
    officer.engine.sync_once()
    # the absence ended yesterday
    yesterday = TODAY - timedelta(days=1)
    _delegate(leader, deputy_id, TODAY - timedelta(days=5), yesterday)
    assert leader.engine.sync_once().accepted == 1
    deputy.engine.sync_once()

    # approved on the desk yesterday (offline), pushed today: it counts by its day
    on_time = ops.ApproveDraft(new_id(), first, "Đồng ý", ISODate(yesterday.isoformat()))
    deputy.record(on_time)
    # today the desk itself refuses, as the server would
    with pytest.raises(PermissionDenied) as refused:
        deputy.record(ops.ApproveDraft(new_id(), second, "Đồng ý", ISODate(TODAY.isoformat())))
    assert "ủy quyền" in refused.value.message_vi
    report = deputy.engine.sync_once()
    assert [a.outcome for a in report.answers if a.op_id == on_time.op_id] == ["accepted"]
    with province.store.read() as s:
        assert s.get(Document, first).state == "approved"
        assert s.get(Document, second).state == "submitted"


def test_a_delegation_that_starts_later_brings_the_waiting_secret_drafts_at_once(province: Province, pdf_factory):
    """Named on Friday for next week: the leader's waiting secret draft is on the deputy's
    desk before the first day (they may be offline then), but it waits in no box of theirs
    and they may not approve it until the delegation begins."""
    w = province.world
    with province.store.write() as s:
        deputy_id = create_user(
            s, "phochutich2", "Đỗ Thị Lan", w.org_id, {Role.LEADER}, w.office_unit_id, "Phó Chủ tịch"
        ).id
    give_passwords(province.store, "phochutich2")
    officer = province.device("chuyenvien", w.officer_id)
    leader = province.device("lanhdao", w.leader_id)
    deputy = province.device("phochutich2", deputy_id)
    for d in (officer, leader, deputy):
        d.engine.sync_once()
    secret = _draft(officer, pdf_factory, secrecy="confidential")
    officer.record(ops.SubmitDraft(new_id(), secret, w.leader_id))
    assert officer.engine.sync_once().accepted == 2

    starts = TODAY + timedelta(days=3)
    _delegate(leader, deputy_id, starts, starts + timedelta(days=2))
    assert leader.engine.sync_once().accepted == 1
    deputy.engine.sync_once()
    assert _holds(deputy, secret), "the draft reaches the deputy before the delegation's first day"
    with deputy.store.read() as s:
        me = s.get(User, deputy_id)
        assert box_counts(s, me, TODAY)[Box.DRAFTS_TO_APPROVE] == 0, "not theirs to approve yet"
        assert box_counts(s, me, starts)[Box.DRAFTS_TO_APPROVE] == 1, "theirs on the first day"

    with pytest.raises(PermissionDenied, match="ủy quyền"):  # refused on the desk, before anything is sent
        deputy.record(ops.ApproveDraft(new_id(), secret, "Đồng ý", ISODate(TODAY.isoformat())))


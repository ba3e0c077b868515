"""A deadline extension through the real server on loopback: an officer asks offline, the
request reaches the directing leader's desk (and a live event tells them), the leader's
decision comes back and moves the line's deadline on the officer's desk. The server
refuses, with a Vietnamese reason, a decision by anyone but the directing leader."""

from __future__ import annotations

from datetime import date, timedelta

from eoffice.documents import operations as ops
from eoffice.documents.extensions import DeadlineExtension
from eoffice.documents.models import DirectionLine
from eoffice.ops.values import Id, ISODate
from eoffice.server import events
from eoffice.store.base import new_id
from tests.sync.http_support import Device, Province
from tests.sync.test_http_sync import _register


def _day(days: int) -> ISODate:
    return ISODate((date.today() + timedelta(days=days)).isoformat())


def _line(device: Device, line_id: str) -> tuple[date | None, list[tuple[str, date | None, int | None]]]:
    """The line's deadline on the desk, and its extensions (state, decided date, version)."""
    with device.store.read() as s:
        line = s.get(DirectionLine, line_id)
        assert line is not None
        found = s.query(DeadlineExtension).filter_by(line_id=line_id).order_by(DeadlineExtension.requested_at)
        return line.deadline, [(e.state, e.decided_deadline, e.server_version) for e in found]


def _heard(province: Province, user_id: str) -> list[str]:
    with province.store.read() as s:
        return [e.kind for e in events.events_after(s, user_id, 0)]


def test_an_officers_request_reaches_the_leader_and_the_decision_comes_back(province, pdf_factory):
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    clerk.engine.sync_once()
    doc_id = _register(clerk, pdf_factory()).document_id
    clerk.engine.sync_once()

    leader = province.device("lanhdao", w.leader_id)
    leader.engine.sync_once()
    line_id = new_id()
    leader.record(
        ops.Direct(
            new_id(), Id(doc_id), Id(new_id()), "Giao anh Anh chủ trì.",
            (ops.LineRef(Id(line_id), "lead", user_id=Id(w.officer_id), deadline=_day(2)),), _day(0),
        )
    )
    assert leader.engine.sync_once().accepted == 1

    officer = province.device("chuyenvien", w.officer_id)
    officer.engine.sync_once()
    extension_id = new_id()
    officer.record(
        ops.RequestExtension(
            new_id(), Id(extension_id), Id(line_id), _day(10), "Chờ số liệu của các huyện", _day(0)
        )
    )
    # Applied on the officer's desk at once, before the server has it.
    assert _line(officer, line_id) == (date.today() + timedelta(days=2), [("requested", None, None)])
    assert officer.engine.sync_once().accepted == 1
    assert "extension.requested" in _heard(province, w.leader_id)

    leader.engine.sync_once()
    deadline, [(state, _decided, version)] = _line(leader, line_id)
    assert (deadline, state) == (date.today() + timedelta(days=2), "requested") and version is not None

    leader.record(ops.DecideExtension(new_id(), Id(extension_id), Id(line_id), True, _day(8), "Đồng ý", _day(0)))
    assert _line(leader, line_id)[0] == date.today() + timedelta(days=8)
    assert leader.engine.sync_once().accepted == 1
    assert "extension.decided" in _heard(province, w.officer_id)

    officer.engine.sync_once()
    deadline, [(state, decided, _v)] = _line(officer, line_id)
    in_eight = date.today() + timedelta(days=8)
    assert (deadline, state, decided) == (in_eight, "approved", in_eight)
    with province.store.read() as s:
        assert s.get(DirectionLine, line_id).deadline == date.today() + timedelta(days=8)

    # Another request; the officer, pushing a decision of it himself, is refused by the server.
    second = new_id()
    officer.record(ops.RequestExtension(new_id(), Id(second), Id(line_id), _day(12), "Thêm thời gian", _day(0)))
    assert officer.engine.sync_once().accepted == 1
    [answer] = officer.client.push([ops.DecideExtension(new_id(), Id(second), Id(line_id), True, None, "", _day(0))])
    assert answer.outcome == "rejected"
    assert answer.reason == "Chỉ lãnh đạo đã bút phê văn bản này mới được duyệt gia hạn."
    with province.store.read() as s:
        assert s.get(DeadlineExtension, second).state == "requested"


def test_a_request_the_server_refuses_is_undone_on_the_officers_desk(province, pdf_factory):
    """The officer asks offline while the leader closes the line: the server refuses in
    Vietnamese and the officer's desk drops the request it had shown."""
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    clerk.engine.sync_once()
    doc_id = _register(clerk, pdf_factory()).document_id
    clerk.engine.sync_once()
    leader = province.device("lanhdao", w.leader_id)
    leader.engine.sync_once()
    line_id = new_id()
    leader.record(
        ops.Direct(
            new_id(), Id(doc_id), Id(new_id()), "Giao anh Anh chủ trì.",
            (ops.LineRef(Id(line_id), "lead", user_id=Id(w.officer_id), deadline=_day(2)),), _day(0),
        )
    )
    leader.engine.sync_once()
    officer = province.device("chuyenvien", w.officer_id)
    officer.engine.sync_once()

    extension_id = new_id()
    officer.record(ops.RequestExtension(new_id(), Id(extension_id), Id(line_id), _day(10), "Chờ số liệu", _day(0)))
    assert _line(officer, line_id)[1] == [("requested", None, None)]
    leader.record(ops.CompleteLine(new_id(), Id(line_id), "Lãnh đạo đã xử lý."))  # meanwhile, on the leader's desk
    assert leader.engine.sync_once().accepted == 1

    report = officer.engine.sync_once()
    assert report.rejected == 1
    [refusal] = officer.engine.status().rejected
    assert "không gia hạn được nữa" in refusal.reason
    assert _line(officer, line_id)[1] == []  # the request is gone from the desk
    with officer.store.read() as s:
        assert s.get(DirectionLine, line_id).state == "done"
    with province.store.read() as s:
        assert s.get(DeadlineExtension, extension_id) is None

"""Written opinions over the real server (SQLite and PostgreSQL) with real desks: the poll
reaching the members asked and nobody else, an answer made offline waiting in the outbox
and delivered, the server refusing an answer after the deadline with its reason, a member
never receiving the others' answers, the result reaching them once closed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from eoffice.meetings import opinions
from eoffice.meetings.opinion_models import OpinionAnswer, OpinionDocument, OpinionPoll
from eoffice.meetings.opinion_ops import AnswerOpinionPoll, CloseOpinionPoll, OpinionFile, SendOpinionPoll
from eoffice.meetings.values import moment_text
from eoffice.ops import FileRef
from eoffice.server import events
from eoffice.store.base import new_id, utcnow
from eoffice.sync.client import Offline
from tests.meetings.helpers import create_op, people, state
from tests.sync.http_support import Device, Province

QUESTION = "Thông qua Kế hoạch tổ chức Lễ hội Làng Sen năm 2027"


def _polls(device: Device) -> dict[str, OpinionPoll]:
    with device.store.read() as s:
        found = {p.id: p for p in s.scalars(select(OpinionPoll))}
        for p in found.values():
            s.expunge(p)
        return found


def _answers(device: Device) -> list[tuple[str, str]]:
    with device.store.read() as s:
        return sorted((a.user_id, a.choice) for a in s.scalars(select(OpinionAnswer)))


def _pending(device: Device) -> int:
    return device.engine.status().pending


def _prepared(province: Province, pdf: bytes) -> tuple[Device, Device, Device, Device, str]:
    """A scheduled UBND meeting run by the clerk, chaired by the leader, with the officer as
    a member; the second officer is not in it. The clerk asks the members, with a PDF."""
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    leader = province.device("lanhdao", w.leader_id)
    officer = province.device("chuyenvien", w.officer_id)
    outsider = province.device("chuyenvien2", w.officer2_id)
    for device in (clerk, leader, officer, outsider):
        device.engine.sync_once()
    made = create_op(title="Phiên họp UBND tỉnh thường kỳ tháng 12", kind_of_meeting="ubnd_regular",
                     chair_id=w.leader_id, secretary_id=w.clerk_id)
    clerk.record(made)
    clerk.record(people(made.meeting_id, w.officer_id))
    clerk.record(state(made.meeting_id, "scheduled"))
    assert clerk.engine.sync_once().accepted == 3  # scheduling is the server's
    digest, size = clerk.blobs.put_bytes(pdf)
    poll_id = new_id()
    clerk.record(SendOpinionPoll(
        new_id(), poll_id, made.meeting_id, QUESTION, moment_text(utcnow() + timedelta(days=2)),
        documents=(OpinionFile(new_id(), "Dự thảo Kế hoạch", FileRef(digest, "ke-hoach.pdf", size, 1)),),
    ))
    assert clerk.engine.sync_once().accepted == 1
    for device in (leader, officer, outsider):
        device.engine.sync_once()
    return clerk, leader, officer, outsider, poll_id


def test_the_poll_reaches_the_members_and_an_offline_answer_waits_in_the_outbox(province: Province, pdf_factory):
    w = province.world
    clerk, leader, officer, outsider, poll_id = _prepared(province, pdf_factory().read_bytes())
    assert list(_polls(officer)) == [poll_id] and list(_polls(leader)) == [poll_id]
    assert _polls(outsider) == {}
    with officer.store.read() as s:
        [doc] = s.scalars(select(OpinionDocument)).all()
        assert officer.blobs.has(doc.digest)  # downloaded with the poll: readable offline
    with province.store.read() as s:
        told = [e.to_message()["payload"] for e in events.events_after(s, w.officer_id, 0)
                if e.kind == "meeting.opinion_asked"]
    assert [t["question"] for t in told] == [QUESTION]

    # The server goes away; the officer answers all the same.
    province.server.stop()
    officer.record(AnswerOpinionPoll(new_id(), poll_id, "other", "Đề nghị rút gọn thời gian tổ chức còn 2 ngày"))
    with pytest.raises(Offline):
        officer.engine.sync_once()
    assert _pending(officer) == 1
    assert _answers(officer) == [(w.officer_id, "other")]  # shown on the desk at once
    province.restart()
    report = officer.engine.sync_once()
    assert report.accepted == 1 and _pending(officer) == 0
    clerk.engine.sync_once()
    assert _answers(clerk) == [(w.officer_id, "other")]

    # A member never receives the others' answers.
    leader.record(AnswerOpinionPoll(new_id(), poll_id, "agree"))
    assert leader.engine.sync_once().accepted == 1
    officer.engine.sync_once()
    assert _answers(officer) == [(w.officer_id, "other")]
    clerk.engine.sync_once()
    assert _answers(clerk) == sorted([(w.officer_id, "other"), (w.leader_id, "agree")])

    # Closing needs the server; the members then receive the result on the poll.
    clerk.record(CloseOpinionPoll(new_id(), poll_id))
    assert _polls(clerk)[poll_id].state == "open"
    assert clerk.engine.sync_once().accepted == 1
    officer.engine.sync_once()
    poll = _polls(officer)[poll_id]
    result = opinions.PollResult.from_json(poll.result)
    assert poll.state == "closed" and result is not None
    assert result.counts == {"agree": 1, "disagree": 0, "other": 1, "none": 1}  # the clerk is not a member
    assert result.percents["agree"] == "33.33" and result.verdict == "Không thông qua"


def test_the_server_refuses_an_answer_after_the_deadline(province: Province, pdf_factory):
    w = province.world
    _clerk, _leader, officer, outsider, poll_id = _prepared(province, pdf_factory().read_bytes())
    officer.record(AnswerOpinionPoll(new_id(), poll_id, "agree"))  # offline, before the deadline
    assert _answers(officer) == [(w.officer_id, "agree")]
    with province.store.write() as s:  # meanwhile the deadline passes, by the server's time
        poll = s.get(OpinionPoll, poll_id)
        assert poll is not None
        poll.deadline = utcnow() - timedelta(minutes=5)
    report = officer.engine.sync_once()
    assert report.rejected == 1
    [refused] = report.answers
    assert refused.outcome == "rejected" and "Đã hết hạn trả lời phiếu lấy ý kiến" in refused.reason
    assert "deadline" in refused.reason_en
    assert _answers(officer) == []  # the desk drops what the server refused
    with province.store.read() as s:
        assert s.scalars(select(OpinionAnswer)).all() == []

    # Nobody but those asked answers, and only the organisers close.
    [foreign] = outsider.client.push([AnswerOpinionPoll(new_id(), poll_id, "agree")])
    assert foreign.outcome == "rejected"
    [early] = officer.client.push([CloseOpinionPoll(new_id(), poll_id)])
    assert early.outcome == "rejected" and "Chỉ người tổ chức" in early.reason

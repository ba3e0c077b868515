"""The live session's screens on real desks signed in to a real server: the meeting page
opens the chair's console and the delegate's view; what the session holds is drawn (the
quorum banner, the speaker's countdown turning amber then red, the queue with points of
order first, who never spoke, the vote's large buttons, the result on the big screen);
"follow the chair" shows the chair's document and page, reading elsewhere stops it and F
comes back; the session's events make no notification in the bell."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest
from PySide6.QtCore import Qt

from eoffice.meetings import meeting_files
from eoffice.meetings import operations as mops
from eoffice.meetings.live.schemas import (
    AttendanceRow,
    AttendanceView,
    Me,
    Quorum,
    SessionSnapshot,
    SessionView,
    SpeakersView,
    SpeakerTotal,
    SpeechView,
    Verdict,
    VoteOption,
    VoteResult,
    VoteView,
)
from eoffice.meetings.live.state import AMBER, RED, SessionState
from eoffice.store.base import new_id
from tests.meetings.helpers import create_op, people, state
from tests.ui.test_synced_desktop import WAIT, _close, _desk

pytestmark = pytest.mark.parametrize("store", ["sqlite"], indirect=True)


def scheduled_meeting(province: Any, pdf_factory: Any) -> dict[str, str]:
    """A UBND meeting (the clerk its secretary, the leader its chair, two members), one item
    with a draft of a few pages, scheduled on the server; the ids."""
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    clerk.engine.sync_once()  # the directory first
    made = create_op(
        title="Phiên họp UBND tỉnh tháng 12", kind_of_meeting="ubnd_regular", secretary_id=w.clerk_id,
        chair_id=w.leader_id,
    )
    item_id = new_id()
    long = "Nội dung dự thảo nghị quyết về giá đất. " * 250  # a few pages
    pdf = meeting_files.prepare_pdf(pdf_factory("Dự thảo Nghị quyết về giá đất", body=long), clerk.blobs)
    assert pdf.page_count >= 3
    document_id = new_id()
    for op in (
        made,
        people(made.meeting_id, w.officer_id, w.officer2_id),
        mops.AddAgendaItem(op_id=new_id(), item_id=item_id, meeting_id=made.meeting_id, sitting_id=made.sitting_id,
                           title="Dự thảo Nghị quyết về giá đất", decision="vote", vote_rule="majority"),
        mops.AddMeetingDocument(op_id=new_id(), document_id=document_id, version_id=new_id(),
                                meeting_id=made.meeting_id, item_id=item_id, title="Dự thảo Nghị quyết", file=pdf),
        state(made.meeting_id, "scheduled"),
    ):
        clerk.record(op)
    report = clerk.engine.sync_once()
    assert report.accepted == 5, report
    return {"meeting": made.meeting_id, "item": item_id, "document": document_id}


def open_page(qtbot: Any, desk: Any, meeting_id: str) -> Any:
    meetings = desk.section("meetings")
    qtbot.waitUntil(lambda: _has_meeting(desk, meeting_id), timeout=WAIT)
    with qtbot.waitSignal(meetings.page.loaded, timeout=WAIT):
        meetings.open_meeting(meeting_id)
    return meetings.page


def _has_meeting(desk: Any, meeting_id: str) -> bool:
    from eoffice.meetings.models import Meeting

    with desk.store.read() as s:
        return s.get(Meeting, meeting_id) is not None


def open_session(qtbot: Any, page: Any, chair: bool) -> Any:
    button = page.console_button if chair else page.join_button
    assert button.isVisible() and button.isEnabled()
    page.session_window = None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.session_window is not None and page.session_window.isVisible(), timeout=WAIT)
    return page.session_window


def _row(n: int, user_id: str, name: str, presence: str, **extra: Any) -> AttendanceRow:
    return AttendanceRow(participant_id=f"p{n}", user_id=user_id, full_name=name, role="member", votes=True,
                         presence=presence, **extra)


def _snapshot(ids: dict[str, str], me: str, *, revision: int = 100, **extra: Any) -> SessionSnapshot:
    now = datetime.now(timezone.utc).isoformat()
    values: dict[str, Any] = {
        "meeting_id": ids["meeting"], "title": "Phiên họp UBND tỉnh tháng 12", "revision": revision,
        "server_time": now,
        "session": SessionView(state="running", item_id=ids["item"], document_id=ids["document"], page=1),
        "attendance": AttendanceView(
            hall=1, not_arrived=2, quorum=Quorum(label="Ít nhất hai phần ba", members=3, present=1, needed=2,
                                                 holds=False, percent="33.33"),
            rows=[_row(1, "u-a", "Nguyễn Văn Đức", "hall"), _row(2, me, "Lê Minh Anh", "not_arrived"),
                  _row(3, "u-c", "Phạm Quốc Huy", "not_arrived", late=True)],
        ),
        "speakers": SpeakersView(limit_seconds=300),
        "votes": [],
        "me": Me(user_id=me, participant_id="p2", role="member", votes=True, presence="not_arrived"),
    }
    values.update(extra)
    return SessionSnapshot(**values)


def _inject(screen: Any, snapshot: SessionSnapshot) -> None:
    """The screen's session set to ``snapshot`` (as a snapshot from the server would)."""
    screen.live.state = SessionState.of(snapshot)
    screen.live.changed.emit("all")


def _event(desk: Any, ids: dict[str, str], revision: int, part: str, data: Any) -> None:
    payload = {
        "meeting_id": ids["meeting"], "revision": revision, "part": part,
        "data": data.model_dump(mode="json") if hasattr(data, "model_dump") else data,
        "server_time": datetime.now(timezone.utc).isoformat(),
    }
    desk.bridge.live_event.emit({"id": 0, "kind": "meeting.live", "payload": payload})


def test_the_screens_draw_the_session_and_follow_the_chair(qtbot, store, province, tmp_path, pdf_factory):
    w = province.world
    ids = scheduled_meeting(province, pdf_factory)
    clerk = _desk(qtbot, province, tmp_path, "vanthu")
    officer = _desk(qtbot, province, tmp_path, "chuyenvien")
    try:
        # The organiser runs the session; a participant joins it (not the other way round).
        page = open_page(qtbot, clerk, ids["meeting"])
        assert page.console_button.isVisible() and page.console_button.toolTip().endswith("(Ctrl+Shift+L)")
        console = open_session(qtbot, page, chair=True)
        officer_page = open_page(qtbot, officer, ids["meeting"])
        assert not officer_page.console_button.isVisible()
        delegate = open_session(qtbot, officer_page, chair=False)
        _inject(console, _snapshot(ids, w.clerk_id))
        _inject(delegate, _snapshot(ids, w.officer_id))

        # The quorum banner: red with its counts, then green when enough arrive.
        assert console.quorum.text().startswith("Có mặt 1/3 — cần 2") and not console.quorum.holds
        assert "Đến muộn: Phạm Quốc Huy" in console.late.text()
        arrived = AttendanceView(
            hall=2, not_arrived=1, quorum=Quorum(members=3, present=2, needed=2, holds=True),
            rows=[_row(2, w.officer_id, "Lê Minh Anh", "hall")], complete=False,
        )
        for desk in (clerk, officer):
            _event(desk, ids, 101, "attendance", arrived)
        qtbot.waitUntil(lambda: console.quorum.holds and delegate.quorum.holds, timeout=WAIT)
        assert console.quorum.text().startswith("Có mặt 2/3 — cần 2")
        assert delegate.presence.text() == "Bạn: Có mặt tại hội trường"
        # The session's events are followed by its screens, not announced in the bell.
        assert clerk.notifications.rowCount() == 0 and not clerk.toast.isVisible()

        # The delegate follows the chair: the chair's document, at the chair's page.
        assert delegate.following and delegate.follow_button.isChecked()
        qtbot.waitUntil(lambda: delegate.pdf.pageCount() >= 3, timeout=WAIT)
        assert delegate.document_id == ids["document"] and delegate.view.current_page() == 1
        _event(officer, ids, 102, "session", SessionView(state="running", item_id=ids["item"],
                                                          document_id=ids["document"], page=2))
        qtbot.waitUntil(lambda: delegate.view.current_page() == 2, timeout=WAIT)
        # Reading elsewhere stops following; the chair's next page is not forced on the reader…
        delegate.activateWindow()
        delegate.view.setFocus()
        qtbot.keyClick(delegate.view, Qt.Key.Key_PageUp)
        assert not delegate.following and delegate.view.current_page() == 1
        assert "F" in delegate.follow_button.text()
        _event(officer, ids, 103, "session", SessionView(state="running", item_id=ids["item"],
                                                          document_id=ids["document"], page=0))
        qtbot.waitUntil(lambda: delegate.live.state.session.page == 0, timeout=WAIT)
        assert delegate.view.current_page() == 1
        # …and F comes back to it.
        delegate.act_follow.trigger()
        assert delegate.following and delegate.view.current_page() == 0
        assert delegate.act_follow.shortcut().toString() == "F"

        # The speakers: a point of order ahead of the queue; who never spoke; the countdown.
        speaking = SpeechView(id="s0", user_id="u-a", full_name="Nguyễn Văn Đức", kind="speech", state="speaking",
                              requested_at=datetime.now(timezone.utc).isoformat(), limit_seconds=300,
                              elapsed_seconds=250, running=True)
        queue = [
            SpeechView(id="s1", user_id="u-c", full_name="Phạm Quốc Huy", kind="speech", state="accepted",
                       position=1, requested_at=speaking.requested_at),
            SpeechView(id="s2", user_id=w.officer_id, full_name="Lê Minh Anh", kind="order", state="waiting",
                       position=2, requested_at=speaking.requested_at),
        ]
        totals = [SpeakerTotal(user_id="u-a", full_name="Nguyễn Văn Đức", speeches=1, seconds=250)]
        for desk in (clerk, officer):
            _event(desk, ids, 104, "speakers", SpeakersView(current=speaking, queue=queue, totals=totals,
                                                             limit_seconds=300))
        qtbot.waitUntil(lambda: console.queue.rowCount() == 2, timeout=WAIT)
        assert [s.id for s in console.queue.rows] == ["s2", "s1"]  # the point of order first
        assert console.never_label.text() == "Chưa phát biểu (2): Lê Minh Anh, Phạm Quốc Huy"
        assert console.clock.property("level") == AMBER and console.clock.text().startswith("0:")
        assert delegate.clock.property("level") == AMBER
        assert delegate.my_request.text() == "Yêu cầu của bạn: Ý kiến về thủ tục — Chờ chủ tọa"
        assert not delegate.act_speak.isEnabled() and delegate.act_withdraw.isEnabled()
        assert console.act_next.shortcuts()[0].toString() == "F9" and "(F9)" in console.act_next.toolTip()

        # The big screen, on the display the chair picks: the speaker and the countdown.
        console.act_big.trigger()
        big = console.big_screen
        qtbot.waitUntil(lambda: big is not None and big.isVisible(), timeout=WAIT)
        assert big.speaker.text() == "Nguyễn Văn Đức" and big.clock.property("level") == AMBER
        nearly = speaking.model_copy(update={"elapsed_seconds": 290})
        _event(clerk, ids, 105, "speakers", SpeakersView(current=nearly, queue=queue, totals=totals, limit_seconds=300))
        qtbot.waitUntil(lambda: big.clock.property("level") == RED, timeout=WAIT)

        # A vote opens: large buttons on the delegate's view, progress everywhere.
        vote = VoteView(
            id="v1", item_id=ids["item"], title="Thông qua Dự thảo Nghị quyết về giá đất", method="yes_no",
            secret=False, state="open", issued=3, returned=0, rule_label="Quá nửa tổng số thành viên tán thành",
            options=[VoteOption(key="yes", label="Tán thành"), VoteOption(key="no", label="Không tán thành"),
                     VoteOption(key="abstain", label="Không biểu quyết")],
        )
        for desk in (clerk, officer):
            _event(desk, ids, 106, "vote", vote)
        qtbot.waitUntil(lambda: len(delegate.vote_buttons) == 3, timeout=WAIT)
        assert [b.text() for b in delegate.vote_buttons] == ["1. Tán thành", "2. Không tán thành",
                                                             "3. Không biểu quyết"]
        assert all(b.minimumHeight() >= 96 and b.isVisible() for b in delegate.vote_buttons)
        assert delegate.progress.text() == "Đã biểu quyết 0/3"
        for desk in (clerk, officer):
            _event(desk, ids, 0, "vote_progress", {"vote_id": "v1", "returned": 2, "issued": 3})
        qtbot.waitUntil(lambda: delegate.progress.text() == "Đã biểu quyết 2/3", timeout=WAIT)
        assert "Đã biểu quyết 2/3" in big.vote.text()
        # A tap asks to confirm; choosing again sends nothing.
        qtbot.mouseClick(delegate.vote_buttons[0], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: delegate.confirm_box is not None and delegate.confirm_box.isVisible(), timeout=WAIT)
        assert "Tán thành" in delegate.confirm_box.text()
        delegate.confirm_box.buttons()[1].click()
        assert delegate.confirm_box is None and not delegate.live.state.has_voted("v1")

        # Published: counts, percentages of the members in office, the verdict; on the big screen too.
        result = VoteResult(members=3, present=3, issued=3, returned=3, counts={"yes": 2, "no": 1, "abstain": 0},
                            percents={"yes": "66.67", "no": "33.33", "abstain": "0.00"},
                            verdict=Verdict(passed=True, needed=2, base=3, base_kind="members", text="Thông qua"))
        published = vote.model_copy(update={"state": "published", "returned": 3, "result": result,
                                            "published_at": datetime.now(timezone.utc).isoformat()})
        for desk in (clerk, officer):
            _event(desk, ids, 107, "vote", published)
        qtbot.waitUntil(lambda: "66,67%" in big.vote.text(), timeout=WAIT)
        assert "Thông qua" in big.vote.text() and "Tán thành" in big.vote.text()
        qtbot.waitUntil(lambda: "66,67%" in delegate.result.text(), timeout=WAIT)
        assert not delegate.vote_buttons
        assert clerk.notifications.rowCount() == 0 and officer.notifications.rowCount() == 0
        big.close()
        qtbot.waitUntil(lambda: console.big_screen is None, timeout=WAIT)
        # A revision gap re-asks the snapshot.
        _event(officer, ids, 120, "session", SessionView(state="paused"))
        qtbot.waitUntil(lambda: delegate.live.state.needs_snapshot or delegate.live._loading, timeout=WAIT)
    finally:
        for desk in (officer, clerk):
            _close(desk)


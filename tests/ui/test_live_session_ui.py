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
from tests.meetings.live.helpers import scheduled_meeting
from tests.ui.test_synced_desktop import WAIT, _close, _desk

pytestmark = pytest.mark.parametrize("store", ["sqlite"], indirect=True)


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
        assert console.never_label.text() == "Chưa phát biểu: 2/3 người (tô đỏ)"
        assert console.never_label.toolTip() == "Lê Minh Anh, Phạm Quốc Huy"
        never = {console.totals.rows[r].full_name for r in range(console.totals.rowCount())
                 if console.totals.rows[r].speeches == 0}
        assert never == {"Lê Minh Anh", "Phạm Quốc Huy"}
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



def _voted(delegate: Any, vote_id: str) -> bool:
    state = delegate.live.state
    return state is not None and state.has_voted(vote_id) and delegate.voted.text() == "Đã biểu quyết"


def test_the_chair_opens_a_vote_two_delegates_vote_and_the_result_shows_on_the_big_screen(
    qtbot, store, province, tmp_path, pdf_factory
):
    ids = scheduled_meeting(province, pdf_factory)
    clerk = _desk(qtbot, province, tmp_path, "vanthu")
    officer = _desk(qtbot, province, tmp_path, "chuyenvien")
    officer2 = _desk(qtbot, province, tmp_path, "chuyenvien2")
    try:
        for desk in (clerk, officer, officer2):
            qtbot.waitUntil(lambda d=desk: d.account.live is not None and d.account.live.ready.is_set(), timeout=WAIT)
        clerk_page = open_page(qtbot, clerk, ids["meeting"])
        console = open_session(qtbot, clerk_page, chair=True)
        qtbot.waitUntil(lambda: console.live.state is not None, timeout=WAIT)
        # The secretary is a member too, with a vote: she joins the session as well.
        mine = open_session(qtbot, clerk_page, chair=False)
        qtbot.waitUntil(lambda: mine.live.state is not None, timeout=WAIT)
        delegates = [open_session(qtbot, open_page(qtbot, d, ids["meeting"]), chair=False) for d in (officer, officer2)]
        for delegate in delegates:
            qtbot.waitUntil(lambda d=delegate: d.live.state is not None, timeout=WAIT)

        # The chair opens the session (Ctrl+O) and shows the item (Alt+Down): the delegates follow.
        assert console.act_open.shortcut().toString() == "Ctrl+O"
        console.act_open.trigger()
        qtbot.waitUntil(lambda: all(d.live.state.session.state == "running" for d in delegates), timeout=WAIT)
        console.act_next_item.trigger()
        qtbot.waitUntil(lambda: all(d.document_id == ids["document"] for d in delegates), timeout=WAIT)

        # The chair prepares the vote (Ctrl+N): the item shown proposes its title and its rule;
        # opening it without a quorum asks first.
        console.tabs.setCurrentIndex(2)
        qtbot.waitUntil(lambda: console.vote_title.text() == "Biểu quyết: Dự thảo Nghị quyết về giá đất",
                        timeout=WAIT)
        assert console.vote_rule.currentData() == "majority"
        console.vote_title.setText("Thông qua Dự thảo Nghị quyết về giá đất")
        console.act_prepare.trigger()
        qtbot.waitUntil(lambda: console.votes.rowCount() == 1, timeout=WAIT)
        vote_id = console.votes.rows[0].id
        qtbot.waitUntil(lambda: console.act_vote_open.isEnabled(), timeout=WAIT)
        assert not console.quorum.holds
        console.act_vote_open.trigger()
        qtbot.waitUntil(lambda: console.confirm_box is not None and console.confirm_box.isVisible(), timeout=WAIT)
        assert "Có mặt" in console.confirm_box.text()
        console.confirm_box.buttons()[1].click()  # not without the quorum
        assert console.live.state.vote(vote_id).state == "prepared"

        # One delegate checks in (Ctrl+I); the other's card is scanned at the door (the
        # scanner types its QR code and Enter): the quorum holds on the chair's banner.
        delegates[0].act_hall.trigger()
        from eoffice.meetings.passes import fetch_passes

        token = fetch_passes(clerk.account.client, ids["meeting"])[province.world.officer2_id]
        console.tabs.setCurrentIndex(1)
        console.act_scan.trigger()
        assert console.scan.hasFocus() or console.focusWidget() is console.scan
        console.scan.setText(token)
        qtbot.keyClick(console.scan, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "Phạm Quốc Huy đã điểm danh" in console.notice.text(), timeout=WAIT)
        # The chair and the secretary hold seats: 2 of 4 present is short of the 3 needed (the
        # delegate's own check-in and the scan reach the chair's screen in either order).
        qtbot.waitUntil(lambda: console.quorum.text().startswith("Có mặt 2/4 — cần 3"), timeout=WAIT)
        assert not console.quorum.holds
        # The secretary is ticked present on the list (Ctrl+H).
        row = next(n for n, r in enumerate(console.people.rows) if r.user_id == province.world.clerk_id)
        console.people_view.selectRow(row)
        console.act_hall.trigger()
        qtbot.waitUntil(lambda: console.quorum.holds, timeout=WAIT)
        assert console.quorum.text().startswith("Có mặt 3/4 — cần 3")
        qtbot.waitUntil(lambda: all(d.live.state.snapshot.me.presence == "hall" for d in delegates), timeout=WAIT)

        # A delegate asks to speak (Ctrl+R), the other raises a point of order (Ctrl+Shift+R):
        # it heads the chair's queue; accepted (Ctrl+Y), the floor goes to it (F9), then ends (F12).
        officer2_id = province.world.officer2_id
        console.tabs.setCurrentIndex(0)
        delegates[0].act_speak.trigger()
        qtbot.waitUntil(lambda: console.queue.rowCount() == 1, timeout=WAIT)
        delegates[1].act_order.trigger()
        qtbot.waitUntil(lambda: console.queue.rowCount() == 2, timeout=WAIT)
        assert console.queue.rows[0].kind == "order" and console.queue.rows[0].user_id == officer2_id
        qtbot.waitUntil(lambda: delegates[1].my_request.text().startswith("Yêu cầu của bạn: Ý kiến về thủ tục"),
                        timeout=WAIT)
        qtbot.waitUntil(lambda: console.queue.rows[1].state == "waiting", timeout=WAIT)
        console.queue_view.selectRow(1)  # the speech waits for the chair (a point of order does not)
        assert console.act_accept.isEnabled()
        console.act_accept.trigger()
        qtbot.waitUntil(lambda: console.queue.rows[1].state == "accepted", timeout=WAIT)
        assert not console.act_accept.isEnabled()
        console.act_next.trigger()

        def speaking(user_id: str) -> bool:
            current = console.live.state.speakers.current
            return current is not None and current.user_id == user_id

        qtbot.waitUntil(lambda: speaking(officer2_id), timeout=WAIT)
        qtbot.waitUntil(lambda: delegates[0].speaker.text().startswith("Đang phát biểu: Phạm Quốc Huy"), timeout=WAIT)
        qtbot.waitUntil(lambda: console.clock.text() != "", timeout=WAIT)
        console.act_end.trigger()
        qtbot.waitUntil(lambda: console.live.state.speakers.current is None, timeout=WAIT)
        assert not console.notice.warning, console.notice.text()  # nothing the server refused
        qtbot.waitUntil(lambda: "Phạm Quốc Huy" not in console.never_label.toolTip(), timeout=WAIT)
        assert "Lê Minh Anh" in console.never_label.toolTip()

        # Now the vote opens (F6).
        console.tabs.setCurrentIndex(2)
        console.act_vote_open.trigger()
        voters = [*delegates, mine]
        qtbot.waitUntil(lambda: all(len(d.vote_buttons) == 3 for d in voters), timeout=WAIT)

        # Three members vote: a tap, then the confirmation; "Đã biểu quyết" after.
        for delegate in voters:
            qtbot.mouseClick(delegate.vote_buttons[0], Qt.MouseButton.LeftButton)  # 1. Tán thành
            qtbot.waitUntil(lambda d=delegate: d.confirm_box is not None and d.confirm_box.isVisible(), timeout=WAIT)
            delegate.confirm_box.buttons()[0].click()
        for delegate in voters:
            qtbot.waitUntil(lambda d=delegate: _voted(d, vote_id), timeout=WAIT)
            assert not delegate.vote_buttons
        qtbot.waitUntil(lambda: console.live.state.vote(vote_id).returned == 3, timeout=WAIT)
        qtbot.waitUntil(lambda: all(d.progress.text() == "Đã biểu quyết 3/3" for d in voters), timeout=WAIT)

        # The chair opens the big screen, closes the vote (F7) and publishes it (Ctrl+Shift+P).
        console.act_big.trigger()
        big = console.big_screen
        qtbot.waitUntil(lambda: big is not None and big.isVisible(), timeout=WAIT)
        console.act_vote_close.trigger()
        qtbot.waitUntil(lambda: console.live.state.vote(vote_id).state == "closed", timeout=WAIT)
        qtbot.waitUntil(lambda: console.act_publish.isEnabled(), timeout=WAIT)
        console.act_publish.trigger()
        qtbot.waitUntil(lambda: "Thông qua" in big.vote.text() and "Không thông qua" not in big.vote.text(),
                        timeout=WAIT)
        assert not console.notice.warning, console.notice.text()
        assert not any(d.notice.warning for d in voters), [d.notice.text() for d in voters]
        assert all(d.notice.text() == "Phiếu của bạn đã được ghi nhận." for d in voters)
        result = console.live.state.vote(vote_id).result
        assert result is not None and result.counts.get("yes") == 3 and result.counts.get("no", 0) == 0
        assert result.members == 4 and result.percents["yes"] == "75.00"
        shown = big.vote.text()
        assert "Tán thành" in shown and f"{result.percents['yes'].replace('.', ',')}%" in shown
        for delegate in delegates:
            qtbot.waitUntil(lambda d=delegate: "Tán thành" in d.result.text(), timeout=WAIT)
        # The bell says the meeting started, and nothing of the session's every change.
        for desk in (officer, officer2, clerk):
            assert [n.text for n in desk.notifications.items] == ["Cuộc họp Phiên họp UBND tỉnh tháng 12 đã bắt đầu"]
        # The live channel back online: the whole state is asked again.
        before = delegates[0].live.state
        officer.bridge.live_status.emit("online", "")
        qtbot.waitUntil(lambda: delegates[0].live.state is not before, timeout=WAIT)
        assert delegates[0].live.state.vote(vote_id).result is not None
    finally:
        for desk in (officer2, officer, clerk):
            _close(desk)

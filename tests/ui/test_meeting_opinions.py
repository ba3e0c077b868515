"""Written opinions through the real widgets on a real SQLite desk: the secretary sends a
question with one of the meeting's documents from the meeting page; a member is reminded
of a poll due soon and answers with the keyboard (Enter on the poll, the arrows to "other
opinion", a text); the secretary closes the poll, sees the result table and exports it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from eoffice.meetings.opinion_models import OpinionAnswer, OpinionPoll
from eoffice.meetings.opinion_ops import SendOpinionPoll
from eoffice.meetings.values import VIETNAM, moment_text
from eoffice.ops import registry
from eoffice.store.base import new_id
from eoffice.ui.meetings.opinions import AnswerDialog, SendDialog
from tests.conftest import World
from tests.meetings import view_factories as f
from tests.signing.conftest import PASSWORD, Pki, have_font, test_pki  # noqa: F401  (fixture)

QUESTION = "Thông qua phương án sắp xếp trụ sở làm việc của các sở"


def _seed(w: World, blobs, pdf_factory) -> str:  # type: ignore[no-untyped-def]
    digest, size = blobs.put_file(pdf_factory("Tờ trình phương án sắp xếp trụ sở"))
    start = datetime.combine(date.today() + timedelta(days=7), time(8, 0), VIETNAM)
    with w.store.write() as s:
        m = f.meeting(s, w.org_id, w.clerk_id, starts_at=start, chair_id=w.leader_id, secretary_id=w.clerk_id)
        sitting = f.first_sitting(s, m.id)
        f.participant(s, m.id, w.leader_id, "chair")
        f.participant(s, m.id, w.officer_id)
        item = f.item(s, m.id, sitting.id, "Phương án sắp xếp trụ sở")
        f.document(s, m.id, item.id, "Tờ trình số 45/TTr-SXD", w.clerk_id, digest=digest, size=size)
        return m.id


@pytest.fixture
def desk(qtbot, ui_world, blobs):  # type: ignore[no-untyped-def]
    from eoffice.ui.app import create_main_window

    w = ui_world
    demo = [(w.clerk_id, "Trần Thị Thu — văn thư"), (w.officer_id, "Lê Minh Anh — chuyên viên")]
    win = create_main_window(w.store, blobs, w.clerk_id, demo)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


def _open(qtbot, win, meeting_id: str):  # type: ignore[no-untyped-def]
    meetings = win.section("meetings")
    panel = meetings.page.opinions
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        meetings.open_meeting(meeting_id)
    meetings.page.tabs.setCurrentWidget(panel)
    return panel


def test_a_poll_sent_answered_with_the_keyboard_reminded_closed_and_exported(  # type: ignore[no-untyped-def]
    qtbot, ui_world, blobs, pdf_factory, desk, tmp_path
):
    w = ui_world
    meeting_id = _seed(w, blobs, pdf_factory)
    win = desk
    panel = _open(qtbot, win, meeting_id)
    assert panel.act_send.isVisible() and panel.polls.rowCount() == 0

    # The secretary sends the question with the meeting's document ticked.
    panel.act_send.trigger()
    dialog = panel.dialog
    assert isinstance(dialog, SendDialog)
    assert dialog.rule.currentData() == "majority" and dialog.files.count() == 1
    dialog.question.setText(QUESTION)  # QTest types ASCII only
    dialog.files.item(0).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: panel.polls.rowCount() == 1, timeout=10_000)
    assert panel.polls.rows[0].question == QUESTION and len(panel.polls.rows[0].documents) == 1
    assert "Tờ trình số 45/TTr-SXD" in panel.facts.text()

    # Another poll is due in two hours: the member is reminded of it.
    soon = SendOpinionPoll(new_id(), new_id(), meeting_id, "Cử đại diện dự hội nghị tổng kết",
                           moment_text(datetime.now(timezone.utc) + timedelta(hours=2)))
    with w.store.write() as s:
        registry.apply(s, w.clerk_id, soon, authority=True)

    # The member: Enter on the poll, Down, Down for another opinion, a text, the Send button.
    reminders = win.section("meetings").reminders
    win.switch_user(w.officer_id)  # a standalone desk: the reminder shows in the status bar
    qtbot.waitUntil(lambda: (soon.poll_id, "due_soon") in reminders.told, timeout=10_000)
    said = win.statusBar().currentMessage()
    assert "Cử đại diện dự hội nghị tổng kết" in said and ("chưa trả lời" in said or "not yet answered" in said)
    panel = _open(qtbot, win, meeting_id)
    assert not panel.act_send.isVisible() and panel.polls.rowCount() == 2
    row = next(n for n, v in enumerate(panel.polls.rows) if v.question == QUESTION)
    panel.table.selectRow(row)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    answer = panel.dialog
    assert isinstance(answer, AnswerDialog)
    answer.activateWindow()
    qtbot.waitUntil(answer.agree.hasFocus)  # the first choice has the focus
    assert answer.choice() == "agree"
    qtbot.keyClick(answer.agree, Qt.Key.Key_Down)
    qtbot.keyClick(answer.disagree, Qt.Key.Key_Down)
    assert answer.choice() == "other"
    answer.buttons.button(answer.buttons.StandardButton.Ok).click()
    assert answer.isVisible()  # another opinion needs its text
    answer.text.insertPlainText("Đề nghị giữ trụ sở Sở Xây dựng tại vị trí cũ")
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        answer.buttons.button(answer.buttons.StandardButton.Ok).click()

    def answered() -> bool:
        with w.store.read() as s:
            return s.scalar(select(OpinionAnswer.choice).where(OpinionAnswer.user_id == w.officer_id)) == "other"

    qtbot.waitUntil(answered, timeout=10_000)
    assert panel.results.rowCount() == 0  # a member waits for the result

    # The secretary closes it: the result table, the verdict, the PDF.
    win.switch_user(w.clerk_id)
    panel = _open(qtbot, win, meeting_id)
    row = next(n for n, v in enumerate(panel.polls.rows) if v.question == QUESTION)
    panel.table.selectRow(row)
    assert [a.choice for a in panel.answers.rows if a.user_id == w.officer_id] == ["other"]
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.act_close.trigger()
    qtbot.waitUntil(lambda: any(v.state == "closed" for v in panel.polls.rows), timeout=10_000)
    row = next(n for n, v in enumerate(panel.polls.rows) if v.question == QUESTION)
    panel.table.selectRow(row)
    counts = {r.choice: (r.count, r.percent) for r in panel.results.rows}
    assert counts == {"agree": (0, "0.00"), "disagree": (0, "0.00"), "other": (1, "50.00"), "none": (1, "50.00")}
    assert "Không thông qua" in panel.verdict.text()
    with w.store.read() as s:
        assert s.scalar(select(OpinionPoll.state).where(OpinionPoll.question == QUESTION)) == "closed"
    if have_font():  # the PDF's text is checked in tests/meetings/test_opinions.py
        path = tmp_path / "ket-qua.pdf"
        with qtbot.waitSignal(panel.exported, timeout=10_000):
            panel.export_to(path)
        assert path.read_bytes().startswith(b"%PDF")


def test_a_member_signs_the_answer_with_the_e_card(  # type: ignore[no-untyped-def]
    qtbot, ui_world, blobs, pdf_factory, test_pki: Pki  # noqa: F811
):
    from eoffice.signing.trust import add_trusted_root
    from eoffice.ui.app import create_main_window

    w = ui_world
    meeting_id = _seed(w, blobs, pdf_factory)
    poll = SendOpinionPoll(new_id(), new_id(), meeting_id, QUESTION,
                           moment_text(datetime.now(timezone.utc) + timedelta(days=2)))
    with w.store.write() as s:
        add_trusted_root(s, test_pki.root_pem.read_bytes())
        registry.apply(s, w.clerk_id, poll, authority=True)
    win = create_main_window(w.store, blobs, w.leader_id, [(w.leader_id, "Nguyễn Văn Đức — lãnh đạo")])
    qtbot.addWidget(win)
    win.show()
    try:
        panel = _open(qtbot, win, meeting_id)
        panel.table.selectRow(0)
        panel.act_answer.trigger()
        answer = panel.dialog
        assert isinstance(answer, AnswerDialog)
        answer.sign.setChecked(True)
        with qtbot.waitSignal(panel.card_opened, timeout=10_000) as opened:
            answer.buttons.button(answer.buttons.StandardButton.Ok).click()
        card = opened.args[0]
        card.chooser.select(card.chooser.model.add_file(test_pki.p12("signer")))  # the leader's own certificate
        card.ask_pin = lambda _parent, _choice, _state: (PASSWORD, False)
        card.buttons.button(card.buttons.StandardButton.Ok).click()

        def signed() -> str:
            with w.store.read() as s:
                return s.scalar(select(OpinionAnswer.signed_by).where(OpinionAnswer.user_id == w.leader_id)) or ""

        qtbot.waitUntil(lambda: signed() == "Nguyễn Văn Đức", timeout=10_000)
        qtbot.waitUntil(lambda: [a.signed_by for a in panel.answers.rows if a.user_id == w.leader_id]
                        == ["Nguyễn Văn Đức"], timeout=10_000)  # the chair runs it: every answer, signed or not
    finally:
        win.close()

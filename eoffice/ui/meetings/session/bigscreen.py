"""The big screen (màn hình lớn) of the hall: a second window, full screen on the display
the chair chose, in type large enough to read from the back row: the meeting, the item
being discussed, who speaks with the time left (amber with a minute or a fifth left,
red with fifteen seconds or over), attendance and quorum, a vote's progress and, once
published, its result with counts, percentages and verdict. Esc closes it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QScreen, QShortcut
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from eoffice.meetings.views import ItemView, MeetingView
from eoffice.ui.meetings.session.labels import progress_text, session_state_label, speech_kind_label
from eoffice.ui.meetings.session.live import LiveSession
from eoffice.ui.meetings.session.widgets import ON_DARK, QuorumBanner, paint_speech_clock, paint_vote_clock, result_html


def _big(label: QLabel, points: float, bold: bool = False) -> QLabel:
    font = QFont(label.font())
    font.setPointSizeF(points)
    font.setBold(bold)
    label.setFont(font)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class BigScreen(QWidget):
    """The hall's display; drawn from the console's ``LiveSession``."""

    def __init__(self, live: LiveSession, meeting: MeetingView, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.setObjectName("bigScreen")
        self.setStyleSheet("QWidget#bigScreen { background: #0b1f3a; } QLabel { color: #ffffff; }")
        self.live = live
        self.meeting = meeting
        self.items: list[ItemView] = meeting.items()
        self.setWindowTitle(self.tr("Big screen — %1").replace("%1", meeting.title))
        self.title = _big(QLabel(meeting.title, self), 30, True)
        self.item = _big(QLabel(self), 26)
        self.item.setObjectName("bigItem")
        self.speaker = _big(QLabel(self), 30, True)
        self.speaker.setObjectName("bigSpeaker")
        self.clock = _big(QLabel(self), 72, True)
        self.clock.setObjectName("bigClock")
        self.quorum = QuorumBanner(self, point_size=24)
        self.vote = _big(QLabel(self), 28)
        self.vote.setObjectName("bigVote")
        self.vote.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.addWidget(self.title)
        layout.addWidget(self.item)
        layout.addStretch(1)
        layout.addWidget(self.speaker)
        layout.addWidget(self.clock)
        layout.addStretch(1)
        layout.addWidget(self.vote)
        layout.addStretch(1)
        layout.addWidget(self.quorum)
        close = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        close.activated.connect(self.close)
        self.setToolTip(self.tr("Esc closes the big screen"))
        self.redraw("all")

    def show_on(self, screen: QScreen | None) -> None:
        """Full screen on ``screen`` (the chair's choice), or where it is."""
        if screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.raise_()

    def redraw(self, part: str = "all") -> None:
        state = self.live.state
        if state is None:
            return
        if part in ("all", "session"):
            item = next((i for i in self.items if i.id == state.session.item_id), None)
            text = f"{item.number} {item.title}" if item is not None else ""
            if state.session.state != "running":  # not opened yet, paused, closed
                text = f"{text} ({session_state_label(state.session.state)})" if text else session_state_label(
                    state.session.state
                )
            self.item.setText(text)
        if part in ("all", "attendance"):
            self.quorum.show_attendance(state.attendance)
        if part in ("all", "speakers"):
            current = state.speakers.current
            if current is None:
                self.speaker.setText("")
            else:
                kind = f" — {speech_kind_label(current.kind)}" if current.kind == "order" else ""
                self.speaker.setText(current.full_name + kind)
        if part in ("all", "vote", "vote_progress"):
            self._vote()
        self.tick()

    def _vote(self) -> None:
        state = self.live.state
        assert state is not None
        opened = state.open_vote()
        if opened is not None:
            text = f"<b>{_html(opened.title)}</b><br>{_html(progress_text(opened.returned, opened.issued))}"
            if opened.tally and opened.show_tally:
                labels = {o.key: o.label for o in opened.options}
                text += "<br>" + " · ".join(f"{_html(labels.get(k, k))}: {n}" for k, n in opened.tally.items())
            self.vote.setText(text)
            return
        published = state.latest_published()
        self.vote.setText(result_html(published, big=True) if published is not None else "")

    def tick(self) -> None:
        state = self.live.state
        if state is None:
            return
        if state.speakers.current is None:
            paint_vote_clock(self.clock, state, ON_DARK)
        else:
            paint_speech_clock(self.clock, state, ON_DARK)


def _html(text: Any) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

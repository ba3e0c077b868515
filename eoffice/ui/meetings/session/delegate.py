"""The delegate's view of the session (màn hình đại biểu): what the chair shows, the
delegate's own check-in, requests to speak, the speaker's countdown and the vote.

"Follow the chair" is on by default: the agenda item, document and page the chair shows
are shown here. Reading elsewhere (another document, scrolling, another page) turns it
off; F (or Home) comes back. Vote buttons are large (a tablet's finger), each with its
number key, and a ballot is sent only after a confirmation: it cannot be changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from eoffice.errors import DomainError
from eoffice.meetings.live.client import BallotOutcome
from eoffice.meetings.live.schemas import VoteView
from eoffice.meetings.views import DocumentView, ItemView, MeetingView
from eoffice.ui.i18n import current_language
from eoffice.ui.meetings.session.labels import (
    presence_label,
    progress_text,
    session_state_label,
    speech_kind_label,
    speech_state_label,
)
from eoffice.ui.meetings.session.live import LiveSession
from eoffice.ui.meetings.session.widgets import (
    Notice,
    QuorumBanner,
    agenda_tree,
    paint_speech_clock,
    paint_vote_clock,
    result_html,
)
from eoffice.ui.pdf.render import load_pdf
from eoffice.ui.pdf.view import PdfPageView

#: A vote button's least height (px): a finger on a tablet.
BIG_BUTTON = 96
#: Keys that page through the document by hand (they turn "follow the chair" off).
BROWSING_KEYS = frozenset({
    Qt.Key.Key_PageDown, Qt.Key.Key_PageUp, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_End, Qt.Key.Key_Space,
})


def _key_text(key: str) -> str:
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


class DelegateView(QMainWindow):
    """One participant's window on a meeting's session."""

    def __init__(self, window: Any, live: LiveSession, meeting: MeetingView) -> None:
        super().__init__(window, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.window_ = window
        self.live = live
        self.meeting = meeting
        self.items: list[ItemView] = meeting.items()
        self.following = True
        #: The document in the reader (its id) and the vote the buttons are for.
        self.document_id = ""
        self.buttons_for = ""
        self.vote_buttons: list[QPushButton] = []
        self.choice: list[str] = []
        #: The question open now (tests answer it).
        self.confirm_box: QMessageBox | None = None
        self._placing = False
        self.setWindowTitle(self.tr("Session — %1").replace("%1", meeting.title))
        self._build()
        live.changed.connect(self._changed)
        live.tick.connect(self._tick)
        live.said.connect(self.notice.say)
        self._changed("all")

    # -- building -------------------------------------------------------------------

    def _action(self, text: str, slot: Any, keys: list[str]) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setToolTip(f"{text} ({', '.join(_key_text(k) for k in keys)})")
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _button(self, action: QAction, big: bool = False) -> QPushButton:
        button = QPushButton(action.text(), self)
        button.setToolTip(action.toolTip())
        button.clicked.connect(action.trigger)
        action.enabledChanged.connect(button.setEnabled)
        if big:
            button.setMinimumHeight(48)
        return button

    def _build(self) -> None:
        self.act_follow = self._action(self.tr("Follow the chair"), self.toggle_follow, ["F"])
        self.act_back = self._action(self.tr("Back to the chair's page"), self.follow, ["Home", "Esc"])
        self.act_hall = self._action(self.tr("Check in (in the hall)"), lambda: self.check_in(False), ["Ctrl+I"])
        self.act_online = self._action(self.tr("Check in (online)"), lambda: self.check_in(True), ["Ctrl+Shift+I"])
        self.act_speak = self._action(self.tr("Ask to speak"), lambda: self.ask(False), ["Ctrl+R"])
        self.act_order = self._action(self.tr("Point of order"), lambda: self.ask(True), ["Ctrl+Shift+R"])
        self.act_withdraw = self._action(self.tr("Withdraw my request"), self.withdraw, ["Ctrl+Shift+W"])

        self.title = QLabel(self.meeting.title, self)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.state_label = QLabel(self)
        self.quorum = QuorumBanner(self)
        self.notice = Notice(self)
        self.follow_button = QPushButton(self.tr("Follow the chair (F)"), self)
        self.follow_button.setObjectName("followChair")
        self.follow_button.setCheckable(True)
        self.follow_button.setChecked(True)
        self.follow_button.setToolTip(self.tr("Show what the chair shows; F turns it on or off, Home comes back"))
        self.follow_button.clicked.connect(lambda checked: self.follow() if checked else self.stop_following())
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.state_label)
        top.addWidget(self.follow_button)

        # The agenda and the document.
        self.agenda, self.tree = agenda_tree(self, self.meeting, "delegateAgenda")
        self.tree.activated.connect(lambda _index: self.read_selected())
        self.tree.setToolTip(self.tr("Enter opens the selected document here (you stop following the chair)"))
        self.showing = QLabel(self)
        self.showing.setObjectName("delegateShowing")
        self.showing.setWordWrap(True)
        self.pdf = QPdfDocument(self)
        self.view = PdfPageView(self)
        self.view.setObjectName("delegateDocument")
        self.view.setDocument(self.pdf)
        self.view.installEventFilter(self)
        self.view.viewport().installEventFilter(self)
        self.view.verticalScrollBar().actionTriggered.connect(lambda _a: self._browsed())
        self.page_label = QLabel(self)
        self.view.current_page_changed.connect(lambda _p: self._page_shown())
        reader = QWidget(self)
        reader_layout = QVBoxLayout(reader)
        reader_layout.setContentsMargins(0, 0, 0, 0)
        reader_layout.addWidget(self.showing)
        reader_layout.addWidget(self.view, 1)
        reader_layout.addWidget(self.page_label)

        # The side: check-in, speaking, the vote.
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        self.side = side
        presence_box = self.presence_box = QGroupBox(self.tr("Attendance"), side)
        presence_layout = QVBoxLayout(presence_box)
        self.presence = QLabel(presence_box)
        self.presence.setObjectName("myPresence")
        presence_layout.addWidget(self.presence)
        row = QHBoxLayout()
        row.addWidget(self._button(self.act_hall, True))
        row.addWidget(self._button(self.act_online, True))
        presence_layout.addLayout(row)
        speak_box = self.speak_box = QGroupBox(self.tr("Speaking"), side)
        speak_layout = QVBoxLayout(speak_box)
        self.speaker = QLabel(speak_box)
        self.speaker.setObjectName("delegateSpeaker")
        self.speaker.setWordWrap(True)
        self.clock = QLabel(speak_box)
        self.clock.setObjectName("delegateClock")
        clock_font = QFont(self.clock.font())
        clock_font.setPointSizeF(clock_font.pointSizeF() * 2.5)
        clock_font.setBold(True)
        self.clock.setFont(clock_font)
        self.clock.setMinimumWidth(self.clock.fontMetrics().horizontalAdvance("-00:00") + 8)
        self.my_request = QLabel(speak_box)
        self.my_request.setObjectName("myRequest")
        speak_layout.addWidget(self.speaker)
        speak_layout.addWidget(self.clock)
        speak_layout.addWidget(self.my_request)
        row = QHBoxLayout()
        row.addWidget(self._button(self.act_speak, True))
        row.addWidget(self._button(self.act_order, True))
        speak_layout.addLayout(row)
        speak_layout.addWidget(self._button(self.act_withdraw))
        self.vote_box = QGroupBox(self.tr("Vote"), side)
        vote_layout = QVBoxLayout(self.vote_box)
        self.vote_title = QLabel(self.vote_box)
        self.vote_title.setObjectName("voteTitle")
        self.vote_title.setWordWrap(True)
        title_font = QFont(self.vote_title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.3)
        title_font.setBold(True)
        self.vote_title.setFont(title_font)
        self.vote_grid = QGridLayout()
        self.send_button = QPushButton(self.tr("Send my ballot (Ctrl+Enter)"), self.vote_box)
        self.send_button.setMinimumHeight(BIG_BUTTON // 2)
        self.send_button.clicked.connect(self.send_choice)
        self.send_button.hide()
        self.voted = QLabel(self.vote_box)
        self.voted.setObjectName("voted")
        voted_font = QFont(self.voted.font())
        voted_font.setPointSizeF(voted_font.pointSizeF() * 1.6)
        voted_font.setBold(True)
        self.voted.setFont(voted_font)
        self.voted.setStyleSheet("color: #0d652d;")
        self.progress = QLabel(self.vote_box)
        self.progress.setObjectName("voteProgress")
        self.vote_clock = QLabel(self.vote_box)
        self.result = QLabel(self.vote_box)
        self.result.setObjectName("voteResult")
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.result.setWordWrap(True)
        vote_layout.addWidget(self.vote_title)
        vote_layout.addLayout(self.vote_grid)
        vote_layout.addWidget(self.send_button)
        vote_layout.addWidget(self.voted)
        vote_layout.addWidget(self.progress)
        vote_layout.addWidget(self.vote_clock)
        vote_layout.addWidget(self.result)
        side_layout.addWidget(presence_box)
        side_layout.addWidget(speak_box)
        side_layout.addWidget(self.vote_box, 1)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.tree)
        split.addWidget(reader)
        scroll = QScrollArea(self)  # a small screen scrolls the side rather than squeezing the buttons
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(side)
        split.addWidget(scroll)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        split.setStretchFactor(2, 3)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.addLayout(top)
        layout.addWidget(self.quorum)
        layout.addWidget(self.notice)
        layout.addWidget(split, 1)
        self.setCentralWidget(body)
        self.resize(1280, 800)

    # -- following the chair --------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel or (
            event.type() == QEvent.Type.KeyPress and getattr(event, "key", lambda: 0)() in BROWSING_KEYS
        ):
            self._browsed()
        return super().eventFilter(watched, event)

    def _browsed(self) -> None:
        if self.following and not self._placing:
            self.stop_following()

    def stop_following(self) -> None:
        self.following = False
        self.follow_button.setChecked(False)
        self.follow_button.setText(self.tr("Not following the chair — F to follow"))

    def follow(self) -> None:
        """F or Home: show what the chair shows again."""
        self.following = True
        self.follow_button.setChecked(True)
        self.follow_button.setText(self.tr("Follow the chair (F)"))
        self._show_session()

    def toggle_follow(self) -> None:
        if self.following:
            self.stop_following()
        else:
            self.follow()

    def read_selected(self) -> None:
        """The delegate reads another document: following stops."""
        node = self.agenda.node(self.tree.currentIndex())
        document = node if isinstance(node, DocumentView) else (
            node.documents[0] if isinstance(node, ItemView) and node.documents else None
        )
        if document is None:
            return
        self.stop_following()
        self._open(document, 0)

    def _open(self, document: DocumentView, page: int) -> None:
        """The document in the reader at ``page`` (fetched first when not on this computer)."""
        if document.id == self.document_id and self.pdf.pageCount() > 0:
            self._go(page)
            return
        if not document.readable or not document.digest:
            self.notice.say(self.tr("This document is not released to the participants yet."), True)
            return
        path = self.window_.blobs.path_for(document.digest)
        if path.exists():
            self._load(document, path, page)
            return
        account = self.window_.account

        def fetched(_count: Any) -> None:
            if path.exists():
                self._load(document, path, page)

        def failed(error: BaseException) -> bool:
            if isinstance(error, DomainError):
                self.notice.say(error.message(current_language()), True)
                return True
            return False

        self.window_.network.run("fetch_session_document", lambda: account.fetch_files([document.digest]),
                                 fetched, failed)

    def _load(self, document: DocumentView, path: Path, page: int) -> None:
        self._placing = True
        try:
            load_pdf(self.pdf, path)
            self.document_id = document.id
            self.showing.setText(document.title)
        finally:
            self._placing = False
        self._go(page)

    def _go(self, page: int) -> None:
        self._placing = True
        try:
            self.view.go_to_page(page)
        finally:
            self._placing = False
        self._page_shown()

    def _page_shown(self) -> None:
        try:
            count = self.pdf.pageCount()
        except RuntimeError:  # the window is being destroyed: its document went first
            return
        self.page_label.setText(
            self.tr("Page %1 of %2").replace("%1", str(self.view.current_page() + 1)).replace("%2", str(count))
            if count else ""
        )

    # -- drawing --------------------------------------------------------------------

    def _changed(self, part: str) -> None:
        state = self.live.state
        if state is None:
            self.state_label.setText(self.tr("Loading…"))
            return
        if part in ("all", "session"):
            self._show_session()
        if part in ("all", "attendance"):
            self.quorum.show_attendance(state.attendance)
            presence = state.snapshot.me.presence or "not_arrived"
            self.presence.setText(self.tr("You: %1").replace("%1", presence_label(presence)))
        if part in ("all", "speakers"):
            self._show_speakers()
        if part in ("all", "vote", "vote_progress", "attendance"):
            self._show_vote()
        self._enable()

    def _show_session(self) -> None:
        state = self.live.state
        if state is None:
            return
        session = state.session
        self.state_label.setText(session_state_label(session.state))
        if not self.following:
            return
        item = next((i for i in self.items if i.id == session.item_id), None)
        document = next((d for d in self.meeting.documents() if d.id == session.document_id), None)
        if item is not None:
            found = self.agenda.find(document.id) if document is not None else self.agenda.find_item(item.id)
            if found.isValid():
                self.tree.setCurrentIndex(found)
        if document is not None:
            self._open(document, session.page)
            return
        if self.document_id:  # the chair shows no document now: neither does this screen
            self.pdf.close()
            self.document_id = ""
            self._page_shown()
        self.showing.setText(f"{item.number} {item.title}" if item is not None else "")

    def _show_speakers(self) -> None:
        state = self.live.state
        assert state is not None
        current = state.speakers.current
        self.speaker.setText(
            self.tr("Nobody has the floor") if current is None
            else self.tr("Speaking: %1").replace("%1", current.full_name)
            + (f" ({speech_kind_label(current.kind)})" if current.kind == "order" else "")
        )
        mine = state.my_request()
        self.my_request.setText(
            self.tr("Your request: %1 — %2").replace("%1", speech_kind_label(mine.kind))
            .replace("%2", speech_state_label(mine.state)) if mine is not None else ""
        )
        self._tick()

    def _show_vote(self) -> None:
        state = self.live.state
        assert state is not None
        vote = state.open_vote()
        published = state.latest_published()
        if vote is None:
            self._clear_buttons()
            self.voted.setText("")
            self.progress.setText("")
            shown = published
            self.vote_title.setText(shown.title if shown is not None else self.tr("No vote open"))
            self.result.setText(result_html(shown) if shown is not None else "")
            return
        self.vote_title.setText(vote.title)
        self.result.setText("")
        self.progress.setText(progress_text(vote.returned, vote.issued))
        if state.has_voted(vote.id):
            self._clear_buttons()
            self.voted.setText(self.tr("Voted"))
        elif state.may_vote(vote.id):
            self.voted.setText("")
            if self.buttons_for != vote.id:
                self._make_buttons(vote)
        else:
            self._clear_buttons()
            self.voted.setText("")

    def _clear_buttons(self) -> None:
        for button in self.vote_buttons:
            self.vote_grid.removeWidget(button)
            button.deleteLater()
        self.vote_buttons = []
        self.buttons_for = ""
        self.choice = []
        self.send_button.hide()
        self._voting(False)

    def _voting(self, on: bool) -> None:
        """While the delegate has a ballot to cast, the vote takes the side (a tablet's
        screen has no room for the rest at the buttons' size)."""
        self.presence_box.setVisible(not on)
        self.speak_box.setVisible(not on)
        self.side.setMinimumHeight(0)
        if on:
            self.side.setMinimumHeight(self.side.minimumSizeHint().height())

    def _make_buttons(self, vote: VoteView) -> None:
        """One large button per option, with its number key: a tap asks to confirm (an
        election or a vote of confidence: several taps, then "Send")."""
        self._clear_buttons()
        self.buttons_for = vote.id
        single = vote.method == "yes_no" or (vote.method == "choices" and vote.max_choices == 1)
        keys: list[tuple[str, str]] = []
        if vote.method == "confidence" and vote.subjects:
            for subject in vote.subjects:
                for option in vote.options:
                    keys.append((f"{subject.id}:{option.key}", f"{subject.name}: {option.label}"))
        else:
            keys = [(o.key, o.label) for o in vote.options]
        colours = {"yes": "#1e8e3e", "no": "#d93025", "abstain": "#5f6368"}
        columns = len(vote.options) if vote.method == "confidence" else 1
        for number, (key, label) in enumerate(keys, 1):
            text = f"{number}. {label}" if number <= 9 else label
            button = QPushButton(text, self.vote_box)
            button.setObjectName(f"vote_{key}")
            button.setMinimumHeight(BIG_BUTTON)
            font = QFont(button.font())
            font.setPointSizeF(font.pointSizeF() * 1.8)
            font.setBold(True)
            button.setFont(font)
            colour = colours.get(key)
            if colour:
                button.setStyleSheet(f"QPushButton {{ background: {colour}; color: white; border-radius: 8px; }}"
                                     "QPushButton:checked { border: 4px solid #fbbc04; }")
            if number <= 9:
                button.setShortcut(QKeySequence(str(number)))
                button.setToolTip(self.tr("Key %1").replace("%1", str(number)))
            if single:
                button.clicked.connect(lambda _c=False, k=key, t=label: self.confirm_ballot([k], t))
            else:
                button.setCheckable(True)
                button.toggled.connect(lambda on, k=key: self._toggle(k, on))
            self.vote_grid.addWidget(button, (number - 1) // columns, (number - 1) % columns)
            button.show()
            self.vote_buttons.append(button)
        self.send_button.setVisible(not single)
        self.send_button.setShortcut(QKeySequence("Ctrl+Return"))
        self._voting(True)

    def _toggle(self, key: str, on: bool) -> None:
        if on and key not in self.choice:
            self.choice.append(key)
        elif not on and key in self.choice:
            self.choice.remove(key)

    def send_choice(self) -> None:
        state = self.live.state
        vote = state.vote(self.buttons_for) if state is not None else None
        if vote is None or not self.choice:
            return
        if vote.method == "choices" and len(self.choice) > vote.max_choices:
            self.notice.say(self.tr("Choose at most %1.").replace("%1", str(vote.max_choices)), True)
            return
        labels = {b.objectName().removeprefix("vote_"): b.text() for b in self.vote_buttons}
        self.confirm_ballot(list(self.choice), "; ".join(labels.get(k, k) for k in self.choice))

    def confirm_ballot(self, choice: list[str], said: str) -> None:
        """"Bạn chọn: Tán thành. Gửi phiếu?" A ballot cannot be changed once sent."""
        vote_id = self.buttons_for
        box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Confirm your ballot"),
            self.tr("You chose: %1.\nSend your ballot? It cannot be changed afterwards.").replace("%1", said),
            QMessageBox.StandardButton.NoButton, self,
        )
        send = box.addButton(self.tr("Send ballot"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Choose again"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(send)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)

        def answered(_result: int) -> None:
            self.confirm_box = None
            if box.clickedButton() is send:
                self.cast(vote_id, choice)

        box.finished.connect(answered)
        self.confirm_box = box
        box.open()

    def cast(self, vote_id: str, choice: list[str]) -> None:
        """The ballot, sent now or never: offline it says so and nothing is kept."""
        for button in self.vote_buttons:
            button.setEnabled(False)

        def done(outcome: BallotOutcome) -> None:
            state = self.live.state
            if state is not None:
                state.mark_voted(vote_id)
            text = outcome.message_vi if current_language() == "vi" else outcome.message_en
            self.notice.say(text)
            self._show_vote()

        def failed(error: DomainError) -> bool:
            for button in self.vote_buttons:
                button.setEnabled(True)
            return False  # said in the notice

        self.live.act("cast_ballot", lambda c: c.cast_ballot(vote_id, choice), done, failed)

    def _tick(self) -> None:
        state = self.live.state
        if state is None:
            return
        paint_speech_clock(self.clock, state)
        paint_vote_clock(self.vote_clock, state)

    def _enable(self) -> None:
        state = self.live.state
        running = state is not None and state.session.state in ("running", "paused", "waiting")
        me = state.snapshot.me if state is not None else None
        participant = me is not None and me.participant_id is not None
        self.act_hall.setEnabled(running and participant)
        self.act_online.setEnabled(running and participant)
        mine = state.my_request() if state is not None else None
        self.act_speak.setEnabled(running and participant and mine is None)
        self.act_order.setEnabled(running and participant and mine is None)
        self.act_withdraw.setEnabled(mine is not None)

    # -- the delegate's actions -----------------------------------------------------

    def check_in(self, online: bool) -> None:
        def done(row: Any) -> None:
            self.notice.say(self.tr("Checked in: %1").replace("%1", presence_label(row.presence)))

        self.live.act("check_in", lambda c: c.check_in(online), done)

    def ask(self, point_of_order: bool) -> None:
        def done(_speech: Any) -> None:
            self.notice.say(self.tr("Your request to speak was sent to the chair."))

        self.live.act("ask_to_speak", lambda c: c.ask_to_speak(point_of_order), done)

    def withdraw(self) -> None:
        state = self.live.state
        mine = state.my_request() if state is not None else None
        if mine is not None:
            speech_id = mine.id
            self.live.act("withdraw_speech", lambda c: c.withdraw(speech_id))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.live.close()
        super().closeEvent(event)

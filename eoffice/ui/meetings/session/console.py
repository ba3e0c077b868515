"""The chair's console (bàn điều hành): the agenda and what everyone is shown, the session
opened, paused and closed, the speakers' queue and timer, the check-in list with the
quorum, the votes from preparing to publishing, and the big screen.

Every action has a key (shown in its menu and tooltip): the chair runs a sitting without
the mouse. Every action is one request to the server off the GUI thread; the server's
live event then updates every screen, this one included.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from eoffice.errors import DomainError
from eoffice.meetings.live.schemas import SpeechView, VoteView
from eoffice.meetings.rules import RuleSet
from eoffice.meetings.views import DocumentView, ItemView, MeetingView
from eoffice.ui.rows import list_table
from eoffice.ui.meetings.session.bigscreen import BigScreen
from eoffice.ui.meetings.session.labels import (
    method_label,
    presence_label,
    progress_text,
    session_state_label,
    speech_kind_label,
)
from eoffice.ui.meetings.session.live import LiveSession
from eoffice.ui.meetings.session.models import (
    AttendanceModel,
    SpeechesModel,
    Total,
    TotalsModel,
    VotesModel,
    queue_order,
)
from eoffice.ui.meetings.session.widgets import (
    Notice,
    QuorumBanner,
    agenda_tree,
    paint_speech_clock,
    paint_vote_clock,
    result_html,
)


def _with_key(text: str, key: str) -> str:
    return f"{text} ({QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)})"


class ChairConsole(QMainWindow):
    """The chair's (and secretary's, and organisers') window for one meeting's session."""

    def __init__(self, window: Any, live: LiveSession, meeting: MeetingView, rules: RuleSet) -> None:
        super().__init__(window, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.window_ = window
        self.live = live
        self.meeting = meeting
        self.rules = rules
        #: The agenda item whose vote defaults the form holds (``_vote_defaults``).
        self._defaults_for: str | None = None
        self.items: list[ItemView] = meeting.items()
        self.big_screen: BigScreen | None = None
        #: The question open now (tests answer it).
        self.confirm_box: QMessageBox | None = None
        self.setWindowTitle(self.tr("Running the session — %1").replace("%1", meeting.title))
        self._build()
        live.changed.connect(self._changed)
        live.tick.connect(self._tick)
        live.said.connect(self.notice.say)
        self._changed("all")

    # -- building -------------------------------------------------------------------

    def _action(self, text: str, slot: Any, keys: str | list[str] = "", tip: str = "") -> QAction:
        action = QAction(text, self)
        shortcuts = [keys] if isinstance(keys, str) and keys else list(keys or [])
        action.setShortcuts([QKeySequence(k) for k in shortcuts])
        action.setToolTip(_with_key(tip or text.rstrip("…"), shortcuts[0]) if shortcuts else (tip or text))
        action.setStatusTip(tip or text)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _button(self, action: QAction) -> QPushButton:
        button = QPushButton(action.text(), self)
        button.setToolTip(action.toolTip())
        button.clicked.connect(action.trigger)
        action.enabledChanged.connect(button.setEnabled)
        return button

    def _build(self) -> None:
        # The session.
        self.act_open = self._action(self.tr("Open the session"), self.open_session, "Ctrl+O")
        self.act_pause = self._action(self.tr("Pause / resume"), self.pause_or_resume, "Ctrl+P",
                                      self.tr("Pause the session, or resume it"))
        self.act_close = self._action(self.tr("Close the session…"), self.close_session, "Ctrl+Shift+E")
        self.act_big = self._action(self.tr("Open the big screen"), self.open_big_screen, "Ctrl+B",
                                    self.tr("Show the session full screen on the chosen display"))
        # The agenda.
        self.act_prev_item = self._action(self.tr("Previous item"), lambda: self.move_item(-1), "Alt+Up",
                                          self.tr("Show everyone the previous agenda item"))
        self.act_next_item = self._action(self.tr("Next item"), lambda: self.move_item(1), "Alt+Down",
                                          self.tr("Show everyone the next agenda item"))
        self.act_show = self._action(self.tr("Show the selected"), self.show_selected, "Ctrl+Return",
                                     self.tr("Show everyone the selected item or document"))
        self.act_prev_page = self._action(self.tr("Previous page"), lambda: self.move_page(-1), "Alt+Left",
                                          self.tr("Show everyone the previous page"))
        self.act_next_page = self._action(self.tr("Next page"), lambda: self.move_page(1), "Alt+Right",
                                          self.tr("Show everyone the next page"))
        # The speakers.
        self.act_accept = self._action(self.tr("Accept"), lambda: self.speech("accept"), "Ctrl+Y",
                                       self.tr("Accept the selected request into the queue"))
        self.act_refuse = self._action(self.tr("Refuse"), lambda: self.speech("refuse"), "Ctrl+Delete",
                                       self.tr("Refuse the selected request"))
        self.act_up = self._action(self.tr("Move up"), lambda: self.reorder(-1), "Ctrl+Shift+Up")
        self.act_down = self._action(self.tr("Move down"), lambda: self.reorder(1), "Ctrl+Shift+Down")
        self.act_floor = self._action(self.tr("Give the floor"), lambda: self.speech("start"), "F8",
                                      self.tr("Give the floor to the selected speaker"))
        self.act_next = self._action(self.tr("Next speaker"), self.next_speaker, ["F9", "N"],
                                     self.tr("End this speech and give the floor to the head of the queue"))
        self.act_timer = self._action(self.tr("Pause / resume the timer"), self.pause_timer, "F10")
        self.act_end = self._action(self.tr("End the speech"), self.end_speech, "F12")
        # Attendance.
        self.act_scan = self._action(self.tr("Scan a pass"), self.focus_scan, "Ctrl+I",
                                     self.tr("Put the cursor in the pass field: scan the card's QR code"))
        self.act_hall = self._action(self.tr("Present in the hall"), lambda: self.mark("hall"), "Ctrl+H")
        self.act_absent = self._action(self.tr("Absent, with reason"), lambda: self.mark("absent"), "Ctrl+J")
        self.act_left = self._action(self.tr("Has left"), lambda: self.mark("left"), "Ctrl+L")
        # Votes.
        self.act_prepare = self._action(self.tr("Prepare the vote"), self.prepare_vote, "Ctrl+N")
        self.act_vote_open = self._action(self.tr("Open the vote"), self.open_vote, "F6")
        self.act_vote_close = self._action(self.tr("Close the vote"), self.close_vote, "F7")
        self.act_publish = self._action(self.tr("Publish the result"), self.publish_vote, "Ctrl+Shift+P")
        self.act_tally = self._action(self.tr("Show / hide the running tally"), self.toggle_tally, "Ctrl+Shift+T")
        # Panels.
        self.act_tab_run = self._action(self.tr("Running"), lambda: self.tabs.setCurrentIndex(0), "Ctrl+1")
        self.act_tab_people = self._action(self.tr("Attendance"), lambda: self.tabs.setCurrentIndex(1), "Ctrl+2")
        self.act_tab_votes = self._action(self.tr("Votes"), lambda: self.tabs.setCurrentIndex(2), "Ctrl+3")

        bar = self.menuBar()
        for title, actions in (
            (self.tr("&Session"), (self.act_open, self.act_pause, self.act_close, None, self.act_big, None,
                                   self.act_tab_run, self.act_tab_people, self.act_tab_votes)),
            (self.tr("&Agenda"), (self.act_prev_item, self.act_next_item, self.act_show, None, self.act_prev_page,
                                  self.act_next_page)),
            (self.tr("S&peakers"), (self.act_next, self.act_floor, self.act_timer, self.act_end, None,
                                    self.act_accept, self.act_refuse, self.act_up, self.act_down)),
            (self.tr("A&ttendance"), (self.act_scan, self.act_hall, self.act_absent, self.act_left)),
            (self.tr("&Votes"), (self.act_prepare, self.act_vote_open, self.act_vote_close, self.act_publish,
                                 self.act_tally)),
        ):
            menu = bar.addMenu(title)
            menu.setToolTipsVisible(True)
            for action in actions:
                if action is None:
                    menu.addSeparator()
                else:
                    menu.addAction(action)

        # The header: title, state, quorum, what is shown, the notice.
        self.title = QLabel(self.meeting.title, self)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("sessionState")
        self.quorum = QuorumBanner(self)
        self.notice = Notice(self)
        self.showing = QLabel(self)
        self.showing.setObjectName("nowShowing")
        self.showing.setWordWrap(True)
        self.screens = QComboBox(self)
        self.screens.setToolTip(self.tr("The display the big screen opens on"))
        for number, screen in enumerate(QGuiApplication.screens(), 1):
            size = screen.geometry()
            self.screens.addItem(
                self.tr("Display %1: %2 (%3×%4)").replace("%1", str(number)).replace("%2", screen.name())
                .replace("%3", str(size.width())).replace("%4", str(size.height())), number - 1,
            )
        if self.screens.count() > 1:
            self.screens.setCurrentIndex(1)  # the second display: the hall's projector
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.state_label)
        for action in (self.act_open, self.act_pause, self.act_close):
            top.addWidget(self._button(action))
        top.addWidget(self.screens)
        top.addWidget(self._button(self.act_big))

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._running_tab(), self.tr("Running"))
        self.tabs.addTab(self._attendance_tab(), self.tr("Attendance"))
        self.tabs.addTab(self._votes_tab(), self.tr("Votes"))
        for index, key in enumerate(("Ctrl+1", "Ctrl+2", "Ctrl+3")):
            self.tabs.setTabToolTip(index, QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText))

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.addLayout(top)
        layout.addWidget(self.quorum)
        layout.addWidget(self.showing)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(body)
        self.resize(1280, 800)

    def _running_tab(self) -> QWidget:
        self.agenda, self.tree = agenda_tree(self, self.meeting, "sessionAgenda")
        self.tree.activated.connect(lambda _index: self.show_selected())
        self.tree.setToolTip(self.tr("Enter (or Ctrl+Enter) shows the selected item or document to everyone"))
        agenda_box = QGroupBox(self.tr("Agenda"), self)
        agenda_layout = QVBoxLayout(agenda_box)
        agenda_layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        for action in (self.act_prev_item, self.act_next_item, self.act_show):
            row.addWidget(self._button(action))
        agenda_layout.addLayout(row)
        row = QHBoxLayout()
        for action in (self.act_prev_page, self.act_next_page):
            row.addWidget(self._button(action))
        agenda_layout.addLayout(row)

        self.speaker = QLabel(self)
        self.speaker.setObjectName("currentSpeaker")
        self.speaker.setWordWrap(True)
        self.clock = QLabel(self)
        self.clock.setObjectName("speechClock")
        font = self.clock.font()
        font.setPointSizeF(font.pointSizeF() * 2.5)
        font.setBold(True)
        self.clock.setFont(font)
        self.clock.setMinimumWidth(self.clock.fontMetrics().horizontalAdvance("-00:00") + 8)
        self.queue = SpeechesModel(self)
        self.queue_view = QTableView(self)
        self.queue_view.setObjectName("speakersQueue")
        self.queue_view.setModel(self.queue)
        list_table(self.queue_view, self.queue.column_of("name"))
        self.queue_view.selectionModel().currentRowChanged.connect(lambda _c, _p: self._enable())
        self.limit = QSpinBox(self)
        self.limit.setRange(0, 60)
        self.limit.setSuffix(self.tr(" min"))
        self.limit.setSpecialValueText(self.tr("no limit"))
        self.limit.setToolTip(self.tr("Each speech's time limit"))
        self.limit_button = QPushButton(self.tr("Set"), self)
        self.limit_button.clicked.connect(self.set_limit)
        speakers_box = QGroupBox(self.tr("Speakers"), self)
        speakers_layout = QVBoxLayout(speakers_box)
        now = QHBoxLayout()
        now.addWidget(self.speaker, 1)
        now.addWidget(self.clock)
        speakers_layout.addLayout(now)
        row = QHBoxLayout()
        for action in (self.act_next, self.act_floor, self.act_timer, self.act_end):
            row.addWidget(self._button(action))
        speakers_layout.addLayout(row)
        speakers_layout.addWidget(self.queue_view, 1)
        row = QHBoxLayout()
        for action in (self.act_accept, self.act_refuse, self.act_up, self.act_down):
            row.addWidget(self._button(action))
        speakers_layout.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Time per speech:"), self))
        row.addWidget(self.limit)
        row.addWidget(self.limit_button)
        row.addStretch(1)
        speakers_layout.addLayout(row)

        self.totals = TotalsModel(self)
        self.totals_view = QTableView(self)
        self.totals_view.setObjectName("speakingTotals")
        self.totals_view.setModel(self.totals)
        list_table(self.totals_view, 0)
        self.never_label = QLabel(self)
        self.never_label.setObjectName("neverSpoke")
        self.never_label.setWordWrap(True)
        totals_box = QGroupBox(self.tr("Who has spoken"), self)
        totals_layout = QVBoxLayout(totals_box)
        totals_layout.addWidget(self.never_label)
        totals_layout.addWidget(self.totals_view, 1)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(agenda_box)
        split.addWidget(speakers_box)
        split.addWidget(totals_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 2)
        return split

    def _attendance_tab(self) -> QWidget:
        page = QWidget(self)
        self.counts = QLabel(page)
        self.counts.setObjectName("attendanceCounts")
        self.scan = QLineEdit(page)
        self.scan.setObjectName("passScan")
        self.scan.setPlaceholderText(self.tr("Scan the QR code of an attendance card here (or type it, then Enter)"))
        self.scan.setToolTip(self.act_scan.toolTip())
        self.scan.returnPressed.connect(self.scan_pass)
        self.people = AttendanceModel(page)
        self.people_view = QTableView(page)
        self.people_view.setObjectName("attendanceList")
        self.people_view.setModel(self.people)
        list_table(self.people_view, self.people.column_of("name"))
        self.reason = QLineEdit(page)
        self.reason.setObjectName("absenceReason")
        self.reason.setPlaceholderText(self.tr("Reason for the absence"))
        self.late = QLabel(page)
        self.late.setObjectName("lateArrivals")
        self.late.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.counts)
        layout.addWidget(self.scan)
        layout.addWidget(self.people_view, 1)
        row = QHBoxLayout()
        row.addWidget(self._button(self.act_hall))
        row.addWidget(self.reason, 1)
        row.addWidget(self._button(self.act_absent))
        row.addWidget(self._button(self.act_left))
        layout.addLayout(row)
        layout.addWidget(self.late)
        return page

    def _votes_tab(self) -> QWidget:
        page = QWidget(self)
        self.vote_title = QLineEdit(page)
        self.vote_title.setObjectName("voteTitle")
        self.vote_method = QComboBox(page)
        for method in ("yes_no", "choices", "confidence"):
            self.vote_method.addItem(method_label(method), method)
        self.vote_secret = QCheckBox(self.tr("Secret ballot"), page)
        self.vote_rule = QComboBox(page)
        for rule in self.rules.votes:
            self.vote_rule.addItem(rule.label, rule.key)
            self.vote_rule.setItemData(self.vote_rule.count() - 1, rule.citation, Qt.ItemDataRole.ToolTipRole)
        self.vote_limit = QSpinBox(page)
        self.vote_limit.setRange(0, 3600)
        self.vote_limit.setSingleStep(15)
        self.vote_limit.setSuffix(self.tr(" s"))
        self.vote_limit.setSpecialValueText(self.tr("no limit"))
        self.vote_choices = QPlainTextEdit(page)
        self.vote_choices.setPlaceholderText(self.tr("Candidates, or the people assessed: one per line"))
        self.vote_choices.setMaximumHeight(80)
        self.vote_max = QSpinBox(page)
        self.vote_max.setRange(1, 50)
        self.vote_show_tally = QCheckBox(self.tr("Show the running tally (named votes)"), page)
        form = QFormLayout()
        form.addRow(self.tr("Title:"), self.vote_title)
        form.addRow(self.tr("Method:"), self.vote_method)
        form.addRow("", self.vote_secret)
        form.addRow(self.tr("Rule:"), self.vote_rule)
        form.addRow(self.tr("Time limit:"), self.vote_limit)
        form.addRow(self.tr("Choices:"), self.vote_choices)
        form.addRow(self.tr("Choose at most:"), self.vote_max)
        form.addRow("", self.vote_show_tally)
        form.addRow("", self._button(self.act_prepare))
        self.vote_method.currentIndexChanged.connect(self._method_chosen)
        self._method_chosen()
        self.votes = VotesModel(page)
        self.votes_view = QTableView(page)
        self.votes_view.setObjectName("votesList")
        self.votes_view.setModel(self.votes)
        list_table(self.votes_view, 0)
        self.votes_view.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show_vote())
        self.vote_detail = QLabel(page)
        self.vote_detail.setObjectName("voteDetail")
        self.vote_detail.setWordWrap(True)
        self.vote_detail.setTextFormat(Qt.TextFormat.RichText)
        self.vote_clock = QLabel(page)
        self.vote_clock.setObjectName("voteClock")
        right = QVBoxLayout()
        right.addWidget(self.votes_view, 1)
        row = QHBoxLayout()
        for action in (self.act_vote_open, self.act_vote_close, self.act_publish, self.act_tally):
            row.addWidget(self._button(action))
        right.addLayout(row)
        right.addWidget(self.vote_clock)
        right.addWidget(self.vote_detail)
        prepare = QGroupBox(self.tr("New vote"), page)
        prepare.setLayout(form)
        layout = QHBoxLayout(page)
        layout.addWidget(prepare, 2)
        layout.addLayout(right, 3)
        return page

    def _method_chosen(self) -> None:
        method = self.vote_method.currentData()
        self.vote_choices.setEnabled(method != "yes_no")
        self.vote_max.setEnabled(method == "choices")

    # -- drawing --------------------------------------------------------------------

    def _changed(self, part: str) -> None:
        state = self.live.state
        if state is None:
            self.state_label.setText(self.tr("Loading…"))
            return
        if part in ("all", "session"):
            self._show_session()
        if part in ("all", "attendance"):
            self._show_attendance()
        if part in ("all", "speakers", "attendance"):
            self._show_speakers()
        if part in ("all", "vote", "vote_progress"):
            self._show_votes()
        if self.big_screen is not None:
            self.big_screen.redraw(part)
        self._enable()

    def _show_session(self) -> None:
        state = self.live.state
        assert state is not None
        session = state.session
        self.state_label.setText(session_state_label(session.state))
        item = self._item(session.item_id)
        document = self._document(session.document_id)
        if item is None:
            self.showing.setText(self.tr("Nothing shown yet: choose an agenda item (Alt+Down)"))
        else:
            text = self.tr("Shown to everyone: %1 %2").replace("%1", item.number).replace("%2", item.title)
            if document is not None:
                text += " · " + self.tr("%1, page %2").replace("%1", document.title).replace(
                    "%2", str(session.page + 1)
                )
            self.showing.setText(text)
            self._vote_defaults(item)
            found = self.agenda.find(document.id) if document is not None else self.agenda.find_item(item.id)
            if found.isValid() and not self.tree.hasFocus():
                self.tree.setCurrentIndex(found)

    def _show_attendance(self) -> None:
        state = self.live.state
        assert state is not None
        attendance = state.attendance
        self.quorum.show_attendance(attendance)
        self.counts.setText(
            self.tr("In the hall %1 · online %2 · substitutes %3 · absent %4 · not arrived %5 · left %6")
            .replace("%1", str(attendance.hall)).replace("%2", str(attendance.online))
            .replace("%3", str(attendance.substitutes)).replace("%4", str(attendance.absent))
            .replace("%5", str(attendance.not_arrived)).replace("%6", str(attendance.left))
        )
        self.people.set_rows(attendance.rows)
        late = [r for r in attendance.rows if r.late]
        self.late.setText(
            self.tr("Arrived late: %1").replace("%1", ", ".join(r.full_name for r in late)) if late else ""
        )

    def _show_speakers(self) -> None:
        state = self.live.state
        assert state is not None
        speakers = state.speakers
        current = speakers.current
        if current is None:
            self.speaker.setText(self.tr("Nobody has the floor"))
        else:
            self.speaker.setText(
                self.tr("Speaking: %1 (%2)").replace("%1", current.full_name)
                .replace("%2", speech_kind_label(current.kind))
                + ("" if current.running else " — " + self.tr("timer paused"))
            )
        selected = self._selected_speech()
        self.queue.set_rows(queue_order(speakers.queue))
        if selected is not None and (row := self.queue.find_row(selected.id)) >= 0:
            self.queue_view.selectRow(row)
        elif self.queue.rows and self.queue_view.currentIndex().row() < 0:
            self.queue_view.selectRow(0)
        if not self.limit.hasFocus():
            self.limit.setValue(speakers.limit_seconds // 60)
        spoken = {t.user_id: t for t in speakers.totals}
        totals = [
            Total(r.user_id, r.full_name, spoken[r.user_id].speeches if r.user_id in spoken else 0,
                  spoken[r.user_id].seconds if r.user_id in spoken else 0)
            for r in state.attendance.rows
        ]
        known = {t.user_id for t in totals}
        totals += [
            Total(t.user_id, t.full_name, t.speeches, t.seconds) for t in speakers.totals if t.user_id not in known
        ]
        self.totals.set_rows(totals)
        never = [t.full_name for t in totals if t.speeches == 0]
        # The count, with the names in red in the table below (a list of 50 names in a
        # label squeezed the table out of the panel); the names also in the tooltip.
        self.never_label.setText(
            self.tr("Not spoken yet: %1 of %2 (in red)").replace("%1", str(len(never))).replace("%2", str(len(totals)))
            if never else self.tr("Everyone has spoken")
        )
        self.never_label.setToolTip(", ".join(never))
        self._tick()

    def _show_votes(self) -> None:
        state = self.live.state
        assert state is not None
        chosen = self._selected_vote()
        self.votes.set_rows(state.votes)
        target = chosen.id if chosen is not None else (state.votes[-1].id if state.votes else "")
        if target and (row := self.votes.find_row(target)) >= 0 and self.votes_view.currentIndex().row() != row:
            self.votes_view.selectRow(row)
        self._show_vote()

    def _show_vote(self) -> None:
        vote = self._selected_vote()
        if vote is None:
            self.vote_detail.setText("")
            return
        if vote.result is not None:
            self.vote_detail.setText(result_html(vote))
            return
        text = progress_text(vote.returned, vote.issued)
        if vote.tally:
            labels = {o.key: o.label for o in vote.options}
            text += "<br>" + " · ".join(f"{labels.get(k, k)}: {n}" for k, n in vote.tally.items())
        self.vote_detail.setText(text)
        self._enable()

    def _tick(self) -> None:
        state = self.live.state
        if state is None:
            return
        paint_speech_clock(self.clock, state)
        paint_vote_clock(self.vote_clock, state)
        if self.big_screen is not None:
            self.big_screen.tick()

    def _enable(self) -> None:
        state = self.live.state
        session = state.session.state if state is not None else ""
        self.act_open.setEnabled(session == "waiting")
        self.act_pause.setEnabled(session in ("running", "paused"))
        self.act_close.setEnabled(session in ("running", "paused"))
        speech = self._selected_speech()
        self.act_accept.setEnabled(speech is not None and speech.state == "waiting")
        self.act_refuse.setEnabled(speech is not None and speech.state in ("waiting", "accepted"))
        self.act_floor.setEnabled(speech is not None and speech.state in ("waiting", "accepted"))
        vote = self._selected_vote()
        self.act_vote_open.setEnabled(vote is not None and vote.state == "prepared")
        self.act_vote_close.setEnabled(vote is not None and vote.state == "open")
        self.act_publish.setEnabled(vote is not None and vote.state == "closed")
        self.act_tally.setEnabled(vote is not None and not vote.secret and vote.state == "open")

    # -- helpers --------------------------------------------------------------------

    def _item(self, item_id: str | None) -> ItemView | None:
        return next((i for i in self.items if i.id == item_id), None) if item_id else None

    def _document(self, document_id: str | None) -> DocumentView | None:
        if not document_id:
            return None
        return next((d for d in self.meeting.documents() if d.id == document_id), None)

    def _selected_speech(self) -> SpeechView | None:
        return self.queue.row(self.queue_view.currentIndex())

    def _selected_vote(self) -> VoteView | None:
        vote = self.votes.row(self.votes_view.currentIndex())
        state = self.live.state
        return state.vote(vote.id) if vote is not None and state is not None else vote

    def _selected_person(self) -> Any:
        return self.people.row(self.people_view.currentIndex())

    # -- the session ----------------------------------------------------------------

    def open_session(self) -> None:
        self.live.act("session_open", lambda c: c.open())

    def pause_or_resume(self) -> None:
        state = self.live.state
        if state is None:
            return
        if state.session.state == "paused":
            self.live.act("session_resume", lambda c: c.resume())
        else:
            self.live.act("session_pause", lambda c: c.pause())

    def close_session(self) -> None:
        self._confirm(
            self.tr("Close the session"),
            self.tr("Close the session? The meeting ends for everyone."),
            self.tr("Close the session"),
            lambda: self.live.act("session_close", lambda c: c.close()),
        )

    def _confirm(self, title: str, text: str, yes: str, then: Any) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, self)
        go = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(go)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)

        def answered(_result: int) -> None:
            self.confirm_box = None
            if box.clickedButton() is go:
                then()

        box.finished.connect(answered)
        self.confirm_box = box
        box.open()

    def open_big_screen(self) -> None:
        screens = QGuiApplication.screens()
        index = self.screens.currentData()
        screen = screens[index] if isinstance(index, int) and 0 <= index < len(screens) else None
        if self.big_screen is None:
            self.big_screen = BigScreen(self.live, self.meeting, self)
            self.big_screen.destroyed.connect(lambda _o=None: setattr(self, "big_screen", None))
        self.big_screen.show_on(screen)

    # -- the agenda -----------------------------------------------------------------

    def move_item(self, step: int) -> None:
        """Alt+Down / Alt+Up: the next or previous item, with its first document, for everyone."""
        state = self.live.state
        if state is None or not self.items:
            return
        ids = [i.id for i in self.items]
        at = ids.index(state.session.item_id) if state.session.item_id in ids else -1
        target = self.items[max(0, min(len(ids) - 1, at + step if at >= 0 else 0))]
        self._show(target, target.documents[0] if target.documents else None, 0)

    def show_selected(self) -> None:
        node = self.agenda.node(self.tree.currentIndex())
        if isinstance(node, ItemView):
            self._show(node, node.documents[0] if node.documents else None, 0)
        elif isinstance(node, DocumentView):
            self._show(self._item(node.item_id), node, 0)

    def move_page(self, step: int) -> None:
        state = self.live.state
        if state is None or not state.session.document_id:
            return
        document = self._document(state.session.document_id)
        last = max(0, document.page_count - 1) if document is not None and document.page_count else None
        page = max(0, state.session.page + step)
        if last is not None:
            page = min(page, last)
        if page != state.session.page:
            item, doc_id = state.session.item_id, state.session.document_id
            self.live.act("session_show", lambda c: c.show(item, doc_id, page))

    def _show(self, item: ItemView | None, document: DocumentView | None, page: int) -> None:
        item_id = item.id if item is not None else None
        document_id = document.id if document is not None else None
        self.live.act("session_show", lambda c: c.show(item_id, document_id, page))

    # -- speakers -------------------------------------------------------------------

    def speech(self, action: str) -> None:
        chosen = self._selected_speech()
        if chosen is None:
            self.notice.say(self.tr("Choose a request in the queue first."), True)
            return
        speech_id = chosen.id
        self.live.act(f"speech_{action}", lambda c: c.speech_action(speech_id, action))

    def next_speaker(self) -> None:
        self.live.act("speech_next", lambda c: c.next_speaker())

    def pause_timer(self) -> None:
        state = self.live.state
        current = state.speakers.current if state is not None else None
        if current is None:
            return
        action = "pause" if current.running else "resume"
        self.live.act(f"speech_{action}", lambda c: c.speech_action(current.id, action))

    def end_speech(self) -> None:
        state = self.live.state
        current = state.speakers.current if state is not None else None
        if current is not None:
            self.live.act("speech_end", lambda c: c.speech_action(current.id, "end"))

    def reorder(self, step: int) -> None:
        chosen = self._selected_speech()
        if chosen is None:
            return
        ids = [s.id for s in self.queue.rows]
        at = ids.index(chosen.id)
        to = at + step
        if not 0 <= to < len(ids):
            return
        ids[at], ids[to] = ids[to], ids[at]
        self.live.act("speech_order", lambda c: c.reorder(ids))

    def set_limit(self) -> None:
        seconds = self.limit.value() * 60
        self.live.act("speech_limit", lambda c: c.set_speech_limit(seconds))

    # -- attendance -----------------------------------------------------------------

    def focus_scan(self) -> None:
        self.tabs.setCurrentIndex(1)
        self.scan.setFocus()
        self.scan.selectAll()

    def scan_pass(self) -> None:
        """A USB scanner types the card's QR code and Enter: the pass is checked by the server."""
        token = self.scan.text().strip()
        self.scan.clear()
        if not token:
            return

        def done(row: Any) -> None:
            self.notice.say(
                self.tr("%1 checked in: %2").replace("%1", row.full_name).replace("%2", presence_label(row.presence))
            )

        self.live.act("attendance_pass", lambda c: c.check_in_pass(token), done)

    def mark(self, presence: str) -> None:
        person = self._selected_person()
        if person is None:
            self.notice.say(self.tr("Choose a person in the list first."), True)
            return
        reason = self.reason.text().strip()
        if presence == "absent" and not reason:
            self.notice.say(self.tr("Type the reason for the absence, then press Ctrl+J again."), True)
            self.reason.setFocus()
            return
        participant_id = person.participant_id

        def done(_row: Any) -> None:
            self.reason.clear()

        self.live.act("attendance_mark", lambda c: c.mark(participant_id, presence, reason if presence == "absent"
                                                           else ""), done)

    # -- votes ----------------------------------------------------------------------

    def _vote_defaults(self, item: Any) -> None:
        """The item shown proposes its vote: its rule chosen, its title when none is typed."""
        if item.id == self._defaults_for:
            return
        self._defaults_for = item.id
        if item.vote_rule and (index := self.vote_rule.findData(item.vote_rule)) >= 0:
            self.vote_rule.setCurrentIndex(index)
        if item.decision == "vote" and not self.vote_title.text().strip():
            self.vote_title.setText(self.tr("Vote on: %1").replace("%1", item.title))

    def prepare_vote(self) -> None:
        title = self.vote_title.text().strip()
        if not title:
            self.tabs.setCurrentIndex(2)
            self.notice.say(self.tr("Type what the vote is about."), True)
            self.vote_title.setFocus()
            return
        rule_key = str(self.vote_rule.currentData() or "")
        method = str(self.vote_method.currentData())
        lines = [line.strip() for line in self.vote_choices.toPlainText().splitlines() if line.strip()]
        numbered = list(enumerate(lines, 1))
        options = [{"key": f"c{n}", "label": line} for n, line in numbered] if method == "choices" else None
        subjects = [{"id": f"s{n}", "name": line} for n, line in numbered] if method == "confidence" else None
        if method != "yes_no" and not lines:
            self.notice.say(self.tr("Write the candidates or the people assessed, one per line."), True)
            self.vote_choices.setFocus()
            return
        state = self.live.state
        item_id = state.session.item_id if state is not None else None
        secret, limit, max_choices = self.vote_secret.isChecked(), self.vote_limit.value(), self.vote_max.value()
        tally = self.vote_show_tally.isChecked() and not secret

        def done(vote: VoteView) -> None:
            self.vote_title.clear()
            self.vote_choices.clear()
            if (row := self.votes.find_row(vote.id)) >= 0:
                self.votes_view.selectRow(row)
            self.notice.say(self.tr("Vote prepared; open it with F6."))

        self.live.act("vote_prepare", lambda c: c.prepare_vote(
            title, rule_key, method=method, secret=secret, item_id=item_id, options=options, subjects=subjects,
            max_choices=max_choices, show_tally=tally, time_limit_seconds=limit,
        ), done)

    def open_vote(self) -> None:
        vote = self._selected_vote()
        state = self.live.state
        if vote is None or state is None or vote.state != "prepared":
            return
        vote_id = vote.id
        if not state.attendance.quorum.holds:
            self._ask_without_quorum(vote_id)
            return

        def refused(error: DomainError) -> bool:
            if getattr(error, "code", "") == "no_quorum":
                self._ask_without_quorum(vote_id)
                return True
            return False

        self.live.act("vote_open", lambda c: c.open_vote(vote_id), None, refused)

    def _ask_without_quorum(self, vote_id: str) -> None:
        state = self.live.state
        quorum = self.quorum.text() if state is not None else ""
        self._confirm(
            self.tr("No quorum"),
            self.tr("The quorum does not hold (%1). Open the vote anyway?").replace("%1", quorum),
            self.tr("Open without quorum"),
            lambda: self.live.act("vote_open", lambda c: c.open_vote(vote_id, without_quorum=True)),
        )

    def close_vote(self) -> None:
        vote = self._selected_vote()
        if vote is not None and vote.state == "open":
            vote_id = vote.id
            self.live.act("vote_close", lambda c: c.close_vote(vote_id))

    def publish_vote(self) -> None:
        vote = self._selected_vote()
        if vote is not None and vote.state == "closed":
            vote_id = vote.id
            self.live.act("vote_publish", lambda c: c.publish_vote(vote_id))

    def toggle_tally(self) -> None:
        vote = self._selected_vote()
        if vote is not None and not vote.secret:
            vote_id, show = vote.id, not vote.show_tally
            self.live.act("vote_tally", lambda c: c.show_tally(vote_id, show))

    # -- closing --------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.big_screen is not None:
            self.big_screen.close()
        self.live.close()
        super().closeEvent(event)

"""One meeting on screen: its header (when, where, who chairs, my answer), the agenda
(Chương trình họp) with each item's documents and their read state, the participants
(Thành phần) with their answers and, for the organisers, who has read each document; the
written opinions asked of its members (``ui.meetings.opinions``); the tasks it assigned
and their progress (``ui.meetings.tasks``).

Opening a document shows its newest version in the reader; the first opening (and the
first after a new version arrived) is recorded with a ``RecordRead`` operation.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMenu,
    QToolBar,
    QToolButton,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from eoffice.directory.access import load_actor
from eoffice.errors import DomainError
from eoffice.meetings.comments import CommentRow, collected
from eoffice.meetings.meetings import ANSWERABLE, EDITABLE
from eoffice.meetings.operations import RecordRead
from eoffice.meetings.views import (
    UNREAD,
    UPDATED,
    DocumentReaders,
    DocumentView,
    MeetingView,
    meeting_view,
    who_has_read,
)
from eoffice.ops import registry
from eoffice.store.base import new_id
from eoffice.ui.i18n import current_language
from eoffice.ui.meetings.agenda_editor import AgendaEditor
from eoffice.ui.meetings.comments_panel import CommentsPanel
from eoffice.ui.meetings.document_dialogs import DocumentActions
from eoffice.ui.meetings.labels import answer_label, day_time, hm, kind_label, local, role_label, state_label
from eoffice.ui.meetings.opinions import OpinionsPanel
from eoffice.ui.meetings.tasks import MeetingTasksPanel
from eoffice.ui.meetings.models import AgendaModel, ParticipantsModel, ReadersModel, ReadingModel
from eoffice.ui.meetings.meeting_editor import MeetingEditor
from eoffice.ui.meetings.papers import Papers
from eoffice.ui.meetings.participants import ParticipantsEditor, answer_counts
from eoffice.ui.rows import list_table
from eoffice.ui.tasks import DbWorker

log = logging.getLogger(__name__)

#: The meeting's states in which its session can be run or joined.
SESSION_STATES = frozenset({"scheduled", "in_session"})
#: The minutes are written during the session and after it.
MINUTES_STATES = frozenset({"in_session", "closed"})
#: A meeting assigns tasks once it is called, until it is archived (``meetings.tasks``).
TASK_STATES = frozenset({"scheduled", "in_session", "closed", "archived", "postponed"})


@dataclass
class MeetingData:
    view: MeetingView
    readers: list[DocumentReaders]
    #: The comments this user may collect (organisers, the presenting unit).
    comments: list[CommentRow] = field(default_factory=list)


def load(session: Session, user_id: str, meeting_id: str, now: datetime) -> MeetingData:
    user = load_actor(session, user_id)
    view = meeting_view(session, user, meeting_id, now)
    return MeetingData(view, who_has_read(session, meeting_id) if view.organiser else [],
                       collected(session, user_id, meeting_id))


class MeetingPage(QWidget):
    """The meeting's page of the Họp section."""

    #: Back to the calendar.
    back = Signal()
    #: A refresh is on screen (tests wait on it).
    loaded = Signal()
    #: A document was opened in the reader (its id).
    document_opened = Signal(str)

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.worker: DbWorker = window.worker
        self.user_id: str = window.user_id
        self.meeting_id = ""
        self.data: MeetingData | None = None
        self.reader: Any = None
        # The private notes on the open reader (reader_notes.ReaderNotes).
        self.notes: Any = None
        self._generation = 0
        self._pending = 0
        #: The agenda item to select once the next refresh is on screen (after an edit).
        self.select_after_load = ""
        self._build()

    def _build(self) -> None:
        self.back_button = QPushButton(self.tr("◀ Calendar"), self)
        self.back_button.setToolTip(self.tr("Back to the calendar (Esc)"))
        self.back_button.clicked.connect(self.back.emit)
        self.title = QLabel(self)
        self.title.setObjectName("meetingTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title.setFont(font)
        self.state = QLabel(self)
        self.state.setObjectName("meetingState")
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.title, 1)
        top.addWidget(self.state)
        self.invitation_button = QPushButton(self.tr("Make invitation"), self)
        self.invitation_button.setToolTip(self.tr("Write the invitation as an outgoing draft (type GM)"))
        self.cards_button = QPushButton(self.tr("Attendance cards…"), self)
        self.cards_button.setToolTip(self.tr("Print the participants' cards with their QR passes (needs the server)"))
        self.answer_button = QPushButton(self.tr("Answer invitation…"), self)
        self.answer_button.setObjectName("answerButton")
        self.answer_button.setToolTip(
            self.tr("Will you attend, are you absent, or do you send someone? (Ctrl+Shift+A)")
        )
        self.answer_button.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.edit_button = QPushButton(self.tr("Edit details…"), self)
        self.edit_button.setToolTip(self.tr("Title, times, place, chair and secretary, sittings (Ctrl+E)"))
        self.edit_button.setShortcut(QKeySequence("Ctrl+E"))
        # The live session (online): the organisers run it, the participants join it.
        self.console_button = QPushButton(self.tr("Run the session"), self)
        self.console_button.setObjectName("runSession")
        self.console_button.setToolTip(
            self.tr("The chair's console: agenda, speakers, attendance, votes, big screen (Ctrl+Shift+L)")
        )
        self.console_button.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.console_button.clicked.connect(lambda: self.open_session(chair=True))
        self.join_button = QPushButton(self.tr("Join the session"), self)
        self.join_button.setObjectName("joinSession")
        self.join_button.setToolTip(
            self.tr("Follow the chair, check in, ask to speak and vote (Ctrl+Shift+J)")
        )
        self.join_button.setShortcut(QKeySequence("Ctrl+Shift+J"))
        self.join_button.clicked.connect(lambda: self.open_session(chair=False))
        #: The session's window opened last (console or delegate's view).
        self.session_window: Any = None
        self.minutes_button = QPushButton(self.tr("Minutes…"), self)
        self.minutes_button.setObjectName("minutesButton")
        self.minutes_button.setToolTip(
            self.tr("Write the minutes from what happened in the session; sign and issue them (Ctrl+Shift+B)")
        )
        self.minutes_button.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.minutes_button.clicked.connect(self.open_minutes)
        #: The minutes editor opened last.
        self.minutes_window: Any = None
        self.state_button = QToolButton(self)
        self.state_button.setText(self.tr("Meeting"))
        self.state_button.setToolTip(self.tr("Start, end, postpone or cancel the meeting"))
        self.state_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.state_menu = QMenu(self.state_button)
        self.state_button.setMenu(self.state_menu)
        top.addWidget(self.console_button)
        top.addWidget(self.join_button)
        top.addWidget(self.minutes_button)
        top.addWidget(self.answer_button)
        top.addWidget(self.edit_button)
        top.addWidget(self.invitation_button)
        top.addWidget(self.cards_button)
        top.addWidget(self.state_button)
        self.facts = QLabel(self)
        self.facts.setObjectName("meetingFacts")
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice = QLabel(self)
        self.notice.setObjectName("meetingNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("QLabel#meetingNotice { background: #fff3e0; color: #8a4b00; padding: 5px; }")
        self.notice.hide()

        self.agenda = AgendaModel(self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("agendaTree")
        self.tree.setModel(self.agenda)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.activated.connect(lambda _index: self.open_current())
        self.tree.doubleClicked.connect(lambda _index: self.open_current())
        self.open_button = QPushButton(self.tr("Read document"), self)
        self.open_button.setToolTip(self.tr("Open the selected document (Enter)"))
        self.open_button.clicked.connect(self.open_current)
        self.unread_label = QLabel(self)
        self.comments = CommentsPanel(self)
        self.comment_button = QPushButton(self.tr("Comment…"), self)
        self.comment_button.setToolTip(self.tr("Write your opinion on the selected draft (Ctrl+K)"))
        self.comment_button.setShortcut(QKeySequence("Ctrl+K"))
        self.comment_button.clicked.connect(self.comments.write_comment)
        self.editor = AgendaEditor(self)
        self.documents = DocumentActions(self)
        self.papers = Papers(self)
        # Two rows (the agenda's, the documents'): one row overflows a 1366-pixel screen.
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("agendaToolbar")
        for action in self.editor.actions:
            self.toolbar.addAction(action)
        self.documents_toolbar = QToolBar(self)
        self.documents_toolbar.setObjectName("documentsToolbar")
        for action in self.documents.actions:
            self.documents_toolbar.addAction(action)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDropIndicatorShown(True)
        agenda_page = QWidget(self)
        agenda_layout = QVBoxLayout(agenda_page)
        agenda_layout.addWidget(self.toolbar)
        agenda_layout.addWidget(self.documents_toolbar)
        agenda_layout.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.unread_label, 1)
        buttons.addWidget(self.comment_button)
        buttons.addWidget(self.open_button)
        agenda_layout.addLayout(buttons)

        self.people = ParticipantsModel(self)
        self.people_table = QTableView(self)
        self.people_table.setObjectName("participants")
        self.people_table.setModel(self.people)
        list_table(self.people_table, self.people.column_of("name"))
        self.answers = QLabel(self)
        self.answers.setObjectName("answerCounts")
        self.participants = ParticipantsEditor(self)
        self.people_toolbar = QToolBar(self)
        self.people_toolbar.setObjectName("participantsToolbar")
        for action in self.participants.actions:
            self.people_toolbar.addAction(action)
        self.people_table.doubleClicked.connect(lambda _i: self.participants.change_role())
        for action in self.participants.state_actions.values():
            self.state_menu.addAction(action)
        self.meeting_editor = MeetingEditor(self.window_, self)
        self.meeting_editor.saved.connect(lambda _id: self.refresh())
        self.answer_button.clicked.connect(self.participants.answer_mine)
        self.edit_button.clicked.connect(lambda: self.meeting_editor.edit_meeting(self.meeting_id))
        people_page = QWidget(self)
        people_layout = QVBoxLayout(people_page)
        people_layout.addWidget(self.people_toolbar)
        people_layout.addWidget(self.answers)
        people_layout.addWidget(self.people_table, 1)

        self.reading = ReadingModel(self)
        self.reading_table = QTableView(self)
        self.reading_table.setObjectName("whoHasRead")
        self.reading_table.setModel(self.reading)
        list_table(self.reading_table, self.reading.column_of("title"))
        self.reading_table.selectionModel().currentRowChanged.connect(lambda current, _p: self._show_readers(current))
        self.readers = ReadersModel(self)
        self.readers_table = QTableView(self)
        self.readers_table.setObjectName("documentReaders")
        self.readers_table.setModel(self.readers)
        list_table(self.readers_table, 0)
        # The documents above, the people of the chosen one below: each table has the
        # page's width (side by side at 1366 px the names were cut to "L…").
        reading_page = QSplitter(Qt.Orientation.Vertical, self)
        reading_page.addWidget(self.reading_table)
        reading_page.addWidget(self.readers_table)
        reading_page.setStretchFactor(0, 2)
        reading_page.setStretchFactor(1, 3)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(agenda_page, self.tr("Agenda"))
        self.tabs.addTab(people_page, self.tr("Participants"))
        self.reading_tab = self.tabs.addTab(reading_page, self.tr("Who has read"))
        self.comments_tab = self.tabs.addTab(self.comments, self.tr("Comments"))
        self.opinions = OpinionsPanel(self)
        self.opinions_tab = self.tabs.addTab(self.opinions, self.tr("Written opinions"))
        self.tasks = MeetingTasksPanel(self)
        self.tasks_tab = self.tabs.addTab(self.tasks, self.tr("Tasks"))
        self.invitation_button.clicked.connect(self.papers.make_invitation)
        self.cards_button.clicked.connect(lambda: self.papers.attendance_cards())
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.facts)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.back.emit)

    # ------------------------------------------------------------------ reading

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def show_meeting(self, meeting_id: str) -> None:
        if meeting_id != self.meeting_id:
            self.meeting_id = meeting_id
            self.data = None
            self.tabs.setCurrentIndex(0)
        self.refresh()

    def refresh(self) -> None:
        if not self.meeting_id:
            return
        user_id, meeting_id = self.user_id, self.meeting_id
        now = datetime.now(timezone.utc)
        self._generation += 1
        self._pending += 1
        generation = self._generation

        def show(data: MeetingData) -> None:
            self._pending -= 1
            if generation == self._generation:
                self._show(data)

        def failed(error: BaseException) -> bool:
            self._pending -= 1
            if isinstance(error, DomainError):  # no longer ours to see (removed, a draft again)
                self.back.emit()
                self.window_.show_domain_error(error)
                return True
            return False

        self.worker.read("meeting_view", lambda s: load(s, user_id, meeting_id, now), show, failed)

    def _show(self, data: MeetingData) -> None:
        keep = self.current_document()
        self.data = data
        view = data.view
        self.title.setText(view.title)
        self.state.setText(state_label(view.state))
        start, end = local(view.starts_at), local(view.ends_at)
        when = (
            f"{hm(view.starts_at)}–{hm(view.ends_at)}, {start:%d/%m/%Y}" if start.date() == end.date()
            else f"{day_time(view.starts_at)} – {day_time(view.ends_at)}"
        )
        lines = [
            self.tr("<b>Time:</b> %1").replace("%1", when),
            self.tr("<b>Place:</b> %1").replace("%1", _html(view.place or "—"))
            + (f" · <a href=\"{_html(view.online_link)}\">{_html(view.online_link)}</a>" if view.online_link else ""),
            self.tr("<b>Chair:</b> %1").replace("%1", _html(view.chair_name or "—"))
            + " · " + self.tr("<b>Secretary:</b> %1").replace("%1", _html(view.secretary_name or "—"))
            + " · " + _html(kind_label(view.kind)),
        ]
        if view.me is not None:
            said = view.me.substitute_name or view.me.answer_reason
            lines.append(
                self.tr("<b>You:</b> %1, %2").replace("%1", role_label(view.me.role))
                .replace("%2", answer_label(view.me.answer) + (f" — {_html(said)}" if said else ""))
            )
        if view.notes:
            lines.append(self.tr("<b>Notes:</b> %1").replace("%1", _html(view.notes)))
        self.facts.setText("<br>".join(lines))
        if view.state in ("postponed", "cancelled"):
            self.notice.setText(
                self.tr("%1: %2").replace("%1", state_label(view.state)).replace("%2", view.state_reason or "—")
            )
            self.notice.show()
        else:
            self.notice.hide()
        roots = [item for sitting in view.sittings for item in view.agenda.get(sitting.id, [])]
        self.agenda.set_agenda(roots, dated=len({local(s.starts_at).date() for s in view.sittings}) > 1)
        self.tree.expandAll()
        documents = view.documents()
        unread = sum(1 for d in documents if d.state == UNREAD and d.readable)
        updated = sum(1 for d in documents if d.state == UPDATED)
        self.unread_label.setText(
            self.tr("%1 documents: %2 not read, %3 updated").replace("%1", str(len(documents)))
            .replace("%2", str(unread)).replace("%3", str(updated))
        )
        if keep is not None and (index := self.agenda.find(keep.id)).isValid():
            self.tree.setCurrentIndex(index)
        current_person = self.participants.current()
        self.people.set_rows(view.participants)
        if current_person is not None:
            row = next((n for n, p in enumerate(view.participants) if p.id == current_person.id), -1)
            if row >= 0:
                self.people_table.selectRow(row)
        self.answers.setText(
            self.tr("%1 participants").replace("%1", str(len(view.participants))) + ": "
            + answer_counts(view.participants)
        )
        self.answer_button.setVisible(view.me is not None and view.state in ANSWERABLE)
        live = view.state in SESSION_STATES
        chair = view.organiser or (view.me is not None and view.me.role in ("chair", "secretary"))
        self.console_button.setVisible(chair)
        self.console_button.setEnabled(live)
        self.join_button.setVisible(view.me is not None)
        self.minutes_button.setVisible(view.organiser and view.state in MINUTES_STATES)
        self.join_button.setEnabled(live)
        self.edit_button.setVisible(view.organiser and view.state in EDITABLE)
        self.participants.show_for(view.state, view.organiser)
        self.people_toolbar.setVisible(view.organiser)
        states = self.participants.state_actions.values()
        self.state_button.setVisible(view.organiser and any(a.isVisible() for a in states))
        self.tabs.setTabVisible(self.reading_tab, view.organiser)
        self._show_organiser_tools(view.organiser)
        self.comments.set_rows(data.comments)
        self.tabs.setTabVisible(self.comments_tab, view.organiser or bool(data.comments))
        self.opinions.show_meeting(view.id, view.organiser)
        chairs = view.me is not None and view.me.role == "chair"
        self.tasks.show_meeting(view.id, view.organiser, (view.organiser or chairs) and view.state in TASK_STATES)
        if self.select_after_load and (found := self.agenda.find_item(self.select_after_load)).isValid():
            self.tree.setCurrentIndex(found)
            self.select_after_load = ""
        selected = self.reading_table.currentIndex().row()
        self.reading.set_rows(data.readers)
        if data.readers:
            self.reading_table.selectRow(max(0, min(selected, len(data.readers) - 1)))
            self._show_readers(self.reading_table.currentIndex())
        else:
            self.readers.set_document(None)
        self.loaded.emit()

    def _show_organiser_tools(self, organiser: bool) -> None:
        """The editing tools are the organisers' (access.organises); a delegate reads and comments."""
        self.agenda.editable = organiser
        self.toolbar.setVisible(organiser)
        self.documents_toolbar.setVisible(organiser)
        for action in (*self.editor.actions, *self.documents.actions):
            action.setEnabled(organiser)
        self.tree.setDragEnabled(organiser)
        self.tree.setAcceptDrops(organiser)
        self.tree.viewport().setAcceptDrops(organiser)
        self.invitation_button.setVisible(organiser)
        self.cards_button.setVisible(organiser)

    def _context_menu(self, pos: Any) -> None:
        menu = QMenu(self)
        if self.data is not None and self.data.view.organiser:
            for action in self.editor.actions:
                menu.addAction(action)
            menu.addSeparator()
            for action in self.documents.actions:
                menu.addAction(action)
            menu.addSeparator()
        menu.addAction(self.tr("Comment…"), self.comments.write_comment)
        self.menu = menu
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    def _show_readers(self, index: Any) -> None:
        self.readers.set_document(self.reading.row(index))

    # ------------------------------------------------------------------ the live session

    def open_minutes(self) -> None:
        """The minutes editor of this meeting (the organisers': chair, secretary, office)."""
        from eoffice.ui.meetings.minutes_editor import MinutesEditor

        if self.data is None or not self.data.view.organiser:
            return
        view = self.data.view
        if self.minutes_window is None or self.minutes_window.meeting_id != view.id:
            self.minutes_window = MinutesEditor(self.window_, view.id, view.title)
            self.minutes_window.load()
        self.minutes_window.show()
        self.minutes_window.raise_()
        self.minutes_window.activateWindow()

    def open_session(self, chair: bool) -> None:
        """The chair's console or the delegate's view of this meeting's session (online)."""
        from eoffice.meetings.models import Meeting
        from eoffice.meetings.rules import RuleSet, defaults_for
        from eoffice.ui.meetings.session.live import NEEDS_SERVER, LiveSession

        if self.data is None or self.data.view.state not in SESSION_STATES:
            return
        window = self.window_
        if window.account is None:
            window.show_domain_error(NEEDS_SERVER)
            return
        view = self.data.view

        def rules_of(session: Session) -> RuleSet:
            meeting = session.get(Meeting, view.id)
            rules = RuleSet.from_json(meeting.vote_rules) if meeting is not None else RuleSet(None, ())
            return rules if rules.votes or rules.quorum else defaults_for(view.kind)

        def opened(rules: RuleSet) -> None:
            from eoffice.ui.meetings.session.console import ChairConsole
            from eoffice.ui.meetings.session.delegate import DelegateView

            live = LiveSession(window, view.id)
            screen = ChairConsole(window, live, view, rules) if chair else DelegateView(window, live, view)
            self.session_window = screen
            screen.show()
            screen.raise_()
            screen.activateWindow()
            live.load()

        self.worker.read("meeting_rules", rules_of, opened)

    # ------------------------------------------------------------------ documents

    def current_document(self) -> DocumentView | None:
        node = self.agenda.node(self.tree.currentIndex())
        return node if isinstance(node, DocumentView) else None

    def open_current(self) -> None:
        doc = self.current_document()
        if doc is not None:
            self.open_document(doc)

    def open_document(self, doc: DocumentView) -> None:
        """The newest version in the reader; fetched first when it is not on this computer."""
        if not doc.readable:
            self.window_.show_domain_error(DomainError(
                "Tài liệu này chưa được phát hành cho người dự họp.",
                "This document is not released to the participants yet.",
            ))
            return
        path = self.window_.blobs.path_for(doc.digest)
        if path.exists():
            self._read(doc, path)
            return
        account = self.window_.account
        if account is None or not doc.digest:
            self.window_.show_domain_error(DomainError(
                "Tài liệu chưa tải về máy; cần kết nối để tải.",
                "The document is not downloaded to this computer yet; a connection is needed to fetch it.",
            ))
            return
        self.window_.statusBar().showMessage(self.tr("Downloading the document…"), 10_000)

        def fetched(_count: int) -> None:
            if path.exists():
                self._read(doc, path)
            else:
                self.window_.show_domain_error(DomainError(
                    "Chưa tải được tài liệu; eOffice sẽ thử lại khi có mạng.",
                    "The document could not be downloaded; eOffice will try again when online.",
                ))

        self.window_.network.run("fetch_meeting_document", lambda: account.fetch_files([doc.digest]), fetched)

    def _read(self, doc: DocumentView, path: Any) -> None:
        from eoffice.ui.pdf.reader import open_reader

        title = doc.title + (f" (v{doc.version})" if doc.version > 1 else "")
        from eoffice.ui.meetings.reader_notes import attach_notes

        self.reader = open_reader(path, title, self.window())
        self.notes = attach_notes(self.reader, self, doc)
        if doc.state != "read":
            self.record_read(doc)
        self.document_opened.emit(doc.id)

    def record_read(self, doc: DocumentView) -> None:
        """The first opening (or the first of a newer version), as an operation."""
        if RecordRead.kind not in registry.kinds():
            log.info("read receipts are not applied by this build; %s not recorded", doc.id)
            return
        op = RecordRead(
            op_id=new_id(), document_id=doc.id, version=doc.version,
            opened_at=datetime.now().astimezone().isoformat(timespec="seconds"),
        )

        def failed(error: BaseException) -> bool:
            if isinstance(error, DomainError):  # the reading goes on; the receipt is not the point
                log.warning("read receipt refused: %s", error.message(current_language()))
                return True
            return False

        self.worker.submit("meeting_record_read", self.user_id, lambda _s: op, None, failed)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

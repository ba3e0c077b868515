"""Written opinions between meetings (Lấy ý kiến bằng văn bản) on screen: the meeting
page's "Lấy ý kiến" tab, the chair's dialog that sends a question, the member's answer
dialog, the result table, the result's PDF, and the reminders in the notifications.

The tab lists the meeting's polls that I was asked or run. Picking one shows its
question, deadline, documents and, once closed (or at once for the organisers), the
result: counts, percentages of the members asked and the verdict; the organisers also
see who answered what. Enter (or "Trả lời…") answers with three choices reachable by
Alt+1, 2, 3 and a text field. An answer is an operation like any other: offline it waits in
the outbox.

Reminders (``meetings.opinions.reminders``) are read from this desk's rows, offline too,
after each change of the polls and every few minutes: one notification per poll and
stage (due soon, missed, to close), once per run of the app.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.meetings import opinions
from eoffice.meetings.meeting_files import prepare_pdf
from eoffice.meetings.models import Meeting, MeetingDocument, MeetingDocumentVersion
from eoffice.meetings.opinion_models import OpinionAnswer, OpinionDocument, OpinionPoll
from eoffice.meetings.opinion_paper import record_of, render_result
from eoffice.meetings.opinion_signing import sign_answer
from eoffice.meetings.operations import AnswerOpinionPoll, CloseOpinionPoll, OpinionFile, SendOpinionPoll
from eoffice.meetings.rules import RuleSet, defaults_for
from eoffice.meetings.values import VIETNAM, vietnam
from eoffice.ops.values import FileRef, Id
from eoffice.ui.meetings.buttons import ok_cancel
from eoffice.store.base import new_id
from eoffice.ui.meetings.labels import day_time
from eoffice.ui.rows import QT_TRANSLATE_NOOP, Column, RowsModel, text_column
from eoffice.ui.sync.notifications import Notification, register_event_text

#: The tables this tab shows (the section refreshes on their changes).
TABLES = frozenset(m.__tablename__ for m in (OpinionPoll, OpinionDocument, OpinionAnswer))
SAID_FOR = 6000
#: How often the reminders are looked at again (a deadline comes without any change).
REMIND_EVERY_MS = 5 * 60 * 1000


def choice_label(choice: str) -> str:
    return {
        "agree": QCoreApplication.translate("Opinions", "Agree"),
        "disagree": QCoreApplication.translate("Opinions", "Disagree"),
        "other": QCoreApplication.translate("Opinions", "Other opinion"),
        "none": QCoreApplication.translate("Opinions", "Not answered"),
        "": QCoreApplication.translate("Opinions", "Not answered"),
    }.get(choice, choice)


def state_label(view: opinions.PollView) -> str:
    if view.state == "closed":
        return QCoreApplication.translate("Opinions", "Closed")
    if view.past_deadline:
        return QCoreApplication.translate("Opinions", "Past the deadline")
    return QCoreApplication.translate("Opinions", "Open")


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class RuleChoice:
    key: str
    label: str


@dataclass(frozen=True)
class MeetingFile:
    """A meeting document's current version, which a poll may send again."""

    title: str
    file: FileRef


@dataclass
class OpinionsData:
    polls: list[opinions.PollView]
    now: datetime
    rules: list[RuleChoice] = field(default_factory=list)
    files: list[MeetingFile] = field(default_factory=list)


def load(session: Session, user_id: str, meeting_id: str, now: datetime, organiser: bool) -> OpinionsData:
    views = [opinions.poll_view(session, user_id, p.id, now) for p in opinions.polls_for(session, user_id, meeting_id)]
    data = OpinionsData(views, now)
    meeting = session.get(Meeting, meeting_id)
    if organiser and meeting is not None:
        rules = RuleSet.from_json(meeting.vote_rules)
        rules = rules if rules.votes else defaults_for(meeting.kind)
        data.rules = [RuleChoice(r.key, r.label) for r in rules.votes]
        rows = session.execute(
            select(MeetingDocument.title, MeetingDocumentVersion)
            .join(MeetingDocumentVersion, (MeetingDocumentVersion.meeting_document_id == MeetingDocument.id)
                  & (MeetingDocumentVersion.version == MeetingDocument.version))
            .where(MeetingDocument.meeting_id == meeting_id, MeetingDocument.deleted.is_(False))
            .order_by(MeetingDocument.item_id, MeetingDocument.position)
        ).all()
        data.files = [
            MeetingFile(title, FileRef(v.digest, v.filename, v.size, v.page_count)) for title, v in rows
        ]
    return data


# --------------------------------------------------------------------------- models


class PollsModel(RowsModel[opinions.PollView]):
    columns = (
        text_column(QT_TRANSLATE_NOOP("PollsModel", "Question"), lambda v: v.question, name="question"),
        Column(QT_TRANSLATE_NOOP("PollsModel", "Deadline"), lambda v: day_time(v.deadline), name="deadline"),
        Column(QT_TRANSLATE_NOOP("PollsModel", "State"), state_label, name="state"),
        Column(QT_TRANSLATE_NOOP("PollsModel", "My answer"),
               lambda v: choice_label(v.mine.choice) if v.mine is not None else ("—" if not v.asked
                                                                                  else choice_label("")),
               name="mine"),
    )


@dataclass(frozen=True)
class ResultLine:
    choice: str
    count: int
    percent: str


class ResultModel(RowsModel[ResultLine]):
    columns = (
        Column(QT_TRANSLATE_NOOP("ResultModel", "Answer"), lambda r: choice_label(r.choice), name="choice"),
        Column(QT_TRANSLATE_NOOP("ResultModel", "Count"), lambda r: str(r.count), name="count",
               alignment=Qt.AlignmentFlag.AlignCenter),
        Column(QT_TRANSLATE_NOOP("ResultModel", "% of members asked"), lambda r: f"{r.percent} %", name="percent",
               alignment=Qt.AlignmentFlag.AlignCenter),
    )


class AnswersModel(RowsModel[opinions.AnswerRow]):
    columns = (
        text_column(QT_TRANSLATE_NOOP("AnswersModel", "Member"), lambda a: a.full_name, name="name"),
        Column(QT_TRANSLATE_NOOP("AnswersModel", "Answer"), lambda a: choice_label(a.choice), name="choice"),
        text_column(QT_TRANSLATE_NOOP("AnswersModel", "Opinion"), lambda a: a.text, name="text"),
        Column(QT_TRANSLATE_NOOP("AnswersModel", "Answered at"),
               lambda a: day_time(a.answered_at) if a.answered_at is not None else "", name="at"),
        Column(QT_TRANSLATE_NOOP("AnswersModel", "Signed with e-card"), lambda a: a.signed_by, name="signed"),
    )


# --------------------------------------------------------------------------- dialogs


class AnswerDialog(QDialog):
    """"Trả lời phiếu lấy ý kiến": agree, disagree, or another opinion written out (Alt+1, 2, 3)."""

    def __init__(self, question: str, mine: opinions.AnswerRow | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Answer the written opinion poll"))
        self.setObjectName("opinionAnswerDialog")
        asked = QLabel(question, self)
        asked.setWordWrap(True)
        font = asked.font()
        font.setBold(True)
        asked.setFont(font)
        self.agree = QRadioButton(self.tr("Agree (&1)"), self)
        self.disagree = QRadioButton(self.tr("Disagree (&2)"), self)
        self.other = QRadioButton(self.tr("Other opinion (&3)"), self)
        self.group = QButtonGroup(self)
        for button in (self.agree, self.disagree, self.other):
            self.group.addButton(button)  # one choice; the arrows move between them, Alt+1, 2, 3 pick
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("opinionText")
        self.text.setPlaceholderText(self.tr("Your opinion (required for another opinion)"))
        self.text.setTabChangesFocus(True)
        self.sign = QCheckBox(self.tr("Also sign with my e-card (&K)"), self)
        self.sign.setObjectName("opinionSign")
        self.sign.setToolTip(self.tr("Optional: your answer is signed in with your account already"))
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b71c1c")
        self.error.setWordWrap(True)
        self.error.hide()
        chosen = {"agree": self.agree, "disagree": self.disagree, "other": self.other}
        first = chosen.get(mine.choice, self.agree) if mine is not None else self.agree
        first.setChecked(True)
        if mine is not None:
            self.text.setPlainText(mine.text)
        self.buttons = ok_cancel(self, self.tr("Send answer"))
        self.buttons.accepted.connect(self._accept)
        layout = QVBoxLayout(self)
        layout.addWidget(asked)
        for button in (self.agree, self.disagree, self.other):
            layout.addWidget(button)
        layout.addWidget(QLabel(self.tr("&Opinion:"), self, buddy=self.text))
        layout.addWidget(self.text)
        layout.addWidget(self.sign)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        first.setFocus()

    def choice(self) -> str:
        if self.other.isChecked():
            return "other"
        return "disagree" if self.disagree.isChecked() else "agree"

    def _accept(self) -> None:
        if self.choice() == "other" and not self.text.toPlainText().strip():
            self.error.setText(self.tr("Write the other opinion."))
            self.error.show()
            self.text.setFocus()
            return
        self.accept()


class SendDialog(QDialog):
    """"Gửi phiếu lấy ý kiến": the question, its explanation, the deadline, the rule that
    decides it, and the documents (the meeting's own, ticked, or PDF files added)."""

    def __init__(self, data: OpinionsData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Send a written opinion poll"))
        self.setObjectName("opinionSendDialog")
        self.setMinimumWidth(560)
        self.question = QLineEdit(self)
        self.question.setObjectName("opinionQuestion")
        self.question.setMaxLength(1000)
        self.details = QPlainTextEdit(self)
        self.details.setTabChangesFocus(True)
        self.details.setMaximumHeight(90)
        self.deadline = QDateTimeEdit(self)
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("HH:mm dd/MM/yyyy")
        start = (datetime.now(VIETNAM) + timedelta(days=3)).replace(hour=17, minute=0, second=0, microsecond=0)
        self.deadline.setDateTime(QDateTime(start.replace(tzinfo=None)))
        self.rule = QComboBox(self)
        for rule in data.rules:
            self.rule.addItem(rule.label, rule.key)
        self.files = QListWidget(self)
        self.files.setObjectName("opinionFiles")
        self.files.setMaximumHeight(120)
        for f in data.files:
            item = QListWidgetItem(f.title, self.files)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, f)
        self.add_button = QPushButton(self.tr("Add &PDF files…"), self)
        self.add_button.clicked.connect(self._pick)
        #: PDF files from disk, stored when the poll is sent.
        self.paths: list[Path] = []
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b71c1c")
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Question:"), self.question)
        form.addRow(self.tr("&Explanation:"), self.details)
        form.addRow(self.tr("&Deadline:"), self.deadline)
        form.addRow(self.tr("Decided &by:"), self.rule)
        form.addRow(self.tr("Documents:"), self.files)
        form.addRow("", self.add_button)
        self.buttons = ok_cancel(self, self.tr("Send"))
        self.buttons.accepted.connect(self._accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _pick(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Add PDF documents"), "", self.tr("PDF (*.pdf)"))
        self.add_paths([Path(n) for n in names])

    def add_paths(self, paths: list[Path]) -> None:
        for path in paths:
            self.paths.append(path)
            item = QListWidgetItem(path.name, self.files)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, path)

    def chosen(self) -> list[Any]:
        """The ticked meeting files (``MeetingFile``) and paths (``Path``), in the list's order."""
        return [
            self.files.item(n).data(Qt.ItemDataRole.UserRole) for n in range(self.files.count())
            if self.files.item(n).checkState() == Qt.CheckState.Checked
        ]

    def deadline_text(self) -> str:
        picked = self.deadline.dateTime().toPython().replace(second=0, microsecond=0)
        return picked.replace(tzinfo=VIETNAM).isoformat(timespec="seconds")

    def _accept(self) -> None:
        if not self.question.text().strip():
            self.error.setText(self.tr("Enter the question."))
            self.error.show()
            self.question.setFocus()
            return
        self.accept()


class CardDialog(QDialog):
    """Signing an answer with an e-card (or a certificate file): choose the key, type the
    PIN; ``signed(signature)`` once the answer's text is signed (``opinion_signing``)."""

    signed = Signal(str)

    def __init__(
        self, poll_id: str, user_id: str, choice: str, text: str, *, module_paths: list[str],
        pkcs12_files: list[Path], trust_store: list[Any], parent: QWidget | None = None,
    ) -> None:
        from eoffice.ui.signing.key_chooser import KeyChooser
        from eoffice.ui.signing.sign_dialog import ask_pin
        from eoffice.ui.tasks import TaskRunner

        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign the answer with the e-card"))
        self.setObjectName("opinionCardDialog")
        self.answer = (poll_id, user_id, choice, text)
        self.trust_store = trust_store
        self.runner = TaskRunner(self)
        self.chooser = KeyChooser(module_paths, self.runner, self, pkcs12_files=pkcs12_files)
        #: Asks for the PIN; replaced in tests, where no modal dialog can be typed in.
        self.ask_pin = ask_pin
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b71c1c")
        self.error.setWordWrap(True)
        self.buttons = ok_cancel(self, self.tr("Sign and send"))
        self.buttons.accepted.connect(self.start)
        layout = QVBoxLayout(self)
        layout.addWidget(self.chooser)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if module_paths:
            self.chooser.refresh()

    def start(self) -> None:
        from eoffice.signing.keys import open_key
        from eoffice.signing.tokens import PinState, token_pin_state

        choice = self.chooser.current()
        if choice is None:
            self.error.setText(self.tr("Choose the e-card or the certificate file to sign with."))
            return
        state = token_pin_state(choice.module, choice.token_label) if choice.kind == "pkcs11" else PinState()
        asked = self.ask_pin(self, choice, state)
        if asked is None:
            return
        secret, confirmed = [asked[0]], asked[1]
        poll_id, user_id, chosen, text = self.answer
        trust = self.trust_store

        def job() -> str:
            with open_key(choice, secret.pop(), confirm_final_try=confirmed, trust_store=trust) as key:
                key.check_usable()
                return sign_answer(key, poll_id, user_id, chosen, text)

        self.buttons.setEnabled(False)
        self.runner.run("sign the answer", job, self._signed, self._failed)

    def _signed(self, signature: str) -> None:
        self.signed.emit(signature)
        self.accept()

    def _failed(self, err: BaseException) -> bool:
        from eoffice.errors import DomainError
        from eoffice.ui.i18n import current_language

        self.buttons.setEnabled(True)
        if isinstance(err, DomainError):
            self.error.setText(err.message(current_language()))
            return True
        return False


# --------------------------------------------------------------------------- the tab


class OpinionsPanel(QWidget):
    """The meeting page's "Lấy ý kiến" tab."""

    #: A refresh is on screen (tests wait on it).
    loaded = Signal()
    #: The result's PDF was written (its path).
    exported = Signal(str)
    #: The e-card dialog is open (tests drive it).
    card_opened = Signal(object)

    def __init__(self, page: Any) -> None:
        super().__init__(page)
        self.page = page
        self.meeting_id = ""
        self.organiser = False
        self.data: OpinionsData | None = None
        self.dialog: QDialog | None = None
        self.card: CardDialog | None = None
        self._generation = 0
        self.polls = PollsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("opinionPolls")
        self.table.setModel(self.polls)
        self.results = ResultModel(self)
        self.result_table = QTableView(self)
        self.result_table.setObjectName("opinionResult")
        self.result_table.setModel(self.results)
        self.answers = AnswersModel(self)
        self.answers_table = QTableView(self)
        self.answers_table.setObjectName("opinionAnswers")
        self.answers_table.setModel(self.answers)
        for table, stretch in ((self.table, 0), (self.result_table, 0), (self.answers_table, 2)):
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.verticalHeader().hide()
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.facts = QLabel(self)
        self.facts.setObjectName("opinionFacts")
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.verdict = QLabel(self)
        self.verdict.setObjectName("opinionVerdict")
        self.verdict.setWordWrap(True)
        self.act_send = QAction(self.tr("Send written opinion poll…"), self)
        self.act_send.setToolTip(self.tr("Ask the members in writing, with documents and a deadline"))
        self.act_send.triggered.connect(self.send_poll)
        self.act_answer = QAction(self.tr("Answer…"), self)
        self.act_answer.setToolTip(self.tr("Agree, disagree or give another opinion (Enter)"))
        self.act_answer.triggered.connect(self.answer_current)
        self.act_close = QAction(self.tr("Close and publish result"), self)
        self.act_close.setToolTip(self.tr("No more answers; the members receive the result"))
        self.act_close.triggered.connect(self.close_current)
        self.act_export = QAction(self.tr("Export result (PDF)…"), self)
        self.act_export.triggered.connect(self.export_current)
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("opinionsToolbar")
        for action in (self.act_send, self.act_answer, self.act_close, self.act_export):
            self.toolbar.addAction(action)
        self.table.activated.connect(lambda _i: self.answer_current())
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show_current())
        below = QWidget(self)
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.facts)
        below_layout.addWidget(self.result_table)
        below_layout.addWidget(self.verdict)
        below_layout.addWidget(self.answers_table, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(below)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(split, 1)
        self._enable()

    # ------------------------------------------------------------------ reading

    def show_meeting(self, meeting_id: str, organiser: bool) -> None:
        self.meeting_id, self.organiser = meeting_id, organiser
        self.refresh()

    def refresh(self) -> None:
        if not self.meeting_id:
            return
        user_id, meeting_id, organiser = self.page.user_id, self.meeting_id, self.organiser
        now = datetime.now(timezone.utc)
        self._generation += 1
        generation = self._generation

        def show(data: OpinionsData) -> None:
            if generation == self._generation:
                self._show(data)

        self.page.worker.read("meeting_opinions", lambda s: load(s, user_id, meeting_id, now, organiser), show)

    def _show(self, data: OpinionsData) -> None:
        keep = self.current()
        self.data = data
        self.polls.set_rows(data.polls)
        row = next((n for n, v in enumerate(data.polls) if keep is not None and v.id == keep.id), 0)
        if data.polls:
            self.table.selectRow(row)
        self._show_current()
        self.loaded.emit()

    def current(self) -> opinions.PollView | None:
        index = self.table.currentIndex()
        return self.polls.row(index) if index.isValid() else None

    def _show_current(self) -> None:
        view = self.current()
        if view is None:
            self.facts.setText(self.tr("No written opinion poll for this meeting yet."))
            self.results.set_rows([])
            self.answers.set_rows([])
            self.verdict.clear()
            self._enable()
            return
        lines = [
            self.tr("<b>Question:</b> %1").replace("%1", _html(view.question)),
            self.tr("<b>Deadline:</b> %1").replace("%1", day_time(view.deadline)),
            self.tr("<b>Decided by:</b> %1").replace("%1", _html(view.rule_label)),
        ]
        if view.details:
            lines.insert(1, _html(view.details))
        if view.documents:
            names = ", ".join(_html(d.title) for d in view.documents)
            lines.append(self.tr("<b>Documents:</b> %1").replace("%1", names))
        if view.mine is not None:
            said = choice_label(view.mine.choice) + (f" — {_html(view.mine.text)}" if view.mine.text else "")
            lines.append(self.tr("<b>Your answer:</b> %1").replace("%1", said))
        self.facts.setText("<br>".join(lines))
        result = view.result
        if result is None:
            self.results.set_rows([])
            self.verdict.setText(self.tr("The result is published when the poll closes."))
        else:
            self.results.set_rows([
                ResultLine(key, result.counts.get(key, 0), result.percents.get(key, "0.00"))
                for key in opinions.COUNTED
            ])
            text = self.tr("%1 of %2 members answered. Result: %3 (at least %4 in agreement needed)")
            text = (text.replace("%1", str(result.answered)).replace("%2", str(result.asked))
                    .replace("%3", result.verdict).replace("%4", str(result.needed)))
            if view.state != "closed":
                text += " — " + self.tr("provisional")
            self.verdict.setText(text)
        self.answers.set_rows(view.answers)
        self.answers_table.setVisible(view.organiser)
        self._enable()

    def _enable(self) -> None:
        view = self.current()
        self.act_send.setVisible(self.organiser)
        self.act_close.setVisible(self.organiser)
        self.act_export.setVisible(self.organiser)
        self.act_answer.setEnabled(view is not None and view.answerable)
        self.act_close.setEnabled(view is not None and view.organiser and view.state == "open")
        self.act_export.setEnabled(view is not None and view.organiser)

    # ------------------------------------------------------------------ acting

    def _status(self, text: str) -> None:
        self.page.window_.statusBar().showMessage(text, SAID_FOR)

    def send_poll(self) -> None:
        if self.data is None or not self.organiser:
            return
        dialog = SendDialog(self.data, self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.send(dialog))
        dialog.open()

    def send(self, dialog: SendDialog) -> None:
        """Store the files picked from disk, then send the poll (one operation)."""
        page = self.page
        blobs, worker, user_id, meeting_id = page.window_.blobs, page.worker, page.user_id, self.meeting_id
        chosen = dialog.chosen()
        question, details = dialog.question.text().strip(), dialog.details.toPlainText().strip()
        deadline, rule = dialog.deadline_text(), str(dialog.rule.currentData() or "")

        def job() -> str:
            files = []
            for picked in chosen:
                if isinstance(picked, Path):
                    ref = prepare_pdf(picked, blobs)  # refuses a non-PDF before anything is sent
                    files.append(OpinionFile(Id(new_id()), Path(ref.filename).stem[:500], ref))
                else:
                    files.append(OpinionFile(Id(new_id()), picked.title[:500], picked.file))
            op = SendOpinionPoll(Id(new_id()), Id(new_id()), Id(meeting_id), question, deadline, details, rule,
                                 tuple(files))
            worker.apply_operations(user_id, [op])
            return op.poll_id

        worker.call("meeting_opinion_send", job, lambda _id: self._status(self.tr("Written opinion poll sent")))

    def answer_current(self) -> None:
        view = self.current()
        if view is None or not view.answerable:
            return
        dialog = AnswerDialog(view.question, view.mine, self)
        self.dialog = dialog

        def ok() -> None:
            choice, text = dialog.choice(), dialog.text.toPlainText().strip()
            if dialog.sign.isChecked():
                self.sign_with_card(view.id, choice, text)
            else:
                self.send_answer(view.id, choice, text)

        dialog.accepted.connect(ok)
        dialog.open()

    def send_answer(self, poll_id: str, choice: str, text: str, signature: str = "") -> None:
        op = AnswerOpinionPoll(Id(new_id()), Id(poll_id), choice, text, signature)
        self.page.worker.submit(op.kind, self.page.user_id, lambda _s: op,
                                lambda _r: self._status(self.tr("Answer sent")))

    def sign_with_card(self, poll_id: str, choice: str, text: str) -> None:
        """The card dialog over the same answer; the answer goes once it is signed."""
        from eoffice.signing.settings import load_settings
        from eoffice.signing.trust import trusted_roots

        window, user_id = self.page.window_, self.page.user_id
        signing = next((section for section in window.sections if section.name == "signing"), None)
        files = list(getattr(signing, "key_files", []))  # the user's certificate files, as "Ký số" offers them

        def show(roots: list[Any]) -> None:
            dialog = CardDialog(poll_id, user_id, choice, text, module_paths=list(load_settings().pkcs11_modules),
                                pkcs12_files=files, trust_store=roots, parent=self)
            self.card = dialog
            dialog.signed.connect(lambda signature: self.send_answer(poll_id, choice, text, signature))
            dialog.open()
            self.card_opened.emit(dialog)

        self.page.worker.read("trusted_roots", trusted_roots, show)

    def close_current(self) -> None:
        view = self.current()
        if view is None or not view.organiser or view.state != "open":
            return
        op = CloseOpinionPoll(Id(new_id()), Id(view.id))

        def done(result: Any) -> None:
            applied = result[1] if isinstance(result, tuple) else result
            if getattr(applied, "data", {}).get("pending"):
                self._status(self.tr("The poll closes when the server receives it"))
            else:
                self._status(self.tr("Poll closed; the result is published"))

        self.page.worker.submit(op.kind, self.page.user_id, lambda _s: op, done)

    def export_current(self) -> None:
        view = self.current()
        if view is None or not view.organiser:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export result"), "ket-qua-lay-y-kien.pdf", self.tr("PDF (*.pdf)")
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        """Write the current poll's result as a PDF at ``path``."""
        view = self.current()
        if view is None:
            return
        user_id, poll_id, now = self.page.user_id, view.id, datetime.now(timezone.utc)

        def written(data: bytes) -> None:
            path.write_bytes(data)
            self._status(self.tr("Result exported: %1").replace("%1", str(path)))
            self.exported.emit(str(path))

        self.page.worker.read("meeting_opinion_pdf", lambda s: render_result(record_of(s, user_id, poll_id, now)),
                              written)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --------------------------------------------------------------------------- reminders


class OpinionReminders(QObject):
    """Tells the user, in the notifications, of the polls due soon they have not answered,
    those they missed, and (organisers) those past their deadline to close; each once."""

    #: A look at the reminders is done (tests wait on it).
    checked = Signal()

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.told: set[tuple[str, str]] = set()
        self.timer = QTimer(self)
        self.timer.setInterval(REMIND_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        QTimer.singleShot(0, self.check)

    def check(self) -> None:
        user_id = self.window.user_id
        now = datetime.now(timezone.utc)

        def show(found: list[opinions.Reminder]) -> None:
            for reminder in found:
                key = (reminder.poll_id, reminder.stage)
                if key not in self.told:
                    self.told.add(key)
                    self._tell(reminder_notification(reminder))
            self.checked.emit()

        self.window.worker.read("meeting_opinion_reminders", lambda s: opinions.reminders(s, user_id, now), show)

    def _tell(self, item: Notification) -> None:
        """In the bell's list with a toast on a desk that syncs; in the status bar on a
        standalone desk (it has no notifications)."""
        if getattr(self.window, "account", None) is not None:
            self.window.notify(item)
        else:
            self.window.statusBar().showMessage(item.text, 4 * SAID_FOR)

    def stop(self) -> None:
        self.timer.stop()


def reminder_notification(reminder: opinions.Reminder) -> Notification:
    deadline = f"{vietnam(reminder.deadline):%H:%M %d/%m/%Y}"
    if reminder.stage == opinions.DUE:
        text = QCoreApplication.translate("Opinions", "Written opinion poll due %1, not yet answered: %2")
    elif reminder.stage == opinions.MISSED:
        text = QCoreApplication.translate("Opinions", "Written opinion poll overdue since %1, not answered: %2")
    else:
        text = QCoreApplication.translate(
            "Opinions", "Written opinion poll past its deadline (%1), %3 not answered: close it and publish the "
            "result: %2"
        ).replace("%3", str(reminder.missing))
    return Notification(text.replace("%1", deadline).replace("%2", reminder.question),
                        warning=reminder.stage != opinions.DUE)


def _event_text(kind: str, payload: dict[str, Any]) -> Notification:
    question = str(payload.get("question") or "")
    if kind == "meeting.opinion_closed":
        text = QCoreApplication.translate("Opinions", "Written opinion poll closed: %1 — %2")
        return Notification(text.replace("%1", question).replace("%2", str(payload.get("verdict") or "")))
    try:
        deadline = f"{vietnam(datetime.fromisoformat(str(payload.get('deadline')))):%H:%M %d/%m/%Y}"
    except ValueError:
        deadline = ""
    text = QCoreApplication.translate("Opinions", "Your written opinion is asked, by %1: %2")
    return Notification(text.replace("%1", deadline).replace("%2", question))


register_event_text(("meeting.opinion_asked", "meeting.opinion_closed"), _event_text)

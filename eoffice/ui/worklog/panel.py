"""The Diary section: a week (or a day) of a diary, quick-add, drafts, conflicts, review.

Everything it reads comes in one read job per refresh (``load``); every action is an
operation submitted through the window's worker, so it syncs like the documents' ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from eoffice.directory.models import User
from eoffice.errors import DomainError, ValidationError
from eoffice.store.base import new_id
from eoffice.ui.documents.forms import TextDialog
from eoffice.ui.i18n import current_language
from eoffice.ui.tasks import DbWorker
from eoffice.ui.worklog.dialogs import EntryDialog, ReportDialog, add_op, update_op
from eoffice.ui.worklog.models import (
    CATEGORIES,
    DraftsModel,
    EntriesModel,
    PeopleModel,
    category_label,
    conflict_label,
    duration_label,
    time_label,
    weekday_label,
)
from eoffice.worklog import operations as wops
from eoffice.worklog import review
from eoffice.worklog.drafting import Draft, propose
from eoffice.worklog.entries import KEEP_COPY, KEEP_ORIGINAL, EntryFields, recurring_to_copy
from eoffice.worklog.timeparse import parse_quick
from eoffice.worklog.views import EntryView, PersonWeek, WeekView, diary_people, unit_week, week_view
from eoffice.worklog.weeks import week_start

BANNER = "QLabel#{name} {{ background: {bg}; color: {fg}; padding: 5px; border-radius: 3px; }}"


@dataclass
class Loaded:
    """One refresh's worth of reading."""

    user_id: str
    view: WeekView
    drafts: list[Draft] = field(default_factory=list)
    recurring: list[str] = field(default_factory=list)  # ids to copy to the selected day
    people: list[tuple[str, str, str]] = field(default_factory=list)
    unit: list[PersonWeek] = field(default_factory=list)
    units: list[tuple[str, str]] = field(default_factory=list)  # units the viewer may report on


def load(session: Session, viewer_id: str, owner_id: str, day: date) -> Loaded:
    view = week_view(session, viewer_id, owner_id, day)
    out = Loaded(viewer_id, view, people=diary_people(session, viewer_id))
    if owner_id == viewer_id:
        out.drafts = [d for d in propose(session, owner_id, day) if view.editable]
        out.recurring = [e.id for e in recurring_to_copy(session, owner_id, day)]
    if len(out.people) > 1:
        out.unit = unit_week(session, viewer_id, day)
        out.units = review.led_units(session, session.get(User, viewer_id))
    return out


class DiaryPanel(QWidget):
    """One user's diary (and, for a leader, the diaries of the people they lead)."""

    #: After a refresh has put what was read on screen (tests wait on it).
    loaded = Signal()
    #: After an action of this panel was applied (the window's section refreshes it then,
    #: from what the operation changed).
    changed = Signal(str)

    def __init__(
        self, worker: DbWorker, user_id: str, parent: QWidget | None = None, *, today: date | None = None,
        load: bool = True,
    ) -> None:
        super().__init__(parent)
        self.worker = worker
        self.user_id = user_id
        self.owner_id = user_id
        self.today = today or date.today()
        self.day = self.today
        self.data: Loaded | None = None
        self.dialog: Any = None
        self.open_reports = True
        self._pending = 0
        self._generation = 0
        self._build()
        if load:  # the window's section reads it when it is first shown
            self.refresh()

    # ------------------------------------------------------------------ widgets

    def _build(self) -> None:
        self.person = QComboBox(self)
        self.person.setMinimumContentsLength(24)
        self.person.activated.connect(lambda i: self.show_person(self.person.itemData(i)))
        self.prev_week = QToolButton(self)
        self.prev_week.setText("◀")
        self.prev_week.setToolTip(self.tr("Previous week (Alt+Left)"))
        self.prev_week.clicked.connect(lambda: self.go(self.day - timedelta(days=7)))
        self.next_week = QToolButton(self)
        self.next_week.setText("▶")
        self.next_week.setToolTip(self.tr("Next week (Alt+Right)"))
        self.next_week.clicked.connect(lambda: self.go(self.day + timedelta(days=7)))
        self.today_button = QPushButton(self.tr("Today"), self)
        self.today_button.clicked.connect(lambda: self.go(self.today))
        self.week_label = QLabel(self)
        bold = self.week_label.font()
        bold.setBold(True)
        self.week_label.setFont(bold)
        self.mode = QComboBox(self)
        self.mode.addItem(self.tr("Week view"), "week")
        self.mode.addItem(self.tr("Day view"), "day")
        self.mode.currentIndexChanged.connect(lambda _i: self._apply_mode())
        self.state_label = QLabel(self)
        self.approve_button = QPushButton(self.tr("Approve week"), self)
        self.approve_button.clicked.connect(self.approve_week)
        self.reopen_button = QPushButton(self.tr("Reopen week…"), self)
        self.reopen_button.clicked.connect(self.reopen_week)
        self.report_button = QPushButton(self.tr("Report…"), self)
        self.report_button.clicked.connect(self.export_report)
        top = QHBoxLayout()
        for widget in (self.person, self.prev_week, self.week_label, self.next_week, self.today_button, self.mode):
            top.addWidget(widget)
        top.addStretch(1)
        for widget in (self.state_label, self.approve_button, self.reopen_button, self.report_button):
            top.addWidget(widget)

        self.day_buttons: list[QToolButton] = []
        days = QHBoxLayout()
        for i in range(7):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setAutoExclusive(True)
            button.setToolButtonStyle(Qt.ToolButtonTextOnly)
            button.setMinimumWidth(92)
            button.clicked.connect(lambda _c=False, n=i: self.go(week_start(self.day) + timedelta(days=n)))
            self.day_buttons.append(button)
            days.addWidget(button)
        self.week_total = QLabel(self)
        days.addStretch(1)
        days.addWidget(self.week_total)

        self.quick = QLineEdit(self)
        self.quick.setObjectName("quickAdd")
        self.quick.setPlaceholderText(
            self.tr("Quick add, e.g. “8h30-10h briefing”, “30p reply to a letter”, “1.5h report” — Enter")
        )
        self.quick.returnPressed.connect(self.quick_add)
        self.quick.textChanged.connect(self._preview)
        self.quick_category = QComboBox(self)
        self.quick_category.addItem(self.tr("Category: guess"), "")
        for value in CATEGORIES:
            self.quick_category.addItem(category_label(value), value)
        self.copy_button = QPushButton(self.tr("Copy yesterday's recurring"), self)
        self.copy_button.clicked.connect(self.copy_recurring)
        quick = QHBoxLayout()
        quick.addWidget(self.quick, 1)
        quick.addWidget(self.quick_category)
        quick.addWidget(self.copy_button)
        self.preview = QLabel(self)
        self.preview.setObjectName("quickPreview")
        self.preview.setStyleSheet("QLabel#quickPreview { color: #555; }")
        self.banner = QLabel(self)
        self.banner.setObjectName("diaryBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.warnings = QLabel(self)
        self.warnings.setObjectName("diaryWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(BANNER.format(name="diaryWarnings", bg="#fff3e0", fg="#8a4b00"))
        self.warnings.hide()

        self.entries = EntriesModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("diaryEntries")
        self.table.setModel(self.entries)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        for column, width in enumerate((80, 92, 112, 320, 150, 160, 150)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(3, QHeaderView.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit_entry())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.new_button = QPushButton(self.tr("New entry…"), self)
        self.new_button.clicked.connect(self.new_entry)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.edit_button.clicked.connect(self.edit_entry)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.clicked.connect(self.delete_entry)
        self.keep_this = QPushButton(self.tr("Keep this version"), self)
        self.keep_this.clicked.connect(lambda: self.resolve(KEEP_COPY))
        self.keep_other = QPushButton(self.tr("Keep the other version"), self)
        self.keep_other.clicked.connect(lambda: self.resolve(KEEP_ORIGINAL))
        self.comment_entry_button = QPushButton(self.tr("Comment…"), self)
        self.comment_entry_button.clicked.connect(lambda: self.comment(entry=True))
        entry_bar = QHBoxLayout()
        for widget in (
            self.new_button, self.edit_button, self.delete_button,
            self.keep_this, self.keep_other, self.comment_entry_button,
        ):
            entry_bar.addWidget(widget)
        entry_bar.addStretch(1)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(entry_bar)

        self.drafts = DraftsModel(self)
        self.draft_table = QTableView(self)
        self.draft_table.setObjectName("diaryDrafts")
        self.draft_table.setModel(self.drafts)
        self.draft_table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.draft_table.verticalHeader().hide()
        self.draft_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.draft_table.setColumnWidth(0, 50)
        self.draft_table.doubleClicked.connect(lambda _i: self.edit_draft())
        self.accept_button = QPushButton(self.tr("Accept"), self)
        self.accept_button.clicked.connect(self.accept_drafts)
        self.edit_draft_button = QPushButton(self.tr("Edit and accept…"), self)
        self.edit_draft_button.clicked.connect(self.edit_draft)
        self.drop_button = QPushButton(self.tr("Drop"), self)
        self.drop_button.clicked.connect(self.drop_drafts)
        drafts_page = QWidget(self)
        drafts_layout = QVBoxLayout(drafts_page)
        hint = QLabel(
            self.tr("What you did in eOffice today, proposed for the diary: nothing is added until you accept it."),
            self,
        )
        hint.setWordWrap(True)
        drafts_layout.addWidget(hint)
        drafts_layout.addWidget(self.draft_table, 1)
        draft_bar = QHBoxLayout()
        for widget in (self.accept_button, self.edit_draft_button, self.drop_button):
            draft_bar.addWidget(widget)
        drafts_layout.addLayout(draft_bar)

        self.comments = QListWidget(self)
        self.comments.setObjectName("diaryComments")
        self.comments.setWordWrap(True)
        self.comment_button = QPushButton(self.tr("Comment on the week…"), self)
        self.comment_button.clicked.connect(lambda: self.comment(entry=False))
        comments_page = QWidget(self)
        comments_layout = QVBoxLayout(comments_page)
        comments_layout.addWidget(self.comments, 1)
        comments_layout.addWidget(self.comment_button)

        self.people = PeopleModel(self)
        self.people_table = QTableView(self)
        self.people_table.setObjectName("diaryPeople")
        self.people_table.setModel(self.people)
        self.people_table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.people_table.verticalHeader().hide()
        self.people_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.people_table.doubleClicked.connect(
            lambda index: self.show_person(self.people.data(index, Qt.UserRole))
        )

        self.tabs = QTabWidget(self)
        self.tabs.addTab(drafts_page, self.tr("Drafted"))
        self.tabs.addTab(comments_page, self.tr("Comments"))
        self.unit_tab = self.tabs.addTab(self.people_table, self.tr("My units"))
        splitter = QSplitter(Qt.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(days)
        layout.addLayout(quick)
        layout.addWidget(self.preview)
        layout.addWidget(self.banner)
        layout.addWidget(self.warnings)
        layout.addWidget(splitter, 1)

        QShortcut(QKeySequence("Alt+Left"), self, lambda: self.go(self.day - timedelta(days=7)))
        QShortcut(QKeySequence("Alt+Right"), self, lambda: self.go(self.day + timedelta(days=7)))
        QShortcut(QKeySequence("Alt+Up"), self, lambda: self.go(self.day - timedelta(days=1)))
        QShortcut(QKeySequence("Alt+Down"), self, lambda: self.go(self.day + timedelta(days=1)))
        QShortcut(QKeySequence("Ctrl+L"), self, self.focus_quick)
        QShortcut(QKeySequence(QKeySequence.Delete), self.table, self.delete_entry)

    # ------------------------------------------------------------------ reading

    @property
    def own(self) -> bool:
        return self.owner_id == self.user_id

    def set_user(self, user_id: str) -> None:
        """The window now acts as another user (the standalone demo's switcher)."""
        self.user_id = self.owner_id = user_id
        self.refresh()

    def show_person(self, owner_id: str | None) -> None:
        if owner_id:
            self.owner_id = owner_id
            self.refresh()

    def go(self, day: date) -> None:
        self.day = day
        self.refresh()

    def focus_quick(self) -> None:
        self.quick.setFocus()
        self.quick.selectAll()

    def refresh(self) -> None:
        viewer, owner, day = self.user_id, self.owner_id, self.day
        self._pending += 1
        self._generation += 1
        generation = self._generation

        def failed(error: BaseException) -> bool:
            self._pending -= 1
            if isinstance(error, DomainError) and owner != viewer:
                self.owner_id = viewer  # the person is no longer ours to read
                self.refresh()
                return True
            return False

        def show(data: Loaded) -> None:
            self._pending -= 1
            if generation == self._generation:  # an older answer may arrive after a newer one
                self._show(data)

        self.worker.read("diary_week", lambda s: load(s, viewer, owner, day), show, failed)

    @property
    def busy(self) -> bool:
        """A refresh is on its way (tests wait for the panel to settle)."""
        return self._pending > 0

    def _show(self, data: Loaded) -> None:
        self.data = data
        view = data.view
        self.person.blockSignals(True)
        self.person.clear()
        for user_id, name, unit in data.people:
            caption = self.tr("My diary") if user_id == self.user_id else f"{name} — {unit}" if unit else name
            self.person.addItem(caption, user_id)
        self.person.setCurrentIndex(max(0, self.person.findData(self.owner_id)))
        self.person.setVisible(len(data.people) > 1)
        self.person.blockSignals(False)
        sunday = view.monday + timedelta(days=6)
        self.week_label.setText(
            self.tr("Week %1 – %2").replace("%1", f"{view.monday:%d/%m}").replace("%2", f"{sunday:%d/%m/%Y}")
        )
        for i, button in enumerate(self.day_buttons):
            d = view.monday + timedelta(days=i)
            minutes = view.day_minutes.get(d, 0)
            button.setText(f"{weekday_label(d)} {d:%d/%m}\n{duration_label(minutes) if minutes else '—'}")
            button.setChecked(d == self.day)
            over = any(w.kind == "over_day" and w.day == d for w in view.warnings)
            button.setStyleSheet("color: #b71c1c; font-weight: bold;" if over else "")
        self.week_total.setText(self.tr("Week: %1").replace("%1", duration_label(view.minutes)))
        if view.state == "approved":
            self.state_label.setText(
                self.tr("Approved by %1 — locked").replace("%1", view.approved_by_name or self.tr("a leader"))
            )
            self.state_label.setStyleSheet("color: #1b5e20; font-weight: bold;")
        elif view.reopen_reason:
            self.state_label.setText(self.tr("Reopened: %1").replace("%1", view.reopen_reason))
            self.state_label.setStyleSheet("color: #8a4b00;")
        else:
            self.state_label.setText(self.tr("Not approved yet"))
            self.state_label.setStyleSheet("")
        keep = self.selected_entry()
        self.entries.set_entries(view.entries, view.warnings)
        self._apply_mode()
        if keep is not None and (row := self.entries.find_row(keep.id)) >= 0:
            self.table.selectRow(row)
        self.drafts.set_drafts(data.drafts)
        self.tabs.setTabText(0, self.tr("Drafted (%1)").replace("%1", str(len(data.drafts))))
        self.tabs.setTabVisible(0, self.own)
        self.comments.clear()
        texts = {e.id: e.text for e in view.entries}
        for c in view.comments:
            about = f" — «{texts.get(c.entry_id, '')}»" if c.entry_id else ""
            self.comments.addItem(f"{c.author_name}{about}: {c.text}")
        self.tabs.setTabText(1, self.tr("Comments (%1)").replace("%1", str(len(view.comments))))
        self.people.set_people(data.unit, view.monday)
        self.tabs.setTabVisible(self.unit_tab, bool(data.unit))
        self._show_warnings(view)
        self._update_buttons()
        self.loaded.emit()

    def _apply_mode(self) -> None:
        self.entries.set_day(self.day if self.mode.currentData() == "day" else None)

    def _show_warnings(self, view: WeekView) -> None:
        texts = {e.id: e for e in view.entries}
        lines = []
        for w in view.warnings:
            day = f"{weekday_label(w.day)} {w.day:%d/%m}"
            if w.kind == "overlap":
                a, b = (texts[i] for i in w.entry_ids)
                lines.append(
                    self.tr("%1: the times of “%2” (%3) and “%4” (%5) overlap.")
                    .replace("%1", day).replace("%2", a.text).replace("%3", time_label(a.start_minute, a.end_minute))
                    .replace("%4", b.text).replace("%5", time_label(b.start_minute, b.end_minute))
                )
            elif w.kind == "over_day":
                lines.append(
                    self.tr("%1: %2 written — more than 24 hours in one day.")
                    .replace("%1", day).replace("%2", duration_label(w.minutes))
                )
        conflicts = view.conflicts
        if conflicts:
            lines.append(
                self.tr("%1 entries wait for your choice (edited on two computers or after approval): "
                        "select one and keep a version.").replace("%1", str(len(conflicts)))
            )
        self.warnings.setText("\n".join(lines))
        self.warnings.setVisible(bool(lines))

    def selected_entry(self) -> EntryView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries.row_at(rows[0].row()) if rows else None

    def selected_drafts(self) -> list[Draft]:
        rows = sorted({i.row() for i in self.draft_table.selectionModel().selectedRows()})
        if not rows and self.drafts.rows:
            rows = [0] if len(self.drafts.rows) == 1 else []
        return [d for r in rows if (d := self.drafts.row_at(r)) is not None]

    def _update_buttons(self) -> None:
        view = self.data.view if self.data else None
        entry = self.selected_entry()
        editable = bool(view and view.editable)
        own = self.own
        self.quick.setEnabled(editable)
        self.quick_category.setEnabled(editable)
        self.copy_button.setEnabled(editable and bool(self.data and self.data.recurring))
        self.new_button.setEnabled(editable)
        self.edit_button.setEnabled(own and entry is not None and (editable or bool(entry.conflict)))
        self.delete_button.setEnabled(own and entry is not None and (editable or bool(entry.conflict)))
        self.keep_this.setVisible(own and entry is not None and bool(entry.conflict))
        self.keep_other.setVisible(own and entry is not None and bool(entry.conflict) and entry.conflict_of is not None)
        self.keep_other.setText(
            self.tr("Keep the other version") if entry and entry.conflict_of else self.tr("Drop this version")
        )
        if entry is not None and entry.conflict:
            self.keep_this.setToolTip(conflict_label(entry.conflict))
        self.comment_entry_button.setEnabled(entry is not None)
        reviewable = bool(view and view.reviewable)
        self.approve_button.setVisible(reviewable)
        self.reopen_button.setVisible(reviewable)
        self.approve_button.setEnabled(reviewable and view is not None and view.state != "approved")
        self.reopen_button.setEnabled(reviewable and view is not None and view.state == "approved")
        for widget in (self.accept_button, self.edit_draft_button, self.drop_button):
            widget.setEnabled(editable and bool(self.drafts.rows))

    # ------------------------------------------------------------------ messages

    def show_error(self, text: str) -> None:
        self.banner.setStyleSheet(BANNER.format(name="diaryBanner", bg="#fdecea", fg="#8e0000"))
        self.banner.setText(text)
        self.banner.show()

    def show_info(self, text: str) -> None:
        self.banner.setStyleSheet(BANNER.format(name="diaryBanner", bg="#e8f5e9", fg="#1b5e20"))
        self.banner.setText(text)
        self.banner.show()

    def _preview(self, text: str) -> None:
        self.banner.hide()
        if not text.strip():
            self.preview.clear()
            return
        try:
            parsed = parse_quick(text)
        except ValidationError as error:
            self.preview.setText("⚠ " + error.message(current_language()))
            return
        day = self.day + timedelta(days=parsed.day_offset)
        parts = [f"{weekday_label(day)} {day:%d/%m}"]
        if parsed.start_minute is not None:
            parts.append(time_label(parsed.start_minute, parsed.end_minute))
        parts.append(duration_label(parsed.minutes))
        parts.append(category_label(self.quick_category.currentData() or parsed.category or "regular"))
        parts.append(f"“{parsed.text}”" if parsed.text else self.tr("(write what the work was)"))
        self.preview.setText(" · ".join(parts))

    # ------------------------------------------------------------------ acting

    def _submit(self, label: str, build: Any, message: str = "") -> None:
        def done(_result: Any) -> None:
            if message:
                self.show_info(message)
            self.changed.emit(label)

        def failed(error: BaseException) -> bool:
            if isinstance(error, DomainError):
                self.show_error(error.message(current_language()))
                self.refresh()
                return True
            return False

        self.banner.hide()
        self.worker.submit(label, self.user_id, lambda _s: build(), done, failed)

    def quick_add(self) -> None:
        text = self.quick.text().strip()
        if not text:
            return
        try:
            parsed = parse_quick(text)
        except ValidationError as error:
            self.show_error(error.message(current_language()))
            return
        if not parsed.text:
            self.show_error(self.tr("Write what the work was after the time, e.g. “2 tiếng soạn báo cáo”."))
            return
        day = self.day + timedelta(days=parsed.day_offset)
        fields = EntryFields(
            day=day, text=parsed.text, category=self.quick_category.currentData() or parsed.category or "regular",
            minutes=parsed.minutes if parsed.start_minute is None else None,
            start_minute=parsed.start_minute, end_minute=parsed.end_minute,
        )
        op = add_op(fields)
        total = (self.data.view.day_minutes.get(day, 0) if self.data else 0) + parsed.minutes

        def done(_result: Any) -> None:
            self.quick.clear()
            if total > 24 * 60:
                self.show_error(
                    self.tr("Saved, but %1 now has %2 — more than 24 hours in one day.")
                    .replace("%1", f"{weekday_label(day)} {day:%d/%m}").replace("%2", duration_label(total))
                )
            self.changed.emit("diary_add")

        def failed(error: BaseException) -> bool:
            if isinstance(error, DomainError):
                self.show_error(error.message(current_language()))
                return True
            return False

        self.banner.hide()
        self.worker.submit("diary_add", self.user_id, lambda _s: op, done, failed)

    def copy_recurring(self) -> None:
        if not self.data or not self.data.recurring:
            return
        ids = tuple(self.data.recurring)
        day = self.day
        self._submit(
            "diary_copy",
            lambda: wops.CopyEntries(
                op_id=new_id(), day=day.isoformat(), source_ids=ids, entry_ids=tuple(new_id() for _ in ids)
            ),
            self.tr("%1 recurring entries copied.").replace("%1", str(len(ids))),
        )

    def _open(self, dialog: Any) -> None:
        self.dialog = dialog
        dialog.succeeded.connect(lambda _r: self.changed.emit("diary_dialog"))
        dialog.open()

    def edit_entry(self) -> None:
        entry = self.selected_entry()
        if entry is None or not self.own:
            return
        fields = EntryFields(
            day=entry.day, text=entry.text, category=entry.category, minutes=entry.minutes,
            start_minute=entry.start_minute, end_minute=entry.end_minute, result=entry.result,
            document_id=entry.document_id, direction_line_id=entry.direction_line_id, meeting_id=entry.meeting_id,
            recurring=entry.recurring,
        )
        self._open(EntryDialog(self.worker, self.user_id, self.tr("Edit diary entry"), fields,
                               update_op(entry.id, entry.revision), self))

    def new_entry(self) -> None:
        fields = EntryFields(day=self.day, text="", minutes=30)
        self._open(
            EntryDialog(self.worker, self.user_id, self.tr("New diary entry"), fields, lambda f: add_op(f), self)
        )

    def delete_entry(self) -> None:
        entry = self.selected_entry()
        if entry is None or not self.own:
            return
        self._submit(
            "diary_delete",
            lambda: wops.DeleteEntry(op_id=new_id(), entry_id=entry.id, base_revision=entry.revision),
            self.tr("Deleted “%1”.").replace("%1", entry.text),
        )

    def resolve(self, keep: str) -> None:
        entry = self.selected_entry()
        if entry is None or not entry.conflict:
            return
        self._submit("diary_resolve", lambda: wops.ResolveConflict(op_id=new_id(), entry_id=entry.id, keep=keep))

    def _draft_fields(self, draft: Draft) -> EntryFields:
        return EntryFields(
            day=draft.day, text=draft.text, category=draft.category, minutes=draft.minutes, result=draft.result,
            document_id=draft.document_id, direction_line_id=draft.direction_line_id, meeting_id=draft.meeting_id,
        )

    def accept_drafts(self) -> None:
        for draft in self.selected_drafts():
            fields = self._draft_fields(draft)
            self._submit("diary_accept", lambda f=fields, k=draft.source_key: add_op(f, k))

    def edit_draft(self) -> None:
        drafts = self.selected_drafts()
        if not drafts:
            return
        draft = drafts[0]
        self._open(EntryDialog(self.worker, self.user_id, self.tr("Accept drafted entry"), self._draft_fields(draft),
                               lambda f, k=draft.source_key: add_op(f, k), self))

    def drop_drafts(self) -> None:
        for draft in self.selected_drafts():
            self._submit(
                "diary_drop",
                lambda d=draft: wops.DropDraft(
                    op_id=new_id(), entry_id=new_id(), day=d.day.isoformat(), source_key=d.source_key
                ),
            )

    def approve_week(self) -> None:
        if self.data is None:
            return
        owner, monday, name = self.owner_id, self.data.view.monday, self.data.view.owner_name
        self._submit(
            "diary_approve",
            lambda: wops.ApproveWeek(op_id=new_id(), owner_id=owner, week_start=monday.isoformat()),
            self.tr("The week of %1 is approved and locked.").replace("%1", name),
        )

    def reopen_week(self) -> None:
        if self.data is None:
            return
        owner, monday = self.owner_id, self.data.view.monday
        self._text_dialog(
            self.tr("Reopen the approved week"), self.tr("Reason"),
            lambda reason: wops.ReopenWeek(
                op_id=new_id(), owner_id=owner, week_start=monday.isoformat(), reason=reason
            ),
            "diary_reopen",
        )

    def comment(self, *, entry: bool) -> None:
        if self.data is None:
            return
        chosen = self.selected_entry() if entry else None
        if entry and chosen is None:
            return
        owner, monday = self.owner_id, self.data.view.monday
        entry_id = chosen.id if chosen else None
        title = self.tr("Comment on “%1”").replace("%1", chosen.text) if chosen else self.tr("Comment on the week")
        self._text_dialog(
            title, self.tr("Comment"),
            lambda text: wops.CommentWeek(op_id=new_id(), comment_id=new_id(), owner_id=owner,
                                          week_start=monday.isoformat(), text=text, entry_id=entry_id),
            "diary_comment",
        )

    def _text_dialog(self, title: str, caption: str, build: Any, label: str) -> None:
        dialog = TextDialog(self.worker, title, caption, build, actor_id=self.user_id, document_id="",
                            required=True, label=label, parent=self)
        self._open(dialog)

    def export_report(self) -> None:
        data = self.data
        if data is None:
            return
        people = [(uid, name) for uid, name, _unit in data.people]
        people.sort(key=lambda p: p[0] != self.owner_id)  # the diary on screen first
        dialog = ReportDialog(self.worker, self.user_id, self.day, people, data.units, self,
                              open_after=self.open_reports)
        dialog.succeeded.connect(lambda path: self.show_info(self.tr("Report written: %1").replace("%1", str(path))))
        self.dialog = dialog
        dialog.open()

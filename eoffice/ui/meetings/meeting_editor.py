"""The meeting's editor: "New meeting" (Ctrl+Shift+M, from the calendar) and "Edit
details…" on the meeting page (organisers): title, kind, times, room (or a free place),
online link, chair, secretary, secrecy, notes; for a kỳ họp, its sittings.

The end before the start is refused at once with the domain's own message
(``meetings.check_times``) and nothing is sent. A room or a person booked at the same
time (``meetings.calendar.conflicts_at``) is a warning shown in the dialog, never a
refusal: the office decides. Every change is an operation of ``meetings.operations``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QDateTime, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.directory.models import Organisation, Unit, User
from eoffice.errors import DomainError
from eoffice.meetings.calendar import Conflict, ConflictKind, conflicts_at
from eoffice.meetings.meetings import check_times, live_sittings
from eoffice.meetings.models import Meeting, Participant, Room
from eoffice.meetings.operations import (
    AddSitting,
    CreateMeeting,
    CreateRoom,
    RemoveSitting,
    UpdateMeeting,
    UpdateSitting,
)
from eoffice.meetings.rooms import rooms_of
from eoffice.meetings.values import VIETNAM, aware, moment_text, vietnam
from eoffice.ops.values import Id
from eoffice.store.base import new_id
from eoffice.ui.i18n import current_language
from eoffice.ui.meetings.labels import day_time, hm, kind_label

KINDS = ("ubnd_regular", "ubnd_topical", "hdnd_session", "briefing", "agency", "conference")
#: A session of the People's Council has sittings over days (the others have one).
WITH_SITTINGS = "hdnd_session"
#: How long after the last change the conflicts are asked again (typing a time).
CONFLICT_DELAY_MS = 250


@dataclass(frozen=True)
class PersonChoice:
    id: str
    name: str
    position: str
    unit: str
    organisation: str

    def label(self) -> str:
        where = ", ".join(p for p in (self.unit, self.organisation) if p)
        return self.name + (f" — {self.position}" if self.position else "") + (f" ({where})" if where else "")


@dataclass(frozen=True)
class SittingChoice:
    id: str
    number: int
    title: str
    starts_at: datetime
    ends_at: datetime
    room_id: str | None
    place: str


@dataclass
class EditorContext:
    """What the dialog offers: the organisation's rooms, the people it can name, and the
    meeting's values (when editing) with its sittings and participants."""

    rooms: list[tuple[str, str]]  # id, name
    people: list[PersonChoice]
    values: dict[str, Any] | None = None
    sittings: list[SittingChoice] = field(default_factory=list)
    participant_ids: list[str] = field(default_factory=list)


def people_of_province(session: Session) -> list[PersonChoice]:
    """Everyone this desk holds (the province's users it was sent), by name."""
    rows = session.execute(
        select(User.id, User.full_name, User.position, Unit.name, Organisation.name)
        .outerjoin(Unit, Unit.id == User.unit_id)
        .outerjoin(Organisation, Organisation.id == User.organisation_id)
        .where(User.deleted.is_(False))
        .order_by(User.full_name)
    )
    return [PersonChoice(r[0], r[1], r[2] or "", r[3] or "", r[4] or "") for r in rows]


def load_context(session: Session, user_id: str, meeting_id: str | None) -> EditorContext:
    user = session.get(User, user_id)
    organisation_id = user.organisation_id if user is not None else ""
    values, sittings, participants = None, [], []
    meeting = session.get(Meeting, meeting_id) if meeting_id else None
    if meeting is not None:
        organisation_id = meeting.organisation_id
        values = {
            "title": meeting.title, "kind": meeting.kind, "starts_at": aware(meeting.starts_at),
            "ends_at": aware(meeting.ends_at), "room_id": meeting.room_id, "place": meeting.place,
            "online_link": meeting.online_link, "unit_id": meeting.unit_id, "secret": meeting.secret,
            "notes": meeting.notes, "chair_id": meeting.chair_id, "secretary_id": meeting.secretary_id,
        }
        sittings = [
            SittingChoice(s.id, s.number, s.title, aware(s.starts_at), aware(s.ends_at), s.room_id, s.place)
            for s in live_sittings(session, meeting.id)
        ]
        participants = list(session.scalars(
            select(Participant.user_id).where(Participant.meeting_id == meeting.id, Participant.deleted.is_(False))
        ))
    rooms = [(r.id, r.name) for r in rooms_of(session, organisation_id)]
    return EditorContext(rooms, people_of_province(session), values, sittings, participants)


def conflict_texts(session: Session, conflicts: list[Conflict]) -> list[str]:
    """The warnings, in the UI's language (names read here, on the worker)."""
    from PySide6.QtCore import QCoreApplication

    out: list[str] = []
    for c in conflicts:
        when = f"{hm(c.starts_at)}–{hm(c.ends_at)} {vietnam(c.starts_at):%d/%m}"
        if c.kind is ConflictKind.ROOM:
            room = session.get(Room, c.who)
            name = room.name if room is not None else ""
            text = QCoreApplication.translate(
                "MeetingEditor", "Room %1 already has the meeting “%2” at the same time (%3)"
            )
            if name.casefold().startswith(text.split("%1")[0].strip().casefold() or "\0"):
                # "Phòng họp số 1", not "Phòng Phòng họp số 1"
                text = QCoreApplication.translate(
                    "MeetingEditor", "%1 is already booked for the meeting “%2” at the same time (%3)"
                )
            text = text.replace("%1", name).replace("%2", c.other_title)
        else:
            person = session.get(User, c.who)
            text = QCoreApplication.translate("MeetingEditor", "%1 already has the meeting “%2” at the same time (%3)")
            text = text.replace("%1", person.full_name if person is not None else "").replace("%2", c.other_title)
        line = text.replace("%3", when)
        if line not in out:
            out.append(line)
    return out


def find_conflicts(
    session: Session, starts_at: datetime, ends_at: datetime, room_id: str | None, people: list[str],
    meeting_id: str | None,
) -> list[str]:
    found = conflicts_at(
        session, starts_at=starts_at, ends_at=ends_at, room_id=room_id, user_ids=people,
        exclude_meeting_id=meeting_id,
    )
    return conflict_texts(session, found)


def _aware(edit: QDateTimeEdit) -> datetime:
    """The picker's time, in Vietnam's (the province's hours, whatever this computer's zone)."""
    return edit.dateTime().toPython().replace(second=0, microsecond=0, tzinfo=VIETNAM)


def _set(edit: QDateTimeEdit, value: datetime) -> None:
    edit.setDateTime(QDateTime(vietnam(value).replace(tzinfo=None)))


def _picker(parent: QWidget) -> QDateTimeEdit:
    edit = QDateTimeEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("HH:mm dd/MM/yyyy")
    return edit


def _people_combo(parent: QWidget, people: list[PersonChoice], none: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItem(none, None)
    for p in people:
        combo.addItem(p.label(), p.id)
    combo.setEditable(True)  # type to find a name among hundreds
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    return combo


def _select(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


class RoomDialog(QDialog):
    """A new room of the organisation ("Thêm phòng họp…")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add meeting room"))
        self.setObjectName("roomDialog")
        self.name = QLineEdit(self)
        self.name.setMinimumWidth(300)
        self.address = QLineEdit(self)
        self.capacity = QSpinBox(self)
        self.capacity.setRange(0, 5000)
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Address:"), self.address)
        form.addRow(self.tr("&Seats:"), self.capacity)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _accept(self) -> None:
        if not self.name.text().strip():
            self.name.setPlaceholderText(self.tr("The room needs a name"))
            self.name.setFocus()
            return
        self.accept()


class SittingDialog(QDialog):
    """One sitting (phiên họp) of a kỳ họp: its title, times and room."""

    def __init__(self, rooms: list[tuple[str, str]], sitting: SittingChoice | None, default_start: datetime,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit sitting") if sitting is not None else self.tr("Add sitting"))
        self.setObjectName("sittingDialog")
        self.title = QLineEdit(self)
        self.title.setMinimumWidth(320)
        self.starts = _picker(self)
        self.ends = _picker(self)
        self.room = QComboBox(self)
        self.room.addItem(self.tr("(another place)"), None)
        for room_id, name in rooms:
            self.room.addItem(name, room_id)
        self.place = QLineEdit(self)
        self.error = QLabel(self)
        self.error.setObjectName("sittingError")
        self.error.setStyleSheet("color: #b71c1c")
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("&Starts:"), self.starts)
        form.addRow(self.tr("&Ends:"), self.ends)
        form.addRow(self.tr("&Room:"), self.room)
        form.addRow(self.tr("&Place:"), self.place)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if sitting is not None:
            self.title.setText(sitting.title)
            _set(self.starts, sitting.starts_at)
            _set(self.ends, sitting.ends_at)
            _select(self.room, sitting.room_id)
            self.place.setText(sitting.place)
        else:
            _set(self.starts, default_start)
            _set(self.ends, default_start + timedelta(hours=4))
        for edit in (self.starts, self.ends):
            edit.dateTimeChanged.connect(lambda _v: self._check())
        self._check()

    def _check(self) -> None:
        ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        try:
            check_times(_aware(self.starts), _aware(self.ends))
        except DomainError as error:
            self.error.setText(error.message(current_language()))
            self.error.show()
            ok_button.setEnabled(False)
            return
        self.error.hide()
        ok_button.setEnabled(True)

    def _accept(self) -> None:
        if self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
            self.accept()

    def values(self) -> dict[str, Any]:
        room_id = self.room.currentData()
        return {
            "title": self.title.text().strip(), "starts_at": moment_text(_aware(self.starts)),
            "ends_at": moment_text(_aware(self.ends)), "room_id": Id(room_id) if room_id else None,
            "place": "" if room_id else self.place.text().strip(),
        }


class MeetingDialog(QDialog):
    """A meeting's values. ``conflicts_wanted`` asks the editor to look for clashes."""

    conflicts_wanted = Signal()
    add_room_wanted = Signal()

    def __init__(self, context: EditorContext, title: str, default_start: datetime,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("meetingDialog")
        self.context = context
        self.title = QLineEdit(self)
        self.title.setObjectName("meetingTitleEdit")
        self.title.setMinimumWidth(460)
        self.kind = QComboBox(self)
        for key in KINDS:
            self.kind.addItem(kind_label(key), key)
        self.starts = _picker(self)
        self.ends = _picker(self)
        self.room = QComboBox(self)
        self.room.setObjectName("meetingRoom")
        self.add_room_button = QPushButton(self.tr("Add room…"), self)
        self.add_room_button.setToolTip(self.tr("Add a meeting room to the organisation's list"))
        self.add_room_button.clicked.connect(self.add_room_wanted.emit)
        room_row = QHBoxLayout()
        room_row.addWidget(self.room, 1)
        room_row.addWidget(self.add_room_button)
        self.place = QLineEdit(self)
        self.place.setPlaceholderText(self.tr("Another place, when not one of the rooms"))
        self.online = QLineEdit(self)
        self.online.setPlaceholderText(self.tr("https://… (the online meeting's address)"))
        self.chair = _people_combo(self, context.people, self.tr("(none)"))
        self.secretary = _people_combo(self, context.people, self.tr("(none)"))
        self.secret = QCheckBox(self.tr("Secret meeting (its documents reach only its participants)"), self)
        self.notes = QPlainTextEdit(self)
        self.notes.setPlaceholderText(self.tr("Notes printed on the invitation"))
        self.notes.setMaximumHeight(70)
        self.error = QLabel(self)
        self.error.setObjectName("meetingError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b71c1c")
        self.error.hide()
        self.warnings = QLabel(self)
        self.warnings.setObjectName("meetingConflicts")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("QLabel#meetingConflicts { background: #fff3e0; color: #8a4b00; padding: 4px; }")
        self.warnings.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("&Starts:"), self.starts)
        form.addRow(self.tr("&Ends:"), self.ends)
        room_label = QLabel(self.tr("&Room:"), self)
        room_label.setBuddy(self.room)
        form.addRow(room_label, room_row)
        form.addRow(self.tr("&Place:"), self.place)
        form.addRow(self.tr("&Online link:"), self.online)
        form.addRow(self.tr("C&hair:"), self.chair)
        form.addRow(self.tr("Se&cretary:"), self.secretary)
        form.addRow("", self.secret)
        form.addRow(self.tr("&Notes:"), self.notes)
        self.sittings_box = QGroupBox(self.tr("Sittings"), self)
        self.sittings = QListWidget(self.sittings_box)
        self.sittings.setObjectName("sittingsList")
        self.add_sitting_button = QPushButton(self.tr("Add sitting…"), self.sittings_box)
        self.edit_sitting_button = QPushButton(self.tr("Edit sitting…"), self.sittings_box)
        self.remove_sitting_button = QPushButton(self.tr("Remove sitting"), self.sittings_box)
        sitting_buttons = QVBoxLayout()
        for button in (self.add_sitting_button, self.edit_sitting_button, self.remove_sitting_button):
            sitting_buttons.addWidget(button)
        sitting_buttons.addStretch(1)
        box_layout = QHBoxLayout(self.sittings_box)
        box_layout.addWidget(self.sittings, 1)
        box_layout.addLayout(sitting_buttons)
        self.sittings_box.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.sittings_box)
        layout.addWidget(self.error)
        layout.addWidget(self.warnings)
        layout.addWidget(self.buttons)
        self.set_rooms(context.rooms)
        v = context.values
        if v is not None:
            self.title.setText(v["title"])
            _select(self.kind, v["kind"])
            _set(self.starts, v["starts_at"])
            _set(self.ends, v["ends_at"])
            _select(self.room, v["room_id"])
            if not v["room_id"]:
                self.place.setText(v["place"])
            self.online.setText(v["online_link"])
            _select(self.chair, v["chair_id"])
            _select(self.secretary, v["secretary_id"])
            self.secret.setChecked(v["secret"])
            self.notes.setPlainText(v["notes"])
        else:
            _set(self.starts, default_start)
            _set(self.ends, default_start + timedelta(hours=3))
        self.set_sittings(context.sittings)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CONFLICT_DELAY_MS)
        self._timer.timeout.connect(self.conflicts_wanted.emit)
        for edit in (self.starts, self.ends):
            edit.dateTimeChanged.connect(lambda _v: self._changed())
        for combo in (self.room, self.chair, self.secretary):
            combo.currentIndexChanged.connect(lambda _i: self._changed())
        self.room.currentIndexChanged.connect(lambda _i: self.place.setEnabled(self.room.currentData() is None))
        self.kind.currentIndexChanged.connect(lambda _i: self._show_sittings())
        self.place.setEnabled(self.room.currentData() is None)
        self._changed()

    # -- the values ----------------------------------------------------------------

    def set_rooms(self, rooms: list[tuple[str, str]], select_id: str | None = None) -> None:
        keep = select_id or self.room.currentData()
        self.room.blockSignals(True)
        self.room.clear()
        self.room.addItem(self.tr("(another place)"), None)
        for room_id, name in rooms:
            self.room.addItem(name, room_id)
        _select(self.room, keep)
        self.room.blockSignals(False)
        self.place.setEnabled(self.room.currentData() is None)
        self.context.rooms = rooms
        self._changed()

    def set_sittings(self, sittings: list[SittingChoice]) -> None:
        self.context.sittings = sittings
        current = self.sittings.currentRow()
        self.sittings.clear()
        rooms = dict(self.context.rooms)
        for s in sittings:
            place = rooms.get(s.room_id or "", "") or s.place
            text = self.tr("Sitting %1").replace("%1", str(s.number)) + (f": {s.title}" if s.title else "")
            when = f"{day_time(s.starts_at)}–{hm(s.ends_at)}"
            item = QListWidgetItem(f"{text} — {when}" + (f", {place}" if place else ""))
            item.setData(256, s.id)
            self.sittings.addItem(item)
        if sittings:
            self.sittings.setCurrentRow(max(0, min(current, len(sittings) - 1)))
        self._show_sittings()

    def _show_sittings(self) -> None:
        """Sittings are a kỳ họp's (or a meeting that has several); a new meeting gets
        them once saved (its first sitting is the meeting's own times)."""
        editing = self.context.values is not None
        self.sittings_box.setVisible(editing and (
            self.kind.currentData() == WITH_SITTINGS or len(self.context.sittings) > 1
        ))
        several = len(self.context.sittings) > 1
        # With several sittings the meeting's span is theirs.
        self.starts.setEnabled(not several)
        self.ends.setEnabled(not several)

    def current_sitting(self) -> SittingChoice | None:
        row = self.sittings.currentRow()
        return self.context.sittings[row] if 0 <= row < len(self.context.sittings) else None

    def times(self) -> tuple[datetime, datetime]:
        return _aware(self.starts), _aware(self.ends)

    def people(self) -> list[str]:
        ids = {*self.context.participant_ids, self.chair.currentData(), self.secretary.currentData()}
        return sorted(i for i in ids if i)

    def _changed(self) -> None:
        ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        try:
            check_times(*self.times())
        except DomainError as error:
            self.error.setText(error.message(current_language()))
            self.error.show()
            ok_button.setEnabled(False)
            self.show_conflicts([])
            return
        self.error.hide()
        ok_button.setEnabled(True)
        if hasattr(self, "_timer"):
            self._timer.start()

    def show_conflicts(self, lines: list[str]) -> None:
        if lines:
            self.warnings.setText(
                self.tr("Warning (saving is still allowed):") + "<br>" + "<br>".join(_html(t) for t in lines)
            )
        self.warnings.setVisible(bool(lines))

    def _accept(self) -> None:
        if not self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
            return  # the end before the start: the message is on screen
        if not self.title.text().strip():
            self.title.setPlaceholderText(self.tr("The meeting needs a title"))
            self.title.setFocus()
            return
        if self.chair.currentData() and self.chair.currentData() == self.secretary.currentData():
            self.error.setText(self.tr("The chair and the secretary must be two people."))
            self.error.show()
            return
        self.accept()

    def values(self) -> dict[str, Any]:
        start, end = self.times()
        room_id = self.room.currentData()
        chair, secretary = self.chair.currentData(), self.secretary.currentData()
        unit_id = self.context.values["unit_id"] if self.context.values is not None else None
        return {
            "title": self.title.text().strip(), "kind_of_meeting": str(self.kind.currentData()),
            "starts_at": moment_text(start), "ends_at": moment_text(end),
            "room_id": Id(room_id) if room_id else None, "place": "" if room_id else self.place.text().strip(),
            "online_link": self.online.text().strip(), "unit_id": Id(unit_id) if unit_id else None,
            "secret": self.secret.isChecked(), "notes": self.notes.toPlainText().strip(),
            "chair_id": Id(chair) if chair else None, "secretary_id": Id(secretary) if secretary else None,
        }


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class MeetingEditor(QObject):
    """Opens the dialog for a new meeting or an existing one, and sends its operations.

    ``window`` is the main window (worker, user, status bar, error boxes); ``saved(id)``
    says a meeting was created or changed.
    """

    saved = Signal(str)

    def __init__(self, window: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.dialog: MeetingDialog | None = None
        self.room_dialog: RoomDialog | None = None
        self.sitting_dialog: SittingDialog | None = None
        self.meeting_id: str | None = None
        self._ask = 0

    @property
    def user_id(self) -> str:
        return str(self.window_.user_id)

    def _status(self, text: str) -> None:
        self.window_.statusBar().showMessage(text, 6000)

    def new_meeting(self, day: Any = None) -> None:
        """A new draft meeting; on ``day`` (the calendar's) at 08:00, or tomorrow's."""
        now = datetime.now(VIETNAM)
        base = now + timedelta(days=1)
        if day is not None and hasattr(day, "year"):
            base = datetime(day.year, day.month, day.day, 8, 0, tzinfo=VIETNAM)
            if base < now:
                base = (now + timedelta(days=1)).replace(hour=8, minute=0, second=0, microsecond=0)
        else:
            base = base.replace(hour=8, minute=0, second=0, microsecond=0)
        self._open(None, self.tr("New meeting"), base)

    def edit_meeting(self, meeting_id: str) -> None:
        self._open(meeting_id, self.tr("Edit meeting details"), datetime.now(VIETNAM))

    def _open(self, meeting_id: str | None, title: str, default_start: datetime) -> None:
        user_id = self.user_id
        self.meeting_id = meeting_id

        def show(context: EditorContext) -> None:
            dialog = MeetingDialog(context, title, default_start, self.window_)
            self.dialog = dialog
            dialog.conflicts_wanted.connect(self._look_for_conflicts)
            dialog.add_room_wanted.connect(self.add_room)
            dialog.add_sitting_button.clicked.connect(self.add_sitting)
            dialog.edit_sitting_button.clicked.connect(self.edit_sitting)
            dialog.remove_sitting_button.clicked.connect(self.remove_sitting)
            dialog.sittings.itemDoubleClicked.connect(lambda _i: self.edit_sitting())
            dialog.accepted.connect(lambda: self._save(dialog))
            dialog.open()
            self._look_for_conflicts()

        self.window_.worker.read("meeting_editor", lambda s: load_context(s, user_id, meeting_id), show)

    # -- conflicts -----------------------------------------------------------------

    def _look_for_conflicts(self) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        start, end = dialog.times()
        if end <= start:
            return
        room_id, people, meeting_id = dialog.room.currentData(), dialog.people(), self.meeting_id
        self._ask += 1
        ask = self._ask

        def show(lines: list[str]) -> None:
            if ask == self._ask and self.dialog is dialog:
                dialog.show_conflicts(lines)

        self.window_.worker.read(
            "meeting_conflicts", lambda s: find_conflicts(s, start, end, room_id, people, meeting_id), show
        )

    # -- saving --------------------------------------------------------------------

    def _save(self, dialog: MeetingDialog) -> None:
        values = dialog.values()
        meeting_id = self.meeting_id
        if meeting_id is None:
            new = new_id()
            op: Any = CreateMeeting(op_id=Id(new_id()), meeting_id=Id(new), sitting_id=Id(new_id()), **values)
            said = self.tr("Meeting created: %1").replace("%1", values["title"])
            target = new
        else:
            if len(dialog.context.sittings) > 1:  # the span is the sittings'
                old = dialog.context.values or {}
                values["starts_at"], values["ends_at"] = moment_text(old["starts_at"]), moment_text(old["ends_at"])
            op = UpdateMeeting(op_id=Id(new_id()), meeting_id=Id(meeting_id), **values)
            said = self.tr("Meeting saved: %1").replace("%1", values["title"])
            target = meeting_id

        def done(_result: Any) -> None:
            self._status(said)
            self.saved.emit(target)

        self.window_.worker.submit(op.kind, self.user_id, lambda _s: op, done)

    # -- rooms and sittings ----------------------------------------------------------

    def add_room(self) -> None:
        parent = self.dialog or self.window_
        self.room_dialog = RoomDialog(parent)
        dialog = self.room_dialog

        def ok() -> None:
            room_id = new_id()
            op = CreateRoom(op_id=Id(new_id()), room_id=Id(room_id), name=dialog.name.text().strip(),
                            address=dialog.address.text().strip(), capacity=dialog.capacity.value())
            user_id, meeting_id = self.user_id, self.meeting_id

            def done(_result: Any) -> None:
                self._status(self.tr("Room added: %1").replace("%1", op.name))
                if self.dialog is not None:
                    editor = self.dialog
                    self.window_.worker.read(
                        "meeting_rooms", lambda s: load_context(s, user_id, meeting_id).rooms,
                        lambda rooms: editor.set_rooms(rooms, room_id),
                    )

            self.window_.worker.submit(op.kind, self.user_id, lambda _s: op, done)

        dialog.accepted.connect(ok)
        dialog.open()

    def _reload_sittings(self) -> None:
        user_id, meeting_id, editor = self.user_id, self.meeting_id, self.dialog
        if editor is None or meeting_id is None:
            return
        self.window_.worker.read(
            "meeting_sittings", lambda s: load_context(s, user_id, meeting_id).sittings, editor.set_sittings
        )

    def _sitting_op(self, op: Any, said: str) -> None:
        def done(_result: Any) -> None:
            self._status(said)
            self._reload_sittings()
            if self.meeting_id:
                self.saved.emit(self.meeting_id)

        self.window_.worker.submit(op.kind, self.user_id, lambda _s: op, done)

    def add_sitting(self) -> None:
        editor = self.dialog
        if editor is None or self.meeting_id is None:
            return
        last = editor.context.sittings[-1].ends_at if editor.context.sittings else _aware(editor.starts)
        start = vietnam(last + timedelta(days=1)).replace(hour=8, minute=0, second=0, microsecond=0)
        self.sitting_dialog = SittingDialog(editor.context.rooms, None, start, editor)
        dialog, meeting_id = self.sitting_dialog, self.meeting_id

        def ok() -> None:
            op = AddSitting(op_id=Id(new_id()), sitting_id=Id(new_id()), meeting_id=Id(meeting_id), **dialog.values())
            self._sitting_op(op, self.tr("Sitting added"))

        dialog.accepted.connect(ok)
        dialog.open()

    def edit_sitting(self) -> None:
        editor = self.dialog
        sitting = editor.current_sitting() if editor is not None else None
        if editor is None or sitting is None:
            return
        self.sitting_dialog = SittingDialog(editor.context.rooms, sitting, sitting.starts_at, editor)
        dialog = self.sitting_dialog

        def ok() -> None:
            op = UpdateSitting(op_id=Id(new_id()), sitting_id=Id(sitting.id), **dialog.values())
            self._sitting_op(op, self.tr("Sitting saved"))

        dialog.accepted.connect(ok)
        dialog.open()

    def remove_sitting(self) -> None:
        editor = self.dialog
        sitting = editor.current_sitting() if editor is not None else None
        if sitting is None:
            return
        op = RemoveSitting(op_id=Id(new_id()), sitting_id=Id(sitting.id))
        self.window_._confirm(
            self.tr("Remove sitting"), self.tr("Remove sitting %1?").replace("%1", str(sitting.number)),
            self.tr("A sitting with agenda items keeps them: move or remove them first."), self.tr("Remove"),
            lambda: self._sitting_op(op, self.tr("Sitting removed")),
        )

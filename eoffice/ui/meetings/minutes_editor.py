"""The secretary's minutes editor (biên bản): open during the session and after it.

Left, the minutes' sections in the meeting's order (attendance and opening, each agenda
item, the end). Right, for the selected section, what the record says happened (times,
attendance, speeches, votes with their results: ``meetings.minutes.compose``, read only)
and the fields the secretary writes: a summary per speech, the discussion, the
conclusion. Every field is autosaved a second after the last keystroke as a
``meeting_write_minutes`` operation (offline too: it waits in the outbox). The record is
fetched from the server when the editor opens and again whenever the session moves on
(its live events); the facts are redrawn and what was written stays.

Keys: Alt+Up/Down sections, F5 the record again, Ctrl+S save now, Ctrl+P the minutes as
they will print, Ctrl+Shift+S export PDF, Ctrl+Shift+W export Word, Ctrl+Shift+D the
outgoing draft (BB), Ctrl+Shift+K the conclusions notice (TB), Ctrl+Shift+H the closed
meeting's record for the archive (``meetings.minutes.archive``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from eoffice.errors import DomainError
from eoffice.meetings.minutes import texts as parts
from eoffice.meetings.minutes.compose import Block, Minutes, minutes_of
from eoffice.meetings.minutes.schemas import MeetingRecord
from eoffice.ui.i18n import current_language

#: Autosave this long after the last keystroke (ms).
AUTOSAVE_MS = 1000
#: A burst of live events asks the record once, this long after the last (ms).
REFETCH_MS = 1500
SAID_FOR = 8000


def _facts_html(blocks: list[Block]) -> str:
    """The record's part of a section as the reader will see it (bold headings, indents)."""
    from html import escape

    lines = []
    for b in blocks:
        if b.kind == "label":
            lines.append(f"<p style='margin:3px 0'><b>{escape(b.label)}:</b> {escape(b.text)}</p>")
        elif b.kind == "heading":
            lines.append(f"<p style='margin:6px 0 3px 0'><b>{escape(b.text)}</b></p>")
        else:
            lines.append(f"<p style='margin:2px 0 2px {16 * b.depth}px'>{escape(b.text)}</p>")
    return "".join(lines)


class Section:
    """One entry of the left list: its title, the record's blocks, the parts written in it
    and, for an agenda item, its id."""

    def __init__(self, title: str, blocks: list[Block], fields: list[tuple[str, str]],
                 item_id: str | None = None) -> None:
        self.title = title
        self.blocks = blocks
        #: (part, label) of each field the secretary writes here, in order.
        self.fields = fields
        self.item_id = item_id


class MinutesEditor(QWidget):
    """The minutes of one meeting, written by its secretary (a top-level window)."""

    def __init__(self, window: Any, meeting_id: str, title: str) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.window_ = window
        self.meeting_id = meeting_id
        self.user_id: str = window.user_id
        self.worker = window.worker
        self.setObjectName("minutesEditor")
        self.setWindowTitle(self.tr("Minutes: %1").replace("%1", title))
        self.record: MeetingRecord | None = None
        self.minutes: Minutes | None = None
        #: Every part's text as written (loaded, then as typed).
        self.written: dict[str, str] = {}
        self._dirty: dict[str, str] = {}
        self.sections: list[Section] = []
        self.reader: Any = None
        #: The section drawn now and its fields; the label of its facts.
        self._shown: tuple[int, tuple[tuple[str, str], ...]] | None = None
        self.facts: QLabel | None = None
        #: Where the record was exported last.
        self.exported: Path | None = None
        self.editors: dict[str, QPlainTextEdit] = {}
        self._build()
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save)
        self._refetch = QTimer(self)
        self._refetch.setSingleShot(True)
        self._refetch.setInterval(REFETCH_MS)
        self._refetch.timeout.connect(self.fetch)
        bridge = getattr(window, "bridge", None)
        if bridge is not None:
            bridge.live_event.connect(self._live_event)
        self.resize(1200, 800)

    # -- layout ---------------------------------------------------------------------

    def _button(self, text: str, tip: str, keys: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(f"{tip} ({QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)})")
        button.setShortcut(QKeySequence(keys))
        button.clicked.connect(slot)
        return button

    def _build(self) -> None:
        self.refresh_button = self._button(self.tr("Update from the session"),
                                           self.tr("Read again what happened in the session"), "F5", self.fetch)
        self.preview_button = self._button(self.tr("Print preview"),
                                           self.tr("The minutes as they will print"), "Ctrl+P", self.preview)
        self.pdf_button = self._button(self.tr("Export PDF…"), self.tr("Save the minutes as PDF"),
                                       "Ctrl+Shift+S", lambda: self.export("pdf"))
        self.docx_button = self._button(self.tr("Export Word…"), self.tr("Save the minutes as a Word document"),
                                        "Ctrl+Shift+W", lambda: self.export("docx"))
        self.draft_button = self._button(
            self.tr("Make the minutes' draft"),
            self.tr("The minutes as an outgoing draft (type BB): the secretary signs, then the chair"),
            "Ctrl+Shift+D", lambda: self.make_draft("minutes"))
        self.notice_button = self._button(
            self.tr("Make the conclusions notice"),
            self.tr("The items' conclusions as a notice (type TB) in the outgoing flow"),
            "Ctrl+Shift+K", lambda: self.make_draft("conclusions"))
        self.archive_button = self._button(
            self.tr("Export the record…"),
            self.tr("The closed meeting's whole record for the archive: one PDF with bookmarks and a ZIP of the "
                    "originals"),
            "Ctrl+Shift+H", self.export_record)
        self.task_button = self._button(
            self.tr("Assign a task…"),
            self.tr("A task from the item shown: what, who leads, who coordinates, the deadline in working days"),
            "Ctrl+Shift+G", self.assign_task)
        #: The "Giao nhiệm vụ" dialog opened last.
        self.task_dialog: Any = None
        save = self._button(self.tr("Save"), self.tr("Save what was written now"), "Ctrl+S", self.save)
        save.hide()  # autosave does it; the key stays for those who press it by habit
        self.saved = QLabel(self)
        self.saved.setObjectName("minutesSaved")
        top = QHBoxLayout()
        for widget in (self.refresh_button, self.preview_button, self.pdf_button, self.docx_button,
                       self.draft_button, self.notice_button, self.archive_button, self.task_button):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.saved)
        self.list = QListWidget(self)
        self.list.setObjectName("minutesSections")
        self.list.currentRowChanged.connect(self._show_section)
        self.pane = QScrollArea(self)
        self.pane.setWidgetResizable(True)
        splitter = QSplitter(self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.pane)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 900])
        self.record_note = QLabel(self)
        self.record_note.setObjectName("minutesRecordNote")
        self.record_note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.record_note)
        layout.addWidget(splitter, 1)
        for keys, step in (("Alt+Down", 1), ("Alt+Up", -1)):
            button = QPushButton(self)
            button.setShortcut(QKeySequence(keys))
            button.clicked.connect(lambda _=False, s=step: self._step(s))
            button.hide()
        close = QPushButton(self)
        close.setShortcut(QKeySequence("Ctrl+W"))
        close.clicked.connect(self.close)
        close.hide()

    def assign_task(self) -> None:
        """"Giao nhiệm vụ…" for the agenda item shown; the minutes list it once assigned."""
        from datetime import date

        from eoffice.ui.meetings.tasks import open_assign

        row = self.list.currentRow()
        item_id = self.sections[row].item_id if 0 <= row < len(self.sections) else None

        def opened(dialog: Any) -> None:
            self.task_dialog = dialog

        def sent(_result: Any) -> None:
            self._status(self.tr("Task assigned"))
            self._recompose()

        open_assign(self, self.worker, self.user_id, self.meeting_id, self.window_.today or date.today(), sent,
                    item_id=item_id, opened=opened)

    def _step(self, step: int) -> None:
        row = self.list.currentRow() + step
        if 0 <= row < self.list.count():
            self.list.setCurrentRow(row)

    def _status(self, text: str) -> None:
        self.window_.statusBar().showMessage(text, SAID_FOR)

    # -- loading ----------------------------------------------------------------------

    def load(self) -> None:
        """The texts written so far and the record kept on this computer, then the server's."""
        from eoffice.meetings.minutes.texts import texts_of

        cache = self._cache()
        meeting_id = self.meeting_id

        def job(session: Any) -> tuple[dict[str, str], MeetingRecord | None]:
            record = cache.load(meeting_id) if cache is not None else self._local_record(session)
            return texts_of(session, meeting_id), record

        def done(found: tuple[dict[str, str], MeetingRecord | None]) -> None:
            written, record = found
            self.written = {**written, **self._dirty}
            self.record = record
            self._recompose()
            self.fetch()

        self.worker.read("meeting_minutes_load", job, done)

    def _cache(self) -> Any:
        from eoffice.meetings.minutes.cache import RecordCache

        account = self.window_.account
        return RecordCache(account.profile.root / "meeting-records") if account is not None else None

    def _local_record(self, session: Any) -> MeetingRecord | None:
        """A desk with no server (standalone) runs the session itself: its own tables."""
        from eoffice.directory.models import User
        from eoffice.meetings.minutes.record import meeting_record

        user = session.get(User, self.user_id)
        try:
            return meeting_record(session, self.meeting_id, user) if user is not None else None
        except DomainError:
            return None

    def fetch(self) -> None:
        """Ask the server for the record now (offline: keep the one we have, say so)."""
        from eoffice.meetings.minutes.cache import fetch_record

        account = self.window_.account
        if account is None:
            return
        cache, meeting_id = self._cache(), self.meeting_id

        def ask() -> MeetingRecord:
            record = fetch_record(account.client, meeting_id)
            cache.save(record)
            return record

        def done(record: MeetingRecord) -> None:
            self.record = record
            self._recompose()

        def failed(error: BaseException) -> bool:
            if isinstance(error, DomainError):
                when = self.tr("the copy on this computer") if self.record is not None else self.tr("nothing yet")
                self.record_note.setText(
                    self.tr("Could not read the session from the server (%1); showing %2.")
                    .replace("%1", error.message(current_language())).replace("%2", when)
                )
                return True
            return False

        self.window_.network.run("meeting_minutes_record", ask, done, failed)

    def _live_event(self, event: dict[str, Any]) -> None:
        from eoffice.meetings.live.state import event_payload

        payload = event_payload(event)
        if payload is not None and payload.get("meeting_id") == self.meeting_id:
            self._refetch.start()

    # -- composing ------------------------------------------------------------------

    def _recompose(self) -> None:
        """Compose the minutes from the rows, the record and the texts; redraw the sections
        (the fields keep what is being typed)."""
        record, written, meeting_id = self.record, dict(self.written), self.meeting_id

        def job(session: Any) -> Minutes:
            return minutes_of(session, meeting_id, record, written)

        self.worker.read("meeting_minutes_compose", job, self._show)

    def _sections(self, minutes: Minutes) -> list[Section]:
        record = self.record
        marks = [index for _title, index, _item in minutes.outline]
        first = marks[0] if marks else len(minutes.blocks)
        sections = [Section(self.tr("Attendance and opening"), list(minutes.blocks[:first]),
                            [("opening", self.tr("Opening (after “Nội dung”)")),
                             ("guests", self.tr("Invited guests (leave empty to list those present)"))])]
        items = {item_id for _title, _index, item_id in minutes.outline if item_id is not None}
        bounds = [*marks, len(minutes.blocks)]
        for n, (title, start, item_id) in enumerate(minutes.outline):
            blocks = list(minutes.blocks[start:bounds[n + 1]])
            fields: list[tuple[str, str]] = []
            if item_id is not None:
                fields.append((parts.item_part(item_id, "presenter"),
                               self.tr("Presented by (leave empty for the agenda's presenter)")))
                for speech in (record.speeches if record is not None else []):
                    if speech.item_id == item_id:
                        fields.append((parts.speech_part(speech.id), self.tr("Summary: %1 (%2)").replace(
                            "%1", speech.full_name).replace("%2", _clock(speech.started_at))))
                fields.append((parts.item_part(item_id, "summary"), self.tr("Summary of the discussion")))
                fields.append((parts.item_part(item_id, "conclusion"), self.tr("Conclusion")))
            else:
                for speech in (record.speeches if record is not None else []):
                    if speech.item_id not in items:
                        fields.append((parts.speech_part(speech.id), self.tr("Summary: %1 (%2)").replace(
                            "%1", speech.full_name).replace("%2", _clock(speech.started_at))))
            sections.append(Section(title, blocks, fields, item_id))
        sections.append(Section(self.tr("End and recipients"), [Block("para", minutes.ending)],
                                [("closing", self.tr("Closing line (before the end time)")),
                                 ("recipients", self.tr("Recipients (Nơi nhận), one per line"))]))
        return sections

    def _show(self, minutes: Minutes) -> None:
        self.minutes = minutes
        self._redraw(minutes)

    def _redraw(self, minutes: Minutes) -> None:
        row = max(self.list.currentRow(), 0)
        self.sections = self._sections(minutes)
        self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems([s.title for s in self.sections])
        self.list.blockSignals(False)
        self.list.setCurrentRow(min(row, len(self.sections) - 1))
        self._show_section(self.list.currentRow())
        record = self.record
        if record is None:
            self.record_note.setText(self.tr("The session's record has not reached this computer yet."))
        elif record.state != "closed":
            self.record_note.setText(self.tr("The session is under way: what happens is added as it happens."))
        else:
            self.record_note.setText("")

    def _show_section(self, row: int) -> None:
        """Draw a section. Redrawing the one shown (the record moved on) changes the facts
        and leaves the fields as they are, so typing is never interrupted; when its fields
        changed (a new speech), the field being typed in keeps the focus and the cursor."""
        if not 0 <= row < len(self.sections):
            return
        section = self.sections[row]
        shown = (row, tuple(section.fields))
        if shown == self._shown and self.facts is not None:
            self.facts.setText(_facts_html(section.blocks))
            return
        focused = next((p for p, e in self.editors.items() if e.hasFocus()), None)
        cursor = self.editors[focused].textCursor().position() if focused is not None else 0
        self._shown = shown
        page = QWidget()
        layout = QVBoxLayout(page)
        self.facts = QLabel(_facts_html(section.blocks), page)
        self.facts.setObjectName("minutesFacts")
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.facts)
        self.editors = {}
        for part, label in section.fields:
            caption = QLabel(label, page)
            caption.setStyleSheet("font-weight: bold")
            editor = QPlainTextEdit(page)
            editor.setObjectName(f"minutes:{part}")
            editor.setTabChangesFocus(True)
            editor.setPlainText(self.written.get(part, ""))
            editor.setFixedHeight(_field_height(part))
            editor.textChanged.connect(lambda p=part, e=editor: self._typed(p, e.toPlainText()))
            caption.setBuddy(editor)
            layout.addWidget(caption)
            layout.addWidget(editor)
            self.editors[part] = editor
        layout.addStretch(1)
        self.pane.setWidget(page)
        if focused is not None and focused in self.editors:
            editor = self.editors[focused]
            editor.setFocus()
            text_cursor = editor.textCursor()
            text_cursor.setPosition(min(cursor, len(editor.toPlainText())))
            editor.setTextCursor(text_cursor)

    # -- writing --------------------------------------------------------------------

    def _typed(self, part: str, text: str) -> None:
        if self.written.get(part, "") == text:
            return
        self.written[part] = text
        self._dirty[part] = text
        self.saved.setText(self.tr("Not saved yet"))
        self._autosave.start()

    def write(self, part: str, text: str) -> None:
        """Set a part's text as if typed (the field too, when shown)."""
        editor = self.editors.get(part)
        if editor is not None:
            editor.setPlainText(text)
        else:
            self._typed(part, text)

    def save(self) -> None:
        """Send what changed since the last save, one operation per part, in one transaction."""
        from eoffice.meetings.operations import WriteMinutes
        from eoffice.ops.values import Id
        from eoffice.store.base import new_id

        self._autosave.stop()
        if not self._dirty:
            return
        changed, self._dirty = self._dirty, {}
        operations = [WriteMinutes(Id(new_id()), Id(self.meeting_id), part, text) for part, text in changed.items()]
        self.saved.setText(self.tr("Saving…"))

        def done(_results: Any) -> None:
            if not self._dirty:
                self.saved.setText(self.tr("Saved at %1").replace("%1", datetime.now().strftime("%H:%M:%S")))

        def failed(error: BaseException) -> bool:
            for part, text in changed.items():  # kept to be saved again
                self._dirty.setdefault(part, text)
            self.saved.setText(self.tr("Not saved"))
            if isinstance(error, DomainError):
                self.window_.show_domain_error(error)
                return True
            return False

        self.worker.call("meeting_write_minutes", lambda: self.worker.apply_operations(self.user_id, operations),
                         done, failed)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save()
        super().closeEvent(event)

    # -- paper ----------------------------------------------------------------------

    def _render(self, kind: str, path: Path, on_done: Callable[[Path], None]) -> None:
        from eoffice.meetings.minutes.paper_docx import render_minutes_docx
        from eoffice.meetings.minutes.paper_pdf import render_minutes

        record, written, meeting_id = self.record, dict(self.written), self.meeting_id

        def job(session: Any) -> Path:
            minutes = minutes_of(session, meeting_id, record, written)
            path.write_bytes(render_minutes(minutes) if kind == "pdf" else render_minutes_docx(minutes))
            return path

        self.worker.read(f"meeting_minutes_{kind}", job, on_done)

    def preview(self) -> None:
        from eoffice.ui.pdf.reader import open_reader

        path = Path(tempfile.gettempdir()) / f"bien-ban-{self.meeting_id[:8]}.pdf"

        def done(written: Path) -> None:
            self.reader = open_reader(written, self.windowTitle(), self)

        self._render("pdf", path, done)

    def export(self, kind: str, path: Path | None = None) -> None:
        """Save the minutes as PDF or Word where the secretary says."""
        suffix = ".pdf" if kind == "pdf" else ".docx"
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export the minutes"), str(Path.home() / f"bien-ban{suffix}"),
                self.tr("PDF (*.pdf)") if kind == "pdf" else self.tr("Word (*.docx)"),
            )
            if not name:
                return
            path = Path(name if name.lower().endswith(suffix) else name + suffix)
        self._render(kind, path, lambda p: self._status(self.tr("Minutes exported to %1").replace("%1", str(p))))

    def export_record(self, folder: Path | None = None) -> None:
        """The record of the closed meeting into ``folder``: ho-so-cuoc-hop.pdf and .zip."""
        from eoffice.meetings.minutes import archive

        if self.record is None or self.record.state != "closed":
            self.window_.show_domain_error(DomainError(
                "Chỉ lưu hồ sơ được khi cuộc họp đã bế mạc và diễn biến phiên họp đã về máy này.",
                "The record is exported once the meeting is closed and its session's record is on this computer.",
            ))
            return
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(self, self.tr("Export the record"), str(Path.home()))
            if not chosen:
                return
            folder = Path(chosen)
        record, written, meeting_id, blobs = self.record, dict(self.written), self.meeting_id, self.window_.blobs
        target = folder

        def job(session: Any) -> Path:
            files = archive.originals(session, blobs, meeting_id, record, written)
            archive.write_record_pdf(session, blobs, meeting_id, record, written, target / "ho-so-cuoc-hop.pdf", files)
            archive.write_record_zip(session, blobs, meeting_id, record, written, target / "ho-so-cuoc-hop.zip", files)
            return target

        self._status(self.tr("Exporting the meeting's record…"))
        self.archive_button.setEnabled(False)

        def done(where: Path) -> None:
            self.archive_button.setEnabled(True)
            self.exported = where
            self._status(self.tr("The meeting's record was exported to %1").replace("%1", str(where)))

        def failed(error: BaseException) -> bool:
            self.archive_button.setEnabled(True)
            if isinstance(error, DomainError):
                self.window_.show_domain_error(error)
                return True
            return False

        self.worker.read("meeting_record_export", job, done, failed)

    def make_draft(self, paper: str) -> None:
        """The minutes (BB) or the conclusions notice (TB) as an outgoing draft, in one go."""
        from eoffice.meetings.minutes.drafting import make_minutes_draft, make_notice_draft

        self.save()
        worker, blobs, user_id, meeting_id = self.worker, self.window_.blobs, self.user_id, self.meeting_id
        record, written = self.record, dict(self.written)

        def job() -> str:
            with worker.store.read() as session:
                if paper == "minutes":
                    draft = make_minutes_draft(session, blobs, user_id, meeting_id, record, written)
                else:
                    draft = make_notice_draft(session, blobs, user_id, meeting_id, written)
            worker.apply_operations(user_id, list(draft.operations))
            return draft.document_id

        def done(_document_id: str) -> None:
            self._status(self.tr("Minutes' draft made; see Outgoing documents / My drafts") if paper == "minutes"
                         else self.tr("Conclusions notice drafted; see Outgoing documents / My drafts"))

        def failed(error: BaseException) -> bool:
            if isinstance(error, DomainError):
                self.window_.show_domain_error(error)
                return True
            return False

        worker.call(f"meeting_make_{paper}", job, done, failed)


def _field_height(part: str) -> int:
    """A field's height (px) by what it holds: a name, a speech's summary, a discussion."""
    if part.endswith(":presenter") or part == "guests":
        return 48
    if part.startswith("speech:") or part in ("opening", "closing"):
        return 72
    return 130


def _clock(text: str | None) -> str:
    from eoffice.meetings.live.state import parse_time
    from eoffice.meetings.values import vietnam

    moment = parse_time(text)
    return f"{vietnam(moment):%H:%M}" if moment is not None else ""

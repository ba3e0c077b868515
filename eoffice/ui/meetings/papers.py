"""The organisers' papers: the invitation (Giấy mời) as an outgoing GM draft, the
attendance cards (Thẻ điểm danh, with the server's signed QR passes) and the leaders'
weekly schedule (Lịch công tác tuần) opened in the reader.

The invitation's operations (``create_draft`` then ``meeting_link_invitation``) go
through the desk like any other section's: applied here and queued for the server. The
passes are signed by the server only, so the cards need it: offline, a clear message.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from eoffice.errors import DomainError

SAID_FOR = 8000

NEEDS_SERVER = DomainError(
    "Thẻ điểm danh cần mã QR do máy chủ ký; hãy kết nối mạng và đăng nhập máy chủ rồi thử lại.",
    "Attendance cards need QR passes signed by the server; connect to the server and try again.",
)


class Papers(QObject):
    """The meeting page's "Invitation" and "Attendance cards" actions."""

    def __init__(self, page: Any) -> None:
        super().__init__(page)
        self.page = page
        self.cards_saved: Path | None = None

    def _status(self, text: str) -> None:
        self.page.window_.statusBar().showMessage(text, SAID_FOR)

    # -- the invitation ------------------------------------------------------------

    def make_invitation(self) -> None:
        """Write the invitation, make the GM draft and name it on the meeting, in one go."""
        from eoffice.meetings.invitation import make_invitation_draft

        page = self.page
        worker, blobs, user_id, meeting_id = page.worker, page.window_.blobs, page.user_id, page.meeting_id

        def job() -> str:
            with worker.store.read() as session:
                draft = make_invitation_draft(session, blobs, user_id, meeting_id)
            worker.apply_operations(user_id, list(draft.operations))
            return draft.document_id

        def done(_document_id: str) -> None:
            self._status(self.tr("Invitation draft made; see Outgoing documents / My drafts"))

        worker.call("meeting_make_invitation", job, done)

    # -- attendance cards ----------------------------------------------------------

    def attendance_cards(self, path: Path | None = None) -> None:
        """The passes from the server, then the cards PDF where the organiser says."""
        from eoffice.meetings.passes import fetch_passes

        window = self.page.window_
        account, meeting_id = window.account, self.page.meeting_id
        if account is None:
            window.show_domain_error(NEEDS_SERVER)
            return

        def failed(error: BaseException) -> bool:
            window.show_domain_error(error if isinstance(error, DomainError) else NEEDS_SERVER)
            return True

        def fetched(tokens: dict[str, str]) -> None:
            target = path or self._ask_where()
            if target is not None:
                self._save_cards(meeting_id, tokens, target)

        window.network.run("fetch_meeting_passes", lambda: fetch_passes(account.client, meeting_id), fetched, failed)

    def _ask_where(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self.page, self.tr("Save the attendance cards"), str(Path.home() / "the-diem-danh.pdf"),
            self.tr("PDF (*.pdf)"),
        )
        return Path(name if name.lower().endswith(".pdf") else name + ".pdf") if name else None

    def _save_cards(self, meeting_id: str, tokens: dict[str, str], path: Path) -> None:
        from eoffice.meetings.passes import attendance_cards, meeting_cards

        worker = self.page.worker

        def job() -> int:
            with worker.store.read() as session:
                cards = meeting_cards(session, meeting_id, tokens)
            path.write_bytes(attendance_cards(cards))
            return len(cards)

        def done(count: int) -> None:
            self.cards_saved = path
            self._status(self.tr("%1 attendance cards saved to %2").replace("%1", str(count)).replace("%2", str(path)))

        worker.look("meeting_attendance_cards", job, done)


class WeeklySchedule(QObject):
    """The calendar's "Weekly schedule": the leaders' week (schedule.py) in the reader."""

    def __init__(self, window: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.reader: Any = None

    def open(self, week_of: date, on_open: Any = None) -> None:
        from eoffice.meetings.schedule import monday_of, render_schedule

        window = self.window
        organisation_id = window.directory.organisation_id
        monday = monday_of(week_of)
        path = Path(tempfile.gettempdir()) / f"lich-cong-tac-tuan-{monday:%Y-%m-%d}.pdf"

        def job(session: Any) -> Path:
            path.write_bytes(render_schedule(session, organisation_id, monday))
            return path

        def done(written: Path) -> None:
            from eoffice.ui.pdf.reader import open_reader

            title = self.tr("Weekly schedule from %1").replace("%1", f"{monday:%d/%m/%Y}")
            self.reader = open_reader(written, title, window)
            window.statusBar().showMessage(title, SAID_FOR)
            if on_open is not None:
                on_open(self.reader)

        window.worker.read("meeting_weekly_schedule", job, done)

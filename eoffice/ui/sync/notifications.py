"""Notifications: what the live channel and the server's answers tell this user.

A live event (a direction for me, a draft to approve, a document returned…) or an answer
to a pushed operation (the number the server gave, a refusal) becomes one notification:
shown for a few seconds as a toast in the window's corner and kept in a list the bell in
the status bar opens. Clicking one opens its document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from operator import attrgetter
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QMouseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListView, QVBoxLayout, QWidget

from eoffice.sync.account import describe_event
from eoffice.ui.rows import Column, RowsModel

#: How many notifications the list keeps (older ones drop off).
KEEP = 200
TOAST_MS = 7000


@dataclass
class Notification:
    text: str
    document_id: str = ""
    at: datetime | None = None
    unread: bool = True
    warning: bool = False


def _document_words(info: dict[str, str]) -> str:
    label = info.get("number_label") or ""
    subject = info.get("subject") or QCoreApplication.translate("Notifications", "(secret document)")
    return f"{label} — {subject}" if label else subject


#: A capability's words for its own live events: ``(kind, payload) -> Notification``.
EventText = Callable[[str, dict[str, Any]], Notification]
_EVENT_TEXTS: dict[str, EventText] = {}


def register_event_text(kinds: tuple[str, ...] | list[str], make: EventText) -> None:
    """How a capability's live events read (the meetings' invitations, postponements,
    answers…): this module knows the documents' own events and none of a capability's;
    a capability registers its texts from its UI package."""
    for kind in kinds:
        _EVENT_TEXTS[kind] = make


_SILENT: set[str] = set()


def register_silent_kinds(kinds: tuple[str, ...] | list[str]) -> None:
    """Live events a capability's own screens follow and that are no news for the bell
    (a session's every change, many a minute): they make no notification nor toast."""
    _SILENT.update(kinds)


def is_silent(kind: str) -> bool:
    return kind in _SILENT


def _event_time(event: dict[str, Any]) -> datetime | None:
    if isinstance(event.get("at"), str):
        try:
            return datetime.fromisoformat(event["at"])
        except ValueError:
            return None
    return None


def event_notification(event: dict[str, Any]) -> Notification:
    """The notification a live event makes, in the UI's language."""
    info = describe_event(event)
    payload = event.get("payload") or {}
    if isinstance(payload, dict) and (make := _EVENT_TEXTS.get(info["kind"])) is not None:
        made = make(info["kind"], payload)
        if made.at is None:
            made.at = _event_time(event)
        return made
    by = str(payload.get("by") or "")
    words = _document_words(info)
    kind = info["kind"]
    texts = {
        "direction.assigned": QCoreApplication.translate("Notifications", "New assignment from %1: %2"),
        "line.returned": QCoreApplication.translate("Notifications", "%1 returned an assignment: %2"),
        "document.returned": QCoreApplication.translate("Notifications", "%1 returned a document: %2"),
        "draft.submitted": QCoreApplication.translate("Notifications", "%1 submitted a draft for your approval: %2"),
        "draft.to_review": QCoreApplication.translate("Notifications", "%1 sent a draft for your review: %2"),
        "draft.to_cosign": QCoreApplication.translate(
            "Notifications", "%1 named you to sign a draft before the leader: %2"
        ),
        "draft.cosigned": QCoreApplication.translate(
            "Notifications", "%1 signed a draft before you; it awaits your signature: %2"
        ),
        "draft.returned": QCoreApplication.translate("Notifications", "%1 returned your draft: %2"),
        "draft.approved": QCoreApplication.translate("Notifications", "%1 approved your draft: %2"),
        "document.issued": QCoreApplication.translate("Notifications", "%1 issued your document: %2"),
        "document.received": QCoreApplication.translate(
            "Notifications", "A document arrived from another organisation: %2"
        ),
        "document.to_issue": QCoreApplication.translate(
            "Notifications", "%1 approved a document, to number and issue: %2"
        ),
        "extension.requested": QCoreApplication.translate("Notifications", "%1 asks for a deadline extension: %2"),
        "extension.decided": QCoreApplication.translate("Notifications", "%1 approved your deadline extension: %2")
        if payload.get("state") == "approved"
        else QCoreApplication.translate("Notifications", "%1 refused your deadline extension: %2"),
        "delegation.given": QCoreApplication.translate(
            "Notifications", "%1 delegated their waiting documents to you: %2"
        ),
    }
    if kind == "document.to_issue" and payload.get("signed"):
        texts[kind] = QCoreApplication.translate(
            "Notifications", "%1 signed and approved a document, to number and seal: %2"
        )
    if kind == "draft.approved" and payload.get("signed"):
        texts[kind] = QCoreApplication.translate("Notifications", "%1 signed and approved your draft: %2")
    template = texts.get(kind, QCoreApplication.translate("Notifications", "Update: %2"))
    text = template.replace("%1", by or QCoreApplication.translate("Notifications", "Someone")).replace("%2", words)
    reason = payload.get("reason") or payload.get("comment")
    if reason and kind == "draft.submitted":  # the head of unit's opinion, passing it on
        text += " — " + QCoreApplication.translate("Notifications", "comment: %1").replace("%1", str(reason))
    elif reason:
        text += " — " + QCoreApplication.translate("Notifications", "reason: %1").replace("%1", str(reason))
    at = _event_time(event)
    warning = kind in ("line.returned", "document.returned", "draft.returned") or (
        kind == "extension.decided" and payload.get("state") != "approved"
    )
    return Notification(text, info.get("document_id", ""), at, warning=warning)


def answer_notification(kind: str, outcome: str, reason: str, result: dict[str, Any]) -> Notification | None:
    """A notification for the server's answer to one of this user's operations, when it
    says something new: a number given, or a refusal."""
    document_id = str(result.get("document_id") or "")
    if outcome != "accepted":
        text = QCoreApplication.translate("Notifications", "The server refused an action: %1").replace("%1", reason)
        return Notification(text, document_id, warning=True)
    if kind == "register_incoming" and result.get("arrival_number"):
        number = f"{int(result['arrival_number']):02d}"
        text = QCoreApplication.translate("Notifications", "Arrival number %1 was given.").replace("%1", number)
        return Notification(text, document_id)
    if kind == "sign_file":
        return Notification(
            QCoreApplication.translate("Notifications", "The server checked and accepted the signed file."), document_id
        )
    if kind == "issue" and not result.get("number_pending", True):
        label = str(result.get("number_label", ""))
        if result.get("state") == "numbered":  # issued once the seal is on (issuing's steps)
            text = QCoreApplication.translate(
                "Notifications", "Number %1 was given; the document is issued once sealed."
            ).replace("%1", label)
        else:
            text = QCoreApplication.translate("Notifications", "The document was issued as %1.").replace("%1", label)
        return Notification(text, document_id)
    return None


def _notification_text(item: Notification) -> str:
    when = item.at.astimezone().strftime("%H:%M %d/%m") if item.at else ""
    return f"{when}  {item.text}".strip()


@cache  # made on first use: a QFont needs a QGuiApplication
def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def _unread_font(item: Notification) -> QFont | None:
    return _bold() if item.unread else None


class NotificationModel(RowsModel[Notification]):
    """Newest first."""

    columns = (
        Column(
            "", _notification_text, font=_unread_font,
            foreground=lambda item: QColor("#b71c1c") if item.warning else None, user=attrgetter("document_id"),
        ),
    )

    @property
    def items(self) -> list[Notification]:
        return self.rows

    def add(self, item: Notification) -> None:
        if item.at is None:
            item.at = datetime.now().astimezone()
        self.insert_row(0, item)
        if len(self.rows) > KEEP:
            self.remove_rows(KEEP, len(self.rows) - 1)

    def unread(self) -> int:
        return sum(item.unread for item in self.rows)

    def mark_all_read(self) -> None:
        for item in self.rows:
            item.unread = False
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 0))


class Toast(QLabel):
    """A notification shown for a few seconds in the window's bottom-right corner."""

    clicked = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("toast")
        self.setWordWrap(True)
        self.setMaximumWidth(420)
        self.setCursor(Qt.PointingHandCursor)
        self.document_id = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_notification(self, item: Notification) -> None:
        colour = "#fdecea" if item.warning else "#e8f0fe"
        self.setStyleSheet(
            f"QLabel#toast {{ background: {colour}; color: #202124; border: 1px solid #9aa0a6;"
            " border-radius: 4px; padding: 8px 10px; }"
        )
        self.document_id = item.document_id
        self.setText(item.text)
        self.adjustSize()
        self.place()
        self.show()
        self.raise_()
        self._timer.start(TOAST_MS)

    def place(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            margin = 16
            bottom = parent.height() - 40  # above the status bar
            self.move(parent.width() - self.width() - margin, bottom - self.height())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.hide()
        if self.document_id:
            self.clicked.emit(self.document_id)
        super().mousePressEvent(event)


class NotificationsDialog(QDialog):
    """The list behind the bell; double-click (or Enter) opens the document."""

    open_document = Signal(str)

    def __init__(self, model: NotificationModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Notifications"))
        self.resize(560, 380)
        self.view = QListView(self)
        self.view.setModel(model)
        self.view.setWordWrap(True)
        self.view.activated.connect(self._activated)
        empty = QLabel(self.tr("No notifications yet."), self)
        empty.setVisible(model.rowCount() == 0)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.button(QDialogButtonBox.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(empty)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)

    def _activated(self, index: QModelIndex) -> None:
        document_id = index.data(Qt.UserRole)
        if document_id:
            self.open_document.emit(document_id)
            self.accept()

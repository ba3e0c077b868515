"""The session's lists as table models: the speakers' queue, the speaking totals, the
attendance list and the votes (``ui.rows.RowsModel`` over the session's JSON rows)."""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from PySide6.QtCore import Qt

from PySide6.QtGui import QColor, QFont

from eoffice.meetings.live.schemas import AttendanceRow, SpeechView, VoteView
from eoffice.meetings.live.state import clock_text
from eoffice.ui.meetings.labels import role_label
from eoffice.ui.meetings.session.labels import (
    presence_label,
    progress_text,
    speech_kind_label,
    speech_state_label,
    verdict_text,
    vote_state_label,
)
from eoffice.ui.rows import QT_TRANSLATE_NOOP, Column, Index, RowsModel

ORDER_COLOUR = QColor("#8a4b00")
NEVER_COLOUR = QColor("#b71c1c")
ABSENT_COLOUR = QColor("#5f6368")


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class SpeechesModel(RowsModel[SpeechView]):
    """The queue: points of order first, then in the chair's order."""

    key = attrgetter("id")
    columns = (
        Column(QT_TRANSLATE_NOOP("SpeechesModel", "No."), lambda s: ""),
        Column(QT_TRANSLATE_NOOP("SpeechesModel", "Speaker"), attrgetter("full_name"), name="name"),
        Column(
            QT_TRANSLATE_NOOP("SpeechesModel", "Kind"), lambda s: speech_kind_label(s.kind),
            foreground=lambda s: ORDER_COLOUR if s.kind == "order" else None,
            font=lambda s: _bold() if s.kind == "order" else None,
        ),
        Column(QT_TRANSLATE_NOOP("SpeechesModel", "State"), lambda s: speech_state_label(s.state)),
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.column() == 0 and role == Qt.ItemDataRole.DisplayRole and 0 <= index.row() < len(self.rows):
            return str(index.row() + 1)  # the place in the queue
        return super().data(index, role)


def queue_order(queue: list[SpeechView]) -> list[SpeechView]:
    """Points of order ahead of the speeches, each kind in the server's order."""
    return sorted(queue, key=lambda s: (s.kind != "order", s.position))


@dataclass
class Total:
    """One member's speaking so far (zero: never spoke)."""

    user_id: str
    full_name: str
    speeches: int
    seconds: int


class TotalsModel(RowsModel[Total]):
    key = attrgetter("user_id")
    columns = (
        Column(
            QT_TRANSLATE_NOOP("TotalsModel", "Member"), attrgetter("full_name"),
            foreground=lambda t: NEVER_COLOUR if t.speeches == 0 else None,
        ),
        Column(QT_TRANSLATE_NOOP("TotalsModel", "Speeches"), lambda t: str(t.speeches)),
        Column(QT_TRANSLATE_NOOP("TotalsModel", "Time"), lambda t: clock_text(t.seconds)),
    )


class AttendanceModel(RowsModel[AttendanceRow]):
    key = attrgetter("participant_id")
    columns = (
        Column(QT_TRANSLATE_NOOP("AttendanceModel", "Name"), attrgetter("full_name"), name="name"),
        Column(QT_TRANSLATE_NOOP("AttendanceModel", "Role"), lambda r: role_label(r.role)),
        Column(
            QT_TRANSLATE_NOOP("AttendanceModel", "Presence"),
            lambda r: presence_label(r.presence) + (" · " + r.substitute_name if r.substitute_name else ""),
            foreground=lambda r: ABSENT_COLOUR if r.presence in ("absent", "not_arrived", "left") else None,
            font=lambda r: _bold() if r.presence in ("hall", "online", "substitute") else None,
        ),
        Column(
            QT_TRANSLATE_NOOP("AttendanceModel", "Late"),
            lambda r: "✓" if r.late else "",
        ),
        Column(QT_TRANSLATE_NOOP("AttendanceModel", "Reason"), attrgetter("reason"), tooltip=attrgetter("reason")),
    )


class VotesModel(RowsModel[VoteView]):
    key = attrgetter("id")
    columns = (
        Column(QT_TRANSLATE_NOOP("VotesModel", "Vote"), attrgetter("title"), tooltip=attrgetter("rule_label")),
        Column(QT_TRANSLATE_NOOP("VotesModel", "State"), lambda v: vote_state_label(v.state)),
        Column(QT_TRANSLATE_NOOP("VotesModel", "Ballots"), lambda v: progress_text(v.returned, v.issued)),
        Column(QT_TRANSLATE_NOOP("VotesModel", "Result"), verdict_text),
    )

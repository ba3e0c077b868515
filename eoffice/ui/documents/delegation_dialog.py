"""Ủy quyền: a leader names a deputy for the days they are away, and sees the
delegations they gave or received, each one revocable by the leader who gave it.

The deputy then finds the leader's waiting documents in their own boxes, marked "Thay:
<leader>" (``documents.boxes.acting_marks``), and approves, signs (KT.) and directs them in
the leader's stead (``documents.delegations``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)
from sqlalchemy.orm import Session

from eoffice.directory.models import User
from eoffice.documents import operations as ops
from eoffice.documents.delegations import Delegation, acting_for, delegations_of
from eoffice.errors import DomainError
from eoffice.ops import ISODate
from eoffice.store.base import new_id
from eoffice.ui import labels
from eoffice.ui.directory import OrgDirectory
from eoffice.ui.documents.forms import FormDialog, date_edit, from_qdate
from eoffice.ui.i18n import current_language
from eoffice.ui.rows import QT_TRANSLATE_NOOP, Column, RowsModel
from eoffice.ui.tasks import DbWorker


@dataclass(frozen=True)
class DelegationRow:
    """One delegation as the list shows it (plain data, read off the GUI thread)."""

    id: str
    leader_id: str
    leader: str
    deputy: str
    starts_on: date
    ends_on: date
    reason: str
    revoked: bool
    #: "active", "upcoming", "ended" or "revoked" on the day the list was read.
    status: str


def _status(delegation: Delegation, today: date) -> str:
    if delegation.revoked:
        return "revoked"
    if delegation.ends_on < today:
        return "ended"
    return "upcoming" if delegation.starts_on > today else "active"


def load_delegations(session: Session, user_id: str, today: date) -> list[DelegationRow]:
    """The delegations ``user_id`` gave or received, newest range first."""
    names: dict[str, str] = {}

    def name(person_id: str) -> str:
        if person_id not in names:
            person = session.get(User, person_id)
            names[person_id] = person.full_name if person is not None else ""
        return names[person_id]

    return [
        DelegationRow(
            d.id, d.leader_id, name(d.leader_id), name(d.deputy_id), d.starts_on, d.ends_on, d.reason, d.revoked,
            _status(d, today),
        )
        for d in delegations_of(session, user_id)
    ]


def load_acting(session: Session, user_id: str, today: date) -> dict[str, str]:
    """The absent leaders ``user_id`` acts for on ``today``: id → full name."""
    out: dict[str, str] = {}
    for leader_id in acting_for(session, user_id, today):
        leader = session.get(User, leader_id)
        out[leader_id] = leader.full_name if leader is not None else ""
    return out


def status_label(status: str) -> str:
    return {
        "active": QCoreApplication.translate("DelegationDialog", "In effect"),
        "upcoming": QCoreApplication.translate("DelegationDialog", "Not started yet"),
        "ended": QCoreApplication.translate("DelegationDialog", "Ended"),
        "revoked": QCoreApplication.translate("DelegationDialog", "Revoked"),
    }[status]


class DelegationsModel(RowsModel[DelegationRow]):
    key = attrgetter("id")
    columns = (
        Column(QT_TRANSLATE_NOOP("DelegationsModel", "Leader"), attrgetter("leader"), name="leader"),
        Column(QT_TRANSLATE_NOOP("DelegationsModel", "Deputy"), attrgetter("deputy"), name="deputy"),
        Column(QT_TRANSLATE_NOOP("DelegationsModel", "From"), lambda r: labels.format_date(r.starts_on), name="from"),
        Column(QT_TRANSLATE_NOOP("DelegationsModel", "To"), lambda r: labels.format_date(r.ends_on), name="to"),
        Column(
            QT_TRANSLATE_NOOP("DelegationsModel", "Reason"), attrgetter("reason"), tooltip=attrgetter("reason"),
            name="reason",
        ),
        Column(QT_TRANSLATE_NOOP("DelegationsModel", "State"), lambda r: status_label(r.status), name="status"),
    )


class DelegationDialog(FormDialog):
    """Name a deputy (another leader) from one day to another, with the reason; below,
    the delegations given and received, with "Thu hồi" for those the user gave."""

    def __init__(
        self, worker: DbWorker, directory: OrgDirectory, today: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(worker, self.tr("Delegate to a deputy"), parent)
        self.setMinimumWidth(680)
        self.directory = directory
        self.actor_id = directory.user.id
        self.today = today or date.today()
        self.deputy = QComboBox(self)
        for person in directory.leaders():
            if person.id != self.actor_id:
                text = f"{person.full_name} — {person.position}" if person.position else person.full_name
                self.deputy.addItem(text, person.id)
        self.deputy.setCurrentIndex(-1)
        self.starts = date_edit(self.today, self)
        self.ends = date_edit(self.today, self)
        dates = QWidget(self)
        row = QHBoxLayout(dates)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.starts)
        row.addWidget(QLabel(self.tr("to"), dates))
        row.addWidget(self.ends)
        row.addStretch(1)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("e.g. On a work trip to Hà Nội"))
        self.note = QLabel(
            self.tr("During these days the deputy sees your waiting documents and drafts, directs and approves "
                    "them and signs “KT.” in your stead with their own e-card."),
            self,
        )
        self.note.setWordWrap(True)
        self.form.addRow(self.tr("Deputy"), self.deputy)
        self.form.addRow(self.tr("From"), dates)
        self.form.addRow(self.tr("Reason"), self.reason)
        self.form.addRow(self.note)
        self.field_widgets.update(deputy_id=self.deputy, starts_on=self.starts, ends_on=self.ends, reason=self.reason)

        self.model = DelegationsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(self.model.column_of("reason"), QHeaderView.Stretch)
        self.table.setMinimumHeight(150)
        self.revoke_button = QPushButton(self.tr("Revoke"), self)
        self.revoke_button.setEnabled(False)
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_revoke())
        self.list_label = QLabel(self.tr("Delegations given and received"), self)
        font = self.list_label.font()
        font.setBold(True)
        self.list_label.setFont(font)
        under = QHBoxLayout()
        under.addStretch(1)
        under.addWidget(self.revoke_button)
        self.layout_.insertWidget(self.layout_.count() - 1, self.list_label)
        self.layout_.insertWidget(self.layout_.count() - 1, self.table, 1)
        self.layout_.insertLayout(self.layout_.count() - 1, under)
        self.ok_button.setText(self.tr("Delegate"))
        self.buttons.button(self.buttons.StandardButton.Cancel).setText(self.tr("Close"))
        if self.deputy.count() == 0:
            self.show_error(self.tr("The organisation has no other leader to delegate to."))
            self.ok_button.setEnabled(False)
        self.reload()

    # -- the list ---------------------------------------------------------------------

    def reload(self) -> None:
        user_id, today = self.actor_id, self.today
        self.worker.read("delegations", lambda s: load_delegations(s, user_id, today), self._show_rows)

    def _show_rows(self, rows: list[DelegationRow]) -> None:
        self.model.set_rows(rows)
        self._update_revoke()

    def selected(self) -> DelegationRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0]) if rows else None

    def _update_revoke(self) -> None:
        row = self.selected()
        self.revoke_button.setEnabled(
            row is not None and row.leader_id == self.actor_id and row.status in ("active", "upcoming")
        )

    def revoke_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        self.clear_error()
        self.revoke_button.setEnabled(False)
        self.worker.submit(
            "revoke_delegation", self.actor_id,
            lambda _s: ops.RevokeDelegation(op_id=new_id(), delegation_id=row.id),
            lambda _done: self._revoked(row), self._revoke_failed,
        )

    def _revoked(self, row: DelegationRow) -> None:
        self.busy_label.setText(self.tr("Revoked the delegation to %1.").replace("%1", row.deputy))
        self.reload()

    def _revoke_failed(self, err: BaseException) -> bool:
        self._update_revoke()
        if isinstance(err, DomainError):
            self.show_error(err.message(current_language()))
            return True
        return False

    # -- delegating -------------------------------------------------------------------

    def submit(self) -> None:
        deputy_id = self.deputy.currentData()
        if not deputy_id:
            self.show_error(self.tr("Choose the deputy."), "deputy_id")
            return
        starts, ends = from_qdate(self.starts.date()), from_qdate(self.ends.date())
        if ends < starts:
            self.show_error(self.tr("The last day comes before the first."), "ends_on")
            return
        reason, deputy_name = self.reason.text().strip(), self.deputy.currentText().split(" — ")[0]
        self.run_operation(
            "delegate", self.actor_id,
            lambda _s: ops.Delegate(
                op_id=new_id(), delegation_id=new_id(), deputy_id=deputy_id,
                starts_on=ISODate(starts.isoformat()), ends_on=ISODate(ends.isoformat()), reason=reason,
            ),
            lambda _op, _result: (deputy_name, starts, ends),
        )


def delegated_message(result: Any) -> str:
    """The status bar's words once a delegation is made."""
    deputy, starts, ends = result
    return (
        QCoreApplication.translate("DelegationDialog", "Delegated to %1 from %2 to %3.")
        .replace("%1", deputy).replace("%2", labels.format_date(starts)).replace("%3", labels.format_date(ends))
    )


__all__ = ["DelegationDialog", "DelegationRow", "delegated_message", "load_acting", "load_delegations"]

"""The signatures of a PDF, as the verification report says: one line each, details below."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import attrgetter
from pathlib import Path
from typing import Any

from cryptography import x509
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeView, QVBoxLayout, QWidget

from eoffice.errors import DomainError
from eoffice.signing.appearance import vn_time
from eoffice.signing.verify import SignatureReport, VerificationReport, verify_pdf
from eoffice.ui.i18n import current_language
from eoffice.ui.rows import QT_TRANSLATE_NOOP, Column, RowsModel
from eoffice.ui.tasks import TaskRunner

GOOD, BAD = QColor(0, 110, 40), QColor(176, 0, 32)


def _signing_time(sig: SignatureReport) -> str:
    return vn_time(sig.signing_time).strftime("%d/%m/%Y %H:%M:%S") if sig.signing_time else "—"


def _result(sig: SignatureReport) -> str:
    if sig.ok:
        return QCoreApplication.translate("SignatureListModel", "Valid")
    return QCoreApplication.translate("SignatureListModel", "NOT valid")


class SignatureListModel(RowsModel[SignatureReport]):
    columns = (
        Column(QT_TRANSLATE_NOOP("SignatureListModel", "Signer"), attrgetter("signer"), name="signer"),
        Column(QT_TRANSLATE_NOOP("SignatureListModel", "Signing time"), _signing_time, name="time"),
        Column(
            QT_TRANSLATE_NOOP("SignatureListModel", "Result"), _result,
            foreground=lambda sig: GOOD if sig.ok else BAD, name="result",
        ),
    )
    COLUMNS = tuple(column.name for column in columns)

    def row_data(self, sig: SignatureReport, role: int) -> Any:
        return sig if role == Qt.UserRole else None


class SignaturesPanel(QWidget):
    """Shows a report; ``verify(path, roots)`` makes one off the GUI thread."""

    verified = Signal(object)

    def __init__(self, runner: TaskRunner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner or TaskRunner(self)
        self.report: VerificationReport | None = None
        self._ticket = 0
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setObjectName("signaturesBanner")
        self.model = SignatureListModel(self)
        self.view = QTreeView(self)
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.header().setSectionResizeMode(0, QHeaderView.Stretch)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.PlainText)
        self.details.setObjectName("signatureDetails")
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.details)
        self.view.selectionModel().currentRowChanged.connect(lambda current, _prev: self._show_details(current.row()))
        self.clear()

    def clear(self) -> None:
        self._ticket += 1
        self.report = None
        self.model.set_rows([])
        self.banner.setText(self.tr("No file checked."))
        self.details.clear()

    def verify(
        self,
        path: Path,
        trust_roots: Iterable[x509.Certificate],
        crls: Iterable[bytes] = (),
        on_report: Callable[[VerificationReport], None] | None = None,
    ) -> None:
        """Check ``path`` off the GUI thread; only the latest check asked for is shown."""
        roots, crl_list = list(trust_roots), list(crls)
        self._ticket += 1
        ticket = self._ticket
        self.banner.setText(self.tr("Checking the signatures…"))
        self.banner.setStyleSheet("")

        def done(report: VerificationReport) -> None:
            if on_report is not None:
                on_report(report)
            if ticket == self._ticket:
                self.set_report(report)

        def failed(err: BaseException) -> bool:
            if ticket == self._ticket:
                self._failed(err)
            return True

        self.runner.run("verify", lambda: verify_pdf(Path(path), roots, crls=crl_list), done, failed)

    def set_report(self, report: VerificationReport) -> None:
        self._ticket += 1  # a check still running for another file is not shown over this
        self.report = report
        self.model.set_rows(report.signatures)
        n, bad = len(report.signatures), sum(1 for s in report.signatures if not s.ok)
        if not n:
            text, colour = self.tr("The file carries no digital signature."), BAD
        elif not bad:
            text, colour = self.tr("All signatures are valid (%1).").replace("%1", str(n)), GOOD
        else:
            text = self.tr("%1 of %2 signature(s) are NOT valid.").replace("%1", str(bad)).replace("%2", str(n))
            colour = BAD
        self.banner.setText(text)
        self.banner.setStyleSheet(f"color: {colour.name()}; font-weight: bold;")
        if n:
            first_bad = next((i for i, s in enumerate(report.signatures) if not s.ok), 0)
            self.view.setCurrentIndex(self.model.index(first_bad, 0))
        self.verified.emit(report)

    def _failed(self, err: BaseException) -> bool:
        self.report = None
        self.model.set_rows([])
        text = err.message(current_language()) if isinstance(err, DomainError) else self.tr("The check failed.")
        self.banner.setText(text)
        self.banner.setStyleSheet(f"color: {BAD.name()}; font-weight: bold;")
        return True

    def _show_details(self, row: int) -> None:
        if not (0 <= row < len(self.model.rows)):
            self.details.clear()
            return
        sig = self.model.rows[row]
        yes, no = self.tr("yes"), self.tr("no")
        coverage = {
            "whole_file": self.tr("the whole file"),
            "revision": self.tr("the document as signed; later updates follow"),
            "partial": self.tr("part of the file"),
            "unclear": self.tr("unclear"),
        }[sig.coverage]
        changes = {
            "none": self.tr("nothing"),
            "form_filling": self.tr("form filling or further signatures only"),
            "annotations": self.tr("annotations added or changed"),
            "other": self.tr("the content was changed"),
            "unknown": self.tr("cannot be determined"),
        }[sig.changes_after]
        source = {
            "timestamp": self.tr("trusted timestamp"),
            "claimed": self.tr("signer's clock"),
        }.get(sig.time_source, "")
        when = vn_time(sig.signing_time).isoformat() if sig.signing_time else "—"
        lines = [
            self.tr("Signer: %1").replace("%1", sig.signer_subject),
            self.tr("Issued by: %1").replace("%1", sig.issuer),
            self.tr("Signing time: %1").replace("%1", when + (f" ({source})" if source else "")),
            self.tr("Intact: %1").replace("%1", yes if sig.intact else no),
            self.tr("Chain to a trusted root: %1").replace("%1", yes if sig.trusted else no),
            self.tr("Certificate valid at signing time: %1").replace("%1", yes if sig.valid_at_signing else no),
            self.tr("Covers: %1").replace("%1", coverage),
            self.tr("Changed after signing: %1").replace("%1", changes),
        ]
        lang = current_language()
        lines += [f"• {p.message(lang)}" for p in sig.problems]
        self.details.setText("\n".join(lines))

"""The signing section: "Ký số" on the file on screen, the signature and seal images, and
the administrator's trusted roots and e-card drivers (menus Signing and Administration).

It has no screen of its own: it acts on the document the documents' section shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from eoffice.directory.models import Role
from eoffice.ui.section import Menu, Section


class SigningSection(Section):
    """Digital signatures on the documents' files, and their settings."""

    name = "signing"
    toast_kinds = frozenset({"sign_file"})

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.documents = window.section("documents")
        #: Soft certificates to offer when signing (the demo's cards); this machine's
        #: signing settings (PKCS#11 modules, timestamp server); None: the data dir's.
        account = window.account
        self.key_files: list[Path] = list(account.profile.key_files) if account is not None else []
        self.settings_file: Path | None = None
        self.sign_flow: Any = None
        self.issue_dialog: Any = None

        self.menus += [Menu("signing", self.tr("Si&gning"), 30), Menu("admin", self.tr("&Administration"), 40)]
        self.act_sign = self.action(
            self.tr("Digital signature…"), self.sign_document, "Ctrl+Shift+S",
            self.tr("Sign the file on screen with your e-card (leader, co-signer), or seal it for the agency (clerk)"),
            menu="signing", at=10, toolbar=70,
        )
        self.separator("signing", 20)
        self.act_profile = self.action(
            self.tr("Signature and seal images…"), self.edit_signing_profile, menu="signing", at=30
        )
        self.act_trusted_roots = self.action(
            self.tr("Trusted root certificates…"), lambda: self.open_admin(0), menu="admin", at=10
        )
        self.act_pkcs11 = self.action(
            self.tr("E-card drivers (PKCS#11)…"), lambda: self.open_admin(1), menu="admin", at=20
        )
        self.documents.actions_updated.connect(self.update_actions)
        self.documents.issue_handler = self.open_issuing  # "Cấp số, ban hành…" is issuing's steps

    # -- the section in the window ----------------------------------------------------

    def update_actions(self) -> None:
        self.act_sign.setEnabled(self.signature_due() is not None or self._issue_then_seal())
        admin = self.window.directory.has_role(Role.ADMIN)
        if "admin" in getattr(self.window, "menus", {}):
            self.window.menu("admin").menuAction().setVisible(admin)
        self.act_trusted_roots.setEnabled(admin)
        self.act_pkcs11.setEnabled(admin)

    def set_user(self, user_id: str) -> None:
        self.sign_flow = None  # a signature belongs to who began it

    # -- digital signatures -----------------------------------------------------------

    def signature_due(self) -> str | None:
        """The signature this user may add now to the file on screen (signer, agency, attachment)."""
        from eoffice.documents.signing import signature_due

        doc, view = self.documents.current, self.documents.detail_pane.current_file()
        if doc is None or view is None or doc.direction != "outgoing":
            return None
        directory = self.window.directory
        return signature_due(
            state=doc.state, is_main=view.is_main, kinds=list(view.signed_kinds),
            approver=directory.has_role(Role.LEADER)
            and (doc.approver_id == directory.user.id or doc.approver_id in self.documents.acting),
            clerk=directory.has_role(Role.CLERK), numbered=doc.register_number is not None,
            cosigner=doc.cosigner_id is not None and doc.cosigner_id == directory.user.id,
            awaits_cosigner=doc.cosigner_id is not None,
        )

    def _issue_then_seal(self) -> bool:
        """A clerk's "Ký số" on an approved or numbered document the leader signed: issuing's steps."""
        doc, view = self.documents.current, self.documents.detail_pane.current_file()
        return (
            doc is not None and view is not None and view.is_main and doc.direction == "outgoing"
            and doc.state in ("approved", "numbered") and "signer" in view.signed_kinds
            and "agency" not in view.signed_kinds and self.window.directory.has_role(Role.CLERK)
        )

    def sign_document(self) -> None:
        """Ký số on the file on screen; a clerk's on the main file of a document to issue opens
        issuing's steps (number, number and date filled in, seal), which resume where they stopped."""
        from eoffice.ui.signing.flow import SignFlow

        current = self.documents.current
        kind, view = self.signature_due(), self.documents.detail_pane.current_file()
        if current is None or view is None:
            return
        if self._issue_then_seal():
            self.open_issuing()
            return
        if kind is None:
            return
        flow = SignFlow(
            self.window.worker, self.window.blobs, self.window.user_id, self.window, key_files=self.key_files,
            settings_file=self.settings_file,
        )
        flow.done.connect(self._signed)
        self.sign_flow = flow
        flow.start(current.id, view.id, kind)

    def open_issuing(self) -> None:
        """Cấp số, ban hành on the document on screen, as one dialog of steps."""
        from eoffice.ui.signing.issue_dialog import IssueFlowDialog

        current = self.documents.current
        if current is None:
            return
        window = self.window
        account = window.account

        def online() -> bool | None:
            return None if account is None else account.engine.status().online

        dialog = IssueFlowDialog(
            window.worker, window.blobs, window.user_id, current.id, window,
            synced=account is not None, online=online, key_files=self.key_files, settings_file=self.settings_file,
            deliver=self.documents.deliver_document_dialog if window.directory.organisations else None,
            today=getattr(window, "today", None),
            changed=window.changed,
        )
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.issued.connect(self._issued)
        self.issue_dialog = dialog
        dialog.open()

    def _issued(self, _document_id: str) -> None:
        self.window.statusBar().showMessage(self.tr("Issued."), 8000)

    def _signed(self, _document_id: str) -> None:
        text = self.tr("Signed.")
        if self.window.account is not None:
            text = self.tr("Signed; the server checks the signatures when it receives the file.")
        self.window.statusBar().showMessage(text, 8000)

    def edit_signing_profile(self) -> None:
        from eoffice.ui.signing.profile_dialog import ProfileDialog

        dialog = ProfileDialog(self.window.worker, self.window.blobs, self.window.directory, self.window)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.profile_dialog = dialog
        dialog.open()

    def open_admin(self, tab: int = 0) -> None:
        from eoffice.ui.signing.admin import AdminDialog

        dialog = AdminDialog(self.window.worker, self.window.user_id, self.settings_file, self.window)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.tabs.setCurrentIndex(tab)
        self.admin_dialog = dialog
        dialog.open()

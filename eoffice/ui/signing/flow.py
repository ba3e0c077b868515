"""Ký số on a document's file from the main window: plan, sign on this computer, hand over.

``plan_signature`` reads (in a worker session) what the signature needs: the file on this
computer, the user's signature image or the organisation's seal, the title and name to
find the signature block, the reason with the number the server gave, the trusted roots,
and whose certificate it must be made with (the user's, the organisation's for a seal).
``SignFlow`` opens the sign dialog (preview, movable box, key chooser, PIN dialog) on it,
which refuses another's card before its PIN is asked; once the PDF is signed, the signed
version goes into the blob store and a ``sign_file`` operation to the desk — applied here
at once and, on a synced desktop, sent to the server, which verifies it before accepting it.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from cryptography import x509
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from eoffice.directory.models import Organisation, User
from eoffice.documents import operations as ops
from eoffice.documents import signing
from eoffice.documents.delegations import acting_block
from eoffice.documents.models import Document
from eoffice.documents.types import DocState
from eoffice.errors import NotFound, ValidationError
from eoffice.ops import FileRef, ISODate
from eoffice.signing.appearance import Appearance, Kind
from eoffice.signing.ownership import CertificateIdentity, CertificateOwner, owner_for
from eoffice.signing.pades import SigningOptions, SignResult
from eoffice.signing.settings import load_settings
from eoffice.store.base import new_id
from eoffice.store.blobs import BlobStore
from eoffice.ui.tasks import DbWorker

log = logging.getLogger(__name__)


@dataclass
class SignaturePlan:
    """What one signature of one file needs, read in one session (plain data)."""

    kind: str
    document_id: str
    file_id: str
    previous_digest: str
    source: Path
    filename: str
    page_count: int
    appearance: Appearance
    reason: str
    location: str
    trust_roots: list[Any] = field(default_factory=list)
    #: Whose certificate the signature must be made with (``signing.ownership``).
    owner: CertificateOwner | None = None

    def check_certificate(self, cert: x509.Certificate) -> None:
        """Refuse a key that is not the signer's (the organisation's, for a seal), as the server would."""
        if self.owner is not None:
            self.owner.check(CertificateIdentity.of(cert))


def _image(blobs: BlobStore, digest: str | None) -> bytes | None:
    if digest and blobs.has(digest):
        return blobs.path_for(digest).read_bytes()
    return None


def plan_signature(
    session: Session, blobs: BlobStore, user_id: str, document_id: str, file_id: str, kind: str
) -> SignaturePlan:
    """The plan for ``user_id`` to add a ``kind`` signature to a document's file."""
    from eoffice.signing.trust import trusted_roots

    doc = session.get(Document, document_id)
    user = session.get(User, user_id)
    if doc is None or user is None:
        raise NotFound("Không tìm thấy văn bản.", "Document not found.")
    file = next((f for f in doc.files if f.id == file_id), None)
    if file is None:
        raise NotFound("Không tìm thấy tệp này của văn bản.", "The document has no such file.")
    source = blobs.path_for(file.digest)
    if not source.is_file():
        raise ValidationError(
            "Tệp của văn bản chưa tải về máy này; hãy chờ đồng bộ xong rồi ký.",
            "The document's file is not on this computer yet; wait for the sync and sign then.",
        )
    org = session.get(Organisation, doc.organisation_id)
    org_name = org.name if org is not None else ""
    approver = session.get(User, doc.approver_id) if doc.approver_id else None
    reason = signing.signing_reason(kind, doc)
    title = doc.signer_position or (approver.position if approver else "")
    name = doc.signer_full_name or (approver.full_name if approver else "")
    if kind == signing.COSIGNER:
        # the co-signer's own block; their certification leaves the approver's field open
        # over the block of the leader who is to sign (not the head of unit reviewing it,
        # nobody yet on a draft not submitted: then the draft's signer fields say whose)
        leader = session.get(User, doc.signer_id) if doc.signer_id else None
        appearance = Appearance(
            Kind.COSIGNER, image=_image(blobs, user.signature_digest), title=doc.cosigner_position or user.position,
            name=user.full_name,
            approver_title=doc.signer_position or (leader.position if leader else ""),
            approver_name=doc.signer_full_name or (leader.full_name if leader else ""),
            seal_image=_image(blobs, org.seal_digest if org else None),
        )
    elif kind == signing.SIGNER:
        # the organisation's seal sizes the seal's field the leader's certification leaves open
        acting: dict[str, str] = {}
        if approver is not None and approver.id != user.id:
            # a deputy signs in the absent leader's stead (ký thay): "KT. <title>" over their own
            kt, own = acting_block(approver.position or title, user.position)
            acting = {"acting_title": kt, "signer_title": own, "signer_name": user.full_name}
            reason = f"Ký thay {approver.position} {approver.full_name}: {reason[:1].lower()}{reason[1:]}".replace(
                "  ", " "
            )
        appearance = Appearance(
            Kind.SIGNER, image=_image(blobs, user.signature_digest), title=title, name=name,
            seal_image=_image(blobs, org.seal_digest if org else None), **acting,
        )
    elif kind == signing.AGENCY:
        seal = _image(blobs, org.seal_digest if org else None)
        if seal is None and org is not None and org.seal_digest:
            raise ValidationError(
                "Hình con dấu chưa tải về máy này; hãy chờ đồng bộ xong rồi ký.",
                "The seal image is not on this computer yet; wait for the sync and sign then.",
                field="image",
            )
        if seal is None:
            raise ValidationError(
                "Cơ quan chưa có hình con dấu: hãy đặt hình con dấu trong “Hình chữ ký và con dấu…”.",
                "The organisation has no seal image: set it in “Signature and seal images…”.",
                field="image",
            )
        appearance = Appearance(Kind.AGENCY, image=seal, title=title, name=name)
    else:
        appearance = Appearance(Kind.ATTACHMENT, code_label=doc.number_label, organisation=org_name)
    return SignaturePlan(
        kind, doc.id, file.id, file.digest, source, file.filename, file.page_count, appearance,
        reason, org_name, trusted_roots(session),
        owner_for(session, user, doc.organisation_id, kind, with_others=True),
    )


class SignFlow(QObject):
    """One "Ký số" from plan to operation; ``done(document_id)`` once the desk applied it."""

    done = Signal(str)
    #: The sign dialog is open (tests drive it).
    dialog_opened = Signal(object)

    def __init__(
        self,
        worker: DbWorker,
        blobs: BlobStore,
        user_id: str,
        parent: QWidget,
        *,
        key_files: list[Path] | None = None,
        settings_file: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.worker = worker
        self.blobs = blobs
        self.user_id = user_id
        self.parent_widget = parent
        self.key_files = list(key_files or [])
        self.settings_file = settings_file
        self.dialog: Any = None
        self.plan: SignaturePlan | None = None

    def start(self, document_id: str, file_id: str, kind: str, *, source: Path | None = None) -> None:
        """Plan and open the sign dialog; ``source``: sign this version of the file instead (the
        file with the number and date filled in, an update of the version the desk holds)."""
        blobs, user_id = self.blobs, self.user_id

        def plan(session: Session) -> SignaturePlan:
            found = plan_signature(session, blobs, user_id, document_id, file_id, kind)
            if source is not None:
                found.source = source
            return found

        self.worker.read("plan_signature", plan, self._open)

    def _open(self, plan: SignaturePlan) -> None:
        from eoffice.ui.signing.sign_dialog import SignDialog

        self.plan = plan
        settings = load_settings(self.settings_file)
        output = self.blobs.root / f".signing-{uuid.uuid4().hex}.pdf"
        options = SigningOptions(
            reason=plan.reason, location=plan.location, timestamp_url=settings.timestamp_url or None,
            fetch_revocation=settings.fetch_revocation, trust_roots=tuple(plan.trust_roots),
        )
        # A person's own card comes first in ``key_files``, their organisation's after it:
        # the agency's signatures are made with the organisation's card.
        personal = plan.kind in (signing.SIGNER, signing.COSIGNER)
        files = self.key_files if personal else list(reversed(self.key_files))
        dialog = SignDialog(
            plan.source, output, plan.appearance, module_paths=list(settings.pkcs11_modules), options=options,
            trust_store=plan.trust_roots, pkcs12_files=files, key_check=plan.check_certificate,
            parent=self.parent_widget,
        )
        dialog.setWindowTitle(self._title(plan.kind))
        dialog.signed.connect(self._signed)
        dialog.finished.connect(lambda _code: output.unlink(missing_ok=True) if dialog.result is None else None)
        self.dialog = dialog
        dialog.open()
        self.dialog_opened.emit(dialog)

    def _title(self, kind: str) -> str:
        return {
            signing.COSIGNER: self.tr("Sign the draft before the leader"),
            signing.SIGNER: self.tr("Sign and approve the draft"),
            signing.AGENCY: self.tr("Agency signature (seal)"),
            signing.ATTACHMENT: self.tr("Agency signature on an attachment"),
        }[kind]

    def _signed(self, result: SignResult) -> None:
        plan = self.plan
        assert plan is not None
        blobs, worker, user_id = self.blobs, self.worker, self.user_id

        def hand_over() -> str:
            try:
                digest, size = blobs.put_file(result.output)
            finally:
                result.output.unlink(missing_ok=True)
            op = ops.SignFile(
                op_id=new_id(), document_id=plan.document_id, file_id=plan.file_id,
                previous_digest=plan.previous_digest,
                file=FileRef(digest, plan.filename, size, plan.page_count), signature=plan.kind,
                on_date=ISODate(date.today().isoformat()),
            )
            worker.apply_operation(user_id, lambda _session: op)
            return plan.document_id

        self.worker.call("sign_file", hand_over, self.done.emit)


# --------------------------------------------------------------------------- issuing, step by step


@dataclass(frozen=True)
class IssueProgress:
    """Where a document's issuing stands (``issue_dialog``): read from the desk and this computer.

    The steps are the document's own states (approved → numbered → issued), and between the
    number and the seal the filled file, kept in the blob store and named in a small record
    (``issuing_record``) so that an interrupted issuing does not fill it twice.
    """

    document_id: str
    subject: str
    state: str
    number_label: str
    numbered: bool  # the server's number is known here
    issued_date: date | None
    main_file_id: str | None
    main_digest: str
    signed_by_leader: bool  # the leader's digital signature: a seal follows, over the filled number
    sealed: bool
    filled_digest: str | None = None  # the main file with the number and date, on this computer
    no_fields: bool = False  # the file has no number/date fields: the seal goes on it as it is
    file_here: bool = True

    @property
    def step(self) -> str:
        """The next step: ``number``, ``wait_number``, ``fill``, ``seal``, ``deliver`` (issued)."""
        if self.state == DocState.APPROVED.value:
            return "number"
        if self.state == DocState.NUMBERED.value:
            if not self.numbered:
                return "wait_number"
            if self.filled_digest is None and not self.no_fields:
                return "fill"
            return "seal"
        return "deliver"


def issuing_record(blobs: BlobStore, document_id: str) -> Path:
    """The record of a document's filled file on this computer (a resumed issuing reads it)."""
    return blobs.root / ".issuing" / f"{document_id}.json"


def _read_record(blobs: BlobStore, document_id: str, main_digest: str) -> tuple[str | None, bool]:
    path = issuing_record(blobs, document_id)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None, False
    if not isinstance(data, dict) or data.get("source") != main_digest:
        return None, False  # a record of another version of the file
    filled = data.get("filled")
    if isinstance(filled, str) and blobs.has(filled):
        return filled, False
    return None, bool(data.get("no_fields"))


def read_issue_progress(session: Session, blobs: BlobStore, document_id: str) -> IssueProgress:
    doc = session.get(Document, document_id)
    if doc is None or doc.deleted:
        raise NotFound("Không tìm thấy văn bản.", "Document not found.")
    main = next((f for f in doc.files if f.is_main), None)
    kinds = signing.signed_kinds(main) if main is not None else []
    digest = main.digest if main is not None else ""
    filled, no_fields = _read_record(blobs, doc.id, digest) if main is not None else (None, False)
    return IssueProgress(
        doc.id, doc.subject, doc.state, doc.number_label, doc.register_number is not None, doc.issued_date,
        main.id if main is not None else None, digest, signing.SIGNER in kinds, signing.AGENCY in kinds,
        filled, no_fields, bool(digest) and blobs.has(digest),
    )


def fill_for_issue(blobs: BlobStore, progress: IssueProgress) -> IssueProgress:
    """Write the number and date into the main file (a new blob), and record it; a file without
    the fields is recorded as such (the seal's reason names the number)."""
    from eoffice.signing.filling import fill_issue_fields, issue_fields

    if not progress.file_here:
        raise ValidationError(
            "Tệp của văn bản chưa tải về máy này; hãy chờ đồng bộ xong rồi tiếp tục.",
            "The document's file is not on this computer yet; wait for the sync and continue.",
        )
    assert progress.issued_date is not None
    source = blobs.path_for(progress.main_digest)
    record = issuing_record(blobs, progress.document_id)
    record.parent.mkdir(parents=True, exist_ok=True)
    found = issue_fields(source)
    if not found.open and not found.filled:
        record.write_text(json.dumps({"source": progress.main_digest, "no_fields": True}), encoding="utf-8")
        return replace(progress, no_fields=True)
    output = blobs.root / f".issuing-{uuid.uuid4().hex}.pdf"
    try:
        fill_issue_fields(source, output, progress.number_label, progress.issued_date)
        digest, _size = blobs.put_file(output)
    finally:
        output.unlink(missing_ok=True)
    record.write_text(json.dumps({"source": progress.main_digest, "filled": digest}), encoding="utf-8")
    return replace(progress, filled_digest=digest)


def forget_issuing(blobs: BlobStore, document_id: str) -> None:
    """The seal is on: the record (and the filled file, now inside the sealed one) are no longer needed."""
    path = issuing_record(blobs, document_id)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    path.unlink(missing_ok=True)
    filled = data.get("filled") if isinstance(data, dict) else None
    if isinstance(filled, str) and signing.DIGEST.match(filled):
        blobs.discard(filled)

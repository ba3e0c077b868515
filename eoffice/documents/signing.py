"""Ký số on a document's files: who may sign which file when, and the server's check.

A signed file is a new version of a document's file: a new SHA-256 in the blob store,
the old digest kept in the ``document.sign`` audit event. Four signatures exist
(NĐ 30/2020, Phụ lục I):

- ``cosigner``: the co-signer a draft names (``Document.cosigner_id``, người ký trước:
  the secretary of a meeting's minutes) signs its main file first, while it is a draft
  or awaits approval; their signature certifies the file (``signing.pades``) and
  changes no state;
- ``signer``: the leader a draft was submitted to signs its main file; that approves it
  (a draft with a co-signer: once the co-signer has signed, into the field their
  certification left open);
- ``agency``: a clerk of the organisation adds the agency's signature (the seal) over the
  signer's, once the server has given the document its number and the number and date
  are filled in on page 1 (``signing.filling``); the seal issues the numbered document
  (NUMBERED → ISSUED: "Đã ban hành" only once sealed);
- ``attachment``: a clerk stamps a separate attachment file (text only: số/ký hiệu and
  the signing time), also once the number is known.

Signing itself (the PIN, the card) happens on the desktop; the server accepts the new
version only when ``check_signed_version`` passed on the bytes it holds: the old version
is a prefix of the new one (an incremental update of what was signed before), exactly
one signature was added, every signature is intact, chains to a trusted root and is
followed by nothing unsafe, and the new one covers the whole file. ``sign_file`` then
asks whose certificate the new signature was made with (``signing.ownership``): the
acting user's for a signer's or co-signer's signature, the organisation's for a seal.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cryptography import x509
from sqlalchemy.orm import Session

from eoffice.audit.chain import record
from eoffice.directory.access import load_actor, require_role
from eoffice.directory.models import Role, User
from eoffice.documents.incoming import PreparedFile
from eoffice.documents.locks import lock_document
from eoffice.documents.models import Document, DocumentFile
from eoffice.documents.outgoing import issued, require_approver
from eoffice.documents.types import Direction, DocState
from eoffice.errors import DomainError, NotFound, PermissionDenied, StateError, ValidationError
from eoffice.signing.ownership import CertificateIdentity, check_signature_certificate

SIGNER = "signer"
COSIGNER = "cosigner"
AGENCY = "agency"
ATTACHMENT = "attachment"
KINDS = (COSIGNER, SIGNER, AGENCY, ATTACHMENT)
#: States in which the co-signer signs: before the leader's approval.
COSIGNABLE_STATES = (
    DocState.DRAFT.value, DocState.RETURNED.value, DocState.REVIEWING.value, DocState.SUBMITTED.value,
)
DIGEST = re.compile(r"^[0-9a-f]{64}$")
#: States in which the clerk seals: numbered (the seal issues it), or issued (attachments).
SEALABLE_STATES = (DocState.NUMBERED.value, DocState.ISSUED.value)
CHUNK = 1 << 20


@dataclass(frozen=True)
class SignedVersion:
    """What the server's check found in a signed version (its evidence for applying)."""

    previous_digest: str
    digest: str
    signatures: int
    signers: tuple[str, ...]
    #: The new signature's certificate, as the verifier reports it (whose it is is
    #: ``sign_file``'s question: the check knows the bytes, not the actor).
    certificate: CertificateIdentity | None = None


def signed_kinds(file: DocumentFile) -> list[str]:
    return [k for k in (file.signed_kinds or "").split(",") if k]


def signature_due(
    *,
    state: str,
    is_main: bool,
    kinds: list[str],
    approver: bool,
    clerk: bool,
    numbered: bool,
    cosigner: bool = False,
    awaits_cosigner: bool = False,
) -> str | None:
    """The signature this user may add to a file now (``cosigner``/``signer``/``agency``/
    ``attachment``), or None.

    ``cosigner``: this user is the draft's co-signer; ``awaits_cosigner``: the draft names
    a co-signer (whoever it is). The same rule as ``sign_file``, for the desktop's actions
    (no messages).
    """
    if cosigner and state in COSIGNABLE_STATES and is_main and COSIGNER not in kinds and SIGNER not in kinds:
        return COSIGNER
    if approver and state == DocState.SUBMITTED.value and is_main and SIGNER not in kinds:
        if awaits_cosigner and COSIGNER not in kinds:
            return None  # the co-signer signs first
        return SIGNER
    if not clerk or not numbered or state not in SEALABLE_STATES:
        return None
    if is_main:
        return AGENCY if SIGNER in kinds and AGENCY not in kinds else None
    return ATTACHMENT if ATTACHMENT not in kinds else None


def signing_reason(kind: str, doc: Document) -> str:
    """The signature's reason (/Reason): what it signs, with the number the server gave.

    The decree puts the number and date on the document; once the leader has signed, the
    page cannot change without breaking that signature, so the agency's signature says
    which number it seals here, where every verifier shows it.
    """
    if kind == SIGNER:
        return "Ký duyệt văn bản"
    if kind == COSIGNER:
        return "Ký văn bản (người ký trước)"
    when = f" ngày {doc.issued_date:%d/%m/%Y}" if doc.issued_date else ""
    if kind == AGENCY:
        return f"Đóng dấu, ban hành văn bản số {doc.number_label}{when}"
    return f"Đóng dấu tệp kèm theo văn bản số {doc.number_label}{when}"


# --------------------------------------------------------------------------- the check


def _prefix_digest(path: Path, length: int) -> str:
    hasher = hashlib.sha256()
    left = length
    with open(path, "rb") as handle:
        while left > 0:
            chunk = handle.read(min(CHUNK, left))
            if not chunk:
                break
            hasher.update(chunk)
            left -= len(chunk)
    return hasher.hexdigest()


def _refused(vi: str, en: str) -> ValidationError:
    return ValidationError(f"Tệp đã ký không được chấp nhận: {vi}", f"The signed file was refused: {en}", field="file")


def check_signed_version(
    previous: Path,
    previous_digest: str,
    signed: Path,
    signed_digest: str,
    roots: list[x509.Certificate],
    *,
    issued: tuple[str, date] | None = None,
) -> SignedVersion:
    """Whether ``signed`` is ``previous`` with one more valid signature; raises a ValidationError saying why not.

    ``issued`` (the number label and issuing date the server gave, for a seal): the number
    and date fields filled in before the seal (``signing.filling``) must read them.
    Streams: the old version's bytes are hashed inside the new file, never loaded whole.
    """
    from eoffice.signing.errors import UnreadablePdfError
    from eoffice.signing.placement import existing_signatures
    from eoffice.signing.verify import verify_pdf

    if not signed.is_file():
        raise _refused("tệp chưa được gửi lên máy chủ.", "the file was not uploaded.")
    if not previous.is_file():
        raise _refused("máy chủ không có phiên bản trước của tệp.", "the server does not hold the previous version.")
    old_size = previous.stat().st_size
    if signed.stat().st_size <= old_size or _prefix_digest(signed, old_size) != previous_digest:
        raise _refused(
            "tệp không phải là tệp trước đó được ký thêm (nội dung đã bị thay đổi hoặc là một tệp khác).",
            "it is not the previous version with a signature added (the content differs).",
        )
    try:
        before = len(existing_signatures(previous))
        report = verify_pdf(signed, roots)
    except UnreadablePdfError as err:
        raise _refused("không đọc được tệp PDF.", f"the PDF cannot be read ({err.message_en}).") from err
    count = len(report.signatures)
    if count != before + 1:
        raise _refused(
            f"phải có thêm đúng một chữ ký số (trước có {before}, nay có {count}).",
            f"exactly one signature must be added (there were {before}, now {count}).",
        )
    for sig in report.signatures:
        if not sig.ok:
            problem = sig.problems[0]
            who = sig.signer or sig.field_name
            raise _refused(
                f"chữ ký số của {who} không hợp lệ — {problem.message_vi}",
                f"the signature of {who} is not valid — {problem.message_en}",
            )
    newest = [sig for sig in report.signatures if sig.coverage == "whole_file"]
    if not newest:
        raise _refused("chữ ký mới không bao trùm toàn bộ tệp.", "the new signature does not cover the whole file.")
    new = newest[-1]
    if issued is not None:
        _check_issue_fields(signed, *issued)
    return SignedVersion(
        previous_digest, signed_digest, count, tuple(s.signer for s in report.signatures),
        CertificateIdentity(new.signer_subject, new.issuer, new.serial),
    )


def _check_issue_fields(signed: Path, number_label: str, issued_date: date) -> None:
    """The number and date written into the sealed file are the ones the server gave."""
    from eoffice.signing.filling import DATE_FIELD, NUMBER_FIELD, date_text, issue_fields

    filled = issue_fields(signed).filled
    expected = {NUMBER_FIELD: number_label, DATE_FIELD: date_text(issued_date)}
    for name, value in filled.items():
        if name in expected and value.strip() != expected[name]:
            raise _refused(
                f"văn bản ghi “{value}” nhưng máy chủ đã cấp “{expected[name]}”.",
                f"the document reads “{value}” but the server gave “{expected[name]}”.",
            )


# --------------------------------------------------------------------------- the domain


def _require_clerk(actor: User, doc: Document) -> None:
    require_role(actor, Role.CLERK)
    if actor.organisation_id != doc.organisation_id:
        raise PermissionDenied("Văn bản thuộc cơ quan khác.", "The document belongs to another organisation.")
    if doc.state not in (DocState.APPROVED.value, *SEALABLE_STATES):
        raise StateError(
            "Văn thư chỉ ký số (đóng dấu) văn bản đã được duyệt và cấp số.",
            "The clerk signs (seals) only an approved, numbered document.",
        )
    if doc.register_number is None or doc.state == DocState.APPROVED.value:
        raise StateError(
            "Văn bản chưa có số (chờ cấp số): chữ ký số của cơ quan được ký sau khi máy chủ cấp số, "
            "để số văn bản có trong chữ ký.",
            "The document has no number yet: the agency signature comes once the server gave it, "
            "so that the number is in the signature.",
        )


def _file_of(doc: Document, file_id: str) -> DocumentFile:
    found = next((f for f in doc.files if f.id == file_id), None)
    if found is None:
        raise NotFound("Không tìm thấy tệp này của văn bản.", "The document has no such file.")
    return found


def _check_rights(
    session: Session, actor: User, doc: Document, file: DocumentFile, kind: str, on_date: date | None
) -> str | None:
    """Raise unless ``actor`` may add ``kind`` to ``file``; returns the absent leader a
    deputy signs for (ký thay), None otherwise."""
    kinds = signed_kinds(file)
    if kind == COSIGNER:
        _check_cosigner(session, actor, doc, file, kinds)
        return None
    if kind == SIGNER:
        on_behalf_of = require_approver(actor, doc, "ký số", "sign", session=session, on_date=on_date)
        if not file.is_main:
            raise ValidationError("Lãnh đạo ký số tệp chính của dự thảo.", "The leader signs the draft's main file.")
        if SIGNER in kinds:
            raise StateError("Tệp này đã được ký số.", "This file is already signed.")
        if doc.cosigner_id is not None and COSIGNER not in kinds:
            cosigner = session.get(User, doc.cosigner_id)
            who = cosigner.full_name if cosigner is not None else ""
            raise StateError(
                f"Người ký trước ({who}) chưa ký số văn bản: lãnh đạo ký sau khi người ký trước đã ký.",
                f"The co-signer ({who}) has not signed the document yet: the leader signs after the co-signer.",
            )
        return on_behalf_of
    _require_clerk(actor, doc)
    if kind == AGENCY:
        if not file.is_main:
            raise ValidationError(
                "Tệp kèm theo được đóng dấu bằng chữ ký số dạng chữ (không có hình con dấu).",
                "An attachment gets the text-only agency stamp, not the seal.",
            )
        if SIGNER not in kinds:
            raise StateError(
                "Chữ ký số của cơ quan được ký sau chữ ký của người có thẩm quyền: văn bản chưa được lãnh đạo ký số.",
                "The agency signature follows the signer's: the leader has not signed the document.",
            )
        if AGENCY in kinds:
            raise StateError("Văn bản đã được đóng dấu (ký số của cơ quan).", "The document is already sealed.")
    else:
        if file.is_main:
            raise ValidationError(
                "Tệp chính được ký bằng chữ ký số của cơ quan có hình con dấu.",
                "The main file gets the agency signature with the seal.",
            )
        if ATTACHMENT in kinds:
            raise StateError("Tệp kèm theo này đã được ký số.", "This attachment is already signed.")
    return None


def _check_cosigner(session: Session, actor: User, doc: Document, file: DocumentFile, kinds: list[str]) -> None:
    """Raise unless ``actor`` is the draft's co-signer and may sign its main file now."""
    if doc.cosigner_id is None or doc.cosigner_id != actor.id:
        raise PermissionDenied(
            "Chỉ người ký trước mà dự thảo ghi tên mới ký số ở vị trí ký này.",
            "Only the co-signer the draft names may add this signature.",
        )
    if doc.state not in COSIGNABLE_STATES:
        raise StateError(
            "Người ký trước chỉ ký số dự thảo chưa được duyệt.",
            "The co-signer signs only a draft not yet approved.",
        )
    if not file.is_main:
        raise ValidationError(
            "Người ký trước ký số tệp chính của dự thảo.", "The co-signer signs the draft's main file."
        )
    if COSIGNER in kinds:
        raise StateError("Người ký trước đã ký số tệp này.", "The co-signer has already signed this file.")
    if kinds:
        raise StateError(
            "Tệp đã có chữ ký số: người ký trước phải ký trước tiên.",
            "The file is already signed: the co-signer must sign first.",
        )


def sign_file(
    session: Session,
    actor_id: str,
    document_id: str,
    file_id: str,
    previous_digest: str,
    signed: PreparedFile,
    kind: str,
    *,
    comment: str = "",
    evidence: SignedVersion | DomainError | None = None,
    authority: bool = True,
    on_date: date | None = None,
) -> Document:
    """Replace a document's file by its signed version, if ``actor_id`` may sign it now.

    With ``authority`` (the server, a standalone desk) ``evidence`` must be the
    ``check_signed_version`` of these bytes (or the error it raised, raised here): the
    client applies it at once without, the server decides. A deputy signs a draft
    submitted to the leader they act for on ``on_date`` (ký thay): the document's signer
    becomes the deputy, and the audit names the leader too.
    """
    if kind not in KINDS:
        raise ValidationError("Loại chữ ký số không hợp lệ.", "Unknown kind of signature.", field="signature")
    if not DIGEST.match(previous_digest) or not DIGEST.match(signed.digest):
        raise ValidationError("Mã băm SHA-256 của tệp không hợp lệ.", "Bad file digest.", field="digest")
    actor = load_actor(session, actor_id)
    doc = lock_document(session, document_id)
    if doc is None or doc.deleted or doc.direction != Direction.OUTGOING.value:
        raise NotFound("Không tìm thấy văn bản đi.", "Outgoing document not found.")
    file = _file_of(doc, file_id)
    on_behalf_of = _check_rights(session, actor, doc, file, kind, on_date)
    if file.digest != previous_digest:
        raise StateError(
            "Tệp đã có phiên bản mới hơn phiên bản bạn đã ký; hãy mở lại văn bản và ký lại.",
            "The file changed since the version you signed; open the document again and sign it again.",
        )
    if signed.digest == previous_digest:
        raise ValidationError("Tệp chưa được ký.", "The file was not signed.", field="file")
    signers: tuple[str, ...] = ()
    if authority:
        if isinstance(evidence, DomainError):
            raise evidence
        if evidence is None or evidence.digest != signed.digest or evidence.previous_digest != previous_digest:
            raise StateError(
                "Máy chủ chưa kiểm tra được chữ ký số của tệp này.",
                "The server has not checked this file's signatures.",
            )
        # The one place every signature goes through with authority (the server, a
        # standalone desk): the certificate must be the actor's, or the organisation's.
        check_signature_certificate(session, actor, doc.organisation_id, kind, evidence.certificate)
        signers = evidence.signers
    before = {
        "file_id": file.id, "digest": file.digest, "size": file.size, "signed_kinds": file.signed_kinds,
        "state": doc.state,
    }
    file.digest = signed.digest
    file.size = signed.size
    file.page_count = signed.page_count or file.page_count
    file.signed_kinds = ",".join([*signed_kinds(file), kind])
    if kind == SIGNER:
        doc.state = DocState.APPROVED.value
        doc.review_comment = comment.strip()
        if on_behalf_of is not None:
            doc.signer_full_name = actor.full_name
            doc.signer_position = actor.position
    sealed = kind == AGENCY and doc.state == DocState.NUMBERED.value
    if sealed:
        doc.state = DocState.ISSUED.value  # the seal over the number and date issues it
    session.flush()
    after: dict[str, object] = {
        "file_id": file.id, "digest": file.digest, "size": file.size, "signed_kinds": file.signed_kinds,
        "state": doc.state, "signature": kind, "filename": file.filename,
    }
    if signers:
        after["signers"] = list(signers)
    if kind == SIGNER and doc.review_comment:
        after["review_comment"] = doc.review_comment
    if on_behalf_of is not None:
        after["on_behalf_of"] = on_behalf_of
    record(
        session, actor_id=actor.id, action="document.sign", target_type="document", target_id=doc.id,
        before=before, after=after,
    )
    if sealed:
        issued(session, actor.id, doc)
    return doc

"""Outgoing documents (văn bản đi): draft → [reviewing →] submitted → approved/returned → numbered → issued.

A draft has no number ("chờ cấp số"): only the clerk gives one, from the outgoing
register (the secret register for a secret document), when the approved document is
issued. Delivery to recipients is in ``delivery.py``; the review chain (a head of unit
before the leader) in ``review.py``.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from eoffice.audit.chain import record
from eoffice.directory.access import load_actor, require_role
from eoffice.directory.models import Organisation, Role, Unit, User
from eoffice.documents import delegations, directions, review
from eoffice.documents.fields import DocumentFields, clean
from eoffice.documents.incoming import PreparedFile, attach_files
from eoffice.documents.indexing import index_document
from eoffice.documents.locks import lock_document
from eoffice.documents.models import DirectionLine, Document
from eoffice.documents.numbering import (
    format_number,
    notation,
    register_for,
    take_number,
)
from eoffice.documents.snapshot import snapshot
from eoffice.documents.types import CONG_VAN, Direction, DocState, LineRole
from eoffice.errors import NotFound, PermissionDenied, StateError, ValidationError
from eoffice.store.base import new_id
from eoffice.store.sequences import next_value

EDITABLE_STATES = (DocState.DRAFT.value, DocState.RETURNED.value)


def _outgoing(session: Session, document_id: str) -> Document:
    """The outgoing document, row-locked until commit.

    Two clerks issuing the same document at once must not both number it (the first
    number would be lost: a gap in the register). SQLite writers are serialised already.
    """
    doc = lock_document(session, document_id)
    if doc is None or doc.deleted or doc.direction != Direction.OUTGOING.value:
        raise NotFound("Không tìm thấy văn bản đi.", "Outgoing document not found.")
    return doc


def _same_organisation(actor: User, doc: Document) -> None:
    if actor.organisation_id != doc.organisation_id:
        raise PermissionDenied("Văn bản thuộc cơ quan khác.", "The document belongs to another organisation.")


def _clean_outgoing(session: Session, actor: User, fields: DocumentFields) -> DocumentFields:
    """Check the fields; the number and notation are the clerk's, the organ is ours."""
    fields.code_number = None
    fields.code_notation = ""
    fields = clean(fields, incoming=False)
    org = session.get(Organisation, actor.organisation_id)
    assert org is not None
    fields.organ_name = fields.organ_name or org.name
    fields.organ_id = fields.organ_id or org.organ_id
    return fields


def _check_reply_to(session: Session, actor: User, reply_to_id: str | None) -> None:
    if reply_to_id is None:
        return
    target = session.get(Document, reply_to_id)
    if (
        target is None
        or target.deleted
        or target.organisation_id != actor.organisation_id
        or target.direction != Direction.INCOMING.value
    ):
        raise ValidationError(
            "Văn bản được trả lời phải là một văn bản đến của cơ quan.",
            "The document replied to must be an incoming document of this organisation.",
            field="reply_to_id",
        )


def _audit(session: Session, actor_id: str, action: str, doc: Document, before: dict[str, object] | None) -> None:
    session.flush()
    record(
        session, actor_id=actor_id, action=action, target_type="document", target_id=doc.id,
        before=before, after=snapshot(doc),
    )


def _check_cosigner(session: Session, organisation_id: str, cosigner_id: str | None, position: str) -> str:
    """The co-signer named on a draft must be a person of its organisation; returns the
    title over their block, trimmed (empty: their position; always empty without a co-signer)."""
    position = (position or "").strip()
    if cosigner_id is None:
        return ""  # no co-signer, no title
    user = session.get(User, cosigner_id)
    if user is None or user.deleted or user.organisation_id != organisation_id:
        raise ValidationError(
            "Người ký trước phải là người của cơ quan ban hành văn bản.",
            "The co-signer must be a person of the issuing organisation.",
            field="cosigner_id",
        )
    if len(position) > 200:
        raise ValidationError(
            f"Chức danh người ký trước dài {len(position)} ký tự, vượt quá giới hạn 200 ký tự.",
            f"The co-signer's title is {len(position)} characters long; the limit is 200.",
            field="cosigner_position",
        )
    return position


def _check_two_signers(doc: Document, signer_id: str | None) -> None:
    if doc.cosigner_id is not None and doc.cosigner_id == signer_id:
        raise ValidationError(
            "Người ký trước và lãnh đạo ký văn bản phải là hai người khác nhau.",
            "The co-signer and the leader who signs must be two different people.",
            field="cosigner_id",
        )


def create_draft(
    session: Session,
    actor_id: str,
    fields: DocumentFields,
    files: list[PreparedFile],
    *,
    reply_to_id: str | None = None,
    document_id: str | None = None,
    cosigner_id: str | None = None,
    cosigner_position: str = "",
) -> Document:
    """A new draft by an officer, leader or clerk, in the drafter's unit; no number yet.

    ``reply_to_id`` links the incoming document it answers: issuing the reply closes
    the drafter's follow-up line on it. ``cosigner_id`` names who signs it before the
    leader (người ký trước), ``cosigner_position`` the title over their block ("THƯ KÝ").
    """
    actor = load_actor(session, actor_id)
    require_role(actor, Role.OFFICER, Role.LEADER, Role.CLERK)
    fields = _clean_outgoing(session, actor, fields)
    _check_reply_to(session, actor, reply_to_id)
    cosigner_position = _check_cosigner(session, actor.organisation_id, cosigner_id, cosigner_position)
    doc = Document(
        id=document_id or new_id(),
        organisation_id=actor.organisation_id,
        direction=Direction.OUTGOING.value,
        state=DocState.DRAFT.value,
        sort_key=next_value(session, "documents.sort_key"),
        created_by=actor.id,
        drafting_unit_id=actor.unit_id,
        reply_to_id=reply_to_id,
        cosigner_id=cosigner_id,
        cosigner_position=cosigner_position,
        **fields.as_dict(),
    )
    attach_files(doc, files)
    session.add(doc)
    session.flush()
    index_document(session, doc, "\n".join(f.text for f in files))
    _audit(session, actor.id, "document.create_draft", doc, None)
    return doc


def _require_drafter(actor: User, doc: Document) -> None:
    if doc.created_by != actor.id:
        raise PermissionDenied(
            "Chỉ người soạn mới được sửa hoặc trình dự thảo này.",
            "Only the drafter may edit or submit this draft.",
        )


def _require_editable(doc: Document) -> None:
    if doc.state not in EDITABLE_STATES:
        raise StateError(
            "Dự thảo đã trình hoặc đã duyệt, không sửa được nữa.",
            "The draft is submitted or approved; it cannot be changed.",
        )


def update_draft(
    session: Session,
    actor_id: str,
    document_id: str,
    fields: DocumentFields,
    files: list[PreparedFile] | None = None,
) -> Document:
    """The drafter edits a draft (also after it was returned); ``files`` None keeps the files."""
    actor = load_actor(session, actor_id)
    doc = _outgoing(session, document_id)
    _require_drafter(actor, doc)
    _require_editable(doc)
    fields = _clean_outgoing(session, actor, fields)
    before = snapshot(doc)
    for name, value in fields.as_dict().items():
        setattr(doc, name, value)
    body: str | None = None
    if files is not None:
        doc.files.clear()
        session.flush()
        attach_files(doc, files)
        body = "\n".join(f.text for f in files)
    session.flush()
    index_document(session, doc, body)
    _audit(session, actor.id, "document.update_draft", doc, before)
    return doc


def set_cosigner(
    session: Session, actor_id: str, document_id: str, cosigner_id: str | None, cosigner_position: str = ""
) -> Document:
    """The drafter names (or, with None, removes) who signs the draft before the leader,
    while it is a draft; not once the co-signer has signed its main file."""
    actor = load_actor(session, actor_id)
    doc = _outgoing(session, document_id)
    _require_drafter(actor, doc)
    _require_editable(doc)
    position = _check_cosigner(session, doc.organisation_id, cosigner_id, cosigner_position)
    main = next((f for f in doc.files if f.is_main), None)
    if main is not None and "cosigner" in (main.signed_kinds or "").split(",") and cosigner_id != doc.cosigner_id:
        raise StateError(
            "Người ký trước đã ký số tệp chính; hãy thay tệp dự thảo trước khi đổi người ký trước.",
            "The co-signer has signed the main file; replace the draft's file before changing the co-signer.",
        )
    before = snapshot(doc)
    doc.cosigner_id = cosigner_id
    doc.cosigner_position = position
    _audit(session, actor.id, "document.set_cosigner", doc, before)
    return doc


def _require_leader(doc: Document, user: User | None) -> User:
    """``user`` as the leader who signs the draft ``doc``: a leader of its organisation."""
    if user is None or user.deleted or user.organisation_id != doc.organisation_id or not user.has_role(Role.LEADER):
        raise ValidationError(
            "Người duyệt phải là lãnh đạo của cơ quan.",
            "The approver must be a leader of the organisation.",
            field="approver_id",
        )
    return user


def submit_draft(session: Session, actor_id: str, document_id: str, approver_id: str) -> Document:
    """The drafter submits the draft (trình ký) for ``approver_id``, a leader, to sign.

    With a two-level review chain (``review.reviewer_for``) it goes to the head of the
    drafting unit first ("reviewing", ``approver_id`` naming the head); the leader chosen
    is kept as ``signer_id`` for the head to pass it on to.
    """
    actor = load_actor(session, actor_id)
    doc = _outgoing(session, document_id)
    _require_drafter(actor, doc)
    _require_editable(doc)
    signer = _require_leader(doc, session.get(User, approver_id))
    _check_two_signers(doc, signer.id)
    if not doc.files:
        raise ValidationError(
            "Cần đính kèm tệp PDF của dự thảo trước khi trình.",
            "Attach the draft's PDF before submitting it.",
            field="files",
        )
    reviewer = review.reviewer_for(session, actor, doc.drafting_unit_id, signer)
    before = snapshot(doc)
    doc.state = (DocState.REVIEWING if reviewer is not None else DocState.SUBMITTED).value
    doc.approver_id = (reviewer or signer).id
    doc.signer_id = signer.id
    _audit(session, actor.id, "document.submit_draft", doc, before)
    return doc


def require_reviewer(actor: User, doc: Document) -> None:
    """The draft awaits the review of a head of unit, and ``actor`` is that head."""
    if doc.state != DocState.REVIEWING.value:
        raise StateError(
            "Dự thảo không ở trạng thái chờ trưởng đơn vị cho ý kiến.", "The draft is not awaiting review."
        )
    if doc.approver_id != actor.id:
        raise PermissionDenied(
            "Chỉ trưởng đơn vị được trình mới cho ý kiến về dự thảo này.",
            "Only the head of unit it was submitted to may review this draft.",
        )


def pass_review(
    session: Session, actor_id: str, document_id: str, comment: str = "", approver_id: str | None = None
) -> Document:
    """The head of unit passes the draft on (chuyển lãnh đạo ký) with a comment, to the
    leader the drafter chose or to ``approver_id``, another leader."""
    actor = load_actor(session, actor_id)
    doc = _outgoing(session, document_id)
    require_reviewer(actor, doc)
    signer_id = approver_id or doc.signer_id
    signer = _require_leader(doc, session.get(User, signer_id) if signer_id else None)
    _check_two_signers(doc, signer.id)
    before = snapshot(doc)
    doc.state = DocState.SUBMITTED.value
    doc.approver_id = signer.id
    doc.signer_id = signer.id
    doc.review_comment = comment.strip()
    _audit(session, actor.id, "document.pass_review", doc, before)
    return doc


def return_review(session: Session, actor_id: str, document_id: str, comment: str) -> Document:
    """The head of unit returns the draft to its drafter with a comment (required)."""
    actor = load_actor(session, actor_id)
    doc = _outgoing(session, document_id)
    require_reviewer(actor, doc)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(
            "Cần ghi ý kiến khi trả lại dự thảo.", "A comment is required to return a draft.", field="comment"
        )
    before = snapshot(doc)
    doc.state = DocState.RETURNED.value
    doc.review_comment = comment
    _audit(session, actor.id, "document.return_review", doc, before)
    return doc


def require_approver(
    actor: User,
    doc: Document,
    action_vi: str = "duyệt hoặc trả lại",
    action_en: str = "approve or return",
    *,
    session: Session | None = None,
    on_date: date | None = None,
) -> str | None:
    """The draft awaits approval and ``actor`` is the leader it was submitted to, or (given
    ``session``) their deputy on ``on_date`` (``delegations``); the refusal names what only
    that leader may do (``action_vi`` / ``action_en``). Returns the leader a deputy acts
    for, None when the actor is the approver."""
    if doc.state != DocState.SUBMITTED.value:
        raise StateError("Dự thảo không ở trạng thái chờ duyệt.", "The draft is not awaiting approval.")
    if doc.approver_id == actor.id:
        return None
    day = on_date or date.today()
    if (
        session is not None
        and doc.approver_id is not None
        and actor.has_role(Role.LEADER)
        and delegations.acts_for(session, actor.id, doc.approver_id, day)
    ):
        return doc.approver_id
    raise PermissionDenied(
        f"Chỉ lãnh đạo được trình (hoặc người được lãnh đạo đó ủy quyền) mới {action_vi} dự thảo này.",
        f"Only the leader it was submitted to (or their deputy) may {action_en} this draft.",
    )


def _audit_for(
    session: Session, actor_id: str, action: str, doc: Document, before: dict[str, object], on_behalf_of: str | None
) -> None:
    """``_audit``, naming the absent leader a deputy acted for."""
    session.flush()
    after = snapshot(doc)
    if on_behalf_of is not None:
        after["on_behalf_of"] = on_behalf_of
    record(
        session, actor_id=actor_id, action=action, target_type="document", target_id=doc.id,
        before=before, after=after,
    )


def approve_draft(
    session: Session, actor_id: str, document_id: str, comment: str = "", *, on_date: date | None = None
) -> Document:
    """The leader it was submitted to (or their deputy on ``on_date``) approves it; it then
    waits for its number."""
    actor = load_actor(session, actor_id)
    doc = _outgoing(session, document_id)
    on_behalf_of = require_approver(actor, doc, session=session, on_date=on_date)
    before = snapshot(doc)
    doc.state = DocState.APPROVED.value
    doc.review_comment = comment.strip()
    if on_behalf_of is not None:  # signed "KT.": the deputy is the document's signer
        doc.signer_full_name = actor.full_name
        doc.signer_position = actor.position
    _audit_for(session, actor.id, "document.approve_draft", doc, before, on_behalf_of)
    return doc


def return_draft(
    session: Session, actor_id: str, document_id: str, comment: str, *, on_date: date | None = None
) -> Document:
    """The leader (or their deputy) sends the draft back to its drafter with a comment; it
    can be resubmitted."""
    actor = load_actor(session, actor_id)
    doc = _outgoing(session, document_id)
    on_behalf_of = require_approver(actor, doc, session=session, on_date=on_date)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(
            "Cần ghi ý kiến khi trả lại dự thảo.", "A comment is required to return a draft.", field="comment"
        )
    before = snapshot(doc)
    doc.state = DocState.RETURNED.value
    doc.review_comment = comment
    _audit_for(session, actor.id, "document.return_draft", doc, before, on_behalf_of)
    return doc


def issue(
    session: Session,
    actor_id: str,
    document_id: str,
    issued_date: date,
    *,
    requested_number: int | None = None,
    assign_number: bool = True,
) -> Document:
    """The clerk numbers an approved document (cấp số, ban hành).

    The number comes from the outgoing register of ``issued_date``'s year (the secret one
    for a secret document). A digitally signed document is then NUMBERED ("Đã cấp số, chờ
    đóng dấu"): it is issued when the agency's seal signs the file with the number and date
    filled in (``documents.signing``); one signed on paper is ISSUED at once. Once issued, a
    reply closes the drafter's open lead lines on the incoming document it answers. With
    ``assign_number`` False (a synced client) the number is pending ("chờ cấp số") until the
    server gives it.
    """
    actor = load_actor(session, actor_id)
    require_role(actor, Role.CLERK)
    doc = _outgoing(session, document_id)
    _same_organisation(actor, doc)
    if doc.state != DocState.APPROVED.value:
        raise StateError(
            "Chỉ cấp số cho văn bản đã được lãnh đạo duyệt.",
            "Only an approved document can be numbered and issued.",
        )
    org = session.get(Organisation, doc.organisation_id)
    assert org is not None
    unit_code = ""
    if doc.type_name == CONG_VAN and doc.drafting_unit_id is not None:
        unit = session.get(Unit, doc.drafting_unit_id)
        unit_code = unit.code if unit is not None else ""
    code_notation = notation(doc.type_name, org.abbreviation, unit_code)
    before = snapshot(doc)
    if assign_number:
        register = register_for(session, doc.organisation_id, Direction.OUTGOING.value, doc.is_secret)
        number = take_number(session, register.id, issued_date.year, requested_number)
        doc.register_id = register.id
        doc.year = issued_date.year
        doc.register_number = number
        doc.code_number = format_number(number)
    doc.code_notation = code_notation
    doc.issued_date = issued_date
    if doc.approver_id and not doc.signer_full_name:
        approver = session.get(User, doc.approver_id)
        if approver is not None:
            doc.signer_full_name = approver.full_name
            doc.signer_position = doc.signer_position or approver.position
    # A file the leader signed is issued by the agency's seal over the filled-in number
    # and date (``documents.signing``); a document approved without a digital signature
    # (signed on paper) has no seal to wait for.
    sealed_later = awaits_seal(doc)
    doc.state = DocState.NUMBERED.value if sealed_later else DocState.ISSUED.value
    session.flush()
    index_document(session, doc)
    _audit(session, actor.id, "document.issue", doc, before)
    if not sealed_later:
        issued(session, actor.id, doc)
    return doc


def awaits_seal(doc: Document) -> bool:
    """Whether the document's main file carries the leader's digital signature (the seal follows it)."""
    main = next((f for f in doc.files if f.is_main), None)
    return main is not None and "signer" in (main.signed_kinds or "").split(",")


def issued(session: Session, actor_id: str, doc: Document) -> None:
    """What follows a document becoming "Đã ban hành": a reply closes what it answers."""
    if doc.reply_to_id is not None:
        _close_replied_lines(session, actor_id, doc)


def _close_replied_lines(session: Session, actor_id: str, reply: Document) -> None:
    """Complete the drafter's open lead lines on the answered document with this reply."""
    answered = session.get(Document, reply.reply_to_id)
    if answered is None:
        return
    drafter = session.get(User, reply.created_by) if reply.created_by else None
    holders = []
    if drafter is not None:
        holders.append(DirectionLine.user_id == drafter.id)
    for unit_id in {reply.drafting_unit_id, drafter.unit_id if drafter else None} - {None}:
        holders.append(DirectionLine.unit_id == unit_id)
    if not holders:
        return
    lines = session.scalars(
        select(DirectionLine).where(
            DirectionLine.document_id == answered.id,
            DirectionLine.role == LineRole.LEAD.value,
            DirectionLine.state.in_(directions.ACTIONABLE_STATES),
            DirectionLine.deleted.is_(False),
            or_(*holders),
        )
    ).all()
    note = f"Đã trả lời bằng văn bản số {reply.number_label}."
    for line in lines:
        directions.complete_by_reply(session, actor_id, line, reply.id, note)

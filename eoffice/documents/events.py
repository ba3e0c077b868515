"""Which document operations tell whom, live (``eoffice.server.events``' rules).

Each step of the workflow tells the one who acts next: the officer or unit a line is
assigned to, the leader whose line came back, the drafter whose draft was returned,
approved or issued, the head of unit asked to review, the approver asked to approve, the clerks who number, seal and
receive. Operations are matched by kind and read by field name. Every event is about its
document (``about=("document", id)``): it reaches only those the pull would send that
document to (``visible``), asked when it is sent.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.directory.events import organisation, unit
from eoffice.directory.models import Role, User
from eoffice.documents.extensions import DeadlineExtension, leader_of
from eoffice.documents.delegations import deputies_of
from eoffice.documents.models import DirectionLine, Document, DocumentDirection
from eoffice.documents.numbering import number_label
from eoffice.documents.visibility import visible_documents
from eoffice.server.events import Telling, on_operation, person, register_subject

DOCUMENT = "document"

# Event kinds.
DIRECTION_ASSIGNED = "direction.assigned"
LINE_RETURNED = "line.returned"
DOCUMENT_RETURNED = "document.returned"
DRAFT_SUBMITTED = "draft.submitted"
#: For the head of the drafting unit: a draft to review before the leader signs it.
DRAFT_TO_REVIEW = "draft.to_review"
DRAFT_RETURNED = "draft.returned"
DRAFT_APPROVED = "draft.approved"
DOCUMENT_ISSUED = "document.issued"
DOCUMENT_RECEIVED = "document.received"
#: For the organisation's clerks: a leader approved (and maybe signed) a draft, to number and seal.
DOCUMENT_TO_ISSUE = "document.to_issue"
#: For a draft's co-signer (người ký trước): a draft to sign before the leader.
DRAFT_TO_COSIGN = "draft.to_cosign"
#: For the leader a draft is submitted to: its co-signer has signed, the leader's turn.
DRAFT_COSIGNED = "draft.cosigned"
#: For a deputy: a leader delegated their documents to them for some days (ủy quyền).
DELEGATION_GIVEN = "delegation.given"


def visible(session: Session, user: User, ids: set[str]) -> set[str]:
    """Which of the documents ``ids`` the pull would send ``user`` now (one statement)."""
    query = select(Document.id).where(Document.id.in_(sorted(ids)), visible_documents(user, session))
    return set(session.scalars(query))


register_subject(DOCUMENT, visible)


def summary(session: Session, document_id: str) -> dict[str, Any]:
    """What every event about a document says of it (a secret one's subject stays out)."""
    doc = session.get(Document, document_id)
    if doc is None:
        return {"document_id": document_id}
    number = doc.register_number if doc.direction == "outgoing" else doc.arrival_number
    secret = doc.secrecy != "none"
    return {
        "document_id": doc.id,
        "direction": doc.direction,
        "number_label": number_label(int(doc.code_number), doc.code_notation)
        if doc.code_number and doc.code_number.isdigit() and doc.code_notation
        else (doc.code_number or ""),
        "arrival_number": doc.arrival_number,
        "number": number,
        # A secret document's subject stays in the document, which only its people can open.
        "subject": "" if secret else doc.subject,
        "secret": secret,
        "type_name": doc.type_name,
    }


def _tell(telling: Telling, kind: str, document_id: str, details: dict[str, Any], to: Any) -> None:
    """An event about ``document_id`` (its summary, then ``details``) for ``to``."""
    if to is None:
        return
    payload = {**summary(telling.session, document_id), **details}
    telling.tell(kind, payload, to=to, about=(DOCUMENT, document_id))


def _lines_assigned(telling: Telling, line_ids: list[str], direction_text: str) -> None:
    for line_id in line_ids:
        line = telling.session.get(DirectionLine, line_id)
        if line is None:
            continue
        details = {
            "line_id": line.id, "direction_id": line.direction_id, "role": line.role,
            "deadline": line.deadline.isoformat() if line.deadline else None, "text": direction_text,
        }
        to = person(line.user_id) if line.user_id else unit(line.unit_id)
        _tell(telling, DIRECTION_ASSIGNED, line.document_id, details, to)


@on_operation("direct")
def _direct(telling: Telling, op: Any, result: Any) -> None:
    _lines_assigned(telling, [ln.line_id for ln in op.lines], op.text)


@on_operation("forward_line")
def _forward_line(telling: Telling, op: Any, result: Any) -> None:
    _lines_assigned(telling, list(result.data.get("line_ids", [])), "")


@on_operation("return_line")
def _return_line(telling: Telling, op: Any, result: Any) -> None:
    line = telling.session.get(DirectionLine, op.line_id)
    if line is not None:
        direction = telling.session.get(DocumentDirection, line.direction_id)
        leader = person(direction.leader_id if direction else None)
        _tell(telling, LINE_RETURNED, line.document_id, {"line_id": line.id, "reason": op.reason}, leader)


@on_operation("return_document")
def _return_document(telling: Telling, op: Any, result: Any) -> None:
    doc = telling.session.get(Document, op.document_id)
    if doc is not None:
        to = person(doc.created_by) if doc.created_by else organisation(doc.organisation_id, Role.CLERK)
        _tell(telling, DOCUMENT_RETURNED, doc.id, {"reason": op.reason}, to)


def _awaits_cosigner(doc: Document) -> bool:
    main = next((f for f in doc.files if f.is_main), None)
    return doc.cosigner_id is not None and (main is None or "cosigner" not in (main.signed_kinds or "").split(","))


@on_operation("create_draft", "set_cosigner")
def _cosigner_named(telling: Telling, op: Any, result: Any) -> None:
    """The co-signer a draft names (not its drafter) learns there is a draft to sign first."""
    doc = telling.session.get(Document, op.document_id)
    if doc is not None and doc.cosigner_id != doc.created_by and _awaits_cosigner(doc):
        _tell(telling, DRAFT_TO_COSIGN, doc.id, {}, person(doc.cosigner_id))


@on_operation("submit_draft", "pass_review")
def _submit_draft(telling: Telling, op: Any, result: Any) -> None:
    """The one the draft waits for now: the head of unit reviewing it, or the leader who
    signs; and its co-signer, who signs before the leader, while they have not."""
    doc = telling.session.get(Document, op.document_id)
    if doc is None:
        return
    if op.kind == "submit_draft" and _awaits_cosigner(doc):
        _tell(telling, DRAFT_TO_COSIGN, doc.id, {}, person(doc.cosigner_id))
    kind = DRAFT_TO_REVIEW if doc.state == "reviewing" else DRAFT_SUBMITTED
    details = {"comment": op.comment} if op.kind == "pass_review" else {}
    _tell(telling, kind, doc.id, details, person(doc.approver_id))
    # the deputy acting for the approver today approves it in their stead
    for deputy_id in deputies_of(telling.session, doc.approver_id or "", date.today()):
        _tell(telling, kind, doc.id, {**details, "for_leader_id": doc.approver_id}, person(deputy_id))


@on_operation("delegate")
def _delegate(telling: Telling, op: Any, result: Any) -> None:
    """The deputy learns they act for the leader, from when to when and why."""
    days = f"{date.fromisoformat(op.starts_on):%d/%m/%Y} – {date.fromisoformat(op.ends_on):%d/%m/%Y}"
    telling.tell(
        DELEGATION_GIVEN, {"subject": days, "reason": op.reason, "delegation_id": op.delegation_id},
        to=person(op.deputy_id), about=None,
    )


_DRAFT_STEPS = {
    "return_draft": DRAFT_RETURNED, "return_review": DRAFT_RETURNED, "approve_draft": DRAFT_APPROVED,
    "issue": DOCUMENT_ISSUED,
}


@on_operation(*_DRAFT_STEPS)
def _draft_step(telling: Telling, op: Any, result: Any) -> None:
    doc = telling.session.get(Document, op.document_id)
    if doc is None:
        return
    if op.kind == "issue" and doc.state != "issued":
        return  # numbered only: the drafter hears of it when the seal issues it (``_sign_file``)
    details = {} if op.kind == "issue" else {"comment": op.comment}
    _tell(telling, _DRAFT_STEPS[op.kind], doc.id, details, person(doc.created_by))
    if op.kind == "approve_draft":
        clerks = organisation(doc.organisation_id, Role.CLERK)
        _tell(telling, DOCUMENT_TO_ISSUE, doc.id, {**details, "signed": False}, clerks)


@on_operation("sign_file")
def _sign_file(telling: Telling, op: Any, result: Any) -> None:
    """A leader's signature approves the draft as ``approve_draft`` does; the seal that issues a
    numbered document tells its drafter it was issued; a co-signer's tells the leader it is
    their turn."""
    doc = telling.session.get(Document, op.document_id)
    if op.signature == "agency" and doc is not None and doc.state == "issued":
        _tell(telling, DOCUMENT_ISSUED, doc.id, {}, person(doc.created_by))
    if op.signature == "cosigner" and doc is not None and doc.state == "submitted":
        _tell(telling, DRAFT_COSIGNED, doc.id, {}, person(doc.approver_id))
    if op.signature != "signer":
        return
    if doc is not None:
        details = {"comment": op.comment, "signed": True}
        _tell(telling, DRAFT_APPROVED, doc.id, details, person(doc.created_by))
        _tell(telling, DOCUMENT_TO_ISSUE, doc.id, details, organisation(doc.organisation_id, Role.CLERK))


@on_operation("deliver")
def _deliver(telling: Telling, op: Any, result: Any) -> None:
    for copy_id in result.data.get("copy_ids", []):
        copy = telling.session.get(Document, copy_id)
        if copy is not None:
            _tell(telling, DOCUMENT_RECEIVED, copy.id, {}, organisation(copy.organisation_id, Role.CLERK))


# --------------------------------------------------------------------------- deadline extensions

EXTENSION_REQUESTED = "extension.requested"
EXTENSION_DECIDED = "extension.decided"


@on_operation("request_extension")
def _request_extension(telling: Telling, op: Any, result: Any) -> None:
    """The leader who directed hears that someone asks for more time."""
    extension = telling.session.get(DeadlineExtension, op.extension_id)
    line = telling.session.get(DirectionLine, op.line_id)
    if extension is None or line is None:
        return
    details = {
        "line_id": line.id, "extension_id": extension.id, "reason": extension.reason,
        "deadline": extension.requested_deadline.isoformat(),
    }
    _tell(telling, EXTENSION_REQUESTED, extension.document_id, details, person(leader_of(telling.session, line)))


@on_operation("decide_extension")
def _decide_extension(telling: Telling, op: Any, result: Any) -> None:
    """The one who asked hears the decision."""
    extension = telling.session.get(DeadlineExtension, op.extension_id)
    if extension is None:
        return
    details = {
        "line_id": extension.line_id, "extension_id": extension.id, "state": extension.state,
        "deadline": extension.decided_deadline.isoformat() if extension.decided_deadline else None,
        "reason": extension.decision_note,
    }
    _tell(telling, EXTENSION_DECIDED, extension.document_id, details, person(extension.requested_by))

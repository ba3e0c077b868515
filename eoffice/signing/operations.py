"""Operations of signing that are not about a document: profile images and trusted roots.

Registered with ``eoffice.sync.operations.register`` when that module is imported (it
imports this one at its end). The signing of a document's file is ``operations.SignFile``
(a documents' kind). With authority, the image operations need the server's finding on
the image's bytes (``eoffice.sync.evidence``); adding or removing a trusted root is the
admin's, and every client receives the result with its pull.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, ClassVar

from sqlalchemy.orm import Session

from eoffice.directory import profile
from eoffice.directory.access import load_actor, require_role
from eoffice.directory.models import Organisation, Role, User
from eoffice.errors import DomainError, PermissionDenied, StateError
from eoffice.signing import trust
from eoffice.signing.models import TrustedRoot
from eoffice.sync import blobaccess
from eoffice.sync import operations as ops
from eoffice.sync.limits import Fits
from eoffice.sync.operations import AppliedResult, FileRef, Id, Operation


@dataclass(frozen=True)
class SetSignatureImage(Operation):
    """The actor's own signature image (a PNG in the blob store); None removes it."""

    kind: ClassVar[str] = "set_signature_image"
    file: FileRef | None = None
    #: The digest the client had before (to put back if the server refuses).
    previous_digest: Annotated[str | None, Fits(User.signature_digest)] = None


@dataclass(frozen=True)
class SetSealImage(Operation):
    """The seal image of the actor's organisation; None removes it."""

    kind: ClassVar[str] = "set_seal_image"
    organisation_id: Id
    file: FileRef | None = None
    previous_digest: Annotated[str | None, Fits(Organisation.seal_digest)] = None


@dataclass(frozen=True)
class AddTrustedRoot(Operation):
    kind: ClassVar[str] = "add_trusted_root"
    pem: Annotated[str, Fits(TrustedRoot.pem)]


@dataclass(frozen=True)
class RemoveTrustedRoot(Operation):
    kind: ClassVar[str] = "remove_trusted_root"
    root_id: Id


def _image_digest(session: Session, op: SetSignatureImage | SetSealImage, authority: bool) -> str | None:
    """The image's digest, once the authority's finding says its bytes are a PNG."""
    if op.file is None:
        return None
    if authority:
        from eoffice.sync.evidence import finding

        found = finding(session, op.op_id)
        if isinstance(found, DomainError):
            raise found
        if found is None:
            raise StateError("Máy chủ chưa kiểm tra được hình này.", "The server has not checked this image.")
    return op.file.digest


def apply_signing(session: Session, actor_id: str, op: Operation, authority: bool) -> AppliedResult:
    if isinstance(op, SetSignatureImage):
        user = profile.set_signature_image(session, actor_id, _image_digest(session, op, authority))
        return AppliedResult(op.kind, {"user_id": user.id, "signature_digest": user.signature_digest})
    if isinstance(op, SetSealImage):
        org = profile.set_seal_image(session, actor_id, op.organisation_id, _image_digest(session, op, authority))
        return AppliedResult(op.kind, {"organisation_id": org.id, "seal_digest": org.seal_digest})
    if isinstance(op, AddTrustedRoot):
        require_role(load_actor(session, actor_id), Role.ADMIN)
        info = trust.add_trusted_root(session, op.pem.encode("utf-8"), actor_id=actor_id)
        return AppliedResult(op.kind, {"root_id": info.id, "subject": info.subject})
    if isinstance(op, RemoveTrustedRoot):
        require_role(load_actor(session, actor_id), Role.ADMIN)
        trust.remove_trusted_root(session, op.root_id, actor_id=actor_id)
        return AppliedResult(op.kind, {"root_id": op.root_id})
    raise TypeError(f"not a signing operation: {op!r}")


def check_signing(session: Session, actor: User, op: Operation) -> None:
    """A pushed seal image must be for the actor's own organisation."""
    if isinstance(op, SetSealImage):
        org = session.get(Organisation, op.organisation_id)
        if org is not None and org.id != actor.organisation_id:
            raise PermissionDenied(
                "Bạn không có quyền đặt hình con dấu của cơ quan khác.",
                "You may not set another organisation's seal image.",
            )


KINDS = (SetSignatureImage, SetSealImage, AddTrustedRoot, RemoveTrustedRoot)
for _kind in KINDS:
    ops.register(_kind, apply_signing, check_signing)


def _images_referencing(session: Session, digests: list[str]) -> set[str]:
    from sqlalchemy import select

    users = session.scalars(select(User.signature_digest).where(User.signature_digest.in_(digests)))
    orgs = session.scalars(select(Organisation.seal_digest).where(Organisation.seal_digest.in_(digests)))
    return {d for d in (*users, *orgs) if d}


def _own_image(session: Session, actor: User, digest: str) -> bool:
    """The actor's signature image or their organisation's seal (what they sign with): a
    colleague's signature image is theirs alone, though its digest travels in pulled rows."""
    if actor.signature_digest == digest:
        return True
    org = session.get(Organisation, actor.organisation_id)
    return org is not None and org.seal_digest == digest


blobaccess.register_holder(blobaccess.Holder("signing_images", _images_referencing, _own_image))


def discard_rejected(session: Session, op: Operation) -> bool:
    """Undo on the client what a rejected signing ``op`` changed; False for other kinds.

    A root added here and never on the server is deleted, a removed one comes back, an
    image goes back to the one the user had.
    """
    if not isinstance(op, KINDS):
        return False
    if isinstance(op, AddTrustedRoot):
        try:
            _cert, fingerprint = trust.parse_root(op.pem.encode("utf-8"))
        except DomainError:
            return True
        row = session.get(TrustedRoot, trust.root_id_for(fingerprint))
        if row is not None and row.server_version is None:
            session.delete(row)
    elif isinstance(op, RemoveTrustedRoot):
        row = session.get(TrustedRoot, op.root_id)
        if row is not None and row.server_version is not None:
            row.deleted = False
    elif isinstance(op, SetSignatureImage):
        user = session.get(User, _actor_of(session, op))
        if user is not None:
            user.signature_digest = op.previous_digest
    elif isinstance(op, SetSealImage):
        org = session.get(Organisation, op.organisation_id)
        if org is not None:
            org.seal_digest = op.previous_digest
    session.flush()
    return True


def _actor_of(session: Session, op: Operation) -> str | None:
    from sqlalchemy import select

    from eoffice.sync.models import OutboxEntry

    return session.scalar(select(OutboxEntry.user_id).where(OutboxEntry.op_id == op.op_id))

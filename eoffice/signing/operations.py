"""Operations of signing that are not about a document: profile images and trusted roots.

Each kind is registered with ``eoffice.ops.registry`` (``signing.capability`` imports
this module). The signing of a document's file is ``documents.operations.SignFile`` (a
documents' kind). With authority, the image operations need the server's finding on the
image's bytes (``eoffice.sync.evidence``; proved by ``_prove_png``); adding or removing
a trusted root is the admin's, and every client receives the result with its pull.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.directory import profile
from eoffice.directory.access import load_actor, require_role
from eoffice.directory.models import Organisation, Role, User
from eoffice.errors import DomainError, PermissionDenied, StateError
from eoffice.ops.limits import Fits
from eoffice.ops.operation import AppliedResult, Operation
from eoffice.ops.registry import Evidence, register
from eoffice.ops.values import FileRef, Id
from eoffice.signing import trust
from eoffice.signing.models import TrustedRoot
from eoffice.store.base import new_id
from eoffice.store.blobs import BlobStore
from eoffice.sync import blobaccess


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


def _set_signature_image(session: Session, actor_id: str, op: SetSignatureImage, authority: bool) -> AppliedResult:
    user = profile.set_signature_image(session, actor_id, _image_digest(session, op, authority))
    return AppliedResult(op.kind, {"user_id": user.id, "signature_digest": user.signature_digest})


def _set_seal_image(session: Session, actor_id: str, op: SetSealImage, authority: bool) -> AppliedResult:
    org = profile.set_seal_image(session, actor_id, op.organisation_id, _image_digest(session, op, authority))
    return AppliedResult(op.kind, {"organisation_id": org.id, "seal_digest": org.seal_digest})


def _add_trusted_root(session: Session, actor_id: str, op: AddTrustedRoot, authority: bool) -> AppliedResult:
    require_role(load_actor(session, actor_id), Role.ADMIN)
    info = trust.add_trusted_root(session, op.pem.encode("utf-8"), actor_id=actor_id)
    return AppliedResult(op.kind, {"root_id": info.id, "subject": info.subject})


def _remove_trusted_root(session: Session, actor_id: str, op: RemoveTrustedRoot, authority: bool) -> AppliedResult:
    require_role(load_actor(session, actor_id), Role.ADMIN)
    trust.remove_trusted_root(session, op.root_id, actor_id=actor_id)
    return AppliedResult(op.kind, {"root_id": op.root_id})


def _prove_png(session: Session, blobs: BlobStore, op: SetSignatureImage | SetSealImage, memo: dict[str, Any]) -> Any:
    """The authority's finding on an image: its bytes are a PNG of sensible size."""
    from eoffice.signing.images import check_png

    assert op.file is not None  # ``needed`` said so
    path = blobs.path_for(op.file.digest)
    if not path.is_file():
        raise DomainError("Hình chưa được gửi lên máy chủ.", "The image was not uploaded.")
    return check_png(path.read_bytes())


def _has_image(op: SetSignatureImage | SetSealImage) -> bool:
    return op.file is not None


# --------------------------------------------------------------------------- the server's check


def _check_own(session: Session, actor: User, op: SetSignatureImage | AddTrustedRoot | RemoveTrustedRoot) -> None:
    """Nothing to check before applying: the image is the actor's own, and the domain
    refuses a trusted root to anyone but an admin."""


def _check_seal(session: Session, actor: User, op: SetSealImage) -> None:
    """A pushed seal image must be for the actor's own organisation."""
    org = session.get(Organisation, op.organisation_id)
    if org is not None and org.id != actor.organisation_id:
        raise PermissionDenied(
            "Bạn không có quyền đặt hình con dấu của cơ quan khác.",
            "You may not set another organisation's seal image.",
        )


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


def _images_kept(session: Session, user_id: str) -> list[str]:
    """A client keeps its user's signature image and their organisation's seal image
    (what they sign with)."""
    user = session.get(User, user_id) if user_id else None
    if user is None:
        return []
    org = session.get(Organisation, user.organisation_id)
    return [d for d in (user.signature_digest, org.seal_digest if org else None) if d]


blobaccess.register_holder(
    blobaccess.Holder("signing_images", _images_referencing, _own_image, wanted=_images_kept)
)


# --------------------------------------------------------------------------- a rejection, on the client


def _discard_added_root(session: Session, op: AddTrustedRoot) -> None:
    """A root added here and never on the server is deleted."""
    try:
        _cert, fingerprint = trust.parse_root(op.pem.encode("utf-8"))
    except DomainError:
        return
    row = session.get(TrustedRoot, trust.root_id_for(fingerprint))
    if row is not None and row.server_version is None:
        session.delete(row)
    session.flush()


def _discard_removed_root(session: Session, op: RemoveTrustedRoot) -> None:
    """A removed root the server has comes back."""
    row = session.get(TrustedRoot, op.root_id)
    if row is not None and row.server_version is not None:
        row.deleted = False
    session.flush()


def _discard_signature_image(session: Session, op: SetSignatureImage) -> None:
    """The user's image goes back to the one they had."""
    from eoffice.sync.models import OutboxEntry

    user = session.get(User, session.scalar(select(OutboxEntry.user_id).where(OutboxEntry.op_id == op.op_id)))
    if user is not None:
        user.signature_digest = op.previous_digest
    session.flush()


def _discard_seal_image(session: Session, op: SetSealImage) -> None:
    """The organisation's seal goes back to the one it had."""
    org = session.get(Organisation, op.organisation_id)
    if org is not None:
        org.seal_digest = op.previous_digest
    session.flush()


# --------------------------------------------------------------------------- registration


def _image() -> FileRef:
    return FileRef(hashlib.sha256(b"png").hexdigest(), "chu-ky.png", 2048, 0)


register(
    SetSignatureImage, apply=_set_signature_image, check=_check_own, discard=_discard_signature_image,
    evidence=Evidence[SetSignatureImage](_prove_png, _has_image),
    label_vi="Đặt hình chữ ký", label_en="Set signature image", tables=(User.__tablename__,),
    example=lambda: SetSignatureImage(Id(new_id()), _image(), "b" * 64),
)
register(
    SetSealImage, apply=_set_seal_image, check=_check_seal, discard=_discard_seal_image,
    evidence=Evidence[SetSealImage](_prove_png, _has_image),
    label_vi="Đặt hình con dấu", label_en="Set seal image", tables=(Organisation.__tablename__,),
    example=lambda: SetSealImage(Id(new_id()), Id(new_id()), None, "c" * 64),
)
register(
    AddTrustedRoot, apply=_add_trusted_root, check=_check_own, discard=_discard_added_root,
    label_vi="Thêm chứng thư số gốc tin cậy", label_en="Add trusted root certificate",
    tables=(TrustedRoot.__tablename__,),
    example=lambda: AddTrustedRoot(Id(new_id()), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"),
)
register(
    RemoveTrustedRoot, apply=_remove_trusted_root, check=_check_own, discard=_discard_removed_root,
    label_vi="Gỡ chứng thư số gốc tin cậy", label_en="Remove trusted root certificate",
    tables=(TrustedRoot.__tablename__,),
    example=lambda: RemoveTrustedRoot(Id(new_id()), Id(new_id())),
)

#: The signing kinds (the tests try every one).
KINDS = (SetSignatureImage, SetSealImage, AddTrustedRoot, RemoveTrustedRoot)

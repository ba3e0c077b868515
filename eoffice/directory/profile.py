"""A user's signing profile: their signature image, and their organisation's seal image.

The images live in the blob store by SHA-256; the rows keep the digest, so they travel
with a pull (a user's row to their colleagues, an organisation's to everyone) and follow
the user to any computer they sign in on. A user sets only their own signature image; a
clerk (or admin) of an organisation sets its seal image.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from eoffice.audit.chain import record
from eoffice.directory.access import load_actor, require_role
from eoffice.directory.models import Organisation, Role, User
from eoffice.errors import NotFound, PermissionDenied


def set_signature_image(session: Session, actor_id: str, digest: str | None) -> User:
    """The actor's own signature image (None removes it)."""
    user = load_actor(session, actor_id)
    before = {"signature_digest": user.signature_digest}
    user.signature_digest = digest
    session.flush()
    record(
        session, actor_id=user.id, action="user.signature_image", target_type="user", target_id=user.id,
        before=before, after={"signature_digest": digest},
    )
    return user


def set_seal_image(session: Session, actor_id: str, organisation_id: str, digest: str | None) -> Organisation:
    """The organisation's seal image, set by one of its clerks or admins (None removes it)."""
    actor = load_actor(session, actor_id)
    require_role(actor, Role.CLERK, Role.ADMIN)
    org = session.get(Organisation, organisation_id)
    if org is None or org.deleted:
        raise NotFound("Không tìm thấy cơ quan.", "Organisation not found.")
    if actor.organisation_id != org.id:
        raise PermissionDenied(
            "Chỉ văn thư của cơ quan mới đặt được hình con dấu của cơ quan.",
            "Only the organisation's own clerk may set its seal image.",
        )
    before = {"seal_digest": org.seal_digest}
    org.seal_digest = digest
    session.flush()
    record(
        session, actor_id=actor.id, action="organisation.seal_image", target_type="organisation", target_id=org.id,
        before=before, after={"seal_digest": digest},
    )
    return org

"""What the authority checks in a pushed file's bytes before an operation may name it.

A signed PDF (``sign_file``) is accepted only when its signatures verify, and a signature
or seal image only when it is a PNG. Verifying a 150 MB PDF takes a while, so the server
does it before its write transaction (``prove``, in a read session), and hands the
findings to the operations through the session (``admit``): the appliers, run with
authority, refuse an operation whose file has no such finding, so a path that forgot to
prove fails closed. A finding is the check's result, or the DomainError it raised (the
operation is then rejected with that reason). A standalone desk, the authority of its own
database, proves in its transaction (``Desk``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from eoffice.errors import DomainError
from eoffice.store.blobs import BlobStore
from eoffice.sync import operations as ops

KEY = "eoffice.sync.evidence"


def needs_proof(op: ops.Operation) -> bool:
    from eoffice.signing import operations as signing_ops

    return isinstance(op, ops.SignFile) or (
        isinstance(op, (signing_ops.SetSignatureImage, signing_ops.SetSealImage)) and op.file is not None
    )


def prove(session: Session, blobs: BlobStore, batch: Iterable[ops.Operation]) -> dict[str, Any]:
    """The findings on the files of the operations of ``batch`` that need one, by op_id."""
    from eoffice.documents.signing import check_signed_version
    from eoffice.signing.images import check_png
    from eoffice.signing.trust import trusted_roots

    roots = None
    found: dict[str, Any] = {}
    for op in batch:
        if not needs_proof(op):
            continue
        try:
            if isinstance(op, ops.SignFile):
                if roots is None:
                    roots = trusted_roots(session)
                found[op.op_id] = check_signed_version(
                    blobs.path_for(op.previous_digest), op.previous_digest,
                    blobs.path_for(op.file.digest), op.file.digest, roots,
                )
            else:
                ref = op.file  # type: ignore[attr-defined]
                path = blobs.path_for(ref.digest)
                if not path.is_file():
                    raise DomainError("Hình chưa được gửi lên máy chủ.", "The image was not uploaded.")
                found[op.op_id] = check_png(path.read_bytes())
        except DomainError as error:
            found[op.op_id] = error
    return found


def admit(session: Session, findings: dict[str, Any]) -> None:
    """Let the operations applied in ``session`` use these findings."""
    session.info.setdefault(KEY, {}).update(findings)


def finding(session: Session, op_id: str) -> Any:
    """The finding admitted for ``op_id`` (None when nobody proved its file)."""
    return session.info.get(KEY, {}).get(op_id)

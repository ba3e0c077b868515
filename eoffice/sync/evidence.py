"""What the authority checks in a pushed file's bytes before an operation may name it.

Each kind says what its files must prove (``eoffice.ops.registry.Evidence``): a signed
PDF (the documents' ``sign_file``) is accepted only when its signatures verify, a
signature or seal image (signing) only when it is a PNG. Verifying a 150 MB PDF takes a
while, so the server does it before its write transaction (``prove``, in a read
session), and hands the findings to the operations through the session (``admit``): the
appliers, run with authority, refuse an operation whose file has no such finding, so a
path that forgot to prove fails closed. A finding is the check's result, or the
DomainError it raised (the operation is then rejected with that reason). A standalone
desk, the authority of its own database, proves in its transaction (``Desk``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from eoffice.errors import DomainError
from eoffice.ops import Operation
from eoffice.ops.registry import entry_of
from eoffice.store.blobs import BlobStore

KEY = "eoffice.sync.evidence"


def needs_proof(op: Operation) -> bool:
    """Whether the authority must check the bytes of a file ``op`` names (its kind says)."""
    evidence = entry_of(op).evidence
    return evidence is not None and evidence.needed(op)


def prove(session: Session, blobs: BlobStore, batch: Iterable[Operation]) -> dict[str, Any]:
    """The findings on the files of the operations of ``batch`` that need one, by op_id."""
    memo: dict[str, Any] = {}  # what the checks of one batch share (the trusted roots)
    found: dict[str, Any] = {}
    for op in batch:
        evidence = entry_of(op).evidence
        if evidence is None or not evidence.needed(op):
            continue
        try:
            found[op.op_id] = evidence.prove(session, blobs, op, memo)
        except DomainError as error:
            found[op.op_id] = error
    return found


def admit(session: Session, findings: dict[str, Any]) -> None:
    """Let the operations applied in ``session`` use these findings."""
    session.info.setdefault(KEY, {}).update(findings)


def finding(session: Session, op_id: str) -> Any:
    """The finding admitted for ``op_id`` (None when nobody proved its file)."""
    return session.info.get(KEY, {}).get(op_id)

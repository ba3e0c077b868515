"""Where a user's actions go: one operation value, applied where it belongs.

The desktop turns every action (register, direct, complete, issue…) into an operation
(``eoffice.ops``; each capability registers its kinds) and hands it to a desk. On a
standalone database the desk is the authority: it applies the operation as the server
would, numbers included. On a synced client it applies it locally with the numbers
pending ("chờ cấp số") and queues it in the outbox, in the same transaction, then wakes
the sync engine once it committed.
Either way a refused action raises the domain's error before anything is written, so the
dialog that made it can show the reason.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from eoffice.ops import AppliedResult, Operation, apply, checked
from eoffice.store.blobs import BlobStore
from eoffice.sync.client_state import record_local
from eoffice.sync.evidence import admit, needs_proof, prove


class Desk:
    """A standalone database: the operation is applied with authority (numbers taken).

    Being the authority, it checks the bytes of signed files and images itself
    (``eoffice.sync.evidence``), in ``blobs``; without them such operations are refused.
    """

    #: True when operations travel to a server (their numbers come back later).
    synced = False

    def __init__(self, blobs: BlobStore | None = None) -> None:
        self.blobs = blobs

    def apply(self, session: Session, actor_id: str, op: Operation) -> AppliedResult:
        """Run ``op`` as ``actor_id`` in the caller's transaction; DomainError when refused
        (by the codec too: a value its column cannot hold)."""
        op = checked(op)
        if self.blobs is not None and needs_proof(op):
            admit(session, prove(session, self.blobs, [op]))
        return apply(session, actor_id, op, authority=True)

    def committed(self) -> None:
        """The caller's transaction committed: nothing more to do here."""


class SyncedDesk(Desk):
    """A client of a server: applied locally with numbers pending, queued for the server."""

    synced = True

    def __init__(self, wake: Callable[[], None]) -> None:
        super().__init__()
        self._wake = wake

    def apply(self, session: Session, actor_id: str, op: Operation) -> AppliedResult:
        return record_local(session, actor_id, op)

    def committed(self) -> None:
        """Push soon: there is something new in the outbox."""
        self._wake()

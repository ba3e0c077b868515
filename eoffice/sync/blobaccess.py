"""Who may name a blob in an operation and who may read it: one rule for every path.

The server keeps files by SHA-256 and anyone signed in may upload. A digest is no secret
(it travels in the rows people pull: a document's files, a colleague's signature image),
so naming one proves nothing. The rule:

- an operation may name a blob only when its user uploaded those very bytes (a
  ``BlobUpload`` row, written by ``PUT /blobs`` once the bytes matched their digest) or
  may already read it, and the size and page count it declares must be the blob's own;
- reading a blob (``GET`` and ``HEAD /blobs``) needs a row the user may see that
  references it, or an upload of their own that no operation has claimed yet.

Rows reference blobs through *holders*: the files of documents (here, by the rule of
``eoffice.documents.visibility``) and signature and seal images, each registered by its
capability with ``register_holder``. ``check_named`` runs for every
pushed operation on every file it names (``ops.files_named``: every ``FileRef``),
``claim`` once it is accepted; ``sweep_uploads`` removes uploads nobody claimed.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, delete, exists, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from eoffice import capabilities, ops
from eoffice.directory.models import User
from eoffice.errors import PermissionDenied, StateError, ValidationError
from eoffice.store import Store
from eoffice.store.blobs import BlobStore
from eoffice.store.pages import count_pages
from eoffice.sync.models import BlobUpload

CHUNK = 500


@dataclass(frozen=True)
class Holder:
    """Rows of one kind that reference blobs by digest."""

    name: str
    #: ``(session, digests)``: those of ``digests`` some row of this kind references.
    referenced: Callable[[Session, list[str]], set[str]]
    #: ``(session, actor, digest)``: whether a row of this kind the actor may see references it.
    readable: Callable[[Session, User, str], bool]
    #: ``(session, digest)``: the page count a row of this kind has for it (blobs stored
    #: before uploads were measured), None when it has none.
    pages: Callable[[Session, str], int | None] | None = None
    #: ``(session, user_id)``: on a client, the blobs of this kind its user keeps at hand
    #: (downloaded after each pull, for reading offline); None when it keeps none.
    wanted: Callable[[Session, str], Iterable[str]] | None = None


_HOLDERS: dict[str, Holder] = {}


def register_holder(holder: Holder) -> None:
    """Add the rows of another capability that reference blobs (reading and sweeping ask them)."""
    _HOLDERS[holder.name] = holder


def _holders() -> list[Holder]:
    """Every registered holder, the capabilities' registrations loaded first."""
    capabilities.load()
    return list(_HOLDERS.values())


def wanted_blobs(session: Session, user_id: str) -> list[str]:
    """On a client: the digests its user keeps at hand (every holder's ``wanted``), once each."""
    found: dict[str, None] = {}
    for holder in _holders():
        if holder.wanted is not None:
            found.update(dict.fromkeys(d for d in holder.wanted(session, user_id) if d))
    return list(found)


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def referenced(session: Session, digests: Collection[str]) -> set[str]:
    """Those of ``digests`` that some row (of any holder) references, visible or not."""
    left = sorted(set(digests))
    found: set[str] = set()
    for holder in _holders():
        for chunk in _chunks([d for d in left if d not in found]):
            found |= holder.referenced(session, chunk)
    return found


def _own_pending_upload(session: Session, user_id: str, digest: str) -> bool:
    return session.scalar(
        select(exists().where(
            BlobUpload.digest == digest, BlobUpload.user_id == user_id, BlobUpload.claimed.is_(False)
        ))
    ) is True


def may_read(session: Session, actor: User, digest: str) -> bool:
    """Whether ``actor`` may read the blob: a row they may see references it, or it is an
    upload of theirs no operation has claimed yet (whether the file is there is not asked)."""
    if any(holder.readable(session, actor, digest) for holder in _holders()):
        return True
    return _own_pending_upload(session, actor.id, digest)


def _refused(filename: str) -> PermissionDenied:
    return PermissionDenied(
        f"Bạn không có quyền dùng tệp “{filename}”: tệp này không do bạn gửi lên và bạn không được xem.",
        f"You may not use the file {filename}: you did not upload it and may not read it.",
    )


def _not_uploaded(filename: str) -> StateError:
    return StateError(
        f"Tệp đính kèm “{filename}” chưa được gửi lên máy chủ.",
        f"The attachment {filename} was not uploaded to the server.",
    )


def known_pages(session: Session, digest: str) -> int | None:
    """The blob's page count as the server measured it at an upload, else as a document's
    file row has it (blobs stored before uploads were measured); None when nothing says."""
    pages = session.scalar(select(BlobUpload.page_count).where(BlobUpload.digest == digest).limit(1))
    for holder in _holders():
        if pages is not None:
            break
        if holder.pages is not None:
            pages = holder.pages(session, digest)
    return pages


def check_named(session: Session, actor: User, op: ops.Operation, blobs: BlobStore) -> None:
    """Raise the reason ``op`` may not name one of its files; the server runs it on every
    pushed operation before applying it.

    A file someone else stored and a row references, which ``actor`` may not read, is a
    PermissionDenied (audited, as a ``GET`` of it is a 403); one the server does not hold,
    or holds only as another user's upload nobody claimed, is "not uploaded" (as a ``GET``
    of it is a 404: whether someone uploaded it is not told).
    """
    for ref in ops.files_named(op):
        path = blobs.path_for(ref.digest)
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            raise _not_uploaded(ref.filename) from None
        uploaded = session.scalar(
            select(exists().where(BlobUpload.digest == ref.digest, BlobUpload.user_id == actor.id))
        )
        if not uploaded and not may_read(session, actor, ref.digest):
            if ref.digest in referenced(session, [ref.digest]):
                raise _refused(ref.filename)
            raise _not_uploaded(ref.filename)
        if ref.size != size:
            raise ValidationError(
                f"Kích thước tệp “{ref.filename}” ({ref.size} byte) không đúng với tệp trên máy chủ ({size} byte).",
                f"The size of {ref.filename} ({ref.size} bytes) is not that of the file on the server ({size} bytes).",
                field="size",
            )
        pages = known_pages(session, ref.digest)
        if pages is None:
            pages = count_pages(path)
        if ref.page_count != pages:
            raise ValidationError(
                f"Số trang của tệp “{ref.filename}” ({ref.page_count}) "
                f"không đúng với tệp trên máy chủ ({pages} trang).",
                f"The page count of {ref.filename} ({ref.page_count}) is not that of the file on the server ({pages}).",
                field="page_count",
            )


def claim(session: Session, op: ops.Operation) -> None:
    """The blobs an accepted operation names belong to rows now: never swept, read by rows."""
    digests = sorted({ref.digest for ref in ops.files_named(op)})
    if digests:
        session.execute(
            update(BlobUpload).where(BlobUpload.digest.in_(digests), BlobUpload.claimed.is_(False)).values(claimed=True)
        )


# --------------------------------------------------------------------------- uploads


def record_upload(store: Store, blobs: BlobStore, user_id: str, digest: str, now: datetime) -> None:
    """Remember that ``user_id`` uploaded the stored blob ``digest`` (verified), measured.

    Its page count is measured once per blob (before the write transaction: a large PDF
    takes a moment); an upload of bytes a row already references is claimed at once.
    """
    path = blobs.path_for(digest)
    size = path.stat().st_size
    with store.read() as session:
        pages = session.scalar(select(BlobUpload.page_count).where(BlobUpload.digest == digest).limit(1))
    if pages is None:
        pages = count_pages(path)
    with store.write() as session:
        claimed = bool(session.scalar(
            select(exists().where(BlobUpload.digest == digest, BlobUpload.claimed.is_(True)))
        )) or digest in referenced(session, [digest])
        values = {
            "digest": digest, "user_id": user_id, "uploaded_at": now, "size": size, "page_count": pages,
            "claimed": claimed,
        }
        insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
        stmt = insert(BlobUpload.__table__).values(**values)
        session.execute(stmt.on_conflict_do_update(
            index_elements=["digest", "user_id"],
            set_={"uploaded_at": now, "size": size, "page_count": pages, "claimed": claimed},
        ))


def sweep_uploads(store: Store, blobs: BlobStore, now: datetime, grace: timedelta) -> list[str]:
    """Remove the blobs uploaded only more than ``grace`` before ``now`` that no operation
    claimed and no row references; returns their digests.

    A blob some row references without a claim (set by an admin command) is claimed
    instead. Blobs stored before uploads were recorded have no upload row and are kept.
    The files go inside the transaction that drops their rows: on SQLite no push runs
    meanwhile. Should a push name such a file at that very moment on PostgreSQL (its desk
    uploaded it ``grace`` ago and never pushed since), the file is gone for it: the desk's
    next ``HEAD`` answers 404 and it uploads the file again.
    """
    cutoff = now - grace
    stale = (
        select(BlobUpload.digest)
        .group_by(BlobUpload.digest)
        .having(
            func.max(BlobUpload.uploaded_at) < cutoff,
            func.max(case((BlobUpload.claimed.is_(True), 1), else_=0)) == 0,
        )
    )
    with store.write() as session:
        digests = list(session.scalars(stale))
        if not digests:
            return []
        held = referenced(session, digests)
        gone = [d for d in digests if d not in held]
        for chunk in _chunks(sorted(held)):
            session.execute(update(BlobUpload).where(BlobUpload.digest.in_(chunk)).values(claimed=True))
        for chunk in _chunks(gone):
            session.execute(delete(BlobUpload).where(
                BlobUpload.digest.in_(chunk), BlobUpload.uploaded_at < cutoff, BlobUpload.claimed.is_(False)
            ))
        # An upload of the same bytes that came in meanwhile keeps its file.
        renewed: set[str] = set()
        for chunk in _chunks(gone):
            renewed.update(session.scalars(select(BlobUpload.digest).where(BlobUpload.digest.in_(chunk))))
        gone = [d for d in gone if d not in renewed]
        for digest in gone:
            blobs.discard(digest)
    return gone

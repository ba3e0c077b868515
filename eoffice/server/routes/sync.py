"""Sync over HTTP: push operations, pull changed rows, refetch documents.

``POST /ops`` applies a client's batch in one transaction with the signed-in user as the
actor (the server takes the numbers); ``GET /changes`` pages out what the user may see
above their cursor; ``GET /documents`` returns documents' current rows for a client whose
operation was rejected.
"""

from __future__ import annotations

import asyncio
import re
from datetime import datetime, timedelta
from typing import Annotated, Any
from weakref import WeakKeyDictionary

import orjson
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from eoffice import ops as operations
from eoffice.audit.repeats import Repeats
from eoffice.directory.models import User
from eoffice.errors import DomainError
from eoffice.ops.registry import operation_class
from eoffice.ops.values import UUID_FORM
from eoffice.server.deps import AUTH_RESPONSES, BlobsDep, CurrentUser, SettingsDep, StoreDep
from eoffice.server.errors import ServerError
from eoffice.server.fanout import hub_of
from eoffice.server.schemas import ErrorBody
from eoffice.server.settings import ServerSettings
from eoffice.store import Store
from eoffice.store.blobs import BlobStore
from eoffice.sync.changes import ChangePage, changes_since, refetch_page, trailing_since
from eoffice.sync.evidence import admit, needs_proof, prove
from eoffice.sync.permissions import apply_checked
from eoffice.sync.versioning import current_version, has_unversioned, stamp_unversioned

router = APIRouter(tags=["sync"])

MAX_OPS = 500
MAX_PAGE = 5000
MAX_IDS = 500
UUID_TEXT = re.compile(r"^[0-9a-fA-F-]{1,36}$")


class CursorAhead(ServerError):
    """The client says it has versions this server never handed out (e.g. the server's
    database was restored from an older backup): paging on from there would skip rows."""

    status = 409
    code = "cursor_ahead"

    def __init__(self, cursor: int, version: int) -> None:
        super().__init__(
            f"Dữ liệu đồng bộ trên máy này (phiên bản {cursor}) mới hơn dữ liệu của máy chủ "
            f"(phiên bản {version}); cần đồng bộ lại từ đầu.",
            f"This client's sync cursor ({cursor}) is beyond the server's version ({version}); sync again from 0.",
        )


class PushRequest(BaseModel):
    ops: list[Any] = Field(max_length=MAX_OPS, description="operations as operations.to_json makes them")


class OpResult(BaseModel):
    op_id: str
    kind: str
    outcome: str = Field(description="accepted or rejected")
    reason: str = Field("", description="why it was rejected, in Vietnamese")
    reason_en: str = ""
    result: dict[str, Any] = Field(default_factory=dict)
    replayed: bool = False


class PushResponse(BaseModel):
    results: list[OpResult]


class ChangePageOut(BaseModel):
    rows: dict[str, list[dict[str, Any]]]
    next_cursor: int
    more: bool
    revoked: list[str] = Field(
        default_factory=list, description="ids of documents the user may no longer see: drop them where held"
    )


class PageResponse(Response):
    """A page as JSON, encoded by orjson: pages are megabytes, the stdlib encoder a tenth
    of a pull's server time."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


def _reader(session: Session, user: User) -> User:
    """The signed-in user (loaded moments ago by ``current_user``, which decided they may
    act) in this request's session, without loading it again: an idle client's poll is
    the server's commonest request, and a push the one whose latency people feel."""
    return session.merge(user, load=False)


#: How often, at most, a caught-up pull looks for rows another program wrote without a
#: version; a poll costs a counter read otherwise.
STRAY_CHECK_EVERY = timedelta(seconds=1)
_stray_checked: WeakKeyDictionary[Store, datetime] = WeakKeyDictionary()


def _stray_check_due(store: Store, now: datetime) -> bool:
    last = _stray_checked.get(store)
    if last is not None and timedelta(0) <= now - last < STRAY_CHECK_EVERY:
        return False
    _stray_checked[store] = now
    return True


@router.post("/ops", response_model=PushResponse, responses=AUTH_RESPONSES)
def push(
    body: PushRequest, user: CurrentUser, store: StoreDep, blobs: BlobsDep, settings: SettingsDep
) -> PushResponse:
    """Apply a batch of operations in order, in one transaction; each accepted or rejected.

    An operation seen before (same op_id) is answered as the first time and changes
    nothing. A malformed operation (``operations.from_json`` checks every value against
    the column it lands in), one on a row the user may not see, one naming an attachment
    not uploaded yet, or one the database refuses is rejected with the reason; the others
    still apply.
    """
    parsed: list[operations.Operation | None] = []
    bad: dict[int, tuple[str, str, str, str]] = {}
    for i, raw in enumerate(body.ops):
        try:
            parsed.append(operations.from_json(raw))
        except DomainError as error:
            bad[i] = (*_named(raw), error.message_vi, error.message_en)
            parsed.append(None)
    good = [op for op in parsed if op is not None]
    findings = _prove(store, blobs, good)
    with store.write() as session:
        admit(session, findings)
        outcomes = iter(apply_checked(session, _reader(session, user), good, blobs, _repeats(settings)))
    results: list[OpResult] = []
    for i, op in enumerate(parsed):
        if op is None:
            op_id, kind, vi, en = bad[i]
            results.append(OpResult(op_id=op_id, kind=kind, outcome="rejected", reason=vi, reason_en=en))
            continue
        o = next(outcomes)
        results.append(
            OpResult(
                op_id=o.op_id, kind=o.kind, outcome=o.status, reason=o.reason_vi, reason_en=o.reason_en,
                result=o.result, replayed=o.replayed,
            )
        )
    return PushResponse(results=results)


def _repeats(settings: ServerSettings) -> Repeats:
    """The server's clock and window for counting repeated refusals in the audit."""
    return Repeats(settings.clock, settings.audit_repeat_window)


def _named(raw: Any) -> tuple[str, str]:
    """The op_id and kind a malformed operation gives, echoed only when well-formed: the
    answer is JSON, and a lone surrogate in it would fail the whole batch's."""
    op_id = raw.get("op_id") if isinstance(raw, dict) else None
    kind = raw.get("kind") if isinstance(raw, dict) else None
    return (
        op_id if isinstance(op_id, str) and UUID_FORM.match(op_id) else "",
        kind if isinstance(kind, str) and operation_class(kind) is not None else "",
    )


def _prove(store: Store, blobs: BlobStore, batch: list[operations.Operation]) -> dict[str, Any]:
    """The server's check of signed files and images the batch names, before its write
    transaction (verifying a large PDF must not hold the version lock); ops applied before
    are answered from their stored outcome and need none."""
    from sqlalchemy import select

    from eoffice.sync.models import AppliedOperation

    wanted = [op for op in batch if needs_proof(op)]
    if not wanted:
        return {}
    with store.read() as session:
        seen = set(session.scalars(
            select(AppliedOperation.op_id).where(AppliedOperation.op_id.in_([op.op_id for op in wanted]))
        ))
        return prove(session, blobs, [op for op in wanted if op.op_id not in seen])


#: The longest ``wait`` a pull may ask (the server may hold it shorter: ``long_poll_max``).
MAX_WAIT = 60.0


@router.get(
    "/changes", response_model=ChangePageOut,
    responses={**AUTH_RESPONSES, 409: {"model": ErrorBody, "description": "The cursor is beyond the server's version"}},
)
async def changes(
    request: Request,
    user: CurrentUser,
    store: StoreDep,
    settings: SettingsDep,
    cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1000,
    wait: Annotated[float, Query(
        ge=0, le=MAX_WAIT,
        description="Seconds to hold the request while nothing is new for the user (a long poll)",
    )] = 0,
) -> Response:
    """The rows the user may see changed above ``cursor``, about ``limit`` of them.

    With ``wait``, a pull that finds nothing new is held until something the user may see
    commits (on any server process sharing the database) or the wait ends, and answers at
    once then: a client without the live channel sees a change as it commits, without
    polling. The wait is cut to the server's ``long_poll_max``; an empty answer after it
    is the normal end of a long poll.

    The server versions every row it writes (``create_app``). A row another program wrote
    into the database without a version (an older admin tool, a restore, a script) is
    looked for when a client reaches the end of what is there (one index probe per table,
    not on every page of a long pull, and at most once a second), stamped above every
    version, and the client told that more follows. A cursor beyond every version this
    server handed out is a 409.
    """
    wait = min(wait, settings.long_poll_max.total_seconds())
    hub = await hub_of(request.app) if wait > 0 else None
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait
    revoked: dict[str, None] = {}
    woken = False
    while True:
        commits = hub.commits if hub is not None else 0
        # Woken by a commit, the answer is what committed: rows written without a version
        # were looked for before the wait, and answering fast is the point now.
        page = await run_in_threadpool(_changes_page, store, settings, user, cursor, limit, not woken)
        if hub is None or page.count() or page.more:
            break
        # Nothing for this user up to the page's cursor: wait for the next commit, then
        # look again from there (rows they may not see are not read twice). Documents
        # they may not see (to drop, should they hold one) do not end the wait: every
        # document the clerk registers would, for every officer. They come with the answer.
        revoked.update(dict.fromkeys(page.revoked))
        cursor = page.next_cursor
        left = deadline - loop.time()
        if left <= 0 or not await hub.commit_after(commits, left):
            break
        woken = True
    if revoked:
        page.revoked = list({**revoked, **dict.fromkeys(page.revoked)})
    return PageResponse(page.to_json())


def _changes_page(
    store: Store, settings: ServerSettings, user: User, cursor: int, limit: int, stray_check: bool = True
) -> ChangePage:
    with store.read() as session:
        if cursor > (version := current_version(session)):
            raise CursorAhead(cursor, version)
        page = changes_since(session, _reader(session, user), cursor, limit, latest=version)
        stray = (
            stray_check and not page.more and _stray_check_due(store, settings.clock()) and has_unversioned(session)
        )
    if stray:
        with store.write() as session:
            stamp_unversioned(session)
        page.more = True
    return page


@router.get("/documents", response_model=ChangePageOut, responses=AUTH_RESPONSES)
def documents(
    user: CurrentUser,
    store: StoreDep,
    settings: SettingsDep,
    ids: Annotated[list[str], Query(max_length=MAX_IDS)],
    cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
) -> Response:
    """The current rows of some documents the user may see, cursor kept; the others that
    exist come back in ``revoked`` (to drop), each refusal audited."""
    ids = [i for i in ids if UUID_TEXT.match(i)]  # anything else names no document
    with store.read() as session:
        page = refetch_page(session, _reader(session, user), ids, cursor)
    if page.revoked:
        _audit_refused_reads(store, _repeats(settings), user.id, page.revoked)
    return PageResponse(page.to_json())


def _audit_refused_reads(store: Store, repeats: Repeats, user_id: str, document_ids: list[str]) -> None:
    """``access.denied`` for each existing document asked for that the user may not see:
    the first of a window an event naming it, its repeats one event with their count."""
    with store.write() as session:
        for doc_id in document_ids:
            repeats.record(
                session, same=("reason", "path"), actor_id=user_id, action="access.denied", target_type="document",
                target_id="", after={"reason": "document_not_visible", "path": "/documents"},
                first_target_id=doc_id,
            )


class BodyPageOut(BaseModel):
    bodies: list[list[str]] = Field(description="[document id, folded PDF text] pairs")
    next_cursor: int
    more: bool


@router.get("/bodies", response_model=BodyPageOut, responses=AUTH_RESPONSES)
def bodies(
    user: CurrentUser,
    store: StoreDep,
    cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
    upto: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1000,
) -> Response:
    """The PDFs' text of documents the user may see versioned in (``cursor``, ``upto``]:
    what a client fetches after the rows, so that it can search inside PDFs it pulled."""
    with store.read() as session:
        page = trailing_since("bodies", session, _reader(session, user), cursor, upto, limit)
    return PageResponse(page.to_json())

"""Attachments by SHA-256: upload streamed and verified, download with HTTP Range.

Bodies never sit whole in memory: an upload is written chunk by chunk to a temporary file
in the blob store's folder, hashed on the way, and renamed under its digest only when the
digest matches; a download is served from disk in chunks, from any byte offset (206), so
an interrupted transfer resumes where it stopped.

Who may fetch a blob, and name it in an operation, is ``eoffice.sync.blobaccess``: a
row the user may see references it (a document's file, their own signature image, their
organisation's seal), or it is their own upload not yet named. Any signed-in user may
upload; the server records who did, and removes an upload nobody names within a grace
period (``eoffice.server.sweeper``).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from typing import Annotated

from anyio import to_thread
from fastapi import APIRouter, Path, Request, Response
from fastapi.responses import FileResponse
from starlette.responses import MalformedRangeHeader
from starlette.responses import RangeNotSatisfiable as _Unsatisfiable

from eoffice.directory.models import User
from eoffice.errors import NotFound, PermissionDenied, ValidationError
from eoffice.server.deps import (
    AUTH_RESPONSES,
    FORBIDDEN,
    BlobsDep,
    CurrentUser,
    SettingsDep,
    StoreDep,
)
from eoffice.server.errors import ServerError
from eoffice.server.schemas import ErrorBody
from eoffice.store import Store
from eoffice.store.blobs import BlobStore
from eoffice.sync import blobaccess

router = APIRouter(prefix="/blobs", tags=["attachments"])

#: The largest attachment accepted.
MAX_BLOB_BYTES = 2 * 1024**3
CHUNK = 256 * 1024

Digest = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the content, lower-case hex")]


class BlobTooLarge(ServerError):
    status = 413
    code = "body_too_large"

    def __init__(self) -> None:
        super().__init__(
            f"Tệp đính kèm quá lớn (tối đa {MAX_BLOB_BYTES // 1024**3} GB).",
            f"The attachment is too large (at most {MAX_BLOB_BYTES // 1024**3} GB).",
        )


class RangeNotSatisfiable(ServerError):
    """A ``Range`` that starts at or beyond the end of the file (e.g. a client resuming a
    download it had in fact finished); the size is in ``Content-Range``, as RFC 9110 asks."""

    status = 416
    code = "range_not_satisfiable"

    def __init__(self, size: int) -> None:
        super().__init__(
            f"Đoạn tệp được yêu cầu nằm ngoài tệp đính kèm (tệp dài {size} byte).",
            f"The requested range is outside the attachment ({size} bytes).",
        )
        self.headers = {"Content-Range": f"bytes */{size}"}


class BadRange(ServerError):
    status = 400
    code = "bad_range"

    def __init__(self) -> None:
        super().__init__(
            "Yêu cầu một đoạn tệp không hợp lệ (tiêu đề Range).", "The Range header is malformed."
        )


def _check_range(request: Request, path: os.PathLike[str], etag: str) -> None:
    """Refuse a bad ``Range`` with our JSON error before FileResponse would with bare text.

    Starlette's own parser (``FileResponse._parse_range_header``, pinned with Starlette in
    constraints.txt) judges it, so both always agree; a Range that ``If-Range`` turns off
    (the file changed) is left to FileResponse, which then sends the whole file.
    """
    wanted = request.headers.get("range")
    if_range = request.headers.get("if-range")
    if wanted is None or (if_range is not None and if_range != etag):
        return
    size = os.stat(path).st_size
    try:
        FileResponse._parse_range_header(wanted, size)
    except _Unsatisfiable:
        raise RangeNotSatisfiable(size) from None
    except MalformedRangeHeader:
        raise BadRange() from None


def _not_found() -> NotFound:
    return NotFound("Không tìm thấy tệp đính kèm.", "Attachment not found.")


def _may_fetch(store: Store, user: User, blobs: BlobStore, digest: str) -> None:
    """NotFound when the server does not hold it or holds it only as someone else's upload
    nobody named yet; PermissionDenied (audited) when rows reference it and none the user
    may see does (``blobaccess``: the rule operations that name a file follow too)."""
    if not blobs.has(digest):
        raise _not_found()
    with store.read() as session:
        actor = session.get(User, user.id)
        if actor is None:
            raise _not_found()
        if blobaccess.may_read(session, actor, digest):
            return
        held = digest in blobaccess.referenced(session, [digest])
    if not held:
        raise _not_found()
    raise PermissionDenied("Bạn không có quyền xem tệp đính kèm này.", "You may not read this attachment.")


@router.get(
    "/{digest}", response_class=FileResponse,
    responses={**AUTH_RESPONSES, **FORBIDDEN, 400: {"model": ErrorBody}, 404: {}, 416: {"model": ErrorBody}},
)
def get_blob(digest: Digest, request: Request, user: CurrentUser, store: StoreDep, blobs: BlobsDep) -> FileResponse:
    """The attachment's bytes; ``Range: bytes=N-`` gives the rest from byte N (206), and a
    range beyond the end is a 416 naming the size."""
    _may_fetch(store, user, blobs, digest)
    etag = f'"{digest}"'
    _check_range(request, blobs.path_for(digest), etag)
    response = FileResponse(blobs.path_for(digest), media_type="application/octet-stream", headers={"ETag": etag})
    response.chunk_size = CHUNK
    return response


@router.head("/{digest}", responses={**AUTH_RESPONSES, **FORBIDDEN, 404: {}})
def head_blob(digest: Digest, user: CurrentUser, store: StoreDep, blobs: BlobsDep) -> Response:
    """Whether the user may fetch this attachment, and its size: answered as ``GET`` would
    (a 403 audited, a 404), so a client that may not read it uploads its own copy."""
    _may_fetch(store, user, blobs, digest)
    path = blobs.path_for(digest)
    return Response(
        status_code=200,
        headers={"Content-Length": str(path.stat().st_size), "Accept-Ranges": "bytes", "ETag": f'"{digest}"'},
    )


@router.put(
    "/{digest}",
    status_code=201,
    responses={**AUTH_RESPONSES, 413: {}},
    openapi_extra={
        "requestBody": {"content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}
    },
)
async def put_blob(
    digest: Digest, request: Request, user: CurrentUser, store: StoreDep, blobs: BlobsDep, settings: SettingsDep
) -> Response:
    """Store an attachment under its digest; refused (422, nothing kept) when the bytes differ.

    Bytes the server holds already are received and checked all the same: the upload is
    the user's proof that they have the file, which lets their operations name it.
    """
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_BLOB_BYTES:
        raise BlobTooLarge()
    held = blobs.has(digest)
    hasher = hashlib.sha256()
    size = 0
    fd, tmp = await to_thread.run_sync(lambda: tempfile.mkstemp(prefix=blobs.UPLOAD_PREFIX, dir=blobs.root))
    try:
        with os.fdopen(fd, "wb") as out:
            async for chunk in request.stream():
                size += len(chunk)
                if size > MAX_BLOB_BYTES:
                    raise BlobTooLarge()
                hasher.update(chunk)
                await to_thread.run_sync(out.write, chunk)
            await to_thread.run_sync(out.flush)
            await to_thread.run_sync(os.fsync, out.fileno())
        if hasher.hexdigest() != digest:
            raise ValidationError(
                "Tệp đính kèm bị hỏng trên đường truyền (mã băm SHA-256 không khớp); hãy gửi lại.",
                "The attachment does not match its SHA-256 digest; send it again.",
                field="digest",
            )
        target = blobs.path_for(digest)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, target)  # the same bytes again, if held: a sweep meanwhile loses nothing
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    await to_thread.run_sync(blobaccess.record_upload, store, blobs, user.id, digest, settings.clock())
    return Response(status_code=200 if held else 201)

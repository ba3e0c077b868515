"""The HTTP API: routes under ``/api/v1``, errors as JSON a client can show as they are.

Every error body is ``{"error": code, "message": Vietnamese, "message_en": English}``.
Expected trouble (DomainError) maps to a 4xx by its kind; a bug is logged and answered
500 without details.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import unquote_to_bytes

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import eoffice
from eoffice import capabilities
from eoffice.audit.repeats import flush_closed
from eoffice.errors import (
    DomainError,
    DuplicateError,
    InvalidFileError,
    NotFound,
    NumberTakenError,
    PermissionDenied,
    StateError,
    ValidationError,
)
from eoffice.server import auth
from eoffice.server.deps import client_address
from eoffice.server.errors import AuthError, ServerError
from eoffice.server.protocol import (
    API_PREFIX,
    HEADER,
    PROTOCOL_MAX,
    PROTOCOL_MIN,
    accepts,
    mismatch_messages,
)
from eoffice.server.routes import ROUTERS
from eoffice.server.schemas import UNSTORABLE, spec_refusing_nul
from eoffice.server.settings import ServerSettings
from eoffice.server.sweeper import Sweeper
from eoffice.store import Store
from eoffice.store.blobs import BlobStore
from eoffice.store.bulk import drop_derived
from eoffice.store.health import DatabaseDamaged, DatabaseLocked, database_problem
from eoffice.sync.versioning import version_store

log = logging.getLogger("eoffice.server")

#: Paths a client of any protocol version may reach: how it learns which versions we speak.
UNVERSIONED = frozenset({f"{API_PREFIX}/hello", f"{API_PREFIX}/openapi.json", f"{API_PREFIX}/docs"})

_DOMAIN_STATUS: list[tuple[type[DomainError], int, str]] = [
    (PermissionDenied, 403, "permission_denied"),
    (NotFound, 404, "not_found"),
    (DuplicateError, 409, "duplicate"),
    (NumberTakenError, 409, "number_taken"),
    (StateError, 409, "wrong_state"),
    (ValidationError, 422, "invalid"),
    (InvalidFileError, 422, "invalid_file"),
]

_HTTP_MESSAGES: dict[int, tuple[str, str, str]] = {
    400: ("bad_request", "Yêu cầu không hợp lệ.", "Bad request."),
    404: ("not_found", "Không có địa chỉ này trên máy chủ.", "No such address on the server."),
    405: ("method_not_allowed", "Địa chỉ này không nhận phương thức đó.", "Method not allowed."),
    413: (
        "body_too_large",
        "Dữ liệu gửi lên quá lớn.",
        "The request body is too large.",
    ),
    415: ("unsupported_media_type", "Kiểu dữ liệu gửi lên không được hỗ trợ.", "Unsupported media type."),
}

def error_body(code: str, message_vi: str, message_en: str, **extra: Any) -> dict[str, Any]:
    return {"error": code, "message": message_vi, "message_en": message_en, **extra}


class ProtocolGuard:
    """Refuses, with 426, requests whose ``X-Eoffice-Protocol`` this server does not speak.

    A plain ASGI middleware: it answers before any routing or body parsing. A WebSocket
    handshake is refused the same way (an HTTP 426 instead of the upgrade) where the
    server supports it, else closed with 1008.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] not in ("http", "websocket")
            or not scope["path"].startswith(API_PREFIX)
            or scope["path"] in UNVERSIONED
        ):
            await self.app(scope, receive, send)
            return
        sent = next(
            (v.decode("latin-1") for k, v in scope["headers"] if k.decode("latin-1").lower() == HEADER.lower()),
            None,
        )
        if accepts(sent):
            await self.app(scope, receive, send)
            return
        vi, en = mismatch_messages(sent)
        response = JSONResponse(
            error_body("protocol_mismatch", vi, en, protocol_min=PROTOCOL_MIN, protocol_max=PROTOCOL_MAX),
            status_code=426,
            headers={"Upgrade": f"eoffice/{PROTOCOL_MAX}"},
        )
        if scope["type"] == "websocket" and "websocket.http.response" not in scope.get("extensions", {}):
            await send({"type": "websocket.close", "code": 1008, "reason": en[:120]})
            return
        await response(scope, receive, send)


class AddressGuard:
    """Refuses, with 422, a request whose path or query holds a NUL character (``%00``).

    Ids travel in the address (``/meetings/{meeting_id}/…``, ``?ids=``) and reach the
    database as text, where PostgreSQL refuses a NUL mid-transaction: a 500 for what is
    the caller's mistake. No address of this API holds one, so it is answered here
    before any route runs. Bodies are checked by their models (``schemas.RequestBody``).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (
            "\x00" not in scope["path"] and b"\x00" not in unquote_to_bytes(scope.get("query_string", b""))
        ):
            await self.app(scope, receive, send)
            return
        body = error_body(
            "invalid_text", "Địa chỉ yêu cầu chứa ký tự không hợp lệ (ký tự điều khiển).",
            "The request's address holds a control character no database stores.",
        )
        await JSONResponse(body, 422)(scope, receive, send)


class BodyTooLarge(StarletteHTTPException):
    def __init__(self) -> None:
        super().__init__(status_code=413, detail="Content Too Large")


class BodyLimit:
    """Refuses request bodies over ``limit`` bytes, declared or streamed, with a JSON 413.

    Nothing over the limit is kept in memory. The refused body is still read and thrown
    away up to ``drain`` bytes, because a client still sending when the server answers
    and hangs up sees a broken connection instead of the 413 and its message.
    """

    def __init__(self, app: ASGIApp, limit: int, exempt: tuple[str, ...] = ()) -> None:
        self.app = app
        self.limit = limit
        self.drain = 4 * limit
        self.exempt = exempt

    async def _discard(self, receive: Receive, received: int) -> None:
        while received <= self.drain:
            message = await receive()
            if message["type"] != "http.request":
                return
            received += len(message.get("body", b""))
            if not message.get("more_body", False):
                return

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (self.exempt and scope["path"].startswith(self.exempt)):
            await self.app(scope, receive, send)
            return
        declared = next((v for k, v in scope["headers"] if k.lower() == b"content-length"), None)
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._discard(receive, 0)
            code, vi, en = _HTTP_MESSAGES[413]
            await JSONResponse(error_body(code, vi, en), 413, headers={"Connection": "close"})(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    if message.get("more_body", False):
                        await self._discard(receive, received)
                    raise BodyTooLarge()
            return message

        await self.app(scope, counted, send)


def _validation_message(exc: RequestValidationError) -> tuple[int, str, str, str]:
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return 400, "malformed_json", "Dữ liệu gửi lên không phải JSON hợp lệ.", "The body is not valid JSON."
    unstorable = [e for e in errors if e.get("type") == UNSTORABLE]
    fields = []
    for e in (unstorable or errors)[:10]:
        loc = [str(part) for part in e.get("loc", ()) if part not in ("body", "query", "path", "header")]
        fields.append(".".join(loc) or "body")
    listed = ", ".join(dict.fromkeys(fields))
    if unstorable:  # worded as the operations' codec words it (``ops.values.check_text``)
        return (
            422, "invalid_text", f"“{listed}” chứa ký tự không hợp lệ (ký tự điều khiển hoặc lỗi mã hóa).",
            f"{listed} holds a character no database stores (a control character or broken encoding).",
        )
    return (
        422,
        "invalid_request",
        f"Yêu cầu không hợp lệ: kiểm tra {listed}.",
        f"Invalid request: check {listed}.",
    )


def _install_error_handlers(app: FastAPI, store: Store) -> None:
    async def refused(request: Request, reason: str) -> None:
        actor = getattr(request.state, "user_id", None)
        await run_in_threadpool(
            auth.audit_refusal, store, request.app.state.settings, "access.denied", actor, reason,
            path=request.url.path, method=request.method, source=client_address(request),
            # A forbidden resource is its own refusal (the audit says which file was
            # tried); the same one asked again (HEAD, then GET) is counted with it.
            same=(*auth.SAME_REFUSAL, "path"),
        )

    @app.exception_handler(DomainError)
    async def domain_error(request: Request, exc: DomainError) -> JSONResponse:
        headers: dict[str, str] = {}
        if isinstance(exc, ServerError):
            status, code = exc.status, exc.code
            if isinstance(exc, AuthError):
                if status == 401:
                    headers["WWW-Authenticate"] = "Bearer"
                if hasattr(exc, "retry_after"):
                    headers["Retry-After"] = str(exc.retry_after)
            if status in (401, 403) and not exc.audited:
                await refused(request, code)
            headers.update(getattr(exc, "headers", None) or {})
        else:
            status, code = 400, "domain_error"
            for kind, kind_status, kind_code in _DOMAIN_STATUS:
                if isinstance(exc, kind):
                    status, code = kind_status, kind_code
                    break
            if status == 403:
                await refused(request, exc.message_en)
        extra = {"field": exc.field} if exc.field else {}
        return JSONResponse(error_body(code, exc.message_vi, exc.message_en, **extra), status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        status, code, vi, en = _validation_message(exc)
        return JSONResponse(error_body(code, vi, en), status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, vi, en = _HTTP_MESSAGES.get(
            exc.status_code, (f"http_{exc.status_code}", "Yêu cầu không thực hiện được.", str(exc.detail))
        )
        return JSONResponse(error_body(code, vi, en), exc.status_code, headers=exc.headers)

    def database_trouble(request: Request, exc: BaseException) -> JSONResponse | None:
        """A damaged or locked database: 503 with what it means (the desktop retries
        later), logged for the admin; None for any other error."""
        problem = database_problem(exc, store.url)
        if not isinstance(problem, (DatabaseDamaged, DatabaseLocked)):
            return None
        log.error("%s on %s %s: %s", problem.code, request.method, request.url.path, problem.message_en, exc_info=exc)
        if isinstance(problem, DatabaseDamaged):
            vi = "Cơ sở dữ liệu của máy chủ bị hỏng; quản trị cần khôi phục từ bản sao lưu. eOffice sẽ thử lại sau."
            en = "The server's database is damaged; an administrator must restore it from a backup."
        else:
            vi = "Cơ sở dữ liệu của máy chủ đang bận; eOffice sẽ thử lại."
            en = "The server's database is busy; try again shortly."
        return JSONResponse(error_body(problem.code, vi, en), 503, headers={"Retry-After": "30"})

    @app.exception_handler(DBAPIError)
    async def database_error(request: Request, exc: DBAPIError) -> JSONResponse:
        trouble = database_trouble(request, exc)
        if trouble is not None:
            return trouble
        if not exc.connection_invalidated:
            return await bug(request, exc)
        # The database dropped a connection in use (it restarted): the pool is renewed, and
        # the client, told the server is unavailable, tries again shortly.
        log.warning("database connection lost on %s %s: %s", request.method, request.url.path, exc.orig)
        return JSONResponse(
            error_body(
                "database_unavailable",
                "Máy chủ tạm thời mất kết nối tới cơ sở dữ liệu; eOffice sẽ thử lại.",
                "The server lost its database connection for a moment; try again.",
            ),
            503, headers={"Retry-After": "1"},
        )

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> JSONResponse:
        trouble = database_trouble(request, exc)  # a raw DBAPI error, not wrapped by SQLAlchemy
        if trouble is not None:
            return trouble
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return JSONResponse(
            error_body(
                "internal_error",
                "Máy chủ gặp lỗi ngoài dự kiến; lỗi đã được ghi lại.",
                "Unexpected server error; it was logged.",
            ),
            500,
        )


def create_app(store: Store, blobs: BlobStore, settings: ServerSettings) -> FastAPI:
    """The server application over one database, one blob store and its settings."""
    settings.signing_key()  # created now, not by the first request racing another
    # Every synced row this server writes gets a version, and rows written before it
    # started (by an admin command, an older version) get one now: clients pull them.
    version_store(store)
    # The rows capabilities keep for a desktop's screens (the sidebar's counts) are not
    # kept here: nothing on a server reads them, and their triggers cost every write.
    if store.is_sqlite:
        with store.write() as session:
            drop_derived(session.connection())
    # Repeated refusals counted while no server ran, or whose window closed unseen,
    # reach the audit chain now.
    with store.write() as session:
        flush_closed(session, settings.clock(), limit=100_000)
    app = FastAPI(
        title="eoffice",
        version=eoffice.__version__,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
    )
    app.state.store = store
    app.state.blobs = blobs
    app.state.settings = settings
    _install_error_handlers(app, store)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes, exempt=settings.streaming_prefixes)
    app.add_middleware(AddressGuard)
    app.add_middleware(ProtocolGuard)  # outermost: a client of another version learns it first

    capabilities.load_routes()  # their routers (``routes.register_router``) before mounting
    for router in ROUTERS:
        app.include_router(router, prefix=API_PREFIX)
    build_spec = app.openapi

    # The published spec says what AddressGuard and RequestBody refuse: no NUL in text.
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = spec_refusing_nul(build_spec())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    # Cut-off and unclaimed uploads go, now and on a timer (``stop_app`` ends it).
    app.state.sweeper = Sweeper(store, blobs, settings).start()
    return app


def stop_app(app: FastAPI) -> None:
    """End what ``create_app`` started beside the requests (the attachments' sweeper)."""
    sweeper: Sweeper | None = getattr(app.state, "sweeper", None)
    if sweeper is not None:
        sweeper.close()

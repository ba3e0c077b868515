"""FastAPI dependencies every router uses: the app's store, settings, blobs, and the caller.

Routers stay free of globals: what they need hangs on ``app.state`` (set by create_app),
so two apps over two databases can run in one process (tests do).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from starlette.requests import HTTPConnection
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from eoffice.directory.models import User
from eoffice.server import auth
from eoffice.server.schemas import ErrorBody
from eoffice.server.settings import ServerSettings
from eoffice.store import Store
from eoffice.store.blobs import BlobStore

bearer = HTTPBearer(auto_error=False, description="the access token from /auth/login")


def get_store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def get_blobs(request: Request) -> BlobStore:
    return request.app.state.blobs  # type: ignore[no-any-return]


def get_settings(request: Request) -> ServerSettings:
    return request.app.state.settings  # type: ignore[no-any-return]


def client_address(connection: HTTPConnection) -> str:
    """Where a request or a WebSocket comes from, as sign-in limits and the audit see it:
    the connection's address, or the one a trusted proxy forwarded (uvicorn rewrites it
    only for ``ServerSettings.trusted_proxies``; a header from anyone else is ignored)."""
    return connection.client.host if connection.client else ""


def current_user(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> User:
    """The signed-in user of this request; 401 (audited) otherwise.

    The user is loaded fresh on every request, so a deleted account or a reset password
    takes effect at once, not when the access token expires.
    """
    user = auth.authenticate(
        get_store(request), get_settings(request), credentials.credentials if credentials else None,
        path=request.url.path, source=client_address(request),
    )
    request.state.user_id = user.id  # named in the audit event if the request is refused later
    return user


StoreDep = Annotated[Store, Depends(get_store)]
BlobsDep = Annotated[BlobStore, Depends(get_blobs)]
SettingsDep = Annotated[ServerSettings, Depends(get_settings)]
CurrentUser = Annotated[User, Depends(current_user)]

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    422: {"model": ErrorBody, "description": "Invalid request"},
    426: {"model": ErrorBody, "description": "Protocol version not spoken by this server"},
}
AUTH_RESPONSES: dict[int | str, dict[str, Any]] = {
    **ERROR_RESPONSES,
    401: {"model": ErrorBody, "description": "Not signed in, token expired or revoked"},
}
FORBIDDEN: dict[int | str, dict[str, Any]] = {403: {"model": ErrorBody, "description": "Not allowed"}}

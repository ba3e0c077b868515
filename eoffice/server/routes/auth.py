"""The handshake and signing in: /hello, /auth/login, /auth/refresh, /auth/logout, /me."""

from __future__ import annotations

from fastapi import APIRouter, Request

import eoffice
from eoffice.server import auth
from eoffice.server.auth import UserInfo
from eoffice.server.deps import (
    AUTH_RESPONSES,
    ERROR_RESPONSES,
    CurrentUser,
    SettingsDep,
    StoreDep,
    client_address,
)
from eoffice.server.protocol import PROTOCOL_MAX, PROTOCOL_MIN
from eoffice.server.schemas import ErrorBody, Hello, LoginRequest, RefreshRequest, TokenResponse, UserOut

router = APIRouter()


@router.get("/hello", response_model=Hello, tags=["protocol"])
def hello() -> Hello:
    """Which protocol versions this server speaks; needs no sign-in and no version header."""
    return Hello(protocol_min=PROTOCOL_MIN, protocol_max=PROTOCOL_MAX, server="eoffice", version=eoffice.__version__)


@router.post(
    "/auth/login",
    response_model=TokenResponse,
    tags=["auth"],
    responses={
        **AUTH_RESPONSES,
        423: {"model": ErrorBody, "description": "This address is locked out of the account after repeated failures"},
        429: {
            "model": ErrorBody,
            "description": "Too many failures (on the account, or from this address): wait Retry-After seconds",
        },
    },
)
def login(body: LoginRequest, request: Request, store: StoreDep, settings: SettingsDep) -> TokenResponse:
    """An access token and a refresh token for a username and password."""
    return TokenResponse.of(auth.login(store, settings, body.username, body.password, source=client_address(request)))


@router.post("/auth/refresh", response_model=TokenResponse, tags=["auth"], responses=AUTH_RESPONSES)
def refresh(body: RefreshRequest, request: Request, store: StoreDep, settings: SettingsDep) -> TokenResponse:
    """A new token pair for a refresh token; the old refresh token stops working."""
    return TokenResponse.of(auth.refresh(store, settings, body.refresh_token, source=client_address(request)))


@router.post("/auth/logout", status_code=204, tags=["auth"], responses=ERROR_RESPONSES)
def logout(body: RefreshRequest, store: StoreDep, settings: SettingsDep) -> None:
    """End the sign-in the refresh token belongs to (idempotent)."""
    auth.logout(store, settings, body.refresh_token)


@router.get("/me", response_model=UserOut, tags=["auth"], responses=AUTH_RESPONSES)
def me(user: CurrentUser) -> UserOut:
    return UserOut.of(UserInfo.of(user))

"""Request and response bodies of the HTTP API (the wire format, not the domain)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from eoffice.server.auth import Tokens, UserInfo


class ErrorBody(BaseModel):
    """Every error: a stable code for programs, a message for people."""

    error: str = Field(examples=["invalid_credentials"])
    message: str = Field(description="Vietnamese, shown to the user")
    message_en: str


class Hello(BaseModel):
    protocol_min: int
    protocol_max: int
    server: str
    version: str


#: No control characters (PostgreSQL text cannot even hold NUL).
PRINTABLE = r"^[^\x00-\x1f\x7f]+$"


class LoginRequest(BaseModel):
    username: str = Field(min_length=1, max_length=80, pattern=PRINTABLE)
    password: str = Field(min_length=1, max_length=1024)


class RefreshRequest(BaseModel):
    refresh_token: str = Field(min_length=1, max_length=200, pattern=PRINTABLE)


class UserOut(BaseModel):
    id: str
    username: str
    full_name: str
    organisation_id: str
    unit_id: str | None
    roles: list[str]

    @classmethod
    def of(cls, info: UserInfo) -> UserOut:
        return cls(**info.__dict__)


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int = Field(description="seconds until the access token expires")
    refresh_token: str
    user: UserOut

    @classmethod
    def of(cls, tokens: Tokens) -> TokenResponse:
        return cls(
            access_token=tokens.access_token, expires_in=tokens.expires_in, refresh_token=tokens.refresh_token,
            user=UserOut.of(tokens.user),
        )

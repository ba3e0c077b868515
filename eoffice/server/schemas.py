"""Request and response bodies of the HTTP API (the wire format, not the domain)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, field_validator
from pydantic_core import PydanticCustomError

from eoffice.ops.limits import storable
from eoffice.server.auth import Tokens, UserInfo

#: The type of a validation error for a string no database stores (``app`` words it).
UNSTORABLE = "unstorable_text"


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


def _all_storable(value: Any) -> bool:
    """Whether every string in a parsed value (lists, dicts, nested models) is ``storable``:
    walked with a stack, not recursion, as a body may nest as deep as JSON allows."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if not storable(item):
                return False
        elif isinstance(item, BaseModel):
            pending.extend(getattr(item, name) for name in type(item).model_fields)
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            pending.extend(item)
    return True


class RequestBody(BaseModel):
    """A route's JSON body: every string it keeps, nested ones too, is one every database
    stores (``ops.limits.storable``: no NUL character, no lone surrogate).

    Checked on the values as parsed, not on the JSON text: the six characters ``\\u0000``
    a clerk may write are text like any other, and a key the model ignores is no matter.
    Without the check a NUL reaches PostgreSQL, which refuses it in the middle of the
    transaction: a 500 instead of a 422 naming the field (and SQLite would keep it).
    """

    @field_validator("*")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        if not _all_storable(value):
            raise PydanticCustomError(UNSTORABLE, "holds a character no database stores")
        return value


#: What the published spec says of text the server takes: no NUL character.
TEXT = r"^[^\x00]*$"


def spec_refusing_nul(spec: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI document with ``TEXT`` as the pattern of every string a request carries
    (parameters, bodies and the schemas they name) that has no pattern, format or
    enumeration of its own, in place.

    The contract the server keeps (``RequestBody``, ``app.AddressGuard``) written where a
    client, or a test generating requests from the spec, reads it: a NUL is refused, not
    taken. Responses are left as they are: nothing in them is checked against it.
    """
    schemas = spec.get("components", {}).get("schemas", {})
    pending: list[Any] = [
        [operation.get("parameters", []), operation.get("requestBody", {})]
        for path in spec.get("paths", {}).values() for operation in path.values() if isinstance(operation, dict)
    ]
    named: set[str] = set()
    while pending:
        node = pending.pop()
        if isinstance(node, list):
            pending.extend(node)
        elif isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/components/schemas/") and ref not in named:
                named.add(ref)
                pending.append(schemas.get(ref.rsplit("/", 1)[-1]))
            if node.get("type") == "string" and not {"pattern", "format", "enum", "const"} & node.keys():
                node["pattern"] = TEXT
            pending.extend(node.values())
    return spec


class LoginRequest(RequestBody):
    username: str = Field(min_length=1, max_length=80, pattern=PRINTABLE)
    password: str = Field(min_length=1, max_length=1024)


class RefreshRequest(RequestBody):
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

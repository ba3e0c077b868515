"""Sign-in and protocol failures, each with the HTTP status and code a client acts on.

They are DomainErrors like any other (Vietnamese message first); ``audited`` says the
refusal was already written to the audit chain where it happened.
"""

from __future__ import annotations

import math
from datetime import timedelta

from eoffice.errors import DomainError


class ServerError(DomainError):
    status = 400
    code = "bad_request"

    def __init__(self, message_vi: str, message_en: str = "", *, audited: bool = False) -> None:
        super().__init__(message_vi, message_en)
        self.audited = audited


class AuthError(ServerError):
    """The caller is not (or no longer) signed in."""

    status = 401
    code = "not_authenticated"


class InvalidCredentials(AuthError):
    code = "invalid_credentials"

    def __init__(self, *, audited: bool = False) -> None:
        super().__init__(
            "Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong username or password.", audited=audited
        )


class TokenExpired(AuthError):
    code = "token_expired"

    def __init__(self, *, audited: bool = False) -> None:
        super().__init__(
            "Phiên làm việc đã hết hạn; đang đăng nhập lại.", "The token has expired.", audited=audited
        )


class TokenInvalid(AuthError):
    code = "token_invalid"

    def __init__(self, *, audited: bool = False) -> None:
        super().__init__(
            "Phiên đăng nhập không hợp lệ; hãy đăng nhập lại.", "The token is not valid; sign in again.",
            audited=audited,
        )


class TokenRevoked(AuthError):
    code = "token_revoked"

    def __init__(self, *, audited: bool = False) -> None:
        super().__init__(
            "Phiên đăng nhập đã bị thu hồi; hãy đăng nhập lại.", "The sign-in was revoked; sign in again.",
            audited=audited,
        )


class AccountDisabled(AuthError):
    code = "account_disabled"

    def __init__(self, *, audited: bool = False) -> None:
        super().__init__(
            "Tài khoản không còn hoạt động; hãy liên hệ quản trị.", "The account is disabled.", audited=audited
        )


class _Waiting(AuthError):
    def __init__(self, message_vi: str, message_en: str, retry_after: timedelta, *, audited: bool) -> None:
        super().__init__(message_vi, message_en, audited=audited)
        self.retry_after = max(1, math.ceil(retry_after.total_seconds()))


class LoginThrottled(_Waiting):
    """Too many wrong passwords in a row: the next attempt must wait."""

    status = 429
    code = "login_throttled"

    def __init__(self, retry_after: timedelta, *, audited: bool = False) -> None:
        seconds = max(1, math.ceil(retry_after.total_seconds()))
        super().__init__(
            f"Sai mật khẩu nhiều lần; hãy thử lại sau {seconds} giây.",
            f"Too many failed sign-ins; try again in {seconds} s.",
            retry_after,
            audited=audited,
        )


class AccountLocked(_Waiting):
    """Too many wrong passwords for this account from this source: this source waits;
    the account still signs in from elsewhere."""

    status = 423
    code = "account_locked"

    def __init__(self, retry_after: timedelta, *, audited: bool = False) -> None:
        minutes = max(1, math.ceil(retry_after.total_seconds() / 60))
        super().__init__(
            f"Tài khoản tạm khóa trên máy này do sai mật khẩu nhiều lần; hãy thử lại sau {minutes} phút "
            "hoặc nhờ quản trị đặt lại mật khẩu.",
            f"Sign-ins to this account from this address are locked after repeated failures; "
            f"try again in {minutes} min.",
            retry_after,
            audited=audited,
        )


class SourceBlocked(_Waiting):
    """Too many failed sign-ins from one address, whatever the accounts."""

    status = 429
    code = "source_blocked"

    def __init__(self, retry_after: timedelta, *, audited: bool = False) -> None:
        minutes = max(1, math.ceil(retry_after.total_seconds() / 60))
        super().__init__(
            f"Có quá nhiều lần đăng nhập sai từ địa chỉ này; hãy thử lại sau {minutes} phút.",
            f"Too many failed sign-ins from this address; try again in {minutes} min.",
            retry_after,
            audited=audited,
        )


class ProtocolMismatch(ServerError):
    status = 426
    code = "protocol_mismatch"

"""Signing in: passwords to tokens, refresh rotation, throttling, and the audit of refusals.

These functions own their transactions (they take the Store, not a session) because a
refused sign-in must still be written down: the failure count and the audit event commit
even though the caller receives an error.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import jwt
from sqlalchemy import bindparam, exists, select, text, update
from sqlalchemy.orm import Session, joinedload

from eoffice.audit.chain import record
from eoffice.directory.models import User
from eoffice.server.errors import (
    AccountDisabled,
    AccountLocked,
    AuthError,
    InvalidCredentials,
    LoginThrottled,
    TokenExpired,
    TokenInvalid,
    TokenRevoked,
)
from eoffice.server.models import LoginThrottle, RefreshToken
from eoffice.server.passwords import hash_password, needs_rehash, verify_password
from eoffice.server.settings import ServerSettings
from eoffice.store import Store
from eoffice.store.base import new_id

ALGORITHM = "HS256"
USERNAME_MAX = 80


@dataclass(frozen=True)
class UserInfo:
    id: str
    username: str
    full_name: str
    organisation_id: str
    unit_id: str | None
    roles: list[str]

    @classmethod
    def of(cls, user: User) -> UserInfo:
        return cls(
            user.id, user.username, user.full_name, user.organisation_id, user.unit_id,
            sorted(r.value for r in user.roles),
        )


@dataclass(frozen=True)
class Tokens:
    access_token: str
    expires_in: int  # seconds
    refresh_token: str
    user: UserInfo


def aware(moment: datetime) -> datetime:
    """SQLite hands back naive UTC datetimes; PostgreSQL aware ones."""
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _password_version(user: User) -> str:
    """Changes whenever the password does: access tokens made before a reset stop working."""
    return hashlib.sha256((user.password_hash or "").encode("utf-8")).hexdigest()[:16]


def issue_access_token(settings: ServerSettings, user: User, family_id: str) -> str:
    now = settings.clock()
    claims = {
        "sub": user.id,
        "iat": int(now.timestamp()),
        "exp": int((now + settings.access_token_ttl).timestamp()),
        "jti": new_id(),
        "sid": family_id,
        "pv": _password_version(user),
    }
    return jwt.encode(claims, settings.signing_key(), algorithm=ALGORITHM)


def decode_access_token(settings: ServerSettings, token: str) -> dict[str, Any]:
    """The token's claims; TokenExpired or TokenInvalid otherwise (not audited yet).

    Expiry is checked against the settings' clock (not PyJWT's), so a server run with an
    injected clock judges tokens by the same time it made them.
    """
    try:
        claims = jwt.decode(
            token, settings.signing_key(), algorithms=[ALGORITHM],
            options={"require": ["sub", "exp", "iat", "jti"], "verify_exp": False, "verify_iat": False},
        )
    except jwt.PyJWTError:
        raise TokenInvalid() from None
    if not isinstance(claims.get("exp"), int) or not isinstance(claims.get("sub"), str):
        raise TokenInvalid()
    if settings.clock().timestamp() >= claims["exp"]:
        raise TokenExpired()
    return claims


def _new_refresh(session: Session, settings: ServerSettings, user_id: str, family_id: str) -> tuple[str, RefreshToken]:
    token = secrets.token_urlsafe(32)
    now = settings.clock()
    row = RefreshToken(
        id=new_id(), user_id=user_id, family_id=family_id, token_hash=token_digest(token),
        expires_at=now + settings.refresh_token_ttl, created_at=now,
    )
    session.add(row)
    session.flush()
    return token, row


def _tokens(session: Session, settings: ServerSettings, user: User, family_id: str) -> tuple[Tokens, RefreshToken]:
    refresh_token, row = _new_refresh(session, settings, user.id, family_id)
    access = issue_access_token(settings, user, family_id)
    tokens = Tokens(access, int(settings.access_token_ttl.total_seconds()), refresh_token, UserInfo.of(user))
    return tokens, row


def _audit_refusal(
    session: Session, action: str, actor_id: str | None, reason: str, **details: Any
) -> None:
    record(
        session, actor_id=actor_id, action=action, target_type="user", target_id=actor_id or "",
        after={"reason": reason, **details},
    )


def audit_refusal(store: Store, action: str, actor_id: str | None, reason: str, **details: Any) -> None:
    """Write one refusal to the audit chain in its own transaction."""
    with store.write() as session:
        _audit_refusal(session, action, actor_id, reason, **details)


def _throttle_row(session: Session, username: str) -> LoginThrottle:
    """The username's throttle row, created if needed and locked until commit."""
    insert = "INSERT INTO login_throttle(username, failures) VALUES (:u, 0)"
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text(insert.replace("INSERT", "INSERT OR IGNORE")), {"u": username})
    else:
        session.execute(text(insert + " ON CONFLICT (username) DO NOTHING"), {"u": username})
    return session.scalars(
        select(LoginThrottle).where(LoginThrottle.username == username).with_for_update()
    ).one()


def login(store: Store, settings: ServerSettings, username: str, password: str, *, source: str = "") -> Tokens:
    """Check a password and open a sign-in; failures count, slow down, then lock.

    The throttle row is locked for the whole attempt, so parallel guesses for one
    username queue up (across server processes too) instead of slipping past the count.
    """
    username = username.strip().lower()[:USERNAME_MAX]
    now = settings.clock()
    error: AuthError | None = None
    with store.write() as session:
        throttle = _throttle_row(session, username)
        user = session.scalars(select(User).where(User.username == username, User.deleted.is_(False))).first()
        actor_id = user.id if user else None
        if throttle.locked_until is not None and now < aware(throttle.locked_until):
            _audit_refusal(session, "auth.login_refused", actor_id, "locked", username=username, source=source)
            error = AccountLocked(aware(throttle.locked_until) - now, audited=True)
        elif throttle.next_attempt_at is not None and now < aware(throttle.next_attempt_at):
            _audit_refusal(session, "auth.login_refused", actor_id, "throttled", username=username, source=source)
            error = LoginThrottled(aware(throttle.next_attempt_at) - now, audited=True)
        elif user is not None and verify_password(password, user.password_hash):
            session.delete(throttle)
            if user.password_hash and needs_rehash(user.password_hash):
                user.password_hash = hash_password(password)
            tokens, row = _tokens(session, settings, user, new_id())
            record(
                session, actor_id=user.id, action="auth.login", target_type="user", target_id=user.id,
                after={"session": row.family_id, "source": source},
            )
            return tokens
        else:
            if user is None:
                verify_password(password, None)  # same cost as a wrong password
            throttle.failures += 1
            throttle.last_failure_at = now
            throttle.locked_until = None
            if throttle.failures >= settings.lock_after:
                throttle.locked_until = now + settings.lock_for
                throttle.next_attempt_at = None
                error = AccountLocked(settings.lock_for, audited=True)
            elif throttle.failures >= settings.throttle_after:
                doublings = throttle.failures - settings.throttle_after
                delay = min(settings.throttle_base_delay * (2**doublings), settings.throttle_max_delay)
                throttle.next_attempt_at = now + delay
                error = InvalidCredentials(audited=True)
            else:
                error = InvalidCredentials(audited=True)
            _audit_refusal(
                session, "auth.login_failed", actor_id, "wrong_password" if user else "unknown_user",
                username=username, failures=throttle.failures, source=source,
            )
            if throttle.locked_until is not None:
                record(
                    session, actor_id=actor_id, action="auth.account_locked", target_type="user",
                    target_id=actor_id or "", after={"username": username, "until": throttle.locked_until},
                )
    raise error


def refresh(store: Store, settings: ServerSettings, refresh_token: str) -> Tokens:
    """Trade a refresh token for a new pair; the old one is revoked.

    Showing a token that was already replaced means two parties hold it (a copy was
    stolen): the whole sign-in family is revoked and the event audited.
    """
    now = settings.clock()
    error: AuthError
    with store.write() as session:
        row = session.scalars(
            select(RefreshToken).where(RefreshToken.token_hash == token_digest(refresh_token)).with_for_update()
        ).first()
        if row is None:
            _audit_refusal(session, "access.denied", None, "unknown_refresh_token")
            error = TokenInvalid(audited=True)
        elif row.revoked_at is not None:
            revoked = revoke_family(session, row.family_id, now)
            record(
                session, actor_id=row.user_id, action="auth.refresh_reuse", target_type="user",
                target_id=row.user_id, after={"session": row.family_id, "revoked": revoked},
            )
            error = TokenRevoked(audited=True)
        elif now >= aware(row.expires_at):
            _audit_refusal(session, "access.denied", row.user_id, "refresh_token_expired")
            error = TokenExpired(audited=True)
        else:
            user = session.get(User, row.user_id)
            if user is None or user.deleted:
                revoke_family(session, row.family_id, now)
                _audit_refusal(session, "access.denied", row.user_id, "account_disabled")
                error = AccountDisabled(audited=True)
            else:
                tokens, new_row = _tokens(session, settings, user, row.family_id)
                row.revoked_at = now
                row.replaced_by = new_row.id
                return tokens
    raise error


def logout(store: Store, settings: ServerSettings, refresh_token: str) -> bool:
    """End the sign-in the token belongs to; False when there was nothing to end."""
    now = settings.clock()
    with store.write() as session:
        row = session.scalars(
            select(RefreshToken).where(RefreshToken.token_hash == token_digest(refresh_token)).with_for_update()
        ).first()
        if row is None or row.revoked_at is not None:
            return False
        revoke_family(session, row.family_id, now)
        record(
            session, actor_id=row.user_id, action="auth.logout", target_type="user", target_id=row.user_id,
            after={"session": row.family_id},
        )
        return True


def revoke_family(session: Session, family_id: str, now: datetime) -> int:
    result = session.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def revoke_user_tokens(session: Session, user_id: str, now: datetime) -> int:
    """Revoke every refresh token of a user (password reset, account disabled)."""
    result = session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


# The user, their roles and whether the sign-in stands, in one statement built once: every
# request of every client comes here. The sign-in is still live while its family holds an
# unrevoked refresh token: a sign-out, or a stolen refresh token shown twice, ends its
# access tokens at once.
_SIGNED_IN = (
    select(
        User,
        exists().where(
            RefreshToken.family_id == bindparam("family_id"), RefreshToken.revoked_at.is_(None)
        ).label("live"),
    )
    .options(joinedload(User.role_rows))
    .where(User.id == bindparam("user_id"))
)


def authenticate(store: Store, settings: ServerSettings, token: str | None, *, path: str = "") -> User:
    """The signed-in user a bearer token names; every refusal is audited."""
    if not token:
        audit_refusal(store, "access.denied", None, "no_token", path=path)
        raise AuthError(
            "Cần đăng nhập để dùng máy chủ.", "Sign in first.", audited=True
        )
    try:
        claims = decode_access_token(settings, token)
    except (TokenExpired, TokenInvalid) as err:
        audit_refusal(store, "access.denied", None, err.code, path=path)
        err.audited = True
        raise
    with store.read() as session:
        found = {"user_id": str(claims["sub"]), "family_id": str(claims.get("sid"))}
        row = session.execute(_SIGNED_IN, found).unique().first()
    user, live = (row[0], bool(row[1])) if row is not None else (None, False)
    if user is None or user.deleted:
        audit_refusal(store, "access.denied", claims["sub"], "account_disabled", path=path)
        raise AccountDisabled(audited=True)
    if claims.get("pv") != _password_version(user):
        audit_refusal(store, "access.denied", user.id, "password_changed", path=path)
        raise TokenRevoked(audited=True)
    if not live:
        audit_refusal(store, "access.denied", user.id, "session_revoked", path=path)
        raise TokenRevoked(audited=True)
    return user

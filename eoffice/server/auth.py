"""Signing in: passwords to tokens, refresh rotation, limits on guessing, and the audit
of refusals.

These functions own their transactions (they take the Store, not a session) because a
refused sign-in must still be written down: the failure counts and the audit event commit
even though the caller receives an error.

Failed passwords are counted three ways (``LoginLimit``): per source address (many
accounts guessed from one place: the source is blocked), per account from one source
(that source is locked out of that account) and per account from everywhere (attempts
are spaced out, never locked: a stranger's guesses cost the owner a delay, not their
account). Every refusal is audited through ``_audit_refusal``, where repeats of one
refusal in a window become one event with a count (``eoffice.audit.repeats``).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

import jwt
from sqlalchemy import bindparam, delete, exists, select, update
from sqlalchemy.orm import Session, joinedload

from eoffice.audit.chain import record
from eoffice.audit.repeats import flush_closed, insert_or_ignore, record_repeated
from eoffice.directory.models import User
from eoffice.server.errors import (
    AccountDisabled,
    AccountLocked,
    AuthError,
    InvalidCredentials,
    LoginThrottled,
    SourceBlocked,
    TokenExpired,
    TokenInvalid,
    TokenRevoked,
)
from eoffice.server.models import LoginLimit, RefreshToken
from eoffice.server.passwords import hash_password, needs_rehash, verify_password
from eoffice.server.settings import ServerSettings
from eoffice.store import Store
from eoffice.store.base import new_id

ALGORITHM = "HS256"
USERNAME_MAX = 80
SOURCE_MAX = 100


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


#: What makes two refusals the same for the audit's tally: why, from where, for whom.
SAME_REFUSAL = ("reason", "source", "username")


def _audit_refusal(
    session: Session, settings: ServerSettings, action: str, actor_id: str | None, reason: str, /,
    *, same: tuple[str, ...] = SAME_REFUSAL, **details: Any,
) -> None:
    """Audit one refusal; its repeats within the window are counted into one event.

    Every refusal of the server comes here (sign-ins, refreshes, requests without a
    valid token, forbidden requests), and only here: anyone can provoke them, so none may
    append an event each. It must be the transaction's first audit write.
    """
    record_repeated(
        session, now=settings.clock(), window=settings.audit_repeat_window, same=same,
        actor_id=actor_id, action=action, target_type="user", target_id=actor_id or "",
        after={"reason": reason, **details},
    )


def audit_refusal(
    store: Store, settings: ServerSettings, action: str, actor_id: str | None, reason: str, /,
    *, same: tuple[str, ...] = SAME_REFUSAL, **details: Any,
) -> None:
    """Write one refusal to the audit in its own transaction (``same``: as ``_audit_refusal``)."""
    with store.write() as session:
        _audit_refusal(session, settings, action, actor_id, reason, same=same, **details)


def _limit_key(scope: str, source: str, username: str) -> str:
    return f"{scope}|{source}|{username}"


def _limit_row(session: Session, scope: str, source: str = "", username: str = "") -> LoginLimit:
    """The limit row, created if needed and locked until commit."""
    key = _limit_key(scope, source, username)
    insert_or_ignore(
        session, LoginLimit.__table__,
        {"key": key, "scope": scope, "source": source, "username": username, "failures": 0},
    )
    return session.scalars(select(LoginLimit).where(LoginLimit.key == key).with_for_update()).one()


def _source_blocked_until(session: Session, source: str, now: datetime) -> datetime | None:
    """When the source's block ends, if it is blocked now (read without a lock: logins
    from one office's address do not queue behind each other's password checks)."""
    until = session.scalar(select(LoginLimit.locked_until).where(LoginLimit.key == _limit_key("source", source, "")))
    return aware(until) if until is not None and now < aware(until) else None


def _wait(settings: ServerSettings, failures: int, longest: timedelta) -> timedelta | None:
    """How long after the latest of ``failures`` consecutive failures the next attempt waits."""
    if failures < settings.throttle_after:
        return None
    doublings = min(failures - settings.throttle_after, 40)
    return min(settings.throttle_base_delay * (1 << doublings), longest)


def _count_failure(row: LoginLimit, settings: ServerSettings, now: datetime, longest: timedelta) -> None:
    row.failures += 1
    row.last_failure_at = now
    wait = _wait(settings, row.failures, longest)
    row.next_attempt_at = now + wait if wait is not None else None


def clear_limits(session: Session, username: str) -> None:
    """Forget the failed sign-ins on an account (its password was just reset)."""
    session.execute(delete(LoginLimit).where(LoginLimit.username == username.strip().lower()))


def login(store: Store, settings: ServerSettings, username: str, password: str, *, source: str = "") -> Tokens:
    """Check a password and open a sign-in; failures count, slow down, then lock out.

    The account's rows are locked for the whole attempt, so parallel guesses for one
    username queue up (across server processes too) instead of slipping past the count.
    The source's row is read first and counted after the password check; parallel
    guesses from one source at different accounts can pass its limit by the number in
    flight, at most.
    """
    username = username.strip().lower()[:USERNAME_MAX]
    source = source[:SOURCE_MAX]
    now = settings.clock()
    error: AuthError
    with store.write() as session:
        user = session.scalars(select(User).where(User.username == username, User.deleted.is_(False))).first()
        actor_id = user.id if user else None

        def refused(reason: str, actor: str | None = actor_id, **more: Any) -> None:
            _audit_refusal(
                session, settings, "auth.login_refused", actor, reason, username=username, source=source, **more
            )

        blocked_until = _source_blocked_until(session, source, now)
        if blocked_until is not None:
            # One tally per blocked source, whichever accounts it goes on trying.
            refused("source_blocked", None, same=("reason", "source"))
            error = SourceBlocked(blocked_until - now, audited=True)
        else:
            pair = _limit_row(session, "pair", source, username)
            account = _limit_row(session, "account", "", username)
            waits = [aware(at) for at in (pair.next_attempt_at, account.next_attempt_at) if at is not None]
            if pair.locked_until is not None and now < aware(pair.locked_until):
                refused("locked")
                error = AccountLocked(aware(pair.locked_until) - now, audited=True)
            elif waits and now < max(waits):
                refused("throttled")
                error = LoginThrottled(max(waits) - now, audited=True)
            elif user is not None and verify_password(password, user.password_hash):
                session.delete(pair)
                session.delete(account)
                if user.password_hash and needs_rehash(user.password_hash):
                    user.password_hash = hash_password(password)
                flush_closed(session, now)  # counts of closed windows reach the chain
                tokens, row = _tokens(session, settings, user, new_id())
                record(
                    session, actor_id=user.id, action="auth.login", target_type="user", target_id=user.id,
                    after={"session": row.family_id, "source": source},
                )
                return tokens
            else:
                if user is None:
                    verify_password(password, None)  # same cost as a wrong password
                error = _failed(session, settings, now, pair, account, source, username, actor_id, user is not None)
    raise error


def _failed(
    session: Session, settings: ServerSettings, now: datetime, pair: LoginLimit, account: LoginLimit,
    source: str, username: str, actor_id: str | None, known: bool,
) -> AuthError:
    """Count a wrong password three ways; the error the caller gets."""
    _count_failure(pair, settings, now, settings.throttle_max_delay)
    _count_failure(account, settings, now, settings.account_max_delay)
    origin = _limit_row(session, "source", source)
    if origin.window_start is None or now >= aware(origin.window_start) + settings.source_window:
        origin.window_start, origin.failures = now, 0
    origin.failures += 1
    origin.last_failure_at = now
    _audit_refusal(
        session, settings, "auth.login_failed", actor_id, "wrong_password" if known else "unknown_user",
        username=username, source=source,
    )
    error: AuthError = InvalidCredentials(audited=True)
    if pair.failures >= settings.lock_after:
        pair.locked_until = now + settings.lock_for
        pair.next_attempt_at = None
        record(
            session, actor_id=actor_id, action="auth.account_locked", target_type="user",
            target_id=actor_id or "", after={"username": username, "source": source, "until": pair.locked_until},
        )
        error = AccountLocked(settings.lock_for, audited=True)
    if origin.failures >= settings.source_block_after:
        origin.locked_until = now + settings.source_block_for
        record(
            session, actor_id=None, action="auth.source_blocked", target_type="source", target_id="",
            after={"source": source, "failures": origin.failures, "until": origin.locked_until},
        )
        error = SourceBlocked(settings.source_block_for, audited=True)
    return error


def refresh(store: Store, settings: ServerSettings, refresh_token: str, *, source: str = "") -> Tokens:
    """Trade a refresh token for a new pair; the old one is revoked.

    Showing a token that was already replaced means two parties hold it (a copy was
    stolen): the whole sign-in family is revoked and the event audited. Refresh tokens
    are not counted against the source's limits: they are 256-bit random values nobody
    guesses, and refusing them would only stop signed-in colleagues behind one address.
    """
    source = source[:SOURCE_MAX]
    now = settings.clock()
    error: AuthError
    with store.write() as session:
        row = session.scalars(
            select(RefreshToken).where(RefreshToken.token_hash == token_digest(refresh_token)).with_for_update()
        ).first()
        if row is None:
            _audit_refusal(session, settings, "access.denied", None, "unknown_refresh_token", source=source)
            error = TokenInvalid(audited=True)
        elif row.revoked_at is not None:
            revoked = revoke_family(session, row.family_id, now)
            _audit_refusal(
                session, settings, "auth.refresh_reuse", row.user_id, "refresh_token_reused",
                same=("reason", "source", "session"), session=row.family_id, revoked=revoked, source=source,
            )
            error = TokenRevoked(audited=True)
        elif now >= aware(row.expires_at):
            _audit_refusal(session, settings, "access.denied", row.user_id, "refresh_token_expired", source=source)
            error = TokenExpired(audited=True)
        else:
            user = session.get(User, row.user_id)
            if user is None or user.deleted:
                revoke_family(session, row.family_id, now)
                _audit_refusal(session, settings, "access.denied", row.user_id, "account_disabled", source=source)
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


def authenticate(
    store: Store, settings: ServerSettings, token: str | None, *, path: str = "", source: str = ""
) -> User:
    """The signed-in user a bearer token names; every refusal is audited."""
    where: dict[str, Any] = {"path": path, "source": source[:SOURCE_MAX]}
    if not token:
        audit_refusal(store, settings, "access.denied", None, "no_token", **where)
        raise AuthError(
            "Cần đăng nhập để dùng máy chủ.", "Sign in first.", audited=True
        )
    try:
        claims = decode_access_token(settings, token)
    except (TokenExpired, TokenInvalid) as err:
        audit_refusal(store, settings, "access.denied", None, err.code, **where)
        err.audited = True
        raise
    with store.read() as session:
        found = {"user_id": str(claims["sub"]), "family_id": str(claims.get("sid"))}
        row = session.execute(_SIGNED_IN, found).unique().first()
    user, live = (row[0], bool(row[1])) if row is not None else (None, False)
    if user is None or user.deleted:
        audit_refusal(store, settings, "access.denied", claims["sub"], "account_disabled", **where)
        raise AccountDisabled(audited=True)
    if claims.get("pv") != _password_version(user):
        audit_refusal(store, settings, "access.denied", user.id, "password_changed", **where)
        raise TokenRevoked(audited=True)
    if not live:
        audit_refusal(store, settings, "access.denied", user.id, "session_revoked", **where)
        raise TokenRevoked(audited=True)
    return user

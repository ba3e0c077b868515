"""Password hashing with scrypt (memory-hard, in the standard library).

Stored form: ``scrypt$n$r$p$salt_b64$hash_b64``. The parameters travel with the hash, so
raising the cost later leaves old hashes verifiable (``needs_rehash`` tells when to
upgrade one at the next successful sign-in).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from eoffice.errors import ValidationError

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
HASH_BYTES = 32
MIN_LENGTH = 8
MAX_LENGTH = 1024  # bounds the KDF's input; nobody types more

_MAXMEM = 128 * 1024 * 1024


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _kdf(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=length)


def check_strength(password: str) -> None:
    """Refuse passwords too short to resist guessing, or absurdly long."""
    if len(password) < MIN_LENGTH:
        raise ValidationError(
            f"Mật khẩu phải có ít nhất {MIN_LENGTH} ký tự.",
            f"A password needs at least {MIN_LENGTH} characters.",
            field="password",
        )
    if len(password) > MAX_LENGTH:
        raise ValidationError(
            f"Mật khẩu dài quá {MAX_LENGTH} ký tự.", f"A password is limited to {MAX_LENGTH} characters.",
            field="password",
        )


def hash_password(password: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    salt = os.urandom(SALT_BYTES)
    digest = _kdf(password, salt, n, r, p, HASH_BYTES)
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str | None) -> bool:
    """True when ``password`` matches ``stored``; a malformed or empty hash never matches.

    With no stored hash a dummy derivation still runs, so a missing account costs the
    same time as a wrong password.
    """
    if len(password) > MAX_LENGTH:
        return False
    try:
        scheme, n_text, r_text, p_text, salt_b64, hash_b64 = (stored or "").split("$")
        n, r, p = int(n_text), int(r_text), int(p_text)
        salt, expected = base64.b64decode(salt_b64, validate=True), base64.b64decode(hash_b64, validate=True)
        if scheme != "scrypt" or not expected or n > 2**20 or r > 32 or p > 16:
            raise ValueError(scheme)
        derived = _kdf(password, salt, n, r, p, len(expected))  # ValueError for an impossible n
    except ValueError:
        _kdf(password, b"\0" * SALT_BYTES, SCRYPT_N, SCRYPT_R, SCRYPT_P, HASH_BYTES)
        return False
    return hmac.compare_digest(derived, expected)


def needs_rehash(stored: str) -> bool:
    parts = stored.split("$")
    return len(parts) != 6 or parts[0] != "scrypt" or parts[1:4] != [str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P)]

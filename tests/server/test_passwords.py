"""Password hashes: scrypt with its parameters stored beside the salt."""

from __future__ import annotations

import pytest

from eoffice.errors import ValidationError
from eoffice.server.passwords import check_strength, hash_password, needs_rehash, verify_password


def test_a_hash_names_its_parameters_and_verifies_only_its_password():
    stored = hash_password("mật khẩu dài")
    scheme, n, r, p, salt, digest = stored.split("$")
    assert (scheme, n, r, p) == ("scrypt", "16384", "8", "1")
    assert len(salt) == 24 and len(digest) == 44  # 16 and 32 bytes in base64
    assert verify_password("mật khẩu dài", stored)
    assert not verify_password("mật khẩu dai", stored)
    assert hash_password("mật khẩu dài") != stored  # a fresh salt each time
    assert not needs_rehash(stored)


def test_older_parameters_still_verify_and_ask_for_a_rehash():
    cheap = hash_password("mat-khau-1234", n=2**10)
    assert verify_password("mat-khau-1234", cheap)
    assert needs_rehash(cheap)


@pytest.mark.parametrize(
    "stored",
    [None, "", "plain", "scrypt$1$2$3$$", "scrypt$abc$8$1$AAAA$AAAA", "scrypt$3$8$1$AAAA$AAAA", "bcrypt$x$y$z$a$b"],
)
def test_a_missing_or_malformed_hash_never_matches(stored):
    assert not verify_password("anything", stored)


def test_weak_passwords_are_refused_in_vietnamese():
    with pytest.raises(ValidationError, match="ít nhất 8 ký tự"):
        check_strength("1234567")
    check_strength("12345678")

"""E-cards and USB tokens through PKCS#11: find them, read their PIN state, open a key.

The PIN is tried exactly once per call: a wrong PIN is reported with what the token now
says (one try left, locked), never retried. A token at its final try is not tried unless
the caller confirms. Keys are matched to certificates by CKA_ID, as vendors' tokens label
the two differently; a key without a matching id is matched by its public key.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from cryptography import x509

from eoffice.signing.errors import (
    FinalTryNotConfirmed,
    ModuleLoadError,
    NoKeyError,
    NoTokenError,
    SigningError,
    TokenLockedError,
    WrongPinError,
)

log = logging.getLogger(__name__)

#: Where the common PKCS#11 modules install themselves (OpenSC, SafeNet eToken, ePass2003).
DEFAULT_MODULES_LINUX = [
    "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
    "/usr/lib/opensc-pkcs11.so",
    "/usr/lib64/opensc-pkcs11.so",
    "/usr/lib/libeTPkcs11.so",
    "/usr/lib/libcastle.so.1.0.0",
    "/usr/lib/libshuttle_p11v220.so",
]
DEFAULT_MODULES_WINDOWS = [
    r"C:\Windows\System32\opensc-pkcs11.dll",
    r"C:\Windows\System32\eTPKCS11.dll",
    r"C:\Windows\System32\eps2003csp11.dll",
    r"C:\Windows\System32\ShuttleCsp11_3003.dll",
]
DEFAULT_MODULES_MACOS = [
    "/Library/OpenSC/lib/opensc-pkcs11.so",
    "/usr/local/lib/libeTPkcs11.dylib",
]


def default_module_paths() -> list[str]:
    """The usual module locations on this operating system (existing or not)."""
    if sys.platform.startswith("win"):
        return list(DEFAULT_MODULES_WINDOWS)
    if sys.platform == "darwin":
        return list(DEFAULT_MODULES_MACOS)
    return list(DEFAULT_MODULES_LINUX)


@dataclass(frozen=True)
class PinState:
    """The token's own PIN flags (CKF_USER_PIN_*), read before any login."""

    count_low: bool = False
    final_try: bool = False
    locked: bool = False
    to_be_changed: bool = False
    pin_pad: bool = False

    @classmethod
    def from_flags(cls, flags: int) -> PinState:
        from pkcs11 import TokenFlag

        return cls(
            count_low=bool(flags & TokenFlag.USER_PIN_COUNT_LOW),
            final_try=bool(flags & TokenFlag.USER_PIN_FINAL_TRY),
            locked=bool(flags & TokenFlag.USER_PIN_LOCKED),
            to_be_changed=bool(flags & TokenFlag.USER_PIN_TO_BE_CHANGED),
            pin_pad=bool(flags & TokenFlag.PROTECTED_AUTHENTICATION_PATH),
        )

    def warning(self, language: str = "vi") -> str:
        """What to tell the user before they type the PIN ("" when nothing)."""
        if self.locked:
            return TokenLockedError().message(language)
        if self.final_try:
            return FinalTryNotConfirmed().message(language)
        if self.count_low:
            return (
                "Lần trước đã nhập sai mã PIN; số lần nhập còn lại đã giảm."
                if language != "en"
                else "A wrong PIN was entered before; fewer tries are left."
            )
        return ""


@dataclass(frozen=True)
class CertificateInfo:
    """One certificate as shown to the user, with where it came from."""

    subject: str
    issuer: str
    common_name: str
    not_before: datetime
    not_after: datetime
    serial: int
    key_id: str = ""  # CKA_ID in hex, "" for a PKCS#12 file
    label: str = ""
    is_ca: bool = False
    der: bytes = field(default=b"", repr=False)

    @classmethod
    def from_cert(cls, cert: x509.Certificate, key_id: bytes = b"", label: str = "") -> CertificateInfo:
        try:
            is_ca = cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
        except x509.ExtensionNotFound:
            is_ca = False
        from cryptography.hazmat.primitives.serialization import Encoding

        return cls(
            subject=cert.subject.rfc4514_string(),
            issuer=cert.issuer.rfc4514_string(),
            common_name=common_name(cert),
            not_before=cert.not_valid_before_utc,
            not_after=cert.not_valid_after_utc,
            serial=cert.serial_number,
            key_id=key_id.hex(),
            label=label,
            is_ca=is_ca,
            der=cert.public_bytes(Encoding.DER),
        )

    def valid_at(self, moment: datetime | None = None) -> bool:
        moment = moment or datetime.now(timezone.utc)
        return self.not_before <= moment <= self.not_after

    @property
    def certificate(self) -> x509.Certificate:
        return x509.load_der_x509_certificate(self.der)


def common_name(cert: x509.Certificate, which: str = "subject") -> str:
    from cryptography.x509.oid import NameOID

    name = cert.subject if which == "subject" else cert.issuer
    values = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(values[0].value) if values else name.rfc4514_string()


@dataclass(frozen=True)
class TokenInfo:
    """A token found in a slot of a module: what the key chooser lists."""

    module: str
    slot_id: int
    label: str
    serial: str
    manufacturer: str
    model: str
    pin: PinState
    certificates: tuple[CertificateInfo, ...] = ()

    @property
    def signing_certificates(self) -> tuple[CertificateInfo, ...]:
        """The end-entity certificates (a key to sign with sits beside each on a real card)."""
        return tuple(c for c in self.certificates if not c.is_ca)


def _load(module: str):  # type: ignore[no-untyped-def]
    import pkcs11

    if not Path(module).is_file():
        raise ModuleLoadError(module, "no such file")
    try:
        return pkcs11.lib(module)
    except pkcs11.PKCS11Error as err:
        raise ModuleLoadError(module, str(err)) from err


def _certificates_on(session) -> list[tuple[x509.Certificate, bytes, str]]:  # type: ignore[no-untyped-def]
    from pkcs11 import Attribute, ObjectClass

    found = []
    for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
        try:
            cert = x509.load_der_x509_certificate(obj[Attribute.VALUE])
        except ValueError:
            continue
        try:
            key_id = bytes(obj[Attribute.ID] or b"")
        except Exception:  # noqa: BLE001 - an optional attribute, which some drivers fail to read their own way
            key_id = b""
        try:
            label = str(obj[Attribute.LABEL] or "")
        except Exception:  # noqa: BLE001 - as above
            label = ""
        found.append((cert, key_id, label))
    return found


def list_tokens(module_paths: list[str] | None = None) -> list[TokenInfo]:
    """Every token in every configured module that loads; modules that fail are logged.

    Reads certificates without logging in (they are public objects on a token).
    """
    import pkcs11

    tokens: list[TokenInfo] = []
    for module in module_paths if module_paths is not None else default_module_paths():
        if not Path(module).is_file():
            continue
        try:
            lib = _load(module)
            slots = lib.get_slots(token_present=True)
        except (ModuleLoadError, pkcs11.PKCS11Error) as err:
            log.warning("PKCS#11 module %s: %s", module, err)
            continue
        for slot in slots:
            try:
                token = slot.get_token()
            except pkcs11.PKCS11Error:
                continue
            if not token.flags & pkcs11.TokenFlag.TOKEN_INITIALIZED:
                continue
            certs: list[CertificateInfo] = []
            try:
                with token.open() as session:
                    certs = [CertificateInfo.from_cert(c, i, lbl) for c, i, lbl in _certificates_on(session)]
            except pkcs11.PKCS11Error as err:
                log.warning("token %r in %s: cannot list certificates: %s", token.label, module, err)
            tokens.append(
                TokenInfo(
                    module=module,
                    slot_id=slot.slot_id,
                    label=token.label,
                    serial=token.serial.decode("ascii", "replace"),
                    manufacturer=token.manufacturer_id,
                    model=token.model,
                    pin=PinState.from_flags(token.flags),
                    certificates=tuple(certs),
                )
            )
    return tokens


def _find_token(module: str, label: str):  # type: ignore[no-untyped-def]
    import pkcs11

    lib = _load(module)
    matches = []
    for slot in lib.get_slots(token_present=True):
        try:
            token = slot.get_token()
        except pkcs11.PKCS11Error:
            continue
        if token.label == label or (not label and token.flags & pkcs11.TokenFlag.TOKEN_INITIALIZED):
            matches.append(token)
    if not matches:
        raise NoTokenError(label, module)
    if len(matches) > 1 and not label:
        raise SigningError(
            "Có nhiều thẻ ký số đang cắm; hãy chọn thẻ theo nhãn (--token-label).",
            "Several tokens are plugged in; choose one by its label (--token-label).",
        )
    return matches[0]


def token_pin_state(module: str, label: str) -> PinState:
    """The token's PIN flags now (fresh token info; no login)."""
    return PinState.from_flags(_find_token(module, label).flags)


def _public_numbers_match(private_key, cert: x509.Certificate) -> bool:  # type: ignore[no-untyped-def]
    from cryptography.hazmat.primitives.asymmetric import rsa
    from pkcs11 import Attribute

    public = cert.public_key()
    if isinstance(public, rsa.RSAPublicKey):
        try:
            modulus = int.from_bytes(private_key[Attribute.MODULUS], "big")
        except Exception:  # noqa: BLE001 - a key that hides its modulus is not this certificate's
            return False
        return modulus == public.public_numbers().n
    return False


@dataclass
class TokenKey:
    """An open, logged-in session with the chosen key and its certificate."""

    session: object
    key_id: bytes
    certificate: x509.Certificate
    ca_certificates: list[x509.Certificate]
    token_label: str


def _choose_key(session, key_id: bytes | None) -> tuple[bytes, x509.Certificate]:  # type: ignore[no-untyped-def]
    from pkcs11 import Attribute, ObjectClass

    certs = _certificates_on(session)
    keys = list(session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY, Attribute.SIGN: True}))
    pairs: list[tuple[bytes, x509.Certificate]] = []
    for key in keys:
        kid = bytes(key[Attribute.ID] or b"")
        match = [c for c, cid, _ in certs if kid and cid == kid]
        if not match:  # ids differ or are missing: compare the public key
            match = [c for c, _cid, _ in certs if _public_numbers_match(key, c)]
        for cert in match:
            pairs.append((kid, cert))
    pairs = list(dict.fromkeys(pairs))  # a certificate stored twice is still one key
    if key_id is not None:
        pairs = [p for p in pairs if p[0] == key_id]
        if not pairs:
            raise NoKeyError(f"không có khóa mã {key_id.hex()}", f"no key with id {key_id.hex()}")
    if not pairs:
        raise NoKeyError()
    now = datetime.now(timezone.utc)
    valid = [p for p in pairs if p[1].not_valid_before_utc <= now <= p[1].not_valid_after_utc]
    candidates = valid or pairs
    if len(candidates) > 1:
        ids = ", ".join(p[0].hex() for p in candidates)
        raise SigningError(
            f"Thẻ có nhiều khóa ký ({ids}); hãy chọn một (--key-id).",
            f"The token holds several signing keys ({ids}); choose one (--key-id).",
        )
    return candidates[0]


@contextmanager
def open_token_key(
    module: str, token_label: str, pin: str | None, *, key_id: bytes | None = None, confirm_final_try: bool = False
) -> Iterator[TokenKey]:
    """Log in once with ``pin`` and yield the chosen key; the session closes after.

    ``pin=None`` on a token with a PIN pad lets the reader ask for it.
    """
    import pkcs11
    from pkcs11.exceptions import PinIncorrect, PinInvalid, PinLenRange, PinLocked

    token = _find_token(module, token_label)
    state = PinState.from_flags(token.flags)
    if state.locked:
        raise TokenLockedError(token.label)
    if state.final_try and not confirm_final_try:
        raise FinalTryNotConfirmed()
    if pin is None and not state.pin_pad:
        raise WrongPinError()
    try:
        session = token.open(user_pin=pin if pin is not None else pkcs11.PROTECTED_AUTH)
    except (PinIncorrect, PinInvalid, PinLenRange):
        after = token_pin_state(module, token.label)
        raise WrongPinError(final_try_next=after.final_try, locked=after.locked) from None
    except PinLocked:
        raise TokenLockedError(token.label) from None
    except pkcs11.PKCS11Error as err:
        raise SigningError(
            "Thẻ ký số không phản hồi; hãy rút ra cắm lại.",
            "The e-card does not answer; unplug it and plug it in again.",
            detail=f"login to {token.label!r} failed: {err!r}",
        ) from err
    try:
        chosen_id, cert = _choose_key(session, key_id)
        others = [
            c for c, _i, _l in _certificates_on(session) if c != cert and _is_ca(c)
        ]
        yield TokenKey(session, chosen_id, cert, others, token.label)
    finally:
        try:
            session.close()
        except pkcs11.PKCS11Error as err:  # the card was pulled out: nothing left to close
            log.info("closing the token session: %s", err)


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False


def module_paths_from_env() -> list[str] | None:
    """``EOFFICE_PKCS11_MODULES`` (os.pathsep-separated) overrides the configured list."""
    value = os.environ.get("EOFFICE_PKCS11_MODULES")
    return [p for p in value.split(os.pathsep) if p] if value else None

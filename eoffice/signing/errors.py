"""What can go wrong with an e-card or a signature, in words a clerk understands.

Each is a DomainError (Vietnamese first, English beside). A PIN error never leads to a
second try by the program: the user types the PIN again, or not.
"""

from __future__ import annotations

import logging

from eoffice.errors import DomainError, InvalidFileError

log = logging.getLogger(__name__)


class SigningError(DomainError):
    """Signing could not be done; the input file is unchanged.

    ``detail`` is for the log and an admin (a module's path, a file, a library's words):
    never part of the message a clerk reads.
    """

    detail: str = ""

    def __init__(self, message_vi: str, message_en: str = "", *, field: str | None = None, detail: str = "") -> None:
        super().__init__(message_vi, message_en, field=field)
        if detail:
            self.detail = detail
            log.info("%s: %s", type(self).__name__, detail)


class NoTokenError(SigningError):
    """No e-card or USB token with the asked label is plugged in."""

    def __init__(self, label: str = "", module: str = "") -> None:
        what = f" “{label}”" if label else ""
        super().__init__(
            f"Không tìm thấy thẻ ký số{what}. Hãy cắm thẻ rồi thử lại.",
            f"No e-card{what} found. Plug it in and try again.",
            detail=f"no token {label!r} through the PKCS#11 module {module}" if module else "",
        )


class ModuleLoadError(SigningError):
    """A configured PKCS#11 module cannot be loaded (missing file, wrong architecture)."""

    def __init__(self, module: str, detail: str = "") -> None:
        super().__init__(
            "Không dùng được phần mềm của thẻ ký số; hãy cài lại phần mềm của nhà cung cấp chữ ký số "
            "hoặc báo quản trị hệ thống.",
            "Cannot use the e-card's software; reinstall the signature provider's software or ask the administrator.",
            detail=f"cannot load the PKCS#11 module {module}" + (f": {detail}" if detail else ""),
        )
        self.module = module


class WrongPinError(SigningError):
    """The token refused the PIN; the program did not try again."""

    def __init__(self, final_try_next: bool = False, locked: bool = False) -> None:
        if locked:
            vi = "Mã PIN sai. Thẻ đã bị khóa do nhập sai quá số lần cho phép."
            en = "Wrong PIN. The token is now locked after too many wrong PINs."
        elif final_try_next:
            vi = "Mã PIN sai. Chỉ còn MỘT lần nhập: nếu sai nữa thẻ sẽ bị khóa."
            en = "Wrong PIN. One try is left: another wrong PIN locks the token."
        else:
            vi = "Mã PIN sai. Chương trình không tự thử lại; hãy kiểm tra và nhập lại."
            en = "Wrong PIN. The program does not try again by itself; check it and type it again."
        super().__init__(vi, en, field="pin")
        self.final_try_next = final_try_next
        self.locked = locked


class TokenLockedError(SigningError):
    """The user PIN is locked: only the card's issuer (or its SO PIN) can unlock it."""

    def __init__(self, label: str = "") -> None:
        what = f" “{label}”" if label else ""
        super().__init__(
            f"Thẻ ký số{what} đã bị khóa mã PIN. Hãy liên hệ tổ chức cung cấp chứng thư số để mở khóa.",
            f"The PIN of token{what} is locked. Ask the certificate provider to unlock it.",
        )


class FinalTryNotConfirmed(SigningError):
    """The token is at its final PIN try and the user did not confirm going on."""

    def __init__(self) -> None:
        super().__init__(
            "Thẻ chỉ còn một lần nhập PIN. Hãy xác nhận trước khi nhập, vì sai nữa thẻ sẽ bị khóa.",
            "The token has one PIN try left; confirm before typing it, a wrong PIN locks the token.",
            field="pin",
        )


class NoKeyError(SigningError):
    """The token (or file) has no private key with a certificate to sign with."""

    def __init__(self, detail_vi: str = "", detail_en: str = "") -> None:
        super().__init__(
            "Không có khóa ký số kèm chứng thư trên thẻ" + (f": {detail_vi}" if detail_vi else "."),
            "No signing key with a certificate on the token" + (f": {detail_en}" if detail_en else "."),
        )


class WrongPasswordError(SigningError):
    """The PIN (the PKCS#12 file's password) is wrong, or the file is not PKCS#12.

    The user typed a PIN for a certificate: they are told so, not about files and formats.
    """

    def __init__(self, path: str = "") -> None:
        super().__init__(
            "Mã PIN sai. Chương trình không tự thử lại; hãy kiểm tra và nhập lại.",
            "Wrong PIN. The program does not try again by itself; check it and type it again.",
            field="pin",
            detail=f"PKCS#12 file {path}: wrong password, or not a PKCS#12 file" if path else "",
        )


class CertificateNotUsable(SigningError):
    """The certificate is expired, not yet valid or not for signing."""


class DocumentLockedError(SigningError):
    """An earlier certification signature forbids adding signatures."""

    def __init__(self) -> None:
        super().__init__(
            "Văn bản đã được ký chứng nhận không cho phép ký thêm.",
            "The document carries a certification signature that forbids further signatures.",
        )


class UnreadablePdfError(InvalidFileError):
    """The file is not a PDF that can be read (or signed)."""

    def __init__(self, path: str = "", detail: str = "") -> None:
        super().__init__(
            f"Không đọc được tệp PDF {path}".rstrip() + (f" ({detail})." if detail else "."),
            f"Cannot read the PDF file {path}".rstrip() + (f" ({detail})." if detail else "."),
        )


class TimestampError(SigningError):
    """The configured timestamp server did not answer or answered wrongly."""

    def __init__(self, url: str, detail: str = "") -> None:
        super().__init__(
            f"Không lấy được dấu thời gian từ máy chủ {url}. Văn bản chưa được ký.",
            f"No timestamp from the server {url}{': ' + detail if detail else ''}. Nothing was signed.",
        )

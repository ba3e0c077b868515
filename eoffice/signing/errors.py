"""What can go wrong with an e-card or a signature, in words a clerk understands.

Each is a DomainError (Vietnamese first, English beside). A PIN error never leads to a
second try by the program: the user types the PIN again, or not.
"""

from __future__ import annotations

from eoffice.errors import DomainError, InvalidFileError


class SigningError(DomainError):
    """Signing could not be done; the input file is unchanged."""


class NoTokenError(SigningError):
    """No e-card or USB token with the asked label is plugged in."""

    def __init__(self, label: str = "", module: str = "") -> None:
        what = f" “{label}”" if label else ""
        where = f" (thư viện {module})" if module else ""
        where_en = f" (module {module})" if module else ""
        super().__init__(
            f"Không tìm thấy thẻ ký số / USB token{what}{where}. Hãy cắm thẻ rồi thử lại.",
            f"No e-card or USB token{what} found{where_en}. Plug it in and try again.",
        )


class ModuleLoadError(SigningError):
    """A configured PKCS#11 module cannot be loaded (missing file, wrong architecture)."""

    def __init__(self, module: str, detail: str = "") -> None:
        super().__init__(
            f"Không nạp được thư viện PKCS#11 “{module}”. Hãy kiểm tra đường dẫn trong phần quản trị.",
            f"Cannot load the PKCS#11 module “{module}”{': ' + detail if detail else ''}.",
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
    """The PKCS#12 file's password is wrong (or the file is not PKCS#12)."""

    def __init__(self, path: str = "") -> None:
        super().__init__(
            f"Mật khẩu tệp chứng thư số {path} không đúng, hoặc tệp không phải PKCS#12.".replace("  ", " "),
            f"Wrong password for the certificate file {path}, or it is not a PKCS#12 file.".replace("  ", " "),
            field="pin",
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

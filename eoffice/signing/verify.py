"""Verifying the signatures of a PDF: intact, trusted, valid when made, what came after.

Built on pyHanko's validator with the admin's trusted roots (never the operating
system's store) and no network unless asked. A signature passes (bottom line) when it is
intact, its chain reaches a trusted root, its certificate was valid and not revoked at
signing time, and nothing but form filling (a later signature counts as that) or
validation data was added after it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from eoffice.signing.appearance import iso_vn
from eoffice.signing.errors import UnreadablePdfError

log = logging.getLogger(__name__)
# pyHanko logs a traceback for every chain it cannot build; the report already says it.
logging.getLogger("pyhanko.sign.validation.generic_cms").setLevel(logging.ERROR)

#: What changed after a signature, in the issue's words.
CHANGES = ("none", "form_filling", "annotations", "other")
SAFE_CHANGES = ("none", "form_filling")

CHANGE_LABELS = {
    "none": ("không có thay đổi", "nothing"),
    "form_filling": ("chỉ điền biểu mẫu hoặc ký thêm", "form filling or further signatures only"),
    "annotations": ("thêm hoặc sửa chú thích", "annotations added or changed"),
    "other": ("nội dung bị thay đổi", "other changes to the content"),
    "unknown": ("không xác định được", "could not be determined"),
}


@dataclass(frozen=True)
class Problem:
    code: str
    message_vi: str
    message_en: str

    def message(self, language: str = "vi") -> str:
        return self.message_en if language == "en" else self.message_vi


@dataclass(frozen=True)
class SignatureReport:
    """One signature, as the signatures panel and ``eoffice verify`` show it."""

    field_name: str
    signer: str  # the certificate's common name
    signer_subject: str
    issuer: str
    serial: str
    signing_time: datetime | None
    time_source: str  # "timestamp" (trusted TSA), "claimed" (the signer's clock) or ""
    intact: bool  # the signed bytes are unchanged and the signature matches them
    trusted: bool  # the chain reaches a trusted root and is valid now
    trust_problem: str  # pyHanko's sub-indication when not trusted
    valid_at_signing: bool  # the certificate was in its validity and not revoked then
    revoked: bool
    coverage: str  # "whole_file", "revision" (later updates exist), "partial", "unclear"
    covered_bytes: int
    changes_after: str  # one of CHANGES, or "unknown"
    timestamped: bool
    long_term: bool  # validation data (DSS) embedded
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["signing_time"] = iso_vn(self.signing_time) if self.signing_time else None
        data["problems"] = [{"code": p.code, "vi": p.message_vi, "en": p.message_en} for p in self.problems]
        data["ok"] = self.ok
        return data


@dataclass(frozen=True)
class VerificationReport:
    path: str
    size: int
    signatures: tuple[SignatureReport, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        """Signed, and every signature passes."""
        return bool(self.signatures) and all(s.ok for s in self.signatures)

    def summary(self, language: str = "vi") -> str:
        if not self.signatures:
            return "Tệp không có chữ ký số." if language != "en" else "The file carries no digital signature."
        bad = sum(1 for s in self.signatures if not s.ok)
        n = len(self.signatures)
        if not bad:
            return (f"Cả {n} chữ ký số hợp lệ." if language != "en" else f"All {n} signature(s) are valid.")
        return (
            f"{bad}/{n} chữ ký số KHÔNG hợp lệ." if language != "en" else f"{bad} of {n} signature(s) are NOT valid."
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.path,
            "size": self.size,
            "ok": self.ok,
            "summary": {"vi": self.summary("vi"), "en": self.summary("en")},
            "signatures": [s.to_dict() for s in self.signatures],
        }


def load_trust_roots(paths: Iterable[Path]) -> list[x509.Certificate]:
    """Certificates from PEM/DER files (a PEM file may hold many)."""
    from eoffice.errors import ValidationError
    from eoffice.signing.keys import load_certificates

    roots: list[x509.Certificate] = []
    for path in paths:
        try:
            roots.extend(load_certificates(Path(path).read_bytes()))
        except (OSError, ValueError) as err:
            raise ValidationError(
                f"Không đọc được chứng thư gốc {path}.", f"Cannot read the root certificate {path}: {err}.",
                field="trust",
            ) from err
    return roots


def _asn1(cert: x509.Certificate):  # type: ignore[no-untyped-def]
    from asn1crypto import x509 as asn1_x509

    return asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))


def _validation_context(roots, crls, allow_fetching: bool):  # type: ignore[no-untyped-def]
    from pyhanko_certvalidator import ValidationContext

    from eoffice.signing.pades import _load_crls

    return ValidationContext(
        trust_roots=[_asn1(c) for c in roots],
        crls=_load_crls(crls),
        allow_fetching=allow_fetching,
        revocation_mode="soft-fail",
    )


def _coverage(level) -> str:  # type: ignore[no-untyped-def]
    from pyhanko.sign.validation.status import SignatureCoverageLevel as C

    return {
        C.ENTIRE_FILE: "whole_file",
        C.ENTIRE_REVISION: "revision",
        C.CONTIGUOUS_BLOCK_FROM_START: "partial",
    }.get(level, "unclear")


def _changes(level) -> str:  # type: ignore[no-untyped-def]
    from pyhanko.sign.diff_analysis import ModificationLevel as M

    if level is None:
        return "unknown"
    return {
        M.NONE: "none",
        M.LTA_UPDATES: "none",
        M.FORM_FILLING: "form_filling",
        M.ANNOTATIONS: "annotations",
    }.get(level, "other")


def _report(embedded, vc, dss_present: bool) -> SignatureReport:  # type: ignore[no-untyped-def]
    from pyhanko.sign.validation import validate_pdf_signature

    status = validate_pdf_signature(embedded, vc)
    cert = x509.load_der_x509_certificate(status.signing_cert.dump())
    from eoffice.signing.tokens import common_name

    ts = status.timestamp_validity
    timestamped = ts is not None
    if ts is not None and ts.intact and ts.valid and ts.trusted:
        signing_time, source = ts.timestamp, "timestamp"
    elif status.signer_reported_dt is not None:
        signing_time, source = status.signer_reported_dt, "claimed"
    else:
        signing_time, source = None, ""
    revoked = bool(status.revocation_details is not None)
    moment = signing_time or datetime.now(timezone.utc)
    in_window = cert.not_valid_before_utc <= moment <= cert.not_valid_after_utc
    revoked_before = revoked and status.revocation_details.revocation_date <= moment
    valid_at_signing = in_window and not revoked_before
    coverage = _coverage(status.coverage)
    changes = _changes(status.modification_level)
    covered = sum(int(embedded.byte_range[i + 1]) for i in range(0, len(embedded.byte_range), 2))

    problems: list[Problem] = []
    if not (status.intact and status.valid):
        problems.append(Problem(
            "not_intact", "Nội dung đã ký bị thay đổi hoặc chữ ký không khớp.",
            "The signed content was altered or the signature does not match it.",
        ))
    if not status.trusted:
        indic = status.trust_problem_indic.name if status.trust_problem_indic else ""
        if revoked:
            problems.append(Problem("revoked", "Chứng thư số đã bị thu hồi.", "The certificate was revoked."))
        elif indic.startswith("OUT_OF_BOUNDS") or indic == "EXPIRED":
            problems.append(Problem(
                "expired", "Chứng thư số đã hết hạn hoặc chưa có hiệu lực.",
                "The certificate is expired or not yet valid.",
            ))
        else:
            problems.append(Problem(
                "untrusted", "Chứng thư số không thuộc tổ chức chứng thực được tin cậy.",
                "The certificate does not chain to a trusted root.",
            ))
    if not valid_at_signing and not any(p.code in ("expired", "revoked") for p in problems):
        problems.append(Problem(
            "invalid_at_signing", "Chứng thư số không còn hiệu lực tại thời điểm ký.",
            "The certificate was not valid at signing time.",
        ))
    if timestamped and not (ts.intact and ts.valid and ts.trusted):
        problems.append(Problem("bad_timestamp", "Dấu thời gian không hợp lệ.", "The timestamp is not valid."))
    if coverage in ("partial", "unclear"):
        problems.append(Problem(
            "coverage", "Chữ ký không bao trùm toàn bộ văn bản tại thời điểm ký.",
            "The signature does not cover the whole document as it was signed.",
        ))
    if changes not in SAFE_CHANGES:
        vi, en = CHANGE_LABELS[changes]
        problems.append(Problem("changed_after", f"Sau khi ký: {vi}.", f"After signing: {en}."))
    return SignatureReport(
        field_name=str(embedded.field_name),
        signer=common_name(cert),
        signer_subject=cert.subject.rfc4514_string(),
        issuer=cert.issuer.rfc4514_string(),
        serial=format(cert.serial_number, "x"),
        signing_time=signing_time,
        time_source=source,
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        trust_problem=status.trust_problem_indic.name if status.trust_problem_indic else "",
        valid_at_signing=valid_at_signing,
        revoked=revoked,
        coverage=coverage,
        covered_bytes=covered,
        changes_after=changes,
        timestamped=timestamped,
        long_term=dss_present,
        problems=tuple(problems),
    )


def verify_pdf(
    path: Path,
    trust_roots: Iterable[x509.Certificate],
    *,
    crls: Iterable[bytes] = (),
    allow_fetching: bool = False,
) -> VerificationReport:
    """Every signature of ``path`` checked against ``trust_roots``; the file is read, not loaded."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    path = Path(path)
    roots = list(trust_roots)
    crl_list = list(crls)
    try:
        handle = open(path, "rb")
    except OSError as err:
        raise UnreadablePdfError(str(path), err.strerror or str(err)) from err
    with handle:
        try:
            reader = PdfFileReader(handle, strict=False)
            if reader.security_handler is not None:
                raise UnreadablePdfError(str(path), "tệp có mật khẩu / the file is encrypted")
            signatures = reader.embedded_regular_signatures
            dss_present = "/DSS" in reader.root
        except (PdfError, ValueError, KeyError, IndexError, TypeError) as err:
            raise UnreadablePdfError(str(path), str(err)) from err
        reports = []
        for embedded in signatures:
            vc = _validation_context(roots, crl_list, allow_fetching)
            try:
                reports.append(_report(embedded, vc, dss_present))
            except (PdfError, ValueError, KeyError) as err:
                log.warning("signature %s of %s cannot be checked: %s", embedded.field_name, path, err)
                reports.append(_broken(str(embedded.field_name), str(err)))
        size = path.stat().st_size
    return VerificationReport(str(path), size, tuple(reports))


def _broken(field_name: str, detail: str) -> SignatureReport:
    return SignatureReport(
        field_name=field_name, signer="", signer_subject="", issuer="", serial="", signing_time=None, time_source="",
        intact=False, trusted=False, trust_problem="", valid_at_signing=False, revoked=False, coverage="unclear",
        covered_bytes=0, changes_after="unknown", timestamped=False, long_term=False,
        problems=(Problem("unreadable", f"Không đọc được chữ ký ({detail}).", f"The signature cannot be read ({detail})."),),
    )
